"""Light pages (issue 20): every page weighs at most 100 KB gzipped on load (HTML, CSS, JS,
fonts and images fetched while it loads, tests/page_weight.py), and the search index at most
40 KB gzipped; the index and the search's libraries are fetched on first use of the search box,
never on load. scripts/weigh.sh prints the figures (dev/search.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from page_weight import INDEX, INDEX_LIMIT, PAGE_LIMIT, gzipped, weights_of
from served import Served

pytestmark = [pytest.mark.build, pytest.mark.browser]


@pytest.fixture
def weights(served: Served, site: Path) -> dict[str, dict[str, int]]:
    """Each page's files fetched on load, in the suite's one pass over the site (conftest)."""
    return weights_of(served.loads, site, served.origin.rstrip("/"))


@pytest.mark.reads_shared
def test_every_page_is_light_on_load(weights: dict[str, dict[str, int]], browsed_pages: list[Path]) -> None:
    assert len(weights) == len(browsed_pages)
    totals = {location: sum(files.values()) for location, files in weights.items()}
    heavy = {location: total for location, total in totals.items() if total > PAGE_LIMIT}
    print(f"heaviest page on load: {max(totals.values()) / 1024:.1f} KB gzipped")
    assert not heavy, f"pages over {PAGE_LIMIT // 1024} KB gzipped on load: {heavy}"
    # What was measured is real: each page, its stylesheet and the theme's script.
    assert all(location in files for location, files in weights.items())
    assert all(any(f.endswith(".css") for f in files) for files in weights.values())


@pytest.mark.reads_shared
def test_search_loads_nothing_until_used(weights: dict[str, dict[str, int]]) -> None:
    fetched = {f for files in weights.values() for f in files}
    assert not {f for f in fetched if f == INDEX or "/vendor/" in f or f.endswith("search-fr.js")}, fetched


def test_index_is_light(site: Path) -> None:
    size = gzipped(site / INDEX)
    print(f"search index: {size / 1024:.1f} KB gzipped")
    assert 1024 < size <= INDEX_LIMIT


@pytest.mark.parametrize("key", ["f", "/"])
def test_search_starts_on_first_use(browser: Any, site_url: str, key: str) -> None:
    """The index is fetched on focus of the search box, which the theme's shortcuts give."""
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    try:
        page.goto(f"{site_url}/roles/miroir.html", wait_until="networkidle")
        assert not [u for u in fetched if INDEX in u]
        page.keyboard.press(key)
        page.wait_for_function(
            "() => document.querySelector('.md-search-result__meta').textContent.includes('Taper')",
            timeout=20_000,
        )
        assert [u for u in fetched if INDEX in u]
    finally:
        page.close()
