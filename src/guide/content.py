"""Load the whole content folder into typed models, then cross-check references.

    content/**/*.yml --read_yaml--> dicts with line numbers --pydantic--> models --cross-checks--> Content

Every problem of a run is collected and raised at once as ContentErrors.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from . import models as m
from .errors import ContentError, ContentErrors, display_path
from .yamlfile import Loc, ParseCache, YamlDocument, YamlFileError, read_yaml

E = TypeVar("E", bound=m.Model)


@dataclass(frozen=True)
class CollectionSpec(Generic[E]):
    key: str  # attribute of Content and folder under content/
    model: type[E]
    noun: str  # used in messages: "unknown role 'x'"
    url: str  # folder of the generated pages in the site


COLLECTIONS: tuple[CollectionSpec[Any], ...] = (
    CollectionSpec("roles", m.Role, "role", "roles"),
    CollectionSpec("planes", m.Plane, "plane", "plans"),
    CollectionSpec("principles", m.Principle, "principle", "principes"),
    CollectionSpec("contrasts", m.Contrast, "contrast", "distinctions"),
    CollectionSpec("scenarios", m.Scenario, "scenario", "cas"),
    CollectionSpec("worksheets", m.Worksheet, "worksheet", "fiches"),
    CollectionSpec("phases", m.Phase, "phase", "phases"),
)
SINGLETONS: dict[str, type[m.Model]] = {
    "practice": m.Practice,
    "matrix": m.Matrix,
    "glossary": m.Glossary,
    "path": m.OnboardingPath,
    "confidentiality": m.Confidentiality,
}


@dataclass(frozen=True)
class Content:
    """The validated content of the guide. Collections are ordered by their `order` field."""

    root: Path
    roles: dict[str, m.Role]
    planes: dict[str, m.Plane]
    principles: dict[str, m.Principle]
    contrasts: dict[str, m.Contrast]
    scenarios: dict[str, m.Scenario]
    worksheets: dict[str, m.Worksheet]
    phases: dict[str, m.Phase]
    practice: m.Practice
    matrix: m.Matrix
    glossary: m.Glossary
    path: m.OnboardingPath
    confidentiality: m.Confidentiality
    sources: dict[tuple[str, str], str] = field(default_factory=dict)
    # The line of each field of each file, by (key, id) as in `sources` (for guide.rules).
    lines: dict[tuple[str, str], dict[Loc, int]] = field(default_factory=dict)

    def collection(self, key: str) -> dict[str, Any]:
        return typing.cast(dict[str, Any], getattr(self, key))

    def source(self, key: str, entry_id: str = "") -> str:
        """The file an entry comes from, relative to the project root (for edit links)."""
        return self.sources[(key, entry_id)]

    def cell(self, role: str, plane: str) -> m.Cell:
        return next(c for c in self.matrix.cells if c.role == role and c.plane == plane)

    def scenarios_citing(self, *, role: str | None = None, plane: str | None = None) -> list[m.Scenario]:
        return [
            s
            for s in self.scenarios.values()
            if (role and any(c.role == role for c in s.roles))
            or (plane and any(c.plane == plane for c in s.planes))
        ]

    def phases_citing(self, key: str, entry_id: str) -> list[m.Phase]:
        """The phases that name an entry: `phases_citing("roles", "miroir")`."""
        field = {"roles": "role", "principles": "principle"}.get(key)
        return [
            p
            for p in self.phases.values()
            if (field and any(getattr(c, field) == entry_id for c in getattr(p, key)))
            or (key in ("worksheets", "scenarios") and entry_id in getattr(p, key))
        ]


def load_content(root: Path, *, project_root: Path | None = None, cache_dir: Path | None = None) -> Content:
    """Load and check `root` (the content folder); raise ContentErrors listing every problem.

    With `cache_dir`, files unchanged since the last run are not parsed again (ParseCache);
    everything is validated and cross-checked all the same."""
    base = project_root if project_root is not None else root.parent
    cache = ParseCache(cache_dir, root) if cache_dir is not None else None
    try:
        return _load_content(root, base, cache)
    finally:
        if cache is not None:
            cache.save()


def _load_content(root: Path, base: Path, cache: ParseCache | None) -> Content:
    errors: list[ContentError] = []
    docs: dict[tuple[str, str], YamlDocument] = {}
    values: dict[str, Any] = {}
    sources: dict[tuple[str, str], str] = {}

    for spec in COLLECTIONS:
        entries: dict[str, Any] = {}
        folder = root / spec.key
        files = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []
        if not files:
            errors.append(ContentError(display_path(folder, base), 0, "", f"no {spec.noun} files found"))
        seen: dict[str, str] = {}
        shown_folder = display_path(folder, base)  # once: resolving each file's path was slow
        for file in files:
            shown = f"{shown_folder}/{file.name}"
            entry = _load_model(file, shown, spec.model, errors, cache)
            if entry is None:
                continue
            doc, model = entry
            line = doc.line_of(("id",))
            if model.id != file.stem:
                errors.append(
                    ContentError(shown, line, "id", f"id {model.id!r} must equal the file name {file.stem!r}")
                )
            if model.id in seen:
                errors.append(
                    ContentError(
                        shown, line, "id", f"duplicate id {model.id!r}: {seen[model.id]} uses it too"
                    )
                )
                continue
            seen[model.id] = shown
            entries[model.id] = model
            docs[(spec.key, model.id)] = doc
            sources[(spec.key, model.id)] = shown
        values[spec.key] = dict(sorted(entries.items(), key=lambda item: (item[1].order, item[0])))

    for key, model_type in SINGLETONS.items():
        file = root / f"{key}.yml"
        shown = display_path(file, base)
        if not file.is_file():
            errors.append(ContentError(shown, 0, "", "file is missing"))
            continue
        entry = _load_model(file, shown, model_type, errors, cache)
        if entry is not None:
            docs[(key, "")], values[key] = entry
            sources[(key, "")] = shown

    if errors:
        raise ContentErrors(errors)
    lines = {where: doc.lines for where, doc in docs.items()}
    content = Content(root=root, sources=sources, lines=lines, **values)
    errors.extend(_cross_check(content, docs))
    if errors:
        raise ContentErrors(errors)
    return content


def _load_model(
    file: Path, shown: str, model: type[E], errors: list[ContentError], cache: ParseCache | None = None
) -> tuple[YamlDocument, E] | None:
    try:
        doc = read_yaml(file, shown, cache)
    except YamlFileError as exc:
        errors.append(exc.error)
        return None
    try:
        return doc, model.model_validate(doc.data)
    except ValidationError as exc:
        errors.extend(_explain(doc, model, error) for error in exc.errors())
        return None


# Turning pydantic's errors into messages for authors -----------------------------------


def field_path(loc: Loc) -> str:
    """`('examples', 2, 'words')` -> `examples[3].words` (items counted from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _explain(doc: YamlDocument, model: type[BaseModel], error: Any) -> ContentError:
    loc: Loc = tuple(error["loc"])
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    line = doc.line_of(loc)
    if kind == "missing":
        message = "required field is missing"
        owner = _model_at(model, loc[:-1])
        if owner is not None:
            message += f" (fields: {', '.join(owner.model_fields)})"
    elif kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        allowed = list(owner.model_fields) if owner is not None else []
        message = f"unknown field {loc[-1]!r}"
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        if close:
            message += f" - did you mean {close[0]!r}?"
        if allowed:
            message += f" Allowed fields: {', '.join(allowed)}"
    elif kind == "string_too_short":
        message = "text must not be empty"
    elif kind == "too_short":
        message = f"needs at least {ctx.get('min_length')} items, found {ctx.get('actual_length')}"
    elif kind == "too_long":
        message = f"allows at most {ctx.get('max_length')} items, found {ctx.get('actual_length')}"
    elif kind == "string_too_long":
        message = f"text is too long: at most {ctx.get('max_length')} characters"
    elif kind == "string_pattern_mismatch":
        message = (
            f"{value!r} is not a valid id: use lowercase letters, digits and hyphens "
            "(for example 'confiance-reciproque')"
            if ctx.get("pattern") == m.SLUG_PATTERN
            else f"{value!r} does not have the expected form ({ctx.get('pattern')})"
        )
    elif kind in {
        "string_type",
        "int_type",
        "bool_type",
        "list_type",
        "model_type",
        "dict_type",
        "int_parsing",
    }:
        expected = {
            "string_type": "text",
            "int_type": "a whole number",
            "int_parsing": "a whole number",
            "bool_type": "true or false",
            "list_type": "a list (lines starting with '- ')",
            "model_type": "a mapping of fields (key: value)",
            "dict_type": "a mapping of fields (key: value)",
        }[kind]
        message = f"expected {expected}, found {_describe(value)}"
    elif kind == "value_error":
        message = str(ctx.get("error") or error["msg"]).removeprefix("Value error, ")
    else:
        message = str(error["msg"])
    return ContentError(doc.path, line, field_path(loc), message)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    return f"{type(value).__name__} {value!r}"


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that describes the mapping found at `loc`."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType) or origin is typing.Annotated:
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        return None
    return annotation


# Cross-checks between files ----------------------------------------------------------


def _unknown(noun: str, value: str, allowed: Iterable[str]) -> str:
    options = list(allowed)
    message = f"unknown {noun} {value!r}"
    close = difflib.get_close_matches(value, options, n=1)
    if close:
        message += f" - did you mean {close[0]!r}?"
    return f"{message} Should be one of: {', '.join(options)}"


def _cross_check(content: Content, docs: dict[tuple[str, str], YamlDocument]) -> list[ContentError]:
    errors: list[ContentError] = []
    targets = {spec.key: (spec.noun, content.collection(spec.key)) for spec in COLLECTIONS}

    def ref(doc: YamlDocument, loc: Loc, key: str, value: str) -> None:
        noun, entries = targets[key]
        if value not in entries:
            errors.append(
                ContentError(doc.path, doc.line_of(loc), field_path(loc), _unknown(noun, value, entries))
            )

    for role in content.roles.values():
        doc = docs[("roles", role.id)]
        for i, alt in enumerate(role.alternation):
            loc: Loc = ("alternation", i, "role")
            ref(doc, loc, "roles", alt.role)
            if alt.role == role.id:
                errors.append(
                    ContentError(
                        doc.path, doc.line_of(loc), field_path(loc), "a role cannot alternate with itself"
                    )
                )

    for scenario in content.scenarios.values():
        doc = docs[("scenarios", scenario.id)]
        for i, p in enumerate(scenario.planes):
            ref(doc, ("planes", i, "plane"), "planes", p.plane)
        for i, r in enumerate(scenario.roles):
            ref(doc, ("roles", i, "role"), "roles", r.role)
        errors.extend(_check_scenario_choices(scenario, doc, content))

    confidentiality_ids = [s.id for s in content.confidentiality.sections]

    def confidentiality_ref(doc: YamlDocument, loc: Loc, value: str) -> None:
        if value not in confidentiality_ids:
            message = _unknown("section of confidentiality.yml", value, confidentiality_ids)
            errors.append(ContentError(doc.path, doc.line_of(loc), field_path(loc), message))

    # Entries that name parts of confidentiality.yml in a top-level `confidentiality` list.
    for key in ("scenarios", "principles", "phases"):
        for entry in content.collection(key).values():
            for i, value in enumerate(entry.confidentiality):
                confidentiality_ref(docs[(key, entry.id)], ("confidentiality", i), value)

    for sheet in content.worksheets.values():
        doc = docs[("worksheets", sheet.id)]
        for i, section in enumerate(sheet.sections):
            for key in ("planes", "roles", "principles", "contrasts"):
                for j, value in enumerate(getattr(section, key)):
                    ref(doc, ("sections", i, key, j), key, value)
            for j, value in enumerate(section.confidentiality):
                confidentiality_ref(doc, ("sections", i, "confidentiality", j), value)
            # The one exception to "no names": a signature is each party's own consent, written
            # by his hand on the agreement the three keep; a sheet of notes never identifies anyone.
            if section.signatures and sheet.audience != "tripartite":
                loc = ("sections", i, "signatures")
                message = (
                    "signatures belong on the sheet the three parties sign (audience: tripartite); "
                    f"this sheet is for {sheet.audience!r} and must identify no one"
                )
                errors.append(ContentError(doc.path, doc.line_of(loc), field_path(loc), message))
        errors.extend(_check_worksheet_pages(sheet, doc))

    for phase in content.phases.values():
        doc = docs[("phases", phase.id)]
        for i, at_stake in enumerate(phase.roles):
            ref(doc, ("roles", i, "role"), "roles", at_stake.role)
        for i, held in enumerate(phase.principles):
            ref(doc, ("principles", i, "principle"), "principles", held.principle)
        for key in ("worksheets", "scenarios"):
            for i, value in enumerate(getattr(phase, key)):
                ref(doc, (key, i), key, value)

    doc = docs[("confidentiality", "")]
    seen_sections: set[str] = set()
    for i, part in enumerate(content.confidentiality.sections):
        if part.id in seen_sections:
            loc = ("sections", i, "id")
            message = f"duplicate section id {part.id!r}"
            errors.append(ContentError(doc.path, doc.line_of(loc), field_path(loc), message))
        seen_sections.add(part.id)

    errors.extend(_check_matrix(content, docs[("matrix", "")]))
    errors.extend(_check_glossary(content, docs[("glossary", "")]))
    errors.extend(_check_path(content, docs[("path", "")]))
    return errors


def _check_scenario_choices(scenario: m.Scenario, doc: YamlDocument, content: Content) -> list[ContentError]:
    """The role to take first and the role to avoid are roles of the guide; one opens the answer."""
    errors: list[ContentError] = []
    checks: list[tuple[Loc, str | None]] = [
        (("opening", "role"), scenario.opening.role),
        (("avoid", "role"), scenario.avoid.role),
    ]
    for loc, value in checks:
        if value is not None and value not in content.roles:
            message = _unknown("role", value, content.roles)
            errors.append(ContentError(doc.path, doc.line_of(loc), field_path(loc), message))
    opening = scenario.opening.role
    if opening in content.roles and all(choice.role != opening for choice in scenario.roles):
        loc = ("opening", "role")
        errors.append(
            ContentError(
                doc.path,
                doc.line_of(loc),
                field_path(loc),
                f"the role to take first, {opening!r}, must also be listed under 'roles' with its why",
            )
        )
    return errors


def _check_path(content: Content, doc: YamlDocument) -> list[ContentError]:
    """Step ids are unique; exercises name real sheets; readiness criteria name real cases and
    exercises; the path practises in threes and under supervision and ends on readiness."""
    errors: list[ContentError] = []
    steps = content.path.steps
    exercises = [step.id for step in steps if step.exercise is not None]

    def error(loc: Loc, message: str) -> None:
        errors.append(ContentError(doc.path, doc.line_of(loc), field_path(loc), message))

    seen_steps: set[str] = set()
    for i, step in enumerate(steps):
        if step.id in seen_steps:
            error(("steps", i, "id"), f"duplicate step id {step.id!r}")
        seen_steps.add(step.id)
        if step.exercise is not None:
            for j, sheet in enumerate(step.exercise.sheets):
                if sheet not in content.worksheets:
                    error(
                        ("steps", i, "exercise", "sheets", j),
                        _unknown("worksheet", sheet, content.worksheets),
                    )
        for j, criterion in enumerate(step.readiness):
            if criterion.scenario is not None and criterion.scenario not in content.scenarios:
                loc: Loc = ("steps", i, "readiness", j, "scenario")
                error(loc, _unknown("scenario", criterion.scenario, content.scenarios))
            if criterion.exercise is not None and criterion.exercise not in exercises:
                loc = ("steps", i, "readiness", j, "exercise")
                error(loc, _unknown("exercise (a step with an 'exercise')", criterion.exercise, exercises))
    for kind, label in (("threes", "in threes"), ("supervision", "under supervision")):
        if not any(step.exercise is not None and step.exercise.format == kind for step in steps):
            error(("steps",), f"the path needs a step that practises {label} (exercise.format: {kind})")
    if not steps[-1].readiness:
        error(("steps", len(steps) - 1), "the last step must list the readiness criteria ('readiness')")
    return errors


def _check_matrix(content: Content, doc: YamlDocument) -> list[ContentError]:
    errors: list[ContentError] = []
    seen: dict[tuple[str, str], int] = {}
    for i, cell in enumerate(content.matrix.cells):
        line = doc.line_of(("cells", i))
        bad = False
        for key, value in (("roles", cell.role), ("planes", cell.plane)):
            entries = content.collection(key)
            if value not in entries:
                loc: Loc = ("cells", i, key[:-1])
                noun = "role" if key == "roles" else "plane"
                cell_of = f"in the cell for role {cell.role!r} on plane {cell.plane!r}: "
                errors.append(
                    ContentError(
                        doc.path, doc.line_of(loc), field_path(loc), cell_of + _unknown(noun, value, entries)
                    )
                )
                bad = True
        pair = (cell.role, cell.plane)
        if not bad and pair in seen:
            errors.append(
                ContentError(
                    doc.path,
                    line,
                    field_path(("cells", i)),
                    f"extra cell for role {cell.role!r} on plane {cell.plane!r}: "
                    f"line {seen[pair]} already describes this pair",
                )
            )
        seen.setdefault(pair, line)
    for role in content.roles:
        for plane in content.planes:
            if (role, plane) not in seen:
                errors.append(
                    ContentError(
                        doc.path,
                        doc.line_of(("cells",)),
                        "cells",
                        f"missing cell for role {role!r} on plane {plane!r}: "
                        "the matrix needs one cell per role and plane",
                    )
                )
    return errors


def _check_glossary(content: Content, doc: YamlDocument) -> list[ContentError]:
    errors: list[ContentError] = []
    seen: dict[str, int] = {}
    for i, term in enumerate(content.glossary.terms):
        for j, name in enumerate([term.term, *term.aliases]):
            loc: Loc = ("terms", i, "term") if j == 0 else ("terms", i, "aliases", j - 1)
            line = doc.line_of(loc)
            key = name.casefold()
            if key in seen:
                errors.append(
                    ContentError(
                        doc.path,
                        line,
                        field_path(loc),
                        f"duplicate term {name!r}: already defined at line {seen[key]}",
                    )
                )
            seen.setdefault(key, line)
    return errors


def _check_worksheet_pages(sheet: m.Worksheet, doc: YamlDocument) -> list[ContentError]:
    """The declared page count must match the page breaks the sections ask for."""
    errors: list[ContentError] = []
    if sheet.sections[0].new_page:
        loc: Loc = ("sections", 0, "new_page")
        errors.append(
            ContentError(
                doc.path, doc.line_of(loc), field_path(loc), "the first section already opens page 1"
            )
        )
    breaks = [i for i, s in enumerate(sheet.sections) if s.new_page and i > 0]
    if len(breaks) + 1 != sheet.pages:
        loc = ("pages",)
        errors.append(
            ContentError(
                doc.path,
                doc.line_of(loc),
                "pages",
                f"the sheet declares {sheet.pages} page(s) but its sections make {len(breaks) + 1}: "
                "mark the first section of each page after the first with 'new_page: true'",
            )
        )
    return errors
