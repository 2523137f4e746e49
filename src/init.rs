//! `galley init`: a commented galley.toml with every default.

use std::path::Path;

use galley_core::config::CONFIG_FILE;

/// The file `galley init` writes. Every value shown is the default; a test parses it.
pub const TEMPLATE: &str = r#"# Galley configuration. Every key is optional; the values shown are the defaults.
# Reference: docs/configuration.md

[site]
# "jekyll" (sources) or "html" (built output). Detected when absent: a folder
# with _config.yml is a Jekyll site.
# kind = "jekyll"
# Globs of files to skip, on top of .gitignore (relative to the site root).
ignore = []
# Globs of files the build creates that are not in the folder (plugin output,
# vendored scripts): links to them are not reported missing.
generated = []
# Other addresses the site is served at; links to them are checked offline.
aliases = []
# The site's own address, for the report's links to live pages; _config.yml's
# url when absent.
# url = "https://example.org"
# How Markdown headings get ids: "kramdown-gfm", "kramdown", "github",
# "python-markdown" or "none". From _config.yml's kramdown settings when absent.
# heading_ids = "kramdown-gfm"

# Data files validated against a JSON Schema: glob = schema. A schema is a path
# relative to the site root, or a bundled one ("builtin:messenger").
# Writing this table replaces the default binding below.
[schemas]
"_data/software/messengers/*.yml" = "builtin:messenger"

# Severity of each rule: "error", "warning", "info" or "off".
# `galley rules` lists them; `galley explain RULE` explains one.
[rules]
# schema = "error"

# Levels for some files only: globs relative to the site root; the last entry
# that matches a file wins. One finding is silenced in place instead with a
# comment: <!-- galley-ignore RULE reason --> (HTML, Markdown),
# {% comment %}galley-ignore RULE{% endcomment %} (Liquid), # galley-ignore RULE (YAML).
# [[overrides]]
# paths = ["archive/**"]
# [overrides.rules]
# link-missing = "off"

# The editors' report (`galley report`).
[report]
# Where a finding links to its source line: {path} is from the repository root.
# Without it, links open the file by a path relative to the report.
# source_url = "https://github.com/OWNER/REPO/blob/main/{path}#L{line}"

# word-repeated and misspelling.
[prose]
# Doubles that are right in this site, on top of "had had", "that that"...
allow_repeated = []
# The site's own words that the misspelling dictionary would flag (any case).
allow_words = []
# Keys of YAML data fields that hold prose (read as Markdown), at any depth.
data_fields = ["title", "description", "summary", "text", "tooltip"]

# External links: checked only with `galley check --external`, or with
# check = true; a pre-commit run never touches the network.
[links]
check = false
# Reach private, loopback and link-local addresses (refused after DNS otherwise).
allow_private = false
# Regular expressions: matching URLs are not checked.
exclude = []
# Status codes that count as fine besides 2xx, e.g. [403] for a site that
# always turns robots away.
accept = []
# Good answers are remembered here (relative to the site root; "" for none).
cache = ".galley-cache/links.json"
cache_max_age_hours = 24
# Requests at once in all, and to one host; least time between two requests
# to one host.
concurrency = 32
per_host = 4
host_interval_ms = 100
connect_timeout_secs = 10
timeout_secs = 20
# Further tries after a timeout, a reset, 5xx or 429; the longest Retry-After
# waited for.
retries = 2
max_retry_after_secs = 30
max_redirects = 10
# Seconds for all external checks of a run.
budget_secs = 600
"#;

/// Writes the template into `dir`; refuses to overwrite unless `force`.
pub fn write(dir: &Path, force: bool) -> Result<std::path::PathBuf, String> {
    let path = dir.join(CONFIG_FILE);
    if path.exists() && !force {
        return Err(format!(
            "{} already exists; pass --force to overwrite it",
            path.display()
        ));
    }
    std::fs::write(&path, TEMPLATE)
        .map_err(|err| format!("cannot write {}: {err}", path.display()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use galley_core::Config;

    #[test]
    fn template_parses_and_equals_the_defaults() {
        let config = Config::parse(Path::new("galley.toml"), TEMPLATE).unwrap();
        let defaults = Config::default();
        assert_eq!(config.site.kind, defaults.site.kind);
        assert!(config.site.ignore.is_empty());
        assert!(config.rules.is_empty());
        let pairs = |c: &Config| {
            c.schemas
                .iter()
                .map(|b| (b.glob.get_ref().clone(), b.schema.get_ref().clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(pairs(&config), pairs(&defaults));
        assert_eq!(config.prose.data_fields, defaults.prose.data_fields);
        assert!(config.prose.allow_repeated.is_empty() && config.prose.allow_words.is_empty());
        let (l, d) = (&config.links, &defaults.links);
        assert_eq!(
            (
                l.check,
                l.allow_private,
                &l.cache,
                l.cache_max_age_hours,
                l.concurrency,
                l.per_host
            ),
            (
                d.check,
                d.allow_private,
                &d.cache,
                d.cache_max_age_hours,
                d.concurrency,
                d.per_host
            )
        );
        assert_eq!(
            (
                l.host_interval_ms,
                l.connect_timeout_secs,
                l.timeout_secs,
                l.retries,
                l.max_retry_after_secs,
                l.max_redirects,
                l.budget_secs
            ),
            (
                d.host_interval_ms,
                d.connect_timeout_secs,
                d.timeout_secs,
                d.retries,
                d.max_retry_after_secs,
                d.max_redirects,
                d.budget_secs
            )
        );
        assert!(l.exclude.is_empty() && l.accept.is_empty());
    }
}
