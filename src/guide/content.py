"""Load the whole content folder into typed models, then cross-check references.

    content/**/*.yml --read_yaml--> dicts with line numbers --pydantic--> models --cross-checks--> Content

Every problem of a run is collected and raised at once as ContentErrors.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import models as m
from .catalog import COLLECTIONS, SINGLETONS, TARGETS, references
from .errors import ContentError, ContentErrors, Loc, display_path, unknown
from .yamlfile import ParseCache, YamlDocument, YamlFileError, read_yaml

E = TypeVar("E", bound=m.Model)


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
    structures: dict[str, m.Structure]
    questions: dict[str, m.QuestionCard]
    practice: m.Practice
    matrix: m.Matrix
    glossary: m.Glossary
    path: m.OnboardingPath
    confidentiality: m.Confidentiality
    interface: m.Interface
    publisher: m.Publisher
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
        """The phases that name an entry, in any of their reference fields:
        `phases_citing("roles", "miroir")`."""
        return [
            phase
            for phase in self.phases.values()
            if any(ref.target == key and ref.value == entry_id for ref in references(phase))
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
            if model.id != file.stem:
                errors.append(doc.error(("id",), f"id {model.id!r} must equal the file name {file.stem!r}"))
            if model.id in seen:
                errors.append(doc.error(("id",), f"duplicate id {model.id!r}: {seen[model.id]} uses it too"))
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
    values["glossary"] = _glossary_from_frame(values["glossary"], values["confidentiality"])
    lines = {where: doc.lines for where, doc in docs.items()}
    content = Content(root=root, sources=sources, lines=lines, **values)
    errors.extend(_cross_check(content, docs))
    if errors:
        raise ContentErrors(errors)
    return content


def _glossary_from_frame(glossary: m.Glossary, frame: m.Confidentiality) -> m.Glossary:
    """The glossary with each `frame: true` term given confidentiality.yml's definition."""
    terms = [
        term.model_copy(update={"definition": frame.definition}) if term.frame else term
        for term in glossary.terms
    ]
    return glossary.model_copy(update={"terms": terms})


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


def _explain(doc: YamlDocument, model: type[BaseModel], error: Any) -> ContentError:
    loc: Loc = tuple(error["loc"])
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        # In French: the site is French only (mkdocs.yml `language: fr`), and so are its authors.
        message = "champ obligatoire manquant"
        owner = _model_at(model, loc[:-1])
        if owner is not None:
            fields = owner.model_fields
            required = [name for name, info in fields.items() if info.is_required()]
            optional = [name for name, info in fields.items() if not info.is_required()]
            message += f" (champs obligatoires : {', '.join(required)}"
            message += f" ; facultatifs : {', '.join(optional)})" if optional else ")"
    elif kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        allowed = list(owner.model_fields) if owner is not None else []
        message = f"unknown field {loc[-1]!r}"
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        message += f" - did you mean {close[0]!r}?" if close else "."
        if allowed:
            message += f" Allowed fields: {', '.join(allowed)}"
    elif kind == "string_too_short" or (kind == "too_short" and isinstance(value, str)):
        message = "text must not be empty"
    elif kind == "too_long" and isinstance(value, str):
        # A text's length checked after its other checks: pydantic counts "items".
        message = (
            f"text is too long: at most {ctx.get('max_length')} characters, found {ctx.get('actual_length')}"
        )
    elif kind == "too_short":
        least = ctx.get("min_length")
        message = (
            "must not be empty: give at least one item"
            if least == 1
            else f"needs at least {least} items, found {ctx.get('actual_length')}"
        )
    elif kind == "too_long":
        message = f"allows at most {ctx.get('max_length')} items, found {ctx.get('actual_length')}"
    elif kind == "string_too_long":
        message = f"text is too long: at most {ctx.get('max_length')} characters, found {len(str(value))}"
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
        if kind == "string_type" and isinstance(value, Mapping) and len(value) == 1:
            message = _colon_in_text(value)
    elif kind == "value_error":
        message = str(ctx.get("error") or error["msg"]).removeprefix("Value error, ")
    else:
        message = str(error["msg"])
    return doc.error(loc, message)


def _colon_in_text(value: Mapping[Any, Any]) -> str:
    """A text was expected and YAML read « key: value »: an unquoted « : » in the text (often in
    a list item), told as the same mistake on a field's own line is (guide.yamlfile)."""
    ((key, rest),) = value.items()
    read = f"{key}: {rest}" if rest is not None else f"{key}:"
    return (
        f"ce texte contient « : », que YAML prend pour une nouvelle clé (il a lu « {read} »). "
        'Mettez la phrase entre guillemets droits (- "…"), ou écrivez « >- » après le tiret ou '
        "la clé et le texte sur les lignes suivantes, décalées de deux espaces"
    )


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


