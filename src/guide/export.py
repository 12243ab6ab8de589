"""Write the guide as a plain MkDocs project (docs/ plus generated pages, no hooks).

Any MkDocs-compatible engine can then build the guide without our hooks.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from .content import Content
from .render import GeneratedPage, expand_nav

_TOP_KEY = re.compile(r"^([A-Za-z_]+):", re.M)
_DROPPED_KEYS = {"hooks", "watch", "nav"}


def export_project(content: Content, pages: list[GeneratedPage], project: Path, target: Path) -> list[Path]:
    """Copy docs/ and write every generated page and a hook-free mkdocs.yml into `target`."""
    docs = target / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(project / "docs", docs)
    for extra in ("overrides",):
        if (project / extra).is_dir():
            shutil.rmtree(target / extra, ignore_errors=True)
            shutil.copytree(project / extra, target / extra)
    written = []
    for page in pages:
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
        written.append(path)
    config = target / "mkdocs.yml"
    config.write_text(_plain_config(project / "mkdocs.yml", content), encoding="utf-8")
    return [config, *written]


def _plain_config(config_file: Path, content: Content) -> str:
    """mkdocs.yml without hooks and watched folders, with the navigation written out."""
    text = config_file.read_text(encoding="utf-8")
    blocks = _top_level_blocks(text)
    nav = yaml.safe_load(blocks.get("nav", "nav: []"))["nav"]
    kept = "".join(block for key, block in blocks.items() if key not in _DROPPED_KEYS)
    nav_text = yaml.safe_dump({"nav": expand_nav(nav, content)}, allow_unicode=True, sort_keys=False)
    header = "# Exported by `guide export`: a plain MkDocs project, no hooks needed.\n"
    return header + kept.rstrip() + "\n\n" + nav_text


def _top_level_blocks(text: str) -> dict[str, str]:
    """Split a YAML file into its top-level keys' blocks, keeping tags such as !ENV as text."""
    starts = [(m.start(), m.group(1)) for m in _TOP_KEY.finditer(text)]
    blocks: dict[str, str] = {"": text[: starts[0][0]] if starts else text}
    for (start, key), (end, _) in zip(starts, [*starts[1:], (len(text), "")], strict=True):
        blocks[key] = text[start:end]
    return blocks
