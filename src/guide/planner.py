"""The consultant's tools for a session: the planner, the timer, and the old composer's address.

    Content.structures --templates/planner.md.j2--> outils/planifier.md (structures as content,
        the planner's form, its data as JSON) --docs/assets/planner.js--> a plan, a run sheet
    outils/minuteur.md --docs/assets/timer.js--> the plan's steps timed on screen

Without JavaScript the planner shows every structure as readable content. With it, the
consultant picks a setting, a phase, a structure and a total time; the steps' benchmark times
are scaled to that total; he adjusts them, adds prompts taken from the roles, planes and cases,
prints one A4 run sheet or exports Markdown. The plan is written in the address (`#plan=`)
and, when named, kept in the browser's localStorage. Nothing is sent anywhere.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from . import models as m
from .render import GeneratedPage, Renderer, url_of
from .worksheets import inline_markdown, page_href

PLANNER = "outils/planifier.md"
TIMER = "outils/minuteur.md"
FAVOURITES = "outils/favoris.md"
MARKS_SCRIPT = "assets/marks.js"  # the star and « déjà utilisé » buttons, on the pages that have them
OLD_COMPOSER = "fiches/composer.md"  # the address of the composer this planner replaces

_TAGS = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """A text of the content as plain text (its inline Markdown rendered, then unmarked)."""
    import html

    return html.unescape(_TAGS.sub("", inline_markdown(text)))


def prompt_catalogue(content: Any) -> list[dict[str, Any]]:
    """Prompts the consultant may add to a step: the roles' example words, the planes' lines of
    inquiry, the consultant's lines of each case. Ids are stable: `<collection>/<id>/<n>`."""
    groups: list[dict[str, Any]] = []
    for role in content.roles.values():
        groups.append(
            {
                "label": f"Rôle {role.name}",
                "items": [[f"roles/{role.id}/{i}", plain(e.words)] for i, e in enumerate(role.examples)],
            }
        )
    for plane in content.planes.values():
        groups.append(
            {
                "label": f"Plan {plane.name}",
                "items": [[f"planes/{plane.id}/{i}", plain(t)] for i, t in enumerate(plane.inquiries)],
            }
        )
    for case in content.scenarios.values():
        lines = [(i, line.words) for i, line in enumerate(case.dialogue) if line.speaker == "consultant"]
        groups.append(
            {
                "label": f"Cas : {plain(case.title)}",
                "items": [[f"scenarios/{case.id}/{i}", plain(words)] for i, words in lines],
            }
        )
    return groups


def planner_data(content: Any, page: str) -> dict[str, Any]:
    """What planner.js and timer.js need, with links relative to `page`."""
    href = page_href(page)

    def ref(key: str, entry: Any) -> dict[str, str]:
        return {"id": entry.id, "name": plain(entry.name), "href": href(url_of(key, entry.id))}

    return {
        "settings": m.SETTING_LABELS,
        "phases": [ref("phases", p) for p in content.phases.values()],
        "structures": [
            {
                "id": s.id,
                "name": plain(s.name),
                "href": href(url_of("structures", s.id)),
                "setting": s.setting,
                "phases": s.phases,
                "shortest": s.shortest,
                "longest": s.longest,
                "total": s.total,
                "steps": [
                    {
                        "id": step.id,
                        "name": plain(step.name),
                        "minutes": step.minutes,
                        "purpose": plain(step.purpose),
                        "roles": [ref("roles", content.roles[r]) for r in step.roles],
                        "planes": [ref("planes", content.planes[p]) for p in step.planes],
                    }
                    for step in s.steps
                ],
            }
            for s in content.structures.values()
        ],
        "prompts": prompt_catalogue(content),
        "confidentiality": plain(content.confidentiality.summary),
        "planner": href(PLANNER),
        "timer": href(TIMER),
    }


def data_script(data: dict[str, Any], element_id: str) -> str:
    """Data for a script, as a JSON block the browser never runs (no CSP hash needed)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def tools(r: Renderer) -> Iterator[GeneratedPage]:
    r.env.filters["inline_md"] = inline_markdown
    yield r.page(
        PLANNER,
        "planner.md.j2",
        title="Préparer une séance",
        description="Choisissez le cadre, le moment de l’accompagnement et la durée : le planificateur "
        "propose un déroulé minuté, que vous ajustez, imprimez sur une page A4 ou exportez.",
        hide=["toc"],
        styles=["assets/print.css", "assets/planner.css"],
        scripts=["assets/plan.js", "assets/planner.js"],
        data=data_script(planner_data(r.content, PLANNER), "planner-data"),
        href=page_href(PLANNER),
        settings=m.SETTING_LABELS,
    )
    yield r.page(
        TIMER,
        "timer.md.j2",
        title="Minuteur de séance",
        description="Le minuteur d’un plan de séance : le temps qui reste pour l’étape et pour la "
        "séance, lisible de l’autre côté de la table.",
        hide=["toc", "navigation"],
        styles=["assets/planner.css"],
        scripts=["assets/plan.js", "assets/timer.js"],
        data=data_script(planner_data(r.content, TIMER), "planner-data"),
        href=page_href(TIMER),
    )
    yield r.page(
        FAVOURITES,
        "favourites.md.j2",
        title="Mes favoris",
        description="Vos favoris et vos marques « déjà utilisé », gardés dans ce navigateur seulement : "
        "les retrouver, les exporter, les importer, les effacer.",
        hide=["toc"],
        searchable=False,
        scripts=[MARKS_SCRIPT, "assets/favourites.js"],
    )
    yield r.page(
        OLD_COMPOSER,
        "moved.md.j2",
        title="Le composeur est devenu le planificateur de séance",
        description="Cette page a déménagé : le planificateur de séance remplace le composeur de fiche.",
        searchable=False,
        target=page_href(OLD_COMPOSER)(PLANNER),
        target_title="Préparer une séance",
    )
