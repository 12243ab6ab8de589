"""Read one YAML content file safely, keeping the line of every field for error messages.

Authors' files are small mappings of text. Aliases and anchors are refused outright: they
are never needed here and they are what a "billion laughs" bomb is made of.

libyaml (PyYAML's C parser) builds the node tree when PyYAML was built with it: composing in
pure Python was nine tenths of the time of `guide validate`. A file where libyaml finds an
anchor, an alias or an error is parsed again by PyYAML's own parser, which refuses anchors
before building anything and gives the messages (and lines) the authors' errors are made of.

A ParseCache keeps what parsing gave for each file's exact bytes, as Python keeps .pyc files
for its modules: a file unchanged since the last run is not parsed again (its data is still
validated, every time).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .cache import store
from .errors import ContentError, Loc, field_path
from .messages import say

MAX_BYTES = 512 * 1024


@dataclass
class YamlDocument:
    """The data of one file and the line where each field path starts."""

    path: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int:
        """The line of the deepest known part of `loc` (1 for the file itself)."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line:
                return line
        return 1

    def error(self, loc: Loc, message: str, *, field: str | None = None) -> ContentError:
        """An error at `loc` of this file: its line and its field path (or `field`)."""
        shown = field_path(loc) if field is None else field
        return ContentError(self.path, self.line_of(loc), shown, message)


class ParseCache:
    """What parsing gave (data and lines) for files already seen, by the SHA-256 of their bytes,
    kept in one file per content folder under `cache_dir`.

    Only files that parsed without error are kept; a file's data is rebuilt from its bytes
    (marshal: plain values only, never code run) on every use, so nobody shares it. The cache
    file's name holds the versions of Python, PyYAML and this module's code: any of them
    changing starts afresh.
    """

    def __init__(self, cache_dir: Path, content_dir: Path) -> None:
        salt = f"{sys.version}\0{yaml.__version__}\0{_CLoader is not None}\0{content_dir.resolve()}\0"
        digest = hashlib.sha256(salt.encode() + Path(__file__).read_bytes()).hexdigest()[:32]
        self.file = cache_dir / f"parsed-{digest}.marshal"
        self.entries: dict[bytes, bytes] = {}
        self.used: dict[bytes, bytes] = {}
        self.missed = 0
        try:
            loaded = marshal.loads(self.file.read_bytes())
            if isinstance(loaded, dict):
                self.entries = loaded
        except (OSError, ValueError, EOFError, TypeError):
            pass

    def get(self, key: bytes) -> tuple[Any, dict[Loc, int]] | None:
        blob = self.entries.get(key)
        if blob is None:
            self.missed += 1
            return None
        self.used[key] = blob
        data, lines = marshal.loads(blob)
        return data, lines

    def put(self, key: bytes, data: Any, lines: dict[Loc, int]) -> None:
        with contextlib.suppress(ValueError):  # a value marshal cannot keep (a date): parsed again
            self.used[key] = marshal.dumps((data, lines))

    def save(self) -> None:
        """Write what this run used, when it differs from what was read; never fails a run."""
        if self.missed or self.used.keys() != self.entries.keys():
            store(self.file, marshal.dumps(self.used), pattern="parsed-*.marshal")


class YamlFileError(Exception):
    def __init__(self, error: ContentError) -> None:
        self.error = error
        super().__init__(str(error))


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases before building anything."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                problem="YAML anchors and aliases (&name, *name) are not allowed in content files; "
                "write the text out in full",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"


class _QuickResolver:
    """SafeLoader's tags for untagged nodes, in one short call (libyaml asks for each node).

    The same answers as yaml.resolver.Resolver, which also walks path resolvers: the safe
    loaders have none.
    """

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, Any]]]

    def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0] and value is not None:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node: Node | None, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


# None when PyYAML was built without libyaml.
_CLoader: Any = (
    type("_CLoader", (_QuickResolver, yaml.CSafeLoader), {}) if hasattr(yaml, "CSafeLoader") else None
)


