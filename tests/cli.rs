//! The command line: config handling, exit codes, formats, rules and init.

mod common;

use common::{TempSite, galley, repo_root};

const M: &str = "_data/software/messengers";

fn site_with_enum_defect() -> TempSite {
    let site = TempSite::new();
    site.messenger("1_a", "A");
    site.write(
        &format!("{M}/2_b.yml"),
        "title: B\ntype: Recomendation\nlogo: /assets/img/messengers/x.svg\ndescription: d\n",
    );
    site
}

#[test]
fn unknown_config_key_is_exit_2_at_its_line_and_column() {
    let site = site_with_enum_defect();
    site.write(
        "galley.toml",
        "[site]\nkind = \"jekyll\"\nignored = [\"x\"]\n",
    );
    let run = galley(site.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown field `ignored`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("galley.toml:3:1"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("help: did you mean `ignore`? expected one of `kind`, `ignore`, `generated`"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn bad_values_are_exit_2_at_the_value() {
    let site = site_with_enum_defect();
    site.write("galley.toml", "[rules]\nschema = \"loud\"\n");
    let run = galley(site.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("galley.toml:2:10"), "{}", run.stderr);
    assert!(
        run.stderr.contains("`loud` is not a level"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_rule_gets_a_suggestion() {
    let site = site_with_enum_defect();
    site.write("galley.toml", "[rules]\nschemas = \"off\"\n");
    let run = galley(site.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown rule `schemas`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `schema`?"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("galley.toml:2:1"), "{}", run.stderr);
}

#[test]
fn missing_schema_file_is_exit_2_at_the_binding() {
    let site = site_with_enum_defect();
    site.write(
        "galley.toml",
        "[schemas]\n\"_data/*.yml\" = \"schemas/nope.json\"\n",
    );
    let run = galley(site.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("cannot read schema file `schemas/nope.json`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("galley.toml:2:17"), "{}", run.stderr);
}

#[test]
fn a_missing_config_file_is_exit_2() {
    let site = site_with_enum_defect();
    let run = galley(site.path(), &["check", "--config", "nope.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot read config file nope.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn severity_and_off_come_from_config() {
    let site = site_with_enum_defect();
    site.write("galley.toml", "[rules]\nschema = \"warning\"\n");
    let run = galley(site.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 0, "warnings alone do not fail the run");
    let json = run.json();
    assert_eq!(json["findings"][0]["severity"], "warning");
    assert_eq!(json["summary"]["warnings"], 1);

    site.write("galley.toml", "[rules]\nschema = \"off\"\n");
    let run = galley(site.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.findings(), vec![]);
}

#[test]
fn custom_schema_bindings_and_ignore_globs() {
    let site = TempSite::new();
    site.write(
        "schemas/person.json",
        r#"{"type":"object","required":["name"],"properties":{"name":{"type":"string"}}}"#,
    );
    site.write("_data/people/ann.yml", "name: Ann\n");
    site.write("_data/people/bob.yml", "nick: bob\n");
    site.write("_data/vendor/zed.yml", "nick: zed\n");
    site.write(
        "galley.toml",
        "[site]\nignore = [\"_data/vendor/**\"]\n[schemas]\n\"_data/{people,vendor}/*.yml\" = \"schemas/person.json\"\n",
    );
    let run = galley(site.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.findings(),
        vec![(
            "schema".into(),
            "_data/people/bob.yml".into(),
            1,
            1,
            "missing required key `name`".into()
        )]
    );
}

#[test]
fn root_defaults_to_the_nearest_folder_with_galley_toml() {
    let site = site_with_enum_defect();
    site.write("galley.toml", "");
    let run = galley(
        &site.path().join("_data/software"),
        &["check", "--format", "short"],
    );
    assert_eq!(run.code, 1);
    // The path is written from the current folder, so that it opens from there.
    assert!(
        run.stdout
            .starts_with("messengers/2_b.yml:2:7: error[schema]"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_path_outside_the_root_is_exit_2() {
    let site = site_with_enum_defect();
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("x.yml"), "a: 1\n").unwrap();
    let outside = other.path().join("x.yml");
    let run = galley(
        site.path(),
        &["check", "--root", ".", outside.to_str().unwrap()],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is outside the site root"),
        "{}",
        run.stderr
    );
}

#[test]
fn human_output_shows_the_snippet_label_and_help() {
    let site = site_with_enum_defect();
    let run = galley(site.path(), &["check", "."]);
    assert_eq!(run.code, 1);
    let expected = format!(
        "schema

  × `type` must be one of \"Recommendation\", \"Worth Mentioning\", \"Anti-Recommendation\"
   ╭─[{M}/2_b.yml:2:7]
 1 │ title: B
 2 │ type: Recomendation
   ·       ──────┬──────
   ·             ╰── here
 3 │ logo: /assets/img/messengers/x.svg
   ╰────
  help: did you mean `Recommendation`? Which section of the page shows the card. Any other value
        silently drops the card from the page.

1 error, 0 warnings, 0 infos in 3 files (jekyll site)
"
    );
    assert_eq!(run.stdout, expected);
}

#[test]
fn control_characters_from_content_never_reach_the_terminal() {
    let site = TempSite::new();
    site.messenger("1_a", "A");
    site.write(&format!("{M}/2_b.yml"), "title: B\ntype: \"\\e[31mRed\\u202e\"\nlogo: /assets/img/messengers/x.svg\ndescription: d\n");
    let run = galley(site.path(), &["check", ".", "--format", "short"]);
    assert_eq!(run.code, 1);
    assert!(
        !run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{202e}'),
        "{:?}",
        run.stdout
    );
    let human = galley(site.path(), &["check", "."]);
    assert!(
        !human.stdout.contains('\u{1b}') && !human.stdout.contains('\u{202e}'),
        "{:?}",
        human.stdout
    );
}

#[test]
fn rules_and_explain() {
    let run = galley(&repo_root(), &["rules"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains(
            // Ids are padded to the longest, `template-field-optional`.
            "schema                  error    a data file that breaks the JSON Schema bound to it\n"
        ),
        "{}",
        run.stdout
    );
    let run = galley(&repo_root(), &["explain", "yaml-duplicate-key"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.starts_with(
            "# yaml-duplicate-key\n\nDefault severity: error\n\n## What it finds\nA key given twice"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("## Why it matters") && run.stdout.contains("## Example"));
    let run = galley(&repo_root(), &["explain", "yaml-duplicate-keys"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `yaml-duplicate-key`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_rule_is_documented_in_three_parts() {
    let run = galley(&repo_root(), &["rules"]);
    for line in run.stdout.lines() {
        let id = line.split_whitespace().next().unwrap();
        let doc = galley(&repo_root(), &["explain", id]).stdout;
        for part in ["## What it finds", "## Why it matters", "## Example"] {
            assert!(doc.contains(part), "rule {id} lacks {part}");
        }
    }
}

#[test]
fn docs_rules_md_is_generated_from_the_rules() {
    let run = galley(&repo_root(), &["rules", "--markdown"]);
    let committed = std::fs::read_to_string(repo_root().join("docs/rules.md")).unwrap();
    assert!(
        committed == run.stdout,
        "docs/rules.md is stale: run `cargo run -- rules --markdown > docs/rules.md`"
    );
}

#[test]
fn init_writes_a_config_that_check_accepts_and_does_not_overwrite() {
    let site = site_with_enum_defect();
    let run = galley(site.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path().join("galley.toml").is_file());
    let run = galley(site.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.findings().len(), 1);
    let run = galley(site.path(), &["init"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
}

#[test]
fn clean_site_exits_0() {
    let site = TempSite::new();
    site.messenger("1_a", "A");
    let run = galley(site.path(), &["check", "."]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "0 errors, 0 warnings, 0 infos in 2 files (jekyll site)\n"
    );
}

#[test]
fn write_saves_other_formats_from_the_same_run() {
    let site = site_with_enum_defect();
    let out = tempfile::tempdir().unwrap();
    let json = out.path().join("findings.json");
    let sarif = out.path().join("findings.sarif");
    let short = galley(
        site.path(),
        &[
            "check",
            "--format",
            "short",
            "--write",
            &format!("json={}", json.display()),
            "--write",
            &format!("SARIF={}", sarif.display()),
        ],
    );
    assert_eq!(short.code, 1);
    // The file holds what `--format json` prints.
    let printed = site.check(&[]);
    assert_eq!(std::fs::read_to_string(&json).unwrap(), printed.stdout);
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"][0]["ruleId"].as_str(),
        Some("schema")
    );
    assert!(
        short
            .stdout
            .contains("2_b.yml:2:7: error[schema] `type` must be one of"),
        "{}",
        short.stdout
    );
}

#[test]
fn write_of_an_unknown_format_or_no_file_is_exit_2() {
    let site = site_with_enum_defect();
    let run = site.check(&["--write", "github=x.txt"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "`github` is not a format --write knows (human, short, json, markdown, sarif, html)"
        ),
        "{}",
        run.stderr
    );
    let run = site.check(&["--write", "json="]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no file after `json=`"),
        "{}",
        run.stderr
    );
    let run = site.check(&["--write", "report.html"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("expected FORMAT=FILE, such as sarif=galley.sarif"),
        "{}",
        run.stderr
    );
}
