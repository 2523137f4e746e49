//! Helpers for end-to-end tests: run the built `galley` binary, build throwaway sites.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|err| {
            panic!(
                "stdout is not JSON ({err}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    /// `(rule, path, line, column, message)` of every finding in JSON output.
    pub fn findings(&self) -> Vec<(String, String, u64, u64, String)> {
        self.json()["findings"]
            .as_array()
            .expect("findings array")
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["path"].as_str().unwrap().to_owned(),
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                    f["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Cargo's target folder (`CARGO_TARGET_DIR`, else `target/`), created if
/// missing: where tests keep the tools they install and their artifacts.
pub fn target_dir() -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                repo_root().join(dir)
            }
        })
        .unwrap_or_else(|| repo_root().join("target"));
    std::fs::create_dir_all(&dir).expect("create the target folder");
    dir
}

pub fn example_site() -> PathBuf {
    repo_root().join("fixtures/site")
}

/// Runs `galley ARGS` in `cwd`, with an environment that does not depend on the
/// machine's (no colour, no GitHub Actions).
pub fn galley(cwd: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_galley"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .expect("run galley");
    Run {
        code: output.status.code().expect("galley was killed by a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A site in a temporary folder.
pub struct TempSite {
    pub dir: tempfile::TempDir,
}

impl TempSite {
    pub fn new() -> TempSite {
        let site = TempSite {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.write("_config.yml", "title: test\n");
        site
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, path: &str, content: impl AsRef<[u8]>) -> &TempSite {
        let full = self.dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, content).unwrap();
        self
    }

    /// A valid messenger record for `_data/software/messengers/NAME.yml`.
    pub fn messenger(&self, name: &str, title: &str) -> &TempSite {
        self.write("assets/img/messengers/x.svg", "<svg/>");
        self.write(
            &format!("_data/software/messengers/{name}.yml"),
            format!("title: {title}\ntype: Recommendation\nlogo: /assets/img/messengers/x.svg\ndescription: A messenger.\n"),
        )
    }

    pub fn check(&self, extra: &[&str]) -> Run {
        let mut args = vec!["check", ".", "--format", "json"];
        args.extend_from_slice(extra);
        galley(self.path(), &args)
    }
}

/// `(rule, path, line, column, message)` of a finding.
pub type Row = (String, String, u64, u64, String);

pub fn row(rule: &str, path: &str, line: u64, column: u64, message: &str) -> Row {
    (
        rule.to_owned(),
        path.to_owned(),
        line,
        column,
        message.to_owned(),
    )
}
