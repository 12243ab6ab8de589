"""The publisher (content/publisher.yml): its validation (file, line, field), the legal notice
and personal data pages, the accessibility statement's contact, the theme's colours, and a
publication build (scripts/build.sh) that refuses the example publisher and, given a real one,
prints its name and address (never the example's) on every page, sheet and card."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PDF_CACHE, ROOT, errors_for, line_of

from guide.colours import contrast, readable_on_dark, theme_css
from guide.content import Content
from guide.publisher import is_example_host, publication_problems, site_address

PUBLISHER = "content/publisher.yml"
EXAMPLE_HOST = "guide-accompagnement.example"

# A firm as a real one would write it (a made-up one all the same: nothing here is published).
REAL = """\
name: Cabinet Dupont Conseil
legal_form: SARL
share_capital: 8 000 €
registration: RCS Lyon 812 345 678
address:
  - 12 rue de la République
  - 69002 Lyon
phone: 04 72 00 00 00
email: accompagnement@cabinet-dupont.fr
director: Claire Dupont
host:
  name: Hébergement Rhône SAS
  address:
    - 3 quai Perrache
    - 69002 Lyon
  phone: 04 78 00 00 00
  logs_months: 6
site_url: https://guide.cabinet-dupont.fr/accompagnement/
logo: logo-dupont.svg
colours:
  primary: "#1f4e99"
  accent: "#173b73"
  tint: "#e8eef8"
"""
REAL_URL = "https://guide.cabinet-dupont.fr/accompagnement/"
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">'
    '<rect width="40" height="20" fill="#1f4e99"/></svg>\n'
)


def page_text(site: Path, path: str) -> str:
    """A built page's HTML, its non-breaking spaces read as spaces."""
    return (site / path).read_text(encoding="utf-8").replace("\u00a0", " ").replace("\u202f", " ")


def publish_as_a_real_firm(project: Path) -> None:
    """Give the project at `project` (a copy) a publisher that a publication build accepts."""
    (project / PUBLISHER).write_text(REAL, encoding="utf-8")
    (project / "content" / "logo-dupont.svg").write_text(LOGO, encoding="utf-8")


def _edit(project: Path, old: str, new: str) -> str:
    file = project / PUBLISHER
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


# The file's validation ---------------------------------------------------------------------


def test_a_bad_email_is_named_with_its_line_and_field(project: Path) -> None:
    text = _edit(project, "email: contact@cabinet-exemple.example", "email: contact chez cabinet")
    errors = errors_for(project)
    line = line_of(text, "email:")
    assert (
        f"{PUBLISHER}:{line}: email: « contact chez cabinet » n’est pas une adresse électronique"
        in (errors[0])
    ), errors


def test_a_pale_colour_is_refused_with_its_contrast(project: Path) -> None:
    text = _edit(project, 'primary: "#00796b"', 'primary: "#7fb2ff"')
    errors = errors_for(project)
    line = line_of(text, "primary:")
    assert len(errors) == 1
    assert errors[0].startswith(f"{PUBLISHER}:{line}: colours.primary: un texte #7fb2ff sur blanc"), errors
    assert "2,1:1" in errors[0] and "4,5:1 (WCAG AA)" in errors[0] and "plus foncée" in errors[0]


def test_a_tint_too_dark_for_text_and_a_dark_link_too_dark_are_refused(project: Path) -> None:
    _edit(project, 'tint: "#e7f3f1"', 'tint: "#5f8f88"')
    _edit(project, 'dark_link: "#00ccb8"', 'dark_link: "#00695c"')
    errors = errors_for(project)
    assert any(": colours.tint: un texte #5f8f88 sur le texte gris (#55595c)" in e for e in errors), errors
    assert any(": colours.dark_link: " in e and "plus claire" in e for e in errors), errors


