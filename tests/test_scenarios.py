"""Case scenarios and the onboarding path: references checked in the data (one fixture per
error), and every generated page present with its data: the
question first and every answer behind a fold, reading links by title, exercises and readiness
criteria on the path, previous/next navigation along it."""

from __future__ import annotations

import html
import posixpath
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, errors_for, line_of, page_text, squash

from guide import models as m
from guide import render_pages, rules
from guide.content import Content
from guide.render import docs_titles

SCENARIOS = "content/scenarios"
FIXTURES = Path(__file__).parent / "fixtures" / "scenarios"
ROLES = "miroir, eperon, moderateur, integrateur"


def test_enough_scenarios_and_steps(content: Content) -> None:
    assert len(content.scenarios) >= 14
    assert len(content.path.steps) >= 6
    for scenario in content.scenarios.values():
        assert scenario.planes and scenario.roles and all(c.why for c in scenario.roles)
        assert 2 <= len(scenario.dialogue) <= 8
        assert "consultant" in {line.speaker for line in scenario.dialogue}
        assert {line.speaker for line in scenario.dialogue} & {"manager", "sponsor"}
        # A case opens with a role played for the manager, or with the sponsor, where no role is played.
        assert scenario.opening.sponsor or scenario.opening.role in {c.role for c in scenario.roles}


def test_the_cases_the_issue_asks_for_are_there_and_found_by_their_situation(content: Content) -> None:
    wanted = {
        "premier-entretien": "premier entretien",
        "envoye-contre-son-gre": "accompagnement imposé",
        "detresse-et-harcelement": "harcèlement",
        "demande-de-conseil": "conseil",
    }
    for case, tag in wanted.items():
        assert tag in content.scenarios[case].tags, case
    assert rules.check_case_tags(rules.Project(ROOT, content, ROOT / "docs", ROOT / "templates")) == []


def _add_case(project: Path, fixture: str) -> tuple[str, str]:
    name = f"{SCENARIOS}/cas-essai.yml"
    shutil.copy(FIXTURES / f"{fixture}.yml", project / name)
    return name, (FIXTURES / f"{fixture}.yml").read_text(encoding="utf-8")


def test_unknown_role_to_take_first_or_to_avoid(project: Path) -> None:
    name, text = _add_case(project, "unknown_opening_role")
    opening = line_of(text, "  role: moderatuer")
    avoid = line_of(text, "  role: eperonn")
    assert errors_for(project) == [
        f"{name}:{opening}: opening.role: rôle « moderatuer » inconnu. Vouliez-vous dire « moderateur » ? "
        f"Possibles : {ROLES}",
        f"{name}:{avoid}: avoid.role: rôle « eperonn » inconnu. Vouliez-vous dire « eperon » ? "
        f"Possibles : {ROLES}",
    ]


def test_the_role_to_take_first_is_among_the_roles_of_the_answer(project: Path) -> None:
    name, text = _add_case(project, "opening_not_in_roles")
    assert errors_for(project) == [
        f"{name}:{line_of(text, '  role: integrateur')}: opening.role: le rôle à prendre d’abord, "
        "« integrateur », doit aussi figurer sous « roles » avec son pourquoi"
    ]


def test_a_dialogue_line_has_one_speaker(project: Path) -> None:
    name, text = _add_case(project, "bad_dialogue")
    assert errors_for(project) == [
        f"{name}:{line_of(text, '  - consultant: Racontez')}: dialogue[2]: une réplique a un seul "
        "locuteur : écrivez soit « consultant: … », soit « manager: … », soit « sponsor: … »",
    ]


def test_a_dialogue_line_says_the_frame_by_its_id(project: Path) -> None:
    """A consultant's line that says the frame aloud names a `spoken` text of confidentiality.yml."""
    name, text = _add_case(project, "unknown_frame")
    assert errors_for(project) == [
        f"{name}:{line_of(text, '    frame: premire-seance')}: dialogue[2].frame: texte dit "
        "« premire-seance » inconnu dans confidentiality.yml. Vouliez-vous dire « premiere-seance » ? "
        "Possibles : premiere-seance, limites",
    ]


