"""Loading and validation: the real content is valid; each bad input gets a clear error naming
the file, the line and the field."""

from __future__ import annotations

import shutil
import time
import tracemalloc
from pathlib import Path

import pytest
from conftest import ROOT, errors_for

from guide import load_content
from guide.content import COLLECTIONS, Content

FIXTURES = Path(__file__).parent / "fixtures"
ROLE = "content/roles/miroir.yml"


def test_real_content_is_valid() -> None:
    content = load_content(ROOT / "content", project_root=ROOT)
    assert list(content.roles) == ["miroir", "eperon", "moderateur", "integrateur"]
    assert list(content.planes) == ["pairs", "organisation", "equipe"]
    assert {"neutralite", "confiance-reciproque", "confidentialite"} <= set(content.principles)
    assert set(content.contrasts) == {"audit", "revue-de-projet", "evaluation-des-personnes"}
    assert content.source("roles", "eperon") == "content/roles/eperon.yml"


def test_valid_fixture_loads(project: Path) -> None:
    shutil.copy(FIXTURES / "valid_role.yml", project / ROLE)
    content = load_content(project / "content", project_root=project)
    assert content.roles["miroir"].practices[1] == "Reformuler sans juger."


# One fixture per bad input: (fixture, expected error line exactly as printed).
BAD_ROLE_FILES = [
    (
        "syntax_error",
        f"{ROLE}:3: un guillemet ouvert ici n’est jamais fermé : fermez le texte par le même "
        "guillemet (\" ou ') à la fin de la phrase",
    ),
    ("empty", f"{ROLE}:1: le fichier est vide : il doit contenir des champs (clé: valeur)"),
    (
        "top_level_list",
        f"{ROLE}:1: le fichier doit commencer par des champs (clé: valeur), et non par une liste",
    ),
    (
        "nested_list_for_mapping",
        f"{ROLE}:15: examples[2]: il faut ici des champs (clé: valeur), et non une liste",
    ),
    ("wrong_type", f"{ROLE}:4: order: il faut ici un nombre entier, et non le texte « premier »"),
    (
        "colon_in_list_item",
        f"{ROLE}:9: practices[2]: ce texte contient « : », que YAML prend pour une nouvelle clé (il a "
        'lu « Reformuler: sans juger »). Mettez la phrase entre guillemets droits (- "…"), ou écrivez '
        "« >- » après le tiret ou la clé et le texte sur les lignes suivantes, décalées de deux espaces",
    ),
    (
        "missing_field",
        f"{ROLE}:2: intention: champ obligatoire manquant (champs obligatoires : id, name, order, "
        "summary, intention, practices, examples, signals, drifts, alternation ; facultatifs : tags)",
    ),
    (
        "unknown_key",
        f"{ROLE}:5: sumary: champ inconnu « sumary ». Vouliez-vous dire « summary » ? Champs "
        "possibles : id, name, order, summary, tags, intention, practices, examples, signals, drifts, "
        "alternation",
    ),
    ("empty_text", f"{ROLE}:9: practices[2]: le texte ne doit pas être vide"),
    ("too_few_items", f"{ROLE}:7: practices: la liste ne doit pas être vide : donnez au moins un élément"),
    (
        "bad_slug",
        f"{ROLE}:2: id: « Miroir Rôle » n’est pas un identifiant valide : des lettres minuscules "
        "sans accents, des chiffres et des traits d’union (par exemple confiance-reciproque)",
    ),
    (
        "unknown_role",
        f"{ROLE}:31: alternation[2].role: rôle « moderatuer » inconnu. Vouliez-vous dire "
        "« moderateur » ? Possibles : miroir, eperon, moderateur, integrateur",
    ),
    (
        "not_utf8",
        f"{ROLE}:5: le fichier n’est pas en UTF-8 (octet 0xe8) : enregistrez-le avec l’encodage UTF-8",
    ),
    (
        "alias_bomb",
        f"{ROLE}:1: ce texte commence par « & », un signe que YAML lit comme une instruction et "
        "non comme du texte : mettez tout le texte entre guillemets droits, par exemple summary: "
        '"*Un mot* puis la suite"',
    ),
    (
        "script_tag",
        f"{ROLE}:9: practices[2]: le HTML n’est pas accepté dans un texte (trouvé « <script>aler ») : "
        "écrivez en Markdown, **gras** ou *italique*",
    ),
    (
        "javascript_link",
        f"{ROLE}:9: practices[2]: un lien « javascript: » n’est pas accepté (trouvé "
        "« javascript:alert(1 ») : un lien mène à une adresse http:, https: ou mailto:, ou à une "
        "page du guide",
    ),
    (
        "encoded_javascript_link",
        f"{ROLE}:9: practices[2]: un lien « javascript: » n’est pas accepté (trouvé "
        "« jav&#x61;script:alert(1 ») : un lien mène à une adresse http:, https: ou mailto:, ou à une "
        "page du guide",
    ),
]


