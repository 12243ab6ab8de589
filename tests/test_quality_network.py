"""The guide tells no third party who reads it: no page or stylesheet points the browser at
another host, and the built site works opened from a local folder with no network at all, search
included. (In Chromium, no page served over HTTP makes a request outside the site's origin or
sets a cookie: tests/test_quality_csp.py, on the same page loads as the policy's check.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from site_html import parse_site, search_word

pytestmark = [pytest.mark.build, pytest.mark.browser]

# Elements whose URL the browser fetches by itself, without the reader clicking.
FETCHED = {"script", "img", "source", "iframe", "embed", "object", "video", "audio", "track"}
FETCHED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "preconnect", "manifest"}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""")


def test_no_third_party_resource_in_the_markup(site: Path) -> None:
    """Static check: no page or stylesheet points the browser at another host."""
    offending: list[str] = []
    for page in parse_site(site).values():
        for ref in page.references:
            fetched = ref.tag in FETCHED or (
                ref.tag == "link" and FETCHED_LINK_RELS & set(ref.rel.lower().split())
            )
            if fetched and urlsplit(ref.url).netloc:
                offending.append(f"{page.path}: <{ref.tag} {ref.attr}={ref.url!r}>")
    for css in site.rglob("*.css"):
        offending += [f"{css.relative_to(site)}: {url}" for url in CSS_URL.findall(css.read_text())]
    assert not offending, "resources from another host:\n" + "\n".join(offending)


def offline_samples(site: Path, site_pages: list[Path]) -> list[Path]:
    """The home page and the first and last pages that sit in a sub-folder."""
    nested = [p for p in site_pages if p.parent != site]
    assert nested, "no page in a sub-folder"
    return [site / "index.html", nested[0], nested[-1]]


def test_site_works_from_a_local_folder_without_network(
    browser: Any, site: Path, site_pages: list[Path]
) -> None:
    """Opened with file:// and every other request refused, pages render with their style and
    the search returns results whose links lead to pages of the site."""
    context = browser.new_context(offline=True)
    refused: list[str] = []

    def route(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    word = search_word(site)
    for html_file in offline_samples(site, site_pages):
        page.goto(html_file.as_uri(), wait_until="load")
        # The theme's stylesheet applied: the header is laid out as a fixed-height bar.
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in {
            "sticky",
            "fixed",
        }
        page.fill("input.md-search__input", word)
        page.wait_for_selector(".md-search-result__item", timeout=60_000)
        links = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
        assert links, f"{html_file}: search for {word!r} shows no result"
        for link in links:
            target = Path(urlsplit(link).path)
            assert link.startswith("file://") and target.is_file(), f"{html_file}: {link}"
    context.close()
    assert not errors, f"script errors from file://: {errors}"
    assert not refused, f"requests refused offline: {refused}"
