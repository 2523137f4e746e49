use galley_core::{Finding, SourceFile};
galley_core::declare_rule! {
    /// ## What it finds
    /// An external link whose server says the page is not there: 404 Not
    /// Found, 410 Gone, or another client error. Checked only with
    /// `galley check --external` (or `[links] check = true`). HEAD is asked
    /// first; a server that refuses HEAD is asked with GET.
    ///
    /// ## Why it matters
    /// A reader who follows the link lands on an error page, and a guide that
    /// cites a dead source loses their trust.
    ///
    /// ## Example
    /// `[audited](https://example.org/audit-2016.pdf)` answering `404 Not
    /// Found` is reported at the URL. Link to where the document moved, to an
    /// archived copy (web.archive.org), or remove the link.
    pub static LINK_DEAD = {
        id: "link-dead",
        severity: Error,
        summary: "an external link whose page is gone (404, 410, another client error)",
        title: "A link to another site's page that is gone",
        why: "Readers get an error page on the other site.",
        options: [
            ("[links] check", "check external links on every run, as `--external` does"),
            ("[links] exclude", "regular expressions of URLs that are not checked"),
        ],
    };
}

/// `url` (as shown) answered a client error `status`.
pub(crate) fn report(
    source: &SourceFile,
    at: std::ops::Range<usize>,
    url: &str,
    status: u16,
) -> Finding {
    source.report(
        &LINK_DEAD,
        at,
        format!("`{url}` is gone: the server answered {}", crate::status_text_of(status)),
        "link to where the page moved, or to an archived copy (web.archive.org), or remove the link",
    )
    .with_target(url)
}
