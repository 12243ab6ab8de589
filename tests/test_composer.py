"""The session builder (fiches/composer.html): every section embedded at build time; in headless
Chromium it shows and prints only the chosen sections, restores a selection from its URL, works
without JavaScript (full sheet), stores nothing and requests nothing outside the page's origin."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, squash
from pypdf import PdfReader

from guide import render_pages
from guide.composer import KINDS
from guide.content import Content

PAGE = "fiches/composer.html"


def entries(content: Content, key: str) -> list[Any]:
    kind = next(k for k in KINDS if k.key == key)
    return list(content.collection(kind.collection).values())


def test_page_embeds_every_section(content: Content) -> None:
    page = next(p for p in render_pages(content) if p.path == "fiches/composer.md")
    md = page.markdown
    for key in ("plans", "roles", "principes"):
        for entry in entries(content, key):
            assert f'data-composer-item="{key}" data-id="{entry.id}"' in md
            assert f'name="{key}" value="{entry.id}" checked' in md
            assert squash(entry.summary) in squash(md)
    for cell in content.matrix.cells:
        assert f'data-role="{cell.role}" data-plane="{cell.plane}"' in md
    # Labels name each checkbox, inside a fieldset with its legend.
    for box in re.findall(r'<input type="checkbox" id="([^"]+)"', md):
        assert f'<label for="{box}">' in md
    assert md.count("<fieldset") == md.count("<legend") == len(KINDS)
    # The script comes from the site itself; no address elsewhere.
    assert (
        "scripts:\n- assets/composer.js\n" in md
        and "styles:\n- assets/print.css\n- assets/composer.css\n" in md
    )
    assert not re.search(r'(?:src|href)="(?:https?:)?//', md)


def test_script_stores_and_sends_nothing() -> None:
    source = (ROOT / "docs/assets/composer.js").read_text(encoding="utf-8")
    script = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)  # code only, not comments
    assert "history.replaceState" in script
    for forbidden in ("localStorage", "sessionStorage", "document.cookie", "fetch(", "XMLHttpRequest",
                      "sendBeacon", "WebSocket", "indexedDB", "http:", "https:"):  # fmt: skip
        assert forbidden not in script


# In the browser --------------------------------------------------------------------------


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests = []  # every address the page asks for
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def visible_ids(page: Any, key: str) -> list[str]:
    return page.eval_on_selector_all(
        f'[data-composer-item="{key}"]',
        "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.id)",
    )


def checked(page: Any, key: str) -> list[str]:
    return page.eval_on_selector_all(
        f'input[name="{key}"]', "els => els.filter(e => e.checked).map(e => e.value)"
    )


def a_selection(content: Content) -> dict[str, list[str]]:
    """Some of each kind, none of them all: first plane, two roles, the last principle."""
    return {
        "plans": [entries(content, "plans")[0].id],
        "roles": [r.id for r in entries(content, "roles")[1:3]],
        "principes": [entries(content, "principes")[-1].id],
    }


def query(selection: dict[str, list[str]]) -> str:
    return "?" + "&".join(f"{k}={','.join(v)}" for k, v in selection.items())


def storage(page: Any) -> Any:
    return page.evaluate(
        "() => [Object.entries(localStorage), Object.entries(sessionStorage), document.cookie]"
    )


@pytest.mark.browser
def test_selection_is_restored_from_the_url(page: Any, site_url: str, content: Content) -> None:
    selection = a_selection(content)
    page.goto(f"{site_url}/{PAGE}{query(selection)}")
    assert page.is_visible("[data-composer-form]")
    for key, ids in selection.items():
        assert checked(page, key) == ids
        assert visible_ids(page, key) == ids
    cells = page.eval_on_selector_all(
        "[data-composer-cell]",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.role + '/' + e.dataset.plane)",
    )
    assert sorted(cells) == sorted(f"{r}/{p}" for r in selection["roles"] for p in selection["plans"])
    # An empty key selects none of its kind, a missing key selects all.
    page.goto(f"{site_url}/{PAGE}?plans=&roles={selection['roles'][0]}")
    assert visible_ids(page, "plans") == []
    assert not page.is_visible('[data-composer-group="plans"]')
    assert visible_ids(page, "roles") == selection["roles"][:1]
    assert visible_ids(page, "principes") == [e.id for e in entries(content, "principes")]


@pytest.mark.browser
def test_ticking_rewrites_the_url_and_stores_nothing(page: Any, site_url: str, content: Content) -> None:
    page.goto(f"{site_url}/{PAGE}")
    before = storage(page)
    page.click('[data-composer-select="none"]')
    assert all(visible_ids(page, k) == [] for k in ("moments", "plans", "roles", "principes"))
    assert page.is_visible("[data-composer-empty]")
    plane, role = entries(content, "plans")[-1], entries(content, "roles")[0]
    page.check(f"#composer-plans-{plane.id}")  # by its label's target, as a user would
    page.click(f'label[for="composer-roles-{role.id}"]')
    assert urlsplit(page.url).query == f"moments=&plans={plane.id}&roles={role.id}&principes="
    assert "0 moment, 1 plan, 1 rôle, 0 principe" in page.inner_text("[data-composer-status]")
    page.reload()
    assert visible_ids(page, "plans") == [plane.id]
    assert visible_ids(page, "roles") == [role.id]
    assert visible_ids(page, "principes") == []
    assert storage(page) == before
    assert page.context.cookies() == []


@pytest.mark.browser
def test_prints_only_the_chosen_sections(page: Any, site_url: str, content: Content) -> None:
    selection = a_selection(content)
    page.goto(f"{site_url}/{PAGE}{query(selection)}")
    page.emulate_media(media="print")
    assert not page.is_visible("[data-composer-form]")
    assert page.is_visible("[data-composer-sheet]")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)  # the page size from CSS
    reader = PdfReader(io.BytesIO(pdf))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    printed = squash(" ".join(p.extract_text() for p in reader.pages))
    for key in ("plans", "roles", "principes"):
        for entry in entries(content, key):
            shown = squash(entry.summary) in printed
            assert shown == (entry.id in selection[key]), (key, entry.id, shown)
    assert squash("Cochez les plans") not in printed  # the page's own text stays on screen
    for request in page.requests:
        assert request.startswith(site_url + "/") or request.startswith("data:"), request


@pytest.mark.browser
def test_without_javascript_the_full_sheet_shows(browser: Any, site_url: str, content: Content) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{PAGE}?plans=&roles=&principes=")
        assert not page.is_visible("[data-composer-form]")
        for key in ("plans", "roles", "principes"):
            assert visible_ids(page, key) == [e.id for e in entries(content, key)]
        assert page.eval_on_selector_all("[data-composer-cell]", "els => els.length") == len(
            content.matrix.cells
        )
        assert "JavaScript est désactivé" in page.inner_text("article")
    finally:
        context.close()


@pytest.mark.browser
def test_no_request_leaves_the_site(page: Any, site_url: str, content: Content) -> None:
    page.goto(f"{site_url}/{PAGE}{query(a_selection(content))}")
    page.wait_for_load_state("networkidle")
    page.click('[data-composer-select="all"]')
    page.evaluate("() => { window.print = () => {}; }")
    page.click("[data-composer-print]")
    page.wait_for_load_state("networkidle")
    origin = urlsplit(site_url).netloc
    assert page.requests
    outside = [u for u in page.requests if urlsplit(u).scheme in {"http", "https", "ws", "wss"}
               and urlsplit(u).netloc != origin]  # fmt: skip
    assert not outside, outside


@pytest.mark.build
def test_composer_is_in_the_navigation_and_linked_from_home(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="fiches/composer.html"' in home
    sheets = (site / "fiches/index.html").read_text(encoding="utf-8")
    assert 'href="composer.html"' in sheets
