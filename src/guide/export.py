"""Write the guide as a plain MkDocs project (docs/ plus generated pages, no hooks).

Any MkDocs-compatible engine can then build the guide without our hooks.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from .content import Content
from .glossary import abbreviations
from .includes import expand_docs
from .pdf import build_pdfs
from .render import GeneratedPage, Renderer, expand_nav, url_of
from .search import STEMMING_WORKER, stemming_worker, theme_search_worker
from .sitemap import site_map_page

_SITE_URL = re.compile(r'^site_url:\s*!ENV\s*\[\s*GUIDE_SITE_URL\s*,\s*"([^"]*)"\s*\]', re.M)
_TOP_KEY = re.compile(r"^([A-Za-z_]+):", re.M)
_DROPPED_KEYS = {"hooks", "watch", "nav"}


def export_project(
    content: Content,
    pages: list[GeneratedPage],
    project: Path,
    target: Path,
    *,
    site_url: str = "",
) -> list[Path]:
    """Copy docs/, write every generated page, the sheets' PDFs and a hook-free mkdocs.yml."""
    docs = target / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(project / "docs", docs)
    renderer = Renderer(content, project / "templates", site_url=site_url)
    for docs_path, markdown in expand_docs(project / "docs", renderer, project_root=project).items():
        (docs / docs_path).write_text(markdown, encoding="utf-8")
    for extra in ("overrides",):
        if (project / extra).is_dir():
            shutil.rmtree(target / extra, ignore_errors=True)
            shutil.copytree(project / extra, target / extra)
    nav = expand_nav(_config_nav(project / "mkdocs.yml"), content)
    pages = [*pages, site_map_page(nav, project / "docs", pages)]
    written = []
    for page in pages:
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
        written.append(path)
    pdfs = build_pdfs(
        content,
        docs / Path(url_of("worksheets")).parent,
        css=(project / "docs" / "assets" / "print.css").read_text(encoding="utf-8"),
        cache_dir=project / ".cache" / "pdf",
        site_url=site_url,
        templates=project / "templates",
    )
    worker = docs / STEMMING_WORKER
    worker.parent.mkdir(parents=True, exist_ok=True)
    theme_worker = theme_search_worker().read_text(encoding="utf-8")
    worker.write_text(stemming_worker(theme_worker, project / "templates"), encoding="utf-8")
    written.append(worker)
    config = target / "mkdocs.yml"
    config.write_text(_plain_config(project / "mkdocs.yml", content), encoding="utf-8")
    return [config, *written, *(pdf.path for pdf in pdfs)]


def _plain_config(config_file: Path, content: Content) -> str:
    """mkdocs.yml without hooks and watched folders, with the navigation written out."""
    text = config_file.read_text(encoding="utf-8")
    blocks = _top_level_blocks(text)
    nav = yaml.safe_load(blocks.get("nav", "nav: []"))["nav"]
    kept = "".join(block for key, block in blocks.items() if key not in _DROPPED_KEYS)
    # The glossary tooltips, which the hooks hand to the abbr extension, written out.
    glossary = yaml.safe_dump(
        [{"abbr": {"glossary": abbreviations(content)}}], allow_unicode=True, sort_keys=False, width=10_000
    )
    kept = kept.replace("\n  - abbr\n", "\n" + _indent(glossary, "  ") + "\n", 1)
    nav_text = yaml.safe_dump({"nav": expand_nav(nav, content)}, allow_unicode=True, sort_keys=False)
    header = "# Exported by `guide export`: a plain MkDocs project, no hooks needed.\n"
    return header + kept.rstrip() + "\n\n" + nav_text


def _config_nav(config_file: Path) -> Any:
    """The nav of mkdocs.yml as written (its collection index pages not expanded yet)."""
    blocks = _top_level_blocks(config_file.read_text(encoding="utf-8"))
    return yaml.safe_load(blocks.get("nav", "nav: []"))["nav"]


def _top_level_blocks(text: str) -> dict[str, str]:
    """Split a YAML file into its top-level keys' blocks, keeping tags such as !ENV as text."""
    starts = [(m.start(), m.group(1)) for m in _TOP_KEY.finditer(text)]
    blocks: dict[str, str] = {"": text[: starts[0][0]] if starts else text}
    for (start, key), (end, _) in zip(starts, [*starts[1:], (len(text), "")], strict=True):
        blocks[key] = text[start:end]
    return blocks


def _indent(text: str, prefix: str) -> str:
    return "".join(prefix + line for line in text.splitlines(keepends=True)).rstrip("\n")


def configured_site_url(config_file: Path) -> str:
    """The site's address as mkdocs.yml sets it: GUIDE_SITE_URL, or the default written there."""
    found = _SITE_URL.search(config_file.read_text(encoding="utf-8"))
    return os.environ.get("GUIDE_SITE_URL") or (found.group(1) if found else "")
