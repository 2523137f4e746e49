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
        dom.contains("<code>missing.png</code> (img src) is not in the site"),
        "{dom}"
    );
    // Content arrives as text, never as markup: the payloads are text nodes
    // (in the message, the help and the snippets), and neither script ran.
    assert!(
        dom.contains(
            "link to <code>#&lt;script&gt;document.title='pwned2'&lt;/script&gt;</code>, but no element"
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

/// The DOM Chromium builds from `url` once the page's script has run.
fn dom_of(url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = headless(profile.path())
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("run chromium");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A screenshot of `file` at `width` CSS pixels, kept as `target/NAME`.
fn screenshot(file: &Path, width: u32, name: &str) {
    let profile = tempfile::tempdir().unwrap();
    let shot = target_dir().join(name);
    let status = headless(profile.path())
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("--window-size={width},2000"))
        .arg(format!("file://{}", file.display()))
        .status()
        .expect("run chromium");
    assert!(status.success() && shot.exists(), "{name}");
}

/// The `<article>` element of the card with this id, as Chromium serialised it.
fn card<'a>(dom: &'a str, id: &str) -> &'a str {
    let start = dom
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no card {id}:\n{dom}"));
    let start = dom[..start].rfind("<article").unwrap();
    let end = start + dom[start..].find("</article>").unwrap();
    &dom[start..end]
}

