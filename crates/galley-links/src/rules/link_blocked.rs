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
    };
}
