"""What every PDF of the guide carries: a QR code that scans to its page's address (decoded by
Debian's zbarimg from a pdftoppm image), a tagged structure with language and title (PDF/UA-1),
and, for the sheets, form fields that a PDF reader fills in, named after their sections."""

from __future__ import annotations

import functools
import io
import itertools
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from guide.cards import DECK_PDF, deck, deck_pdfs, deck_sheets
from guide.content import Content
from guide.pdf import sheet_document, write_pdf
from guide.render import Renderer
from guide.worksheets import FormFields, sheet_items

ROOT = Path(__file__).resolve().parents[1]
CSS = (ROOT / "docs" / "assets" / "print.css").read_text(encoding="utf-8")

pytestmark = pytest.mark.build
ZBAR = "{http://zbar.sourceforge.net/2008/barcode}"  # the namespace of zbarimg --xml


def canonical(site: Path, page: str) -> str:
    html = (site / page).read_text(encoding="utf-8")
    match = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    assert match, f"{page} has no canonical address"
    return match.group(1)


@functools.cache
def decoded_pages(pdf: Path, folder: Path) -> dict[int, list[str]]:
    """{page (1-based): the QR codes that zbarimg reads on it}, every page of `pdf` rendered at
    200 dpi in grey (PGM: no PNG to compress) by one pdftoppm, and read by one zbarimg."""
    stem = folder / pdf.stem
    subprocess.run(["pdftoppm", "-r", "200", "-gray", str(pdf), str(stem)], check=True)
    images = sorted(folder.glob(f"{pdf.stem}-*.pgm"), key=lambda image: int(image.stem.rsplit("-", 1)[1]))
    assert images, f"pdftoppm rendered no page of {pdf}"
    result = subprocess.run(
        ["zbarimg", "--quiet", "--xml", "-Sdisable", "-Sqrcode.enable", *map(str, images)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 4), result.stderr  # 4: no code found
    found: dict[int, list[str]] = {int(image.stem.rsplit("-", 1)[1]): [] for image in images}
    for source in ElementTree.fromstring(result.stdout).iter(f"{ZBAR}source"):
        page = int(Path(source.attrib["href"]).stem.rsplit("-", 1)[1])
        found[page] = sorted(data.text or "" for data in source.iter(f"{ZBAR}data"))
    return found


def decoded(pdf: Path, page: int, tmp_path: Path) -> list[str]:
    """The QR codes that zbarimg reads on one page (1-based) of `pdf` rendered at 200 dpi."""
    folder = tmp_path / "qr" / f"{pdf.parent.name}-{pdf.stem}"
    folder.mkdir(parents=True, exist_ok=True)
    return decoded_pages(pdf, folder)[page]


def test_every_sheet_page_has_a_qr_code_to_its_page(site: Path, content: Content, tmp_path: Path) -> None:
    for sheet in content.worksheets.values():
        pdf = site / "fiches" / f"{sheet.id}.pdf"
        address = canonical(site, f"fiches/{sheet.id}.html")
        for page in range(1, sheet.pages + 1):
            assert decoded(pdf, page, tmp_path) == [address], (sheet.id, page)


def test_every_card_and_deck_page_has_a_qr_code(site: Path, content: Content, tmp_path: Path) -> None:
    """A card's code is on its back (room for 18 mm); each page's footer has the deck's page."""
    cards_page = canonical(site, "cartes/index.html")
    pdf = site / "cartes" / f"{DECK_PDF}.pdf"
    for index, sheet in enumerate(deck_sheets(deck(content))):
        backs = [canonical(site, slot.card.target.removesuffix(".md") + ".html") for slot in sheet.backs]
        assert decoded(pdf, 2 * index + 1, tmp_path) == [cards_page]  # fronts: the sheet's footer
        assert decoded(pdf, 2 * index + 2, tmp_path) == sorted([*backs, cards_page])
    for family_pdf in deck_pdfs(content)[1:]:
        codes = decoded(site / "cartes" / f"{family_pdf.slug}.pdf", 2, tmp_path)
        assert cards_page in codes and len(codes) >= 2


def all_pdfs(site: Path, content: Content) -> Iterator[tuple[Path, str]]:
    """Every PDF of the site and the title it must carry."""
    for sheet in content.worksheets.values():
        yield site / "fiches" / f"{sheet.id}.pdf", sheet.title
    for pdf in deck_pdfs(content):
        yield site / "cartes" / f"{pdf.slug}.pdf", pdf.title


def structure_types(node: Any, out: list[str]) -> list[str]:
    """The structure types of a tag tree, in reading order."""
    node = node.get_object()
    if isinstance(node, dict) or hasattr(node, "get"):
        if "/S" in node:
            out.append(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, list) else [kids]:
                if hasattr(kid, "get_object") and not isinstance(kid.get_object(), int):
                    structure_types(kid, out)
    return out


def test_every_pdf_is_tagged_in_french_with_its_title(site: Path, content: Content) -> None:
    sheets = {s.id: s for s in content.worksheets.values()}
    deck_sheet_list = deck_sheets(deck(content))
    cards_in = {
        pdf.slug: sum(len(deck_sheet_list[p // 2].fronts) for p in pdf.pages if p % 2 == 0)
        for pdf in deck_pdfs(content)
    }
    for path, title in all_pdfs(site, content):
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        assert str(root.get("/Lang")) == "fr", path
        assert bool(root["/MarkInfo"]["/Marked"]), path
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]), path
        assert reader.metadata is not None and reader.metadata.title == title, path
        xmp = root["/Metadata"].get_object().get_data().decode()
        assert "pdfuaid:part" in xmp and title in xmp, path  # declared PDF/UA-1
        types = structure_types(root["/StructTreeRoot"], [])
        assert types[0] == "/Document", types[:3]
        headings = [t for t in types if re.fullmatch(r"/H[1-6]", t)]
        assert headings and headings[0] == "/H1", (path, headings[:3])
        if path.parent.name == "fiches":
            sheet = sheets[path.stem]
            assert headings.count("/H1") == 1, path
            assert headings.count("/H2") == len(sheet.sections), path
            if sheet.fields or any(s.area or s.item_area or s.check for s in sheet.sections):
                assert "/Form" in types, path  # the form fields are in the tag tree
        else:
            # A card's name is its H1 (each page's header is an artifact: tests/test_pdf_ua.py).
            assert headings.count("/H1") == cards_in[path.stem], path
            assert headings.count("/H2") >= cards_in[path.stem], path  # what a card shows at hand
        # Reading order: a heading's level never jumps more than one down.
        levels = [int(h[2]) for h in headings]
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (path, levels)


def expected_fields(sheet: Any, content: Content) -> set[str]:
    fields = FormFields(sheet)
    names = {fields.blank(blank)[0] for blank in sheet.fields}
    for section in sheet.sections:
        items = sheet_items(content, section)
        if section.area:
            names.add(fields.area(section)[0])
        for row in range(1, (section.rows or 0) + 1):
            names.update(fields.area(section, column=column, row=row)[0] for column in section.columns)
        for item in items:
            if section.check:
                names.add(fields.area(section, item, tick=True)[0])
            if section.columns:
                names.update(fields.area(section, item, column)[0] for column in section.columns)
            elif section.item_area:
                names.add(fields.area(section, item)[0])
    return names


def test_each_sheet_is_a_form_that_a_reader_fills_and_saves(site: Path, content: Content) -> None:
    filled_any = False
    for sheet in content.worksheets.values():
        reader = PdfReader(site / "fiches" / f"{sheet.id}.pdf")
        fields = reader.get_fields() or {}
        assert set(fields) == expected_fields(sheet, content), sheet.id
        if not fields:  # a sheet to read, with nothing to write (the client's)
            assert "/AcroForm" not in reader.trailer["/Root"], sheet.id
            continue
        filled_any = True
        section_slugs = {FormFields(sheet).area(s)[0] for s in sheet.sections} | {"en-tete"}
        assert {name.split("--")[0] for name in fields} <= section_slugs, sheet.id  # named after sections
        text_field = next(name for name, f in fields.items() if f.get("/FT") == "/Tx")

        writer = PdfWriter(clone_from=reader)
        value = "Essai : le manager revient sur « la réunion de lundi »."
        page = next(
            p for p in writer.pages for a in p.get("/Annots", []) if a.get_object().get("/T") == text_field
        )
        writer.update_page_form_field_values(page, {text_field: value}, auto_regenerate=False)
        ticks = [name for name, f in fields.items() if f.get("/FT") == "/Btn"]
        if ticks:
            for p in writer.pages:
                for annot in p.get("/Annots", []):
                    widget = annot.get_object()
                    if widget.get("/T") == ticks[0]:
                        widget[NameObject("/V")] = NameObject("/on")
                        widget[NameObject("/AS")] = NameObject("/on")
        saved = io.BytesIO()
        writer.write(saved)

        again = PdfReader(io.BytesIO(saved.getvalue()))
        filled = again.get_fields() or {}
        assert filled[text_field]["/V"] == value, sheet.id
        if ticks:
            assert filled[ticks[0]]["/V"] == "/on"
        assert len(again.pages) == sheet.pages
    assert filled_any


def layout(pdf: Path) -> list[tuple[str, float, float]]:
    """Each word of a PDF and where it starts, by pdftotext."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True)
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', out.stdout)
    # Ligatures (« ﬁ ») are not always extracted alike: compare the letters.
    return [(unicodedata.normalize("NFKC", text), float(x), float(y)) for x, y, text in found]


def gray(pdf: Path, tmp_path: Path) -> bytes:
    stem = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-singlefile", str(pdf), str(stem)], check=True)
    return (tmp_path / f"{pdf.stem}.pgm").read_bytes()


def test_form_fields_change_nothing_on_paper(content: Content, tmp_path: Path) -> None:
    """The same sheet laid out with and without its form controls: same words at the same
    places, same page count, and no visible difference in the pixels (glyphs may differ by a
    shade of anti-aliasing: the font of the fields is embedded a little differently)."""
    sheet = content.worksheets["preparer-seance"]
    document = sheet_document(Renderer(content, site_url="https://guide.example/"), sheet, CSS)
    plain = re.sub(r"<textarea[^>]*></textarea>|<input[^>]*>", "", document)
    # A tick box is the input itself: put the printed span back in its place.
    plain = re.sub(
        r'(<p class="guide-item__title">|<th class="guide-grid__item" scope="row">)'
        r'( <span class="guide-item__name">)',
        r'\1<span class="guide-check"></span>\2',
        plain,
    )
    assert plain != document and "<input" not in plain
    write_pdf(document, tmp_path / "form.pdf")
    write_pdf(plain, tmp_path / "plain.pdf")
    assert len(PdfReader(tmp_path / "form.pdf").get_fields() or {}) > 10
    assert not PdfReader(tmp_path / "plain.pdf").get_fields()
    assert len(PdfReader(tmp_path / "form.pdf").pages) == len(PdfReader(tmp_path / "plain.pdf").pages)

    form, blank = layout(tmp_path / "form.pdf"), layout(tmp_path / "plain.pdf")
    assert [w[0] for w in form] == [w[0] for w in blank]
    moved = [
        (a, b) for a, b in zip(form, blank, strict=True) if abs(a[1] - b[1]) > 0.1 or abs(a[2] - b[2]) > 0.1
    ]
    assert not moved, moved[:3]
    one, two = gray(tmp_path / "form.pdf", tmp_path), gray(tmp_path / "plain.pdf", tmp_path)
    assert len(one) == len(two)
    assert max(abs(a - b) for a, b in zip(one, two, strict=True)) < 64
