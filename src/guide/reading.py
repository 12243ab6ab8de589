"""The path's reading, measured: the words of the pages each step lists, counted in the built
site (the text a reader sees in the page's article), and the minutes they take.

    built site --article_words--> words per page --path_reading--> words and minutes per step
    core's page --generated_page_words--> the same count, before any build (guide validate)
    built page --reading_words--> a role page's reading, above its closing lists of links
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import markdown

from .models import OnboardingPath

# Words a minute of a reader who learns as he reads, in French: slower than a novel's 250.
WORDS_PER_MINUTE = 200
# The essential path's cap: about fifty minutes of reading a day for a week.
ESSENTIAL_CAP = 10_000


# The extensions of mkdocs.yml that shape a page's text (permalinks, emoji and checkboxes add
# no word a reader reads).
TEXT_EXTENSIONS = (
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def words(text: str) -> int:
    """Words of a plain text, French elisions counted apart: « l’équipe » is two."""
    return len([w for w in re.split(r"[\s’'\u00a0\u202f]+", text) if re.search(r"\w", w)])


def article_words(html: str) -> int:
    """Words of a page's main text (its article), French elisions counted apart: « l’équipe » is two."""
    body = html[html.index("<article") : html.index("</article>")]
    body = re.sub(r'<a class="headerlink".*?</a>|<(script|style)\b.*?</\1>', " ", body, flags=re.S)
    return words(re.sub(r"<[^>]+>", " ", body))


# The lists of links that close a role page (the cases, phases and annotated sessions where it
# appears) grow when an author adds a case or a session elsewhere: a role page's reading, which
# its cap measures, stops above them.
_CLOSING_LISTS = re.compile(r'<h2\b[^>]*\bid="(?:ou-le-retrouver|seances-commentees)"')


def reading_words(html: str) -> int:
    """Words of a page's article above its closing lists of links (`article_words` otherwise)."""
    start = html.find("<article")
    end = _CLOSING_LISTS.search(html, start)
    return article_words(html[: end.start()] + "</article>" if end else html)


def _generated_html(page_markdown: str, tags: Iterable[str]) -> str:
    # The theme lists a page's tags at the top of its article.
    html = markdown.markdown(_FRONT_MATTER.sub("", page_markdown), extensions=list(TEXT_EXTENSIONS))
    return f"<article>{' '.join(tags)}\n{html}</article>"


def generated_page_words(page_markdown: str, tags: Iterable[str] = ()) -> int:
    """The words `article_words` finds in the built page, counted from the core's Markdown of
    a generated page: its text made HTML with the site's extensions, and the tags the theme
    lists in the article."""
    return article_words(_generated_html(page_markdown, tags))


def generated_reading_words(page_markdown: str, tags: Iterable[str] = ()) -> int:
    """The words `reading_words` finds in the built page, from the core's Markdown of a
    generated page. tests/test_build.py holds both counts equal on every role page."""
    return reading_words(_generated_html(page_markdown, tags))


def page_words(site: Path, target: str) -> int:
    """Words of the built page for the docs path `target` (roles/index.md)."""
    html_file = site / re.sub(r"\.md$", ".html", target)
    return article_words(html_file.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class StepReading:
    step: str
    pages: dict[str, int]  # words of each page the step lists under 'read'
    declared: int  # minutes the step announces for its reading

    @property
    def words(self) -> int:
        return sum(self.pages.values())

    @property
    def minutes(self) -> int:
        """Minutes the words take at WORDS_PER_MINUTE."""
        return math.ceil(self.words / WORDS_PER_MINUTE)


def path_reading(site: Path, path: OnboardingPath) -> list[StepReading]:
    return [
        StepReading(step.id, {t: page_words(site, t) for t in step.read}, step.time.reading)
        for step in path.steps
    ]


def report(readings: list[StepReading]) -> str:
    """A table of the figures: words, measured and announced minutes per step, and the total."""
    lines = [f"{'step':<32} {'words':>6} {'min':>4} {'shown':>5}"]
    for r in readings:
        lines.append(f"{r.step:<32} {r.words:>6} {r.minutes:>4} {r.declared:>5}")
        lines += [f"    {page:<28} {n:>6}" for page, n in r.pages.items()]
    total = sum(r.words for r in readings)
    lines.append(
        f"{'total':<32} {total:>6} {math.ceil(total / WORDS_PER_MINUTE):>4} "
        f"{sum(r.declared for r in readings):>5}   (cap {ESSENTIAL_CAP} words)"
    )
    return "\n".join(lines)
