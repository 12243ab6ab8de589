"""No broken internal link or anchor in the built site: every href/src of every page is
followed to its file, and every #fragment to an id of the target page."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from site_html import ParsedPage, parse_site

pytestmark = pytest.mark.build

LOCAL = "http://site.invalid/"  # stands for the site root while resolving relative URLs


def site_base(pages: dict[str, ParsedPage]) -> str:
    """The public address of the site (site_url), read from the home page's canonical link."""
    canonical = pages["index.html"].canonical
    assert canonical, "index.html has no canonical link: is site_url set in mkdocs.yml?"
    return canonical.removesuffix("index.html")


def resolve(page: ParsedPage, url: str, base: str) -> tuple[str, str] | None:
    """(path relative to the site root, fragment) of an internal URL, None for an external one."""
    if url.startswith(base):
        url = LOCAL + url[len(base) :]
    parts = urlsplit(urljoin(LOCAL + page.path, url))
    if f"{parts.scheme}://{parts.netloc}/" != LOCAL:
        return None
    path = unquote(parts.path).lstrip("/")
    return path, unquote(parts.fragment)


def target_file(site: Path, path: str) -> Path | None:
    candidate = site / path
    if path == "" or path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_links(site: Path) -> tuple[list[str], int, int]:
    """(broken links, internal links checked, anchors checked) over every page of `site`."""
    pages = parse_site(site)
    base = site_base(pages)
    broken: list[str] = []
    checked_links = checked_anchors = 0
    for page in pages.values():
        for ref in page.references:
            where = f"{page.path}: <{ref.tag} {ref.attr}={ref.url!r}>"
            scheme = urlsplit(ref.url).scheme.lower()
            if scheme in {"mailto", "tel", "data"}:
                continue
            if scheme == "javascript":
                broken.append(f"{where}: javascript: URL")
                continue
            resolved = resolve(page, ref.url, base)
            if resolved is None:
                continue
            path, fragment = resolved
            checked_links += 1
            target = target_file(site, path)
            if target is None:
                broken.append(f"{where}: no file {path!r} in the site")
                continue
            if fragment and target.suffix == ".html":
                checked_anchors += 1
                target_page = pages[target.relative_to(site).as_posix()]
                if fragment not in target_page.ids:
                    broken.append(f"{where}: no id {fragment!r} in {target_page.path}")
    return broken, checked_links, checked_anchors


def test_every_internal_link_and_anchor_resolves(site: Path, site_pages: list[Path]) -> None:
    assert len(parse_site(site)) == len(site_pages)
    broken, checked_links, checked_anchors = check_links(site)
    print(f"links: {len(site_pages)} pages, {checked_links} internal links, {checked_anchors} anchors")
    assert checked_links > len(site_pages), "the crawl found almost no internal link"
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken)


def test_no_duplicate_ids(site: Path) -> None:
    duplicates = [
        f"{page.path}: {sorted(page.duplicate_ids)}"
        for page in parse_site(site).values()
        if page.duplicate_ids
    ]
    assert not duplicates, "ids used twice (anchors become ambiguous):\n" + "\n".join(duplicates)


def test_every_page_is_reachable_from_the_home_page(site: Path) -> None:
    """A crawl from index.html that follows links reaches every page (404.html aside)."""
    pages = parse_site(site)
    base = site_base(pages)
    seen = {"index.html"}
    queue = deque(["index.html"])
    while queue:
        page = pages[queue.popleft()]
        for ref in page.references:
            if ref.tag != "a":
                continue
            resolved = resolve(page, ref.url, base)
            target = target_file(site, resolved[0]) if resolved else None
            if target is None or target.suffix != ".html":
                continue
            path = target.relative_to(site).as_posix()
            if path not in seen:
                seen.add(path)
                queue.append(path)
    orphans = sorted(set(pages) - seen - {"404.html"})
    assert not orphans, f"pages no link leads to: {orphans}"


def test_crawler_reports_broken_links_and_anchors(tmp_path: Path) -> None:
    """The checker itself: a missing file, a missing anchor and a javascript: URL are caught,
    while good links, the site's own absolute address and external sites pass."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html").write_text('<p id="here">x</p>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<html lang="fr"><head><link rel="canonical" href="https://x.example/index.html">'
        '</head><body><h1 id="top">t</h1><a href="#top">ok</a><a href="#nope">bad anchor</a>'
        '<a href="sub/page.html#here">ok</a><a href="sub/page.html#gone">bad anchor</a>'
        '<a href="https://x.example/sub/page.html">ok</a><img src="missing.png" alt="">'
        '<a href="javascript:alert(1)">bad</a><a href="https://other.example/">external</a>'
        "</body></html>",
        encoding="utf-8",
    )
    broken, checked_links, checked_anchors = check_links(tmp_path)
    assert (checked_links, checked_anchors) == (7, 4)
    assert [line.split(": ", 1)[1] for line in broken] == [
        "<a href='#nope'>: no id 'nope' in index.html",
        "<a href='sub/page.html#gone'>: no id 'gone' in sub/page.html",
        "<img src='missing.png'>: no file 'missing.png' in the site",
        "<a href='javascript:alert(1)'>: javascript: URL",
    ]
