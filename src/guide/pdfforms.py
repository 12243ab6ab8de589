"""Form fields that show in every viewer, and fonts cut to what the PDF uses: a pass over the
PDF that WeasyPrint writes (guide.pdf.write_pdfs), with pypdf, fontTools and pikepdf.

WeasyPrint writes a sheet's fields with its text font, which it then embeds whole (6,253
glyphs of DejaVu Sans: 90 % of a sheet's weight) so that a filler may type any letter, and
asks viewers to draw the fields themselves (`NeedAppearances`), which poppler and MuPDF do
without ticks. This pass:

- cuts the text font down to the glyphs the pages draw (glyph ids kept: the pages' text is
  unchanged);
- gives the fields their own small font (FORM_FONT): DejaVu Sans cut to the Windows-1252
  letters (French letters with œ æ Œ, digits, punctuation, « » ’ €), a simple TrueType font
  that every viewer can type with;
- gives each field its own appearance: text at FIELD_PT points (`/DA`, `/MK`, an `/AP` stream),
  tick boxes a tick for « on » and nothing for « Off » (`/AP`, `/MK /CA`, `/DA`), and drops
  `NeedAppearances`;
- writes every annotation's `/Rect` with its lower left corner first;
- finishes the structure tree (guide.pdftags: artifacts, Figure boxes, header cells' scope).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, cast

import pikepdf
from fontTools import subset
from fontTools.ttLib import TTFont
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from .pdftags import finish_tags

FORM_FONT = "/GuideForm"
FIELD_PT = 9  # the sheets' own text size (at most 10 pt: issue 17)
INK = "0.106 0.106 0.106"  # --sheet-ink
# What a filler may type: the Windows-1252 characters (French letters, œ æ Œ, « » ’ €...).
TYPABLE = "".join(
    ch for ch in bytes(range(0x20, 0x100)).decode("cp1252", errors="ignore") if ch.isprintable()
)


def finish_pdf(path: Path) -> None:
    """Rewrite the PDF at `path` in place (see the module's docstring)."""
    reader = PdfReader(path)
    writer = PdfWriter(clone_from=reader)
    root = writer._root_object
    for page in writer.pages:
        for annot in page.get("/Annots", []):
            _normal_rect(annot.get_object())
    form = root.get("/AcroForm")
    if form is not None:
        form = form.get_object()
        full = _form_text_font(form)
        if full is not None:
            _subset_type0(writer, full)
        _finish_fields(writer, form, full)
    writer.compress_identical_objects(remove_unreferenced=True)
    written = io.BytesIO()
    writer.write(written)
    # pypdf writes every object on its own; qpdf (pikepdf) packs them into compressed object
    # streams, as WeasyPrint does: the structure tree alone would otherwise weigh 40 KB.
    with pikepdf.open(io.BytesIO(written.getvalue())) as pdf:
        finish_tags(pdf)
        pdf.remove_unreferenced_resources()
        pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)


def _normal_rect(annot: DictionaryObject) -> None:
    rect = annot.get("/Rect")
    if rect is None:
        return
    x0, y0, x1, y1 = (float(v) for v in rect)
    annot[NameObject("/Rect")] = ArrayObject(
        FloatObject(round(v, 4)) for v in (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    )


def _form_text_font(form: DictionaryObject) -> DictionaryObject | None:
    """The Type0 font WeasyPrint names in the text fields' /DA (its text font, embedded whole)."""
    fonts = form.get("/DR", {}).get_object().get("/Font", {}).get_object()
    for field in form.get("/Fields", []):
        da = str(field.get_object().get("/DA", ""))
        for token in da.split():
            if token.startswith("/") and token in fonts:
                font = fonts[token].get_object()
                if font.get("/Subtype") == "/Type0":
                    return cast(DictionaryObject, font)
    return None


def _font_file(type0: DictionaryObject) -> StreamObject:
    descendant: Any = type0["/DescendantFonts"][0].get_object()  # type: ignore[index]
    return cast(StreamObject, descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object())


def _used_glyphs(writer: PdfWriter, font: DictionaryObject) -> set[int]:
    """Glyph ids the pages (and their form XObjects) draw with `font` (Identity-H: 2 bytes)."""
    used: set[int] = {0}
    seen: set[int] = set()

    def visit(stream: Any, resources: Any) -> None:
        if id(stream) in seen:
            return
        seen.add(id(stream))
        resources = (resources or DictionaryObject()).get_object()
        fonts = resources.get("/Font", DictionaryObject()).get_object()
        ours = {name for name, ref in fonts.items() if ref.get_object() is font}
        current = None
        for operands, operator in ContentStream(stream, writer).operations:
            if operator == b"Tf":
                current = operands[0]
            elif operator in (b"Tj", b"'", b'"', b"TJ") and current in ours:
                items = operands[-1] if operator == b"TJ" else [operands[-1]]
                for item in items:
                    if isinstance(item, bytes | str) or hasattr(item, "original_bytes"):
                        data = item.original_bytes if hasattr(item, "original_bytes") else bytes(item)
                        used.update(
                            int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2)
                        )
        for ref in resources.get("/XObject", DictionaryObject()).get_object().values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject, xobject.get("/Resources", resources))

    for page in writer.pages:
        contents = page.get_contents()
        if contents is not None:
            visit(contents, page.get("/Resources"))
    return used


