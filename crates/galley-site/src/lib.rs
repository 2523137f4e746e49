//! The site: which files it has, what kind each is, and their text, read once.
//!
//! Discovery walks the folder the way the site's reader sees it: built HTML the
//! way `git` does (`.gitignore` honoured, also outside a git checkout), a
//! Jekyll source the way Jekyll does (`.gitignore` not read; `_config.yml`'s
//! `exclude` decides). It skips `.git`, `node_modules` and the build output, and
//! reads the text files that checkers need in parallel. A file that cannot be read
//! as UTF-8 text becomes a located `file-unreadable` finding; the rest of the site
//! is still checked.

pub mod data;
mod discover;
pub mod jekyll;
mod permalink;
mod read;
pub mod rules;
mod site_map;
mod templates;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use galley_core::{Config, ConfigError, Finding, SiteKind, SourceFile};

pub use discover::{FileKind, is_hidden_from_build, relative_path};
pub use jekyll::JekyllSettings;
pub use site_map::{PageMeta, Served, SiteMap, UrlTarget};
pub use templates::{Templates, runs_liquid};

/// An `http(s)` URL of another site, as written in a file of this one: what the
/// external link checker fetches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    /// Its file's index in `Site::files`.
    pub file: usize,
    pub range: std::ops::Range<usize>,
    pub url: String,
}

/// A file of the site that Galley reads as text.
pub struct SiteFile {
    pub kind: FileKind,
    pub source: SourceFile,
}

/// Everything Galley knows about the site's files.
pub struct Site {
    pub root: PathBuf,
    pub kind: SiteKind,
    /// `_config.yml`'s settings, for a Jekyll source tree whose config parsed.
    pub jekyll: Option<JekyllSettings>,
    /// `[site] generated`: outputs of the build that are not in the folder.
    generated: globset::GlobSet,
    /// The text files checkers read, sorted by path.
    pub files: Vec<SiteFile>,
    /// Findings about files that could not be read as text.
    pub findings: Vec<Finding>,
    /// Every file's path relative to the root, read or not, for existence checks.
    paths: Arc<HashSet<String>>,
    /// Every folder that holds a file (`a`, `a/b`), for existence checks.
    folders: HashSet<String>,
    /// `[site] aliases`: other addresses the site is served at.
    aliases: Vec<String>,
    /// Git submodules (`.gitmodules`) whose folder is empty: not checked out,
    /// so the pages they provide are unknown.
    pub missing_submodules: Vec<String>,
    /// For a GitHub project page (`github.com/OWNER/REPO`, no `CNAME`, no
    /// `baseurl` in `_config.yml`): `REPO`, the path GitHub Pages serves it
    /// under (jekyll-github-metadata sets `site.baseurl` to it). Other paths
    /// on the host belong to other sites.
    pub project_path: Option<String>,
}

impl Site {
    /// Discovers and reads the site at `root`.
    pub fn load(root: &Path, config: &Config) -> Result<Site, ConfigError> {
        // Files are read only when their real path is inside the real root.
        let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
        let ignore = discover::ignore_set(config)?;
        let generated = discover::generated_set(config)?;
        let kind = config.site.kind.unwrap_or_else(|| detect_kind(root));
        let mut entries = discover::walk(root, kind, &ignore);
        // A dangling symlink is listed (a page behind one is reported unreadable)
        // but does not exist for links.
        let paths: Arc<HashSet<String>> = Arc::new(
            entries
                .iter()
                .filter(|entry| !entry.dangling)
                .map(|entry| entry.path.clone())
                .collect(),
        );
        // The Jekyll config decides how every other file is classified, so it is
        // read first; it is read only once.
        let (jekyll, config_read) = match kind {
            SiteKind::Jekyll => galley_core::internal_error::catch(
                "reading the Jekyll config",
                "_config.yml",
                || jekyll_settings(&real_root, &entries),
            )
            .unwrap_or_else(|crash| (None, Some(Err(crash)))),
            SiteKind::Html => (None, None),
        };
        for entry in &mut entries {
            entry.kind = FileKind::of(&entry.path, kind, jekyll.as_ref());
        }
        if config_read.is_some() {
            entries.retain(|entry| entry.kind != FileKind::JekyllConfig);
        }
        let (mut files, mut findings) = read::read_all(&real_root, entries);
        match config_read {
            Some(Ok(source)) => files.insert(
                0,
                SiteFile {
                    kind: FileKind::JekyllConfig,
                    source,
                },
            ),
            Some(Err(finding)) => findings.insert(0, *finding),
            None => {}
        }
        let mut folders = HashSet::new();
        for path in paths.iter() {
            let mut dir = path.as_str();
            while let Some((parent, _)) = dir.rsplit_once('/') {
                if !folders.insert(parent.to_owned()) {
                    break;
                }
                dir = parent;
            }
        }
        let project_path = jekyll
            .as_ref()
            .filter(|settings| kind == SiteKind::Jekyll && !settings.baseurl_given)
            .and_then(|_| github_project_path(root));
        Ok(Site {
            root: root.to_owned(),
            kind,
            jekyll,
            generated,
            files,
            findings,
            paths,
            folders,
            aliases: config.site.aliases.clone(),
            missing_submodules: missing_submodules(root),
            project_path,
        })
    }