def _cross_check(content: Content, docs: dict[tuple[str, str], YamlDocument]) -> list[ContentError]:
    """Every reference of every file (one walker: models' `Ref` fields), then the rules that
    tie a file's fields together."""
    errors: list[ContentError] = []
    ids = {key: target.ids(content) for key, target in TARGETS.items()}
    for (key, entry_id), doc in docs.items():
        model = content.collection(key)[entry_id] if entry_id else getattr(content, key)
        for ref in references(model):
            if ref.value not in ids[ref.target]:
                context = getattr(ref.owner, "reference_context", None)
                prefix = context() if callable(context) else ""
                message = unknown(TARGETS[ref.target].noun, ref.value, ids[ref.target])
                errors.append(doc.error(ref.loc, prefix + message))
    for role in content.roles.values():
        errors.extend(_check_alternation(role, docs[("roles", role.id)]))
    for scenario in content.scenarios.values():
        errors.extend(_check_scenario_choices(scenario, docs[("scenarios", scenario.id)], content))
    for sheet in content.worksheets.values():
        errors.extend(_check_signatures(sheet, docs[("worksheets", sheet.id)]))
        errors.extend(_check_worksheet_pages(sheet, docs[("worksheets", sheet.id)]))
    errors.extend(_check_confidentiality(content, docs[("confidentiality", "")]))
    errors.extend(_check_matrix(content, docs[("matrix", "")]))
    errors.extend(_check_glossary(content, docs[("glossary", "")]))
    errors.extend(_check_path(content, docs[("path", "")]))
    errors.extend(_check_interface(content, docs[("interface", "")]))
    errors.extend(_check_publisher(content, docs[("publisher", "")]))
    return errors


def _check_publisher(content: Content, doc: YamlDocument) -> list[ContentError]:
    """The logo, when given, is a file of the content folder."""
    logo = content.publisher.logo
    if logo is None:
        return []
    file = (content.root / logo).resolve()
    if not file.is_relative_to(content.root.resolve()) or not file.is_file():
        folder = display_path(content.root, content.root.parent)
        return [doc.error(("logo",), f"aucun fichier {logo!r} dans le dossier {folder}/")]
    return []


def _check_interface(content: Content, doc: YamlDocument) -> list[ContentError]:
    """The interface names each collection once: its labels and its index page's texts."""
    keys = [spec.key for spec in COLLECTIONS]
    given = content.interface.collections
    errors = [
        doc.error(("collections", key), unknown("collection", key, keys)) for key in given if key not in keys
    ]
    missing = [key for key in keys if key not in given]
    if missing:
        message = f"missing texts for the collection(s) {', '.join(missing)}: give each its labels and titles"
        errors.append(doc.error(("collections",), message))
    return errors


def _check_alternation(role: m.Role, doc: YamlDocument) -> list[ContentError]:
    return [
        doc.error(("alternation", i, "role"), "a role cannot alternate with itself")
        for i, alt in enumerate(role.alternation)
        if alt.role == role.id
    ]


def _check_signatures(sheet: m.Worksheet, doc: YamlDocument) -> list[ContentError]:
    """The one exception to "no names": a signature is each party's own consent, written by his
    hand on the agreement the three keep; a sheet of notes never identifies anyone."""
    if sheet.audience == "tripartite":
        return []
    message = (
        "signatures belong on the sheet the three parties sign (audience: tripartite); "
        f"this sheet is for {sheet.audience!r} and must identify no one"
    )
    return [
        doc.error(("sections", i, "signatures"), message)
        for i, section in enumerate(sheet.sections)
        if section.signatures
    ]


def _check_confidentiality(content: Content, doc: YamlDocument) -> list[ContentError]:
    errors: list[ContentError] = []
    frame = content.confidentiality
    ids: list[tuple[str, str, list[str]]] = [
        ("sections", "section", [part.id for part in frame.sections]),
        ("spoken", "spoken", [said.id for said in frame.spoken]),
    ]
    for key, noun, values in ids:
        seen: set[str] = set()
        for i, value in enumerate(values):
            if value in seen:
                errors.append(doc.error((key, i, "id"), f"duplicate {noun} id {value!r}"))
            seen.add(value)
    return errors


