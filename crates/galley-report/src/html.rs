//! `galley report`: one self-contained HTML page for editors. Totals, then the
//! pages with the most findings first; each finding with its snippet (the span
//! marked), its help, and a link to the source line. Filters by severity and
//! rule run on a small inline script and the page is a full list without it.
//!
//! Every piece of content is escaped, and the page's Content-Security-Policy
//! allows no script but its own (by hash), so even a mistake in escaping could
//! not run content as code. Nothing is loaded from the network.

use std::collections::BTreeMap;
use std::fmt::Write;

use base64::Engine;
use galley_core::{Finding, RuleRegistry, Severity};
use sha2::{Digest, Sha256};

use crate::human::{back_chars, forward_chars, line_start, single_line, visible_source};
use crate::sarif::URI_PATH;
use crate::{Report, tally_line};

/// Where a finding's "source" link points.
pub enum SourceLinks {
    /// A URL template with `{path}` (from the repository root) and `{line}`.
    Template {
        template: String,
        path_prefix: String,
    },
    /// The file itself, by a path relative to the report (`prefix` leads from
    /// the report's folder to the site root).
    Relative { prefix: String },
}

impl SourceLinks {
    fn href(&self, finding: &Finding) -> String {
        let line = finding.span.start.line.to_string();
        match self {
            SourceLinks::Template {
                template,
                path_prefix,
            } => {
                let path = encode_path(&format!("{path_prefix}{}", finding.path));
                template.replace("{path}", &path).replace("{line}", &line)
            }
            SourceLinks::Relative { prefix } => encode_path(&format!("{prefix}{}", finding.path)),
        }
    }
}

fn encode_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, URI_PATH).to_string()
}

