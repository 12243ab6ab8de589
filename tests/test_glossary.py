"""The glossary: validated (one fixture per error), rendered as a page, and turned into tooltips
(<abbr title>) on the terms of every other page without touching headings, links or code."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import errors_for, line_of
from markdown.extensions.toc import slugify

from guide import render_pages
from guide.cards import families
from guide.content import Content
from guide.glossary import (
    abbreviations,
    abbreviations_markdown,
    french_key,
    spellings,
    unwrap_abbreviations,
)

GLOSSARY = "content/glossary.yml"


# Validation ------------------------------------------------------------------------------


def test_duplicate_term(project: Path, content: Content) -> None:
    path = project / GLOSSARY
    text = path.read_text(encoding="utf-8")
    first = content.glossary.terms[0].term
    # The same term again, in another case: terms are compared without case.
    twin = first.upper()
    path.write_text(
        text.rstrip("\n") + f"\n  - term: {twin}\n    definition: Une seconde définition.\n",
        encoding="utf-8",
    )
    original = line_of(text, f"  - term: {first}\n")
    added = text.rstrip("\n").count("\n") + 2
    assert errors_for(project) == [
        f"{GLOSSARY}:{added}: terms[{len(content.glossary.terms) + 1}].term: "
        f"terme « {twin} » en double : déjà défini à la ligne {original}"
    ]


def test_alias_that_repeats_another_term(project: Path, content: Content) -> None:
    path = project / GLOSSARY
    text = path.read_text(encoding="utf-8")
    first, second = content.glossary.terms[0], content.glossary.terms[1]
    needle = f"  - term: {second.term}\n    definition: "
    head, tail = text.split(needle, 1)
    definition, rest = tail.split("\n", 1)
    rest = rest.removeprefix("    aliases:\n")
    path.write_text(
        f"{head}{needle}{definition}\n    aliases:\n      - {first.term}\n{rest}", encoding="utf-8"
    )
    errors = errors_for(project)
    assert len(errors) == 1
    assert errors[0].startswith(f"{GLOSSARY}:{line_of(text, needle) + 3}: terms[2].aliases[1]: ")
    assert (
        f"terme « {first.term} » en double : déjà défini à la ligne {line_of(text, '  - term: ')}"
        in errors[0]
    )


def test_empty_definition(project: Path, content: Content) -> None:
    path = project / GLOSSARY
    text = path.read_text(encoding="utf-8")
    term = content.glossary.terms[2]
    needle = f"  - term: {term.term}\n    definition: "
    start = text.index(needle) + len(needle)
    end = text.index("\n", start)
    path.write_text(text[:start] + '""' + text[end:], encoding="utf-8")
    assert errors_for(project) == [
        f"{GLOSSARY}:{line_of(text, needle) + 1}: terms[3].definition: le texte ne doit pas être vide"
    ]


def test_synonym_that_is_not_a_word(project: Path, content: Content) -> None:
    """A synonym is what a reader types: plain words, 40 characters at most; a clear error names
    it."""
    path = project / GLOSSARY
    text = path.read_text(encoding="utf-8")
    index = next(i for i, t in enumerate(content.glossary.terms) if t.term == "commanditaire")
    needle = "      - sponsor\n"
    assert needle in text
    path.write_text(text.replace(needle, "      - <b>sponsor</b>\n"), encoding="utf-8")
    errors = errors_for(project)
    assert len(errors) == 1
    # Positions are counted from 1 in the messages.
    assert errors[0].startswith(f"{GLOSSARY}:{line_of(text, needle)}: terms[{index + 1}].synonyms[1]: "), (
        errors
    )


def test_every_synonym_is_searchable(content: Content) -> None:
    """Each synonym gives search at least one word (not only stop words), or, for the guide's
    words that are no term, is a phrase of common words (« ne veut pas ») that the worker finds
    in the query and replaces with the guide's words (guide.search.stop_word_phrases)."""
    from guide.search import fold, stop_word_phrases, terms

    synonyms = [s for t in content.glossary.terms for s in t.synonyms]
    assert synonyms
    assert all(terms(s) for s in synonyms), [s for s in synonyms if not terms(s)]
    phrases = {phrase: words for phrase, words in stop_word_phrases(content.glossary)}
    assert "ne veut pas" in phrases  # the refusal typed in common words (« il ne veut pas être coaché »)
    for entry in content.glossary.search_synonyms:
        for synonym in entry.synonyms:
            phrase = " ".join(re.findall(r"\w+", fold(synonym)))
            assert terms(synonym) or phrases.get(phrase) == " ".join(terms(entry.words)), synonym


# Tooltips, in the core ---------------------------------------------------------------------


def test_spellings_cover_sentence_case_and_both_apostrophes() -> None:
    assert spellings("posture") == ["posture", "Posture"]
    assert spellings("Miroir") == ["Miroir"]
    assert set(spellings("levier d’action")) == {
        "levier d’action",
        "Levier d’action",
        "levier d'action",
        "Levier d'action",
    }


def test_french_order_folds_accents_and_case() -> None:
    words = ["Zèle", "supervision", "Éperon", "séance", "écart", "Œil", "effet", "oeuvre"]
    assert sorted(words, key=french_key) == [
        "écart", "effet", "Éperon", "Œil", "oeuvre", "séance", "supervision", "Zèle"
    ]  # fmt: skip