def test_a_case_opens_with_a_role_or_with_the_sponsor_not_both(project: Path) -> None:
    name, text = _add_case(project, "opening_role_and_sponsor")
    assert errors_for(project) == [
        f"{name}:{line_of(text, 'opening:')}: opening: donnez soit « role: <id> » (un rôle, "
        "avec le manager), soit « sponsor: true » (le cas s’ouvre avec le commanditaire, sans rôle joué)",
    ]


def test_a_dialogue_is_an_exchange(project: Path) -> None:
    name, text = _add_case(project, "short_dialogue")
    line = line_of(text, "dialogue:")
    assert errors_for(project) == [f"{name}:{line}: dialogue: il faut au moins 2 éléments, il y en a 1"]


def test_a_case_without_its_choices_names_each_missing_field(project: Path) -> None:
    name, _ = _add_case(project, "missing_choice_fields")
    fields = m.Scenario.model_fields
    required = ", ".join(n for n, f in fields.items() if f.is_required())
    optional = ", ".join(n for n, f in fields.items() if not f.is_required())
    assert required and optional
    assert errors_for(project) == [
        f"{name}:1: {field}: champ obligatoire manquant (champs obligatoires : {required} ; "
        f"facultatifs : {optional})"
        for field in sorted(("opening", "avoid", "alternative", "dialogue"))
    ]


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
        f"{name}:{line}: planes[{n}].plane: plan « hierarchie » inconnu. "
        f"Possibles : {', '.join(content.planes)}"
    ]


def test_unknown_role_in_a_scenario(project: Path, content: Content) -> None:
    name, line, n = _break(project, content, "role", "moderatrice")
    assert errors_for(project) == [
        f"{name}:{line}: roles[{n}].role: rôle « moderatrice » inconnu. Vouliez-vous dire "
        f"« moderateur » ? Possibles : {', '.join(content.roles)}"
    ]


def _edit_path(project: Path, old: str, new: str) -> tuple[str, str]:
    name = "content/path.yml"
    text = (project / name).read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    (project / name).write_text(text, encoding="utf-8")
    return name, text


def test_a_readiness_criterion_names_a_real_case_or_exercise(project: Path, content: Content) -> None:
    name, text = _edit_path(project, "scenario: demande-de-conseil", "scenario: demande-de-conseils")
    _, text = _edit_path(project, "exercise: mener-sous-supervision", "exercise: ce-qu-est-l-accompagnement")
    last = len(content.path.steps)
    criteria = content.path.steps[-1].readiness
    n_case = next(i for i, c in enumerate(criteria, 1) if c.scenario == "demande-de-conseil")
    n_exercise = next(i for i, c in enumerate(criteria, 1) if c.exercise == "mener-sous-supervision")
    exercises = ", ".join(s.id for s in content.path.steps if s.exercise or s.solo)
    case_line = line_of(text, "scenario: demande-de-conseils")
    exercise_line = line_of(text, "exercise: ce-qu-est-l-accompagnement")
    assert errors_for(project) == [
        f"{name}:{case_line}: steps[{last}].readiness[{n_case}].scenario: "
        "cas « demande-de-conseils » inconnu. Vouliez-vous dire « demande-de-conseil » ? "
        f"Possibles : {', '.join(content.scenarios)}",
        f"{name}:{exercise_line}: steps[{last}].readiness[{n_exercise}].exercise: "
        "exercice « ce-qu-est-l-accompagnement » inconnu (une étape avec « exercise » ou un exercice "
        f"« solo »). Possibles : {exercises}",
    ]


def test_an_exercise_names_real_sheets(project: Path, content: Content) -> None:
    name, text = _edit_path(project, "        - grille-d-observation\n", "        - grille-observation\n")
    n = next(i for i, s in enumerate(content.path.steps, 1) if s.exercise and s.exercise.format == "threes")
    (error,) = errors_for(project)
    assert error.startswith(
        f"{name}:{line_of(text, '- grille-observation')}: steps[{n}].exercise.sheets[1]: fiche "
        "« grille-observation » inconnue. Vouliez-vous dire « grille-d-observation » ?"
    )


