//! `galley check --fix`: applies the edits that findings carry (only edits a
//! rule marks safe, such as deleting a repeated word), and nothing else.
//!
//! A file is rewritten only if it still holds exactly the text that was
//! checked: an editor's save while Galley ran is never overwritten. Each file
//! is replaced atomically (a temporary file in the same folder, renamed over
//! it), keeping its permissions; a symlink's target is written, not the link.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use galley_core::Finding;
use galley_report::SourceTexts;

/// What `--fix` did: the findings still open, and one line per change or
/// refusal for the user.
pub struct Fixed {
    pub remaining: Vec<Finding>,
    pub log: Vec<String>,
    /// The files written.
    pub fixed_paths: Vec<String>,
    pub edits: usize,
}

pub fn apply(root: &Path, findings: Vec<Finding>, sources: &SourceTexts) -> Fixed {
    let mut by_path: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    let mut remaining = Vec::new();
    for finding in findings {
        if finding.fix.is_some() {
            by_path
                .entry(finding.path.clone())
                .or_default()
                .push(finding);
        } else {
            remaining.push(finding);
        }
    }
    let mut log = Vec::new();
    let (mut fixed_paths, mut edits) = (Vec::new(), 0);
    for (path, mut fixable) in by_path {
        let shown = galley_report::single_line(&path);
        let Some(checked) = sources.get(&path) else {
            remaining.extend(fixable);
            continue;
        };
        // Apply from the end so earlier offsets stay valid; skip overlaps.
        fixable.sort_by_key(|f| std::cmp::Reverse(f.fix.as_ref().map_or(0, |e| e.range.start)));
        let mut text = checked.as_str().to_owned();
        let mut applied = Vec::new();
        let mut limit = text.len();
        for finding in fixable {
            let edit = finding
                .fix
                .as_ref()
                .expect("only findings with a fix are here");
            if edit.range.end > limit || !text.is_char_boundary(edit.range.start) {
                remaining.push(finding);
                continue;
            }
            text.replace_range(edit.range.clone(), &edit.replacement);
            limit = edit.range.start;
            applied.push(finding);
        }
        match write_if_unchanged(root, &root.join(&path), checked.as_bytes(), text.as_bytes()) {
            Ok(()) => {
                fixed_paths.push(path.clone());
                edits += applied.len();
                applied.reverse();
                for finding in applied {
                    log.push(format!(
                        "fixed {shown}:{}:{}: {}",
                        finding.span.start.line,
                        finding.span.start.column,
                        galley_report::single_line(&finding.message)
                    ));
                }
            }
            Err(why) => {
                log.push(format!("not fixed {shown}: {why}"));
                remaining.extend(applied);
            }
        }
    }
    remaining.sort_by(Finding::report_order);
    Fixed {
        remaining,
        log,
        fixed_paths,
        edits,
    }
}

