"""Sheets a consultant fills in any viewer, and that stay light: every field of every sheet is
filled (accented text) and every box ticked with pypdf, the sheet saved, then rendered by
poppler (pdftoppm), MuPDF (mutool draw) and pdf.js (pdfjs-dist from npm, the viewer of
Firefox, run in Chromium from a local page); in each rendering, every field's area differs
from the unfilled sheet's. The fields carry their own appearances (/DA, /MK, /AP) and no
NeedAppearances; the fonts hold only what is drawn or typable; each sheet weighs <= 80 KB."""

from __future__ import annotations

import base64
import functools
import http.server
import io
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader, PdfWriter

from guide.content import Content
from guide.pdfforms import FIELD_PT, TYPABLE

pytestmark = pytest.mark.build

MM = 72 / 25.4
DPI = 100
TEXT = "Essai : « œuvre » d’été, Œdipe, cæsium, 12 € ; ça marche !"
MAX_BYTES = 80 * 1024
ROOT = Path(__file__).resolve().parents[1]
PDFJS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>pdf.js</title></head><body>
<script type="module">
import * as pdfjs from "./pdfjs/build/pdf.mjs";
pdfjs.GlobalWorkerOptions.workerSrc = "./pdfjs/build/pdf.worker.mjs";
window.renderPage = async (url, number, scale) => {
  const doc = await pdfjs.getDocument({ url }).promise;
  const page = await doc.getPage(number);
  const viewport = page.getViewport({ scale });
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(viewport.width);
  canvas.height = Math.round(viewport.height);
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvas, canvasContext: context, viewport,
                      annotationMode: pdfjs.AnnotationMode.ENABLE }).promise;
  return canvas.toDataURL("image/png");
};
window.ready = true;
</script></body></html>
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def pdfjs(browser: Any, tmp_path: Path) -> Iterator[Any]:
    """A Chromium page that renders PDFs of `tmp_path` with pdf.js, served from localhost."""
    (tmp_path / "pdfjs").symlink_to(ROOT / "node_modules" / "pdfjs-dist")
    (tmp_path / "viewer.html").write_text(PDFJS_PAGE, encoding="utf-8")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp_path))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    page.route(lambda url: not url.startswith("http://127.0.0.1"), lambda route: route.abort())
    page.goto(f"http://127.0.0.1:{server.server_address[1]}/viewer.html")
    page.wait_for_function("window.ready === true")
    yield page
    page.close()
    server.shutdown()
    server.server_close()


def sheets_with_fields(site: Path, content: Content) -> list[Path]:
    paths = [site / "fiches" / f"{sheet.id}.pdf" for sheet in content.worksheets.values()]
    with_fields = [p for p in paths if PdfReader(p).get_fields()]
    assert with_fields  # the sheets to fill in (the client's sheet has no field)
    return with_fields


def fill(pdf: Path, target: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(pdf))
    for page in writer.pages:
        values: dict[str, str] = {}
        for ref in page.get("/Annots", []):
            annot = ref.get_object()
            if annot.get("/FT") == "/Tx":
                values[str(annot["/T"])] = TEXT
            elif annot.get("/FT") == "/Btn":
                values[str(annot["/T"])] = "/on"
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.write(target)


def render(viewer: str, pdf: Path, page: int, out: Path, pdfjs: Any = None) -> Image.Image:
    if viewer == "pdf.js":
        url = pdf.relative_to(out.parent).as_posix()
        data = pdfjs.evaluate("([u, n, s]) => window.renderPage(u, n, s)", [url, page, DPI / 72])
        return Image.open(io.BytesIO(base64.b64decode(data.split(",", 1)[1]))).convert("L")
    if viewer == "poppler":
        stem = out.with_suffix("")
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", "-f", str(page), "-l", str(page),
             str(pdf), str(stem)],
            check=True,
        )  # fmt: skip
    else:
        subprocess.run(
            ["mutool", "draw", "-q", "-r", str(DPI), "-c", "gray", "-o", str(out), str(pdf), str(page)],
            check=True,
            capture_output=True,
        )
    return Image.open(out).convert("L")


