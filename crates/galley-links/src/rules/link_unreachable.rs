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
    };
}
