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
    /// Check a site and write the editors' report: one self-contained HTML page.
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
#[derive(Debug, clap::Args)]
pub struct TargetArgs {
    /// Files or folders to report on. A single folder is the site root; files are
    /// judged against the whole site but only their findings are reported.
    pub paths: Vec<PathBuf>,
    /// The site root (default: the nearest folder upwards holding galley.toml, else
    /// the current folder).
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
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Where to write the report.
    #[arg(long, value_name = "FILE", default_value = "galley-report.html")]
    pub out: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Output format (default: `github` when GITHUB_ACTIONS=true, else `human`).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Never colour the output (colour is used only on a terminal, and never when
    /// NO_COLOR is set).
    #[arg(long)]
    pub no_color: bool,
    /// Apply the safe fixes (deleting a repeated word), list each change on
    /// stderr, and report what is left. Files edited while Galley ran are left
    /// alone.
    #[arg(long)]
    pub fix: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets, then a tally.
    Human,
    /// `path:line:col: severity[rule] message`, one line each.
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
