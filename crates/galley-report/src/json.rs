//! `--format json`: the stable machine format documented in `docs/json-output.md`.

use serde::Serialize;

use crate::Report;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    findings: Vec<FindingOut<'a>>,
    summary: Summary<'a>,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    rule: &'a str,
    severity: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    help: &'a str,
    /// `galley check --fix` can fix it.
    fixable: bool,
}

#[derive(Serialize)]
struct Summary<'a> {
    site_kind: &'static str,
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// Findings the per-file cap left out, by file.
    not_shown: Vec<NotShown<'a>>,
}

#[derive(Serialize)]
struct NotShown<'a> {
    path: &'a str,
    count: usize,
}

pub fn render_json(report: &Report<'_>) -> String {
    let output = Output {
        version: 1,
        findings: report
            .findings
            .iter()
            .map(|f| FindingOut {
                rule: f.rule,
                severity: f.severity.as_str(),
                path: &f.path,
                line: f.span.start.line,
                column: f.span.start.column,
                end_line: f.span.end.line,
                end_column: f.span.end.column,
                message: &f.message,
                help: &f.help,
                fixable: f.fix.is_some(),
            })
            .collect(),
        summary: Summary {
            site_kind: report.site_kind.as_str(),
            files: report.tally.files,
            errors: report.tally.errors,
            warnings: report.tally.warnings,
            infos: report.tally.infos,
            not_shown: report
                .not_shown
                .iter()
                .map(|(path, count)| NotShown {
                    path,
                    count: *count,
                })
                .collect(),
        },
    };
    let mut text = serde_json::to_string_pretty(&output).expect("findings always serialise");
    text.push('\n');
    text
}
