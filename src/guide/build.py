"""What a build of the site takes from the core, worked out once per change of its inputs.

    content/, templates/, docs/*.md, this package's code, the nav, site_url, library versions
      --SHA-256--> key --hit--> .cache/guide/core-<key>.json, read back (no pydantic, no Jinja)
                      --miss--> load_content -> render_pages -> inserts, nav, site map, glossary

A build in which none of those inputs changed (a second `mkdocs build`, a deploy, CI) reads the
rendered pages back instead of loading, validating and rendering the content again, so the
hooks cost about what MkDocs costs to build the same pages exported (`scripts/bench.sh`). Any
change to an input gives another key: changed content is always validated, and bad content
fails with the same errors as without a cache. GUIDE_CORE_CACHE=0 turns the cache off.

This module imports nothing heavy at load time: on a hit, neither pydantic nor the models nor
Jinja are imported.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import cache_dir, cache_enabled, store
from .page import GeneratedPage

if TYPE_CHECKING:
    from .content import Content


CACHE_FORMAT = "2"  # bump when the shape of a cache file changes
# The code whose output is cached: this package. Libraries whose output ends in the pages:
_CODE = Path(__file__).resolve().parent
_LIBRARIES = ("jinja2", "Markdown", "pymdown-extensions", "PyYAML", "pydantic", "pydantic-core")


@dataclass
class CoreBuild:
    """Everything the hooks need from the core for one build."""

    pages: list[GeneratedPage]
    inserted: dict[str, str]  # hand-written page -> its Markdown with the content's texts inserted
    nav: Any  # the nav with each collection's entries listed (None when mkdocs.yml has none)
    abbreviations: dict[str, str]  # glossary tooltips: spelling -> definition
    removals: str  # Markdown that removes the tooltips from the glossary page
    theme_css: str = ""  # the publisher's colours (guide.colours): assets/theme.css, after the PDFs' styles
    publisher: dict[str, str] | None = None  # for the footer: the publisher's name, email, pages' titles
    key: str = ""  # of the inputs, when the cache is on
    cached: bool = False  # read back from the cache
    content: Content | None = None  # the validated content, when loaded in this process

    def to_json(self) -> str:
        data = {name: value for name, value in asdict(self).items() if name not in {"cached", "content"}}
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> CoreBuild:
        data = json.loads(text)
        data["pages"] = [GeneratedPage(**page) for page in data["pages"]]
        return cls(**data, cached=True)


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if p.is_file()) if folder.is_dir() else []


def inputs_key(root: Path, content_dir: Path, docs: Path, *, site_url: str, nav: Any) -> str:
    """The SHA-256 of every input of the core's part of a build."""
    digest = hashlib.sha256()
    settings = {
        "format": CACHE_FORMAT,
        "python": sys.version,
        "libraries": [metadata.version(name) for name in _LIBRARIES],
        "root": str(root),
        "content": str(content_dir),
        "docs": str(docs),
        "site_url": site_url,
        "nav": nav,
    }
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode("utf-8"))
    # render_pages reads page titles from the docs/ beside the content folder.
    folders = [(content_dir, "*"), (root / "templates", "*"), (docs, "*.md"), (_CODE, "*.py")]
    folders.append((_CODE, "*.txt"))  # the first names the rules look for
    if content_dir.parent / "docs" != docs:
        folders.append((content_dir.parent / "docs", "*.md"))
    for folder, pattern in folders:
        for file in _files(folder, pattern):
            digest.update(f"\0{file}\0".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def compute(root: Path, content_dir: Path, docs: Path, *, site_url: str, nav: Any) -> CoreBuild:
    """Load and validate the content, render every page. Raises ContentErrors on bad content."""
    from .content import load_content

    parsed = cache_dir(root) if cache_enabled() else None  # YAML files unchanged are not parsed again
    content = load_content(content_dir, project_root=root, cache_dir=parsed)
    return compute_from(content, root, docs, site_url=site_url, nav=nav)


def compute_from(content: Content, root: Path, docs: Path, *, site_url: str, nav: Any) -> CoreBuild:
    """The rest of `compute` once the content is loaded: pages rendered, then the hand-written
    pages (front matter, includes, links) and the editorial rules checked, every problem listed
    at once (ContentErrors)."""
    from .builders import render_pages
    from .errors import ContentErrors, display_path
    from .glossary import abbreviations, removals_markdown
    from .includes import expand_docs
    from .pagecheck import check_front_matter, check_links
    from .publisher import publisher_css
    from .render import Renderer, expand_nav
    from .rules import Project, check_rules
    from .sitemap import site_map_page

    templates = root / "templates"
    hand_written = sorted(docs.rglob("*.md")) if docs.is_dir() else []
    errors = [e for file in hand_written for e in check_front_matter(file, display_path(file, root))]
    if errors:  # the pages' titles come from their front matter: nothing more can be read
        raise ContentErrors(errors)
    pages = render_pages(content, templates, site_url=site_url)
    if nav is not None:
        nav = expand_nav(nav, content)
        texts = content.interface.pages.site_map
        pages.append(site_map_page(nav, docs, pages, title=texts.title, description=texts.description))
    if docs.is_dir():
        errors += check_links(docs, {p.path: p.markdown for p in pages}, project_root=root)
    errors += check_rules(Project(root, content, docs, templates))
    inserted: dict[str, str] = {}
    try:
        inserted = expand_docs(docs, Renderer(content, templates, site_url=site_url), project_root=root)
    except ContentErrors as exc:
        errors += exc.errors
    if errors:
        raise ContentErrors(errors)
    glossary = abbreviations(content)
    publisher = content.publisher
    return CoreBuild(
        pages,
        inserted,
        nav,
        glossary,
        removals_markdown(content),
        theme_css=publisher_css(publisher),
        publisher={
            "name": publisher.name,
            "email": publisher.email,
            "legal": content.interface.pages.legal.title,
            "privacy": content.interface.pages.privacy.title,
        },
        content=content,
    )


def core_build(
    root: Path, content_dir: Path, docs: Path, *, site_url: str, nav: Any, cache_dir: Path | None
) -> CoreBuild:
    """The core's part of a build: from `cache_dir` when no input changed, else computed (and
    stored there). `cache_dir=None` always computes."""
    if cache_dir is None or not cache_enabled():
        return compute(root, content_dir, docs, site_url=site_url, nav=nav)
    key = inputs_key(root, content_dir, docs, site_url=site_url, nav=nav)
    file = cache_dir / f"core-{key}.json"
    try:
        return CoreBuild.from_json(file.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError):
        pass  # missing, or unreadable: computed again and rewritten
    build = compute(root, content_dir, docs, site_url=site_url, nav=nav)
    build.key = key
    store(file, build.to_json())
    return build
