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
    /// What the finding is about when other findings can share it: the page a
    /// missing link leads to (`whatsnew/changelog.html`), `page#id` for a
    /// missing fragment, the missing asset, the external URL. Findings of one
    /// rule with one target have one cause (see [`Finding::group`]).
    pub target: Option<String>,
    /// The cause this finding shares with others, as a stable key (same rule
    /// and target; else same rule, message and text, on every page of built
    /// HTML or in one source file). Set by the pipeline once the findings are
    /// complete (`galley_check`); 0 before.
    pub group: u64,
    /// The finding's identity apart from where its line is: rule, path,
    /// message and the text of its line, so that a baseline survives edits
    /// elsewhere in the file. Set with [`Finding::group`].
    pub fingerprint: u64,
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
            target: None,
            group: 0,
            fingerprint: 0,
        }
    }

    /// The same finding, about `target` (see [`Finding::target`]).
    pub fn with_target(mut self, target: impl Into<String>) -> Finding {
        self.target = Some(target.into());
        self
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

/// What a baseline did to a run (`--baseline`, `--changed-since`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BaselineOutcome {
    /// Findings not reported because the baseline has them.
    pub known: usize,
    /// Baseline entries (in the files reported on) that no finding matches
    /// any more: fixed, or their line changed.
    pub fixed: usize,
}

/// A key that stays the same across runs, machines and Galley versions (it is
/// written into baselines and SARIF): the first 8 bytes of the SHA-256 of the
/// parts, each ended by a NUL so that `("ab", "c")` and `("a", "bc")` differ.
pub fn stable_key(parts: &[&str]) -> u64 {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

/// A key as it is written: 16 lowercase hex digits.
pub fn key_hex(key: u64) -> String {
    format!("{key:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_keys_do_not_change_and_keep_parts_apart() {
        assert_eq!(
            key_hex(stable_key(&["link-missing", "a.html"])),
            key_hex(stable_key(&["link-missing", "a.html"]))
        );
        assert_ne!(stable_key(&["ab", "c"]), stable_key(&["a", "bc"]));
        // Written into baselines: a change here resurrects every baselined finding.
        assert_eq!(key_hex(stable_key(&[])), "e3b0c44298fc1c14");
    }
}
