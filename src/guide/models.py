"""Typed, frozen models of the guide's content. Unknown keys are errors; texts are never empty.

Texts may hold inline Markdown but never raw HTML nor links to anything but web pages, so a
content file can never put a script into a page.
"""

from __future__ import annotations

import html
import re
import string
import typing
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

from .colours import AA, DARK_BACKGROUNDS, HEX, INK, LIGHT_BACKGROUNDS, MUTED, ratio_text, too_pale
from .messages import refuse, say
from .typography import french_apostrophes

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

_RAW_HTML = re.compile(r"<\s*[/!?]?\s*[A-Za-z]")
_LINK_TARGETS = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}
# An event handler written as an attribute (attr_list's `{ onerror="…" }`, or in any form).
_HANDLER = re.compile(r"\bon[a-z]+\s*=", re.I)


def _check_text(value: str) -> str:
    value = french_apostrophes(value)
    tag = _RAW_HTML.search(value)
    if tag:
        snippet = value[tag.start() : tag.start() + 12]
        raise refuse("text.raw_html", found=snippet)
    handler = _HANDLER.search(value)
    if handler:
        raise refuse("text.event_handler", found=handler.group(0))
    for match in _LINK_TARGETS.finditer(value):
        target = match.group(1) or match.group(2) or ""
        cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(target))
        scheme = _SCHEME.match(cleaned)
        if scheme and scheme.group(1).lower() not in _SAFE_SCHEMES:
            raise refuse("text.link_scheme", scheme=scheme.group(1), found=target)
    return value


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_check_text),
]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Tag = Annotated[Text, Field(max_length=40)]


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
SpokenId = Annotated[Slug, Ref("spoken")]  # a text of confidentiality.yml said aloud
ExerciseId = Annotated[Slug, Ref("exercises")]  # a step of the path that has an exercise or a solo one
PhaseId = Annotated[Slug, Ref("phases")]
QuestionId = Annotated[Slug, Ref("questions")]  # a question card of the manager's deck
StructureId = Annotated[Slug, Ref("structures")]  # a session structure (deroules)

# The fields every collection entry shares, declared once: Entry's, and Scenario's and
# Worksheet's (whose name is a `title`).
EntryId = Annotated[Slug, Field(description="Slug equal to the file name without .yml")]
Order = Annotated[int, Field(ge=1, description="Position in lists")]
Summary = Annotated[Text, Field(description="One sentence, used in lists and as the page description")]
Tags = Annotated[list[Tag], Field(default_factory=list, description="Keywords for search")]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# Where a session, a case or a sheet takes place: with one manager, or with a group
# (labels: content/interface.yml, labels.settings).
Setting = Literal["individuel", "groupe"]


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
    name: Text = Field(description="Short name of the drift")
    description: Text = Field(description="How the role goes wrong")


class Alternation(Model):
    role: RoleId = Field(description="Id of another role")
    text: Text = Field(description="How and when one passes from this role to that one")


class Role(Entry):
    intention: Text = Field(description="A paragraph: what the role is for")
    practices: list[Text] = Field(description="What the consultant does", min_length=1)
    examples: list[Example] = Field(
        description="Situations and the words the consultant might say", min_length=1
    )
    signals: list[Text] = Field(description="What in the session calls for this role", min_length=1)
    drifts: list[Drift] = Field(description="How the role goes wrong", min_length=1)
    alternation: list[Alternation] = Field(
        description="How and when one passes to another role", min_length=1
    )


# Planes ------------------------------------------------------------------------------


class Theme(Model):
    name: Text = Field(description="The theme's name")
    description: Text = Field(description="What the theme covers")
    from_article: bool = Field(
        description="True when the source article names this theme, false when the guide adds it"
    )


class Plane(Entry):
    relative_to: Text = Field(description="« par rapport à … » in a few words")
    focus: Text = Field(description="A paragraph: what this plane looks at")
    themes: list[Theme] = Field(description="Themes of the plane", min_length=1)
    inquiries: list[Text] = Field(
        min_length=1, description="Open lines of inquiry, not questions to read out"
    )
    assess: list[Text] = Field(
        description="What the manager can assess about himself on this plane", min_length=1
    )
    experiment: list[Text] = Field(description="What the manager can try out", min_length=1)
    step_back: list[Text] = Field(description="Ways the manager can step back", min_length=1)


# Principles --------------------------------------------------------------------------


class PageLink(Model):
    """A link to another page of the guide, from an entry's page."""

    page: Annotated[str, StringConstraints(pattern=r"^[a-z0-9\-/]+\.md(#[a-z0-9\-]+)?$")] = Field(
        description="Docs path of the page, optionally with an #anchor: posture.md#avis"
    )
    text: Text = Field(description="Why to go there, as the link's words")


class Principle(Entry):
    from_article: bool = Field(description="True when the source article names this principle")
    meaning: Text = Field(description="A paragraph: what it means")
    in_practice: list[Text] = Field(description="What it looks like in a session", min_length=1)
    breaks: list[Text] = Field(description="What breaks it", min_length=1)
    confidentiality: list[SectionId] = Field(
        default_factory=list, description="Ids of sections of confidentiality.yml shown on the page"
    )
    see_also: list[PageLink] = Field(default_factory=list, description="Pages of the guide that go further")


# What the accompaniment is not ---------------------------------------------------------


class Dimensions(Model):
    """The five dimensions on which the accompaniment is compared with other interviews."""

    purpose: Text = Field(description="What the interview is for")
    reference: Text = Field(description="What it measures against")
    ownership: Text = Field(description="Whom what is said belongs to")
    records: Text = Field(description="What is written, and who reads it")
    consequences: Text = Field(description="Consequences for the person")


class Practice(Model):
    """The accompaniment itself, described on the comparison dimensions."""

    name: Text = Field(description="The accompaniment's name in the comparison table")
    summary: Text = Field(description="One sentence")
    dimensions: Dimensions = Field(description="The accompaniment on the five dimensions")


