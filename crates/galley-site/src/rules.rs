//! Rules about the files themselves, before any checker reads them.

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
    };
}

galley_core::declare_rule! {
    /// ## What it finds
    /// A local file that a page loads, or a data record points at, and that is
    /// not in the site: `img` `src` and every `srcset` candidate, `source`,
    /// `script`, `link href` (stylesheets, icons, manifests), `video` (and its
    /// `poster`), `audio`, `track`, `embed`, `object data`, `input type=image`;
    /// and a data file's `logo` or `logo_dark` path (any schema field with
    /// `"format": "site-path"`). URLs resolve as links do (see `link-missing`);
    /// a dangling symlink counts as missing, and files the build creates can be
    /// declared in `[site] generated`. URLs built from Liquid are not checked.
    ///
    /// ## Why it matters
    /// The reader sees a broken image or an unstyled page; nothing in the build
    /// fails, so it ships.
    ///
    /// ## Example
    /// ```html
    /// <img src="/assets/img/messengers/signal.svg" alt="Signal">
    /// ```
    /// where `assets/img/messengers/` has `Signal.svg` (paths are case-sensitive on
    /// the server) is reported at the URL. Fix the path or add the file.
    pub static ASSET_MISSING = {
        id: "asset-missing",
        severity: Error,
        summary: "a local `src`/`href`/`srcset` (image, script, stylesheet, data `logo` path) that is not in the site",
    };
}
