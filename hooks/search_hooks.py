"""MkDocs adapter for French stemming in search (core: guide.search, never imports MkDocs).

on_files serves the theme's search worker followed by templates/search-fr.js as
assets/javascripts/workers/search-fr.js; overrides/main.html points the theme at it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from guide.search import STEMMING_WORKER, is_theme_search_worker, stemming_worker


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    workers = [file for file in files if is_theme_search_worker(file.src_uri)]
    if len(workers) != 1 or workers[0].abs_src_path is None:
        found = ", ".join(file.src_uri for file in workers) or "none"
        raise PluginError(f"expected one search worker in the theme, found: {found}")
    theme_worker = Path(workers[0].abs_src_path).read_text(encoding="utf-8")
    templates = Path(config.config_file_path).resolve().parent / "templates"
    files.append(File.generated(config, STEMMING_WORKER, content=stemming_worker(theme_worker, templates)))
    return files