def _compose(text: str) -> Node | None:
    """The node tree of `text`; raises yaml.YAMLError (anchors and aliases included)."""
    if _CLoader is not None:
        try:
            # A "&" or "*" is mostly Markdown emphasis: the events (libyaml too) tell.
            if not (("&" in text or "*" in text) and _has_anchor(text)):
                loader = _CLoader(text)
                try:
                    return loader.get_single_node()  # type: ignore[no-any-return]
                finally:
                    loader.dispose()
        except yaml.YAMLError:
            pass  # PyYAML's parser, below, reports it in the words the authors' errors use
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _has_anchor(text: str) -> bool:
    loader = _CLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return True
        return False
    finally:
        loader.dispose()


def read_yaml(path: Path, shown_as: str, cache: ParseCache | None = None) -> YamlDocument:
    """Parse `path`; raise YamlFileError with the file and line on any problem."""

    def fail(line: int, message: str) -> YamlFileError:
        return YamlFileError(ContentError(shown_as, line, "", message))

    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise fail(1, say("file.too_big", size=len(raw), limit=MAX_BYTES))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(line, say("file.not_utf8", byte=f"{raw[exc.start]:02x}")) from None
    key = hashlib.sha256(raw).digest() if cache is not None else b""
    if cache is not None and (known := cache.get(key)) is not None:
        return YamlDocument(shown_as, *known)
    document = parse_yaml(text.removeprefix("\ufeff"), shown_as)
    if cache is not None:
        cache.put(key, document.data, document.lines)
    return document


def parse_yaml(text: str, shown_as: str, *, what: str = "file") -> YamlDocument:
    """Parse the YAML `text` of `shown_as` (`what`: "file" or "front_matter"); raise YamlFileError
    with the line on any problem.
    A part of a file (a page's front matter) keeps the file's lines when `text` starts with as
    many empty lines as come before it."""

    def fail(line: int, message: str) -> YamlFileError:
        return YamlFileError(ContentError(shown_as, line, "", message))

    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        raise fail(*_syntax_error(exc, text)) from None
    except yaml.YAMLError as exc:
        raise fail(1, f"erreur de syntaxe YAML : {exc}") from None
    if node is None:
        raise fail(1, say(f"{what}.empty"))
    if not isinstance(node, MappingNode):
        kind = say("found.list" if isinstance(node, SequenceNode) else "found.single_value")
        raise fail(node.start_mark.line + 1, say(f"{what}.not_mapping", found=kind))
    lines: dict[Loc, int] = {(): node.start_mark.line + 1}
    constructor = yaml.SafeLoader("")
    try:
        try:
            data = _build(node, (), lines, constructor.construct_object)
        except _Unusual:
            data = constructor.construct_document(node)
            _record_lines(node, (), lines)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else 1
        if "constructor for the tag '!" in (exc.problem or ""):
            raise fail(
                line,
                f"ce texte commence par {_SPECIAL_STARTS['!']}, un signe que YAML lit comme une "
                f"instruction et non comme du texte : {_QUOTE_IT}",
            ) from None
        raise fail(line, f"erreur YAML : {exc.problem}") from None
    return YamlDocument(shown_as, data, lines)


class _Unusual(Exception):
    """A node that _build leaves to PyYAML's own constructor (merge keys, sets, complex keys)."""


def _build(node: Node, loc: Loc, lines: dict[Loc, int], scalar: Any) -> Any:
    """The data of `node`, as PyYAML's SafeConstructor builds it, recording each field's line.

    One walk instead of two, and texts taken as they are: the constructor's own walk was a
    third of the time of `guide validate` once libyaml composes.
    """
    kind = type(node)
    if kind is ScalarNode:
        return node.value if node.tag == _STR else scalar(node)
    if kind is SequenceNode and node.tag == _SEQ:
        items = []
        for index, item in enumerate(node.value):
            child = (*loc, index)
            lines[child] = item.start_mark.line + 1
            items.append(_build(item, child, lines, scalar))
        return items
    if kind is MappingNode and node.tag == _MAP:
        mapping = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode or key_node.tag == _MERGE:
                raise _Unusual
            child = (*loc, key_node.value)
            lines[child] = key_node.start_mark.line + 1
            key = key_node.value if key_node.tag == _STR else scalar(key_node)
            mapping[key] = _build(value_node, child, lines, scalar)
        return mapping
    raise _Unusual


