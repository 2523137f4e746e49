#!/usr/bin/env bash
# Seeds each fuzz target's corpus (fuzz/corpus/<target>, not committed) with
# the example sites' files, so that the fuzzers start from real pages, data and
# templates. Committed seeds that once found a bug live in fuzz/regressions/.
set -euo pipefail
cd "$(dirname "$0")"
fixtures=../fixtures
seed() { # target, files...
    local target=$1; shift
    mkdir -p "corpus/$target"
    for file in "$@"; do
        cp "$file" "corpus/$target/$(sha1sum < "$file" | cut -c1-16)"
    done
    if [ -d "regressions/$target" ]; then cp regressions/"$target"/* "corpus/$target/"; fi
}
mapfile -t html < <(find "$fixtures" -name '*.html' -size -64k)
mapfile -t yaml < <(find "$fixtures" -name '*.yml' -size -64k)
mapfile -t markdown < <(find "$fixtures" \( -name '*.md' -o -name '*.markdown' \) -size -64k)
mapfile -t toml < <(find .. -maxdepth 3 -name 'galley.toml' -not -path '*/target/*')
seed front_matter "${html[@]}" "${markdown[@]}"
seed liquid_mask "${html[@]}"
seed liquid_syntax "${html[@]}"
seed yaml "${yaml[@]}" "${markdown[@]}"
seed html_scan "${html[@]}"
seed markdown "${markdown[@]}"
seed prose "${markdown[@]}"
seed urls "${yaml[@]}"
seed config "${toml[@]}" ../docs/configuration.md
# A site: a config, a page, data, Markdown, a layout and an include, cut by 0xFF.
mkdir -p corpus/site
site=$fixtures/site
for page in "$site"/checks/*.html; do
    out="corpus/site/$(basename "$page" .html)"
    {
        cat "$site/_config.yml"; printf '\xff'
        cat "$page"; printf '\xff'
        find "$site/_data" -name "*.yml" | head -3 | xargs cat | head -c 4000; printf '\xff'
        find "$site" -name '*.md' | head -1 | xargs cat; printf '\xff'
        find "$site/_layouts" -name '*.html' | head -1 | xargs cat; printf '\xff'
        find "$site/_includes" -name '*.html' | head -1 | xargs cat
    } > "$out"
done
du -sh corpus/* | sort -k2
