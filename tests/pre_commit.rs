//! The pre-commit hook, run by the real `pre-commit` tool with `try-repo`
//! against this checkout: it fails on a seeded defect and passes after the fix.
//!
//! `pre-commit` is installed from PyPI into a virtualenv under `target/` (once);
//! it builds Galley from this checkout with `cargo install`, into a target
//! folder under `target/` that later runs reuse. Nothing leaves `target/` and
//! the throwaway repository.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{repo_root, target_dir};

/// The pre-commit release the test runs.
const PRE_COMMIT: &str = "pre-commit==4.7.0";

fn run(command: &mut Command) -> (bool, String) {
    let output = command
        .output()
        .unwrap_or_else(|err| panic!("cannot run {command:?}: {err}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// The `pre-commit` executable, installed into a virtualenv under target/.
fn pre_commit() -> PathBuf {
    common::python_venv("pre-commit-venv", PRE_COMMIT).join("bin/pre-commit")
}

fn git(repo: &Path, args: &[&str]) {
    let (ok, out) = run(Command::new("git").args(args).current_dir(repo));
    assert!(ok, "git {args:?} failed:\n{out}");
}

fn try_repo(repo: &Path) -> (bool, String) {
    run(Command::new(pre_commit())
        .args(["try-repo"])
        .arg(repo_root())
        .args(["galley", "--verbose"])
        .current_dir(repo)
        // Hermetic: pre-commit's cache, and the build of Galley it makes, stay
        // under target/ and are reused by later runs.
        .env("PRE_COMMIT_HOME", target_dir().join("pre-commit-home"))
        .env("CARGO_TARGET_DIR", target_dir().join("pre-commit-build"))
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS"))
}

#[test]
fn hook_fails_on_a_seeded_defect_and_passes_after_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "--quiet"]);
    std::fs::write(repo.join("_config.yml"), "title: t\n").unwrap();
    std::fs::write(
        repo.join("index.html"),
        "---\n---\n<h2 id=\"imm\">Messengers</h2>\n<a href=\"#im\">above</a>\n",
    )
    .unwrap();
    git(repo, &["add", "."]);

    let (ok, out) = try_repo(repo);
    assert!(!ok, "the hook passed on a broken anchor:\n{out}");
    assert!(
        out.contains("link to `#im`, but no element on this page has id=\"im\""),
        "{out}"
    );
    assert!(out.contains("index.html:4:10"), "{out}");

    std::fs::write(
        repo.join("index.html"),
        "---\n---\n<h2 id=\"imm\">Messengers</h2>\n<a href=\"#imm\">above</a>\n",
    )
    .unwrap();
    git(repo, &["add", "."]);
    let (ok, out) = try_repo(repo);
    assert!(ok, "the hook failed after the fix:\n{out}");
    assert!(out.contains("galley") && out.contains("Passed"), "{out}");
}
