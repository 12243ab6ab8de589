"""The arc of an accompaniment (content/phases): enough phases, each complete and checked against
the roles, principles, sheets and cases it names; pages that link both ways; the index, the
navigation, the home page, the session builder and search all reach the phases."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, errors_for, line_of, squash
from search_box import searching

from guide import render_pages
from guide.content import Content
from guide.render import GeneratedPage

PHASE = "content/phases/point-d-etape.yml"


@pytest.fixture(scope="module")
def pages(content: Content) -> dict[str, GeneratedPage]:
    return {page.path: page for page in render_pages(content)}


def test_the_arc_has_its_phases_in_order(content: Content) -> None:
    ids = list(content.phases)
    assert len(ids) >= 6
    for expected in ("demande", "rencontre-tripartite", "point-d-etape", "bilan-tripartite"):
        assert expected in ids
    assert ids.index("demande") < ids.index("rencontre-tripartite") < ids.index("point-d-etape")
    assert ids.index("point-d-etape") < ids.index("bilan-tripartite")
    parties = {p.who for phase in content.phases.values() for p in phase.participants}
    assert {"manager", "consultant", "commanditaire"} <= parties
    # The three-way phases have the commanditaire in the room.
    for three_way in ("rencontre-tripartite", "bilan-tripartite"):
        assert "commanditaire" in {p.who for p in content.phases[three_way].participants}


def test_every_phase_says_what_the_commanditaire_learns_and_from_whom(content: Content) -> None:
    for phase in content.phases.values():
        assert phase.shared, phase.id
        assert all(s.by in ("manager", "consultant", "commanditaire", "groupe") for s in phase.shared)
    # The manager speaks for himself: whatever the commanditaire learns of the work comes from him.
    review = content.phases["bilan-tripartite"]
    assert any(s.by == "manager" and "objectifs" in s.what for s in review.shared)


BAD_PHASES = [
    (
        "  - role: miroir\n",
        "  - role: mirroir\n",
        "roles[1].role",
        "rôle « mirroir » inconnu. Vouliez-vous dire « miroir » ?",
    ),
    (
        "  - principle: confidentialite\n",
        "  - principle: confidentialites\n",
        "principles[1].principle",
        "principe « confidentialites » inconnu. Vouliez-vous dire « confidentialite » ?",
    ),
    (
        "worksheets: [seance-individuelle, entre-deux-seances]",
        "worksheets: [seance-individuelle, entre-deux-seance]",
        "worksheets[2]",
        "fiche « entre-deux-seance » inconnue. Vouliez-vous dire « entre-deux-seances » ?",
    ),
    (
        "scenarios: [demande-de-compte-rendu, reorganisation]",
        "scenarios: [demande-de-compte-rendu, reorganisations]",
        "scenarios[2]",
        "cas « reorganisations » inconnu. Vouliez-vous dire « reorganisation » ?",
    ),
    (
        "confidentiality: [ce-que-sait-le-commanditaire]",
        "confidentiality: [ce-que-sait-le-comanditaire]",
        "confidentiality[1]",
        "section « ce-que-sait-le-comanditaire » inconnue dans confidentiality.yml. Vouliez-vous "
        "dire « ce-que-sait-le-commanditaire » ?",
    ),
    (
        '  rhythm: "à mi-parcours, entre la 3e et la 5e séance"',
        '  rhythm: "à mi-parcours"',
        "timing.rhythm",
        "« à mi-parcours » ne donne pas d’intervalle : écrivez-le comme un intervalle, par exemple "
        "« 2 à 4 semaines » ou « 1 h à 1 h 30 »",
    ),
]


@pytest.mark.parametrize(("old", "new", "field", "message"), BAD_PHASES, ids=[c[2] for c in BAD_PHASES])
def test_bad_reference_in_a_phase_names_file_line_and_field(
    project: Path, old: str, new: str, field: str, message: str
) -> None:
    file = project / PHASE
    text = file.read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    file.write_text(broken, encoding="utf-8")
    errors = errors_for(project)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{PHASE}:{line_of(broken, new.strip())}: {field}: {message}"), errors[0]


def test_phase_page_shows_every_part_of_its_phase(content: Content, pages: dict[str, GeneratedPage]) -> None:
    for phase in content.phases.values():
        page = pages[f"phases/{phase.id}.md"]
        md = squash(page.markdown)
        assert page.source == f"content/phases/{phase.id}.yml"
        for text in (phase.purpose, phase.collective, *phase.agreed, *phase.pitfalls):
            assert squash(text) in md, (phase.id, text[:40])
        for share in phase.shared:
            assert squash(share.what) in md and squash(share.form) in md
        assert squash(phase.timing.duration) in md and "Repères du guide" in page.markdown
        for c in phase.roles:
            assert f"](../roles/{c.role}.md)" in page.markdown
        for c in phase.principles:
            assert f"](../principes/{c.principle}.md)" in page.markdown
        for sheet_id in phase.worksheets:
            assert f"](../fiches/{sheet_id}.md)" in page.markdown
        for scenario_id in phase.scenarios:
            assert f"](../cas/{scenario_id}.md)" in page.markdown


def test_roles_principles_sheets_and_cases_link_back_to_their_phases(
    content: Content, pages: dict[str, GeneratedPage]
) -> None:
    for phase in content.phases.values():
        target = f"phases/{phase.id}.md"
        back = {
            **{f"roles/{c.role}.md": f"](../{target})" for c in phase.roles},
            **{f"principes/{c.principle}.md": f"](../{target})" for c in phase.principles},
            **{f"cas/{s}.md": f"](../{target})" for s in phase.scenarios},
            # Sheet pages link in raw HTML, to the built page.
            **{f"fiches/{s}.md": f'href="../phases/{phase.id}.html"' for s in phase.worksheets},
        }
        for path, link in back.items():
            assert link in pages[path].markdown, (path, phase.id)


def test_index_shows_the_whole_arc_in_order(content: Content, pages: dict[str, GeneratedPage]) -> None:
    md = pages["phases/index.md"].markdown
    positions = [md.index(f"]({phase.id}.md)") for phase in content.phases.values()]
    assert positions == sorted(positions)
    for n, phase in enumerate(content.phases.values(), 1):
        assert f"**{n}. [{phase.name}]({phase.id}.md)**" in md
    assert "Un apport du guide" in md  # the arc is the guide's addition to the article


@pytest.mark.build
def test_phases_are_in_the_navigation_and_on_the_home_page(site: Path, content: Content) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    doors = home[home.index("guide-doors") : home.index("</div>", home.index("guide-doors"))]
    assert 'href="phases/index.html"' in doors
    for phase in content.phases.values():
        assert f'href="phases/{phase.id}.html"' in home
    page = (site / "phases/point-d-etape.html").read_text(encoding="utf-8")
    nav = page[page.index('class="md-nav md-nav--primary"') :]
    for phase in content.phases.values():
        assert f'href="{phase.id}.html"' in nav or f'href="../phases/{phase.id}.html"' in nav
    explainer = (site / "decouvrir.html").read_text(encoding="utf-8")
    assert 'href="phases/index.html"' in explainer


def test_the_planner_offers_every_phase(content: Content, pages: dict[str, GeneratedPage]) -> None:
    md = pages["outils/planifier.md"].markdown
    for phase in content.phases.values():
        assert f'<option value="{phase.id}">{phase.name}</option>' in md


@pytest.mark.browser
def test_search_finds_a_phase_by_its_french_name_with_or_without_accents(
    browser: Any, site_url: str, content: Content
) -> None:
    with searching(browser, site_url) as box:
        for query, phase_id in (
            ("point d’étape", "point-d-etape"),
            ("point d'etape", "point-d-etape"),
            ("cloture", "cloture"),
            ("rencontre tripartite", "rencontre-tripartite"),
        ):
            found = box.search(query, keystrokes=True)
            assert f"phases/{phase_id}.html" in found[:3], (query, found)


def test_builders_are_registered_without_an_import_circle() -> None:
    """guide.render knows no builder; the builders never import the module that lists them."""

    def imports(module: str) -> set[str]:
        tree = ast.parse((ROOT / "src/guide" / f"{module}.py").read_text(encoding="utf-8"))
        found: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                found |= {node.module} if node.module else {a.name for a in node.names}
        return found

    assert not imports("render") & {"pages", "planner", "worksheets", "builders"}
    for module in ("pages", "planner", "worksheets"):
        assert "builders" not in imports(module), module
    listed = re.findall(r"^    (\w+)\.(\w+),$", (ROOT / "src/guide/builders.py").read_text(), re.M)
    assert ("pages", "collections") in listed  # the phases' pages among them
