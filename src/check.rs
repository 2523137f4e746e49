//! `galley check` and `galley report`: the site and paths from the arguments,
//! the check (`galley_check`), the output in the chosen format.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use std::sync::Arc;

use galley_check::{Baseline, Checked, Options, Scope};
use galley_core::config::CONFIG_FILE;
use galley_core::finding::Tally;
use galley_core::{Config, ConfigError, RuleRegistry};
use galley_report::{PathStyle, Report};

use crate::cli::{CheckArgs, ColorChoice, Format, ReportArgs, TargetArgs, WriteFormat};

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
    /// Where the output goes (`-o FILE`); standard output when `None`.
    pub output_file: Option<PathBuf>,
    /// Whether to exit 1: error-level findings, and no `--exit-zero`.
    pub has_errors: bool,
    /// What the output is, for how it is printed (`crate::output`).
    pub medium: crate::output::Medium,
}

/// A checked site and how to show its paths.
pub struct Run {
    pub checked: Checked,
    /// How paths are shown (see `Report::paths`).
    pub paths: PathStyle,
}

fn report_of<'a>(run: &'a Run) -> Report<'a> {
    let checked = &run.checked;
    Report {
        findings: &checked.findings,
        tally: checked.tally,
        site_kind: checked.site_kind,
        sources: &checked.sources,
        not_shown: &checked.not_shown,
        baseline: checked.baseline,
        paths: &run.paths,
        findings_only: false,
        site: &checked.site_info,
        known: &checked.known,
        fixed: &checked.fixed,
    }
}

/// Resolves the site and the paths to report on from the arguments, loads the
/// config and checks the site; lines that are not findings go to stderr
/// (unless `--quiet`).
pub fn check_site(args: &TargetArgs, registry: &RuleRegistry) -> Result<Run, Failure> {
    let cwd = std::env::current_dir()
        .map_err(|err| Failure::Usage(format!("cannot read the current folder: {err}")))?;
    let resolved = resolve_root_and_scope(args, &cwd)?;
    let root = resolved.root.clone();
    let mut notes = resolved.notes.clone();
    let config = load_config(args, &root)?;
    let external = !args.offline && (args.external || config.links.check);
    let baseline = match (&args.baseline, &args.changed_since) {
        (Some(file), _) => Some(Arc::new(read_baseline(file)?)),
        (None, Some(reference)) => {
            earlier_baseline(args, &root, reference, external, registry, &mut notes)?
        }
        (None, None) => None,
    };
    let options = Options { external, baseline };
    let checked = galley_check::check(&root, config, resolved.scope.as_ref(), options, registry)?;
    notes.extend(checked.notes.iter().cloned());
    if checked.site_kind == galley_core::SiteKind::Html {
        for (dir, marker) in crate::site_root::sources_below(&root) {
            let shown = shown_path(&dir, &cwd);
            notes.push(format!(
                "note: `{shown}` has `{marker}`: it holds sources a generator builds, which were read here as built HTML; to check them, run `galley check {shown}`"
            ));
        }
    }
    if let Some(outcome) = checked.baseline {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        notes.push(match &args.changed_since {
            Some(reference) => format!(
                "note: {} finding{} that were there at `{}` not reported; {} fixed since",
                outcome.known,
                plural(outcome.known),
                galley_report::single_line(reference),
                outcome.fixed
            ),
            None => format!(
                "note: {} finding{} in the baseline not reported; {} of its entries fixed (`--write-baseline` drops them)",
                outcome.known,
                plural(outcome.known),
                outcome.fixed
            ),
        });
    }
    if checked.tally.files == 0 {
        nothing_checked(&resolved, &checked, &cwd, &mut notes)?;
    }
    if !args.quiet {
        for note in &notes {
            crate::output::say!("{note}");
        }
    }
    let paths = path_style(args, &cwd, &root);
    Ok(Run { checked, paths })
}

