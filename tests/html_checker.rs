//! The HTML checker on the Jekyll source fixture, the built fixture, and on
//! purpose-built sites with hostile input.

mod common;

use common::{Row, TempSite, galley, repo_root, row};

#[test]
fn source_fixture_reports_each_seeded_page_defect_and_nothing_on_valid_pages() {
    let run = galley(
        &repo_root(),
        &["check", "fixtures/site", "--format", "json"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let pages: Vec<Row> = run
        .findings()
        .into_iter()
        // Prose findings are asserted in tests/prose.rs, Markdown pages' below,
        // the contract's in
        // tests/contract.rs.
        .filter(|f| {
            !f.1.starts_with("_data/")
                && !f.1.ends_with(".md")
                && f.0 != "word-repeated"
                && f.0 != "misspelling"
                && !f.0.starts_with("template-field")
        })
        .collect();
    // Every page finding, exactly: one line each in the snapshot
    // (tests/snapshots/html_checker__example_site_pages.snap).
    let text: String = pages
        .iter()
        .map(|(rule, path, line, column, message)| {
            format!("{path}:{line}:{column} {rule}: {message}\n")
        })
        .collect();
    insta::assert_snapshot!("example_site_pages", text);
}

#[test]
fn markdown_pages_get_every_page_rule_at_exact_positions() {
    // Heading ids as kramdown (GFM input, Jekyll's default) makes them;
    // a reference link is reported at its definition; `![](…)` has no alt.
    let run = galley(
        &repo_root(),
        &["check", "fixtures/site", "--format", "json"],
    );
    let markdown: Vec<Row> = run
        .findings()
        .into_iter()
        .filter(|f| f.1.ends_with(".md") && f.0 != "word-repeated" && f.0 != "misspelling")
        .collect();
    assert_eq!(
        markdown,
        vec![
            row(
                "anchor-missing",
                "checks/anchor-missing.md",
                8,
                30,
                "link to `#encrypted-instant-messenger`, but no element on this page has id=\"encrypted-instant-messenger\""
            ),
            row(
                "asset-missing",
                "checks/asset-missing.md",
                6,
                26,
                "`/assets/img/layout/network-distributed.svg` (img src) is not in the site"
            ),
            row(
                "fragment-missing",
                "checks/fragment-missing.md",
                6,
                37,
                "link to `/about/#the-teams`: the page exists, but has no element with id=\"the-teams\""
            ),
            row(
                "id-duplicate",
                "checks/id-duplicate.md",
                10,
                4,
                "id \"hello-world-1\" is already used on line 8; an id must be unique on its page"
            ),
            row(
                "img-alt-missing",
                "checks/img-alt-missing.md",
                8,
                1,
                "image `/assets/img/layout/network-centralized.svg` has no alt text"
            ),
            row(
                "link-missing",
                "checks/link-missing.md",
                8,
                10,
                "link to `/guides/choosing-a-messengr/`, but the site has no page there"
            ),
        ]
    );
}

#[test]
fn did_you_mean_hints_name_the_nearest_id_and_page() {
    let run = galley(
        &repo_root(),
        &["check", "fixtures/site", "--format", "json"],
    );
    let helps: Vec<(String, String)> = run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"].as_str().unwrap().starts_with("checks/"))
        .filter(|f| !f["rule"].as_str().unwrap().starts_with("template-field"))
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["help"].as_str().unwrap().to_owned(),
            )
        })
        .filter(|(_, help)| help.starts_with("did you mean"))
        .collect();
    assert_eq!(
        helps,
        [
            (
                "anchor-missing".to_owned(),
                "did you mean `#imm`? Otherwise give the element the link should reach id=\"im\", or fix the link".to_owned()
            ),
            (
                "anchor-missing".to_owned(),
                "did you mean `#encrypted-instant-messengers`? Otherwise give the element the link should reach id=\"encrypted-instant-messenger\", or fix the link".to_owned()
            ),
            (
                "fragment-missing".to_owned(),
                "did you mean `#federated`? Otherwise fix the fragment, or give the target element that id".to_owned()
            ),
            (
                "fragment-missing".to_owned(),
                "did you mean `#the-team`? Otherwise fix the fragment, or give the target element that id".to_owned()
            ),
            (
                "link-missing".to_owned(),
                "did you mean `/real-time-communication/`? Otherwise fix the link, or add the page it should lead to".to_owned()
            ),
            (
                "link-missing".to_owned(),
                "did you mean `/guides/choosing-a-messenger/`? Otherwise fix the link, or add the page it should lead to".to_owned()
            ),
            (
                "liquid-target-missing".to_owned(),
                "did you mean `default`? Otherwise fix the name, or add `_layouts/defualt.html`".to_owned()
            ),
            (
                "liquid-target-missing".to_owned(),
                "did you mean `section-nav.html`? Otherwise fix the name, or add the file".to_owned()
            ),
            (
                "liquid-target-missing".to_owned(),
                "did you mean `about.md`? Otherwise fix the name, or add the file".to_owned()
            ),
        ]
    );
}

