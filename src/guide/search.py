"""The guide's search: an index built at build time for MiniSearch, searched in the reader's
browser by templates/search-fr.js (issue 20).

    built site (HTML) --index_pages--> MiniSearch's serialized index (search/guide-index.js)
    glossary synonyms --------------/

Every page of the site is indexed once, as one document with three fields: its title, its
headings and its text, each with the synonyms (content/glossary.yml) of the glossary terms it
holds.
A part of a page marked `data-search-exclude` (a text inserted from another page, the
interactive sheets) is left out: it is indexed on the page that owns it.

The index holds words as written, folded (lower case, no accents, œ → oe, æ → ae), without the
French stop words. The browser adds the rest while the reader types: the French Snowball stem of
each word (snowball-stemmers), searched as a prefix, so that « accompagnez » finds
« accompagnement »; fuzzy matching for typos; field weights. So no stemmer runs here and the
words cannot be stemmed differently at build time and in the browser.

The library files (MiniSearch, the stemmer) are copied from node_modules/ into the site
(`vendored_files`), with their licences: no CDN.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Glossary

WORKER_DIR = "assets/javascripts/workers/"
SEARCH_WORKER = WORKER_DIR + "search-fr.js"
STEMMING_WORKER = SEARCH_WORKER  # the name the export used before issue 20
VENDOR_DIR = "assets/javascripts/vendor/"
# The search box of the Zensical build (templates/search-box.js), which has no theme search of
# ours to drive the worker.
SEARCH_BOX = "assets/javascripts/search-box.js"
INDEX_SCRIPT = "search/guide-index.js"
# What the theme fetches at page load (search/search_index.json over HTTP, search_index.js from a
# folder): replaced by a stub of a few bytes, since the search runs on INDEX_SCRIPT, loaded by
# the worker on first use of the search box.
THEME_INDEX_JSON = "search/search_index.json"
THEME_INDEX_SCRIPT = "search/search_index.js"

# The npm packages copied into the site: (package, file in the package, licence file or None,
# licences accepted). Pinned in package.json and package-lock.json.
VENDORED = (
    ("minisearch", "dist/umd/index.js", "LICENSE.txt", "minisearch.js"),
    ("snowball-stemmers", "snowball-stemmers.js", None, "snowball-stemmers.js"),
)
ACCEPTED_LICENCES = {"MIT", "ISC", "BSD-2-Clause", "BSD-3-Clause", "Apache-2.0"}

FIELDS = ("title", "headings", "text")
# French stop words (Snowball's French list, folded), and the letters left by an elision.
_FRENCH_STOP_WORDS = """
    au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me
    meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te
    tes toi ton tu un une vos votre vous c d j l a m n s t y ete etee etees etes etant
    etante etants etantes suis es est sommes sont serai seras sera serons serez seront
    serais serait serions seriez seraient etais etait etions etiez etaient fus fut fumes
    futes furent sois soit soyons soyez soient fusse fusses fut fussions fussiez fussent
    ayant ayante ayantes ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons
    aurez auront aurais aurait aurions auriez auraient avais avait avions aviez avaient eut
    eumes eutes eurent aie aies ait ayons ayez aient eusse eusses eussions eussiez eussent
    ceci cela cet cette ici ils les leurs quel quels quelle quelles sans soi etre avoir
"""
# Words of a reader's question that say nothing of its subject (« comment se passe une
# séance », « que faire si… »).
# The verbs that carry a question rather than its subject: « faut-il », « va m’évaluer »,
# « je peux », « tu fais quoi ».
_QUESTION_WORDS = """
    comment combien pourquoi quoi quand si faire fais fait faut va vais vas vont peut peux dois doit
    veut veux
