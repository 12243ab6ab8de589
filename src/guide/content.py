"""Load the whole content folder into typed models, then cross-check references.

    content/**/*.yml --read_yaml--> dicts with line numbers --pydantic--> models --cross-checks--> Content

Every problem of a run is collected and raised at once as ContentErrors.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import models as m
from .catalog import COLLECTIONS, SINGLETONS, TARGETS, references
from .errors import ContentError, ContentErrors, Loc, display_path
from .messages import MESSAGES, listing, say, unknown
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
    sessions: dict[str, m.Session]
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

    def moments_citing(self, key: str, entry_id: str) -> list[tuple[m.Session, list[tuple[int, m.Moment]]]]:
        """The annotated sessions' moments whose annotation names an entry (key: roles, planes or
        principles), by session: `(session, [(number of the moment from 1, moment), ...])`."""
        field = {"roles": "role", "planes": "plane", "principles": "principle"}[key]
        found = []
        for session in self.sessions.values():
            moments = [
                (n, moment)
                for n, moment in enumerate(session.moments, 1)
                if getattr(moment.note, field) == entry_id
            ]
            if moments:
                found.append((session, moments))
        return found

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
            errors.append(ContentError(display_path(folder, base), 0, "", say("folder.empty")))
        seen: dict[str, str] = {}
        shown_folder = display_path(folder, base)  # once: resolving each file's path was slow
        for file in files:
            shown = f"{shown_folder}/{file.name}"
            entry = _load_model(file, shown, spec.model, errors, cache)
            if entry is None:
                continue
            doc, model = entry
            if model.id != file.stem:
                errors.append(doc.error(("id",), say("id.file_name", id=model.id, stem=file.stem)))
            if model.id in seen:
                errors.append(doc.error(("id",), say("id.duplicate", id=model.id, other=seen[model.id])))
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
            errors.append(ContentError(shown, 0, "", say("file.missing")))
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
    """A pydantic error in the author's words: its message comes from its `type` and `ctx`
    (guide.messages, pydantic's documented way), never from its English `msg`; our own
    validators' errors (`refuse`) already carry their French text."""
    loc: Loc = tuple(error["loc"])
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    if kind in MESSAGES and "." in kind:  # one of our validators' (guide.models: refuse)
        return doc.error(loc, str(error["msg"]))
    if kind == "missing":
        owner = _model_at(model, loc[:-1])
        message = say("missing")
        if owner is not None:
            fields = owner.model_fields
            required = listing(name for name, info in fields.items() if info.is_required())
            optional = listing(name for name, info in fields.items() if not info.is_required())
            message = (
                say("missing.fields_optional", required=required, optional=optional)
                if optional
                else say("missing.fields", required=required)
            )
    elif kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        allowed = list(owner.model_fields) if owner is not None else []
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = say("did_you_mean", close=close[0]) if close else ""
        message = say("extra_forbidden", field=loc[-1], hint=hint, allowed=listing(allowed))
    elif kind == "string_too_short" or (kind == "too_short" and isinstance(value, str)):
        message = say("text.empty")
    elif kind in ("too_long", "string_too_long") and isinstance(value, str):
        # A text's length checked after its other checks: pydantic counts "items".
        message = say("text.too_long", max_length=ctx.get("max_length"), actual_length=len(value))
    elif kind == "too_short":
        least = ctx.get("min_length")
        message = (
            say("list.empty")
            if least == 1
            else say("list.too_short", min_length=least, actual_length=ctx.get("actual_length"))
        )
    elif kind == "too_long":
        message = say(
            "list.too_long", max_length=ctx.get("max_length"), actual_length=ctx.get("actual_length")
        )
    elif kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        message = say("id.pattern" if pattern == m.SLUG_PATTERN else kind, value=value, pattern=pattern)
    elif kind in _EXPECTED:
        message = say("type", expected=say(f"expected.{_EXPECTED[kind]}"), found=_describe(value))
        if kind == "string_type" and isinstance(value, Mapping) and len(value) == 1:
            message = _colon_in_text(value)
    elif kind == "literal_error":
        # ctx["expected"] is pydantic's list of the allowed values: "'individuel' or 'groupe'".
        options = [part.strip("'") for part in re.split(r", | or ", str(ctx.get("expected", "")))]
        message = say(kind, value=value, expected=say("or").join(f"« {o} »" for o in options))
    elif kind in ("greater_than_equal", "less_than_equal"):
        message = say(kind, value=value, **ctx)
    else:
        message = say("other", type=kind)
    return doc.error(loc, message)


# Pydantic's type errors: what the field expects (guide.messages "expected.*").
_EXPECTED = {
    "string_type": "text",
    "int_type": "number",
    "int_parsing": "number",
    "int_from_float": "number",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "list_type": "list",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dict_type": "mapping",
}


def _colon_in_text(value: Mapping[Any, Any]) -> str:
    """A text was expected and YAML read « key: value »: an unquoted « : » in the text (often in
    a list item), told as the same mistake on a field's own line is (guide.yamlfile)."""
    ((key, rest),) = value.items()
    read = f"{key}: {rest}" if rest is not None else f"{key}:"
    return say("text.colon", read=read)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return say("found.bool", value=str(value).lower())
    if isinstance(value, Mapping):
        return say("found.mapping")
    if isinstance(value, list):
        return say("found.list")
    if value is None:
        return say("found.nothing")
    if isinstance(value, int | float):
        return say("found.number", value=value)
    if isinstance(value, str):
        return say("found.text", value=value)
    return say("found.other", value=value)


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
                message = unknown(ref.target, ref.value, ids[ref.target])
                errors.append(doc.error(ref.loc, prefix + message))
    for role in content.roles.values():
        errors.extend(_check_alternation(role, docs[("roles", role.id)]))
    for scenario in content.scenarios.values():
        errors.extend(_check_scenario_choices(scenario, docs[("scenarios", scenario.id)], content))
    for session in content.sessions.values():
        errors.extend(_check_session(session, docs[("sessions", session.id)], content))
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
        return [doc.error(("logo",), say("publisher.logo", value=logo, folder=folder))]
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
        message = say("interface.missing_collections", keys=listing(missing))
        errors.append(doc.error(("collections",), message))
    return errors


def _check_alternation(role: m.Role, doc: YamlDocument) -> list[ContentError]:
    return [
        doc.error(("alternation", i, "role"), say("role.alternates_itself"))
        for i, alt in enumerate(role.alternation)
        if alt.role == role.id
    ]


def _check_session(session: m.Session, doc: YamlDocument, content: Content) -> list[ContentError]:
    """An annotated session follows its structure: same setting, a duration the structure allows,
    its moments in the structure's steps and in order of time; whoever speaks is the consultant
    or one of its people."""
    errors: list[ContentError] = []
    names = [person.name for person in session.people]
    for i, name in enumerate(names):
        if name in names[:i]:
            errors.append(doc.error(("people", i, "name"), say("session.duplicate_person", name=name)))
        if name == m.CONSULTANT:
            errors.append(doc.error(("people", i, "name"), say("session.consultant_person")))
    structure = content.structures.get(session.structure)
    if structure is not None:
        if structure.setting != session.setting:
            message = say(
                "session.setting", setting=session.setting, structure=structure.id, other=structure.setting
            )
            errors.append(doc.error(("structure",), message))
        if not structure.shortest <= session.duration <= structure.longest:
            message = say(
                "session.duration",
                duration=session.duration,
                structure=structure.id,
                shortest=structure.shortest,
                longest=structure.longest,
            )
            errors.append(doc.error(("duration",), message))
    steps = [step.id for step in structure.steps] if structure is not None else []
    last_step, last_minute = 0, 0  # the step of the moment above (its index), the latest minute
    for i, moment in enumerate(session.moments):
        if steps and moment.step not in steps:
            errors.append(doc.error(("moments", i, "step"), unknown("structure_step", moment.step, steps)))
        elif steps:
            index = steps.index(moment.step)
            if index < last_step:
                message = say("session.step_order", step=moment.step, later=steps[last_step])
                errors.append(doc.error(("moments", i, "step"), message))
            last_step = index
        if moment.minute > session.duration:
            message = say("session.minute_after_end", minute=moment.minute, duration=session.duration)
            errors.append(doc.error(("moments", i, "minute"), message))
        elif moment.minute < last_minute:
            message = say("session.minute_order", minute=moment.minute, previous=last_minute)
            errors.append(doc.error(("moments", i, "minute"), message))
        last_minute = max(last_minute, moment.minute)
        for j, line in enumerate(moment.lines):
            if line.who != m.CONSULTANT and line.who not in names:
                message = say("session.speaker", who=line.who, consultant=m.CONSULTANT, names=listing(names))
                errors.append(doc.error(("moments", i, "lines", j, "who"), message))
    return errors


def _check_signatures(sheet: m.Worksheet, doc: YamlDocument) -> list[ContentError]:
    """The one exception to "no names": a signature is each party's own consent, written by his
    hand on the agreement the three keep; a sheet of notes never identifies anyone."""
    if sheet.audience == "tripartite":
        return []
    message = say("worksheet.signatures", audience=sheet.audience)
    return [
        doc.error(("sections", i, "signatures"), message)
        for i, section in enumerate(sheet.sections)
        if section.signatures
    ]


def _check_confidentiality(content: Content, doc: YamlDocument) -> list[ContentError]:
    errors: list[ContentError] = []
    frame = content.confidentiality
    ids: list[tuple[str, str, list[str]]] = [
        ("sections", "frame.duplicate_section", [part.id for part in frame.sections]),
        ("spoken", "frame.duplicate_spoken", [said.id for said in frame.spoken]),
    ]
    for key, message_id, values in ids:
        seen: set[str] = set()
        for i, value in enumerate(values):
            if value in seen:
                errors.append(doc.error((key, i, "id"), say(message_id, id=value)))
            seen.add(value)
    return errors


def _check_scenario_choices(scenario: m.Scenario, doc: YamlDocument, content: Content) -> list[ContentError]:
    """The role to take first opens the answer: it is also listed under 'roles' with its why."""
    opening = scenario.opening.role
    if opening is None or opening not in content.roles or any(c.role == opening for c in scenario.roles):
        return []
    message = say("scenario.opening_listed", role=opening)
    return [doc.error(("opening", "role"), message)]


def _check_path(content: Content, doc: YamlDocument) -> list[ContentError]:
    """Step ids are unique; the path practises in threes and under supervision and ends on
    readiness (its references to sheets, cases and exercises are checked with every other)."""
    errors: list[ContentError] = []
    steps = content.path.steps
    seen_steps: set[str] = set()
    for i, step in enumerate(steps):
        if step.id in seen_steps:
            errors.append(doc.error(("steps", i, "id"), say("path.duplicate_step", id=step.id)))
        seen_steps.add(step.id)
    for kind in ("threes", "supervision"):
        if not any(step.exercise is not None and step.exercise.format == kind for step in steps):
            errors.append(doc.error(("steps",), say(f"path.needs_{kind}")))
    errors += _check_path_pages_and_solos(content.path, doc)
    if not steps[-1].readiness:
        errors.append(doc.error(("steps", len(steps) - 1), say("path.readiness")))
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
                message = say("path.read_twice", step=step.id, page=page, first=seen[page])
                errors.append(doc.error(("steps", i, "read", j), message))
            seen.setdefault(page, step.id)
        for j, page in enumerate(step.further):
            if page in step.read:
                message = say("path.read_and_further", page=page, step=step.id)
                errors.append(doc.error(("steps", i, "further", j), message))
        for j, solo in enumerate(step.solo):
            if solo.criterion not in criteria:
                known = listing(sorted(criteria)) or say("path.no_criterion")
                message = say("path.criterion", step=step.id, criterion=solo.criterion, known=known)
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
            message = say("matrix.extra_cell", role=cell.role, plane=cell.plane, line=seen[pair])
            errors.append(doc.error(("cells", i), message))
        seen.setdefault(pair, line)
    for role in content.roles:
        for plane in content.planes:
            if (role, plane) not in seen:
                message = say("matrix.missing_cell", role=role, plane=plane)
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
                errors.append(doc.error(loc, say("glossary.duplicate_term", term=name, line=seen[key])))
            seen.setdefault(key, line)
    return errors


def _check_worksheet_pages(sheet: m.Worksheet, doc: YamlDocument) -> list[ContentError]:
    """The declared page count must match the page breaks the sections ask for."""
    errors: list[ContentError] = []
    if sheet.sections[0].new_page:
        errors.append(doc.error(("sections", 0, "new_page"), say("worksheet.first_new_page")))
    breaks = [i for i, s in enumerate(sheet.sections) if s.new_page and i > 0]
    if len(breaks) + 1 != sheet.pages:
        message = say("worksheet.pages", pages=sheet.pages, made=len(breaks) + 1)
        errors.append(doc.error(("pages",), message))
    return errors
