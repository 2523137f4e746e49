//! `file-outside-site`: a symlink in the site that leads out of it (reported
//! by `read`, which then neither reads nor lets `--fix` write the file).

galley_core::declare_rule! {
    /// ## What it finds
    /// A file of the site that is a symlink (or lies under a symlinked
    /// folder) whose target is outside the site's folder. Galley does not
    /// read it, so its text never appears in a finding or the report, and
    /// `--fix` never writes it. Symlinks that stay inside the site are read
    /// as usual.
    ///
    /// ## Why it matters
    /// A pull request can add `page.html -> ../../secrets.env`: whatever
    /// reads the site then shows or rewrites a file that is not the site's.
    /// Generators copy the target's text into the published site, too.
    ///
    /// ## Example
    /// `notes.html -> /etc/hostname` is reported at `notes.html` with the
    /// folder it leads to; replace the link with the file itself, or remove it.
    pub static FILE_OUTSIDE_SITE = {
        id: "file-outside-site",
        severity: Warning,
        summary: "a symlink whose target is outside the site's folder: not read, never written",
        title: "A file that leads outside the site",
        why: "It links to a file that is not part of the site, which could be published or changed by mistake.",
    };
}
