//! The prose rules, one module each.

pub mod misspelling;
pub mod word_repeated;

use std::ops::Range;

use galley_core::{Config, Finding, Position, RuleMeta, SourceFile, Span};

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

/// The prose rules as the config sets them: what each allows, and which run
/// (a rule that is `off` is not run).
#[derive(Clone, Debug)]
pub struct ProseRules {
    allow_repeated: Option<Vec<String>>,
    allow_words: Option<Vec<String>>,
}

impl ProseRules {
    pub fn new(config: &Config) -> ProseRules {
        ProseRules {
            allow_repeated: config
                .runs(&word_repeated::WORD_REPEATED)
                .then(|| config.prose.allow_repeated.clone()),
            allow_words: config
                .runs(&misspelling::MISSPELLING)
                .then(|| config.prose.allow_words.clone()),
        }
    }

    /// Whether any prose rule runs: the text need not be read otherwise.
    pub fn any(&self) -> bool {
        self.allow_repeated.is_some() || self.allow_words.is_some()
    }

    /// Runs the prose rules on one text of `file`.
    pub fn check(&self, file: &SourceFile, prose: &Prose) -> Vec<Finding> {
        let mut findings = Vec::new();
        if let Some(allowed) = &self.allow_repeated {
            findings.extend(word_repeated::check(file, prose, allowed));
        }
        if let Some(allowed) = &self.allow_words {
            findings.extend(misspelling::check(file, prose, allowed));
        }
        findings
    }
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