const STYLE: &str = r#"
:root { color-scheme: light dark; --error: #c62828; --warning: #a15c00; --info: #1565c0; --mark: #ffe08a; }
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem 1.5rem 4rem; }
h1 { margin-bottom: .25rem; }
.totals { font-size: 1.1rem; }
.error { color: var(--error); } .warning { color: var(--warning); } .info { color: var(--info); }
#filters { display: flex; gap: 1rem; flex-wrap: wrap; align-items: center; padding: .5rem .75rem; border: 1px solid #8884; border-radius: .5rem; }
.page { margin-top: 2rem; }
.page h2 { font-size: 1.15rem; border-bottom: 1px solid #8886; padding-bottom: .25rem; overflow-wrap: anywhere; }
.count { font-weight: normal; color: #888; }
.finding { margin: 1rem 0 1.5rem; padding-left: .75rem; border-left: 4px solid #8886; }
.finding[data-severity=error] { border-color: var(--error); }
.finding[data-severity=warning] { border-color: var(--warning); }
.finding[data-severity=info] { border-color: var(--info); }
.finding p { margin: .25rem 0; }
.sev { font-weight: 600; text-transform: uppercase; font-size: .8rem; }
.message { font-weight: 600; }
.help { color: #555; } @media (prefers-color-scheme: dark) { .help { color: #aaa; } }
pre { background: #8881; padding: .5rem .75rem; overflow-x: auto; border-radius: .25rem; font-size: .9rem; }
.ln { display: inline-block; min-width: 3.5em; color: #888; user-select: none; }
mark { background: var(--mark); color: #000; border-radius: .15rem; }
"#;

const SCRIPT: &str = r#"
(function () {
  var form = document.getElementById('filters');
  form.hidden = false;
  document.documentElement.setAttribute('data-filters', 'on');
  function apply() {
    var severities = {};
    form.querySelectorAll('input[name=severity]').forEach(function (box) { severities[box.value] = box.checked; });
    var rule = form.querySelector('select[name=rule]').value;
    var shown = 0;
    document.querySelectorAll('.page').forEach(function (page) {
      var any = false;
      page.querySelectorAll('.finding').forEach(function (finding) {
        var visible = severities[finding.dataset.severity] && (rule === '' || finding.dataset.rule === rule);
        finding.hidden = !visible;
        if (visible) { any = true; shown += 1; }
      });
      page.hidden = !any;
    });
    document.getElementById('shown').textContent = String(shown);
  }
  form.addEventListener('change', apply);
  apply();
})();
"#;

/// Lines of context around a finding in its snippet.
const CONTEXT_LINES: usize = 1;
/// A line longer than this is cut around the span.
const MAX_LINE_CHARS: usize = 240;

/// Renders the report page.
pub fn render_html(report: &Report<'_>, registry: &RuleRegistry, links: &SourceLinks) -> String {
    let script_hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(SCRIPT));
    let tally = &report.tally;
    let mut out = String::with_capacity(16 * 1024 + report.findings.len() * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; \
         script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'\">\n\
         <title>Galley report: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&tally_line(report))
    );
    let _ = write!(
        out,
        "<header>\n<h1>Galley report</h1>\n<p class=\"totals\"><span id=\"count-errors\" class=\"error\">{}</span> errors, \
         <span id=\"count-warnings\" class=\"warning\">{}</span> warnings, \
         <span id=\"count-infos\" class=\"info\">{}</span> infos in <span id=\"count-files\">{}</span> files \
         ({} site)</p>\n",
        tally.errors,
        tally.warnings,
        tally.infos,
        tally.files,
        report.site_kind.as_str()
    );
    write_filters(&mut out, report, registry);
    out.push_str("</header>\n<main>\n");
    if report.findings.is_empty() {
        out.push_str("<p id=\"clean\">No findings: nothing to fix.</p>\n");
    }
    for (path, findings) in pages_by_count(report.findings) {
        let _ = write!(
            out,
            "<section class=\"page\" data-path=\"{0}\">\n<h2>{0} <span class=\"count\">{1} {2}</span></h2>\n",
            escape(path),
            findings.len(),
            if findings.len() == 1 {
                "finding"
            } else {
                "findings"
            }
        );
        for finding in findings {
            write_finding(&mut out, report, finding, links);
        }
        out.push_str("</section>\n");
    }
    let _ = write!(
        out,
        "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    );
    out
}

fn write_filters(out: &mut String, report: &Report<'_>, registry: &RuleRegistry) {
    let mut rules: BTreeMap<&str, usize> = BTreeMap::new();
    for finding in report.findings {
        *rules.entry(finding.rule).or_default() += 1;
    }
    // Hidden until the script runs: without it, every finding is listed.
    out.push_str("<form id=\"filters\" hidden>\n<strong>Show</strong>\n");
    for (severity, count) in [
        ("error", report.tally.errors),
        ("warning", report.tally.warnings),
        ("info", report.tally.infos),
    ] {
        let _ = writeln!(
            out,
            "<label><input type=\"checkbox\" name=\"severity\" value=\"{severity}\" checked> {severity}s ({count})</label>"
        );
    }
    out.push_str("<label>rule <select name=\"rule\">\n<option value=\"\">all rules</option>\n");
    for (rule, count) in rules {
        let summary = registry.get(rule).map_or("", |meta| meta.summary);
        let _ = writeln!(
            out,
            "<option value=\"{0}\" title=\"{1}\">{0} ({count})</option>",
            escape(rule),
            escape(summary)
        );
    }
    out.push_str("</select></label>\n<span><span id=\"shown\"></span> shown</span>\n</form>\n");
}

/// Findings grouped by file, the files with the most findings first.
fn pages_by_count(findings: &[Finding]) -> Vec<(&str, Vec<&Finding>)> {
    let mut pages: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for finding in findings {
        pages.entry(&finding.path).or_default().push(finding);
    }
    let mut pages: Vec<_> = pages.into_iter().collect();
    pages.sort_by(|a, b| {
        b.1.len()
            .cmp(&a.1.len())
            .then_with(|| natord::compare(a.0, b.0))
    });
    pages
}

fn write_finding(out: &mut String, report: &Report<'_>, finding: &Finding, links: &SourceLinks) {
    let severity = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    let start = finding.span.start;
    let _ = write!(
        out,
        "<article class=\"finding\" data-rule=\"{rule}\" data-severity=\"{severity}\">\n\
         <p class=\"head\"><span class=\"sev {severity}\">{severity}</span> <code>{rule}</code> \
         <a class=\"source\" href=\"{href}\">{path}:{line}:{column}</a></p>\n\
         <p class=\"message\">{message}</p>\n",
        rule = escape(finding.rule),
        href = escape(&links.href(finding)),
        path = escape(&finding.path),
        line = start.line,
        column = start.column,
        message = escape(&single_line(&finding.message)),
    );
    if let Some(text) = report.sources.get(&finding.path) {
        write_snippet(out, text, finding);
    }
    let _ = write!(
        out,
        "<p class=\"help\">help: {}</p>\n</article>\n",
        escape(&single_line(&finding.help))
    );
}

/// The finding's lines and one line around them, the span marked.
fn write_snippet(out: &mut String, text: &str, finding: &Finding) {
    let start = finding.span.start.offset.min(text.len());
    let end = finding.span.end.offset.clamp(start, text.len());
    let first_line = finding.span.start.line.saturating_sub(CONTEXT_LINES).max(1);
    let mut first_line_start = line_start(text, start);
    for _ in first_line..finding.span.start.line {
        first_line_start = line_start(text, first_line_start.saturating_sub(1));
    }
    let last_line = finding.span.end.line + CONTEXT_LINES;
    out.push_str("<pre class=\"snippet\"><code>");
    let mut at = first_line_start;
    for number in first_line..=last_line {
        if at > text.len() || (at == text.len() && number > finding.span.end.line) {
            break;
        }
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[at..line_end].trim_end_matches('\r');
        let line_end_trimmed = at + line.len();
        // The part of the span on this line, as byte offsets into the line.
        let mark_from = start.clamp(at, line_end_trimmed) - at;
        let mark_to = end.clamp(at, line_end_trimmed) - at;
        let (from, to) = cut(line, mark_from, mark_to);
        let _ = write!(out, "<span class=\"ln\">{number}</span>");
        out.push_str(&escape(&visible_source(&line[from..mark_from])));
        if mark_to > mark_from || (start == end && number == finding.span.start.line) {
            let _ = write!(
                out,
                "<mark>{}</mark>",
                escape(&visible_source(&line[mark_from..mark_to]))
            );
        }
        out.push_str(&escape(&visible_source(&line[mark_to..to])));
        out.push('\n');
        at = line_end + 1;
    }
    out.push_str("</code></pre>\n");
}

/// The byte range of `line` to show: all of it, or for a very long line the
/// marked part and some characters around it.
fn cut(line: &str, mark_from: usize, mark_to: usize) -> (usize, usize) {
    if line.chars().count() <= MAX_LINE_CHARS {
        return (0, line.len());
    }
    let margin = MAX_LINE_CHARS / 2;
    (
        back_chars(line, mark_from, margin),
        forward_chars(line, mark_to, margin),
    )
}

/// Escapes text for HTML element content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x")</script>&'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_mark() {
        let line = format!("{}MARK{}", "a".repeat(1000), "b".repeat(1000));
        let (from, to) = cut(&line, 1000, 1004);
        assert_eq!(&line[from..1000], "a".repeat(120));
        assert_eq!(&line[1004..to], "b".repeat(120));
    }
}
