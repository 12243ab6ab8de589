"""Parse the built site's HTML pages with the standard library, for the quality checks
(tests/test_quality_*.py): links, anchors, titles, descriptions, language; and a word that the
site's search must find."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from guide.search import INDEX_SCRIPT

# Attributes that point at another resource, per element.
URL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "form": ("action",),
}


@dataclass
class Reference:
    tag: str
    attr: str
    url: str
    rel: str = ""  # the rel attribute of <link> and <a>


@dataclass
class ParsedPage:
    path: str  # relative to the site root, with forward slashes
    lang: str | None = None
    titles: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    canonical: str | None = None
    ids: set[str] = field(default_factory=set)
    references: list[Reference] = field(default_factory=list)
    duplicate_ids: set[str] = field(default_factory=set)


class _PageParser(HTMLParser):
    def __init__(self, page: ParsedPage) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self._in_title = False
        self._title: list[str] = []
        self._svg_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        page = self.page
        if tag == "svg":
            self._svg_depth += 1
        if tag == "html":
            page.lang = values.get("lang")
        elif tag == "title" and not self._svg_depth:
            self._in_title = True
            self._title = []
        elif tag == "meta" and values.get("name", "").lower() == "description":
            page.descriptions.append(values.get("content", ""))
        elif tag == "link" and "canonical" in values.get("rel", "").split():
            page.canonical = values.get("href")
        for anchor in (values.get("id"), values.get("name") if tag == "a" else None):
            if anchor:
                if anchor in page.ids and anchor == values.get("id"):
                    page.duplicate_ids.add(anchor)
                page.ids.add(anchor)
        for attr in URL_ATTRIBUTES.get(tag, ()):
            if attr not in values:
                continue
            urls = [values[attr]]
            if attr == "srcset":
                urls = [part.strip().split()[0] for part in values[attr].split(",") if part.strip()]
            for url in urls:
                page.references.append(Reference(tag, attr, url.strip(), values.get("rel", "")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "svg":
            self._svg_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self._svg_depth:
            self._svg_depth -= 1
        elif tag == "title" and self._in_title:
            self._in_title = False
            self.page.titles.append(" ".join("".join(self._title).split()))

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)


def parse_page(site: Path, html_file: Path) -> ParsedPage:
    page = ParsedPage(path=html_file.relative_to(site).as_posix())
    parser = _PageParser(page)
    parser.feed(html_file.read_text(encoding="utf-8"))
    parser.close()
    return page


@functools.cache
def parse_site(site: Path) -> dict[str, ParsedPage]:
    """Every HTML page of the built site, parsed once per test session, by relative path."""
    return {
        html_file.relative_to(site).as_posix(): parse_page(site, html_file)
        for html_file in sorted(site.rglob("*.html"))
    }


def search_word(site: Path) -> str:
    """A word of a page title, taken from the search index, so that a search must find it."""
    text = (site / INDEX_SCRIPT).read_text(encoding="utf-8")
    index = json.loads(text.strip().removeprefix("self.guideSearchIndex=").removesuffix(";"))
    titles = [title for location, title, _ in index["pages"] if "/" in location]
    words = sorted((w for title in titles for w in re.findall(r"[^\W\d_]{6,}", title)), key=lambda w: -len(w))
    assert words, "the search index holds no page title"
    return words[0]
