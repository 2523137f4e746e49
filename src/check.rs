//! `galley check`: load the config and the site, run every checker, apply the
//! configured severities, keep the findings for the requested paths, render.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use galley_core::config::CONFIG_FILE;
use galley_core::finding::Tally;
use galley_core::internal_error::{self, INTERNAL_ERROR};
use galley_core::limits::MAX_FINDINGS_PER_FILE;
use galley_core::{Config, ConfigError, Finding, RuleRegistry};
use galley_data::DataChecker;
use galley_report::{Report, SourceTexts};
use galley_site::Site;
use galley_site::contract::Contract;
use galley_site::data::DataFiles;

use crate::cli::{CheckArgs, Format, ReportArgs, TargetArgs};

/// Why a check could not be done (exit code 2).
#[derive(Debug)]
pub enum Failure {
    Config(ConfigError),
    Usage(String),
}

impl From<ConfigError> for Failure {
    fn from(err: ConfigError) -> Failure {
        Failure::Config(err)
    }
}

/// The outcome of a run that could be done.
pub struct Outcome {
    pub output: String,
    pub has_errors: bool,
}

/// A site, checked: the findings in report order and what renderers need.
pub struct Checked {
    pub root: PathBuf,
    pub config: Config,
    pub site_kind: galley_core::SiteKind,
    pub findings: Vec<Finding>,
    pub tally: Tally,
    pub sources: SourceTexts,
}

impl Checked {
    fn report(&self) -> Report<'_> {
        Report {
            findings: &self.findings,
            tally: self.tally,
            site_kind: self.site_kind,
            sources: &self.sources,
        }
    }
}

/// Loads the config and the site, runs every checker, applies the configured
/// severities and keeps the findings of the requested paths.
pub fn check_site(args: &TargetArgs, registry: &RuleRegistry) -> Result<Checked, Failure> {
    let cwd = std::env::current_dir()
        .map_err(|err| Failure::Usage(format!("cannot read the current folder: {err}")))?;
    let (root, scope) = resolve_root_and_scope(args, &cwd)?;
    let config = load_config(args, &root)?;
    validate_rule_settings(&config, registry)?;

    let site = Site::load(&root, &config)?;
    let data = DataChecker::new(&config, &site)?;
    let (site_map, front_matter_findings) = galley_site::SiteMap::build(&site);
    let data_files = DataFiles::load(&site);
    // Reading the contract is one thread's work: the data checker runs beside it.
    let (contract, data_findings) = rayon::join(
        || {
            site_wide("reading what the templates use of the data", || {
                Contract::build(&site, &site_map, &data_files, &|path| data.schema_for(path))
            })
        },
        || data.check(&site, &data_files),
    );
    let (contract, contract_crash) = contract;

    let mut findings = site.findings.clone();
    findings.extend(front_matter_findings);
    findings.extend(data_files.crashes.iter().cloned());
    findings.extend(data_findings);
    findings.extend(contract_crash);
    let (contract_findings, crash) = site_wide("checking the templates against the data", || {
        galley_contract::check(&site, &contract)
    });
    findings.extend(contract_findings.into_iter().chain(crash));
    let pages = galley_html::check(&site, &site_map, &data_files, &config, &contract);
    findings.extend(pages.findings);
    if !args.offline && (args.external || config.links.check) {
        let links = internal_error::catch("checking external links", ".", || {
            galley_links::check(
                &site,
                &site_map,
                &data_files,
                pages.external,
                &config,
                &root,
            )
        });
        match links {
            Ok(links) => {
                let links = links?;
                for warning in &links.warnings {
                    eprintln!("warning: {warning}");
                }
                findings.extend(links.findings);
            }
            Err(crash) => findings.push(*crash),
        }
    }
    let findings = one_crash_per_file(findings);
    if let Some(failure) = crashed_on_every_file(&site, &findings) {
        return Err(failure);
    }
    let mut findings = apply_levels(findings, &config);
    if let Some(scope) = &scope {
        findings.retain(|finding| scope.contains(&finding.path));
    }
    let mut findings = at_most_per_file(findings, MAX_FINDINGS_PER_FILE);
    findings.sort_by(Finding::report_order);

    let files = site
        .text_file_paths()
        .filter(|path| scope.as_ref().is_none_or(|scope| scope.contains(path)))
        .count();
    let tally = Tally::count(files, &findings);
    let mut sources = SourceTexts::default();
    for file in &site.files {
        sources.insert(file.source.path(), file.source.shared_text());
    }
    Ok(Checked {
        root,
        config,
        site_kind: site.kind,
        findings,
        tally,
        sources,
    })
}

