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
    /// The cause it shares with other findings (16 hex digits).
    group: String,
    /// Its identity in a baseline: rule, file, message and line text.
    fingerprint: String,
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
    /// Per rule: findings, groups, files.
    rules: Vec<RuleOut>,
    /// What `--baseline` or `--changed-since` left out, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineOut>,
}

#[derive(Serialize)]
struct RuleOut {
    rule: &'static str,
    severity: &'static str,
    findings: usize,
    groups: usize,
    files: usize,
}

#[derive(Serialize)]
struct BaselineOut {
    known: usize,
    fixed: usize,
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
                group: galley_core::finding::key_hex(f.group),
                fingerprint: galley_core::finding::key_hex(f.fingerprint),
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
            rules: crate::groups::statistics(report.findings)
                .into_iter()
                .map(|row| RuleOut {
                    rule: row.rule,
                    severity: row.severity.as_str(),
                    findings: row.findings,
                    groups: row.groups,
                    files: row.files,
                })
                .collect(),
            baseline: report.baseline.map(|b| BaselineOut {
                known: b.known,
                fixed: b.fixed,
            }),
        },
    };
    let mut text = serde_json::to_string_pretty(&output).expect("findings always serialise");
    text.push('\n');
    text
}
