"""The essential path, measured on the built site: at most 10,000 words of reading, each step's
announced reading time matching the words of the pages it lists, and the week at a glance."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import errors_for, page_text

from guide.content import Content
from guide.reading import ESSENTIAL_CAP, article_words, path_reading, report
from guide.render import duration


@pytest.mark.build
def test_the_essential_path_reads_in_at_most_ten_thousand_words(site: Path, content: Content) -> None:
    readings = path_reading(site, content.path)
    print(report(readings))  # the figures, with -s
    assert 0 < sum(r.words for r in readings) <= ESSENTIAL_CAP
    wrong = {r.step: (r.minutes, r.declared) for r in readings if abs(r.minutes - r.declared) > 1}
    assert not wrong, f"announced reading time off the measured one (measured, announced): {wrong}"


@pytest.mark.build
def test_the_index_shows_the_week_at_a_glance(site: Path, content: Content) -> None:
    page = page_text(site, "parcours/index.html")
    index = page[page.index("<article") :]
    plain = html.unescape(re.sub(r"<[^>]+>", " ", index)).replace("\u00a0", " ")
    assert "La semaine d’un coup d’œil" in plain
    assert "(s’exercer" not in plain  # the old note in parentheses
    for step in content.path.steps:
        row = index[index.index(f'href="{step.id}.html"') :].split("</tr>")[0]
        cells = html.unescape(re.sub(r"<[^>]+>", "|", row)).replace("\u00a0", " ")
        if step.time.exercise:
            assert duration(step.time.exercise).replace("\u00a0", " ") in cells, step.id
    week = [s for s in content.path.steps if s.time.day]
    assert week and len({s.time.day for s in week}) >= 5


def test_article_words_counts_french_elisions_apart() -> None:
    page = (
        '<article><h1>Titre<a class="headerlink" href="#t">¶</a></h1><p>l’équipe et le manager</p></article>'
    )
    assert article_words(page) == 6


def test_duration_reads_as_french() -> None:
    assert [duration(n) for n in (5, 60, 90, 250)] == [
        "5\u00a0min",
        "1\u00a0h",
        "1\u00a0h\u00a030",
        "4\u00a0h\u00a010",
    ]


@pytest.mark.build
def test_task_lists_render_as_boxes(site: Path, content: Content) -> None:
    last = page_text(site, f"parcours/{content.path.steps[-1].id}.html")
    assert "[ ]" not in last
    assert last.count('type="checkbox"') >= len(content.path.steps[-1].readiness)


@pytest.mark.build
def test_solo_exercises_fold_their_answer_and_name_their_criterion(site: Path, content: Content) -> None:
    criteria = content.path.criteria()
    solos = [(step, solo) for step in content.path.steps for solo in step.solo]
    assert len(solos) >= 5
    for step, solo in solos:
        page = page_text(site, f"parcours/{step.id}.html")
        body = page[page.index("<article") :]
        answer = body[body.index(solo.title) :]
        fold = answer[answer.index("<details") : answer.index("</details>")]
        assert "Une réponse possible" in fold and "open" not in fold.split(">")[0], step.id
        owner, _criterion = criteria[solo.criterion]
        assert f'href="{owner.id}.html"' in answer.split("</details>")[1].split("<h")[0], solo.title


def test_a_solo_exercise_names_a_criterion_that_exists(project: Path) -> None:
    path = project / "content/path.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("criterion: annoncer-son-role", "criterion: annoncer-le-role")
    path.write_text(text, encoding="utf-8")
    (error,) = errors_for(project)
    assert "nomme le critère « annoncer-le-role » : possibles :" in error, error
    assert "annoncer-son-role" in error, error
    assert error.startswith(f"content/path.yml:{text[: text.index('annoncer-le-role')].count(chr(10)) + 1}:")


def test_a_task_box_is_named_by_its_words() -> None:
    from guide.tasks import label_task_boxes

    item = (
        '<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled/>'
        '<span class="task-list-indicator"></span></label> Dire <em>pourquoi</em>.</li>'
    )
    labelled = label_task_boxes(item)
    assert labelled.endswith(" Dire <em>pourquoi</em>.</label></li>")
    assert labelled.count("<label") == 1 and "</label> " not in labelled
