use galley_core::{Finding, SourceFile};
galley_core::declare_rule! {
    /// ## What it finds
    /// An external link that works only through a permanent redirect (301 or
    /// 308): the page has moved, and the help gives its new address.
    /// Temporary redirects (302, 303, 307) are not reported.
    ///
    /// ## Why it matters
    /// Old addresses stop redirecting when sites are rebuilt; linking to the
    /// new one keeps the link working and saves the reader a hop.
    ///
    /// ## Example
    /// `http://signal.org/docs` answering `301` to `https://signal.org/docs/`
    /// is reported at the URL, with `https://signal.org/docs/` in the help.
    pub static LINK_REDIRECTED = {
        id: "link-redirected",
        severity: Warning,
        summary: "an external link that has moved permanently (301, 308); the help gives the new address",
        title: "A link to another site's page that has moved",
        why: "It still works through a detour; the new address is faster and safer.",
        options: [
            ("[links] check", "check external links on every run, as `--external` does"),
            ("[links] exclude", "regular expressions of URLs that are not checked"),
            ("[links] max_redirects", "redirects followed from one URL"),
        ],
    };
}

/// `url` (as shown) redirects permanently to `to`.
pub(crate) fn report(
    source: &SourceFile,
    at: std::ops::Range<usize>,
    url: &str,
    to: &str,
) -> Finding {
    source
        .report(
            &LINK_REDIRECTED,
            at,
            format!(
                "`{url}` has moved permanently to `{}`",
                crate::rules::shown(to)
            ),
            format!("link to `{to}` directly"),
        )
        .with_target(url)
}
