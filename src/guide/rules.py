"""Editorial rules on the guide as a whole, which no single file's model can check.

    Content (validated) + docs/*.md + templates/ --RULES--> ContentError(file, line, field, message)

`guide validate` and the build run every rule of RULES; the test suite calls the same functions
(tests/test_editorial.py, tests/test_validate.py), so a rule a test holds on content is a rule
`validate` reports, with the file, the line and the field, in French. Straight apostrophes are
not a rule here: they are made French when the content is loaded (guide.models) and when a page
is rendered (guide.typography).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .content import Content
from .errors import ContentError, Loc, display_path, field_path
from .messages import say
from .models import CONSULTANT
from .reading import generated_reading_words, words

FIRST_NAMES_FILE = Path(__file__).with_name("first_names.txt")
# Pages that name real people (authors of the references), not characters of the guide.
REAL_PEOPLE = {"docs/lectures.md"}
PUBLISHER_FILE = "publisher.yml"  # names the firm's real people, never the guide's characters
WORD = re.compile(r"[^\W\d_]+")


def first_names() -> frozenset[str]:
    """The first names looked for (one a line; `#` starts a comment)."""
    lines = FIRST_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class Project:
    """What the rules read: the validated content and the files around it."""

    root: Path  # the project: content/, docs/, templates/
    content: Content
    docs: Path
    templates: Path

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)

    def error(self, key: str, entry_id: str, loc: Loc, message: str) -> ContentError:
        """An error on a field of a content entry (`key` a collection or a single file)."""
        lines = self.content.lines.get((key, entry_id), {})
        line = next((lines[loc[:end]] for end in range(len(loc), -1, -1) if loc[:end] in lines), 1)
        return ContentError(self.content.source(key, entry_id), line, field_path(loc), message)

    def guide_files(self) -> list[Path]:
        """Every file whose text a reader sees: content, hand-written pages, page templates."""
        return sorted(
            [
                *(self.content.root.rglob("*.yml")),
                *(self.docs.rglob("*.md")),
                *(self.templates.glob("*.j2")),
            ]
        )


def _age(path: Path | str) -> float:
    """When a file was last changed: of two files that clash, the one changed last is told."""
    try:
        return Path(path).stat().st_mtime
    except OSError:
        return 0.0


def _field_at_line(project: Project, file: Path, line: int) -> str:
    """The field of a content file that holds `line` ("" for other files)."""
    shown = project.shown(file)
    for (key, entry_id), source in project.content.sources.items():
        if source == shown:
            lines = project.content.lines.get((key, entry_id), {})
            best: tuple[int, int, Loc] = (0, 0, ())
            for loc, start in lines.items():
                if start <= line and (start, len(loc)) > best[:2]:
                    best = (start, len(loc), loc)
            return field_path(best[2])
    return ""


# First names -----------------------------------------------------------------------------


def check_first_names(project: Project) -> list[ContentError]:
    """A first name names one person: found in two files, it names two people (or one person
    told twice). Reported in every file but the first that uses it."""
    names = first_names()
    found: dict[str, list[tuple[Path, int]]] = defaultdict(list)
    for file in project.guide_files():
        if file.is_relative_to(project.docs) and f"docs/{file.relative_to(project.docs)}" in REAL_PEOPLE:
            continue
        if file == project.content.root / PUBLISHER_FILE:  # real people: the director of publication
            continue
        seen: set[str] = set()
        for number, row in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            for word in WORD.findall(row):
                if word in names and word not in seen:
                    seen.add(word)
                    found[word].append((file, number))
    errors = []
    for name, places in sorted(found.items()):
        places.sort(key=lambda place: _age(place[0]))
        first = project.shown(places[0][0])
        for file, line in places[1:]:
            errors.append(
                ContentError(
                    project.shown(file),
                    line,
                    _field_at_line(project, file, line),
                    f"le prénom « {name} » est déjà celui d’une personne de {first} : un prénom ne "
                    "désigne qu’une personne dans tout le guide, choisissez-en un que le guide "
                    "n’emploie pas encore",
                )
            )
    return errors


# What the consultant says ----------------------------------------------------------------


@dataclass(frozen=True)
class Spoken:
    """Words the guide puts in the consultant's mouth, and where."""

    path: str
    line: int
    field: str
    words: str
    owner: str  # repeats within one owner (a role's examples, one case) are not counted


