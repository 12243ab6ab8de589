"""Search that forgives (issue 11): queries a reader would type, with and without accents, in
the plural, with an elided article, as a phrase remembered from an example, typed into the
real search box in Chromium; each must bring its expected page into the first three results.
dev/features.md lists the queries."""

from __future__ import annotations

import gzip
import html
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from search_reader_queries import READER_QUERIES

from guide.content import Content
from guide.search import INDEX_SCRIPT, site_pages

pytestmark = [pytest.mark.build, pytest.mark.browser]

READY = "Taper pour démarrer la recherche"
# (what a reader types, the page that must come in the first three results)
QUERIES = [
    ("eperon", "roles/eperon.html"),
    ("éperon", "roles/eperon.html"),
    ("EPERON", "roles/eperon.html"),
    ("moderateur", "roles/moderateur.html"),
    ("modérateur", "roles/moderateur.html"),
    ("integrateur", "roles/integrateur.html"),
    ("miroirs", "roles/miroir.html"),
    ("confidentialite", "principes/confidentialite.html"),
    ("confidentialité", "principes/confidentialite.html"),
    ("neutralite", "principes/neutralite.html"),
    ("confiance reciproque", "principes/confiance-reciproque.html"),
    ("personne ressource", "principes/personne-ressource.html"),
    ("cadre stimulant", "principes/cadre-stimulant-protecteur.html"),
    ("pairs", "plans/pairs.html"),
    ("equipe", "plans/equipe.html"),
    ("l'equipe", "plans/equipe.html"),
    ("organisation", "plans/organisation.html"),
    ("leviers d'action", "plans/organisation.html"),
    ("leviers d’action", "plans/organisation.html"),
    ("audit", "distinctions/audit.html"),
    ("revue de projet", "distinctions/revue-de-projet.html"),
    ("evaluation des competences", "distinctions/evaluation-des-personnes.html"),
    ("glossaire", "glossaire.html"),
    ("matrice", "matrice.html"),
    ("posture du consultant", "posture.html"),
    ("decouvrir", "decouvrir.html"),
    ("individuel ou collectif", "individuel-collectif.html"),
    ("composer une fiche", "fiches/composer.html"),
    ("preparer une seance", "fiches/preparer-seance.html"),
    ("accessibilite", "accessibilite.html"),
    ("declaration d'accessibilite", "accessibilite.html"),
]


# Reader queries whose expected page does not come in the first three yet, and why.
NOT_FOUND_YET = {
    "sponsor": "the synonym finds the pages about the commanditaire, but since the sponsor's place is "
    "part of the confidentiality frame, shown on many pages, the request phase comes fourth",
    "combien de séances": "the number of sessions is agreed at the tripartite meeting, but « séances » "
    "alone ranks the pages about sessions first; « combien » says nothing a search can use",
    "séance de groupe": "the synonym leads to the pages about group sessions; the sheet « Séance "
    "collective » and a case come before the page comparing both kinds",
    "s'entraîner": "the guide says « s’exercer » and has no glossary term for practice to carry a synonym",
    "croiser rôles et plans": "pages that hold « croise » and both words come before the matrix, which "
    "holds two of the three words (pages holding every word come first)",
    "promu chef de ses anciens collègues": "« collègues » is a synonym of « pairs »: the peers' page "
    "holds every word and comes first",
    "départ d'un collaborateur clé": "the case speaks of a « pilier », not of a « collaborateur clé »",
    "comment se passe une séance": "every page about sessions holds « passe » and « séance »",
    "comment devenir consultant": "« consultant » is on every page; the path's index page does not say "
    "« devenir »",
}


def page_names(site: Path) -> list[tuple[str, str]]:
    """Each page's name (its <title> without the site's name), with the page."""
    names = []
    for location, path in site_pages(site):
        title = re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S)
        assert title, location
        names.append((html.unescape(title.group(1)).rsplit(" - ", 1)[0].strip(), location))
    return names


def remembered_phrases(content: Content, site: Path) -> list[tuple[str, str]]:
    """For each role, four words in a row of its first example intervention, typed without
    accents, as a reader remembers a phrase: the four that are rarest in the guide. The role's
    page must come in the first three."""
    texts = [fold(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))) for _, path in site_pages(site)]
    words_of = [set(re.findall(r"[^\W\d_]+", text)) for text in texts]

    def rarity(word: str) -> float:
        return 1 / (1 + sum(word in words for words in words_of))

    queries = []
    for role in content.roles.values():
        words = re.findall(r"[^\W\d_]+", fold(role.examples[0].words))
        windows = [words[i : i + 4] for i in range(max(1, len(words) - 3))]
        best = max(windows, key=lambda window: sum(rarity(w) for w in window))
        queries.append((" ".join(best), f"roles/{role.id}.html"))
    return queries


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("œ", "oe")