    /// The set of every file's path, shared with code that outlives a borrow of the
    /// site (such as a JSON Schema format check).
    pub fn path_set(&self) -> Arc<HashSet<String>> {
        Arc::clone(&self.paths)
    }

    /// The addresses the site is served at: `_config.yml`'s `url`, then
    /// `[site] aliases`.
    pub fn addresses(&self) -> impl Iterator<Item = &str> {
        self.jekyll
            .as_ref()
            .filter(|_| self.kind == SiteKind::Jekyll)
            .and_then(|j| j.url.as_deref())
            .into_iter()
            .chain(self.aliases.iter().map(String::as_str))
    }

    /// Whether the site has a file at `path` (relative to the root).
    pub fn has_file(&self, path: &str) -> bool {
        self.paths.contains(path)
    }

    /// Whether the site has a folder at `dir` holding at least one file.
    pub fn has_folder(&self, dir: &str) -> bool {
        self.folders.contains(dir)
    }

    /// Every file's path, in no particular order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.paths.iter().map(String::as_str)
    }

    /// The files Galley tried to read as text: those it read, and those it
    /// reported as unreadable.
    pub fn text_file_paths(&self) -> impl Iterator<Item = &str> {
        self.files
            .iter()
            .map(|f| f.source.path())
            .chain(self.findings.iter().map(|f| f.path.as_str()))
    }
}

/// The submodules `.gitmodules` lists whose folder holds no file (a checkout
/// without `--recurse-submodules`).
fn missing_submodules(root: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(root.join(".gitmodules")) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|line| {
            let (key, value) = line.split_once('=')?;
            (key.trim() == "path").then(|| value.trim().to_owned())
        })
        .filter(|path| {
            std::fs::read_dir(root.join(path)).map_or(true, |mut entries| entries.next().is_none())
        })
        .collect()
}

/// `REPO` when the checkout's `origin` is a GitHub repository that GitHub
/// Pages serves as a project page at `OWNER.github.io/REPO/`: not the
/// `OWNER.github.io` repository, and no `CNAME` of its own. (A site whose
/// `_config.yml` sets `baseurl` says itself where it is served.)
fn github_project_path(root: &Path) -> Option<String> {
    if root.join("CNAME").exists() {
        return None;
    }
    let git = std::fs::read_to_string(root.join(".git/config")).ok()?;
    let mut in_origin = false;
    let url = git.lines().find_map(|line| {
        let line = line.trim();
        if line.starts_with('[') {
            in_origin = line == "[remote \"origin\"]";
            return None;
        }
        let (key, value) = line.split_once('=')?;
        (in_origin && key.trim() == "url").then(|| value.trim().to_owned())
    })?;
    let rest = url
        .strip_prefix("https://github.com/")
        .or_else(|| url.strip_prefix("git@github.com:"))
        .or_else(|| url.strip_prefix("ssh://git@github.com/"))?;
    let (owner, repo) = rest.trim_end_matches('/').split_once('/')?;
    let repo = repo.strip_suffix(".git").unwrap_or(repo);
    let user_site = format!("{owner}.github.io");
    (!repo.is_empty() && !repo.contains('/') && !repo.eq_ignore_ascii_case(&user_site))
        .then(|| repo.to_owned())
}

/// Reads `_config.yml` for the settings that decide pages and URLs. Its own
/// problems are reported by the data checker, which reads it as data; a config
/// that does not parse leaves Jekyll's defaults.
/// `_config.yml` as read: its text, or why it could not be read; `None` when the
/// site has none.
type ConfigRead = Option<Result<SourceFile, Box<Finding>>>;

fn jekyll_settings(
    root: &Path,
    entries: &[discover::Entry],
) -> (Option<JekyllSettings>, ConfigRead) {
    let Some(entry) = entries
        .iter()
        .find(|e| e.path == "_config.yml" || e.path == "_config.yaml")
    else {
        return (Some(JekyllSettings::default_settings()), None);
    };
    let read = read::read_text(root, &entry.path);
    let settings = match &read {
        Ok(source) => match galley_yaml::load(source).document {
            Some(document) => JekyllSettings::from_config(&document.value),
            None => JekyllSettings::default_settings(),
        },
        Err(_) => JekyllSettings::default_settings(),
    };
    (Some(settings), Some(read))
}

/// The config files of other site generators that use `_includes/` or
/// `_layouts/` too.
const OTHER_GENERATORS: &[&str] = &[
    ".eleventy.js",
    "eleventy.config.js",
    "eleventy.config.mjs",
    "eleventy.config.cjs",
    "hugo.toml",
    "hugo.yaml",
    "mkdocs.yml",
    "astro.config.mjs",
];

/// A folder with a Jekyll `_config.yml`, or with Jekyll's `_layouts/` or
/// `_includes/` (a site that relies on Jekyll's defaults has no config), is a
/// Jekyll source tree; anything else is treated as built HTML.
pub fn detect_kind(root: &Path) -> SiteKind {
    let has = |name: &&str| root.join(name).exists();
    let jekyll = ["_config.yml", "_config.yaml"].iter().any(has)
        // Eleventy also has `_includes/` and `_layouts/`, Hugo `layouts/`:
        // their configs say the folder is theirs.
        || (!OTHER_GENERATORS.iter().any(has) && ["_layouts", "_includes"].iter().any(has));
    if jekyll {
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
