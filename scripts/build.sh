#!/usr/bin/env bash
# Builds the guide into site/ (or $1) without ever leaving a half-built site: MkDocs builds
# into a fresh folder, which replaces the previous site only when the build succeeded.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --site
export NO_MKDOCS_2_WARNING=1
# A build for publication: never with the example publisher's address or contact
# (content/publisher.yml; dev/publisher.md). scripts/serve.sh and the tests use the example.
if ! .venv/bin/guide publication-check --content "$PWD/content"; then
  echo "Construction refusée : le site n’a pas été construit." >&2
  exit 1
fi
target=${1:-site}
staging="$target.building"
rm -rf "$staging"
if ! .venv/bin/mkdocs build --strict -d "$staging" 2> >(grep -v "^INFO" >&2); then
  rm -rf "$staging"
  echo "build failed: $target/ was left as it was" >&2
  exit 1
fi
rm -rf "$target.previous"
[ -e "$target" ] && mv "$target" "$target.previous"
mv "$staging" "$target"
rm -rf "$target.previous"
echo "built $target/ ($(find "$target" -name '*.html' | wc -l) pages)"
