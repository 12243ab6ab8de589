"""Render the validated content into Markdown pages, through Jinja templates.

    Content --page builders--> GeneratedPage(path, markdown, source) --hooks or export--> site

Templates live in templates/ and run with StrictUndefined: a missing variable is an error.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml

from . import models as m
from .content import COLLECTIONS, Content

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from content: its path in the docs tree, its Markdown, the file it comes from."""

    path: str
    title: str
    markdown: str
    source: str


class Renderer:
    """A Jinja environment bound to the content, rendering one page at a time."""

    def __init__(self, content: Content, templates: Path = TEMPLATES, *, site_url: str = "") -> None:
        self.content = content
        self.templates = templates
        self.site_url = site_url  # the guide's public address, printed on sheets
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # Markdown output; texts were checked for raw HTML at load time
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["oneline"] = lambda text: " ".join(str(text).split())
        self.env.filters["attr"] = _attribute_text
        # Titles of every page, by docs-relative path: filled before the late builders run,
        # so that a page can name another by its title (the path's reading links).
        self.titles: dict[str, str] = {}

    def title_of(self, target: str) -> str:
        """The title of the page at `target` (docs-relative), generated or written in docs/."""
        try:
            return self.titles[target]
        except KeyError:
            raise RuntimeError(
                f"no page {target!r} in the guide: a link to it cannot show its title"
            ) from None

    def page(
        self,
        path: str,
        template: str,
        *,
        title: str,
        description: str,
        source: str | None = None,
        tags: Iterable[str] = (),
        hide: Iterable[str] = (),
        searchable: bool = True,
        styles: Iterable[str] = (),
        scripts: Iterable[str] = (),
        **context: Any,
    ) -> GeneratedPage:
        def link(target: str, anchor: str = "") -> str:
            relative = posixpath.relpath(target, posixpath.dirname(path) or ".")
            return f"{relative}#{anchor}" if anchor else relative

        meta: dict[str, Any] = {"title": title, "description": " ".join(description.split())}
        if tags:
            meta["tags"] = list(tags)
        if hide:
            meta["hide"] = list(hide)  # parts of the theme's layout, e.g. "toc"
        # Stylesheets and scripts that only this page needs (overrides/main.html links them),
        # so that the other pages do not download them.
        if styles:
            meta["styles"] = list(styles)
        if scripts:
            meta["scripts"] = list(scripts)
        if not searchable:
            meta["search"] = {"exclude": True}  # pages that only repeat other pages' texts
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
        body = self.env.get_template(template).render(
            content=self.content,
            page_path=path,
            link=link,
            url_of=url_of,
            labels=m.DIMENSION_LABELS,
            speakers=m.SPEAKERS,
            title_of=self.title_of,
            exercise_labels=m.EXERCISE_LABELS,
            path_steps={step.id: step for step in self.content.path.steps},
            title=title,
            **context,
        )
        # Pages made of template text only are edited in their template.
        origin = source if source is not None else f"templates/{template}"
        return GeneratedPage(path, title, f"---\n{front}---\n\n{body.strip()}\n", origin)


def _attribute_text(text: str) -> str:
    """Text safe inside a double-quoted HTML attribute or Markdown attribute list."""
    return " ".join(str(text).split()).replace("&", "&amp;").replace('"', "&quot;")


def url_of(key: str, entry_id: str = "index") -> str:
    """Docs-relative path of a collection's page: `url_of("planes", "pairs")` -> `plans/pairs.md`."""
    folder = next(spec.url for spec in COLLECTIONS if spec.key == key)
    return f"{folder}/{entry_id}.md"


PageBuilder = Callable[[Renderer], Iterator[GeneratedPage]]
BUILDERS: list[PageBuilder] = []
LATE_BUILDERS: list[PageBuilder] = []  # run once every other page's title is known


def builder(function: PageBuilder) -> PageBuilder:
    """Register a function that yields pages."""
    BUILDERS.append(function)
    return function


def late_builder(function: PageBuilder) -> PageBuilder:
    """Register a function that yields pages naming other pages by their titles."""
    LATE_BUILDERS.append(function)
    return function


def docs_titles(docs: Path) -> dict[str, str]:
    """The title of each hand-written page of `docs`: its front matter's, else its first heading."""
    titles: dict[str, str] = {}
    for file in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        text = file.read_text(encoding="utf-8")
        title = ""
        if text.startswith("---\n"):
            front = yaml.safe_load(text[4 : text.index("\n---", 4)]) or {}
            title = str(front.get("title", "")) if isinstance(front, dict) else ""
        if not title:
            heading = next((line for line in text.splitlines() if line.startswith("# ")), "")
            title = heading[2:].strip()
        if title:
            titles[file.relative_to(docs).as_posix()] = title
    return titles


def render_pages(content: Content, templates: Path = TEMPLATES, *, site_url: str = "") -> list[GeneratedPage]:
    """Every generated page of the guide, in a stable order; paths are unique."""
    from . import composer, pages, worksheets  # noqa: F401  (register the builders)

    renderer = Renderer(content, templates, site_url=site_url)
    result = [page for build in BUILDERS for page in build(renderer)]
    renderer.titles = {**docs_titles(content.root.parent / "docs"), **{p.path: p.title for p in result}}
    result += [page for build in LATE_BUILDERS for page in build(renderer)]
    paths = [page.path for page in result]
    duplicates = sorted({p for p in paths if paths.count(p) > 1})
    if duplicates:
        raise RuntimeError(f"Two builders generate the same page: {', '.join(duplicates)}")
    return result


def collection_nav(content: Content) -> dict[str, list[tuple[str, str]]]:
    """For each collection index page, the (title, path) of its entries in order."""
    nav: dict[str, list[tuple[str, str]]] = {}
    for spec in COLLECTIONS:
        entries = content.collection(spec.key).values()
        nav[url_of(spec.key)] = [(entry.name, url_of(spec.key, entry.id)) for entry in entries]
    nav["parcours/index.md"] = [
        (f"{n}. {step.title}", f"parcours/{step.id}.md") for n, step in enumerate(content.path.steps, 1)
    ]
    nav[url_of("worksheets")].append(("Composer une fiche sur mesure", "fiches/composer.md"))
    return nav


def expand_nav(nav: Any, content: Content) -> Any:
    """Replace each `Title: <collection>/index.md` of a nav with a section listing the entries."""
    children = collection_nav(content)

    def expand(item: Any) -> Any:
        if isinstance(item, list):
            return [expand(i) for i in item]
        if isinstance(item, dict):
            out: dict[str, Any] = {}
            for title, value in item.items():
                if isinstance(value, str) and value in children:
                    out[title] = [value, *({t: p} for t, p in children[value])]
                else:
                    out[title] = expand(value)
            return out
        return item

    return expand(nav)
