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

. bench/sites.sh

# Runs each command $runs times, alternating them so that machine noise hits
# both alike, and prints the median wall time and CPU time (user + system) of
# each in ms, and the ratios.
measure() { # site
  python3 - "$runs" "$1" "$galley" "$hyperlink" "$threads" <<'PY'
import os, resource, statistics, subprocess, sys, time
runs, site, galley, hyperlink, threads = int(sys.argv[1]), *sys.argv[2:]
commands = {
    "galley": [galley, "check", site, "--format", "json"],
    "hyperlink": [hyperlink, site, "--check-anchors", "-j", threads],
}
env = dict(os.environ, RAYON_NUM_THREADS=threads)
wall = {name: [] for name in commands}
cpu = {name: [] for name in commands}
for _ in range(runs):
    for name, command in commands.items():
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        # Both exit non-zero when they find defects.
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        wall[name].append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[name].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
w = {n: statistics.median(v) for n, v in wall.items()}
c = {n: statistics.median(v) for n, v in cpu.items()}
print(f"{w['galley']:10.1f} {w['hyperlink']:10.1f} {w['galley'] / w['hyperlink']:6.2f}"
      f" {c['galley']:10.1f} {c['hyperlink']:10.1f} {c['galley'] / c['hyperlink']:6.2f}")
PY
}

printf '%-22s %6s %4s | %10s %10s %6s | %10s %10s %6s\n' site files MB "galley" "hyperlink" ratio "galley" "hyperlink" ratio
printf '%-22s %6s %4s | %29s | %29s\n' "" "" "" "wall ms (median)" "CPU ms, user+sys (median)"
for site in "$generated" "$pydoc"; do
  files=$(find "$site" -name '*.html' | wc -l)
  mb=$(du -sm "$site" | cut -f1)
  # Warm the page cache so both tools read from memory.
  find "$site" -name '*.html' -exec cat {} + >/dev/null
  read -r gw hw rw gc hc rc <<<"$(measure "$site")"
  printf '%-22s %6s %4s | %10s %10s %6s | %10s %10s %6s\n' "$(basename "$site")" "$files" "$mb" "$gw" "$hw" "$rw" "$gc" "$hc" "$rc"
done
echo "ratio = galley / hyperlink (below 1: galley is faster); $runs runs each, alternating, $threads threads"
echo "galley's findings on each site:"
for site in "$generated" "$pydoc"; do
  echo "  $(basename "$site"): $("$galley" check "$site" --format short | tail -n 1)"
  echo "  hyperlink: $("$hyperlink" "$site" --check-anchors -j "$threads" 2>&1 | tail -n 3 | tr '\n' ' ')"
done