class Contrast(Entry):
    short_name: Text = Field(description="Column heading in the comparison table")
    description: Text = Field(description="A paragraph: what this kind of interview is, fairly stated")
    dimensions: Dimensions = Field(description="This kind of interview on the five dimensions")
    slide_signs: list[Text] = Field(description="Signs that a session slides into this", min_length=1)
    reframe: Text = Field(description="How a consultant answers a request to turn the session into this")


# Role × plane matrix -----------------------------------------------------------------


class Cell(Model):
    role: RoleId = Field(description="Id of the role")
    plane: PlaneId = Field(description="Id of the plane")
    text: Text = Field(description="What this role looks like on this plane, two to four sentences")
    examples: list[Text] = Field(
        description="One or two things the consultant might say", min_length=1, max_length=2
    )

    def reference_context(self) -> str:
        """Put before an unknown reference's message: which cell it is."""
        return say("cell.context", role=self.role, plane=self.plane)


class Matrix(Model):
    cells: list[Cell] = Field(description="One cell per role and plane", min_length=1)


# Glossary, scenarios, onboarding path --------------------------------------------------


Definition = Annotated[Text, Field(max_length=200)]
# A word or phrase a reader may type (Term.synonyms), with the checks of every text.
Synonym = Annotated[Text, Field(max_length=40)]


class Term(Model):
    """A term and its definition; `frame: true` takes the definition from confidentiality.yml
    (its `definition`), so the glossary never states the frame in its own words."""

    term: Text = Field(description="The term as it appears in the text")
    definition: Definition | None = Field(
        default=None,
        description="One sentence in plain words, shown as a tooltip (at most 200 characters)",
    )
    frame: bool = Field(
        default=False, description="true: the definition is confidentiality.yml's 'definition' (one source)"
    )
    aliases: list[Text] = Field(description="Other spellings to underline too", default_factory=list)
    synonyms: list[Synonym] = Field(
        default_factory=list,
        description="Words a reader may type for this term and that the guide does not use "
        "(« sponsor » for commanditaire): search finds the pages holding the term from them "
        "(at most 40 characters each)",
    )

    @model_validator(mode="after")
    def _one_definition(self) -> Term:
        if (self.definition is None) == (not self.frame):
            raise refuse("term.one_definition")
        return self


class SearchSynonyms(Model):
    """Words of the guide that are no glossary term (« minuteur »), with the words a reader may
    type for them (« chronomètre »): search only, shown nowhere."""

    words: Text = Field(description="A word or phrase the guide's pages use, as they write it")
    synonyms: list[Synonym] = Field(
        min_length=1,
        description="Words a reader may type for it and that the guide does not use: search finds "
        "the pages holding the guide's words from them (at most 40 characters each)",
    )


class Glossary(Model):
    terms: list[Term] = Field(description="The method's terms", min_length=1)
    search_synonyms: list[SearchSynonyms] = Field(
        default_factory=list,
        description="For search only: words of the guide that are no glossary term, with the words "
        "a reader may type for them",
    )


class PlaneChoice(Model):
    plane: PlaneId = Field(description="Id of a plane to open")
    why: Text = Field(description="Why this plane here")


class RoleChoice(Model):
    role: RoleId = Field(description="Id of a role to take")
    why: Text = Field(description="Why this role here, in the order they come")


class Opening(Model):
    """The role to take first in a case, and why now; with the sponsor, no role (the four roles
    are for the manager): `sponsor: true`, and the consultant holds the contract instead."""

    role: RoleId | None = Field(default=None, description="Id of the role to take first (with the manager)")
    sponsor: bool = Field(
        default=False,
        description="true when the case opens with the sponsor: no role, the consultant holds the contract",
    )
    why: Text = Field(description="Why this role, and why at this moment")

    @model_validator(mode="after")
    def _role_or_sponsor(self) -> Opening:
        if (self.role is None) != self.sponsor:
            raise refuse("opening.role_or_sponsor")
        return self


class Avoid(Model):
    """The role or move to avoid in a case, and what it would cost."""

    role: RoleId | None = Field(default=None, description="Id of the role to avoid here, if it is a role")
    move: Text = Field(description="The move to avoid, as the consultant would make it")
    cost: Text = Field(description="What it would cost, to the manager or to the accompaniment")


class Alternative(Model):
    """Another defensible reading of a case."""

    reading: Text = Field(description="The other reading, as a colleague would defend it")
    changes: Text = Field(description="What it would change in the session")


SPEAKER_NAMES = ("consultant", "manager", "sponsor")


class Line(Model):
    """One line of a model exchange: `consultant: ...`, `manager: ...` or `sponsor: ...`.

    A consultant's line may also say part of the frame aloud, `frame: <id>`: the words are those
    of `spoken` in confidentiality.yml, printed after the line's own words (if any)."""

    consultant: Text | None = Field(default=None, description="What the consultant says")
    frame: SpokenId | None = Field(
        default=None,
        description="Id of a 'spoken' text of confidentiality.yml the consultant says here, after his words",
    )
    manager: Text | None = Field(default=None, description="What the manager (or a participant) says")
    sponsor: Text | None = Field(
        default=None, description="What the sponsor says, when the exchange is with the client"
    )

    @model_validator(mode="after")
    def _one_speaker(self) -> Line:
        if self.frame is not None:
            if self.manager is not None or self.sponsor is not None:
                raise refuse("line.frame_by_consultant")
            return self
        if sum(getattr(self, name) is not None for name in SPEAKER_NAMES) != 1:
            raise refuse("line.one_speaker")
        return self

    @property
    def speaker(self) -> str:
        if self.frame is not None:
            return "consultant"
        return next(name for name in SPEAKER_NAMES if getattr(self, name) is not None)

    @property
    def words(self) -> str:
        """The line's own words (without the frame it may say)."""
        return str(getattr(self, self.speaker) or "")


