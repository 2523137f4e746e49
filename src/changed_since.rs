//! `--changed-since REF`: the site as it was at a git commit, checked like
//! today's, so that today's run reports only what is new: findings on lines
//! added or changed (their line text is new), in new files, and findings the
//! change caused anywhere (a link in an untouched page to a page the change
//! deleted is a finding the earlier tree did not have).
//!
//! The earlier tree is written into a temporary folder with git's plumbing
//! and a temporary index (`read-tree`, `checkout-index`): the user's index,
//! working tree and branches are never touched.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The site as it was at a commit, in a temporary folder removed on drop.
pub struct EarlierTree {
    _dir: tempfile::TempDir,
    /// The site root inside it.
    pub root: PathBuf,
    /// The commit it was taken from, abbreviated, for messages.
    pub commit: String,
    /// Whether the commit was where `REF` meets HEAD (`git merge-base`), or
    /// `REF` itself (a shallow clone has no common history to find).
    pub merge_base: bool,
}

/// Writes the site folder `root` (inside a git repository) as it was at
/// `reference` (where it meets HEAD, when git can tell) into a temporary
/// folder.
pub fn earlier_tree(root: &Path, reference: &str) -> Result<EarlierTree, String> {
    let top = git(root, &["rev-parse", "--show-toplevel"])
        .map_err(|err| format!("--changed-since needs a git repository: {err}"))?;
    let top = std::fs::canonicalize(top.trim())
        .map_err(|err| format!("cannot read the repository's folder: {err}"))?;
    let prefix = root
        .strip_prefix(&top)
        .map(galley_site::relative_path)
        .unwrap_or_default();
    let (commit, merge_base) = match git(root, &["merge-base", reference, "HEAD"]) {
        Ok(commit) => (commit.trim().to_owned(), true),
        Err(_) => {
            let commit = git(root, &["rev-parse", "--verify", "--quiet", &format!("{reference}^{{commit}}")])
                .map_err(|_| {
                    format!(
                        "`{}` is not a commit of this repository; fetch it first (in GitHub Actions, check out with `fetch-depth: 0`)",
                        galley_report::single_line(reference)
                    )
                })?;
            (commit.trim().to_owned(), false)
        }
    };
    let dir = tempfile::Builder::new()
        .prefix("galley-changed-since-")
        .tempdir()
        .map_err(|err| format!("cannot make a temporary folder: {err}"))?;
    let tree = dir.path().join("site");
    std::fs::create_dir(&tree).map_err(|err| format!("cannot make a temporary folder: {err}"))?;
    let index = dir.path().join("index");
    let treeish = if prefix.is_empty() {
        commit.clone()
    } else {
        format!("{commit}:{prefix}")
    };
    // A site folder that did not exist then is an empty tree: everything is new.
    if git_with_index(&top, &index, &["read-tree", &treeish]).is_ok() {
        let mut into = tree.to_string_lossy().into_owned();
        into.push('/');
        git_with_index(
            &top,
            &index,
            &[
                "checkout-index",
                "--all",
                "--force",
                &format!("--prefix={into}"),
            ],
        )
        .map_err(|err| format!("cannot write the site as it was at `{commit}`: {err}"))?;
    }
    let root = std::fs::canonicalize(&tree).unwrap_or(tree);
    Ok(EarlierTree {
        _dir: dir,
        root,
        commit: commit.chars().take(12).collect(),
        merge_base,
    })
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    run(Command::new("git").arg("-C").arg(dir).args(args))
}

/// A git command with its own index file, so that the repository's index is
/// left as it is.
fn git_with_index(dir: &Path, index: &Path, args: &[&str]) -> Result<String, String> {
    run(Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_INDEX_FILE", index))
}

fn run(command: &mut Command) -> Result<String, String> {
    let output = command
        .output()
        .map_err(|err| format!("cannot run git: {err}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(galley_report::single_line(stderr.trim()))
    }
}
