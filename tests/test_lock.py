"""requirements.lock, which scripts/setup.sh installs with --require-hashes, must follow
pyproject.toml: every requirement met by a locked version, nothing locked that nothing asks
for, a hash for each package. When this fails, run scripts/lock.sh and commit the lock."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import metadata

from conftest import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LOCK = ROOT / "requirements.lock"
PROJECT = "guide-accompagnement (pyproject.toml)"
TOOLS = "-r .cache/lock/tools.in"  # build requirements and pip (scripts/lock.sh)
_ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


@dataclass
class Locked:
    version: str
    hashes: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)


def read_lock() -> dict[str, Locked]:
    entries: dict[str, Locked] = {}
    current: Locked | None = None
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        entry = _ENTRY.match(line)
        if entry:
            current = entries[canonicalize_name(entry.group(1))] = Locked(entry.group(2))
            continue
        assert current is not None or line.startswith("#"), line
        text = line.strip()
        if text.startswith("--hash=sha256:") and current:
            current.hashes.append(text.split(":", 1)[1].rstrip(" \\"))
        elif text.startswith("# via") and current:
            current.via += [text.removeprefix("# via").strip()] if text != "# via" else []
        elif text.startswith("#   ") and current:
            current.via.append(text.removeprefix("#").strip())
    return entries


def requirements() -> dict[str, list[Requirement]]:
    """pyproject.toml's requirements, by what asks for them (the names used in the lock)."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    direct = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    return {
        PROJECT: [Requirement(r) for r in direct],
        TOOLS: [Requirement(r) for r in [*pyproject["build-system"]["requires"], "pip"]],
    }


def test_lock_is_written_by_the_lock_script() -> None:
    assert LOCK.read_text(encoding="utf-8").splitlines()[1].strip() == "#    scripts/lock.sh"


def test_every_requirement_is_locked_at_a_version_it_accepts() -> None:
    locked = read_lock()
    stale = []
    for requirement in [r for group in requirements().values() for r in group]:
        entry = locked.get(canonicalize_name(requirement.name))
        if entry is None or not requirement.specifier.contains(entry.version, prereleases=True):
            found = entry.version if entry else "nothing"
            stale.append(f"{requirement} (locked: {found})")
    assert not stale, "requirements.lock is stale, run scripts/lock.sh: " + "; ".join(stale)


def test_nothing_is_locked_that_nothing_asks_for() -> None:
    locked = read_lock()
    asked = {origin: {canonicalize_name(r.name) for r in group} for origin, group in requirements().items()}
    stale = []
    for name, entry in locked.items():
        assert entry.via, f"{name}: no '# via' line in requirements.lock"
        for origin in entry.via:
            if origin in asked and name not in asked[origin]:
                stale.append(f"{name} (locked for {origin}, which no longer asks for it)")
            elif origin not in asked and canonicalize_name(origin) not in locked:
                stale.append(f"{name} (locked for {origin}, which is not locked)")
    assert not stale, "requirements.lock is stale, run scripts/lock.sh: " + "; ".join(stale)


def test_every_package_has_hashes() -> None:
    for name, entry in read_lock().items():
        assert entry.hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in entry.hashes), name


def test_the_environment_is_the_locked_one() -> None:
    """scripts/setup.sh installed exactly the locked versions."""
    different = []
    for name, entry in read_lock().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = "nothing"
        if installed != entry.version:
            different.append(f"{name}: locked {entry.version}, installed {installed}")
    assert not different, "run scripts/setup.sh: " + "; ".join(different)
