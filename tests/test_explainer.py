"""The client explainer (docs/decouvrir.md) answers what the issue asks; the glossary has the
words of the frame; the sponsor has one name across the guide's own pages: the commanditaire."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from guide import rules
from guide.content import Content

EXPLAINER = (ROOT / "docs" / "decouvrir.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def project(content: Content) -> rules.Project:
    return rules.Project(ROOT, content, ROOT / "docs", ROOT / "templates")


# These rules are guide.rules' own, so that `guide validate` reports them to an author too
# (tests/test_validate.py breaks each one).


def test_martine_is_quoted_and_the_dedication_credited_to_the_author(project: rules.Project) -> None:
    assert rules.check_explainer_quotes(project) == []
    assert "« Je ne comprends rien à ce que tu fais ? »" in EXPLAINER


def test_the_explainer_answers_the_clients_questions(project: rules.Project) -> None:
    assert rules.check_explainer_questions(project) == []
    session = EXPLAINER[EXPLAINER.index("## Comment ? Une séance, du début") : EXPLAINER.index("## Combien")]
    # Told from the first minutes to the last: the session's goal agreed with the manager, then
    # options opened before one is chosen.
    order = ("premières minutes", "but de la séance", "Ouvrir les possibles, puis décider", "dernières")
    assert [session.index(mark) for mark in order] == sorted(session.index(mark) for mark in order)


def test_the_explainer_reads_in_seven_minutes(project: rules.Project) -> None:
    """At most 1,500 words of running text (about seven minutes), links' addresses left out."""
    assert rules.check_explainer_length(project) == []
    assert 0 < rules.explainer_words(EXPLAINER) <= rules.EXPLAINER_MAX_WORDS
    body = re.sub(r"\A---\n.*?\n---\n", "", EXPLAINER, flags=re.S)
    assert (
        "[[confidentialite:" not in body
        or "limites" not in body.split("[[confidentialite:")[1].split("]]")[0]
    )


def test_the_glossary_has_the_words_of_the_frame(content: Content) -> None:
    names = {t.term for t in content.glossary.terms} | {a for t in content.glossary.terms for a in t.aliases}
    for term in ("commanditaire", "rencontre tripartite", "contrat", "point d’étape", "bilan", "supervision"):
        assert term in names, term
    for term in ("bilan tripartite", "charte de groupe", "contrat d’accompagnement"):
        assert term in names, term


def test_the_sponsor_has_one_name(project: rules.Project) -> None:
    assert rules.check_sponsor_name(project) == []
