"""QR codes printed on the PDFs, pointing from the paper back to the page in the guide.

    template: qr_placeholder(address) --cache key is hashed here--> with_qr_codes(document) --> SVG

Templates only leave a placeholder naming the address: a QR code is a pure function of its
address, so the PDF cache key needs the address alone, and the codes (about 13 ms each in pure
Python, with segno) are drawn only when a PDF is laid out, never in a warm build.
"""

from __future__ import annotations

import html
import re
from functools import cache
from importlib import metadata

import segno

_PLACEHOLDER = re.compile(r'<span class="guide-qr" data-qr="([^"]+)"></span>')


def qr_placeholder(address: str) -> str:
    """A marker that `with_qr_codes` turns into the QR code of `address`."""
    return f'<span class="guide-qr" data-qr="{html.escape(address, quote=True)}"></span>'


# A phone reads a printed code from a photo when it is at least 18 mm wide with modules of at
# least 0.5 mm (tests/test_qr_photo.py photographs every printed page).
QR_MIN_MM = 18.0
QR_MODULE_MM = 0.5


def qr_size_mm(modules: int) -> float:
    """Width of a code of `modules` modules: 18 mm, more when its modules would be under 0.5 mm."""
    return max(QR_MIN_MM, modules * QR_MODULE_MM)


@cache
def qr_svg(address: str) -> str:
    """An inline SVG QR code of `address`, with its address as alternative text, at least
    18 mm wide with modules of at least 0.5 mm (a longer address makes a larger code).

    Error correction L (raised by segno when the code keeps its size) keeps the modules large;
    no quiet zone in the SVG: the styles keep white around the code.
    """
    code = segno.make(address, error="l", micro=False)
    size = qr_size_mm(int(code.symbol_size(border=0)[0]))
    svg: str = code.svg_inline(
        border=0, omitsize=True, title=f"Code QR\u00a0: {address}", svgclass="guide-qr__code"
    )
    return svg.replace("<svg ", f'<svg role="img" style="width: {size:g}mm; height: {size:g}mm" ', 1)


def with_qr_codes(document: str) -> str:
    """`document` with every placeholder replaced by its QR code."""
    return _PLACEHOLDER.sub(lambda match: qr_svg(html.unescape(match.group(1))), document)


def qr_engine() -> str:
    """Part of the PDF cache key: another segno may draw another code for the same address."""
    return f"segno {metadata.version('segno')}"
