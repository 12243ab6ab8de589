"""A strict Content-Security-Policy for every page of the site (issue 11).

The theme needs a few inline scripts (its configuration, the colour scheme read before the
first paint); the policy allows exactly those, by the SHA-256 of their text, and any script
the site ships itself ('self'), and nothing else: no 'unsafe-inline', no 'unsafe-eval', no
other origin. A script injected into a page, inline or from elsewhere, is refused.

    rendered page --with_policy--> the same page with <meta http-equiv="Content-Security-Policy">

The meta element goes right after <meta charset>, before any script, since a policy given in
a meta element only covers what comes after it. `policy` of every page's hashes gives one
policy for hosts that send HTTP headers.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

# The directives besides script-src. Styles may be inline (the theme sets style attributes);
# images may be data: URIs (the theme's icons in its stylesheet).
DIRECTIVES = (
    ("default-src", "'none'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("frame-src", "'self'"),
    ("manifest-src", "'self'"),
    ("media-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_CHARSET = re.compile(r"<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
_EXISTING = re.compile(r"<meta\s+http-equiv=[\"']?content-security-policy", re.IGNORECASE)
# Script types a browser runs; any other type (application/json, …) is data.
_RUNNABLE = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}


def _attributes(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): next((g for g in m.groups()[1:] if g is not None), "")
        for m in _ATTRIBUTE.finditer(text)
    }


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run, as written in the page."""
    found = []
    for match in _SCRIPT.finditer(html):
        attributes = _attributes(match.group(1))
        if "src" in attributes:
            continue
        if attributes.get("type", "").strip().lower() in _RUNNABLE:
            found.append(match.group(2))
    return found


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(hashes: Iterable[str]) -> str:
    """The policy allowing the site's own scripts and the inline scripts of these hashes."""
    scripts = " ".join(["'self'", *sorted(set(hashes))])
    directives = [("script-src", scripts), *DIRECTIVES]
    return "; ".join(f"{name} {value}" for name, value in directives)


def page_hashes(html: str) -> list[str]:
    return [script_hash(text) for text in inline_scripts(html)]


def with_policy(html: str, hashes: Iterable[str] | None = None) -> str:
    """The page with its policy in a meta element, right after <meta charset>. `hashes` are
    the page's own (`page_hashes`), when the caller has them already."""
    if _EXISTING.search(html):
        raise ValueError("the page already has a Content-Security-Policy")
    charset = _CHARSET.search(html)
    if charset is None:
        raise ValueError("the page has no <meta charset>: the policy would come after its scripts")
    first_script = html.lower().find("<script")
    if 0 <= first_script < charset.start():
        raise ValueError("a script comes before <meta charset>: the policy would not cover it")
    own = page_hashes(html) if hashes is None else hashes
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(own)}">'
    return f"{html[: charset.end()]}\n    {meta}{html[charset.end() :]}"
