"""Confidentiality has one source, content/confidentiality.yml: every page and sheet that speaks
of it prints the same text, taken from there, including its limits and where to refer; the file
says what the commanditaire learns, what the notes are, and what the consultant cannot promise."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, squash
from pydantic import ValidationError
from pypdf import PdfReader

from guide import ContentErrors, rules
from guide import models as m
from guide.content import Content
from guide.includes import MARKER, expand_docs
from guide.render import Renderer


def uses(content: Content) -> dict[str, list[str]]:
    """Each built page (or PDF) that shows parts of the frame, with the ids of those parts."""
    found: dict[str, list[str]] = {}
    for principle in content.principles.values():
        if principle.confidentiality:
            found[f"principes/{principle.id}.html"] = list(principle.confidentiality)
    for phase in content.phases.values():
        if phase.confidentiality:
            found[f"phases/{phase.id}.html"] = list(phase.confidentiality)
    for scenario in content.scenarios.values():
        if scenario.confidentiality:
            found[f"cas/{scenario.id}.html"] = list(scenario.confidentiality)
    for sheet in content.worksheets.values():
        parts = [p for section in sheet.sections for p in section.confidentiality]
        if parts:
            found[f"fiches/{sheet.id}.html"] = parts
            found[f"fiches/{sheet.id}.pdf"] = parts
    for file in (ROOT / "docs").rglob("*.md"):
        for match in MARKER.finditer(file.read_text(encoding="utf-8")):
            if match.group(1) != "confidentialite":
                continue  # `confidentialite-bref`: the summary or the words said aloud
            page = file.relative_to(ROOT / "docs").with_suffix(".html").as_posix()
            found.setdefault(page, []).extend(p.strip() for p in match.group(2).split(","))
    return found


def part_texts(content: Content, part_id: str) -> list[str]:
    part = content.confidentiality.section(part_id)
    items = [item if isinstance(item, str) else item.text for item in part.items]
    rows = [text for row in part.contacts for text in (row.situation, row.call, row.note) if text]
    return [part.title, part.text, *items, *rows]


def test_every_place_the_issue_names_shows_the_frame(content: Content) -> None:
    places = uses(content)
    # The client explainer stays short: it links to the whole frame instead of printing it.
    explainer = (ROOT / "docs" / "decouvrir.md").read_text(encoding="utf-8")
    assert "[[confidentialite-bref: resume]]" in explainer  # the summary, with its link to the whole
    assert set(places["principes/confidentialite.html"]) == {s.id for s in content.confidentiality.sections}
    assert "limites" in places["fiches/contrat-d-accompagnement.html"]
    assert "ce-que-sait-le-commanditaire" in places["phases/rencontre-tripartite.html"]
    assert places["cas/demande-de-compte-rendu.html"]
    # The sponsor's place is said once, in the frame, and shown where the sponsor acts.
    for page in (
        "phases/demande.html",
        "phases/rencontre-tripartite.html",
        "phases/bilan-tripartite.html",
        "cas/demande-de-compte-rendu.html",
        "cas/demande-d-evaluation.html",
        "deontologie.html",
    ):
        assert "commanditaire" in places[page], page


@pytest.mark.build
def test_the_same_text_appears_wherever_it_is_used(site: Path, content: Content) -> None:
    places = uses(content)
    assert len(places) >= 8
    for page, part_ids in places.items():
        if page.endswith(".pdf"):
            shown = squash(" ".join(p.extract_text() for p in PdfReader(site / page).pages))
        else:
            shown = squash((site / page).read_text(encoding="utf-8"))
        for part_id in part_ids:
            for text in part_texts(content, part_id):
                assert squash(text) in shown, (page, part_id, text[:50])


def frame_texts(data: dict[str, Any]) -> list[str]:
    """Every text of confidentiality.yml as written in the file (items may be statements)."""
    texts = [data["summary"], data["definition"], *(s["text"] for s in data["spoken"])]
    for section in data["sections"]:
        texts.append(section["text"])
        texts += [i if isinstance(i, str) else i["text"] for i in section.get("items", [])]
        texts += [row["situation"] for row in section.get("contacts", [])]
    return texts


def test_no_other_file_copies_the_text() -> None:
    own = ROOT / "content" / "confidentiality.yml"
    data = yaml.safe_load(own.read_text(encoding="utf-8"))
    texts = [squash(t)[:60] for t in frame_texts(data)]
    for folder, pattern in (("content", "**/*.yml"), ("docs", "**/*.md"), ("templates", "*.j2")):
        for file in (ROOT / folder).glob(pattern):
            if file == own:
                continue
            body = squash(file.read_text(encoding="utf-8"))
            copied = [t for t in texts if t in body]
            assert not copied, f"{file.relative_to(ROOT)} copies the confidentiality frame: {copied}"


def test_the_frame_says_its_limits_and_where_to_refer(content: Content) -> None:
    frame = content.confidentiality
    limits = " ".join(part_texts(content, "limites")).lower()
    for word in ("danger", "harcèlement", "crime", "délit", "mineur", "secret professionnel"):
        assert word in limits, word
    referrals = " ".join(part_texts(content, "orientation"))
    for who in (
        "médecin du travail",
        "psychologue",
        "référent",
        "harcèlement",
        "3114",
        "15",
        "112",
        "17",
        "119",
    ):
        assert who in referrals, who
    notes = " ".join(part_texts(content, "notes"))
    assert "RGPD" in notes and "initiales ou un code" in notes
    # One list of what the consultant keeps or writes, each with how long it is kept.
    kept = " ".join(part_texts(content, "ecrits"))
    for document in ("notes de travail", "notes de supervision", "attestation", "contrat", "factures"):
        assert document in kept, document
    assert "détruites" in kept and "ans" in kept
    sponsor = " ".join(part_texts(content, "ce-que-sait-le-commanditaire"))
    assert "le manager" in sponsor and "jamais à sa place" in sponsor
    assert any("promet" in part.title for part in frame.sections)


def test_unknown_insert_or_section_in_a_hand_written_page(content: Content, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(
        "# Page\n\n[[confidentialite: limites, limite]]\n\n[[confidentialité: notes]]\n", encoding="utf-8"
    )
    with pytest.raises(ContentErrors) as caught:
        expand_docs(docs, Renderer(content), project_root=tmp_path)
    errors = [str(e) for e in caught.value.errors]
    expected = "section « limite » inconnue dans confidentiality.yml. Vouliez-vous dire « limites » ?"
    assert errors[0].startswith(f"docs/page.md:3: confidentialite: {expected}"), errors
    assert errors[1].startswith("docs/page.md:5: confidentialité: insertion « confidentialité » inconnue"), (
        errors
    )
    # A marker the guide does not know is not left in the page silently.
    (docs / "page.md").write_text("[[confidentialte: notes]]\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        expand_docs(docs, Renderer(content), project_root=tmp_path)
    assert str(caught.value.errors[0]).startswith(
        "docs/page.md:1: confidentialte: insertion « confidentialte » inconnue"
    )


def test_hand_written_pages_carry_no_other_list_of_what_the_sponsor_learns(content: Content) -> None:
    """The explainer and the method pages point at the frame instead of listing it again."""
    project = rules.Project(ROOT, content, ROOT / "docs", ROOT / "templates")
    assert rules.check_frame_not_relisted(project) == []
    assert all((ROOT / "docs" / page).is_file() for page in rules.FRAME_POINTING_PAGES)


# Only the frame states the limits, an emergency number or an article of law --------------

# The scans are guide.rules' own (check_frame_only), so that `guide validate` reports them.
LIMITS, EMERGENCY, ARTICLE = rules.FRAME_LIMITS, rules.FRAME_EMERGENCY, rules.FRAME_ARTICLE


def test_only_the_frame_states_the_limits_numbers_and_articles(content: Content) -> None:
    found = rules.check_frame_only(rules.Project(ROOT, content, ROOT / "docs", ROOT / "templates"))
    assert not found, "\n".join(str(error) for error in found)


@pytest.mark.parametrize(
    "text",
    [
        "je vous le dirais, et nous verrions ensemble qui prévenir",
        "si une nuit cela devient trop lourd, le 3114 répond",
        "appelez le 15 tout de suite",
        "l’article 434-1 du code pénal",
        "son employeur (L4121-1) doit agir",
        "un danger grave et immédiat pour une vie",
    ],
)
def test_the_scan_catches_a_text_that_restates_the_frame(text: str) -> None:
    assert any(p.search(text) for p in (LIMITS, EMERGENCY, ARTICLE)), text


@pytest.mark.parametrize(
    "text",
    [
        "le 15 mars",
        "15 salariés",
        "au 17 h",
        "une séance de 1 h 30",
        "article 47 de la loi",
        # The accessibility statement names the law that requires it: not a limit of confidentiality.
        "n’est donc pas tenu par l’article 47 de la loi n° 2005-102 du 11 février 2005",
    ],
)
def test_the_scan_leaves_ordinary_numbers_alone(text: str) -> None:
    assert not any(p.search(text) for p in (EMERGENCY, ARTICLE)), text


def test_every_statement_of_the_law_in_the_frame_names_its_articles(content: Content) -> None:
    """An item that speaks of the law is a statement with `sources`; the frame is dated and
    says it is not legal advice; the table says whom to call in each situation."""
    law = re.compile(r"\bla loi\b|\bloi n°|RGPD|\bcode\b|\boblig|\bpunit\b|juge|procureur", re.I)
    frame = content.confidentiality
    for part in frame.sections:
        for item in part.items:
            if isinstance(item, str):
                assert not law.search(item), (part.id, item[:60])
            else:
                assert item.sources, (part.id, item.text[:60])
        for row in part.contacts:
            # A row without articles is a service to call (the 3114): it must state no law.
            if not row.sources:
                assert not law.search(f"{row.call} {row.note or ''}"), (part.id, row.situation[:60])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", frame.as_of)
    assert "conseil juridique" in frame.disclaimer
    contacts = {row.call for part in frame.sections for row in part.contacts}
    calls = " ".join(contacts)
    for who in (
        "**15**",
        "**112**",
        "**17**",
        "**3114**",
        "**119**",
        "médecin du travail",
        "référent",
        "dispositif interne d’alerte",
        "Défenseur des droits",
    ):
        assert who in calls, who
    articles = {
        (s.article, s.code)
        for part in frame.sections
        for i in part.items
        if not isinstance(i, str)
        for s in i.sources
    }
    for article in ("223-6", "434-1", "434-3", "226-13"):
        assert (article, "code pénal") in articles, article
    assert ("L4121-1", "code du travail") in articles


def test_the_spoken_version_says_the_three_limits_the_notes_and_the_sponsor(content: Content) -> None:
    first = content.confidentiality.said("premiere-seance").text
    for words in (
        "danger immédiat",
        "crime",
        "enfant",
        "sans attendre votre accord",
        "direction",
        "notes",
        "trois mois après le bilan",
    ):
        assert words in first, words
    limits = content.confidentiality.said("limites").text
    for words in ("danger immédiat", "crime", "enfant", "sans attendre votre accord"):
        assert words in limits, words


def test_dialogues_that_set_the_frame_say_it_by_reference(content: Content) -> None:
    """The first sessions and the case where a manager asks for secrecy say the frame aloud
    from confidentiality.yml; the glossary's « confidentialité » is the frame's definition."""
    by_case = {s.id: [line.frame for line in s.dialogue if line.frame] for s in content.scenarios.values()}
    assert by_case["premier-entretien"] == ["premiere-seance"]
    assert by_case["envoye-contre-son-gre"] == ["premiere-seance"]
    assert by_case["detresse-et-harcelement"] == ["limites"]
    term = next(t for t in content.glossary.terms if t.term == "confidentialité")
    assert term.frame and term.definition == content.confidentiality.definition


@pytest.mark.build
def test_a_dialogue_line_prints_the_spoken_frame(site: Path, content: Content) -> None:
    said = squash(content.confidentiality.said("premiere-seance").text)
    for path in ("cas/premier-entretien.html", "phases/premiere-seance.html"):
        assert said in squash((site / path).read_text(encoding="utf-8")), path
    glossary = squash((site / "glossaire.html").read_text(encoding="utf-8"))
    assert squash(content.confidentiality.definition) in glossary
    frame = squash((site / "principes" / "confidentialite.html").read_text(encoding="utf-8"))
    assert squash("art. 223-6 du code pénal") in frame
    assert squash("Textes vérifiés le 27 novembre 2026") in frame


def test_a_statement_of_the_law_names_its_article_and_code() -> None:
    with pytest.raises(ValidationError, match="at least 1 item"):
        m.Statement.model_validate({"text": "La loi oblige à alerter.", "sources": []})
    with pytest.raises(ValidationError, match="pattern"):
        m.LegalSource.model_validate({"article": "art. 223-6", "code": "code pénal"})
    source = m.LegalSource.model_validate({"article": "L4121-1", "code": "code du travail"})
    assert source.label == "art. L4121-1 du code du travail"
    law = m.LegalSource.model_validate({"article": "8", "code": "loi n° 2016-1691 du 9 décembre 2016"})
    assert law.label == "art. 8 de la loi n° 2016-1691 du 9 décembre 2016"


def test_a_glossary_term_has_its_own_definition_or_the_frames_not_both() -> None:
    with pytest.raises(ValidationError, match="donnez soit « definition: … », soit « frame: true »"):
        m.Term.model_validate({"term": "confidentialité", "definition": "Un texte.", "frame": True})
    with pytest.raises(ValidationError, match="donnez soit « definition: … », soit « frame: true »"):
        m.Term.model_validate({"term": "confidentialité"})


def test_a_page_may_print_the_summary_or_the_words_said_aloud(content: Content, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(
        "# Page\n\n[[confidentialite-bref: resume, premiere-seance]]\n\n[[confidentialite-bref: limite]]\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentErrors) as caught:
        expand_docs(docs, Renderer(content), project_root=tmp_path)
    assert [str(e) for e in caught.value.errors] == [
        "docs/page.md:5: confidentialite-bref: texte bref du cadre « limite » inconnu. Vouliez-vous "
        "dire « limites » ? Possibles : resume, premiere-seance, limites"
    ]
    (docs / "page.md").write_text("[[confidentialite-bref: resume, premiere-seance]]\n", encoding="utf-8")
    page = expand_docs(docs, Renderer(content), project_root=tmp_path)["page.md"]
    frame = content.confidentiality
    assert squash(frame.summary) in squash(page) and squash(frame.said("premiere-seance").text) in squash(
        page
    )
    assert "principes/confidentialite.md" in page