def interventions(project: Project) -> list[Spoken]:
    """Every intervention of the guide: roles' examples, the matrix's, cases' and annotated
    sessions' consultant lines, and the quotes of the hand-written pages."""
    c = project.content
    spoken = [
        Spoken(*_where(project, "roles", r.id, ("examples", i, "words")), e.words, f"roles/{r.id}")
        for r in c.roles.values()
        for i, e in enumerate(r.examples)
    ]
    spoken += [
        Spoken(*_where(project, "matrix", "", ("cells", i, "examples", j)), words, f"matrix/{i}")
        for i, cell in enumerate(c.matrix.cells)
        for j, words in enumerate(cell.examples)
    ]
    spoken += [
        Spoken(*_where(project, "scenarios", s.id, ("dialogue", i)), line.words, f"scenarios/{s.id}")
        for s in c.scenarios.values()
        for i, line in enumerate(s.dialogue)
        if line.consultant
    ]
    spoken += [
        Spoken(
            *_where(project, "sessions", s.id, ("moments", i, "lines", j, "says")),
            line.says,
            f"sessions/{s.id}",
        )
        for s in c.sessions.values()
        for i, moment in enumerate(s.moments)
        for j, line in enumerate(moment.lines)
        if line.who == CONSULTANT
    ]
    for page in sorted(project.docs.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for quote in re.finditer(r"«\s*([^»]{15,}?)\s*»", text):
            line = text.count("\n", 0, quote.start()) + 1
            shown = project.shown(page)
            spoken.append(Spoken(shown, line, "", quote.group(1), shown))
    return spoken


def _oldest_first(project: Project, spoken: list[Spoken]) -> list[Spoken]:
    """The interventions, those of the files changed last at the end (a stable sort)."""
    return sorted(spoken, key=lambda s: _age(project.root / s.path))


def _where(project: Project, key: str, entry_id: str, loc: Loc) -> tuple[str, int, str]:
    error = project.error(key, entry_id, loc, "")
    return error.path, error.line, error.field


# Moves that wore thin from reuse: each may appear in one intervention of the whole guide.
WORN_MOVES = {
    "« la troisième fois »": re.compile(r"troisième fois", re.I),
    "« ce que ça coûte »": re.compile(r"\bco[uû]t(e|ent|er)\b", re.I),
    "« vous répétez les mêmes mots »": re.compile(
        r"même(s)? (mot|phrase)|cette répétition|vous répétez", re.I
    ),
}


def check_worn_moves(project: Project) -> list[ContentError]:
    errors = []
    spoken = _oldest_first(project, interventions(project))
    for move, pattern in WORN_MOVES.items():
        uses = [s for s in spoken if pattern.search(s.words)]
        for use in uses[1:]:
            errors.append(
                ContentError(
                    use.path,
                    use.line,
                    use.field,
                    f"le tour {move} sert déjà dans {uses[0].path}:{uses[0].line} : un tour usé ne "
                    "revient qu’une fois dans le guide, dites-le autrement",
                )
            )
    return errors


def _normalized_words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("’", "'"))


def check_shared_sentences(project: Project) -> list[ContentError]:
    """No run of eight words said by the consultant in one place is said again elsewhere."""
    seen: dict[tuple[str, ...], Spoken] = {}
    errors = []
    for spoken in _oldest_first(project, interventions(project)):
        tokens = _normalized_words(spoken.words)
        for i in range(len(tokens) - 7):
            run = tuple(tokens[i : i + 8])
            first = seen.setdefault(run, spoken)
            if first.owner != spoken.owner:
                errors.append(
                    ContentError(
                        spoken.path,
                        spoken.line,
                        spoken.field,
                        f"« {' '.join(run)} » est déjà dit dans {first.path}:{first.line} : chaque "
                        "intervention du consultant a ses propres mots",
                    )
                )
                break
    return errors


# Sheets ----------------------------------------------------------------------------------


