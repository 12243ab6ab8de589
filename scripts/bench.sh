#!/usr/bin/env bash
# Benchmark (not a test). Each run, interleaved so that a change in the machine's load falls
# on every measure alike:
#   - plain MkDocs build of the exported project (`guide export`: no hooks), the reference;
#   - the guide's own strict build, hooks included, without the sheets' PDFs (GUIDE_PDF=0): with
#     nothing changed since the last build (the core's part read back from .cache/guide/, see
#     src/guide/build.py); after an author changed one content file (a copy of content/ where a
#     line is added to glossary.yml before each run: every page rendered again, the other YAML
#     files not parsed again); and with every cache off (GUIDE_CORE_CACHE=0);
#   - the same with the sheets' PDFs only (GUIDE_PDF_CARDS=0), then with every PDF (sheets and
#     card deck) laid out from an empty cache, then again with nothing changed (the PDFs come
#     from the cache); the deck's cost is the difference of the two cold builds (target: at
#     most 2 s on 2 CPUs, nothing in the warm build);
#   - `guide validate` as a whole process on a folder of 1,000 content files, with files
#     unchanged since the last run not parsed again (validated all the same), and with every
#     cache off.
# Prints the median wall time and CPU time (user + system) of each, and the ratios.
#   scripts/bench.sh          # 5 runs of each
#   BENCH_RUNS=9 scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/mkdocs ] || scripts/setup.sh --site >&2
export NO_MKDOCS_2_WARNING=1
runs=${BENCH_RUNS:-5}
files=${BENCH_FILES:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GUIDE_PDF_CACHE="$work/cache"
TIMEFORMAT='%R %U %S'

timed() { # runs "$@" with its output in $work/log; prints "wall cpu" in seconds
  local times
  if ! times=$({ time "$@" >"$work/log" 2>&1; } 2>&1); then
    cat "$work/log" >&2
    return 1
  fi
  awk '{ printf "%.2f %.2f", $1, $2 + $3 }' <<<"$times"
}

hooked() { .venv/bin/mkdocs build --strict -d "$work/site"; }
plain() { (cd "$work/export" && exec "$OLDPWD/.venv/bin/mkdocs" build --strict -d "$work/export-site"); }
validate() { .venv/bin/guide validate --content "$work/many/content"; }
edited() { # one content file changed since the last build
  printf '# bench: a line added before run %s\n' "$RANDOM" >>"$work/edited/content/glossary.yml"
  GUIDE_CONTENT_DIR="$work/edited/content" .venv/bin/mkdocs build --strict -d "$work/site"
}

median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minimum() { tr ' ' '\n' | sort -n | head -1; }

declare -A wall cpu
measure() { # name, command...
  local name=$1 result
  shift
  result=$(timed "$@")
  wall[$name]+="${result% *} "
  cpu[$name]+="${result#* } "
}
med() { echo "${1% }" | median; }
least() { echo "${1% }" | minimum; }
report() { # label, name
  printf '%-46s wall %5ss  cpu %5ss   (wall of each run: %s)\n' "$1" "$(med "${wall[$2]}")" \
    "$(med "${cpu[$2]}")" "${wall[$2]% }"
}
divide() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
ratio() { # label, name, reference name; of the medians, and of the fastest runs (the least noisy)
  printf '%-46s wall %5sx cpu %5sx   (fastest runs: wall %sx)\n' "$1" \
    "$(divide "$(med "${wall[$2]}")" "$(med "${wall[$3]}")")" \
    "$(divide "$(med "${cpu[$2]}")" "$(med "${cpu[$3]}")")" \
    "$(divide "$(least "${wall[$2]}")" "$(least "${wall[$3]}")")"
}

made=$(.venv/bin/python scripts/bench_content.py "$work/many" "$files")
.venv/bin/guide export "$work/export" >/dev/null
mkdir "$work/edited" && cp -r content docs "$work/edited/"
# Warm-up, not counted: Python bytecode, compiled templates (.cache/jinja), fonts, file cache.
GUIDE_PDF=0 timed hooked >/dev/null
GUIDE_PDF=0 timed edited >/dev/null
timed plain >/dev/null
timed validate >/dev/null
for _ in $(seq "$runs"); do
  measure plain plain
  GUIDE_PDF=0 measure hooked hooked
  GUIDE_PDF=0 measure edited edited
  GUIDE_PDF=0 GUIDE_CORE_CACHE=0 measure uncached hooked
  rm -rf "$GUIDE_PDF_CACHE"
  GUIDE_PDF=1 GUIDE_PDF_CARDS=0 measure sheets hooked
  rm -rf "$GUIDE_PDF_CACHE"
  GUIDE_PDF=1 measure cold hooked
  GUIDE_PDF=1 measure warm hooked
  measure validate validate
  GUIDE_CORE_CACHE=0 measure validate_uncached validate
done
sheets=$(find "$work/site/fiches" -name '*.pdf' | wc -l)

echo "Build of the guide ($(nproc) CPU, load $(cut -d' ' -f1-3 /proc/loadavg), median of $runs interleaved runs):"
report "plain MkDocs, exported project (no hooks)" plain
report "hooked, without PDFs (GUIDE_PDF=0)" hooked
report "  the same, one content file changed" edited
report "  the same, every cache off" uncached
cards=$(find "$work/site/cartes" -name '*.pdf' | wc -l)
report "hooked, $sheets sheet PDFs only, empty cache" sheets
report "hooked, + $cards card deck PDFs, empty cache" cold
printf '%-46s wall %5ss\n' "the deck's cost in a cold build" \
  "$(awk -v a="$(med "${wall[cold]}")" -v b="$(med "${wall[sheets]}")" 'BEGIN { printf "%.2f", a - b }')"
report "hooked, no sheet changed (PDFs cached)" warm
ratio "hooks' cost: hooked without PDFs / plain" hooked plain
ratio "  one content file changed / plain" edited plain
ratio "  every cache off / plain" uncached plain
ratio "hooks' cost: hooked, PDFs cached / plain" warm plain
echo
echo "guide validate, whole process, on $made content files:"
report "guide validate" validate
report "guide validate, every cache off" validate_uncached
echo "  (the real content/ plus copies of its scenarios, principles, contrasts and worksheets"
echo "   under new ids, in turn, made by scripts/bench_content.py; all valid)"
