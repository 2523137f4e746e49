//! `file-unreadable`: a text file Galley cannot read (reported by `read`).

galley_core::declare_rule! {
    /// ## What it finds
    /// A file Galley needs to read as text (YAML data, the Jekyll config, a page,
    /// layout or include) that cannot be read: it is not valid UTF-8, it holds
    /// NUL bytes (a binary file with a text file's name), it is larger than
    /// Galley's limit (32 MiB), or reading it failed (a dangling symlink,
    /// missing permissions).
    ///
    /// ## Why it matters
    /// The site generator will fail on the file or render garbage, and none of
    /// Galley's other checks can look inside it. The finding points at the first
    /// byte that is not UTF-8, so the bad character can be found in an editor.
    ///
    /// ## Example
    /// A data file saved as Latin-1: `title: Caf\xe9` is reported at line 1,
    /// column 11 with "invalid UTF-8 (byte 0xE9)". Save the file as UTF-8.
    pub static FILE_UNREADABLE = {
        id: "file-unreadable",
        severity: Error,
        summary: "a text file that is not UTF-8, is binary, too large, or cannot be read",
        title: "A file that cannot be read as text",
        why: "Nothing in it is checked, and the site builder may not read it either.",
    };
}
