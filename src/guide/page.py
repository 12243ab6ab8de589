"""The shared page type and the templates' folder: a leaf every page maker imports.

builders, site map, hooks, export  --GeneratedPage(path, title, markdown, source)-->  site
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from content: its path in the docs tree, its Markdown, the file it comes from."""

    path: str
    title: str
    markdown: str
    source: str


def html_path(page: str) -> str:
    """A docs path's address in the built site: `roles/miroir.md` -> `roles/miroir.html`."""
    return page.removesuffix(".md") + ".html"


def page_address(site_url: str, page: str) -> str:
    """A page's address in the published guide (its site path alone when the address is unknown)."""
    return f"{site_url.rstrip('/')}/{html_path(page)}" if site_url else html_path(page)


def relative_link(target: str, from_page: str, *, html: bool = False) -> str:
    """The link from the page at `from_page` to `target` (docs paths): Markdown links keep
    `.md` (MkDocs checks them), raw HTML links (`html=True`) point at the built `.html`."""
    target = html_path(target) if html else target
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")
