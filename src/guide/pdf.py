"""PDFs of the printable sheets, made with WeasyPrint from the same template as their pages.

    sheet --render_sheet (templates/_worksheet_sheet.html.j2)--> HTML + print.css --WeasyPrint--> PDF

No network: the document holds everything it needs, and any URL it would fetch is an error.
Each PDF is cached under its content hash (the full HTML and CSS, and the engine's version),
so a rebuild where no sheet changed copies the PDFs instead of laying them out again.
"""

from __future__ import annotations

import hashlib
import html
import os
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from . import models as m
from .content import Content
from .render import TEMPLATES, Renderer
from .typography import french_html
from .worksheets import absolute_href, render_sheet

CACHE_FORMAT = "1"  # bump to invalidate every cached PDF


@dataclass(frozen=True)
class SheetPdf:
    """One sheet's PDF in the output folder, and whether it came from the cache."""

    sheet_id: str
    path: Path
    pages: int  # as declared by the sheet
    cached: bool


def sheet_document(r: Renderer, sheet: m.Worksheet, css: str) -> str:
    """A standalone HTML document for one sheet: its body as on the page, and the print styles."""
    body = french_html(render_sheet(r, sheet, href=absolute_href(r.site_url)))
    title = html.escape(sheet.title)
    summary = html.escape(" ".join(sheet.summary.split()), quote=True)
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<meta name="description" content="{summary}">\n'
        '<meta name="author" content="Guide de l’entretien d’accompagnement">\n'
        f"<style>\n{css}\n</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def document_hash(document: str) -> str:
    # The engine's version is part of the key; read from metadata, importing it takes a while.
    key = f"{CACHE_FORMAT}\n{metadata.version('weasyprint')}\n{document}"
    return hashlib.sha256(key.encode()).hexdigest()


def write_pdf(document: str, target: Path) -> None:
    """Lay out `document` on A4 with WeasyPrint; fetching any URL fails instead of going online."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=["data"], fail_on_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".part", delete=False) as tmp:
        weasyprint.HTML(string=document, base_url=None, url_fetcher=fetcher).write_pdf(tmp)
    os.replace(tmp.name, target)


def _write_pdf_job(job: tuple[str, str]) -> None:
    document, target = job
    write_pdf(document, Path(target))


def build_pdfs(
    content: Content,
    out_dir: Path,
    *,
    css: str,
    cache_dir: Path,
    site_url: str = "",
    templates: Path = TEMPLATES,
    sheets: Iterable[str] | None = None,
    jobs: int | None = None,
) -> list[SheetPdf]:
    """Write `<out_dir>/<id>.pdf` for each sheet, laying out only those missing from the cache."""
    renderer = Renderer(content, templates, site_url=site_url)
    wanted = list(sheets) if sheets is not None else list(content.worksheets)
    planned: list[tuple[m.Worksheet, Path, bool]] = []
    missing: list[tuple[str, str]] = []
    for sheet_id in wanted:
        sheet = content.worksheets[sheet_id]
        document = sheet_document(renderer, sheet, css)
        cached = cache_dir / f"{document_hash(document)}.pdf"
        hit = cached.is_file()
        if not hit:
            missing.append((document, str(cached)))
        planned.append((sheet, cached, hit))

    workers = min(len(missing), jobs or os.cpu_count() or 1)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_write_pdf_job, missing))
    else:
        for job in missing:
            _write_pdf_job(job)

    out_dir.mkdir(parents=True, exist_ok=True)
    results: list[SheetPdf] = []
    for sheet, cached, hit in planned:
        target = out_dir / f"{sheet.id}.pdf"
        shutil.copyfile(cached, target)
        results.append(SheetPdf(sheet.id, target, sheet.pages, hit))
    return results