/// A run that checked no file is not a pass: exit 2 and say what was looked
/// for. Files the user named that the site does not read (a workflow file
/// handed over by a pre-commit hook) are noted instead: there was nothing
/// of the site to check in them.
fn nothing_checked(
    resolved: &Resolved,
    checked: &Checked,
    cwd: &Path,
    notes: &mut Vec<String>,
) -> Result<(), Failure> {
    let root = shown_path(&resolved.root, cwd);
    match &resolved.scope {
        Some(scope) if scope.folders.is_empty() && !scope.files.is_empty() => {
            for file in &scope.files {
                notes.push(format!(
                    "note: `{}` is not a file of the site at `{root}` (Galley reads its HTML, Markdown and YAML files, except what the site excludes): not checked",
                    galley_report::single_line(file)
                ));
            }
            Ok(())
        }
        Some(scope) => Err(Failure::Usage(format!(
            "nothing to check: {} in the site at `{root}` hold{} no HTML, Markdown or YAML file that the site uses; pass --root DIR if the site is elsewhere",
            scope
                .folders
                .iter()
                .map(|f| format!(
                    "`{}`",
                    galley_report::single_line(if f.is_empty() { "." } else { f })
                ))
                .collect::<Vec<_>>()
                .join(", "),
            if scope.folders.len() == 1 { "s" } else { "" }
        ))),
        None => Err(Failure::Usage(format!(
            "nothing to check: `{root}` holds no HTML, Markdown or YAML file ({} site); pass --root DIR, or the site's folder, to check a site elsewhere",
            checked.site_kind.as_str()
        ))),
    }
}

fn read_baseline(file: &Path) -> Result<Baseline, Failure> {
    let text = std::fs::read_to_string(file).map_err(|err| {
        Failure::Usage(format!(
            "cannot read the baseline {}: {err}",
            file.display()
        ))
    })?;
    Baseline::parse(&text)
        .map_err(|why| Failure::Usage(format!("cannot use the baseline {}: {why}", file.display())))
}

/// The baseline of `--changed-since`: the findings of the site as it was.
fn earlier_baseline(
    args: &TargetArgs,
    root: &Path,
    reference: &str,
    external: bool,
    registry: &RuleRegistry,
    notes: &mut Vec<String>,
) -> Result<Option<Arc<Baseline>>, Failure> {
    let earlier = crate::changed_since::earlier_tree(root, reference).map_err(Failure::Usage)?;
    if !earlier.merge_base {
        notes.push(format!(
            "note: `{}` and HEAD have no common history here (a shallow clone?): compared with `{}` itself",
            galley_report::single_line(reference),
            earlier.commit
        ));
    }
    // The site as it was, with its own galley.toml then (a change may add one).
    let config = match &args.config {
        Some(path) => Config::load(path),
        None => {
            let path = earlier.root.join(CONFIG_FILE);
            if path.is_file() {
                Config::load(&path)
            } else {
                Ok(Config::default())
            }
        }
    };
    let checked = config
        .map_err(galley_check::Failure::Config)
        .and_then(|config| {
            galley_check::check(&earlier.root, config, None, Options::default(), registry)
        });
    match checked {
        // Its lines are needed only to judge external links, which the
        // earlier tree is never checked for.
        Ok(then) if external => Ok(Some(Arc::new(Baseline::of_earlier(
            &then.findings,
            then.site.files.iter().map(|f| &f.source),
        )))),
        Ok(then) => Ok(Some(Arc::new(Baseline::of(&then.findings)))),
        Err(_) => {
            notes.push(format!(
                "warning: the site as it was at `{}` could not be checked (its galley.toml or its files): every finding is reported",
                earlier.commit
            ));
            Ok(None)
        }
    }
}

/// `--fix` rounds at most: each fixes what the last check found.
const MAX_FIX_ROUNDS: usize = 5;

/// The site checked again after `--fix` wrote it, without repeating the
/// notes of the first check.
fn check_site_quietly(args: &TargetArgs, registry: &RuleRegistry) -> Result<Run, Failure> {
    let mut quiet = args.clone();
    quiet.quiet = true;
    check_site(&quiet, registry)
}