/// Replaces the file at `path` (its real path, through symlinks, which must be
/// inside `root`) by `fixed` if it still holds `checked`: atomically (a
/// temporary file renamed over it), with its permissions, owner and group.
/// Refused, with the reason, where that cannot be kept: a read-only file, a
/// file with hard links (a rename would split them), an owner Galley cannot
/// give back.
fn write_if_unchanged(
    root: &Path,
    path: &Path,
    checked: &[u8],
    fixed: &[u8],
) -> Result<(), String> {
    let target = std::fs::canonicalize(path).map_err(|err| format!("cannot find it: {err}"))?;
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
    if !target.starts_with(&real_root) {
        return Err("it is a symlink to a file outside the site".to_owned());
    }
    let metadata = std::fs::metadata(&target).map_err(|err| format!("cannot read it: {err}"))?;
    if metadata.permissions().readonly() {
        return Err("it is read-only".to_owned());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if metadata.nlink() > 1 {
            return Err(format!(
                "it has {} hard links, which rewriting it would split",
                metadata.nlink()
            ));
        }
    }
    let unchanged = || -> Result<(), String> {
        let current = std::fs::read(&target).map_err(|err| format!("cannot read it: {err}"))?;
        if current != checked {
            return Err("it changed while Galley ran; run Galley again".to_owned());
        }
        Ok(())
    };
    unchanged()?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".galley-fix")
        .tempfile_in(dir)
        .map_err(|err| format!("cannot write it: {err}"))?;
    let write = |temp: &mut tempfile::NamedTempFile| -> std::io::Result<()> {
        temp.write_all(fixed)?;
        temp.as_file().sync_all()?;
        std::fs::set_permissions(temp.path(), metadata.permissions())?;
        Ok(())
    };
    write(&mut temp).map_err(|err| format!("cannot write it: {err}"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let made =
            std::fs::metadata(temp.path()).map_err(|err| format!("cannot write it: {err}"))?;
        if (made.uid(), made.gid()) != (metadata.uid(), metadata.gid()) {
            std::os::unix::fs::chown(temp.path(), Some(metadata.uid()), Some(metadata.gid()))
                .map_err(|err| format!("cannot keep its owner and group: {err}"))?;
        }
    }
    // Once more just before the rename: an editor's save in between wins.
    unchanged()?;
    temp.persist(&target)
        .map_err(|err| format!("cannot write it: {}", err.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use galley_core::{Edit, SourceFile};

    use super::*;

    const TEXT: &str = "<p>the the end</p>\n";

    fn repeat_finding() -> Finding {
        let file = SourceFile::new("a.html", TEXT);
        Finding::new(
            &galley_prose::rules::word_repeated::WORD_REPEATED,
            &file,
            file.span(7..10),
            "`the` repeats the word before it",
            "delete the second `the`",
        )
        .with_fix(Edit {
            range: 6..10,
            replacement: String::new(),
        })
    }

    fn sources() -> SourceTexts {
        let mut sources = SourceTexts::default();
        sources.insert("a.html", Arc::new(TEXT.to_owned()));
        sources
    }

    #[test]
    fn a_file_changed_since_it_was_checked_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.html"), "<p>the the end, edited</p>\n").unwrap();
        let fixed = apply(dir.path(), vec![repeat_finding()], &sources());
        assert_eq!(
            fixed.log,
            ["not fixed a.html: it changed while Galley ran; run Galley again"]
        );
        assert_eq!(fixed.remaining, [repeat_finding()]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.html")).unwrap(),
            "<p>the the end, edited</p>\n"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_keeps_pointing_at_its_fixed_target_with_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.html");
        std::fs::write(&target, TEXT).unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        std::os::unix::fs::symlink("real.html", dir.path().join("a.html")).unwrap();
        let fixed = apply(dir.path(), vec![repeat_finding()], &sources());
        assert_eq!(
            fixed.log,
            ["fixed a.html:1:8: `the` repeats the word before it"]
        );
        assert!(fixed.remaining.is_empty());
        assert!(
            dir.path()
                .join("a.html")
                .symlink_metadata()
                .unwrap()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            "<p>the end</p>\n"
        );
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn read_only_files_hard_links_and_targets_outside_the_site_are_refused() {
        use std::os::unix::fs::PermissionsExt;
        let unchanged = |dir: &Path, path: &str| {
            assert_eq!(std::fs::read_to_string(dir.join(path)).unwrap(), TEXT);
        };
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.html"), TEXT).unwrap();
        std::fs::set_permissions(
            dir.path().join("a.html"),
            std::fs::Permissions::from_mode(0o444),
        )
        .unwrap();
        // Refused even as root, who could write it: the mode says "not to be changed".
        let fixed = apply(dir.path(), vec![repeat_finding()], &sources());
        assert_eq!(fixed.log, ["not fixed a.html: it is read-only"]);
        unchanged(dir.path(), "a.html");

        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.html"), TEXT).unwrap();
        std::fs::hard_link(dir.path().join("a.html"), dir.path().join("b.html")).unwrap();
        let fixed = apply(dir.path(), vec![repeat_finding()], &sources());
        assert_eq!(
            fixed.log,
            ["not fixed a.html: it has 2 hard links, which rewriting it would split"]
        );
        unchanged(dir.path(), "b.html");

        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("victim.html"), TEXT).unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("victim.html"),
            dir.path().join("a.html"),
        )
        .unwrap();
        let fixed = apply(dir.path(), vec![repeat_finding()], &sources());
        assert_eq!(
            fixed.log,
            ["not fixed a.html: it is a symlink to a file outside the site"]
        );
        unchanged(outside.path(), "victim.html");
    }

    #[cfg(unix)]
    #[test]
    fn the_owner_and_group_are_kept() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.html");
        std::fs::write(&path, TEXT).unwrap();
        // As root, give the file to nobody:nogroup, as a site checkout may be.
        let given = std::os::unix::fs::chown(&path, Some(65534), Some(65534)).is_ok();
        let before = std::fs::metadata(&path).unwrap();
        let fixed = apply(dir.path(), vec![repeat_finding()], &sources());
        assert_eq!(
            fixed.log,
            ["fixed a.html:1:8: `the` repeats the word before it"]
        );
        let after = std::fs::metadata(&path).unwrap();
        assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
        if given {
            assert_eq!((after.uid(), after.gid()), (65534, 65534));
        }
    }
}
