"""The site map (plan-du-site.html): every page of the guide, in the order of the navigation.

    mkdocs.yml's nav, expanded --site_map_page--> GeneratedPage (Markdown links, checked by MkDocs)

A second way to find a page besides the menu and search (RGAA 12.1). Each page is named by its
title (the rule of dev/architecture.md: a generated page's title, a written page's front matter
`title` or first heading), never by its shorter menu label; a section without an index page by
the nav's section title. Pages that the nav does not list (there should be none)
are listed at the end, so that the map always links every page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from .page import GeneratedPage, relative_link

PATH = "plan-du-site.md"
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


def page_title(markdown: str, path: str) -> str:
    """The title a written page gives itself: front matter `title`, else its first heading."""
    front = _FRONT_MATTER.match(markdown)
    if front:
        meta = yaml.safe_load(front.group(1)) or {}
        if isinstance(meta, dict) and isinstance(meta.get("title"), str):
            return str(meta["title"])
    heading = _HEADING.search(markdown[front.end() if front else 0 :])
    if heading:
        return heading.group(1)
    raise ValueError(f"docs/{path} has no title: give it a front matter `title` or a first heading")


def _items(nav: Any) -> Iterator[tuple[str | None, Any]]:
    """(title or None, value) for each entry of a nav list."""
    for item in nav or []:
        if isinstance(item, dict):
            yield from item.items()
        else:
            yield None, item


def site_map_page(
    nav: Any, docs_dir: Path, pages: Iterable[GeneratedPage], *, title: str, description: str
) -> GeneratedPage:
    """The site map as a generated Markdown page; its title and description from the interface."""
    generated = {page.path: page.title for page in pages}
    written = {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")}
    listed: set[str] = {PATH}

    def title_of(path: str) -> str:
        if path in generated:
            return generated[path]
        return page_title((docs_dir / path).read_text(encoding="utf-8"), path)

    def link(title: str, path: str) -> str:
        return f"[{title}]({relative_link(path, PATH)})"

    def lines(entries: Any, depth: int) -> Iterator[str]:
        indent = "    " * depth
        for title, value in _items(entries):
            if isinstance(value, str):
                if value == PATH:
                    continue
                listed.add(value)
                yield f"{indent}- {link(title_of(value), value)}"
            elif isinstance(value, list):
                children = list(_items(value))
                # A section whose first entry is its index page (navigation.indexes) links to it.
                first = children[0] if children else None
                index = first[1] if first and first[0] is None and isinstance(first[1], str) else None
                if index is not None:
                    listed.add(index)
                    yield f"{indent}- {link(title_of(index), index)}"
                    rest = value[1:]
                else:
                    yield f"{indent}- {title}"
                    rest = value
                yield from lines(rest, depth + 1)

    body = list(lines(nav, 0))
    others = sorted((set(generated) | written) - listed)
    if others:
        body += ["- Autres pages", *(f"    - {link(title_of(p), p)}" for p in others)]
    front = yaml.safe_dump(
        {
            "title": title,
            "description": description,
            "search": {"exclude": True},
            "hide": ["toc"],
        },
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
    )
    markdown = (
        f"---\n{front}---\n\n# {title}\n\n"
        "Toutes les pages du guide, dans l’ordre du menu. Les [mots-clés](tags.md) "
        "regroupent aussi les pages par thème.\n\n" + "\n".join(body) + "\n"
    )
    return GeneratedPage(PATH, title, markdown, "src/guide/sitemap.py")
