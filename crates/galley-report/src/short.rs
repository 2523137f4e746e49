//! `path:line:col: severity[rule] message`, one line per finding (every
//! occurrence, not one per group), for grep and editors; the fix, when there
//! is one, at the end.

use std::fmt::Write;

use galley_core::Finding;

use crate::human::{location, single_line};
use crate::{Report, tally_line};

pub fn render_short(report: &Report<'_>) -> String {
    let mut out = String::new();
    for f in report.findings {
        let _ = write!(
            out,
            "{}: {}[{}] {}",
            location(f, report.paths),
            f.severity,
            f.rule,
            single_line(&f.message)
        );
        if let Some(fix) = fix_shown(f, report) {
            let _ = write!(out, " (fix: {fix})");
        }
        out.push('\n');
    }
    if !report.findings_only {
        let _ = writeln!(out, "{}", tally_line(report));
    }
    out
}

/// The fix as a change of words: `accomodate -> accommodate`, or what it
/// deletes.
fn fix_shown(finding: &Finding, report: &Report<'_>) -> Option<String> {
    let fix = finding.fix.as_ref()?;
    let text = report.sources.get(&finding.path)?;
    let before = text.get(fix.range.clone())?;
    Some(if fix.replacement.is_empty() {
        format!("delete `{}`", single_line(before.trim()))
    } else {
        format!(
            "{} -> {}",
            single_line(before.trim()),
            single_line(fix.replacement.trim())
        )
    })
}
