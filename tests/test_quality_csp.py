"""A strict Content-Security-Policy (issue 11): every page carries a policy that allows the
site's own scripts and the hashes of its inline scripts, and nothing else; served by Debian's
nginx with the headers the build wrote (issue 17: deploy/nginx/guide.conf, guide.headers), in
Chromium no page of the site breaks it (search and the session builder used), every response
carries the security headers and the theme's fingerprinted files the long cache policy, and no
request leaves the site's origin nor sets a cookie (on the same page loads); and a script
injected into a page is refused."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from served import LISTEN, Served

from guide.csp import inline_scripts, page_hashes, policy, script_hash, with_policy
from guide.headers import FINGERPRINTED, HEADERS_FILE, IMMUTABLE, NGINX_INCLUDE
from guide.search import INDEX_SCRIPT

pytestmark = [pytest.mark.build]

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def directives(text: str) -> dict[str, list[str]]:
    parsed = {}
    for part in text.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def read_headers_file(text: str) -> dict[str, dict[str, str]]:
    """{address: {header: value}} from a `_headers` file."""
    rules: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        if line.startswith("/"):
            address = line
            rules[address] = {}
        else:
            name, value = line.strip().split(": ", 1)
            rules[address][name] = value
    return rules


def test_policy_is_strict() -> None:
    parsed = directives(policy(["'sha256-abc='"]))
    assert parsed["script-src"] == ["'self'", "'sha256-abc='"]
    assert parsed["default-src"] == ["'none'"] and parsed["object-src"] == ["'none'"]
    values = " ".join(v for name, vs in parsed.items() for v in vs)
    assert "'unsafe-inline'" not in parsed["script-src"] and "'unsafe-eval'" not in values
    assert not re.search(r"https?:|\*", values), "a source outside the site's origin"


def test_only_runnable_inline_scripts_are_hashed() -> None:
    page = (
        '<html><head><meta charset="utf-8"><script src="a.js"></script>'
        '<script id="__config" type="application/json">{"a": 1}</script>'
        "<script>var a = 1;</script></head>"
        '<body><SCRIPT type="text/javascript">b()</SCRIPT><script type=module>c()</script></body></html>'
    )
    assert inline_scripts(page) == ["var a = 1;", "b()", "c()"]
    out = with_policy(page)
    assert out.index("Content-Security-Policy") < out.index("<script")
    content = directives(META.search(out).group(1))  # type: ignore[union-attr]
    assert set(content["script-src"]) == {"'self'", *(script_hash(s) for s in ("var a = 1;", "b()", "c()"))}
    # SHA-256 of "var a = 1;" in base64, as computed by `openssl dgst -sha256 -binary | base64`.
    assert script_hash("var a = 1;") == "'sha256-+dZ6udsWxNVoGfScAq7t5IIF5UJb4F6RhjbN6oe1p4w='"


def test_policy_cannot_come_too_late() -> None:
    with pytest.raises(ValueError, match="no <meta charset>"):
        with_policy("<html><head><script>a()</script></head></html>")
    with pytest.raises(ValueError, match="before <meta charset>"):
        with_policy('<html><head><script>a()</script><meta charset="utf-8"></head></html>')
    with pytest.raises(ValueError, match="already has"):
        with_policy(with_policy('<head><meta charset="utf-8"></head>'))


def test_every_page_carries_its_policy(site: Path, site_pages: list[Path]) -> None:
    """One policy per page, before any script, listing exactly the hashes of its inline scripts."""
    problems = []
    for html_file in site_pages:
        name = html_file.relative_to(site).as_posix()
        text = html_file.read_text(encoding="utf-8")
        metas = META.findall(text)
        if len(metas) != 1:
            problems.append(f"{name}: {len(metas)} policies")
            continue
        if text.find("<script") < text.find("Content-Security-Policy"):
            problems.append(f"{name}: a script before the policy")
        script_src = directives(metas[0])["script-src"]
        if set(script_src) != {"'self'", *page_hashes(text)} or "'unsafe-inline'" in script_src:
            problems.append(f"{name}: script-src {script_src} for {len(inline_scripts(text))} inline scripts")
    print(f"csp: {len(site_pages)} pages checked")
    assert not problems, "\n".join(problems)


def test_headers_file_gives_the_same_policy(site: Path, site_pages: list[Path]) -> None:
    headers = (site / "_headers").read_text(encoding="utf-8").splitlines()
    assert headers[0] == "/*"
    name, value = headers[1].strip().split(": ", 1)
    assert name == "Content-Security-Policy"
    every_hash = {h for page in site_pages for h in page_hashes(page.read_text(encoding="utf-8"))}
    assert directives(value)["script-src"] == ["'self'", *sorted(every_hash)]
    page_policy = META.search((site / "index.html").read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
    assert {k: v for k, v in directives(value).items() if k != "script-src"} == {
        k: v for k, v in directives(page_policy).items() if k != "script-src"
    }


def test_headers_file_and_nginx_give_the_same_headers(site: Path) -> None:
    """`_headers` and the nginx include hold the same headers: the security ones for every
    address, and the long cache policy for each file whose name holds its content's hash, and
    for no other file."""
    rules = read_headers_file((site / HEADERS_FILE).read_text(encoding="utf-8"))
    common = rules.pop("/*")
    assert set(common) == {
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
    }
    assert common["X-Content-Type-Options"] == "nosniff"
    fingerprinted = {
        "/" + p.relative_to(site).as_posix() for p in site.rglob("*") if FINGERPRINTED.search(p.name)
    }
    assert any(a.endswith(".min.js") for a in fingerprinted) and any(
        a.endswith(".min.css") for a in fingerprinted
    )
    assert rules == {address: {"Cache-Control": IMMUTABLE} for address in fingerprinted}
    nginx = (site / NGINX_INCLUDE).read_text(encoding="utf-8")
    server_level, *locations = nginx.split("location = ")
    expected = [f'add_header {name} "{value}" always;' for name, value in common.items()]
    assert [line for line in server_level.splitlines() if line.startswith("add_header")] == expected
    assert {
        block.split(" ", 1)[0]: [line.strip() for line in block.splitlines()[1:-1]] for block in locations
    } == {
        address: [*expected, f'add_header Cache-Control "{IMMUTABLE}" always;'] for address in fingerprinted
    }


@pytest.mark.browser
@pytest.mark.makes_shared
def test_no_page_breaks_the_policy(served: Served, site: Path, browsed_pages: list[Path]) -> None:
    """Every page loaded from nginx, then search, the session planner and the timer used: no
    violation; every response carries the security headers of `_headers`, and each of the
    theme's fingerprinted files the long cache policy."""
    expected = read_headers_file((site / HEADERS_FILE).read_text(encoding="utf-8"))["/*"]
    violations, responses = served.violations, served.responses
    print(f"csp: {len(browsed_pages)} pages loaded in Chromium from nginx, {len(violations)} violations")
    assert not violations, "\n".join(violations)
    assert not served.errors, f"script errors: {served.errors}"
    pages = {f"{served.origin}{p.relative_to(site).as_posix()}" for p in browsed_pages}
    assert pages <= responses.keys()
    missing = [
        f"{url}: {name}: {headers.get(name.lower())!r}"
        for url, headers in responses.items()
        for name, value in expected.items()
        if headers.get(name.lower()) != value
    ]
    assert not missing, "responses without the security headers:\n" + "\n".join(missing)
    cached = {
        url: headers.get("cache-control") for url, headers in responses.items() if FINGERPRINTED.search(url)
    }
    assert any(url.endswith(".min.js") for url in cached) and any(
        url.endswith(".min.css") for url in cached
    ), cached
    assert set(cached.values()) == {IMMUTABLE}, cached
    others = {
        url: headers["cache-control"]
        for url, headers in responses.items()
        if url not in cached and "cache-control" in headers
    }
    assert not others, f"a cache policy for files that may change under their name: {others}"
    print(f"nginx: {len(responses)} responses with the security headers, {len(cached)} cached for a year")


