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
from importlib import metadata
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from guide.cache import cache_dir, env_flag
from guide.pdfplan import cards_css, pdf_plan, reuse_pdfs, store_pdf_plan

GUIDE_HOOKS = "hooks/guide_hooks.py"
log = logging.getLogger("mkdocs.hooks.worksheets")


def pdf_enabled(variable: str = "GUIDE_PDF") -> bool:
    return env_flag(variable)


def on_post_build(*, config: MkDocsConfig) -> None:
    if not pdf_enabled():
        log.info("guide: PDFs of the sheets skipped (GUIDE_PDF=0)")
        return
    guide_hooks = config.plugins.get(GUIDE_HOOKS)
    if guide_hooks is None or not hasattr(guide_hooks, "core"):
        raise PluginError(f"{GUIDE_HOOKS} must be listed before hooks/worksheet_hooks.py")
    root = Path(config.config_file_path).resolve().parent
    cache = Path(os.environ.get("GUIDE_PDF_CACHE") or root / ".cache" / "pdf")
    docs = Path(config.docs_dir)
    site = Path(config.site_dir)
    # The print styles, then the publisher's colours over them (content/publisher.yml).
    theme = guide_hooks.core().theme_css
    css = (docs / "assets" / "print.css").read_text(encoding="utf-8") + "\n" + theme
    deck_css = cards_css(docs, root / "templates") + "\n" + theme
    with_cards = pdf_enabled("GUIDE_PDF_CARDS")
    engines = [metadata.version(name) for name in ("weasyprint", "pydyf", "segno")]
    start = time.perf_counter()
    # Nothing changed since a build that made them: the same PDFs, copied from the PDF cache,
    # without loading the content (guide.pdfplan).
    settings = [css, deck_css, with_cards, str(cache), engines]
    plan = pdf_plan(guide_hooks.core(), cache_dir(root), settings)
    reused = reuse_pdfs(plan, site)
    if reused is not None:
        elapsed = time.perf_counter() - start
        log.info("guide: %d PDFs (sheets and cards) copied from the cache in %.2f s", reused, elapsed)
        return
    # Imported here: a build without PDFs, or with nothing changed, loads neither the PDF engine
    # nor the models.
    from guide.cards import CARDS_PAGE
    from guide.pdf import build_pdfs
    from guide.render import url_of

    results = build_pdfs(
        guide_hooks.content(),
        site / Path(url_of("worksheets")).parent,
        css=css,
        cache_dir=cache,
        site_url=config.site_url or "",
        templates=root / "templates",
        cards_dir=site / Path(CARDS_PAGE).parent if with_cards else None,
        cards_css=deck_css,
    )
    store_pdf_plan(plan, site, [(r.path, r.cache_file) for r in results if r.cache_file is not None])
    reused = sum(r.cached for r in results)
    log.info(
        "guide: %d PDFs (sheets and cards) in %.2f s (%d laid out, %d from the cache)",
        len(results),
        time.perf_counter() - start,
        len(results) - reused,
        reused,
    )