"""
STOP_WORDS = frozenset(_FRENCH_STOP_WORDS.split() + _QUESTION_WORDS.split())
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
# Characters of a page shown under its title in the results (the index stays under 40 KB gzipped).
TEASER_LENGTH = 60


def fold(text: str) -> str:
    """Lower case, accents removed, ligatures undone: « Œuvre Éperon » → « oeuvre eperon »."""
    decomposed = unicodedata.normalize("NFD", text.lower().translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def terms(text: str) -> list[str]:
    """The index terms of a text, in order: folded words, stop words and elided letters out.
    The same rule as `terms` in templates/search-fr.js."""
    return [word for word in _WORD.findall(fold(text)) if word not in STOP_WORDS]


# Reading the built pages -----------------------------------------------------------------


@dataclass
class PageText:
    title: str = ""
    headings: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    other_title: str = ""
    description: str = ""


_SKIPPED = {"script", "style", "template", "svg", "button"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
_HEADING = re.compile(r"^h([1-6])$")
# Set by overrides/main.html on a page whose front matter says `search: {exclude: true}`: a page
# that repeats other pages' texts (cards, site map, tags, list of cases): its title and
# headings are indexed, not its text.
TITLES_ONLY_META = '<meta name="guide-search" content="titles">'
_TITLES_ONLY = re.compile(re.escape(TITLES_ONLY_META))
_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')


class _ArticleReader(HTMLParser):
    """The text of a page's article, split into title, headings and running text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageText()
        self._inside = False  # inside the article
        self._stack: list[tuple[str, bool]] = []  # open elements in the article: (tag, skipped)
        self._excluded_level = 0  # > 0: inside a section whose heading is excluded
        self._heading: list[str] | None = None
        self._heading_level = 0

    def _skipping(self) -> bool:
        return any(skipped for _, skipped in self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if not self._inside:
            self._inside = tag == "article" and "md-content__inner" in classes
            return
        if tag in _VOID:
            return
        heading = _HEADING.match(tag)
        if heading:
            level = int(heading.group(1))
            if self._excluded_level and level <= self._excluded_level:
                self._excluded_level = 0
            if "data-search-exclude" in attributes and not self._excluded_level:
                self._excluded_level = level
        skipped = (
            tag in _SKIPPED
            or (tag == "nav" and "md-tags" not in classes)
            or "data-search-exclude" in attributes
            or "headerlink" in classes
        )
        if tag == "a" and "md-tag" in classes and not skipped and not self._skipping():
            self._heading, self._heading_level = [], 0  # a tag of the page counts as a heading
        if heading and not skipped and not self._excluded_level and not self._skipping():
            self._heading, self._heading_level = [], int(heading.group(1))
        self._stack.append((tag, skipped))

    def handle_endtag(self, tag: str) -> None:
        if not self._inside or tag in _VOID:
            return
        if not self._stack:
            self._inside = tag != "article"
            return
        if tag not in (open_tag for open_tag, _ in self._stack):
            return  # a stray end tag
        while self._stack:
            open_tag, _ = self._stack.pop()
            if (_HEADING.match(open_tag) or open_tag == "a") and self._heading is not None:
                text = " ".join("".join(self._heading).split())
                if self._heading_level == 1 and not self.page.title:
                    self.page.title = text
                elif text:
                    self.page.headings.append(text)
                self._heading = None
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._inside or self._excluded_level or self._skipping():
            return
        if self._heading is not None:
            self._heading.append(data)
        else:
            self.page.text.append(data)


def read_page(html: str) -> PageText:
    """Title, headings and text of a built page's article (`<article class="md-content__inner">`),
    without what is marked `data-search-exclude` (an excluded heading takes its section along)."""
    reader = _ArticleReader()
    reader.feed(html)
    reader.close()
    if _TITLES_ONLY.search(html):
        # The page repeats texts of other pages (overrides/main.html): their titles, which are
        # its headings, count as its text, so that the page they name comes before the list.
        reader.page.text = [" ".join(reader.page.headings)]
        reader.page.headings = []
    described = _DESCRIPTION.search(html)
    reader.page.description = unescape(described.group(1)) if described else ""
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    name = unescape(found.group(1).rsplit(" - ", 1)[0].strip()) if found else ""
    if not reader.page.title:
        reader.page.title = name
    elif name and terms(name) != terms(reader.page.title):
        reader.page.other_title = name  # the name in the menu, when it differs from the heading
    return reader.page


# Building the index ----------------------------------------------------------------------


def synonym_table(glossary: Glossary) -> list[tuple[list[str], list[str]]]:
    """For each glossary term that has synonyms: the terms of each of its spellings (term,
    aliases) to look for in a page, and the terms of its synonyms, added to the pages that
    hold it."""
    table = []
    for term in glossary.terms:
        synonyms = getattr(term, "synonyms", [])
        if not synonyms:
            continue
        added = [word for synonym in synonyms for word in terms(synonym)]
        for spelling in (term.term, *term.aliases):
            table.append((terms(spelling), added))
    for entry in glossary.search_synonyms:  # the guide's words that are no glossary term
        table.append((terms(entry.words), [word for synonym in entry.synonyms for word in terms(synonym)]))
    return table


def stop_word_phrases(glossary: Glossary) -> list[list[str]]:
    """The readers' phrases made of common words only (« ne veut pas »), which no index can
    hold, each with the guide's words it stands for (« refus »): the worker finds such a phrase
    in the query as typed, folded, and adds those words to it."""
    return [
        [" ".join(_WORD.findall(fold(synonym))), " ".join(terms(entry.words))]
        for entry in glossary.search_synonyms
        for synonym in entry.synonyms
        if not terms(synonym)
    ]


def _count(sequence: list[str], words: list[str]) -> int:
    n = len(words)
    if not n:
        return 0
    return sum(1 for i in range(len(sequence) - n + 1) if sequence[i : i + n] == words)


def teaser(text: str) -> str:
    """The start of a page's text, for the result list (escaped: the theme shows it as HTML)."""
    flat = " ".join(text.split())
    if len(flat) > TEASER_LENGTH:
        flat = flat[:TEASER_LENGTH].rsplit(" ", 1)[0] + " …"
    return escape(flat, quote=False)


def build_index(
    pages: Iterable[tuple[str, PageText]], synonyms: list[tuple[list[str], list[str]]] | None = None
) -> dict[str, Any]:
    """The index of the pages, given as (location, text), in a compact form of MiniSearch's
    serialized index (`MiniSearch.loadJS`, serialization version 2), which the worker expands:
    - pages: [location, title, teaser] of each page, its number the position in the list;
    - lengths: each page's count of distinct words in each field (for MiniSearch's BM25);
    - terms: one string, each word followed by a space and its pages: one list per field,
      separated by « | » (empty lists at the end left out), of page numbers separated by
      commas, each in base 36 and as the difference from the previous one, followed by
      « :count » when the word is there more than once."""
    field_ids = {name: i for i, name in enumerate(FIELDS)}
    listed: list[list[str]] = []
    lengths: list[list[int]] = []
    postings: dict[str, list[dict[int, int]]] = {}
    pages = list(pages)
    # A description several pages share is the site's, for the pages without their own.
    shared = {d for d, n in Counter(page.description for _, page in pages).items() if n > 1}
    for number, (location, page) in enumerate(pages):
        text = "".join(page.text)  # pieces of one text: « d’<abbr>accompagnement</abbr> »
        # The page's short name, in its address, counts as its title (« perte-de-sens »); not its
        # section, whose name is often a common word (« seances-commentees/ »).
        slug = location.rsplit("/", 1)[-1].removesuffix(".html").replace("-", " ")
        slug = "" if slug == "index" else slug
        values = {
            "title": list(dict.fromkeys(terms(f"{page.title} {page.other_title} {slug}"))),
            # The page's description (front matter) says what it is about, as its headings do.
            "headings": terms(
                " ".join([page.description if page.description not in shared else "", *page.headings])
            ),
            "text": terms(text),
        }
        # A glossary term's synonyms go where the term is, as many times: a page titled with
        # the term is found first by its synonyms too.
        for name in ("title", "headings", "text"):
            values[name] = values[name] + [
                word
                for spelling, added in synonyms or []
                for _ in range(_count(values[name], spelling))
                for word in added
            ]
        lengths.append([len(set(values[name])) for name in FIELDS])
        listed.append([location, page.title, teaser(text)])
        for name, words in values.items():
            for word, count in Counter(words).items():
                postings.setdefault(word, [{} for _ in FIELDS])[field_ids[name]][number] = count
    entries = []
    for word in sorted(postings):
        rows = []
        for name, found in zip(FIELDS, postings[word], strict=True):
            row, previous = [], 0
            for number in sorted(found):
                gap, previous = number - previous, number
                # How often a word is in a page's text weighs little in the ranking and much in
                # the index (some 5 KB gzipped): there, a word is in the text or not.
                count = found[number] if name != "text" else 1
                row.append(_base36(gap) + (f":{_base36(count)}" if count > 1 else ""))
            rows.append(",".join(row))
        entries.append(f"{word} {'|'.join(rows).rstrip('|')}")
    count = len(listed)
    average = [sum(length[i] for length in lengths) / max(count, 1) for i in range(len(FIELDS))]
    return {
        "fields": list(FIELDS),
        "fieldIds": field_ids,
        "pages": listed,
        "lengths": lengths,
        "averageLengths": average,
        "terms": " ".join(entries),
    }


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def index_script(index: dict[str, Any]) -> str:
    """The index as a script the worker loads with importScripts (which also works from a local
    folder, where the worker cannot fetch a file): it sets self.guideSearchIndex."""
    data = {**index, "stopWords": sorted(STOP_WORDS)}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"self.guideSearchIndex={text};\n"


def theme_index_stub(config: dict[str, Any]) -> str:
    """What the theme loads at page load in place of its own index: its settings, no page."""
    return json.dumps({"config": config, "docs": []}, ensure_ascii=False, separators=(",", ":"))


REDIRECT = '<meta http-equiv="refresh"'  # an old address that leads to the new one


def site_pages(site_dir: Path) -> Iterator[tuple[str, Path]]:
    """Every HTML page of a built site but the error page and old addresses kept (they lead
    to a page that is indexed), as (location, file), in order."""
    for path in sorted(site_dir.rglob("*.html")):
        location = path.relative_to(site_dir).as_posix()
        if location != "404.html" and REDIRECT not in path.read_text(encoding="utf-8"):
            yield location, path


def index_site(site_dir: Path, glossary: Glossary | None = None) -> dict[str, Any]:
    pages = [
        (location, read_page(path.read_text(encoding="utf-8"))) for location, path in site_pages(site_dir)
    ]
    if glossary is None:
        return build_index(pages)
    return {**build_index(pages, synonym_table(glossary)), "phrases": stop_word_phrases(glossary)}


def write_site_index(site_dir: Path, glossary: Glossary | None = None) -> Path:
    """Index a built site into INDEX_SCRIPT, and put the stub in place of the theme's index."""
    target = site_dir / INDEX_SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(index_script(index_site(site_dir, glossary)), encoding="utf-8")
    theme_json = site_dir / THEME_INDEX_JSON
    theme_index = json.loads(theme_json.read_text(encoding="utf-8")) if theme_json.is_file() else {}
    if isinstance(theme_index, dict) and {"config", "docs"} <= theme_index.keys():  # Material's
        stub = theme_index_stub(theme_index["config"])
        theme_json.write_text(stub, encoding="utf-8")
        if (site_dir / THEME_INDEX_SCRIPT).is_file():
            (site_dir / THEME_INDEX_SCRIPT).write_text(f"var __index = {stub}\n", encoding="utf-8")
    return target


# The library files ------------------------------------------------------------------------


class VendorError(RuntimeError):
    pass


def node_modules(project: Path) -> Path:
    """The project's node_modules/, or, in a copy of the project without one (a test's), that of
    the checkout the guide package is installed from."""
    own = project / "node_modules"
    installed = Path(__file__).resolve().parents[2] / "node_modules"
    return own if own.is_dir() or not installed.is_dir() else installed


def vendored_files(node_modules: Path) -> dict[str, str]:
    """The site path and text of each library file the search needs, from node_modules/, each
    with its licence beside it (site path + ".LICENSE.txt"). Fails on a missing package or a
    licence not in ACCEPTED_LICENCES."""
    files: dict[str, str] = {}
    for package, source, licence_file, name in VENDORED:
        folder = node_modules / package
        manifest_path = folder / "package.json"
        if not manifest_path.is_file():
            raise VendorError(
                f"{manifest_path} is missing: run scripts/setup.sh (npm ci) to install {package}"
            )
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        licence = manifest.get("license")
        if licence not in ACCEPTED_LICENCES:
            raise VendorError(f"{package}: licence {licence!r} is not one of {sorted(ACCEPTED_LICENCES)}")
        author = manifest.get("author")
        if isinstance(author, dict):
            author = author.get("name")
        notice = f"{package} {manifest['version']}, {licence} licence"
        notice += f", by {author}" if author else ""
        if licence_file:
            notice += "\n\n" + (folder / licence_file).read_text(encoding="utf-8")
        files[VENDOR_DIR + name] = (folder / source).read_text(encoding="utf-8")
        files[VENDOR_DIR + name + ".LICENSE.txt"] = notice.rstrip() + "\n"
    return files


def worker_script(templates: Path) -> str:
    """The search worker (templates/search-fr.js)."""
    return (templates / "search-fr.js").read_text(encoding="utf-8")
