#!/usr/bin/env bash
# Installs everything the guide needs, once: Debian packages (when root), a virtual
# environment with the locked Python packages (requirements.lock), and the npm packages of
# the quality checks.
# Re-running it is cheap: each step is skipped when already done.
#   scripts/setup.sh          everything, for the tests (browser, Java, npm checks included)
#   scripts/setup.sh --site   only what building and serving the site needs
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:---all}
# Set by callers that have just run it (the tests of scripts/build.sh run in a copy of the project).
if [ "${GUIDE_SETUP_DONE:-}" = 1 ]; then exit 0; fi

# Pango and the fonts for the PDFs; Chromium, Java, Poppler, zbar (QR codes), ImageMagick (the
# photographed QR codes), MuPDF (a third PDF viewer), nginx (the served site) and npm for the checks.
APT_PACKAGES=(fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0)
if [ "$profile" != --site ]; then
  APT_PACKAGES+=(chromium poppler-utils zbar-tools imagemagick mupdf-tools nginx)
  # Java runs the Nu HTML Checker; npm installs it, axe-core and Lighthouse. Any Java or
  # Node.js already on the PATH will do: the Debian packages are the fallback.
  command -v java >/dev/null || APT_PACKAGES+=(default-jre-headless)
  command -v npm >/dev/null || APT_PACKAGES+=(nodejs npm)
fi
need_apt=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need_apt+=("$pkg")
done
if ((${#need_apt[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian packages: ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "setup: missing Debian packages: ${need_apt[*]}" >&2
    echo "setup: install them with: sudo apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
fi

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
# Every Python package at the version and with the hashes of requirements.lock (written by
# scripts/lock.sh from pyproject.toml; tests/test_lock.py fails when it is stale), then the
# guide itself, built with the locked setuptools: nothing is resolved or fetched unpinned.
stamp=.venv/.installed-$(cat pyproject.toml requirements.lock | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "setup: installing Python packages (requirements.lock)"
  .venv/bin/python -m pip install -q --require-hashes --no-deps -r requirements.lock
  .venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
  rm -f .venv/.installed-*
  touch "$stamp"
fi

if [ "$profile" != --site ] && [ -f package.json ]; then
  nstamp=node_modules/.installed-$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -c1-16)
  if [ ! -f "$nstamp" ]; then
    echo "setup: installing npm packages"
    if [ -f package-lock.json ]; then npm ci --include=dev --no-audit --no-fund --loglevel=error; else npm install --include=dev --no-audit --no-fund --loglevel=error; fi
    touch "$nstamp"
  fi
fi
