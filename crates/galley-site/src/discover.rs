//! Walking the site folder.

use std::path::Path;
use std::sync::Mutex;

use galley_core::{Config, ConfigError, SiteKind};
use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::{WalkBuilder, WalkState};

/// What a file is to Galley, decided from its path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// YAML under `_data/`.
    Data,
    /// The Jekyll `_config.yml`.
    JekyllConfig,
    /// Anything Galley does not read as text (images, fonts, styles, ...).
    Other,
}

impl FileKind {
    pub fn of(path: &str) -> FileKind {
        let is_yaml = path.ends_with(".yml") || path.ends_with(".yaml");
        if is_yaml && path.starts_with("_data/") {
            FileKind::Data
        } else if path == "_config.yml" || path == "_config.yaml" {
            FileKind::JekyllConfig
        } else {
            FileKind::Other
        }
    }

    /// Whether checkers need the file's text.
    pub fn is_text(self) -> bool {
        self != FileKind::Other
    }
}

pub(crate) struct Entry {
    /// Relative to the root, `/`-separated.
    pub path: String,
    pub kind: FileKind,
}

/// Directories that never hold site content, whatever `.gitignore` says.
const ALWAYS_SKIPPED: &[&str] = &[".git", "node_modules", ".galley"];

/// The Jekyll build output, skipped when checking sources.
const JEKYLL_OUTPUT: &str = "_site";

pub(crate) fn ignore_set(config: &Config) -> Result<GlobSet, ConfigError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in &config.site.ignore {
        let glob = Glob::new(pattern.get_ref()).map_err(|err| {
            config.error_at(
                pattern.span(),
                format!(
                    "invalid ignore glob `{}`: {}",
                    pattern.get_ref(),
                    err.kind()
                ),
                "globs use `*`, `**`, `?`, `[abc]` and `{a,b}`; see docs/configuration.md",
            )
        })?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|err| ConfigError::unlocated(err.to_string(), "check [site] ignore"))
}

/// Lists the site's files in parallel, in natural path order.
pub(crate) fn walk(root: &Path, kind: SiteKind, ignore: &GlobSet) -> Vec<Entry> {
    let entries = Mutex::new(Vec::new());
    let skip_output = kind == SiteKind::Jekyll;
    WalkBuilder::new(root)
        .hidden(true)
        .require_git(false)
        .git_global(false)
        .parents(false)
        .filter_entry(move |entry| {
            let name = entry.file_name().to_string_lossy();
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !(is_dir
                && (ALWAYS_SKIPPED.contains(&name.as_ref())
                    || (skip_output && entry.depth() == 1 && name == JEKYLL_OUTPUT)))
        })
        .build_parallel()
        .run(|| {
            let entries = &entries;
            Box::new(move |result| {
                // Unreadable directories are skipped by the walker; files are what matter.
                let Ok(entry) = result else {
                    return WalkState::Continue;
                };
                if entry.file_type().is_some_and(|t| t.is_dir()) {
                    return WalkState::Continue;
                }
                let Ok(relative) = entry.path().strip_prefix(root) else {
                    return WalkState::Continue;
                };
                let path = relative_path(relative);
                if path.is_empty() || ignore.is_match(&path) {
                    return WalkState::Continue;
                }
                let kind = FileKind::of(&path);
                entries
                    .lock()
                    .expect("walker thread panicked")
                    .push(Entry { path, kind });
                WalkState::Continue
            })
        });
    let mut entries = entries.into_inner().expect("walker thread panicked");
    // Natural order: `2_x.yml` before `10_x.yml`, as numeric prefixes order cards.
    entries.sort_unstable_by(|a, b| natord::compare(&a.path, &b.path));
    entries
}

/// `a/b/c` on every platform.
pub fn relative_path(path: &Path) -> String {
    let mut out = String::new();
    for component in path.components() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(&component.as_os_str().to_string_lossy());
    }
    out
}
