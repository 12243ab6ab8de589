#!/usr/bin/env bash
# Checks every content file and prints each problem with its file, line and field.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/guide ] || scripts/setup.sh --site >&2
exec .venv/bin/guide validate "$@"
