"""Page builders: one function per collection, each yielding its index page and entry pages."""

from __future__ import annotations

from collections.abc import Iterator

from .render import GeneratedPage, Renderer, builder, url_of


@builder
def roles(r: Renderer) -> Iterator[GeneratedPage]:
    c = r.content
    yield r.page(
        url_of("roles"),
        "roles_index.md.j2",
        title="Les quatre rôles du consultant",
        description="Miroir, Éperon, Modérateur, Intégrateur : les quatre rôles complémentaires "
        "que le consultant joue en alternance pendant l'accompagnement.",
    )
    for role in c.roles.values():
        yield r.page(
            url_of("roles", role.id),
            "role.md.j2",
            title=f"Rôle {role.name}",
            description=role.summary,
            source=c.source("roles", role.id),
            tags=role.tags,
            role=role,
        )


@builder
def planes(r: Renderer) -> Iterator[GeneratedPage]:
    c = r.content
    yield r.page(
        url_of("planes"),
        "planes_index.md.j2",
        title="Les trois plans d'analyse et d'expérience",
        description="Pairs, organisation, équipe : les trois plans sur lesquels le manager "
        "s'évalue, expérimente et prend du recul tout au long de l'accompagnement.",
    )
    for plane in c.planes.values():
        yield r.page(
            url_of("planes", plane.id),
            "plane.md.j2",
            title=f"Plan {plane.name}",
            description=plane.summary,
            source=c.source("planes", plane.id),
            tags=plane.tags,
            plane=plane,
        )


@builder
def principles(r: Renderer) -> Iterator[GeneratedPage]:
    c = r.content
    yield r.page(
        url_of("principles"),
        "principles_index.md.j2",
        title="Les principes de l'accompagnement",
        description="Neutralité, confiance réciproque, confidentialité, dialogue ouvert : les "
        "principes qui rendent le cadre de l'accompagnement stimulant et protecteur.",
    )
    for principle in c.principles.values():
        yield r.page(
            url_of("principles", principle.id),
            "principle.md.j2",
            title=principle.name,
            description=principle.summary,
            source=c.source("principles", principle.id),
            tags=principle.tags,
            principle=principle,
        )


@builder
def contrasts(r: Renderer) -> Iterator[GeneratedPage]:
    c = r.content
    yield r.page(
        url_of("contrasts"),
        "contrasts_index.md.j2",
        title="Ce que l'accompagnement n'est pas",
        description="Ni audit, ni revue de projet, ni évaluation des personnes : l'entretien "
        "d'accompagnement comparé point par point à ces trois autres entretiens.",
        source=c.source("practice"),
    )
    for contrast in c.contrasts.values():
        yield r.page(
            url_of("contrasts", contrast.id),
            "contrast.md.j2",
            title=f"Pas un {contrast.name[0].lower()}{contrast.name[1:]}"
            if contrast.name.startswith("Entretien")
            else f"Pas une {contrast.name[0].lower()}{contrast.name[1:]}",
            description=contrast.summary,
            source=c.source("contrasts", contrast.id),
            tags=contrast.tags,
            contrast=contrast,
        )


@builder
def matrix(r: Renderer) -> Iterator[GeneratedPage]:
    from .worksheets import inline_markdown  # the table is raw HTML: its texts are converted here

    r.env.filters["inline_md"] = inline_markdown
    yield r.page(
        "matrice.md",
        "matrix.md.j2",
        title="Matrice des rôles et des plans",
        description="Les quatre rôles du consultant sur chacun des trois plans : à quoi ressemble "
        "chaque rôle avec les pairs, l'organisation et l'équipe, avec des exemples.",
        source=r.content.source("matrix"),
        hide=["toc"],
    )


@builder
def scenarios(r: Renderer) -> Iterator[GeneratedPage]:
    c = r.content
    yield r.page(
        url_of("scenarios"),
        "scenarios_index.md.j2",
        title="Cas pratiques",
        description="Des situations réalistes de managers pour s'entraîner : quels plans ouvrir, "
        "quels rôles jouer, et pourquoi. Réfléchissez avant d'ouvrir la réponse.",
    )
    for scenario in c.scenarios.values():
        yield r.page(
            url_of("scenarios", scenario.id),
            "scenario.md.j2",
            title=scenario.title,
            description=scenario.summary,
            source=c.source("scenarios", scenario.id),
            tags=scenario.tags,
            scenario=scenario,
        )


@builder
def glossary(r: Renderer) -> Iterator[GeneratedPage]:
    yield r.page(
        "glossaire.md",
        "glossary.md.j2",
        title="Glossaire",
        description="Les mots de la méthode d'accompagnement expliqués simplement : acquis, "
        "posture, personne-ressource, plans, rôles et les autres termes du guide.",
        source=r.content.source("glossary"),
    )


@builder
def onboarding_path(r: Renderer) -> Iterator[GeneratedPage]:
    c = r.content
    steps = c.path.steps
    yield r.page(
        "parcours/index.md",
        "path_index.md.j2",
        title="Parcours de formation",
        description="Un parcours en étapes pour le consultant qui découvre la méthode : objectifs, "
        "lectures et questions d'auto-vérification à chaque étape.",
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
