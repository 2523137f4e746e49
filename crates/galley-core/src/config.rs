//! `galley.toml`: the user's configuration, with the position of every key and
//! value kept so that a mistake is reported at its line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Deserialize;
pub use toml::Spanned;

use crate::finding::Severity;

/// The file name Galley looks for at the site root.
pub const CONFIG_FILE: &str = "galley.toml";

/// The schema binding that applies when the config has no `[schemas]` table.
pub const DEFAULT_SCHEMA_BINDINGS: &[(&str, &str)] =
    &[("_data/software/messengers/*.yml", "builtin:messenger")];

/// A rule's configured level: a severity, or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// What a site folder holds: sources to be built, or built HTML.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SiteKind {
    Jekyll,
    Html,
}

/// How Markdown headings get their ids: as the site's renderer makes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeadingIdStyle {
    /// Jekyll's default: kramdown with `input: GFM`.
    KramdownGfm,
    /// kramdown with `input: kramdown`.
    Kramdown,
    /// GitHub's rendering of Markdown files.
    Github,
    /// Python-Markdown's `toc` extension (MkDocs).
    PythonMarkdown,
    /// Headings get no ids (`auto_ids: false`).
    None,
}

impl SiteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SiteKind::Jekyll => "jekyll",
            SiteKind::Html => "html",
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    site: SiteConfig,
    schemas: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    #[serde(default)]
    report: ReportConfig,
    #[serde(default)]
    prose: ProseConfig,
    #[serde(default)]
    links: LinksConfig,
}

/// One `[[overrides]]` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    paths: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

/// `[links]`: external links. Checked only with `galley check --external` or
/// `check = true` here, so that a pre-commit run never touches the network.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LinksConfig {
    /// Check external links on every run, as `--external` does.
    pub check: bool,
    /// Let links reach private, loopback, link-local, multicast and unspecified
    /// addresses (refused by default, after DNS resolution).
    pub allow_private: bool,
    /// Regular expressions: a URL that matches one is not checked.
    pub exclude: Vec<Spanned<String>>,
    /// Status codes that count as fine besides 2xx (`[403, 429]` for a site
    /// known to block robots).
    pub accept: Vec<u16>,
    /// The cache file, relative to the site root; `""` for none.
    pub cache: String,
    /// How long a good result is trusted, in hours.
    pub cache_max_age_hours: u64,
    /// Requests in flight at once, in all.
    pub concurrency: usize,
    /// Requests in flight at once to one host.
    pub per_host: usize,
    /// The least time between the starts of two requests to one host, in
    /// milliseconds.
    pub host_interval_ms: u64,
    /// Seconds to connect; seconds for a whole request.
    pub connect_timeout_secs: u64,
    pub timeout_secs: u64,
    /// Further tries after a transient failure (a timeout, a reset, 5xx, 429).
    pub retries: u32,
    /// The longest `Retry-After` honoured, in seconds; a longer wait is not made.
    pub max_retry_after_secs: u64,
    /// Redirects followed from one URL, at most.
    pub max_redirects: usize,
    /// Seconds for all external checks of a run; what is left is not checked.
    pub budget_secs: u64,
}

impl Default for LinksConfig {
    fn default() -> LinksConfig {
        LinksConfig {
            check: false,
            allow_private: false,
            exclude: Vec::new(),
            accept: Vec::new(),
            cache: ".galley-cache/links.json".to_owned(),
            cache_max_age_hours: 24,
            concurrency: crate::limits::LINK_CONCURRENCY,
            per_host: crate::limits::LINK_PER_HOST,
            host_interval_ms: 100,
            connect_timeout_secs: 10,
            timeout_secs: 20,
            retries: 2,
            max_retry_after_secs: 30,
            max_redirects: crate::limits::MAX_REDIRECTS,
            budget_secs: crate::limits::LINK_TIME_BUDGET_SECS,
        }
    }
}

/// `[prose]`: the word-level checks.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProseConfig {
    /// Words whose doubling is correct in this site's prose, on top of the
    /// built-in list ("had had", "that that"…).
    #[serde(default)]
    pub allow_repeated: Vec<String>,
    /// The site's own words that the misspelling dictionary would flag
    /// (product names, jargon), any case.
    #[serde(default)]
    pub allow_words: Vec<String>,
    /// Keys of YAML data fields that hold prose, read as Markdown (at any
    /// depth: `description` also matches `/downloads/0/description`).
    #[serde(default = "ProseConfig::default_data_fields")]
    pub data_fields: Vec<String>,
}

