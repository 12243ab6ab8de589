"""Colours of the publisher's theme (content/publisher.yml): WCAG contrast ratios, and the CSS
that gives the site, the sheets and the cards those colours.

    publisher.colours --theme_css--> assets/theme.css in the site (hooks/guide_hooks.py),
                                     and after print.css / the cards' CSS in the PDFs

A leaf: imports nothing of the package, so the models can check a colour when they load it.
"""

from __future__ import annotations

import re

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
AA = 4.5  # WCAG 2.x, 1.4.3: normal text

WHITE = "#ffffff"
# What text and links sit on in the site (light scheme) and on the sheets and cards: white,
# Material's light greys (tables, code) and the palest tints of its admonitions. A colour the
# site writes text in must reach AA against each, or axe-core fails the page.
LIGHT_BACKGROUNDS = {
    "#ffffff": "blanc",
    "#f2f2f2": "le gris des tableaux",
    "#ecf3ff": "le fond des encadrés « note »",
    "#e5f8fb": "le fond des encadrés « info »",
}
INK = "#1b1b1b"  # body text of the site's print styles, the sheets and the cards
MUTED = "#55595c"  # the lightest text printed on a sheet or a card
# A little lighter than the dark scheme's background (Material 9.8 « slate »: hsl(225, 15%, 14%)),
# as its code blocks and tables are.
DARK_BACKGROUND = "#272b35"
DARK_BACKGROUNDS = {DARK_BACKGROUND: "le fond du thème sombre"}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def luminance(colour: str) -> float:
    """The relative luminance of `#rrggbb` (WCAG 2.x)."""
    r, g, b = (_channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def ratio_text(value: float) -> str:
    """A ratio as a French reader writes it: « 3,2:1 » (rounded down: 4,49 is not 4,5)."""
    return f"{int(value * 10) / 10:.1f}".replace(".", ",") + ":1"


def too_pale(colour: str, backgrounds: dict[str, str]) -> tuple[str, str, float] | None:
    """The first of `backgrounds` (colour -> its name) on which text in `colour` fails AA:
    (background, its name, the ratio); None when it passes on all."""
    for background, name in backgrounds.items():
        ratio = contrast(colour, background)
        if ratio < AA:
            return background, name, ratio
    return None


def mix(colour: str, other: str, share: float) -> str:
    """`colour` with `share` (0 to 1) of `other` mixed in."""
    mixed = (round(a + (b - a) * share) for a, b in zip(rgb(colour), rgb(other), strict=True))
    return "#" + "".join(f"{v:02x}" for v in mixed)


def readable_on_dark(colour: str) -> str:
    """`colour` lightened with white until text in it reaches AA on the dark scheme's
    background: the links' colour of the dark theme."""
    for step in range(21):
        candidate = mix(colour, WHITE, step / 20)
        if contrast(candidate, DARK_BACKGROUND) >= AA + 0.3:
            return candidate
    return WHITE


# The guide's own colours, those of docs/assets/guide.css, print.css and cards.css: a theme that
# keeps them all needs no CSS of its own (and the site no stylesheet more to load).
DEFAULTS = ("#00796b", "#00695c", "#e7f3f1", "#00ccb8")


def theme_css(primary: str, accent: str, tint: str, dark_link: str | None = None) -> str:
    """The theme's colours over the guide's own styles: the site's header and links (light and
    dark schemes), and the sheets' and cards' headings, rules and tints. Selectors one step
    more specific than guide.css, print.css and cards.css, so the order of loading never matters.
    "" when they are the guide's own colours."""
    dark_link = dark_link or readable_on_dark(primary)
    if (primary, accent, tint, dark_link) == DEFAULTS:
        return ""
    return (
        "/* The publisher's colours (content/publisher.yml, guide.colours.theme_css). */\n"
        "html [data-md-color-primary] {\n"
        f"  --md-primary-fg-color: {primary};\n"
        f"  --md-primary-fg-color--dark: {accent};\n"
        "}\n"
        'html [data-md-color-scheme="default"][data-md-color-primary] {\n'
        f"  --md-typeset-a-color: {primary};\n"
        "}\n"
        'html [data-md-color-scheme="slate"][data-md-color-primary] {\n'
        f"  --md-typeset-a-color: {dark_link};\n"
        "}\n"
        "html .guide-sheet {\n"
        f"  --sheet-accent: {accent};\n"
        f"  --sheet-tint: {tint};\n"
        "}\n"
        "html .guide-card {\n"
        f"  --card-accent: {accent};\n"
        f"  --card-tint: {tint};\n"
        "}\n"
    )
