//! Helpers for end-to-end tests: run the built `galley` binary, build throwaway sites.

#![allow(dead_code)]

pub mod http;

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

/// A command from one of Debian's packages, installed if the machine has none
/// of `names` (as root, or through a password-less sudo).
pub fn debian_command(names: &[&str], package: &str) -> PathBuf {
    let find = || {
        names.iter().find_map(|name| {
            let out = Command::new("sh")
                .args(["-c", &format!("command -v {name}")])
                .output()
                .ok()?;
            out.status
                .success()
                .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
        })
    };
    if let Some(found) = find() {
        return found;
    }
    let install = format!(
        "export DEBIAN_FRONTEND=noninteractive; \
         apt-get install -y -q -o DPkg::Lock::Timeout=900 {package} || \
         (apt-get update -q -o DPkg::Lock::Timeout=900 && apt-get install -y -q -o DPkg::Lock::Timeout=900 {package})"
    );
    let as_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0"));
    let status = if as_root {
        Command::new("sh").args(["-c", &install]).status()
    } else {
        Command::new("sudo")
            .args(["-n", "sh", "-c", &install])
            .status()
    };
    assert!(
        status.is_ok_and(|s| s.success()),
        "cannot install Debian's {package}"
    );
    find().unwrap_or_else(|| panic!("{package} after installing it"))
}

/// A virtualenv under the target folder with `requirement` installed from
/// PyPI (once; later runs reuse it).
pub fn python_venv(name: &str, requirement: &str) -> PathBuf {
    let venv = target_dir().join(name);
    let marker = venv.join(".installed");
    if std::fs::read_to_string(&marker).is_ok_and(|r| r == requirement) {
        return venv;
    }
    let status = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "python3 -m venv {name} failed"
    );
    let out = Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", requirement])
        .output()
        .expect("run pip");
    assert!(
        out.status.success(),
        "pip install {requirement} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(&marker, requirement).unwrap();
    venv
}

/// Copies a folder tree (files and folders; the fixtures hold no links).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below `dir`, as paths relative to `root` with `/` separators.
pub fn files_under(dir: &Path, root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path, root));
        } else {
            files.push(
                path.strip_prefix(root)
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .replace('\\', "/"),
            );
        }
    }
    files
}
