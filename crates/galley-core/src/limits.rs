//! Resource limits, in one place, so that hostile input cannot make Galley use
//! unbounded memory or time. Each limit reached is reported (a finding, or a
//! note on stderr), never silently passed. `docs/limits.md` lists them from
//! these declarations (a test keeps it current).

/// One limit, as docs/limits.md lists it.
pub struct Limit {
    pub name: &'static str,
    /// The value as written in the source (`32 * 1024 * 1024`).
    pub value: &'static str,
    pub docs: &'static str,
}

macro_rules! limits {
    ($($(#[doc = $doc:literal])+ pub const $name:ident: $ty:ty = $value:expr;)+) => {
        $($(#[doc = $doc])+ pub const $name: $ty = $value;)+

        /// Every limit, in the order declared.
        pub const ALL: &[Limit] = &[$(Limit {
            name: stringify!($name),
            value: stringify!($value),
            docs: concat!($($doc, "\n"),+),
        }),+];
    };
}

limits! {
    /// Largest file Galley reads as text. Larger files get a `file-unreadable` finding.
    pub const MAX_TEXT_FILE_BYTES: u64 = 32 * 1024 * 1024;

    /// Deepest nesting of YAML collections accepted; deeper input is refused with a
    /// finding rather than risking the stack.
    pub const MAX_YAML_DEPTH: usize = 256;

    /// Most nodes (scalars, lists, mappings; aliases expanded) one YAML file may
    /// hold. Each costs about 500 bytes once read with its position, so this
    /// bounds a data file's memory near 120 MB; real data files hold thousands.
    pub const MAX_YAML_NODES: usize = 250_000;

    /// How deep brackets (`a[b[c]]`, `((1..2))`) may nest in one Liquid
    /// expression; deeper ones are read as an unknown value, not followed.
    pub const MAX_LIQUID_NESTING: usize = 32;

    /// Deepest nesting of Liquid blocks (`if`, `for`, `case`, `capture`) the
    /// template–data contract follows: each level is a scope every read looks
    /// through, so 100,000 nested `if`s would cost their square. A template
    /// nested deeper is judged up to there, and what it reads past it is
    /// unknown, never reported; real templates nest a handful deep.
    pub const MAX_LIQUID_BLOCK_DEPTH: usize = 100;

    /// Most nodes that YAML alias expansion may produce in one file (a "billion
    /// laughs" document is refused when it reaches this).
    pub const MAX_YAML_ALIAS_NODES: usize = 100_000;

    /// Longest attribute value Galley reads (an `href`, `src`, `id`, `alt`…): a
    /// longer one is not checked, and is reported (`html-syntax`) unless it is an
    /// inline `data:` image.
    pub const MAX_ATTRIBUTE_BYTES: usize = 64 * 1024;

    /// Most findings reported in one file, of all rules together; the most severe
    /// are kept, a note on stderr says how many more there were, and the JSON
    /// summary's `not_shown` lists them by file. High enough that a real page
    /// is reported whole (the Python docs' table of contents has 1,451 links
    /// to one missing page); it bounds machine-made pages. The page checker
    /// keeps at most this many of each severity per file and only counts the
    /// rest, so a page of a million defects costs what can be shown.
    pub const MAX_FINDINGS_PER_FILE: usize = 10_000;

    /// Most findings one prose rule reports in one file. Machine-made text (a word
    /// list, a minified page) can hold millions of "repeats"; past this many the
    /// file needs a person, not more findings.
    pub const MAX_PROSE_FINDINGS_PER_FILE: usize = 100;

    /// Bytes of a response body read, at most (to find a `#fragment` in a page);
    /// the rest is never downloaded.
    pub const MAX_LINK_BODY_BYTES: usize = 4 * 1024 * 1024;

    /// Most different external URLs (without their fragment) one run checks;
    /// links to more are counted in a warning and not checked. Within the
    /// time budget a run reaches a few tens of thousands anyway.
    pub const MAX_EXTERNAL_URLS: usize = 50_000;

    /// Largest link cache file read (`[links] cache`); a larger one, or one that
    /// is not a regular file, is left alone with a warning and the run goes on
    /// without it.
    pub const MAX_LINK_CACHE_BYTES: u64 = 64 * 1024 * 1024;

    /// Redirects followed from one URL, by default (`[links] max_redirects`).
    pub const MAX_REDIRECTS: usize = 10;

    /// Seconds the external link check may take in all, by default
    /// (`[links] budget_secs`); links left unchecked then are named in a warning.
    pub const LINK_TIME_BUDGET_SECS: u64 = 600;

    /// Requests in flight at once, by default (`[links] concurrency`).
    pub const LINK_CONCURRENCY: usize = 32;

    /// Requests in flight at once to one host, by default (`[links] per_host`).
    pub const LINK_PER_HOST: usize = 4;
}

#[cfg(test)]
mod tests {
    const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/limits.md");
    const START: &str = "<!-- limits:start -->\n";
    const END: &str = "<!-- limits:end -->";

    /// The table of docs/limits.md, between its markers.
    fn markdown_table() -> String {
        let mut out = String::from("| Limit | Value | What it bounds |\n|---|---|---|\n");
        for limit in super::ALL {
            let docs = limit
                .docs
                .lines()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ");
            out.push_str(&format!(
                "| `{}` | `{}` | {} |\n",
                limit.name, limit.value, docs
            ));
        }
        out
    }

    /// docs/limits.md is generated from the declarations above;
    /// `GALLEY_BLESS=1 cargo test -p galley-core limits` rewrites it.
    #[test]
    fn docs_limits_md_lists_every_limit() {
        let doc = std::fs::read_to_string(DOC).expect("docs/limits.md");
        let start = doc.find(START).expect("the start marker") + START.len();
        let end = doc.find(END).expect("the end marker");
        let table = markdown_table();
        if std::env::var_os("GALLEY_BLESS").is_some() {
            let updated = format!("{}{table}{}", &doc[..start], &doc[end..]);
            std::fs::write(DOC, updated).unwrap();
            return;
        }
        assert!(
            doc[start..end] == table,
            "docs/limits.md is stale: run `GALLEY_BLESS=1 cargo test -p galley-core limits`"
        );
    }
}
