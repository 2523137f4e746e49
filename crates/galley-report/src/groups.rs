//! Findings by cause: a group is every finding with one `group` key (the
//! same missing page, the same template defect on every built page), and
//! the statistics table counts findings, groups and files per rule.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use galley_core::{Finding, Severity};

/// The findings of one cause, in report order.
pub struct Group<'a> {
    pub findings: Vec<&'a Finding>,
}

impl<'a> Group<'a> {
    /// The finding shown for the group: the first in report order.
    pub fn first(&self) -> &'a Finding {
        self.findings[0]
    }

    /// How many files the group's findings are in.
    pub fn files(&self) -> usize {
        files_of(self.findings.iter().copied()).len()
    }
}

/// The groups of `findings` (in report order), ordered by their first finding.
pub fn groups(findings: &[Finding]) -> Vec<Group<'_>> {
    by_cause(findings.iter(), |finding| finding)
        .into_iter()
        .map(|findings| Group { findings })
        .collect()
}

/// `items` (in report order) gathered by the cause of their finding (rule and
/// group key), in the order of each cause's first item: what every renderer
/// that shows a cause once groups by.
pub fn by_cause<T>(
    items: impl IntoIterator<Item = T>,
    finding: impl Fn(&T) -> &Finding,
) -> Vec<Vec<T>> {
    let mut index: HashMap<(&'static str, u64), usize> = HashMap::new();
    let mut causes: Vec<Vec<T>> = Vec::new();
    for item in items {
        let f = finding(&item);
        let key = (f.rule, f.group);
        match index.get(&key) {
            Some(&at) => causes[at].push(item),
            None => {
                index.insert(key, causes.len());
                causes.push(vec![item]);
            }
        }
    }
    causes
}

/// The files of `findings`, each once, in the order they first come.
pub fn files_of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    findings
        .into_iter()
        .map(|f| f.path.as_str())
        .filter(|path| seen.insert(*path))
        .collect()
}

/// One row of the statistics table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleStatistics {
    pub rule: &'static str,
    /// The most severe level the rule's findings have (levels can differ
    /// under `[[overrides]]`).
    pub severity: Severity,
    pub findings: usize,
    pub groups: usize,
    pub files: usize,
}

/// What is counted of one rule while the findings are read.
struct Tallies<'a> {
    severity: Severity,
    findings: usize,
    groups: HashSet<u64>,
    files: HashSet<&'a str>,
}

/// Per rule: findings, groups and files; errors first, then by findings.
pub fn statistics(findings: &[Finding]) -> Vec<RuleStatistics> {
    let mut by_rule: HashMap<&'static str, Tallies<'_>> = HashMap::new();
    for finding in findings {
        let tallies = by_rule.entry(finding.rule).or_insert_with(|| Tallies {
            severity: finding.severity,
            findings: 0,
            groups: HashSet::new(),
            files: HashSet::new(),
        });
        tallies.severity = tallies.severity.min(finding.severity);
        tallies.findings += 1;
        tallies.groups.insert(finding.group);
        tallies.files.insert(finding.path.as_str());
    }
    let mut rows: Vec<RuleStatistics> = by_rule
        .into_iter()
        .map(|(rule, tallies)| RuleStatistics {
            rule,
            severity: tallies.severity,
            findings: tallies.findings,
            groups: tallies.groups.len(),
            files: tallies.files.len(),
        })
        .collect();
    rows.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then(b.findings.cmp(&a.findings))
            .then(a.rule.cmp(b.rule))
    });
    rows
}

/// The statistics as a plain-text table, as `ruff --statistics` prints it.
pub fn render_statistics(findings: &[Finding]) -> String {
    let rows = statistics(findings);
    let width = rows
        .iter()
        .map(|row| row.rule.len())
        .chain(["rule".len()])
        .max()
        .unwrap_or(4);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<width$}  {:<8}  {:>8}  {:>6}  {:>6}",
        "rule", "severity", "findings", "groups", "files"
    );
    for row in &rows {
        let _ = writeln!(
            out,
            "{:<width$}  {:<8}  {:>8}  {:>6}  {:>6}",
            row.rule,
            row.severity.as_str(),
            count(row.findings),
            count(row.groups),
            count(row.files)
        );
    }
    out
}

/// A count as people read it: `1,451`.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1451), "1,451");
        assert_eq!(count(1234567), "1,234,567");
    }
}
