"""Search in French: a role is found from the words of one of its example interventions (French
stop words, elisions split, words found from their start); entries carry the pages' tags,
listed on the tags page."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from guide.content import Content

READY = "Taper pour démarrer la recherche"  # the theme's French text once the index is loaded
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@pytest.fixture(scope="module")
def index(site: Path) -> dict[str, Any]:
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def entries_of(index: dict[str, Any], location: str) -> list[dict[str, Any]]:
    return [d for d in index["docs"] if d["location"].split("#")[0] == location]


def words(text: str) -> list[str]:
    return _WORD.findall(html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("’", " ").replace("'", " "))


def distinctive(text: str, count: int = 3) -> list[str]:
    """The longest plain words of a text (ties in text order), for a query."""
    found = list(dict.fromkeys(w for w in words(text) if len(w) > 4 and "-" not in w))
    return sorted(found, key=len, reverse=True)[:count]


@pytest.mark.build
def test_index_is_french_and_splits_elisions(index: dict[str, Any]) -> None:
    config = index["config"]
    assert config["lang"] == ["fr"]
    assert re.split(config["separator"], "l’équipe d'accompagnement") == [
        "l",
        "équipe",
        "d",
        "accompagnement",
    ]


@pytest.mark.build
def test_each_role_entry_holds_its_example_interventions(index: dict[str, Any], content: Content) -> None:
    for role in content.roles.values():
        indexed = words(" ".join(d["text"] for d in entries_of(index, f"roles/{role.id}.html")))
        for example in role.examples:
            spoken = words(example.words)
            # The words of the example follow each other in the role page's entries.
            assert any(indexed[i : i + len(spoken)] == spoken for i in range(len(indexed))), (
                role.id,
                example.words[:50],
            )


@pytest.mark.build
def test_entries_carry_the_tags_of_their_page(index: dict[str, Any], content: Content) -> None:
    pages = {
        **{f"roles/{e.id}.html": e.tags for e in content.roles.values()},
        **{f"plans/{e.id}.html": e.tags for e in content.planes.values()},
        **{f"principes/{e.id}.html": e.tags for e in content.principles.values()},
        **{f"cas/{e.id}.html": e.tags for e in content.scenarios.values()},
    }
    assert all(pages.values()), "every role, plane, principle and scenario has tags"
    for location, tags in pages.items():
        found = entries_of(index, location)
        assert found, location
        assert all(d.get("tags") == list(tags) for d in found), location


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


def search(browser: Any, site_url: str, query: str) -> list[str]:
    """The pages found for a query typed into the site's search box, best first."""
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/index.html")
        meta = ".md-search-result__meta"
        # The index is ready when the theme stops saying it is loading it.
        page.wait_for_function(
            f"() => document.querySelector('{meta}').textContent.includes('{READY}')", timeout=20_000
        )
        page.click("input.md-search__input")
        page.keyboard.type(query, delay=5)  # keystrokes, as the theme listens to them
        page.wait_for_function(
            f"() => !document.querySelector('{meta}').textContent.includes('{READY}')", timeout=20_000
        )
        # The theme searches after each keystroke: wait until the results of the last one
        # have stayed the same for a moment.
        hrefs: list[str] = []
        for _ in range(40):
            page.wait_for_timeout(250)
            current: list[str] = page.eval_on_selector_all(
                ".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))"
            )
            if current and current == hrefs:
                break
            hrefs = current
        return list(dict.fromkeys(re.sub(r"^https?://[^/]+/|[?#].*$", "", h) for h in hrefs))
    finally:
        page.close()


@pytest.mark.browser
def test_a_role_is_found_from_its_example_words(browser: Any, site_url: str, content: Content) -> None:
    for role in content.roles.values():
        remembered = distinctive(role.examples[0].words)
        # Typed as they come, the words find the role among other pages...
        assert f"roles/{role.id}.html" in search(browser, site_url, " ".join(remembered)), remembered
        # ...and in quotes (all words required), the role comes among the first pages.
        quoted = " ".join(f'"{w}"' for w in remembered)
        assert f"roles/{role.id}.html" in search(browser, site_url, quoted)[:3], (role.id, quoted)


@pytest.mark.browser
def test_french_words_are_found_after_an_elision_and_from_their_start(
    browser: Any, site_url: str, content: Content, index: dict[str, Any]
) -> None:
    role = next(iter(content.roles.values()))
    spoken = " ".join(e.words for e in role.examples)
    # A word written after an elided article or pronoun (« l’autonomie »), searched alone: the
    # rarest one in the guide, so that the role's page ranks among the first results.
    elided = re.findall(r"\b(?:[lLdDjJmMnNsStT]|[qQ]u)[’'](\w{6,})", spoken)
    assert elided, "no elided word in the examples of the first role"
    everything = " ".join(doc["text"] for doc in index["docs"]).lower()
    rarest = min(elided, key=lambda word: everything.count(word.lower()))
    assert f"roles/{role.id}.html" in search(browser, site_url, rarest)
    # The start of a long word, as typed before it is finished.
    longest = distinctive(spoken, 1)[0]
    assert f"roles/{role.id}.html" in search(browser, site_url, longest[:6])


@pytest.mark.build
def test_pages_that_only_repeat_others_stay_out_of_the_index(index: dict[str, Any], content: Content) -> None:
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "tags.html" not in locations and "cas/index.html" not in locations
    assert {f"cas/{s}.html" for s in content.scenarios} <= locations
    # A sheet's title and summary are found; the method's texts it pulls in are not repeated.
    sheet = next(iter(content.worksheets.values()))
    texts = " ".join(doc["text"] for doc in entries_of(index, f"fiches/{sheet.id}.html"))
    assert sheet.summary.split()[0] in texts
    pulled = content.planes["pairs"].summary
    assert pulled not in texts


@pytest.mark.browser
def test_search_stems_french_words(
    browser: Any, site_url: str, content: Content, index: dict[str, Any]
) -> None:
    """A plural typed by the reader finds the singular written in a role's interventions."""
    everything = " ".join(doc["text"] for doc in index["docs"]).lower()
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
        found = search(browser, site_url, f"{rarest}s")
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
