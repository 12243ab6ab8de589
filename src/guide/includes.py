"""Texts of the content inserted into hand-written pages (docs/*.md), so that a text lives once.

    docs/decouvrir.md: a line `[[confidentialite: ce-qui-reste, limites]]`
      --templates/_insert_confidentiality.md.j2--> the sections of content/confidentiality.yml
    a line `[[confidentialite-bref: resume, premiere-seance]]`
      --templates/_insert_spoken.md.j2--> its one-sentence summary, or the words said aloud
    a line `[[editeur: contact]]`
      --templates/_insert_publisher.md.j2--> the publisher's email and postal address

The markers are checked with the content, before anything is written: an unknown marker or
section is an error naming the page, the line and what is allowed.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import ContentError, ContentErrors, display_path
from .messages import say, unknown
from .render import Renderer

MARKER = re.compile(r"^\[\[\s*([^\]:\s]+)\s*:\s*([^\]]*)\]\]\s*$", re.M)
INSERTS = {
    "confidentialite": "_insert_confidentiality.md.j2",
    "confidentialite-bref": "_insert_spoken.md.j2",
    "editeur": "_insert_publisher.md.j2",
}
# `[[editeur: contact]]` prints how to write to the publisher (content/publisher.yml): its email
# address and its postal address.
PUBLISHER_PARTS = ["contact"]
# `[[confidentialite-bref: resume]]` prints the frame's one-sentence summary and a link to the
# whole frame; `[[confidentialite-bref: premiere-seance]]` the words the consultant says aloud.
SUMMARY_ID = "resume"

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.S)


def without_front_matter(markdown: str) -> str:
    """A page's Markdown without its YAML front matter, as MkDocs hands it to the hooks."""
    return FRONT_MATTER.sub("", markdown, count=1)


def expand_docs(docs: Path, renderer: Renderer, *, project_root: Path) -> dict[str, str]:
    """The Markdown of each page of `docs` that holds a marker, with the marker replaced."""
    expanded: dict[str, str] = {}
    errors: list[ContentError] = []
    for file in sorted(docs.rglob("*.md")):
        text = file.read_text(encoding="utf-8")
        if not MARKER.search(text):
            continue
        page_path = file.relative_to(docs).as_posix()
        shown = display_path(file, project_root)
        expanded[page_path] = expand(text, page_path, shown, renderer, errors)
    if errors:
        raise ContentErrors(errors)
    return expanded


def expand(text: str, page_path: str, shown: str, renderer: Renderer, errors: list[ContentError]) -> str:
    frame = renderer.content.confidentiality
    allowed_by_insert = {
        "confidentialite": [s.id for s in frame.sections],
        "confidentialite-bref": [SUMMARY_ID, *(s.id for s in frame.spoken)],
        "editeur": PUBLISHER_PARTS,
    }

    def replace(match: re.Match[str]) -> str:
        line = text.count("\n", 0, match.start()) + 1
        name = match.group(1)
        if name not in INSERTS:
            errors.append(ContentError(shown, line, name, unknown("insert", name, INSERTS)))
            return ""
        ids = [part.strip() for part in match.group(2).split(",") if part.strip()]
        allowed = allowed_by_insert[name]
        nouns = {"confidentialite": "confidentiality", "editeur": "publisher_part"}
        noun = nouns.get(name, "frame_short")
        bad = [i for i in ids if i not in allowed]
        for i in bad:
            errors.append(ContentError(shown, line, name, unknown(noun, i, allowed)))
        if bad or not ids:
            if not ids:
                errors.append(
                    ContentError(shown, line, name, say("insert.no_section", allowed=", ".join(allowed)))
                )
            return ""
        inserted = renderer.fragment(INSERTS[name], page_path=page_path, ids=ids).strip()
        # The marker's pattern takes the blank lines after it: a list ends with one of its own.
        return inserted + "\n\n" if name == "editeur" else inserted

    return MARKER.sub(replace, text)
