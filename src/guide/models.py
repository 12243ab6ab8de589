"""Typed, frozen models of the guide's content. Unknown keys are errors; texts are never empty.

Texts may hold inline Markdown but never raw HTML nor links to anything but web pages, so a
content file can never put a script into a page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from .typography import french_apostrophes

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

_RAW_HTML = re.compile(r"<\s*[/!?]?\s*[A-Za-z]")
_LINK_TARGETS = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}


def _check_text(value: str) -> str:
    value = french_apostrophes(value)
    tag = _RAW_HTML.search(value)
    if tag:
        snippet = value[tag.start() : tag.start() + 12]
        raise ValueError(
            f"raw HTML is not allowed in text (found {snippet!r}); "
            "use Markdown such as **bold** or *italic* instead"
        )
    for match in _LINK_TARGETS.finditer(value):
        target = match.group(1) or match.group(2) or ""
        cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(target))
        scheme = _SCHEME.match(cleaned)
        if scheme and scheme.group(1).lower() not in _SAFE_SCHEMES:
            raise ValueError(
                f"link to {scheme.group(1)!r} is not allowed (found {target!r}); "
                "links may only point to http:, https: or mailto: addresses, or to pages of the guide"
            )
    return value


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_check_text),
]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]


@dataclass(frozen=True)
class Ref:
    """Marks a field as the id of an entry of another file: `Annotated[Slug, Ref("roles")]`.

    `target` is a collection's key or another target of guide.catalog.TARGETS. One walker
    (guide.catalog.references) finds every such field and guide.content checks them all: a
    new reference field needs no code of its own.
    """

    target: str


RoleId = Annotated[Slug, Ref("roles")]
PlaneId = Annotated[Slug, Ref("planes")]
PrincipleId = Annotated[Slug, Ref("principles")]
ContrastId = Annotated[Slug, Ref("contrasts")]
ScenarioId = Annotated[Slug, Ref("scenarios")]
WorksheetId = Annotated[Slug, Ref("worksheets")]
SectionId = Annotated[Slug, Ref("confidentiality")]  # a section of confidentiality.yml
ExerciseId = Annotated[Slug, Ref("exercises")]  # a step of the path that has an exercise

# The fields every collection entry shares, declared once: Entry's, and Scenario's and
# Worksheet's (whose name is a `title`).
EntryId = Annotated[Slug, Field(description="Slug equal to the file name without .yml")]
Order = Annotated[int, Field(ge=1, description="Position in lists")]
Summary = Annotated[Text, Field(description="One sentence, used in lists and as the page description")]
Tags = Annotated[list[Tag], Field(default_factory=list, description="Keywords for search")]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Entry(Model):
    """Fields shared by every collection entry."""

    id: EntryId
    name: Text = Field(description="Name shown as the page title")
    order: Order
    summary: Summary
    tags: Tags


# Roles -------------------------------------------------------------------------------


class Example(Model):
    situation: Text = Field(description="The context, in one sentence")
    words: Text = Field(description="What the consultant might say, as spoken")


class Drift(Model):
    name: Text
    description: Text


class Alternation(Model):
    role: RoleId = Field(description="Id of another role")
    text: Text = Field(description="How and when one passes from this role to that one")


class Role(Entry):
    intention: Text
    practices: list[Text] = Field(min_length=4)
    examples: list[Example] = Field(min_length=3)
    signals: list[Text] = Field(min_length=3)
    drifts: list[Drift] = Field(min_length=2)
    alternation: list[Alternation] = Field(min_length=2)


# Planes ------------------------------------------------------------------------------


class Theme(Model):
    name: Text
    description: Text
    from_article: bool = Field(
        description="True when the source article names this theme, false when the guide adds it"
    )


class Plane(Entry):
    relative_to: Text = Field(description="« par rapport à … » in a few words")
    focus: Text
    themes: list[Theme] = Field(min_length=2)
    inquiries: list[Text] = Field(
        min_length=5, description="Open lines of inquiry, not questions to read out"
    )
    assess: list[Text] = Field(min_length=2)
    experiment: list[Text] = Field(min_length=2)
    step_back: list[Text] = Field(min_length=2)


# Principles --------------------------------------------------------------------------


class PageLink(Model):
    """A link to another page of the guide, from an entry's page."""

    page: Annotated[str, StringConstraints(pattern=r"^[a-z0-9\-/]+\.md(#[a-z0-9\-]+)?$")] = Field(
        description="Docs path of the page, optionally with an #anchor: posture.md#avis"
    )
    text: Text = Field(description="Why to go there, as the link's words")


