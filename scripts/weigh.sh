#!/usr/bin/env bash
# What a reader downloads (issue 20), not a test: builds the site (without the PDFs) and prints
# the search index's gzipped size and every page's weight on load, gzipped (HTML, CSS, JS, fonts
# and images fetched while it loads, measured in Chromium: tests/page_weight.py). Targets: index
# at most 40 KB, every page at most 100 KB; tests/test_page_weight.py holds them. dev/search.md
# keeps the figures.
#   scripts/weigh.sh            # builds into a temporary folder
#   scripts/weigh.sh SITE_DIR   # weighs a site already built
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/mkdocs ] || scripts/setup.sh >&2
if [ $# -ge 1 ]; then
  site=$1
else
  site=$(mktemp -d)
  trap 'rm -rf "$site"' EXIT
  NO_MKDOCS_2_WARNING=1 GUIDE_PDF=0 .venv/bin/mkdocs build --strict -q -d "$site"
fi
exec .venv/bin/python tests/page_weight.py "$site"
