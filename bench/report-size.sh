#!/usr/bin/env bash
# What the editors' report and the terminal output cost on a real site: writes
# `galley report` and `galley check` (human) for a folder and prints the
# report's size, its causes and the largest ones, and the human output's line
# count. Not part of CI. With no folder, the Python docs from Debian's
# python3.11-doc package are fetched (apt-get download, no install) into
# target/bench-tools/.
#
#   bench/report-size.sh [SITE_FOLDER]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
galley=$PWD/target/release/galley
site=${1:-}
if [ -z "$site" ]; then
  tools=$PWD/target/bench-tools
  site=$tools/python-docs/usr/share/doc/python3.11/html
  if [ ! -d "$site" ]; then
    mkdir -p "$tools/python-docs"
    (cd "$tools" && apt-get download python3.11-doc >/dev/null && dpkg-deb -x python3.11-doc_*.deb python-docs)
  fi
fi
out=$(mktemp -d)
(cd "$site" && "$galley" report . -o "$out/report.html" --exit-zero >/dev/null)
(cd "$site" && "$galley" check . --exit-zero >"$out/human.txt" 2>/dev/null)
echo "site:          $site"
echo "report:        $(wc -c <"$out/report.html") bytes, $(grep -c '<article class="card"' "$out/report.html") causes"
echo "human output:  $(wc -l <"$out/human.txt") lines"
echo "largest causes:"
grep -o '<li><a href="#cause-[^"]*">[^<]*</a>' "$out/report.html" | sed 's/<[^>]*>//g; s/^/  /' || true
grep -o '<tr data-rule="[^"]*"><th scope="row">[^<]*</th>.*<td class="n">[0-9,]*</td>' "$out/report.html" \
  | sed -E 's/<tr data-rule="([^"]*)">.*<td class="n">([0-9,]*)<\/td>/  \1 \2/' || true
rm -rf "$out"
