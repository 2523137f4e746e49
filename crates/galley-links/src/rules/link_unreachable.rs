use galley_core::{Finding, SourceFile};
galley_core::declare_rule! {
    /// ## What it finds
    /// An external link that gave no answer Galley could use, after its
    /// retries: a name that does not resolve, no connection, no answer in
    /// time, a connection reset, a server error every time, redirects in a
    /// loop or too many of them. A link whose name resolves to a private,
    /// loopback or link-local address is not fetched at all (unless
    /// `[links] allow_private = true`) and is reported here too.
    ///
    /// ## Why it matters
    /// Readers meet the same wall. A site that is down for good (its domain
    /// lapsed) is the commonest cause; a link to an internal address is one
    /// that only works inside the editor's network.
    ///
    /// ## Example
    /// `https://tools.example.org/` whose name no longer resolves is reported
    /// at the URL. Check the address; if the site moved, link to its new one.
    pub static LINK_UNREACHABLE = {
        id: "link-unreachable",
        severity: Warning,
        summary: "an external link with no usable answer: no such name, no connection, timeouts, server errors, redirect loops",
        title: "A link to another site that did not answer",
        why: "Readers may get an error; open the link in a browser to check.",
        options: [
            ("[links] check", "check external links on every run, as `--external` does"),
            ("[links] exclude", "regular expressions of URLs that are not checked"),
            ("[links] allow_private", "reach private, loopback and link-local addresses (refused by default)"),
            ("[links] timeout_secs", "time for a whole request; `connect_timeout_secs`, `retries` and `budget_secs` bound the rest"),
        ],
    };
}

/// `url` (as shown) could not be fetched, for `reason`.
pub(crate) fn unreachable(
    source: &SourceFile,
    at: std::ops::Range<usize>,
    url: &str,
    reason: &str,
) -> Finding {
    source
        .report(
            &LINK_UNREACHABLE,
            at,
            format!("`{url}` could not be reached: {reason}"),
            "check the address in a browser; if the site moved, link to its new address",
        )
        .with_target(url)
}

/// `url` (as shown) was not fetched: it leads to a private address.
pub(crate) fn refused(
    source: &SourceFile,
    at: std::ops::Range<usize>,
    url: &str,
    reason: &str,
) -> Finding {
    source.report(
        &LINK_UNREACHABLE,
        at,
        format!("`{url}` was not fetched: {reason}"),
        "Galley does not reach private addresses: readers outside your network cannot either. Exclude the URL under `[links] exclude`, or set `allow_private = true` under `[links]` to check it",
    )
    .with_target(url)
}
