"""MkDocs adapter for the guide's core (package `guide`), which never imports MkDocs.

on_config validates and renders everything before MkDocs cleans site/, so bad content
leaves the last good site untouched (or reads it all back from .cache/guide/ when no input
changed: guide.build); on_files adds the rendered pages as virtual files.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from guide.build import CoreBuild, core_build
from guide.cache import cache_dir
from guide.errors import ContentErrors
from guide.includes import without_front_matter
from guide.publisher import site_address
from guide.tables import stack_tables
from guide.tasks import label_task_boxes
from guide.typography import french_apostrophes, french_html, french_text

if TYPE_CHECKING:
    from guide.content import Content

_state: dict[str, Any] = {}


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


THEME_CSS = "assets/theme.css"  # the publisher's colours, generated (guide.colours)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = project_root(config)
    content_dir = Path(os.environ.get("GUIDE_CONTENT_DIR") or root / "content")
    # The site's address comes from content/publisher.yml (or GUIDE_SITE_URL, which mkdocs.yml
    # reads): QR codes, printed addresses and canonical links follow it. `mkdocs serve` sets its
    # own local address first, and keeps it.
    if not config.site_url:
        config.site_url = site_address(content_dir) or None
    try:
        build = core_build(
            root,
            content_dir,
            Path(config.docs_dir),
            site_url=config.site_url or "",
            nav=config.nav,
            cache_dir=cache_dir(root),
        )
    except ContentErrors as exc:
        raise PluginError(exc.report()) from None
    if config.nav is not None:
        config.nav = build.nav
    if build.theme_css and THEME_CSS not in config.extra_css:  # none when the guide's own colours
        config.extra_css.append(THEME_CSS)
    config.extra["publisher"] = build.publisher  # the footer's links (overrides/partials/copyright.html)
    _state.update(build=build, root=root, content_dir=content_dir)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    build: CoreBuild = _state["build"]
    for page in build.pages:
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(f"docs/{page.path} exists but is generated from content/: remove it")
        file = File.generated(config, page.path, content=page.markdown)
        file.edit_uri = page.source
        files.append(file)
    if build.theme_css:
        files.append(File.generated(config, THEME_CSS, content=build.theme_css))
    for file in files.documentation_pages():
        if file.generated_by is None:
            file.edit_uri = f"docs/{file.src_uri}"
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand-written pages with a `[[confidentialite: …]]` line get the text of the content."""
    build: CoreBuild = _state["build"]
    inserted = build.inserted.get(page.file.src_uri)
    # MkDocs has already read the front matter: the page's Markdown arrives without it.
    return markdown if inserted is None else without_front_matter(inserted)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The title rule (dev/architecture.md): a page's title is its own (front matter `title`, or
    # its first heading), never the menu's label; Material's <title> and heading read the front
    # matter's. Both get French typography before any template is rendered.
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = french_text(page.meta["title"])
    if page.title:
        page.title = french_text(page.title)  # the menu's label when mkdocs.yml or the core gives one
    if isinstance(page.meta.get("description"), str):
        page.meta["description"] = french_apostrophes(page.meta["description"])
    return french_html(label_task_boxes(stack_tables(html)))


def core() -> CoreBuild:
    """The core's part of the current build (pages, glossary), for other hooks."""
    return _state["build"]  # type: ignore[no-any-return]


def content() -> Content:
    """The validated content of the current build, for other hooks. Loaded here on first use
    when the build came from the cache (only the PDFs need it)."""
    build = core()
    if build.content is None:
        from guide.content import load_content

        build.content = load_content(_state["content_dir"], project_root=_state["root"])
    return build.content
