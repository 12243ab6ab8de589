"""The PDFs of a build in which nothing changed, copied without loading the content.

    hooks/worksheet_hooks.py --pdf_plan(core build, settings)--> .cache/guide/pdfs-<key>.json
      hit: reuse_pdfs copies each PDF from the PDF cache (.cache/pdf/) into the site
      miss: guide.pdf.build_pdfs (the content, WeasyPrint), then store_pdf_plan

The plan's key is the core build's (content, templates, code: guide.build) with the print
styles, the deck's styles, which PDFs are made, the PDF cache's folder and the PDF engines'
versions, so a PDF is never copied from a plan made from other inputs. Light: imports neither
the models nor WeasyPrint.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from .build import CoreBuild
from .cache import store
from .page import TEMPLATES


def cards_css(docs: Path, templates: Path = TEMPLATES) -> str:
    """The deck's styles: a card's look (also the page cartes/'s) and the A4 sheets' layout."""
    return "\n".join(
        path.read_text(encoding="utf-8")
        for path in (docs / "assets" / "cards.css", templates / "_cards_deck.css")
    )


def pdf_plan(build: CoreBuild, cache_dir: Path, settings: Any) -> Path | None:
    """Where the list of the PDFs made from this build's inputs and `settings` (styles, engine
    versions, which PDFs) is kept, or None without a cache."""
    if not build.key:
        return None
    text = json.dumps([build.key, settings], sort_keys=True, default=str)
    return cache_dir / f"pdfs-{hashlib.sha256(text.encode()).hexdigest()}.json"


def reuse_pdfs(plan: Path | None, site_dir: Path) -> int | None:
    """Copy the PDFs the plan lists from the PDF cache into `site_dir`: their number, or None
    when there is no plan or a cached PDF is gone (they are then made again)."""
    try:
        entries = json.loads(plan.read_text(encoding="utf-8")) if plan else None
    except (OSError, ValueError):
        return None
    if not isinstance(entries, list) or not all(Path(cached).is_file() for _, cached in entries):
        return None
    for target, cached in entries:
        (site_dir / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, site_dir / target)
    return len(entries)


def store_pdf_plan(plan: Path | None, site_dir: Path, made: list[tuple[Path, Path]]) -> None:
    """Keep the plan: each PDF (`target` under `site_dir`, `cached` file it was copied from)."""
    if plan is not None:
        entries = [[target.relative_to(site_dir).as_posix(), str(cached)] for target, cached in made]
        store(plan, json.dumps(entries), pattern="pdfs-*.json")
