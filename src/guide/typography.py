"""French typography on rendered HTML: no-break spaces before high punctuation and inside « ».

Only text between tags is touched, never tags, attributes, code, preformatted text, scripts
or styles.
"""

from __future__ import annotations

import re

NNBSP = "\u202f"  # narrow no-break space: before ; ! ? and inside « »
NBSP = "\u00a0"  # no-break space: before :

_TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_SKIP = {"code", "pre", "script", "style", "kbd", "samp", "textarea", "svg", "math"}
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")
_SPACES = "[ \u00a0\u202f]"
# (?<=\S) keeps a punctuation mark at the start of a text node alone: it may follow markup.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?<=\S){_SPACES}+([;!?])"), NNBSP + r"\1"),
    (re.compile(rf"(?<=\S){_SPACES}+:(?=\s|$|&nbsp;)"), NBSP + ":"),
    (re.compile(rf"«{_SPACES}*"), "«" + NNBSP),
    (re.compile(rf"{_SPACES}*»"), NNBSP + "»"),
)


# Every rule needs one of these: a text without any is left as it is, sooner.
_PUNCTUATION = re.compile("[;!?:«»]")


def french_text(text: str) -> str:
    """Apply the rules to plain text (no markup)."""
    if not _PUNCTUATION.search(text):
        return text
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def french_html(html: str) -> str:
    """Apply the rules to the text nodes of an HTML fragment, outside code and scripts."""
    out: list[str] = []
    skipping: list[str] = []
    for token in _TOKENS.split(html):
        if not token:
            continue
        if token.startswith("<"):
            match = _TAG_NAME.match(token)
            if match:
                closing, name = match.group(1), match.group(2).lower()
                if name in _SKIP and not token.endswith("/>"):
                    if closing:
                        if name in skipping:
                            while skipping and skipping.pop() != name:
                                pass
                    else:
                        skipping.append(name)
            out.append(token)
        elif skipping:
            out.append(token)
        else:
            out.append(french_text(token))
    return "".join(out)
