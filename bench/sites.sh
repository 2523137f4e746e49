# Sourced by the benchmarks: sets $generated and $pydoc, the two built sites
# they time, making them under $tools (target/bench-tools/) the first time:
# (a) a generated site of 5,000 pages (bench/gen-site.py) and (b) the HTML of
# Debian's python3.11-doc, extracted without installing it system-wide.
generated=$tools/generated-5000
[ -f "$generated/index.html" ] || python3 bench/gen-site.py "$generated" 5000
pydoc=$tools/python3-doc/usr/share/doc/python3.11/html
if [ ! -d "$pydoc" ]; then
  (cd "$tools" && apt-get download python3.11-doc >/dev/null \
     && dpkg-deb -x python3.11-doc_*.deb python3-doc)
fi