def test_glossary_page_lists_terms_in_french_order(content: Content) -> None:
    page = next(p for p in render_pages(content) if p.path == "glossaire.md")
    shown = [
        line for line in page.markdown.splitlines() if line and not line.startswith((":", " ", "#", "-"))
    ]
    terms = [t.term for t in content.glossary.terms]
    listed = [line for line in shown if line in terms]
    assert listed == sorted(terms, key=french_key)
    assert listed.index("Éperon") < listed.index("Intégrateur")
    assert listed.index("séance collective") < listed.index("supervision")


def test_every_term_and_alias_gets_its_definition(content: Content) -> None:
    table = abbreviations(content)
    block = abbreviations_markdown(content)
    for term in content.glossary.terms:
        definition = " ".join(term.definition.split())
        for name in (term.term, *term.aliases):
            assert table[name] == definition
            assert f"*[{name}]: {definition}\n" in block


def test_tooltips_are_removed_from_headings_links_and_controls() -> None:
    tip = '<abbr title="Définition.">plan</abbr>'
    source = (
        f'<h2 id="le-plan">Le {tip}<a class="headerlink" href="#le-plan">¶</a></h2>'
        f'<p>Un {tip} et <a href="plans/index.html">les {tip}s</a>.</p>'
        f"<details><summary>Le {tip}</summary><p>{tip}</p></details>"
    )
    assert unwrap_abbreviations(source) == (
        '<h2 id="le-plan">Le plan<a class="headerlink" href="#le-plan">¶</a></h2>'
        f'<p>Un {tip} et <a href="plans/index.html">les plans</a>.</p>'
        f"<details><summary>Le plan</summary><p>{tip}</p></details>"
    )


# Tooltips, in the built site -----------------------------------------------------------------


class _Text(HTMLParser):
    """Text of an article, split by whether it sits in an <abbr> or in a plain container."""

    PLAIN = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "summary", "script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.bare: list[str] = []  # text that may hold a term and is not in a tooltip
        self.titles: list[tuple[str, str]] = []  # (term as written, title) of each <abbr>
        self._abbr_title: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "hr", "img", "input", "meta", "link", "wbr"}:
            return
        self.stack.append(tag)
        if tag == "abbr":
            self._abbr_title = dict(attrs).get("title") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if "abbr" in self.stack:
            self.titles.append((data, self._abbr_title or ""))
        elif not self.PLAIN.intersection(self.stack):
            self.bare.append(data)


def article_of(site: Path, path: str) -> str:
    page = (site / path).read_text(encoding="utf-8")
    return page[page.index("<article") : page.index("</article>")]


def term_pattern(content: Content) -> re.Pattern[str]:
    forms = sorted(abbreviations(content), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b")


@pytest.mark.build
def test_every_method_term_of_the_client_explainer_has_a_tooltip(site: Path, content: Content) -> None:
    table = abbreviations(content)
    article = article_of(site, "decouvrir.html")
    shown: set[str] = set()
    tooltips = 0
    for section in re.split(r"(?=<h[12]\b)", article):
        parser = _Text()
        parser.feed(section)
        # A term has its tooltip once per section, on its first occurrence...
        titles = [title for _, title in parser.titles]
        assert len(titles) == len(set(titles)), f"a tooltip repeated in one section: {titles}"
        tooltips += len(titles)
        # ...and each tooltip gives the glossary's definition of the term it covers.
        for written, title in parser.titles:
            assert title == table[written], written
            shown.add(written.casefold())
        # Every other occurrence in the section stays bare: its tooltip is the section's first.
        bare = [m.group(0) for m in term_pattern(content).finditer(" ".join(parser.bare))]
        missing = sorted({term for term in bare if table[term] not in titles})
        assert not missing, f"terms without a tooltip in a section of decouvrir.html: {missing}"
    assert tooltips
    for expected in ("accompagnement", "acquis", "feedback", "personne-ressource", "plans"):
        assert expected in shown


@pytest.mark.build
def test_tooltips_spare_headings_links_code_and_titles(
    site: Path, site_pages: list[Path], content: Content
) -> None:
    assert site_pages
    # The cards page gives each family's heading its PDF's name as anchor ({ #questions }).
    family_anchors = {family.slug for family in families(content)}
    with_tooltips = 0
    for page in site_pages:
        text = page.read_text(encoding="utf-8")
        with_tooltips += "<abbr" in text
        for container in re.findall(
            r"<(h[1-6]|a|summary|code|pre|title)\b[^>]*>(.*?)</\1>", text, re.S | re.I
        ):
            assert "<abbr" not in container[1], f"{page.name}: tooltip inside <{container[0]}>"
        # Heading anchors (with their permalink) are made from the heading's words alone.
        for _, anchor, inner in re.findall(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)</h\1>', text, re.S):
            if 'class="headerlink"' not in inner or anchor.startswith("tag:"):
                continue  # not a Markdown heading, or a tags listing's own anchor
            if page.parent.name == "cartes" and anchor in family_anchors:
                continue  # an anchor given by the template, not made from the words
            if page.parent.name == "deroules" and anchor.startswith("etape-"):
                continue  # a step's anchor, given by the template: the sessions link to it
            words = html.unescape(re.sub(r"<[^>]+>", "", inner.split('<a class="headerlink"')[0]))
            assert re.sub(r"_\d+$", "", anchor) == slugify(words, "-"), (page.name, anchor, words)
    assert with_tooltips > len(site_pages) // 2


@pytest.mark.build
def test_glossary_page_lists_every_term_without_tooltips(site: Path, content: Content) -> None:
    page = article_of(site, "glossaire.html")
    assert "<abbr" not in page
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    flat = re.sub(r"[\s\u00a0\u202f]+", " ", text)
    for term in content.glossary.terms:
        assert term.term in flat
        assert " ".join(term.definition.split()) in flat