class Principle(Entry):
    from_article: bool = Field(description="True when the source article names this principle")
    meaning: Text
    in_practice: list[Text] = Field(min_length=3)
    breaks: list[Text] = Field(min_length=2)
    confidentiality: list[SectionId] = Field(
        default_factory=list, description="Ids of sections of confidentiality.yml shown on the page"
    )
    see_also: list[PageLink] = Field(default_factory=list, description="Pages of the guide that go further")


# What the accompaniment is not ---------------------------------------------------------


class Dimensions(Model):
    """The five dimensions on which the accompaniment is compared with other interviews."""

    purpose: Text
    reference: Text
    ownership: Text
    records: Text
    consequences: Text


DIMENSION_LABELS: dict[str, str] = {
    "purpose": "Finalité",
    "reference": "Référence utilisée",
    "ownership": "À qui appartient ce qui est dit",
    "records": "Ce qui est écrit, et qui le lit",
    "consequences": "Conséquences pour la personne",
}


class Practice(Model):
    """The accompaniment itself, described on the comparison dimensions."""

    name: Text
    summary: Text
    dimensions: Dimensions


class Contrast(Entry):
    short_name: Text = Field(description="Column heading in the comparison table")
    description: Text
    dimensions: Dimensions
    slide_signs: list[Text] = Field(min_length=2)
    reframe: Text


# Role × plane matrix -----------------------------------------------------------------


class Cell(Model):
    role: RoleId
    plane: PlaneId
    text: Text
    examples: list[Text] = Field(min_length=1, max_length=2)

    def reference_context(self) -> str:
        """Put before an unknown reference's message: which cell it is."""
        return f"in the cell for role {self.role!r} on plane {self.plane!r}: "


class Matrix(Model):
    cells: list[Cell] = Field(min_length=1)


# Glossary, scenarios, onboarding path --------------------------------------------------


class Term(Model):
    term: Text
    definition: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    aliases: list[Text] = Field(default_factory=list)


class Glossary(Model):
    terms: list[Term] = Field(min_length=1)


class PlaneChoice(Model):
    plane: PlaneId
    why: Text


class RoleChoice(Model):
    role: RoleId
    why: Text


class Opening(Model):
    """The role to take first in a case, and why now."""

    role: RoleId = Field(description="Id of the role to take first")
    why: Text = Field(description="Why this role, and why at this moment")


class Avoid(Model):
    """The role or move to avoid in a case, and what it would cost."""

    role: RoleId | None = Field(default=None, description="Id of the role to avoid here, if it is a role")
    move: Text = Field(description="The move to avoid, as the consultant would make it")
    cost: Text = Field(description="What it would cost, to the manager or to the accompaniment")


class Alternative(Model):
    """Another defensible reading of a case."""

    reading: Text = Field(description="The other reading, as a colleague would defend it")
    changes: Text = Field(description="What it would change in the session")


SPEAKERS: dict[str, str] = {"consultant": "Consultant", "manager": "Manager", "sponsor": "Commanditaire"}


class Line(Model):
    """One line of a model exchange: `consultant: ...`, `manager: ...` or `sponsor: ...`."""

    consultant: Text | None = Field(default=None, description="What the consultant says")
    manager: Text | None = Field(default=None, description="What the manager (or a participant) says")
    sponsor: Text | None = Field(
        default=None, description="What the sponsor says, when the exchange is with the client"
    )

    @model_validator(mode="after")
    def _one_speaker(self) -> Line:
        if sum(getattr(self, name) is not None for name in SPEAKERS) != 1:
            raise ValueError(
                "a line has one speaker: write either 'consultant: ...', 'manager: ...' or 'sponsor: ...'"
            )
        return self

    @property
    def speaker(self) -> str:
        return next(name for name in SPEAKERS if getattr(self, name) is not None)

    @property
    def words(self) -> str:
        return str(getattr(self, self.speaker))