#[test]
fn pages_are_named_by_title_and_url_and_shared_parts_list_their_pages() {
    let out = target_dir().join("galley-report-example.html");
    let run = galley(
        &common::repo_root(),
        &["report", "fixtures/site", "-o", out.to_str().unwrap()],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let dom = dom_of(&format!("file://{}", out.display()));
    // The privacy guide's page, by its title and its address on the site,
    // with its source file beside it.
    let page = &dom[dom
        .find("<section class=\"page\" data-path=\"real-time-communication.html\">")
        .expect("the page's section")..];
    assert!(
        page.starts_with(
            "<section class=\"page\" data-path=\"real-time-communication.html\">\n<h3>Real-Time Communication</h3>\n<p class=\"where\"><a class=\"url\" href=\"https://www.example.org/real-time-communication/\">/real-time-communication/</a> · source <a class=\"edit\" href=\""
        ),
        "{page}"
    );
    assert!(
        page.contains(
            "fixtures/site/real-time-communication.html\">real-time-communication.html</a></p>"
        ),
        "{page}"
    );
    // A shared include, with the pages it is part of.
    let shared = &dom[dom
        .find("<section class=\"section\" id=\"shared\">")
        .expect("shared parts")..];
    assert!(
        shared.contains("<h3>_includes/recommendation-card.html</h3>"),
        "{shared}"
    );
    assert!(
        shared.contains("<p class=\"affects\">Used by 2 pages: "),
        "{shared}"
    );
    assert!(shared.contains(">Real-Time Communication</a>"), "{shared}");
    // Plain words: the editor's title and why, not only the rule id.
    assert!(
        dom.contains("<span class=\"title\">The same word twice in a row</span>"),
        "{dom}"
    );
    assert!(
        dom.contains(
            "<p class=\"why\">Readers notice it at once; it makes the page look unproofread.</p>"
        ),
        "{dom}"
    );
    screenshot(&out, 1280, "galley-report-1280.png");
    screenshot(&out, 390, "galley-report-390.png");
}

#[test]
fn one_missing_page_on_many_pages_is_one_card_and_search_narrows_the_list() {
    // The shape of the Python docs: 530 pages with the theme's logo, 17 of
    // them with 1,451 links in all to one missing changelog.
    let site = tempfile::tempdir().unwrap();
    let mut links_left = 1451;
    for n in 0..530 {
        let links = match n {
            0..=15 => 85,
            16 => links_left,
            _ => 0,
        };
        links_left -= links;
        let body: String = (0..links)
            .map(|i| format!("<li><a href=\"../whatsnew/changelog.html#v{i}\">{i}</a></li>\n"))
            .collect();
        let path = site.path().join(format!("library/page{n}.html"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            path,
            format!("<!doctype html>\n<html lang=\"en\"><head><title>Page {n} — Python docs</title></head><body>\n<img src=\"../logo.svg\" alt=\"Logo\">\n<ul>\n{body}</ul>\n</body></html>\n"),
        )
        .unwrap();
    }
    std::fs::write(site.path().join("logo.svg"), "<svg/>").unwrap();
    let out = site.path().join("report.html");
    let run = galley(site.path(), &["report", ".", "-o", "report.html"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let size = std::fs::metadata(&out).unwrap().len();
    assert!(size < 600 * 1024, "the report is {size} bytes");

    let json = galley(site.path(), &["check", "--format", "json"]).json();
    let group = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "link-missing")
        .unwrap()["group"]
        .as_str()
        .unwrap()
        .to_owned();
    let id = format!("cause-link-missing-{group}");
    let dom = dom_of(&format!("file://{}", out.display()));
    let changelog = card(&dom, &id);
    assert!(
        changelog.contains("<span class=\"count\">1,451 places on 17 pages</span>"),
        "{changelog}"
    );
    assert_eq!(
        dom.matches("data-rule=\"link-missing\" data-severity")
            .count(),
        1
    );
    assert!(
        dom.contains("<tr data-rule=\"link-missing\"><th scope=\"row\">A link to a page that does not exist</th>"),
        "{dom}"
    );
    assert!(dom.contains("<td class=\"n\">1,451</td></tr>"), "{dom}");
    assert!(
        dom.contains(&format!(
            "<li><a href=\"#{id}\">A link to a page that does not exist</a>"
        )),
        "{dom}"
    );

    // Searching narrows the list: for the logo, only its card is left.
    let hidden = |card: &str| card.split('>').next().unwrap().contains(" hidden=\"\"");
    let dom = dom_of(&format!("file://{}?q=logo", out.display()));
    assert!(hidden(card(&dom, &id)), "{}", card(&dom, &id));
    assert!(dom.contains("<span id=\"shown\">530</span> shown"), "{dom}");
    let dom = dom_of(&format!("file://{}?q=changelog", out.display()));
    assert!(!hidden(card(&dom, &id)), "{}", card(&dom, &id));
    assert!(
        dom.contains("<span id=\"shown\">1451</span> shown"),
        "{dom}"
    );
}

#[test]
fn a_baseline_shows_what_is_new_and_what_was_fixed() {
    let site = TempSite::new();
    site.write(
        "old.html",
        "---\n---\n<a href=\"/gone/\">old</a>\n<a href=\"/fixed/\">fixed</a>\n",
    );
    let run = galley(site.path(), &["check", "--write-baseline", "baseline.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site.write("old.html", "---\n---\n<a href=\"/gone/\">old</a>\n");
    site.write("new.html", "---\n---\n<a href=\"/missing/\">new</a>\n");
    let run = galley(
        site.path(),
        &["report", "--baseline", "baseline.json", "-o", "report.html"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let dom = dom_of(&format!(
        "file://{}",
        site.path().join("report.html").display()
    ));
    assert!(
        dom.contains("<p><strong id=\"count-new\">1</strong> new since the baseline, <strong id=\"count-fixed\">1</strong> fixed.</p>"),
        "{dom}"
    );
    assert!(
        dom.contains("<li><span class=\"title\">A link to a page that does not exist</span>: link to <code>/fixed/</code>, but the site has no page there <span class=\"count\">(old.html:4)</span></li>"),
        "{dom}"
    );
    // Both current findings are shown; only the new one is marked.
    assert_eq!(dom.matches("data-new=\"true\"").count(), 1, "{dom}");
    assert_eq!(dom.matches("data-new=\"false\"").count(), 1, "{dom}");
    let new = &dom[dom.find("data-new=\"true\"").unwrap()..];
    assert!(new.contains("<code>/missing/</code>"), "{new}");
}

#[test]
fn hostile_file_names_and_source_urls_never_become_script_links() {
    let site = TempSite::new();
    site.write(
        "javascript:alert(1).html",
        "---\n---\n<a href=\"#nowhere\">x</a>\n",
    );
    let run = galley(site.path(), &["report", "-o", "report.html"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let html = std::fs::read_to_string(site.path().join("report.html")).unwrap();
    assert!(!html.contains("href=\"javascript:"), "{html}");
    assert!(
        html.contains("href=\"./javascript:alert(1).html\""),
        "{html}"
    );
    site.write(
        "galley.toml",
        "[report]\nsource_url = \"javascript:alert(1)//{path}\"\n",
    );
    let run = galley(site.path(), &["report", "-o", "report.html"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`source_url` must start with https:// or http://"),
        "{}",
        run.stderr
    );
}
