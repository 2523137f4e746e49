//! `asset-missing`: a local file a page loads, or a data record points at,
//! that is not in the site. Two checkers find such paths (the page checker in
//! `src`/`href`, the data checker in `site-path` fields); the rule and its
//! messages are here, once.

use galley_core::{Finding, SourceFile, Span};

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
        title: "An image or file the page loads is missing",
        why: "Readers see a broken image, or the page loses its styling or scripts.",
        options: [("[site] generated", "globs of files the build creates that are not in the folder: not reported as missing")],
    };
}

/// A page's `element attribute` loads `url` (as written, shortened), which is
/// not in the site; `no_folder` when the site has nothing in its folder (a
/// build step may make it: a search index, compiled CSS).
pub fn in_page(
    source: &SourceFile,
    range: std::ops::Range<usize>,
    url: &str,
    element: &str,
    attribute: &str,
    no_folder: bool,
) -> Finding {
    let help = if no_folder {
        "fix the path (the server's paths are case-sensitive) or add the file; if a build step makes it (a search index, compiled CSS), list it under `[site] generated` in galley.toml"
    } else {
        "fix the path (the server's paths are case-sensitive) or add the file"
    };
    source.report(
        &ASSET_MISSING,
        range,
        format!("`{url}` ({element} {attribute}) is not in the site"),
        help,
    )
}

/// A data file's field `subject` points at `path`, which is not in the site.
pub fn in_data(file: &SourceFile, span: Span, subject: &str, path: &str) -> Finding {
    Finding::new(
        &ASSET_MISSING,
        file,
        span,
        format!("`{subject}` points at `{path}`, which is not in the site"),
        "fix the path (it is case-sensitive and relative to the site root) or add the file",
    )
    .with_target(path.trim_start_matches('/'))
}
