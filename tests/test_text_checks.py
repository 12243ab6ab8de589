"""Every text field of every model goes through the same checks: not empty, no raw HTML, no
link but to web pages, no event handler. The fields are found by walking the models, so a new
text field is held without being listed here."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
from conftest import errors_for, line_of
from pydantic import StringConstraints, TypeAdapter, ValidationError

from guide import models as m

BAD = {
    "script": "<script>alert(1)</script>",
    "javascript link": "[voir](javascript:alert(1))",
    "onerror handler": '**Acquis**{ onerror="alert(1)" }',
    "empty": "   ",
}


def _models() -> list[type[m.Model]]:
    return [
        model
        for model in vars(m).values()
        if inspect.isclass(model) and issubclass(model, m.Model) and model is not m.Model
    ]


def _leaves(annotation: Any, metadata: list[Any]) -> Iterator[list[Any]]:
    """The metadata of each string a field holds (in lists, optional values, mappings)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Annotated:
        yield from _leaves(args[0], [*metadata, *args[1:]])
    elif origin in (list, typing.Union, dict) or str(origin) == "<class 'types.UnionType'>":
        for arg in args[1:] if origin is dict else args:
            yield from _leaves(arg, [])
    elif annotation is str:
        yield metadata


def _is_id_or_path(metadata: list[Any]) -> bool:
    return any(isinstance(item, StringConstraints) and item.pattern for item in metadata) or any(
        getattr(item, "pattern", None) for item in metadata
    )


def text_fields() -> list[tuple[str, list[Any]]]:
    """(Model.field, metadata) of every free text of every model: strings that are not ids
    or paths (those have a pattern)."""
    found = []
    for model in _models():
        for name, info in model.model_fields.items():
            for metadata in _leaves(info.annotation, list(info.metadata)):
                if not _is_id_or_path(metadata):
                    found.append((f"{model.__name__}.{name}", metadata))
    return found


TEXT_FIELDS = text_fields()


def test_the_walk_finds_the_text_fields() -> None:
    names = {name for name, _ in TEXT_FIELDS}
    assert {"Term.definition", "Role.practices", "Line.consultant", "Entry.summary", "Entry.tags"} <= names
    assert "Entry.id" not in names and "PageLink.page" not in names
    assert len(names) > 80


@pytest.mark.parametrize(("field", "metadata"), TEXT_FIELDS, ids=[name for name, _ in TEXT_FIELDS])
def test_every_text_field_refuses_html_scripts_handlers_and_empty_text(
    field: str, metadata: list[Any]
) -> None:
    adapter: TypeAdapter[str] = TypeAdapter(Annotated[str, *metadata])  # type: ignore[valid-type]
    # Short, a range, no name asked for: what every text field accepts (tags, timings, labels).
    assert adapter.validate_python(" 1 à 2 [*fois*](https://example.org) ")
    for kind, value in BAD.items():
        with pytest.raises(ValidationError):
            adapter.validate_python(value)
        assert kind


def test_a_glossary_definition_with_a_script_a_javascript_link_or_a_handler_is_refused(project: Path) -> None:
    glossary = project / "content" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    bad_terms = "".join(
        f"  - term: mot piégé {n}\n    definition: '{value}'\n"
        for n, value in enumerate(
            [
                "<script>alert(1)</script>",
                "Voir [ici](javascript:alert(1)).",
                '<img src="x" onerror="alert(1)">',
                'Un mot{ onerror="alert(1)" }',
            ],
            1,
        )
    )
    glossary.write_text(text.rstrip("\n") + "\n" + bad_terms, encoding="utf-8")
    new = glossary.read_text(encoding="utf-8")
    errors = errors_for(project)
    for n, expected in enumerate(
        [
            "le HTML n’est pas accepté dans un texte",
            "un lien « javascript: » n’est pas accepté",
            "le HTML n’est pas accepté dans un texte",
            "un attribut d’événement n’est pas accepté dans un texte",
        ],
        1,
    ):
        line = line_of(new, f"mot piégé {n}") + 1
        assert any(
            f"glossary.yml:{line}: terms[" in e and ".definition: " in e and expected in e for e in errors
        ), (
            n,
            errors,
        )
    assert len(errors) == 4


def test_an_over_long_text_is_reported_in_characters_and_an_unknown_field_with_punctuation(
    project: Path,
) -> None:
    glossary = project / "content" / "glossary.yml"
    long_text = "mot " * 60
    glossary.write_text(
        glossary.read_text(encoding="utf-8").rstrip("\n")
        + f"\n  - term: mot trop long\n    definition: {long_text.strip()}\n    zzz: 1\n",
        encoding="utf-8",
    )
    errors = errors_for(project)
    assert any(
        e.endswith(f"definition: texte trop long : 200 caractères au plus, il en a {len(long_text.strip())}")
        for e in errors
    ), errors
    assert not [e for e in errors if "éléments" in e]
    assert any(
        e.endswith(f".zzz: champ inconnu « zzz ». Champs possibles : {', '.join(m.Term.model_fields)}")
        for e in errors
    ), errors
