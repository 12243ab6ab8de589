"""The site's search box in Chromium, as a reader uses it (tests/test_search.py,
tests/test_search_queries.py, tests/test_phases.py): the results of a query are read as soon as
the search worker has answered every query the theme sent it, instead of waiting for them to
stay the same for a while."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

READY = "Taper pour démarrer la recherche"  # the theme's French text once the index is loaded


# Counts the theme's queries to the search worker (type 2, QUERY, of the theme's worker protocol)
# and the worker's results (type 3, RESULT), with the last query sent. Once the index is ready the
# worker answers each query in the task of its message (templates/search-fr.js only drops a query
# that a later one overtook while the index was loading), so every query sent gets its result.
COUNT_MESSAGES = """
(() => {
  const post = Worker.prototype.postMessage;
  const counts = { sent: 0, answered: 0, last: null };
  window.guideSearchCounts = counts;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === 2) {
      counts.sent += 1;
      counts.last = String(message.data);
      if (!this.guideCounted) {
        this.guideCounted = true;
        this.addEventListener("message", (event) => {
          counts.answered += event.data && event.data.type === 3 ? 1 : 0;
        });
      }
    }
    return post.call(this, message, ...rest);
  };
})();
"""
RESET = "() => { const c = window.guideSearchCounts; c.sent = 0; c.answered = 0; }"
# Once every query typed has its result and the last one sent is what the box holds, and two
# frames later (for the theme to show them), the results' addresses; null if that has not come
# within 5 s. One call to the page per query: it waits in the page, not from the test.
RESULTS = """() => new Promise(resolve => {
  const counts = window.guideSearchCounts;
  const box = document.querySelector("input.md-search__input");
  const start = performance.now();
  const check = () => {
    if (counts.sent > 0 && counts.answered === counts.sent && counts.last === box.value) {
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(
        [...document.querySelectorAll(".md-search-result__item > a")].map(a => a.getAttribute("href")))));
    } else if (performance.now() - start > 5000) {
      resolve(null);
    } else {
      setTimeout(check, 10);
    }
  };
  check();
})"""


def open_search(page: Any, site_url: str) -> SearchBox:
    """The search box of the home page, opened in `page` and ready (the search starts on first
    use of the box), its messages to the worker counted from there. `page` must not have loaded
    anything yet: the counting is set up before the theme's scripts run."""
    page.add_init_script(COUNT_MESSAGES)
    page.goto(f"{site_url}/index.html")
    page.click("input.md-search__input")
    page.wait_for_function(
        f"() => document.querySelector('.md-search-result__meta').textContent.includes('{READY}')",
        timeout=30_000,
    )
    page.evaluate(RESET)
    return SearchBox(page)


class SearchBox:
    """The site's search box in one page, typed into query after query."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.meta = ".md-search-result__meta"
        self.waited = 0  # queries read after waiting for stable results, not by counting

    def hrefs(self) -> list[str]:
        found: list[str] = self.page.eval_on_selector_all(
            ".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))"
        )
        return found

    def search(self, query: str, *, keystrokes: bool = False) -> list[str]:
        """The pages found for `query`, best first. Typed key by key (`keystrokes`), the theme
        searches at every key; otherwise the query goes into the box whole, as a paste or a
        phone's suggestion puts it, and the theme searches once, for the query the reader ends
        with."""
        page = self.page
        if keystrokes:
            page.fill("input.md-search__input", "")
            page.keyboard.type(query, delay=5)
        else:
            page.fill("input.md-search__input", query)
        # The theme searches when a key goes up; a letter that is not on Playwright's keyboard
        # (« é ») is inserted without one: the key a reader's keyboard lifts.
        page.keyboard.press("End")
        # The theme searches after each keystroke: the results, once every query sent has its
        # answer.
        hrefs = page.evaluate(RESULTS)
        if hrefs is None:
            self.waited += 1
            # A query the worker dropped (typed over while the index loaded): wait until the
            # results of the last one have stayed the same for a moment.
            hrefs = []
            stable = 0
            for _ in range(60):
                page.wait_for_timeout(200)
                current = self.hrefs()
                stable = stable + 1 if current == hrefs else 0
                hrefs = current
                if current and stable >= 2:
                    break
            # Settled: count the next query's messages from there.
            page.evaluate(RESET)
        return list(dict.fromkeys(re.sub(r"^https?://[^/]+/|[?#].*$", "", h) for h in hrefs))


@contextlib.contextmanager
def searching(browser: Any, site_url: str) -> Iterator[SearchBox]:
    """The search box of the home page in a page of its own, closed on leaving."""
    page = browser.new_page()
    try:
        yield open_search(page, site_url)
    finally:
        page.close()


def search(browser: Any, site_url: str, query: str) -> list[str]:
    """The pages found for one query typed key by key into the search box of a page just loaded,
    best first."""
    with searching(browser, site_url) as box:
        return box.search(query, keystrokes=True)
