//! Which folder is the site: found from the paths the user gave (or the
//! current folder) by walking up to a file that marks a site root, so that
//! `galley check site/page.md` from the repository's top, or a pre-commit hook
//! in a repository whose site is in `site/`, checks the site and not an empty
//! guess.

use std::path::{Path, PathBuf};

/// Files that say "this folder is a site's root", in the order they are named
/// when Galley says which root it used.
pub const ROOT_MARKERS: &[&str] = &[
    galley_core::config::CONFIG_FILE,
    "_config.yml",
    "_config.yaml",
    "mkdocs.yml",
];

/// The marker `dir` holds, if any.
pub fn marker_in(dir: &Path) -> Option<&'static str> {
    ROOT_MARKERS
        .iter()
        .copied()
        .find(|name| dir.join(name).is_file())
}

/// The nearest folder from `start` upwards that holds a marker, and the
/// marker; the walk stops at the repository's top (a folder with `.git`), so
/// a stray `_config.yml` in a home folder is never taken.
pub fn root_above(start: &Path) -> Option<(PathBuf, &'static str)> {
    for dir in start.ancestors() {
        if let Some(marker) = marker_in(dir) {
            return Some((dir.to_owned(), marker));
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

/// Whether a folder without a marker is a built site in its own right (an
/// `index.html` at its top): `galley check _site` checks the output, not the
/// sources above it.
pub fn is_built_site(dir: &Path) -> bool {
    dir.join("index.html").is_file()
}

/// Folders up to two levels below `root` that are the roots of sources a
/// generator builds (`site/_config.yml`): when the root itself was read as
/// built HTML, the user most likely meant one of them.
pub fn sources_below(root: &Path) -> Vec<(PathBuf, &'static str)> {
    let mut found = Vec::new();
    let mut dirs = vec![(root.to_owned(), 0)];
    while let Some((dir, depth)) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut children: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
            .map(|entry| entry.path())
            .filter(|path| {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                !name.starts_with(['.', '_']) && name != "node_modules" && name != "vendor"
            })
            .collect();
        children.sort();
        for child in children {
            // A generator's config, not Galley's own (which marks no sources).
            match ROOT_MARKERS
                .iter()
                .copied()
                .filter(|name| *name != galley_core::config::CONFIG_FILE)
                .find(|name| child.join(name).is_file())
            {
                Some(marker) => found.push((child, marker)),
                None if depth < 1 => dirs.push((child, depth + 1)),
                None => {}
            }
        }
    }
    found.sort();
    found
}