pub fn run(args: &CheckArgs, registry: &RuleRegistry) -> Result<Outcome, Failure> {
    let format = args.format.unwrap_or_else(default_format);
    if args.statistics && !matches!(format, Format::Human | Format::Short) {
        return Err(Failure::Usage(format!(
            "--statistics prints a table, not `{}` output; JSON has the same counts in `summary.rules`",
            format_name(format)
        )));
    }
    let mut run = check_site(&args.target, registry)?;
    let quiet = args.target.quiet;
    if let Some(file) = &args.write_baseline {
        let checked = &run.checked;
        std::fs::write(file, Baseline::write(&checked.findings)).map_err(|err| {
            Failure::Usage(format!(
                "cannot write the baseline {}: {err}",
                file.display()
            ))
        })?;
        if !quiet {
            crate::output::say!(
                "wrote {}: {} finding{}; `galley check --baseline {}` reports only new ones",
                file.display(),
                checked.findings.len(),
                if checked.findings.len() == 1 { "" } else { "s" },
                file.display()
            );
        }
        return Ok(Outcome {
            output: String::new(),
            output_file: None,
            has_errors: false,
            medium: crate::output::Medium::Text,
        });
    }
    if args.fix {
        // A fix can leave or make another (`very very very` loses one
        // `very` a round): fix, check what was written, and again, until
        // nothing is left to fix; what is reported is the last check's.
        let (mut files, mut edits) = (std::collections::BTreeSet::new(), 0);
        for _ in 0..MAX_FIX_ROUNDS {
            let checked = &mut run.checked;
            let findings = std::mem::take(&mut checked.findings);
            let fixed = crate::fix::apply(&checked.root, findings, &checked.sources);
            for line in &fixed.log {
                crate::output::say!("{line}");
            }
            files.extend(fixed.fixed_paths.iter().cloned());
            edits += fixed.edits;
            checked.tally = Tally::count(checked.tally.files, &fixed.remaining);
            checked.findings = fixed.remaining;
            if fixed.edits == 0 {
                break;
            }
            run = check_site_quietly(&args.target, registry)?;
        }
        crate::output::say!(
            "fixed {} finding{} in {} file{}",
            edits,
            if edits == 1 { "" } else { "s" },
            files.len(),
            if files.len() == 1 { "" } else { "s" }
        );
    }
    let color = use_color(args.color, args.no_color, args.output.is_some());
    let mut report = report_of(&run);
    report.findings_only = quiet;
    let root = &run.checked.root;
    let findings = &run.checked.findings;
    let output = if args.statistics {
        let mut out = galley_report::render_statistics(findings);
        if !quiet {
            out.push_str(&galley_report::tally_line(&report));
            out.push('\n');
        }
        out
    } else {
        match format {
            Format::Human => galley_report::render_human(&report, color, 100),
            Format::Short => galley_report::render_short(&report),
            Format::Json => galley_report::render_json(&report),
            Format::Markdown => galley_report::render_markdown(&report, 0),
            Format::Sarif => {
                galley_report::render_sarif(&report, registry, &repository_prefix(root))
            }
            Format::Github => {
                if let Some(path) =
                    std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
                {
                    let hidden = galley_report::github::not_annotated(findings);
                    let summary = galley_report::render_markdown(&report, hidden);
                    if let Err(err) = append(Path::new(&path), &summary) {
                        crate::output::say!(
                            "warning: cannot write the job summary to {}: {err}",
                            Path::new(&path).display()
                        );
                    }
                }
                // The counts as the step's outputs, for the workflow's later
                // steps (`steps.ID.outputs.errors`).
                if let Some(path) = std::env::var_os("GITHUB_OUTPUT").filter(|p| !p.is_empty()) {
                    let tally = &run.checked.tally;
                    let outputs = format!(
                        "errors={}\nwarnings={}\ninfos={}\n",
                        tally.errors, tally.warnings, tally.infos
                    );
                    if let Err(err) = append(Path::new(&path), &outputs) {
                        crate::output::say!(
                            "warning: cannot write the step outputs to {}: {err}",
                            Path::new(&path).display()
                        );
                    }
                }
                galley_report::render_github(&report, &repository_prefix(root))
            }
        }
    };
    for write in &args.writes {
        let text = match write.format {
            WriteFormat::Human => galley_report::render_human(&report, false, 100),
            WriteFormat::Short => galley_report::render_short(&report),
            WriteFormat::Json => galley_report::render_json(&report),
            WriteFormat::Markdown => galley_report::render_markdown(&report, 0),
            WriteFormat::Sarif => {
                galley_report::render_sarif(&report, registry, &repository_prefix(root))
            }
            WriteFormat::Html => render_report(&run, registry, &write.file)?,
        };
        std::fs::write(&write.file, text).map_err(|err| {
            Failure::Usage(format!("cannot write {}: {err}", write.file.display()))
        })?;
    }
    let medium = match format {
        _ if args.statistics => crate::output::Medium::Text,
        Format::Json | Format::Sarif => crate::output::Medium::Json,
        Format::Github => crate::output::Medium::Commands,
        Format::Human | Format::Short | Format::Markdown => crate::output::Medium::Text,
    };
    Ok(Outcome {
        output,
        output_file: args.output.clone(),
        has_errors: run.checked.tally.errors > 0 && !args.target.exit_zero,
        medium,
    })
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Human => "human",
        Format::Short => "short",
        Format::Json => "json",
        Format::Github => "github",
        Format::Markdown => "markdown",
        Format::Sarif => "sarif",
    }
}

