"""Favourites and « déjà utilisé » marks (docs/assets/marks.js, outils/favoris.html): a star on
every case, sheet, card, role, plane, principle, phase and structure; « déjà utilisé » with its
date on cases and structures; kept in localStorage only, across a reload; exported and imported
as a JSON file; cleared by one button; nothing leaves the site."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import watched_page

from guide import render_pages
from guide.content import Content

MARKED = ("scenarios", "worksheets", "roles", "planes", "principles", "phases", "structures")


def test_every_entry_page_carries_a_star(content: Content) -> None:
    pages = {p.path: p.markdown for p in render_pages(content)}
    folders = {"scenarios": "cas", "worksheets": "fiches", "roles": "roles", "planes": "plans",
               "principles": "principes", "phases": "phases", "structures": "deroules"}  # fmt: skip
    for key in MARKED:
        for entry_id in content.collection(key):
            md = pages[f"{folders[key]}/{entry_id}.md"]
            assert f'data-mark-kind="{key}" data-mark-id="{entry_id}"' in md, (key, entry_id)
            assert f'data-mark-path="{folders[key]}/{entry_id}.html"' in md
            assert ("data-mark-used" in md) == (key in ("scenarios", "structures")), (key, entry_id)
            assert "assets/marks.js" in md
    cards = pages["cartes/index.md"]
    assert cards.count('data-mark-kind="cards"') == cards.count('class="guide-cards__cell"') > 0


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    with watched_page(browser, site_url, accept_downloads=True) as page:
        yield page


def listed(page: Any) -> list[str]:
    return page.eval_on_selector_all("[data-favourite]", "els => els.map(e => e.dataset.favourite)")


@pytest.mark.browser
def test_mark_reload_export_import_clear(page: Any, site_url: str, content: Content, tmp_path: Path) -> None:
    case = next(iter(content.scenarios.values()))
    role = next(iter(content.roles.values()))
    page.goto(f"{site_url}/cas/{case.id}.html")
    page.evaluate("() => localStorage.clear()")
    page.reload()
    star = page.locator("[data-mark-star]")
    assert star.get_attribute("aria-pressed") == "false"
    star.click()
    page.click("[data-mark-used-today]")
    page.reload()  # kept across a reload
    assert page.get_attribute("[data-mark-star]", "aria-pressed") == "true"
    assert "Déjà utilisé le " in page.inner_text("[data-mark]")
    today = page.evaluate("new Date().toISOString().slice(0, 10)")
    assert page.get_attribute("[data-mark-used-date]", "data-mark-used-date") == today
    page.goto(f"{site_url}/roles/{role.id}.html")
    page.click("[data-mark-star]")
    page.goto(f"{site_url}/cartes/index.html")
    page.locator('[data-mark-kind="cards"] [data-mark-star]').first.click()
    # The favourites page lists them, with links back.
    page.goto(f"{site_url}/outils/favoris.html")
    favourites = listed(page)
    assert f"scenarios/{case.id}" in favourites and f"roles/{role.id}" in favourites
    assert any(f.startswith("cards/") for f in favourites) and len(favourites) == 3
    assert page.get_attribute(f'[data-favourite="roles/{role.id}"] a', "href") == f"../roles/{role.id}.html"
    assert page.locator(f'[data-used="scenarios/{case.id}"]').count() == 1
    # Export, clear, import.
    with page.expect_download() as download:
        page.click("[data-favourites-export]")
    exported = tmp_path / "favoris.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert set(data["favourites"]) == set(favourites)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-favourites-clear]")
    assert listed(page) == []
    assert page.evaluate("localStorage.getItem('guide.marks')") == json.dumps(
        {"v": 1, "favourites": {}, "used": {}}, separators=(",", ":")
    )
    page.set_input_files("[data-favourites-import]", str(exported))
    page.wait_for_function("() => document.querySelectorAll('[data-favourite]').length === 3")
    assert sorted(listed(page)) == sorted(favourites)
    assert "3 favoris ajoutés" in page.inner_text("[data-favourites-status]")
    page.reload()
    assert sorted(listed(page)) == sorted(favourites)
    keys = page.evaluate("() => Object.keys(localStorage).filter(k => !k.includes('__'))")  # not the theme's
    assert keys == ["guide.marks"] and page.context.cookies() == []


@pytest.mark.browser
def test_import_keeps_only_what_the_site_could_write(page: Any, site_url: str, tmp_path: Path) -> None:
    page.goto(f"{site_url}/outils/favoris.html")
    page.evaluate("() => localStorage.clear()")
    page.reload()
    bad = {
        "v": 1,
        "favourites": {
            "roles/miroir": {"title": "Miroir", "path": "javascript:alert(1)"},
            "roles/eperon": {"title": "Éperon", "path": "https://elsewhere.example/x.html"},
            "other/x": {"title": "X", "path": "roles/miroir.html"},
            "planes/pairs": {"title": "Pairs", "path": "plans/pairs.html"},
        },
        "used": {},
    }
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(bad), encoding="utf-8")
    page.set_input_files("[data-favourites-import]", str(file))
    page.wait_for_function("() => document.querySelectorAll('[data-favourite]').length === 1")
    assert listed(page) == ["planes/pairs"]
    file.write_text("not json", encoding="utf-8")
    page.set_input_files("[data-favourites-import]", str(file))
    status = "() => document.querySelector('[data-favourites-status]').textContent.includes('rien')"
    page.wait_for_function(status)
    assert listed(page) == ["planes/pairs"]
    assert not re.search(r"javascript:|elsewhere", page.content())


@pytest.mark.browser
def test_a_question_card_page_can_be_starred(page: Any, site_url: str, content: Content) -> None:
    question = next(iter(content.questions.values()))
    page.goto(f"{site_url}/questions/{question.id}.html")
    page.evaluate("() => localStorage.clear()")
    page.reload()
    page.click("[data-mark-star]")
    assert page.get_attribute("[data-mark-star]", "aria-pressed") == "true"
    page.reload()
    assert page.get_attribute("[data-mark-star]", "aria-pressed") == "true"
    page.goto(f"{site_url}/outils/favoris.html")
    assert listed(page) == [f"questions/{question.id}"]
    assert "Questions pour le manager" in page.inner_text("main")
