"""The editorial rules a reader can check: the French apostrophe in every text of the built site
outside code, one first name for one person across the guide, no intervention reused under
another name, and what the guide adds to the article marked as added."""

from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, page_text, squash

from guide import rules
from guide.content import Content

_WORD = re.compile(r"[^\W\d_]+")

# Elements whose text is code, not prose; a straight apostrophe is right there.
_CODE = {"code", "pre", "kbd", "samp", "script", "style", "svg", "template"}
# Attributes a reader sees or hears: tooltips, labels read aloud, the page description.
_SHOWN_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder"}


class _StraightApostrophes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.code: list[str] = []
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CODE:
            self.code.append(tag)
        if self.code:
            return
        values = dict(attrs)
        shown = [v for k, v in attrs if k in _SHOWN_ATTRIBUTES and v]
        if tag == "meta" and values.get("name") in {"description", "author"}:
            shown.append(values.get("content") or "")
        self.found += [f"<{tag}> {value}" for value in shown if "'" in value]

    def handle_endtag(self, tag: str) -> None:
        if self.code and self.code[-1] == tag:
            self.code.pop()

    def handle_data(self, data: str) -> None:
        if not self.code and "'" in data:
            self.found.append(" ".join(data.split()))


@pytest.mark.build
def test_no_straight_apostrophe_in_text_outside_code(site_pages: list[Path], site: Path) -> None:
    offending: dict[str, list[str]] = {}
    for path in site_pages:
        parser = _StraightApostrophes()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.found:
            offending[path.relative_to(site).as_posix()] = parser.found
    assert len(site_pages) > 50
    assert not offending, "\n".join(f"{page}: {found[:3]}" for page, found in sorted(offending.items()))


def test_the_apostrophe_test_sees_text_titles_and_labels_but_not_code() -> None:
    parser = _StraightApostrophes()
    parser.feed(
        "<title>Guide de l'entretien</title><a aria-label=\"Ce qu'elle n'est pas\">x</a>"
        '<meta name="description" content="l\'accompagnement"><p>d’accord <code>d\'un</code></p>'
        "<pre>l'exemple</pre><p>s'évaluer</p>"
    )
    assert parser.found == [
        "Guide de l'entretien",
        "<a> Ce qu'elle n'est pas",
        "<meta> l'accompagnement",
        "s'évaluer",
    ]


# First names, interventions: the rules of guide.rules, which `guide validate` runs ---------------


@pytest.fixture(scope="module")
def project(content: Content) -> rules.Project:
    return rules.Project(ROOT, content, ROOT / "docs", ROOT / "templates")


def first_names_by_file(project: rules.Project) -> dict[str, set[str]]:
    names = rules.first_names()
    found: dict[str, set[str]] = defaultdict(set)
    for file in project.guide_files():
        if file.relative_to(ROOT).as_posix() in rules.REAL_PEOPLE:
            continue
        for word in _WORD.findall(file.read_text(encoding="utf-8")):
            if word in names:
                found[word].add(file.relative_to(ROOT).as_posix())
    return found


def test_one_first_name_for_one_person_across_the_guide(project: rules.Project) -> None:
    assert len(first_names_by_file(project)) >= 20, "the guide names people: is the list of names read?"
    assert rules.check_first_names(project) == []


def test_each_case_names_its_people_and_no_one_else_does(content: Content, project: rules.Project) -> None:
    found = first_names_by_file(project)
    for scenario in content.scenarios.values():
        people = {w for w in _WORD.findall(scenario.situation) if w in rules.first_names()}
        for name in people:
            assert found[name] == {f"content/scenarios/{scenario.id}.yml"}, (scenario.id, name, found[name])


def test_no_worn_move_is_reused_under_another_name(project: rules.Project) -> None:
    assert len(rules.interventions(project)) > 60
    assert rules.check_worn_moves(project) == []


def test_no_two_interventions_share_a_sentence(project: rules.Project) -> None:
    """No run of eight words said by the consultant in one place is said again elsewhere."""
    assert rules.check_shared_sentences(project) == []


# What the guide adds ---------------------------------------------------------------------------


def test_plane_themes_say_whether_the_article_names_them(content: Content) -> None:
    equipe = {theme.name: theme.from_article for theme in content.planes["equipe"].themes}
    assert equipe["Rôle de leader"] is True
    assert equipe["Délégation et autonomie"] is False
    # The article's own words for each plane's themes are the themes it names.
    article = yaml.safe_load((ROOT / "content/planes/pairs.yml").read_text(encoding="utf-8"))["themes"][0][
        "from_article"
    ]
    assert article is True


@pytest.mark.build
def test_plane_pages_mark_the_themes_the_guide_adds(site: Path, content: Content) -> None:
    for plane in content.planes.values():
        page = page_text(site, f"plans/{plane.id}.html")
        for theme in plane.themes:
            start = page.index(f">{theme.name}<")
            section = page[start : page.find("<h3", start + 1)]
            assert ("Thème ajouté par le guide" in section) is (not theme.from_article), (
                plane.id,
                theme.name,
            )


def test_a_propos_names_what_comes_from_the_article_and_what_the_guide_adds(
    content: Content, project: rules.Project
) -> None:
    assert rules.check_a_propos(project) == []
    text = squash((ROOT / "docs/a-propos.md").read_text(encoding="utf-8"))
    assert "Cequivientdel'article" in text and "Cequeleguideajoute" in text
    added = [t.name for p in content.planes.values() for t in p.themes if not t.from_article]
    added += [p.name for p in content.principles.values() if not p.from_article]
    for name in added:
        assert squash(name) in text, name
    for role in content.roles.values():
        assert squash(role.name) in text, role.name