class Scenario(Model):
    id: EntryId
    title: Text = Field(description="The case's title, shown as its page title")
    order: Order
    summary: Summary
    situation: Text = Field(description="Two to five sentences: the case, invented first names only")
    question: Text = Field(description="What the learner decides; every answer below it is folded")
    opening: Opening = Field(description="The role to take first, and why now")
    avoid: Avoid = Field(description="The role or move to avoid here, and what it would cost")
    alternative: Alternative = Field(description="Another defensible reading, and what it would change")
    dialogue: list[Line] = Field(
        min_length=2, max_length=8, description="A short model exchange between consultant and manager"
    )
    planes: list[PlaneChoice] = Field(description="Planes to open, each with its why", min_length=1)
    roles: list[RoleChoice] = Field(description="Roles to take, each with its why, in order", min_length=1)
    pitfalls: list[Text] = Field(description="What else a consultant might get wrong here", min_length=1)
    tags: Tags
    confidentiality: list[SectionId] = Field(
        default_factory=list, description="Ids of sections of confidentiality.yml shown with the case"
    )
    worksheets: list[WorksheetId] = Field(
        default_factory=list, description="Ids of the sheets that help in this case, linked from its page"
    )
    setting: Setting = Field(
        default="individuel", description="'individuel' (one manager, the default) or 'groupe' (a group)"
    )

    @model_validator(mode="after")
    def _both_speak(self) -> Scenario:
        speakers = {line.speaker for line in self.dialogue}
        if "consultant" not in speakers or speakers == {"consultant"}:
            raise refuse("scenario.both_speak")
        return self

    @property
    def name(self) -> str:
        return self.title


ExerciseFormat = Literal["threes", "co-leading", "supervision"]


class Exercise(Model):
    """Practice in a step of the path: in threes, beside an experienced consultant in real
    sessions, or under a supervisor's eye."""

    format: ExerciseFormat = Field(
        description="'threes' (consultant, manager, observer), 'co-leading' (observing, then "
        "co-leading real sessions beside an experienced consultant) or 'supervision'"
    )
    instructions: list[Text] = Field(min_length=1, description="How the exercise runs, in order")
    sheets: list[WorksheetId] = Field(min_length=1, description="Ids of the sheets used in the exercise")


class Criterion(Model):
    """What a newcomer must be able to do, tied to the case or exercise that shows it."""

    id: Slug | None = Field(default=None, description="Slug, for a solo exercise to name it ('criterion')")
    can: Text = Field(description="What the newcomer can do, as an observable act")
    scenario: ScenarioId | None = Field(default=None, description="Id of the case that trains it")
    exercise: ExerciseId | None = Field(
        default=None, description="Id of the path step whose exercise trains it"
    )

    @model_validator(mode="after")
    def _tied(self) -> Criterion:
        if (self.scenario is None) == (self.exercise is None):
            raise refuse("criterion.tied")
        return self


DocPath = Annotated[str, StringConstraints(pattern=r"^[a-z0-9\-/]+\.md$")]


class StepTime(Model):
    """The time a step takes: its reading (checked against the words of the pages it lists, see
    guide.reading) and its exercise; the day of the week it belongs to, if it fits in the week."""

    reading: int = Field(ge=0, le=120, description="Minutes of reading of the pages under 'read'")
    exercise: int = Field(ge=0, le=240, description="Minutes of the step's exercises, once")
    day: int | None = Field(
        default=None, ge=1, le=7, description="Day of the first week; none for the steps of real sessions"
    )


class SoloExercise(Model):
    """An exercise to do alone, in writing, before opening the guide's model answer."""

    title: Text = Field(description="What to do, as a short imperative heading")
    task: Text = Field(description="The situation and the instruction")
    answer: Text = Field(description="A model answer, folded: one possible answer, not the only one")
    criterion: Slug = Field(description="Id of the readiness or ready-to-observe criterion it trains")


class SelfCheck(Model):
    """A self-check question with a short model answer, folded on the step's page."""

    question: Text = Field(description="The question, as « vous »")
    answer: Text = Field(description="A short model answer to compare with, not the only one")


class Step(Model):
    id: Slug = Field(description="Slug of the step, unique in the path")
    title: Text = Field(description="The step's title")
    summary: Text = Field(description="One sentence")
    read: list[DocPath] = Field(
        default_factory=list,
        description="Pages to read (docs paths: roles/index.md), the essential only; each link "
        "shows its page's title. A page is read once in the whole path; none when the step is practice",
    )
    further: list[DocPath] = Field(
        default_factory=list,
        description="Pages « pour aller plus loin »: linked from the step, not counted in its time",
    )
    time: StepTime = Field(description="Minutes of reading and of exercise, and the day of the week")
    objectives: list[Text] = Field(description="What the step trains", min_length=1)
    self_check: list[Text | SelfCheck] = Field(
        description="Questions to the learner, as « vous »: a question alone, or 'question' and 'answer' "
        "(a model answer folded behind it)",
        min_length=1,
    )
    exercise: Exercise | None = Field(default=None, description="Practice: in threes or under supervision")
    solo: list[SoloExercise] = Field(
        default_factory=list, description="Exercises to do alone, each with a model answer behind a fold"
    )
    observe: list[Criterion] = Field(
        default_factory=list,
        description="Criteria for being ready to observe a real session (the step that starts real sessions)",
    )
    readiness: list[Criterion] = Field(
        default_factory=list, description="Readiness criteria (the last step): what to be able to do"
    )

    def questions(self) -> list[str]:
        """The self-check questions' texts, answered or not."""
        return [q if isinstance(q, str) else q.question for q in self.self_check]


class OnboardingPath(Model):
    steps: list[Step] = Field(description="The steps, in order", min_length=1)

    def criteria(self) -> dict[str, tuple[Step, Criterion]]:
        """The criteria that have an id, with the step that lists them."""
        return {c.id: (step, c) for step in self.steps for c in (*step.observe, *step.readiness) if c.id}


# Worksheets --------------------------------------------------------------------------


Audience = Literal["consultant", "manager", "groupe", "client", "tripartite"]


# A sheet may ask for initials, a code or a date, never for who a person is.
_NAME_REQUEST = re.compile(r"\b(nom|noms|prénom|prénoms|name|names|surname|identité)\b", re.I)


