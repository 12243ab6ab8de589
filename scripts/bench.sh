#!/usr/bin/env bash
# Benchmark (not a test): time of a strict build of the guide without PDFs (GUIDE_PDF=0),
# with the sheets' PDFs only (GUIDE_PDF_CARDS=0) and with every PDF (sheets and card deck)
# from an empty cache, and a rebuild where nothing changed (the PDFs come from the cache).
# The deck's cost is the difference of the two cold builds (target: at most 2 s on 2 CPUs).
# Uses its own cache and output folders, removed at the end.
#   scripts/bench.sh          # 3 runs of each, prints every time and the median
#   BENCH_RUNS=5 scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/mkdocs ] || scripts/setup.sh --site >&2
export NO_MKDOCS_2_WARNING=1
runs=${BENCH_RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GUIDE_PDF_CACHE="$work/cache"

build() { # prints the wall time of one build, in seconds
  local start=$EPOCHREALTIME
  .venv/bin/mkdocs build --strict -d "$work/site" >"$work/log" 2>&1 || { cat "$work/log" >&2; return 1; }
  awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'
}

median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

report() { # label, times...
  local label=$1
  shift
  printf '%-44s median %5ss   (runs: %s)\n' "$label" "$(echo "$*" | median)" "$*"
}

GUIDE_PDF=0 build >/dev/null # warm-up: Python bytecode, fonts, file cache
no_pdf=() sheets_only=() cold=() warm=() deck=()
for _ in $(seq "$runs"); do
  no_pdf+=("$(GUIDE_PDF=0 build)")
  rm -rf "$GUIDE_PDF_CACHE"
  sheets_only+=("$(GUIDE_PDF=1 GUIDE_PDF_CARDS=0 build)")
  rm -rf "$GUIDE_PDF_CACHE"
  cold+=("$(GUIDE_PDF=1 build)")
  warm+=("$(GUIDE_PDF=1 build)")
  deck+=("$(awk -v a="${sheets_only[-1]}" -v b="${cold[-1]}" 'BEGIN { printf "%.2f", b - a }')")
done
sheets=$(find "$work/site/fiches" -name '*.pdf' | wc -l)
cards=$(find "$work/site/cartes" -name '*.pdf' | wc -l)
echo "Build of the guide ($(nproc) CPU, $runs runs each, $sheets sheet PDFs, $cards card deck PDFs):"
report "without PDFs (GUIDE_PDF=0)" "${no_pdf[@]}"
report "sheet PDFs only, empty cache" "${sheets_only[@]}"
report "with every PDF, empty cache" "${cold[@]}"
report "rebuild, nothing changed (PDFs cached)" "${warm[@]}"
report "the deck's cost in a cold build" "${deck[@]}"
