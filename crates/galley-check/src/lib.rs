//! The check pipeline as a library: load a site, run every checker on it,
//! apply the configured levels, keep the findings of the requested paths.
//!
//! The `galley` binary, the fuzz `site` target and the rule snapshot tests
//! all call [`check`], so there is one pipeline. What the binary adds is its
//! arguments, its output formats and its exit codes.

pub mod baseline;
mod keys;
mod pages;
mod registry;
pub mod suppression;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use galley_core::finding::Tally;
use galley_core::internal_error::{self, INTERNAL_ERROR};
use galley_core::limits::MAX_FINDINGS_PER_FILE;
use galley_core::{Config, ConfigError, Finding, RuleRegistry, SiteKind};
use galley_data::DataChecker;
use galley_report::SourceTexts;
use galley_site::data::DataFiles;
use galley_site::{ExternalLink, Site, SiteMap, Templates};

pub use baseline::Baseline;
pub use galley_core::finding::BaselineOutcome;
pub use registry::registry;

/// Why a check could not be done (the binary's exit code 2).
#[derive(Debug)]
pub enum Failure {
    /// The configuration is wrong (an unknown rule, a bad glob, a bad schema).
    Config(ConfigError),
    /// Galley crashed on every file it read, so nothing was checked.
    NothingChecked(String),
}

impl From<ConfigError> for Failure {
    fn from(err: ConfigError) -> Failure {
        Failure::Config(err)
    }
}

/// What to check beyond the site's files on disk, and what to leave out.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Fetch external links (`--external`, or `[links] check` without `--offline`).
    pub external: bool,
    /// Findings already known (`--baseline`, `--changed-since`): only the
    /// others are reported.
    pub baseline: Option<Arc<Baseline>>,
}

/// A site, checked: the findings in report order and what renderers need.
pub struct Checked {
    pub root: PathBuf,
    pub config: Config,
    pub site: Site,
    pub site_kind: SiteKind,
    pub findings: Vec<Finding>,
    pub tally: Tally,
    pub sources: SourceTexts,
    /// The external URLs the pages link to, where they are written.
    pub external_links: Vec<ExternalLink>,
    /// Findings the per-file cap left out: how many, in which file.
    pub not_shown: Vec<(String, usize)>,
    /// Lines for the user that are not findings (`warning: …`, `note: …`), in
    /// the order they arose.
    pub notes: Vec<String>,
    /// What the baseline left out, when there was one.
    pub baseline: Option<BaselineOutcome>,
    /// Titles, URLs and shared parts of the files with findings.
    pub site_info: galley_report::SiteInfo,
    /// The findings a baseline knew (left out of `findings`).
    pub known: Vec<Finding>,
    /// Baseline entries no finding matches any more.
    pub fixed: Vec<galley_report::FixedEntry>,
}

/// The paths a run reports on, relative to the root: files, and folders as prefixes.
#[derive(Debug, Default)]
pub struct Scope {
    pub files: Vec<String>,
    pub folders: Vec<String>,
}

impl Scope {
    /// The one file the scope holds, when it is a single file.
    pub fn single_file(&self) -> Option<String> {
        match (self.files.as_slice(), self.folders.is_empty()) {
            ([file], true) => Some(file.clone()),
            _ => None,
        }
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.iter().any(|f| f == path)
            || self
                .folders
                .iter()
                .any(|dir| dir.is_empty() || path.starts_with(&format!("{dir}/")))
    }
}