class SearchBox:
    """The site's search box in one page, typed into query after query."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.meta = ".md-search-result__meta"

    def search(self, query: str) -> list[str]:
        page = self.page
        page.click("input.md-search__input")
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.keyboard.type(query, delay=5)  # keystrokes, as the theme listens to them
        # The theme searches after each keystroke: wait until the results of the last one have
        # stayed the same for a moment.
        hrefs: list[str] = []
        stable = 0
        for _ in range(60):
            page.wait_for_timeout(200)
            current: list[str] = page.eval_on_selector_all(
                ".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))"
            )
            stable = stable + 1 if current == hrefs else 0
            hrefs = current
            if current and stable >= 2:
                break
        return list(dict.fromkeys(re.sub(r"^https?://[^/]+/|[?#].*$", "", h) for h in hrefs))


@pytest.fixture(scope="module")
def queries(content: Content, site: Path) -> list[tuple[str, str]]:
    readers = [(q, page) for q, page in READER_QUERIES if q not in NOT_FOUND_YET]
    return list(dict.fromkeys([*QUERIES, *readers, *page_names(site), *remembered_phrases(content, site)]))


@pytest.fixture(scope="module")
def results(browser: Any, site_url: str, queries: list[tuple[str, str]]) -> dict[str, list[str]]:
    page = browser.new_page()
    page.goto(f"{site_url}/index.html")
    # The search starts on first use of the box.
    page.click("input.md-search__input")
    page.wait_for_function(
        f"() => document.querySelector('.md-search-result__meta').textContent.includes('{READY}')",
        timeout=30_000,
    )
    box = SearchBox(page)
    missed = [q for q, _ in READER_QUERIES if q in NOT_FOUND_YET]
    found = {query: box.search(query) for query in dict.fromkeys([q for q, _ in queries] + missed)}
    page.close()
    return found


def test_enough_queries(queries: list[tuple[str, str]], content: Content, site: Path) -> None:
    assert len(queries) >= 80
    assert set(NOT_FOUND_YET) <= {q for q, _ in READER_QUERIES}
    # The name of every page is a query.
    assert {page for _, page in page_names(site)} <= {page for _, page in queries}


def test_expected_page_in_the_first_three(
    results: dict[str, list[str]], queries: list[tuple[str, str]]
) -> None:
    missed = [
        f"{q!r}: expected {page}, got {results[q][:3]}" for q, page in queries if page not in results[q][:3]
    ]
    hits = len(queries) - len(missed)
    readers = sum(page in results[q][:3] for q, page in READER_QUERIES)
    print(f"search: {hits}/{len(queries)} queries with the expected page in the top 3")
    print(f"search: readers' queries {readers}/{len(READER_QUERIES)} (not found yet: {len(NOT_FOUND_YET)})")
    assert not missed, "\n".join(missed)


def test_queries_not_found_yet_are_still_missed(results: dict[str, list[str]]) -> None:
    """A query of NOT_FOUND_YET that the search now finds goes back among the others."""
    found = [q for q, page in READER_QUERIES if q in NOT_FOUND_YET and page in results[q][:3]]
    assert not found, f"found now, remove from NOT_FOUND_YET: {found}"


def test_entry_first_for_its_own_name(results: dict[str, list[str]]) -> None:
    """Typed without accents, a role's or a principle's name brings its own page first."""
    for query, page in QUERIES:
        if page.startswith(("roles/", "principes/")) and " " not in query and not query.endswith("s"):
            assert results[query][:1] == [page], (query, results[query][:3])


def test_elided_letter_is_not_a_search_term(results: dict[str, list[str]]) -> None:
    """« leviers d’action » searches for « leviers » and « action », not for every word in d."""
    assert results["leviers d'action"][:3] == results["leviers d’action"][:3]
    assert results["leviers d'action"][0] == "plans/organisation.html"


def test_index_stays_light(site: Path) -> None:
    """The index is what a reader downloads on first use of the search box: gzipped, at most
    40 KB (92 KB for Lunr's index before issue 20; 35 KB on MiniSearch for the same pages)."""
    index = (site / INDEX_SCRIPT).read_bytes()
    size = len(gzip.compress(index, 9))
    print(f"search index: {len(index)} bytes, {size} gzipped")
    assert size <= 40 * 1024
