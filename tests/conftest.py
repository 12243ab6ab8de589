"""Shared fixtures: the project's paths, one strict build of the real site per test run
(shared by the xdist workers, see dev/testing.md), a local HTTP server for it, Debian's nginx
serving it as published, and Debian's Chromium driven by Playwright, one browser per worker.

Layout depends on fonts: a table that fits in 390 pixels with one font scrolls with a wider
one, and a sheet's page count moves with the font. So the browser and PDF checks see only the
fonts that scripts/setup.sh installs (Debian's fonts-dejavu-core), whatever else the machine
has: a fontconfig of our own, set here before anything starts fontconfig, is inherited by the
builds (WeasyPrint) and by Chromium."""

from __future__ import annotations

import ast
import atexit
import contextlib
import dataclasses
import fcntl
import functools
import getpass
import html
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from guide import ContentErrors, load_content
from guide.content import Content
from guide.search import REDIRECT  # an old address kept, which leads to the new one

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


# The repository's PDF cache (keyed by the hash of everything a PDF is made from): a build of a
# copy of the project, whose own .cache/ is left out of the copy, reuses the PDFs that the real
# site's build already laid out instead of laying them all out again. A test that needs a PDF
# made anew changes its content (a cache miss), as tests/test_core_cache.py does.
PDF_CACHE = os.environ.get("GUIDE_PDF_CACHE") or str(ROOT / ".cache" / "pdf")


