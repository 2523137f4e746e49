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
    };
}
