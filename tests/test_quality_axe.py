"""Accessibility: axe-core (npm, pinned in package.json) finds no violation of WCAG 2.0,
2.1 and 2.2 levels A and AA, nor of its best practices, on any built page, at a desktop and a
mobile viewport, in the light and the dark colour scheme, and at the narrowest width WCAG's
reflow criterion asks for (320 CSS pixels), where tables are most likely to scroll; and at that
width no page is wider than the screen (reflow, WCAG 1.4.10), measured on the same page loads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import QUALITY_FILES, ROOT, SharedResults, shared_results

pytestmark = [pytest.mark.build, pytest.mark.browser]

AXE_ADDRESS = "/__quality__/axe.min.js"
AXE = QUALITY_FILES[AXE_ADDRESS]  # served with the site by `site_url` (conftest)
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 800},
    "mobile": {"width": 390, "height": 844},
    "narrow": {"width": 320, "height": 640},
}
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's scheme
# Both schemes at 1280 and 390; at 320 the light one, the layout being the same in both.
VIEWPORT_SCHEMES = {"desktop": ["light", "dark"], "mobile": ["light", "dark"], "narrow": ["light"]}
CONFIGS = [f"{viewport}-{scheme}" for viewport, schemes in VIEWPORT_SCHEMES.items() for scheme in schemes]
# A page in the other scheme, as a reader whose system prefers it would get it: the media
# emulated, then the theme's own palette switch (what it runs when it loads in that scheme).
SWITCH_SCHEME = """scheme => new Promise(resolve => {
  document.querySelector(`input[data-md-color-scheme="${scheme}"]`).click();
  const settled = () => document.body.hasAttribute("data-md-color-switching")
    ? requestAnimationFrame(settled) : resolve(document.body.dataset.mdColorScheme);
  settled();
})"""

RUN = """options => axe.run(document, options).then(
  r => ({version: r.testEngine.version, violations: r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + " :: " + n.failureSummary)}))}),
  e => ({error: String(e)}))"""


@pytest.fixture(scope="module")
def axe_results(
    browser: Any,
    site_url: str,
    site: Path,
    browsed_pages: list[Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> SharedResults:
    """{viewport: {scheme: {page: result}}} for every page in the five configurations, one
    browser context per viewport.

    For speed, axe.min.js reaches the pages from one URL of the site's server (so Chromium
    caches it and its compiled code), and no request goes through Playwright's routing, which
    would pass every request of the page through the test (14 % more CPU; the search's worker,
    which it used to block, starts only on first use of the search box since issue 20:
    test_page_weight.py), axe-core builds results for violations only
    (`resultTypes`; the passes and inapplicable rules, which no test reads, are left out), and
    each page is loaded once per viewport: checked in the scheme it loads in, switched to the
    other (SWITCH_SCHEME), checked again; the next page loads in that other scheme. A page
    switched to a scheme and one loaded in it were compared element by element (colours,
    borders, outlines, fill, visibility, display, opacity, background images), both ways, at
    both viewports: the same. Each result also keeps the page's width
    as loaded, before axe is added (`width`, which the reflow test reads). Each viewport is run
    once per test run, when a test first reads it: the test of each light configuration being
    handed out on its own, two xdist workers split the viewports between them
    (conftest.SharedResults), and the tests that read what the light ones made (the dark
    configurations, reflow) come last."""
    assert AXE.is_file(), f"{AXE} is missing: run scripts/setup.sh (npm ci)"
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    axe_url = f"{site_url}{AXE_ADDRESS}"

    def run(viewport: str) -> dict[str, dict[str, Any]]:
        schemes = VIEWPORT_SCHEMES[viewport]
        context = browser.new_context(
            viewport=VIEWPORTS[viewport], color_scheme=schemes[0], reduced_motion="reduce"
        )
        page = context.new_page()
        results: dict[str, dict[str, Any]] = {scheme: {} for scheme in schemes}
        for html_file in browsed_pages:
            path = html_file.relative_to(site).as_posix()
            page.goto(f"{site_url}/{path}", wait_until="load")
            width = page.evaluate("document.documentElement.scrollWidth")  # before axe adds anything
            page.add_script_tag(url=axe_url)
            for index, scheme in enumerate(schemes):
                if index:
                    page.emulate_media(color_scheme=scheme)
                    page.evaluate(SWITCH_SCHEME, SCHEMES[scheme])
                result = page.evaluate(RUN, options)
                result["scheme"] = page.evaluate("document.body.dataset.mdColorScheme")
                result["width"] = width
                results[scheme][path] = result
            # The next page loads in the scheme this one ends in (the media as emulated, the
            # palette the theme keeps), and is switched to the other: each scheme is checked
            # on half the pages as loaded and on half as switched to.
            schemes = schemes[::-1]
        context.close()
        return results

    return shared_results(tmp_path_factory, "axe", VIEWPORT_SCHEMES, run)


def test_axe_is_the_pinned_version(axe_results: dict[str, dict[str, dict[str, Any]]]) -> None:
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["axe-core"]
    versions = {
        r.get("version")
        for schemes in axe_results.values()
        for results in schemes.values()
        for r in results.values()
    }
    assert versions == {pinned}


@pytest.mark.parametrize(
    "config",
    # A dark configuration reads what its viewport's light one made: sorted after them (conftest).
    [pytest.param(c, marks=[pytest.mark.reads_shared]) if c.endswith("-dark") else c for c in CONFIGS],
)
def test_no_accessibility_violation(
    config: str, axe_results: dict[str, dict[str, dict[str, Any]]], browsed_pages: list[Path]
) -> None:
    viewport, scheme = config.split("-")
    results = axe_results[viewport][scheme]
    assert len(results) == len(browsed_pages)
    errors = {path: r["error"] for path, r in results.items() if "error" in r}
    assert not errors, f"axe failed to run: {errors}"
    expected_scheme = SCHEMES[scheme]
    wrong_scheme = {path: r["scheme"] for path, r in results.items() if r["scheme"] != expected_scheme}
    assert not wrong_scheme, f"pages not shown in the {expected_scheme} scheme: {wrong_scheme}"
    report = [
        f"{path}: {v['id']} ({v['impact']}) {v['help']}\n      " + "\n      ".join(v["nodes"][:3])
        for path, r in results.items()
        for v in r["violations"]
    ]
    print(f"axe {config}: {len(results)} pages, {len(report)} violations")
    assert not report, f"{len(report)} axe violations ({config}):\n" + "\n".join(report)


@pytest.mark.reads_shared
def test_no_page_scrolls_sideways_at_320_px(
    axe_results: dict[str, dict[str, dict[str, Any]]], browsed_pages: list[Path]
) -> None:
    """Reflow (WCAG 1.4.10): at 320 CSS pixels, no page is wider than the screen, measured as
    each page loaded for the narrow configuration, before axe was added."""
    results = axe_results["narrow"]["light"]
    assert len(results) == len(browsed_pages)
    assert all(isinstance(r["width"], int) and r["width"] > 0 for r in results.values())
    too_wide = {path: r["width"] for path, r in results.items() if r["width"] > 320}
    print(f"reflow: {len(results)} pages at 320 px, {len(too_wide)} too wide")
    assert not too_wide, f"pages wider than 320 px: {too_wide}"