/// Checks the site at `root` (a canonical folder) with `config`: runs every
/// checker, applies the configured severities and keeps the findings of
/// `scope` (all, when `None`).
pub fn check(
    root: &Path,
    config: Config,
    scope: Option<&Scope>,
    options: Options,
    registry: &RuleRegistry,
) -> Result<Checked, Failure> {
    validate_rule_settings(&config, registry)?;
    let mut notes = Vec::new();

    let site = Site::load(root, &config)?;
    for submodule in &site.missing_submodules {
        notes.push(format!(
            "note: the git submodule `{}` is not checked out (`git submodule update --init`): links to pages it may provide are not judged",
            galley_report::single_line(submodule)
        ));
    }
    let data = DataChecker::new(&config, &site)?;
    let (site_map, front_matter_findings) = SiteMap::build(&site);
    let templates = Templates::read(&site, &site_map);
    let data_files = DataFiles::load(&site);
    // Reading the contract is one thread's work: the data checker runs beside it.
    let (contract, data_findings) = rayon::join(
        || {
            site_wide("reading what the templates use of the data", || {
                galley_contract::Contract::build(
                    &site,
                    &site_map,
                    &templates,
                    &data_files,
                    &|path| data.schema_for(path),
                )
            })
        },
        || data.check(&site, &data_files),
    );
    let (contract, contract_crash) = contract;

    let mut findings = site.findings.clone();
    findings.extend(front_matter_findings);
    findings.extend(templates.crashes.iter().cloned());
    findings.extend(data_files.crashes.iter().cloned());
    findings.extend(data_findings);
    findings.extend(contract_crash);
    let (contract_findings, crash) = site_wide("checking the templates against the data", || {
        galley_contract::check(&site, &contract, &config)
    });
    findings.extend(contract_findings.into_iter().chain(crash));
    let pages = galley_html::check(
        &site,
        &site_map,
        &templates,
        &data_files,
        &config,
        &contract,
    );
    findings.extend(pages.findings);
    // Findings the checkers counted past the per-file cap instead of keeping.
    let mut counted = pages.not_kept;
    if options.external {
        for (path, left) in &pages.external_left {
            notes.push(format!(
                "warning: {left} external links in {} were not checked: a run checks at most {} links of one file",
                galley_report::single_line(path),
                galley_core::limits::MAX_EXTERNAL_URLS
            ));
        }
        let links = internal_error::catch("checking external links", ".", || {
            galley_links::check(
                &site,
                &site_map,
                &data_files,
                &pages.external,
                &config,
                root,
            )
        });
        match links {
            Ok(links) => {
                let links = links?;
                notes.extend(links.warnings.iter().map(|w| format!("warning: {w}")));
                findings.extend(links.findings);
                counted.extend(links.not_kept);
            }
            Err(crash) => findings.push(*crash),
        }
    }
    let findings = one_crash_per_file(findings);
    if let Some(failure) = crashed_on_every_file(&site, &findings) {
        return Err(failure);
    }
    let ran = |rule: &str| options.external || !is_external(rule);
    let mut suppressions = suppression::Suppressions::read(site.files.iter().map(|f| &f.source));
    let mut findings = suppressions.apply(findings);
    findings.extend(suppressions.unused(registry, &config, ran));
    let mut findings = apply_levels(findings, &config);
    if let Some(scope) = scope {
        findings.retain(|finding| scope.contains(&finding.path));
    }
    let texts: HashMap<&str, &str> = site
        .files
        .iter()
        .map(|file| (file.source.path(), file.source.text()))
        .collect();
    findings.sort_by(Finding::report_order);
    keys::assign(&mut findings, &texts, site.kind);
    let mut baseline = None;
    let mut known = Vec::new();
    let mut fixed = Vec::new();
    if let Some(before) = &options.baseline {
        // An earlier tree is checked offline: its external links unknown.
        let split = before.split(findings, &texts, scope, |rule| !is_external(rule));
        findings = split.new;
        known = split.known;
        fixed = split.fixed;
        baseline = Some(split.outcome);
    }
    drop(texts);
    // The page checker keeps at most the cap of each severity per file and
    // counts the rest: those are left out too.
    let not_kept: Vec<(String, usize)> = counted
        .into_iter()
        .filter(|(path, _)| scope.is_none_or(|scope| scope.contains(path)))
        .collect();
    let (mut findings, not_shown) =
        at_most_per_file(findings, MAX_FINDINGS_PER_FILE, &not_kept, &mut notes);
    findings.sort_by(Finding::report_order);

    let site_info = pages::describe(
        &site,
        &site_map,
        &pages.used_by,
        findings.iter().chain(&known).map(|f| f.path.as_str()),
        config.site.url.as_deref(),
    );
    let files = site
        .text_file_paths()
        .filter(|path| scope.is_none_or(|scope| scope.contains(path)))
        .count();
    let tally = Tally::count(files, &findings);
    let mut sources = SourceTexts::default();
    for file in &site.files {
        sources.insert(file.source.path(), file.source.shared_text());
    }
    Ok(Checked {
        root: root.to_owned(),
        config,
        site_kind: site.kind,
        site,
        findings,
        tally,
        sources,
        external_links: pages.external,
        not_shown,
        notes,
        baseline,
        site_info,
        known,
        fixed,
    })
}

/// Whether a rule is one of the external-link rules, which run only when
/// external links are checked.
fn is_external(rule: &str) -> bool {
    galley_links::rules::RULES
        .iter()
        .any(|meta| meta.id == rule)
}

fn validate_rule_settings(config: &Config, registry: &RuleRegistry) -> Result<(), ConfigError> {
    for setting in config.rule_settings() {
        let id = setting.rule.get_ref();
        if registry.get(id).is_none() {
            let hint = registry
                .closest(id)
                .map(|near| format!("did you mean `{near}`? "))
                .unwrap_or_default();
            return Err(config.error_at(
                setting.rule.span(),
                format!("unknown rule `{id}`"),
                format!("{hint}`galley rules` lists every rule"),
            ));
        }
    }
    Ok(())
}

/// Runs a check of the whole site (not of one file): a crash in it becomes an
/// `internal-error` finding on the site root (`.`), and the check's result is
/// empty, so that the other checks still report.
fn site_wide<T: Default>(stage: &str, work: impl FnOnce() -> T) -> (T, Option<Finding>) {
    match internal_error::catch(stage, ".", work) {
        Ok(done) => (done, None),
        Err(crash) => (T::default(), Some(*crash)),
    }
}

