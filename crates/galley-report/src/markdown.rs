//! `--format markdown` and the GitHub step summary: totals and a table of findings,
//! cut off with a note before GitHub's 1 MiB summary limit.

use std::fmt::Write;

use crate::{Report, tally_line};

/// GitHub refuses a step summary larger than 1 MiB; stay well under it.
pub const SUMMARY_LIMIT_BYTES: usize = 1024 * 1024 - 16 * 1024;

/// A Markdown summary. `not_annotated` findings are mentioned as not shown on the diff.
pub fn render_markdown(report: &Report<'_>, not_annotated: usize) -> String {
    let mut out = String::from("## Galley\n\n");
    let _ = writeln!(out, "**{}**\n", escape(&tally_line(report)));
    if not_annotated > 0 {
        let _ = writeln!(
            out,
            "{not_annotated} findings are not annotated on the diff (GitHub shows 10 per level); all are listed below.\n"
        );
    }
    if report.findings.is_empty() {
        out.push_str("No findings.\n");
        return out;
    }
    out.push_str("| severity | rule | location | places | message |\n|---|---|---|---|---|\n");
    let groups = crate::groups::groups(report.findings);
    for (index, group) in groups.iter().enumerate() {
        let f = group.first();
        let places = match group.findings.len() {
            1 => "1".to_owned(),
            n => format!(
                "{} in {} file{}",
                crate::groups::count(n),
                crate::groups::count(group.files()),
                if group.files() == 1 { "" } else { "s" }
            ),
        };
        let row = format!(
            "| {} | `{}` | {}:{}:{} | {} | {} |\n",
            f.severity,
            f.rule,
            escape(&f.path),
            f.span.start.line,
            f.span.start.column,
            places,
            escape(&f.message)
        );
        let note_room = 200;
        if out.len() + row.len() + note_room > SUMMARY_LIMIT_BYTES {
            let rest = groups.len() - index;
            let _ = writeln!(
                out,
                "\n{rest} more causes are not listed: the summary would pass GitHub's 1 MiB limit. Run `galley check` locally to see them all."
            );
            break;
        }
        out.push_str(&row);
    }
    out
}

/// Escapes content for a Markdown table cell: HTML is shown as text, Markdown
/// punctuation is literal, a cell stays on one line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' | '(' | ')' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() || crate::human::is_bidi_control(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table_or_inject_html() {
        assert_eq!(escape("a|b\n<script>`x`"), "a\\|b &lt;script&gt;\\`x\\`");
        // Bidi controls and escapes are shown, not obeyed.
        assert_eq!(escape("a\u{202E}b\u{1b}c"), "a\\u{202e}b\\u{1b}c");
    }
}
