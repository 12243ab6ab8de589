"""Printable sheets (the "Fiches" section): one HTML body per sheet, shared by its page and its PDF.

    Worksheet + the entries it pulls by id --templates/_worksheet_sheet.html.j2--> sheet HTML
    sheet HTML --worksheet.md.j2--> fiches/<id>.md (site)      sheet HTML --guide.pdf--> <id>.pdf

Texts always come from the content (a sheet names roles, planes... by id), never copied.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata

from . import models as m
from .catalog import BY_NOUN, collection
from .content import Content
from .page import page_address, relative_link
from .qrcode import qr_placeholder
from .render import GeneratedPage, Renderer, compact_html, url_of
from .render import inline_markdown as inline_markdown
from .typography import french_text

SHEET_TEMPLATE = "_worksheet_sheet.html.j2"
PACKAGE = "guide-accompagnement"

Href = Callable[[str], str | None]  # docs path ("roles/miroir.md") -> link target, or None for no link


@dataclass(frozen=True)
class SheetItem:
    """A role, plane, principle or contrast pulled into a section, with the texts it shows."""

    kind: str
    id: str
    name: str
    hint: str  # a few words under the name in grids ("par rapport à ses pairs"), may be empty
    text: str  # the entry's own summary
    target: str  # its page in the guide (docs path)


def sheet_items(content: Content, section: m.Section) -> list[SheetItem]:
    items: list[SheetItem] = []
    for plane_id in section.planes:
        plane = content.planes[plane_id]
        hint = f"par rapport à {plane.relative_to}"
        items.append(
            SheetItem("plane", plane.id, plane.name, hint, plane.summary, url_of("planes", plane.id))
        )
    for role_id in section.roles:
        role = content.roles[role_id]
        items.append(SheetItem("role", role.id, role.name, "", role.summary, url_of("roles", role.id)))
    for key in ("principles", "contrasts"):
        for entry_id in getattr(section, key):
            entry = content.collection(key)[entry_id]
            kind = collection(key).noun
            items.append(SheetItem(kind, entry.id, entry.name, "", entry.summary, url_of(key, entry.id)))
    return items


def sheet_path(sheet: m.Worksheet) -> str:
    return url_of("worksheets", sheet.id)


def sheet_address(site_url: str, sheet: m.Worksheet) -> str:
    """The sheet's address in the published guide (its path alone when the address is unknown)."""
    return page_address(site_url, sheet_path(sheet))


