"""The session planner (outils/planifier.html) and timer (outils/minuteur.html), which replace
the composer (fiches/composer.html now leads to the planner).

Structures come from content/structures/, checked like the rest. In headless Chromium the
planner plans a one-manager session and a codéveloppement session, adjusts them, prints each
on one A4 page whose step times add up to the total, exports Markdown, survives a reload and
keeps named plans; the timer runs through two steps, pauses, signals an overtime and survives
a reload. Nothing leaves the site."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, errors_for, line_of, squash, watched_page
from pypdf import PdfReader

from guide import render_pages
from guide.content import Content

PAGE = "outils/planifier.html"
TIMER = "outils/minuteur.html"
SCRIPTS = ("plan.js", "planner.js", "timer.js")


# Content and pages ----------------------------------------------------------------------


def test_structures_for_one_manager_and_for_groups(content: Content) -> None:
    settings = [s.setting for s in content.structures.values()]
    assert settings.count("individuel") >= 1 and settings.count("groupe") >= 2
    codev = content.structures["codeveloppement"]
    assert [step.id for step in codev.steps] == [
        "exposition",
        "clarification",
        "contrat",
        "consultation",
        "plan",
        "apprentissages",
    ]
    one = content.structures["seance-individuelle"]
    # The opening puts « Qu’attendez-vous de cette séance ? » on the table: the manager's card.
    assert any("attendez" in q for c in one.steps[0].cards for q in content.questions[c].questions)
    for structure in content.structures.values():
        assert structure.shortest <= structure.total <= structure.longest
        for step in structure.steps:
            assert set(step.roles) <= set(content.roles) and set(step.planes) <= set(content.planes)


def test_bad_structure_names_file_line_and_field(project: Path) -> None:
    file = project / "content/structures/codeveloppement.yml"
    text = file.read_text(encoding="utf-8")
    file.write_text(
        text.replace("roles: [moderateur, eperon]", "roles: [moderateur, eperonn]", 1), encoding="utf-8"
    )
    errors = errors_for(project)
    line = line_of(file.read_text(encoding="utf-8"), "eperonn")
    assert any(
        f"codeveloppement.yml:{line}" in e
        and "steps[3].roles[2]" in e
        and "Vouliez-vous dire « eperon » ?" in e
        for e in errors
    ), errors
    file.write_text(text.replace("longest: 150", "longest: 70"), encoding="utf-8")
    assert any("les minutes des étapes font 90 min" in e for e in errors_for(project))


def test_planner_embeds_structures_and_data(content: Content) -> None:
    pages = {p.path: p for p in render_pages(content)}
    md = pages["outils/planifier.md"].markdown
    assert "scripts:\n- assets/plan.js\n- assets/planner.js\n" in md
    data = json.loads(
        re.search(r'<script type="application/json" id="planner-data">(.*?)</script>', md).group(1)
    )  # type: ignore[union-attr]
    assert [s["id"] for s in data["structures"]] == list(content.structures)
    assert data["structures"][1]["steps"][0]["roles"][0]["href"].startswith("../roles/")
    assert any(g["label"].startswith("Cas") for g in data["prompts"])
    assert any(g["label"].startswith("Rôle") for g in data["prompts"])
    for structure in content.structures.values():
        # Readable without JavaScript: every step, its time and its purpose.
        for step in structure.steps:
            assert squash(step.purpose) in squash(md)
            assert f"({step.minutes} min)" in md
        assert f"deroules/{structure.id}.md" in md
        page = pages[f"deroules/{structure.id}.md"].markdown
        assert all(f"../roles/{r}.md" in page for step in structure.steps for r in step.roles)
    assert not re.search(r'(?:src|href)="(?:https?:)?//', md)


def test_scripts_send_nothing() -> None:
    for name in SCRIPTS:
        source = (ROOT / "docs/assets" / name).read_text(encoding="utf-8")
        script = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)
        for forbidden in ("fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "http:", "https:",
                          "document.cookie", "innerHTML", "eval("):  # fmt: skip
            assert forbidden not in script, (name, forbidden)


# In the browser --------------------------------------------------------------------------


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    with watched_page(
        browser, site_url, viewport={"width": 1280, "height": 900}, accept_downloads=True
    ) as page:
        yield page


def minutes(page: Any) -> list[int]:
    return [int(v) for v in page.eval_on_selector_all("[data-step-minutes]", "els => els.map(e => e.value)")]


def set_total(page: Any, total: int) -> None:
    page.fill("[data-planner-total]", str(total))
    page.press("[data-planner-total]", "Tab")  # leaving the field commits it, as for a reader


def printed(page: Any) -> tuple[int, str, list[int], int]:
    """Pages, text, step minutes and total of the run sheet printed from the browser (A4)."""
    page.emulate_media(media="print")
    try:
        assert not page.is_visible("[data-planner-form]")
        steps = [
            int(v)
            for v in page.eval_on_selector_all(
                "[data-sheet-minutes]", "els => els.map(e => e.dataset.sheetMinutes)"
            )
        ]
        total = int(page.get_attribute("[data-sheet-total]", "data-sheet-total"))
        pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    finally:
        page.emulate_media(media="screen")
    first = pdf.pages[0].mediabox
    assert abs(float(first.width) - 595.3) < 2 and abs(float(first.height) - 841.9) < 2  # A4
    return len(pdf.pages), " ".join(p.extract_text() for p in pdf.pages), steps, total


@pytest.mark.browser
def test_plan_a_one_manager_session(page: Any, site_url: str, content: Content) -> None:
    page.goto(f"{site_url}/{PAGE}")
    page.evaluate("() => localStorage.clear()")
    page.reload()
    assert page.is_visible("[data-planner-form]")
    page.check("#planner-setting-individuel")
    page.select_option("[data-planner-phase]", "seances")
    assert page.input_value("[data-planner-structure]") == "seance-individuelle"
    set_total(page, 60)
    assert sum(minutes(page)) == 60
    structure = content.structures["seance-individuelle"]
    # Scaled: each step keeps roughly its share of the reference total.
    for got, step in zip(minutes(page), structure.steps, strict=True):
        assert abs(got - step.minutes * 60 / structure.total) < 1
    # Adjust: a longer exploration, a renamed step, a prompt from a role, a step moved.
    page.fill("#planner-step-minutes-2", "30")
    page.press("#planner-step-minutes-2", "Tab")
    # The target stays what the consultant set; the steps' sum runs over it, and says so.
    total = sum(minutes(page))
    assert int(page.input_value("[data-planner-total]")) == 60 != total
    overrun = page.inner_text("[data-planner-overrun]").replace("\xa0", " ")
    assert overrun == f"+{total - 60} min au-delà de 1 h"
    page.fill("#planner-step-name-5", "Clôture et date suivante")
    role = next(iter(content.roles.values()))
    page.select_option("#planner-step-prompt-1", f"roles/{role.id}/0")
    page.click('[data-step="0"] [data-prompt-add]')
    page.click('[data-step="2"] [data-step-action="down"]')
    names = [page.input_value(f"#planner-step-name-{n}") for n in range(1, 6)]
    assert names[2:4] == [structure.steps[3].name, structure.steps[2].name]
    page.fill("[data-planner-name]", "AB-03")
    count, text, steps, sheet_total = printed(page)
    assert count == 1, f"the run sheet takes {count} pages"
    assert sum(steps) == sheet_total == total
    assert "Clôture et date suivante" in text and "AB-03" in text
    assert squash(role.examples[0].words)[:40] in squash(text)
    assert squash("Choisissez le cadre") not in squash(text)  # the page's own text stays on screen
    # Export as Markdown: a file made in the browser.
    with page.expect_download() as download:
        page.click("[data-planner-export]")
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert markdown.startswith("# AB-03\n")
    assert f"**{total} min**" in markdown and "## 5. Clôture et date suivante" in markdown
    rows = re.findall(r"^\| \d+–\d+ \| .+ \| (\d+) min \|$", markdown, re.M)
    assert sum(int(r) for r in rows) == total and len(rows) == 5
    # Reload: the plan comes back from the address.
    before = (minutes(page), names)
    page.reload()
    assert (minutes(page), [page.input_value(f"#planner-step-name-{n}") for n in range(1, 6)]) == before
    assert page.input_value("[data-planner-name]") == "AB-03"
    assert page.locator('[data-step="0"] .guide-planner__prompts li').count() == 1


@pytest.mark.browser
def test_plan_a_codeveloppement_session(page: Any, site_url: str, content: Content) -> None:
    page.goto(f"{site_url}/{PAGE}")
    page.check("#planner-setting-groupe")
    assert page.input_value("[data-planner-structure]") == "codeveloppement"
    set_total(page, 120)
    assert sum(minutes(page)) == 120
    codev = content.structures["codeveloppement"]
    assert [page.input_value(f"#planner-step-name-{n}") for n in range(1, 7)] == [s.name for s in codev.steps]
    page.click("[data-planner-add-step]")
    assert page.evaluate("document.activeElement.id") == "planner-step-name-7"
    page.fill("#planner-step-minutes-7", "10")
    page.press("#planner-step-minutes-7", "Tab")
    # The added step runs over the target, which stays: the overrun is said, not hidden.
    assert page.input_value("[data-planner-total]") == "120" and sum(minutes(page)) == 130
    assert page.inner_text("[data-planner-overrun]").replace("\xa0", " ") == "+10 min au-delà de 2 h"
    status = page.inner_text("[data-planner-status]").replace("\xa0", " ")
    assert "Total des étapes : 2 h 10, 10 min au-delà de 2 h." in status
    page.click('[data-step="4"] [data-step-action="remove"]')
    assert page.input_value("[data-planner-total]") == "120"
    page.click("[data-planner-fit]")
    assert not page.is_visible("[data-planner-overrun]")
    count, text, steps, total = printed(page)
    assert count == 1 and sum(steps) == total == 120
    for step in codev.steps:
        if step.id != "plan":
            assert squash(step.name) in squash(text)
    # Another group format is offered too.
    others = page.eval_on_selector_all("[data-planner-structure] option", "els => els.map(e => e.value)")
    assert len(others) >= 2 and "seance-individuelle" not in others


@pytest.mark.browser
def test_named_plans_are_kept_in_this_browser(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/{PAGE}")
    page.evaluate("() => localStorage.clear()")
    page.reload()
    page.click("[data-planner-save]")
    assert "Donnez d’abord un nom" in page.inner_text("[data-planner-status]")
    page.fill("[data-planner-name]", "Groupe B")
    page.check("#planner-setting-groupe")
    page.click("[data-planner-save]")
    page.click("[data-planner-new]")
    page.check("#planner-setting-individuel")
    page.fill("[data-planner-name]", "CD")
    page.click("[data-planner-save]")
    assert page.eval_on_selector_all("[data-saved-plan]", "els => els.map(e => e.dataset.savedPlan)") == [
        "CD",
        "Groupe B",
    ]
    page.goto(f"{site_url}/{PAGE}")  # no plan in the address
    page.click('[data-saved-open="Groupe B"]')
    assert page.input_value("[data-planner-structure]") == "codeveloppement"
    page.click('[data-saved-remove="CD"]')
    assert page.locator("[data-saved-plan]").count() == 1
    stored = page.evaluate(
        "() => Object.keys(localStorage).filter(k => !k.includes('__'))"
    )  # not the theme's
    assert stored == ["guide.planner"]
    assert page.context.cookies() == []


@pytest.mark.browser
def test_without_javascript_structures_are_readable(browser: Any, site_url: str, content: Content) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{PAGE}")
        assert not page.is_visible("[data-planner-form]")
        text = page.inner_text("article")
        assert "JavaScript est désactivé" in text
        for structure in content.structures.values():
            for step in structure.steps:
                assert squash(step.name) in squash(text)
    finally:
        context.close()


@pytest.mark.browser
def test_old_composer_address_leads_to_the_planner(page: Any, site_url: str, site: Path) -> None:
    html = (site / "fiches/composer.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../outils/planifier.html">' in html
    assert 'href="../outils/planifier.html"' in html  # a link too, for a browser that does not move
    assert html.count('http-equiv="Content-Security-Policy"') == 1
    page.goto(f"{site_url}/fiches/composer.html")
    page.wait_for_url(re.compile(r"/outils/planifier\.html"))
    assert page.is_visible("[data-planner-form]")


# The timer -------------------------------------------------------------------------------


def seconds(clock: str) -> int:
    """'1:02:05' -> 3725, '−0:30' -> -30."""
    sign = -1 if clock.startswith("−") else 1
    total = 0
    for part in clock.lstrip("−").split(":"):
        total = total * 60 + int(part)
    return sign * total


def timer_text(page: Any) -> dict[str, str]:
    """The timer's texts, read at one instant (the page's clock keeps running between reads)."""
    texts: dict[str, str] = page.evaluate(
        """() => ({step: document.querySelector('[data-timer-step-name]').textContent,
        left: document.querySelector('[data-timer-step-left]').textContent,
        session: document.querySelector('[data-timer-session-left]').textContent,
        toggle: document.querySelector('[data-timer-toggle]').textContent})"""
    )
    return texts


@pytest.mark.browser
def test_timer_runs_through_two_steps_and_survives_a_reload(
    page: Any, site_url: str, content: Content
) -> None:
    page.clock.install()
    page.goto(f"{site_url}/{PAGE}")
    page.evaluate("() => localStorage.clear()")
    page.reload()
    page.check("#planner-setting-individuel")
    set_total(page, 60)
    first, second = minutes(page)[:2]
    names = [page.input_value("#planner-step-name-1"), page.input_value("#planner-step-name-2")]
    page.click("[data-planner-timer]")
    page.wait_for_url(re.compile(r"/outils/minuteur\.html#plan="))
    state = timer_text(page)
    assert state == {"step": names[0], "left": f"{first}:00", "session": "1:00:00", "toggle": "Démarrer"}
    page.click("[data-timer-toggle]")
    page.clock.run_for(61_000)
    state = timer_text(page)
    # The screen is redrawn four times a second: a quarter of a second late at most.
    gone = first * 60 - seconds(state["left"])
    assert gone in (60, 61) and 3600 - seconds(state["session"]) == gone, state
    assert state["toggle"] == "Pause"
    # Past the step's time: the discreet signal, no sound (not asked for).
    page.clock.run_for(first * 60_000)
    assert page.is_visible("[data-timer-over]")
    assert "guide-timer--over" in page.get_attribute("[data-timer]", "class")
    assert "écoulé" in page.inner_text("[data-timer-status]")
    assert page.inner_text("[data-timer-step-left]").startswith("−")
    # Pause: the clock stops.
    page.click("[data-timer-toggle]")
    paused = timer_text(page)
    page.clock.run_for(120_000)
    assert timer_text(page) == {**paused, "toggle": "Reprendre"}
    # Next: the second step, its whole time ahead; the session's time kept.
    page.click("[data-timer-next-step]")
    state = timer_text(page)
    assert state["step"] == names[1] and state["left"] == f"{second}:00"
    assert state["session"] == paused["session"]
    assert not page.is_visible("[data-timer-over]")
    # Reload: same step, same times (paused), from the state kept with timestamps.
    page.reload()
    assert timer_text(page) == state
    page.click("[data-timer-toggle]")
    page.clock.run_for(30_000)
    page.reload()
    after = timer_text(page)
    assert after["step"] == names[1] and after["toggle"] == "Pause"
    left = seconds(after["left"])
    assert (second - 1) * 60 + 25 <= left <= (second - 1) * 60 + 30, after  # 30 s gone, and the reload's
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('guide.timer'))")
    assert stored["step"] == 1 and isinstance(stored["since"], int | float)


@pytest.mark.browser
def test_timer_is_readable_across_a_table(browser: Any, site_url: str) -> None:
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto(f"{site_url}/{PAGE}")
            page.click("[data-planner-timer]")
            page.wait_for_url(re.compile(r"/outils/minuteur\.html"))
            size = page.evaluate(
                "parseFloat(getComputedStyle(document.querySelector('[data-timer-step-left]')).fontSize)"
            )
            assert size >= 64, size  # 48 pt and more: read from two metres
        finally:
            context.close()


@pytest.mark.browser
def test_a_plan_changed_mid_session_keeps_the_time_gone_and_the_step(page: Any, site_url: str) -> None:
    page.clock.install()
    page.goto(f"{site_url}/{PAGE}")
    page.evaluate("() => localStorage.clear()")
    page.reload()
    page.check("#planner-setting-individuel")
    set_total(page, 60)
    page.click("[data-planner-timer]")
    page.wait_for_url(re.compile(r"/outils/minuteur\.html#plan="))
    assert page.is_disabled("[data-timer-previous-step]")
    page.click("[data-timer-toggle]")
    page.clock.run_for(60_000)
    page.click("[data-timer-next-step]")
    page.clock.run_for(60_000)
    page.click("[data-timer-toggle]")  # paused two minutes in, one minute into step 2
    before = timer_text(page)
    # Back to the plan: step 2 lengthened by 5 minutes and renamed, then the timer again.
    page.click("[data-timer-back]")
    page.wait_for_url(re.compile(r"/outils/planifier\.html#plan="))
    second = int(page.input_value("#planner-step-minutes-2"))
    page.fill("#planner-step-minutes-2", str(second + 5))
    page.press("#planner-step-minutes-2", "Tab")
    page.fill("#planner-step-name-2", "Explorer la situation")
    page.click("[data-planner-timer]")
    page.wait_for_url(re.compile(r"/outils/minuteur\.html#plan="))
    after = timer_text(page)
    assert after["step"] == "Explorer la situation"  # the renamed step, by the link
    assert after["left"] == f"{second + 5 - 1}:00" and after["toggle"] == "Reprendre", after
    assert seconds(after["session"]) == seconds(before["session"]) + 5 * 60  # 2 min gone of 65
    notice = page.inner_text("[data-timer-notice]")
    assert "garde le temps écoulé (2:00)" in notice and "étape 2" in notice
    # Previous step, then « Recommencer » asks first; refused, nothing changes.
    page.click("[data-timer-previous-step]")
    assert page.is_disabled("[data-timer-previous-step]")
    kept = timer_text(page)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("[data-timer-reset]")
    assert timer_text(page) == kept
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-timer-reset]")
    assert timer_text(page)["toggle"] == "Démarrer" and not page.is_visible("[data-timer-notice]")


@pytest.mark.browser
def test_a_step_is_inserted_where_wanted_and_the_status_counts_after(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/{PAGE}")
    page.evaluate("() => localStorage.clear()")
    page.reload()
    page.check("#planner-setting-individuel")
    set_total(page, 90)
    first = int(page.input_value("#planner-step-minutes-1"))
    page.fill("#planner-step-minutes-1", str(first + 5))
    page.press("#planner-step-minutes-1", "Tab")
    status = page.inner_text("[data-planner-status]").replace("\xa0", " ")
    assert status == "Total des étapes : 1 h 35, 5 min au-delà de 1 h 30."
    page.click('[data-step="0"] [data-step-action="insert"]')
    assert page.evaluate("document.activeElement.id") == "planner-step-name-2"
    assert page.input_value("#planner-step-name-2") == "Nouvelle étape"
    assert page.input_value("[data-planner-total]") == "90"
    assert page.inner_text("[data-planner-overrun]").replace("\xa0", " ") == "+10 min au-delà de 1 h 30"
    # Renaming a step updates the timer's link at once.
    page.fill("#planner-step-name-2", "Météo du jour")
    href = page.get_attribute("[data-planner-timer]", "href")
    assert href.endswith(page.evaluate("location.hash"))


@pytest.mark.browser
def test_a_group_run_sheet_speaks_to_a_group(page: Any, site_url: str, content: Content) -> None:
    page.goto(f"{site_url}/{PAGE}")
    page.check("#planner-setting-groupe")
    count, text, _, _ = printed(page)
    assert count == 1
    rule = content.worksheets["seance-collective"].confidentiality
    assert squash(rule) in squash(text) and squash(content.confidentiality.summary) not in squash(text)
    assert "Le pas choisi par chacun" in text
    codes = page.eval_on_selector_all(".guide-planner-sheet__code", "els => els.map(e => e.textContent)")
    assert codes == ["A", "B", "C", "D", "E"]
    page.check("#planner-setting-individuel")
    count, text, _, _ = printed(page)
    assert squash(content.confidentiality.summary) in squash(text) and "par chacun" not in text
    assert page.locator("[data-sheet-participants]").count() == 0


def test_the_planner_and_the_preparation_sheet_have_distinct_menu_names(site: Path, content: Content) -> None:
    html = (site / "outils" / "planifier.html").read_text(encoding="utf-8")
    link = (
        r'<a href="[^"]*"\s+class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>'
    )
    labels = re.findall(link, html)
    sheet = content.worksheets["preparer-seance"].title
    planner = content.interface.pages.planner.title
    assert planner == "Planifier la séance" and planner != sheet
    assert labels.count(sheet) == 1 and labels.count(planner) == 1, labels


@pytest.mark.browser
def test_relances_offer_the_step_s_own_questions_first_and_free_text(
    page: Any, site_url: str, content: Content
) -> None:
    page.goto(f"{site_url}/{PAGE}")
    page.evaluate("() => localStorage.clear()")
    page.reload()
    page.check("#planner-setting-individuel")
    structure = content.structures["seance-individuelle"]
    step = next(s for s in structure.steps if s.ask)
    n = structure.steps.index(step) + 1
    groups = page.eval_on_selector_all(f"#planner-step-prompt-{n} optgroup", "els => els.map(e => e.label)")
    assert groups[0] == f"À demander · {structure.name} · {step.name}"
    questions = content.interface.collections["questions"].plural
    first_role = next(i for i, g in enumerate(groups) if g.startswith("Rôle "))
    assert any(g.startswith(questions) for g in groups[:first_role])  # question cards before roles
    assert all(not g.startswith("Cas : ") for g in groups[:first_role])
    page.fill(f"#planner-step-own-{n}", "Qu’est-ce qui a changé depuis mardi ?")
    page.click(f'[data-step="{n - 1}"] [data-prompt-own-add]')
    page.reload()  # kept in the plan's address
    count, text, _, _ = printed(page)
    assert count == 1 and "Qu’est-ce qui a changé depuis mardi ?" in text
