"""Render the validated content into Markdown pages, through Jinja templates.

    Content --builders (guide.builders)--> GeneratedPage(path, markdown, source) --hooks or export--> site

Templates live in templates/ and run with StrictUndefined: a missing variable is an error.
This module knows no builder: the builders import it, and guide.builders lists them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
import markdown
import yaml

from . import models as m
from .catalog import COLLECTIONS
from .catalog import url_of as url_of
from .content import Content
from .glossary import french_sorted
from .page import TEMPLATES as TEMPLATES
from .page import GeneratedPage as GeneratedPage
from .page import relative_link
from .publisher import logo_data_uri


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
            bytecode_cache=_bytecode_cache(templates),
        )
        self.env.filters["oneline"] = lambda text: " ".join(str(text).split())
        self.env.filters["attr"] = _attribute_text
        # The names that keep their capital mid-sentence: those of collections of proper names.
        proper = {
            entry.name
            for spec in COLLECTIONS
            if spec.proper_names
            for entry in content.collection(spec.key).values()
        }
        self.env.filters["after_colon"] = lambda text: after_colon(text, proper)
        self.env.filters["inline_md"] = inline_markdown  # texts inside raw HTML (sheets, cards, tables)
        self.env.filters["compact"] = compact_html
        self.env.filters["french_sort"] = french_sorted  # the glossary's order: accents folded
        self.env.filters["duration"] = duration
        # The publisher (content/publisher.yml): its name on every sheet and card, its logo
        # (a data: URI, for the PDFs, which fetch nothing) on the printed ones.
        self.env.globals["publisher"] = content.publisher
        self.env.globals["publisher_logo"] = logo_data_uri(content.publisher, content.root)
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
        redirect: str | None = None,
        **context: Any,
    ) -> GeneratedPage:
        link = markdown_link(path)
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
        if redirect:
            meta["redirect"] = redirect  # an old address: overrides/main.html leads on to it
        front = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
        body = self.env.get_template(template).render(
            content=self.content,
            page_path=path,
            link=link,
            url_of=url_of,
            ui=self.content.interface,
            title_of=self.title_of,
            path_steps={step.id: step for step in self.content.path.steps},
            step_number={step.id: n for n, step in enumerate(self.content.path.steps, 1)},
            title=title,
            **context,
        )
        # Pages made of template text only are edited in their template.
        origin = source if source is not None else f"templates/{template}"
        return GeneratedPage(path, title, f"---\n{front}---\n\n{body.strip()}\n", origin)

    def fragment(self, template: str, *, page_path: str, **context: Any) -> str:
        """A piece of Markdown for the page at `page_path` (links relative to it), without front matter."""
        link = markdown_link(page_path)
        return self.env.get_template(template).render(
            content=self.content,
            ui=self.content.interface,
            page_path=page_path,
            link=link,
            url_of=url_of,
            **context,
        )


def markdown_link(page_path: str) -> Callable[..., str]:
    """`link(target, anchor="")` in the templates: a Markdown link from the page at `page_path`
    to another page of the docs tree (MkDocs checks it and makes it .html)."""

    def link(target: str, anchor: str = "") -> str:
        relative = relative_link(target, page_path)
        return f"{relative}#{anchor}" if anchor else relative

    return link


_MARKDOWN = markdown.Markdown(extensions=[], output_format="html")


def inline_markdown(text: str) -> str:
    """One text of the content (inline Markdown, no raw HTML: checked at load time) as HTML."""
    _MARKDOWN.reset()
    html: str = _MARKDOWN.convert(" ".join(str(text).split()))
    return html.removeprefix("<p>").removesuffix("</p>")


def duration(minutes: int) -> str:
    """Minutes as a French reader writes them: « 45 min », « 1 h », « 1 h 30 »."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest}\u00a0min"
    return f"{hours}\u00a0h" + (f"\u00a0{rest:02d}" if rest else "")


