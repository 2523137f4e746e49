//! The prose rules (`word-repeated`, `misspelling`) on every text source of the
//! example site — HTML text and attributes, front matter, Markdown pages with
//! HTML inside, YAML prose fields (asserted in tests/data_checker.rs) — their
//! exceptions, the config's allow lists, and `check --fix`.

mod common;

use std::path::Path;

use common::{Row, TempSite, galley, repo_root, row};

fn repeated(path: &str, line: u64, column: u64, word: &str) -> Row {
    row(
        "word-repeated",
        path,
        line,
        column,
        &format!("`{word}` repeats the word before it"),
    )
}

fn misspelt(path: &str, line: u64, column: u64, word: &str) -> Row {
    row(
        "misspelling",
        path,
        line,
        column,
        &format!("`{word}` is a common misspelling"),
    )
}

fn prose_findings(run: &common::Run) -> Vec<Row> {
    run.findings()
        .into_iter()
        .filter(|f| f.0 == "word-repeated" || f.0 == "misspelling")
        .filter(|f| !f.1.starts_with("_data/"))
        .collect()
}

#[test]
fn every_page_source_reports_its_prose_defects_at_exact_positions() {
    let run = galley(
        &repo_root(),
        &["check", "fixtures/site", "--format", "json"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        prose_findings(&run),
        vec![
            // Text and a `title` attribute.
            misspelt("checks/misspelling.html", 5, 17, "recieve"),
            misspelt("checks/misspelling.html", 5, 73, "seperate"),
            // Across an inline tag, a line break, and in `alt`.
            repeated("checks/word-repeated.html", 5, 28, "been"),
            repeated("checks/word-repeated.html", 7, 1, "different"),
            repeated("checks/word-repeated.html", 8, 49, "the"),
            // Markdown: front matter, across `**`, a line break, in an HTML
            // block, in an image's alt text.
            repeated("checks/word-repeated.md", 4, 48, "repeats"),
            repeated("checks/word-repeated.md", 9, 23, "been"),
            repeated("checks/word-repeated.md", 11, 1, "different"),
            repeated("checks/word-repeated.md", 14, 15, "the"),
            repeated("checks/word-repeated.md", 17, 7, "the"),
            // The real page: its front-matter description, and its text.
            repeated("real-time-communication.html", 5, 173, "been"),
            repeated("real-time-communication.html", 26, 128, "different"),
        ]
    );
    let findings = run.json()["findings"].as_array().unwrap().clone();
    let help = |path: &str, line: u64| {
        findings
            .iter()
            .find(|f| f["path"] == path && f["line"] == line)
            .map(|f| f["help"].as_str().unwrap().to_owned())
            .unwrap()
    };
    assert_eq!(
        help("real-time-communication.html", 5),
        "delete the second `been`: \"have been independently\""
    );
    assert_eq!(
        help("checks/misspelling.html", 5),
        "write `receive`; if `recieve` is right here, add it to `[prose] allow_words`"
    );
    // `--fix` can delete a double separated by whitespace, not one with a tag
    // between the two words.
    let fixable = |path: &str, line: u64| {
        findings
            .iter()
            .find(|f| f["path"] == path && f["line"] == line && f["rule"] == "word-repeated")
            .map(|f| f["fixable"].as_bool().unwrap())
            .unwrap()
    };
    assert!(fixable("checks/word-repeated.html", 7));
    assert!(!fixable("checks/word-repeated.html", 5));
}

#[test]
fn correct_prose_and_text_that_is_not_prose_are_quiet() {
    // Allowed doubles, sentence punctuation, code, link targets, adjacent
    // links, URLs, e-mail addresses, identifiers, Liquid, character
    // references, kramdown attribute lists — in HTML and in Markdown.
    let run = galley(
        &repo_root(),
        &[
            "check",
            "--root",
            "fixtures/site",
            "fixtures/site/tricky-but-valid.md",
            "fixtures/site/tricky-but-valid.html",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.findings(), vec![]);
}

#[test]
fn the_config_extends_the_allowed_words_and_the_prose_fields() {
    let site = TempSite::new();
    site.write(
        "index.md",
        "---\ntitle: Home\n---\nA very very long text about Briar and Recieve Labs; recieve.\n",
    );
    site.write(
        "_data/apps.yml",
        "- name: Briar\n  notes: |\n    It works works offline.\n  description: A a fine app.\n",
    );
    let run = site.check(&[]);
    assert_eq!(
        prose_findings(&run)
            .into_iter()
            .chain(
                run.findings()
                    .into_iter()
                    .filter(|f| f.1.starts_with("_data/"))
            )
            .collect::<Vec<_>>(),
        vec![
            repeated("index.md", 4, 8, "very"),
            misspelt("index.md", 4, 39, "Recieve"),
            misspelt("index.md", 4, 53, "recieve"),
            repeated("_data/apps.yml", 4, 18, "a"),
        ]
    );
    site.write(
        "galley.toml",
        "[prose]\nallow_repeated = [\"Very\"]\nallow_words = [\"recieve\"]\ndata_fields = [\"notes\"]\n",
    );
    let run = site.check(&[]);
    assert_eq!(
        run.findings(),
        vec![repeated("_data/apps.yml", 3, 14, "works")]
    );
}

fn read(root: &Path, path: &str) -> String {
    std::fs::read_to_string(root.join(path)).unwrap()
}

#[test]
fn fix_deletes_safe_repeats_corrects_sure_misspellings_reports_each_and_touches_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::copy_tree(&repo_root().join("fixtures/site"), root);
    let fixed_paths = [
        "_data/software/messengers/16_word-repeated.yml",
        "_data/software/messengers/17_misspelling.yml",
        "checks/misspelling.html",
        "checks/word-repeated.html",
        "checks/word-repeated.md",
        "real-time-communication.html",
    ];

    let run = galley(root, &["check", ".", "--fix", "--format", "json"]);
    assert_eq!(run.code, 1, "other defects remain: {}", run.stderr);
    assert_eq!(
        run.stderr,
        "fixed _data/software/messengers/16_word-repeated.yml:7:3: `the` repeats the word before it\n\
         fixed _data/software/messengers/16_word-repeated.yml:7:28: `was` repeats the word before it\n\
         fixed _data/software/messengers/16_word-repeated.yml:7:56: `the` repeats the word before it\n\
         fixed _data/software/messengers/17_misspelling.yml:4:28: `recieve` is a common misspelling\n\
         fixed _data/software/messengers/17_misspelling.yml:5:12: `seperate` is a common misspelling\n\
         fixed checks/misspelling.html:5:17: `recieve` is a common misspelling\n\
         fixed checks/misspelling.html:5:73: `seperate` is a common misspelling\n\
         fixed checks/word-repeated.html:7:1: `different` repeats the word before it\n\
         fixed checks/word-repeated.html:8:49: `the` repeats the word before it\n\
         fixed checks/word-repeated.md:4:48: `repeats` repeats the word before it\n\
         fixed checks/word-repeated.md:11:1: `different` repeats the word before it\n\
         fixed checks/word-repeated.md:14:15: `the` repeats the word before it\n\
         fixed checks/word-repeated.md:17:7: `the` repeats the word before it\n\
         fixed real-time-communication.html:5:173: `been` repeats the word before it\n\
         fixed real-time-communication.html:26:128: `different` repeats the word before it\n\
         fixed 15 findings in 6 files\n"
    );
    // Repeats with markup between the words need a person: `been <em>been</em>`,
    // `**been**`, a word outside a link and one inside it.
    let left: Vec<Row> = run
        .findings()
        .into_iter()
        .filter(|f| f.0 == "word-repeated")
        .collect();
    assert_eq!(
        left,
        vec![
            repeated(
                "_data/software/messengers/16_word-repeated.yml",
                5,
                24,
                "the"
            ),
            repeated("checks/word-repeated.html", 5, 28, "been"),
            repeated("checks/word-repeated.md", 9, 23, "been"),
        ]
    );
    assert_eq!(
        read(root, "checks/word-repeated.html"),
        "---\nlayout: default\ntitle: word-repeated\n---\n\
         <p>Both apps have been <em>been</em> independently audited.</p>\n\
         <p>They offer different privacy guarantees.</p>\n\
         <img src=\"/assets/img/layout/logo.svg\" alt=\"The Galley logo\">\n"
    );
    assert!(
        read(root, "_data/software/messengers/16_word-repeated.yml").contains(
            "[the address book](https://berty.tech/docs)\n  the phone's own, and was audited"
        )
    );
    // A misspelling with one correction is corrected in place.
    let page = read(root, "checks/misspelling.html");
    assert!(
        page.contains("receive") && page.contains("separate"),
        "{page}"
    );
    assert!(
        !page.contains("recieve") && !page.contains("seperate"),
        "{page}"
    );
    // Every other file is byte for byte what it was.
    let mut unchanged = 0;
    for path in common::files_under(root, root) {
        if fixed_paths.contains(&path.as_str()) {
            continue;
        }
        assert_eq!(
            std::fs::read(root.join(&path)).unwrap(),
            std::fs::read(repo_root().join("fixtures/site").join(&path)).unwrap(),
            "{path} changed"
        );
        unchanged += 1;
    }
    assert!(unchanged > 30);

    // A second run has nothing left to fix.
    let again = galley(root, &["check", ".", "--fix", "--format", "short"]);
    assert_eq!(again.stderr, "fixed 0 findings in 0 files\n");
}
