#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60: the CI smoke run) and
# prints the executions each made. Stops at the first failure, whose input
# libFuzzer saves under fuzz/artifacts/<target>/.
#   fuzz/run-all.sh 600            # the ten minutes per target of docs/fuzzing.md
#   fuzz/run-all.sh 30 yaml site   # some targets only
# cargo fuzz wants nightly features; RUSTC_BOOTSTRAP lets the stable toolchain
# build them. `-s none`: Galley has no unsafe code of its own for a sanitizer
# to watch, and without one the fuzzers run several times faster; `-a` keeps
# debug assertions (overflow checks) on.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi
[ -d corpus ] || ./seed.sh > /dev/null
export RUSTC_BOOTSTRAP=1
cargo fuzz build -s none -a
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    log=$(mktemp)
    # -rss_limit_mb: a parser that needs more than 2 GiB for a small input is a bug too.
    if ! cargo fuzz run -s none -a "$target" -- -max_total_time="$seconds" \
        -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 > "$log" 2>&1; then
        tail -40 "$log"
        echo "FAILED: $target (log: $log)"
        exit 1
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
    printf '%-14s %6ss %12s runs  coverage %s\n' "$target" "$seconds" "$runs" "$cov"
    rm -f "$log"
done
