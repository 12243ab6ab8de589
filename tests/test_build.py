"""End-to-end: the real site built with --strict, by MkDocs and by ProperDocs (the fallback
engine, dev/engines.md): each test that reads the site runs on both; a failed build keeping the
last good site; the exported project built by plain MkDocs with no hooks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build, page_text, squash
from test_publisher import REAL_REPOSITORY, publish_as_a_real_firm

from guide.content import Content
from guide.reading import article_words, reading_words
from guide.rules import ROLE_MAX_WORDS, role_page_words

pytestmark = pytest.mark.build
ENGINES = ("MkDocs", "ProperDocs")


@pytest.fixture(scope="session", params=ENGINES)
def site(request: pytest.FixtureRequest, site: Path) -> Path:
    """The site built by each engine, in turn (both builds shared with the other test files)."""
    if request.param == "ProperDocs":
        return request.getfixturevalue("properdocs_site")  # type: ignore[no-any-return]
    return site


def test_properdocs_builds_every_page_and_file(site: Path, properdocs_site: Path) -> None:
    """ProperDocs, the fallback engine, makes every file of each engine's build, search included."""

    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

    assert files(site) == files(properdocs_site)
    assert 'content="mkdocs-ProperDocs 1.6.7, mkdocs-material-' in page_text(properdocs_site, "index.html")


def test_every_entry_has_its_page_with_its_data(site: Path, content: Content) -> None:
    expected: dict[str, list[str]] = {}
    for role in content.roles.values():
        expected[f"roles/{role.id}.html"] = [
            role.name, role.summary, role.intention, *role.practices, *role.signals,
            *(e.words for e in role.examples), *(d.description for d in role.drifts),
        ]  # fmt: skip
    for plane in content.planes.values():
        expected[f"plans/{plane.id}.html"] = [
            plane.focus, *plane.inquiries, *(t.name for t in plane.themes), *plane.experiment,
        ]  # fmt: skip
    for p in content.principles.values():
        expected[f"principes/{p.id}.html"] = [p.name, p.meaning, *p.in_practice, *p.breaks]
    for c in content.contrasts.values():
        expected[f"distinctions/{c.id}.html"] = [c.description, c.reframe, *c.slide_signs]
        expected.setdefault("distinctions/index.html", []).extend(
            [c.short_name, *c.dimensions.model_dump().values()]
        )
    for s in content.scenarios.values():
        expected[f"cas/{s.id}.html"] = [s.title, s.situation, s.question, *(r.why for r in s.roles)]
    for cell in content.matrix.cells:
        expected.setdefault("matrice.html", []).extend([cell.text, *cell.examples])
        expected[f"roles/{cell.role}.html"].append(cell.text)
        expected[f"plans/{cell.plane}.html"].append(cell.text)
    for sheet in content.worksheets.values():
        expected[f"fiches/{sheet.id}.html"] = [sheet.title]
    missing = []
    for path, texts in expected.items():
        page = squash(page_text(site, path))
        missing += [f"{path}: {text[:60]}" for text in texts if squash(text) not in page]
    assert not missing, "\n".join(missing)


def test_a_page_with_an_insert_keeps_its_front_matter_out_of_the_text(site: Path) -> None:
    """The explainer gets texts of the content inserted; its title and description stay metadata."""
    explainer = page_text(site, "decouvrir.html")
    assert "title: Découvrir" not in explainer and "description:" not in explainer
    assert "<title>Découvrir l’accompagnement" in (site / "decouvrir.html").read_text(encoding="utf-8")


def test_the_explainer_and_the_role_pages_stay_light(site: Path, content: Content) -> None:
    """Issue 16: the client explainer reads in about seven minutes, a role page in about five.
    `guide validate` reports a long role page (guide.rules.check_role_length) from the core's
    page, counted as here: both counts are the same on every role page."""
    assert article_words(page_text(site, "decouvrir.html")) <= 1500
    built = {role: reading_words(page_text(site, f"roles/{role}.html")) for role in content.roles}
    assert max(built.values()) <= ROLE_MAX_WORDS, built
    assert role_page_words(content, ROOT / "templates") == built
    # The reading stops above the closing lists of links (cases, phases, annotated sessions),
    # and only there: every role page has them, and they hold words.
    for role in content.roles:
        html = page_text(site, f"roles/{role}.html")
        assert 0 < built[role] < article_words(html), role


def test_generated_pages_are_virtual() -> None:
    assert not (ROOT / "docs" / "roles").exists()
    assert not (ROOT / "docs" / "plans").exists()


def test_edit_link_of_a_generated_page_points_at_its_yaml(site: Path) -> None:
    page = page_text(site, "roles/miroir.html")
    assert re.search(r'href="[^"]*/edit/main/content/roles/miroir\.yml"', page)
    assert re.search(r'href="[^"]*/edit/main/docs/posture\.md"', page_text(site, "posture.html"))


def test_navigation_is_built_from_the_data(site: Path, content: Content) -> None:
    """A section's pages are listed in the menu of its own pages; elsewhere the folded section
    is one link to its index page (navigation.prune: each page carries only the menu it shows)."""

    def menu(path: str) -> str:  # the site's menu, between the two sidebars' openings
        html = page_text(site, path)
        return html[html.index("md-sidebar--primary") : html.index("md-sidebar--secondary")]

    home = menu("index.html")
    sections = {"roles": content.roles, "plans": content.planes, "cas": content.scenarios}
    for folder, collection in sections.items():
        section = menu(f"{folder}/index.html")
        for entry in collection:
            assert f'href="{entry}.html"' in section, (folder, entry)
        assert f'href="{folder}/index.html"' in home
        assert not any(f'href="{folder}/{entry}.html"' in home for entry in collection), folder


