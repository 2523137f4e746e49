//! `--format github`: annotations, escaping, the per-level limit and the job summary.

mod common;

use common::{TempSite, galley, repo_root};
use std::process::Command;

const M: &str = "_data/software/messengers";

fn run_github(
    cwd: &std::path::Path,
    args: &[&str],
    summary: Option<&std::path::Path>,
) -> (i32, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_galley"));
    command
        .args(args)
        .current_dir(cwd)
        .env("GITHUB_ACTIONS", "true")
        // The step outputs of the CI job running these tests are not ours.
        .env_remove("GITHUB_OUTPUT")
        .env_remove("GITHUB_WORKSPACE");
    match summary {
        Some(path) => command.env("GITHUB_STEP_SUMMARY", path),
        None => command.env_remove("GITHUB_STEP_SUMMARY"),
    };
    let output = command.output().unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn github_format_is_the_default_in_actions_and_paths_are_from_the_repository_root() {
    let (code, out) = run_github(&repo_root(), &["check", "fixtures/site"], None);
    assert_eq!(code, 1);
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        "::error file=fixtures/site/_data/software/messengers/5_schema-enum.yml,line=2,col=7,endLine=2,endColumn=20,\
         title=galley schema::`type` must be one of \"Recommendation\", \"Worth Mentioning\", \"Anti-Recommendation\"\
         %0A%0Ahelp: did you mean `Recommendation`? Which section of the page shows the card. Any other value silently drops the card from the page."
    );
    // 49 errors, 13 warnings and 6 infos: 10 errors, 10 warnings and 6
    // notices annotated, 39 errors and 3 warnings left to the summary.
    assert_eq!(
        out.lines().filter(|l| l.starts_with("::error ")).count(),
        10
    );
    assert_eq!(
        out.lines().filter(|l| l.starts_with("::warning ")).count(),
        10
    );
    assert_eq!(
        out.lines().filter(|l| l.starts_with("::notice ")).count(),
        6
    );
    assert!(out.ends_with("51 errors, 13 warnings, 6 infos in 57 files (jekyll site)\n44 more findings were not annotated (GitHub shows 10 per level); see the job summary\n"), "{out}");
}

#[test]
fn content_cannot_inject_workflow_commands() {
    let site = TempSite::new();
    site.messenger("1_a", "A");
    site.write(
        &format!("{M}/2_b.yml"),
        "title: B\ntype: \"x\\n::add-mask::secret\\r\\n::error file=a::forged\"\nlogo: /assets/img/messengers/x.svg\ndescription: d\n\"k\\n::warning::y,z\": 1\n",
    );
    let (code, out) = run_github(site.path(), &["check", "."], None);
    assert_eq!(code, 1);
    for line in out.lines().filter(|line| line.starts_with("::")) {
        assert!(
            line.starts_with(&format!("::error file={M}/2_b.yml,line=")),
            "injected: {line}"
        );
    }
    assert!(out.contains("unknown key `k%0A::warning::y,z`"), "{out}");
    assert_eq!(out.lines().filter(|l| l.starts_with("::")).count(), 2);
}

#[test]
fn job_summary_lists_every_finding_with_markdown_escaped() {
    let site = TempSite::new();
    site.messenger("1_a", "A");
    site.write(
        &format!("{M}/2_b.yml"),
        "title: B\ntype: Recommendation\nlogo: /assets/img/messengers/x.svg\ndescription: d\n\"<b>|x\": 1\n",
    );
    // Outside the site, as on a runner: the summary is not a page of the site.
    let summary_dir = tempfile::tempdir().unwrap();
    let summary = summary_dir.path().join("summary.md");
    std::fs::write(&summary, "previous step\n").unwrap();
    let (code, _) = run_github(site.path(), &["check", "."], Some(&summary));
    assert_eq!(code, 1);
    let text = std::fs::read_to_string(&summary).unwrap();
    let location = format!("{}/2\\_b.yml:5:1", M.replace('_', "\\_"));
    let expected = format!(
        "previous step\n## Galley\n\n**1 error, 0 warnings, 0 infos in 3 files \\(jekyll site\\)**\n\n\
         | severity | rule | location | places | message |\n|---|---|---|---|---|\n\
         | error | `schema` | {location} | 1 | unknown key \\`&lt;b&gt;\\|x\\` |\n"
    );
    assert_eq!(text, expected);
}

#[test]
fn markdown_format_prints_the_table() {
    let run = galley(
        &repo_root(),
        &["check", "fixtures/site", "--format", "markdown"],
    );
    assert_eq!(run.code, 1);
    // The tally and one row per cause of the errors, as many as the JSON
    // output has groups.
    let json = galley(
        &repo_root(),
        &["check", "fixtures/site", "--format", "json"],
    )
    .json();
    let findings = json["findings"].as_array().unwrap();
    let errors = findings.iter().filter(|f| f["severity"] == "error").count();
    let error_groups = findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| (f["rule"].as_str().unwrap(), f["group"].as_str().unwrap()))
        .collect::<std::collections::HashSet<_>>()
        .len();
    assert!(
        error_groups < errors,
        "the example site repeats some causes"
    );
    let warnings = json["summary"]["warnings"].as_u64().unwrap();
    assert!(
        run.stdout.starts_with(&format!(
            "## Galley\n\n**{errors} errors, {warnings} warnings"
        )),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.starts_with("| error |"))
            .count(),
        error_groups
    );
}
