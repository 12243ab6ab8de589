"""Search in French (issue 20: MiniSearch, src/guide/search.py, templates/search-fr.js): every
page indexed once, with its tags and the glossary's synonyms; a role is found from the words of
one of its example interventions (French stop words, elisions split, words found from their
start, plurals from the stem); tags listed on the tags page."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from search_box import search, searching

from guide.content import Content
from guide.search import INDEX_SCRIPT, read_page, terms
from guide.search import site_pages as site_pages_of

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def read_index(site: Path) -> dict[str, Any]:
    text = (site / INDEX_SCRIPT).read_text(encoding="utf-8")
    assert text.startswith("self.guideSearchIndex=") and text.rstrip().endswith(";")
    return json.loads(text.strip()[len("self.guideSearchIndex=") : -1])  # type: ignore[no-any-return]


def decode(index: dict[str, Any]) -> dict[str, dict[str, Counter[str]]]:
    """Each page's words, field by field, with their counts, from the index's compact form."""
    pages = [page[0] for page in index["pages"]]
    found: dict[str, dict[str, Counter[str]]] = {p: {f: Counter() for f in index["fields"]} for p in pages}
    parts = index["terms"].split(" ")
    for word, lists in zip(parts[::2], parts[1::2], strict=True):
        for field, listed in zip(index["fields"], lists.split("|"), strict=False):
            number = 0
            for entry in filter(None, listed.split(",")):
                gap, _, count = entry.partition(":")
                number += int(gap, 36)
                found[pages[number]][field][word] = int(count, 36) if count else 1
    return found


@pytest.fixture(scope="module")
def index(site: Path) -> dict[str, Any]:
    return read_index(site)


@pytest.fixture(scope="module")
def everything(site: Path) -> str:
    """The text of every page, in lower case, as indexed."""
    pages = [read_page(path.read_text(encoding="utf-8")) for _, path in site_pages_of(site)]
    return " ".join(" ".join([p.title, *p.headings, *p.text]) for p in pages).lower()


@pytest.fixture(scope="module")
def indexed(index: dict[str, Any]) -> dict[str, dict[str, Counter[str]]]:
    return decode(index)


def words(text: str) -> list[str]:
    return _WORD.findall(html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("’", " ").replace("'", " "))


def distinctive(text: str, count: int = 3) -> list[str]:
    """The longest plain words of a text (ties in text order), for a query."""
    found = list(dict.fromkeys(w for w in words(text) if len(w) > 4 and "-" not in w))
    return sorted(found, key=len, reverse=True)[:count]


def test_words_are_folded_and_split_at_elisions() -> None:
    assert terms("l’équipe d'accompagnement, l’Œuvre et les Cœurs") == [
        "equipe",
        "accompagnement",
        "oeuvre",
        "coeurs",
    ]


@pytest.mark.build
def test_every_page_is_in_the_index(index: dict[str, Any], browsed_pages: list[Path], site: Path) -> None:
    locations = [page[0] for page in index["pages"]]
    expected = {p.relative_to(site).as_posix() for p in browsed_pages} - {"404.html"}
    assert set(locations) == expected and len(locations) == len(expected)
    assert {"cartes/index.html", "plan-du-site.html", "tags.html"} <= set(locations)


@pytest.mark.build
def test_each_role_entry_holds_its_example_interventions(
    indexed: dict[str, dict[str, Counter[str]]], content: Content
) -> None:
    for role in content.roles.values():
        text = indexed[f"roles/{role.id}.html"]["text"]
        for example in role.examples:
            missing = [w for w in terms(example.words) if w not in text]
            assert not missing, (role.id, missing)


@pytest.mark.build
def test_pages_are_indexed_with_their_tags(
    indexed: dict[str, dict[str, Counter[str]]], content: Content
) -> None:
    pages = {
        **{f"roles/{e.id}.html": e.tags for e in content.roles.values()},
        **{f"plans/{e.id}.html": e.tags for e in content.planes.values()},
        **{f"principes/{e.id}.html": e.tags for e in content.principles.values()},
        **{f"cas/{e.id}.html": e.tags for e in content.scenarios.values()},
    }
    assert all(pages.values()), "every role, plane, principle and scenario has tags"
    for location, tags in pages.items():
        headings = indexed[location]["headings"]
        for tag in tags:
            assert all(w in headings for w in terms(tag)), (location, tag)


@pytest.mark.build
def test_synonyms_go_where_their_term_is(
    indexed: dict[str, dict[str, Counter[str]]], content: Content
) -> None:
    term = next(t for t in content.glossary.terms if t.term == "commanditaire")
    assert "sponsor" in term.synonyms
    holding = [loc for loc, fields in indexed.items() if fields["text"]["commanditaire"]]
    assert holding
    for location in holding:
        assert indexed[location]["text"]["sponsor"] >= indexed[location]["text"]["commanditaire"], location
    assert not any(
        fields["text"]["sponsor"]
        for loc, fields in indexed.items()
        if loc not in holding and not fields["text"]["commanditaires"]
    )


@pytest.mark.build
def test_search_synonyms_go_where_the_guides_words_are(
    indexed: dict[str, dict[str, Counter[str]]], content: Content
) -> None:
    """The glossary's search_synonyms (the guide's words that are no glossary term): each is on
    some page, and every page holding the guide's words holds the reader's words too."""
    assert content.glossary.search_synonyms
    for entry in content.glossary.search_synonyms:
        guide = terms(entry.words)
        added = [w for synonym in entry.synonyms for w in terms(synonym)]
        holding = [
            (location, name)
            for location, fields in indexed.items()
            for name, found in fields.items()
            if all(found[w] for w in guide)
        ]
        assert holding, f"no page holds « {entry.words} »"
        for location, name in holding:
            if len(guide) == 1:  # a phrase may hold its words apart, not as the phrase
                assert all(indexed[location][name][w] for w in added), (entry.words, location, name)
        assert any(all(indexed[loc][name][w] for w in added) for loc, name in holding), entry.words


@pytest.mark.build
def test_tags_page_lists_each_tag_with_its_pages(site: Path, content: Content) -> None:
    page = (site / "tags.html").read_text(encoding="utf-8")
    for role in content.roles.values():
        for tag in role.tags:
            section = page[page.index(f">{html.escape(tag, quote=False)}<") :]
            section = section[: section.find("<h2", 1)]
            assert f'href="roles/{role.id}.html"' in section, (role.id, tag)
    # Tags on a page lead to the tags page.
    assert re.search(
        r'href="\.\./tags\.html#tag:[^"]+" class="md-tag"', (site / "roles/miroir.html").read_text()
    )


@pytest.mark.browser
def test_a_role_is_found_from_its_example_words(browser: Any, site_url: str, content: Content) -> None:
    with searching(browser, site_url) as box:
        for role in content.roles.values():
            remembered = distinctive(role.examples[0].words)
            # Typed as they come, the words find the role among other pages...
            found = box.search(" ".join(remembered), keystrokes=True)
            assert f"roles/{role.id}.html" in found, remembered
            # ...and in quotes (all words required), the role comes among the first pages.
            quoted = " ".join(f'"{w}"' for w in remembered)
            assert f"roles/{role.id}.html" in box.search(quoted, keystrokes=True)[:3], (role.id, quoted)


@pytest.mark.browser
def test_french_words_are_found_after_an_elision_and_from_their_start(
    browser: Any, site_url: str, content: Content, everything: str
) -> None:
    role = next(iter(content.roles.values()))
    spoken = " ".join(e.words for e in role.examples)
    # A word written after an elided article or pronoun (« l’autonomie »), searched alone: the
    # rarest one in the guide, so that the role's page ranks among the first results.
    elided = re.findall(r"\b(?:[lLdDjJmMnNsStT]|[qQ]u)[’'](\w{6,})", spoken)
    assert elided, "no elided word in the examples of the first role"
    rarest = min(elided, key=lambda word: everything.count(word.lower()))
    assert f"roles/{role.id}.html" in search(browser, site_url, rarest)
    # The start of a long word, as typed before it is finished.
    longest = distinctive(spoken, 1)[0]
    assert f"roles/{role.id}.html" in search(browser, site_url, longest[:6])


@pytest.mark.build
def test_texts_of_other_pages_are_indexed_once(
    indexed: dict[str, dict[str, Counter[str]]], content: Content
) -> None:
    """Pages that repeat other pages' texts (tags, cards, site map, list of cases) are indexed by
    their title, the other pages' titles they list counting as their text (not their texts); a
    sheet's title and summary are found, not the method's texts it pulls in; an inserted text is
    indexed on the page that owns it."""
    listings = ("tags.html", "cas/index.html", "cartes/index.html", "plan-du-site.html")
    for location in listings:
        assert indexed[location]["title"], location
    for case in content.scenarios.values():
        # The list shows each case's title and situation: the title is indexed, not the situation.
        assert all(w in indexed["cas/index.html"]["text"] for w in terms(case.title)), case.id
        told = [w for w in terms(case.situation) if w not in indexed["cas/index.html"]["text"]]
        assert told, f"the list of cases is indexed with the situation of {case.id}"
    sheet = next(iter(content.worksheets.values()))
    text = indexed[f"fiches/{sheet.id}.html"]["text"]
    assert all(w in text for w in terms(sheet.summary)), sheet.id
    pulled = [w for w in terms(content.planes["pairs"].summary) if w not in text]
    assert pulled, "the sheet's index holds the plane's summary"
    # The confidentiality inserts: their headings are indexed on their own page only.
    heading = "ce qui reste entre le manager et le consultant"
    owners = [loc for loc, f in indexed.items() if all(w in f["headings"] for w in terms(heading))]
    assert owners == ["principes/confidentialite.html"], owners


@pytest.mark.browser
def test_search_stems_french_words(browser: Any, site_url: str, content: Content, everything: str) -> None:
    """A plural typed by the reader finds the singular written in a role's interventions."""
    with searching(browser, site_url) as box:
        for role in content.roles.values():
            spoken = " ".join(e.words for e in role.examples)
            singulars = [
                w.lower()
                for w in words(spoken)
                # One word, not a compound such as « racontez-moi », whose plural means nothing.
                if len(w) >= 7 and w[-1] not in "sx" and "-" not in w and f"{w.lower()}s" not in everything
            ]
            assert singulars, f"no word of {role.id}'s examples to put in the plural"
            rarest = min(singulars, key=everything.count)
            found = box.search(f"{rarest}s", keystrokes=True)
            assert f"roles/{role.id}.html" in found, (role.id, f"{rarest}s", found)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("typed", "case"),
    [
        ("premier entretien", "premier-entretien"),
        ("harcèlement", "detresse-et-harcelement"),
        ("conseil", "demande-de-conseil"),
    ],
)
def test_a_case_is_found_by_the_situation_a_reader_types(
    browser: Any, site_url: str, typed: str, case: str
) -> None:
    found = search(browser, site_url, typed)
    assert f"cas/{case}.html" in found[:3], (typed, found[:5])
