//! The link cache: definite answers (good, moved, gone) kept for
//! `[links] cache_max_age_hours`, so that a re-run asks again only about what
//! it has not seen lately. Transient failures are never kept. The file is
//! written whole to a temporary file and renamed over the old one; a file
//! that is not Galley's is left alone.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::fetch::Outcome;

/// Marks the file as Galley's, and its format.
const FORMAT: &str = "galley-link-cache/1";

#[derive(Serialize, Deserialize)]
struct CacheFile {
    format: String,
    entries: BTreeMap<String, Entry>,
}

#[derive(Clone, Serialize, Deserialize)]
struct Entry {
    /// Seconds since the Unix epoch.
    checked_at: u64,
    outcome: Outcome,
}

pub(crate) struct LinkCache {
    path: Option<PathBuf>,
    entries: BTreeMap<String, Entry>,
    max_age: Duration,
    changed: bool,
}

impl LinkCache {
    /// Reads the cache at `path` (`None`: no cache). The second value is a
    /// warning to show when the file could not be used.
    pub(crate) fn open(path: Option<PathBuf>, max_age: Duration) -> (LinkCache, Option<String>) {
        let mut cache = LinkCache {
            path,
            entries: BTreeMap::new(),
            max_age,
            changed: false,
        };
        let Some(path) = cache.path.clone() else {
            return (cache, None);
        };
        let text = match read_bounded(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return (cache, None),
            Err(err) => {
                cache.path = None;
                return (
                    cache,
                    Some(format!(
                        "cannot read the link cache {}: {err}; checking without it",
                        path.display()
                    )),
                );
            }
        };
        match serde_json::from_slice::<CacheFile>(&text) {
            Ok(file) if file.format == FORMAT => {
                cache.entries = file.entries;
                (cache, None)
            }
            _ => {
                // Not Galley's (or damaged): neither read nor overwritten.
                cache.path = None;
                (
                    cache,
                    Some(format!(
                        "{} is not a Galley link cache (or is damaged); checking without it and leaving it as it is — delete it, or set `[links] cache` to another path",
                        path.display()
                    )),
                )
            }
        }
    }

    /// A fresh answer for `url`. A committed cache is content a pull request
    /// can change, so an entry checked "in the future" counts as stale, and a
    /// redirect is never taken from the cache: its new address is a
    /// suggestion Galley makes only from an answer it got itself.
    pub(crate) fn get(&self, url: &str) -> Option<&Outcome> {
        // Keyed without the password a URL may carry: the file is written.
        let entry = self.entries.get(galley_core::redacted(url).as_ref())?;
        let now = now();
        if entry.checked_at > now || matches!(entry.outcome, Outcome::Redirected { .. }) {
            return None;
        }
        let age = now - entry.checked_at;
        (age <= self.max_age.as_secs()).then_some(&entry.outcome)
    }

    pub(crate) fn put(&mut self, url: &str, outcome: &Outcome) {
        if self.path.is_none() {
            return;
        }
        let url = galley_core::redacted(url);
        if outcome.is_cacheable() {
            self.entries.insert(
                url.clone().into_owned(),
                Entry {
                    checked_at: now(),
                    outcome: outcome.clone(),
                },
            );
        } else {
            // A failure now says nothing of the next run.
            self.entries.remove(url.as_ref());
        }
        self.changed = true;
    }

    /// Writes the cache, dropping stale entries, atomically.
    pub(crate) fn save(mut self) -> Result<(), String> {
        let Some(path) = self.path.take().filter(|_| self.changed) else {
            return Ok(());
        };
        let max_age = self.max_age.as_secs();
        let now = now();
        self.entries
            .retain(|_, entry| now.saturating_sub(entry.checked_at) <= max_age);
        let file = CacheFile {
            format: FORMAT.to_owned(),
            entries: self.entries,
        };
        write_atomically(
            &path,
            &serde_json::to_vec_pretty(&file).expect("cache serialises"),
        )
        .map_err(|err| format!("cannot write the link cache {}: {err}", path.display()))
    }
}

/// The cache file's bytes: only a regular file (not a FIFO, which blocks, nor
/// `/dev/zero`, which never ends), and at most `MAX_LINK_CACHE_BYTES`.
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(std::io::Error::other("it is not a regular file"));
    }
    let limit = galley_core::limits::MAX_LINK_CACHE_BYTES;
    if metadata.len() > limit {
        return Err(std::io::Error::other(format!(
            "it is larger than {} MiB",
            limit >> 20
        )));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::other(format!(
            "it is larger than {} MiB",
            limit >> 20
        )));
    }
    Ok(bytes)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|err| err.error)?;
    Ok(())
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definite_answers_are_kept_and_failures_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c/links.json");
        let (mut cache, warning) = LinkCache::open(Some(path.clone()), Duration::from_secs(3600));
        assert!(warning.is_none());
        cache.put("https://a.example/", &Outcome::Ok);
        cache.put("https://b.example/", &Outcome::Dead { status: 404 });
        cache.put(
            "https://c.example/",
            &Outcome::Unreachable {
                reason: "timeout".into(),
            },
        );
        cache.save().unwrap();
        let (cache, warning) = LinkCache::open(Some(path.clone()), Duration::from_secs(3600));
        assert!(warning.is_none());
        assert_eq!(cache.get("https://a.example/"), Some(&Outcome::Ok));
        assert_eq!(
            cache.get("https://b.example/"),
            Some(&Outcome::Dead { status: 404 })
        );
        assert_eq!(cache.get("https://c.example/"), None);
        // Too old: asked again.
        std::fs::write(
            &path,
            r#"{"format": "galley-link-cache/1", "entries": {"https://a.example/": {"checked_at": 1, "outcome": {"kind": "ok"}}}}"#,
        )
        .unwrap();
        let (cache, warning) = LinkCache::open(Some(path), Duration::from_secs(3600));
        assert!(warning.is_none());
        assert_eq!(cache.get("https://a.example/"), None);
    }

    #[test]
    fn a_foreign_or_damaged_file_is_neither_used_nor_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("links.json");
        for text in ["{\"some\": \"other tool\"}", "not json at all"] {
            std::fs::write(&path, text).unwrap();
            let (mut cache, warning) = LinkCache::open(Some(path.clone()), Duration::from_secs(60));
            assert!(warning.unwrap().contains("is not a Galley link cache"));
            cache.put("https://a.example/", &Outcome::Ok);
            cache.save().unwrap();
            assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        }
    }
}
