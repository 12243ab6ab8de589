#!/usr/bin/env bash
# Regenerates requirements.lock: every Python package that scripts/setup.sh installs, each at
# one version with the SHA-256 of each of its files on the package index, resolved from
# pyproject.toml (dependencies, the `test` extra, the build requirements) plus pip itself.
# Run it after any change to the Python dependencies of pyproject.toml; tests/test_lock.py
# fails while the lock is stale. Needs the network of the package index, nothing else.
#   scripts/lock.sh             # keeps every version already locked that still fits
#   scripts/lock.sh --upgrade   # moves every unpinned package to its newest release
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
uv_pin=$(grep -o '"uv==[^"]*"' pyproject.toml | tr -d '"')
if [ "$(.venv/bin/uv --version 2>/dev/null | cut -d' ' -f2)" != "${uv_pin#uv==}" ]; then
  .venv/bin/python -m pip install -q "$uv_pin"
fi
# The build requirements and pip, which the lock pins too: setup.sh installs the project
# without build isolation, from locked packages only.
mkdir -p .cache/lock
.venv/bin/python -c '
import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"]))
print("pip")' >.cache/lock/tools.in
# Linux x86-64 and the oldest CPython 3.11 that the pinned packages accept (pymdown-extensions
# 13.1.2 needs 3.11.5); the hashes cover every file of each version, wheels for other
# platforms included. --no-config: neither uv.toml nor UV_* settings of this machine.
.venv/bin/uv pip compile pyproject.toml .cache/lock/tools.in --extra test \
  --generate-hashes --python-version 3.11.5 --python-platform x86_64-unknown-linux-gnu \
  --no-config --custom-compile-command scripts/lock.sh --quiet "$@" -o requirements.lock
echo "wrote requirements.lock ($(grep -c '^[a-z0-9]' requirements.lock) packages)"
