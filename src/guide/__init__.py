"""The guide's core: load and validate the content, render it into pages. Never imports MkDocs.

content/*.yml -> guide.content.load_content -> Content -> guide.builders.render_pages -> pages

The names below are imported on first use, so `guide validate` never loads the templates'
engine nor the PDF's: a whole process of it is mostly its own work.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .builders import render_pages
    from .content import Content, load_content
    from .errors import ContentError, ContentErrors
    from .page import GeneratedPage
    from .typography import french_html, french_text

_MODULE_OF = {
    "Content": "content",
    "load_content": "content",
    "ContentError": "errors",
    "ContentErrors": "errors",
    "GeneratedPage": "page",
    "render_pages": "builders",
    "french_html": "typography",
    "french_text": "typography",
}
__all__ = [
    "Content",
    "ContentError",
    "ContentErrors",
    "GeneratedPage",
    "french_html",
    "french_text",
    "load_content",
    "render_pages",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
