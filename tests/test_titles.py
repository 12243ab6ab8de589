"""The title rule (dev/architecture.md): a page's title is its own, never its menu label.

A generated page's title is the one content/interface.yml (or its entry) gives; a written page's
is its front matter's `title`, else its first heading. The menu may show a shorter label
(`nav` in content/interface.yml, or a label in mkdocs.yml for a written page): it never
replaces the title in the page's <title>, its heading or the site map.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from guide import render_pages
from guide.content import Content
from guide.render import page_texts
from guide.typography import french_text

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def _plain(markup: str) -> str:
    markup = re.sub(r'<a class="headerlink".*?</a>', "", markup, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def test_every_generated_page_shows_its_own_title_not_its_menu_label(site: Path, content: Content) -> None:
    texts = page_texts(content)
    labelled = {path: texts.nav for path, texts in texts.items() if texts.nav}
    assert "cartes/index.md" in labelled  # the case that once went wrong: « Cartes » over its title
    checked = 0
    for page in render_pages(content):
        built = (site / page.path.removesuffix(".md")).with_suffix(".html").read_text(encoding="utf-8")
        title = " ".join(french_text(page.title).split())
        head = _TITLE.search(built)
        assert head is not None and _plain(head.group(1)).startswith(title), (page.path, head)
        if page.path in texts:  # an index or single page: its heading is its title
            heading = _H1.search(built)
            assert heading is not None and _plain(heading.group(1)) == title, page.path
        label = labelled.get(page.path)
        if label and label != page.title:
            assert not _plain(head.group(1)).startswith(french_text(label) + " -"), page.path
        checked += 1
    assert checked == len(render_pages(content))


def test_the_menu_shows_the_interface_label(site: Path, content: Content) -> None:
    built = (site / "index.html").read_text(encoding="utf-8")
    nav = built[built.index('<nav class="md-nav md-nav--primary"') :]
    for path, texts in page_texts(content).items():
        label = " ".join(french_text(texts.nav or texts.title).split())
        assert label in _plain(nav), path


def test_mkdocs_yml_names_pages_by_path_and_sections_by_id(content: Content) -> None:
    """Every menu label is in content/interface.yml: mkdocs.yml's nav lists pages by their
    path and sections by an id that content/interface.yml labels."""
    from conftest import ROOT

    from guide.export import config_nav

    sections = content.interface.nav.sections
    labelled: list[str] = []

    def walk(items: Any) -> None:
        for item in items:
            if isinstance(item, dict):
                for key, value in item.items():
                    if isinstance(value, str) or key not in sections:
                        labelled.append(f"{key}: {value}")
                    if isinstance(value, list):
                        walk(value)

    walk(config_nav(ROOT / "mkdocs.yml"))
    assert labelled == [], "give these labels in content/interface.yml (nav.pages, nav.sections)"
