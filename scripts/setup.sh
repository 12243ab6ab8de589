#!/usr/bin/env bash
# Installs everything the guide needs, once: Debian packages (when root), a virtual
# environment with the locked Python packages (requirements.lock), and the npm packages
# (package-lock.json): the search's libraries, which every build copies into the site
# (MiniSearch, the Snowball stemmer), and those of the quality checks.
# Re-running it is cheap: each step is skipped when already done.
#   scripts/setup.sh          everything, for the tests (browser, Java, npm checks included)
#   scripts/setup.sh --site   only what building and serving the site needs (npm's dependencies,
#                             not its devDependencies)
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:---all}
# Set by callers that have just run it (the tests of scripts/build.sh run in a copy of the project).
if [ "${GUIDE_SETUP_DONE:-}" = 1 ]; then exit 0; fi

# Pango and the fonts for the PDFs; Chromium, Java, Poppler, zbar (QR codes), MuPDF (a third
# PDF viewer), nginx (the site served as published, deploy/nginx/) and npm for the checks.
APT_PACKAGES=(fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0)
if [ "$profile" != --site ]; then
  APT_PACKAGES+=(chromium poppler-utils zbar-tools mupdf-tools nginx)
  # Java runs the Nu HTML Checker; npm installs it, axe-core and Lighthouse. Any Java or
  # Node.js already on the PATH will do: the Debian packages are the fallback.
  command -v java >/dev/null || APT_PACKAGES+=(default-jre-headless)
fi
# npm installs the search's libraries (every profile) and the checks' tools.
command -v npm >/dev/null || APT_PACKAGES+=(nodejs npm)
need_apt=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need_apt+=("$pkg")
done
if ((${#need_apt[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian packages: ${need_apt[*]}"
    apt-get update -qq
    # No service started by the install (Debian's nginx would start one on port 80): the tests
    # start their own nginx on a free loopback port. policy-rc.d answering 101 ("action
    # forbidden") is Debian's way to say so; one already there is left as it was.
    policy_rc=/usr/sbin/policy-rc.d
    own_policy=
    if [ ! -e "$policy_rc" ]; then
      printf '#!/bin/sh\nexit 101\n' >"$policy_rc" && chmod 755 "$policy_rc" && own_policy=1
      trap 'if [ -n "$own_policy" ]; then rm -f "$policy_rc"; fi' EXIT
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
    if [ -n "$own_policy" ]; then rm -f "$policy_rc" && own_policy=; fi
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

if [ -f package.json ]; then
  scope=--include=dev
  [ "$profile" = --site ] && scope=--omit=dev
  sum=$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -c1-16)
  # Either install does: the full one (dev) holds what the site's (omit) needs.
  if [ ! -f "node_modules/.installed-$sum" ] && { [ "$scope" = --include=dev ] || [ ! -f "node_modules/.installed-site-$sum" ]; }; then
    echo "setup: installing npm packages ($scope)"
    if [ -f package-lock.json ]; then npm ci "$scope" --no-audit --no-fund --loglevel=error; else npm install "$scope" --no-audit --no-fund --loglevel=error; fi
    if [ "$scope" = --include=dev ]; then touch "node_modules/.installed-$sum"; else touch "node_modules/.installed-site-$sum"; fi
  fi
fi
