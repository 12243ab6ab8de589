"""Filters of the case, sheet and card indexes (docs/assets/filters.js): by phase, role, plane,
setting and audience, combined, written in the address, working from a folder (file://);
without JavaScript every entry shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from guide.content import Content

pytestmark = [pytest.mark.browser]

VISIBLE = "els => els.filter(e => e.offsetParent !== null).length"


def shown(page: Any, selector: str) -> int:
    return int(page.eval_on_selector_all(selector, VISIBLE))


def expected_cases(content: Content, **wanted: str) -> int:
    def matches(case: Any) -> bool:
        facets = {
            "phase": [p.id for p in content.phases_citing("scenarios", case.id)],
            "role": [c.role for c in case.roles],
            "plane": [c.plane for c in case.planes],
            "setting": [case.setting],
        }
        return all(value in facets[dim] for dim, value in wanted.items())

    return sum(matches(case) for case in content.scenarios.values())


def test_case_filters_combine_and_live_in_the_address(browser: Any, site_url: str, content: Content) -> None:
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(f"{site_url}/cas/index.html")
        assert shown(page, ".guide-filter-entry") == len(content.scenarios)
        page.select_option("#filtre-setting", "groupe")
        assert shown(page, ".guide-filter-entry") == expected_cases(content, setting="groupe") >= 1
        assert urlsplit(page.url).query == "setting=groupe"
        page.select_option("#filtre-setting", "")
        role = next(iter(content.roles))
        phase = "seances"
        page.select_option("#filtre-role", role)
        page.select_option("#filtre-phase", phase)
        want = expected_cases(content, role=role, phase=phase)
        assert shown(page, ".guide-filter-entry") == want
        assert f"{want} cas sur {len(content.scenarios)}" in page.inner_text("[data-filters-count]")
        assert urlsplit(page.url).query == f"phase={phase}&role={role}"
        page.reload()
        assert page.input_value("#filtre-role") == role and shown(page, ".guide-filter-entry") == want
        page.click("[data-filters-reset]")
        assert shown(page, ".guide-filter-entry") == len(content.scenarios)
        assert urlsplit(page.url).query == ""
    finally:
        context.close()
    origin = urlsplit(site_url).netloc
    assert all(urlsplit(u).netloc == origin for u in requests if urlsplit(u).scheme.startswith("http"))


def test_sheet_and_card_filters(browser: Any, site_url: str, content: Content) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{site_url}/fiches/index.html?audience=groupe")
        groups = [s for s in content.worksheets.values() if s.audience == "groupe"]
        assert shown(page, "li:has(> [data-filter-item]), li:has([data-filter-item])") == len(groups) >= 1
        page.goto(f"{site_url}/cartes/index.html?role=miroir")
        assert shown(page, ".guide-cards__cell") == 1
        count = page.inner_text("[data-filters-count]")
        assert count.startswith("1 carte sur ") and "cartes" not in count  # the singular for one
        # The other families' headings go with their cards.
        assert page.is_visible("#roles") and not page.is_visible("#plans")
    finally:
        context.close()


def test_filters_work_from_a_folder_and_without_js(browser: Any, site: Path, content: Content) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((site / "cas" / "index.html").as_uri() + "?setting=groupe")
        assert shown(page, ".guide-filter-entry") == expected_cases(content, setting="groupe")
        page.select_option("#filtre-setting", "individuel")
        assert shown(page, ".guide-filter-entry") == expected_cases(content, setting="individuel")
    finally:
        context.close()
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((site / "cas" / "index.html").as_uri() + "?setting=groupe")
        assert not page.is_visible("[data-filters]")
        assert shown(page, ".guide-filter-entry") == len(content.scenarios)
    finally:
        context.close()


def test_cases_are_filed_where_a_coach_looks_for_them(content: Content) -> None:
    phases = {case: [p.id for p in content.phases_citing("scenarios", case)] for case in content.scenarios}
    assert not [case for case, cited in phases.items() if not cited]  # every case has a phase
    assert "premiere-seance" in phases["premier-entretien"]
    assert "seances" in phases["detresse-et-harcelement"]
    assert content.scenarios["demande-de-compte-rendu"].setting == "groupe"
