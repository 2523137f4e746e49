use galley_core::limits::MAX_ATTRIBUTE_BYTES;

use crate::FileContext;
use crate::rules::FileFindings;
use crate::scan::SyntaxProblem;

galley_core::declare_rule! {
    /// ## What it finds
    /// HTML that browsers read differently from what was written, so that
    /// content is lost: an attribute given twice in one tag (browsers keep the
    /// first and drop the second), a file that ends inside a tag (the tag is
    /// dropped), and a comment that is never closed (everything after `<!--` is
    /// hidden).
    ///
    /// ## Why it matters
    /// Nothing fails; a class, a link or half a page silently disappears. A
    /// second `class` attribute, for instance, is a common result of merging two
    /// edits.
    ///
    /// ## Example
    /// `<p class="lead" class="mb-2">` is reported at the second `class`: merge
    /// the two into `class="lead mb-2"`.
    pub static HTML_SYNTAX = {
        id: "html-syntax",
        severity: Warning,
        summary: "HTML that browsers drop: a repeated attribute, a tag or comment cut off by the end of the file",
        title: "Page markup that browsers drop",
        why: "Part of the page may not show, or may show differently in each browser.",
    };
}

pub(crate) fn check(cx: &FileContext<'_>, out: &mut FileFindings) {
    for problem in &cx.scan.syntax {
        let (range, message, help) = match problem {
            // `{% if %} class="a" {% else %} class="b" {% endif %}`: one of
            // the two is written, never both.
            SyntaxProblem::DuplicateAttribute { first, range, .. }
                if cx
                    .branch_points
                    .iter()
                    .any(|&at| *first < at && at < range.start) =>
            {
                continue;
            }
            SyntaxProblem::DuplicateAttribute { name, range, .. } => (
                range.clone(),
                format!(
                    "attribute `{name}` is given twice in this tag; browsers ignore the second"
                ),
                format!("merge the two `{name}` attributes into one"),
            ),
            SyntaxProblem::EofInTag { at } => (
                *at..*at,
                "the file ends inside a tag; browsers drop the unfinished tag".to_owned(),
                "close the tag (and any quoted value in it)".to_owned(),
            ),
            SyntaxProblem::LongAttribute { name, range, bytes } => (
                range.clone(),
                format!(
                    "the `{name}` value is {} KiB long; Galley does not check values over {} KiB",
                    bytes.div_ceil(1024),
                    MAX_ATTRIBUTE_BYTES / 1024
                ),
                "shorten it, or move what it holds into a file of its own".to_owned(),
            ),
            SyntaxProblem::EofInComment { at } => (
                *at..*at,
                "this comment is never closed; everything after it is hidden".to_owned(),
                "close the comment with `-->`".to_owned(),
            ),
        };
        out.push(cx.source.report(&HTML_SYNTAX, range, message, help));
    }
}