def _check_scenario_choices(scenario: m.Scenario, doc: YamlDocument, content: Content) -> list[ContentError]:
    """The role to take first opens the answer: it is also listed under 'roles' with its why."""
    opening = scenario.opening.role
    if opening is None or opening not in content.roles or any(c.role == opening for c in scenario.roles):
        return []
    message = f"the role to take first, {opening!r}, must also be listed under 'roles' with its why"
    return [doc.error(("opening", "role"), message)]


def _check_path(content: Content, doc: YamlDocument) -> list[ContentError]:
    """Step ids are unique; the path practises in threes and under supervision and ends on
    readiness (its references to sheets, cases and exercises are checked with every other)."""
    errors: list[ContentError] = []
    steps = content.path.steps
    seen_steps: set[str] = set()
    for i, step in enumerate(steps):
        if step.id in seen_steps:
            errors.append(doc.error(("steps", i, "id"), f"duplicate step id {step.id!r}"))
        seen_steps.add(step.id)
    for kind, label in (("threes", "in threes"), ("supervision", "under supervision")):
        if not any(step.exercise is not None and step.exercise.format == kind for step in steps):
            message = f"the path needs a step that practises {label} (exercise.format: {kind})"
            errors.append(doc.error(("steps",), message))
    errors += _check_path_pages_and_solos(content.path, doc)
    if not steps[-1].readiness:
        message = "the last step must list the readiness criteria ('readiness')"
        errors.append(doc.error(("steps", len(steps) - 1), message))
    return errors


def _check_path_pages_and_solos(path: m.OnboardingPath, doc: YamlDocument) -> list[ContentError]:
    """A page is read once in the path (later steps list it under 'further'); a solo exercise
    names a criterion of the path by its id."""
    errors: list[ContentError] = []
    seen: dict[str, str] = {}
    criteria = path.criteria()
    for i, step in enumerate(path.steps):
        for j, page in enumerate(step.read):
            if page in seen:
                message = (
                    f"step {step.id!r} lists {page} under 'read', already read at step {seen[page]!r}: "
                    "a page is read once in the path, list it under 'further'"
                )
                errors.append(doc.error(("steps", i, "read", j), message))
            seen.setdefault(page, step.id)
        for j, page in enumerate(step.further):
            if page in step.read:
                message = f"{page} is listed under both 'read' and 'further' of step {step.id!r}"
                errors.append(doc.error(("steps", i, "further", j), message))
        for j, solo in enumerate(step.solo):
            if solo.criterion not in criteria:
                known = ", ".join(sorted(criteria)) or "none yet: give a criterion an 'id'"
                message = f"step {step.id!r} names criterion {solo.criterion!r}: one of {known}"
                errors.append(doc.error(("steps", i, "solo", j, "criterion"), message))
    return errors


def _check_matrix(content: Content, doc: YamlDocument) -> list[ContentError]:
    """One cell per role and plane (its references are checked with every other)."""
    errors: list[ContentError] = []
    seen: dict[tuple[str, str], int] = {}
    for i, cell in enumerate(content.matrix.cells):
        line = doc.line_of(("cells", i))
        pair = (cell.role, cell.plane)
        known = cell.role in content.roles and cell.plane in content.planes
        if known and pair in seen:
            message = (
                f"extra cell for role {cell.role!r} on plane {cell.plane!r}: "
                f"line {seen[pair]} already describes this pair"
            )
            errors.append(doc.error(("cells", i), message))
        seen.setdefault(pair, line)
    for role in content.roles:
        for plane in content.planes:
            if (role, plane) not in seen:
                message = (
                    f"missing cell for role {role!r} on plane {plane!r}: "
                    "the matrix needs one cell per role and plane"
                )
                errors.append(doc.error(("cells",), message))
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
                errors.append(doc.error(loc, f"duplicate term {name!r}: already defined at line {seen[key]}"))
            seen.setdefault(key, line)
    return errors


def _check_worksheet_pages(sheet: m.Worksheet, doc: YamlDocument) -> list[ContentError]:
    """The declared page count must match the page breaks the sections ask for."""
    errors: list[ContentError] = []
    if sheet.sections[0].new_page:
        errors.append(doc.error(("sections", 0, "new_page"), "the first section already opens page 1"))
    breaks = [i for i, s in enumerate(sheet.sections) if s.new_page and i > 0]
    if len(breaks) + 1 != sheet.pages:
        message = (
            f"the sheet declares {sheet.pages} page(s) but its sections make {len(breaks) + 1}: "
            "mark the first section of each page after the first with 'new_page: true'"
        )
        errors.append(doc.error(("pages",), message))
    return errors