def _record_lines(node: Node, loc: Loc, lines: dict[Loc, int]) -> None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else str(key_node.value)
            child = (*loc, key)
            lines[child] = key_node.start_mark.line + 1
            _record_lines(value_node, child, lines)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            child = (*loc, index)
            lines[child] = item.start_mark.line + 1
            _record_lines(item, child, lines)


_SPECIAL_STARTS = {
    "*": "« * » (une mise en italique ?)",
    "&": "« & »",
    "!": "« ! »",
    "@": "« @ »",
    "`": "« ` »",
    "%": "« % »",
    "[": "« [ »",
    "{": "« { »",
    "|": "« | »",
    ">": "« > »",
}
_QUOTE_IT = 'mettez tout le texte entre guillemets droits, par exemple summary: "*Un mot* puis la suite"'


def _line(text: str, number: int) -> str:
    lines = text.splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _shown(text: str, number: int) -> str:
    """A line of the file as the message shows it: its number, then the line between « »."""
    return f"ligne {number} : « {_line(text, number).rstrip()} »"


def _line_above(text: str, number: int) -> int:
    """The nearest line above `number` that holds something (not blank, not a comment)."""
    for above in range(number - 1, 0, -1):
        stripped = _line(text, above).strip()
        if stripped and not stripped.startswith("#"):
            return above
    return 0


