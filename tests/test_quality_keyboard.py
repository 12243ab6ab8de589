"""Keyboard (issue 11): the main journeys can be walked with the keyboard alone, the focus
visible at every step (WCAG 2.1.1, 2.4.7, 2.4.11); at 200 % zoom the navigation and the session
builder still work. (Reflow at 320 CSS pixels is checked on the accessibility check's page
loads at that width: tests/test_quality_axe.py.)

"Visible" means: the focused element, or the label that stands for it, is inside the window,
is the element a pointer would hit there (nothing covers it), and draws a focus outline."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from guide.content import Content

pytestmark = [pytest.mark.build, pytest.mark.browser]

DESKTOP = {"width": 1280, "height": 800}
ZOOM_200 = {"width": 640, "height": 400}  # 1280 x 800 at 200 %: the layout a zoomed reader gets

# What a reader sees of the focus: the focused element or, for a hidden input, its label.
FOCUS = """() => {
  const active = document.activeElement;
  if (!active || active === document.body) return {tag: "BODY", visible: false, why: "no focus"};
  const candidates = [active];
  if (active.id) candidates.push(...document.querySelectorAll(`label[for="${CSS.escape(active.id)}"]`));
  // The theme's colour-scheme switch: a hidden radio whose focus shows on the label after it.
  const next = active.nextElementSibling;
  if (next && next.tagName === "LABEL") candidates.push(next);
  let why = "no candidate";
  for (const el of candidates) {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (r.width < 1 || r.height < 1) { why = "no size"; continue; }
    if (r.right <= 0 || r.bottom <= 0 || r.left >= innerWidth || r.top >= innerHeight) {
      why = "outside the window"; continue;
    }
    if (style.visibility !== "visible") { why = "hidden"; continue; }
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(el === hit || el.contains(hit) || hit.contains(el))) { why = "covered"; continue; }
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== "none";
    if (!outline && !shadow) { why = "no outline"; continue; }
    return {tag: active.tagName, href: active.getAttribute("href") || "", visible: true, why: ""};
  }
  return {tag: active.tagName, href: active.getAttribute("href") || "",
          text: (active.textContent || "").trim().slice(0, 40), cls: active.className, visible: false, why};
}"""


class Walker:
    """Tabs through a page as a keyboard user does, checking the focus at every stop."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.stops: list[dict[str, Any]] = []

    def focus(self) -> dict[str, Any]:
        state: dict[str, Any] = self.page.evaluate(FOCUS)
        if not state["visible"]:
            # A panel may still be sliding or fading, or the page scrolling to the focus (the
            # theme's transitions last 0.25 s, longer on a loaded machine): up to 3 s to come to
            # rest, then the same check decides.
            with contextlib.suppress(PlaywrightTimeoutError):
                self.page.wait_for_function(f"() => ({FOCUS})().visible", timeout=3000)
            state = self.page.evaluate(FOCUS)
        state["url"] = self.page.url
        return state

    def tab(self, key: str = "Tab") -> dict[str, Any]:
        self.page.keyboard.press(key)
        state = self.focus()
        self.stops.append(state)
        return state

    def tab_to(self, test: str, limit: int = 250, key: str = "Tab") -> dict[str, Any]:
        """Tab (or `key`: Shift+Tab) until `test` (a JS function of the focused element) is true."""
        for _ in range(limit):
            state = self.tab(key)
            if self.page.evaluate(f"({test})(document.activeElement)"):
                return state
        raise AssertionError(f"not reached with {limit} presses of Tab: {test}")

    def press(self, key: str) -> dict[str, Any]:
        self.page.keyboard.press(key)
        state = self.focus()
        self.stops.append(state)
        return state

    def invisible(self) -> list[str]:
        return [f"{s['url']}: {s}" for s in self.stops if not s["visible"]]


@pytest.fixture
def walker(browser: Any, request: pytest.FixtureRequest) -> Any:
    viewport = getattr(request, "param", DESKTOP)
    context = browser.new_context(viewport=viewport, device_scale_factor=2 if viewport == ZOOM_200 else 1)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield Walker(page)
    context.close()
    assert not errors, f"script errors: {errors}"


def test_definition_lists_are_flat(site_pages: list[Path]) -> None:
    """A list of terms rendered one inside the other (a blank line missing in a template)
    indents each term further and pushes the page wider than the screen."""
    nested = [
        p.name
        for p in site_pages
        if "<dd>" in (text := p.read_text(encoding="utf-8")) and "<dd>\n<dl>" in text
    ]
    assert not nested, nested


