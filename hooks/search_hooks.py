"""MkDocs adapter for the guide's search (core: guide.search, never imports MkDocs).

on_files serves the search worker (templates/search-fr.js) and the library files it loads,
copied from node_modules/ (MiniSearch, the French Snowball stemmer) with their licences;
overrides/main.html points the theme at the worker and starts it on first use of the search box.
on_post_build indexes every built page into search/guide-index.js and leaves in place of the
theme's own index a stub that holds no page. Runs after hooks/guide_hooks.py, which loads the
content (the glossary's synonyms).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from guide.search import (
    SEARCH_WORKER,
    VendorError,
    node_modules,
    vendored_files,
    worker_script,
    write_site_index,
)

GUIDE_HOOKS = "hooks/guide_hooks.py"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).resolve().parent
    try:
        vendored = vendored_files(node_modules(root))
    except VendorError as exc:
        raise PluginError(str(exc)) from None
    files.append(File.generated(config, SEARCH_WORKER, content=worker_script(root / "templates")))
    for path, text in vendored.items():
        files.append(File.generated(config, path, content=text))
    return files


def on_post_build(config: MkDocsConfig) -> None:
    guide_hooks = config.plugins.get(GUIDE_HOOKS)
    if guide_hooks is None or not hasattr(guide_hooks, "content"):
        raise PluginError(f"{GUIDE_HOOKS} must be listed before hooks/search_hooks.py")
    write_site_index(Path(config.site_dir), guide_hooks.content().glossary)