def test_fields_carry_their_own_appearances(site: Path, content: Content) -> None:
    for path in sheets_with_fields(site, content):
        reader = PdfReader(path)
        form = reader.trailer["/Root"]["/AcroForm"]
        assert "/NeedAppearances" not in form, path.name
        for field in (f.get_object() for f in form["/Fields"]):
            x0, y0, x1, y1 = (float(v) for v in field["/Rect"])
            assert x0 < x1 and y0 < y1, (path.name, field["/T"])  # lower left corner first
            assert "/DA" in field and "/MK" in field and "/AP" in field, (path.name, field["/T"])
            if field["/FT"] == "/Tx":
                size = float(str(field["/DA"]).split(" Tf")[0].split()[-1])
                assert 0 <= size <= 10 and size == FIELD_PT, field["/DA"]
            else:
                assert {"/on", "/Off"} <= set(field["/AP"]["/N"]), field["/T"]
                assert min(x1 - x0, y1 - y0) >= 4 * MM - 0.3, (path.name, field["/T"], x1 - x0)


def test_filled_sheets_show_text_and_ticks_in_three_viewers(
    site: Path, content: Content, tmp_path: Path, pdfjs: Any
) -> None:
    shown = {"poppler": 0, "mupdf": 0, "pdf.js": 0}
    total = 0
    for original in sheets_with_fields(site, content):
        path = tmp_path / original.name
        path.write_bytes(original.read_bytes())
        filled = tmp_path / f"{path.stem}-filled.pdf"
        fill(path, filled)
        reader = PdfReader(filled)
        for number, page in enumerate(reader.pages, 1):
            widgets = [a.get_object() for a in page.get("/Annots", []) if a.get_object().get("/FT")]
            if not widgets:
                continue
            height = float(page.mediabox.height)
            for viewer in shown:
                blank = render(viewer, path, number, tmp_path / f"{viewer}-blank.png", pdfjs)
                full = render(viewer, filled, number, tmp_path / f"{viewer}-filled.png", pdfjs)
                for widget in widgets:
                    x0, y0, x1, y1 = (float(v) * DPI / 72 for v in widget["/Rect"])
                    box = (
                        int(x0) + 1,
                        int(height * DPI / 72 - y1) + 1,
                        int(x1) - 1,
                        int(height * DPI / 72 - y0) - 1,
                    )
                    diff = ImageChops.difference(blank.crop(box), full.crop(box))
                    changed = sum(diff.histogram()[65:])  # pixels that changed by more than a quarter
                    assert changed >= 3, (viewer, path.name, number, str(widget["/T"]))
                    shown[viewer] += 1
            total += len(widgets)
    print(f"\nfields shown when filled: {shown} of {total} each")
    assert all(count == total for count in shown.values())


def test_sheets_are_light_and_fonts_cut_to_what_is_used(site: Path, content: Content) -> None:
    sizes = {}
    for sheet in content.worksheets.values():
        path = site / "fiches" / f"{sheet.id}.pdf"
        sizes[path.name] = path.stat().st_size
        for page in PdfReader(path).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                if font["/Subtype"] == "/Type0":
                    widths = font["/DescendantFonts"][0].get_object()["/W"]
                    assert len(widths) // 2 < 400, (path.name, font["/BaseFont"])  # not 6,253 glyphs
    print("\n" + "\n".join(f"{name}: {size} bytes" for name, size in sizes.items()))
    assert max(sizes.values()) <= MAX_BYTES, sizes


def test_form_font_types_french(site: Path, content: Content) -> None:
    for ch in "éèêëàâîïôûùüçœæŒÆÉÈÀÇ«»’€0123456789.,;:!?()-–—":
        assert ch in TYPABLE, ch
    path = sheets_with_fields(site, content)[0]
    form = PdfReader(path).trailer["/Root"]["/AcroForm"]
    font = form["/DR"]["/Font"]["/GuideForm"].get_object()
    assert font["/Encoding"] == "/WinAnsiEncoding" and "/FontFile2" in font["/FontDescriptor"]