/// Keeps at most `max` findings per file, the most severe first (so that the
/// run's verdict stands), and notes how many were left out: a machine-made
/// page can hold a million "defects", and the reader needs the first few, not
/// all.
fn at_most_per_file(
    mut findings: Vec<Finding>,
    max: usize,
    not_kept: &[(String, usize)],
    notes: &mut Vec<String>,
) -> (Vec<Finding>, Vec<(String, usize)>) {
    findings.sort_by(|a, b| {
        natord::compare(&a.path, &b.path)
            .then(a.severity.cmp(&b.severity))
            .then_with(|| Finding::report_order(a, b))
    });
    let mut kept = Vec::with_capacity(findings.len());
    let mut left_out: Vec<(String, usize)> = Vec::new();
    let mut in_file = 0;
    for finding in findings {
        let same_file = kept
            .last()
            .is_some_and(|last: &Finding| last.path == finding.path);
        in_file = if same_file { in_file + 1 } else { 1 };
        if in_file <= max {
            kept.push(finding);
        } else {
            match left_out.last_mut() {
                Some((path, count)) if *path == finding.path => *count += 1,
                _ => left_out.push((finding.path, 1)),
            }
        }
    }
    for (path, count) in not_kept {
        match left_out.iter_mut().find(|(p, _)| p == path) {
            Some((_, left)) => *left += count,
            None => left_out.push((path.clone(), *count)),
        }
    }
    left_out.sort_by(|a, b| natord::compare(&a.0, &b.0));
    for (path, count) in &left_out {
        notes.push(format!(
            "note: {} more finding{} in {} not shown (at most {max} per file, the most severe first)",
            count,
            if *count == 1 { "" } else { "s" },
            galley_report::single_line(path)
        ));
    }
    (kept, left_out)
}

/// Several checkers may crash on one file; the first says it.
fn one_crash_per_file(findings: Vec<Finding>) -> Vec<Finding> {
    let mut crashed = HashSet::new();
    findings
        .into_iter()
        .filter(|f| f.rule != INTERNAL_ERROR.id || crashed.insert(f.path.clone()))
        .collect()
}

/// When Galley crashed on every file it read, nothing was checked: that is
/// not a result, though each crash is still worth reporting.
fn crashed_on_every_file(site: &Site, findings: &[Finding]) -> Option<Failure> {
    let crashed: HashSet<&str> = findings
        .iter()
        .filter(|f| f.rule == INTERNAL_ERROR.id)
        .map(|f| f.path.as_str())
        .collect();
    let mut tried = site.text_file_paths().peekable();
    let all = tried.peek().is_some() && tried.all(|path| crashed.contains(path));
    all.then(|| {
        let messages: Vec<String> = findings
            .iter()
            .filter(|f| f.rule == INTERNAL_ERROR.id)
            .map(|f| format!("{}: {}", f.path, f.message))
            .collect();
        Failure::NothingChecked(format!(
            "Galley crashed on every file it read, so nothing was checked (a bug in Galley; please report it):\n{}",
            messages.join("\n")
        ))
    })
}

/// Applies `[rules]` and `[[overrides]]`: drops findings of rules that are
/// `off` for their file, sets the others' severity.
fn apply_levels(findings: Vec<Finding>, config: &Config) -> Vec<Finding> {
    findings
        .into_iter()
        .filter_map(
            |mut finding| match config.level_at(finding.rule, &finding.path) {
                None => Some(finding),
                Some(level) => level.severity().map(|severity| {
                    finding.severity = severity;
                    finding
                }),
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use galley_core::Severity;

    fn finding(path: &str, line: usize, severity: Severity) -> Finding {
        let mut finding = Finding::at_path(
            &INTERNAL_ERROR,
            path,
            galley_core::Span::FILE_START,
            format!("line {line}"),
            "help",
        );
        finding.severity = severity;
        finding.span.start.line = line;
        finding
    }

    #[test]
    fn at_most_per_file_keeps_the_most_severe_of_each_file() {
        use Severity::{Error, Info, Warning};
        let findings = vec![
            finding("b.html", 1, Info),
            finding("a.html", 1, Warning),
            finding("a.html", 2, Info),
            finding("a.html", 3, Error),
            finding("b.html", 2, Warning),
            finding("a.html", 4, Error),
        ];
        let mut notes = Vec::new();
        let (kept, left_out) = at_most_per_file(findings, 2, &[], &mut notes);
        assert_eq!(left_out, vec![("a.html".to_owned(), 2)]);
        let kept: Vec<(String, usize, Severity)> = kept
            .into_iter()
            .map(|f| (f.path, f.span.start.line, f.severity))
            .collect();
        assert_eq!(
            kept,
            vec![
                ("a.html".to_owned(), 3, Error),
                ("a.html".to_owned(), 4, Error),
                ("b.html".to_owned(), 2, Warning),
                ("b.html".to_owned(), 1, Info),
            ]
        );
        assert_eq!(
            notes,
            vec![
                "note: 2 more findings in a.html not shown (at most 2 per file, the most severe first)"
            ]
        );
    }
}
