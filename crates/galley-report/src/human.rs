//! The terminal format: miette's graphical diagnostics, with the source snippet and
//! a label under the exact span, then the tally.

use std::fmt::Write;
use std::sync::Arc;

use galley_core::{Finding, Severity};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

use crate::{Report, tally_line};

/// Renders every finding and the tally. `color` is decided by the caller (a TTY
/// and no `NO_COLOR`), never guessed here from the environment.
pub fn render_human(report: &Report<'_>, color: bool, width: usize) -> String {
    let handler = handler(color, width);
    let mut out = String::new();
    for finding in report.findings {
        let text = report.sources.get(&finding.path).cloned();
        let diagnostic = FindingDiagnostic::new(finding, text);
        if handler.render_report(&mut out, &diagnostic).is_err() {
            // Rendering into a String cannot fail for I/O; keep the finding visible anyway.
            let _ = writeln!(
                out,
                "{}:{}:{}: {}",
                finding.path, finding.span.start.line, finding.span.start.column, finding.message
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", tally_line(report));
    out
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
        .with_context_lines(1)
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

/// Content can hold control characters (an escape sequence in a YAML value could
/// repaint the terminal): show them as `\u{..}` and keep a message on one line.
pub(crate) fn single_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() || is_bidi_control(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Characters that reorder text on screen ("Trojan Source").
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// The source shown in a snippet, with control characters made visible but the
/// length of every line kept, so spans still point at the right columns.
fn visible_source(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => c,
            c if c.is_control() || is_bidi_control(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

#[derive(Debug, thiserror::Error)]
#[error("{message}")]
struct FindingDiagnostic {
    message: String,
    rule: &'static str,
    severity: Severity,
    help: String,
    snippet: Option<NamedSource<String>>,
    label: LabeledSpan,
}

impl FindingDiagnostic {
    fn new(finding: &Finding, text: Option<Arc<String>>) -> FindingDiagnostic {
        let text_known = text.is_some();
        let (content, start, len) = match text {
            Some(text) => {
                let visible = visible_source(&text);
                // A replaced character may change byte lengths; map through char counts.
                let start =
                    byte_after_chars(&visible, text[..finding.span.start.offset].chars().count());
                let end =
                    byte_after_chars(&visible, text[..finding.span.end.offset].chars().count());
                (visible, start, end - start)
            }
            // No text (the file could not be read): put the location in the message.
            None => (String::new(), 0, 0),
        };
        let message = match text_known {
            true => single_line(&finding.message),
            false => format!(
                "{}:{}:{}: {}",
                single_line(&finding.path),
                finding.span.start.line,
                finding.span.start.column,
                single_line(&finding.message)
            ),
        };
        FindingDiagnostic {
            message,
            rule: finding.rule,
            severity: finding.severity,
            help: single_line(&finding.help),
            snippet: text_known.then(|| {
                NamedSource::new(single_line(&finding.path), content)
                    .with_language(language_of(&finding.path))
            }),
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
