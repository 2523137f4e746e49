//! The contract rules, one module each.

pub mod data_field_unused;
pub mod template_field_optional;
pub mod template_field_unknown;

use crate::{Contract, FieldRead};
use galley_core::RuleMeta;
use galley_site::Site;

pub static RULES: &[&RuleMeta] = &[
    &template_field_unknown::TEMPLATE_FIELD_UNKNOWN,
    &template_field_optional::TEMPLATE_FIELD_OPTIONAL,
    &data_field_unused::DATA_FIELD_UNUSED,
];

/// `a`, `a` and `b`, `a`, `b` and 3 more (each in backticks).
pub(crate) fn listed(items: &[String], shown: usize, noun: &str) -> String {
    let quoted: Vec<String> = items.iter().take(shown).map(|i| format!("`{i}`")).collect();
    let rest = items.len().saturating_sub(shown);
    match (quoted.as_slice(), rest) {
        ([], _) => String::new(),
        ([one], 0) => one.clone(),
        ([init @ .., last], 0) => format!("{} and {last}", init.join(", ")),
        (shown, rest) => format!(
            "{} and {rest} more {noun}{}",
            shown.join(", "),
            if rest == 1 { "" } else { "s" }
        ),
    }
}

/// The reads `keep` selects, one per path and file (the first), with the
/// lines the path is read on again in that file: one finding per path and file.
/// A path as written, without the spaces Liquid allows inside it: the same
/// read wherever it is written.
pub(crate) fn squeezed(written: &str) -> String {
    written.split_whitespace().collect()
}

pub(crate) fn first_of_each<'r>(
    site: &Site,
    contract: &'r Contract,
    keep: impl Fn(&FieldRead) -> bool,
) -> Vec<(&'r FieldRead, Vec<usize>)> {
    let line_of = |read: &FieldRead| {
        site.files[read.file]
            .source
            .span(read.range.clone())
            .start
            .line
    };
    let mut firsts: Vec<(&'r FieldRead, Vec<usize>)> = Vec::new();
    let mut seen: std::collections::HashMap<(usize, String), usize> = Default::default();
    for read in contract.reads.iter().filter(|read| keep(read)) {
        let key = (read.file, squeezed(&read.written));
        match seen.get(&key) {
            Some(&at) => {
                let line = line_of(read);
                let first_line = line_of(firsts[at].0);
                let lines = &mut firsts[at].1;
                if line != first_line && !lines.contains(&line) {
                    lines.push(line);
                }
            }
            None => {
                seen.insert(key, firsts.len());
                firsts.push((read, Vec::new()));
            }
        }
    }
    firsts
}

/// "; also read on line 7" / "lines 7 and 9".
pub(crate) fn also_on(lines: &[usize]) -> String {
    match lines {
        [] => String::new(),
        [one] => format!("; also read on line {one}"),
        [init @ .., last] => format!(
            "; also read on lines {} and {last}",
            init.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::listed;

    #[test]
    fn lists_read_as_prose() {
        let items: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
        assert_eq!(listed(&items[..1], 3, "file"), "`a`");
        assert_eq!(listed(&items[..2], 3, "file"), "`a` and `b`");
        assert_eq!(listed(&items[..3], 3, "file"), "`a`, `b` and `c`");
        assert_eq!(listed(&items, 2, "file"), "`a`, `b` and 2 more files");
        assert_eq!(listed(&items[..3], 2, "file"), "`a`, `b` and 1 more file");
    }
}
