//! Baselines: the findings a site already had, so that a run reports only
//! what is new. Written by `galley check --write-baseline`, or made in memory
//! from the site as it was at a git commit (`--changed-since`).
//!
//! A finding is matched by its fingerprint (rule, file, message, the text of
//! its line; see `keys`), never by its line number, and by count: a baseline
//! with two `the the` on identical lines hides two, and a third is new.

use std::collections::{HashMap, HashSet};

use galley_core::finding::{BaselineOutcome, key_hex, stable_key};
use galley_core::{Finding, SourceFile};
use galley_report::FixedEntry;
use serde::{Deserialize, Serialize};

use crate::Scope;

/// The version of the baseline file format.
const VERSION: u32 = 1;

/// What a run already knew of.
#[derive(Debug, Default)]
pub struct Baseline {
    /// Fingerprint → the findings that have it (as many as there were).
    entries: HashMap<u64, Vec<FixedEntry>>,
    /// For a baseline made from an earlier tree (`--changed-since`): the
    /// lines it had (file and text), so that findings of checks that were not
    /// run on it (external links) count as old when their line is old.
    lines: Option<HashSet<u64>>,
}

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    rule: String,
    path: String,
    /// Where it was when the baseline was written: for the reader, not matched.
    line: usize,
    message: String,
    fingerprint: String,
}

impl Baseline {
    /// The baseline of `findings` (their keys set by the pipeline).
    pub fn of(findings: &[Finding]) -> Baseline {
        let mut baseline = Baseline::default();
        for finding in findings {
            baseline.add(
                finding.fingerprint,
                FixedEntry {
                    rule: finding.rule.to_owned(),
                    path: finding.path.clone(),
                    line: finding.span.start.line,
                    message: finding.message.clone(),
                },
            );
        }
        baseline
    }

    /// The baseline of an earlier state of the site: its findings and its
    /// lines (see [`Baseline::lines`]).
    pub fn of_earlier<'a>(
        findings: &[Finding],
        files: impl Iterator<Item = &'a SourceFile>,
    ) -> Baseline {
        let mut baseline = Baseline::of(findings);
        let mut lines = HashSet::new();
        for file in files {
            for line in file.text().lines() {
                lines.insert(line_key(file.path(), line));
            }
        }
        baseline.lines = Some(lines);
        baseline
    }

    fn add(&mut self, fingerprint: u64, entry: FixedEntry) {
        self.entries.entry(fingerprint).or_default().push(entry);
    }

    /// Reads a baseline file.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let file: File = serde_json::from_str(text).map_err(|err| {
            format!("it is not a Galley baseline ({err}); write one with `galley check --write-baseline FILE`")
        })?;
        if file.version != VERSION {
            return Err(format!(
                "it is a baseline of format version {}, and this Galley reads version {VERSION}; write it again with `galley check --write-baseline FILE`",
                file.version
            ));
        }
        let mut baseline = Baseline::default();
        for entry in file.findings {
            let fingerprint = u64::from_str_radix(&entry.fingerprint, 16).map_err(|_| {
                format!(
                    "the fingerprint `{}` of a `{}` finding in {} is not 16 hex digits",
                    entry.fingerprint, entry.rule, entry.path
                )
            })?;
            baseline.add(
                fingerprint,
                FixedEntry {
                    rule: entry.rule,
                    path: entry.path,
                    line: entry.line,
                    message: entry.message,
                },
            );
        }
        Ok(baseline)
    }

    /// The baseline file of `findings`, as JSON.
    pub fn write(findings: &[Finding]) -> String {
        let file = File {
            version: VERSION,
            findings: findings
                .iter()
                .map(|f| Entry {
                    rule: f.rule.to_owned(),
                    path: f.path.clone(),
                    line: f.span.start.line,
                    message: f.message.clone(),
                    fingerprint: key_hex(f.fingerprint),
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&file).expect("a baseline always serialises");
        text.push('\n');
        text
    }

    /// Splits `findings` (in report order) into those the baseline does not
    /// know and those it does, and lists its entries (in the files of
    /// `scope`) that no finding matches any more. `checked_then` says whether
    /// a rule ran when the baseline was made; a finding of one that did not is
    /// known when its line was there (see [`Baseline::lines`]).
    pub(crate) fn split(
        &self,
        findings: Vec<Finding>,
        texts: &HashMap<&str, &str>,
        scope: Option<&Scope>,
        checked_then: impl Fn(&str) -> bool,
    ) -> Split {
        let mut left: HashMap<u64, usize> = self
            .entries
            .iter()
            .map(|(key, entries)| (*key, entries.len()))
            .collect();
        let mut new = Vec::new();
        let mut known = Vec::new();
        for finding in findings {
            let is_known = match (&self.lines, checked_then(finding.rule)) {
                (Some(lines), false) => {
                    let text = texts.get(finding.path.as_str()).copied().unwrap_or("");
                    let line = crate::keys::line_text(text, finding.span.start.offset);
                    lines.contains(&line_key(&finding.path, line))
                }
                _ => match left.get_mut(&finding.fingerprint) {
                    Some(count) if *count > 0 => {
                        *count -= 1;
                        true
                    }
                    _ => false,
                },
            };
            if is_known {
                known.push(finding);
            } else {
                new.push(finding);
            }
        }
        let mut fixed: Vec<FixedEntry> = left
            .iter()
            .flat_map(|(key, count)| {
                let entries = &self.entries[key];
                entries[entries.len() - count..].iter().cloned()
            })
            .filter(|entry| scope.is_none_or(|scope| scope.contains(&entry.path)))
            .collect();
        fixed.sort_by(|a, b| {
            natord::compare(&a.path, &b.path)
                .then(a.line.cmp(&b.line))
                .then_with(|| a.rule.cmp(&b.rule))
        });
        Split {
            outcome: BaselineOutcome {
                known: known.len(),
                fixed: fixed.len(),
            },
            new,
            known,
            fixed,
        }
    }
}

/// Findings split by a baseline.
pub(crate) struct Split {
    pub new: Vec<Finding>,
    pub known: Vec<Finding>,
    pub fixed: Vec<FixedEntry>,
    pub outcome: BaselineOutcome,
}

/// A line of a file, as `--changed-since` compares lines: without its
/// indentation and line break.
fn line_key(path: &str, line: &str) -> u64 {
    stable_key(&[path, line.trim()])
}
