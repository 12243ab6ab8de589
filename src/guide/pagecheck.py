"""Checks of the hand-written pages (docs/*.md), so that `guide validate` and the build report
their mistakes like the content's: file, line, what to do, in French, never a traceback.

    docs/*.md --front matter--> parse_yaml (French syntax messages, the file's own lines)
              --links-->        every `[texte](page.md#ancre)` leads to a page of the site and,
                                for a hand-written or generated page, to one of its headings
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from .errors import ContentError, display_path
from .messages import say
from .sitemap import page_title
from .yamlfile import YamlFileError, parse_yaml

# Keys MkDocs and Material read in a page's front matter.
FRONT_MATTER_KEYS = ("title", "description", "hide", "tags", "search", "template", "status", "icon")
_TEXT_KEYS = ("title", "description")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*(?:\{([^}]*)\})?\s*#*\s*$")
_EXPLICIT_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}|\bid=\"([^\"]+)\"")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def front_matter(text: str) -> tuple[str, int] | None:
    """The front matter of a page (between its first two `---` lines) and the line of its end,
    or None when the page has none; ("", -1) when it is never closed."""
    if not text.startswith("---\n") and not text.startswith("---\r\n"):
        return None
    lines = text.splitlines()
    for number, line in enumerate(lines[1:], 2):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1 : number - 1]), number
    return "", -1


def check_front_matter(file: Path, shown: str) -> list[ContentError]:
    text = file.read_text(encoding="utf-8")
    found = front_matter(text)
    if found is None:
        return _check_title(text, shown)
    body, end = found
    if end < 0:
        return [
            ContentError(
                shown,
                1,
                "",
                "l’en-tête de la page commence par « --- » mais n’est jamais fermé : ajoutez une "
                "ligne « --- » après sa dernière ligne (description: …)",
            )
        ]
    if not body.strip():
        return _check_title(text, shown)
    try:
        document = parse_yaml("\n" + body, shown, what="front_matter")
    except YamlFileError as exc:
        return [exc.error]
    errors = []
    for key, value in document.data.items():
        line = document.lines.get((key,), 1)
        if key not in FRONT_MATTER_KEYS:
            close = difflib.get_close_matches(str(key), FRONT_MATTER_KEYS, n=1)
            hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
            errors.append(
                ContentError(
                    shown,
                    line,
                    str(key),
                    f"clé inconnue dans l’en-tête de la page.{hint} "
                    f"Clés possibles : {', '.join(FRONT_MATTER_KEYS)}",
                )
            )
        elif key in _TEXT_KEYS and (not isinstance(value, str) or not value.strip()):
            errors.append(
                ContentError(
                    shown,
                    line,
                    str(key),
                    "il faut ici un texte non vide ; s’il contient « : », mettez-le entre guillemets",
                )
            )
    return errors or _check_title(text, shown)


def _check_title(text: str, shown: str) -> list[ContentError]:
    """A page has a title (its menu entry and the site map name it): `title:` in its front
    matter, or a first heading `# …`."""
    try:
        page_title(text, shown)
    except ValueError:
        return [ContentError(shown, 1, "", say("page.no_title"))]
    return []


def slugify(text: str) -> str:
    """The id MkDocs gives a heading (Python-Markdown's toc.slugify, on the heading's text)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link keeps its text
    text = re.sub(r"[*_`]", "", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def anchors(markdown: str) -> set[str]:
    """The ids of a page's headings (with the `_1` MkDocs adds to a repeated one) and the
    explicit ids it sets."""
    found: set[str] = set()
    fenced = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        heading = _HEADING.match(line)
        if heading:
            slug = slugify(heading.group(2))
            unique, n = slug, 0
            while unique in found:
                n += 1
                unique = f"{slug}_{n}"
            found.add(unique)
        for explicit in _EXPLICIT_ID.finditer(line):
            found.add(explicit.group(1) or explicit.group(2))
    return found


def check_links(
    docs: Path, generated: Mapping[str, str], *, project_root: Path, files: Iterable[Path] | None = None
) -> list[ContentError]:
    """Every internal link of every hand-written page leads to a page (and a heading) of the site.

    `generated` maps the path of each page made from content to its Markdown."""
    pages: dict[str, str] = dict(generated)
    hand_written = sorted(docs.rglob("*.md")) if files is None else sorted(files)
    for file in hand_written:
        pages[file.relative_to(docs).as_posix()] = file.read_text(encoding="utf-8")
    ids: dict[str, set[str]] = {}
    errors: list[ContentError] = []
    for file in hand_written:
        page = file.relative_to(docs).as_posix()
        shown = display_path(file, project_root)
        fenced = False
        for number, line in enumerate(pages[page].splitlines(), 1):
            if _FENCE.match(line):
                fenced = not fenced
            if fenced:
                continue
            for match in _LINK.finditer(re.sub(r"`[^`]*`", "", line)):
                target = match.group(1)
                if _EXTERNAL.match(target):
                    continue
                path, _, anchor = target.partition("#")
                if path:
                    resolved = _resolve(page, path)
                    if resolved is None or (resolved not in pages and not (docs / resolved).exists()):
                        close = difflib.get_close_matches(resolved or path, list(pages), n=1)
                        hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
                        errors.append(
                            ContentError(
                                shown,
                                number,
                                "",
                                f"lien vers « {target} » : cette page n’existe pas dans le site.{hint} "
                                "Un lien part du dossier de la page (docs/) et finit par .md",
                            )
                        )
                        continue
                else:
                    resolved = page
                if anchor and resolved in pages:
                    known = ids.setdefault(resolved, anchors(pages[resolved]))
                    if anchor not in known:
                        close = difflib.get_close_matches(anchor, sorted(known), n=1)
                        hint = f" Vouliez-vous dire « #{close[0]} » ?" if close else ""
                        errors.append(
                            ContentError(
                                shown,
                                number,
                                "",
                                f"lien vers « {target} » : la page {resolved} n’a pas de titre dont "
                                f"l’ancre est « #{anchor} ».{hint} L’ancre d’un titre s’écrit en "
                                "minuscules, sans accents ni ponctuation, les mots liés par « - »",
                            )
                        )
    return errors


def _resolve(page: str, path: str) -> str | None:
    """A link's target as a path of the docs tree, or None when it leaves the tree."""
    parts: list[str] = []
    for part in (PurePosixPath(page).parent / path).parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)