def sheet_fingerprint(content: Content, sheet: m.Worksheet) -> str:
    """A hash of everything a sheet prints: its own data and the entries it pulls in."""
    pulled: list[object] = [sheet.model_dump(mode="json")]
    for section in sheet.sections:
        for item in sheet_items(content, section):
            pulled.append(content.collection(BY_NOUN[item.kind].key)[item.id].model_dump(mode="json"))
        pulled.extend(
            content.confidentiality.section(part).model_dump(mode="json") for part in section.confidentiality
        )
        if section.comparison:
            pulled.append(content.practice.model_dump(mode="json"))
            pulled.extend(c.model_dump(mode="json") for c in content.contrasts.values())
    data = json.dumps(pulled, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()


@cache
def guide_version() -> str:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "dev"


def sheet_version(content: Content, sheet: m.Worksheet) -> str:
    """Printed on each page: the guide's version and a short fingerprint of the sheet's content."""
    return f"version {guide_version()}, contenu {sheet_fingerprint(content, sheet)[:8]}"


def slug(text: str) -> str:
    """ASCII words joined by hyphens: « Ce que j’observe » -> ce-que-j-observe."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("’", " ")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "champ"


class FormFields:
    """Names and spoken labels of a sheet's form fields in its PDF, named after their section.

    `section--item--column` (hyphens only: a dot would make a hierarchy of PDF fields); two
    sections with the same title get `-2`, `-3`... so that every name is unique in the file.
    """

    def __init__(self, sheet: m.Worksheet) -> None:
        self.sheet = sheet
        self._names: dict[int, tuple[str, str]] = {}
        used: dict[str, int] = {}

        def unique(base: str) -> str:
            used[base] = used.get(base, 0) + 1
            return base if used[base] == 1 else f"{base}-{used[base]}"

        for blank in sheet.fields:
            self._names[id(blank)] = (unique(f"en-tete--{slug(blank.label)}"), _plain(blank.label))
        for section in sheet.sections:
            self._names[id(section)] = (unique(slug(section.title)), _plain(section.title))

    def blank(self, blank: m.Blank) -> tuple[str, str]:
        """(name, label) of a blank at the top of the sheet: `en-tete--<its label>`."""
        return self._names[id(blank)]

    def area(
        self,
        section: m.Section,
        item: SheetItem | None = None,
        column: str | None = None,
        *,
        row: int | None = None,
        tick: bool = False,
    ) -> tuple[str, str]:
        """(name, label) of a write-in area, a grid box (of a pulled item, or of the row-th blank
        row) or a tick box of `section`."""
        name, label = self._names[id(section)]
        parts, labels = [name], [label]
        if item is not None:
            parts.append(item.id)
            labels.append(_plain(item.name))
        if row is not None:
            parts.append(f"ligne-{row}")
            labels.append(f"ligne {row}")
        if column is not None:
            parts.append(slug(column))
            labels.append(_plain(column))
        if tick:
            parts.append("coche")
            labels.append("case à cocher")
        return "--".join(parts), " — ".join(labels)


def _plain(text: str) -> str:
    """A text of the content as plain text for an attribute: no Markdown emphasis, French spaces."""
    return french_text(" ".join(re.sub(r"[*_`]", "", text).split()))


def render_sheet(r: Renderer, sheet: m.Worksheet, *, href: Href, pdf: bool = False) -> str:
    """The sheet's HTML (an <article class="guide-sheet">), for the page and for the PDF alike.

    For the PDF (`pdf=True`) write-in areas, blanks and tick boxes also hold form controls,
    laid over them without moving anything, and each page's footer a QR code of the address.
    """
    address = sheet_address(r.site_url, sheet)
    html = r.env.get_template(SHEET_TEMPLATE).render(
        content=r.content,
        sheet=sheet,
        href=href,
        items=lambda section: sheet_items(r.content, section),
        ui=r.content.interface,
        line_mm=m.LINE_MM,
        address=address,
        version=sheet_version(r.content, sheet),
        fields=FormFields(sheet) if pdf else None,
        qr=qr_placeholder(address) if pdf else "",
    )
    return compact_html(html)


def page_href(page: str) -> Href:
    """Relative links to other pages of the site, from `page` (raw HTML, so .html targets)."""

    def href(target: str) -> str:
        return relative_link(target, page, html=True)

    return href


def absolute_href(site_url: str) -> Href:
    """Absolute links to the published guide, for the PDFs (no link when the address is unknown)."""

    def href(target: str) -> str | None:
        return page_address(site_url, target) if site_url else None

    return href


def worksheets(r: Renderer) -> Iterator[GeneratedPage]:
    c = r.content
    texts = c.interface.collections["worksheets"]
    yield r.page(
        url_of("worksheets"),
        collection("worksheets").index_template,
        title=texts.title,
        description=texts.description,
    )
    for sheet in c.worksheets.values():
        path = sheet_path(sheet)
        yield r.page(
            path,
            collection("worksheets").template,
            title=sheet.title,
            description=sheet.summary,
            source=c.source("worksheets", sheet.id),
            tags=sheet.tags,
            hide=["toc"],
            styles=["assets/print.css"],
            scripts=["assets/worksheets.js"],
            sheet=sheet,
            sheet_html=render_sheet(r, sheet, href=page_href(path)),
            pdf=f"{sheet.id}.pdf",
        )
