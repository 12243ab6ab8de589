"""`guide validate` reports every content rule the test suite holds, so that what it accepts
passes CI: each rule of guide.rules is broken once in a copy of content/ and docs/, and the
report names the file, the line and what to do, in French. The tests that hold these rules on
the real content (test_editorial, test_worksheets, test_scenarios) call the same functions.
Hand-written pages are checked too: front matter, includes, links, never a traceback."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, line_of

from guide import cli, rules
from guide.content import load_content


def validate(copy: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = cli.main(["validate", "--content", str(copy / "content"), "--docs", str(copy / "docs")])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, [line.strip() for line in (captured.err or captured.out).splitlines()]


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


# Each rule of guide.rules, broken the way an author would: one edit, and where the report
# points (the file, the line where `at` stands, the start of the message, field included).


@dataclass(frozen=True)
class Breakage:
    file: str  # the file edited, in the copy
    old: str  # replaced once by `new`
    new: str
    message: str
    at: str | None = None  # the reported line is the first that holds it; None: line 1
    reported: str | None = None  # the file reported, when it is not the file edited

    def apply(self, copy: Path) -> tuple[Path, int, str]:
        text = edit(copy / self.file, self.old, self.new)
        reported = copy / (self.reported or self.file)
        if self.reported:
            text = reported.read_text(encoding="utf-8")
        return reported, line_of(text, self.at) if self.at else 1, self.message


CASE = "content/scenarios/reorganisation.yml"
SHEET = "content/worksheets/entre-deux-seances.yml"
EXPLAINER = "docs/decouvrir.md"
WORN = '  - consultant: "C’est la troisième fois que vous parlez de juin."'
SHARED = "Et avec deux équipes, dont une qui vous connaît à peine, qu’est-ce qui tiendrait encore"
SUMMARY = yaml.safe_load((ROOT / "content/roles/miroir.yml").read_text(encoding="utf-8"))["summary"]
LONG_EXAMPLE = "Le manager revient encore sur la réunion de lundi. " * 20  # 180 words: over any role's margin

BREAKAGES: dict[str, Breakage] = {
    "first-names": Breakage(
        CASE,
        "situation: >-\n",
        "situation: >-\n  Martine, la nouvelle directrice, arrive.\n",
        "situation: le prénom « Martine » est déjà celui d’une personne de",
        at="Martine",
    ),
    "worn-moves": Breakage(
        CASE,
        '  - consultant: "Et avec deux',
        WORN + '\n  - consultant: "Et avec deux',
        "dialogue[6]: le tour « la troisième fois » sert déjà dans",
        at=WORN,
    ),
    "shared-sentences": Breakage(
        "content/scenarios/perte-de-sens.yml",
        "\n  - consultant: ",
        f'\n  - consultant: "{SHARED} ?"\n  - manager: "Oui."\n  - consultant: ',
        "dialogue[",
        at=SHARED,
    ),
    "sheets-copy-no-text": Breakage(
        SHEET,
        '    intro: "Quelques mots',
        f'    intro: "{SUMMARY} Quelques mots',
        "sections[2].intro: cette fiche recopie le résumé de roles/miroir",
        at=SUMMARY[:20],
    ),
    "sheet-voice": Breakage(
        SHEET,
        '    intro: "Quelques mots',
        '    intro: "Ce que le manager a essayé. Quelques mots',
        "sections[2].intro: « le manager » : cette fiche",
        at="Ce que le manager",
    ),
    "case-tags": Breakage(
        CASE,
        "  - fusion\n  - incertitude\n  - changement\n  - organigramme\n",
        "",
        "tags: un cas a au moins 3 mots-clés (tags), il en a 1",
        at="tags:",
    ),
    "a-propos": Breakage(
        "docs/a-propos.md",
        "Modérateur et Intégrateur",
        "Modérateur et Autre",
        "name: « Intégrateur » n’est pas nommé dans",
        at="name:",
        reported="content/roles/integrateur.yml",
    ),
    "explainer-quotes": Breakage(
        EXPLAINER,
        "« Je ne comprends rien à ce que tu fais ? »",
        "« Je ne comprends pas ton métier. »",
        "la page cite mot pour mot la question de Martine",
        at="Elizabeth Gauthier",
    ),
    "explainer-questions": Breakage(
        EXPLAINER, "## Où ?", "## À quel endroit ?", "il manque le titre « ## Où ?… »"
    ),
    "explainer-length": Breakage(
        EXPLAINER,
        "## Pour aller plus loin",
        "Encore un mot. " * 500 + "\n\n## Pour aller plus loin",
        "la page compte ",
    ),
    "role-length": Breakage(
        "content/roles/miroir.yml",
        "examples:\n",
        f'examples:\n  - situation: "{LONG_EXAMPLE.strip()}"\n    words: "Et alors ?"\n',
        "examples: la page de ce rôle compte ",
        at="examples:",
    ),
    "sponsor-name": Breakage(
        "content/phases/bilan-tripartite.yml",
        "le commanditaire dit ce qu’il en retient",
        "le DRH dit ce qu’il en retient",
        "summary: « DRH » : celui qui demande et paie",
        at="le DRH",
    ),
    "frame-only": Breakage(
        CASE,
        "situation: >-\n",
        "situation: >-\n  Si la nuit devient trop lourde, le 3114 répond.\n",
        "situation: « 3114 » : un numéro d’urgence ne s’écrit que dans",
        at="le 3114",
    ),
    "frame-not-relisted": Breakage(
        "docs/posture.md",
        "\n## ",
        "\nL’entreprise peut savoir si les séances ont lieu.\n\n## ",
        "« L’entreprise peut savoir » : ce que le",
        at="L’entreprise peut savoir",
    ),
}


def test_every_rule_has_its_breakage() -> None:
    """A rule added to guide.rules without a case here fails: every rule is shown reported."""
    assert [rule.name for rule in rules.RULES] == list(BREAKAGES)


@pytest.mark.parametrize("rule", list(BREAKAGES))
def test_validate_reports_each_rule_with_file_and_line(
    rule: str, copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert validate(copy, capsys)[0] == 0
    path, line, message = BREAKAGES[rule].apply(copy)
    code, lines = validate(copy, capsys)
    assert code == 1
    where = f"{path.as_posix()}:{line}: " if line else f"{path.as_posix()}: "
    assert any(found.startswith(where + message) for found in lines), (where + message, lines)


def test_straight_apostrophes_are_made_french_at_load(copy: Path) -> None:
    role = copy / "content/roles/miroir.yml"
    edit(role, "summary: ", "summary: \"Un mot d'atelier, `d'un` code. \" ")
    text = role.read_text(encoding="utf-8").replace('code. " "', "code. ")
    role.write_text(text, encoding="utf-8")
    summary = load_content(copy / "content", project_root=copy).roles["miroir"].summary
    assert summary.startswith("Un mot d’atelier, `d'un` code.")


# Hand-written pages --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "old"),
    [("decouvrir.md", 'description: "L’accompagnement'), ("posture.md", 'description: "La posture')],
)
def test_a_broken_front_matter_names_the_page_and_the_line(
    name: str, old: str, copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = copy / "docs" / name  # posture.md: its title in the site map comes from its front matter
    text = edit(page, old, 'description: "Le "vrai" accompagnement')
    code, lines = validate(copy, capsys)
    assert code == 1
    assert lines[1] == (
        f'{page.as_posix()}:{line_of(text, "description:")}: ce texte entre guillemets (") contient '
        'lui-même un guillemet ", qui le termine trop tôt. Écrivez les guillemets du texte à la '
        "française (« … »), ou entourez le texte d’apostrophes ('…') en doublant chaque "
        "apostrophe du texte (l''équipe). ligne 3 : "
        f"« {text.splitlines()[2]} »"
    )


def test_an_unknown_front_matter_key(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = copy / "docs/posture.md"
    text = edit(page, "title:", "titel:")
    code, lines = validate(copy, capsys)
    assert code == 1
    assert lines[1].startswith(
        f"{page.as_posix()}:{line_of(text, 'titel:')}: titel: clé inconnue dans l’en-tête de la page. "
        "Vouliez-vous dire « title » ?"
    )


def test_a_broken_link_and_a_broken_anchor(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = copy / "docs/accompagnement.md"
    text = edit(page, "](posture.md)", "](postur.md)")
    text = edit(page, "#la-place-du-commanditaire)", "#la-place-du-comanditaire)")
    code, lines = validate(copy, capsys)
    assert code == 1
    assert lines[1:] == [
        f"{page.as_posix()}:{line_of(text, '(postur.md')}: lien vers « postur.md » : cette page n’existe "
        "pas dans le site. Vouliez-vous dire « posture.md » ? Un lien part du dossier de la page "
        "(docs/) et finit par .md",
        f"{page.as_posix()}:{line_of(text, '#la-place-du-comanditaire')}: lien vers "
        "« principes/confidentialite.md#la-place-du-comanditaire » : la page principes/confidentialite.md "
        "n’a pas de titre dont l’ancre est « #la-place-du-comanditaire ». Vouliez-vous dire "
        "« #la-place-du-commanditaire » ? L’ancre d’un titre s’écrit en minuscules, sans accents ni "
        "ponctuation, les mots liés par « - »",
    ]


def test_an_unknown_include_section(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = copy / "docs/deontologie.md"
    text = edit(page, "[[confidentialite: commanditaire]]", "[[confidentialite: comanditaire]]")
    code, lines = validate(copy, capsys)
    assert code == 1
    assert lines[1].startswith(
        f"{page.as_posix()}:{line_of(text, '[[confidentialite')}: confidentialite: section « comanditaire » "
        "inconnue dans confidentiality.yml. Vouliez-vous dire « commanditaire » ?"
    )


def test_the_build_reports_a_broken_front_matter_without_a_traceback(tmp_path: Path) -> None:
    from conftest import mkdocs_build

    project = tmp_path / "project"
    shutil.copytree(
        ROOT, project, ignore=shutil.ignore_patterns(".venv", "node_modules", ".cache", ".git", "site")
    )
    edit(
        project / "docs/decouvrir.md",
        'description: "L’accompagnement',
        'description: "Le "vrai" accompagnement',
    )
    result = mkdocs_build(tmp_path / "site", project=project, env={"GUIDE_CORE_CACHE": "0"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "docs/decouvrir.md:3: ce texte entre guillemets" in result.stderr


# The authors' templates (modeles/, AUTEURS.md) -----------------------------------------------

MODELES = ROOT / "modeles"
TEMPLATES = {
    "cas.yml": "content/scenarios/nouveau-cas.yml",
    "phase.yml": "content/phases/nouvelle-phase.yml",
    "fiche.yml": "content/worksheets/nouvelle-fiche.yml",
    "page.md": "docs/nouvelle-page.md",
}


@pytest.mark.parametrize("template", [*TEMPLATES, "terme-glossaire.yml"])
def test_each_template_copied_as_the_guide_says_is_valid(
    template: str, copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (MODELES / template).read_text(encoding="utf-8")
    if template == "terme-glossaire.yml":
        glossary = copy / "content/glossary.yml"
        glossary.write_text(glossary.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")
    else:
        (copy / TEMPLATES[template]).write_text(text, encoding="utf-8")
    code, lines = validate(copy, capsys)
    assert code == 0, lines


def test_every_template_is_tested() -> None:
    assert sorted(p.name for p in MODELES.iterdir()) == sorted([*TEMPLATES, "terme-glossaire.yml"])


# Handing in without git: guide paquet, guide appliquer --------------------------------------


def _check(content_dir: Path, docs: Path) -> None:
    from guide.build import compute_from
    from guide.export import config_nav

    nav = config_nav(ROOT / "mkdocs.yml")
    compute_from(load_content(content_dir, project_root=ROOT), ROOT, docs, site_url="", nav=nav)


def test_a_package_is_checked_before_it_replaces_anything(copy: Path) -> None:
    import zipfile

    from guide import authoring
    from guide.errors import ContentErrors

    package = authoring.make_package(copy, copy / "paquet.zip")
    names = zipfile.ZipFile(package).namelist()
    assert "content/roles/miroir.yml" in names and "docs/decouvrir.md" in names
    # A package with a mistake changes nothing.
    broken = copy / "casse.zip"
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "content/roles/miroir.yml":
                data = data.replace(b"summary:", b"sumary:")
            target.writestr(name, data)
    before = (copy / "content/roles/miroir.yml").read_bytes()
    with pytest.raises(ContentErrors) as caught:
        authoring.apply_package(broken, copy, _check, keep_dir=copy / "kept")
    assert "champ inconnu « sumary »" in caught.value.report()
    assert (copy / "content/roles/miroir.yml").read_bytes() == before
    # A file outside content/ and docs/ refuses the whole package.
    odd = copy / "odd.zip"
    with zipfile.ZipFile(odd, "w") as target:
        target.writestr("content/roles/miroir.yml", before)
        target.writestr("docs/index.md", "# Accueil\n")
        target.writestr("../evil.py", "")
    with pytest.raises(ContentErrors, match="n’est pas dans content/ ni dans docs/"):
        authoring.apply_package(odd, copy, _check, keep_dir=copy / "kept")
    # A good package replaces content/ and docs/ and keeps the old ones.
    (copy / "content/roles/miroir.yml").write_text("changed locally", encoding="utf-8")
    kept = authoring.apply_package(package, copy, _check, keep_dir=copy / "kept")
    assert (copy / "content/roles/miroir.yml").read_bytes() == before
    assert zipfile.ZipFile(kept).read("content/roles/miroir.yml") == b"changed locally"


def test_the_authors_guide_links_to_its_own_headings() -> None:
    """AUTEURS.md points to its sections by links (GitHub's anchors), never by numbers that drift."""
    text = (ROOT / "AUTEURS.md").read_text(encoding="utf-8")
    anchors = {
        re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        for heading in re.findall(r"^#+ (.+)$", text, re.M)
    }
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert links and all(link in anchors for link in links), (links, anchors)
    assert not re.search(r"\bla section \d", text)
