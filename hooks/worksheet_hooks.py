"""MkDocs adapter for the PDFs of the sheets and the card deck (core: guide.pdf, which never
imports MkDocs).

on_post_build writes site/fiches/<id>.pdf for each sheet and site/cartes/<name>.pdf for the
deck, from the content that guide_hooks validated. PDFs are cached in .cache/pdf/
(GUIDE_PDF_CACHE) by content hash; GUIDE_PDF=0 skips them (quicker previews, and the
benchmark's baseline), GUIDE_PDF_CARDS=0 only the deck's (to measure what the deck costs).
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from guide.cards import CARDS_PAGE
from guide.pdf import build_pdfs, cards_css
from guide.render import url_of

GUIDE_HOOKS = "hooks/guide_hooks.py"
log = logging.getLogger("mkdocs.hooks.worksheets")


def pdf_enabled(variable: str = "GUIDE_PDF") -> bool:
    return os.environ.get(variable, "1").strip().lower() not in {"0", "false", "no", "off"}


def on_post_build(*, config: MkDocsConfig) -> None:
    if not pdf_enabled():
        log.info("guide: PDFs of the sheets skipped (GUIDE_PDF=0)")
        return
    guide_hooks = config.plugins.get(GUIDE_HOOKS)
    if guide_hooks is None or not hasattr(guide_hooks, "content"):
        raise PluginError(f"{GUIDE_HOOKS} must be listed before hooks/worksheet_hooks.py")
    root = Path(config.config_file_path).resolve().parent
    cache = Path(os.environ.get("GUIDE_PDF_CACHE") or root / ".cache" / "pdf")
    docs = Path(config.docs_dir)
    css = (docs / "assets" / "print.css").read_text(encoding="utf-8")
    out_dir = Path(config.site_dir) / Path(url_of("worksheets")).parent
    start = time.perf_counter()
    results = build_pdfs(
        guide_hooks.content(),
        out_dir,
        css=css,
        cache_dir=cache,
        site_url=config.site_url or "",
        templates=root / "templates",
        cards_dir=Path(config.site_dir) / Path(CARDS_PAGE).parent if pdf_enabled("GUIDE_PDF_CARDS") else None,
        cards_css=cards_css(docs, root / "templates"),
    )
    reused = sum(r.cached for r in results)
    log.info(
        "guide: %d PDFs (sheets and cards) in %.2f s (%d laid out, %d from the cache)",
        len(results),
        time.perf_counter() - start,
        len(results) - reused,
        reused,
    )
