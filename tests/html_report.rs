//! `galley report`: the editors' page, rendered by a real browser (headless
//! Chromium): counts, a known finding, filters that run, and content that
//! cannot run as script. A screenshot is kept in the target folder
//! (`galley-report.png`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TempSite, galley, target_dir};

/// A Chromium on this machine, installed from Debian's packages if there is
/// none.
fn chromium() -> PathBuf {
    common::debian_command(
        &[
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ],
        "chromium",
    )
}

/// Chromium with no network, no profile of the user's, and nothing in the
/// background.
fn headless(user_data: &Path) -> Command {
    let mut command = Command::new(chromium());
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]);
    command.arg(format!("--user-data-dir={}", user_data.display()));
    command
}

const PAYLOAD_IN_ALT: &str = "<script>document.title='pwned'</script>";
const PAYLOAD_IN_MESSAGE: &str = "<script>document.title='pwned2'</script>";

#[test]
fn report_renders_in_chromium_with_counts_findings_filters_and_no_injection() {
    let site = TempSite::new();
    site.write(
        "page.html",
        format!(
            "---\n---\n<p><img src=\"missing.png\" alt=\"{PAYLOAD_IN_ALT}\"></p>\n<a href=\"#{PAYLOAD_IN_MESSAGE}\">x</a>\n<img src=\"/ok.png\" alt=\"image\">\n"
        ),
    );
    site.write("ok.png", "");
    let out = site.path().join("report.html");
    let run = galley(
        site.path(),
        &["report", ".", "--out", out.to_str().unwrap()],
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "wrote {}: 2 errors, 1 warning, 0 infos in 2 files (jekyll site)\n",
            out.display()
        )
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "the page loads nothing"
    );
    assert!(
        !html.contains(PAYLOAD_IN_MESSAGE),
        "the payload is escaped in the file"
    );

    let profile = tempfile::tempdir().unwrap();
    let dom = headless(profile.path())
        .arg("--dump-dom")
        .arg(format!("file://{}", out.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&dom.stdout).into_owned();
    assert!(
        dom.contains("<html lang=\"en\" data-filters=\"on\">"),
        "the filter script ran:\n{dom}"
    );
    assert!(
        dom.contains(
            "<title>Galley report: 2 errors, 1 warning, 0 infos in 2 files (jekyll site)</title>"
        ),
        "{dom}"
    );
    assert!(
        dom.contains("<span id=\"count-errors\" class=\"error\">2</span>"),
        "{dom}"
    );
    assert!(
        dom.contains("<span id=\"count-warnings\" class=\"warning\">1</span>"),
        "{dom}"
    );
    assert!(dom.contains("<span id=\"shown\">3</span> shown"), "{dom}");
    // A known finding, with its location and help.
    assert!(
        dom.contains("<a class=\"source\" href=\"page.html\">page.html:3:14</a>"),
        "{dom}"
    );
    assert!(
        dom.contains("`missing.png` (img src) is not in the site"),
        "{dom}"
    );
    // Content arrives as text, never as markup: the payloads are text nodes
    // (in the message, the help and the snippets), and neither script ran.
    assert!(
        dom.contains(
            "link to `#&lt;script&gt;document.title='pwned2'&lt;/script&gt;`, but no element"
        ),
        "{dom}"
    );
    assert!(
        dom.contains("alt=\"&lt;script&gt;document.title='pwned'&lt;/script&gt;\""),
        "{dom}"
    );
    assert_eq!(
        dom.matches("<script>").count(),
        1,
        "only the report's own script: {dom}"
    );
    assert!(
        !dom.contains("pwned</title>") && !dom.contains("pwned2</title>"),
        "{dom}"
    );

    let screenshot = target_dir().join("galley-report.png");
    let status = headless(profile.path())
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg("--window-size=1200,1400")
        .arg(format!("file://{}", out.display()))
        .status()
        .expect("run chromium");
    assert!(status.success() && screenshot.exists());
}

#[test]
fn source_links_follow_the_configured_template() {
    let site = TempSite::new();
    site.write("a page.html", "---\n---\n<a href=\"#nowhere\">x</a>\n");
    site.write(
        "galley.toml",
        "[report]\nsource_url = \"https://example.org/blob/main/{path}#L{line}\"\n",
    );
    let out = site.path().join("out/report.html");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let run = galley(site.path(), &["report", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(
        html.contains(
            "href=\"https://example.org/blob/main/a%20page.html#L3\">a page.html:3:10</a>"
        ),
        "{html}"
    );
    // Without a template, the link leads from the report's folder to the file.
    site.write("galley.toml", "");
    galley(site.path(), &["report", "--out", out.to_str().unwrap()]);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("href=\"../a%20page.html\">"), "{html}");
}

#[test]
fn a_source_url_without_path_is_a_config_error_at_its_place() {
    let site = TempSite::new();
    site.write(
        "galley.toml",
        "[report]\nsource_url = \"https://example.org/\"\n",
    );
    let run = galley(site.path(), &["report"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`source_url` has no `{path}`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("galley.toml:2:14"), "{}", run.stderr);
}
