//! The rules every YAML reader reports, whichever file the YAML is in.

use galley_core::{Finding, SourceFile};

use super::YamlProblem;

galley_core::declare_rule! {
    /// ## What it finds
    /// YAML that does not parse: a data file under `_data/`, `_config.yml`, or
    /// the front matter of a page, layout or include.
    /// Also YAML that Galley refuses to expand because it is hostile: an
    /// alias "bomb" whose aliases expand to more than 100,000 nodes, or nesting
    /// deeper than 256 levels. YAML is read as Jekyll reads it (libyaml): a
    /// quoted value whose next line starts further left than YAML 1.2
    /// allows is one value, not an error.
    ///
    /// ## Why it matters
    /// Jekyll stops the build on a YAML error in a data file or its config, and
    /// renders a page whose front matter does not parse without its layout or
    /// permalink. Nothing else in the YAML can be checked until it parses.
    ///
    /// ## Example
    /// ```yaml
    /// title: Signal
    /// description: "unterminated
    /// ```
    /// is reported where the parser gave up, with its explanation. Close the
    /// quote, or use a block scalar (`description: |`) for long text.
    pub static YAML_SYNTAX = {
        id: "yaml-syntax",
        severity: Error,
        summary: "YAML (a data file, the Jekyll config, front matter) that does not parse",
        title: "A data or settings file with broken formatting",
        why: "The site build stops, or the page shows old or missing information.",
    };
}

galley_core::declare_rule! {
    /// ## What it finds
    /// A key given twice in one YAML mapping.
    ///
    /// ## Why it matters
    /// YAML forbids it, but Jekyll's parser keeps the last value without a word:
    /// an editor who adds a second `website:` further down a file silently replaces
    /// the first, and the one they were looking at is not the one published.
    ///
    /// ## Example
    /// ```yaml
    /// website: 'https://signal.org'
    /// privacy_policy: 'https://signal.org/legal'
    /// website: 'https://signal.org/download'
    /// ```
    /// is reported at the second `website`, naming the line of the first. Delete
    /// one of them.
    pub static YAML_DUPLICATE_KEY = {
        id: "yaml-duplicate-key",
        severity: Error,
        summary: "a key given twice in one YAML mapping",
        title: "A field given twice",
        why: "Only the last value is used: the other one silently disappears from the page.",
    };
}

pub(super) fn finding(file: &SourceFile, problem: &YamlProblem) -> Finding {
    match problem {
        YamlProblem::Syntax { span, message }
            if message.ends_with("found unexpected end of stream")
                && message.contains("quoted scalar") =>
        {
            Finding::new(
                &YAML_SYNTAX,
                file,
                *span,
                "invalid YAML: the quoted value that starts here is never closed".to_owned(),
                "end the value with the same quote it starts with (a quote inside it is written `\\\"` in double quotes, `''` in single quotes)",
            )
        }
        YamlProblem::Syntax { span, message } => Finding::new(
            &YAML_SYNTAX,
            file,
            *span,
            format!("invalid YAML: {message}"),
            "fix the YAML at this point; quote values that contain `: `, `#` or start with a special character",
        ),
        YamlProblem::DuplicateKey { key, span, first } => Finding::new(
            &YAML_DUPLICATE_KEY,
            file,
            *span,
            format!(
                "duplicate key `{key}` (first given at line {})",
                first.start.line
            ),
            format!(
                "delete one of the two `{key}` keys; the site generator keeps only the last one"
            ),
        ),
    }
}
