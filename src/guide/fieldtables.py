"""The field tables of content/README.md, written from the models (as the JSON Schemas are).

    guide.catalog (COLLECTIONS, SINGLETONS) + guide.models (fields, types, descriptions)
      --field_tables--> Markdown between the markers of content/README.md

`guide schemas` rewrites them; `guide schemas --check` and tests/test_cli.py fail when stale.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotated_types import Ge, Le, MaxLen, MinLen
from pydantic import BaseModel, StringConstraints

from . import models as m
from .catalog import COLLECTIONS, SINGLETONS, TARGETS

README = Path(__file__).resolve().parents[2] / "content" / "README.md"
START = "<!-- field tables: generated from src/guide/models.py by `guide schemas`, do not edit -->"
END = "<!-- end of the field tables -->"


def _kind(annotation: Any, metadata: list[Any], nested: list[type[BaseModel]]) -> str:
    """A field's type in words: `text`, `list of ids of roles (at least 2)`…"""
    ref = next((item for item in metadata if isinstance(item, m.Ref)), None)
    if ref is not None:
        return f"id of a {TARGETS[ref.target].noun}"
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _kind(args[0], [*metadata, *args[1:]], nested)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_kind(arg, [], nested) for arg in args if arg is not type(None))
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{arg}`" for arg in args)
    limits = _limits(metadata)
    if origin is list:
        return f"list of {_kind(args[0], [], nested)}" + (f" ({limits})" if limits else "")
    if origin is dict:
        return f"mapping of {_kind(args[0], [], nested)} to {_kind(args[1], [], nested)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in nested:
            nested.append(annotation)
        return f"`{annotation.__name__}` (below)"
    if annotation is bool:
        return "`true` or `false`"
    if annotation is int:
        return "whole number" + (f" ({limits})" if limits else "")
    if annotation is str:
        if any(isinstance(item, StringConstraints) and item.pattern == m.SLUG_PATTERN for item in metadata):
            return "id (lowercase letters, digits, hyphens)"
        if any(isinstance(item, StringConstraints) and item.pattern for item in metadata):
            return "page path (`roles/index.md`)"
        return "text" + (f" ({limits})" if limits else "")
    return getattr(annotation, "__name__", str(annotation))


def _limits(metadata: list[Any]) -> str:
    parts = []
    for item in metadata:
        if isinstance(item, MinLen) and item.min_length > 1:
            parts.append(f"at least {item.min_length}")
        elif isinstance(item, MaxLen):
            parts.append(f"at most {item.max_length}")
        elif isinstance(item, Ge):
            parts.append(f"from {item.ge}")
        elif isinstance(item, Le):
            parts.append(f"up to {item.le}")
    return ", ".join(parts)


def _table(model: type[BaseModel], nested: list[type[BaseModel]]) -> Iterator[str]:
    yield "| field | kind | required | what it holds |"
    yield "|---|---|---|---|"
    for name, info in model.model_fields.items():
        kind = _kind(info.annotation, list(info.metadata), nested)
        required = "yes" if info.is_required() else "no"
        description = " ".join((info.description or "").split()).replace("|", "\\|")
        yield f"| `{name}` | {kind} | {required} | {description} |"


def field_tables() -> str:
    """The Markdown of every content file's fields, then of the models they hold."""
    files: list[tuple[str, type[BaseModel]]] = [(f"{spec.key}/*.yml", spec.model) for spec in COLLECTIONS]
    files += [(f"{key}.yml", model) for key, model in SINGLETONS.items()]
    nested: list[type[BaseModel]] = []
    lines: list[str] = []
    for file, model in files:
        lines += ["", f"### `{file}` (`{model.__name__}`)", ""]
        if model.__doc__ and model.__module__ == m.__name__ and model.__doc__ != m.Model.__doc__:
            lines += [" ".join(model.__doc__.split()), ""]
        lines += _table(model, nested)
    done: set[type[BaseModel]] = {model for _, model in files}
    for model in nested:  # grows while it is read: models held by models held by files
        if model in done:
            continue
        done.add(model)
        lines += ["", f"#### `{model.__name__}`", ""]
        if model.__doc__ and model.__doc__ != m.Model.__doc__:
            lines += [" ".join(model.__doc__.split()), ""]
        lines += _table(model, nested)
    return "\n".join(lines).strip("\n") + "\n"


def readme_text(current: str) -> str:
    """content/README.md with its generated part replaced (appended when it has none yet)."""
    block = f"{START}\n\n{field_tables()}\n{END}"
    if START in current and END in current:
        before, rest = current.split(START, 1)
        return before + block + rest.split(END, 1)[1]
    return current.rstrip("\n") + "\n\n" + block + "\n"


def readme_is_stale(readme: Path = README) -> bool:
    current = readme.read_text(encoding="utf-8")
    return readme_text(current) != current


def write_readme(readme: Path = README) -> None:
    readme.write_text(readme_text(readme.read_text(encoding="utf-8")), encoding="utf-8")
