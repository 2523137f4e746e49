//! Findings a person can act on: groups and statistics, `galley-ignore`,
//! `[[overrides]]`, baselines, `--changed-since`, the site root found from
//! the paths, and the command line's conventions. Each test runs the binary
//! and asserts the exact findings.

mod common;

use std::path::Path;
use std::process::Command;

use common::{TempSite, galley, row};

/// A built HTML site (no `_config.yml`).
fn html_site() -> TempSite {
    let site = TempSite::new();
    std::fs::remove_file(site.path().join("_config.yml")).unwrap();
    site
}

fn page(body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><title>t</title></head>\n<body>\n{body}\n</body>\n</html>\n"
    )
}

const GONE: &str = "link to `/gone.html`, but the site has no page there";

#[test]
fn one_missing_page_is_one_group_counted_in_the_statistics() {
    let site = html_site();
    site.write("index.html", page("<a href=\"/gone.html\">a</a>"));
    site.write("a.html", page("<a href=\"/gone.html\">a</a>"));
    site.write("b/c.html", page("<a href=\"../gone.html\">c</a>"));
    let run = site.check(&[]);
    let json = run.json();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 3, "{}", run.stdout);
    let group = findings[0]["group"].as_str().unwrap();
    assert_eq!(group.len(), 16);
    assert!(
        findings.iter().all(|f| f["group"] == group),
        "{}",
        run.stdout
    );
    assert_eq!(
        json["summary"]["rules"],
        serde_json::json!([{ "rule": "link-missing", "severity": "error", "findings": 3, "groups": 1, "files": 3 }])
    );

    let run = galley(site.path(), &["check", "--statistics"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "rule          severity  findings  groups   files\n\
         link-missing  error            3       1       3\n\
         3 errors, 0 warnings, 0 infos in 3 files (html site)\n"
    );

    // Human output shows the cause once, then where else it is.
    let run = galley(site.path(), &["check"]);
    assert_eq!(
        run.stdout.matches("link-missing").count(),
        1,
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "  = the same cause 2 more times, in 3 files in all:\n      b/c.html:5:10\n      index.html:5:10\n"
        ),
        "{}",
        run.stdout
    );
    // Short output stays one line per occurrence.
    let run = galley(site.path(), &["check", "--format", "short"]);
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.contains("[link-missing]"))
            .count(),
        3
    );
}

#[test]
fn an_ignore_comment_silences_exactly_one_finding_and_an_unused_one_is_reported() {
    let site = html_site();
    site.write(
        "index.html",
        page(concat!(
            "<!-- galley-ignore word-repeated the band is called so -->\n",
            "<p>We saw Duran Duran live.</p>\n",
            "<p>Then then we left.</p>\n",
            "<!-- galley-ignore img-alt-missing -->\n",
            "<p>No image here.</p>\n",
            "<p>The end.</p> <!-- galley-ignore word-repeatd -->",
        )),
    );
    site.write(
        "_data/x.yml",
        "a: 1\n# galley-ignore yaml-duplicate-key kept for the old template\na: 2\nb: 1\nb: 2 # galley-ignore schema\n",
    );
    let run = site.check(&[]);
    assert_eq!(
        run.findings(),
        vec![
            row(
                "yaml-duplicate-key",
                "_data/x.yml",
                5,
                1,
                "duplicate key `b` (first given at line 4)"
            ),
            row(
                "suppression-unused",
                "_data/x.yml",
                5,
                22,
                "`galley-ignore schema` silences nothing: line 5 has no `schema` finding"
            ),
            row(
                "word-repeated",
                "index.html",
                7,
                9,
                "`then` repeats the word before it"
            ),
            row(
                "suppression-unused",
                "index.html",
                8,
                20,
                "`galley-ignore img-alt-missing` silences nothing: line 9 has no `img-alt-missing` finding"
            ),
            row(
                "suppression-unused",
                "index.html",
                10,
                36,
                "`galley-ignore` names `word-repeatd`, which is not a rule"
            ),
        ],
        "{}",
        run.stdout
    );
    // Without the comments, both words are reported.
    site.write(
        "index.html",
        page("<p>We saw Duran Duran live.</p>\n<p>Then then we left.</p>"),
    );
    let rows = site.check(&[]).findings();
    assert_eq!(
        rows.iter()
            .filter(|f| f.0 == "word-repeated")
            .map(|f| (f.2, f.4.as_str()))
            .collect::<Vec<_>>(),
        vec![
            (5, "`Duran` repeats the word before it"),
            (6, "`then` repeats the word before it")
        ]
    );
}

