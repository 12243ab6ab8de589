"""Page builders: one function per collection, each yielding its index page and entry pages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import models as m
from .catalog import COLLECTIONS, collection
from .render import PATH_INDEX, GeneratedPage, Renderer, url_of

MARKS_SCRIPT = "assets/marks.js"  # the star and « déjà utilisé » buttons (templates/_marks.html.j2)


def collection_pages(
    r: Renderer,
    key: str,
    *,
    index_source: str | None = None,
    index_searchable: bool = True,
    index_scripts: tuple[str, ...] = (),
    entries_searchable: bool = True,
) -> Iterator[GeneratedPage]:
    """A collection's index page and one page per entry, from the templates its declaration
    names and the texts of content/interface.yml."""
    spec = collection(key)
    texts = r.content.interface.collections[key]
    yield r.page(
        url_of(key),
        spec.index_template,
        title=texts.title,
        description=texts.description,
        source=index_source,
        searchable=index_searchable,
        scripts=index_scripts,
    )
    for entry in r.content.collection(key).values():
        yield r.page(
            url_of(key, entry.id),
            spec.template,
            title=entry_title(texts, entry),
            description=entry_description(texts, entry),
            source=r.content.source(key, entry.id),
            tags=entry.tags,
            searchable=entries_searchable,
            scripts=[MARKS_SCRIPT],
            **{spec.noun: entry},
        )


def entry_description(texts: m.CollectionTexts, entry: Any) -> str:
    """An entry page's description: its summary, or the collection's `entry_description`."""
    if texts.entry_description is None:
        return str(entry.summary)
    return texts.entry_description.format(name=str(entry.name), summary=entry.summary)


def entry_title(texts: m.CollectionTexts, entry: Any) -> str:
    """An entry page's title, from its collection's `entry_title`: « Rôle {name} »,
    « Pas {article} {name_lower} » (« Pas une revue de projet »)."""
    name = str(entry.name)
    article = "un" if name.startswith("Entretien") else "une"
    return texts.entry_title.format(name=name, article=article, name_lower=name[:1].lower() + name[1:])


def collections(r: Renderer) -> Iterator[GeneratedPage]:
    """The pages of every collection declared in guide.catalog without a builder of its own."""
    for spec in COLLECTIONS:
        if not spec.own_builder:
            source = r.content.source(spec.index_source) if spec.index_source else None
            yield from collection_pages(
                r,
                spec.key,
                index_source=source,
                index_searchable=spec.index_searchable,
                index_scripts=spec.index_scripts,
                entries_searchable=spec.entries_searchable,
            )


def single_page(r: Renderer, path: str, template: str, texts: m.PageTexts, **options: Any) -> GeneratedPage:
    """A page that is no collection's, with its texts from content/interface.yml."""
    return r.page(path, template, title=texts.title, description=texts.description, **options)


def matrix(r: Renderer) -> Iterator[GeneratedPage]:
    texts = r.content.interface.pages.matrix
    yield single_page(r, "matrice.md", "matrix.md.j2", texts, source=r.content.source("matrix"), hide=["toc"])


def glossary(r: Renderer) -> Iterator[GeneratedPage]:
    texts = r.content.interface.pages.glossary
    yield single_page(r, "glossaire.md", "glossary.md.j2", texts, source=r.content.source("glossary"))


LEGAL_PAGE = "mentions-legales.md"  # linked from every page's footer (overrides/partials/copyright.html)
PRIVACY_PAGE = "donnees-personnelles.md"


def legal(r: Renderer) -> Iterator[GeneratedPage]:
    """The legal notice and the personal data page, from content/publisher.yml. Search indexes
    their titles and headings only: their text is no part of the method, and the index's weight
    is kept (tests/test_page_weight.py)."""
    texts = r.content.interface.pages
    options = {"source": r.content.source("publisher"), "searchable": False}
    yield single_page(r, LEGAL_PAGE, "legal.md.j2", texts.legal, privacy=PRIVACY_PAGE, **options)
    yield single_page(r, PRIVACY_PAGE, "privacy.md.j2", texts.privacy, legal=LEGAL_PAGE, **options)


def onboarding_path(r: Renderer) -> Iterator[GeneratedPage]:
    c = r.content
    steps = c.path.steps
    ui = c.interface
    yield single_page(r, PATH_INDEX, "path_index.md.j2", ui.pages.path, source=c.source("path"))
    for n, step in enumerate(steps):
        yield r.page(
            f"parcours/{step.id}.md",
            "path_step.md.j2",
            title=ui.path.step_title.format(number=n + 1, title=step.title),
            description=step.summary,
            source=c.source("path"),
            step=step,
            number=n + 1,
            total=len(steps),
            previous=steps[n - 1] if n > 0 else None,
            next=steps[n + 1] if n + 1 < len(steps) else None,
        )
