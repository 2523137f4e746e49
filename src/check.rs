//! `galley check` and `galley report`: the site and paths from the arguments,
//! the check (`galley_check`), the output in the chosen format.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use galley_check::{Checked, Options, Scope};
use galley_core::config::CONFIG_FILE;
use galley_core::finding::Tally;
use galley_core::{Config, ConfigError, RuleRegistry};
use galley_report::Report;

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

impl From<galley_check::Failure> for Failure {
    fn from(failure: galley_check::Failure) -> Failure {
        match failure {
            galley_check::Failure::Config(err) => Failure::Config(err),
            galley_check::Failure::NothingChecked(message) => Failure::Usage(message),
        }
    }
}

/// The outcome of a run that could be done.
pub struct Outcome {
    pub output: String,
    pub has_errors: bool,
}

fn report_of(checked: &Checked) -> Report<'_> {
    Report {
        findings: &checked.findings,
        tally: checked.tally,
        site_kind: checked.site_kind,
        sources: &checked.sources,
        not_shown: &checked.not_shown,
    }
}

/// Resolves the site and the paths to report on from the arguments, loads the
/// config and checks the site; lines that are not findings go to stderr.
pub fn check_site(args: &TargetArgs, registry: &RuleRegistry) -> Result<Checked, Failure> {
    let cwd = std::env::current_dir()
        .map_err(|err| Failure::Usage(format!("cannot read the current folder: {err}")))?;
    let (root, scope) = resolve_root_and_scope(args, &cwd)?;
    let config = load_config(args, &root)?;
    let options = Options {
        external: !args.offline && (args.external || config.links.check),
    };
    let checked = galley_check::check(&root, config, scope.as_ref(), options, registry)?;
    for note in &checked.notes {
        eprintln!("{note}");
    }
    Ok(checked)
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
    let report = report_of(&checked);
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
    let html = galley_report::render_html(&report_of(&checked), registry, &links);
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
            galley_report::tally_line(&report_of(&checked))
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
    let mut scope = Scope::default();
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