def _subset(program: bytes, *, retain_gids: bool = False, **keep: list[int]) -> TTFont:
    """A font program cut to the glyphs `keep` names (fontTools' `gids=` or `unicodes=`), with
    its outline for a missing glyph, no hinting, no layout features, every name kept."""
    ttfont = TTFont(io.BytesIO(program))
    options = subset.Options()
    options.retain_gids = retain_gids
    options.notdef_outline = True
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(**keep)
    subsetter.subset(ttfont)
    return ttfont


def _subset_type0(writer: PdfWriter, font: DictionaryObject) -> None:
    """Cut the Type0 font down to the glyphs drawn, glyph ids kept; its widths and Unicode map
    too. Its whole program is kept aside for the form font first."""
    file = _font_file(font)
    data = file.get_data()
    glyphs = _used_glyphs(writer, font)
    ttfont = _subset(data, retain_gids=True, gids=sorted(glyphs))
    out = io.BytesIO()
    ttfont.save(out)
    file.set_data(out.getvalue())
    file[NameObject("/Length1")] = NumberObject(len(out.getvalue()))
    descendant: Any = font["/DescendantFonts"][0].get_object()  # type: ignore[index]
    widths = _widths(descendant.get("/W", ArrayObject()))
    descendant[NameObject("/W")] = ArrayObject(
        item
        for gid in sorted(g for g in glyphs if g in widths)
        for item in (NumberObject(gid), ArrayObject([FloatObject(widths[gid])]))
    )
    full = TTFont(io.BytesIO(data))
    glyph_ids = {name: full.getGlyphID(name) for name in full.getGlyphOrder()}
    to_unicode: dict[int, str] = {}
    for code, name in sorted(full.getBestCmap().items()):
        gid = glyph_ids[name]
        if gid in glyphs and gid not in to_unicode:
            to_unicode[gid] = chr(code)
    font[NameObject("/ToUnicode")] = writer._add_object(_to_unicode(to_unicode))
    font[NameObject("/GuideFullProgram")] = writer._add_object(_stream(data))  # removed below


def _widths(w: ArrayObject) -> dict[int, float]:
    widths: dict[int, float] = {}
    items = list(w)
    i = 0
    while i < len(items):
        first = int(items[i])
        nxt = items[i + 1]
        if isinstance(nxt, list):
            for k, width in enumerate(nxt):
                widths[first + k] = float(width)
            i += 2
        else:
            for gid in range(first, int(nxt) + 1):
                widths[gid] = float(items[i + 2])
            i += 3
    return widths


def _stream(data: bytes, extra: dict[str, Any] | None = None) -> StreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    for key, value in (extra or {}).items():
        stream[NameObject(key)] = value
    return stream.flate_encode()


def _to_unicode(mapping: dict[int, str]) -> StreamObject:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <ffff>",
        "endcodespacerange",
    ]
    items = list(mapping.items())
    for start in range(0, len(items), 100):
        batch = items[start : start + 100]
        lines.append(f"{len(batch)} beginbfchar")
        lines += [f"<{gid:04x}> <{text.encode('utf-16-be').hex()}>" for gid, text in batch]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return _stream("\n".join(lines).encode())


