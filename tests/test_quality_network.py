"""The guide tells no third party who reads it: in Chromium, no page makes a request outside
the site's own origin and none sets a cookie; and the built site works opened from a local
folder with no network at all, search included."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from site_html import parse_site

from guide.search import INDEX_SCRIPT

pytestmark = [pytest.mark.build, pytest.mark.browser]

# Elements whose URL the browser fetches by itself, without the reader clicking.
FETCHED = {"script", "img", "source", "iframe", "embed", "object", "video", "audio", "track"}
FETCHED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "preconnect", "manifest"}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""")


def search_word(site: Path) -> str:
    """A word of a page title, taken from the search index, so that a search must find it."""
    text = (site / INDEX_SCRIPT).read_text(encoding="utf-8")
    index = json.loads(text.strip().removeprefix("self.guideSearchIndex=").removesuffix(";"))
    titles = [title for location, title, _ in index["pages"] if "/" in location]
    words = sorted((w for title in titles for w in re.findall(r"[^\W\d_]{6,}", title)), key=lambda w: -len(w))
    assert words, "the search index holds no page title"
    return words[0]


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


def test_no_request_leaves_the_origin(
    browser: Any, site_url: str, site: Path, site_pages: list[Path]
) -> None:
    """Every page loaded over HTTP, search used once: each request stays on the site's origin,
    and no cookie is set."""
    origin = f"{site_url}/"
    context = browser.new_context()
    requests: list[str] = []
    foreign: list[str] = []

    def route(route: Any) -> None:
        url = route.request.url
        requests.append(url)
        if url.startswith(origin) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    # Requests seen by the page too, in case one escaped the route (e.g. from a worker).
    page.on("request", lambda r: r.url.startswith(origin) or foreign.append(r.url))
    for html_file in site_pages:
        page.goto(f"{origin}{html_file.relative_to(site).as_posix()}", wait_until="load")
    # Search: the worker loads the index and the search's libraries.
    page.goto(f"{origin}index.html", wait_until="load")
    page.fill("input.md-search__input", search_word(site))
    page.wait_for_selector(".md-search-result__item", timeout=60_000)
    page.wait_for_load_state("networkidle")
    cookies = context.cookies()
    document_cookie = page.evaluate("document.cookie")
    context.close()
    print(f"network: {len(site_pages)} pages, {len(requests)} requests, {len(foreign)} foreign")
    assert len(requests) > len(site_pages), "requests were not recorded"
    assert any(INDEX_SCRIPT in url for url in requests), "the search index was never loaded"
    assert not foreign, "requests to another origin:\n" + "\n".join(sorted(set(foreign)))
    assert not cookies and not document_cookie, f"cookies set: {cookies} {document_cookie!r}"


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
