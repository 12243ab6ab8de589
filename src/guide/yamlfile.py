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
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .cache import store
from .errors import ContentError, Loc, field_path

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
        raise fail(1, f"file is {len(raw)} bytes; content files are limited to {MAX_BYTES} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(
            line,
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it with the UTF-8 encoding",
        ) from None
    key = hashlib.sha256(raw).digest() if cache is not None else b""
    if cache is not None and (known := cache.get(key)) is not None:
        return YamlDocument(shown_as, *known)
    text = text.removeprefix("\ufeff")
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        raise fail(*_syntax_error(exc)) from None
    except yaml.YAMLError as exc:
        raise fail(1, f"YAML syntax error: {exc}") from None
    if node is None:
        raise fail(1, "file is empty; it should hold a mapping of fields (key: value)")
    if not isinstance(node, MappingNode):
        kind = "a list" if isinstance(node, SequenceNode) else "a single value"
        raise fail(
            node.start_mark.line + 1,
            f"expected a mapping of fields (key: value) at the top of the file, found {kind}",
        )
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
        raise fail(mark.line + 1 if mark else 1, f"YAML error: {exc.problem}") from None
    if cache is not None:
        cache.put(key, data, lines)
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


def _syntax_error(exc: yaml.MarkedYAMLError) -> tuple[int, str]:
    """Line and message of a YAML error; an unclosed construct is reported where it starts."""
    problem = exc.problem or "invalid YAML"
    problem_line = exc.problem_mark.line + 1 if exc.problem_mark else 1
    if exc.context and exc.context_mark:
        start = exc.context_mark.line + 1
        if start != problem_line:
            return (
                start,
                f"YAML syntax error {exc.context} that starts here: {problem} at line {problem_line}",
            )
        return start, f"YAML syntax error {exc.context}: {problem}"
    return problem_line, f"YAML syntax error: {problem}"
