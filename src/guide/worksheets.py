"""Worksheet pages (the "Fiches" section). Placeholder to be completed by the worksheet issue."""

from __future__ import annotations

from collections.abc import Iterator

from .render import GeneratedPage, Renderer, builder, url_of


@builder
def worksheets(r: Renderer) -> Iterator[GeneratedPage]:
    c = r.content
    yield r.page(
        url_of("worksheets"),
        "worksheets_index.md.j2",
        title="Fiches imprimables",
        description="Des fiches A4 à imprimer pour préparer, mener et conclure les séances "
        "d'accompagnement, tirées des mêmes données que le guide.",
    )
    for sheet in c.worksheets.values():
        yield r.page(
            url_of("worksheets", sheet.id),
            "worksheet.md.j2",
            title=sheet.title,
            description=sheet.summary,
            source=c.source("worksheets", sheet.id),
            tags=sheet.tags,
            sheet=sheet,
        )


@builder
def composer(r: Renderer) -> Iterator[GeneratedPage]:
    yield r.page(
        "fiches/composer.md",
        "composer.md.j2",
        title="Composer une fiche de séance",
        description="Choisissez les plans, les rôles et les principes utiles à votre prochaine "
        "séance et imprimez une fiche A4 qui ne contient que ceux-là.",
    )
