from __future__ import annotations

import pytest

from guide.typography import NBSP, NNBSP, french_html, french_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vraiment ?", f"Vraiment{NNBSP}?"),
        ("Allons-y !", f"Allons-y{NNBSP}!"),
        ("d'abord ; ensuite", f"d’abord{NNBSP}; ensuite"),  # the apostrophe made French too
        ("Thèmes : pairs", f"Thèmes{NBSP}: pairs"),
        ("« Bonjour »", f"«{NNBSP}Bonjour{NNBSP}»"),
        ("«Bonjour»", f"«{NNBSP}Bonjour{NNBSP}»"),
        (f"déjà{NBSP}?", f"déjà{NNBSP}?"),
        ("https://exemple.fr/a?b=c", "https://exemple.fr/a?b=c"),
        ("10:30", "10:30"),
    ],
)
def test_french_text(text: str, expected: str) -> None:
    assert french_text(text) == expected


def test_code_tags_and_attributes_are_left_alone() -> None:
    html = (
        '<p title="Pourquoi ?">Pourquoi ? <code>a ? b : c</code></p>'
        "<pre><code>x = y ; z</code></pre><script>if (a ? b : c) {}</script>"
    )
    out = french_html(html)
    assert out.startswith(f'<p title="Pourquoi ?">Pourquoi{NNBSP}? <code>a ? b : c</code></p>')
    assert "<pre><code>x = y ; z</code></pre>" in out
    assert "<script>if (a ? b : c) {}</script>" in out


def test_text_after_code_is_processed_again() -> None:
    out = french_html("<p><code>a ; b</code> puis c ; d</p>")
    assert out == f"<p><code>a ; b</code> puis c{NNBSP}; d</p>"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # The first text node of a fragment, and one right after a tag.
        ("Pourquoi ?<br>Et : là", f"Pourquoi{NNBSP}?<br>Et{NBSP}: là"),
        # Comments, self-closing and nested skipped elements, upper-case tag names.
        ("<!-- a ; b --> c ; d", f"<!-- a ; b --> c{NNBSP}; d"),
        ("<svg/> a ! b", f"<svg/> a{NNBSP}! b"),
        ("<svg><svg>x ?</svg> y ?</svg> z ?", f"<svg><svg>x ?</svg> y ?</svg> z{NNBSP}?"),
        ("<CODE>a ?</CODE> b ?", f"<CODE>a ?</CODE> b{NNBSP}?"),
        ("<pre><code>a ?</code> b ?</pre> c ?", f"<pre><code>a ?</code> b ?</pre> c{NNBSP}?"),
        # A tag whose name only starts like a skipped one is an ordinary tag.
        ("<codex> a ? </codex>", f"<codex> a{NNBSP}? </codex>"),
        # An element left open leaves the rest of the fragment alone.
        ("a ? <code>b ? c ?", f"a{NNBSP}? <code>b ? c ?"),
        # Attributes are never touched, even with guillemets.
        ('<abbr title="x : « y »">t ?</abbr>', f'<abbr title="x : « y »">t{NNBSP}?</abbr>'),
    ],
)
def test_french_html_edge_cases(html: str, expected: str) -> None:
    assert french_html(html) == expected
