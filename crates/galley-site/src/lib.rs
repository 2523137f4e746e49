//! The site: which files it has, what kind each is, and their text, read once.
//!
//! Discovery walks the folder the way `git` sees it (`.gitignore` honoured, also
//! outside a git checkout), skips `.git`, `node_modules` and the build output, and
//! reads the text files that checkers need in parallel. A file that cannot be read
//! as UTF-8 text becomes a located `file-unreadable` finding; the rest of the site
//! is still checked.

mod discover;
pub mod frontmatter;
pub mod liquid;
mod read;
pub mod rules;
pub mod yaml;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use galley_core::{Config, ConfigError, Finding, SiteKind, SourceFile};

pub use discover::{FileKind, relative_path};

/// A file of the site that Galley reads as text.
pub struct SiteFile {
    pub kind: FileKind,
    pub source: SourceFile,
}

/// Everything Galley knows about the site's files.
pub struct Site {
    pub root: PathBuf,
    pub kind: SiteKind,
    /// The text files checkers read, sorted by path.
    pub files: Vec<SiteFile>,
    /// Findings about files that could not be read as text.
    pub findings: Vec<Finding>,
    /// Every file's path relative to the root, read or not, for existence checks.
    paths: Arc<HashSet<String>>,
}

impl Site {
    /// Discovers and reads the site at `root`.
    pub fn load(root: &Path, config: &Config) -> Result<Site, ConfigError> {
        let ignore = discover::ignore_set(config)?;
        let kind = config.site.kind.unwrap_or_else(|| detect_kind(root));
        let entries = discover::walk(root, kind, &ignore);
        let paths = Arc::new(entries.iter().map(|entry| entry.path.clone()).collect());
        let (files, findings) = read::read_all(root, entries);
        Ok(Site {
            root: root.to_owned(),
            kind,
            files,
            findings,
            paths,
        })
    }

    /// The set of every file's path, shared with code that outlives a borrow of the
    /// site (such as a JSON Schema format check).
    pub fn path_set(&self) -> Arc<HashSet<String>> {
        Arc::clone(&self.paths)
    }
}

/// A folder with a Jekyll `_config.yml` is a Jekyll source tree; anything else is
/// treated as built HTML.
pub fn detect_kind(root: &Path) -> SiteKind {
    if root.join("_config.yml").is_file() || root.join("_config.yaml").is_file() {
        SiteKind::Jekyll
    } else {
        SiteKind::Html
    }
}

/// Whether `url_path`, a path as written in a link or data field, names a file in
/// `paths`: the query and fragment are dropped, percent-escapes decoded, and a path
/// ending in `/` means its `index.html`.
pub fn site_path_exists(paths: &HashSet<String>, url_path: &str) -> bool {
    let path = url_path.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let relative = decoded.trim_start_matches('/');
    if relative.is_empty() || relative.ends_with('/') {
        return paths.contains(&format!("{relative}index.html"));
    }
    paths.contains(relative)
}
