"""The card deck: one card per entry of each family, texts from the data, laid out on A4 with
each back behind its front for a long-edge duplex, a PDF per family, and the page cartes/."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from guide.cards import (
    BLEED_MM,
    CARD_MM,
    DECK_PDF,
    FAMILIES,
    PAGE_MM,
    PER_SHEET,
    cut_lines,
    deck,
    deck_pdfs,
    deck_sheets,
    families,
    reference_cards,
    slot_position,
)
from guide.content import Content
from guide.render import Renderer
from guide.typography import french_html
from guide.worksheets import inline_markdown

PT = 72 / 25.4  # PDF points per millimetre
A4 = (595.28, 841.89)
A6 = (297.64, 419.53)
A5 = (419.53, 595.28)
FRONT_PADDING_MM = 4.5  # side padding of a front in cards.css: its number is flush right inside it


def test_one_card_per_entry_of_each_family(content: Content) -> None:
    cards = deck(content)
    expected = [(f.key, e.id) for f in families(content) for e in content.collection(f.key).values()]
    assert [(c.family.key, c.id) for c in cards] == expected
    assert {f.key for f in families(content)} >= {"roles", "planes", "principles", "contrasts", "phases"}
    assert [c.number for c in cards] == list(range(1, len(cards) + 1))
    assert {c.total for c in cards} == {len(cards)}


def test_families_are_told_apart_by_their_mark_and_name(content: Content) -> None:
    assert len({f.mark for f in FAMILIES}) == len(FAMILIES)
    named = families(content)
    assert len({f.label for f in named}) == len({f.slug for f in named}) == len(FAMILIES)


def test_fronts_show_what_a_consultant_needs_at_hand(content: Content) -> None:
    for card in deck(content):
        entry = content.collection(card.family.key)[card.id]
        assert card.name == entry.name and card.summary == entry.summary
        texts = [t for block in card.blocks for t in block.texts]
        if card.family.key == "roles":
            assert 2 <= len(card.blocks[0].texts) <= 3
            assert set(card.blocks[0].texts) <= set(entry.signals)
            assert card.blocks[1].spoken and card.blocks[1].texts[0] in {e.words for e in entry.examples}
        elif card.family.key == "planes":
            assert texts == entry.inquiries[:2]
        elif card.family.key == "principles":
            assert texts and set(texts) <= set(entry.breaks)
        elif card.family.key == "contrasts":
            assert texts and set(texts) <= set(entry.slide_signs)
        elif card.family.key == "phases":
            assert texts == [entry.agreed[0], entry.pitfalls[0]]


def test_backs_mirror_the_columns_and_every_family_starts_a_sheet(content: Content) -> None:
    for index in range(PER_SHEET):
        fx, fy = slot_position(index, back=False)
        bx, by = slot_position(index, back=True)
        assert by == fy
        assert abs((bx + CARD_MM[0] / 2) - (PAGE_MM[0] - (fx + CARD_MM[0] / 2))) < 1e-9
    sheets = deck_sheets(deck(content))
    for sheet in sheets:
        assert {slot.card.family for slot in sheet.fronts} == {sheet.family}
        assert [s.card for s in sheet.fronts] == [s.card for s in sheet.backs]
    # Cards, their bleed and their crop marks stay on the page.
    xs, ys = cut_lines()
    assert min(xs) - BLEED_MM - 8 > 0 and max(xs) + BLEED_MM + 8 < PAGE_MM[0]
    assert min(ys) - BLEED_MM - 8 > 0 and max(ys) + BLEED_MM + 8 < PAGE_MM[1]


def test_deck_html_holds_every_card_text(content: Content) -> None:
    from guide.cards import deck_body

    body = deck_body(Renderer(content, site_url="https://guide.example/"))
    for card in deck(content):
        assert card.name in body
        for block in card.blocks:
            for text in block.texts:
                assert french_html(inline_markdown(text))[:30] in body
        assert f'data-qr="https://guide.example/{card.target.removesuffix(".md")}.html"' in body


# The built PDFs ------------------------------------------------------------------------------


def words(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """(text, xMin, yMin, xMax, yMax) in mm of each word of a page (1-based), by pdftotext."""
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out
    )
    return [(t, float(a) / PT, float(b) / PT, float(c) / PT, float(d) / PT) for a, b, c, d, t in found]


@pytest.mark.build
def test_each_back_sits_behind_its_front_on_a_long_edge_duplex(site: Path, content: Content) -> None:
    pdf = site / "cartes" / f"{DECK_PDF}.pdf"
    reader = PdfReader(pdf)
    cards = deck(content)
    sheets = deck_sheets(cards)
    assert len(reader.pages) == 2 * len(sheets)
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - A4[0]) < 1 and abs(float(page.mediabox.height) - A4[1]) < 1
    seen = set()
    for index, sheet in enumerate(sheets):
        front, back = words(pdf, 2 * index + 1), words(pdf, 2 * index + 2)
        for slot in sheet.fronts:
            label = f"{slot.card.number}/{len(cards)}"
            on_front = [w for w in front if w[0] == label]
            on_back = [w for w in back if w[0] == label]
            assert on_front and len(on_back) == 1, (label, on_front, on_back)
            top = min(on_front, key=lambda w: w[2])  # the number at the top right of the front
            card_right = top[3] + FRONT_PADDING_MM
            card_top = top[2] - 7  # the number's line is 6.5 mm under the cut
            # Turned over its long edge, the sheet puts this card's back at the mirrored place.
            back_left = PAGE_MM[0] - card_right
            _, x0, y0, x1, _y1 = on_back[0]
            assert abs((x0 + x1) / 2 - (back_left + CARD_MM[0] / 2)) < 1.0, (label, x0, x1, back_left)
            assert card_top < y0 < card_top + CARD_MM[1], (label, y0, card_top)
            seen.add(slot.card.number)
    assert seen == {card.number for card in cards}


@pytest.mark.build
def test_deck_pdf_and_one_pdf_per_family(site: Path, content: Content) -> None:
    whole = PdfReader(site / "cartes" / f"{DECK_PDF}.pdf")
    whole_text = "".join(page.extract_text() for page in whole.pages)
    for card in deck(content):
        assert card.name.split()[0] in whole_text
    for pdf in deck_pdfs(content):
        reader = PdfReader(site / "cartes" / f"{pdf.slug}.pdf")
        assert len(reader.pages) == len(pdf.pages)
        assert reader.metadata is not None and reader.metadata.title == pdf.title
        if pdf.slug != DECK_PDF:
            family = next(f for f in families(content) if f.slug == pdf.slug)
            text = "".join(page.extract_text() for page in reader.pages)
            own = [c for c in deck(content) if c.family == family]
            numbers = set(re.findall(rf"\b(\d+)/{len(deck(content))}\b", text))
            assert numbers == {str(c.number) for c in own}, (pdf.slug, numbers)
            assert len(reader.pages) == 2 * -(-len(own) // PER_SHEET)


# The page cartes/ ----------------------------------------------------------------------------


@pytest.mark.build
def test_cards_page_lists_every_card_and_links_the_pdfs(site: Path, content: Content) -> None:
    html = (site / "cartes" / "index.html").read_text(encoding="utf-8")
    buttons = content.interface.buttons
    for card in deck(content):
        assert f'id="{card.anchor}"' in html
        assert f'data-guide-print-card="{card.anchor}"' in html
        # The button's accessible name, both parts from content/interface.yml.
        target = buttons.print_card_target.format(name=card.name)
        assert re.search(
            rf"{re.escape(buttons.print_card)}<span class=\"guide-cards__sr\">\s*{re.escape(target)}</span>",
            html.replace("\u202f", " ").replace("\xa0", " "),
        ), card.name
    for pdf in deck_pdfs(content):
        assert f'href="{pdf.slug}.pdf"' in html
        assert (site / "cartes" / f"{pdf.slug}.pdf").is_file()
    assert '<link rel="stylesheet" href="../assets/cards.css">' in html[: html.index("</head>")]
    assert "A7" in html and "bord long" in html


def card_rects(page: Any) -> list[dict[str, float]]:
    rects: list[dict[str, float]] = page.eval_on_selector_all(
        ".guide-cards .guide-card",
        "nodes => nodes.map(n => { const r = n.getBoundingClientRect(); "
        "return {x: r.x, y: r.y + window.scrollY, w: r.width, h: r.height}; })",
    )
    return rects


@pytest.mark.browser
def test_cards_page_is_a_grid_and_one_card_per_screen_on_a_phone(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{site_url}/cartes/index.html")
        rects = card_rects(page)
        first_row = [r for r in rects if abs(r["y"] - rects[0]["y"]) < 1]
        assert len(first_row) >= 2, rects[:4]
        page.set_viewport_size({"width": 390, "height": 844})
        rects = card_rects(page)
        assert len({round(r["x"]) for r in rects}) == 1  # one column
        # Each card as high as the screen under the header: one card per screen.
        assert all(0.75 * 844 <= r["h"] <= 844 for r in rects), [r["h"] for r in rects]
        assert all(r["w"] >= 390 - 3 * 16 for r in rects)
    finally:
        context.close()


@pytest.mark.browser
def test_imprimer_prints_one_card_alone_on_an_a6_page(browser: Any, site_url: str, content: Content) -> None:
    cards = deck(content)
    chosen = cards[len(cards) // 2]
    context = browser.new_context()
    page = context.new_page()
    try:
        # The button calls window.print(): recorded instead of opening a dialog.
        page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
        page.goto(f"{site_url}/cartes/index.html")
        # The page's own title (content/interface.yml) is on screen, and nowhere in the print.
        title = content.interface.pages.cards.title
        heading = page.inner_text("h1").removesuffix("¶")
        assert heading.replace("\u202f", " ").replace("\xa0", " ") == title
        page.click(f'[data-guide-print-card="{chosen.anchor}"]')
        assert page.evaluate("window.__printed") == 1
        reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
        assert len(reader.pages) == 1
        size = (float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height))
        assert abs(size[0] - A6[0]) < 1 and abs(size[1] - A6[1]) < 1, size
        # « ﬁ » -> « fi »; no spaces: extraction breaks lines anywhere.
        text = "".join(unicodedata.normalize("NFKC", reader.pages[0].extract_text()).split())
        flat = {c.name: "".join(c.name.split()) for c in cards}
        assert flat[chosen.name] in text
        others = [c.name for c in cards if c is not chosen and flat[c.name] not in flat[chosen.name]]
        assert not [name for name in others if flat[name] in text]
        button = content.interface.buttons.print_card
        assert "".join(button.split()) not in text and "".join(title.split()) not in text

        # Printing the whole page gives every card, one per A6 page.
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
        assert len(reader.pages) == len(cards)
    finally:
        context.close()


# In print media, what of a card runs past its bottom or under its footer (in CSS pixels).
OVERFLOW = """id => {
  const card = document.getElementById(id);
  const foot = card.querySelector(".guide-card__foot").getBoundingClientRect();
  const parts = [...card.querySelectorAll(".guide-card__face > :not(.guide-card__foot)")];
  const bottom = Math.max(...parts.map(p => p.getBoundingClientRect().bottom));
  return {under_foot: bottom - foot.top, past_card: card.scrollHeight - card.clientHeight};
}"""


@pytest.mark.browser
def test_every_quick_reference_card_printed_alone_fits_its_page(
    browser: Any, site_url: str, content: Content
) -> None:
    cards = reference_cards(content)
    context = browser.new_context()
    page = context.new_page()
    try:
        page.add_init_script("window.print = () => {};")
        page.goto(f"{site_url}/cartes/aide-memoire.html")
        for card in cards:
            page.emulate_media(media="screen")
            page.click(f'[data-guide-print-card="{card.anchor}"]')
            page.emulate_media(media="print")
            overflow = page.evaluate(OVERFLOW, card.anchor)
            assert overflow["under_foot"] <= 0 and overflow["past_card"] <= 0, (card.name, overflow)
            reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
            assert len(reader.pages) == 1, card.name
            size = (float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height))
            assert abs(size[0] - A5[0]) < 1 and abs(size[1] - A5[1]) < 1, size
            # Case folded: the blocks' headings are set in capitals by the style sheet.
            text = "".join(unicodedata.normalize("NFKC", reader.pages[0].extract_text()).split()).casefold()
            for expected in (card.name, *(t for b in card.blocks for t in (b.heading, *b.texts))):
                plain = re.sub(r"\*\*|_", "", expected)
                flat = "".join(plain.split()).casefold()
                assert flat[:40] in text and flat[-40:] in text, (card.name, expected)
            page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    finally:
        context.close()
