"""The guide's core: load and validate the content, render it into pages. Never imports MkDocs.

content/*.yml -> guide.content.load_content -> Content -> guide.builders.render_pages -> pages
"""

from .builders import render_pages
from .content import Content, load_content
from .errors import ContentError, ContentErrors
from .render import GeneratedPage
from .typography import french_html, french_text

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
