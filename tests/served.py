"""Every page of the built site loaded in Chromium, once per test run, from the site served by
Debian's nginx (`served`, a fixture of conftest.py shared by the xdist workers), and what was
seen on the way: read by the policy's and the network's checks (tests/test_quality_csp.py) and
by the pages' weights (tests/test_page_weight.py). `load_pages` also serves scripts/weigh.sh
(tests/page_weight.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_html import search_word

# Listens before any script of the page runs; a violation in a frame bubbles to its window.
LISTEN = """window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(
  `${e.violatedDirective} ${e.blockedURI} ${e.sample || ""}`), true);"""


def load_pages(
    context: Any,
    base_url: str,
    locations: list[str],
    loaded: Callable[[Any, str, Any], None] | None = None,
    tabs: int = 12,
) -> dict[str, list[str]]:
    """{location: every URL its page requested while it loaded, until the network was idle}.

    `tabs` pages of `context` load side by side, each with its own list of requests, so that
    the waits for an idle network (half a second of nothing per page) overlap. `loaded(page,
    location, response)` is called on each page once its network is idle."""
    pages = [context.new_page() for _ in range(tabs)]
    fetched: list[list[str]] = [[] for _ in pages]
    for page, urls in zip(pages, fetched, strict=True):
        page.on("request", lambda request, urls=urls: urls.append(request.url))
    requested: dict[str, list[str]] = {}
    try:
        for start in range(0, len(locations), tabs):
            batch = list(zip(pages, fetched, locations[start : start + tabs], strict=False))
            responses = []
            for page, urls, location in batch:
                urls.clear()
                responses.append(page.goto(f"{base_url}/{location}", wait_until="commit"))
            for (page, urls, location), response in zip(batch, responses, strict=True):
                page.wait_for_load_state("networkidle")
                if loaded is not None:
                    loaded(page, location, response)
                requested[location] = list(dict.fromkeys(urls))
    finally:
        for page in pages:
            page.close()
    return requested


@dataclass
class Served:
    """What Chromium saw of the site served by nginx (`sweep`)."""

    origin: str
    violations: list[str] = field(default_factory=list)  # of the policy: "page: directive URI sample"
    errors: list[str] = field(default_factory=list)  # script errors
    responses: dict[str, dict[str, str]] = field(default_factory=dict)  # {url: headers}, from nginx
    requests: list[str] = field(default_factory=list)  # every request, to any origin
    foreign: list[str] = field(default_factory=list)  # requests to another origin
    cookies: list[Any] = field(default_factory=list)  # the context's cookies, then document.cookie
    document_cookie: str = ""
    # {page: every URL it requested while it loaded, until the network was idle}: each page
    # the browser stays on, not an old address.
    loads: dict[str, list[str]] = field(default_factory=dict)


def sweep(
    browser: Any, nginx_url: str, site: Path, site_pages: list[Path], browsed_pages: list[Path]
) -> Served:
    """Every page loaded in Chromium from nginx (an old address's page too: the browser goes on
    to the new one), each until its network is idle, then search, the session planner and the
    timer used, in one browser context; every request seen on its way out, every response's
    headers, every violation of the policy and every script error recorded."""
    seen = Served(origin=f"{nginx_url}/")
    origin = seen.origin

    def request(request: Any) -> None:
        seen.requests.append(request.url)
        if not request.url.startswith((origin, "data:", "blob:", "about:")):
            seen.foreign.append(request.url)

    def watch(page: Any) -> None:
        page.on("pageerror", lambda error: seen.errors.append(str(error)))
        page.on(
            "response", lambda r: r.url.startswith(origin) and seen.responses.setdefault(r.url, r.headers)
        )

    def loaded(page: Any, location: str, response: Any) -> None:
        assert response is not None and response.status == 200, location
        seen.violations += [f"{location}: {v}" for v in page.evaluate("window.__violations")]

    context = browser.new_context()
    context.add_init_script(LISTEN)
    # Every request of the context's pages and of their workers (the search's), watched on its
    # way out; not routed through the test, which would cost as much CPU as the pages' loads.
    context.on("request", request)
    context.on("page", watch)
    browsed = [p.relative_to(site).as_posix() for p in browsed_pages]
    seen.loads = load_pages(context, nginx_url, browsed, loaded)
    old = [p.relative_to(site).as_posix() for p in sorted(set(site_pages) - set(browsed_pages))]
    load_pages(context, nginx_url, old)
    page = context.new_page()
    # Search: the worker loads the index and the search's libraries.
    page.goto(f"{origin}index.html", wait_until="load")
    page.fill("input.md-search__input", search_word(site))
    page.wait_for_selector(".md-search-result__item", timeout=60_000)
    page.wait_for_load_state("networkidle")
    seen.violations += [f"search: {v}" for v in page.evaluate("window.__violations")]
    page.goto(f"{origin}outils/planifier.html", wait_until="load")
    page.check("#planner-setting-groupe")
    page.fill("[data-planner-total]", "120")
    page.press("[data-planner-total]", "Tab")
    page.select_option("#planner-step-prompt-1", index=1)
    page.click('[data-step="0"] [data-prompt-add]')
    page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
    page.click("[data-planner-print]")
    assert page.evaluate("window.__printed") is True
    with page.expect_download():
        page.click("[data-planner-export]")
    seen.violations += [f"planner: {v}" for v in page.evaluate("window.__violations")]
    with page.expect_navigation():
        page.click("[data-planner-timer]")
    page.click("[data-timer-toggle]")
    page.click("[data-timer-next-step]")
    page.click("[data-timer-toggle]")
    seen.violations += [f"timer: {v}" for v in page.evaluate("window.__violations")]
    seen.cookies = context.cookies()
    seen.document_cookie = page.evaluate("document.cookie")
    context.close()
    return seen