#[test]
fn built_fixture_resolves_urls_like_a_static_server() {
    let run = galley(
        &repo_root(),
        &["check", "fixtures/built", "--format", "json"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.json()["summary"]["site_kind"], "html", "{}", run.stdout);
    let b = "broken.html";
    assert_eq!(
        run.findings(),
        vec![
            row(
                "asset-missing",
                b,
                3,
                90,
                "`assets/style.css` (link href) is not in the site"
            ),
            row(
                "anchor-missing",
                b,
                6,
                13,
                "link to `#brokn`, but no element on this page has id=\"brokn\""
            ),
            row(
                "link-missing",
                b,
                6,
                49,
                "link to `guides/browser.html`, but the site has no page at `/guides/browser.html`"
            ),
            row(
                "fragment-missing",
                b,
                7,
                10,
                "link to `guides/browsers.html#fingerprint`: the page exists, but has no element with id=\"fingerprint\""
            ),
            row(
                "id-duplicate",
                b,
                8,
                9,
                "id \"broken\" is already used on line 5; an id must be unique on its page"
            ),
            row(
                "img-alt-missing",
                b,
                9,
                1,
                "image `assets/img/logo.svg` has no alt attribute"
            ),
            row(
                "img-alt-suspicious",
                b,
                10,
                49,
                "this image is the only content of its link, and its empty alt leaves the link without a name"
            ),
            row(
                "asset-missing",
                b,
                11,
                11,
                "`assets/img/logo.png` (img src) is not in the site"
            ),
            row(
                "img-alt-suspicious",
                b,
                11,
                37,
                "alt text `logo.png` is a file name"
            ),
        ]
    );
}

#[test]
fn generated_files_declared_in_the_config_are_not_missing() {
    let site = TempSite::new();
    site.write(
        "index.html",
        "<link rel=stylesheet href=/assets/vendor/lib.css><a href=/feed.json>feed</a>",
    );
    let before = site.check(&[]);
    assert_eq!(before.findings().len(), 2, "{}", before.stdout);
    site.write(
        "galley.toml",
        "[site]\ngenerated = [\"/feed.json\", \"assets/vendor/**\"]\n",
    );
    let after = site.check(&[]);
    assert_eq!(after.code, 0, "{}", after.stdout);
}

#[test]
fn kind_can_be_set_in_the_config_and_is_shown_in_the_tally() {
    let site = TempSite::new();
    site.write(
        "a.html",
        "---\ntitle: x\n---\n<a href=\"{{ page.x }}\">x</a>",
    );
    let jekyll = site.check(&[]);
    assert_eq!(jekyll.json()["summary"]["site_kind"], "jekyll");
    assert_eq!(jekyll.code, 0, "{}", jekyll.stdout);
    site.write("galley.toml", "[site]\nkind = \"html\"\n");
    let html = site.check(&[]);
    assert_eq!(html.json()["summary"]["site_kind"], "html");
    // Template syntax in a URL is never judged, whatever the kind: the file
    // may be a template Galley does not render.
    assert_eq!(html.findings(), vec![]);
}

#[test]
fn jekyll_baseurl_and_pages_without_front_matter_resolve() {
    let site = TempSite::new();
    site.write("_config.yml", "baseurl: /docs\npermalink: pretty\n");
    site.write("guide.md", "---\ntitle: Guide\n---\n# Guide\n");
    // Without front matter Jekyll copies the file as it is, Liquid and all.
    site.write("plain.html", "<p>{{ not rendered }}</p>");
    site.write(
        "index.html",
        "---\n---\n<a href=\"/docs/guide/\">g</a> <a href=\"/docs/plain.html\">p</a> <a href=\"/guide/\">no baseurl</a>",
    );
    let run = site.check(&[]);
    assert_eq!(
        run.findings(),
        vec![row(
            "link-missing",
            "index.html",
            3,
            72,
            "`/guide/` leads outside `/docs`, the path the site is served under"
        )]
    );
}

#[test]
fn hostile_html_is_reported_or_survived_and_the_rest_is_still_checked() {
    let site = TempSite::new();
    // 20 MB on one line.
    let long = format!(
        "---\n---\n<p>{}</p><a href=\"#nowhere\">x</a>",
        "word ".repeat(4_000_000)
    );
    site.write("long.html", long);
    // 100,000 nested elements, never closed, plus stray end tags.
    let nested = format!("---\n---\n{}</div></span></p>", "<div>".repeat(100_000));
    site.write("nested.html", nested);
    site.write("nul.html", b"<p>a\0b</p>".as_slice());
    site.write("latin1.html", b"<p>caf\xe9</p>".as_slice());
    site.write("cut.html", "---\n---\n<p>x</p>\n<img src=\"a.png");
    site.write(
        "ok.html",
        "---\n---\n<img src=\"/missing.png\" alt=\"Missing\">",
    );
    let run = site.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let findings = run.findings();
    let brief: Vec<(&str, &str, u64, u64)> = findings
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str(), f.2, f.3))
        .collect();
    assert_eq!(
        brief,
        [
            ("html-syntax", "cut.html", 4, 1),
            ("file-unreadable", "latin1.html", 1, 7),
            // "word word word …": one finding for the whole run.
            ("word-repeated", "long.html", 3, 9),
            ("anchor-missing", "long.html", 3, 20_000_017),
            ("file-unreadable", "nul.html", 1, 5),
            ("asset-missing", "ok.html", 3, 11),
        ]
    );
    assert_eq!(
        findings[0].4,
        "the file ends inside a tag; browsers drop the unfinished tag"
    );
}