def check_sheets_copy_no_text(project: Project) -> list[ContentError]:
    """A sheet pulls the method's texts by id (roles: [miroir]); it never copies them."""
    texts = [
        (key, entry.id, " ".join(entry.summary.split()))
        for key in ("roles", "planes", "principles", "contrasts")
        for entry in project.content.collection(key).values()
    ]
    errors = []
    for sheet in project.content.worksheets.values():
        file = project.root / project.content.source("worksheets", sheet.id)
        raw = file.read_text(encoding="utf-8")
        flat = " ".join(raw.replace("’", "'").split())
        for key, entry_id, text in texts:
            start = " ".join(text[:60].replace("’", "'").split())
            if start in flat:
                first_word = start.split()[0]
                line = next((n for n, row in enumerate(raw.splitlines(), 1) if first_word in row), 1)
                errors.append(
                    ContentError(
                        project.shown(file),
                        line,
                        _field_at_line(project, file, line),
                        f"cette fiche recopie le résumé de {key}/{entry_id} : nommez-le par son id "
                        f"dans la section ({key}: [{entry_id}]), la fiche affichera son texte",
                    )
                )
    return errors


_MANAGER_SPEAKS = re.compile(r"\b(j’ai appris|je m’en servirai|mes objectifs|d’où je suis parti)\b", re.I)
_MANAGER_NAMED = re.compile(r"\b(le|du|au) manager\b", re.I)


def check_sheet_voice(project: Project) -> list[ContentError]:
    """« je » is whoever fills the sheet in: the manager on his sheets, the consultant on his."""
    errors = []
    for sheet in project.content.worksheets.values():
        for i, section in enumerate(sheet.sections):
            texts: list[tuple[Loc, str]] = [(("sections", i, "title"), section.title)]
            if section.intro:
                texts.append((("sections", i, "intro"), section.intro))
            texts += [(("sections", i, "prompts", j), p) for j, p in enumerate(section.prompts)]
            texts += [(("sections", i, "columns", j), c) for j, c in enumerate(section.columns)]
            for loc, text in texts:
                if sheet.audience in ("manager", "groupe") and (found := _MANAGER_NAMED.search(text)):
                    message = (
                        f"« {found.group(0)} » : cette fiche est remplie par le manager, elle lui parle "
                        "à la deuxième personne ou le fait parler à la première (« mes objectifs »)"
                    )
                elif sheet.audience == "consultant" and (found := _MANAGER_SPEAKS.search(text)):
                    message = (
                        f"« {found.group(0)} » : cette fiche est remplie par le consultant, le « je » "
                        "y est le sien ; parlez du manager à la troisième personne"
                    )
                else:
                    continue
                errors.append(project.error("worksheets", sheet.id, loc, message))
    return errors


# Cases -----------------------------------------------------------------------------------

MIN_CASE_TAGS = 3


def check_case_tags(project: Project) -> list[ContentError]:
    return [
        project.error(
            "scenarios",
            s.id,
            ("tags",),
            f"un cas a au moins {MIN_CASE_TAGS} mots-clés (tags), il en a {len(s.tags)} : ajoutez "
            "les mots qu’un lecteur taperait pour le trouver",
        )
        for s in project.content.scenarios.values()
        if len(s.tags) < MIN_CASE_TAGS
    ]


# The « À propos » page ---------------------------------------------------------------------


def _squash(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f*«»\-‐]", "", text).replace("’", "'")


def check_a_propos(project: Project) -> list[ContentError]:
    """docs/a-propos.md names every role, and every theme and principle the guide adds to the
    article."""
    page = project.docs / "a-propos.md"
    if not page.is_file():
        return []
    text = _squash(page.read_text(encoding="utf-8"))
    c = project.content
    wanted: list[tuple[str, str, Loc, str]] = [
        ("planes", p.id, ("themes", i, "name"), t.name)
        for p in c.planes.values()
        for i, t in enumerate(p.themes)
        if not t.from_article
    ]
    wanted += [("principles", p.id, ("name",), p.name) for p in c.principles.values() if not p.from_article]
    wanted += [("roles", r.id, ("name",), r.name) for r in c.roles.values()]
    return [
        project.error(
            key,
            entry_id,
            loc,
            f"« {name} » n’est pas nommé dans {project.shown(page)} : cette page dit ce qui vient de "
            "l’article et ce que le guide ajoute, ajoutez-le à la bonne liste",
        )
        for key, entry_id, loc, name in wanted
        if _squash(name) not in text
    ]


# The client explainer (docs/decouvrir.md) -----------------------------------------------

