"""MkDocs adapter for the Content-Security-Policy (core: guide.csp, never imports MkDocs).

Every page, the 404 page included, gets its policy in a meta element; after the build,
`_headers` (the format read by Netlify and Cloudflare Pages) and `_nginx.conf` (included by
deploy/nginx/guide.conf) give one policy for the whole site as an HTTP header, with the other
security headers and the cache policy of fingerprinted files (guide.headers). Listed last in
mkdocs.yml's hooks, so that no later hook changes a page's scripts after they were hashed.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from guide import headers
from guide.csp import page_hashes, with_policy

_hashes: set[str] = set()  # of the inline scripts of every page built


def on_pre_build(config: MkDocsConfig) -> None:
    _hashes.clear()


def _with_policy(html: str) -> str:
    hashes = page_hashes(html)
    _hashes.update(hashes)
    return with_policy(html, hashes)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return _with_policy(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    return _with_policy(output_content)


def on_post_build(config: MkDocsConfig) -> None:
    headers.write(Path(config.site_dir), _hashes)
