"""The card deck: one card per role, plane, principle, contrast and phase, for a session's table.

    Content --FAMILIES--> Card --templates/_cards.html.j2--> cartes/index.md (site, one grid)
                                                        \\--> deck HTML (A4 sheets) --guide.pdf--> PDFs

A family is one entry of FAMILIES: the collection it reads, its names, the mark on its back and
what its front shows at hand. A card's texts are those of its entry, never copied. The deck is
printed on A4, four A7 cards a sheet, fronts and backs on alternate pages for a long-edge duplex.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from .catalog import collection
from .content import Content
from .page import page_address
from .qrcode import qr_placeholder
from .render import CARDS_PAGE as CARDS_INDEX
from .render import REFERENCE_PAGE, GeneratedPage, Renderer, compact_html, url_of
from .typography import french_html
from .worksheets import guide_version, page_href

CARDS_PAGE = CARDS_INDEX
DECK_TEMPLATE = "_cards_deck.html.j2"
DECK_PDF = "jeu-complet"  # cartes/jeu-complet.pdf, the whole deck; one more PDF per family


@dataclass(frozen=True)
class Block:
    """What a front shows at hand: a heading and one to three short texts (or words to say)."""

    heading: str  # in FAMILIES, a field of content/interface.yml's `cards`; in a Card, its text
    texts: tuple[str, ...]
    spoken: bool = False  # words the consultant might say, printed between « »


@dataclass(frozen=True)
class FamilySpec:
    """One kind of card. Adding a family (the phases of an accompaniment...) is one entry: its
    names come from content/interface.yml (the collection's `singular` and `plural`), its PDF's
    name from the collection's URL folder."""

    key: str  # collection of Content
    mark: str  # shape on the back, told apart in black and white: a key of MARKS
    at_hand: Callable[[Any], list[Block]]


@dataclass(frozen=True)
class Family:
    """A family with its names, for one content."""

    key: str
    label: str  # « Rôle », printed on both faces
    plural: str  # « Rôles », headings and PDF titles
    slug: str  # its PDF: cartes/<slug>.pdf
    mark: str
    at_hand: Callable[[Any], list[Block]]


def _shortest_words(role: Any) -> str:
    return str(min((example.words for example in role.examples), key=len))


FAMILIES: tuple[FamilySpec, ...] = (
    FamilySpec(
        "roles",
        "circle",
        lambda role: [
            Block("when_to_play", tuple(role.signals[:2])),
            Block("words_to_play", (_shortest_words(role),), spoken=True),
        ],
    ),
    FamilySpec("planes", "triangle", lambda plane: [Block("two_openings", tuple(plane.inquiries[:2]))]),
    FamilySpec(
        "principles", "square", lambda principle: [Block("what_breaks_it", tuple(principle.breaks[:2]))]
    ),
    FamilySpec(
        "contrasts",
        "diamond",
        lambda contrast: [Block("slide_signs", tuple(contrast.slide_signs[:2]))],
    ),
    FamilySpec(
        "phases",
        "star",
        lambda phase: [
            Block("decided", (phase.agreed[0],)),
            Block("pitfall", (phase.pitfalls[0],)),
        ],
    ),
    # The manager's deck: questions written to him, to pick up from the table.
    FamilySpec("questions", "heart", lambda card: [Block("to_you", tuple(card.questions))]),
)


@dataclass(frozen=True)
class Card:
    number: int  # 1..total, printed on both faces: the back of card n is found by its number
    total: int
    family: Family
    id: str
    name: str
    summary: str
    blocks: tuple[Block, ...]
    target: str  # the entry's page (docs path)
    fingerprint: str  # of the entry the card prints

    @property
    def anchor(self) -> str:
        return f"carte-{self.family.slug}-{self.id}"


# Each mark's glyph (U+25CF, U+25B2, U+25A0, U+25C6, U+2605, U+2665, all in DejaVu Sans): shapes that
# stay apart in black and white, printed by templates/_cards.html.j2.
MARKS = {"circle": "●", "triangle": "▲", "square": "■", "diamond": "◆", "star": "★", "heart": "♥"}


def families(content: Content) -> list[Family]:
    """The families whose collection exists in this content, with their names."""
    for spec in FAMILIES:
        if spec.mark not in MARKS:
            raise ValueError(f"card family {spec.key!r}: unknown mark {spec.mark!r}, one of {[*MARKS]}")
    texts = content.interface.collections
    return [
        Family(
            spec.key,
            texts[spec.key].singular,
            texts[spec.key].plural,
            collection(spec.key).url,
            spec.mark,
            spec.at_hand,
        )
        for spec in FAMILIES
        if hasattr(content, spec.key)
    ]


def deck(content: Content) -> list[Card]:
    """Every card, family after family, each in its collection's order."""
    entries = [
        (family, entry) for family in families(content) for entry in content.collection(family.key).values()
    ]
    return [
        Card(
            number=n,
            total=len(entries),
            family=family,
            id=entry.id,
            name=entry.name,
            summary=entry.summary,
            blocks=tuple(
                replace(block, heading=getattr(content.interface.cards, block.heading))
                for block in family.at_hand(entry)
            ),
            target=url_of(family.key, entry.id),
            fingerprint=_fingerprint([entry.model_dump(mode="json")]),
        )
        for n, (family, entry) in enumerate(entries, 1)
    ]


def _fingerprint(data: list[Any]) -> str:
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


# The consultant's quick reference: two cards beside the deck, on their own page (each printed
# alone on A5), rendered from the structures and confidentiality.yml.
REFERENCE_FLOWS = ("seance-individuelle", "codeveloppement")  # the structures whose flow it shows
REFERENCE_SPOKEN = "limites"  # the spoken text of confidentiality.yml: the frame and its limits, said
REFERENCE_CONTACTS = "orientation"  # the section of confidentiality.yml with whom to call


def reference_cards(content: Content) -> list[Card]:
    """The quick reference: the flow of a session, then the frame said aloud and whom to call."""
    texts = content.interface.pages.reference
    family = Family("reference", texts.title, texts.title, "aide-memoire", "square", lambda _: [])
    flows = [content.structures[i] for i in REFERENCE_FLOWS if i in content.structures]
    frame = content.confidentiality
    spoken = [t for t in frame.spoken if t.id == REFERENCE_SPOKEN]
    contacts = [c for s in frame.sections if s.id == REFERENCE_CONTACTS for c in s.contacts]
    first = Card(
        number=1,
        total=2,
        family=family,
        id="fil-d-une-seance",
        name=content.interface.collections["structures"].plural,
        summary=content.interface.collections["structures"].description,
        blocks=tuple(
            Block(f"{f.name} ({f.total} min)", tuple(f"{step.name} · {step.minutes} min" for step in f.steps))
            for f in flows
        ),
        target=url_of("structures"),
        fingerprint=_fingerprint([f.model_dump(mode="json") for f in flows]),
    )
    # The frame said aloud, then whom to call over two cards: together they run over a page.
    headings = content.interface.cards
    principle = content.principles.get("confidentialite")
    section = next((s for s in frame.sections if s.id == REFERENCE_CONTACTS), None)
    half = (len(contacts) + 1) // 2
    parts = [part for part in (contacts[:half], contacts[half:]) if part]
    total = 2 + len(parts)
    second = Card(
        number=2,
        total=total,
        family=family,
        id="confidentialite-a-dire",
        name=principle.name if principle else headings.to_say,
        summary=frame.summary,
        blocks=(Block(headings.to_say, tuple(t.text for t in spoken), spoken=True),) if spoken else (),
        target=url_of("principles", "confidentialite"),
        fingerprint=_fingerprint([frame.model_dump(mode="json")]),
    )
    calls = [
        Card(
            number=3 + n,
            total=total,
            family=family,
            id="qui-appeler" + (f"-{n + 1}" if n else ""),
            name=section.title if section else headings.whom_to_call,
            summary="",
            blocks=(Block(headings.whom_to_call, tuple(f"{c.situation} : {c.call}" for c in part)),),
            target=url_of("principles", "confidentialite"),
            fingerprint=_fingerprint([frame.model_dump(mode="json")]),
        )
        for n, part in enumerate(parts)
    ]
    return [replace(first, total=total), second, *calls]


def reference_page(r: Renderer) -> Iterator[GeneratedPage]:
    """The quick reference's own page (cartes/aide-memoire.md), each card printed alone on A5."""
    _marks(r)
    link = page_href(REFERENCE_PAGE)
    texts = r.content.interface.pages.reference
    yield r.page(
        REFERENCE_PAGE,
        "reference_cards.md.j2",
        title=texts.title,
        description=texts.description,
        hide=["toc"],
        searchable=False,  # the cards repeat the structures' and the frame's texts
        styles=["assets/cards.css"],
        scripts=["assets/worksheets.js", "assets/marks.js"],
        cards=reference_cards(r.content),
        href=lambda card: link(card.target),
        version=card_version,
        address=lambda card: card_address(r.site_url, card),
    )


def card_address(site_url: str, card: Card) -> str:
    return page_address(site_url, card.target)


def cards_address(site_url: str) -> str:
    return page_address(site_url, CARDS_PAGE)


# The deck on A4 -----------------------------------------------------------------------------

PAGE_MM = (210.0, 297.0)
CARD_MM = (74.0, 105.0)  # A7
BLEED_MM = 3.0
GAP_MM = 8.0  # between two cards' cut lines: both bleeds and 2 mm of white
COLUMNS, ROWS = 2, 2
PER_SHEET = COLUMNS * ROWS


@dataclass(frozen=True)
class Slot:
    """Where a card's trimmed face sits on a page, in mm from the top left corner."""

    card: Card
    x: float
    y: float


@dataclass(frozen=True)
class Sheet:
    """One A4 sheet of the deck: its front page and its back page (columns mirrored)."""

    family: Family
    fronts: tuple[Slot, ...]
    backs: tuple[Slot, ...]


def origin() -> tuple[float, float]:
    """Top left corner of the first card: the grid of cards is centred on the page."""
    width = COLUMNS * CARD_MM[0] + (COLUMNS - 1) * GAP_MM
    height = ROWS * CARD_MM[1] + (ROWS - 1) * GAP_MM
    return (PAGE_MM[0] - width) / 2, (PAGE_MM[1] - height) / 2


def cut_lines() -> tuple[list[float], list[float]]:
    """x of the vertical cut lines and y of the horizontal ones, for the crop marks."""
    x0, y0 = origin()
    xs = [x0 + c * (CARD_MM[0] + GAP_MM) + edge for c in range(COLUMNS) for edge in (0, CARD_MM[0])]
    ys = [y0 + r * (CARD_MM[1] + GAP_MM) + edge for r in range(ROWS) for edge in (0, CARD_MM[1])]
    return xs, ys


def slot_position(index: int, *, back: bool) -> tuple[float, float]:
    """Position of the index-th card of a sheet; on the back the columns are mirrored, so that
    a sheet turned over its long edge puts each back behind its front."""
    row, column = divmod(index, COLUMNS)
    if back:
        column = COLUMNS - 1 - column
    x0, y0 = origin()
    return x0 + column * (CARD_MM[0] + GAP_MM), y0 + row * (CARD_MM[1] + GAP_MM)


def deck_sheets(cards: list[Card]) -> list[Sheet]:
    """The A4 sheets of `cards`: each family starts a new sheet, so each family's PDF is a
    run of the whole deck's pages."""
    sheets: list[Sheet] = []
    for family in dict.fromkeys(card.family for card in cards):
        own = [card for card in cards if card.family == family]
        for start in range(0, len(own), PER_SHEET):
            chunk = own[start : start + PER_SHEET]
            fronts = tuple(Slot(c, *slot_position(i, back=False)) for i, c in enumerate(chunk))
            backs = tuple(Slot(c, *slot_position(i, back=True)) for i, c in enumerate(chunk))
            sheets.append(Sheet(family, fronts, backs))
    return sheets


@dataclass(frozen=True)
class DeckPdf:
    """One PDF of the deck: its file name, its title and the pages of the whole deck it holds."""

    slug: str
    title: str
    pages: tuple[int, ...]  # 0-based, in the whole deck's document
    family: str = ""  # the family's plural (« Rôles »), empty for the whole deck


def deck_pdfs(content: Content) -> list[DeckPdf]:
    sheets = deck_sheets(deck(content))
    every = tuple(range(2 * len(sheets)))
    texts = content.interface.pdf
    pdfs = [DeckPdf(DECK_PDF, texts.deck_title, every)]
    for family in families(content):
        pages = tuple(p for i, s in enumerate(sheets) if s.family == family for p in (2 * i, 2 * i + 1))
        if pages:
            title = texts.family_title.format(plural=family.plural, plural_lower=family.plural.lower())
            pdfs.append(DeckPdf(family.slug, title, pages, family.plural))
    return pdfs


def deck_version(content: Content) -> str:
    fingerprint = _fingerprint([card.fingerprint for card in deck(content)])
    return f"version {guide_version()}, contenu {fingerprint[:8]}"


def card_version(card: Card) -> str:
    return f"version {guide_version()}, contenu {card.fingerprint[:8]}"


def _marks(r: Renderer) -> None:
    """The marks' glyphs, for templates/_cards.html.j2's macros (imported without context)."""
    r.env.globals["marks"] = MARKS


def deck_body(r: Renderer) -> str:
    """The whole deck's body for WeasyPrint: for each sheet, a page of fronts then its backs."""
    _marks(r)
    cards = deck(r.content)
    site_url = r.site_url
    body = r.env.get_template(DECK_TEMPLATE).render(
        sheets=deck_sheets(cards),
        total=len(cards),
        card_mm=CARD_MM,
        bleed_mm=BLEED_MM,
        page_mm=PAGE_MM,
        cuts=cut_lines(),
        version=deck_version(r.content),
        card_version=card_version,
        address=cards_address(site_url),
        qr=qr_placeholder,
        card_address=lambda card: card_address(site_url, card),
        href=lambda card: card_address(site_url, card) if site_url else None,
    )
    return french_html(compact_html(body))


def cards_page(r: Renderer) -> Iterator[GeneratedPage]:
    _marks(r)
    cards = deck(r.content)
    link = page_href(CARDS_PAGE)
    texts = r.content.interface.pages.cards
    yield r.page(
        CARDS_PAGE,
        "cards.md.j2",
        title=texts.title,
        description=texts.description,
        hide=["toc"],
        searchable=False,  # the cards repeat the texts of the entries' own pages
        styles=["assets/cards.css"],
        scripts=["assets/worksheets.js", "assets/marks.js", "assets/filters.js"],
        groups=[(family, [c for c in cards if c.family == family]) for family in families(r.content)],
        total=len(cards),
        pdfs=deck_pdfs(r.content),
        card_mm=CARD_MM,
        href=lambda card: link(card.target),
        version=card_version,
        address=lambda card: card_address(r.site_url, card),
    )
