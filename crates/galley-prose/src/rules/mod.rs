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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    type Rule = fn(&SourceFile, &Prose, &[String]) -> Vec<Finding>;

    /// Runs `rule` on `text` read as one run: `(line, column, message, help)`.
    pub(crate) fn run_rule(
        rule: Rule,
        text: &str,
        allowed: &[String],
    ) -> Vec<(usize, usize, String, String)> {
        let file = SourceFile::new("a.html", text);
        let mut prose = Prose::default();
        prose.push_run(text, 0..text.len());
        rule(&file, &prose, allowed)
            .into_iter()
            .map(|f| (f.span.start.line, f.span.start.column, f.message, f.help))
            .collect()
    }
}