def test_a_missing_host_phone_is_named(project: Path) -> None:
    text = _edit(project, "  phone: 01 00 00 00 01\n", "")
    errors = errors_for(project)
    assert len(errors) == 1
    where = f"{PUBLISHER}:{line_of(text, 'host:')}: host.phone"
    assert errors[0].startswith(f"{where}: champ obligatoire manquant")


def test_a_bad_phone_a_bad_address_and_a_missing_logo_are_named(project: Path) -> None:
    _edit(project, "phone: 01 00 00 00 00", "phone: appeler le standard")
    _edit(project, "site_url: https://guide-accompagnement.example/", "site_url: guide.cabinet.fr")
    text = _edit(project, "# logo: logo.svg", "logo: logo.svg")
    errors = errors_for(project)
    where = f"{PUBLISHER}:{line_of(text, 'phone:')}: phone"
    assert any(e.startswith(f"{where}: « appeler") for e in errors), errors
    assert any(": site_url: « guide.cabinet.fr » n’est pas l’adresse d’un site" in e for e in errors), errors
    # The logo is checked once the file is valid.
    _edit(project, "phone: appeler le standard", "phone: 01 00 00 00 00")
    _edit(project, "site_url: guide.cabinet.fr", "site_url: https://guide.cabinet.fr")
    errors = errors_for(project)
    where = f"{PUBLISHER}:{line_of(text, 'logo:')}: logo"
    assert errors == [f"{where}: aucun fichier « logo.svg » dans le dossier content/"]


def test_the_example_colours_are_today_s_and_pass_aa() -> None:
    assert theme_css("#00796b", "#00695c", "#e7f3f1", "#00ccb8") == ""  # guide.css's own
    css = theme_css("#1f4e99", "#173b73", "#e8eef8")
    assert "--md-primary-fg-color: #1f4e99" in css and "--sheet-accent: #173b73" in css
    assert "--card-tint: #e8eef8" in css and f"--md-typeset-a-color: {readable_on_dark('#1f4e99')}" in css
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert contrast("#ffffff", "#00796b") >= 4.5
    assert contrast(readable_on_dark("#1f4e99"), "#272b35") >= 4.5


def test_example_hosts_are_recognised() -> None:
    for host in (EXAMPLE_HOST, "example.org", "www.example.com", "cabinet.invalid", "localhost"):
        assert is_example_host(host), host
    for host in ("guide.cabinet-dupont.fr", "exemple.fr", "example.fr"):
        assert not is_example_host(host), host


