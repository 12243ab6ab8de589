"""The guide's page builders, listed once: a new kind of page is one line here.

    Content --Renderer--> each builder yields GeneratedPage(s) --> render_pages -> hooks or export

The builders import guide.render for the Renderer and never this module, so no import circle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from . import cards, pages, planner, worksheets
from .content import Content
from .render import TEMPLATES, GeneratedPage, Renderer, docs_titles

PageBuilder = Callable[[Renderer], Iterator[GeneratedPage]]

BUILDERS: tuple[PageBuilder, ...] = (
    # Every collection of guide.catalog without a builder of its own:
    pages.collections,
    pages.matrix,
    pages.glossary,
    pages.legal,
    worksheets.worksheets,
    planner.tools,
    cards.cards_page,
    cards.reference_page,
)
# Run once every other page's title is known: their pages name other pages by title.
LATE_BUILDERS: tuple[PageBuilder, ...] = (pages.onboarding_path,)


def render_pages(content: Content, templates: Path = TEMPLATES, *, site_url: str = "") -> list[GeneratedPage]:
    """Every generated page of the guide, in a stable order; paths are unique."""
    renderer = Renderer(content, templates, site_url=site_url)
    result = [page for build in BUILDERS for page in build(renderer)]
    renderer.titles = {**docs_titles(content.root.parent / "docs"), **{p.path: p.title for p in result}}
    result += [page for build in LATE_BUILDERS for page in build(renderer)]
    paths = [page.path for page in result]
    duplicates = sorted({p for p in paths if paths.count(p) > 1})
    if duplicates:
        raise RuntimeError(f"Two builders generate the same page: {', '.join(duplicates)}")
    return result
