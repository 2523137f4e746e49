use galley_core::{Finding, SourceFile};
galley_core::declare_rule! {
    /// ## What it finds
    /// An external link whose server turned Galley away rather than saying the
    /// page is gone: 401, 403 and 999 (bot protection), or 429 Too Many
    /// Requests still after the retries and any `Retry-After` wait.
    ///
    /// ## Why it matters
    /// The page may well be there for a reader with a browser; failing a pull
    /// request on it would be wrong, and so would saying nothing. This is a
    /// warning: check the link by hand.
    ///
    /// ## Example
    /// `https://www.linkedin.com/company/example` answering `999` is reported
    /// at the URL. Open it in a browser; if the site always does this, add the
    /// status to `[links] accept` or the URL to `[links] exclude`.
    pub static LINK_BLOCKED = {
        id: "link-blocked",
        severity: Warning,
        summary: "an external link whose server turns robots away (401, 403, 999, 429 after retries): check it by hand",
        title: "A link that could not be checked automatically",
        why: "The other site turns automated checks away; open it in a browser to be sure.",
        options: [
            ("[links] check", "check external links on every run, as `--external` does"),
            ("[links] exclude", "regular expressions of URLs that are not checked"),
            ("[links] accept", "status codes that count as fine besides 2xx"),
        ],
    };
}

/// `url` (as shown) answered `status`, a refusal of robots.
pub(crate) fn report(
    source: &SourceFile,
    at: std::ops::Range<usize>,
    url: &str,
    status: u16,
) -> Finding {
    source.report(
        &LINK_BLOCKED,
        at,
        format!(
            "`{url}` answered {}: the site turns robots away, so Galley cannot tell whether the page is there",
            crate::status_text_of(status)
        ),
        "open the link in a browser to check it by hand; if the site always answers so, add the status to `[links] accept` or the URL to `[links] exclude`",
    )
    .with_target(url)
}