#[test]
fn liquid_and_file_wide_ignores_in_a_jekyll_site() {
    let site = TempSite::new();
    site.write(
        "_includes/card.html",
        "{% comment %}galley-ignore link-missing the old address stays for now{% endcomment %}\n<a href=\"/old/\">old</a>\n<a href=\"/older/\">older</a>\n",
    );
    site.write(
        "index.html",
        "---\n---\n<!-- galley-ignore-file link-missing -->\n{% include card.html %}\n<a href=\"/a/\">a</a>\n<a href=\"/b/\">b</a>\n",
    );
    let run = site.check(&[]);
    assert_eq!(
        run.findings(),
        vec![row(
            "link-missing",
            "_includes/card.html",
            3,
            10,
            "link to `/older/`, but the site has no page there"
        )],
        "{}",
        run.stdout
    );
}

#[test]
fn an_override_turns_a_rule_off_under_one_folder_only() {
    let site = html_site();
    site.write("legacy/a.html", page("<a href=\"/gone.html\">a</a>"));
    site.write("new/b.html", page("<a href=\"/gone.html\">b</a>"));
    site.write(
        "galley.toml",
        "[[overrides]]\npaths = [\"legacy/**\"]\n[overrides.rules]\nlink-missing = \"off\"\n",
    );
    let run = site.check(&[]);
    assert_eq!(
        run.findings(),
        vec![row("link-missing", "new/b.html", 5, 10, GONE)],
        "{}",
        run.stdout
    );

    // A later entry wins; a folder name alone covers what is under it.
    site.write(
        "galley.toml",
        "[[overrides]]\npaths = [\"legacy\"]\n[overrides.rules]\nlink-missing = \"off\"\n\n[[overrides]]\npaths = [\"legacy/a.html\"]\n[overrides.rules]\nlink-missing = \"warning\"\n",
    );
    let run = site.check(&[]);
    let json = run.json();
    let severities: Vec<(&str, &str)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(
        severities,
        vec![("legacy/a.html", "warning"), ("new/b.html", "error")]
    );
}

