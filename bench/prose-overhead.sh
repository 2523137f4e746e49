#!/usr/bin/env bash
# What the prose checks cost: times `galley check` (release) next to (a) the
# same source with prose reading switched off (`Prose::push_run` returns at
# once: a one-line patch applied in a git worktree), and (b) a build from
# before the prose checks existed (commit f7a1043 by default), on the same
# built sites, alternating runs; prints the medians and the ratios. Not part of
# CI. Both comparison builds go into target/bench-tools/; the sites are those
# of bench/html-vs-hyperlink.sh.
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

# (a) This source without prose reading, rebuilt when the source changes.
head=$(git rev-parse --short HEAD)
noprose=$tools/noprose-$head/release/galley
if [ ! -x "$noprose" ]; then
  echo "building $head without prose reading into $tools..." >&2
  worktree=$tools/worktree-noprose
  git worktree add --force --detach "$worktree" HEAD >/dev/null
  sed -i 's|^    pub fn push_run(&mut self, text: &str, range: Range<usize>) {$|&\n        if true { let _ = (text, range); return; }|' \
    "$worktree/crates/galley-prose/src/lib.rs"
  grep -q 'if true { let _ = (text, range); return; }' "$worktree/crates/galley-prose/src/lib.rs"
  (cd "$worktree" && CARGO_TARGET_DIR=$tools/noprose-$head cargo build --release --locked --quiet)
  git worktree remove --force "$worktree"
fi

. bench/sites.sh

printf '%-16s | %30s | %30s\n' "" "wall ms (median)" "CPU ms, user+sys (median)"
printf '%-16s | %8s %8s %8s | %8s %8s %8s |  %s\n' site prose off before prose off before "ratios prose/off, prose/before (wall; CPU)"
for site in "$generated" "$pydoc"; do
  find "$site" -name '*.html' -exec cat {} + >/dev/null
  python3 - "$runs" "$site" "$galley" "$noprose" "$baseline" <<'PY'
import os, resource, statistics, subprocess, sys, time
runs, site, *binaries = int(sys.argv[1]), sys.argv[2], *sys.argv[3:]
names = ["prose", "off", "before"]
wall = {n: [] for n in names}
cpu = {n: [] for n in names}
for _ in range(runs):
    for name, binary in zip(names, binaries):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([binary, "check", site, "--format", "json"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall[name].append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[name].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
w = {n: statistics.median(v) for n, v in wall.items()}
c = {n: statistics.median(v) for n, v in cpu.items()}
print(f"{os.path.basename(site):16s} | {w['prose']:8.1f} {w['off']:8.1f} {w['before']:8.1f} | {c['prose']:8.1f} {c['off']:8.1f} {c['before']:8.1f} |"
      f"  {w['prose'] / w['off']:.2f}, {w['prose'] / w['before']:.2f}; {c['prose'] / c['off']:.2f}, {c['prose'] / c['before']:.2f}")
PY
done
echo "off = this source with prose reading switched off; before = $rev; $runs runs each, alternating"