def _form_font(writer: PdfWriter, program: bytes) -> Any:
    """DejaVu Sans cut to TYPABLE, as a simple TrueType font in WinAnsiEncoding."""
    ttfont = _subset(program, unicodes=[ord(ch) for ch in TYPABLE])
    out = io.BytesIO()
    ttfont.save(out)
    scale = 1000 / ttfont["head"].unitsPerEm
    cmap = ttfont.getBestCmap()
    hmtx = ttfont["hmtx"]
    widths = []
    for code in range(32, 256):
        char = bytes([code]).decode("cp1252", errors="ignore")
        name = cmap.get(ord(char)) if char else None
        widths.append(NumberObject(round(hmtx[name][0] * scale)) if name else NumberObject(0))
    head, os2 = ttfont["head"], ttfont["OS/2"]
    descriptor = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): NameObject("/GUIDEF+DejaVuSans"),
            NameObject("/Flags"): NumberObject(32),
            NameObject("/FontBBox"): ArrayObject(
                NumberObject(round(v * scale)) for v in (head.xMin, head.yMin, head.xMax, head.yMax)
            ),
            NameObject("/ItalicAngle"): NumberObject(0),
            NameObject("/Ascent"): NumberObject(round(os2.sTypoAscender * scale)),
            NameObject("/Descent"): NumberObject(round(os2.sTypoDescender * scale)),
            NameObject("/CapHeight"): NumberObject(round(getattr(os2, "sCapHeight", 729) * scale)),
            NameObject("/StemV"): NumberObject(80),
            NameObject("/FontFile2"): writer._add_object(
                _stream(out.getvalue(), {"/Length1": NumberObject(len(out.getvalue()))})
            ),
        }
    )
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/TrueType"),
            NameObject("/BaseFont"): NameObject("/GUIDEF+DejaVuSans"),
            NameObject("/FirstChar"): NumberObject(32),
            NameObject("/LastChar"): NumberObject(255),
            NameObject("/Widths"): ArrayObject(widths),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            NameObject("/FontDescriptor"): writer._add_object(descriptor),
        }
    )
    return writer._add_object(font)


def _xobject(writer: PdfWriter, width: float, height: float, content: str, resources: Any) -> Any:
    stream = DecodedStreamObject()
    stream.set_data(content.encode())
    stream[NameObject("/Type")] = NameObject("/XObject")
    stream[NameObject("/Subtype")] = NameObject("/Form")
    stream[NameObject("/BBox")] = ArrayObject(
        [FloatObject(0), FloatObject(0), FloatObject(width), FloatObject(height)]
    )
    stream[NameObject("/Resources")] = resources
    return writer._add_object(stream)


def _finish_fields(writer: PdfWriter, form: DictionaryObject, full: DictionaryObject | None) -> None:
    program = full.pop("/GuideFullProgram").get_object().get_data() if full is not None else None
    fonts = DictionaryObject()
    if program is not None:
        fonts[NameObject(FORM_FONT)] = _form_font(writer, program)
    zadb = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/ZapfDingbats"),
        }
    )
    has_ticks = any(f.get_object().get("/FT") == "/Btn" for f in form.get("/Fields", []))
    if has_ticks:
        fonts[NameObject("/ZaDb")] = writer._add_object(zadb)
    form[NameObject("/DR")] = DictionaryObject({NameObject("/Font"): fonts})
    form[NameObject("/DA")] = TextStringObject(f"{FORM_FONT} {FIELD_PT} Tf {INK} rg")
    form.pop("/NeedAppearances", None)
    resources = DictionaryObject({NameObject("/Font"): fonts})
    for ref in form.get("/Fields", []):
        field = ref.get_object()
        x0, y0, x1, y1 = (float(v) for v in field["/Rect"])
        width, height = x1 - x0, y1 - y0
        if field.get("/FT") == "/Tx":
            field[NameObject("/DA")] = TextStringObject(f"{FORM_FONT} {FIELD_PT} Tf {INK} rg")
            field[NameObject("/MK")] = DictionaryObject()
            field[NameObject("/AP")] = DictionaryObject(
                {NameObject("/N"): _xobject(writer, width, height, "/Tx BMC\nEMC\n", resources)}
            )
        elif field.get("/FT") == "/Btn":
            # A tick drawn inside the printed box, which the page itself draws.
            s = min(width, height)
            tick = (
                f"q {INK} RG {s * 0.1:.2f} w 1 J 1 j "
                f"{s * 0.2:.2f} {s * 0.52:.2f} m {s * 0.42:.2f} {s * 0.28:.2f} l "
                f"{s * 0.8:.2f} {s * 0.78:.2f} l S Q\n"
            )
            field[NameObject("/DA")] = TextStringObject(f"/ZaDb 0 Tf {INK} rg")
            field[NameObject("/MK")] = DictionaryObject({NameObject("/CA"): TextStringObject("4")})
            field[NameObject("/AP")] = DictionaryObject(
                {
                    NameObject("/N"): DictionaryObject(
                        {
                            NameObject("/on"): _xobject(writer, width, height, tick, DictionaryObject()),
                            NameObject("/Off"): _xobject(writer, width, height, "", DictionaryObject()),
                        }
                    )
                }
            )
            field.pop("/Border", None)