class Scenario(Model):
    id: EntryId
    title: Text
    order: Order
    summary: Summary
    situation: Text
    question: Text
    opening: Opening = Field(description="The role to take first, and why now")
    avoid: Avoid = Field(description="The role or move to avoid here, and what it would cost")
    alternative: Alternative = Field(description="Another defensible reading, and what it would change")
    dialogue: list[Line] = Field(
        min_length=4, max_length=8, description="A short model exchange between consultant and manager"
    )
    planes: list[PlaneChoice] = Field(min_length=1)
    roles: list[RoleChoice] = Field(min_length=1)
    pitfalls: list[Text] = Field(min_length=1)
    tags: Tags
    confidentiality: list[SectionId] = Field(
        default_factory=list, description="Ids of sections of confidentiality.yml shown with the case"
    )

    @model_validator(mode="after")
    def _both_speak(self) -> Scenario:
        speakers = {line.speaker for line in self.dialogue}
        if "consultant" not in speakers or speakers == {"consultant"}:
            raise ValueError("the dialogue needs lines of the consultant and of the manager (or the sponsor)")
        return self

    @property
    def name(self) -> str:
        return self.title


ExerciseFormat = Literal["threes", "co-leading", "supervision"]

EXERCISE_LABELS: dict[str, str] = {
    "threes": "en trio (consultant, manager, observateur)",
    "co-leading": "aux côtés d’un consultant expérimenté",
    "supervision": "sous supervision",
}


class Exercise(Model):
    """Practice in a step of the path: in threes, beside an experienced consultant in real
    sessions, or under a supervisor's eye."""

    format: ExerciseFormat = Field(
        description="'threes' (consultant, manager, observer), 'co-leading' (observing, then "
        "co-leading real sessions beside an experienced consultant) or 'supervision'"
    )
    instructions: list[Text] = Field(min_length=2, description="How the exercise runs, in order")
    sheets: list[WorksheetId] = Field(min_length=1, description="Ids of the sheets used in the exercise")


class Criterion(Model):
    """What a newcomer must be able to do, tied to the case or exercise that shows it."""

    can: Text = Field(description="What the newcomer can do, as an observable act")
    scenario: ScenarioId | None = Field(default=None, description="Id of the case that trains it")
    exercise: ExerciseId | None = Field(
        default=None, description="Id of the path step whose exercise trains it"
    )

    @model_validator(mode="after")
    def _tied(self) -> Criterion:
        if (self.scenario is None) == (self.exercise is None):
            raise ValueError(
                "tie the criterion to one case ('scenario: <id>') or one exercise ('exercise: <step id>')"
            )
        return self


class Step(Model):
    id: Slug
    title: Text
    summary: Text
    read: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9\-/]+\.md$")]] = Field(min_length=1)
    objectives: list[Text] = Field(min_length=2)
    self_check: list[Text] = Field(min_length=2)
    exercise: Exercise | None = Field(default=None, description="Practice: in threes or under supervision")
    readiness: list[Criterion] = Field(
        default_factory=list, description="Readiness criteria (the last step): what to be able to do"
    )


class OnboardingPath(Model):
    steps: list[Step] = Field(min_length=6)


# Worksheets --------------------------------------------------------------------------


Audience = Literal["consultant", "manager", "groupe", "client", "tripartite"]

AUDIENCE_LABELS: dict[str, str] = {
    "consultant": "Consultant",
    "manager": "Manager accompagné",
    "groupe": "Groupe de managers",
    "client": "Commanditaire, futur accompagné",
    "tripartite": "Manager, commanditaire et consultant",
}

# A sheet may ask for initials, a code or a date, never for who a person is.
_NAME_REQUEST = re.compile(r"\b(nom|noms|prénom|prénoms|name|names|surname|identité)\b", re.I)


def _no_name_request(value: str) -> str:
    if _NAME_REQUEST.search(value):
        raise ValueError(
            f"{value!r} asks for a person's name: sheets are confidential, "
            "ask for initials or a code instead (for example 'Manager (initiales ou code)')"
        )
    return value