impl ProseConfig {
    /// Whether a YAML key holds prose (`data_fields`).
    pub fn is_data_field(&self, key: &str) -> bool {
        self.data_fields.iter().any(|field| field == key)
    }

    fn default_data_fields() -> Vec<String> {
        ["title", "description", "summary", "text", "tooltip"]
            .map(str::to_owned)
            .to_vec()
    }
}

impl Default for ProseConfig {
    fn default() -> ProseConfig {
        ProseConfig {
            allow_repeated: Vec::new(),
            allow_words: Vec::new(),
            data_fields: ProseConfig::default_data_fields(),
        }
    }
}

/// `[report]`: the editors' HTML report.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    /// Where a finding links to its source line: a URL template with `{path}`
    /// (from the repository root) and `{line}`, e.g.
    /// `https://github.com/OWNER/REPO/blob/main/{path}#L{line}`.
    pub source_url: Option<Spanned<String>>,
}

/// `[site]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Detected from the folder when absent.
    pub kind: Option<SiteKind>,
    /// Globs of paths to skip, on top of `.gitignore`.
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    /// Globs of files the build creates that are not in the sources (plugin
    /// output such as `feed.xml`, vendored scripts copied in by a build step):
    /// links to them are not reported missing.
    #[serde(default)]
    pub generated: Vec<Spanned<String>>,
    /// Other addresses the site is served at (`https://old.example.org`):
    /// absolute links to them are internal links, checked offline. `_config.yml`'s
    /// `url` (with its `www.` twin, over http and https) needs no entry.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The site's own address (`https://example.org`), for the report's links
    /// to live pages; `_config.yml`'s `url` when absent.
    pub url: Option<String>,
    /// How Markdown headings get their ids; from `_config.yml`'s `kramdown`
    /// settings when absent (`kramdown-gfm`, Jekyll's default), `github` for
    /// other sites.
    pub heading_ids: Option<HeadingIdStyle>,
}

/// One `[schemas]` entry: files matching `glob` are validated against `schema`.
#[derive(Debug, Clone)]
pub struct SchemaBinding {
    pub glob: Spanned<String>,
    /// A path relative to the site root, or `builtin:NAME`.
    pub schema: Spanned<String>,
}

/// One `[rules]` entry.
#[derive(Debug, Clone)]
pub struct RuleSetting {
    pub rule: Spanned<String>,
    pub level: Level,
}

/// One `[[overrides]]` entry: rule levels for the files its globs match
/// (paths relative to the site root). Later entries win over earlier ones,
/// and every entry over `[rules]`.
#[derive(Debug, Clone)]
pub struct Override {
    pub paths: Vec<Spanned<String>>,
    matcher: globset::GlobSet,
    pub rules: Vec<RuleSetting>,
}

impl Override {
    pub fn matches(&self, path: &str) -> bool {
        self.matcher.is_match(path)
    }
}

/// The configuration in force: the file's, or the defaults when there is none.
#[derive(Debug)]
pub struct Config {
    /// The file it came from, kept for located diagnostics; `None` for defaults.
    pub source: Option<ConfigSource>,
    pub site: SiteConfig,
    pub schemas: Vec<SchemaBinding>,
    pub rules: Vec<RuleSetting>,
    /// `[[overrides]]`, in the file's order.
    pub overrides: Vec<Override>,
    pub report: ReportConfig,
    pub prose: ProseConfig,
    pub links: LinksConfig,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            source: None,
            site: SiteConfig::default(),
            schemas: default_bindings(),
            rules: Vec::new(),
            overrides: Vec::new(),
            report: ReportConfig::default(),
            prose: ProseConfig::default(),
            links: LinksConfig::default(),
        }
    }
}

fn default_bindings() -> Vec<SchemaBinding> {
    DEFAULT_SCHEMA_BINDINGS
        .iter()
        .map(|&(glob, schema)| SchemaBinding {
            glob: Spanned::new(0..0, glob.to_owned()),
            schema: Spanned::new(0..0, schema.to_owned()),
        })
        .collect()
}

/// The text of a config file, for diagnostics that point into it.
#[derive(Debug, Clone)]
pub struct ConfigSource {
    pub path: PathBuf,
    pub text: Arc<str>,
}

