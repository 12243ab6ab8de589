"""Confidentiality has one source, content/confidentiality.yml: every page and sheet that speaks
of it prints the same text, taken from there, including its limits and where to refer; the file
says what the commanditaire learns, what the notes are, and what the consultant cannot promise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, squash
from pypdf import PdfReader

from guide import ContentErrors
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
            page = file.relative_to(ROOT / "docs").with_suffix(".html").as_posix()
            found.setdefault(page, []).extend(p.strip() for p in match.group(2).split(","))
    return found


def part_texts(content: Content, part_id: str) -> list[str]:
    part = content.confidentiality.section(part_id)
    return [part.title, part.text, *part.items]


def test_every_place_the_issue_names_shows_the_frame(content: Content) -> None:
    places = uses(content)
    # The client explainer stays short: it links to the whole frame instead of printing it.
    explainer = (ROOT / "docs" / "decouvrir.md").read_text(encoding="utf-8")
    assert "(principes/confidentialite.md" in explainer
    assert set(places["principes/confidentialite.html"]) == {s.id for s in content.confidentiality.sections}
    assert "limites" in places["fiches/contrat-d-accompagnement.html"]
    assert "ce-que-sait-le-commanditaire" in places["phases/rencontre-tripartite.html"]
    assert places["cas/demande-de-compte-rendu.html"]


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


def test_no_other_file_copies_the_text() -> None:
    own = ROOT / "content" / "confidentiality.yml"
    data = yaml.safe_load(own.read_text(encoding="utf-8"))
    texts = [squash(t)[:60] for s in data["sections"] for t in (s["text"], *s.get("items", []))]
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
    for word in ("danger", "harcèlement", "infraction", "secret professionnel"):
        assert word in limits, word
    referrals = " ".join(part_texts(content, "orientation"))
    for who in ("médecin du travail", "psychologue", "référent harcèlement", "3114", "15", "112"):
        assert who in referrals, who
    notes = " ".join(part_texts(content, "notes"))
    assert "RGPD" in notes and "détruites" in notes and "initiales ou un code" in notes
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
    expected = "unknown section of confidentiality.yml 'limite' - did you mean 'limites'?"
    assert errors[0].startswith(f"docs/page.md:3: confidentialite: {expected}"), errors
    assert errors[1].startswith("docs/page.md:5: confidentialité: unknown insert"), errors
    # A marker the guide does not know is not left in the page silently.
    (docs / "page.md").write_text("[[confidentialte: notes]]\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        expand_docs(docs, Renderer(content), project_root=tmp_path)
    assert str(caught.value.errors[0]).startswith("docs/page.md:1: confidentialte: unknown insert")


def test_hand_written_pages_carry_no_other_list_of_what_the_sponsor_learns() -> None:
    """The explainer and the method pages point at the frame instead of listing it again."""
    for page in ("decouvrir.md", "accompagnement.md", "posture.md", "individuel-collectif.md"):
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        assert not re.search(r"(L’entreprise|Elle) (peut savoir|ne reçoit pas)", text), page
