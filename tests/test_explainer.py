"""The client explainer (docs/decouvrir.md) answers what the issue asks; the glossary has the
words of the frame; the sponsor has one name across the guide's own pages: the commanditaire."""

from __future__ import annotations

import re

from conftest import ROOT

from guide.content import Content

EXPLAINER = (ROOT / "docs" / "decouvrir.md").read_text(encoding="utf-8")


def test_martine_is_quoted_and_the_dedication_credited_to_the_author() -> None:
    assert "« Je ne comprends rien à ce que tu fais ? »" in EXPLAINER
    assert "« Tu accompagnes des managers ? Où, pourquoi, comment ? »" in EXPLAINER
    first = EXPLAINER.split("\n# ", 1)[1].split("\n\n")[1]
    assert first.startswith("Elizabeth Gauthier a dédié") and "Martine" in first


def test_the_explainer_answers_the_clients_questions() -> None:
    headings = re.findall(r"^## (.+)$", EXPLAINER, re.M)
    for expected in (
        "Qui le demande, qui le paie",
        "Où ?",
        "Pourquoi ?",
        "Comment ? Une séance, du début",
    ):
        assert any(h.startswith(expected) for h in headings), expected
    table = EXPLAINER[EXPLAINER.index("| **Une thérapie**") :]
    for other in ("thérapie", "formation", "mentorat", "conseil"):
        assert f"**Une {other}**" in table or f"**Un {other}**" in table or f"**Le {other}**" in table
    session = EXPLAINER[EXPLAINER.index("## Comment ? Une séance, du début") : EXPLAINER.index("## Combien")]
    # Told from the first minutes to the last: the session's goal agreed with the manager, then
    # options opened before one is chosen.
    order = ("premières minutes", "but de la séance", "Ouvrir les possibles, puis décider", "dernières")
    assert [session.index(mark) for mark in order] == sorted(session.index(mark) for mark in order)


def test_the_explainer_reads_in_seven_minutes() -> None:
    """At most 1,500 words of running text (about seven minutes), links' addresses left out."""
    body = re.sub(r"\A---\n.*?\n---\n", "", EXPLAINER, flags=re.S)
    body = re.sub(r"\]\([^)]*\)", "]", body)
    words = [w for w in re.split(r"[\s’']+", body) if re.search(r"\w", w)]
    assert len(words) <= 1500, len(words)
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


def test_the_sponsor_has_one_name() -> None:
    other_names = re.compile(r"\bDRH\b|\b(?:le|au|du) client\b|entreprise cliente|sponsor", re.I)
    files = [
        *(ROOT / "docs").glob("*.md"),
        *(ROOT / "content" / "phases").glob("*.yml"),
        *(ROOT / "content" / "principles").glob("*.yml"),
        *(ROOT / "content" / "worksheets").glob("*.yml"),
        ROOT / "content" / "confidentiality.yml",
        ROOT / "content" / "glossary.yml",
    ]
    for file in files:
        found = other_names.search(file.read_text(encoding="utf-8"))
        assert not found, (file.name, found.group(0))
