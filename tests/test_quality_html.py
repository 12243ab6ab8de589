"""Valid HTML: the Nu HTML Checker (npm vnu-jar, run by Java) reports no error on any built
page, apart from the theme's own errors listed with their reason in tests/vnu_allowlist.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from vnu_allowlist import ALLOWLIST

pytestmark = pytest.mark.build

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CANARY = (
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>canari</title></head>'
    '<body><p>texte</p></p><img src="x.png"></body></html>'
)


@pytest.fixture(scope="module")
def vnu_report(site: Path, site_pages: list[Path], tmp_path_factory: pytest.TempPathFactory):
    """One run of the checker over every page of the site plus a page known to be invalid."""
    java = shutil.which("java")
    assert java, "Java is missing: run scripts/setup.sh as root (installs default-jre-headless)"
    assert VNU.is_file(), f"{VNU} is missing: run scripts/setup.sh (npm ci)"
    canary = tmp_path_factory.mktemp("vnu") / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    files = [str(page) for page in site_pages] + [str(canary)]
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    # vnu writes its JSON report on stderr and exits 1 when it found errors.
    report = json.loads(result.stderr)
    messages: list[dict[str, Any]] = report["messages"]
    canary_uri = canary.as_uri()
    return {
        "pages": len(site_pages),
        "site": [m for m in messages if not str(m.get("url", "")).endswith(canary_uri[7:])],
        "canary": [m for m in messages if str(m.get("url", "")).endswith(canary_uri[7:])],
    }


def describe(message: dict[str, Any]) -> str:
    extract = " ".join(str(message.get("extract", "")).split())[:160]
    return f"{message.get('url')}:{message.get('lastLine')}: {message.get('message')}\n    {extract}"


def test_checker_catches_invalid_html(vnu_report: dict[str, Any]) -> None:
    found = " ".join(str(m.get("message")) for m in vnu_report["canary"])
    assert "No “p” element in scope" in found, found
    assert "must have an “alt” attribute" in found, found


def test_no_html_error_outside_the_allowlist(vnu_report: dict[str, Any]) -> None:
    errors = [m for m in vnu_report["site"] if m.get("type") in {"error", "non-document-error"}]
    allowed = [m for m in errors if any(entry.matches(m) for entry in ALLOWLIST)]
    remaining = [m for m in errors if m not in allowed]
    print(
        f"vnu: {vnu_report['pages']} pages, {len(errors)} errors, {len(allowed)} allow-listed "
        f"({len(ALLOWLIST)} entries), {len(remaining)} left"
    )
    assert not remaining, f"{len(remaining)} HTML errors:\n" + "\n".join(map(describe, remaining))


def test_every_allowlist_entry_is_still_needed(vnu_report: dict[str, Any]) -> None:
    unused = [entry.why for entry in ALLOWLIST if not any(map(entry.matches, vnu_report["site"]))]
    assert not unused, f"allow-list entries that match no error any more, remove them: {unused}"