_KEY = re.compile(r"^\s*(?:-\s+)?[^\s:#\"'][^:#]*?:(?:\s|$)")


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """Line and message, in French and saying what to do, of a YAML syntax error: the mistakes
    authors make (a « : » in a text, a tab, a line shifted, a quote inside quotes, a text that
    starts with a sign YAML reads as its own) each get their explanation; any other one says
    where it is and where such errors usually come from."""
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark
    line = mark.line + 1 if mark else 1
    column = mark.column if mark else 0
    here = _line(text, line)
    if "'\\t'" in problem or "\t" in problem:
        return line, _tab(text, line)
    if "anchors and aliases" in problem or "scanning an alias" in context or "scanning an anchor" in context:
        sign = "*" if "*" in here[: column + 2] or "alias" in context else "&"
        return line, (
            f"ce texte commence par {_SPECIAL_STARTS[sign]}, un signe que YAML lit comme une "
            f"instruction et non comme du texte : {_QUOTE_IT}"
        )
    if "cannot start any token" in problem:
        sign = problem.split("'")[1] if "'" in problem else ""
        shown = _SPECIAL_STARTS.get(sign, f"« {sign} »")
        return line, (
            f"ce texte commence par {shown}, un signe que YAML lit comme une instruction et non "
            f"comme du texte : {_QUOTE_IT}"
        )
    if "flow sequence" in context or "flow mapping" in context:
        start = exc.context_mark.line + 1 if exc.context_mark else line
        sign = "[" if "sequence" in context else "{"
        return start, (
            f"ce texte commence par {_SPECIAL_STARTS[sign]}, un signe que YAML lit comme une "
            f"instruction et non comme du texte : {_QUOTE_IT}"
        )
    if "scanning a quoted scalar" in context:
        start = exc.context_mark.line + 1 if exc.context_mark else line
        return start, (
            "un guillemet ouvert ici n’est jamais fermé : fermez le texte par le même guillemet "
            "(\" ou ') à la fin de la phrase"
        )
    if problem == "mapping values are not allowed here":
        key = _KEY.match(here)
        if key and key.end() <= column:
            return line, (
                "ce texte contient « : », que YAML prend pour une nouvelle clé. Mettez la phrase "
                'entre guillemets droits ("…"), ou écrivez « >- » après la clé et le texte sur '
                f"les lignes suivantes, décalées de deux espaces. {_shown(text, line)}"
            )
        return line, _indentation(text, line)
    if "but found '<scalar>'" in problem or "but found '<block mapping start>'" in problem:
        before = here[:column]
        if "but found '<scalar>'" in problem and (before.count('"') >= 2 or before.count("'") >= 2):
            quote = '"' if before.count('"') >= 2 else "'"
            if quote == "'" and _is_apostrophe(here, column):
                return line, (
                    "une apostrophe dans un texte entre apostrophes le termine trop tôt : doublez-la "
                    "(l''équipe) ou entourez le texte de guillemets droits (\"…\"). " + _shown(text, line)
                )
            # The other kind of quotes, told with what it asks: inside '…', an apostrophe is doubled.
            other = (
                "d’apostrophes ('…') en doublant chaque apostrophe du texte (l''équipe)"
                if quote == '"'
                else 'de guillemets droits ("…")'
            )
            return line, (
                f"ce texte entre guillemets ({quote}) contient lui-même un guillemet {quote}, qui "
                "le termine trop tôt. Écrivez les guillemets du texte à la française (« … »), "
                f"ou entourez le texte {other}. {_shown(text, line)}"
            )
        return line, _indentation(text, line)
    if "could not find expected ':'" in problem or "did not find expected key" in problem:
        start = exc.context_mark.line + 1 if exc.context_mark and "simple key" in context else line
        return start, (
            "cette ligne n’a pas la forme « clé: valeur » attendue : si elle continue le texte de la "
            "ligne du dessus, décalez-la comme lui ; sinon ajoutez « : » après la clé. " + _shown(text, start)
        )
    if "expected <block end>" in problem or "did not find expected '-'" in problem:
        return line, _indentation(text, line)
    where = f"{problem} ({context})" if context else problem
    return line, (
        f"erreur de syntaxe YAML ({where or 'fichier illisible'}) : vérifiez les guillemets, les « : » "
        f"et les décalages de cette ligne et de celle du dessus. {_shown(text, line)}"
    )


def _is_apostrophe(here: str, column: int) -> bool:
    """Whether the single quote that ended a '…' text early, just before `column`, is a typed
    apostrophe (a letter on each side: l'équipe) rather than a quotation mark."""
    end = here.rfind("'", 0, column)
    return 0 < end < len(here) - 1 and here[end - 1].isalpha() and here[end + 1].isalpha()


def _tab(text: str, line: int) -> str:
    """A tab: use spaces, two more than the key the line belongs to; when the line above is
    that key (it ends with « : »), the right number of spaces is told."""
    message = (
        "une tabulation décale cette ligne : YAML n’accepte que des espaces. Remplacez la "
        "tabulation par des espaces : la ligne est décalée de deux espaces de plus que la clé "
        "dont elle dépend, comme ses voisines"
    )
    above = _line_above(text, line)
    parent = _line(text, above)
    if above and parent.rstrip().endswith(":") and "\t" not in parent:
        spaces = len(parent) - len(parent.lstrip(" ")) + 2
        message += f" ; ici {spaces} espaces, car elle dépend de la clé de la {_shown(text, above)}"
    return message


def _indentation(text: str, line: int) -> str:
    above = _line_above(text, line)
    shown_above = f" ; celle du dessus, {_shown(text, above)}" if above else ""
    return (
        "cette ligne est décalée trop ou pas assez : une clé d’un même groupe commence à la même "
        "colonne que la précédente, et un élément de liste (« - ») deux espaces plus loin que sa "
        f"clé. Alignez-la sur la ligne du dessus. {_shown(text, line)}{shown_above}"
    )
