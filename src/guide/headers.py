"""The HTTP headers the published site is served with, one list for every way of serving it
(issue 17): the build writes them as `_headers` (the format Netlify and Cloudflare Pages
read) and as an nginx include (`_nginx.conf`, read by deploy/nginx/guide.conf), both from
`rules` below, so the two never disagree.

    every page's inline-script hashes + the site's files --rules--> [(path, [(name, value)])]
        --headers_file--> _headers        --nginx_include--> _nginx.conf

Every response gets the security headers: the Content-Security-Policy allowing the inline
scripts of every page (guide.csp; each page also carries its own in a meta element), no
content-type sniffing, no referrer sent to another site, no powerful feature the guide does
not use. A file whose name holds a hash of its content (the theme's stylesheets and scripts,
`main.57a0d79d.min.css`) never changes under that name: browsers may keep it a year without
asking again. The other files are left to the server's validation (ETag, Last-Modified).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from guide.csp import policy

HEADERS_FILE = "_headers"
NGINX_INCLUDE = "_nginx.conf"

# No camera, microphone, location, payment… for any page: the guide uses none of them.
PERMISSIONS = (
    "accelerometer",
    "camera",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
)
IMMUTABLE = "public, max-age=31536000, immutable"
# The theme's file names: bundle.a5f9d56c.min.js, main.57a0d79d.min.css (and their source maps).
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:css|js)(?:\.map)?$")

Rule = tuple[str, list[tuple[str, str]]]


def security_headers(hashes: Iterable[str]) -> list[tuple[str, str]]:
    """The headers every response of the site gets, given the hashes of every page's inline scripts."""
    return [
        ("Content-Security-Policy", policy(hashes)),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Permissions-Policy", ", ".join(f"{feature}=()" for feature in PERMISSIONS)),
    ]


def fingerprinted(site_dir: Path) -> list[str]:
    """The site's addresses of the files whose name holds a hash of their content."""
    return sorted(
        "/" + path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.is_file() and FINGERPRINTED.search(path.name)
    )


def rules(site_dir: Path, hashes: Iterable[str]) -> list[Rule]:
    """[(address pattern, headers)]: every address, then each fingerprinted file."""
    return [("/*", security_headers(hashes))] + [
        (address, [("Cache-Control", IMMUTABLE)]) for address in fingerprinted(site_dir)
    ]


def headers_file(site_rules: list[Rule]) -> str:
    """The rules in the `_headers` format (an address, then its headers indented)."""
    return "".join(
        f"{address}\n" + "".join(f"  {name}: {value}\n" for name, value in headers)
        for address, headers in site_rules
    )


def _add_header(name: str, value: str, indent: str = "") -> str:
    assert '"' not in value and "\n" not in value, value
    return f'{indent}add_header {name} "{value}" always;\n'


def nginx_include(site_rules: list[Rule]) -> str:
    """The rules as nginx directives for a server block: `add_header` for every address, and an
    exact `location` per fingerprinted file. nginx drops the server's `add_header` lines in a
    location that has its own, so each location repeats the headers of every address."""
    (every, common), *files = site_rules
    assert every == "/*", every
    lines = ["# Written by the build (guide.headers): rebuild, then reload nginx; do not edit.\n"]
    lines += [_add_header(name, value) for name, value in common]
    for address, headers in files:
        lines.append(f"location = {address} {{\n")
        lines += [_add_header(name, value, "    ") for name, value in [*common, *headers]]
        lines.append("}\n")
    return "".join(lines)


def write(site_dir: Path, hashes: Iterable[str]) -> None:
    """Write `_headers` and the nginx include into the built site."""
    site_rules = rules(site_dir, hashes)
    (site_dir / HEADERS_FILE).write_text(headers_file(site_rules), encoding="utf-8")
    (site_dir / NGINX_INCLUDE).write_text(nginx_include(site_rules), encoding="utf-8")
