"""The session builder page (fiches/composer.md): a form to tick the moment of the accompaniment
(its phase), planes, roles and principles,
and a printable sheet holding every section, all texts embedded at build time.

    Content --templates/_composer.html.j2--> form + sheet HTML --composer.md.j2--> page

Without JavaScript the whole sheet shows. docs/assets/composer.js hides the sections that are
not ticked and keeps the selection in the page's query string (`?moments=seances&plans=pairs
&roles=miroir,eperon&principes=`): a missing key selects every entry of its kind (no phase for
`moments`), an empty one selects none.
Nothing is stored nor sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .render import COMPOSER_PAGE, GeneratedPage, Renderer, compact_html, url_of
from .worksheets import page_href

PAGE = COMPOSER_PAGE
FORM_TEMPLATE = "_composer.html.j2"

# How much of each entry a sheet prints: enough to lead a session, short enough for A4.
INQUIRIES = 4  # open lines of inquiry per plane
SIGNALS = 3  # signals that call for a role
EXAMPLES = 2  # example interventions per role
IN_PRACTICE = 2  # "what it looks like" lines per principle
PHASE_LINES = 2  # what is agreed, and pitfalls, per phase of the accompaniment


@dataclass(frozen=True)
class Kind:
    """One group of checkboxes and its section of the sheet."""

    key: str  # query-string key and data attribute value
    collection: str  # Content attribute
    legend: str  # fieldset legend
    heading: str  # section heading on the sheet
    default_all: bool = True  # what a page address without this key selects: all, or none


KINDS: tuple[Kind, ...] = (
    Kind("moments", "phases", "Moments", "Le moment de l’accompagnement", default_all=False),
    Kind("plans", "planes", "Plans", "Les plans à ouvrir"),
    Kind("roles", "roles", "Rôles", "Les rôles à tenir"),
    Kind("principes", "principles", "Principes", "Les principes à rappeler"),
)


def composer_html(r: Renderer) -> str:
    """The builder's form and its sheet, as one block of raw HTML without blank lines."""
    html = r.env.get_template(FORM_TEMPLATE).render(
        content=r.content,
        ui=r.content.interface,
        kinds=KINDS,
        entries={kind.key: list(r.content.collection(kind.collection).values()) for kind in KINDS},
        href=page_href(PAGE),
        url_of=url_of,
        inquiries=INQUIRIES,
        signals=SIGNALS,
        examples=EXAMPLES,
        in_practice=IN_PRACTICE,
        phase_lines=PHASE_LINES,
    )
    return compact_html(html)


def composer(r: Renderer) -> Iterator[GeneratedPage]:
    texts = r.content.interface.pages.composer
    yield r.page(
        PAGE,
        "composer.md.j2",
        title=texts.title,
        description=texts.description,
        hide=["toc"],
        styles=["assets/print.css", "assets/composer.css"],
        scripts=["assets/composer.js"],
        composer_html=composer_html(r),
    )
