"""Printable sheets: the real sheets are valid and pull their texts from the data; each bad
sheet gets an error naming the file, the line and the field; PDFs are cached by content hash."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from guide import ContentErrors, load_content, rules
from guide.content import Content
from guide.pdf import build_pdfs, sheet_document
from guide.render import Renderer
from guide.worksheets import inline_markdown, render_sheet, sheet_fingerprint, sheet_items

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "worksheets"
SHEET = "content/worksheets/preparer-seance.yml"
CSS = (ROOT / "docs" / "assets" / "print.css").read_text(encoding="utf-8")

REQUIRED_SHEETS = {
    "preparer-seance": "consultant",
    "seance-individuelle": "consultant",
    "seance-collective": "consultant",
    "entre-deux-seances": "manager",
    "ce-qu-est-l-accompagnement": "client",
    # The frame of the accompaniment (issue 8).
    "contrat-d-accompagnement": "tripartite",
    "charte-de-groupe": "groupe",
    "bilan-tripartite": "manager",
    # Practice in threes and under supervision (issue 9).
    "grille-d-observation": "consultant",
    "supervision": "consultant",
}


def test_the_required_sheets_exist_for_their_audience(content: Content) -> None:
    audiences = {sid: s.audience for sid, s in content.worksheets.items()}
    assert REQUIRED_SHEETS.items() <= audiences.items()
    # The manager fills two sheets, one between sessions and one for the closing review (issue 16).
    assert sorted(sid for sid, a in audiences.items() if a == "manager") == [
        "bilan-tripartite",
        "entre-deux-seances",
    ]
    assert content.worksheets["ce-qu-est-l-accompagnement"].pages == 1
    for sheet in content.worksheets.values():
        assert len(sheet.printed_pages()) == sheet.pages


def test_sheets_pull_what_the_issue_asks_for(content: Content) -> None:
    def pulled(sheet_id: str, key: str) -> set[str]:
        return {v for s in content.worksheets[sheet_id].sections for v in getattr(s, key)}

    assert pulled("preparer-seance", "planes") == set(content.planes)
    assert pulled("preparer-seance", "roles") == set(content.roles)
    # Preparing is about hypotheses and the consultant himself, not a tick of every principle.
    assert not pulled("preparer-seance", "principles")
    preparing = [s.title for s in content.worksheets["preparer-seance"].sections]
    # The consultant's hypotheses and the manager's goal are two sections: the goal is his.
    hypotheses = next(t for t in preparing if "hypothèses" in t)
    goal = next(t for t in preparing if "but de cette séance" in t)
    assert hypotheses != goal and "chez moi" in " ".join(preparing)
    # The consultant's record is one page written after the session, holding what the next
    # session needs: the manager's goal, the trial chosen and its date, what he keeps.
    record = content.worksheets["seance-individuelle"]
    assert record.pages == 1 and "après" in record.when.lower()
    assert not any(s.rows for s in record.sections), "no minute-by-minute log of the session"
    titles = [s.title for s in record.sections]
    assert "but" in titles[0]
    trial = next(s for s in record.sections if "essai" in s.title)
    assert any("quand" in p for p in trial.prompts)
    assert pulled("seance-individuelle", "planes") == set(content.planes)
    assert pulled("seance-individuelle", "roles") == set(content.roles)
    collective = content.worksheets["seance-collective"]
    first_plane = next(s.planes[0] for s in collective.sections if s.planes)
    assert first_plane == "pairs"  # cooperation between peers comes first
    assert pulled("bilan-tripartite", "planes") == set(content.planes)
    # The client's page answers Martine's « où, pourquoi, comment » in sentences, on one page.
    client = content.worksheets["ce-qu-est-l-accompagnement"]
    answers = {s.title: s.intro or "" for s in client.sections}
    for question in ("Où ?", "Pourquoi ?", "Comment ?"):
        assert answers[question].count(". ") >= 1, question
    assert pulled("ce-qu-est-l-accompagnement", "contrasts") == set(content.contrasts)
    assert pulled("ce-qu-est-l-accompagnement", "principles") == {
        p.id for p in content.principles.values() if p.from_article
    }


def test_sheet_files_never_copy_a_text_of_the_method(content: Content) -> None:
    project = rules.Project(ROOT, content, ROOT / "docs", ROOT / "templates")
    assert rules.check_sheets_copy_no_text(project) == []


def test_no_sheet_asks_for_a_name(content: Content) -> None:
    name = re.compile(r"\b(nom|prénom)s?\b", re.I)
    for sheet in content.worksheets.values():
        labels = [b.label for b in sheet.fields] + [c for s in sheet.sections for c in s.columns]
        assert not [label for label in labels if name.search(label)], sheet.id
    # Sheets filled in about a person ask for initials or a code.
    for sheet_id in ("preparer-seance", "seance-individuelle"):
        labels = " ".join(b.label for b in content.worksheets[sheet_id].fields)
        assert "initiales ou code" in labels
    # The manager's own sheets ask for his initials or his code.
    for sheet_id in ("entre-deux-seances", "bilan-tripartite"):
        labels = " ".join(b.label for b in content.worksheets[sheet_id].fields)
        assert "Mes initiales ou mon code" in labels


def test_sheet_html_shows_the_pulled_texts(content: Content) -> None:
    renderer = Renderer(content, site_url="https://guide.example/")
    for sheet in content.worksheets.values():
        html = render_sheet(renderer, sheet, href=lambda target: None)
        assert f'data-pages="{sheet.pages}"' in html
        assert html.count('class="guide-sheet__page"') == sheet.pages
        assert html.count('class="guide-sheet__foot"') == sheet.pages
        assert f"https://guide.example/fiches/{sheet.id}.html" in html
        for section in sheet.sections:
            assert section.title in html
            for item in sheet_items(content, section):
                assert item.name in html
                if section.show == "summary" and not section.columns:
                    assert inline_markdown(item.text) in html
            if section.comparison:
                for contrast in content.contrasts.values():
                    assert inline_markdown(contrast.dimensions.purpose) in html


def test_fingerprint_follows_the_pulled_entries(content: Content) -> None:
    sheet = content.worksheets["preparer-seance"]
    other = content.worksheets["ce-qu-est-l-accompagnement"]
    role = content.roles["miroir"]
    changed = Content(
        **{
            **content.__dict__,
            "roles": {**content.roles, "miroir": role.model_copy(update={"summary": "Autre texte."})},
        }
    )
    assert sheet_fingerprint(changed, sheet) != sheet_fingerprint(content, sheet)
    assert sheet_fingerprint(changed, other) == sheet_fingerprint(content, other)  # no role there


BAD_SHEETS = [
    (
        "unknown_role",
        f"{SHEET}:11: sections[1].roles[2]: rôle « moderatuer » inconnu. Vouliez-vous dire "
        "« moderateur » ? Possibles : miroir, eperon, moderateur, integrateur",
    ),
    (
        "unknown_contrast",
        f"{SHEET}:14: sections[2].contrasts[1]: distinction « audits » inconnue. Vouliez-vous dire "
        "« audit » ? Possibles : audit, revue-de-projet, evaluation-des-personnes",
    ),
    (
        "pages_mismatch",
        f"{SHEET}:6: pages: la fiche annonce 2 page(s) mais ses sections en font 1 : marquez la "
        "première section de chaque page après la première par « new_page: true »",
    ),
    ("three_pages", f"{SHEET}:6: pages: « 3 » n’est pas une valeur possible : « 1 » ou « 2 »"),
    (
        "signatures_on_notes",
        f"{SHEET}:11: sections[1].signatures: les signatures vont sur la fiche que les trois parties "
        "signent (audience: tripartite) ; cette fiche est pour « consultant » et n’identifie personne",
    ),
    (
        "rows_without_columns",
        f"{SHEET}:10: sections[1]: « rows » fait une grille vide : donnez « columns » et ne tirez "
        "aucun élément",
    ),
    (
        "unknown_confidentiality",
        f"{SHEET}:13: sections[1].confidentiality[2]: section « limite » inconnue dans "
        "confidentiality.yml. Vouliez-vous dire « limites » ? Possibles : ce-qui-reste, "
        "ce-que-sait-le-commanditaire, "
        "commanditaire, en-groupe, notes, ecrits, limites, orientation, promesses, reclamations",
    ),
    (
        "asks_for_name",
        f"{SHEET}:11: fields[2].label: « Nom et prénom du manager » demande le nom d’une personne : "
        "les fiches sont confidentielles, demandez des initiales ou un code (par exemple « Manager "
        "(initiales ou code) »)",
    ),
    (
        "area_lines_and_box",
        f"{SHEET}:13: sections[2].area: donnez soit « lines » (un nombre de lignes réglées), soit "
        "« box » (une hauteur en mm)",
    ),
    (
        "item_area_without_items",
        f"{SHEET}:10: sections[1]: « item_area » s’applique aux éléments tirés : ajoutez des plans, "
        "des rôles, des principes ou des distinctions, ou retirez « item_area »",
    ),
    (
        "unknown_key",
        f"{SHEET}:7: audiance: champ inconnu « audiance ». Vouliez-vous dire « audience » ? Champs "
        "possibles : "
        "id, title, order, audience, when, pages, summary, confidentiality, fields, sections, tags, setting",
    ),
]


@pytest.mark.parametrize(("fixture", "expected"), BAD_SHEETS, ids=[c[0] for c in BAD_SHEETS])
def test_bad_sheet_gets_a_clear_error(project: Path, fixture: str, expected: str) -> None:
    shutil.copy(FIXTURES / f"{fixture}.yml", project / SHEET)
    with pytest.raises(ContentErrors) as caught:
        load_content(project / "content", project_root=project)
    assert [str(e) for e in caught.value.errors] == [expected]


def test_pdf_document_is_offline_and_cached_by_content_hash(content: Content, tmp_path: Path) -> None:
    renderer = Renderer(content, site_url="https://guide.example/")
    document = sheet_document(renderer, content.worksheets["entre-deux-seances"], CSS)
    assert not re.search(r"""(src|href)=["']?(?!https://guide\.example/)[a-z]+:""", document)
    assert "@import" not in document and "url(" not in document

    cache, out = tmp_path / "cache", tmp_path / "out"
    first = build_pdfs(content, out, css=CSS, cache_dir=cache, sheets=["entre-deux-seances"], jobs=1)
    assert [(r.sheet_id, r.cached) for r in first] == [("entre-deux-seances", False)]
    cached_files = list(cache.glob("*.pdf"))
    assert len(cached_files) == 1
    stamp = cached_files[0].stat().st_mtime_ns
    assert len(PdfReader(out / "entre-deux-seances.pdf").pages) == 1

    again = build_pdfs(content, out, css=CSS, cache_dir=cache, sheets=["entre-deux-seances"], jobs=1)
    assert [r.cached for r in again] == [True]
    assert cached_files[0].stat().st_mtime_ns == stamp

    # A change in what the sheet prints (here its styles) makes a new PDF.
    changed = build_pdfs(
        content, out, css=CSS + "\n/* changed */", cache_dir=cache, sheets=["entre-deux-seances"], jobs=1
    )
    assert [r.cached for r in changed] == [False]
    assert len(list(cache.glob("*.pdf"))) == 2