def test_home_doors_and_a_role_through_the_navigation(
    walker: Walker, site_url: str, content: Content
) -> None:
    page = walker.page
    page.goto(f"{site_url}/index.html", wait_until="load")
    doors = page.eval_on_selector_all(
        ".guide-doors a[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    assert len(doors) >= 3, doors
    reached = []
    for door in doors:
        walker.tab_to(f"el => el.matches('.guide-doors a') && el.getAttribute('href') === {door!r}")
        reached.append(door)
    assert reached == doors
    # Back to the top, then through the navigation: the roles' section (folded on the home
    # page), and from there a role's page.
    role = next(iter(content.roles.values()))
    page.goto(f"{site_url}/index.html", wait_until="load")
    walker.tab_to(
        "el => el.closest('.md-sidebar--primary') && el.getAttribute('href') === 'roles/index.html'"
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    walker.tab_to(f"el => el.closest('.md-sidebar--primary') && el.getAttribute('href') === '{role.id}.html'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/roles/{role.id}.html")
    assert page.evaluate("document.querySelector('h1').firstChild.textContent").strip() == role.name
    assert not walker.invisible(), "\n".join(walker.invisible())
    print(f"keyboard: {len(walker.stops)} stops, doors {doors}")


def test_a_page_s_tags_show_the_focus(walker: Walker, site_url: str, content: Content) -> None:
    """A page's tags (links to the tags' page) show the focus like every other link."""
    role = next(iter(content.roles.values()))
    walker.page.goto(f"{site_url}/roles/{role.id}.html", wait_until="load")
    walker.tab_to("el => el.matches('.md-typeset a.md-tag')")
    assert not walker.invisible(), "\n".join(walker.invisible())


def test_session_planner_by_keyboard(walker: Walker, site_url: str) -> None:
    page = walker.page
    page.goto(f"{site_url}/outils/planifier.html", wait_until="load")
    page.evaluate("() => { localStorage.clear(); window.print = () => { window.__printed = true; }; }")
    walker.tab_to("el => el.matches('input[name=setting]')")
    walker.press("ArrowDown")  # radio group: the arrow picks the other setting
    assert page.is_checked("#planner-setting-groupe")
    assert page.input_value("[data-planner-structure]") == "codeveloppement"
    walker.tab_to("el => el.matches('[data-step-minutes]')")
    page.keyboard.press("Control+a")
    page.keyboard.type("20")
    walker.press("Tab")  # leaving the field commits it
    # The total is the target set; the steps' sum may run over it, and the overrun is shown.
    target = int(page.input_value("[data-planner-total]"))
    values = page.eval_on_selector_all("[data-step-minutes]", "els => els.map(e => e.value)")
    steps = sum(int(v) for v in values)
    assert page.is_visible("[data-planner-overrun]") == (steps != target)
    if not page.evaluate("document.activeElement.matches('[data-step-action=down]')"):
        walker.tab_to("el => el.matches('[data-step-action=down]')")
    step = int(page.evaluate("document.activeElement.closest('[data-step]').dataset.step"))
    name = page.input_value(f"#planner-step-name-{step + 1}")
    walker.press("Enter")
    assert page.input_value(f"#planner-step-name-{step + 2}") == name
    moved = f'[data-step="{step + 1}"] [data-step-action=down]'
    assert page.evaluate(f"document.activeElement.matches('{moved}')")
    walker.tab_to("el => el.matches('[data-planner-print]')")
    walker.press("Enter")
    assert page.evaluate("window.__printed") is True
    assert not walker.invisible(), "\n".join(walker.invisible())


def test_timer_by_keyboard(walker: Walker, site_url: str) -> None:
    page = walker.page
    page.goto(f"{site_url}/outils/planifier.html", wait_until="load")
    page.evaluate("() => localStorage.clear()")
    page.reload(wait_until="load")
    walker.tab_to("el => el.matches('[data-planner-timer]')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/outils/minuteur.html#plan=" in page.url
    walker.tab_to("el => el.matches('[data-timer-toggle]')")
    walker.press("Enter")
    assert page.inner_text("[data-timer-toggle]") == "Pause"
    walker.tab_to("el => el.matches('[data-timer-next-step]')")
    walker.press("Enter")
    assert page.inner_text("[data-timer-position]").startswith("Étape 2 ")
    walker.tab_to("el => el.matches('[data-timer-sound]')")
    walker.press("Space")
    assert page.is_checked("[data-timer-sound]")
    assert not walker.invisible(), "\n".join(walker.invisible())


def test_search_by_keyboard(walker: Walker, site_url: str, content: Content) -> None:
    page = walker.page
    role = next(iter(content.roles.values()))
    page.goto(f"{site_url}/index.html", wait_until="load")
    walker.tab_to("el => el.matches('input.md-search__input')")
    page.keyboard.type(role.id)
    page.wait_for_selector(f'.md-search-result__item > a[href*="roles/{role.id}.html"]', timeout=60_000)
    state = walker.press("ArrowDown")
    assert "roles/" in state["href"], state
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"/roles/{role.id}.html" in page.url
    assert not walker.invisible(), "\n".join(walker.invisible())


def follow_through_the_drawer(walker: Walker, link: str) -> None:
    """Open the menu with its button, open the section panels that hold `link` (a selector),
    outermost first, with each section's button (a label for the panel's checkbox), then follow
    the link with Enter."""
    page = walker.page
    walker.tab_to("el => el.matches('.md-header button[data-for=__drawer]')")
    walker.press("Enter")
    page.wait_for_function(  # the drawer slides in
        "document.getElementById('__drawer').checked && getComputedStyle("
        "document.querySelector('.md-sidebar--primary')).visibility === 'visible'"
    )
    toggles = page.evaluate(
        """link => { const ids = []; let item = document.querySelector(link).closest('.md-nav__item--nested');
        while (item) { const toggle = item.querySelector(':scope > .md-nav__toggle');
          if (toggle && !toggle.checked) ids.unshift(toggle.id);
          item = item.parentElement.closest('.md-nav__item--nested'); }
        return ids; }""",
        link,
    )
    for toggle in toggles:
        walker.tab_to(f"el => el.matches('.md-sidebar--primary label[for=\"{toggle}\"][tabindex]')")
        walker.press("Enter")
        # The panel slides in: wait until it is shown and has come to rest inside the window.
        page.wait_for_function(
            "id => { const toggle = document.getElementById(id);"
            " const panel = toggle.parentElement.querySelector(':scope > .md-nav');"
            " return toggle.checked && getComputedStyle(panel).visibility === 'visible'"
            " && Math.round(panel.getBoundingClientRect().left) >= 0; }",
            arg=toggle,
        )
        # And until its slide has ended: the theme may move the focus into the panel when it
        # does, which would leave behind a focus reached before then.
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    walker.tab_to(f"el => el.matches({link!r})")
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("walker", [ZOOM_200], indirect=True)
def test_navigation_at_200_percent_zoom(walker: Walker, site_url: str, content: Content) -> None:
    """The menu is a drawer at this width: its button opens it from the keyboard, and its links
    stay out of the tab order while it is closed. A folded section is a link to its own page
    (navigation.prune), where the menu lists the section's pages: a role is two pages away."""
    page = walker.page
    page.goto(f"{site_url}/index.html", wait_until="load")
    follow_through_the_drawer(walker, ".md-sidebar--primary a[href='roles/index.html']")
    assert page.url.endswith("/roles/index.html")
    role = list(content.roles.values())[-1]
    follow_through_the_drawer(walker, f".md-sidebar--primary a[href='{role.id}.html']")
    assert page.url.endswith(f"/roles/{role.id}.html")
    # On a page inside a section, the menu opens on the section's panel, which covers the lists
    # above it: Tab stays in what is shown, the panel's title is the way back, and the next
    # page of the list it covered is reached from there.
    walker.tab_to("el => el.matches('.md-header button[data-for=__drawer]')")
    walker.press("Enter")
    page.wait_for_function("document.activeElement.matches('.md-sidebar--primary .md-nav__title[for]')")
    # The focus leaving the menu (Shift+Tab from its first entry) closes it: the header's
    # button it lands on is shown again, and the page behind takes no unseen focus.
    walker.press("Shift+Tab")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("!!document.activeElement.closest('.md-header')")
    page.reload(wait_until="load")
    walker.tab_to("el => el.matches('.md-header button[data-for=__drawer]')")
    walker.press("Enter")
    page.wait_for_function("document.activeElement.matches('.md-sidebar--primary .md-nav__title[for]')")
    panel = page.evaluate("document.activeElement.htmlFor")
    walker.press("Enter")
    page.wait_for_function(
        "id => !document.getElementById(id).checked && document.activeElement"
        ".closest('.md-nav__item').querySelector(':scope > .md-nav__toggle').id === id",
        arg=panel,
    )
    after_section = page.evaluate(
        "document.activeElement.closest('.md-nav__item').nextElementSibling.querySelector('a[href]').getAttribute('href')"
    )
    walker.tab_to(f"el => el.matches(\".md-sidebar--primary a[href='{after_section}']\")")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(after_section.removeprefix(".."))
    # Closed again: Tab goes from the menu button to the page, not into the hidden menu.
    walker.tab_to("el => el.matches('.md-header button[data-for=__drawer]')")
    after = walker.tab()
    assert not page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"), after
    assert not walker.invisible(), "\n".join(walker.invisible())


@pytest.mark.parametrize("walker", [ZOOM_200], indirect=True)
def test_session_planner_at_200_percent_zoom(walker: Walker, site_url: str) -> None:
    page = walker.page
    page.goto(f"{site_url}/outils/planifier.html", wait_until="load")
    page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
    assert page.evaluate("document.documentElement.scrollWidth") <= ZOOM_200["width"]
    walker.tab_to("el => el.matches('[data-planner-total]')")
    page.keyboard.press("Control+a")
    page.keyboard.type("60")
    walker.press("Tab")
    minutes = page.eval_on_selector_all("[data-step-minutes]", "els => els.map(e => Number(e.value))")
    assert sum(minutes) == 60, minutes
    walker.tab_to("el => el.matches('[data-planner-print]')")
    walker.press("Enter")
    assert page.evaluate("window.__printed") is True
    assert page.evaluate("document.documentElement.scrollWidth") <= ZOOM_200["width"]
    assert not walker.invisible(), "\n".join(walker.invisible())
