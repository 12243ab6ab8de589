"""The two decks beside the consultant's: question cards for the manager (content/questions,
their own PDF cartes/questions.pdf, nothing of the consultant's craft on them) and the
consultant's quick reference (the flow of a session, the frame said aloud and whom to call,
rendered from the structures and content/confidentiality.yml)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import squash
from pypdf import PdfReader

from guide import render_pages
from guide.cards import REFERENCE_CONTACTS, REFERENCE_SPOKEN, deck, reference_cards
from guide.content import Content

CRAFT = ("consultant", "Quand le jouer", "Le piège", "rôle", "Des mots pour")


def test_question_cards_speak_to_the_manager(content: Content) -> None:
    cards = [c for c in deck(content) if c.family.key == "questions"]
    assert [c.id for c in cards] == list(content.questions)
    assert any("Qu’attendez-vous de cette séance ?" in q.questions for q in content.questions.values())
    for card in cards:
        texts = [card.name, card.summary, *(t for b in card.blocks for t in (b.heading, *b.texts))]
        for text in texts:
            assert not any(word.lower() in text.lower() for word in CRAFT), (card.id, text)
        assert any("vous" in t.lower() for b in card.blocks for t in b.texts), card.id


@pytest.mark.build
def test_question_cards_have_their_own_pdf(site: Path, content: Content) -> None:
    reader = PdfReader(site / "cartes" / "questions.pdf")
    text = squash(" ".join(page.extract_text() for page in reader.pages))
    for card in content.questions.values():
        for question in card.questions:
            assert squash(question) in text, question
    assert squash("Quand le jouer") not in text
    index = (site / "questions" / "index.html").read_text(encoding="utf-8")
    assert 'href="../cartes/questions.pdf"' in index


def test_quick_reference_is_rendered_from_the_frame(content: Content) -> None:
    first, second, *calls = reference_cards(content)
    flows = [s for b in first.blocks for s in b.texts]
    for structure_id in ("seance-individuelle", "codeveloppement"):
        for step in content.structures[structure_id].steps:
            assert f"{step.name} · {step.minutes} min" in flows
    frame = content.confidentiality
    spoken = next(t for t in frame.spoken if t.id == REFERENCE_SPOKEN)
    contacts = next(s for s in frame.sections if s.id == REFERENCE_CONTACTS).contacts
    assert contacts
    page = next(p for p in render_pages(content) if p.path == "cartes/aide-memoire.md").markdown
    assert squash(spoken.text) in squash(page)
    for contact in contacts:
        assert squash(contact.call) in squash(page) and squash(contact.situation) in squash(page)
    assert second.blocks[0].spoken and calls[0].blocks[0].heading == content.interface.cards.whom_to_call
    assert {c.total for c in (first, second, *calls)} == {2 + len(calls)}
    assert [t for c in calls for t in c.blocks[0].texts] == [f"{c.situation} : {c.call}" for c in contacts]