def test_form_fields_are_named_after_their_section_and_unique(content: Content) -> None:
    from guide.worksheets import FormFields, slug

    sheet = content.worksheets["seance-individuelle"]
    twice = sheet.model_copy(update={"sections": [*sheet.sections, sheet.sections[0].model_copy()]})
    fields = FormFields(twice)
    first, again = fields.area(twice.sections[0]), fields.area(twice.sections[-1])
    assert first[0] == slug(sheet.sections[0].title) and again[0] == f"{first[0]}-2"
    assert re.fullmatch(r"[a-z0-9-]+", first[0])
    assert slug("Ce que j’observe, « vraiment » !") == "ce-que-j-observe-vraiment"
    html = render_sheet(Renderer(content), sheet, href=lambda target: None, pdf=True)
    names = re.findall(r'<(?:textarea|input)[^>]* name="([^"]+)"', html)
    assert names and len(names) == len(set(names))
    assert "<textarea" not in render_sheet(Renderer(content), sheet, href=lambda target: None)


def test_the_contract_is_the_one_sheet_signed_by_name(content: Content) -> None:
    contract = content.worksheets["contrat-d-accompagnement"]
    signatures = [party for section in contract.sections for party in section.signatures]
    assert signatures == ["Le manager accompagné", "Le commanditaire", "Le consultant"]
    printed = {part for section in contract.sections for part in section.confidentiality}
    assert {"ce-qui-reste", "limites"} <= printed
    # Every other sheet identifies no one.
    others = [s for s in content.worksheets.values() if s.id != contract.id]
    assert not [s.id for s in others if any(section.signatures for section in s.sections)]
    html = render_sheet(Renderer(content), contract, href=lambda target: None)
    assert html.count('class="guide-signature"') == 3
    assert "Nom écrit de sa main" in html


def test_the_sheet_between_sessions_keeps_the_trials_and_what_to_bring(content: Content) -> None:
    sheet = content.worksheets["entre-deux-seances"]
    columns = [c for s in sheet.sections for c in s.columns]
    for word in ("Quand", "essayé", "remarqué"):
        assert any(word in c for c in columns), word
    assert any("prochaine séance" in s.title for s in sheet.sections)
    html = render_sheet(Renderer(content), sheet, href=lambda target: None)
    rows = sum(s.rows or 0 for s in sheet.sections)
    assert html.count('<tr class="guide-grid__row"><td') == rows


def test_each_sheet_speaks_with_one_voice(content: Content) -> None:
    """« je » is whoever fills the sheet in: the manager on his sheets, the consultant on his."""
    project = rules.Project(ROOT, content, ROOT / "docs", ROOT / "templates")
    assert rules.check_sheet_voice(project) == []
