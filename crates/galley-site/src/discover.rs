//! Walking the site folder.

use std::path::Path;
use std::sync::Mutex;

use galley_core::{Config, ConfigError, SiteKind};

use crate::jekyll::JekyllSettings;
use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::{WalkBuilder, WalkState};

/// What a file is to Galley, decided from its path (and, for Jekyll sources,
/// from `_config.yml`'s collections and exclusions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// YAML under `_data/`.
    Data,
    /// The Jekyll `_config.yml`.
    JekyllConfig,
    /// A page the site serves: built `.html`, or a Jekyll source `.html`/`.md`
    /// outside the `_` folders (or in a collection that is output).
    Page,
    /// A Jekyll layout (`_layouts/**.html`): checked as a file, not served.
    Layout,
    /// A Jekyll include (`_includes/**.html`): checked as a file, not served.
    Include,
    /// Anything Galley does not read as text (images, fonts, styles, ...).
    Other,
}

impl FileKind {
    /// Classifies a path of a site of `kind`; `jekyll` holds the settings of a
    /// Jekyll source tree.
    pub fn of(path: &str, kind: SiteKind, jekyll: Option<&JekyllSettings>) -> FileKind {
        let is_yaml = path.ends_with(".yml") || path.ends_with(".yaml");
        let extension = path.rsplit_once('.').map_or("", |(_, ext)| ext);
        let is_html = matches!(extension, "html" | "htm");
        if is_yaml && path.starts_with("_data/") {
            return FileKind::Data;
        }
        if path == "_config.yml" || path == "_config.yaml" {
            return FileKind::JekyllConfig;
        }
        let Some(jekyll) = jekyll.filter(|_| kind == SiteKind::Jekyll) else {
            // A build never has `_layouts/` or `_includes/`: in a folder read as
            // HTML they are another generator's templates (Eleventy's), checked
            // as files, not as pages.
            return match () {
                _ if is_html && path.starts_with("_layouts/") => FileKind::Layout,
                _ if is_html && path.starts_with("_includes/") => FileKind::Include,
                _ if is_html => FileKind::Page,
                _ => FileKind::Other,
            };
        };
        let is_page_source = is_html || matches!(extension, "md" | "markdown");
        if jekyll.is_excluded(path) {
            FileKind::Other
        } else if path.starts_with("_layouts/") && is_html {
            FileKind::Layout
        } else if path.starts_with("_includes/") && is_html {
            FileKind::Include
        } else if let Some((collection, _)) = jekyll.collection_of(path) {
            if collection.output && is_page_source {
                FileKind::Page
            } else {
                FileKind::Other
            }
        } else if is_page_source && !jekyll.is_hidden(path) {
            FileKind::Page
        } else {
            FileKind::Other
        }
    }

    /// Whether checkers need the file's text.
    pub fn is_text(self) -> bool {
        self != FileKind::Other
    }
}

/// Jekyll leaves out files and folders whose name starts with `_`, `.`, `#` or `~`.
pub fn is_hidden_from_build(path: &str) -> bool {
    path.split('/')
        .any(|part| part.starts_with(['_', '.', '#', '~']))
}

pub(crate) struct Entry {
    /// Relative to the root, `/`-separated.
    pub path: String,
    pub kind: FileKind,
    /// A symlink whose target is missing: the server answers 404 for it.
    pub dangling: bool,
}

/// Directories that never hold site content, whatever `.gitignore` says.
const ALWAYS_SKIPPED: &[&str] = &[".git", "node_modules", ".galley"];

/// The Jekyll build output, skipped when checking sources.
const JEKYLL_OUTPUT: &str = "_site";

pub(crate) fn ignore_set(config: &Config) -> Result<GlobSet, ConfigError> {
    glob_set(config, &config.site.ignore, "ignore")
}

pub(crate) fn generated_set(config: &Config) -> Result<GlobSet, ConfigError> {
    glob_set(config, &config.site.generated, "generated")
}

/// Compiles a `[site]` list of globs; a bad glob is reported at its place in
/// the config.
fn glob_set(
    config: &Config,
    patterns: &[galley_core::config::Spanned<String>],
    key: &str,
) -> Result<GlobSet, ConfigError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let text = pattern.get_ref().trim_start_matches('/');
        let glob = Glob::new(text).map_err(|err| {
            config.error_at(
                pattern.span(),
                format!("invalid {key} glob `{}`: {}", pattern.get_ref(), err.kind()),
                "globs use `*`, `**`, `?`, `[abc]` and `{a,b}`; see docs/configuration.md",
            )
        })?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|err| ConfigError::unlocated(err.to_string(), format!("check [site] {key}")))
}

/// Lists the site's files in parallel, in natural path order.
pub(crate) fn walk(root: &Path, kind: SiteKind, ignore: &GlobSet) -> Vec<Entry> {
    let entries = Mutex::new(Vec::new());
    let jekyll = kind == SiteKind::Jekyll;
    let root_owned = root.to_path_buf();
    WalkBuilder::new(root)
        .hidden(true)
        .require_git(false)
        .git_global(false)
        // Jekyll reads what is on disk whatever `.gitignore` says (a vendored
        // folder it lists may be committed, a build step may fill one): for
        // a Jekyll source, its own `exclude` decides.
        .git_ignore(!jekyll)
        .git_exclude(!jekyll)
        .parents(false)
        .filter_entry(move |entry| {
            let name = entry.file_name().to_string_lossy();
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if !is_dir {
                return true;
            }
            if ALWAYS_SKIPPED.contains(&name.as_ref()) {
                return false;
            }
            if !jekyll {
                return true;
            }
            // The build output, and the folders Jekyll always leaves out
            // (installed gems: thousands of files no page uses).
            let relative = entry
                .path()
                .strip_prefix(&root_owned)
                .map(relative_path)
                .unwrap_or_default();
            !(relative == JEKYLL_OUTPUT
                || crate::jekyll::DEFAULT_EXCLUDE.contains(&relative.as_str()))
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
                let dangling = entry.path_is_symlink() && std::fs::metadata(entry.path()).is_err();
                entries.lock().expect("walker thread panicked").push(Entry {
                    path,
                    kind: FileKind::Other,
                    dangling,
                });
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
