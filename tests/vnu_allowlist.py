"""Errors of the Nu HTML Checker (vnu) that the quality check lets through.

Each entry matches errors that come from Material for MkDocs' own markup, which we cannot
change without copying a whole theme template, and says why it stays. Everything else is
fixed at the source: templates, content, or an override in overrides/. An entry that no
longer matches any error fails the check (tests/test_quality_html.py), so the list never
outgrows the theme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Allowed:
    message: re.Pattern[str]  # searched in the checker's message
    extract: re.Pattern[str]  # searched in the markup the checker quotes
    why: str

    def matches(self, error: dict[str, object]) -> bool:
        return bool(
            self.message.search(str(error.get("message", "")))
            and self.extract.search(str(error.get("extract", "")))
        )


ALLOWLIST: tuple[Allowed, ...] = (
    Allowed(
        message=re.compile(r"Attribute “autocomplete” is only allowed when the input type is"),
        extract=re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)"'),
        why=(
            'Material\'s base.html puts autocomplete="off" on the two hidden checkboxes that '
            "open the navigation drawer and the search: it stops Firefox from restoring them "
            "checked when the reader comes back to a page. HTML only allows the attribute on "
            "text-like inputs, but it is harmless here, and the inputs sit outside any template "
            "block: removing it would mean copying the whole of base.html into overrides/."
        ),
    ),
)
