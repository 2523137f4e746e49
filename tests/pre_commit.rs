//! Installing Galley as users do: the `galley-lint` wheel built by maturin
//! from this checkout, installed into a fresh virtualenv with no Rust on the
//! PATH; and both pre-commit hooks run by the real `pre-commit` tool with
//! `try-repo` against this checkout, failing on a seeded defect and passing
//! after the fix.
//!
//! maturin and pre-commit come from PyPI into virtualenvs under `target/`
//! (once). The wheel and the `galley-rust` hook's build share one Cargo
//! folder under `target/`, so the release build is made once and later runs
//! reuse it. The python hook installs only from a local folder (the wheel and
//! the setuptools its package builds with), never from an index. Nothing
//! leaves `target/` and the throwaway folders.

mod common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{repo_root, target_dir};

/// The pre-commit release the tests run.
const PRE_COMMIT: &str = "pre-commit==4.7.0";
/// The maturin release that builds the wheel.
const MATURIN: &str = "maturin==1.16.0";
/// The build backend of the hook's package (pyproject.toml), put beside the
/// wheel so the hook installs with no index at all.
const SETUPTOOLS: &str = "setuptools==84.2.1";
/// The bound on the python hook's first run (install and check).
const FIRST_RUN_BOUND: Duration = Duration::from_secs(60);

fn run(command: &mut Command) -> (bool, String) {
    let output = command
        .output()
        .unwrap_or_else(|err| panic!("cannot run {command:?}: {err}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// The build folder the wheel and the `galley-rust` hook share.
fn release_build_dir() -> PathBuf {
    target_dir().join("pre-commit-build")
}

/// A folder holding the `galley-lint` wheel built from this checkout and the
/// setuptools wheel: what the python hook and a user's `pip` install from.
fn wheel_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = target_dir().join("wheels");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let maturin = common::python_venv("maturin-venv", MATURIN).join("bin/maturin");
        let (ok, out) = run(Command::new(maturin)
            .args(["build", "--release", "--quiet", "--out"])
            .arg(&dir)
            .current_dir(repo_root().join("wheel"))
            .env("CARGO_TARGET_DIR", release_build_dir()));
        assert!(ok, "maturin build failed:\n{out}");
        let pip = common::python_venv("maturin-venv", MATURIN).join("bin/pip");
        let (ok, out) = run(Command::new(pip)
            .args(["download", "--quiet", "--no-deps", "--dest"])
            .arg(&dir)
            .arg(SETUPTOOLS));
        assert!(ok, "pip download {SETUPTOOLS} failed:\n{out}");
        dir
    })
}

/// The PATH with every folder that holds `cargo` or `rustc` left out: what an
/// editor without a Rust toolchain has.
fn path_without_rust() -> OsString {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let kept: Vec<PathBuf> = std::env::split_paths(&path)
        .filter(|dir| !dir.join("cargo").exists() && !dir.join("rustc").exists())
        .collect();
    std::env::join_paths(kept).unwrap()
}

/// The `pre-commit` executable, installed into a virtualenv under target/.
fn pre_commit() -> PathBuf {
    common::python_venv("pre-commit-venv", PRE_COMMIT).join("bin/pre-commit")
}

fn git(repo: &Path, args: &[&str]) {
    let (ok, out) = run(Command::new("git").args(args).current_dir(repo));
    assert!(ok, "git {args:?} failed:\n{out}");
}

/// `pre-commit try-repo` of this checkout's hook `id`, in `repo`.
fn try_repo(repo: &Path, id: &str, home: &Path, env: &[(&str, OsString)]) -> (bool, String) {
    let mut command = Command::new(pre_commit());
    command
        .args(["try-repo"])
        .arg(repo_root())
        .args([id, "--verbose"])
        .current_dir(repo)
        // Hermetic: pre-commit's cache stays in `home`.
        .env("PRE_COMMIT_HOME", home)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS");
    for (key, value) in env {
        command.env(key, value);
    }
    run(&mut command)
}

/// A repository with a Jekyll page whose link misses its heading's id.
fn seeded_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "--quiet"]);
    std::fs::write(repo.join("_config.yml"), "title: t\n").unwrap();
    std::fs::write(
        repo.join("index.html"),
        "---\n---\n<h2 id=\"imm\">Messengers</h2>\n<a href=\"#im\">above</a>\n",
    )
    .unwrap();
    git(repo, &["add", "."]);
    dir
}

fn fix_seeded_repo(repo: &Path) {
    std::fs::write(
        repo.join("index.html"),
        "---\n---\n<h2 id=\"imm\">Messengers</h2>\n<a href=\"#imm\">above</a>\n",
    )
    .unwrap();
    git(repo, &["add", "."]);
}

