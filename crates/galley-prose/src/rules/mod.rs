//! The prose rules, one module each.

pub mod misspelling;
pub mod word_repeated;

use galley_core::config::ProseConfig;
use galley_core::{Finding, RuleMeta, SourceFile};

use crate::Prose;

pub static RULES: &[&RuleMeta] = &[&word_repeated::WORD_REPEATED, &misspelling::MISSPELLING];

/// Runs every prose rule on one text of `file`.
pub fn check(file: &SourceFile, prose: &Prose, config: &ProseConfig) -> Vec<Finding> {
    let mut findings = word_repeated::check(file, prose, &config.allow_repeated);
    findings.extend(misspelling::check(file, prose, &config.allow_words));
    findings
}
