"""PDFs of the printable sheets and of the card deck, made with WeasyPrint from the same
templates as their pages.

    sheet --render_sheet (templates/_worksheet_sheet.html.j2)--> HTML + print.css --WeasyPrint--> PDF
    deck --guide.cards.deck_body (templates/_cards_deck.html.j2)--> HTML + cards CSS --> PDFs

Every PDF is tagged (PDF/UA-1: language, title, headings, reading order) and carries a QR code
of its page's address; a sheet's write-in areas, blanks and tick boxes are form fields.
No network: the document holds everything it needs, and any URL it would fetch is an error.
Each PDF is cached under its content hash (the full HTML and CSS, the engines' versions and the
code that finishes it),
so a rebuild where nothing changed copies the PDFs instead of laying them out again. The deck
is laid out once for its PDFs: the whole deck, and one per family, which is a run of its pages.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import html
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from . import models as m
from .cards import DECK_PDF, deck_body, deck_pdfs
from .content import Content
from .pdfforms import finish_pdf
from .pdfplan import cards_css as cards_css
from .pdftags import hidden_as_artifacts
from .qrcode import qr_engine, with_qr_codes
from .render import TEMPLATES, Renderer
from .typography import french_html
from .worksheets import absolute_href, render_sheet

PDF_VARIANT = "pdf/ua-1"  # tagged, with the document's language and title
CACHE_FORMAT = "3"  # bump to invalidate every cached PDF


@dataclass(frozen=True)
class BuiltPdf:
    """One PDF in the output folder (a sheet's, or the deck's `cartes/<slug>`), and whether it
    came from the cache."""

    id: str
    path: Path
    pages: int  # as declared by the sheet, or the deck's pages it holds
    cached: bool
    cache_file: Path | None = None  # the file of the PDF cache it was copied from

    @property
    def sheet_id(self) -> str:
        return self.id


def sheet_document(r: Renderer, sheet: m.Worksheet, css: str) -> str:
    """A standalone HTML document for one sheet: its body as on the page, and the print styles."""
    body = french_html(render_sheet(r, sheet, href=absolute_href(r.site_url), pdf=True))
    author = r.content.interface.pdf.author
    return standalone(body, title=sheet.title, description=sheet.summary, css=css, author=author)


def standalone(body: str, *, title: str, description: str, css: str, author: str) -> str:
    """An HTML document in French around `body`, its title and description becoming the PDF's."""
    summary = html.escape(" ".join(description.split()), quote=True)
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        f'<meta name="description" content="{summary}">\n'
        f'<meta name="author" content="{html.escape(author, quote=True)}">\n'
        f"<style>\n{css}\n</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


# The modules that shape a PDF after its HTML: their code is in every PDF's cache key, so a
# change to the post-processing never reuses a PDF made by the old one.
FINISHING = ("pdf.py", "pdfforms.py", "pdftags.py", "qrcode.py")


@functools.cache
def finishing_code() -> str:
    """A hash of the code of FINISHING."""
    digest = hashlib.sha256()
    for name in FINISHING:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


def document_hash(document: str, part: str = "") -> str:
    """The cache key of a PDF: its document, which of its pages, the engines' versions and the
    code that finishes it (FINISHING)."""
    # Versions read from metadata: importing WeasyPrint takes a while.
    key = (
        f"{CACHE_FORMAT}\n{metadata.version('weasyprint')}\n{qr_engine()}\n{PDF_VARIANT}\n"
        f"{finishing_code()}\n{part}\n{document}"
    )
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True)
class Output:
    """One PDF made from a document: its pages (all when None), its title, its cache file."""

    cache: str
    pages: tuple[int, ...] | None = None
    title: str | None = None


def write_pdf(document: str, target: Path) -> None:
    """Lay out `document` with WeasyPrint into `target` (see write_pdfs)."""
    write_pdfs(document, [Output(str(target))])


def write_pdfs(document: str, outputs: Sequence[Output]) -> None:
    """Lay out `document` once and write each output: tagged PDF/UA-1, HTML form controls as
    form fields with their own appearances and font, fonts cut to what is used (guide.pdfforms),
    QR codes drawn. Fetching any URL fails instead of going online."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    hidden_as_artifacts()

    fetcher = URLFetcher(allowed_protocols=["data"], fail_on_errors=True)
    options = {"pdf_variant": PDF_VARIANT, "pdf_forms": True}
    laid_out = weasyprint.HTML(string=with_qr_codes(document), base_url=None, url_fetcher=fetcher).render(
        **options
    )
    for output in outputs:
        doc = laid_out
        if output.pages is not None:
            doc = laid_out.copy([laid_out.pages[i] for i in output.pages])
        if output.title is not None:
            doc.metadata = copy.copy(laid_out.metadata)
            doc.metadata.title = output.title
        target = Path(output.cache)
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".part", delete=False) as tmp:
            doc.write_pdf(tmp, **options)
        finish_pdf(Path(tmp.name))
        os.replace(tmp.name, target)


def _write_pdf_job(job: tuple[str, tuple[Output, ...]]) -> None:
    document, outputs = job
    write_pdfs(document, outputs)


def deck_document(r: Renderer, css: str) -> str:
    """The whole deck as one HTML document: one page of fronts, then one of backs, per sheet."""
    texts = r.content.interface.pdf
    return standalone(
        deck_body(r), title=texts.deck_title, description=texts.deck_description, css=css, author=texts.author
    )


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
    cards_dir: Path | None = None,
    cards_css: str = "",
) -> list[BuiltPdf]:
    """Write `<out_dir>/<id>.pdf` for each sheet and, with `cards_dir`, the deck's PDFs there
    (`cartes/jeu-complet.pdf` and one per family), laying out only what the cache misses."""
    renderer = Renderer(content, templates, site_url=site_url)
    wanted = list(sheets) if sheets is not None else list(content.worksheets)
    planned: list[tuple[str, Path, Path, int, bool]] = []  # id, target, cache file, pages, hit
    missing: list[tuple[str, tuple[Output, ...]]] = []

    if cards_dir is not None:
        document = deck_document(renderer, cards_css)
        outputs = []
        for pdf in deck_pdfs(content):
            cached = cache_dir / f"{document_hash(document, ','.join(map(str, pdf.pages)))}.pdf"
            hit = cached.is_file()
            if not hit:
                # The whole deck keeps the document's title; a family's PDF gets its own.
                title = None if pdf.slug == DECK_PDF else pdf.title
                outputs.append(Output(str(cached), pdf.pages, title))
            planned.append((f"cartes/{pdf.slug}", cards_dir / f"{pdf.slug}.pdf", cached, len(pdf.pages), hit))
        if outputs:
            missing.append((document, tuple(outputs)))  # first: the longest job

    for sheet_id in wanted:
        sheet = content.worksheets[sheet_id]
        document = sheet_document(renderer, sheet, css)
        cached = cache_dir / f"{document_hash(document)}.pdf"
        hit = cached.is_file()
        if not hit:
            missing.append((document, (Output(str(cached)),)))
        planned.append((sheet.id, out_dir / f"{sheet.id}.pdf", cached, sheet.pages, hit))

    workers = min(len(missing), jobs or os.cpu_count() or 1)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_write_pdf_job, missing))
    else:
        for job in missing:
            _write_pdf_job(job)

    results: list[BuiltPdf] = []
    for pdf_id, target, cached, pages, hit in planned:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        results.append(BuiltPdf(pdf_id, target, pages, hit, cached))
    return results
