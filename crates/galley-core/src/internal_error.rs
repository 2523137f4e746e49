//! A panic in a checker is a bug in Galley, not a reason to stop checking the
//! rest of the site: each file's work runs under `catch`, and a panic becomes
//! an `internal-error` finding on that file.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::{Finding, Span};

crate::declare_rule! {
    /// ## What it finds
    /// A file on which Galley itself failed: one of its checkers crashed (a
    /// panic) while reading or checking the file. The other files are still
    /// checked; this file's findings from that checker are missing.
    ///
    /// ## Why it matters
    /// It is a bug in Galley, not in the site, but it means the file was not
    /// fully checked, so the run cannot be called clean. The message names the
    /// checker and what went wrong, to put in a bug report.
    ///
    /// ## Example
    /// `internal-error` at `_data/odd.yml:1:1`: "Galley crashed while reading
    /// this file's YAML: …". Report it with the file attached; until it is
    /// fixed, `[site] ignore` can leave the file out.
    pub static INTERNAL_ERROR = {
        id: "internal-error",
        severity: Error,
        summary: "Galley crashed on a file (a bug in Galley): the file was not fully checked",
        title: "Galley could not finish checking this file",
        why: "Part of this file was not checked; the problem is in Galley, not in your text, so please report it.",
    };
}

/// Runs `work` for the file at `path`; a panic in it becomes an
/// `internal-error` finding that names `stage` (what was being done).
pub fn catch<T>(stage: &str, path: &str, work: impl FnOnce() -> T) -> Result<T, Box<Finding>> {
    catch_unwind(AssertUnwindSafe(|| {
        crash_if_asked(stage, path);
        work()
    }))
    .map_err(|payload| {
        let what = panic_message(payload.as_ref());
        Box::new(Finding::at_path(
            &INTERNAL_ERROR,
            path,
            Span::FILE_START,
            format!("Galley crashed while {stage}: {what}"),
            "this is a bug in Galley, not in the file: please report it with the file \
             attached; the file's other findings from this check are missing",
        ))
    })
}

/// What a panic said: its payload is a `&str` or a `String` when it was made
/// by `panic!` with a message.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message")
}

/// Tests of the binary make Galley crash on one file, in every stage
/// (`GALLEY_TEST_CRASH_ON=<path>`) or in the stages whose description holds a
/// word (`<path>:<word>`, such as `a.html:prose`). Only debug builds read it.
fn crash_if_asked(stage: &str, path: &str) {
    #[cfg(debug_assertions)]
    if let Ok(asked) = std::env::var("GALLEY_TEST_CRASH_ON") {
        let (asked_path, word) = asked.split_once(':').unwrap_or((&asked, ""));
        if asked_path == path && stage.contains(word) {
            panic!("GALLEY_TEST_CRASH_ON={asked}");
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = (stage, path);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_finding_on_the_file() {
        let finding = catch("reading this file's YAML", "_data/a.yml", || -> u32 {
            panic!("index out of bounds: the len is 3 but the index is 7")
        })
        .unwrap_err();
        assert_eq!(finding.rule, "internal-error");
        assert_eq!(finding.path, "_data/a.yml");
        assert_eq!((finding.span.start.line, finding.span.start.column), (1, 1));
        assert_eq!(
            finding.message,
            "Galley crashed while reading this file's YAML: index out of bounds: the len is 3 but the index is 7"
        );
        let formatted = catch("checking links", "a.html", || -> u32 { panic!("{}", 7) });
        assert_eq!(
            formatted.unwrap_err().message,
            "Galley crashed while checking links: 7"
        );
        assert_eq!(catch("x", "a.html", || 5).unwrap(), 5);
    }
}