EXPLAINER = "decouvrir.md"
# Martine's two questions, as the article reports them: quoted word for word, never reworded.
MARTINE_FIRST = "« Je ne comprends rien à ce que tu fais ? »"
# Then, in the article's next sentence (kept apart here: the two together would be a run of the
# article's words in the code, which the verbatim check rightly refuses):
MARTINE_THEN = "« Tu accompagnes des managers ? Où, pourquoi, comment ? »"
MARTINE_QUOTES = (MARTINE_FIRST, MARTINE_THEN)
DEDICATION_START = "Elizabeth Gauthier a dédié"
# The questions a client asks, each answered under its own heading (the start of the heading).
EXPLAINER_HEADINGS = ("Qui le demande, qui le paie", "Où ?", "Pourquoi ?", "Comment ? Une séance, du début")
# About seven minutes of reading.
EXPLAINER_MAX_WORDS = 1500


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, max(index, 0)) + 1


def _explainer(project: Project) -> tuple[Path, str] | None:
    page = project.docs / EXPLAINER
    return (page, page.read_text(encoding="utf-8")) if page.is_file() else None


def _first_paragraph(text: str) -> tuple[int, str]:
    """Where the first paragraph under the page's title starts, and its text."""
    title = re.search(r"^# .*$", text, re.M)
    if title is None:
        return 1, ""
    rest = text[title.end() :]
    found = re.search(r"\S.*?(?=\n\s*\n|\Z)", rest, re.S)
    if found is None:
        return _line_of(text, title.start()), ""
    return _line_of(text, title.end() + found.start()), found.group(0)


def check_explainer_quotes(project: Project) -> list[ContentError]:
    """The explainer quotes Martine's two questions word for word, and its first paragraph
    credits the dedication to the author and names Martine."""
    found = _explainer(project)
    if found is None:
        return []
    page, text = found
    line, first = _first_paragraph(text)
    shown = project.shown(page)
    errors = [
        ContentError(
            shown,
            line,
            "",
            f"la page cite mot pour mot la question de Martine {quote}, telle que l’article la "
            "rapporte : remettez-la exactement ainsi (guillemets « » compris)",
        )
        for quote in MARTINE_QUOTES
        if quote not in text
    ]
    if not (first.startswith(DEDICATION_START) and "Martine" in first):
        errors.append(
            ContentError(
                shown,
                line,
                "",
                f"le premier paragraphe sous le titre commence par « {DEDICATION_START} » et nomme "
                "Martine : la dédicace revient à l’autrice de l’article",
            )
        )
    return errors


def check_explainer_questions(project: Project) -> list[ContentError]:
    """The explainer answers the client's questions, each under its heading, and compares the
    accompaniment with therapy, training, mentoring and consulting."""
    found = _explainer(project)
    if found is None:
        return []
    page, text = found
    shown = project.shown(page)
    headings = re.findall(r"^## (.+)$", text, re.M)
    errors = [
        ContentError(
            shown,
            1,
            "",
            f"il manque le titre « ## {expected}… » : cette page répond à chaque question d’un "
            "client sous son propre titre, gardez-en le début mot pour mot",
        )
        for expected in EXPLAINER_HEADINGS
        if not any(h.startswith(expected) for h in headings)
    ]
    start = text.find("| **Une thérapie**")
    table = text[start:] if start >= 0 else ""
    for other in ("thérapie", "formation", "mentorat", "conseil"):
        if not any(f"**{article} {other}**" in table for article in ("Une", "Un", "Le")):
            errors.append(
                ContentError(
                    shown,
                    _line_of(text, start) if start >= 0 else 1,
                    "",
                    f"le tableau qui commence par « | **Une thérapie** » compare l’accompagnement à "
                    f"« {other} » en gras (« **Un {other}** » ou « **Une {other}** ») : remettez sa ligne",
                )
            )
    return errors


def explainer_words(text: str) -> int:
    """Words of the explainer's running text, links' addresses and front matter left out, French
    elisions counted apart (« l’équipe » is two)."""
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    body = re.sub(r"\]\([^)]*\)", "]", body)
    return len([w for w in re.split(r"[\s’']+", body) if re.search(r"\w", w)])


def check_explainer_length(project: Project) -> list[ContentError]:
    """The explainer reads in about seven minutes: at most EXPLAINER_MAX_WORDS words."""
    found = _explainer(project)
    if found is None:
        return []
    page, text = found
    words = explainer_words(text)
    if words <= EXPLAINER_MAX_WORDS:
        return []
    return [
        ContentError(
            project.shown(page),
            1,
            "",
            f"la page compte {words} mots, au plus {EXPLAINER_MAX_WORDS} (sept minutes de lecture) : "
            f"retirez-en {words - EXPLAINER_MAX_WORDS}",
        )
    ]


