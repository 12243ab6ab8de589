"""Shared fixtures: the project's paths, one strict build of the real site per test session,
a local HTTP server for it, and Debian's Chromium driven by Playwright.

Layout depends on fonts: a table that fits in 390 pixels with one font scrolls with a wider
one, and a sheet's page count moves with the font. So the browser and PDF checks see only the
fonts that scripts/setup.sh installs (Debian's fonts-dejavu-core), whatever else the machine
has: a fontconfig of our own, set here before anything starts fontconfig, is inherited by the
builds (WeasyPrint) and by Chromium."""

from __future__ import annotations

import atexit
import functools
import html
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from guide import ContentErrors, load_content
from guide.content import Content

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

FONT_PACKAGE = "fonts-dejavu-core"  # the one font package scripts/setup.sh installs
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <cachedir>{fonts}/cache</cachedir>
  <alias><family>sans-serif</family><prefer><family>DejaVu Sans</family></prefer></alias>
  <alias><family>serif</family><prefer><family>DejaVu Serif</family></prefer></alias>
  <alias><family>monospace</family><prefer><family>DejaVu Sans Mono</family></prefer></alias>
</fontconfig>
"""


def setup_fonts() -> Path:
    """A fontconfig that lists the font files of FONT_PACKAGE alone, as on a new machine."""
    listed = subprocess.run(["dpkg", "-L", FONT_PACKAGE], capture_output=True, text=True, check=False)
    files = [Path(line) for line in listed.stdout.splitlines() if line.endswith((".ttf", ".otf"))]
    assert files, f"{FONT_PACKAGE} is not installed: run scripts/setup.sh as root"
    folder = Path(tempfile.mkdtemp(prefix="guide-fonts-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for file in files:
        (folder / file.name).symlink_to(file)
    conf = folder / "fonts.conf"
    conf.write_text(FONTS_CONF.format(fonts=folder), encoding="utf-8")
    return conf


os.environ["FONTCONFIG_FILE"] = str(setup_fonts())


def mkdocs_build(
    site_dir: Path, *, project: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` of `project` into `site_dir`."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with --strict."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(site_dir)
    assert result.returncode == 0, result.stderr + result.stdout
    return site_dir


def properdocs_build(
    site_dir: Path, *, project: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `properdocs build --strict` of `project` into `site_dir`: ProperDocs, the drop-in
    fork of MkDocs 1.x, the fallback engine (dev/engines.md), reading the same mkdocs.yml."""
    return subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site_dir)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with ProperDocs and --strict."""
    site_dir = tmp_path_factory.mktemp("properdocs-site")
    result = properdocs_build(site_dir)
    assert result.returncode == 0, result.stderr + result.stdout
    return site_dir


@pytest.fixture(scope="session")
def site_pages(site: Path) -> list[Path]:
    """Every HTML page of the built site."""
    return sorted(p for p in site.rglob("*.html"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that closes a connection early (a page left mid-load) is not an error here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """The built site served on a free localhost port."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run scripts/setup.sh as root"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def content() -> Content:
    """The real content, validated."""
    return load_content(ROOT / "content", project_root=ROOT)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real content folder that a test may break."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def errors_for(project: Path) -> list[str]:
    """The errors of loading `project`'s content, which must fail, as printed."""
    with pytest.raises(ContentErrors) as caught:
        load_content(project / "content", project_root=project)
    return [str(error) for error in caught.value.errors]


def line_of(text: str, needle: str) -> int:
    """The line where `needle` first occurs in `text`."""
    return text.count("\n", 0, text.index(needle)) + 1


def squash(text: str) -> str:
    """Comparable text: no markup, Markdown emphasis, spaces or hyphens; ligatures undone."""
    text = unicodedata.normalize("NFKC", html.unescape(re.sub(r"<[^>]+>", "", text)))
    return re.sub(r"[\s\u00a0\u202f*«»\-‐]", "", text).replace("’", "'")


def page_text(site: Path, path: str) -> str:
    """The HTML of one page of a built site."""
    return (site / path).read_text(encoding="utf-8")
