"""What an author needs besides `guide validate`, without git (AUTEURS.md):

    guide prochain              the next free `order` of each collection, the first names taken
    guide paquet                content/ and docs/ into one zip file, to send to the team
    guide appliquer FICHIER.zip the zip checked in a scratch folder, then put in place of
                                content/ and docs/ (the old ones kept in .cache/guide/avant-*.zip)

Nothing of the project is touched unless the zip's content passes every check of validate.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from .catalog import COLLECTIONS
from .content import Content
from .errors import ContentError, ContentErrors

FOLDERS = ("content", "docs")
MAX_FILES = 2000
MAX_BYTES = 50 * 1024 * 1024


def next_orders(content: Content) -> dict[str, int]:
    """For each collection, the `order` that follows the largest one used."""
    return {
        spec.key: max((e.order for e in content.collection(spec.key).values()), default=0) + 1
        for spec in COLLECTIONS
    }


def make_package(project: Path, target: Path | None = None) -> Path:
    """content/ and docs/ of `project` in one zip file (in `project` unless `target` says)."""
    stamp = time.strftime("%Y-%m-%d-%H%M")
    target = target or project / f"guide-contenu-{stamp}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder in FOLDERS:
            for file in sorted((project / folder).rglob("*")):
                if file.is_file() and not any(part.startswith(".") for part in file.parts[-3:]):
                    archive.write(file, file.relative_to(project).as_posix())
    return target


def _members(archive: zipfile.ZipFile, shown: str) -> list[zipfile.ZipInfo]:
    """The files of the zip, each under content/ or docs/; anything else refuses the whole zip."""
    members = [info for info in archive.infolist() if not info.is_dir()]
    errors = []
    if len(members) > MAX_FILES or sum(info.file_size for info in members) > MAX_BYTES:
        errors.append(ContentError(shown, 0, "", "ce paquet est trop gros pour un paquet de contenu"))
    for info in members:
        path = PurePosixPath(info.filename)
        if path.is_absolute() or ".." in path.parts or path.parts[0] not in FOLDERS:
            errors.append(
                ContentError(
                    shown,
                    0,
                    "",
                    f"le fichier « {info.filename} » n’est pas dans content/ ni dans docs/ : "
                    "refaites le paquet avec `guide paquet`",
                )
            )
    for folder in FOLDERS:
        if not any(PurePosixPath(info.filename).parts[0] == folder for info in members):
            errors.append(
                ContentError(shown, 0, "", f"le paquet ne contient pas de dossier {folder}/ : refaites-le")
            )
    if errors:
        raise ContentErrors(errors)
    return members


def apply_package(
    package: Path, project: Path, validate: Callable[[Path, Path], object], *, keep_dir: Path
) -> Path:
    """Check the zip's content/ and docs/ with `validate(content, docs)` (raises ContentErrors),
    then put them in place of the project's; return the zip of the old ones."""
    shown = package.name
    if not zipfile.is_zipfile(package):
        raise ContentErrors([ContentError(shown, 0, "", "ce fichier n’est pas un paquet .zip")])
    with tempfile.TemporaryDirectory(prefix="guide-paquet-") as scratch:
        root = Path(scratch)
        with zipfile.ZipFile(package) as archive:
            for info in _members(archive, shown):
                out = root / info.filename
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(archive.read(info))
        validate(root / "content", root / "docs")
        keep_dir.mkdir(parents=True, exist_ok=True)
        kept = make_package(project, keep_dir / f"avant-{time.strftime('%Y-%m-%d-%H%M%S')}.zip")
        for folder in FOLDERS:
            shutil.rmtree(project / folder)
            shutil.copytree(root / folder, project / folder)
    return kept
