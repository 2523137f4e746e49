//! The prose rules, one module each.

pub mod misspelling;
pub mod word_repeated;

use std::ops::Range;

use galley_core::config::ProseConfig;
use galley_core::{Finding, Position, RuleMeta, SourceFile, Span};

use crate::Prose;

pub static RULES: &[&RuleMeta] = &[&word_repeated::WORD_REPEATED, &misspelling::MISSPELLING];

/// Spans of findings that come in file order: columns are counted on from the
/// last one, so many findings on one long line do not each count the whole line.
pub(crate) struct SpanCursor<'f> {
    file: &'f SourceFile,
    last: Option<Position>,
}

impl<'f> SpanCursor<'f> {
    pub(crate) fn new(file: &'f SourceFile) -> SpanCursor<'f> {
        SpanCursor { file, last: None }
    }

    /// The span of `range`, which starts after every range given before.
    pub(crate) fn span(&mut self, range: Range<usize>) -> Span {
        let start = match self.last {
            Some(from) => self.file.position_after(from, range.start),
            None => self.file.position(range.start),
        };
        let end = self.file.position_after(start, range.end);
        self.last = Some(end);
        Span { start, end }
    }
}

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
