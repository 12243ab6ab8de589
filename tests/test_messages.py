"""Validate's messages of meaning are French (issue 21), from one catalogue (guide.messages):
the catalogue is in the site's language, has no English left, holds every id the code uses and
a French noun for every kind of reference; and `guide validate`, run on copies of content/ and
docs/ broken in every way the catalogue names, prints each of its messages and no English line."""

from __future__ import annotations

import ast
import re
import shutil
import string
from collections.abc import Callable
from copy import deepcopy as copy_of
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

from guide import cli
from guide.catalog import TARGETS
from guide.messages import LANGUAGE, MESSAGES, say, unknown

# Words of English that no French sentence of ours holds (YAML keys, ids and what the author
# wrote, between « », are taken out before looking).
ENGLISH = {
    "the", "is", "are", "must", "should", "found", "unknown", "allowed", "expected", "give", "with",
    "missing", "duplicate", "empty", "field", "fields", "already", "least", "most", "items", "needs",
    "cannot", "either", "and", "not", "of", "to", "be", "this", "that", "has", "have", "does", "may",
    "only", "use", "write", "file", "one", "from", "than", "input", "required", "value", "valid",
}  # fmt: skip

# Parts of a message, never a message alone: checked for English, not looked for in a report.
FRAGMENTS = {
    "did_you_mean", "or", "cell.context", "role.field_words", "labels.missing", "labels.unknown",
    "path.no_criterion", "colour.darker", "colour.lighter",
    *(key for key in MESSAGES if key.split(".")[0] in ("expected", "found")),
}  # fmt: skip
# Messages no content can bring about, kept so that no author ever reads pydantic's English:
# "missing" (a field missing where no model is known), "other" (an error type the guide does
# not expect), "front_matter.empty" (an empty front matter is no error), "unknown.other" (a kind
# of reference not yet in the catalogue: test_every_kind_of_reference_has_its_french_noun).
UNREACHABLE = {"missing", "other", "front_matter.empty", "unknown.other"}
# Messages of `guide publication-check` (scripts/build.sh), not of validate: tests/test_publisher.py.
UNREACHABLE |= {key for key in MESSAGES if key.startswith("publication.")}


def english_words(text: str) -> list[str]:
    text = re.sub(r"«[^»]*»", " ", text)  # what the author wrote, a key, a value
    text = re.sub(r"\{[^}]*\}", " ", text)  # a placeholder
    text = re.sub(r"\S*[:_./\[\]'`*]\S*", " ", text)  # keys (audience: tripartite), paths, ids
    return [word for word in re.findall(r"[A-Za-z]+", text) if word.lower() in ENGLISH]


def test_the_catalogue_is_in_the_sites_language() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["theme"]["language"] == LANGUAGE == "fr"


def test_no_catalogue_entry_is_left_in_english() -> None:
    english = {key: words for key, text in MESSAGES.items() if (words := english_words(text))}
    assert not english, english
    assert all(text.strip() or key == "or" for key, text in MESSAGES.items())


def test_the_english_detector_sees_english() -> None:
    assert english_words("unknown role 'x' - did you mean 'miroir'? Should be one of: a, b")
    assert english_words("Input should be 'individuel' or 'groupe'")
    assert not english_words("rôle « the » inconnu : (audience: tripartite), content/path.yml")


def _ids_used_in_the_code() -> set[str]:
    used: set[str] = set()
    for file in (ROOT / "src/guide").glob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("say", "refuse")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                used.add(node.args[0].value)
    return used


def test_every_message_id_the_code_uses_is_in_the_catalogue() -> None:
    used = _ids_used_in_the_code()
    assert len(used) > 50
    assert used - set(MESSAGES) == set()


def test_every_kind_of_reference_has_its_french_noun() -> None:
    """A new collection (or any new kind of reference) names its entries in French: add
    `"unknown.<key>": "… « {value} » inconnu(e)"` to guide.messages.MESSAGES."""
    assert [key for key in TARGETS if f"unknown.{key}" not in MESSAGES] == []


# Validate on broken copies ---------------------------------------------------------------------

Data = Any
Change = Callable[[Data], None]


