//! `--format sarif`: SARIF 2.1.0, the format code-scanning tools read (GitHub
//! code scanning, IDE viewers). One run; the tool's rules with their
//! documentation; each finding as a result with its physical location.

use galley_core::{Finding, RuleRegistry, Severity};
use serde_json::{Value, json};

use crate::Report;

/// Characters a URI path segment may not hold as they are (RFC 3986), besides
/// controls; `/` separates segments and is kept.
pub(crate) const URI_PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Renders the report as a SARIF log. `path_prefix` is the site root's path
/// from the repository root (`docs/`), so that locations are repository paths.
pub fn render_sarif(report: &Report<'_>, registry: &RuleRegistry, path_prefix: &str) -> String {
    let rules: Vec<_> = registry.iter().collect();
    let rule_index = |id: &str| rules.iter().position(|rule| rule.id == id);
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|rule| {
            let docs = rule.documentation();
            json!({
                "id": rule.id,
                "shortDescription": { "text": rule.summary },
                "fullDescription": { "text": docs },
                "help": { "text": docs, "markdown": docs },
                "defaultConfiguration": { "level": level(rule.default_severity) },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|finding| result(finding, rule_index(finding.rule), path_prefix))
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "galley",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": descriptors,
                }
            },
            // Galley counts columns in Unicode characters, not UTF-16 units.
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {
                "SRCROOT": { "description": { "text": "The repository root." } }
            },
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).expect("a SARIF log always serialises");
    text.push('\n');
    text
}

fn result(finding: &Finding, rule_index: Option<usize>, path_prefix: &str) -> Value {
    let uri =
        percent_encoding::utf8_percent_encode(&format!("{path_prefix}{}", finding.path), URI_PATH)
            .to_string();
    let span = &finding.span;
    let mut result = json!({
        "ruleId": finding.rule,
        "level": level(finding.severity),
        "message": { "text": format!("{}\nhelp: {}", finding.message, finding.help) },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri, "uriBaseId": "SRCROOT" },
                "region": {
                    "startLine": span.start.line,
                    "startColumn": span.start.column,
                    "endLine": span.end.line,
                    // Exclusive, as Galley's own end; equal to the start for a point.
                    "endColumn": span.end.column,
                }
            }
        }],
    });
    // GitHub code scanning tracks an alert across commits by these: the
    // finding's own (line text, not number) and its cause's.
    result["partialFingerprints"] = json!({
        "galleyFinding/v1": galley_core::finding::key_hex(finding.fingerprint),
        "galleyGroup/v1": galley_core::finding::key_hex(finding.group),
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    result
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}