def compact_html(text: str) -> str:
    """No blank lines, no indentation: Markdown keeps the block as raw HTML, untouched."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def after_colon(text: str, proper_names: Iterable[str] = ()) -> str:
    """A sentence written on its own, continued after « : » (French starts it in lower case)."""
    words = " ".join(str(text).split())
    first = words.split(" ", 1)[0]
    # A proper noun or an acronym keeps its capital: « Miroir », « RGPD ».
    if first[1:2].isupper() or first.rstrip(",.;:") in set(proper_names):
        return words
    return words[:1].lower() + words[1:]


# libyaml's emitter when PyYAML has it: the same text as yaml.safe_dump, sooner.
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _bytecode_cache(templates: Path) -> jinja2.BytecodeCache | None:
    """Compiled templates kept in .cache/jinja/ beside templates/ (Jinja checks each template's
    source): compiling them was half of the time of rendering the pages."""
    folder = templates.parent / ".cache" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


def _attribute_text(text: str) -> str:
    """Text safe inside a double-quoted HTML attribute or Markdown attribute list."""
    return " ".join(str(text).split()).replace("&", "&amp;").replace('"', "&quot;")


def docs_titles(docs: Path) -> dict[str, str]:
    """The title of each hand-written page of `docs`: its front matter's, else its first heading."""
    titles: dict[str, str] = {}
    for file in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        text = file.read_text(encoding="utf-8")
        title = ""
        if text.startswith("---\n"):
            try:  # a broken front matter is reported by guide.pagecheck, with its line
                front = yaml.safe_load(text[4 : text.index("\n---", 4)]) or {}
            except (yaml.YAMLError, ValueError):
                front = {}
            title = str(front.get("title", "")) if isinstance(front, dict) else ""
        if not title:
            heading = next((line for line in text.splitlines() if line.startswith("# ")), "")
            title = heading[2:].strip()
        if title:
            titles[file.relative_to(docs).as_posix()] = title
    return titles


def collection_nav(content: Content) -> dict[str, list[tuple[str, str]]]:
    """For each collection index page, the (label, path) of its entries in order."""
    ui = content.interface
    nav: dict[str, list[tuple[str, str]]] = {}
    for spec in COLLECTIONS:
        entries = content.collection(spec.key).values()
        nav[url_of(spec.key)] = [(entry.name, url_of(spec.key, entry.id)) for entry in entries]
    nav[PATH_INDEX] = [
        (ui.path.step_nav.format(number=n, title=step.title), f"parcours/{step.id}.md")
        for n, step in enumerate(content.path.steps, 1)
    ]
    return nav


# Generated pages that are not a collection's, with their texts in content/interface.yml.
PATH_INDEX = "parcours/index.md"
COMPOSER_PAGE = "fiches/composer.md"  # the composer's old address: leads to the planner
CARDS_PAGE = "cartes/index.md"
PLANNER_PAGE = "outils/planifier.md"
TIMER_PAGE = "outils/minuteur.md"
FAVOURITES_PAGE = "outils/favoris.md"
REFERENCE_PAGE = "cartes/aide-memoire.md"


def page_texts(content: Content) -> dict[str, m.PageTexts]:
    """The interface's texts of each generated index or single page, by its docs path."""
    ui = content.interface
    texts: dict[str, m.PageTexts] = {url_of(spec.key): ui.collections[spec.key] for spec in COLLECTIONS}
    texts.update(
        {
            "matrice.md": ui.pages.matrix,
            "glossaire.md": ui.pages.glossary,
            PATH_INDEX: ui.pages.path,
            CARDS_PAGE: ui.pages.cards,
            PLANNER_PAGE: ui.pages.planner,
            TIMER_PAGE: ui.pages.timer,
            FAVOURITES_PAGE: ui.pages.favourites,
            REFERENCE_PAGE: ui.pages.reference,
        }
    )
    return texts


def nav_label(texts: m.PageTexts, path: str) -> tuple[str, str]:
    """(label, path) of a page in the menu: its `nav` label, else its title."""
    return (texts.nav or texts.title, path)


def expand_nav(nav: Any, content: Content) -> Any:
    """The nav of mkdocs.yml with the labels and entries that come from the content.

    Pages are listed by their path alone (`- roles/index.md`) and sections by an id
    (`- methode:`): every label comes from content/interface.yml. A generated page's is its
    `nav`, else its title; a written page's is `nav.pages`, else MkDocs takes its title; a
    section's is `nav.sections`. A collection's index (and the path's) becomes a section
    listing its entries.
    """
    children = collection_nav(content)
    texts = page_texts(content)
    written = content.interface.nav.pages
    sections = content.interface.nav.sections

    def section(label: str, path: str) -> Any:
        return {label: [path, *({t: p} for t, p in children[path])]} if path in children else {label: path}

    def expand(item: Any) -> Any:
        if isinstance(item, list):
            return [expand(i) for i in item]
        if isinstance(item, str) and item in texts:
            return section(*nav_label(texts[item], item))
        if isinstance(item, str) and item in written:
            return {written[item]: item}
        if isinstance(item, dict):
            out: dict[str, Any] = {}
            for title, value in item.items():
                if isinstance(value, str) and value in texts:
                    raise ValueError(
                        f"mkdocs.yml's nav gives {value} the label {title!r}: list it as `- {value}`, "
                        "its label is in content/interface.yml"
                    )
                label = sections.get(str(title), str(title))
                out[label] = value if isinstance(value, str) else expand(value)
            return out
        return item

    return expand(nav)