def test_the_path_practises_in_threes_and_under_supervision_and_ends_on_readiness(project: Path) -> None:
    name = "content/path.yml"
    text = (project / name).read_text(encoding="utf-8")
    text = text.replace("      format: threes\n", "      format: supervision\n")
    start = text.index("    readiness:\n")
    text = text[:start] + text[text.index("    self_check:", start) :]
    (project / name).write_text(text, encoding="utf-8")
    # Without the readiness criteria, the solo exercises that train them name unknown criteria too.
    assert [e for e in errors_for(project) if "nomme le critère" not in e] == [
        f"{name}:2: steps: le parcours a besoin d’une étape qui s’exerce à trois (exercise.format: threes)",
        f"{name}:{line_of(text, '  - id: pret-a-accompagner-seul')}: steps[11]: la dernière étape donne "
        "les critères pour être prêt (« readiness »)",
    ]


def test_a_criterion_is_tied_to_one_case_or_one_exercise(project: Path) -> None:
    name = "content/path.yml"
    text = (project / name).read_text(encoding="utf-8")
    tied = "        scenario: premier-entretien\n"
    start = text.index("    readiness:\n")
    text = text[:start] + text[start:].replace(tied, tied + "        exercise: s-exercer-en-trio\n", 1)
    (project / name).write_text(text, encoding="utf-8")
    (error,) = errors_for(project)
    first = text.index("      - ", start)
    assert error == (
        f"{name}:{text[:first].count(chr(10)) + 1}: steps[11].readiness[1]: rattachez le critère à un "
        "cas (« scenario: <id> ») ou à un exercice (« exercise: <id d’une étape> »)"
    )


def test_ready_to_observe_criteria_are_tied_too(project: Path) -> None:
    _edit_path(project, "        exercise: roles-et-plans\n", "        exercise: role-et-plan\n")
    (error,) = errors_for(project)
    assert "steps[9].observe[4].exercise" in error and "exercice « role-et-plan » inconnu" in error, error


def test_a_page_is_read_once_in_the_path(project: Path) -> None:
    _name, text = _edit_path(project, "      - matrice.md\n", "      - matrice.md\n      - posture.md\n")
    (error,) = errors_for(project)
    assert "l’étape « roles-et-plans » met posture.md sous « read », déjà lue à l’étape" in error, error
    added = text.index("      - posture.md", text.index("      - matrice.md"))
    assert error.startswith(f"content/path.yml:{text.count(chr(10), 0, added) + 1}:"), error


# The site --------------------------------------------------------------------------------


def article(page: str) -> str:
    return page[page.index("<article") : page.index("</article>")]


