//! Renderers: findings in, text out. They know findings and source text, never
//! the checkers that produced them.

pub mod github;
pub mod groups;
mod html;
mod human;
mod json;
pub mod markdown;
mod sarif;
mod short;

use std::collections::HashMap;
use std::sync::Arc;

use galley_core::finding::{BaselineOutcome, Tally};
use galley_core::{Finding, SiteKind};

pub use github::render_github;
pub use groups::render_statistics;
pub use html::{SourceLinks, render_html};
pub use human::{render_diagnostic, render_human, single_line};
pub use json::render_json;
pub use markdown::render_markdown;
pub use sarif::render_sarif;
pub use short::render_short;

/// The text of each checked file, by path, so renderers can show snippets.
#[derive(Default)]
pub struct SourceTexts {
    texts: HashMap<String, Arc<String>>,
}

impl SourceTexts {
    pub fn insert(&mut self, path: impl Into<String>, text: Arc<String>) {
        self.texts.insert(path.into(), text);
    }

    pub fn get(&self, path: &str) -> Option<&Arc<String>> {
        self.texts.get(path)
    }
}

/// What a file is to an editor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Part {
    /// A page readers open.
    Page,
    /// A layout, include, data file or the site's settings: a part many
    /// pages are built from.
    Shared,
    /// Anything else (a file no page is built from).
    #[default]
    Other,
}

/// What the editors' report knows of a file besides its findings.
#[derive(Debug, Clone, Default)]
pub struct FileInfo {
    pub part: Part,
    /// The page's title: front matter `title`, else `<title>`, else the first
    /// heading.
    pub title: Option<String>,
    /// Its URL path on the site (`/real-time-communication/`), for pages.
    pub url: Option<String>,
    /// For a layout or include: the pages it ends up in (their paths).
    pub used_by: Vec<String>,
}

/// What the editors' report knows of the site: each file with findings, and
/// the site's address (`https://example.org`, no trailing `/`) when known.
#[derive(Debug, Clone, Default)]
pub struct SiteInfo {
    pub files: HashMap<String, FileInfo>,
    pub address: Option<String>,
}

/// A finding a baseline had that no finding matches any more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedEntry {
    pub rule: String,
    pub path: String,
    pub line: usize,
    pub message: String,
}

/// What a run found, ready to render.
pub struct Report<'a> {
    pub findings: &'a [Finding],
    pub tally: Tally,
    pub site_kind: SiteKind,
    pub sources: &'a SourceTexts,
    /// Findings left out by the per-file cap: how many, in which file.
    pub not_shown: &'a [(String, usize)],
    /// What a baseline left out, when there was one.
    pub baseline: Option<BaselineOutcome>,
    /// How the terminal formats write paths, so that they open from the
    /// current folder.
    pub paths: &'a PathStyle,
    /// Only the findings: the terminal formats leave out the statistics and
    /// the tally (`--quiet`).
    pub findings_only: bool,
    /// Titles, URLs and shared parts, for the editors' report.
    pub site: &'a SiteInfo,
    /// Findings the baseline knew (not reported by `check`; the report shows
    /// them, unmarked, beside the new ones).
    pub known: &'a [Finding],
    /// Baseline entries no finding matches any more.
    pub fixed: &'a [FixedEntry],
}

/// The closing line: `2 errors, 1 warning, 0 infos in 14 files (jekyll site)`.
pub fn tally_line(report: &Report<'_>) -> String {
    let Tally {
        files,
        errors,
        warnings,
        infos,
    } = report.tally;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {} in {} ({} site)",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(infos, "info"),
        plural(files, "file"),
        report.site_kind.as_str()
    )
}

/// How the terminal formats (human, short) write a finding's path, which is
/// relative to the site root, so that it opens from the user's current
/// folder: `site/page.md` from above the site, `../page.md` from inside it.
#[derive(Debug, Clone, Default)]
pub struct PathStyle {
    /// Put before every path: the root as seen from the current folder
    /// (`site/`, or an absolute path), when that folder is not inside it.
    prefix: String,
    /// The current folder's path inside the root (`_data/software`), when it is.
    inside: Vec<String>,
}

impl PathStyle {
    /// Paths with `prefix` before them (empty: as they are).
    pub fn prefixed(prefix: impl Into<String>) -> PathStyle {
        PathStyle {
            prefix: prefix.into(),
            inside: Vec::new(),
        }
    }

    /// Paths seen from `folder`, a `/`-separated folder inside the root.
    pub fn inside(folder: &str) -> PathStyle {
        PathStyle {
            prefix: String::new(),
            inside: folder
                .split('/')
                .filter(|part| !part.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }

    /// `path` (relative to the root) as written for the user.
    pub fn show(&self, path: &str) -> String {
        if self.inside.is_empty() {
            return format!("{}{path}", self.prefix);
        }
        let parts: Vec<&str> = path.split('/').collect();
        let common = self
            .inside
            .iter()
            .zip(&parts[..parts.len().saturating_sub(1)])
            .take_while(|(a, b)| a.as_str() == **b)
            .count();
        let mut out = "../".repeat(self.inside.len() - common);
        out.push_str(&parts[common..].join("/"));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::PathStyle;

    #[test]
    fn paths_are_shown_from_the_current_folder() {
        assert_eq!(PathStyle::default().show("a/b.md"), "a/b.md");
        assert_eq!(PathStyle::prefixed("site/").show("a/b.md"), "site/a/b.md");
        let inside = PathStyle::inside("_data/software");
        assert_eq!(inside.show("_data/software/m/2.yml"), "m/2.yml");
        assert_eq!(inside.show("_data/x.yml"), "../x.yml");
        assert_eq!(inside.show("index.md"), "../../index.md");
        assert_eq!(PathStyle::inside("a").show("a"), "../a");
    }
}
