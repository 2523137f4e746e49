//! The terminal format: miette's graphical diagnostics, with the source snippet and
//! a label under the exact span, then the tally.

use std::fmt::Write;

use galley_core::{Finding, Severity};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::{PathStyle, Report, tally_line};

/// Locations listed under a group's first finding before "and N more".
const LOCATIONS_SHOWN: usize = 3;
/// More findings than this and the statistics table closes the output.
pub const STATISTICS_AFTER: usize = 20;

/// Renders each cause once (its first finding with the snippet, then where
/// else it is), the statistics when there are many findings, and the tally.
/// `color` is decided by the caller (a TTY and no `NO_COLOR`), never guessed
/// here from the environment.
pub fn render_human(report: &Report<'_>, color: bool, width: usize) -> String {
    let handler = handler(color, width);
    let mut out = String::new();
    for group in crate::groups::groups(report.findings) {
        let finding = group.first();
        let text = report.sources.get(&finding.path).map(|t| t.as_str());
        let diagnostic = FindingDiagnostic::new(finding, text, report.paths);
        if handler.render_report(&mut out, &diagnostic).is_err() {
            // Rendering into a String cannot fail for I/O; keep the finding visible anyway.
            let _ = writeln!(
                out,
                "{}:{}:{}: {}",
                finding.path, finding.span.start.line, finding.span.start.column, finding.message
            );
        }
        if group.findings.len() > 1 {
            out.push_str(&elsewhere(&group, report.paths));
        }
        out.push('\n');
    }
    if report.findings_only {
        return out;
    }
    if report.findings.len() > STATISTICS_AFTER {
        out.push_str(&crate::groups::render_statistics(report.findings));
        out.push('\n');
    }
    let _ = writeln!(out, "{}", tally_line(report));
    out
}

/// The lines under a group's first finding: how many more, and where.
fn elsewhere(group: &crate::groups::Group<'_>, paths: &PathStyle) -> String {
    use crate::groups::count;
    let rest = &group.findings[1..];
    let files = group.files();
    let mut out = format!(
        "  = the same cause {} more time{}{}:\n",
        count(rest.len()),
        if rest.len() == 1 { "" } else { "s" },
        if files > 1 {
            format!(", in {} files in all", count(files))
        } else {
            String::new()
        }
    );
    for finding in rest.iter().take(LOCATIONS_SHOWN) {
        let _ = writeln!(out, "      {}", location(finding, paths));
    }
    if rest.len() > LOCATIONS_SHOWN {
        let hidden = &rest[LOCATIONS_SHOWN..];
        let hidden_files = crate::groups::files_of(hidden.iter().copied()).len();
        let _ = writeln!(
            out,
            "      and {} more in {} file{} (`--format short` lists every one)",
            count(hidden.len()),
            count(hidden_files),
            if hidden_files == 1 { "" } else { "s" }
        );
    }
    out
}

/// `path:line:col`, the path as the user reaches it.
pub(crate) fn location(finding: &Finding, paths: &PathStyle) -> String {
    format!(
        "{}:{}:{}",
        single_line(&paths.show(&finding.path)),
        finding.span.start.line,
        finding.span.start.column
    )
}

/// The one miette handler configuration Galley renders with: the theme from the
/// caller's colour decision, no hyperlinks, a fixed width, one line of context.
pub fn handler(color: bool, width: usize) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(width)
        .with_context_lines(CONTEXT_LINES)
}

/// Renders a diagnostic that is not a finding (a config error) the same way.
pub fn render_diagnostic(diagnostic: &dyn Diagnostic, color: bool, width: usize) -> String {
    let mut out = String::new();
    if handler(color, width)
        .render_report(&mut out, diagnostic)
        .is_err()
    {
        out = diagnostic.to_string();
    }
    out
}

pub use galley_core::visible::{is_bidi_control, single_line, visible_source};

