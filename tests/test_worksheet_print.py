"""Printed sheets, both ways: the PDFs written by the build (WeasyPrint), and the sheet pages
printed by Debian's Chromium. Each is A4, has the declared page count, and shows the sheet
only: no navigation, no search, no link URLs, never dark."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from guide.content import Content

ROOT = Path(__file__).resolve().parents[1]
A4 = (595.28, 841.89)  # points
MM = 96 / 25.4  # CSS pixels per millimetre


def squash(text: str) -> str:
    """Text without any whitespace, lowercased: PDF extraction breaks lines anywhere, and may
    give a ligature (« ﬁ ») for its letters."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def assert_a4(reader: PdfReader) -> None:
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert abs(size[0] - A4[0]) < 1 and abs(size[1] - A4[1]) < 1, size


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """Each font used by the document, and whether its glyphs are embedded in the file."""
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for ref in resources.get("/Font", {}).values():
            font = ref.get_object()
            target = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = target.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts[str(font.get("/BaseFont"))] = embedded
    return fonts


def canonical_url(site: Path, sheet_id: str) -> str:
    html = (site / "fiches" / f"{sheet_id}.html").read_text(encoding="utf-8")
    match = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    assert match, "the sheet page has no canonical address"
    return match.group(1)


# PDFs written by the build ------------------------------------------------------------------


@pytest.mark.build
def test_each_sheet_has_its_pdf(site: Path, content: Content) -> None:
    for sheet in content.worksheets.values():
        pdf = site / "fiches" / f"{sheet.id}.pdf"
        assert pdf.is_file(), f"{pdf} is missing"
        reader = PdfReader(pdf)
        assert len(reader.pages) == sheet.pages, sheet.id
        assert_a4(reader)
        fonts = embedded_fonts(reader)
        assert fonts and all(fonts.values()), fonts
        assert any("DejaVu" in name for name in fonts), fonts
        address = canonical_url(site, sheet.id)
        for number, page in enumerate(reader.pages, 1):
            text = squash(page.extract_text())
            assert squash(sheet.title) in text
            assert "version" in text and f"page{number}/{sheet.pages}" in text
            assert squash(sheet.confidentiality)[:40] in text
            assert squash(address) in text
        body = squash(reader.pages[0].extract_text())
        first = sheet.sections[0]
        assert squash(first.title) in body


@pytest.mark.build
def test_sheet_pages_offer_print_and_pdf(site: Path, content: Content) -> None:
    index = (site / "fiches" / "index.html").read_text(encoding="utf-8")
    index_text = re.sub(r"<[^>]+>", "", index)  # the glossary wraps terms in <abbr>
    for sheet in content.worksheets.values():
        html = (site / "fiches" / f"{sheet.id}.html").read_text(encoding="utf-8")
        assert 'class="guide-sheet"' in html
        assert "data-guide-print" in html and ">Imprimer</button>" in html
        assert f'href="{sheet.id}.pdf"' in html and "Télécharger le PDF" in html
        assert '<link rel="stylesheet" href="../assets/print.css">' in html[: html.index("</head>")]
        assert f'href="{sheet.id}.html"' in index and f'href="{sheet.id}.pdf"' in index
        assert content.interface.labels.audiences[sheet.audience] in index_text
    assert index.count("guide-sheet-cards") == 1


# Printing the pages from Chromium -------------------------------------------------------------


def nav_texts(page: Any) -> list[str]:
    """Texts of the theme's chrome around the sheet: navigation, header, search, footer."""
    texts: list[str] = page.eval_on_selector_all(
        ".md-nav__link, .md-header__topic, .md-footer, .md-copyright, .md-source",
        "nodes => nodes.map(n => n.textContent)",
    )
    placeholder = page.get_attribute("input.md-search__input", "placeholder")
    return [t.strip() for t in [*texts, placeholder or ""] if t and t.strip()]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_printing_a_sheet_page_gives_the_sheet_only(
    browser: Any, site_url: str, content: Content, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        for sheet in content.worksheets.values():
            page.goto(f"{site_url}/fiches/{sheet.id}.html")
            chrome = nav_texts(page)
            sheet_text = squash(page.inner_text(".guide-sheet"))
            foreign = [t for t in chrome if squash(t) not in sheet_text]
            assert len(foreign) > 10, foreign  # the check below has something to find

            reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
            assert len(reader.pages) == sheet.pages, (sheet.id, scheme)
            assert_a4(reader)
            text = "\n".join(p.extract_text() for p in reader.pages)
            flat = squash(text)
            assert squash(sheet.title) in flat
            leaked = [t for t in foreign if squash(t) in flat]
            assert not leaked, f"{sheet.id}: navigation text printed: {leaked}"
            # The only address printed is the sheet's own, once per page: no link URLs.
            assert text.count("://") == sheet.pages, text
    finally:
        context.close()


@pytest.mark.browser
def test_print_styles_keep_areas_and_sections_whole_and_light(browser: Any, site_url: str) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(f"{site_url}/fiches/seance-individuelle.html")
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"  # dark on screen
        page.emulate_media(media="print", color_scheme="dark")
        colors = page.evaluate(
            """() => {
                const lum = (c) => {
                    const [r, g, b] = c.match(/[\\d.]+/g).map(Number);
                    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
                };
                const css = (sel) => getComputedStyle(document.querySelector(sel));
                return {
                    body: lum(css("body").backgroundColor),
                    text: lum(css(".guide-sheet").color),
                    title: lum(css(".guide-sheet__title").color),
                    header: css(".md-header").display,
                    sidebar: css(".md-sidebar--primary").display,
                    tools: css(".guide-sheet-tools").display,
                };
            }"""
        )
        assert colors["body"] > 0.95 and colors["text"] < 0.3 and colors["title"] < 0.5, colors
        assert colors["header"] == colors["sidebar"] == colors["tools"] == "none", colors

        areas = page.evaluate(
            """() => [...document.querySelectorAll('.guide-area')].map(a => [
                parseFloat(a.style.height), a.getBoundingClientRect().height])"""
        )
        assert areas
        for declared_mm, height_px in areas:
            assert abs(height_px - declared_mm * MM) < 1.5, (declared_mm, height_px)

        breaks = page.eval_on_selector_all(
            ".guide-sheet__section", "nodes => nodes.map(n => getComputedStyle(n).breakInside)"
        )
        assert breaks and set(breaks) == {"avoid"}
    finally:
        context.close()