def _no_name_request(value: str) -> str:
    if _NAME_REQUEST.search(value):
        raise refuse("label.name_request", value=value)
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
            raise refuse("area.one_kind")
        return self

    @property
    def height_mm(self) -> int:
        """Height on paper: ruled lines are 8 mm apart."""
        return self.box if self.box is not None else LINE_MM * (self.lines or 0)


LINE_MM = 8


class Section(Model):
    """A block of a sheet, never split across two printed pages."""

    title: Text = Field(description="The section's heading")
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
                raise refuse("section.rows_without_items")
            if self.item_area is None:
                raise refuse("section.rows_need_area")
            return self
        if self.item_count == 0:
            for name in ("check", "item_area", "columns"):
                if getattr(self, name):
                    raise refuse("section.for_pulled_items", name=name)
        if self.columns and self.item_area is None:
            raise refuse("section.columns_need_area")
        if self.columns and self.item_columns != 1:
            raise refuse("section.grid_one_per_row")
        return self


class Worksheet(Model):
    id: EntryId
    title: Text = Field(description="The sheet's title")
    order: Order
    audience: Audience = Field(description="Whom the sheet is for")
    when: Text = Field(description="When to use the sheet, in one sentence")
    pages: Literal[1, 2] = Field(description="Printed A4 pages; sections with new_page must match")
    summary: Summary
    confidentiality: Text = Field(description="Confidentiality mention printed at the foot of each page")
    fields: list[Blank] = Field(default_factory=list, description="Blanks at the top (initials, date...)")
    sections: list[Section] = Field(description="The blocks of the sheet, in order", min_length=1)
    tags: Tags
    setting: Setting | None = Field(
        default=None, description="'individuel' or 'groupe' when the sheet serves only one of them"
    )

    @property
    def name(self) -> str:
        return self.title

    def printed_pages(self) -> list[list[Section]]:
        """The sections of each printed page: a section with new_page opens the next one."""
        out: list[list[Section]] = [[]]
        for section in self.sections:
            if section.new_page and out[-1]:
                out.append([])
            out[-1].append(section)
        return out


# Confidentiality: one source for every page and sheet that speaks of it -------------------


_ARTICLE = r"^(?:[LRD]\. ?)?[0-9]+(?:-[0-9]+)*(?: [IVX]+| [A-Z])?$|^[LRD][0-9]+(?:-[0-9]+)*(?: [A-Z])?$"


class LegalSource(Model):
    """The article a legal statement rests on: `article: "223-6"`, `code: code pénal`."""

    article: Annotated[str, StringConstraints(strip_whitespace=True, pattern=_ARTICLE)] = Field(
        description="The article's number as the code writes it: 223-6, L4121-1, R4624-34, 8, L102 B"
    )
    code: Text = Field(
        description="The code or the text: 'code pénal', 'code du travail', 'loi n° 2016-1691 du …'"
    )
    reference: Text | None = Field(
        default=None, description="Optional: where to find it, as Légifrance names it (no address needed)"
    )

    @property
    def label(self) -> str:
        """« art. 223-6 du code pénal », « art. 8 de la loi n° 2016-1691 … »."""
        joint = "de la" if self.code.lower().startswith("loi") else "du"
        return f"art. {self.article} {joint} {self.code}"

    @property
    def cited(self) -> str:
        """The label with its reference, when there is one (the site; sheets print the label)."""
        return f"{self.label}, {self.reference}" if self.reference else self.label


def grouped_label(sources: list[LegalSource]) -> str:
    """« art. 4, 5 et 9 du règlement … ; art. L1121-2 du code du travail »: one mention per
    code, in the order the sources come (printed sheets, where room is short)."""
    by_code: dict[str, list[str]] = {}
    for source in sources:
        by_code.setdefault(source.code, []).append(source.article)
    parts = []
    for code, articles in by_code.items():
        joint = "de la" if code.lower().startswith("loi") else "du"
        numbers = articles[0] if len(articles) == 1 else f"{', '.join(articles[:-1])} et {articles[-1]}"
        parts.append(f"art. {numbers} {joint} {code}")
    return " ; ".join(parts)


class Statement(Model):
    """An item of the frame that states the law: its text and the articles it rests on."""

    text: Text
    sources: list[LegalSource] = Field(min_length=1, description="The articles that say it")

    @property
    def grouped_sources(self) -> str:
        return grouped_label(self.sources)


class Contact(Model):
    """One row of the table « situation → qui appeler »."""

    situation: Text = Field(description="The situation, in a few words")
    call: Text = Field(description="Whom to call or where to turn, with the number if there is one")
    note: Text | None = Field(default=None, description="Optional: when, or what to know first")
    sources: list[LegalSource] = Field(
        default_factory=list, description="Articles, when the row states the law"
    )


class ConfidentialitySection(Model):
    id: Slug = Field(description="Id used by pages, phases, scenarios and sheets to show this part")
    title: Text = Field(description="The part's heading")
    text: Text = Field(description="A paragraph")
    items: list[Text | Statement] = Field(
        default_factory=list,
        description="Optional list under the paragraph; an item that states the law is "
        "'text' + 'sources' (its articles)",
    )
    contacts: list[Contact] = Field(
        default_factory=list, description="Optional table: situation, whom to call"
    )

    @property
    def has_law(self) -> bool:
        return any(isinstance(i, Statement) for i in self.items) or any(c.sources for c in self.contacts)


class Spoken(Model):
    """What the consultant says aloud, in his own voice: dialogues print it by its id."""

    id: Slug = Field(description="Id used by a dialogue line ('frame: <id>') or a page")
    when: Text = Field(description="When it is said, in a few words")
    text: Text = Field(description="The words, as spoken")


_ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


