"""The guide's collections and single files, declared once, and the references between them.

    Collection(key, model, noun, url, ...) --> loading (guide.content), pages and nav
      (guide.pages, guide.render), site map, search, schemas (guide.schemas), cards, sheets

A collection is a folder content/<key>/ of one YAML file per entry, validated by `model`,
published as <url>/index.md and <url>/<id>.md from templates/<key>_index.md.j2 and
templates/<noun>.md.j2. Its interface texts (labels, page title, description) are in
content/interface.yml under `collections.<key>`.

References: a model field typed `Annotated[Slug, Ref("roles")]` (models.RoleId...) names an
entry of a collection, or of another TARGET below; `references` finds them all in an entry, and
guide.content checks each one with the same message ("unknown role 'x' - did you mean...").
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from . import models as m
from .errors import Loc

# Ids of a target, from a guide.content.Content (not imported: guide.content imports this module).
Ids = Callable[[Any], list[str]]

E = TypeVar("E", bound=m.Model)


@dataclass(frozen=True)
class Collection(Generic[E]):
    key: str  # attribute of Content and folder under content/
    model: type[E]
    noun: str  # one entry, in authors' messages and schema names: "unknown role 'x'"
    url: str  # folder of the generated pages in the site
    proper_names: bool = False  # its entries' names keep their capital mid-sentence: « Miroir »
    index_searchable: bool = True  # False: search skips the index page (it repeats the entries)
    index_source: str | None = None  # the single file the index page is edited in, if any
    own_builder: bool = False  # its pages come from a builder of its own (guide.builders)
    index_scripts: tuple[str, ...] = ()  # scripts of its index page: the filters (assets/filters.js)
    # False: search indexes its entries' pages by title and headings only (long pages whose
    # words would fill the index; their subjects are the roles', planes' and principles' pages)
    entries_searchable: bool = True

    @property
    def plural(self) -> str:
        return self.key

    @property
    def template(self) -> str:
        """The template of an entry's page."""
        return f"{self.noun}.md.j2"

    @property
    def index_template(self) -> str:
        """The template of the collection's index page."""
        return f"{self.key}_index.md.j2"

    @property
    def schema(self) -> str:
        return f"{self.noun}.schema.json"


COLLECTIONS: tuple[Collection[Any], ...] = (
    Collection("roles", m.Role, "role", "roles", proper_names=True),
    Collection("planes", m.Plane, "plane", "plans"),
    Collection("principles", m.Principle, "principle", "principes"),
    Collection("contrasts", m.Contrast, "contrast", "distinctions", index_source="practice"),
    Collection(
        "scenarios",
        m.Scenario,
        "scenario",
        "cas",
        index_searchable=False,
        index_scripts=("assets/filters.js",),
    ),
    Collection("worksheets", m.Worksheet, "worksheet", "fiches", own_builder=True),
    Collection("phases", m.Phase, "phase", "phases"),
    Collection("structures", m.Structure, "structure", "deroules"),
    Collection("questions", m.QuestionCard, "question", "questions"),
    Collection(
        "sessions",
        m.Session,
        "session",
        "seances-commentees",
        index_searchable=False,
        entries_searchable=False,
    ),
)
BY_KEY: dict[str, Collection[Any]] = {spec.key: spec for spec in COLLECTIONS}
BY_NOUN: dict[str, Collection[Any]] = {spec.noun: spec for spec in COLLECTIONS}

# Single files: content/<key>.yml, and the schema <key>.schema.json.
SINGLETONS: dict[str, type[m.Model]] = {
    "practice": m.Practice,
    "matrix": m.Matrix,
    "glossary": m.Glossary,
    "path": m.OnboardingPath,
    "confidentiality": m.Confidentiality,
    "interface": m.Interface,
    "publisher": m.Publisher,
}


def collection(key: str) -> Collection[Any]:
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"no collection {key!r}: one of {', '.join(BY_KEY)}") from None


def url_of(key: str, entry_id: str = "index") -> str:
    """Docs-relative path of a collection's page: `url_of("planes", "pairs")` -> `plans/pairs.md`."""
    return f"{collection(key).url}/{entry_id}.md"


# References ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What a `Ref` may name besides a collection's entries: its noun in messages, its ids."""

    noun: str
    ids: Ids


def _entry_ids(key: str) -> Ids:
    return lambda content: list(content.collection(key))


TARGETS: dict[str, Target] = {
    **{spec.key: Target(spec.noun, _entry_ids(spec.key)) for spec in COLLECTIONS},
    "confidentiality": Target(
        "section of confidentiality.yml", lambda content: [s.id for s in content.confidentiality.sections]
    ),
    "spoken": Target(
        "spoken text of confidentiality.yml", lambda content: [s.id for s in content.confidentiality.spoken]
    ),
    "exercises": Target(
        "exercise (a step with an 'exercise' or a 'solo' exercise)",
        lambda content: [step.id for step in content.path.steps if step.exercise is not None or step.solo],
    ),
}


@dataclass(frozen=True)
class Reference:
    """One reference found in a model: where, to what, the id it names, the model that holds it."""

    loc: Loc
    target: str
    value: str
    owner: BaseModel


def references(model: BaseModel, loc: Loc = ()) -> Iterator[Reference]:
    """Every field typed with a `Ref` in `model` and the models it holds, at any depth."""
    for name, info in type(model).model_fields.items():
        yield from _walk(info.annotation, info.metadata, getattr(model, name), (*loc, name), model)


def _walk(
    annotation: Any, metadata: list[Any], value: Any, loc: Loc, owner: BaseModel
) -> Iterator[Reference]:
    if value is None:
        return
    ref = next((item for item in metadata if isinstance(item, m.Ref)), None)
    if ref is not None:
        if ref.target not in TARGETS:
            raise KeyError(f"Ref({ref.target!r}): no such target, one of {', '.join(TARGETS)}")
        yield Reference(loc, ref.target, str(value), owner)
        return
    if isinstance(value, BaseModel):
        yield from references(value, loc)
        return
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        yield from _walk(args[0], list(args[1:]), value, loc, owner)
    elif origin is list:
        for index, item in enumerate(value):
            yield from _walk(args[0], [], item, (*loc, index), owner)
    elif origin in (typing.Union, types.UnionType):
        for arg in args:
            if arg is not type(None):
                yield from _walk(arg, [], value, loc, owner)
