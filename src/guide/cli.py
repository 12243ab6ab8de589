"""Authors' command line: `guide validate`, `guide export DIR`, `guide search-index SITE`,
`guide schemas`.

Each command imports only what it uses: `guide validate` loads neither Jinja nor Markdown
nor WeasyPrint.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import ContentErrors

PROJECT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guide", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check content/ and print every error")
    validate.add_argument("--content", type=Path, default=PROJECT / "content", help="content folder")
    export = sub.add_parser("export", help="write a plain MkDocs project (no hooks) into DIR")
    export.add_argument("directory", type=Path)
    export.add_argument("--content", type=Path, default=PROJECT / "content", help="content folder")
    index = sub.add_parser(
        "search-index",
        help="index the pages of a site built from an export (mkdocs or zensical build) for search",
    )
    index.add_argument("site", type=Path)
    index.add_argument("--content", type=Path, default=PROJECT / "content", help="content folder")
    schemas = sub.add_parser(
        "schemas", help="write the JSON Schemas into schemas/ and the field tables of content/README.md"
    )
    schemas.add_argument("--check", action="store_true", help="only report stale schemas (exit 1)")
    args = parser.parse_args(argv)

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

    from .build import compute
    from .cache import cache_dir, cache_enabled
    from .catalog import COLLECTIONS
    from .content import load_content

    started = time.perf_counter()
    try:
        if args.command == "validate":
            parsed = cache_dir(PROJECT) if cache_enabled() else None
            content = load_content(args.content, project_root=PROJECT, cache_dir=parsed)
            counts = ", ".join(f"{len(content.collection(spec.key))} {spec.key}" for spec in COLLECTIONS)
            print(f"content is valid: {counts} ({time.perf_counter() - started:.2f} s)")
            return 0
        if args.command == "search-index":
            from .search import write_site_index

            content = load_content(args.content, project_root=PROJECT)
            written_index = write_site_index(args.site, content.glossary)
            print(f"indexed the pages of {args.site} into {written_index}")
            return 0
        from .export import config_nav, configured_site_url, export_project

        site_url = configured_site_url(PROJECT / "mkdocs.yml")
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


if __name__ == "__main__":
    sys.exit(main())
