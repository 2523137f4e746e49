use galley_core::{Finding, SourceFile};
use galley_yaml::YamlDocument;

galley_core::declare_rule! {
    /// ## What it finds
    /// Two data files bound to the same schema (by one `[schemas]` glob) that give
    /// the same `title`.
    ///
    /// ## Why it matters
    /// The page shows two cards with one name, usually because a file was copied to
    /// start a new recommendation and its title was never changed; the reader
    /// cannot tell them apart and anchors built from the title collide.
    ///
    /// ## Example
    /// `_data/software/messengers/5_simplex.yml` starting with `title: Signal`
    /// (copied from `1_signal.yml`) is reported at its title, naming the file that
    /// has it first. Give each record its own title.
    pub static TITLE_DUPLICATE = {
        id: "title-duplicate",
        severity: Error,
        summary: "a `title` used by two data files bound to the same schema",
        title: "Two entries with the same title",
        why: "Readers cannot tell the two entries apart.",
    };
}

/// `records` are the parsed files of one binding, in path order; the first file
/// with a title keeps it, every later one is reported.
pub fn check(records: &[(&SourceFile, &YamlDocument)]) -> Vec<Finding> {
    let mut first_seen: std::collections::HashMap<&str, (&SourceFile, usize)> =
        std::collections::HashMap::new();
    let mut findings = Vec::new();
    for &(file, document) in records {
        let Some(title) = document.value.get("title").and_then(|t| t.as_str()) else {
            continue;
        };
        let span = document.spans("/title").value;
        match first_seen.get(title) {
            Some(&(first, line)) => findings.push(Finding::new(
                &TITLE_DUPLICATE,
                file,
                span,
                format!("title `{title}` is also used by {}:{line}", first.path()),
                "give this record its own title, or delete the file if it is a leftover copy",
            )),
            None => {
                first_seen.insert(title, (file, span.start.line));
            }
        }
    }
    findings
}
