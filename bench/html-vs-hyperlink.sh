#!/usr/bin/env bash
# Times `galley check` (every offline HTML check) next to `hyperlink
# --check-anchors` (links and fragments only) on the same built sites, in the
# same run, and prints the median of N runs of each and their ratio. Not part
# of CI: it installs hyperlink from crates.io and the Python docs from Debian
# into target/bench-tools/ (nothing is installed system-wide).
#
#   bench/html-vs-hyperlink.sh [-n RUNS] [-j THREADS]
#
# Inputs: (a) a generated site of 5,000 pages (bench/gen-site.py) and (b) the
# HTML of Debian's python3-doc (python3.11-doc on bookworm).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=7
threads=$(nproc)
while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=$2; shift 2 ;;
    -j) threads=$2; shift 2 ;;
    *) echo "usage: $0 [-n RUNS] [-j THREADS]" >&2; exit 2 ;;
  esac
done
tools=target/bench-tools
mkdir -p "$tools"

cargo build --release --locked --quiet
galley=target/release/galley
if [ ! -x "$tools/bin/hyperlink" ]; then
  echo "installing hyperlink into $tools (once)..." >&2
  cargo install hyperlink --locked --quiet --root "$tools"
fi
hyperlink=$tools/bin/hyperlink

generated=$tools/generated-5000
if [ ! -f "$generated/index.html" ]; then
  python3 bench/gen-site.py "$generated" 5000
fi
pydoc=$tools/python3-doc/usr/share/doc/python3.11/html
if [ ! -d "$pydoc" ]; then
  (cd "$tools" && apt-get download python3.11-doc >/dev/null \
     && dpkg-deb -x python3.11-doc_*.deb python3-doc)
fi

median_ms() { # command... ; prints the median wall time in ms over $runs runs
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true   # both exit non-zero when they find defects
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$runs" 'NR == int(n / 2) + 1 { printf "%.1f", $1 / 1000 }'
}

printf '%-28s %8s %6s %12s %14s %8s\n' site files MB galley_ms hyperlink_ms ratio
for site in "$generated" "$pydoc"; do
  files=$(find "$site" -name '*.html' | wc -l)
  mb=$(du -sm "$site" | cut -f1)
  # Warm the page cache so both tools read from memory.
  cat $(find "$site" -name '*.html') >/dev/null
  g=$(RAYON_NUM_THREADS=$threads median_ms "$galley" check "$site" --format json)
  h=$(median_ms "$hyperlink" "$site" --check-anchors -j "$threads")
  ratio=$(awk -v g="$g" -v h="$h" 'BEGIN { printf "%.2f", g / h }')
  printf '%-28s %8s %6s %12s %14s %8s\n' "$(basename "$(dirname "$site")")/$(basename "$site")" "$files" "$mb" "$g" "$h" "$ratio"
done
echo "ratio = galley / hyperlink (below 1: galley is faster); $runs runs each, $threads threads"
echo "galley's findings on each site:"
for site in "$generated" "$pydoc"; do
  echo "  $(basename "$site"): $("$galley" check "$site" --format short | tail -n 1)"
  echo "  hyperlink: $("$hyperlink" "$site" --check-anchors -j "$threads" 2>&1 | tail -n 3 | tr '\n' ' ')"
done
