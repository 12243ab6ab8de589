"""French typography on rendered HTML: no-break spaces before high punctuation and inside « »,
and the French apostrophe (’) for a straight one (') between two letters.

Only text between tags is touched, never tags, attributes, code, preformatted text, scripts
or styles.
"""

from __future__ import annotations

import bisect
import re

NNBSP = "\u202f"  # narrow no-break space: before ; ! ? and inside « »
NBSP = "\u00a0"  # no-break space: before :

_SKIP = ("code", "pre", "script", "style", "kbd", "samp", "textarea", "svg", "math")
# What french_html looks for, each in one pass in C: a text node holding punctuation (it starts
# at the start of the fragment or after a tag's ">" and ends before the next tag), and the
# comments and tags of _SKIP, whose text is left alone. Tags are never visited one by one.
_TEXT = re.compile(r">(?P<text>[^<>]*[;!?:«»'][^<>]*)")
_MARKS = re.compile(
    rf"<(?:(?P<comment>!--.*?-->)|\s*(?P<closing>/?)\s*(?P<name>{'|'.join(_SKIP)})(?![a-zA-Z0-9])[^>]*>)",
    re.S | re.I,
)
_SPACES = "[ \u00a0\u202f]"
# (?<=\S) keeps a punctuation mark at the start of a text node alone: it may follow markup.
# Each rule with the marks it acts on: a rule runs only on a text holding one of them.
_RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (";!?", re.compile(rf"(?<=\S){_SPACES}+([;!?])"), NNBSP + r"\1"),
    (":", re.compile(rf"(?<=\S){_SPACES}+:(?=\s|$|&nbsp;)"), NBSP + ":"),
    ("«", re.compile(rf"«{_SPACES}*"), "«" + NNBSP),
    ("»", re.compile(rf"{_SPACES}*»"), NNBSP + "»"),
    ("'", re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])"), "’"),
)
_APOSTROPHE = _RULES[-1][1]
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)


# Every rule needs one of these: a text without any is left as it is, sooner.
_PUNCTUATION = re.compile("[;!?:«»']")


def french_apostrophes(text: str) -> str:
    """A straight apostrophe between two letters made French (’), outside Markdown code spans:
    an author types `d'atelier`, the reader reads « d’atelier »."""
    if "'" not in text:
        return text
    if "`" not in text:
        return _APOSTROPHE.sub("’", text)
    out, done = [], 0
    for span in _CODE_SPAN.finditer(text):
        out += [_APOSTROPHE.sub("’", text[done : span.start()]), span.group(0)]
        done = span.end()
    out.append(_APOSTROPHE.sub("’", text[done:]))
    return "".join(out)


def french_text(text: str) -> str:
    """Apply the rules to plain text (no markup)."""
    for marks, pattern, replacement in _RULES:
        if any(mark in text for mark in marks):
            text = pattern.sub(replacement, text)
    return text


def french_html(html: str) -> str:
    """Apply the rules to the text nodes of an HTML fragment, outside code and scripts."""
    if not _PUNCTUATION.search(html):
        return html
    marked = ">" + html  # so that the fragment's first text node follows a ">" like the others
    alone = _left_alone(marked)
    starts = [start for start, _ in alone]
    out: list[str] = []
    done = 1
    for match in _TEXT.finditer(marked):
        start, end = match.span("text")
        n = bisect.bisect_right(starts, start) - 1
        if n >= 0 and start < alone[n][1]:
            continue  # inside a comment, code, a script…
        out += [marked[done:start], french_text(match.group("text"))]
        done = end
    out.append(marked[done:])
    return "".join(out)


def _left_alone(html: str) -> list[tuple[int, int]]:
    """Where comments and the elements of _SKIP lie, in order, as (start, end)."""
    spans: list[tuple[int, int]] = []
    open_tags: list[str] = []
    opened_at = 0
    for match in _MARKS.finditer(html):
        if match.group("comment"):
            if not open_tags:
                spans.append(match.span())
            continue
        closing, name = match.group("closing"), match.group("name").lower()
        if match.group(0).endswith("/>"):
            continue
        if not closing:
            if not open_tags:
                opened_at = match.start()
            open_tags.append(name)
        elif name in open_tags:
            while open_tags and open_tags.pop() != name:
                pass
            if not open_tags:
                spans.append((opened_at, match.end()))
    if open_tags:
        spans.append((opened_at, len(html)))
    return spans
