#!/usr/bin/env bash
# Times `galley check` (release build) on the given site folders and prints the
# median, min and max wall time of N runs each. Not part of CI.
#
#   bench/check-timing.sh [-n RUNS] SITE...
#   bench/check-timing.sh fixtures/site ../shared/corpus/privacyguides-jekyll
set -euo pipefail
cd "$(dirname "$0")/.."
runs=15
if [ "${1:-}" = "-n" ]; then runs=$2; shift 2; fi
[ $# -gt 0 ] || set -- fixtures/site
cargo build --release --locked --quiet
bin=target/release/galley
for site in "$@"; do
  times=()
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$bin" check "$site" --format json >/dev/null || true   # exit 1 (findings) is expected
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  median=${sorted[$(( runs / 2 ))]}
  summary=$("$bin" check "$site" --format short | tail -n 1 || true)
  awk -v site="$site" -v med="$median" -v min="${sorted[0]}" -v max="${sorted[-1]}" \
      -v runs="$runs" -v summary="$summary" \
      'BEGIN { printf "%-45s median %7.1f ms  min %7.1f ms  max %7.1f ms  (%d runs)  %s\n",
               site, med / 1000, min / 1000, max / 1000, runs, summary }'
done