Label = Annotated[Text, AfterValidator(_no_name_request)]


class Blank(Model):
    """A short labelled blank at the top of a sheet (initials, date, session number)."""

    label: Label = Field(description="What to write: never a person's name, initials or a code instead")
    width: int = Field(default=45, ge=15, le=186, description="Width on paper in millimetres")


class Area(Model):
    """A write-in area: ruled lines, or an empty box of a given height."""

    lines: int | None = Field(default=None, ge=1, le=30, description="Number of ruled lines, 8 mm apart")
    box: int | None = Field(default=None, ge=8, le=240, description="Box height in millimetres")

    @model_validator(mode="after")
    def _one_kind(self) -> Area:
        if (self.lines is None) == (self.box is None):
            raise ValueError("give either 'lines' (a number of ruled lines) or 'box' (a height in mm)")
        return self

    @property
    def height_mm(self) -> int:
        """Height on paper: ruled lines are 8 mm apart."""
        return self.box if self.box is not None else LINE_MM * (self.lines or 0)


LINE_MM = 8


class Section(Model):
    """A block of a sheet, never split across two printed pages."""

    title: Text
    intro: Text | None = Field(default=None, description="A sentence under the title")
    prompts: list[Text] = Field(default_factory=list, description="Questions or cues, as a list")
    planes: list[PlaneId] = Field(default_factory=list, description="Ids of planes pulled in")
    roles: list[RoleId] = Field(default_factory=list, description="Ids of roles pulled in")
    principles: list[PrincipleId] = Field(default_factory=list, description="Ids of principles pulled in")
    contrasts: list[ContrastId] = Field(default_factory=list, description="Ids of contrasts pulled in")
    show: Literal["summary", "name"] = Field(
        default="summary", description="What each pulled item shows under its name"
    )
    check: bool = Field(default=False, description="A box to tick in front of each pulled item")
    columns: list[Label] = Field(
        default_factory=list,
        max_length=4,
        description="Headings of a grid: one row per pulled item, one write-in box per column",
    )
    item_columns: Literal[1, 2] = Field(default=1, description="Pulled items side by side (1 or 2)")
    comparison: bool = Field(default=False, description="Show the comparison table (practice and contrasts)")
    area: Area | None = Field(default=None, description="Write-in area at the end of the section")
    item_area: Area | None = Field(
        default=None, description="Write-in area under each pulled item (or in each grid cell)"
    )
    new_page: bool = Field(default=False, description="Start a new printed page with this section")
    confidentiality: list[SectionId] = Field(
        default_factory=list, description="Ids of sections of confidentiality.yml printed here"
    )
    rows: int | None = Field(
        default=None, ge=1, le=20, description="Blank rows of a grid with 'columns' and no pulled items"
    )
    signatures: list[Text] = Field(
        default_factory=list,
        max_length=4,
        description="One box per party, where each signs and writes his own name (tripartite sheets only)",
    )

    @property
    def item_count(self) -> int:
        return len(self.planes) + len(self.roles) + len(self.principles) + len(self.contrasts)

    @model_validator(mode="after")
    def _coherent(self) -> Section:
        if self.rows is not None:
            if not self.columns or self.item_count:
                raise ValueError("'rows' makes a blank grid: give 'columns' and pull no items")
            if self.item_area is None:
                raise ValueError("'rows' needs 'item_area': the height of each box of the grid")
            return self
        if self.item_count == 0:
            for name in ("check", "item_area", "columns"):
                if getattr(self, name):
                    raise ValueError(
                        f"'{name}' applies to pulled items: add planes, roles, principles or contrasts, "
                        f"or remove '{name}'"
                    )
        if self.columns and self.item_area is None:
            raise ValueError("'columns' needs 'item_area': the height of each box of the grid")
        if self.columns and self.item_columns != 1:
            raise ValueError("a grid ('columns') lists its items one per row: remove 'item_columns'")
        return self