@pytest.mark.parametrize(("fixture", "expected"), BAD_ROLE_FILES, ids=[c[0] for c in BAD_ROLE_FILES])
def test_bad_input_gets_a_clear_error(project: Path, fixture: str, expected: str) -> None:
    shutil.copy(FIXTURES / "invalid" / f"{fixture}.yml", project / ROLE)
    assert expected in errors_for(project)


def test_typo_in_key_names_both_the_typo_and_the_missing_field(project: Path) -> None:
    shutil.copy(FIXTURES / "invalid" / "unknown_key.yml", project / ROLE)
    errors = errors_for(project)
    assert len(errors) == 2
    assert errors[0].startswith(f"{ROLE}:2: summary: champ obligatoire manquant")


def test_duplicate_id(project: Path) -> None:
    shutil.copy(FIXTURES / "invalid" / "duplicate_id.yml", project / "content/roles/eperon-bis.yml")
    errors = errors_for(project)
    assert (
        "content/roles/eperon-bis.yml:2: id: l’id « eperon » doit être le nom du fichier, « eperon-bis »"
        in errors
    )
    assert (
        "content/roles/eperon.yml:2: id: id « eperon » en double : "
        "content/roles/eperon-bis.yml l’emploie déjà" in errors
    ), errors


def test_unknown_plane_reference(project: Path) -> None:
    path = project / "content/scenarios/conflit-avec-un-pair.yml"
    text = path.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.strip() == "- plane: pairs")
    path.write_text(text.replace("- plane: pairs", "- plane: paires", 1), encoding="utf-8")
    assert (
        f"content/scenarios/conflit-avec-un-pair.yml:{line}: planes[1].plane: plan « paires » "
        "inconnu. Vouliez-vous dire « pairs » ? Possibles : pairs, organisation, equipe"
    ) in errors_for(project)


def test_every_error_of_a_run_is_listed_at_once(project: Path) -> None:
    shutil.copy(FIXTURES / "invalid" / "wrong_type.yml", project / ROLE)
    shutil.copy(FIXTURES / "invalid" / "empty.yml", project / "content/planes/pairs.yml")
    (project / "content/practice.yml").unlink()
    errors = errors_for(project)
    assert any(e.startswith(f"{ROLE}:4: order:") for e in errors)
    assert any(e.startswith("content/planes/pairs.yml:1: le fichier est vide") for e in errors)
    assert "content/practice.yml: ce fichier manque" in errors


def test_alias_bomb_fails_fast_and_small(project: Path) -> None:
    shutil.copy(FIXTURES / "invalid" / "alias_bomb.yml", project / ROLE)
    tracemalloc.start()
    started = time.perf_counter()
    errors_for(project)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # 9 levels of 9 aliases would expand to 387 million items if it were built.
    assert peak < 50 * 1024 * 1024, f"peak memory {peak} bytes"
    assert elapsed < 30, f"took {elapsed:.1f} s"


def test_each_collection_must_have_entries(project: Path) -> None:
    shutil.rmtree(project / "content/principles")
    assert "content/principles: aucun fichier .yml dans ce dossier : il en faut au moins un" in errors_for(
        project
    )


def test_every_content_file_points_at_its_schema() -> None:
    for spec in COLLECTIONS:
        for file in (ROOT / "content" / spec.key).glob("*.yml"):
            first = file.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../../schemas/{spec.noun}.schema.json", file
    for name in ("practice", "matrix", "glossary", "path"):
        first = (ROOT / "content" / f"{name}.yml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schemas/{name}.schema.json", name


def _refs_in(annotation: object) -> list[str]:
    """The Ref targets named anywhere in a field's annotation."""
    import typing

    from guide.models import Ref

    found = [arg.target for arg in typing.get_args(annotation) if isinstance(arg, Ref)]
    return found + [t for arg in typing.get_args(annotation) for t in _refs_in(arg)]


def test_every_reference_field_names_a_known_target() -> None:
    """References are declared on the models (`Annotated[Slug, Ref(key)]`) and checked by one
    walker: each target must be a collection or another declared target."""
    import inspect

    from guide import models as m
    from guide.catalog import TARGETS

    declared = {
        (model.__name__, name, target)
        for model in vars(m).values()
        if inspect.isclass(model) and issubclass(model, m.Model)
        for name, info in model.model_fields.items()
        for target in [
            *(item.target for item in info.metadata if isinstance(item, m.Ref)),
            *_refs_in(info.annotation),
        ]
    }
    assert {target for _, _, target in declared} <= set(TARGETS)
    # Every kind of reference the content makes is declared: a sample of them.
    assert {
        ("Cell", "role", "roles"),
        ("Criterion", "exercise", "exercises"),
        ("Section", "contrasts", "contrasts"),
    } <= declared


def test_the_walker_finds_every_reference_of_an_entry(content: Content) -> None:
    from guide.catalog import references

    phase = next(iter(content.phases.values()))
    found = {(ref.target, ref.value) for ref in references(phase)}
    expected = {("roles", r.role) for r in phase.roles} | {
        ("principles", p.principle) for p in phase.principles
    }
    expected |= {("worksheets", w) for w in phase.worksheets} | {("scenarios", s) for s in phase.scenarios}
    expected |= {("confidentiality", c) for c in phase.confidentiality}
    assert found == expected