/// The part of a file a snippet shows: the finding's lines and one line around
/// them, so rendering costs the size of the snippet, not of the file, however
/// many findings a large file has. A line too long to show whole (minified
/// HTML) is cut around the span.
#[derive(Debug)]
struct SnippetSource {
    name: String,
    language: &'static str,
    /// The window, with control characters made visible.
    text: String,
    /// 0-based line of the window's first line in the file.
    first_line: usize,
    /// Characters cut from the start of the window's first line.
    first_column: usize,
}

/// Lines around a finding shown in its snippet (miette's context).
const CONTEXT_LINES: usize = 1;
/// A window larger than this is cut to the span and some characters around it.
const MAX_WINDOW_BYTES: usize = 8 * 1024;
const CHARS_AROUND_CUT: usize = 120;

impl SnippetSource {
    /// The window for `finding` in `text`, and the finding's span inside it.
    fn new(finding: &Finding, text: &str, paths: &PathStyle) -> (SnippetSource, usize, usize) {
        let start = finding.span.start.offset.min(text.len());
        let end = finding.span.end.offset.clamp(start, text.len());
        let mut from = line_start(text, start);
        let mut first_line = finding.span.start.line.saturating_sub(1);
        for _ in 0..CONTEXT_LINES {
            if from == 0 {
                break;
            }
            from = line_start(text, from - 1);
            first_line -= 1;
        }
        let mut to = line_end(text, end);
        for _ in 0..CONTEXT_LINES {
            if to < text.len() {
                to = line_end(text, to + 1);
            }
        }
        let mut first_column = 0;
        if to - from > MAX_WINDOW_BYTES {
            // Only the span's own lines, cut to the span and a margin around it.
            let line_from = line_start(text, start);
            first_line = finding.span.start.line.saturating_sub(1);
            from = back_chars(text, start, CHARS_AROUND_CUT).max(line_from);
            to = forward_chars(text, end, CHARS_AROUND_CUT).min(line_end(text, end));
            first_column = text[line_from..from].chars().count();
        }
        let window = &text[from..to];
        let visible = visible_source(&galley_core::passwords_masked(window));
        // A replaced character may change byte lengths; map through char counts.
        let span_start = byte_after_chars(&visible, text[from..start].chars().count());
        let span_end = byte_after_chars(&visible, text[from..end].chars().count());
        let source = SnippetSource {
            name: single_line(&paths.show(&finding.path)),
            language: language_of(&finding.path),
            text: visible,
            first_line,
            first_column,
        };
        (source, span_start, span_end - span_start)
    }
}

impl SourceCode for SnippetSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        // miette counts columns in bytes; Galley's are characters, as in every
        // other format.
        let column = if context_lines_before == 0 {
            let offset = span.offset().min(self.text.len());
            let line_start = line_start(&self.text, offset);
            let chars = self.text[line_start..offset].chars().count();
            if line_start == 0 {
                chars + self.first_column
            } else {
                chars
            }
        } else {
            inner.column()
        };
        Ok(Box::new(
            MietteSpanContents::new_named(
                self.name.clone(),
                inner.data(),
                *inner.span(),
                inner.line() + self.first_line,
                column,
                inner.line_count(),
            )
            .with_language(self.language),
        ))
    }
}

/// The byte offset where the line holding `at` starts.
pub(crate) fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i)
}

/// The offset `chars` characters before `at` (or the start).
pub(crate) fn back_chars(text: &str, at: usize, chars: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The offset `chars` characters after `at` (or the end).
pub(crate) fn forward_chars(text: &str, at: usize, chars: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| at + i)
}

#[derive(Debug, thiserror::Error)]
#[error("{message}")]
struct FindingDiagnostic {
    message: String,
    rule: &'static str,
    severity: Severity,
    help: String,
    snippet: Option<SnippetSource>,
    label: LabeledSpan,
}

