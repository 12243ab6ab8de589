"""Nothing on a page that should not be there: every built page is read as a reader sees it
(text outside code, headings) and must show no leaked front matter, no raw include marker, no
unrendered Markdown, no template syntax, and no empty or `None` heading."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

# Elements whose text is code or not shown as prose.
_CODE = {"code", "pre", "kbd", "samp", "script", "style", "svg", "template", "textarea"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
}  # fmt: skip

# What a reader must never see, in the text of a page outside code.
_FRONT_MATTER = re.compile(r"(?:^|\s)(?:title|description|hide|template|tags|search|status): \S", re.M)
_LEAKS: dict[str, re.Pattern[str]] = {
    "raw include marker": re.compile(r"\[\["),
    "unrendered Markdown (bold)": re.compile(r"\*\*"),
    "unrendered Markdown (link)": re.compile(r"\]\("),
    "unrendered Markdown (heading)": re.compile(r"^\s*#{1,6}(?:\s|$)", re.M),
    "template syntax": re.compile(r"\{\{|\{%|%\}|\}\}"),
    "None shown": re.compile(r"\bNone\b"),
}


class PageHygiene(HTMLParser):
    """Collects what should not be on a page: (kind, excerpt)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.code = 0
        self.heading: list[str] | None = None
        self.block: list[str] = []
        self.problems: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        self.stack.append(tag)
        if tag in _CODE:
            self.code += 1
        elif tag in _HEADINGS and not self.code:
            self._flush()
            self.heading = []
        elif tag in {"p", "li", "td", "th", "div", "section", "article", "dd", "dt", "blockquote"}:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if open_tag in _CODE:
                self.code -= 1
            if open_tag in _HEADINGS and self.heading is not None:
                text = " ".join("".join(self.heading).split())
                if not text.strip("¶ "):
                    self.problems.append(("empty heading", f"<{open_tag}>"))
                elif text.strip("¶ ") == "None":
                    self.problems.append(("None heading", f"<{open_tag}>None"))
                self.heading = None
            if open_tag == tag:
                break
        self._flush()

    def handle_data(self, data: str) -> None:
        if self.code:
            return
        if self.heading is not None:
            self.heading.append(data)
        self.block.append(data)

    def _flush(self) -> None:
        text = "".join(self.block)
        self.block = []
        if not text.strip():
            return
        if _FRONT_MATTER.search(text) and re.search(r"(?:^|\s)(?:title|description): ", text):
            self.problems.append(("leaked front matter", " ".join(text.split())[:120]))
        for kind, pattern in _LEAKS.items():
            found = pattern.search(text)
            if found:
                start = max(found.start() - 40, 0)
                self.problems.append((kind, " ".join(text[start : found.end() + 40].split())))

    def close(self) -> None:
        super().close()
        self._flush()


def problems_of(html: str) -> list[tuple[str, str]]:
    parser = PageHygiene()
    parser.feed(html)
    parser.close()
    return parser.problems


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        (
            '<hr><p>title: Découvrir description: "L’accompagnement"</p><h1>Découvrir</h1>',
            "leaked front matter",
        ),
        ("<p>[[confidentialite: limites]]</p>", "raw include marker"),
        ("<p>le **commanditaire** paie</p>", "unrendered Markdown (bold)"),
        ("<p>voir [la fiche](fiches/a.md)</p>", "unrendered Markdown (link)"),
        ("<p>## Pour qui ?</p>", "unrendered Markdown (heading)"),
        ("<p>Bonjour {{ client }}</p>", "template syntax"),
        ("<li>{% if x %}oui</li>", "template syntax"),
        ("<h2>None</h2>", "None heading"),
        ('<h2 id="x"><a class="headerlink" href="#x">¶</a></h2>', "empty heading"),
        ("<p>Rôle : None</p>", "None shown"),
    ],
)
def test_the_checker_finds_each_kind_of_leak(html: str, kind: str) -> None:
    assert kind in [found for found, _ in problems_of(html)]


def test_the_checker_leaves_code_and_clean_text_alone() -> None:
    html = (
        "<h1>Découvrir l’accompagnement</h1><p>Le titre : « Découvrir ». Un lien "
        '<a href="a.html">ici</a>, <strong>gras</strong>.</p>'
        "<pre><code>title: x\n# comment\n{{ x }} [[a: b]] **b** [a](b)</code></pre>"
        "<p>Étape n° 2, #3 de la liste</p><script>var a = '{{';</script>"
    )
    assert problems_of(html) == []


@pytest.mark.build
def test_no_built_page_shows_what_should_not_be_there(site_pages: list[Path], site: Path) -> None:
    assert len(site_pages) > 50
    found = {}
    for path in site_pages:
        problems = problems_of(path.read_text(encoding="utf-8"))
        if problems:
            found[path.relative_to(site).as_posix()] = problems
    assert not found, "\n".join(f"{page}: {problems[:3]}" for page, problems in sorted(found.items()))
