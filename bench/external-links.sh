#!/usr/bin/env bash
# External links: `galley check --external` next to lychee on the same
# generated site, against a loopback server with a fixed latency (2,000 unique
# URLs over 8 hosts, 127.0.0.1-127.0.0.8), with matching concurrency settings.
# Prints each tool's median wall time, their ratio, the ideal time
# (URLs / allowed parallelism x latency) and Galley's cached re-run. Not part
# of CI: lychee is installed from crates.io into target/bench-tools/ (once).
#
#   bench/external-links.sh [-n RUNS] [-u URLS] [-l LATENCY_MS] [-c CONCURRENCY] [-p PER_HOST] [-i INTERVAL_MS]
#
# -i is the least interval between two requests to one host, given to both
# tools (lychee's --host-request-interval, Galley's host_interval_ms); 0 by
# default, so that the ideal time is the bound.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3 urls=2000 latency=50 concurrency=32 per_host=4 hosts=8 interval=0
while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=$2; shift 2 ;;
    -u) urls=$2; shift 2 ;;
    -l) latency=$2; shift 2 ;;
    -c) concurrency=$2; shift 2 ;;
    -p) per_host=$2; shift 2 ;;
    -i) interval=$2; shift 2 ;;
    *) echo "usage: $0 [-n RUNS] [-u URLS] [-l LATENCY_MS] [-c CONCURRENCY] [-p PER_HOST] [-i INTERVAL_MS]" >&2; exit 2 ;;
  esac
done
tools=target/bench-tools
mkdir -p "$tools"
cargo build --release --locked --quiet
galley=$PWD/target/release/galley
lychee=$tools/lychee/bin/lychee
if [ ! -x "$lychee" ]; then
  echo "installing lychee into $tools/lychee (once; a few minutes)..." >&2
  cargo install lychee --locked --quiet --root "$tools/lychee"
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
site=$tools/links-site
rm -rf "$site"; mkdir -p "$site"
python3 - "$site" "$urls" "$hosts" "$port" <<'PY'
import sys
site, urls, hosts, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
per_page = 50
for page in range(0, urls, per_page):
    links = "\n".join(
        f'<li><a href="http://127.0.0.{n % hosts + 1}:{port}/p/{n}">link {n}</a></li>'
        for n in range(page, min(page + per_page, urls)))
    with open(f"{site}/page{page // per_page}.html", "w") as f:
        f.write(f"<!doctype html><html lang=en><title>Page</title><ul>{links}</ul></html>\n")
PY
cat > "$site/galley.toml" <<TOML
[site]
kind = "html"
[links]
check = true
allow_private = true
cache = ""
concurrency = $concurrency
per_host = $per_host
host_interval_ms = $interval
retries = 0
TOML

python3 bench/link-server.py "$port" "$hosts" "$latency" > "$tools/link-server.out" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
until grep -q ready "$tools/link-server.out" 2>/dev/null; do sleep 0.1; done

# lychee's own per-host limit and interval, when this version has them
# (0.24: 10 per host and 50 ms by default).
lychee_host=()
if "$lychee" --help | grep -q -- '--host-concurrency'; then
  lychee_host=(--host-concurrency "$per_host" --host-request-interval "${interval}ms")
fi
time_of() { # command...
  local start end
  start=$(date +%s%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
g=() l=()
for _ in $(seq "$runs"); do
  g+=("$(time_of "$galley" check "$site" --format short)")
  l+=("$(time_of "$lychee" --no-progress --max-concurrency "$concurrency" "${lychee_host[@]}" \
          --max-retries 0 --cache-exclude-status 100.. --method head "$site"/*.html)")
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
mg=$(median "${g[@]}"); ml=$(median "${l[@]}")
parallel=$(( concurrency < hosts * per_host ? concurrency : hosts * per_host ))
ideal=$(( urls * latency / parallel ))
# With an interval, one host takes at least (its URLs - 1) x interval.
paced=$(( (urls / hosts - 1) * interval ))
if [ "$paced" -gt "$ideal" ]; then ideal=$paced; fi

# The cached re-run: a first run fills the cache, the second reads it.
sed -i 's/^cache = ""/cache = ".galley-cache\/links.json"/' "$site/galley.toml"
rm -rf "$site/.galley-cache"
first=$(time_of "$galley" check "$site" --format short)
second=$(time_of "$galley" check "$site" --format short)

echo "external links: $urls URLs over $hosts hosts, ${latency} ms latency, concurrency $concurrency, $per_host per host, ${interval} ms between requests to a host (${runs} runs, medians)"
printf '  galley  %6d ms\n  lychee  %6d ms   (%s)\n' "$mg" "$ml" "$("$lychee" --version)"
awk -v g="$mg" -v l="$ml" -v i="$ideal" 'BEGIN { printf "  galley/lychee %.2f   ideal %d ms (URLs / %s x latency)   galley/ideal %.2f\n", g / l, i, "parallelism", g / i }'
awk -v f="$first" -v s="$second" 'BEGIN { printf "  cached re-run: first %d ms, second %d ms (%.3f of the first)\n", f, s, s / f }'
