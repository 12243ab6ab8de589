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

from .pages import MARKS_SCRIPT
from .render import COMPOSER_PAGE as OLD_COMPOSER
from .render import FAVOURITES_PAGE as FAVOURITES
from .render import PLANNER_PAGE as PLANNER
from .render import TIMER_PAGE as TIMER
from .render import GeneratedPage, Renderer, url_of
from .worksheets import inline_markdown, page_href

_TAGS = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """A text of the content as plain text (its inline Markdown rendered, then unmarked)."""
    import html

    return html.unescape(_TAGS.sub("", inline_markdown(text)))


def prompt_catalogue(content: Any) -> list[dict[str, Any]]:
    """Prompts the consultant may add to a step: each role's first example words, each plane's
    first two lines of inquiry, the first consultant line of each case (the rest is on their
    pages: all of it made the page weigh over 100 KB on load; loading the prompts on first use
    would let them all back in). Ids are stable: `<collection>/<id>/<n>`.
    First what the structures' steps ask (`structures/<id>/<step>/<n>`, a group keyed by
    `<id>/<step>` so that planner.js offers a step its own questions first) and the manager's
    question cards, then the roles, the planes and the cases."""
    groups: list[dict[str, Any]] = []
    for structure in content.structures.values():
        for step in structure.steps:
            if step.ask:
                groups.append(
                    {
                        "label": f"À demander · {plain(structure.name)} · {plain(step.name)}",
                        "key": f"{structure.id}/{step.id}",
                        "items": [
                            [f"structures/{structure.id}/{step.id}/{i}", plain(q)]
                            for i, q in enumerate(step.ask)
                        ],
                    }
                )
    for card in content.questions.values():
        groups.append(
            {
                "label": f"{content.interface.collections['questions'].plural} · {plain(card.name)}",
                "items": [[f"questions/{card.id}/{i}", plain(q)] for i, q in enumerate(card.questions)],
            }
        )
    for role in content.roles.values():
        groups.append(
            {
                "label": f"Rôle {role.name}",
                "items": [[f"roles/{role.id}/{i}", plain(e.words)] for i, e in enumerate(role.examples[:1])],
            }
        )
    for plane in content.planes.values():
        groups.append(
            {
                "label": f"Plan {plane.name}",
                "items": [[f"planes/{plane.id}/{i}", plain(t)] for i, t in enumerate(plane.inquiries[:2])],
            }
        )
    for case in content.scenarios.values():
        # The case's first consultant line only: its opening gesture. Every line of every case
        # made the page too heavy (over 100 KB on load) for prompts a coach found too particular.
        lines = [(i, line.words) for i, line in enumerate(case.dialogue) if line.speaker == "consultant"][:1]
        groups.append(
            {
                "label": f"Cas : {plain(case.title)}",
                "items": [[f"scenarios/{case.id}/{i}", plain(words)] for i, words in lines],
            }
        )
    return groups


GROUP_SHEET = "seance-collective"  # the worksheet whose confidentiality rule a group's run sheet prints
GROUP_NOTE_LINES = 5  # codes A to E, one line each, on a group's run sheet


def planner_data(content: Any, page: str) -> dict[str, Any]:
    """What planner.js and timer.js need, with links relative to `page`."""
    href = page_href(page)

    def ref(key: str, entry: Any) -> dict[str, str]:
        return {"id": entry.id, "name": plain(entry.name), "href": href(url_of(key, entry.id))}

    return {
        "settings": content.interface.labels.settings,
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
        # The run sheet's footer: the frame with one manager, the group's rule with several
        # (the sheet « Séance collective » says it).
        "confidentiality": {
            "individuel": plain(content.confidentiality.summary),
            "groupe": plain(content.worksheets[GROUP_SHEET].confidentiality)
            if GROUP_SHEET in content.worksheets
            else plain(content.confidentiality.summary),
        },
        "group_lines": GROUP_NOTE_LINES,
        "planner": href(PLANNER),
        "timer": href(TIMER),
    }


def data_script(data: dict[str, Any], element_id: str) -> str:
    """Data for a script, as a JSON block the browser never runs (no CSP hash needed)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def tools(r: Renderer) -> Iterator[GeneratedPage]:
    ui = r.content.interface.pages
    yield r.page(
        PLANNER,
        "planner.md.j2",
        title=ui.planner.title,
        description=ui.planner.description,
        hide=["toc"],
        styles=["assets/print.css", "assets/planner.css"],
        scripts=["assets/plan.js", "assets/planner.js"],
        data=data_script(planner_data(r.content, PLANNER), "planner-data"),
        href=page_href(PLANNER),
    )
    yield r.page(
        TIMER,
        "timer.md.j2",
        title=ui.timer.title,
        description=ui.timer.description,
        hide=["toc", "navigation"],
        styles=["assets/planner.css"],
        scripts=["assets/plan.js", "assets/timer.js"],
        data=data_script(planner_data(r.content, TIMER), "planner-data"),
        href=page_href(TIMER),
    )
    yield r.page(
        FAVOURITES,
        "favourites.md.j2",
        title=ui.favourites.title,
        description=ui.favourites.description,
        hide=["toc"],
        searchable=False,
        scripts=[MARKS_SCRIPT, "assets/favourites.js"],
    )
    yield r.page(
        OLD_COMPOSER,
        "moved.md.j2",
        title=ui.composer.title,
        description=ui.composer.description,
        searchable=False,
        redirect=page_href(OLD_COMPOSER)(PLANNER),
        target_title=ui.planner.title,
    )