def test_the_site_address_comes_from_the_file_unless_overridden(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GUIDE_SITE_URL", raising=False)
    monkeypatch.delenv("GUIDE_REPO_URL", raising=False)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    assert publication_problems(project / "content", project)[-1].startswith(
        "GUIDE_REPO_URL : « https://forge.example/accompagnement/guide » est une adresse d’exemple"
    )
    assert site_address(project / "content") == f"https://{EXAMPLE_HOST}/"
    publish_as_a_real_firm(project)
    assert site_address(project / "content") == REAL_URL
    monkeypatch.setenv("GUIDE_REPO_URL", "https://forge.cabinet-dupont.fr/guide")
    assert publication_problems(project / "content", project) == []
    monkeypatch.setenv("GUIDE_SITE_URL", "https://apercu.cabinet-dupont.fr/guide")
    assert site_address(project / "content") == "https://apercu.cabinet-dupont.fr/guide/"


# The pages ----------------------------------------------------------------------------------


def test_legal_pages_name_the_publisher_and_the_host(site: Path, content: Content) -> None:
    p = content.publisher
    legal = page_text(site, "mentions-legales.html")
    values = (p.name, p.director, p.phone, p.email, p.host.name, p.host.phone, *p.address, *p.host.address)
    for value in values:
        assert value in legal, value
    assert p.registration and p.registration in legal and p.share_capital and p.share_capital in legal
    privacy = page_text(site, "donnees-personnelles.html")
    kept = f"{p.host.logs_months} mois"
    for words in ("Aucun cookie", "localStorage", "article 82", kept, "CNIL", p.email):
        assert words in privacy, words
    assert "intérêt légitime" in privacy and "adresse IP" in privacy


def test_legal_pages_are_in_every_footer_and_the_site_map_not_the_menu(site: Path) -> None:
    site_map = (site / "plan-du-site.html").read_text(encoding="utf-8")
    for page in ("mentions-legales.html", "donnees-personnelles.html"):
        assert f'href="{page}"' in site_map
    for path in ("index.html", "roles/miroir.html", "fiches/index.html"):
        html = (site / path).read_text(encoding="utf-8")
        footer = html[html.index('class="guide-footer-links"') :]
        footer = footer[: footer.index("</nav>")]
        prefix = "../" if "/" in path else ""
        assert f'href="{prefix}mentions-legales.html">Mentions légales</a>' in footer, path
        assert f'href="{prefix}donnees-personnelles.html">Données personnelles</a>' in footer, path
        menu = html[html.index('class="md-nav md-nav--primary"') : html.index('class="guide-footer-links"')]
        assert "mentions-legales.html" not in menu and "donnees-personnelles.html" not in menu, path


def test_the_accessibility_statement_gives_the_publisher_s_email(site: Path, content: Content) -> None:
    html = (site / "accessibilite.html").read_text(encoding="utf-8")
    assert f'href="mailto:{content.publisher.email}"' in html
    assert "ticket" not in page_text(site, "accessibilite.html")


def test_the_guide_s_own_colours_need_no_stylesheet(site: Path) -> None:
    """The example keeps the guide's colours: no theme.css to load (page weights)."""
    assert not (site / "assets" / "theme.css").exists()
    assert "theme.css" not in (site / "index.html").read_text(encoding="utf-8")


# The publication build -------------------------------------------------------------------------


def _copy_project(target: Path) -> Path:
    ignore = shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "site", ".cache", "__pycache__", "*.egg-info"
    )
    shutil.copytree(ROOT, target, ignore=ignore)
    (target / ".venv").symlink_to(ROOT / ".venv")
    return target


REAL_REPOSITORY = "https://forge.cabinet-dupont.fr/guide"


def _build(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """scripts/build.sh of `project`, its PDFs kept in the suite's PDF cache (keyed by each
    PDF's whole document, the publisher's name, address and colours in it: tests/conftest.py)."""
    environment = {k: v for k, v in os.environ.items() if k not in ("GUIDE_SITE_URL", "GUIDE_REPO_URL")}
    environment.update(
        {"GUIDE_SETUP_DONE": "1", "NO_MKDOCS_2_WARNING": "1", "GUIDE_PDF_CACHE": PDF_CACHE, **env}
    )
    return subprocess.run(["scripts/build.sh"], cwd=project, env=environment, capture_output=True, text=True)


@pytest.mark.build
def test_build_refuses_the_example_publisher(tmp_path: Path) -> None:
    project = _copy_project(tmp_path / "project")
    text = (project / PUBLISHER).read_text(encoding="utf-8")
    refused = _build(project, GUIDE_PDF="0")
    assert refused.returncode == 1
    site_url = f"{PUBLISHER}:{line_of(text, 'site_url:')}: site_url"
    email = f"{PUBLISHER}:{line_of(text, 'email:')}: email"
    assert f"{site_url} : « https://{EXAMPLE_HOST}/ » est une adresse d’exemple" in refused.stderr
    assert f"{email} : « contact@cabinet-exemple.example » est une adresse d’exemple" in refused.stderr
    assert "GUIDE_REPO_URL : « https://forge.example/accompagnement/guide »" in refused.stderr
    assert "Construction refusée" in refused.stderr
    assert not (project / "site").exists() and not (project / "site.building").exists()
    publish_as_a_real_firm(project)
    preview = _build(
        project, GUIDE_PDF="0", GUIDE_SITE_URL="https://apercu.example.org/", GUIDE_REPO_URL=REAL_REPOSITORY
    )
    assert preview.returncode == 1
    assert preview.stderr.splitlines()[0] == (
        "GUIDE_SITE_URL : « https://apercu.example.org/ » est une adresse d’exemple ; "
        "retirez cette variable ou donnez l’adresse publique du site"
    )


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _qr_codes(pdf: Path, tmp_path: Path) -> list[str]:
    stem = tmp_path / f"qr-{pdf.parent.name}-{pdf.stem}"
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(pdf), str(stem)], check=True)
    codes: list[str] = []
    for image in sorted(tmp_path.glob(f"{stem.name}-*.png")):
        read = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)],
            capture_output=True,
            text=True,
            check=False,
        )
        codes += read.stdout.split()
    return codes


