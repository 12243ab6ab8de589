"""Content errors: each one names the file, the line and the field, and says what is allowed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

Loc = tuple[str | int, ...]  # where a value sits in a file's data: ("examples", 2, "words")


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one content file."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ContentErrors(Exception):
    """Every problem found in one run, listed at once."""

    def __init__(self, errors: Iterable[ContentError]) -> None:
        self.errors: Sequence[ContentError] = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        head = f"{count} erreur{'s' if count > 1 else ''} dans le contenu du guide :"
        return "\n".join([head, *(f"  {error}" for error in self.errors)])


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as authors know it: relative to the project root when possible."""
    base = root if root is not None else Path.cwd()
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def field_path(loc: Loc) -> str:
    """`('examples', 2, 'words')` -> `examples[3].words` (items counted from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out