# The sponsor's one name ------------------------------------------------------------------

SPONSOR_OTHER_NAMES = re.compile(r"\bDRH\b|\b(?:le|au|du) client\b|entreprise cliente|sponsor", re.I)


def check_sponsor_name(project: Project) -> list[ContentError]:
    """Who asks for and pays the accompaniment has one name in the guide's own pages: the
    commanditaire. The glossary's `synonyms` (what a reader may type in search) are exempt."""
    content_dir = project.content.root
    files = [
        *sorted(project.docs.glob("*.md")),
        *(
            file
            for folder in ("phases", "principles", "worksheets")
            for file in sorted((content_dir / folder).glob("*.yml"))
        ),
        content_dir / "confidentiality.yml",
    ]
    errors = []
    for file in files:
        if not file.is_file():
            continue
        for number, row in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if found := SPONSOR_OTHER_NAMES.search(row):
                errors.append(
                    ContentError(
                        project.shown(file),
                        number,
                        _field_at_line(project, file, number),
                        _sponsor_message(found.group(0)),
                    )
                )
    for i, term in enumerate(project.content.glossary.terms):
        texts: list[tuple[Loc, str]] = [(("terms", i, "term"), term.term)]
        texts += [(("terms", i, "definition"), term.definition or "")]
        texts += [(("terms", i, "aliases", j), alias) for j, alias in enumerate(term.aliases)]
        for loc, value in texts:
            if found := SPONSOR_OTHER_NAMES.search(value):
                errors.append(project.error("glossary", "", loc, _sponsor_message(found.group(0))))
    return errors


def _sponsor_message(word: str) -> str:
    return (
        f"« {word} » : celui qui demande et paie l’accompagnement s’appelle partout « le "
        "commanditaire » (un autre nom ferait croire à une autre personne)"
    )


# Only the confidentiality frame states the limits ----------------------------------------

FRAME_FILE = "confidentiality.yml"
FRAME_LIMITS = re.compile(
    r"danger grave|danger immédiat|péril|crime qu|non-assistance|"
    r"sans attendre (?:son|l’|votre|leur) accord|qui (?:prévenir|alerter)|"
    r"obligation de (?:dénoncer|signaler)|secret professionnel|maltrait|mauvais traitements",
    re.I,
)
_NOT_A_NUMBER_TO_CALL = (
    r"(?![\s\u00a0\u202f]*(?:h\b|heures?|min|minutes|jours?|semaines?|mois|ans|%|€|salariés|"
    r"personnes|agents|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    r"novembre|décembre))"
)
FRAME_EMERGENCY = re.compile(
    r"\b(?:3114|112|114|119)\b"
    + _NOT_A_NUMBER_TO_CALL
    + r"|\b(?:le|au|du|composer le|appeler le)[\s\u00a0]+1[578]\b"
    + _NOT_A_NUMBER_TO_CALL,
    re.I,
)
FRAME_ARTICLE = re.compile(
    r"\barticles?[\s\u00a0]+(?:[LRD]\.?[\s\u00a0]?)?\d+(?:-\d+)+"
    r"|\b[LRD]\.?[\s\u00a0]?\d{3,4}-\d+(?:-\d+)*\b"
    r"|\bcode (?:pénal|du travail|de procédure pénale|civil|de la santé publique)\b",
    re.I,
)
FRAME_ONLY = (
    (FRAME_LIMITS, "une limite de la confidentialité"),
    (FRAME_EMERGENCY, "un numéro d’urgence"),
    (FRAME_ARTICLE, "un article de loi"),
)


def check_frame_only(project: Project) -> list[ContentError]:
    """The limits of confidentiality, an emergency number, an article of law are stated once, in
    content/confidentiality.yml; every other text shows them by inserting the frame."""
    own = project.content.root / FRAME_FILE
    errors = []
    for file in project.guide_files():
        if file == own:
            continue
        for number, row in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if file.suffix == ".yml" and row.lstrip().startswith("#"):
                continue  # a YAML comment is not published
            for pattern, what in FRAME_ONLY:
                for found in pattern.finditer(row):
                    errors.append(
                        ContentError(
                            project.shown(file),
                            number,
                            _field_at_line(project, file, number),
                            f"« {found.group(0)} » : {what} ne s’écrit que dans "
                            f"content/{FRAME_FILE} ; ici, insérez le cadre (dans une page "
                            "[[confidentialite: …]], dans un cas ou une fiche son champ "
                            "confidentiality) au lieu de le redire",
                        )
                    )
    return errors


