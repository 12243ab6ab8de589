"""Zensical, the second engine: `guide export DIR` then `zensical build` in DIR (its own
zensical.toml and overrides-zensical/) and `guide search-index site`, checked against the MkDocs
build and in Chromium. Its search is the guide's (issue 20): the MkDocs build's worker and index
in a search box of ours (overrides-zensical/partials/search.html), in French.

What Zensical cannot do yet for this guide is named in ZENSICAL_LIMITS: each entry has a test
that shows it, so that a Zensical that learns it makes the test fail (then dev/engines.md and this
list are updated)."""

from __future__ import annotations

import functools
import re
import subprocess
import sys
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, _QuietHandler, _QuietServer, page_text, squash

from guide.content import Content

pytestmark = pytest.mark.build
ZENSICAL = Path(sys.executable).parent / "zensical"
ZENSICAL_LIMITS = {
    "search exclude": "the `data-search-exclude` of a heading is dropped: a text inserted from the page "
    "that owns it (the confidentiality inserts) is indexed on every page that shows it",
    "overrides": "the MkDocs theme overrides (accessible names of the search dialog and of the navigation, "
    "valid HTML fixes) are Material's templates and are not used: Zensical's own templates are",
}


def pinned_zensical() -> str:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [d for d in pyproject["project"]["optional-dependencies"]["test"] if d.startswith("zensical==")]
    assert len(pins) == 1, pins
    return pins[0].removeprefix("zensical==")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("zensical")
    exported = subprocess.run(
        [sys.executable, "-m", "guide", "export", str(project)], capture_output=True, text=True, check=False
    )
    assert exported.returncode == 0, exported.stderr
    built = subprocess.run(
        [str(ZENSICAL), "build", "--strict"], cwd=project, capture_output=True, text=True, check=False
    )
    assert built.returncode == 0, built.stdout + built.stderr
    assert "No issues found" in built.stdout + built.stderr, built.stdout + built.stderr
    indexed = subprocess.run(
        [sys.executable, "-m", "guide", "search-index", str(project / "site")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert indexed.returncode == 0, indexed.stderr
    return project / "site"


@pytest.fixture(scope="module")
def zensical_url(zensical_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(zensical_site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def search(browser: Any, base: str, query: str) -> list[str]:
    """Type `query` in the search box of the home page's header; the paths of the results."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{base}/index.html")
        field = page.locator(".md-header [data-guide-search-input]")
        field.click()
        page.wait_for_function(
            "() => document.querySelector('[data-guide-search-meta]').textContent.includes('Taper')",
            timeout=20_000,
        )
        page.keyboard.type(query, delay=20)
        results = page.locator(".guide-search__result > a")
        results.first.wait_for(timeout=10_000)
        page.wait_for_timeout(300)  # the results of the last keystroke
        hrefs: list[str] = results.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    finally:
        page.close()
    assert not errors, errors
    return [href.lstrip("/") for href in hrefs]


def test_zensical_is_the_pinned_version() -> None:
    version = subprocess.run([str(ZENSICAL), "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == pinned_zensical()


def test_every_page_of_the_mkdocs_build_exists(zensical_site: Path, site: Path, content: Content) -> None:
    missing = html_pages(site) - html_pages(zensical_site)
    assert not missing, f"pages of the MkDocs build that Zensical does not make: {sorted(missing)}"
    for role in content.roles.values():
        assert squash(role.intention) in squash(page_text(zensical_site, f"roles/{role.id}.html"))
    home = page_text(zensical_site, "index.html")
    assert '<html lang="fr"' in home
    assert f'<meta name="generator" content="zensical-{pinned_zensical()}">' in home


@pytest.mark.browser
def test_search_from_the_header_finds_a_role(zensical_url: str, browser: Any, content: Content) -> None:
    for role in content.roles.values():
        found = search(browser, zensical_url, role.name)
        assert found[0].startswith(f"roles/{role.id}.html"), (role.name, found[:5])


def test_glossary_tooltips(zensical_site: Path, content: Content) -> None:
    terms = {t.term.casefold() for t in content.glossary.terms}
    for name in ("decouvrir.html", f"roles/{next(iter(content.roles))}.html"):
        found = re.findall(r'<abbr title="([^"]+)">([^<]+)</abbr>', page_text(zensical_site, name))
        assert found, name
        assert {word.casefold() for _, word in found} & terms, name


@pytest.mark.browser
def test_tooltip_shows_on_hover(zensical_url: str, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{zensical_url}/decouvrir.html")
        term = page.locator("article abbr").first
        definition = term.get_attribute("title")
        assert definition
        term.scroll_into_view_if_needed()
        term.hover()
        tooltip = page.locator(".md-tooltip2--active")
        tooltip.wait_for(timeout=5_000)
        assert " ".join(definition.split()) in " ".join(tooltip.inner_text().split())
    finally:
        page.close()


def test_tags_on_pages_and_on_the_tags_page(zensical_site: Path, content: Content) -> None:
    listing = page_text(zensical_site, "tags.html")
    for role in content.roles.values():
        page = page_text(zensical_site, f"roles/{role.id}.html")
        shown = re.findall(r'<a href="\.\./tags\.html#tag:[^"]+" class="md-tag">([^<]+)</a>', page)
        assert set(shown) == set(role.tags), role.id
    for tag in {tag for role in content.roles.values() for tag in role.tags}:
        assert f'class="md-tag">{tag}</a>' in listing or f">{tag}</" in listing, tag


def test_sheet_pdfs_are_served_and_linked(zensical_site: Path, content: Content) -> None:
    for sheet in content.worksheets:
        assert (zensical_site / "fiches" / f"{sheet}.pdf").read_bytes().startswith(b"%PDF")
        assert f'href="{sheet}.pdf"' in page_text(zensical_site, f"fiches/{sheet}.html")


@pytest.mark.browser
def test_overrides_keep_the_templates_working(zensical_url: str, browser: Any) -> None:
    """Only overrides-zensical/ is used: the page-specific assets load, the theme runs unbroken."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{zensical_url}/fiches/composer.html")
        head = page.locator("head").inner_html()
        assert "composer.css" in head
        assert page.locator("script[src$='composer.js']").count() == 1
        assert page.locator("script[src*='search-fr']").count() == 0  # a worker, not a page script
        # The guide's search box, not Zensical's button and dialog.
        assert page.locator(".md-header [data-guide-search-input]").count() == 1
        assert page.locator("script[src$='search-box.js']").count() == 1
        assert page.locator(".md-search__button").count() == 0
        assert page.locator("nav.md-nav--primary").count() == 1
    finally:
        page.close()
    assert not errors, errors


# What Zensical cannot do yet (ZENSICAL_LIMITS) -----------------------------------------


@pytest.mark.browser
def test_search_stems_french_words(zensical_url: str, browser: Any, site: Path) -> None:
    """The guide's search, not Zensical's English one: « accompagner » finds the page about
    « accompagnement », with the MkDocs build's worker."""
    found = search(browser, zensical_url, "accompagner")
    assert "accompagnement.html" in found
    worker = "assets/javascripts/workers/search-fr.js"
    assert (site / worker).read_text(encoding="utf-8") == (ROOT / "templates/search-fr.js").read_text(
        encoding="utf-8"
    )


@pytest.mark.browser
def test_search_box_speaks_french(zensical_url: str, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{zensical_url}/index.html")
        field = page.locator(".md-header [data-guide-search-input]")
        assert field.get_attribute("placeholder") == "Rechercher"
        field.click()
        meta = page.locator("[data-guide-search-meta]")
        page.wait_for_function(
            "() => document.querySelector('[data-guide-search-meta]').textContent.includes('Taper')",
            timeout=20_000,
        )
        assert meta.inner_text() == "Taper pour démarrer la recherche"
        page.keyboard.type("miroir", delay=20)
        page.wait_for_function(
            "() => /documents? trouvés?$/.test(document.getElementById('guide-search-meta').textContent)",
            timeout=10_000,
        )
    finally:
        page.close()


def test_limit_search_exclude_dropped(zensical_site: Path, site: Path) -> None:
    inserted = "phases/demande.html"
    assert "data-search-exclude" in page_text(site, inserted)
    assert "data-search-exclude" not in page_text(zensical_site, inserted), (
        ZENSICAL_LIMITS["search exclude"] + " any more: update dev/engines.md"
    )


def test_limit_mkdocs_overrides_not_used(zensical_site: Path) -> None:
    config = tomllib.loads((zensical_site.parent / "zensical.toml").read_text(encoding="utf-8"))["project"]
    assert config["theme"]["custom_dir"] == "overrides-zensical", ZENSICAL_LIMITS["overrides"]
    assert sorted(p.name for p in (ROOT / "overrides-zensical").rglob("*.html")) == [
        "main.html",
        "search.html",
    ]
