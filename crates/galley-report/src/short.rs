//! `path:line:col: severity[rule] message`, one line per finding, for grep and editors.

use std::fmt::Write;

use crate::{Report, tally_line};

pub fn render_short(report: &Report<'_>) -> String {
    let mut out = String::new();
    for f in report.findings {
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            crate::human::single_line(&f.path),
            f.span.start.line,
            f.span.start.column,
            f.severity,
            f.rule,
            crate::human::single_line(&f.message)
        );
    }
    let _ = writeln!(out, "{}", tally_line(report));
    out
}
