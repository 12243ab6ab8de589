"""Tables a phone can read: each cell of a Markdown table with three columns or more gets its
column's heading (`data-label`), so that on a narrow screen guide.css shows every row as a
card of labelled lines instead of a table cut at the screen's edge.

Only tables written in Markdown (no class: the theme styles them) are touched; the matrix,
the sheets and the cards have layouts of their own.
"""

from __future__ import annotations

import html as htmllib
import re

MIN_COLUMNS = 3
_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_TD = re.compile(r"<td\b")
_TAG = re.compile(r"<[^>]+>")


def stack_tables(page: str) -> str:
    """`page` with its wide Markdown tables marked `data-guide-stack` and each cell labelled."""
    if "<table>" not in page:
        return page

    def label(table: re.Match[str]) -> str:
        body = table.group(1)
        head = _HEAD.search(body)
        headings = (
            [" ".join(htmllib.unescape(_TAG.sub("", th)).split()) for th in _TH.findall(head.group(1))]
            if head
            else []
        )
        if len(headings) < MIN_COLUMNS:
            return table.group(0)

        def row(match: re.Match[str]) -> str:
            cells = iter(headings)

            def cell(_: re.Match[str]) -> str:
                name = next(cells, "")
                return f'<td data-label="{htmllib.escape(name, quote=True)}"' if name else "<td"

            return f"<tr>{_TD.sub(cell, match.group(1))}</tr>"

        rest = body[head.end() :] if head else body
        return f"<table data-guide-stack>{body[: head.end()] if head else ''}{_ROW.sub(row, rest)}</table>"

    return _TABLE.sub(label, page)
