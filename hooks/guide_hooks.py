"""MkDocs adapter for the guide's core (package `guide`), which never imports MkDocs.

on_config validates and renders everything before MkDocs cleans site/, so bad content
leaves the last good site untouched; on_files adds the rendered pages as virtual files.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from guide import GeneratedPage, french_html, french_text, load_content, render_pages
from guide.content import Content
from guide.errors import ContentErrors
from guide.includes import expand_docs
from guide.render import Renderer, expand_nav
from guide.sitemap import site_map_page

_state: dict[str, Any] = {}


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = project_root(config)
    content_dir = Path(os.environ.get("GUIDE_CONTENT_DIR") or root / "content")
    try:
        content = load_content(content_dir, project_root=root)
        pages = render_pages(content, root / "templates", site_url=config.site_url or "")
        renderer = Renderer(content, root / "templates", site_url=config.site_url or "")
        inserted = expand_docs(Path(config.docs_dir), renderer, project_root=root)
    except ContentErrors as exc:
        raise PluginError(exc.report()) from None
    if config.nav is not None:
        config.nav = expand_nav(config.nav, content)
        pages.append(site_map_page(config.nav, Path(config.docs_dir), pages))
    _state.update(content=content, pages=pages, root=root, inserted=inserted)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    pages: list[GeneratedPage] = _state["pages"]
    for page in pages:
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(f"docs/{page.path} exists but is generated from content/: remove it")
        file = File.generated(config, page.path, content=page.markdown)
        file.edit_uri = page.source
        files.append(file)
    for file in files.documentation_pages():
        if file.generated_by is None:
            file.edit_uri = f"docs/{file.src_uri}"
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand-written pages with a `[[confidentialite: …]]` line get the text of the content."""
    inserted: dict[str, str] = _state["inserted"]
    return inserted.get(page.file.src_uri, markdown)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.title:
        # Every page is converted before any template is rendered: nav and <title> see this
        # (Material takes the <title> from the front matter's title when there is one).
        page.title = french_text(page.title)
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = page.title
    return french_html(html)


def content() -> Content:
    """The content of the current build, for other hooks."""
    return _state["content"]  # type: ignore[no-any-return]