@pytest.mark.browser
@pytest.mark.reads_shared
def test_no_request_leaves_the_origin(served: Served, site: Path, site_pages: list[Path]) -> None:
    """The guide tells no third party who reads it: every page loaded over HTTP, search used
    once, each request stays on the site's origin, and no cookie is set."""
    requests, foreign = served.requests, served.foreign
    print(f"network: {len(site_pages)} pages, {len(requests)} requests, {len(foreign)} foreign")
    assert len(requests) > len(site_pages), "requests were not recorded"
    unrequested = {f"{served.origin}{p.relative_to(site).as_posix()}" for p in site_pages} - set(requests)
    assert not unrequested, f"pages never loaded: {unrequested}"  # old addresses included
    assert any(INDEX_SCRIPT in url for url in requests), "the search index was never loaded"
    assert not foreign, "requests to another origin:\n" + "\n".join(sorted(set(foreign)))
    assert not served.cookies and not served.document_cookie, (
        f"cookies set: {served.cookies} {served.document_cookie!r}"
    )


@pytest.mark.browser
def test_injected_script_is_refused(browser: Any, site_url: str, site: Path) -> None:
    """A page of the site with an inline script and a script from elsewhere slipped into it,
    as a cross-site scripting flaw would: neither runs, and the browser reports both."""
    original = (site / "roles" / "miroir.html").read_text(encoding="utf-8")
    injected = original.replace(
        "</body>",
        "<script>window.__injected = true;</script>"
        '<script src="https://attacker.example/x.js"></script>'
        '<img src="x" onerror="window.__handler = true"></body>',
    )
    assert injected != original
    context = browser.new_context()
    context.add_init_script(LISTEN)
    url = f"{site_url}/roles/miroir.html"
    context.route(url, lambda route: route.fulfill(body=injected, content_type="text/html; charset=utf-8"))
    context.route("https://attacker.example/**", lambda route: route.fulfill(body="window.__remote = true;"))
    page = context.new_page()
    page.goto(url, wait_until="load")
    ran = page.evaluate("[window.__injected, window.__remote, window.__handler]")
    violations = page.evaluate("window.__violations")
    # The page's own scripts still ran: the theme set its colour scheme.
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    context.close()
    assert ran == [None, None, None], ran
    assert any(v.startswith("script-src-elem inline") for v in violations), violations
    assert any("attacker.example" in v for v in violations), violations
    assert any(v.startswith("script-src-attr inline") for v in violations), violations
    assert scheme == "default"


@pytest.mark.build
def test_search_scripts_need_no_eval(site: Path) -> None:
    """The search's worker and libraries (MiniSearch, the Snowball stemmer) run under script-src
    'self' without 'unsafe-eval' or 'wasm-unsafe-eval': no eval, no Function constructor, no
    WebAssembly. (A worker served over HTTP gets no policy from the page's meta element; from a
    local folder the search runs in an iframe under the page's policy, see
    tests/test_quality_network.py.)"""
    scripts = [
        site / "assets/javascripts/workers/search-fr.js",
        *sorted((site / "assets/javascripts/vendor").glob("*.js")),
    ]
    assert len(scripts) == 3
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        assert not re.search(
            r"\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*['\"]|WebAssembly", text
        ), script.name
