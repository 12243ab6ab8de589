"""What a reader downloads: each page's weight on load, and the search index's size.

A page's weight is the sum of the gzipped sizes (gzip -9, as a server compresses them) of every
file that Chromium fetches while loading it from the site served over HTTP: the HTML, its
stylesheets, scripts, fonts and images, until the network is idle (tests/served.py: the test
reads the loads of the suite's one pass over the site served by nginx). The search index
(search/guide-index.js) and the search's libraries are loaded on first use of the search box,
not on load. Used by tests/test_page_weight.py and, for figures, by scripts/weigh.sh:

    python tests/page_weight.py SITE_DIR
"""

from __future__ import annotations

import functools
import gzip
import sys
import threading
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from guide.search import REDIRECT

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import CHROMIUM, CHROMIUM_ARGS, _QuietHandler, _QuietServer
from served import load_pages

PAGE_LIMIT = 100 * 1024  # bytes, gzipped, on load
INDEX_LIMIT = 40 * 1024  # bytes, gzipped
INDEX = "search/guide-index.js"


@functools.cache
def gzipped(path: Path) -> int:
    """The gzipped size of `path` (a built file, which no test changes: computed once per path,
    as the theme's stylesheet and script are fetched by every page)."""
    return len(gzip.compress(path.read_bytes(), 9))


def page_weights(browser: Any, site: Path, base_url: str) -> dict[str, dict[str, int]]:
    """For each HTML page of the site served at `base_url`: {file fetched on load: its gzipped
    size}."""
    locations = [
        html_file.relative_to(site).as_posix()
        for html_file in sorted(site.rglob("*.html"))
        # An old address: the browser goes on to the new page, weighed on its own.
        if REDIRECT not in html_file.read_text(encoding="utf-8")
    ]
    context = browser.new_context()
    try:
        return weights_of(load_pages(context, base_url, locations), site, base_url)
    finally:
        context.close()


def weights_of(loads: dict[str, list[str]], site: Path, base_url: str) -> dict[str, dict[str, int]]:
    """{page: {file of the site fetched on load: its gzipped size}} from {page: URLs it
    requested while it loaded} (served.load_pages)."""
    weights: dict[str, dict[str, int]] = {}
    for location, urls in loads.items():
        files: dict[str, int] = {}
        for url in urls:
            path = site / unquote(urlsplit(url).path).lstrip("/")
            if url.startswith(base_url) and path.is_file():
                files[path.relative_to(site).as_posix()] = gzipped(path)
        weights[location] = files
    return weights


def weigh(site: Path) -> tuple[int, dict[str, dict[str, int]]]:
    """(the index's gzipped size, each page's files fetched on load)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            weights = page_weights(browser, site, f"http://127.0.0.1:{server.server_address[1]}")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    index = site / INDEX
    return (gzipped(index) if index.is_file() else 0), weights


def main(site: Path) -> int:
    index, weights = weigh(site)
    totals = {location: sum(files.values()) for location, files in weights.items()}
    print(f"search index ({INDEX}): {index / 1024:.1f} KB gzipped (limit {INDEX_LIMIT // 1024} KB)")
    print(f"weight on load of each page, gzipped (limit {PAGE_LIMIT // 1024} KB):")
    for location, total in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"  {total / 1024:6.1f} KB  {len(weights[location]):2d} files  {location}")
    heaviest = max(totals, key=totals.__getitem__)
    home = totals["index.html"]
    print(f"heaviest: {heaviest} {totals[heaviest] / 1024:.1f} KB; home page {home / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