# Pages that point at the frame for what the commanditaire learns, never list it again.
FRAME_POINTING_PAGES = ("decouvrir.md", "accompagnement.md", "posture.md", "individuel-collectif.md")
SPONSOR_LEARNS = re.compile(r"(L’entreprise|Elle) (peut savoir|ne reçoit pas)")


def check_frame_not_relisted(project: Project) -> list[ContentError]:
    """The explainer and the method pages insert the frame's list of what the commanditaire
    learns ([[confidentialite: …]]) instead of writing a list of their own."""
    errors = []
    for name in FRAME_POINTING_PAGES:
        page = project.docs / name
        if not page.is_file():
            continue
        text = page.read_text(encoding="utf-8").replace("'", "’")
        for found in SPONSOR_LEARNS.finditer(text):
            errors.append(
                ContentError(
                    project.shown(page),
                    _line_of(text, found.start()),
                    "",
                    f"« {found.group(0)} » : ce que le commanditaire apprend est dit une fois, dans "
                    f"content/{FRAME_FILE} ; insérez-le ([[confidentialite: "
                    "ce-que-sait-le-commanditaire]]) au lieu d’en écrire une autre liste",
                )
            )
    return errors


# A role page's length ------------------------------------------------------------------------

# About five minutes of reading (issue 16).
ROLE_MAX_WORDS = 1000


def role_page_words(content: Content, templates: Path) -> dict[str, int]:
    """Words of each role's page as a reader reads it, above the lists of links that close it
    (the core's page, counted as the built site's article is: guide.reading.reading_words), by
    role id. Adding a case or a session elsewhere lengthens those lists, never this count."""
    from .pages import collection_pages
    from .render import Renderer

    pages = collection_pages(Renderer(content, templates), "roles")
    next(pages)  # the index page
    return {
        role.id: generated_reading_words(page.markdown, role.tags)
        for role, page in zip(content.roles.values(), pages, strict=True)
    }


def _field_words(value: object) -> int:
    if isinstance(value, str):
        return words(value)
    if isinstance(value, dict):
        return sum(_field_words(item) for item in value.values())
    if isinstance(value, list | tuple):
        return sum(_field_words(item) for item in value)
    return 0


def check_role_length(project: Project) -> list[ContentError]:
    """A role page reads in about five minutes: at most ROLE_MAX_WORDS words, reported on the
    role's file at the field that weighs most, the next heaviest named."""
    errors = []
    for role_id, count in role_page_words(project.content, project.templates).items():
        if count <= ROLE_MAX_WORDS:
            continue
        role = project.content.roles[role_id]
        fields = {
            name: _field_words(value)
            for name, value in role.model_dump().items()
            if name not in ("id", "order", "tags")
        }
        heaviest = sorted(fields, key=lambda name: -fields[name])[:3]
        shown = ", ".join(say("role.field_words", field=name, words=fields[name]) for name in heaviest)
        message = say(
            "role.too_long", words=count, limit=ROLE_MAX_WORDS, over=count - ROLE_MAX_WORDS, heaviest=shown
        )
        errors.append(project.error("roles", role_id, (heaviest[0],), message))
    return errors


@dataclass(frozen=True)
class Rule:
    name: str
    check: Callable[[Project], list[ContentError]]


RULES: tuple[Rule, ...] = (
    Rule("first-names", check_first_names),
    Rule("worn-moves", check_worn_moves),
    Rule("shared-sentences", check_shared_sentences),
    Rule("sheets-copy-no-text", check_sheets_copy_no_text),
    Rule("sheet-voice", check_sheet_voice),
    Rule("case-tags", check_case_tags),
    Rule("a-propos", check_a_propos),
    Rule("explainer-quotes", check_explainer_quotes),
    Rule("explainer-questions", check_explainer_questions),
    Rule("explainer-length", check_explainer_length),
    Rule("role-length", check_role_length),
    Rule("sponsor-name", check_sponsor_name),
    Rule("frame-only", check_frame_only),
    Rule("frame-not-relisted", check_frame_not_relisted),
)


def check_rules(project: Project) -> Iterator[ContentError]:
    for rule in RULES:
        yield from rule.check(project)
