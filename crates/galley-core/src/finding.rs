//! A finding: one defect at one place, with the rule that found it.

use std::fmt;

use crate::rule::RuleMeta;
use crate::source::{SourceFile, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One defect. `path` is relative to the site root with `/` separators; the span's
/// lines and columns are 1-based and count characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub path: String,
    pub span: Span,
    pub message: String,
    pub help: String,
    /// The edit that fixes it, when one is safe to apply without a person
    /// (`galley check --fix`).
    pub fix: Option<Edit>,
}

/// A change to a file's text: replace the bytes of `range` by `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: std::ops::Range<usize>,
    pub replacement: String,
}

impl Finding {
    /// A finding at `span` of `file`, with the rule's default severity (the CLI
    /// applies the configured one afterwards).
    pub fn new(
        rule: &RuleMeta,
        file: &SourceFile,
        span: Span,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Finding {
        Finding::at_path(rule, file.path(), span, message, help)
    }

    /// A finding for a file whose text is not available (unreadable, not UTF-8).
    pub fn at_path(
        rule: &RuleMeta,
        path: &str,
        span: Span,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Finding {
        Finding {
            rule: rule.id,
            severity: rule.default_severity,
            path: path.to_owned(),
            span,
            message: message.into(),
            help: help.into(),
            fix: None,
        }
    }

    /// The same finding, with the edit that fixes it.
    pub fn with_fix(mut self, edit: Edit) -> Finding {
        self.fix = Some(edit);
        self
    }

    /// The order findings are reported in: by path (numbers in names compare as
    /// numbers, so `2_x.yml` comes before `10_x.yml`), then position, then rule.
    pub fn report_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
        natord::compare(&a.path, &b.path)
            .then(a.span.start.line.cmp(&b.span.start.line))
            .then(a.span.start.column.cmp(&b.span.start.column))
            .then(a.rule.cmp(b.rule))
            .then_with(|| a.message.cmp(&b.message))
    }
}

/// Totals over a run, for the tally line and the JSON summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Tally {
    pub fn count(files: usize, findings: &[Finding]) -> Tally {
        let mut tally = Tally {
            files,
            ..Tally::default()
        };
        for finding in findings {
            match finding.severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Info => tally.infos += 1,
            }
        }
        tally
    }
}