@pytest.mark.build
def test_a_real_publisher_reaches_every_page_sheet_and_card(tmp_path: Path, content: Content) -> None:
    """The publication build of a copy with a real publisher: its address in canonical links,
    QR codes and printed addresses, its name on every sheet and card, its colours in the PDFs;
    the example's address nowhere in the site."""
    project = _copy_project(tmp_path / "project")
    publish_as_a_real_firm(project)
    built = _build(project, GUIDE_REPO_URL=REAL_REPOSITORY)
    assert built.returncode == 0, built.stderr
    site = project / "site"
    role = (site / "roles/miroir.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{REAL_URL}roles/miroir.html"' in role
    assert 'href="../assets/theme.css"' in role
    theme = (site / "assets" / "theme.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #1f4e99" in theme and "--sheet-accent: #173b73" in theme
    legal = page_text(site, "mentions-legales.html")
    assert "Cabinet Dupont Conseil" in legal and "Claire Dupont" in legal and "RCS Lyon 812 345 678" in legal
    assert "6 mois" in page_text(site, "donnees-personnelles.html")
    leaks = [
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and path.suffix in {".html", ".js", ".json", ".xml", ".txt", ".css"}
        and EXAMPLE_HOST in path.read_text(encoding="utf-8", errors="replace")
    ]  # fmt: skip
    pdfs = sorted(site.rglob("*.pdf"))
    assert len(pdfs) >= len(content.worksheets) + 1
    for pdf in pdfs:
        text = _pdf_text(pdf)
        if EXAMPLE_HOST in text:
            leaks.append(pdf.relative_to(site).as_posix())
        assert "Cabinet Dupont Conseil" in text, pdf.name
        assert "guide.cabinet-dupont.fr/accompagnement/" in re.sub(r"\s+", "", text), pdf.name
    assert leaks == []
    sheet = next(iter(content.worksheets.values()))
    sheet_pdf = site / "fiches" / f"{sheet.id}.pdf"
    assert set(_qr_codes(sheet_pdf, tmp_path)) == {f"{REAL_URL}fiches/{sheet.id}.html"}
    deck_codes = _qr_codes(site / "cartes" / "jeu-complet.pdf", tmp_path)
    assert deck_codes and all(code.startswith(REAL_URL) for code in deck_codes)
    # The logo (a rectangle of #1f4e99) and the theme's accent (#173b73: the title's rule and the
    # headings) printed on the sheet and on the cards.
    for pdf in (sheet_pdf, site / "cartes" / "jeu-complet.pdf"):
        found = _colours(pdf, tmp_path)
        assert (0x1F, 0x4E, 0x99) in found and (0x17, 0x3B, 0x73) in found, pdf.name


def _colours(pdf: Path, tmp_path: Path) -> set[tuple[int, int, int]]:
    """The colours of the first two pages of `pdf` rendered at 100 dpi."""
    from PIL import Image

    stem = tmp_path / f"colour-{pdf.stem}"
    subprocess.run(["pdftoppm", "-r", "100", "-l", "2", "-png", str(pdf), str(stem)], check=True)
    found: set[tuple[int, int, int]] = set()
    for image in tmp_path.glob(f"{stem.name}-*.png"):
        with Image.open(image) as picture:
            found |= {colour for _, colour in picture.convert("RGB").getcolors(1 << 24) or []}
    return found
