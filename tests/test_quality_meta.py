"""Every built page is in French and has a title and a meta description of its own."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from site_html import parse_site

pytestmark = pytest.mark.build


def site_description() -> str:
    """mkdocs.yml's site_description, the theme's fallback for pages that have none."""

    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml holds !ENV and !!python/name tags: read them as plain values.
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    return " ".join(str(config["site_description"]).split())


def test_every_page_is_in_french(site: Path, site_pages: list[Path]) -> None:
    pages = parse_site(site)
    assert len(pages) == len(site_pages)
    wrong = {path: page.lang for path, page in pages.items() if page.lang != "fr"}
    assert not wrong, f'pages without <html lang="fr">: {wrong}'


def test_every_page_has_a_title_of_its_own(site: Path) -> None:
    pages = parse_site(site)
    problems = [
        f"{path}: {len(page.titles)} <title> elements"
        for path, page in pages.items()
        if len(page.titles) != 1 or not page.titles[0]
    ]
    assert not problems, "\n".join(problems)
    by_title: dict[str, list[str]] = defaultdict(list)
    for path, page in pages.items():
        by_title[page.titles[0]].append(path)
    shared = {title: paths for title, paths in by_title.items() if len(paths) > 1}
    assert not shared, f"titles used by several pages: {shared}"


def test_every_page_has_a_description_of_its_own(site: Path) -> None:
    """One non-empty <meta name="description"> per page, from the page's own data or front
    matter: never the site-wide fallback, never shared with another page."""
    pages = parse_site(site)
    fallback = site_description()
    problems: list[str] = []
    by_description: dict[str, list[str]] = defaultdict(list)
    for path, page in pages.items():
        if len(page.descriptions) != 1:
            problems.append(f"{path}: {len(page.descriptions)} meta descriptions")
            continue
        description = " ".join(page.descriptions[0].split())
        if len(description) < 50:
            problems.append(f"{path}: description too short to inform: {description!r}")
        if len(description) > 320:
            problems.append(f"{path}: description of {len(description)} characters (max 320)")
        if description == fallback:
            problems.append(f"{path}: site-wide description, no description of its own")
        by_description[description].append(path)
    shared = {d: paths for d, paths in by_description.items() if len(paths) > 1}
    assert not problems, "\n".join(problems)
    assert not shared, f"descriptions used by several pages: {shared}"
