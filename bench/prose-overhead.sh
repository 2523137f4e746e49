#!/usr/bin/env bash
# What the prose checks cost: times `galley check` (release) next to a build of
# Galley from before the prose checks existed (commit f7a1043 by default), on
# the same built sites, alternating runs, and prints the medians and the ratio.
# Not part of CI. The baseline is built once, from a git worktree, into
# target/bench-tools/; the sites are those of bench/html-vs-hyperlink.sh.
#
#   bench/prose-overhead.sh [-n RUNS] [-r BASELINE_REV]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=11
rev=f7a1043
while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=$2; shift 2 ;;
    -r) rev=$2; shift 2 ;;
    *) echo "usage: $0 [-n RUNS] [-r BASELINE_REV]" >&2; exit 2 ;;
  esac
done
tools=$PWD/target/bench-tools
mkdir -p "$tools"
cargo build --release --locked --quiet
galley=target/release/galley

baseline=$tools/baseline-$rev/release/galley
if [ ! -x "$baseline" ]; then
  echo "building the baseline $rev into $tools (once)..." >&2
  worktree=$tools/worktree-$rev
  git worktree add --force --detach "$worktree" "$rev" >/dev/null
  (cd "$worktree" && CARGO_TARGET_DIR=$tools/baseline-$rev cargo build --release --locked --quiet)
  git worktree remove --force "$worktree"
fi

generated=$tools/generated-5000
[ -f "$generated/index.html" ] || python3 bench/gen-site.py "$generated" 5000
pydoc=$tools/python3-doc/usr/share/doc/python3.11/html
if [ ! -d "$pydoc" ]; then
  (cd "$tools" && apt-get download python3.11-doc >/dev/null \
     && dpkg-deb -x python3.11-doc_*.deb python3-doc)
fi

printf '%-22s | %27s | %27s\n' "" "wall ms (median)" "CPU ms, user+sys (median)"
printf '%-22s | %10s %10s %5s | %10s %10s %5s\n' site prose baseline ratio prose baseline ratio
for site in "$generated" "$pydoc"; do
  find "$site" -name '*.html' -exec cat {} + >/dev/null
  python3 - "$runs" "$site" "$galley" "$baseline" <<'PY'
import os, resource, statistics, subprocess, sys, time
runs, site, galley, baseline = int(sys.argv[1]), *sys.argv[2:]
wall = {"galley": [], "baseline": []}
cpu = {"galley": [], "baseline": []}
for _ in range(runs):
    for name, binary in (("galley", galley), ("baseline", baseline)):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([binary, "check", site, "--format", "json"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall[name].append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[name].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
w = {n: statistics.median(v) for n, v in wall.items()}
c = {n: statistics.median(v) for n, v in cpu.items()}
print(f"{os.path.basename(site):22s} | {w['galley']:10.1f} {w['baseline']:10.1f} {w['galley'] / w['baseline']:5.2f}"
      f" | {c['galley']:10.1f} {c['baseline']:10.1f} {c['galley'] / c['baseline']:5.2f}")
PY
done
echo "ratio = with prose / baseline ($runs runs each, alternating)"