#[test]
fn a_path_under_rules_points_at_overrides() {
    let site = html_site();
    site.write("index.html", page("<p>x</p>"));
    site.write(
        "galley.toml",
        "[rules.\"legacy/**\"]\nlink-missing = \"off\"\n",
    );
    let run = galley(site.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`legacy/**` is a path, but [rules] takes rule ids"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("galley.toml:1:8"), "{}", run.stderr);
    assert!(run.stderr.contains("[[overrides]]"), "{}", run.stderr);

    site.write(
        "galley.toml",
        "[[overrides]]\npaths = [\"legacy/[\"]\n[overrides.rules]\nlink-missing = \"off\"\n",
    );
    let run = galley(site.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`legacy/[` is not a valid glob"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("galley.toml:2:10"), "{}", run.stderr);
}

#[test]
fn a_baseline_hides_old_findings_and_shows_a_new_one() {
    let site = html_site();
    site.write("index.html", page("<a href=\"/gone.html\">old</a>"));
    let run = galley(site.path(), &["check", "--write-baseline", "baseline.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("wrote baseline.json: 1 finding;"),
        "{}",
        run.stderr
    );

    // A line added above the old finding moves it; it is still known.
    site.write(
        "index.html",
        page("<p>A new paragraph.</p>\n<a href=\"/gone.html\">old</a>\n<a href=\"/also-gone.html\">new</a>"),
    );
    let run = site.check(&["--baseline", "baseline.json"]);
    assert_eq!(
        run.findings(),
        vec![row(
            "link-missing",
            "index.html",
            7,
            10,
            "link to `/also-gone.html`, but the site has no page there"
        )],
        "{}",
        run.stdout
    );
    assert_eq!(
        run.json()["summary"]["baseline"],
        serde_json::json!({ "known": 1, "fixed": 0 })
    );
    assert!(
        run.stderr
            .contains("note: 1 finding in the baseline not reported; 0 of its entries fixed"),
        "{}",
        run.stderr
    );

    // Fixing the old one is counted.
    site.write("index.html", page("<p>All fixed.</p>"));
    let run = galley(site.path(), &["check", "--baseline", "baseline.json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("0 findings in the baseline not reported; 1 of its entries fixed"),
        "{}",
        run.stderr
    );

    site.write("bad.json", "{\"version\": 7, \"findings\": []}");
    let run = galley(site.path(), &["check", "--baseline", "bad.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("format version 7"), "{}", run.stderr);
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Galley",
            "-c",
            "user.email=galley@example.org",
        ])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn changed_since_reports_what_the_change_did_and_not_old_defects() {
    let repo = tempfile::tempdir().unwrap();
    let root = repo.path();
    git(root, &["init", "-q"]);
    let write = |path: &str, text: String| {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    };
    write("site/_config.yml", "title: t\n".into());
    write(
        "site/old.html",
        page("<a href=\"/nowhere/\">an old defect</a>"),
    );
    write("site/b.html", page("<p id=\"x\">b</p>"));
    write(
        "site/c.html",
        page("<a href=\"/b.html\">b</a> <a href=\"/b.html#x\">b, x</a>"),
    );
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "site"]);
    git(root, &["checkout", "-q", "-b", "change"]);

    // The change deletes b.html, adds a page with a defect, and edits the
    // old page elsewhere than the old defect's line.
    std::fs::remove_file(root.join("site/b.html")).unwrap();
    write("site/new.html", page("<img src=\"/pic.png\">"));
    write(
        "site/old.html",
        page("<p>An edit above.</p>\n<a href=\"/nowhere/\">an old defect</a>"),
    );
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "change"]);

    let run = galley(
        root,
        &[
            "check",
            "site",
            "--format",
            "json",
            "--changed-since",
            "main",
        ],
    );
    let mut rows = run.findings();
    rows.sort();
    assert_eq!(
        rows,
        vec![
            row(
                "asset-missing",
                "new.html",
                5,
                11,
                "`/pic.png` (img src) is not in the site"
            ),
            row(
                "img-alt-missing",
                "new.html",
                5,
                1,
                "image `/pic.png` has no alt attribute"
            ),
            row(
                "link-missing",
                "c.html",
                5,
                10,
                "link to `/b.html`, but the site has no page there"
            ),
            row(
                "link-missing",
                "c.html",
                5,
                34,
                "link to `/b.html#x`, but the site has no page at `/b.html`"
            ),
        ],
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    assert!(
        run.stderr
            .contains("note: 1 finding that were there at `main` not reported; 0 fixed since"),
        "{}",
        run.stderr
    );
    // The user's index and branch are untouched.
    let status = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&status.stdout), "");

    let run = galley(
        root,
        &["check", "site", "--changed-since", "no-such-branch"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`no-such-branch` is not a commit of this repository"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_empty_folder_exits_2_and_says_what_was_looked_for() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let run = galley(dir.path(), &["check", "empty"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "error: nothing to check: `empty` holds no HTML, Markdown or YAML file (html site); pass --root DIR, or the site's folder, to check a site elsewhere\n"
    );

    // A folder of a site that holds nothing to check is the same.
    let site = TempSite::new();
    site.write("index.md", "# Home\n");
    std::fs::create_dir(site.path().join("collections")).unwrap();
    let run = galley(site.path(), &["check", "collections"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("nothing to check: `collections` in the site at `.` holds no HTML, Markdown or YAML file"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_page_given_from_outside_the_site_finds_the_root() {
    let repo = tempfile::tempdir().unwrap();
    let site = repo.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("_config.yml"), "title: t\n").unwrap();
    std::fs::write(site.join("page.html"), page("<a href=\"/gone/\">x</a>")).unwrap();
    std::fs::write(
        site.join("other.html"),
        page("<a href=\"/gone-too/\">x</a>"),
    )
    .unwrap();
    let run = galley(
        repo.path(),
        &["check", "site/page.html", "--format", "short"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "site/page.html:5:10: error[link-missing] link to `/gone/`, but the site has no page there\n\
         1 error, 0 warnings, 0 infos in 1 file (jekyll site)\n"
    );
    assert_eq!(
        run.stderr,
        "note: checking the site at `site` (it has `_config.yml`)\n"
    );

    // From inside the site, paths are written from there.
    std::fs::create_dir(site.join("sub")).unwrap();
    let run = galley(&site.join("sub"), &["check", "--format", "short", "-q"]);
    assert_eq!(
        run.stdout,
        "../other.html:5:10: error[link-missing] link to `/gone-too/`, but the site has no page there\n\
         ../page.html:5:10: error[link-missing] link to `/gone/`, but the site has no page there\n"
    );

    // A hook may pass a file outside the site first: the site is still found
    // from the next, and the outside file is noted, not checked.
    std::fs::write(repo.path().join("README.html"), page("<p>readme</p>")).unwrap();
    let run = galley(
        repo.path(),
        &[
            "check",
            "README.html",
            "site/page.html",
            "--format",
            "short",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("site/page.html:5:10: error[link-missing]"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stderr,
        "note: checking the site at `site` (it has `_config.yml`)\n\
         note: `README.html` is outside the site at `site`: not checked\n"
    );

    // From the repository's top, Jekyll sources below are pointed out.
    let run = galley(repo.path(), &["check"]);
    assert!(
        run.stderr.contains(
            "note: `site` has `_config.yml`: it holds sources a generator builds, which were read here as built HTML; to check them, run `galley check site`"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn command_line_conventions() {
    let run = galley(Path::new("."), &["--version"]);
    assert_eq!(
        run.stdout,
        format!("galley {}\n", env!("CARGO_PKG_VERSION"))
    );

    let site = html_site();
    site.write(
        "index.html",
        page("<p>We accomodate the the readers.</p>\n<a href=\"/gone.html\">x</a>"),
    );
    let run = galley(site.path(), &["check", "--format", "short"]);
    assert_eq!(
        run.stdout,
        "index.html:5:7: warning[misspelling] `accomodate` is a common misspelling (fix: accomodate -> accommodate)\n\
         index.html:5:22: error[word-repeated] `the` repeats the word before it (fix: delete `the`)\n\
         index.html:6:10: error[link-missing] link to `/gone.html`, but the site has no page there\n\
         2 errors, 1 warning, 0 infos in 1 file (html site)\n"
    );
    let run = galley(
        site.path(),
        &["check", "--format", "short", "-q", "--exit-zero"],
    );
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
    assert_eq!(run.stderr, "");

    let run = galley(
        site.path(),
        &["check", "--format", "json", "-o", "out.json"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    let written = std::fs::read_to_string(site.path().join("out.json")).unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&written).unwrap()["summary"]["errors"],
        2
    );

    let run = galley(site.path(), &["check", "--color", "always"]);
    assert!(
        run.stdout.contains("\u{1b}["),
        "NO_COLOR is set, but always wins"
    );
    let run = galley(site.path(), &["check", "--color", "never"]);
    assert!(!run.stdout.contains("\u{1b}["));

    let run = galley(site.path(), &["report", "-o", "r.html"]);
    assert_eq!(run.code, 1);
    let run = galley(site.path(), &["report", "-o", "r.html", "--exit-zero"]);
    assert_eq!(run.code, 0);
    assert!(site.path().join("r.html").is_file());

    let run = galley(site.path(), &["check", "--statistics", "--format", "json"]);
    assert_eq!(run.code, 2);
}
