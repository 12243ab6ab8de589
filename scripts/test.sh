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
# The source article and its checker live beside the project, in the team's shared folder.
if [ -x ../shared/tools/verbatim-check ]; then
  ../shared/tools/verbatim-check 10
elif [ "${CI:-}" = true ]; then
  echo "../shared/tools/verbatim-check is missing: CI needs the shared folder beside the project" >&2
  exit 1
else
  echo "verbatim check not run: ../shared/tools/verbatim-check is not beside this clone"
fi
echo "== pytest"
# Two workers (pytest-xdist), one per core: the real site is built once and shared by both,
# each module with a module-scoped fixture runs whole on one worker, every other test is handed
# out alone, longest first (tests/conftest.py; dev/testing.md). `scripts/test.sh -n 0` runs
# in one process.
exec .venv/bin/python -m pytest -n 2 --dist loadgroup "$@"