class Confidentiality(Model):
    """What stays between manager and consultant, what the commanditaire receives, the notes, the limits."""

    summary: Text = Field(description="One sentence, printed where space is short")
    definition: Definition = Field(
        description="The glossary's definition of « confidentialité » (200 characters)"
    )
    as_of: Annotated[str, StringConstraints(pattern=_ISO_DATE)] = Field(
        description="Date the legal statements were last checked, as 2026-11-27"
    )
    disclaimer: Text = Field(description="One line: the guide is not legal advice")
    spoken: list[Spoken] = Field(min_length=1, description="The frame as the consultant says it aloud")
    sections: list[ConfidentialitySection] = Field(
        description="The parts, each shown wherever it is named by id", min_length=1
    )

    def section(self, section_id: str) -> ConfidentialitySection:
        return next(s for s in self.sections if s.id == section_id)

    def said(self, spoken_id: str) -> Spoken:
        return next(s for s in self.spoken if s.id == spoken_id)

    @property
    def as_of_label(self) -> str:
        """« 27 novembre 2026 »."""
        year, month, day = (int(x) for x in self.as_of.split("-"))
        return f"{'1er' if day == 1 else day} {_MONTHS[month - 1]} {year}"


# Phases: the arc of an accompaniment, from the request to the close -------------------------


Party = Literal["manager", "consultant", "commanditaire", "groupe"]


_RANGE = re.compile(r"\d+\s*(?:h|min|e)?\s*(?:à|-|–|et la|et)\s*\d+")


def _a_range(value: str) -> str:
    if not _RANGE.search(value):
        raise refuse("duration.range", value=value)
    return value


class Participant(Model):
    who: Party = Field(description="manager, consultant, commanditaire or groupe")
    part: Text = Field(description="What this party does in the phase")


class Share(Model):
    what: Text = Field(description="What the commanditaire learns")
    by: Party = Field(description="Who tells it")
    form: Text = Field(description="In what form: a meeting, a message, a document...")


class PhaseRole(Model):
    role: RoleId = Field(description="Id of a role")
    why: Text = Field(description="Why it matters in this phase")


class PhasePrinciple(Model):
    principle: PrincipleId = Field(description="Id of a principle")
    why: Text = Field(description="Why it is exposed in this phase")


class Timing(Model):
    """The guide's own benchmarks, given as ranges: the article sets none."""

    duration: Annotated[Text, AfterValidator(_a_range)] = Field(
        description="How long the phase lasts, as a range"
    )
    rhythm: Annotated[Text, AfterValidator(_a_range)] = Field(description="How often, or when, as a range")


class Phase(Entry):
    purpose: Text = Field(description="What the phase is for, a paragraph")
    participants: list[Participant] = Field(description="Who takes part, and what each does", min_length=1)
    agreed: list[Text] = Field(min_length=1, description="What is agreed or decided")
    shared: list[Share] = Field(min_length=1, description="What the commanditaire receives, from whom, how")
    confidentiality: list[SectionId] = Field(
        default_factory=list, description="Ids of sections of confidentiality.yml shown with the phase"
    )
    spoken: list[SpokenId] = Field(
        default_factory=list,
        description="Ids of texts of confidentiality.yml the consultant says aloud in this phase",
    )
    roles: list[PhaseRole] = Field(min_length=1, description="Roles most at stake")
    principles: list[PhasePrinciple] = Field(min_length=1, description="Principles most at stake")
    pitfalls: list[Text] = Field(description="Traps of the phase", min_length=1)
    timing: Timing = Field(description="How long, how often: ranges")
    worksheets: list[WorksheetId] = Field(default_factory=list, description="Ids of sheets to use")
    scenarios: list[ScenarioId] = Field(
        default_factory=list, description="Ids of case scenarios set in this phase"
    )
    collective: Text = Field(description="How the phase differs in a collective accompaniment")


# The interface's texts: content/interface.yml -------------------------------------------------


def _placeholders(*allowed: str) -> AfterValidator:
    """A text with `{name}` placeholders, only those `allowed`."""

    def check(value: str) -> str:
        try:
            used = [name for _, name, _, _ in string.Formatter().parse(value) if name is not None]
        except ValueError:
            raise refuse("placeholder.broken", value=value) from None
        unknown = [name for name in used if name not in allowed]
        if unknown:
            raise refuse(
                "placeholder.unknown",
                name=unknown[0],
                value=value,
                allowed=", ".join(f"{{{name}}}" for name in allowed),
            )
        return value

    return AfterValidator(check)


def _every(keys: tuple[str, ...]) -> AfterValidator:
    """A mapping that gives a label to each of `keys`, and to nothing else."""

    def check(value: dict[str, str]) -> dict[str, str]:
        missing = [key for key in keys if key not in value]
        extra = [key for key in value if key not in keys]
        if missing or extra:
            raise refuse(
                "labels.each",
                keys=", ".join(keys),
                missing=say("labels.missing", names=", ".join(missing)) if missing else "",
                extra=say("labels.unknown", names=", ".join(extra)) if extra else "",
            )
        return value

    return AfterValidator(check)


def _labels(keys: tuple[str, ...]) -> object:
    return Annotated[dict[str, Text], _every(keys)]


class PageTexts(Model):
    """A generated page's title and description; `nav`, a shorter label for the menu."""

    title: Text = Field(description="The page's title: its <title>, its heading, the site map's link")
    description: Text = Field(description="One or two sentences: the page's meta description")
    nav: Text | None = Field(default=None, description="The menu's label, when shorter than the title")


class CollectionTexts(PageTexts):
    """A collection's labels and its index page's texts (the key is the collection's)."""

    singular: Text = Field(description="One entry: « Rôle » (cards, labels)")
    plural: Text = Field(description="Several entries: « Rôles » (headings of the cards page)")
    entry_title: Annotated[Text, _placeholders("name", "article", "name_lower")] = Field(
        description="An entry page's title: {name}, or e.g. « Rôle {name} »"
    )
    entry_description: Annotated[Text, _placeholders("name", "summary")] | None = Field(
        default=None,
        description="Optional: an entry page's description, where its summary alone says too little "
        "to a search engine: e.g. « Carte du manager « {name} » : {summary} »; default: the summary",
    )


