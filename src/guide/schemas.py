"""JSON Schemas of the content files, exported from the models for authors' editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import models as m
from .catalog import COLLECTIONS, SINGLETONS

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"


def schema_files() -> dict[str, str]:
    """File name -> JSON text of every schema (one per collection and per single file)."""
    kinds: dict[str, type[BaseModel]] = {spec.noun: spec.model for spec in COLLECTIONS}
    kinds.update(SINGLETONS)
    return {f"{kind}.schema.json": _schema_text(kind, model) for kind, model in sorted(kinds.items())}


def _schema_text(kind: str, model: type[BaseModel]) -> str:
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{kind}.schema.json",
        **model.model_json_schema(),
    }
    schema.setdefault("description", f"A {kind} file of the guide's content.")
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(directory: Path = SCHEMA_DIR) -> list[str]:
    """Names of schema files that are missing or differ from the models."""
    stale = []
    for name, text in schema_files().items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


__all__ = ["m", "schema_files", "stale_schemas", "write_schemas"]
