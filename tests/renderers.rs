//! Galley's site model against the real renderers: fixtures are built with
//! Debian's `jekyll` (4.3, with kramdown; installed by the test when missing,
//! as the report test installs Chromium) and rendered with Python-Markdown
//! (from PyPI, in a virtualenv under the target folder), and Galley's heading
//! ids, URLs and output files are compared with what they wrote.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{galley, repo_root};

fn jekyll() -> PathBuf {
    common::debian_command(&["jekyll"], "jekyll")
}

/// Copies a fixture into a temporary folder (Jekyll writes its cache and
/// output there, never into the checkout) and builds it.
fn build(fixture: &str, extra_config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&repo_root().join("fixtures").join(fixture), dir.path());
    if !extra_config.is_empty() {
        let config = dir.path().join("_config.yml");
        let mut text = std::fs::read_to_string(&config).unwrap();
        text.push_str(extra_config);
        std::fs::write(&config, text).unwrap();
    }
    let out = Command::new(jekyll())
        .args(["build", "--quiet", "--disable-disk-cache"])
        .current_dir(dir.path())
        .env("JEKYLL_ENV", "production")
        .output()
        .expect("run jekyll");
    assert!(
        out.status.success(),
        "jekyll build failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// The `id` of every `<h1>`…`<h6>` of a page, in order (`-` for none).
fn heading_ids(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<h") {
        rest = &rest[at + 2..];
        if !rest.starts_with(|c: char| ('1'..='6').contains(&c)) {
            continue;
        }
        let tag = &rest[..rest.find('>').unwrap()];
        ids.push(match tag.split_once("id=\"") {
            Some((_, after)) => after[..after.find('"').unwrap()].to_owned(),
            None => "-".to_owned(),
        });
    }
    ids
}

/// The ids recorded in `fixtures/kramdown-ids/expected-ids.txt` for `section`.
fn recorded(section: &str) -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join("fixtures/kramdown-ids/expected-ids.txt"))
        .unwrap();
    text.lines()
        .skip_while(|l| !l.starts_with(&format!("[{section}]")))
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .map(str::to_owned)
        .collect()
}

#[test]
fn recorded_heading_ids_are_what_jekyll_writes() {
    // Galley's ids are unit-tested against the recorded file
    // (galley-markdown's heading_ids); this proves the file is Jekyll's.
    let gfm = build("kramdown-ids", "");
    let page = std::fs::read_to_string(gfm.path().join("_site/headings/index.html")).unwrap();
    assert_eq!(heading_ids(&page), recorded("kramdown-gfm"));
    let kramdown = build("kramdown-ids", "kramdown:\n  input: kramdown\n");
    let page = std::fs::read_to_string(kramdown.path().join("_site/headings/index.html")).unwrap();
    assert_eq!(heading_ids(&page), recorded("kramdown"));
}

#[test]
fn every_source_file_is_output_where_galley_says() {
    let site = build("jekyll-model", "");
    let root = site.path();
    let mut sources = common::files_under(root, root);
    sources.retain(|p| !p.starts_with("_site/") && p != "_config.yml");
    let mut built = common::files_under(&root.join("_site"), &root.join("_site"));
    built.sort();

    let mut outputs = Vec::new();
    for source in &sources {
        let run = galley(root, &["explain-url", source, "--root", "."]);
        let output = run
            .stdout
            .lines()
            .find_map(|l| l.trim().strip_prefix("output:"))
            .map(|o| o.trim().to_owned());
        let url = run
            .stdout
            .lines()
            .find_map(|l| l.trim().strip_prefix("url:"))
            .map(|u| u.trim().to_owned())
            .unwrap();
        match output {
            Some(output) => {
                assert!(
                    built.contains(&output),
                    "{source}: Galley says {output}, Jekyll wrote {built:?}"
                );
                let expected_url = format!("/docs/{}", output.trim_end_matches("index.html"));
                assert_eq!(url, expected_url, "{source}");
                outputs.push(output);
            }
            None => assert_eq!(run.code, 1, "{source}: {}", run.stdout),
        }
    }
    outputs.sort();
    assert_eq!(
        outputs, built,
        "every file Jekyll wrote comes from a source Galley knows"
    );
    assert_eq!(built.len(), 11);
}

/// The Python-Markdown release whose ids are recorded.
const PYTHON_MARKDOWN: &str = "Markdown==3.7";

#[test]
fn recorded_python_markdown_ids_are_what_it_writes() {
    let venv = common::python_venv("python-markdown-venv", PYTHON_MARKDOWN);
    let script = "import sys, markdown\n\
                  text = open(sys.argv[1], encoding='utf-8').read().split('\\n---\\n', 1)[1]\n\
                  print(markdown.markdown(text, extensions=['toc', 'attr_list']))\n";
    let out = Command::new(venv.join("bin/python"))
        .args(["-c", script])
        .arg(repo_root().join("fixtures/kramdown-ids/headings.md"))
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).unwrap();
    assert_eq!(heading_ids(&html), recorded("python-markdown"));
}
