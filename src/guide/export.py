"""Write the guide as a plain project (docs/ plus generated pages, no hooks) for two engines.

`mkdocs.yml` (MkDocs with Material, the theme overrides of overrides/) and `zensical.toml`
(Zensical, with the overrides of overrides-zensical/): `mkdocs build` or `zensical build` in
the exported folder, each reading its own file, then `guide search-index site` to index the
built pages for search (what hooks/search_hooks.py does in the hooked build).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from .build import CoreBuild
from .cards import CARDS_PAGE
from .pdf import build_pdfs, cards_css
from .render import url_of
from .search import SEARCH_BOX, SEARCH_WORKER, node_modules, vendored_files, worker_script

THEME_CSS = "assets/theme.css"
_TOP_KEY = re.compile(r"^([A-Za-z_]+):", re.M)
_DROPPED_KEYS = {"hooks", "watch", "nav"}
# Theme overrides of each engine: overrides/ is written against Material for MkDocs.
ENGINE_OVERRIDES = {"mkdocs": "overrides", "zensical": "overrides-zensical"}
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def export_project(build: CoreBuild, project: Path, target: Path, *, site_url: str = "") -> list[Path]:
    """Copy docs/ with the content's texts inserted, write every generated page (site map
    included), the sheets' PDFs, a hook-free mkdocs.yml and the same settings for Zensical in
    zensical.toml. `build` is the core's part of a build (guide.build.compute)."""
    if build.content is None:
        raise ValueError("export_project needs a build computed in this process (with its content)")
    docs = target / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(project / "docs", docs)
    for docs_path, markdown in build.inserted.items():
        (docs / docs_path).write_text(markdown, encoding="utf-8")
    for extra in ENGINE_OVERRIDES.values():
        if (project / extra).is_dir():
            shutil.rmtree(target / extra, ignore_errors=True)
            shutil.copytree(project / extra, target / extra)
    written = []
    for page in build.pages:
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
        written.append(path)
    pdfs = build_pdfs(
        build.content,
        docs / Path(url_of("worksheets")).parent,
        css=(project / "docs" / "assets" / "print.css").read_text(encoding="utf-8") + "\n" + build.theme_css,
        cache_dir=project / ".cache" / "pdf",
        site_url=site_url,
        templates=project / "templates",
        cards_dir=docs / Path(CARDS_PAGE).parent,
        cards_css=cards_css(project / "docs", project / "templates") + "\n" + build.theme_css,
    )
    if build.theme_css:  # the publisher's colours (hooks/guide_hooks.py adds it to a hooked build)
        theme = docs / THEME_CSS
        theme.write_text(build.theme_css, encoding="utf-8")
        written.append(theme)
    # The search: its worker and libraries, and the search box of the Zensical build
    # (overrides-zensical/partials/search.html); its index is made from the built pages, after
    # the build (`guide search-index site`).
    search_files = {
        SEARCH_WORKER: worker_script(project / "templates"),
        SEARCH_BOX: (project / "templates" / "search-box.js").read_text(encoding="utf-8"),
        **vendored_files(node_modules(project)),
    }
    for site_path, text in search_files.items():
        path = docs / site_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    config = target / "mkdocs.yml"
    plain = _plain_config(project / "mkdocs.yml", build, site_url)
    config.write_text(plain, encoding="utf-8")
    zensical = target / "zensical.toml"
    zensical.write_text(zensical_config(plain), encoding="utf-8")
    return [config, zensical, *written, *(pdf.path for pdf in pdfs)]


def _plain_config(config_file: Path, build: CoreBuild, site_url: str = "") -> str:
    """mkdocs.yml without hooks and watched folders, with the navigation, the site's address
    (content/publisher.yml's) and the publisher's colours written out."""
    blocks = _top_level_blocks(config_file.read_text(encoding="utf-8"))
    if site_url:
        blocks["site_url"] = f"site_url: {json.dumps(site_url)}\n"
    if "extra_css" in blocks and build.theme_css:
        blocks["extra_css"] = blocks["extra_css"].rstrip("\n") + f"\n  - {THEME_CSS}\n\n"
    if build.publisher is not None and "extra" in blocks:
        publisher = yaml.safe_dump({"publisher": build.publisher}, allow_unicode=True, width=10_000)
        blocks["extra"] = blocks["extra"].rstrip("\n") + "\n" + _indent(publisher, "  ") + "\n\n"
    kept = "".join(block for key, block in blocks.items() if key not in _DROPPED_KEYS)
    # The glossary tooltips, which the hooks hand to the abbr extension, written out.
    glossary = yaml.safe_dump(
        [{"abbr": {"glossary": build.abbreviations}}], allow_unicode=True, sort_keys=False, width=10_000
    )
    kept = kept.replace("\n  - abbr\n", "\n" + _indent(glossary, "  ") + "\n", 1)
    nav_text = yaml.safe_dump({"nav": build.nav}, allow_unicode=True, sort_keys=False)
    header = "# Exported by `guide export`: a plain MkDocs project, no hooks needed.\n"
    return header + kept.rstrip() + "\n\n" + nav_text


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does: !ENV [NAME, default] and !!python/name:dotted.path."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = items[:-1] if len(items) > 1 else items, items[-1] if len(items) > 1 else None
    return next((os.environ[str(name)] for name in names if str(name) in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)
# Zensical ships Material's Markdown extensions under its own name and imports a dotted path.
_ConfigLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:",
    lambda loader, suffix, node: suffix.replace("material.extensions", "zensical.extensions"),
)


def zensical_config(plain_config: str) -> str:
    """The settings of the exported mkdocs.yml as zensical.toml, with Zensical's overrides.

    Values read from the environment (!ENV) are those of the export. The theme is Zensical's
    classic variant, the look of Material for MkDocs.
    """
    settings: dict[str, Any] = yaml.load(plain_config, Loader=_ConfigLoader)  # a SafeLoader
    theme = settings.setdefault("theme", {})
    theme["custom_dir"] = ENGINE_OVERRIDES["zensical"]
    theme["variant"] = "classic"
    lines = [
        "# Exported by `guide export`: the settings of mkdocs.yml for Zensical (`zensical build`).",
        "[project]",
    ]
    lines += [
        f"{_toml_key(key)} = {_toml(value, top=True)}" for key, value in settings.items() if value is not None
    ]
    return "\n".join(lines) + "\n"


def _toml_key(key: Any) -> str:
    text = str(key)
    return text if _BARE_KEY.match(text) else json.dumps(text, ensure_ascii=False)


def _toml(value: Any, *, top: bool = False) -> str:
    """A TOML value: inline tables, and arrays one item a line at the top level."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON's escapes are TOML's
    if isinstance(value, list):
        items = [_toml(item) for item in value]
        return "[\n" + "".join(f"  {item},\n" for item in items) + "]" if top else f"[{', '.join(items)}]"
    if isinstance(value, dict):
        pairs = [f"{_toml_key(k)} = {_toml(v)}" for k, v in value.items() if v is not None]
        return "{ " + ", ".join(pairs) + " }" if pairs else "{}"
    raise TypeError(f"no TOML form for {value!r}")


def config_nav(config_file: Path) -> Any:
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