pub fn run(args: &CheckArgs, registry: &RuleRegistry, color: bool) -> Result<Outcome, Failure> {
    let mut checked = check_site(&args.target, registry)?;
    if args.fix {
        let findings = std::mem::take(&mut checked.findings);
        let fixed = crate::fix::apply(&checked.root, findings, &checked.sources);
        for line in &fixed.log {
            eprintln!("{line}");
        }
        eprintln!(
            "fixed {} finding{} in {} file{}",
            fixed.edits,
            if fixed.edits == 1 { "" } else { "s" },
            fixed.files,
            if fixed.files == 1 { "" } else { "s" }
        );
        checked.tally = Tally::count(checked.tally.files, &fixed.remaining);
        checked.findings = fixed.remaining;
    }
    let report = checked.report();
    let root = &checked.root;
    let findings = &checked.findings;
    let output = match args.format.unwrap_or_else(default_format) {
        Format::Human => galley_report::render_human(&report, color, 100),
        Format::Short => galley_report::render_short(&report),
        Format::Json => galley_report::render_json(&report),
        Format::Markdown => galley_report::render_markdown(&report, 0),
        Format::Sarif => galley_report::render_sarif(&report, registry, &repository_prefix(root)),
        Format::Github => {
            if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
                let hidden = galley_report::github::not_annotated(findings);
                let summary = galley_report::render_markdown(&report, hidden);
                if let Err(err) = append(Path::new(&path), &summary) {
                    eprintln!(
                        "warning: cannot write the job summary to {}: {err}",
                        Path::new(&path).display()
                    );
                }
            }
            galley_report::render_github(&report, &repository_prefix(root))
        }
    };
    Ok(Outcome {
        output,
        has_errors: checked.tally.errors > 0,
    })
}

/// `galley report`: the editors' HTML page, written to `--out`.
pub fn write_report(args: &ReportArgs, registry: &RuleRegistry) -> Result<Outcome, Failure> {
    let checked = check_site(&args.target, registry)?;
    let out_dir = match args.out.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let out_dir = std::fs::canonicalize(&out_dir).map_err(|err| {
        Failure::Usage(format!(
            "cannot write the report into {}: {err}",
            out_dir.display()
        ))
    })?;
    let links = match &checked.config.report.source_url {
        Some(template) => galley_report::SourceLinks::Template {
            template: template.get_ref().clone(),
            path_prefix: repository_prefix(&checked.root),
        },
        None => galley_report::SourceLinks::Relative {
            prefix: relative_prefix(&out_dir, &checked.root),
        },
    };
    let html = galley_report::render_html(&checked.report(), registry, &links);
    std::fs::write(&args.out, html).map_err(|err| {
        Failure::Usage(format!(
            "cannot write the report to {}: {err}",
            args.out.display()
        ))
    })?;
    Ok(Outcome {
        output: format!(
            "wrote {}: {}\n",
            args.out.display(),
            galley_report::tally_line(&checked.report())
        ),
        has_errors: checked.tally.errors > 0,
    })
}

/// The path from the report's folder to the site root, `/`-separated and ending
/// in `/` (empty when they are the same folder), for links that open the source
/// file next to the report.
fn relative_prefix(from: &Path, to: &Path) -> String {
    match pathdiff::diff_paths(to, from) {
        Some(relative) if relative.as_os_str().is_empty() => String::new(),
        Some(relative) => format!("{}/", galley_site::relative_path(&relative)),
        None => String::new(),
    }
}

/// The paths a run reports on, relative to the root: files, and folders as prefixes.
pub struct Scope {
    files: Vec<String>,
    folders: Vec<String>,
}

impl Scope {
    /// The one file the scope holds, when it is a single file.
    pub fn single_file(&self) -> Option<String> {
        match (self.files.as_slice(), self.folders.is_empty()) {
            ([file], true) => Some(file.clone()),
            _ => None,
        }
    }

    fn contains(&self, path: &str) -> bool {
        self.files.iter().any(|f| f == path)
            || self
                .folders
                .iter()
                .any(|dir| dir.is_empty() || path.starts_with(&format!("{dir}/")))
    }
}