class Pages(Model):
    matrix: PageTexts = Field(description="The matrix page")
    glossary: PageTexts = Field(description="The glossary page")
    path: PageTexts = Field(description="The path page")
    composer: PageTexts = Field(description="The composer's old address, which leads to the planner")
    planner: PageTexts = Field(description="The session planner (outils/planifier)")
    timer: PageTexts = Field(description="The session timer (outils/minuteur)")
    favourites: PageTexts = Field(description="The favourites page (outils/favoris)")
    reference: PageTexts = Field(description="The consultant's quick reference (cartes/aide-memoire)")
    cards: PageTexts = Field(description="The cards page")
    site_map: PageTexts = Field(description="The site map page")
    legal: PageTexts = Field(description="The legal notice (mentions légales), from content/publisher.yml")
    privacy: PageTexts = Field(
        description="The personal data page (données personnelles), from content/publisher.yml"
    )


class PathTexts(Model):
    step_title: Annotated[Text, _placeholders("number", "title")] = Field(description="A step page's title")
    step_nav: Annotated[Text, _placeholders("number", "title")] = Field(description="A step in the menu")


class ScenarioTexts(Model):
    """What a case page asks the reader to decide before opening its answers."""

    decide: Text = Field(description="A case that opens with the manager: role, gesture, planes")
    decide_with_sponsor: Text = Field(
        description="A case that opens with the sponsor (opening.sponsor): no role is asked for"
    )


class Buttons(Model):
    print: Text = Field(description="Prints a sheet")
    print_card: Text = Field(description="Under each card of the cards page (prints that card alone)")
    print_card_target: Annotated[Text, _placeholders("name")] = Field(
        description="Read by screen readers after print_card, naming the card: « la carte {name} »"
    )
    download_pdf: Text = Field(description="A sheet's PDF")
    whole_deck_pdf: Text = Field(description="The whole deck's PDF")
    family_pdf: Annotated[Text, _placeholders("plural")] = Field(description="A family's PDF: {plural}")


class FilterTexts(Model):
    """The count of an index's filters (docs/assets/filters.js), one entry or several."""

    count_one: Annotated[Text, _placeholders("shown", "total", "noun")] = Field(
        description="When one entry shows: « {shown} {noun} sur {total}. », noun in the singular"
    )
    count_many: Annotated[Text, _placeholders("shown", "total", "noun")] = Field(
        description="When none or several show, noun in the plural"
    )


class PdfTexts(Model):
    author: Text = Field(description="The PDFs' author")
    deck_title: Text = Field(description="Title of the whole deck's PDF")
    deck_description: Text = Field(description="Description of the whole deck's PDF")
    family_title: Annotated[Text, _placeholders("plural", "plural_lower")] = Field(
        description="Title of a family's PDF"
    )


class Labels(Model):
    """Labels shown beside the content's values."""

    dimensions: _labels(tuple(Dimensions.model_fields)) = Field(  # type: ignore[valid-type]
        description="The comparison dimensions (practice and contrasts)"
    )
    speakers: _labels(SPEAKER_NAMES) = Field(description="Who speaks in a case's dialogue")  # type: ignore[valid-type]
    exercises: _labels(typing.get_args(ExerciseFormat)) = Field(  # type: ignore[valid-type]
        description="Exercise formats of the path, after « S’exercer »"
    )
    audiences: _labels(typing.get_args(Audience)) = Field(description="Whom a sheet is for")  # type: ignore[valid-type]
    parties: _labels(typing.get_args(Party)) = Field(description="Parties of a phase")  # type: ignore[valid-type]
    settings: _labels(typing.get_args(Setting)) = Field(  # type: ignore[valid-type]
        description="Where a session, a case or a sheet takes place: one manager, a group"
    )


class CardHeadings(Model):
    """The headings of what a card's front shows at hand (guide.cards.FAMILIES names them)."""

    when_to_play: Text = Field(description="A role's card: the signals that call for it")
    words_to_play: Text = Field(description="A role's card: words to play it")
    two_openings: Text = Field(description="A plane's card: its first two openings")
    what_breaks_it: Text = Field(description="A principle's card: what breaks it")
    slide_signs: Text = Field(description="A contrast's card: signs that a session slides into it")
    decided: Text = Field(description="A phase's card: what is agreed in it")
    pitfall: Text = Field(description="A phase's card: its first pitfall")
    to_you: Text = Field(description="A question card of the manager's deck: the questions to him")
    to_say: Text = Field(description="The quick reference: the frame as the consultant says it")
    whom_to_call: Text = Field(description="The quick reference: whom to call when a limit is reached")


class NavTexts(Model):
    """Menu labels of the hand-written pages and of the menu's sections (mkdocs.yml's nav
    names them by path and by section id)."""

    pages: dict[str, Text] = Field(
        default_factory=dict, description="Docs path of a written page -> its menu label, when not its title"
    )
    sections: dict[Slug, Text] = Field(description="Section id in mkdocs.yml's nav -> its label")


class Interface(Model):
    """Every text of the guide's interface (content/interface.yml), in French."""

    collections: dict[Slug, CollectionTexts] = Field(description="One entry per collection, by its key")
    pages: Pages = Field(description="Pages that are no collection's")
    path: PathTexts = Field(description="The path's steps")
    scenarios: ScenarioTexts = Field(description="A case page's prompt, before its answers")
    buttons: Buttons = Field(description="Buttons' labels")
    nav: NavTexts = Field(description="The menu's labels of written pages and sections")
    cards: CardHeadings = Field(description="Headings on the cards' fronts")
    filters: FilterTexts = Field(description="The filters of the case, sheet and card indexes")
    pdf: PdfTexts = Field(description="The PDFs' metadata")
    labels: Labels = Field(description="Labels shown beside the content's values")


# The publisher: the firm that publishes the guide (content/publisher.yml) -------------------

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"  # one part of a domain name
_EMAIL = re.compile(rf"^[^@\s<>()\[\],;:\"]+@{_LABEL}(?:\.{_LABEL})+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 .()-]{7,22}[0-9]$")
_SITE_URL = re.compile(r"^https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~%/-]*)?$")


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise refuse("publisher.email", value=value)
    return value


def _check_phone(value: str) -> str:
    if not _PHONE.match(value):
        raise refuse("publisher.phone", value=value)
    return value