impl Config {
    /// Reads and parses a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|err| {
            ConfigError::unlocated(
                format!("cannot read config file {}: {err}", path.display()),
                "check the path given to --config, or remove the option",
            )
        })?;
        Config::parse(path, &text)
    }

    /// Parses config text; `path` is used only in diagnostics.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let source = ConfigSource {
            path: path.to_owned(),
            text: text.into(),
        };
        let raw: RawConfig = toml::from_str(text).map_err(|err| {
            let (message, help) = split_expected(&first_line(err.message()));
            source.error(err.span(), message, help)
        })?;
        let schemas = match raw.schemas {
            None => default_bindings(),
            Some(table) => table
                .into_iter()
                .map(|(glob, schema)| SchemaBinding { glob, schema })
                .collect(),
        };
        let rules = rule_settings(&source, raw.rules, "[rules]")?;
        let overrides = raw
            .overrides
            .into_iter()
            .map(|entry| override_of(&source, entry))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(url) = &raw.report.source_url
            && !(url.get_ref().starts_with("https://") || url.get_ref().starts_with("http://"))
        {
            return Err(source.error(
                Some(url.span()),
                "`source_url` must start with https:// or http://",
                Some(
                    "the report links every finding there, e.g. \"https://github.com/OWNER/REPO/blob/main/{path}#L{line}\""
                        .to_owned(),
                ),
            ));
        }
        if let Some(url) = &raw.report.source_url
            && !url.get_ref().contains("{path}")
        {
            return Err(source.error(
                Some(url.span()),
                "`source_url` has no `{path}`",
                Some(
                    "write where a file is shown, e.g. \"https://github.com/OWNER/REPO/blob/main/{path}#L{line}\""
                        .to_owned(),
                ),
            ));
        }
        Ok(Config {
            source: Some(source),
            site: raw.site,
            schemas,
            rules,
            overrides,
            report: raw.report,
            prose: raw.prose,
            links: raw.links,
        })
    }

    /// An error located at `span` of the config file (or unlocated for defaults).
    pub fn error_at(
        &self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> ConfigError {
        match &self.source {
            Some(source) => source.error(Some(span), message.into(), Some(help.into())),
            None => ConfigError::unlocated(message, help),
        }
    }

    /// Whether `rule` is run at all: a rule set to `off` (and on under no
    /// `[[overrides]]` path) is not: its work is saved, not filtered afterwards.
    pub fn runs(&self, rule: &crate::RuleMeta) -> bool {
        self.level_of(rule.id) != Some(Level::Off)
            || self
                .overrides
                .iter()
                .flat_map(|entry| &entry.rules)
                .any(|setting| setting.rule.get_ref() == rule.id && setting.level != Level::Off)
    }

    /// The level `[rules]` gives a rule, if it sets one.
    pub fn level_of(&self, rule: &str) -> Option<Level> {
        level_in(&self.rules, rule)
    }

    /// The level of a rule for the file at `path`: the last `[[overrides]]`
    /// entry whose globs match the path and that sets the rule, else `[rules]`.
    pub fn level_at(&self, rule: &str, path: &str) -> Option<Level> {
        self.overrides
            .iter()
            .rev()
            .filter(|entry| entry.matches(path))
            .find_map(|entry| level_in(&entry.rules, rule))
            .or_else(|| self.level_of(rule))
    }

    /// Every rule setting, of `[rules]` and of each override, for validation.
    pub fn rule_settings(&self) -> impl Iterator<Item = &RuleSetting> {
        self.rules
            .iter()
            .chain(self.overrides.iter().flat_map(|entry| &entry.rules))
    }
}

fn level_in(settings: &[RuleSetting], rule: &str) -> Option<Level> {
    settings
        .iter()
        .rev()
        .find(|setting| setting.rule.get_ref() == rule)
        .map(|s| s.level)
}

/// A table of `rule = "level"`. A key that is a path (`[rules."legacy/**"]`)
/// gets an error that points at `[[overrides]]`, which is what it means.
fn rule_settings(
    source: &ConfigSource,
    table: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    table_name: &str,
) -> Result<Vec<RuleSetting>, ConfigError> {
    table
        .into_iter()
        .map(|(rule, value)| {
            let span = value.span();
            let level = match value.into_inner() {
                toml::Value::String(text) => match text.as_str() {
                    "error" => Level::Error,
                    "warning" => Level::Warning,
                    "info" => Level::Info,
                    "off" => Level::Off,
                    other => {
                        return Err(source.error(
                            Some(span),
                            format!("`{other}` is not a level"),
                            Some("a rule's level is \"error\", \"warning\", \"info\" or \"off\"".to_owned()),
                        ));
                    }
                },
                toml::Value::Table(_) if rule.get_ref().contains(['/', '*', '.']) => {
                    return Err(source.error(
                        Some(rule.span()),
                        format!("`{}` is a path, but {table_name} takes rule ids", rule.get_ref()),
                        Some(format!(
                            "to set levels for some files, write an override:\n[[overrides]]\npaths = [\"{}\"]\n[overrides.rules]\nlink-missing = \"off\"",
                            rule.get_ref()
                        )),
                    ));
                }
                _ => {
                    return Err(source.error(
                        Some(span),
                        format!("the level of `{}` must be a string", rule.get_ref()),
                        Some("a rule's level is \"error\", \"warning\", \"info\" or \"off\"".to_owned()),
                    ));
                }
            };
            Ok(RuleSetting { rule, level })
        })
        .collect()
}

