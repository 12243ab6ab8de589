"""French stemming for the theme's search worker (see templates/search-fr.js)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from .page import TEMPLATES

WORKER_DIR = "assets/javascripts/workers/"
STEMMING_WORKER = WORKER_DIR + "search-fr.js"


def is_theme_search_worker(path: str) -> bool:
    """Whether a site path is the theme's search worker (its name changes with each release)."""
    name = path.removeprefix(WORKER_DIR)
    return path.startswith(WORKER_DIR) and name.startswith("search.") and name.endswith(".min.js")


def stemming_worker(theme_worker: str, templates: Path = TEMPLATES) -> str:
    """The theme's worker followed by the adjustment that stems the words readers type.

    One script, not a loader of the theme's: the reader downloads the same bytes as before.
    """
    adjustment = (templates / "search-fr.js").read_text(encoding="utf-8")
    return f"{theme_worker.rstrip()}\n{adjustment}"


def theme_search_worker() -> Path:
    """The installed theme's search worker (for the export, which runs without MkDocs)."""
    spec = importlib.util.find_spec("material")
    roots = list(spec.submodule_search_locations or []) if spec else []
    found = [
        path for root in roots for path in (Path(root) / "templates" / WORKER_DIR).glob("search.*.min.js")
    ]
    if len(found) != 1:
        raise RuntimeError(f"expected one search worker in the installed theme, found {found}")
    return found[0]