def test_roles_and_planes_link_both_ways(site: Path, content: Content) -> None:
    for role in content.roles:
        for plane in content.planes:
            assert f'href="../plans/{plane}.html"' in page_text(site, f"roles/{role}.html")
            assert f'href="../roles/{role}.html"' in page_text(site, f"plans/{plane}.html")


def test_french_typography_outside_code(site: Path) -> None:
    page = page_text(site, "roles/eperon.html")
    article = page[page.index("<article") :]
    assert "\u202f?" in article and "\u00a0:" in article
    assert not re.search(r"\w ([?!;])", re.sub(r"<[^>]+>", "", article))


def _copy_project(target: Path) -> Path:
    ignore = shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "site", ".cache", "__pycache__", "*.egg-info"
    )
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def test_failed_build_leaves_the_last_good_site(tmp_path: Path) -> None:
    project = _copy_project(tmp_path / "project")
    site = tmp_path / "site"
    first = mkdocs_build(site, project=project)
    assert first.returncode == 0, first.stderr
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    role = project / "content/roles/miroir.yml"
    role.write_text(role.read_text(encoding="utf-8").replace("order: 1", "order: un"), encoding="utf-8")
    second = mkdocs_build(site, project=project)
    assert second.returncode != 0
    assert (
        "content/roles/miroir.yml:" in second.stderr
        and "order: il faut ici un nombre entier" in second.stderr
    )
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_export_builds_with_plain_mkdocs(tmp_path: Path, content: Content) -> None:
    out = tmp_path / "export"
    done = subprocess.run(
        [sys.executable, "-m", "guide", "export", str(out)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    config = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:" not in config
    result = mkdocs_build(out / "site", project=out)
    assert result.returncode == 0, result.stderr
    for role in content.roles.values():
        page = (out / "site" / "roles" / f"{role.id}.html").read_text(encoding="utf-8")
        assert squash(role.intention) in squash(page)
    for sheet in content.worksheets:
        assert (out / "site" / "fiches" / f"{sheet}.pdf").read_bytes().startswith(b"%PDF")
    worker = (out / "site" / "assets/javascripts/workers/search-fr.js").read_text(encoding="utf-8")
    assert "MiniSearch.loadJS" in worker and "snowballFactory" in worker
    indexed = subprocess.run(
        [sys.executable, "-m", "guide", "search-index", str(out / "site")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert indexed.returncode == 0, indexed.stderr
    index = (out / "site" / "search/guide-index.js").read_text(encoding="utf-8")
    for role in content.roles.values():
        assert f'["roles/{role.id}.html",' in index
    explainer = (out / "site" / "decouvrir.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]+">personne-ressource</abbr>', explainer)


def test_serve_watches_content_and_templates() -> None:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    watched = {Path(path).resolve() for path in config.watch}
    assert {ROOT / "content", ROOT / "templates"} <= watched
    assert config.strict is True


def test_build_script_keeps_the_last_good_site_on_any_failure(tmp_path: Path) -> None:
    project = _copy_project(tmp_path / "project")
    (project / ".venv").symlink_to(ROOT / ".venv")
    publish_as_a_real_firm(project)  # a publication build refuses the example publisher
    env = {**os.environ, "GUIDE_PDF": "0", "GUIDE_SETUP_DONE": "1", "GUIDE_REPO_URL": REAL_REPOSITORY}
    first = subprocess.run(["scripts/build.sh"], cwd=project, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    marker = project / "site" / "marker.txt"
    marker.write_text("last good site", encoding="utf-8")
    page = project / "docs" / "posture.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[lien cassé](nulle-part.md)\n", encoding="utf-8")
    second = subprocess.run(["scripts/build.sh"], cwd=project, env=env, capture_output=True, text=True)
    assert second.returncode == 1
    assert "nulle-part.md" in second.stderr and "left as it was" in second.stderr
    assert marker.read_text(encoding="utf-8") == "last good site"
    assert not (project / "site.building").exists()


def test_french_typography_in_titles_and_navigation(site: Path) -> None:
    step = page_text(site, "accompagnement.html")
    heading = re.search(r"<title>([^<]*)</title>", step)
    assert heading and "\u202f?" in heading.group(1), heading
    nav = step[step.index('<nav class="md-nav md-nav--primary"') :]
    assert "d’accompagnement\u202f?" in nav[: nav.index("</nav>")]


def test_page_specific_assets_load_only_where_needed(site: Path) -> None:
    planner = page_text(site, "outils/planifier.html")
    head = planner[: planner.index("</head>")]
    assert '<link rel="stylesheet" href="../assets/planner.css">' in head
    assert '<script src="../assets/plan.js" defer></script>' in planner
    assert '<script src="../assets/planner.js" defer></script>' in planner
    assert '<script src="../assets/worksheets.js" defer></script>' in page_text(
        site, "fiches/preparer-seance.html"
    )
    home = page_text(site, "index.html")
    for asset in ("print.css", "planner.css", "planner.js", "timer.js", "worksheets.js"):
        assert asset not in home, asset
