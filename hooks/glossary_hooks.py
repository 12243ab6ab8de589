"""MkDocs adapter for the glossary tooltips (guide.glossary): gives the glossary to the `abbr`
Markdown extension, which wraps each term of every page in `<abbr title="definition">`.
Runs after hooks/guide_hooks.py, which loads the content.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guide.glossary import append_block, first_tooltips_only, unwrap_abbreviations

GUIDE_HOOKS = "hooks/guide_hooks.py"
# The glossary page defines every term in full: tooltips there would only repeat it.
PAGES_WITHOUT_TOOLTIPS = {"glossaire.md"}

_state: dict[str, Any] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    guide_hooks = config.plugins.get(GUIDE_HOOKS)
    if guide_hooks is None or not hasattr(guide_hooks, "core"):
        raise PluginError(f"{GUIDE_HOOKS} must be listed before hooks/glossary_hooks.py")
    if "abbr" not in config.markdown_extensions:
        raise PluginError("the glossary tooltips need the 'abbr' Markdown extension")
    core = guide_hooks.core()
    abbr_config = dict(config.mdx_configs.get("abbr") or {})
    abbr_config["glossary"] = {**abbr_config.get("glossary", {}), **core.abbreviations}
    config.mdx_configs["abbr"] = abbr_config
    _state["removals"] = core.removals
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri in PAGES_WITHOUT_TOOLTIPS:
        return append_block(markdown, _state["removals"])
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return first_tooltips_only(unwrap_abbreviations(html))
