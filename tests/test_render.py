"""Rendering the content into Markdown pages, without MkDocs."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from guide import GeneratedPage, render_pages
from guide.content import Content
from guide.render import expand_nav, url_of


@pytest.fixture(scope="module")
def pages(content: Content) -> dict[str, GeneratedPage]:
    return {page.path: page for page in render_pages(content)}


def test_one_page_per_entry_and_an_index_per_collection(
    content: Content, pages: dict[str, GeneratedPage]
) -> None:
    for key in ("roles", "planes", "principles", "contrasts", "scenarios", "worksheets"):
        assert url_of(key) in pages
        for entry_id in content.collection(key):
            assert url_of(key, entry_id) in pages


def test_front_matter_gives_title_and_description(content: Content, pages: dict[str, GeneratedPage]) -> None:
    role = content.roles["moderateur"]
    markdown = pages["roles/moderateur.md"].markdown
    assert markdown.startswith("---\ntitle: Rôle Modérateur\ndescription: ")
    assert role.summary.split()[0] in markdown.split("---")[1]


def test_role_page_carries_its_data(content: Content, pages: dict[str, GeneratedPage]) -> None:
    for role in content.roles.values():
        markdown = pages[url_of("roles", role.id)].markdown
        assert f"# {role.name}\n" in markdown
        for practice in role.practices:
            assert " ".join(practice.split()) in markdown
        for example in role.examples:
            assert " ".join(example.words.split()) in markdown
        for drift in role.drifts:
            assert " ".join(drift.description.split()) in markdown


def test_roles_and_planes_link_both_ways(content: Content, pages: dict[str, GeneratedPage]) -> None:
    for role in content.roles.values():
        for plane in content.planes.values():
            assert f"(../plans/{plane.id}.md)" in pages[url_of("roles", role.id)].markdown
            assert f"(../roles/{role.id}.md)" in pages[url_of("planes", plane.id)].markdown


def test_edit_source_of_a_generated_page_is_its_yaml(pages: dict[str, GeneratedPage]) -> None:
    assert pages["roles/eperon.md"].source == "content/roles/eperon.yml"
    assert pages["plans/equipe.md"].source == "content/planes/equipe.yml"
    assert pages["roles/index.md"].source == "templates/roles_index.md.j2"


def test_comparison_table_has_every_contrast_on_every_dimension(
    content: Content, pages: dict[str, GeneratedPage]
) -> None:
    markdown = pages["distinctions/index.md"].markdown
    rows = [line for line in markdown.splitlines() if line.startswith("| **")]
    assert len(rows) == 5
    for row in rows:
        assert row.count(" |") == 2 + len(content.contrasts)


def test_nav_lists_the_entries_of_each_collection(content: Content) -> None:
    label = content.interface.collections["roles"].nav
    assert label is not None
    nav = expand_nav(["roles/index.md", {"Accueil": "index.md"}, "glossaire.md"], content)
    assert nav[0][label][0] == "roles/index.md"
    assert nav[0][label][1:] == [{r.name: f"roles/{r.id}.md"} for r in content.roles.values()]
    assert nav[1] == {"Accueil": "index.md"}
    assert nav[2] == {content.interface.pages.glossary.title: "glossaire.md"}  # no `nav`: its title


def test_a_generated_page_gets_its_menu_label_from_the_interface_only(content: Content) -> None:
    with pytest.raises(ValueError, match=r"its label is in content/interface\.yml"):
        expand_nav([{"Cartes": "cartes/index.md"}], content)


def test_missing_template_variable_fails_loudly(content: Content, tmp_path: Path) -> None:
    import shutil

    import jinja2

    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    role_template = templates / "role.md.j2"
    role_template.write_text(
        role_template.read_text(encoding="utf-8") + "{{ role.colour }}\n", encoding="utf-8"
    )
    with pytest.raises(jinja2.UndefinedError):
        render_pages(content, templates)


def test_after_a_colon_only_proper_names_keep_their_capital(content: Content) -> None:
    """The role names come from the content (roles are declared proper names), not from code."""
    from guide.render import Renderer, after_colon

    after = Renderer(content).env.filters["after_colon"]
    role = next(iter(content.roles.values())).name
    assert after(f"{role} d’abord, puis le reste.") == f"{role} d’abord, puis le reste."
    assert after("Le manager décide.") == "le manager décide."
    assert after("RGPD oblige.") == "RGPD oblige."
    assert after_colon("Miroir d’abord.") == "miroir d’abord."  # not a proper name without the roles