#[cfg(unix)]
#[test]
fn dangling_symlinks_are_missing_assets_and_unreadable_pages() {
    let site = TempSite::new();
    std::os::unix::fs::symlink("../vendor/jquery.js", site.path().join("jquery.js")).unwrap();
    std::os::unix::fs::symlink("nowhere.html", site.path().join("moved.html")).unwrap();
    site.write("index.html", "<script src=\"/jquery.js\"></script>");
    let run = site.check(&[]);
    let brief: Vec<(String, String, u64, u64)> = run
        .findings()
        .into_iter()
        .map(|f| (f.0, f.1, f.2, f.3))
        .collect();
    assert_eq!(
        brief,
        [
            ("asset-missing".to_owned(), "index.html".to_owned(), 1, 14),
            ("file-unreadable".to_owned(), "moved.html".to_owned(), 1, 1),
        ]
    );
}

#[test]
fn a_layout_set_by_config_defaults_gives_the_page_its_ids() {
    let site = TempSite::new();
    site.write(
        "_layouts/base.html",
        "<main id=\"main\">{{ content }}</main>",
    );
    site.write(
        "page.html",
        "---\ntitle: P\n---\n<a href=\"#main\">skip</a>",
    );
    let without = site.check(&[]);
    assert_eq!(
        without.findings(),
        vec![row(
            "anchor-missing",
            "page.html",
            4,
            10,
            "link to `#main`, but no element on this page has id=\"main\""
        )]
    );
    site.write(
        "_config.yml",
        "defaults:\n  - scope:\n      path: \"\"\n    values:\n      layout: base\n",
    );
    let with = site.check(&[]);
    assert_eq!(with.code, 0, "{}", with.stdout);
}

#[test]
fn headings_that_markdownify_renders_from_data_are_ids_and_nothing_else_is() {
    let site = TempSite::new();
    site.write(
        "_data/apps.yml",
        "- title: A\n  description: |\n    An app.\n\n    #### Notes\n    Careful.\n",
    );
    site.write(
        "_includes/card.html",
        "<div><p>{{ item.title }}</p>{{ item.description | markdownify }}</div>\n",
    );
    site.write(
        "index.html",
        "---\n---\n{% for item in site.data.apps %}{% include card.html %}{% endfor %}\n\
         <a href=\"#notes\">notes</a> <a href=\"#note\">typo</a>\n",
    );
    let run = site.check(&[]);
    assert_eq!(
        run.findings(),
        vec![row(
            "anchor-missing",
            "index.html",
            4,
            37,
            "link to `#note`, but no element on this page has id=\"note\""
        )]
    );
}

#[test]
fn hostile_markdown_is_survived_and_the_rest_is_still_checked() {
    let site = TempSite::new();
    site.write(
        "quotes.md",
        format!("---\n---\n{} deep\n", ">".repeat(100_000)),
    );
    site.write(
        "brackets.md",
        format!(
            "---\n---\n{}x{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    );
    let lists: String = (0..3_000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    site.write("lists.md", format!("---\n---\n{lists}"));
    site.write(
        "emphasis.md",
        format!("---\n---\n{}\n", "*a ".repeat(200_000)),
    );
    site.write(
        "links.md",
        format!("---\n---\n{}\n", "[a](b ".repeat(100_000)),
    );
    site.write(
        "headings.md",
        format!("---\n---\n{}", "# h\n".repeat(100_000)),
    );
    site.write("ok.md", "---\n---\nA [broken](#nowhere) link.\n");
    let run = site.check(&[]);
    assert_eq!(
        run.findings(),
        vec![row(
            "anchor-missing",
            "ok.md",
            3,
            12,
            "link to `#nowhere`, but no element on this page has id=\"nowhere\""
        )]
    );
}

#[test]
fn links_to_the_sites_aliases_are_internal() {
    let site = TempSite::new();
    std::fs::remove_file(site.path().join("_config.yml")).unwrap();
    site.write(
        "galley.toml",
        "[site]\nkind = \"html\"\naliases = [\"https://old.example.org/\"]\n",
    );
    site.write("a.html", "<p>A page.</p>\n");
    site.write(
        "index.html",
        "<a href=\"https://old.example.org/a.html\">a</a>\n\
         <a href=\"http://www.old.example.org/gone/\">gone</a>\n\
         <a href=\"https://example.org/elsewhere/\">another site</a>\n",
    );
    let run = site.check(&[]);
    assert_eq!(
        run.findings(),
        vec![row(
            "link-missing",
            "index.html",
            2,
            10,
            "link to `http://www.old.example.org/gone/`, but the site has no page at `/gone/`"
        )]
    );
}
