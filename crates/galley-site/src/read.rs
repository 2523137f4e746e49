//! Reading the text files, each once, in parallel.

use std::io::Read;
use std::path::Path;

use galley_core::internal_error;
use galley_core::limits::MAX_TEXT_FILE_BYTES;
use galley_core::{Finding, SourceFile, Span};
use rayon::prelude::*;

use crate::SiteFile;
use crate::discover::Entry;
use crate::rules::{FILE_OUTSIDE_SITE, FILE_UNREADABLE};

pub(crate) fn read_all(root: &Path, entries: Vec<Entry>) -> (Vec<SiteFile>, Vec<Finding>) {
    let results: Vec<Result<SiteFile, Box<Finding>>> = entries
        .into_par_iter()
        .filter(|entry| entry.kind.is_text())
        .map(|entry| {
            internal_error::catch("reading this file", &entry.path, || {
                read_text(root, &entry.path)
            })
            .and_then(|read| read)
            .map(|source| SiteFile {
                kind: entry.kind,
                source,
            })
        })
        .collect();
    let mut files = Vec::new();
    let mut findings = Vec::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(finding) => findings.push(*finding),
        }
    }
    (files, findings)
}

/// Reads the file at `path` (relative to `root`, a canonical folder) as
/// UTF-8 text, or explains where and why it is not. A file whose real path
/// is outside the root (through a symlink) is not read. The error is boxed:
/// it is the rare path, and keeps the `Result` small.
pub fn read_text(root: &Path, path: &str) -> Result<SourceFile, Box<Finding>> {
    let full_path = &root.join(path);
    let unreadable = |span: Span, message: String, help: &str| {
        Box::new(Finding::at_path(
            &FILE_UNREADABLE,
            path,
            span,
            message,
            help,
        ))
    };
    if let Ok(real) = std::fs::canonicalize(full_path)
        && !real.starts_with(root)
    {
        return Err(Box::new(Finding::at_path(
            &FILE_OUTSIDE_SITE,
            path,
            Span::FILE_START,
            format!(
                "this file is a symlink to {}, outside the site's folder: Galley neither reads nor writes it",
                galley_core::visible::single_line(&real.display().to_string())
            ),
            "replace the symlink with the file itself, or remove it; a symlink to a file inside the site is read as usual",
        )));
    }
    // Only regular files: opening a FIFO blocks until someone writes to it, and
    // a symlink to a device (`/dev/zero`, `/dev/stdin`) is no page.
    // (A path that has no metadata fails to open below, with the reason.)
    let meta = std::fs::metadata(full_path).ok();
    if meta.as_ref().is_some_and(|m| !m.is_file() && !m.is_dir()) {
        return Err(unreadable(
            Span::FILE_START,
            "not a regular file (a named pipe, socket or device); Galley does not read it"
                .to_owned(),
            "replace it with a regular file, or add it to [site] ignore in galley.toml",
        ));
    }
    let file = std::fs::File::open(full_path).map_err(|err| {
        unreadable(
            Span::FILE_START,
            format!("cannot open file: {err}"),
            "check that the file exists and is readable (a dangling symlink cannot be read)",
        )
    })?;
    // `take` hides the file's size from `read_to_end`; allocate it up front.
    let size_hint = meta.map_or(0, |m| m.len().min(MAX_TEXT_FILE_BYTES + 1));
    let mut bytes = Vec::with_capacity(size_hint as usize + 1);
    // Read one byte past the limit, to know it was exceeded without reading it all.
    file.take(MAX_TEXT_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| {
            unreadable(
                Span::FILE_START,
                format!("cannot read file: {err}"),
                "check that the path is a readable file, not a directory",
            )
        })?;
    if bytes.len() as u64 > MAX_TEXT_FILE_BYTES {
        return Err(unreadable(
            Span::FILE_START,
            format!(
                "file is larger than {} MiB; Galley does not read it",
                MAX_TEXT_FILE_BYTES >> 20
            ),
            "split the file, or add it to [site] ignore in galley.toml",
        ));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(unreadable(
            Span::FILE_START,
            "file is UTF-16 encoded".to_owned(),
            "save the file as UTF-8",
        ));
    }
    if let Some(nul) = memchr_nul(&bytes) {
        let at = position_in_prefix(path, &bytes, nul);
        return Err(unreadable(
            at,
            "file contains a NUL byte: it is binary, not text".to_owned(),
            "remove the NUL byte, or rename the file if it is not meant to be text",
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(path, text)),
        Err(err) => {
            let bad = err.utf8_error().valid_up_to();
            let byte = err.as_bytes()[bad];
            let at = position_in_prefix(path, err.as_bytes(), bad);
            Err(unreadable(
                at,
                format!("invalid UTF-8 (byte 0x{byte:02X})"),
                "save the file as UTF-8",
            ))
        }
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

/// The position of byte `offset`, computed from the valid text before it.
fn position_in_prefix(path: &str, bytes: &[u8], offset: usize) -> Span {
    let prefix = match std::str::from_utf8(&bytes[..offset]) {
        Ok(text) => text,
        Err(err) => std::str::from_utf8(&bytes[..err.valid_up_to()]).unwrap_or_default(),
    };
    let file = SourceFile::new(path, prefix);
    let start = file.position(prefix.len());
    Span { start, end: start }
}