fn override_of(source: &ConfigSource, raw: RawOverride) -> Result<Override, ConfigError> {
    let paths_span = raw.paths.span();
    let paths = raw.paths.into_inner();
    if paths.is_empty() {
        return Err(source.error(
            Some(paths_span),
            "`paths` is empty: this override applies to no file",
            Some("list globs relative to the site root, e.g. paths = [\"legacy/**\"]".to_owned()),
        ));
    }
    let mut builder = globset::GlobSetBuilder::new();
    for glob in &paths {
        let compiled = globset::GlobBuilder::new(glob.get_ref())
            .literal_separator(true)
            .build()
            .map_err(|err| {
                source.error(
                    Some(glob.span()),
                    format!("`{}` is not a valid glob: {}", glob.get_ref(), err.kind()),
                    Some("globs are relative to the site root: `legacy/**`, `*.md`, `_data/**/*.yml`".to_owned()),
                )
            })?;
        builder.add(compiled);
        // `legacy/**` also means the folder's files at any depth; `legacy`
        // alone names the folder: match what is under it too.
        if !glob.get_ref().contains(['*', '?', '[', '{']) {
            let under = format!("{}/**", glob.get_ref().trim_end_matches('/'));
            if let Ok(compiled) = globset::Glob::new(&under) {
                builder.add(compiled);
            }
        }
    }
    let matcher = builder.build().map_err(|err| {
        source.error(
            Some(paths_span),
            format!("the globs cannot be used: {err}"),
            None,
        )
    })?;
    let rules = rule_settings(source, raw.rules, "[overrides.rules]")?;
    Ok(Override {
        paths,
        matcher,
        rules,
    })
}

impl ConfigSource {
    fn error(
        &self,
        span: Option<std::ops::Range<usize>>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> ConfigError {
        ConfigProblem {
            message: crate::visible::single_line(&message.into()),
            src: Some(NamedSource::new(
                crate::visible::single_line(&self.path.display().to_string()),
                crate::visible::visible_source(&self.text),
            )),
            span: span.map(|range| SourceSpan::from(range.start..range.end.max(range.start))),
            help,
        }
        .into()
    }
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_owned()
}

/// toml's "unknown field `x`, expected `a` or `b`" becomes the message "unknown
/// field `x`" and a help line with the expected names and the closest of them.
fn split_expected(message: &str) -> (String, Option<String>) {
    let Some((head, expected)) = message.split_once(", expected ") else {
        return (message.to_owned(), None);
    };
    let names = expected.split('`').skip(1).step_by(2);
    let given = head.split('`').nth(1).unwrap_or_default();
    let hint = crate::closest(given, names)
        .map(|near| format!("did you mean `{near}`? "))
        .unwrap_or_default();
    (head.to_owned(), Some(format!("{hint}expected {expected}")))
}

/// A config that Galley cannot use: the run stops with exit code 2.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error(transparent)]
#[diagnostic(transparent)]
pub struct ConfigError(Box<ConfigProblem>);

#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(galley::config))]
pub struct ConfigProblem {
    message: String,
    #[source_code]
    src: Option<NamedSource<String>>,
    #[label("here")]
    span: Option<SourceSpan>,
    #[help]
    help: Option<String>,
}

impl ConfigError {
    /// An error about the config that has no place in a file (such as a missing
    /// `--config` path).
    pub fn unlocated(message: impl Into<String>, help: impl Into<String>) -> ConfigError {
        ConfigProblem {
            message: message.into(),
            src: None,
            span: None,
            help: Some(help.into()),
        }
        .into()
    }
}

impl From<ConfigProblem> for ConfigError {
    fn from(problem: ConfigProblem) -> ConfigError {
        ConfigError(Box::new(problem))
    }
}
