#!/usr/bin/env bash
# The whole test suite: installs what it needs, then lint, types and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
echo "== ruff"
.venv/bin/ruff check src hooks tests
.venv/bin/ruff format --check src hooks tests
echo "== mypy"
.venv/bin/mypy src hooks
echo "== verbatim check"
if [ -x ../shared/tools/verbatim-check ]; then ../shared/tools/verbatim-check 10; fi
echo "== pytest"
exec .venv/bin/python -m pytest "$@"
