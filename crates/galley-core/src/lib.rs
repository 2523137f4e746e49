//! The model every Galley checker shares: source files and positions, findings,
//! rule metadata and the user's configuration.
//!
//! This crate knows no checker. Checkers depend on it; the CLI depends on them.

pub mod config;
pub mod finding;
pub mod internal_error;
pub mod limits;
pub mod rule;
pub mod source;
pub mod visible;

pub use config::{Config, ConfigError, Level, SiteKind};
pub use finding::{Edit, Finding, Severity};
pub use rule::{RuleMeta, RuleOption, RuleRegistry};
pub use source::{Position, SourceFile, Span};

/// The candidate closest to `word` by edit distance, if it is close enough to be a
/// plausible typo (used for "did you mean" hints on keys, rules and fields).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| (strsim::osa_distance(word, candidate), candidate))
        .filter(|&(distance, _)| distance <= limit)
        .min()
        .map(|(_, candidate)| candidate)
}

/// `text` cut to `max` characters (the last one an ellipsis), for a one-line
/// message that quotes a URL or a value written in the content.
pub fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
