//! Renderers: findings in, text out. They know findings and source text, never
//! the checkers that produced them.

pub mod github;
mod html;
mod human;
mod json;
pub mod markdown;
mod sarif;
mod short;

use std::collections::HashMap;
use std::sync::Arc;

use galley_core::finding::Tally;
use galley_core::{Finding, SiteKind};

pub use github::render_github;
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

/// What a run found, ready to render.
pub struct Report<'a> {
    pub findings: &'a [Finding],
    pub tally: Tally,
    pub site_kind: SiteKind,
    pub sources: &'a SourceTexts,
    /// Findings left out by the per-file cap: how many, in which file.
    pub not_shown: &'a [(String, usize)],
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