impl FindingDiagnostic {
    fn new(finding: &Finding, text: Option<&str>, paths: &PathStyle) -> FindingDiagnostic {
        let Some(text) = text else {
            // No text (the file could not be read): put the location in the message.
            return FindingDiagnostic {
                message: format!(
                    "{}: {}",
                    location(finding, paths),
                    single_line(&finding.message)
                ),
                rule: finding.rule,
                severity: finding.severity,
                help: single_line(&finding.help),
                snippet: None,
                label: LabeledSpan::new_primary_with_span(Some("here".to_owned()), (0, 0)),
            };
        };
        let (snippet, start, len) = SnippetSource::new(finding, text, paths);
        FindingDiagnostic {
            message: single_line(&finding.message),
            rule: finding.rule,
            severity: finding.severity,
            help: single_line(&finding.help),
            snippet: Some(snippet),
            label: LabeledSpan::new_primary_with_span(Some("here".to_owned()), (start, len)),
        }
    }
}

fn byte_after_chars(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

fn language_of(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("yml" | "yaml") => "yaml",
        Some("html" | "htm") => "html",
        Some("md" | "markdown") => "markdown",
        Some("toml") => "toml",
        _ => "text",
    }
}

impl Diagnostic for FindingDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.snippet.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.snippet.as_ref()?;
        Some(Box::new(std::iter::once(self.label.clone())))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use galley_core::finding::Tally;
    use galley_core::{RuleMeta, SiteKind, SourceFile};

    use super::*;
    use crate::SourceTexts;

    const RULE: RuleMeta = RuleMeta {
        id: "anchor-missing",
        default_severity: Severity::Error,
        summary: "",
        title: "",
        why: "",
        docs: "",
        fixable: false,
        options: &[],
    };

    fn render(path: &str, text: String, at: std::ops::Range<usize>) -> String {
        let file = SourceFile::new(path, text);
        let finding = Finding::new(&RULE, &file, file.span(at), "message", "help");
        let mut sources = SourceTexts::default();
        sources.insert(path, Arc::new(file.text().to_owned()));
        let findings = [finding];
        let report = Report {
            baseline: None,
            paths: &crate::PathStyle::default(),
            findings_only: false,
            site: &crate::SiteInfo::default(),
            known: &[],
            fixed: &[],
            not_shown: &[],
            findings: &findings,
            tally: Tally::count(1, &findings),
            site_kind: SiteKind::Html,
            sources: &sources,
        };
        render_human(&report, false, 100)
    }

    #[test]
    fn snippets_show_only_the_lines_around_the_finding_with_their_numbers() {
        let text: String = (1..=1000).map(|n| format!("line {n}\n")).collect();
        let at = text.find("line 500").unwrap();
        let out = render("a.html", text, at..at + 4);
        assert!(out.contains("[a.html:500:1]"), "{out}");
        assert!(out.contains(" 499 │ line 499"), "{out}");
        assert!(out.contains(" 501 │ line 501"), "{out}");
        assert!(!out.contains("line 498"), "{out}");
    }

    #[test]
    fn bare_carriage_returns_escapes_and_bidi_marks_never_reach_the_terminal() {
        let text = "<p>a\rb \u{1b}[2J c\u{061C}d\u{202E}e</p>\r\n".to_owned();
        let at = text.find('c').unwrap();
        let out = render("a.html", text, at..at + 1);
        assert!(
            !out.contains(['\r', '\u{1b}', '\u{061C}', '\u{202E}']),
            "{out:?}"
        );
        assert!(
            out.contains("a\u{FFFD}b \u{FFFD}[2J c\u{FFFD}d\u{FFFD}e"),
            "{out}"
        );
        assert_eq!(single_line("x\u{061C}y\rz"), "x\\u{61c}y z");
    }

    #[test]
    fn a_long_line_is_cut_around_the_span_and_keeps_its_column() {
        let text = format!("{}<a href=\"#x\">", "é".repeat(50_000));
        let at = text.find("#x").unwrap();
        let out = render("min.html", text, at..at + 2);
        assert!(out.contains("[min.html:1:50010]"), "{out}");
        assert!(out.lines().all(|line| line.chars().count() < 300), "{out}");
    }
}