@pytest.mark.build
def test_each_scenario_page_asks_first_and_folds_every_answer(site: Path, content: Content) -> None:
    for s in content.scenarios.values():
        page = article(page_text(site, f"cas/{s.id}.html"))
        details = re.findall(r"<details\b.*?</details>", page, re.S)
        assert len(details) >= 5, s.id
        for fold in details:
            assert "open" not in fold[: fold.index(">")], f"{s.id}: every answer must start folded"
        before = page[: page.index(details[0])]
        assert squash(s.situation) in squash(before) and squash(s.question) in squash(before)
        answers = squash("".join(details))

        def folded(text: str, case: str = s.id, answers: str = answers) -> None:
            assert squash(text) in answers, (case, text[:50])

        opening = next(d for d in details if "Par où commencer" in d)
        if s.opening.sponsor:
            assert "../principes/confidentialite.html#la-place-du-commanditaire" in opening
        else:
            assert f'href="../roles/{s.opening.role}.html"' in opening
        folded(s.opening.why)
        for text in (s.avoid.move, s.avoid.cost, s.alternative.reading, s.alternative.changes, *s.pitfalls):
            folded(text)
        if s.avoid.role:
            avoid = next(d for d in details if "viter ici" in d)
            assert f'href="../roles/{s.avoid.role}.html"' in avoid
        dialogue = next(d for d in details if "Un échange possible" in d)
        for line in s.dialogue:
            assert squash(line.words) in squash(dialogue), (s.id, line.words[:40])
        assert dialogue.count("<strong>Consultant.</strong>") == sum(1 for x in s.dialogue if x.consultant)
        answer = next(d for d in details if "Plans et rôles" in d)
        for choice in s.planes:
            assert f'href="../plans/{choice.plane}.html"' in answer
            folded(choice.why)
        for choice in s.roles:
            assert f'href="../roles/{choice.role}.html"' in answer
            folded(choice.why)


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
        section = body[body.index('<h2 id="ou-le-retrouver') :]
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
    titles = {**docs_titles(ROOT / "docs"), **{page.path: page.title for page in render_pages(content)}}
    index = page_text(site, "parcours/index.html")
    for n, step in enumerate(steps):
        assert f'href="{step.id}.html"' in index
        page = article(page_text(site, f"parcours/{step.id}.html"))
        plain = html.unescape(re.sub(r"<[^>]+>", "", page)).replace("\u00a0", " ")
        assert f"Étape {n + 1} sur {len(steps)}" in plain
        for text in (*step.objectives, *step.questions()):
            assert squash(text) in squash(page), (step.id, text[:40])
        nav = page[page.index('class="guide-steps"') :]
        links = re.findall(r'href="([a-z0-9-]+)\.html"', nav)
        expected = ([steps[n - 1].id] if n > 0 else []) + ([steps[n + 1].id] if n + 1 < len(steps) else [])
        assert links == expected, step.id
        assert "Temps" in plain and (step.time.day is None or f"jour {step.time.day}" in plain), step.id
        if not step.read:
            assert 'id="a-lire"' not in page, step.id
            continue
        reading = page[page.index('id="a-lire"') : page.index("</ul>", page.index('id="a-lire"'))]
        for target in step.read:
            href = posixpath.relpath(target, "parcours").replace(".md", ".html")
            assert (site / target.replace(".md", ".html")).is_file(), (step.id, target)
            label = re.search(rf'<a href="{re.escape(href)}">(.*?)</a>', reading)
            assert label, (step.id, target)
            shown = html.unescape(re.sub(r"<[^>]+>", "", label.group(1)))
            assert ".md" not in shown and "/" not in shown, (step.id, shown)
            assert squash(shown) == squash(titles[target]), (step.id, shown)


@pytest.mark.build
def test_path_practises_and_ends_on_criteria_tied_to_cases_and_exercises(
    site: Path, content: Content
) -> None:
    steps = content.path.steps
    formats: set[str] = set()
    for step in steps:
        if step.exercise is None:
            continue
        formats.add(step.exercise.format)
        page = article(page_text(site, f"parcours/{step.id}.html"))
        for text in step.exercise.instructions:
            assert squash(text) in squash(page)
        for sheet in step.exercise.sheets:
            assert f'href="../fiches/{sheet}.html"' in page
            assert (site / f"fiches/{sheet}.html").is_file()
    assert formats == {"threes", "co-leading", "supervision"}
    last = article(page_text(site, f"parcours/{steps[-1].id}.html"))
    assert len(steps[-1].readiness) >= 5
    for criterion in steps[-1].readiness:
        assert squash(criterion.can) in squash(last)
        target = f"../cas/{criterion.scenario}.html" if criterion.scenario else f"{criterion.exercise}.html"
        assert f'href="{target}"' in last, criterion.can[:40]


def test_a_case_links_the_sheets_that_help_and_names_an_unknown_one(project: Path, content: Content) -> None:
    """`worksheets` is a typed reference (models.WorksheetId): checked by the generic walker."""
    case = next(s for s in content.scenarios.values() if s.worksheets)
    pages = {page.path: page.markdown for page in render_pages(content)}
    for sheet_id in case.worksheets:
        assert (
            f"[{content.worksheets[sheet_id].title}](../fiches/{sheet_id}.md)" in pages[f"cas/{case.id}.md"]
        )
    name = f"content/scenarios/{case.id}.yml"
    text = (project / name).read_text(encoding="utf-8")
    bad = text.replace(case.worksheets[0], "preparer-la-seance", 1)
    (project / name).write_text(bad, encoding="utf-8")
    line = line_of(bad, "preparer-la-seance")
    assert errors_for(project) == [
        f"{name}:{line}: worksheets[1]: fiche « preparer-la-seance » inconnue. Vouliez-vous dire "
        f"« preparer-seance » ? Possibles : {', '.join(content.worksheets)}"
    ]
