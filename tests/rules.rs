//! Every rule's fixture, checked through the library and compared with its
//! snapshot.
//!
//! `fixtures/rules/<rule-id>/` is a small site: files whose path holds
//! `fires` show the rule firing, files whose path holds `quiet` are
//! look-alikes it must stay quiet on. Its findings (of every rule: a fixture
//! that trips another rule shows it) are compared with
//! `fixtures/rules/snapshots/<rule-id>.snap`. Adding a rule means adding its
//! folder and accepting its snapshot (`cargo insta review`, or
//! `INSTA_UPDATE=always cargo test --test rules`); nothing else counts rules.
//!
//! Conventions a fixture can use:
//! - `galley.toml` is the site's config, read as the binary reads it.
//! - `http://galley.test` in any file is the address of a server this test
//!   starts on 127.0.0.1 (see `reply`), so external-link rules are checked
//!   without the internet; the snapshot shows the placeholder again.
//! - `crash-on` holds a `GALLEY_TEST_CRASH_ON` value (debug builds crash on
//!   purpose there), for `internal-error`.
//! - `symlinks` holds lines `LINK -> TARGET`: the copy gets those symlinks
//!   (a target outside the site, such as `/etc/passwd`, for
//!   `file-outside-site`), so that no symlink is committed.

mod common;

use std::path::{Path, PathBuf};

use common::http::{Reply, TestServer};
use common::repo_root;
use galley_core::{Config, Finding};

const SERVER_PLACEHOLDER: &str = "http://galley.test";

/// What the fixtures' external links find.
fn reply(_method: &str, path: &str, _before: usize) -> Reply {
    match path {
        "/ok" | "/ok/" => Reply::html("<h1 id=\"present\">Present</h1>"),
        "/gone" => Reply::status(404),
        "/moved" => Reply::redirect(301, "/ok"),
        "/blocked" => Reply::status(403),
        "/reset" => Reply::Reset,
        _ => Reply::status(404),
    }
}

#[test]
fn every_rule_fires_on_its_fixture_and_stays_quiet_on_the_look_alike() {
    let registry = galley_check::registry();
    let server = TestServer::start(reply);
    let server_url = server.url("");
    let mut problems = Vec::new();
    for rule in registry.iter() {
        let fixture = repo_root().join("fixtures/rules").join(rule.id);
        if !fixture.is_dir() {
            problems.push(format!("{}: no fixtures/rules/{}/", rule.id, rule.id));
            continue;
        }
        let site = tempfile::tempdir().expect("temp dir");
        copy_site(&fixture, site.path(), &server_url);
        let root = std::fs::canonicalize(site.path()).unwrap();
        let findings = check(&root, &registry);
        let text = render(&findings).replace(&server_url, SERVER_PLACEHOLDER);

        if !findings
            .iter()
            .any(|f| f.rule == rule.id && f.path.contains("fires"))
        {
            problems.push(format!(
                "{}: nothing fires in a `fires` file of its fixture; it found:\n{text}",
                rule.id
            ));
        }
        for finding in findings.iter().filter(|f| f.rule == rule.id) {
            if finding.path.contains("quiet") {
                problems.push(format!(
                    "{}: fires on the look-alike {}:{}",
                    rule.id, finding.path, finding.span.start.line
                ));
            }
        }
        if !has_path_with(&fixture, "quiet") {
            problems.push(format!("{}: no `quiet` look-alike in its fixture", rule.id));
        }
        let snapshot = std::panic::catch_unwind(|| {
            insta::with_settings!({
                snapshot_path => repo_root().join("fixtures/rules/snapshots"),
                prepend_module_to_snapshot => false,
                omit_expression => true,
                description => format!("galley check fixtures/rules/{}", rule.id),
            }, {
                insta::assert_snapshot!(rule.id, text);
            });
        });
        if snapshot.is_err() {
            problems.push(format!("{}: findings differ from its snapshot", rule.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Checks the site at `root` as `galley check` would, with its `galley.toml`.
fn check(root: &Path, registry: &galley_core::RuleRegistry) -> Vec<Finding> {
    let config_path = root.join("galley.toml");
    let config = if config_path.is_file() {
        Config::load(&config_path).expect("the fixture's galley.toml is valid")
    } else {
        Config::default()
    };
    let crash_on = std::fs::read_to_string(root.join("crash-on")).ok();
    // Only this test runs in this binary, so the variable is seen by no other.
    // SAFETY: no other thread reads or writes the environment meanwhile (the
    // test server's threads do not).
    unsafe {
        match &crash_on {
            Some(value) => std::env::set_var("GALLEY_TEST_CRASH_ON", value.trim()),
            None => std::env::remove_var("GALLEY_TEST_CRASH_ON"),
        }
    }
    let options = galley_check::Options {
        external: config.links.check,
        ..galley_check::Options::default()
    };
    let checked = galley_check::check(root, config, None, options, registry);
    unsafe { std::env::remove_var("GALLEY_TEST_CRASH_ON") };
    match checked {
        Ok(checked) => checked.findings,
        Err(galley_check::Failure::Config(err)) => panic!("bad config: {err:?}"),
        Err(galley_check::Failure::NothingChecked(why)) => panic!("{why}"),
    }
}

/// One line per finding, then its help: what a reader of the snapshot needs.
fn render(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&format!(
            "{}:{}:{} {} {}: {}\n    help: {}\n",
            f.path,
            f.span.start.line,
            f.span.start.column,
            f.severity.as_str(),
            f.rule,
            f.message,
            f.help
        ));
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}

/// Copies the fixture into `to`, with the test server's address for the
/// placeholder in every text file.
fn copy_site(from: &Path, to: &Path, server_url: &str) {
    for entry in walk(from) {
        let relative = entry.strip_prefix(from).unwrap();
        if relative == Path::new("symlinks") {
            let text = std::fs::read_to_string(&entry).unwrap();
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let (link, target) = line.split_once(" -> ").expect("LINK -> TARGET");
                #[cfg(unix)]
                std::os::unix::fs::symlink(target.trim(), to.join(link.trim())).unwrap();
                #[cfg(not(unix))]
                let _ = (link, target);
            }
            continue;
        }
        let target = to.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let bytes = std::fs::read(&entry).unwrap();
        let bytes = match String::from_utf8(bytes) {
            Ok(text) => text.replace(SERVER_PLACEHOLDER, server_url).into_bytes(),
            Err(err) => err.into_bytes(),
        };
        std::fs::write(&target, bytes).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn has_path_with(dir: &Path, word: &str) -> bool {
    walk(dir).iter().any(|path| {
        path.strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .contains(word)
    })
}