def _check_site_url(value: str) -> str:
    if not _SITE_URL.match(value):
        raise refuse("publisher.site_url", value=value)
    return value if value.endswith("/") else value + "/"


def _colour(backgrounds: dict[str, str], *, darker: bool = True) -> object:
    def check(value: str) -> str:
        if not HEX.match(value):
            raise refuse("colour.form", value=value)
        pale = too_pale(value.lower(), backgrounds)
        if pale:
            background, name, ratio = pale
            raise refuse(
                "colour.contrast",
                value=value.lower(),
                background=f"{name} ({background})",
                ratio=ratio_text(ratio),
                needed=ratio_text(AA),
                direction=say("colour.darker" if darker else "colour.lighter"),
            )
        return value.lower()

    return AfterValidator(check)


@dataclass(frozen=True)
class Form:
    """Marks a string that is no free text but has a form (an address, a number, a colour),
    checked by its validator with a message of its own: never Markdown, never a text check."""

    pattern: str


Email = Annotated[str, Form(_EMAIL.pattern), AfterValidator(_check_email)]
Phone = Annotated[str, Form(_PHONE.pattern), AfterValidator(_check_phone)]
PostalAddress = Annotated[list[Text], Field(min_length=2, max_length=5)]
# A colour text is written in on white and the site's light backgrounds (and white on it).
TextColour = Annotated[str, Form(HEX.pattern), _colour(LIGHT_BACKGROUNDS)]
# A tint: the background of framed boxes on sheets and cards, under the ink and the muted text.
_UNDER_TINT = {INK: f"le texte ({INK})", MUTED: f"le texte gris ({MUTED})"}
TintColour = Annotated[str, Form(HEX.pattern), _colour(_UNDER_TINT)]
DarkLinkColour = Annotated[str, Form(HEX.pattern), _colour(DARK_BACKGROUNDS, darker=False)]


class Colours(Model):
    """The theme's colours; each is refused when text in it (or on it) would fail WCAG AA."""

    primary: TextColour = Field(
        description="The site's header (white text on it) and links: #rrggbb, at least 4.5:1 on white"
    )
    accent: TextColour = Field(
        description="Headings, rules and bands of the sheets and cards, and the site's darker shade "
        "of the primary colour: #rrggbb, at least 4.5:1 on white"
    )
    tint: TintColour = Field(
        description="Background of the framed boxes of the sheets and cards: #rrggbb, light enough "
        "for dark grey text (4.5:1)"
    )
    dark_link: DarkLinkColour | None = Field(
        default=None,
        description="Optional: the links' colour in the dark theme; default: the primary colour "
        "lightened until readable on the dark background",
    )


class Host(Model):
    """Who hosts the site (LCEN art. 6, III-1, d): name, address, phone; and its access logs."""

    name: Text = Field(description="The host's name or company name (dénomination)")
    address: PostalAddress = Field(description="The host's postal address, one line per item")
    phone: Phone = Field(description="The host's phone number")
    logs_months: int = Field(
        ge=1,
        le=12,
        description="How many months the host keeps its access logs (IP address, date, page, "
        "browser), as its contract says: at most 12 (the CNIL recommends 6 months to a year)",
    )
    logs_outside_eu: Text | None = Field(
        default=None,
        description="Optional: where the logs are kept outside the European Union, the safeguard "
        "of that transfer (an adequacy decision, standard contractual clauses); without it, the "
        "page says they stay in the Union",
    )
    cookies: Text | None = Field(
        default=None,
        description="Optional: the cookies the host or its content delivery network sets of its "
        "own, if any; without it, the page says it sets none",
    )


class Publisher(Model):
    """The firm that publishes the guide: the legal notice (mentions légales), the personal data
    page, the accessibility statement's contact, the name and address on sheets and cards."""

    name: Text = Field(
        max_length=60,
        description="The firm's name (dénomination or raison sociale), printed on sheets and cards",
    )
    legal_form: Text | None = Field(default=None, description="Optional: SAS, SARL, EI…")
    share_capital: Text | None = Field(
        default=None, description="Optional: the share capital, as « 10 000 € »"
    )
    registration: Text | None = Field(
        default=None,
        description="Optional: the registration, as « RCS Lyon 123 456 789 », « SIREN 123 456 789 » "
        "(an EI) or « RNA W123456789 » (an association)",
    )
    address: PostalAddress = Field(
        description="The head office's postal address (siège social), one line per item"
    )
    address_label: Text | None = Field(
        default=None,
        description="Optional: what the address is, when not a head office: « Adresse de "
        "l’établissement » (an EI); default « Siège social »",
    )
    vat_number: Text | None = Field(default=None, description="Optional: the intra-EU VAT number")
    dpo: Text | None = Field(
        default=None,
        description="Optional: the data protection officer (DPO), if the firm has one, and how to reach them",
    )
    phone: Phone = Field(description="The firm's phone number")
    email: Email = Field(description="The contact address: readers, accessibility, personal data")
    director: Text = Field(
        description="The director of publication (directeur de la publication): the firm's legal "
        "representative (président, gérant, the entrepreneur, the association's president)"
    )
    host: Host = Field(description="The site's host")
    site_url: Annotated[str, Form(_SITE_URL.pattern), AfterValidator(_check_site_url)] = Field(
        description="The site's public address (https://…/): QR codes and addresses printed on sheets "
        "and cards, canonical links"
    )
    logo: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._/-]+\.(?:svg|png)$")] | None = Field(
        default=None,
        description="Optional: the firm's logo, an SVG or PNG file, its path from the content folder "
        "(printed on sheets and cards)",
    )
    colours: Colours = Field(description="The theme's colours: site, sheets and cards")


# Session structures: the timed run of one session, for one manager or a group ---------------