def mkdocs_build(
    site_dir: Path, *, project: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` of `project` into `site_dir`."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GUIDE_PDF_CACHE": PDF_CACHE, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this test run that every xdist worker sees (the workers' temporary folders
    are its sub-folders); the run's own temporary folder without xdist."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder `name` of this run, made by `make(folder)` by the first worker that asks for
    it while the others wait (a file lock), then read by all. A failed `make` raises in every
    worker that asks (each tries again), so the failure is reported wherever it matters."""
    folder = run_folder(tmp_path_factory)
    target, done = folder / name, folder / f"{name}.done"
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(target, ignore_errors=True)
            make(target)
            done.touch()
    return target


class SharedResults(Mapping[str, Any]):
    """{key: compute(key)}, each key computed when first read, once per test run, and kept as
    JSON in the run's folder: a worker that reads a key another worker is computing waits for
    it (a file lock per key), then reads it back, as does a fixture set up again on the same
    worker. Tests that each read one key, run on two workers, so split the work between them."""

    def __init__(self, folder: Path, keys: Iterable[str], compute: Callable[[str], Any]) -> None:
        self.folder, self.keys_, self.compute = folder, list(keys), compute
        self.read: dict[str, Any] = {}
        folder.mkdir(exist_ok=True)

    def __getitem__(self, key: str) -> Any:
        if key not in self.keys_:
            raise KeyError(key)
        if key not in self.read:
            stored = self.folder / f"{key}.json"
            with open(self.folder / f"{key}.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not stored.exists():
                    partial = stored.with_suffix(".part")
                    partial.write_text(json.dumps(self.compute(key)), encoding="utf-8")
                    partial.replace(stored)
            self.read[key] = json.loads(stored.read_text(encoding="utf-8"))
        return self.read[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_)

    def __len__(self) -> int:
        return len(self.keys_)


def shared_results(
    tmp_path_factory: pytest.TempPathFactory, name: str, keys: Iterable[str], compute: Callable[[str], Any]
) -> SharedResults:
    """The results of `compute` for each key, shared by the workers of this run (SharedResults)."""
    return SharedResults(run_folder(tmp_path_factory) / name, keys, compute)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test run with --strict (never written to by a test)."""

    def build(site_dir: Path) -> None:
        result = mkdocs_build(site_dir)
        assert result.returncode == 0, result.stderr + result.stdout

    return made_once(tmp_path_factory, "site", build)


def properdocs_build(
    site_dir: Path, *, project: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `properdocs build --strict` of `project` into `site_dir`: ProperDocs, the drop-in
    fork of MkDocs 1.x, the fallback engine (dev/engines.md), reading the same mkdocs.yml."""
    return subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site_dir)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GUIDE_PDF_CACHE": PDF_CACHE, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test run with ProperDocs and --strict (shared by the
    xdist workers, as `site` is)."""

    def build(site_dir: Path) -> None:
        result = properdocs_build(site_dir)
        assert result.returncode == 0, result.stderr + result.stdout

    return made_once(tmp_path_factory, "properdocs-site", build)


@pytest.fixture(scope="session")
def site_pages(site: Path) -> list[Path]:
    """Every HTML page of the built site, old addresses that lead to another one included."""
    return sorted(site.rglob("*.html"))


@pytest.fixture(scope="session")
def browsed_pages(site_pages: list[Path]) -> list[Path]:
    """The pages a browser stays on: every page but an old address kept, which the browser
    leaves at once for the new one (tests/test_planner.py checks them)."""
    return [p for p in site_pages if REDIRECT not in p.read_text(encoding="utf-8")]


# Running on several workers (pytest-xdist, `-n 2 --dist loadgroup`: scripts/test.sh) ---------
# A module-scoped fixture is set up once on each worker that runs a test of its module, and
# again each time a worker comes back to the module after a test of another one. So a module
# that defines one is handed out whole, as one unit of work, unless the fixture shares its
# results between the workers (shared_results), as the accessibility checks do: a test per
# configuration, each of them a unit of its own, so the two workers split the four hundred
# page loads. Every other test is a unit of its own.
# (xdist's own loadgroup marks no longer reach its scheduler under pytest 9, which keeps node
# ids elsewhere: this scheduler takes the place of loadgroup's.)
SHARED_ACROSS_WORKERS = {"axe_results", "served"}


@functools.cache
def kept_together(module: Path) -> bool:
    """Whether the test module `module` defines a module-scoped fixture that does not share
    its results between workers (read from its source, so the controller, which collects
    nothing, decides as the workers do)."""
    if not module.is_file():
        return False
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef) and node.name not in SHARED_ACROSS_WORKERS:
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and any(
                    k.arg == "scope" and isinstance(k.value, ast.Constant) and k.value.value == "module"
                    for k in decorator.keywords
                ):
                    return True
    return False


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "reads_shared: reads results shared across workers that another test makes (sorted after it)",
    )
    config.addinivalue_line(
        "markers",
        "makes_shared: makes results shared across workers that other tests read (sorted first)",
    )


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """With --dist loadgroup: a unit of work is a whole module if kept_together, else a test."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModuleOrTest(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if kept_together(config.rootpath / module) else nodeid

        def _reschedule(self, node: Any) -> None:
            # A worker holds the test it runs and the next one only (xdist's default: up to
            # three units), so that a long unit never waits behind another on a busy worker
            # while the other worker has nothing left.
            if node.shutting_down:
                return
            if not self.workqueue:
                node.shutdown()
                return
            if self._pending_of(self.assigned_work[node]) > 1:
                return
            self._assign_work_unit(node)

    # Units in the workers' order (pytest_collection_modifyitems), not the biggest modules first.
    config.option.loadscopereorder = False
    return ModuleOrTest(config, log)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On an xdist worker: the long work first, so that no worker starts a long test while the
    other has nothing left to do: the tests that each read one part of results shared across
    workers (an accessibility configuration: the longest units), the modules kept together,
    the tests that drive Chromium, those that build, then the rest, each in collection order
    (every worker sorts the same way, as xdist requires); last, the tests that read parts of
    shared results made by other tests (a test that reads every part, or one marked
    `reads_shared`), each part having been made by a test of its own before."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return

    def rank(item: pytest.Item) -> int:
        if kept_together(item.path):
            return 1
        if SHARED_ACROSS_WORKERS & set(getattr(item, "fixturenames", ())):
            if item.get_closest_marker("makes_shared"):
                return 0
            reads_only = item.get_closest_marker("reads_shared") or not hasattr(item, "callspec")
            return 5 if reads_only else 0
        if item.get_closest_marker("browser") or "browser" in getattr(item, "fixturenames", ()):
            return 2
        if item.get_closest_marker("build"):
            return 3
        return 4

    ranks = {item.nodeid: rank(item) for item in items}
    items.sort(key=lambda item: ranks[item.nodeid])


# Files the checks add to the site as served, outside it: {address: file}. axe-core reaches the
# pages from the site's own origin (tests/test_quality_axe.py), where Chromium caches it and its
# compiled code, as any script of the site.
QUALITY_FILES = {"/__quality__/axe.min.js": ROOT / "node_modules" / "axe-core" / "axe.min.js"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        quality = QUALITY_FILES.get(urlsplit(path).path)
        return str(quality) if quality else super().translate_path(path)


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


NGINX = "/usr/sbin/nginx"  # Debian's nginx
NGINX_SERVER = ROOT / "deploy" / "nginx" / "guide.conf"  # the server block the project ships
NGINX_MAIN = """{user}worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/guide.conf;
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def nginx_url(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site served by Debian's nginx with the server block the project ships
    (deploy/nginx/guide.conf, its listen address and root replaced), run as the current user
    on a free loopback port, with its own configuration, pid, logs and temporary files in a
    folder of this test run; one server per worker."""
    assert Path(NGINX).exists(), f"{NGINX} is missing: run scripts/setup.sh as root"
    folder = tmp_path_factory.mktemp("nginx")
    server = NGINX_SERVER.read_text(encoding="utf-8")
    assert "listen 80;" in server and "/srv/guide/site" in server, NGINX_SERVER
    # nginx started by root hands its work to an unprivileged user, who could not read the
    # test run's folders: the current user keeps it.
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(NGINX_MAIN.format(folder=folder, user=user), encoding="utf-8")
    for _attempt in range(3):  # a free port taken by another process in between: try another
        port = free_port()
        conf = server.replace("listen [::]:80;", "").replace("listen 80;", f"listen 127.0.0.1:{port};")
        (folder / "guide.conf").write_text(conf.replace("/srv/guide/site", str(site)), encoding="utf-8")
        command = [
            NGINX,
            "-p",
            str(folder),
            "-e",
            str(folder / "error.log"),
            "-c",
            str(folder / "nginx.conf"),
        ]
        with open(folder / "stderr.log", "w") as stderr:  # nginx's messages before its log opens
            process = subprocess.Popen([*command, "-g", "daemon off;"], stderr=stderr)
        for _ in range(100):
            if process.poll() is not None:
                break
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        if process.poll() is None:
            break
    else:
        raise AssertionError(f"nginx did not start: {(folder / 'stderr.log').read_text()}")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)


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
def served(
    request: pytest.FixtureRequest,
    browser: Any,
    site: Path,
    site_pages: list[Path],
    browsed_pages: list[Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> Any:
    """The suite's one pass over the site served by nginx (tests/served.py: every page loaded
    until its network is idle, then search, the planner and the timer used), made once per run
    by the worker that first asks, which starts nginx for it, and read back by the other."""
    from served import Served, sweep

    def compute(_key: str) -> dict[str, Any]:
        nginx_url = request.getfixturevalue("nginx_url")
        return dataclasses.asdict(sweep(browser, nginx_url, site, site_pages, browsed_pages))

    return Served(**shared_results(tmp_path_factory, "served", ["sweep"], compute)["sweep"])


@contextlib.contextmanager
def watched_page(browser: Any, site_url: str, **options: Any) -> Iterator[Any]:
    """A page in a browser context of its own (`options`: Playwright's new_context), which
    records its requests (`page.requests`) and script errors (`page.errors`); on leaving, no
    request went to another origin and no script failed."""
    context = browser.new_context(**options)
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    origin = urlsplit(site_url).netloc
    outside = [u for u in page.requests if urlsplit(u).scheme in {"http", "https", "ws", "wss"}
               and urlsplit(u).netloc != origin]  # fmt: skip
    context.close()
    assert not outside, outside
    assert not page.errors, page.errors


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


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """content/ and docs/ copied (their dates kept: the file an edit touches is the newest), the
    core's cache off: what `guide validate` reads, ready to break (test_validate, test_messages)."""
    monkeypatch.setenv("GUIDE_CORE_CACHE", "0")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return tmp_path
