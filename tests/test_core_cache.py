"""The core's cache (guide.build) and the PDFs' plans (guide.pdfplan): a build in which no input
changed reads the rendered pages back; any change to an input is validated and rendered again."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, mkdocs_build

from guide.build import CoreBuild, core_build, inputs_key
from guide.errors import ContentErrors

SITE_URL = "https://guide.example/"


def _nav() -> object:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav_block = text[text.index("\nnav:") :]
    return yaml.safe_load(nav_block.split("\n\n", 1)[0])["nav"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The inputs of the core: content/, templates/ and docs/ in a folder of their own."""
    root = tmp_path / "project"
    for folder in ("content", "templates", "docs"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def _build(root: Path, cache: Path | None, *, site_url: str = SITE_URL, nav: object = None) -> CoreBuild:
    return core_build(
        root, root / "content", root / "docs", site_url=site_url, nav=nav or _nav(), cache_dir=cache
    )


def _same(a: CoreBuild, b: CoreBuild) -> bool:
    return (a.pages, a.inserted, a.nav, a.abbreviations, a.removals) == (
        b.pages,
        b.inserted,
        b.nav,
        b.abbreviations,
        b.removals,
    )


def test_a_second_build_reads_the_same_pages_back(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _build(project, cache)
    second = _build(project, cache)
    assert not first.cached and first.content is not None
    assert second.cached and second.content is None
    assert _same(first, second)
    assert _same(second, _build(project, None))
    assert len(list(cache.glob("core-*.json"))) == 1


@pytest.mark.parametrize(
    "change",
    ["content", "template", "docs page", "site_url", "nav"],
)
def test_any_change_to_an_input_gives_another_key(project: Path, change: str) -> None:
    def key(site_url: str = SITE_URL, nav: object = None) -> str:
        return inputs_key(
            project, project / "content", project / "docs", site_url=site_url, nav=nav or _nav()
        )

    before = key()
    assert key() == before
    edited = {
        "content": project / "content" / "roles" / "miroir.yml",
        "template": project / "templates" / "role.md.j2",
        "docs page": project / "docs" / "posture.md",
    }.get(change)
    if edited is not None:
        edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert key() != before
    elif change == "site_url":
        assert key(site_url="https://other.example/") != before
    else:
        assert key(nav=[{"Accueil": "index.md"}]) != before


def test_bad_content_after_a_cached_build_fails_as_without_a_cache(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _build(project, cache)
    role = project / "content" / "roles" / "miroir.yml"
    role.write_text(role.read_text(encoding="utf-8").replace("order: 1", "order: un"), encoding="utf-8")
    with pytest.raises(ContentErrors) as cached:
        _build(project, cache)
    with pytest.raises(ContentErrors) as uncached:
        _build(project, None)
    assert cached.value.report() == uncached.value.report()
    assert "content/roles/miroir.yml:" in cached.value.report()
    assert "order: il faut ici un nombre entier" in cached.value.report()


def test_an_unreadable_cache_file_is_made_again(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    good = _build(project, cache)
    (file,) = cache.glob("core-*.json")
    file.write_text('{"pages": [', encoding="utf-8")
    again = _build(project, cache)
    assert not again.cached and _same(good, again)
    assert json.loads(file.read_text(encoding="utf-8"))["pages"]


def test_cache_off(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUIDE_CORE_CACHE", "0")
    cache = tmp_path / "cache"
    assert not _build(project, cache).cached
    assert not _build(project, cache).cached
    assert not cache.exists()


def test_a_hit_loads_neither_pydantic_nor_jinja(project: Path, tmp_path: Path) -> None:
    """What makes the hooks cheap: reading the cache imports none of the core's heavy parts."""
    cache = tmp_path / "cache"
    _build(project, cache)
    script = f"""
import json, sys
from pathlib import Path
from guide.build import core_build
root = Path({str(project)!r})
build = core_build(root, root / "content", root / "docs", site_url={SITE_URL!r}, nav={_nav()!r},
                   cache_dir=Path({str(cache)!r}))
heavy = [m for m in ("pydantic", "jinja2", "weasyprint") if m in sys.modules]
print(json.dumps([build.cached, heavy]))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == [True, []]


def test_hooked_build_from_the_cache_is_the_same_site(tmp_path: Path) -> None:
    """Built twice, the second time from the caches (pages and PDFs): the same files; a sheet
    changed afterwards is made again, and only it."""
    project = tmp_path / "project"
    ignore = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".cache", "__pycache__")
    shutil.copytree(ROOT, project, ignore=ignore)
    # The PDF cache of the repository: sheets already laid out by other tests are reused.
    env = {"GUIDE_PDF_CACHE": os.environ.get("GUIDE_PDF_CACHE") or str(ROOT / ".cache" / "pdf")}
    first = mkdocs_build(tmp_path / "first", project=project, env=env)
    assert first.returncode == 0, first.stderr
    second = mkdocs_build(tmp_path / "second", project=project, env=env)
    assert second.returncode == 0, second.stderr
    assert "copied from the cache" in second.stderr
    files = sorted(p.relative_to(tmp_path / "first") for p in (tmp_path / "first").rglob("*") if p.is_file())
    assert files == sorted(
        p.relative_to(tmp_path / "second") for p in (tmp_path / "second").rglob("*") if p.is_file()
    )
    changed = [
        f for f in files if (tmp_path / "first" / f).read_bytes() != (tmp_path / "second" / f).read_bytes()
    ]
    assert changed == [], changed

    sheet = project / "content" / "worksheets" / "entre-deux-seances.yml"
    text = sheet.read_text(encoding="utf-8")
    title = yaml.safe_load(text)["title"]
    # A title never built before, so that its PDF is in no cache, not even the shared one.
    revised = f"{title} (revue {uuid.uuid4().hex[:8]})"
    sheet.write_text(text.replace(title, revised, 1), encoding="utf-8")
    third = mkdocs_build(tmp_path / "third", project=project, env=env)
    assert third.returncode == 0, third.stderr
    assert "(1 laid out," in third.stderr, third.stderr
    page = (tmp_path / "third" / "fiches" / "entre-deux-seances.html").read_text(encoding="utf-8")
    assert revised in page
    assert (tmp_path / "third" / "fiches" / "entre-deux-seances.pdf").read_bytes() != (
        tmp_path / "first" / "fiches" / "entre-deux-seances.pdf"
    ).read_bytes()
