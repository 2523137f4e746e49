//! Command-line interface.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Galley proofreads a content website before it ships: YAML data against its
/// schema, and (as checkers are added) templates, links and prose.
#[derive(Debug, Parser)]
#[command(name = "galley", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a site and report every finding (exit 0 clean, 1 errors, 2 could not check).
    Check(CheckArgs),
    /// Check a site and write the editors' report: one self-contained HTML page
    /// (exit 0 clean, 1 errors, 2 could not check or write it).
    Report(ReportArgs),
    /// Write a commented galley.toml with every default into the site root.
    Init(InitArgs),
    /// List every rule with its default severity.
    Rules(RulesArgs),
    /// Explain one rule: what it finds, why it matters, an example.
    Explain {
        /// The rule id, e.g. `schema`.
        rule: String,
    },
    /// Show where the build serves a source file (its URL and output file), or
    /// which file serves a URL: why a link resolves, or does not.
    ExplainUrl(ExplainUrlArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExplainUrlArgs {
    /// A source file (`collections/_posts/2021-09-14-welcome.md`) or a URL path
    /// of the site (`/blog/2021/09/14/welcome/`).
    pub target: String,
    /// The site root (default: the nearest folder upwards holding galley.toml,
    /// else the current folder).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The config file (default: galley.toml in the site root, if there is one).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Which site, which config, and which of its files to report on.
#[derive(Debug, Clone, clap::Args)]
pub struct TargetArgs {
    /// Files or folders to report on. They are judged against the whole site
    /// (found upwards from them), but only their findings are reported; a
    /// folder that is a site (it has `_config.yml`, `mkdocs.yml` or
    /// `galley.toml`, or is built HTML) is the whole site.
    pub paths: Vec<PathBuf>,
    /// The site root (default: the nearest folder upwards from the paths, or
    /// from the current folder, holding `_config.yml`, `mkdocs.yml` or
    /// galley.toml, not past the repository's top; else the current folder).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The config file (default: galley.toml in the site root, if there is one).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Also check external links over the network (as `[links] check = true`
    /// does). Without either, Galley never touches the network.
    #[arg(long, conflicts_with = "offline")]
    pub external: bool,
    /// Never touch the network, even where `[links] check = true` (the
    /// pre-commit hook passes it).
    #[arg(long)]
    pub offline: bool,
    /// Report only findings that FILE (written by `--write-baseline`) does not
    /// have; say how many of its entries are fixed.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Report only what changed since the git commit REF (a branch, a tag, a
    /// hash; compared from where it meets HEAD): findings on lines added or
    /// changed, in new files, and anywhere the change broke something (a link
    /// to a page it deleted). The whole site is still read.
    #[arg(long, value_name = "REF", conflicts_with = "baseline")]
    pub changed_since: Option<String>,
    /// Exit 0 even when there are error-level findings (2 still means Galley
    /// could not check).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print only the findings: no notes, statistics or tally.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Where to write the report.
    #[arg(
        short,
        long = "output",
        alias = "out",
        value_name = "FILE",
        default_value = "galley-report.html"
    )]
    pub out: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Output format (default: `github` when GITHUB_ACTIONS=true, else `human`).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// When to colour the output: `auto` on a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,
    /// Never colour the output (the same as `--color never`).
    #[arg(long)]
    pub no_color: bool,
    /// Write the output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write the findings as FORMAT to FILE, from this same run
    /// (repeatable): `--write sarif=galley.sarif --write html=report.html`.
    /// FORMAT is human, short, json, markdown, sarif, or html (the editors'
    /// report of `galley report`).
    #[arg(long = "write", value_name = "FORMAT=FILE", value_parser = parse_write, conflicts_with = "write_baseline")]
    pub writes: Vec<WriteTo>,
    /// Print a table of findings, causes and files per rule instead of the
    /// findings (as `ruff --statistics`).
    #[arg(long)]
    pub statistics: bool,
    /// Write today's findings to FILE as a baseline, for `--baseline FILE`
    /// (exits 0: they are known from now on).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["fix", "baseline", "changed_since"])]
    pub write_baseline: Option<PathBuf>,
    /// Apply the safe fixes (deleting a repeated word), list each change on
    /// stderr, and report what is left. Files edited while Galley ran are left
    /// alone.
    #[arg(long)]
    pub fix: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    Always,
    Never,
}

/// One `--write FORMAT=FILE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteTo {
    pub format: WriteFormat,
    pub file: PathBuf,
}

/// What `--write` can write: a file of any `--format` but the GitHub
/// annotations (they are commands for the runner, on standard output), or
/// the editors' report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WriteFormat {
    Human,
    Short,
    Json,
    Markdown,
    Sarif,
    /// The editors' report, as `galley report` writes it.
    Html,
}

fn parse_write(value: &str) -> Result<WriteTo, String> {
    let Some((format, file)) = value.split_once('=') else {
        return Err("expected FORMAT=FILE, such as sarif=galley.sarif".to_owned());
    };
    let format = WriteFormat::from_str(format, true).map_err(|_| {
        let names: Vec<String> = WriteFormat::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_owned()))
            .collect();
        format!(
            "`{format}` is not a format --write knows ({})",
            names.join(", ")
        )
    })?;
    if file.is_empty() {
        return Err(format!("no file after `{}=`", format_arg(format)));
    }
    Ok(WriteTo {
        format,
        file: PathBuf::from(file),
    })
}

fn format_arg(format: WriteFormat) -> String {
    format
        .to_possible_value()
        .map(|p| p.get_name().to_owned())
        .unwrap_or_default()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets, then a tally.
    Human,
    /// `path:line:col: severity[rule] message (fix: …)`, one line per finding.
    Short,
    /// The stable JSON format of docs/json-output.md.
    Json,
    /// GitHub Actions annotations; also writes the job summary when
    /// GITHUB_STEP_SUMMARY is set.
    Github,
    /// A Markdown table, as in the GitHub job summary (for PR comments).
    Markdown,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to write galley.toml (default: the current folder).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Overwrite an existing galley.toml.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Print the full documentation of every rule as Markdown (docs/rules.md is
    /// generated this way).
    #[arg(long)]
    pub markdown: bool,
}
