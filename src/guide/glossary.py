"""Glossary tooltips: every term of content/glossary.yml as a Markdown abbreviation, kept on
its first occurrence in each section of a page (first_tooltips_only).

Python-Markdown's `abbr` extension wraps each whole-word occurrence of a known term in the
page's text (never inside code) in `<abbr title="definition">`. The hooks hand it the glossary
through its `glossary` option, so a term carries its definition on every page; the same
abbreviations can also be written as Markdown (`*[term]: definition` lines), e.g. for the
export. Parsing those lines on each page is slow (the parser re-scans the rest of the block
for each line), which is why the hooks use the option.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .content import Content

_APOSTROPHES = ("’", "'")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "’": "'"})


def french_key(text: str) -> tuple[str, str]:
    """A sort key in French dictionary order: accents and case folded (« Éperon » among the E,
    « séance » before « supervision »), ligatures spelt out; the exact text breaks ties."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LIGATURES))
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return (folded, text)


def french_sorted(items: Iterable[Any], attribute: str) -> list[Any]:
    """`items` sorted in French order on one attribute (the glossary by term)."""
    return sorted(items, key=lambda item: french_key(str(getattr(item, attribute))))


def spellings(name: str) -> list[str]:
    """The forms of a term as it may appear in running text, first the form given.

    A term in lower case also appears capitalised at the start of a sentence, and a term
    with an apostrophe is written with the typographic one or the straight one.
    """
    forms = [name]
    if name[:1].islower():
        forms.append(name[:1].upper() + name[1:])
    for a, b in (_APOSTROPHES, _APOSTROPHES[::-1]):
        forms += [form.replace(a, b) for form in forms if a in form]
    return list(dict.fromkeys(forms))


def abbreviations(content: Content) -> dict[str, str]:
    """Each spelling of each glossary term and alias, mapped to the term's definition."""
    result: dict[str, str] = {}
    for term in content.glossary.terms:
        definition = " ".join((term.definition or "").split())
        for name in (term.term, *term.aliases):
            for form in spellings(" ".join(name.split())):
                result.setdefault(form, definition)
    return result


def abbreviations_markdown(content: Content) -> str:
    """The glossary as Markdown abbreviation definitions, one `*[term]: definition` per line."""
    lines = [f"*[{form}]: {definition}" for form, definition in abbreviations(content).items()]
    return "\n".join(lines) + "\n"


def removals_markdown(content: Content) -> str:
    """Markdown that switches every glossary abbreviation off on one page (`*[term]: ""`)."""
    return "\n".join(f'*[{form}]: ""' for form in abbreviations(content)) + "\n"


def append_block(markdown: str, block: str) -> str:
    """A page's Markdown followed by `block`, in a paragraph of its own."""
    return f"{markdown.rstrip()}\n\n{block}"


_ABBR = re.compile(r"<abbr\b[^>]*>(.*?)</abbr>", re.S)
# Headings, links and controls (a fold's summary, buttons, labels): a tooltip there would fight
# with the anchor, the link or the control the element already is.
_PLAIN_CONTAINERS = re.compile(r"(<(h[1-6]|a|summary|button|label)\b[^>]*>)(.*?)(</\2\s*>)", re.S | re.I)


def unwrap_abbreviations(html: str) -> str:
    """The HTML without `<abbr>` tooltips inside headings, links and controls (text stays)."""

    def plain(match: re.Match[str]) -> str:
        return match.group(1) + _ABBR.sub(r"\1", match.group(3)) + match.group(4)

    return _PLAIN_CONTAINERS.sub(plain, html)


_SECTION_OR_ABBR = re.compile(r"<h[12]\b|<abbr\b[^>]*\btitle=\"([^\"]*)\"[^>]*>(.*?)</abbr>", re.S | re.I)


def first_tooltips_only(html: str) -> str:
    """The HTML with a term's tooltip kept on its first occurrence in each section (from one
    `<h2>` to the next) and removed from the others (their text stays): a page where every
    « accompagnement » is underlined reads as noise, on a phone above all."""
    seen: set[str] = set()

    def keep_first(match: re.Match[str]) -> str:
        if match.group(1) is None:  # a section starts
            seen.clear()
            return match.group(0)
        if match.group(1) in seen:
            return match.group(2)
        seen.add(match.group(1))
        return match.group(0)

    return _SECTION_OR_ABBR.sub(keep_first, html)
