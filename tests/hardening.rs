//! What a hostile pull request can still try, each at its boundary: workflow
//! commands in what Galley prints, raw control characters, symlinks out of
//! the site, `--fix` on files it must not change, a lost write.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::{TempSite, galley, row};

/// Runs galley in `dir` as the Actions runner would (`GITHUB_ACTIONS=true`).
fn in_actions(dir: &Path, args: &[&str]) -> common::Run {
    let output = Command::new(env!("CARGO_BIN_EXE_galley"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("GITHUB_ACTIONS", "true")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_OUTPUT")
        .env_remove("GITHUB_WORKSPACE")
        .output()
        .expect("run galley");
    common::Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// No line the runner reads may run a command: `::` only at the start of
/// Galley's own annotations, `##[` nowhere.
fn assert_no_command(text: &str, annotations_allowed: bool) {
    for line in text.split(['\n', '\r']) {
        assert!(!line.contains("##["), "a legacy command: {line:?}");
        let starts = line.trim_start().starts_with("::");
        let annotation = ["::error ", "::warning ", "::notice "]
            .iter()
            .any(|c| line.starts_with(c));
        assert!(
            !starts || (annotations_allowed && annotation),
            "a workflow command: {line:?}"
        );
    }
}

#[test]
fn no_line_galley_prints_in_actions_is_a_workflow_command() {
    let site = TempSite::new();
    site.write(
        "::warning::x.html",
        "---\n---\n<p>Run ##[error]boom then then stop.</p>\n<a href=\"/##[stop-commands]t\">x</a>\n",
    );
    site.write("##[stop-commands]token.txt", "not a page\n");
    for format in ["human", "short", "json", "sarif", "markdown", "github"] {
        let run = in_actions(site.path(), &["check", ".", "--format", format]);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        assert_no_command(&run.stdout, format == "github");
        assert_no_command(&run.stderr, false);
    }
    // A note that names a file is neutralised too.
    let run = in_actions(site.path(), &["check", "##[stop-commands]token.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("stop-commands]token.txt"),
        "{}",
        run.stderr
    );
    assert_no_command(&run.stderr, false);
    // JSON still decodes to the same text.
    let json: serde_json::Value =
        serde_json::from_str(&in_actions(site.path(), &["check", ".", "--format", "json"]).stdout)
            .unwrap();
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["path"] == "::warning::x.html"
                && f["message"]
                    .as_str()
                    .unwrap()
                    .contains("/##[stop-commands]t")),
        "{json}"
    );
}

#[test]
fn control_characters_are_shown_not_obeyed_in_annotations_and_snippets() {
    let site = TempSite::new();
    site.write(
        "page.html",
        "---\n---\n<img src=\"/x.png\">\u{1b}[2J\u{7}\r<p>the the</p>\r\n",
    );
    site.write("x.png", "");
    let run = in_actions(site.path(), &["check", ".", "--format", "github"]);
    assert!(
        !run.stdout.contains(['\u{1b}', '\u{7}']),
        "{:?}",
        run.stdout
    );
    let run = galley(site.path(), &["check", "."]);
    assert!(
        !run.stdout.contains(['\u{1b}', '\u{7}', '\r']),
        "{:?}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\u{FFFD}[2J\u{FFFD}\u{FFFD}<p>the the</p>"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_symlink_out_of_the_site_is_reported_and_never_read_or_written() {
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.html");
    std::fs::write(&victim, "<p>SECRET-TOKEN and and more</p>\n").unwrap();
    let site = TempSite::new();
    site.write("inside.html", "---\n---\n<p>fine</p>\n");
    std::os::unix::fs::symlink(&victim, site.path().join("x.html")).unwrap();
    std::os::unix::fs::symlink("inside.html", site.path().join("alias.html")).unwrap();
    let real = std::fs::canonicalize(&victim).unwrap();
    let run = site.check(&[]);
    assert_eq!(
        run.findings(),
        vec![row(
            "file-outside-site",
            "x.html",
            1,
            1,
            &format!(
                "this file is a symlink to {}, outside the site's folder: Galley neither reads nor writes it",
                real.display()
            )
        )],
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("SECRET"), "{}", run.stdout);
    let report = outside.path().join("report.html");
    galley(site.path(), &["report", "-o", report.to_str().unwrap()]);
    assert!(!std::fs::read_to_string(&report).unwrap().contains("SECRET"));
    let run = galley(site.path(), &["check", ".", "--fix"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "<p>SECRET-TOKEN and and more</p>\n"
    );
}

#[test]
fn fix_repairs_a_whole_run_of_repeats_and_reports_what_it_wrote() {
    let site = TempSite::new();
    site.write(
        "page.html",
        "---\n---\n<p>It is a very very very long way.</p>\n",
    );
    let run = galley(site.path(), &["check", ".", "--fix", "--format", "short"]);
    assert_eq!(
        std::fs::read_to_string(site.path().join("page.html")).unwrap(),
        "---\n---\n<p>It is a very long way.</p>\n"
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stderr,
        "fixed page.html:3:17: `very` repeats the word before it\n\
         fixed page.html:3:17: `very` repeats the word before it\n\
         fixed 2 findings in 1 file\n"
    );
    assert_eq!(
        run.stdout,
        "0 errors, 0 warnings, 0 infos in 2 files (jekyll site)\n"
    );
}

#[test]
fn a_lost_write_is_exit_2() {
    let site = TempSite::new();
    site.write("page.html", "---\n---\n<p>the the</p>\n");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let status = Command::new(env!("CARGO_BIN_EXE_galley"))
        .args(["check", ".", "--format", "sarif"])
        .current_dir(site.path())
        .stdout(Stdio::from(full))
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
}
