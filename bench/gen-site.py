#!/usr/bin/env python3
"""Writes a built HTML site of N pages for benchmarks: headings with ids, links
across pages with fragments, images with alt text, a stylesheet, and about one
broken link, fragment and image per hundred pages, so both tools have work to
report. Deterministic: the same N gives the same site.

    bench/gen-site.py OUT_DIR [PAGES]
"""
import os
import random
import sys

out = sys.argv[1]
pages = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
rng = random.Random(42)
words = ("privacy security browser messenger encryption metadata server client "
         "federation onion network audit source open free threat model").split()


def sentence(n):
    # No word twice in a row: the generated prose has no accidental doubles.
    picked = []
    while len(picked) < n:
        word = rng.choice(words)
        if not picked or picked[-1] != word:
            picked.append(word)
    return " ".join(picked).capitalize() + "."


os.makedirs(os.path.join(out, "assets", "img"), exist_ok=True)
with open(os.path.join(out, "assets", "site.css"), "w") as f:
    f.write("body{font-family:sans-serif}\n")
for i in range(20):
    with open(os.path.join(out, "assets", "img", f"figure-{i}.svg"), "w") as f:
        f.write('<svg xmlns="http://www.w3.org/2000/svg"/>\n')

SECTIONS = 12
for p in range(pages):
    folder = os.path.join(out, "guides", f"g{p // 100:03d}")
    os.makedirs(folder, exist_ok=True)
    body = []
    for s in range(SECTIONS):
        body.append(f'<h2 id="section-{s}">{sentence(4)}</h2>')
        for _ in range(3):
            target = rng.randrange(pages)
            frag = rng.randrange(SECTIONS)
            href = f"/guides/g{target // 100:03d}/page-{target}.html#section-{frag}"
            if rng.random() < 0.0015:
                href = href.replace("#section-", "#sectoin-")
            if rng.random() < 0.0015:
                href = href.replace("page-", "pgae-")
            body.append(f'<p>{sentence(18)} <a href="{href}">{sentence(3)}</a> '
                        f'<a href="#section-{rng.randrange(SECTIONS)}">back</a></p>')
        img = f"/assets/img/figure-{rng.randrange(20)}.svg"
        if rng.random() < 0.01:
            img = img.replace("figure", "figuer")
        body.append(f'<img src="{img}" alt="{sentence(3)}">')
    html = (
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
        f"<title>Page {p}</title>"
        '<link rel="stylesheet" href="/assets/site.css"></head>\n<body>\n'
        '<a href="#main">Skip to content</a>\n<main id="main">\n'
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )
    with open(os.path.join(folder, f"page-{p}.html"), "w") as f:
        f.write(html)
with open(os.path.join(out, "index.html"), "w") as f:
    f.write('<!DOCTYPE html><html lang="en"><head><title>Home</title></head><body>'
            '<a href="/guides/g000/page-0.html">Start</a></body></html>\n')