/// `galley report`: the editors' HTML page, written to `--out`.
pub fn write_report(args: &ReportArgs, registry: &RuleRegistry) -> Result<Outcome, Failure> {
    let run = check_site(&args.target, registry)?;
    let html = render_report(&run, registry, &args.out)?;
    std::fs::write(&args.out, html).map_err(|err| {
        Failure::Usage(format!(
            "cannot write the report to {}: {err}",
            args.out.display()
        ))
    })?;
    let checked = &run.checked;
    Ok(Outcome {
        output: if args.target.quiet {
            String::new()
        } else {
            format!(
                "wrote {}: {}\n",
                args.out.display(),
                galley_report::tally_line(&report_of(&run))
            )
        },
        output_file: None,
        has_errors: checked.tally.errors > 0 && !args.target.exit_zero,
        medium: crate::output::Medium::Text,
    })
}

/// The editors' report of `run`, for the file `out`: links to sources are
/// made from `out`'s folder.
fn render_report(run: &Run, registry: &RuleRegistry, out: &Path) -> Result<String, Failure> {
    let checked = &run.checked;
    let out_dir = match out.parent() {
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
    let root_relative = PathStyle::default();
    let mut report = report_of(run);
    // The report links files from its own folder, not from where Galley ran.
    report.paths = &root_relative;
    Ok(galley_report::render_html(&report, registry, &links))
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

/// The site root, the paths to report on, and what the user should be told
/// about how they were found.
pub(crate) struct Resolved {
    pub root: PathBuf,
    pub scope: Option<Scope>,
    pub notes: Vec<String>,
}

/// The site root: `--root`; else found upwards from the first path (or the
/// current folder) by its marker file (`crate::site_root`); a folder given
/// alone that is a site itself is the root. Paths outside the root are an
/// error with `--root`, else noted and left out.
pub(crate) fn resolve_root_and_scope(args: &TargetArgs, cwd: &Path) -> Result<Resolved, Failure> {
    use crate::site_root::{is_built_site, marker_in, root_above};
    let mut notes = Vec::new();
    let say_root = |root: &Path, marker: &str, notes: &mut Vec<String>| {
        if root != cwd {
            notes.push(format!(
                "note: checking the site at `{}` (it has `{marker}`)",
                shown_path(root, cwd)
            ));
        }
    };
    let root = match (&args.root, args.paths.as_slice()) {
        (Some(root), _) => canonical_dir(root)?,
        (None, [single]) if single.is_dir() => {
            let dir = canonical_dir(single)?;
            let above = dir.parent().and_then(root_above);
            match above {
                // A folder of a site (`collections/`, `docs/`): the site is
                // above it, and the folder is what is reported on.
                Some((root, marker)) if marker_in(&dir).is_none() && !is_built_site(&dir) => {
                    say_root(&root, marker, &mut notes);
                    root
                }
                _ => {
                    return Ok(Resolved {
                        root: dir,
                        scope: None,
                        notes,
                    });
                }
            }
        }
        (None, paths) => {
            // The first path that lies in a site names it (a hook may pass a
            // README from the repository's top before the site's own files).
            let mut found = None;
            for path in paths {
                let full = std::fs::canonicalize(path).map_err(|err| {
                    Failure::Usage(format!("cannot check {}: {err}", path.display()))
                })?;
                let start = if full.is_dir() {
                    full
                } else {
                    full.parent().map(Path::to_owned).unwrap_or(full)
                };
                if let Some(root) = root_above(&start) {
                    found = Some(root);
                    break;
                }
            }
            // Run inside built output (`_site/`), that output is the site.
            if paths.is_empty() && (marker_in(cwd).is_some() || !is_built_site(cwd)) {
                found = root_above(cwd);
            }
            match found {
                Some((root, marker)) => {
                    say_root(&root, marker, &mut notes);
                    canonical_dir(&root)?
                }
                None => canonical_dir(cwd)?,
            }
        }
    };
    if args.paths.is_empty() {
        return Ok(Resolved {
            root,
            scope: None,
            notes,
        });
    }
    let mut scope = Scope::default();
    for path in &args.paths {
        let full = std::fs::canonicalize(path)
            .map_err(|err| Failure::Usage(format!("cannot check {}: {err}", path.display())))?;
        let Ok(relative) = full.strip_prefix(&root) else {
            if args.root.is_some() {
                return Err(Failure::Usage(format!(
                    "{} is outside the site root {}; pass --root to choose the site",
                    path.display(),
                    root.display()
                )));
            }
            notes.push(format!(
                "note: `{}` is outside the site at `{}`: not checked",
                path.display(),
                shown_path(&root, cwd)
            ));
            continue;
        };
        let relative = galley_site::relative_path(relative);
        if full.is_dir() {
            scope.folders.push(relative);
        } else {
            scope.files.push(relative);
        }
    }
    if scope.files.is_empty() && scope.folders.is_empty() {
        return Err(Failure::Usage(format!(
            "none of the paths is in the site at `{}`; pass --root DIR to name the site's folder",
            shown_path(&root, cwd)
        )));
    }
    Ok(Resolved {
        root,
        scope: Some(scope),
        notes,
    })
}

/// `path` as the user would type it from `cwd`: relative when below it,
/// else as it is.
fn shown_path(path: &Path, cwd: &Path) -> String {
    let cwd = std::fs::canonicalize(cwd).unwrap_or_else(|_| cwd.to_owned());
    match path.strip_prefix(&cwd) {
        Ok(relative) if relative.as_os_str().is_empty() => ".".to_owned(),
        Ok(relative) => galley_site::relative_path(relative),
        Err(_) => path.display().to_string(),
    }
}

/// How to write root-relative paths so that they open from the current
/// folder: with the root's path from there before them (`site/`, `../site/`),
/// as seen from inside the root (`../index.md`), or, when the user named the
/// site with an absolute path, after the absolute root.
fn path_style(args: &TargetArgs, cwd: &Path, root: &Path) -> PathStyle {
    let absolute = args
        .root
        .iter()
        .chain(&args.paths)
        .any(|path| path.is_absolute());
    let cwd = std::fs::canonicalize(cwd).unwrap_or_else(|_| cwd.to_owned());
    if absolute {
        return PathStyle::prefixed(format!(
            "{}/",
            root.display().to_string().trim_end_matches('/')
        ));
    }
    if let Ok(inside) = cwd.strip_prefix(root) {
        return PathStyle::inside(&galley_site::relative_path(inside));
    }
    match pathdiff::diff_paths(root, &cwd) {
        Some(relative) => {
            PathStyle::prefixed(format!("{}/", galley_site::relative_path(&relative)))
        }
        None => PathStyle::prefixed(format!("{}/", root.display())),
    }
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

/// Colour on a terminal (`auto`), never with `--no-color`, a non-empty
/// `NO_COLOR` (unless `--color always`) or output to a file.
pub fn use_color(choice: ColorChoice, no_color_flag: bool, to_file: bool) -> bool {
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match (choice, no_color_flag) {
        (_, true) | (ColorChoice::Never, _) => false,
        (ColorChoice::Always, _) => true,
        (ColorChoice::Auto, false) => !no_color_env && !to_file && std::io::stdout().is_terminal(),
    }
}
