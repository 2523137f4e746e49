//! `--format github`: GitHub Actions workflow commands, so findings appear as
//! annotations on the pull request's diff.
//!
//! GitHub shows at most 10 annotations of each level per step, so only the first
//! 10 of each are annotated; the step summary (see [`crate::render_markdown`])
//! lists every finding and says how many were not annotated.

use std::fmt::Write;

use galley_core::{Finding, Severity};

use crate::groups::{Group, groups};
use crate::{Report, tally_line};

/// GitHub displays this many annotations of one level per step.
pub const ANNOTATIONS_PER_LEVEL: usize = 10;

/// The workflow command of each annotated cause, then a plain tally line.
/// `path_prefix` is the site root's path from the repository root (`docs/` for a
/// site in `docs/`, empty at the top), since GitHub resolves `file=` from there.
pub fn render_github(report: &Report<'_>, path_prefix: &str) -> String {
    let mut out = String::new();
    for group in annotated(report.findings) {
        out.push_str(&annotation(
            group.first(),
            group.findings.len(),
            path_prefix,
        ));
        out.push('\n');
    }
    let hidden = not_annotated(report.findings);
    let _ = writeln!(out, "{}", escape_data(&tally_line(report)));
    if hidden > 0 {
        let _ = writeln!(
            out,
            "{hidden} more findings were not annotated (GitHub shows {ANNOTATIONS_PER_LEVEL} per level); see the job summary"
        );
    }
    out
}

/// The causes that get an annotation: each group once, at its first finding,
/// the first `ANNOTATIONS_PER_LEVEL` of each level.
fn annotated(findings: &[Finding]) -> Vec<Group<'_>> {
    let mut shown = [0usize; 3];
    groups(findings)
        .into_iter()
        .filter(|group| {
            let slot = &mut shown[level_index(group.first().severity)];
            *slot += 1;
            *slot <= ANNOTATIONS_PER_LEVEL
        })
        .collect()
}

/// How many findings no annotation stands for (their cause is past
/// GitHub's per-level annotation limit).
pub fn not_annotated(findings: &[Finding]) -> usize {
    let shown: usize = annotated(findings).iter().map(|g| g.findings.len()).sum();
    findings.len() - shown
}

fn level_index(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, for
/// a cause found in `places` places.
fn annotation(f: &Finding, places: usize, path_prefix: &str) -> String {
    let command = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut message = format!("{}\n\nhelp: {}", f.message, f.help);
    if places > 1 {
        message.push_str(&format!(
            "\n\nThe same cause is in {} more places; the job summary lists it.",
            crate::groups::count(places - 1)
        ));
    }
    format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(&format!("{path_prefix}{}", f.path)),
        f.span.start.line,
        f.span.start.column,
        f.span.end.line,
        f.span.end.column,
        escape_property(&format!("galley {}", f.rule)),
        escape_data(&message)
    )
}

/// GitHub's escaping of a command's message (`escapeData` in @actions/core): a
/// newline in content can then never start a new workflow command. Other
/// control characters (an escape sequence, a bell) and bidi controls are
/// shown as `\u{..}`, and a legacy `##[command]` is broken, as in every line
/// Galley prints in Actions ([`neutralize`]).
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if c.is_control() || crate::human::is_bidi_control(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.replace("##[", LEGACY_BROKEN)
}

/// `##[` with a word joiner inside: it reads the same and is no command.
const LEGACY_BROKEN: &str = "##\u{2060}[";

/// Makes text safe to print in a GitHub Actions log: the runner runs
/// `::command::` at the start of a line and the legacy `##[command]` anywhere
/// in one, so a line that starts with `::` (after blanks) gets a word joiner
/// before it, and every `##[` one inside. Galley's own annotations are the
/// one output that is not passed through this.
pub fn neutralize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive(['\n', '\r']) {
        if line.trim_start().starts_with("::") {
            out.push('\u{2060}');
        }
        out.push_str(&line.replace("##[", LEGACY_BROKEN));
    }
    out
}

/// The same for JSON text: `##[` inside a string is written `#\u0023[`,
/// which decodes to the same characters (JSON has no `#` outside strings).
pub fn neutralize_json(text: &str) -> String {
    text.replace("##[", "#\\u0023[")
}

/// GitHub's escaping of a command property (`escapeProperty`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_galley_prints_in_actions_run_no_command() {
        assert_eq!(
            neutralize("note: 3 more in ##[stop-commands]x.html\n  ::warning::x\rok ::x\n"),
            "note: 3 more in ##\u{2060}[stop-commands]x.html\n\u{2060}  ::warning::x\rok ::x\n"
        );
        assert_eq!(neutralize_json("\"##[error]\""), "\"#\\u0023[error]\"");
        let decoded: String = serde_json::from_str(&neutralize_json("\"##[error]\"")).unwrap();
        assert_eq!(decoded, "##[error]");
    }

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(
            escape_data("100%\r\n::set-env name=x::y"),
            "100%25%0D%0A::set-env name=x::y"
        );
        assert_eq!(
            escape_data("a\u{1b}[31m\u{7}\u{202E}##[error]"),
            "a\\u{1b}[31m\\u{7}\\u{202e}##\u{2060}[error]"
        );
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
