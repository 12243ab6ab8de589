"""QR codes a phone reads from paper: every printed page of the sheets and of the card deck is
"photographed" (pdftoppm at a phone camera's resolution, then Pillow blurs it, tilts it and
lowers its contrast) and Debian's zbarimg must read every code on it.

The conditions (PHOTO) stand for a 12-megapixel phone framing an A4 page (about 340 dpi; 300
here) held a little off square, slightly out of focus, in a dim room on greyish paper. The
test prints the decode rate; it must be 100 %.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import segno
from PIL import Image, ImageFilter

from guide.cards import deck, deck_sheets
from guide.content import Content
from guide.qrcode import QR_MIN_MM, QR_MODULE_MM, qr_svg

pytestmark = pytest.mark.build

DPI = 300
BLUR_MM = 0.15  # Gaussian sigma: a slightly out-of-focus photo
TILT_DEGREES = 4
LEVELS = (0.2, 0.8)  # black prints as 20 % grey, white as 80 %: a dim room, greyish paper
PHOTO = f"{DPI} dpi, blur sigma {BLUR_MM} mm, tilted {TILT_DEGREES}°, levels {LEVELS[0]:.0%}-{LEVELS[1]:.0%}"


def canonical(site: Path, page: str) -> str:
    html = (site / page).read_text(encoding="utf-8")
    match = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    assert match, f"{page} has no canonical address"
    return match.group(1)


def photographed(pdf: Path, tmp_path: Path) -> list[list[str]]:
    """The codes zbarimg reads on each page of `pdf`, photographed under PHOTO."""
    stem = tmp_path / pdf.stem
    # Grey PGM images (pdftoppm's -gray): the same pixels as a grey PNG, without compressing
    # and decompressing some 9 million pixels a page three times.
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(stem)], check=True)
    pages = sorted(tmp_path.glob(f"{pdf.stem}-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    codes = []
    sigma = BLUR_MM / 25.4 * DPI
    low, high = (round(255 * level) for level in LEVELS)
    for page in pages:
        photo = page.with_suffix(".photo.pgm")
        # Pillow, in this process: a Gaussian blur (Pillow's extended box filters), a clockwise
        # tilt on a white background, then black and white brought in. ImageMagick's `-blur 0xS
        # -background white -rotate 4 +level 20%,80%` took ten times as long for a photo that
        # reads no worse (dev/pdfs.md: at 200 dpi it read 12 of 69 codes, this one 6).
        with Image.open(page) as scan:
            tilted = scan.filter(ImageFilter.GaussianBlur(sigma)).rotate(
                -TILT_DEGREES, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255
            )
        tilted.point(lambda value: round(low + value * (high - low) / 255)).save(photo)
        result = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(photo)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode in (0, 4), result.stderr  # 4: no code found
        codes.append(sorted(line for line in result.stdout.splitlines() if line))
        page.unlink()
        photo.unlink()
    return codes


def test_every_printed_qr_code_reads_from_a_phone_photo(site: Path, content: Content, tmp_path: Path) -> None:
    expected: list[tuple[str, int, list[str]]] = []  # pdf, page, codes on it
    found: dict[tuple[str, int], list[str]] = {}
    for sheet in content.worksheets.values():
        pdf = site / "fiches" / f"{sheet.id}.pdf"
        address = canonical(site, f"fiches/{sheet.id}.html")
        expected += [(pdf.name, page, [address]) for page in range(1, sheet.pages + 1)]
        found.update({(pdf.name, n): codes for n, codes in enumerate(photographed(pdf, tmp_path), 1)})
    cards_page = canonical(site, "cartes/index.html")
    for index, sheet in enumerate(deck_sheets(deck(content))):
        backs = [canonical(site, slot.card.target.removesuffix(".md") + ".html") for slot in sheet.backs]
        expected.append(("jeu-complet.pdf", 2 * index + 1, [cards_page]))  # fronts: the footer's code
        expected.append(("jeu-complet.pdf", 2 * index + 2, sorted([*backs, cards_page])))
    deck_pdf = site / "cartes" / "jeu-complet.pdf"
    found.update(
        {("jeu-complet.pdf", n): codes for n, codes in enumerate(photographed(deck_pdf, tmp_path), 1)}
    )

    total = sum(len(codes) for _, _, codes in expected)
    read = sum(len(set(codes) & set(found.get((pdf, page), []))) for pdf, page, codes in expected)
    print(f"\nQR codes read from phone photos ({PHOTO}): {read}/{total} ({100 * read / total:.0f} %)")
    misses = [(pdf, page) for pdf, page, codes in expected if found.get((pdf, page)) != codes]
    assert not misses, misses


def test_codes_are_18_mm_with_modules_of_half_a_millimetre(site: Path, content: Content) -> None:
    addresses = [canonical(site, f"fiches/{sheet.id}.html") for sheet in content.worksheets.values()]
    addresses += [canonical(site, card.target.removesuffix(".md") + ".html") for card in deck(content)]
    addresses.append(canonical(site, "cartes/index.html"))
    for address in addresses:
        svg = qr_svg(address)
        size = float(re.search(r"width: ([\d.]+)mm", svg).group(1))  # type: ignore[union-attr]
        modules = segno.make(address, error="l", micro=False).symbol_size(border=0)[0]
        assert size >= QR_MIN_MM and size / modules >= QR_MODULE_MM, (address, size, modules)
