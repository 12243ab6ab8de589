#!/usr/bin/env bash
# Lighthouse audit of the built guide (not a test: scores vary with the machine's load).
# Builds the site, serves it on localhost, audits five pages with the mobile profile and
# prints the four category scores and the page weight of each, then the same figures for the
# first page built with plain Material for MkDocs settings, as the reference to beat.
#   scripts/audit.sh                 the home page, a role, a plane, the comparison table, a worksheet
#   scripts/audit.sh PAGE.html ...   other pages (paths inside the built site)
#   AUDIT_REPORTS=DIR scripts/audit.sh   also keeps Lighthouse's JSON reports in DIR
# Targets: performance >= 0.98, accessibility, best practices and SEO 1.0, lighter than plain Material.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
CHROME_FLAGS="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"

work=$(mktemp -d)
server_pids=()
cleanup() {
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# serve DIR -> sets $served to the base URL of a local HTTP server for DIR. Like any production host,
# it compresses text files with gzip (both sites alike).
serve() {
  local port
  port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  .venv/bin/python - "$port" "$1" >/dev/null 2>&1 <<'PY' &
import functools, gzip, http.server, io, sys

class Handler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        path = self.translate_path(self.path)
        text = path.endswith((".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"))
        if not text or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        try:
            with open(path, "rb") as f:
                body = gzip.compress(f.read(), 6)
        except OSError:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

handler = functools.partial(Handler, directory=sys.argv[2])
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), handler).serve_forever()
PY
  server_pids+=($!)
  for _ in $(seq 50); do
    .venv/bin/python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
    sleep 0.1
  done
  served="http://127.0.0.1:$port"
}

# audit LABEL URL -> writes $work/reports/NN-LABEL~RUN.json, one report per run
# (AUDIT_RUNS, 3 by default: Lighthouse's own advice is to take the median of several runs).
runs=${AUDIT_RUNS:-3}
n=0
audit() {
  n=$((n + 1))
  mkdir -p "$work/reports"
  for run in $(seq "$runs"); do
    node_modules/.bin/lighthouse "$2" --quiet --form-factor=mobile \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="$CHROME_FLAGS" --output=json \
      --output-path="$work/reports/$(printf %02d $n)-${1//\//_}~$run.json" >/dev/null
  done
}

echo "audit: building the guide"
.venv/bin/mkdocs build --strict -d "$work/site" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
if (($#)); then
  pages=("$@")
else
  role=$(cd "$work/site" && ls roles/*.html | grep -v '/index.html$' | head -1)
  plane=$(cd "$work/site" && ls plans/*.html | grep -v '/index.html$' | head -1)
  pages=(index.html "$role" "$plane" distinctions/index.html fiches/preparer-seance.html)
fi
serve "$work/site"
base=$served
# One discarded run first: the first Chromium start of a session is slower (cold disk cache).
node_modules/.bin/lighthouse "$base/${pages[0]}" --quiet --form-factor=mobile --only-categories=performance \
  --chrome-flags="$CHROME_FLAGS" --output=json --output-path="$work/warm-up.json" >/dev/null
for page in "${pages[@]}"; do
  [ -f "$work/site/$page" ] || { echo "audit: no page $page in the built site" >&2; exit 1; }
  echo "audit: $page"
  audit "$page" "$base/$page"
done

echo "audit: building the same guide with plain Material settings, for reference"
# The guide's own files under the theme's defaults: Google fonts, no offline plugin, no
# overrides/. (Where Google's servers cannot be reached, its fonts are missing from its weight.)
mkdir -p "$work/plain/empty"
tar -c --exclude=./.git --exclude=./.venv --exclude=./node_modules --exclude=./site --exclude=./.cache . | tar -x -C "$work/plain"
cat >"$work/plain/plain.yml" <<EOF
INHERIT: mkdocs.yml
theme:
  custom_dir: $work/plain/empty
  font:
    text: Roboto
    code: Roboto Mono
plugins:
  - search:
      lang: fr
  - tags
extra:
  polyfills: []
EOF
.venv/bin/mkdocs build -q -f "$work/plain/plain.yml" -d "$work/plain/site"
serve "$work/plain/site"
plain=$served
audit "plain Material: ${pages[0]}" "$plain/${pages[0]}"

if [ -n "${AUDIT_REPORTS:-}" ]; then mkdir -p "$AUDIT_REPORTS" && cp "$work"/reports/*.json "$AUDIT_REPORTS"/; fi
.venv/bin/python - "$work/reports" <<'EOF'
import json, sys
from pathlib import Path

import statistics

runs: dict[str, list[list[float]]] = {}
for report in sorted(Path(sys.argv[1]).glob("*.json")):
    data = json.loads(report.read_text())
    scores = [data["categories"][c]["score"] for c in
              ("performance", "accessibility", "best-practices", "seo")]
    weight = data["audits"]["total-byte-weight"]["numericValue"] / 1024
    label = report.stem.split("-", 1)[1].rsplit("~", 1)[0].replace("_", "/")
    runs.setdefault(label, []).append([*scores, weight])
count = max(len(r) for r in runs.values())
print()
print(f"median of {count} run(s) per page; performance of each run in brackets")
print(f"{'page (mobile)':<34} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'seo':>5} {'weight':>10}   runs")
for label, values in runs.items():
    medians = [statistics.median(column) for column in zip(*values)]
    cells = " ".join(f"{s:>5.2f}" for s in medians[:4])
    each = " ".join(f"{v[0]:.2f}" for v in values)
    print(f"{label:<34} {cells} {medians[4]:>7.1f} KB   [{each}]")
EOF