class Worksheet(Model):
    id: EntryId
    title: Text
    order: Order
    audience: Audience
    when: Text = Field(description="When to use the sheet, in one sentence")
    pages: Literal[1, 2] = Field(description="Printed A4 pages; sections with new_page must match")
    summary: Summary
    confidentiality: Text = Field(description="Confidentiality mention printed at the foot of each page")
    fields: list[Blank] = Field(default_factory=list, description="Blanks at the top (initials, date...)")
    sections: list[Section] = Field(min_length=1)
    tags: Tags

    @property
    def name(self) -> str:
        return self.title

    @property
    def audience_label(self) -> str:
        return AUDIENCE_LABELS[self.audience]

    def printed_pages(self) -> list[list[Section]]:
        """The sections of each printed page: a section with new_page opens the next one."""
        out: list[list[Section]] = [[]]
        for section in self.sections:
            if section.new_page and out[-1]:
                out.append([])
            out[-1].append(section)
        return out


# Confidentiality: one source for every page and sheet that speaks of it -------------------


class ConfidentialitySection(Model):
    id: Slug = Field(description="Id used by pages, phases, scenarios and sheets to show this part")
    title: Text
    text: Text = Field(description="A paragraph")
    items: list[Text] = Field(default_factory=list, description="Optional list under the paragraph")


class Confidentiality(Model):
    """What stays between manager and consultant, what the commanditaire receives, the notes, the limits."""

    summary: Text = Field(description="One sentence, printed where space is short")
    sections: list[ConfidentialitySection] = Field(min_length=1)

    def section(self, section_id: str) -> ConfidentialitySection:
        return next(s for s in self.sections if s.id == section_id)


# Phases: the arc of an accompaniment, from the request to the close -------------------------


Party = Literal["manager", "consultant", "commanditaire", "groupe"]

PARTY_LABELS: dict[str, str] = {
    "manager": "Le manager accompagné",
    "consultant": "Le consultant",
    "commanditaire": "Le commanditaire",
    "groupe": "Le groupe (accompagnement collectif)",
}

_RANGE = re.compile(r"\d+\s*(?:h|min|e)?\s*(?:à|-|–|et la|et)\s*\d+")


def _a_range(value: str) -> str:
    if not _RANGE.search(value):
        raise ValueError(
            f"{value!r} gives no range: write it as a range, for example '2 à 4 semaines' or '1 h à 1 h 30'"
        )
    return value


class Participant(Model):
    who: Party = Field(description="manager, consultant, commanditaire or groupe")
    part: Text = Field(description="What this party does in the phase")

    @property
    def label(self) -> str:
        return PARTY_LABELS[self.who]


class Share(Model):
    what: Text = Field(description="What the commanditaire learns")
    by: Party = Field(description="Who tells it")
    form: Text = Field(description="In what form: a meeting, a message, a document...")

    @property
    def by_label(self) -> str:
        return PARTY_LABELS[self.by]


class PhaseRole(Model):
    role: RoleId
    why: Text


class PhasePrinciple(Model):
    principle: PrincipleId
    why: Text


class Timing(Model):
    """The guide's own benchmarks, given as ranges: the article sets none."""

    duration: Annotated[Text, AfterValidator(_a_range)] = Field(
        description="How long the phase lasts, as a range"
    )
    rhythm: Annotated[Text, AfterValidator(_a_range)] = Field(description="How often, or when, as a range")


class Phase(Entry):
    purpose: Text = Field(description="What the phase is for, a paragraph")
    participants: list[Participant] = Field(min_length=1)
    agreed: list[Text] = Field(min_length=1, description="What is agreed or decided")
    shared: list[Share] = Field(min_length=1, description="What the commanditaire receives, from whom, how")
    confidentiality: list[SectionId] = Field(
        default_factory=list, description="Ids of sections of confidentiality.yml shown with the phase"
    )
    roles: list[PhaseRole] = Field(min_length=1, description="Roles most at stake")
    principles: list[PhasePrinciple] = Field(min_length=1, description="Principles most at stake")
    pitfalls: list[Text] = Field(min_length=2)
    timing: Timing
    worksheets: list[WorksheetId] = Field(default_factory=list, description="Ids of sheets to use")
    scenarios: list[ScenarioId] = Field(
        default_factory=list, description="Ids of case scenarios set in this phase"
    )
    collective: Text = Field(description="How the phase differs in a collective accompaniment")