fn assert_blocks_then_passes(id: &str, env: &[(&str, OsString)]) -> Duration {
    let dir = seeded_repo();
    let repo = dir.path();
    let home = tempfile::tempdir().unwrap();

    let started = Instant::now();
    let (ok, out) = try_repo(repo, id, home.path(), env);
    let first_run = started.elapsed();
    assert!(!ok, "the hook passed on a broken anchor:\n{out}");
    assert!(
        out.contains("link to `#im`, but no element on this page has id=\"im\""),
        "{out}"
    );
    assert!(out.contains("index.html:4:10"), "{out}");

    fix_seeded_repo(repo);
    let (ok, out) = try_repo(repo, id, home.path(), env);
    assert!(ok, "the hook failed after the fix:\n{out}");
    assert!(out.contains("Passed"), "{out}");
    first_run
}

#[test]
fn the_wheel_installs_into_a_fresh_venv_without_rust_and_runs() {
    let wheels = wheel_dir();
    let venv = tempfile::tempdir().unwrap();
    let env_dir = venv.path().join("env");
    let (ok, out) = run(Command::new("python3")
        .args(["-m", "venv"])
        .arg(&env_dir)
        .env("PATH", path_without_rust()));
    assert!(ok, "python3 -m venv failed:\n{out}");
    let (ok, out) = run(Command::new(env_dir.join("bin/pip"))
        .args(["install", "--quiet", "--no-index", "--find-links"])
        .arg(wheels)
        .arg("galley-lint")
        .env("PATH", path_without_rust()));
    assert!(ok, "pip install galley-lint failed:\n{out}");

    let galley = env_dir.join("bin/galley");
    let (ok, out) = run(Command::new(&galley)
        .arg("--version")
        .env("PATH", path_without_rust()));
    assert!(ok, "{out}");
    assert_eq!(
        out.trim(),
        format!("galley {}", env!("CARGO_PKG_VERSION")),
        "the wheel's galley is this checkout's"
    );

    // The installed binary does the real work: the example site's seeded
    // anchor defect, at its place.
    let output = Command::new(&galley)
        .args(["check", "--format", "short", "fixtures/site"])
        .current_dir(repo_root())
        .env("PATH", path_without_rust())
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(
            "fixtures/site/checks/anchor-missing.html:6:25: error[anchor-missing] link to `#im`, but no element on this page has id=\"im\""
        ),
        "{stdout}"
    );
}

#[test]
fn the_python_hook_installs_the_wheel_without_compiling_and_blocks_a_defect() {
    let wheels = wheel_dir().as_os_str().to_owned();
    let first_run = assert_blocks_then_passes(
        "galley",
        &[
            // No compiler to fall back on, and no index: the hook can only
            // take the wheel.
            ("PATH", path_without_rust()),
            ("PIP_NO_INDEX", "1".into()),
            ("PIP_FIND_LINKS", wheels),
        ],
    );
    eprintln!("the python hook's first run: {first_run:.1?}");
    assert!(
        first_run < FIRST_RUN_BOUND,
        "the first run took {first_run:.1?}"
    );
}

#[test]
fn the_rust_hook_builds_galley_and_blocks_a_defect() {
    // The build reuses the wheel's Cargo folder (release profile both).
    assert_blocks_then_passes(
        "galley-rust",
        &[("CARGO_TARGET_DIR", release_build_dir().into_os_string())],
    );
}

/// The hook's package pins the wheel of this version, and the wheel's version
/// is Cargo's: a release bumps Cargo.toml and pyproject.toml together.
#[test]
fn the_hook_package_pins_the_wheel_of_this_version() {
    let version = env!("CARGO_PKG_VERSION");
    let hook: toml::Table = std::fs::read_to_string(repo_root().join("pyproject.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let project = &hook["project"];
    assert_eq!(project["version"].as_str(), Some(version));
    assert_eq!(
        project["dependencies"].as_array().unwrap(),
        &vec![toml::Value::from(format!("galley-lint=={version}"))]
    );
    let wheel: toml::Table = std::fs::read_to_string(repo_root().join("wheel/pyproject.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(wheel["project"]["name"].as_str(), Some("galley-lint"));
    assert_eq!(
        wheel["project"]["dynamic"].as_array().unwrap(),
        &vec![toml::Value::from("version")],
        "the wheel takes Cargo's version"
    );
    assert_eq!(wheel["tool"]["maturin"]["bindings"].as_str(), Some("bin"));
}
