"""Authors' command line: `guide validate`, `guide export DIR`, `guide search-index SITE`,
`guide schemas`, `guide publication-check` (scripts/build.sh: no example publisher published).

`guide validate` checks content/ and docs/ as the build does (models, cross-checks, pages,
hand-written pages' front matter, includes and links, editorial rules), without writing.

Each command imports only what it uses: `guide validate` never loads WeasyPrint.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ContentErrors

if TYPE_CHECKING:
    from .content import Content

PROJECT = Path(__file__).resolve().parents[2]
FRENCH_NAMES = {
    "roles": "rôles",
    "planes": "plans",
    "principles": "principes",
    "contrasts": "distinctions",
    "scenarios": "cas",
    "worksheets": "fiches",
    "phases": "phases",
    "sessions": "séances commentées",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guide", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check content/ and docs/ and print every error")
    validate.add_argument("--content", type=Path, default=PROJECT / "content", help="content folder")
    validate.add_argument("--docs", type=Path, default=PROJECT / "docs", help="hand-written pages folder")
    export = sub.add_parser("export", help="write a plain MkDocs project (no hooks) into DIR")
    export.add_argument("directory", type=Path)
    export.add_argument("--content", type=Path, default=PROJECT / "content", help="content folder")
    index = sub.add_parser(
        "search-index",
        help="index the pages of a site built from an export (mkdocs or zensical build) for search",
    )
    index.add_argument("site", type=Path)
    index.add_argument("--content", type=Path, default=PROJECT / "content", help="content folder")
    sub.add_parser("prochain", help="print the next free order of each collection and the first names taken")
    sub.add_parser("paquet", help="zip content/ and docs/ to hand in without git")
    appliquer = sub.add_parser("appliquer", help="check a zip made by `guide paquet`, then apply it")
    appliquer.add_argument("package", type=Path)
    schemas = sub.add_parser(
        "schemas", help="write the JSON Schemas into schemas/ and the field tables of content/README.md"
    )
    schemas.add_argument("--check", action="store_true", help="only report stale schemas (exit 1)")
    publication = sub.add_parser(
        "publication-check",
        help="refuse (exit 1) while content/publisher.yml's site address or contact is the example's",
    )
    publication.add_argument("--content", type=Path, default=PROJECT / "content", help="content folder")
    args = parser.parse_args(argv)

    if args.command == "publication-check":
        from .messages import say
        from .publisher import publication_problems

        content_dir = args.content.resolve()
        problems = publication_problems(content_dir, content_dir.parent)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(say("publication.refused"), file=sys.stderr)
        return 1 if problems else 0

    if args.command == "schemas":
        from .fieldtables import readme_is_stale, write_readme
        from .schemas import SCHEMA_DIR, stale_schemas, write_schemas

        if args.check:
            stale = [f"schemas/{name}" for name in stale_schemas()]
            stale += ["content/README.md (its field tables)"] if readme_is_stale() else []
            for name in stale:
                print(f"{name} is stale: run `guide schemas`", file=sys.stderr)
            return 1 if stale else 0
        for path in write_schemas():
            print(f"wrote {path.relative_to(SCHEMA_DIR.parent)}")
        write_readme()
        print("wrote the field tables of content/README.md")
        return 0

    from .build import compute, compute_from
    from .cache import cache_dir, cache_enabled
    from .catalog import COLLECTIONS
    from .content import load_content
    from .export import config_nav

    def check(content_dir: Path, docs: Path) -> Content:
        parsed = cache_dir(PROJECT) if cache_enabled() else None
        content = load_content(content_dir, project_root=PROJECT, cache_dir=parsed)
        compute_from(content, PROJECT, docs, site_url="", nav=config_nav(PROJECT / "mkdocs.yml"))
        return content

    started = time.perf_counter()
    try:
        if args.command in ("paquet", "appliquer", "prochain"):
            return _authoring(args, check)
        if args.command == "validate":
            content = check(args.content, args.docs)
            counts = ", ".join(
                f"{len(content.collection(spec.key))} {FRENCH_NAMES.get(spec.key, spec.key)}"
                for spec in COLLECTIONS
            )
            pages = len(list(args.docs.rglob("*.md"))) if args.docs.is_dir() else 0
            print(
                f"Le contenu est valide : {counts}, {pages} pages écrites à la main "
                f"({time.perf_counter() - started:.2f} s)"
            )
            return 0
        if args.command == "search-index":
            from .search import write_site_index

            content = load_content(args.content, project_root=PROJECT)
            written_index = write_site_index(args.site, content.glossary)
            print(f"indexed the pages of {args.site} into {written_index}")
            return 0
        from .export import config_nav, export_project
        from .publisher import site_address

        site_url = site_address(args.content)
        nav = config_nav(PROJECT / "mkdocs.yml")
        build = compute(PROJECT, args.content, PROJECT / "docs", site_url=site_url, nav=nav)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    written = export_project(build, PROJECT, args.directory, site_url=site_url)
    pdfs = sum(path.suffix == ".pdf" for path in written)
    print(
        f"exported {len(build.pages)} generated pages, {pdfs} PDFs, mkdocs.yml and zensical.toml "
        f"into {args.directory}; after building it, index its pages for search: "
        f"guide search-index {args.directory / 'site'}"
    )
    return 0


def _authoring(args: argparse.Namespace, check: Callable[[Path, Path], Content]) -> int:
    from . import authoring
    from .rules import WORD, Project, first_names

    if args.command == "paquet":
        package = authoring.make_package(PROJECT)
        print(f"Paquet prêt : {package.name} (dans {PROJECT}). Envoyez ce fichier à l’équipe du guide.")
        return 0
    if args.command == "appliquer":
        kept = authoring.apply_package(args.package, PROJECT, check, keep_dir=PROJECT / ".cache" / "guide")
        print(
            f"Paquet {args.package.name} vérifié et appliqué : content/ et docs/ sont remplacés. "
            f"L’état d’avant est gardé dans {kept.relative_to(PROJECT)}."
        )
        return 0
    content = check(PROJECT / "content", PROJECT / "docs")
    print("Prochain numéro libre (order) :")
    for key, order in authoring.next_orders(content).items():
        print(f"  {FRENCH_NAMES.get(key, key)} : {order}")
    project = Project(PROJECT, content, PROJECT / "docs", PROJECT / "templates")
    words = {word for file in project.guide_files() for word in WORD.findall(file.read_text("utf-8"))}
    taken = sorted(words & first_names())
    print(f"Prénoms déjà employés ({len(taken)}) : {', '.join(taken)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
