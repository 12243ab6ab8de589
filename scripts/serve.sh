#!/usr/bin/env bash
# Serves the guide at http://127.0.0.1:8000/, rebuilding when content/, templates/ or docs/ change.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --site
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs serve --dev-addr "${GUIDE_ADDR:-127.0.0.1:8000}" "$@"
