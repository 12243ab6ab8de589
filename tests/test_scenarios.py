"""Case scenarios and the onboarding path: references checked in the data (one fixture per
error), and every generated page present with its data, answers behind a fold, previous/next
navigation along the path."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import errors_for, line_of, page_text, squash

from guide.content import Content

SCENARIOS = "content/scenarios"


def test_enough_scenarios_and_steps(content: Content) -> None:
    assert len(content.scenarios) >= 8
    assert len(content.path.steps) >= 6
    for scenario in content.scenarios.values():
        assert scenario.planes and scenario.roles and all(c.why for c in scenario.roles)


def _break(project: Path, content: Content, key: str, wrong: str) -> tuple[str, int, int]:
    """Replace the 2nd `key` reference of the first scenario with `wrong`: (file, line, index)."""
    scenario = next(iter(content.scenarios.values()))
    name = f"{SCENARIOS}/{scenario.id}.yml"
    path = project / name
    text = path.read_text(encoding="utf-8")
    choices = scenario.planes if key == "plane" else scenario.roles
    index = 1 if len(choices) > 1 else 0
    value = getattr(choices[index], key)
    needle = f"  - {key}: {value}\n"
    assert needle in text
    line = line_of(text, needle)
    path.write_text(text.replace(needle, f"  - {key}: {wrong}\n", 1), encoding="utf-8")
    return name, line, index + 1


def test_unknown_plane_in_a_scenario(project: Path, content: Content) -> None:
    name, line, n = _break(project, content, "plane", "hierarchie")
    assert errors_for(project) == [
        f"{name}:{line}: planes[{n}].plane: unknown plane 'hierarchie' "
        f"Should be one of: {', '.join(content.planes)}"
    ]


def test_unknown_role_in_a_scenario(project: Path, content: Content) -> None:
    name, line, n = _break(project, content, "role", "moderatrice")
    assert errors_for(project) == [
        f"{name}:{line}: roles[{n}].role: unknown role 'moderatrice' - did you mean 'moderateur'? "
        f"Should be one of: {', '.join(content.roles)}"
    ]


# The site --------------------------------------------------------------------------------


def article(page: str) -> str:
    return page[page.index("<article") : page.index("</article>")]


@pytest.mark.build
def test_each_scenario_page_hides_its_answer_in_a_fold(site: Path, content: Content) -> None:
    for s in content.scenarios.values():
        page = article(page_text(site, f"cas/{s.id}.html"))
        details = re.findall(r"<details\b.*?</details>", page, re.S)
        answer = next(d for d in details if "Plans et rôles" in d)
        assert "open" not in answer[: answer.index(">")], f"{s.id}: the answer must start folded"
        before = page[: page.index(answer)]
        assert squash(s.situation) in squash(before) and squash(s.question) in squash(before)
        for choice in s.planes:
            assert f'href="../plans/{choice.plane}.html"' in answer
            assert squash(choice.why) in squash(answer)
        for choice in s.roles:
            assert f'href="../roles/{choice.role}.html"' in answer
            assert squash(choice.why) in squash(answer)
        for pitfall in s.pitfalls:
            assert squash(pitfall) in squash(page)


@pytest.mark.build
def test_scenarios_show_on_the_pages_of_the_roles_and_planes_they_cite(site: Path, content: Content) -> None:
    for s in content.scenarios.values():
        link = f'href="../cas/{s.id}.html"'
        for choice in s.roles:
            assert link in page_text(site, f"roles/{choice.role}.html"), (s.id, choice.role)
        for choice in s.planes:
            assert link in page_text(site, f"plans/{choice.plane}.html"), (s.id, choice.plane)
    # ...and only there.
    for role in content.roles:
        cited = {s.id for s in content.scenarios.values() if any(c.role == role for c in s.roles)}
        body = article(page_text(site, f"roles/{role}.html"))
        section = body[body.index('<h2 id="cas-pratiques') :]
        shown = set(re.findall(r'href="\.\./cas/([a-z0-9-]+)\.html"', section))
        assert shown == cited, role


@pytest.mark.build
def test_scenarios_index_lists_every_case(site: Path, content: Content) -> None:
    page = page_text(site, "cas/index.html")
    for s in content.scenarios.values():
        assert f'href="{s.id}.html"' in page
        assert squash(s.title) in squash(page)


@pytest.mark.build
def test_path_steps_have_objectives_checks_and_previous_next(site: Path, content: Content) -> None:
    steps = content.path.steps
    index = page_text(site, "parcours/index.html")
    for n, step in enumerate(steps):
        assert f'href="{step.id}.html"' in index
        page = article(page_text(site, f"parcours/{step.id}.html"))
        plain = html.unescape(re.sub(r"<[^>]+>", "", page)).replace("\u00a0", " ")
        assert f"Étape {n + 1} sur {len(steps)}" in plain
        for text in (*step.objectives, *step.self_check):
            assert squash(text) in squash(page), (step.id, text[:40])
        nav = page[page.index('class="guide-steps"') :]
        links = re.findall(r'href="([a-z0-9-]+)\.html"', nav)
        expected = ([steps[n - 1].id] if n > 0 else []) + ([steps[n + 1].id] if n + 1 < len(steps) else [])
        assert links == expected, step.id
        for target in step.read:
            assert (site / target.replace(".md", ".html")).is_file(), (step.id, target)