class StructureStep(Model):
    """One step of a session structure, with its time as a benchmark (« repère »)."""

    id: Slug = Field(description="Id of the step, unique in its structure")
    name: Text = Field(description="Name of the step, as printed on the run sheet")
    minutes: int = Field(
        ge=1, le=180, description="Benchmark time in minutes for the structure's reference total"
    )
    purpose: Text = Field(description="What the step is for, in one or two sentences")
    how: list[Text] = Field(
        min_length=1, max_length=5, description="How the step runs: cues for the consultant"
    )
    ask: list[Text] = Field(
        default_factory=list,
        max_length=4,
        description="Questions put to the manager (or the group) in this step, as spoken to him",
    )
    roles: list[RoleId] = Field(min_length=1, description="Ids of the roles that tend to serve here")
    planes: list[PlaneId] = Field(min_length=1, description="Ids of the planes that tend to open here")
    cards: list[QuestionId] = Field(
        default_factory=list, description="Ids of the manager's question cards to put on the table here"
    )


class Structure(Entry):
    """A way to run a session: its steps in order, each with a time, a purpose, roles and planes."""

    setting: Setting = Field(description="'individuel' (one manager) or 'groupe' (a group of managers)")
    participants: Text = Field(description="Who takes part, and how many")
    phases: list[PhaseId] = Field(min_length=1, description="Ids of the phases where this structure fits")
    shortest: int = Field(ge=15, le=480, description="The shortest total time, in minutes, it still works in")
    longest: int = Field(ge=15, le=480, description="The longest total time, in minutes, it is meant for")
    steps: list[StructureStep] = Field(min_length=3, max_length=10, description="The steps, in order")

    @property
    def total(self) -> int:
        """The reference total: the sum of the steps' benchmark times."""
        return sum(step.minutes for step in self.steps)

    @model_validator(mode="after")
    def _times(self) -> Structure:
        if self.shortest > self.longest:
            raise refuse("structure.shortest_longest", shortest=self.shortest, longest=self.longest)
        if not self.shortest <= self.total <= self.longest:
            raise refuse("structure.total", total=self.total, shortest=self.shortest, longest=self.longest)
        ids = [step.id for step in self.steps]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise refuse("structure.duplicate_step", id=twice[0])
        return self


# Question cards: the manager's deck, questions written to him ---------------------------------


class QuestionCard(Entry):
    """A card the manager picks up from the table: a few questions written to him, in his words,
    and nothing of the consultant's craft. `roles` and `planes` say whose questions they are."""

    questions: list[Text] = Field(
        min_length=2, max_length=4, description="Questions to the manager, as he reads them (« vous »)"
    )
    roles: list[RoleId] = Field(
        default_factory=list, description="Ids of the roles these questions come from"
    )
    planes: list[PlaneId] = Field(default_factory=list, description="Ids of the planes these questions open")


# Annotated sessions: a whole session told in its key moments, each annotated -----------------

CONSULTANT = "consultant"  # who says a line: the consultant, or a person of the session's `people`
PersonName = Annotated[Text, Field(max_length=40)]


class Person(Model):
    """Someone in the session besides the consultant: an invented first name and who he is."""

    name: PersonName = Field(description="An invented first name, used nowhere else in the guide")
    who: Annotated[Text, Field(max_length=300)] = Field(
        description="Who this person is, in a few words: his job, his place in the group"
    )


class SessionLine(Model):
    """One line of an exchange: who speaks, and what he says, as spoken."""

    who: PersonName = Field(description="'consultant', or the name of one of the session's 'people'")
    says: Annotated[Text, Field(max_length=600)] = Field(description="What is said, short, as spoken")


class Annotation(Model):
    """What is at play in a moment: the role, the plane, the principle, and the consultant's choice."""

    role: RoleId = Field(description="Id of the role the consultant plays at this moment")
    plane: PlaneId | None = Field(
        default=None,
        description="Id of the plane the exchange opens; none when only the frame is at play (a date fixed)",
    )
    principle: PrincipleId | None = Field(
        default=None, description="Id of the principle at stake, when one is"
    )
    choice: Annotated[Text, Field(max_length=900)] = Field(
        description="Le choix du consultant: what he chose to do, what he chose not to do, and why"
    )


class Moment(Model):
    """A key moment of the session: when, in which step of the structure, what is said, and its
    annotation; `before`, what happens without words (a silence, a note written, time kept)."""

    minute: int = Field(
        ge=0, le=240, description="Minute of the session when the moment starts (0: the start)"
    )
    step: Slug = Field(description="Id of the step of the session's structure this moment belongs to")
    before: Annotated[Text, Field(max_length=500)] | None = Field(
        default=None, description="Optional: what happens without words before the exchange"
    )
    lines: list[SessionLine] = Field(
        min_length=1, max_length=8, description="The exchange, in order: who speaks and what he says"
    )
    key: Annotated[Text, Field(max_length=100)] | None = Field(
        default=None,
        description="Optional: a moment not to miss, in a few words; listed at the top of the page",
    )
    note: Annotation = Field(description="The annotation: role, plane, principle, the consultant's choice")


class Session(Entry):
    """A session told from start to end in its key moments, each annotated (the guide's own)."""

    setting: Setting = Field(description="'individuel' (one manager) or 'groupe' (a group of managers)")
    structure: StructureId = Field(description="Id of the structure (deroules) the session follows")
    phase: PhaseId = Field(description="Id of the phase of the accompaniment it belongs to")
    number: int = Field(ge=1, le=40, description="Which session of the accompaniment it is: 4 for the fourth")
    duration: int = Field(ge=15, le=480, description="Length of the session, in minutes")
    context: Annotated[Text, Field(max_length=1500)] = Field(
        description="Who the manager (or the group) is, invented, and where the accompaniment stands"
    )
    agreed: Annotated[Text, Field(max_length=1000)] = Field(
        description="What was agreed before this session: the contract's aims, the last step chosen"
    )
    people: list[Person] = Field(
        min_length=1,
        max_length=10,
        description="The manager, or the group's members: who speaks besides the consultant",
    )
    moments: list[Moment] = Field(
        min_length=1, max_length=45, description="The key moments, in order, each annotated"
    )
    after: Annotated[Text, Field(max_length=1000)] | None = Field(
        default=None, description="Optional: what happens after the session (notes, the commanditaire)"
    )
