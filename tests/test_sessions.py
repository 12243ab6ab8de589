"""Annotated sessions (issue 22, item 2): content/sessions/, one page each under
seances-commentees/, told in the steps of the structure they follow, each moment's annotation
linking to the pages of its role, plane and principle; the role, plane and principle pages
linking back to the moments; the pages in the menu and the site map, indexed by their title."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, errors_for, line_of, page_text

from guide import cli
from guide.catalog import collection, url_of
from guide.content import Content
from guide.page import html_path
from guide.search import TITLES_ONLY_META, read_page

INDIVIDUAL = "comite-de-berenice"
GROUP = "cas-de-leila"


def _file(project: Path, session: str = INDIVIDUAL) -> Path:
    return project / "content" / "sessions" / f"{session}.yml"


def _edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


# The content keeps the promises ------------------------------------------------------


def test_an_individual_session_and_a_group_session(content: Content) -> None:
    settings = {s.setting for s in content.sessions.values()}
    assert settings == {"individuel", "groupe"}
    individual = content.sessions[INDIVIDUAL]
    assert individual.duration == 90 and individual.phase == "seances"
    # Mid-accompaniment, moving between the planes, at least three roles at play.
    assert individual.number >= 3
    assert {m.note.plane for m in individual.moments} - {None} == set(content.planes)
    assert len({m.note.role for m in individual.moments}) >= 3
    # The frame honoured, and a close on the last step of the structure.
    assert "confidentialite" in {m.note.principle for m in individual.moments}
    structure = content.structures[individual.structure]
    assert individual.moments[-1].step == structure.steps[-1].id


def test_the_group_session_lets_several_people_speak(content: Content) -> None:
    group = content.sessions[GROUP]
    speakers = {line.who for m in group.moments for line in m.lines}
    assert len(speakers - {"consultant"}) >= 4
    assert content.structures[group.structure].setting == "groupe"


# Bad input: the file, the line and the field (items counted from 1, as authors count) --------


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "      role: moderateur\n",
            "      role: mirroir\n",
            "moments[1].note.role",
            "rôle « mirroir » inconnu",
        ),
        ("      plane: pairs\n", "      plane: paires\n", "moments[1].note.plane", "plan « paires » inconnu"),
        (
            "      principle: dialogue-ouvert\n",
            "      principle: dialogue\n",
            "moments[1].note.principle",
            "principe « dialogue » inconnu",
        ),
        ("    step: ouverture\n", "    step: accueil\n", "moments[1].step", "étape « accueil » inconnue"),
        (
            "      - who: Bérénice\n",
            "      - who: Béatrice\n",
            "moments[1].lines[2].who",
            "« Béatrice » parle",
        ),
        ("structure: seance-individuelle\n", "structure: solo\n", "structure", "déroulé « solo » inconnu"),
        ("phase: seances\n", "phase: seance\n", "phase", "phase « seance » inconnue"),
        ("duration: 90\n", "duration: 30\n", "duration", "30 min : le déroulé « seance-individuelle »"),
    ],
)
def test_a_wrong_value_names_file_line_and_field(
    project: Path, old: str, new: str, field: str, message: str
) -> None:
    text = _edit(_file(project), old, new)
    expected = f"content/sessions/{INDIVIDUAL}.yml:{line_of(text, new)}: {field}: {message}"
    assert any(error.startswith(expected) for error in errors_for(project)), errors_for(project)


def test_moments_are_told_in_order_of_time_and_of_steps(project: Path) -> None:
    path = _file(project)
    text = _edit(path, "  - minute: 9\n    step: exploration\n", "  - minute: 2\n    step: cloture\n")
    errors = errors_for(project)
    line = line_of(text, "  - minute: 2\n")
    assert any(
        e.startswith(f"content/sessions/{INDIVIDUAL}.yml:{line}: moments[3].minute: minute 2") for e in errors
    )
    # The next moment (exploration) comes after a moment placed in the closing step.
    misplaced = "moments[4].step: l’étape « exploration » vient avant « cloture »"
    assert any(misplaced in e for e in errors), errors


def test_a_session_follows_a_structure_of_its_setting(project: Path) -> None:
    text = _edit(_file(project), "setting: individuel\n", "setting: groupe\n")
    line = line_of(text, "structure: ")
    assert any(
        e.startswith(f"content/sessions/{INDIVIDUAL}.yml:{line}: structure: la séance est « groupe »")
        for e in errors_for(project)
    )


def test_a_moment_after_the_end_of_the_session(project: Path) -> None:
    text = _edit(_file(project), "  - minute: 86\n", "  - minute: 95\n")
    line = line_of(text, "  - minute: 95\n")
    assert (
        f"content/sessions/{INDIVIDUAL}.yml:{line}: moments[21].minute: minute 95, après la fin"
        in " ".join(errors_for(project))
    )


def test_an_annotation_needs_its_choice(project: Path) -> None:
    old, new = "      choice: >-\n        Il laisse Bérénice", "      cheice: >-\n        Il laisse Bérénice"
    text = _edit(_file(project), old, new)
    errors = errors_for(project)
    shown = f"content/sessions/{INDIVIDUAL}.yml"
    assert any(
        e.startswith(f"{shown}:") and "moments[1].note.choice: champ obligatoire manquant" in e
        for e in errors
    )
    unknown_field = f"{shown}:{line_of(text, new)}: moments[1].note.cheice: champ inconnu « cheice »"
    assert unknown_field in " ".join(errors)


def test_guide_validate_reports_an_unknown_role(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GUIDE_CORE_CACHE", "0")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    text = _edit(_file(tmp_path, GROUP), "      role: miroir\n", "      role: mirroir\n")
    code = cli.main(["validate", "--content", str(tmp_path / "content"), "--docs", str(tmp_path / "docs")])
    out = capsys.readouterr()
    assert code == 1
    line = line_of(text, "role: mirroir")
    assert re.search(
        rf"content/sessions/{GROUP}\.yml:{line}: moments\[\d+\]\.note\.role: "
        r"rôle « mirroir » inconnu\. Vouliez-vous dire « miroir » \?",
        out.err + out.out,
    )


# The pages -----------------------------------------------------------------------------------


def _hrefs(fragment: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"', fragment)


def _notes(html: str) -> list[str]:
    return re.findall(r'<div class="guide-moment__note">(.*?)</div>', html, re.S)


@pytest.mark.build
def test_each_annotation_links_to_its_role_plane_and_principle(site: Path, content: Content) -> None:
    for session in content.sessions.values():
        page = html_path(url_of("sessions", session.id))
        html = page_text(site, page)
        notes = _notes(html)
        assert len(notes) == len(session.moments)
        for n, (moment, note) in enumerate(zip(session.moments, notes, strict=True), 1):
            assert f'id="moment-{n}"' in html
            expected = [html_path(url_of("roles", moment.note.role))]
            if moment.note.plane:
                expected.append(html_path(url_of("planes", moment.note.plane)))
            if moment.note.principle:
                expected.append(html_path(url_of("principles", moment.note.principle)))
            links = [href.removeprefix("../") for href in _hrefs(note)]
            assert links == expected, (session.id, n)
            assert all((site / link).is_file() for link in links)
            for line in moment.lines:
                assert " ".join(line.says.split())[:40] in html.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.mark.build
def test_a_session_page_is_marked_as_the_guides_and_links_its_steps(site: Path, content: Content) -> None:
    for session in content.sessions.values():
        html = page_text(site, html_path(url_of("sessions", session.id)))
        assert "Une séance écrite par le guide" in html
        # The moments not to miss, listed before the first one.
        top = html[: html.index('id="moment-1"')]
        for n, moment in enumerate(session.moments, 1):
            assert (f'href="#moment-{n}"' in top) == bool(moment.key), (session.id, n)
        structure_page = html_path(url_of("structures", session.structure)).split("/")[-1]
        steps = {m.step for m in session.moments}
        for step in steps:
            assert f'{structure_page}#etape-{step}"' in html
            assert f'id="etape-{step}"' in page_text(site, html_path(url_of("structures", session.structure)))


@pytest.mark.build
def test_role_plane_and_principle_pages_link_to_their_moments(site: Path, content: Content) -> None:
    for key in ("roles", "planes", "principles"):
        for entry_id in content.collection(key):
            html = page_text(site, html_path(url_of(key, entry_id)))
            cited = content.moments_citing(key, entry_id)
            for session, moments in cited:
                for n, _ in moments:
                    assert f"{session.id}.html#moment-{n}" in html, (key, entry_id, n)
            heading = re.search(r'<h2 [^>]*id="(dans-les-)?seances-commentees"', html)
            assert bool(heading) == bool(cited), (key, entry_id)


@pytest.mark.build
def test_sessions_are_in_the_menu_the_site_map_and_search_by_title_only(site: Path, content: Content) -> None:
    site_map = page_text(site, "plan-du-site.html")
    assert not collection("sessions").entries_searchable
    for path in [url_of("sessions"), *(url_of("sessions", s) for s in content.sessions)]:
        html = page_text(site, html_path(path))
        assert f'href="{html_path(path)}"' in site_map
        assert TITLES_ONLY_META in html
        indexed = read_page(html)
        assert indexed.title and not any(indexed.text) and not indexed.headings
    home = page_text(site, "index.html")
    assert 'href="seances-commentees/index.html"' in home  # in the menu of every page