pub(crate) fn resolve_root_and_scope(
    args: &TargetArgs,
    cwd: &Path,
) -> Result<(PathBuf, Option<Scope>), Failure> {
    let root = match (&args.root, args.paths.as_slice()) {
        (Some(root), _) => root.clone(),
        (None, [single]) if single.is_dir() => {
            return Ok((canonical_dir(single)?, None));
        }
        (None, _) => cwd
            .ancestors()
            .find(|dir| dir.join(CONFIG_FILE).is_file())
            .unwrap_or(cwd)
            .to_owned(),
    };
    let root = canonical_dir(&root)?;
    if args.paths.is_empty() {
        return Ok((root, None));
    }
    let mut scope = Scope {
        files: Vec::new(),
        folders: Vec::new(),
    };
    for path in &args.paths {
        let full = std::fs::canonicalize(path)
            .map_err(|err| Failure::Usage(format!("cannot check {}: {err}", path.display())))?;
        let relative = full.strip_prefix(&root).map_err(|_| {
            Failure::Usage(format!(
                "{} is outside the site root {}; pass --root to choose the site",
                path.display(),
                root.display()
            ))
        })?;
        let relative = galley_site::relative_path(relative);
        if full.is_dir() {
            scope.folders.push(relative);
        } else {
            scope.files.push(relative);
        }
    }
    Ok((root, Some(scope)))
}

fn canonical_dir(dir: &Path) -> Result<PathBuf, Failure> {
    let full = std::fs::canonicalize(dir).map_err(|err| {
        Failure::Usage(format!(
            "cannot use {} as the site root: {err}",
            dir.display()
        ))
    })?;
    if !full.is_dir() {
        return Err(Failure::Usage(format!(
            "the site root {} is not a folder",
            dir.display()
        )));
    }
    Ok(full)
}

pub(crate) fn load_config(args: &TargetArgs, root: &Path) -> Result<Config, ConfigError> {
    match &args.config {
        Some(path) => Config::load(path),
        None => {
            let path = root.join(CONFIG_FILE);
            if path.is_file() {
                Config::load(&path)
            } else {
                Ok(Config::default())
            }
        }
    }
}

fn validate_rule_settings(config: &Config, registry: &RuleRegistry) -> Result<(), ConfigError> {
    for setting in &config.rules {
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
/// run's verdict stands), and says on stderr how many were left out: a
/// machine-made page can hold a million "defects", and the reader needs the
/// first few, not all.
fn at_most_per_file(mut findings: Vec<Finding>, max: usize) -> Vec<Finding> {
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
    for (path, count) in left_out {
        eprintln!(
            "note: {} more finding{} in {} not shown (at most {max} per file, the most severe first)",
            count,
            if count == 1 { "" } else { "s" },
            galley_report::single_line(&path)
        );
    }
    kept
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
/// not a result (exit code 2), though each crash is still worth reporting.
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
        Failure::Usage(format!(
            "Galley crashed on every file it read, so nothing was checked (a bug in Galley; please report it):\n{}",
            messages.join("\n")
        ))
    })
}

/// Applies `[rules]`: drops findings of rules that are `off`, sets the others' severity.
fn apply_levels(findings: Vec<Finding>, config: &Config) -> Vec<Finding> {
    findings
        .into_iter()
        .filter_map(|mut finding| match config.level_of(finding.rule) {
            None => Some(finding),
            Some(level) => level.severity().map(|severity| {
                finding.severity = severity;
                finding
            }),
        })
        .collect()
}

/// In GitHub Actions, annotations are what the user wants unless they chose.
fn default_format() -> Format {
    if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
        Format::Github
    } else {
        Format::Human
    }
}

/// The site root's path from the repository root (GITHUB_WORKSPACE, else the
/// current folder), with a trailing `/`; empty when the site is the repository.
fn repository_prefix(root: &Path) -> String {
    let workspace = std::env::var_os("GITHUB_WORKSPACE")
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .and_then(|dir| std::fs::canonicalize(dir).ok());
    let Some(relative) = workspace.as_deref().and_then(|w| root.strip_prefix(w).ok()) else {
        return String::new();
    };
    match galley_site::relative_path(relative) {
        prefix if prefix.is_empty() => prefix,
        prefix => format!("{prefix}/"),
    }
}

fn append(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}

/// Colour only on a terminal, never with `--no-color` or a non-empty `NO_COLOR`.
pub fn use_color(no_color_flag: bool) -> bool {
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color_flag && !no_color_env && std::io::stdout().is_terminal()
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
        let kept: Vec<(String, usize, Severity)> = at_most_per_file(findings, 2)
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
    }
}
