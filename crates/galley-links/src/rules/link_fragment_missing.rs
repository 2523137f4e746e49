use galley_core::{Finding, SourceFile};
galley_core::declare_rule! {
    /// ## What it finds
    /// An external link with a `#fragment` whose page answers but has no
    /// element with that id (or `<a name>`). The page is read up to a limit
    /// (4 MiB); a fragment not found in a longer page is not reported.
    ///
    /// ## Why it matters
    /// The reader lands at the top of a long page instead of the section the
    /// link promised, usually because the section was renamed.
    ///
    /// ## Example
    /// `https://signal.org/android/apk/#apk-danger` where the page has no
    /// `id="apk-danger"` is reported at the URL. Find the section's new id in
    /// the page, or link to the page without the fragment.
    pub static LINK_FRAGMENT_MISSING = {
        id: "link-fragment-missing",
        severity: Warning,
        summary: "an external link to a #fragment the page does not have",
        title: "A link to a section another site's page does not have",
        why: "Readers land on the page, but not at the section the link promises.",
        options: [
            ("[links] check", "check external links on every run, as `--external` does"),
            ("[links] exclude", "regular expressions of URLs that are not checked"),
        ],
    };
}

/// The page of `url` (as shown) has no element with id `fragment`.
pub(crate) fn report(
    source: &SourceFile,
    at: std::ops::Range<usize>,
    url: &str,
    fragment: &str,
) -> Finding {
    source.report(
        &LINK_FRAGMENT_MISSING,
        at,
        format!("`{url}`: the page is there, but has no element with id=\"{fragment}\""),
        "find the section's id in the page and fix the fragment, or link to the page without it",
    )
    .with_target(format!("{url}#{fragment}"))
}
