"""Page builders: one function per collection, each yielding its index page and entry pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from . import models as m
from .catalog import collection
from .render import GeneratedPage, Renderer, url_of


def collection_pages(
    r: Renderer,
    key: str,
    *,
    title: str,
    description: str,
    entry_title: Callable[[Any], str],
    index_source: str | None = None,
    index_searchable: bool = True,
) -> Iterator[GeneratedPage]:
    """A collection's index page and one page per entry, from the templates its declaration names."""
    spec = collection(key)
    yield r.page(
        url_of(key),
        spec.index_template,
        title=title,
        description=description,
        source=index_source,
        searchable=index_searchable,
    )
    for entry in r.content.collection(key).values():
        yield r.page(
            url_of(key, entry.id),
            spec.template,
            title=entry_title(entry),
            description=entry.summary,
            source=r.content.source(key, entry.id),
            tags=entry.tags,
            **{spec.noun: entry},
        )


def roles(r: Renderer) -> Iterator[GeneratedPage]:
    yield from collection_pages(
        r,
        "roles",
        title="Les quatre rôles du consultant",
        description="Miroir, Éperon, Modérateur, Intégrateur : les quatre rôles complémentaires "
        "que le consultant joue en alternance pendant l’accompagnement.",
        entry_title=lambda role: f"Rôle {role.name}",
    )


def planes(r: Renderer) -> Iterator[GeneratedPage]:
    yield from collection_pages(
        r,
        "planes",
        title="Les trois plans d’analyse et d’expérience",
        description="Pairs, organisation, équipe : les trois plans sur lesquels le manager "
        "s’évalue, expérimente et prend du recul tout au long de l’accompagnement.",
        entry_title=lambda plane: f"Plan {plane.name}",
    )


def principles(r: Renderer) -> Iterator[GeneratedPage]:
    yield from collection_pages(
        r,
        "principles",
        title="Les principes de l’accompagnement",
        description="Neutralité, confiance réciproque, confidentialité, dialogue ouvert : les "
        "principes qui rendent le cadre de l’accompagnement stimulant et protecteur.",
        entry_title=lambda principle: principle.name,
    )


def _contrast_title(contrast: m.Contrast) -> str:
    """« Pas un entretien d'audit », « Pas une revue de projet… »."""
    article = "un" if contrast.name.startswith("Entretien") else "une"
    return f"Pas {article} {contrast.name[0].lower()}{contrast.name[1:]}"


def contrasts(r: Renderer) -> Iterator[GeneratedPage]:
    yield from collection_pages(
        r,
        "contrasts",
        title="Ce que l’accompagnement n’est pas",
        description="Ni audit, ni revue de projet, ni évaluation des personnes : l’entretien "
        "d’accompagnement comparé point par point à ces trois autres entretiens.",
        entry_title=_contrast_title,
        index_source=r.content.source("practice"),
    )


def matrix(r: Renderer) -> Iterator[GeneratedPage]:
    from .worksheets import inline_markdown  # the table is raw HTML: its texts are converted here

    r.env.filters["inline_md"] = inline_markdown
    yield r.page(
        "matrice.md",
        "matrix.md.j2",
        title="Matrice des rôles et des plans",
        description="Les quatre rôles du consultant sur chacun des trois plans : à quoi ressemble "
        "chaque rôle avec les pairs, l’organisation et l’équipe, avec des exemples.",
        source=r.content.source("matrix"),
        hide=["toc"],
    )


def scenarios(r: Renderer) -> Iterator[GeneratedPage]:
    yield from collection_pages(
        r,
        "scenarios",
        title="Cas pratiques",
        description="Des situations de managers où choisir : le rôle à tenir d’abord, le geste à "
        "éviter, les plans à ouvrir. Décidez avant d’ouvrir la réponse, puis comparez.",
        entry_title=lambda scenario: scenario.title,
        index_searchable=False,  # the index repeats each case; search finds the case's own page
    )


def glossary(r: Renderer) -> Iterator[GeneratedPage]:
    yield r.page(
        "glossaire.md",
        "glossary.md.j2",
        title="Glossaire",
        description="Les mots de la méthode d’accompagnement expliqués simplement : acquis, "
        "posture, personne-ressource, plans, rôles et les autres termes du guide.",
        source=r.content.source("glossary"),
    )


def onboarding_path(r: Renderer) -> Iterator[GeneratedPage]:
    c = r.content
    steps = c.path.steps
    yield r.page(
        "parcours/index.md",
        "path_index.md.j2",
        title="Parcours de formation",
        description="Le parcours du consultant qui découvre la méthode : des lectures, des cas où "
        "choisir, des séances jouées à trois et supervisées, et les critères pour accompagner seul.",
        source=c.source("path"),
    )
    for n, step in enumerate(steps):
        yield r.page(
            f"parcours/{step.id}.md",
            "path_step.md.j2",
            title=f"Étape {n + 1} : {step.title}",
            description=step.summary,
            source=c.source("path"),
            step=step,
            number=n + 1,
            total=len(steps),
            previous=steps[n - 1] if n > 0 else None,
            next=steps[n + 1] if n + 1 < len(steps) else None,
        )


def phases(r: Renderer) -> Iterator[GeneratedPage]:
    yield from collection_pages(
        r,
        "phases",
        title="Le déroulement d’un accompagnement",
        description="De la demande au bilan tripartite : les étapes d’un accompagnement de "
        "manager, qui y prend part, ce qui s’y convient et ce que le commanditaire en apprend.",
        entry_title=lambda phase: phase.name,
    )