def change(copy: Path, name: str, *changes: Change) -> None:
    """Load content/`name`, apply each change to its data, write it back."""
    path = copy / "content" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for each in changes:
        each(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def validate_lines(copy: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    code = cli.main(["validate", "--content", str(copy / "content"), "--docs", str(copy / "docs")])
    captured = capsys.readouterr()
    assert code == 1 and "Traceback" not in captured.err, captured
    return [line.strip() for line in captured.err.splitlines()[1:]]


_WHERE = re.compile(r"^\S+?(?::\d+)?: (?:[\w.\[\]-]+: )?")


def _pattern(template: str) -> re.Pattern[str]:
    parts = [
        re.escape(text) + (".*?" if field is not None else "")
        for text, field, _, _ in string.Formatter().parse(template)
    ]
    return re.compile("".join(parts), re.S)


def check_french(lines: list[str]) -> set[str]:
    """Fail on a line with English; return the catalogue's ids the lines show."""
    english = {line: words for line in lines if (words := english_words(_WHERE.sub("", line)))}
    assert not english, english
    return {key for key, text in MESSAGES.items() if any(_pattern(text).search(line) for line in lines)}


def _section(**fields: Any) -> Change:
    return lambda data: data["sections"].append({"title": "Essai", **fields})


def _first(key: str, **fields: Any) -> Change:
    def apply(data: Data) -> None:
        data[key][0].update(fields)

    return apply


def _set(**fields: Any) -> Change:
    return lambda data: data.update(fields)


def _drop(key: str) -> Change:
    return lambda data: data.pop(key)


def break_the_models(copy: Path) -> set[str]:
    """Errors of single files: syntax, types, lengths and our validators."""
    content = copy / "content"
    change(copy, "roles/miroir.yml", _drop("intention"))
    change(copy, "roles/eperon.yml", _set(sumary="x"))
    change(copy, "roles/moderateur.yml", _set(practices=[]))
    change(copy, "roles/integrateur.yml", _set(order="premier"))
    change(copy, "planes/pairs.yml", _set(summary="", order=0))
    change(copy, "planes/equipe.yml", _set(id="Plan Équipe"))
    text = "Un texte en <b>gras</b>."
    change(copy, "principles/neutralite.yml", _set(meaning=text, breaks=["[un lien](javascript:x)"]))
    change(copy, "principles/confidentialite.yml", _set(meaning="Un texte {: onclick=x }"))
    change(
        copy,
        "matrix.yml",
        lambda d: d["cells"][0].pop("text"),
        lambda d: d["cells"][1].update(examples=["a", "b", "c"]),
    )

    def glossary(data: Data) -> None:
        data["terms"][0]["definition"] = "mot " * 60
        data["terms"][1]["frame"] = True

    change(copy, "glossary.yml", glossary)
    change(copy, "scenarios/premier-entretien.yml", lambda d: d.update(dialogue=d["dialogue"][:1]))
    change(
        copy,
        "scenarios/reorganisation.yml",
        lambda d: next(line for line in d["dialogue"] if "consultant" in line).update(manager="Oui."),
    )
    change(
        copy,
        "scenarios/perte-de-sens.yml",
        lambda d: next(line for line in d["dialogue"] if "manager" in line).update(frame="limites"),
    )
    change(copy, "scenarios/conflit-avec-un-pair.yml", lambda d: d["opening"].update(sponsor=True))
    change(
        copy,
        "scenarios/depart-d-un-pilier.yml",
        lambda d: d.update(dialogue=[{"consultant": "Un."}, {"consultant": "Deux."}]),
    )
    (content / "scenarios/nouveau-cas.yml").write_text("- une liste\n", encoding="utf-8")
    (content / "scenarios/cas-vide.yml").write_text("", encoding="utf-8")
    (content / "scenarios/cas-latin.yml").write_bytes("id: caf\u00e9\n".encode("latin-1"))
    (content / "scenarios/cas-enorme.yml").write_text(
        "id: x\n" + "# " + "x" * 600_000 + "\n", encoding="utf-8"
    )
    (content / "scenarios/cas-deux-points.yml").write_text(
        "id: cas\ntags:\n  - Un mot: deux\n", encoding="utf-8"
    )
    shutil.copy(content / "planes/organisation.yml", content / "planes/organisation-bis.yml")
    sheets = sorted((content / "worksheets").glob("*.yml"))
    change(copy, f"worksheets/{sheets[0].name}", _first("fields", label="Nom du manager"), _set(pages=3))
    change(copy, f"worksheets/{sheets[1].name}", _section(area={"lines": 2, "box": 30}))
    change(copy, f"worksheets/{sheets[2].name}", _section(rows=2))
    change(copy, f"worksheets/{sheets[3].name}", _section(rows=2, columns=["a"]))
    change(copy, f"worksheets/{sheets[4].name}", _section(item_area={"lines": 2}))
    change(copy, f"worksheets/{sheets[5].name}", _section(roles=["miroir"], columns=["a"]))
    change(
        copy,
        f"worksheets/{sheets[6].name}",
        _section(roles=["miroir"], columns=["a"], item_area={"lines": 1}, item_columns=2),
    )
    change(copy, "phases/demande.yml", lambda d: d["timing"].update(rhythm="souvent"))
    structures = sorted((content / "structures").glob("*.yml"))
    change(copy, f"structures/{structures[0].name}", lambda d: d.update(shortest=d["longest"] + 1))
    change(copy, f"structures/{structures[1].name}", _set(shortest=470, longest=480))
    change(copy, f"structures/{structures[2].name}", lambda d: d["steps"][1].update(id=d["steps"][0]["id"]))

    def interface(data: Data) -> None:
        data["path"]["step_title"] = "Étape {nombre}"
        data["path"]["step_nav"] = "Étape {number"
        data["labels"]["settings"].pop("groupe")

    change(copy, "interface.yml", interface)

    def path(data: Data) -> None:
        criterion = data["steps"][-1]["readiness"][0]
        criterion.pop("scenario", None)
        criterion.pop("exercise", None)
        data["steps"][0]["time"]["reading"] = 500
        data["steps"][0]["read"][0] = "Posture.md"

    change(copy, "path.yml", path)

    def publisher(data: Data) -> None:
        data.update(email="contact chez nous", phone="le standard", site_url="cabinet.fr")
        data["colours"].update(primary="rouge", accent="#7fb2ff", dark_link="#00695c")

    change(copy, "publisher.yml", publisher)
    (content / "practice.yml").unlink()
    shutil.rmtree(content / "questions")
    return set()


def break_the_references(copy: Path) -> set[str]:
    """Errors between files, once every file is valid alone; returns the kinds of reference no
    content uses yet (structures: nothing names one), whose messages cannot be shown."""
    from guide.catalog import references
    from guide.content import load_content

    content = load_content(ROOT / "content", project_root=ROOT)
    done: set[str] = set()
    for (key, entry_id), source in content.sources.items():
        model = content.collection(key)[entry_id] if entry_id else getattr(content, key)
        for ref in references(model):
            if ref.target in done or key == "matrix":
                continue
            done.add(ref.target)
            name = source.removeprefix("content/")

            def misspell(data: Data, loc: tuple[str | int, ...] = ref.loc) -> None:
                *path, last = loc
                for part in path:
                    data = data[part]
                data[last] = data[last] + "x"

            change(copy, name, misspell)
    unreferenced = {f"unknown.{key}" for key in set(TARGETS) - done}
    assert len(unreferenced) <= 1, unreferenced

    def interface(data: Data) -> None:
        data["collections"]["sessionz"] = data["collections"].pop("planes")

    change(copy, "interface.yml", interface)
    change(copy, "roles/miroir.yml", lambda d: d["alternation"][0].update(role="miroir"))
    change(copy, "publisher.yml", lambda d: d.update(logo="absent.svg"))
    change(copy, "worksheets/preparer-seance.yml", lambda d: d["sections"][0].update(signatures=["Moi"]))

    def frame(data: Data) -> None:
        data["sections"][1]["id"] = data["sections"][0]["id"]
        data["spoken"][1]["id"] = data["spoken"][0]["id"]

    change(copy, "confidentiality.yml", frame)

    case = next(case for case in content.scenarios.values() if case.opening.role)
    listed = {choice.role for choice in case.roles}
    other = next(role for role in content.roles if role not in listed)
    change(copy, f"scenarios/{case.id}.yml", lambda d: d["opening"].update(role=other))

    def path(data: Data) -> None:
        steps = data["steps"]
        steps[1]["id"] = steps[0]["id"]
        for step in steps:
            if step.get("exercise"):
                step["exercise"]["format"] = "co-leading"
        steps[-1].pop("readiness")
        steps[2]["read"].append(steps[0]["read"][0])
        steps[3].setdefault("further", []).append(steps[3]["read"][0])
        next(step for step in steps if step.get("solo"))["solo"][0]["criterion"] = "inconnu"

    change(copy, "path.yml", path)

    def matrix(data: Data) -> None:
        data["cells"].append(copy_of(data["cells"][0]))
        data["cells"].pop(1)

    change(copy, "matrix.yml", matrix)
    change(
        copy,
        "glossary.yml",
        lambda d: d["terms"].append({"term": d["terms"][0]["term"], "definition": "Un mot."}),
    )

    def sheet(data: Data) -> None:
        data["sections"][0]["new_page"] = True
        data["pages"] = 2 if data["pages"] == 1 else 1

    change(copy, "worksheets/supervision.yml", sheet)

    def session(data: Data) -> None:
        """An annotated session out of step with its structure (the one whose structure the
        misspellings above leave alone): each of its cross-checks' messages."""
        data["people"] += [{"name": data["people"][0]["name"], "who": "Une autre."}]
        data["people"] += [{"name": "consultant", "who": "Le consultant."}]
        data["moments"][0]["lines"][1]["who"] = "Inconnue"
        data["setting"] = "groupe"
        data["duration"] = 200
        data["moments"][1]["step"] = data["moments"][-1]["step"]
        data["moments"][2]["minute"] = 0
        data["moments"][3]["step"] = "accueil"
        data["moments"][-1]["minute"] = 230

    change(copy, "sessions/comite-de-berenice.yml", session)
    return unreferenced


def break_the_pages(copy: Path) -> set[str]:
    """Errors of rendered pages and of the hand-written pages' inserts."""
    long = "Le manager revient encore sur la réunion de lundi. " * 12
    change(
        copy, "roles/eperon.yml", lambda d: d["examples"].append({"situation": long, "words": "Et alors ?"})
    )
    page = copy / "docs/deontologie.md"
    markers = (
        "\n[[confidentialit: notes]]\n\n[[confidentialite-bref: resumé]]\n\n[[confidentialite: ]]\n"
        "\n[[editeur: adresse]]\n"
    )
    page.write_text(page.read_text(encoding="utf-8") + markers, encoding="utf-8")
    return set()


def break_the_front_matter(copy: Path) -> set[str]:
    page = copy / "docs/posture.md"
    text = page.read_text(encoding="utf-8")
    end = text.index("\n---", 4)
    page.write_text("---\n- une liste" + text[end:], encoding="utf-8")
    (copy / "docs/nouvelle-page.md").write_text("Juste du texte, sans titre.\n", encoding="utf-8")
    return set()


def test_validate_shows_every_message_of_the_catalogue_in_french(
    copy: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shown: set[str] = set()
    unreachable = set(UNREACHABLE)
    log: list[str] = []
    for breakage in (break_the_models, break_the_references, break_the_pages, break_the_front_matter):
        shutil.rmtree(copy / "content")
        shutil.rmtree(copy / "docs")
        shutil.copytree(ROOT / "content", copy / "content")
        shutil.copytree(ROOT / "docs", copy / "docs")
        unreachable |= breakage(copy)
        lines = validate_lines(copy, capsys)
        log += lines
        found = check_french(lines)
        assert found, (breakage.__name__, lines)
        shown |= found
    assert sorted(set(MESSAGES) - FRAGMENTS - unreachable - shown) == [], log


def test_the_authors_guide_shows_the_real_messages() -> None:
    """AUTEURS.md's frequent mistakes quote validate's messages as it prints them, in French."""
    text = (ROOT / "AUTEURS.md").read_text(encoding="utf-8")
    section = text[text.index("## 6. ") : text.index("## 7. ")]
    quoted = re.findall(r"`([^`]+)`", section)
    assert [line for line in quoted if english_words(_WHERE.sub("", line))] == []
    roles = ["miroir", "eperon", "moderateur", "integrateur"]
    assert f"roles[1].role: {unknown('roles', 'integrateu', roles)}`" in section
    assert f"id: {say('id.file_name', id='reorganisations', stem='reorganisation')}`" in section
    hint = say("did_you_mean", close="intention")
    assert (
        f"intentoin: {say('extra_forbidden', field='intentoin', hint=hint, allowed='id, name, order')}"
        in section
    )
