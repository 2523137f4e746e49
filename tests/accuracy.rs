//! False alarms found on real sites nobody here wrote, one class each: the
//! smallest site that reproduces the class, and the exact findings it must give
//! (a broken look-alike keeps each test able to fail).

mod common;

use common::{Row, TempSite, row};

/// A site without `_config.yml`: `TempSite::new` writes one, this does not.
fn bare_site() -> TempSite {
    let site = TempSite::new();
    std::fs::remove_file(site.path().join("_config.yml")).unwrap();
    site
}

fn link_findings(site: &TempSite) -> Vec<Row> {
    let run = site.check(&[]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.findings()
        .into_iter()
        .filter(|f| f.0 != "misspelling" && f.0 != "word-repeated")
        .collect()
}

#[test]
fn a_jekyll_site_without_config_is_read_as_jekyll_and_eleventy_is_not() {
    // Seen on a site that relies on Jekyll's defaults: read as built HTML,
    // `{{ item.logo }}` was a missing asset.
    let site = bare_site();
    site.write("_layouts/default.html", "<main>{{ content }}</main>\n");
    site.write("_data/apps.yml", "- logo: /a.svg\n");
    site.write(
        "index.html",
        "---\nlayout: default\n---\n{% for item in site.data.apps %}<img src=\"{{ item.logo }}\" alt=\"\">{% endfor %}\n<a href=\"/nowhere/\">x</a>\n",
    );
    let run = site.check(&[]);
    assert_eq!(run.json()["summary"]["site_kind"], "jekyll");
    assert_eq!(
        link_findings(&site),
        vec![row(
            "link-missing",
            "index.html",
            5,
            10,
            "link to `/nowhere/`, but the site has no page there"
        )]
    );
    // Eleventy has `_layouts/` and `_includes/` too (tc39.github.io): its
    // config says the folder is not Jekyll's.
    site.write(".eleventy.js", "module.exports = {};\n");
    assert_eq!(site.check(&[]).json()["summary"]["site_kind"], "html");
}

#[test]
fn template_syntax_in_a_url_is_never_judged_in_built_html() {
    // Jinja in an MkDocs theme, read as HTML: `{{ button.link }}` is no page.
    let site = bare_site();
    site.write(
        "theme/main.html",
        "<a href=\"{{ config.site_url }}\">a</a> <img src=\"{% static 'x.png' %}\" alt=\"x\">\n<a href=\"/gone.html\">b</a>\n",
    );
    assert_eq!(
        link_findings(&site),
        vec![row(
            "link-missing",
            "theme/main.html",
            2,
            10,
            "link to `/gone.html`, but the site has no page there"
        )]
    );
}

#[test]
fn redirect_from_urls_exist() {
    let site = TempSite::new();
    site.write(
        "guide.md",
        "---\ntitle: Guide\nredirect_from:\n  - /old-guide/\n  - /older.html\n---\n# Guide\n",
    );
    site.write(
        "index.md",
        "---\ntitle: Home\n---\n[a](/old-guide/) [b](/older.html) [c](/oldest/)\n",
    );
    assert_eq!(
        link_findings(&site),
        vec![row(
            "link-missing",
            "index.md",
            4,
            39,
            "link to `/oldest/`, but the site has no page there"
        )]
    );
}

#[test]
fn permalinks_and_categories_from_config_defaults_place_pages() {
    // WebAssembly's site: `defaults:` gives `design/CodeOfConduct.md` its URL,
    // and posts a category.
    let site = TempSite::new();
    site.write(
        "_config.yml",
        "permalink: pretty\ndefaults:\n  - scope:\n      path: design/CodeOfConduct.md\n    values:\n      permalink: /community/code-of-conduct/\n  - scope:\n      type: posts\n    values:\n      category: news\n",
    );
    site.write("design/CodeOfConduct.md", "---\ntitle: Code\n---\n# Code\n");
    site.write(
        "_posts/2020-01-02-hello.md",
        "---\ntitle: Hello\n---\nHi.\n",
    );
    site.write(
        "index.md",
        "---\ntitle: Home\n---\n[a](/community/code-of-conduct/) [b](/news/2020/01/02/hello/) [c](/design/CodeOfConduct/)\n",
    );
    assert_eq!(
        link_findings(&site),
        vec![row(
            "link-missing",
            "index.md",
            4,
            67,
            "link to `/design/CodeOfConduct/`, but the site has no page there"
        )]
    );
}

#[test]
fn posts_in_nested_posts_folders_have_their_folders_as_categories() {
    // ruby-lang.org: `zh_tw/news/_posts/…` is served under `/zh_tw/news/…`
    // (categories are lower-cased, not slugified).
    let site = TempSite::new();
    site.write("_config.yml", "permalink: pretty\n");
    site.write(
        "zh_tw/news/_posts/2014-10-27-rexml-dos.md",
        "---\ntitle: REXML\n---\nText.\n",
    );
    site.write(
        "index.md",
        "---\ntitle: Home\n---\n[a](/zh_tw/news/2014/10/27/rexml-dos/) [b](/zh-tw/news/2014/10/27/rexml-dos/)\n",
    );
    assert_eq!(
        link_findings(&site),
        vec![row(
            "link-missing",
            "index.md",
            4,
            44,
            "link to `/zh-tw/news/2014/10/27/rexml-dos/`, but the site has no page there"
        )]
    );
}

#[test]
fn a_baseurl_that_names_a_host_puts_no_prefix_on_paths() {
    // jasmine.github.io: `baseurl: //jasmine.github.io` made every
    // root-relative link "outside the path the site is served under".
    let site = TempSite::new();
    site.write("_config.yml", "baseurl: //example.github.io\n");
    site.write("a.md", "---\ntitle: A\n---\n# A\n");
    site.write(
        "index.md",
        "---\ntitle: Home\n---\n[a](/a.html) [b](/b.html)\n",
    );
    assert_eq!(
        link_findings(&site),
        vec![row(
            "link-missing",
            "index.md",
            4,
            18,
            "link to `/b.html`, but the site has no page there"
        )]
    );
}

#[test]
fn kramdown_markdown_mail_autolinks_and_block_attribute_ids() {
    // ruby-lang.org: `<zeha@debian.org>` was a relative link, and the id
    // `{: #fn1}` gives the paragraph before it was not seen.
    let site = TempSite::new();
    site.write(
        "index.md",
        "---\ntitle: Home\n---\nWrite to <someone@example.org>.\n\nSee the note<sup>[1](#fn1)</sup> and [2](#fn2).\n\n1. The note.\n{: #fn1}\n\n## Heading\n{: #custom}\n\n[h](#custom)\n",
    );
    assert_eq!(
        link_findings(&site),
        vec![row(
            "anchor-missing",
            "index.md",
            6,
            42,
            "link to `#fn2`, but no element on this page has id=\"fn2\""
        )]
    );
}

#[test]
fn a_field_an_if_tests_is_never_unknown_unless_a_near_field_exists() {
    // uswds, brew.sh, ruby-lang.org: `{% if page.alert %}…{{ page.alert-class }}`
    // is a hook for an optional feature no page uses yet.
    let site = TempSite::new();
    site.write(
        "_data/apps.yml",
        "- title: A\n  website: https://a.example\n",
    );
    site.write(
        "index.html",
        "---\ntitle: Home\n---\n{% for app in site.data.apps %}{% if app.alert %}<p class=\"{{ app.alert-class }}\">{{ app.alert }}</p>{% endif %}{% if app.websit %}{{ app.websit }}{% endif %}{{ app.tittle }}{% endfor %}\n",
    );
    let rows: Vec<Row> = site
        .check(&[])
        .findings()
        .into_iter()
        .filter(|f| f.0 == "template-field-unknown")
        .collect();
    assert_eq!(
        rows,
        vec![
            row(
                "template-field-unknown",
                "index.html",
                4,
                119,
                "`app.websit` is never set: no record of `_data/apps.yml` defines `websit`"
            ),
            row(
                "template-field-unknown",
                "index.html",
                4,
                162,
                "`app.tittle` is never set: no record of `_data/apps.yml` defines `tittle`"
            ),
        ]
    );
}

#[test]
fn a_github_project_page_links_to_other_sites_on_its_host() {
    // OWASP's project pages are served at owasp.org/www-project-top-ten/ and
    // link to /www-community/…, another repository's site.
    let site = TempSite::new();
    site.write(
        ".git/config",
        "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = https://github.com/OWASP/www-project-top-ten.git\n",
    );
    site.write("2017/A1.md", "---\ntitle: A1\n---\n# A1\n");
    site.write(
        "index.md",
        "---\ntitle: Home\n---\n[a](/www-community/attacks/) [b](/www-project-top-ten/2017/A1) [c](/www-project-top-ten/2017/A2) [d](/assets/404.png)\n",
    );
    assert_eq!(
        link_findings(&site),
        vec![row(
            "link-missing",
            "index.md",
            4,
            68,
            "link to `/www-project-top-ten/2017/A2`, but the site has no page there"
        ),]
    );
}

#[test]
fn a_submodule_not_checked_out_makes_links_unknown_and_a_theme_its_includes() {
    // WebAssembly's site serves /docs/… from its `design` submodule; OWASP's
    // layouts come from a remote theme.
    let site = TempSite::new();
    site.write("_config.yml", "remote_theme: owasp/www--site-theme@main\n");
    site.write(
        ".gitmodules",
        "[submodule \"docs\"]\n\tpath = design\n\turl = https://github.com/WebAssembly/design\n",
    );
    std::fs::create_dir_all(site.path().join("design")).unwrap();
    site.write(
        "index.md",
        "---\nlayout: col-sidebar\ntitle: Home\n---\n[faq](/docs/faq/)\n{% include breadcrumb.html %}\n",
    );
    let run = site.check(&[]);
    assert_eq!(link_findings(&site), vec![]);
    assert!(
        run.stderr.contains(
            "note: the git submodule `design` is not checked out (`git submodule update --init`): links to pages it may provide are not judged"
        ),
        "{}",
        run.stderr
    );
    // Checked out, the submodule's pages are read like any other.
    site.write("design/README.md", "# Design\n");
    assert_eq!(
        link_findings(&site),
        vec![row(
            "link-missing",
            "index.md",
            5,
            7,
            "link to `/docs/faq/`, but the site has no page there"
        )]
    );
}

#[test]
fn attributes_in_two_branches_of_an_if_are_alternatives() {
    // uswds: `{% if _current %} aria-expanded="true" {% else %}
    // aria-expanded="false" {% endif %}` writes one of the two; a `class`
    // given outside and again inside the `if` is written twice.
    let site = TempSite::new();
    site.write(
        "_includes/button.html",
        "<button class=\"nav\" aria-controls=\"x\"\n  {% if include.current %}\n  class=\"current\"\n  aria-expanded=\"true\"\n  {% else %}\n  aria-expanded=\"false\"\n  {% endif %}>x</button>\n",
    );
    site.write(
        "index.html",
        "---\ntitle: Home\n---\n{% include button.html current=true %}\n",
    );
    assert_eq!(
        link_findings(&site),
        vec![row(
            "html-syntax",
            "_includes/button.html",
            3,
            3,
            "attribute `class` is given twice in this tag; browsers ignore the second"
        )]
    );
}

#[test]
fn an_include_anchor_that_breaks_on_some_of_its_pages_names_them() {
    // The privacy guide split a page and kept `#id` links in a shared include:
    // the id is still on one page, gone from the others.
    let site = TempSite::new();
    site.write(
        "_includes/nav.html",
        "<a href=\"#tor\">Tor</a>\n{% if page.tor %}<a href=\"#tor\">again</a>{% endif %}\n",
    );
    site.write(
        "browsers.html",
        "---\ntitle: Browsers\n---\n{% include nav.html %}<h2 id=\"tor\">Tor</h2>\n",
    );
    for name in ["vpn", "email", "dns", "os"] {
        site.write(
            &format!("{name}.html"),
            "---\ntitle: Other\n---\n{% include nav.html %}<h2 id=\"other\">Other</h2>\n",
        );
    }
    assert_eq!(
        link_findings(&site),
        vec![row(
            "anchor-missing",
            "_includes/nav.html",
            1,
            10,
            "link to `#tor` breaks on 4 of the 5 pages that use this file, which have no element with id=\"tor\": `dns.html`, `email.html`, `os.html` and 1 more"
        )]
    );
}

#[test]
fn a_template_id_written_unquoted_is_one_dynamic_value_and_eleventy_partials_are_not_pages() {
    // jasmine's FAQ: `<h2 id={{faq.slug}} data-anchor-id="{{faq.slug}}">` in a
    // loop read as the id `data-anchor-id="` on every card.
    let site = TempSite::new();
    site.write("_data/faq.yml", "- slug: versions\n- slug: ajax\n");
    site.write(
        "faq.html",
        "---\ntitle: FAQ\n---\n{% for faq in site.data.faq %}<h2 id={{faq.slug}} data-anchor-id=\"{{faq.slug}}\">Q</h2>{% endfor %}\n<a href=\"#ajax\">ajax</a>\n",
    );
    assert_eq!(link_findings(&site), vec![]);
    // tc39.github.io (Eleventy): a partial's `#content` link is the page's.
    let eleventy = bare_site();
    eleventy.write(".eleventy.js", "module.exports = {};\n");
    eleventy.write("_layouts/menu.html", "<a href=\"#content\">Skip</a>\n");
    eleventy.write(
        "_layouts/default.html",
        "{% include './_layouts/menu.html' %}<h1 id=\"content\">x</h1>\n",
    );
    eleventy.write("index.html", "<a href=\"#nowhere\">x</a>\n");
    assert_eq!(
        link_findings(&eleventy),
        vec![row(
            "anchor-missing",
            "index.html",
            1,
            10,
            "link to `#nowhere`, but no element on this page has id=\"nowhere\""
        )]
    );
}

#[test]
fn plugin_pages_exist_when_the_plugin_is_listed() {
    // jekyll-feed at its configured path, jekyll-paginate's numbered pages.
    let site = TempSite::new();
    site.write(
        "_config.yml",
        "gems: [jekyll-feed, jekyll-paginate]\nfeed:\n  path: atom.xml\npaginate: 5\npaginate_path: /blog/page:num/\n",
    );
    site.write(
        "index.md",
        "---\ntitle: Home\n---\n[a](/atom.xml) [b](/blog/page2/) [c](/blog/page-two/)\n",
    );
    assert_eq!(
        link_findings(&site),
        vec![row(
            "link-missing",
            "index.md",
            4,
            38,
            "link to `/blog/page-two/`, but the site has no page there"
        )]
    );
}

#[test]
fn site_plugins_may_set_page_fields_and_build_outputs_get_a_hint() {
    // ruby-lang.org: `page.markdown_url` is set by `_plugins/markdown_alternates.rb`,
    // and `/pagefind/…` written by `_plugins/search_index.rb` after the build.
    let site = TempSite::new();
    site.write("_plugins/alternates.rb", "# sets page.markdown_url\n");
    site.write(
        "_layouts/default.html",
        "<link href=\"{{ page.markdown_url }}\" rel=\"alternate\"><link rel=\"stylesheet\" href=\"/pagefind/ui.css\">{{ content }}\n",
    );
    site.write("index.md", "---\nlayout: default\ntitle: Home\n---\nHi.\n");
    assert_eq!(link_findings(&site), vec![]);
    // Without plugins, the missing folder is named in the help.
    std::fs::remove_dir_all(site.path().join("_plugins")).unwrap();
    let run = site.check(&[]);
    let assets: Vec<(String, String)> = run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "asset-missing")
        .map(|f| {
            (
                f["message"].as_str().unwrap().to_owned(),
                f["help"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        assets,
        vec![(
            "`/pagefind/ui.css` (link href) is not in the site".to_owned(),
            "fix the path (the server's paths are case-sensitive) or add the file; if a build step makes it (a search index, compiled CSS), list it under `[site] generated` in galley.toml".to_owned()
        )]
    );
}

#[test]
fn anchor_js_gives_headings_without_ids_their_ids() {
    // jasmine.github.io ships AnchorJS: its upgrade guides link to `<h2>`s
    // that get their ids when the page loads.
    let site = TempSite::new();
    site.write("scripts/anchor.min.js", "/* AnchorJS */\n");
    site.write(
        "guide.html",
        "---\ntitle: Guide\n---\n<a href=\"#using-jasmine-3-99-to-detect-problems\">a</a> <a href=\"#overview\">b</a> <a href=\"#overview-1\">c</a> <a href=\"#system\">d</a>\n<h2>Using Jasmine 3.99 to detect problems</h2><h2>Overview</h2><h2>Overview</h2>\n",
    );
    assert_eq!(
        link_findings(&site),
        vec![row(
            "anchor-missing",
            "guide.html",
            4,
            119,
            "link to `#system`, but no element on this page has id=\"system\""
        )]
    );
}

#[test]
fn an_alt_text_from_the_config_or_in_a_branch_no_page_reaches_is_not_suspicious() {
    // brew.sh: `{% if page.logo %}<img alt="{{ page.title }} logo">` where no
    // page has a logo, and `alt="{{ site.title }} logo"` with `title:` set.
    let site = TempSite::new();
    site.write("_config.yml", "title: Homebrew\nlogo: /logo.svg\n");
    site.write("logo.svg", "<svg/>\n");
    site.write(
        "_layouts/default.html",
        "{% if page.logo %}<img alt=\"{{ page.title }} logo\" src=\"/logo.svg\">\n{% elsif site.logo %}<img alt=\"{{ site.title }} logo\" src=\"/logo.svg\">{% endif %}\n<img alt=\"{{ site.tagline }} logo\" src=\"/logo.svg\">\n{{ content }}\n",
    );
    site.write(
        "index.md",
        "---\nlayout: default\ntitle: Home\n---\nHello.\n",
    );
    let rows: Vec<Row> = site
        .check(&[])
        .findings()
        .into_iter()
        .filter(|f| f.0 == "img-alt-suspicious")
        .collect();
    // `site.tagline` is set nowhere: that one still speaks.
    assert_eq!(
        rows,
        vec![row(
            "img-alt-suspicious",
            "_layouts/default.html",
            3,
            11,
            "alt text `{{ site.tagline }} logo` is only \"logo\" around a template value; where the value is empty, readers hear just that"
        )]
    );
}

#[test]
fn a_quoted_value_continued_at_column_one_is_read_as_jekyll_reads_it() {
    // ruby-lang.org: a title whose second line is not indented. YAML 1.2
    // forbids it, libyaml (Psych, Jekyll's reader) takes it.
    let site = TempSite::new();
    site.write(
        "_posts/2021-08-03-award.md",
        "---\ntitle: \"Concurso Galardón Ruby Fukuoka 2022 - Los programas\njuzgados por Matz\"\nlayout: default\nlayout: post\n---\nHola.\n",
    );
    site.write("_data/broken.yml", "name: \"never closed\nrole: editor\n");
    let rows: Vec<Row> = site
        .check(&[])
        .findings()
        .into_iter()
        .filter(|f| f.0.starts_with("yaml-"))
        .collect();
    // The front matter is read (its duplicate key is found, at its line);
    // a quote that is never closed is still an error.
    assert_eq!(
        rows,
        vec![
            row(
                "yaml-syntax",
                "_data/broken.yml",
                1,
                7,
                "invalid YAML: the quoted value that starts here is never closed"
            ),
            row(
                "yaml-duplicate-key",
                "_posts/2021-08-03-award.md",
                5,
                1,
                "duplicate key `layout` (first given at line 4)"
            ),
        ]
    );
}

#[test]
fn collection_documents_of_any_kind_and_their_static_files_are_served() {
    // A licence catalogue: `_licenses/mit.txt` with front matter is served at
    // `/licenses/mit/`; a file without front matter in an output collection is
    // copied to the collection's URL; a collection not output serves nothing.
    let site = TempSite::new();
    site.write(
        "_config.yml",
        "collections:\n  licenses:\n    output: true\n    permalink: /licenses/:path/\n  guides:\n    output: true\n  notes:\n    output: false\n",
    );
    site.write(
        "_licenses/mit.txt",
        "---\ntitle: MIT\n---\nPermission is hereby granted.\n",
    );
    site.write("_guides/start.md", "---\ntitle: Start\n---\nStart here.\n");
    site.write("_guides/img/map.png", "");
    site.write("_notes/img/x.png", "");
    site.write(
        "index.md",
        "---\ntitle: Home\n---\n[MIT](/licenses/mit/) [map](/guides/img/map.png) [start](/guides/start.html)\n[x](/notes/img/x.png) [gone](/licenses/gpl/)\n",
    );
    assert_eq!(
        link_findings(&site),
        vec![
            row(
                "link-missing",
                "index.md",
                5,
                5,
                "link to `/notes/img/x.png`, but the site has no page there"
            ),
            row(
                "link-missing",
                "index.md",
                5,
                30,
                "link to `/licenses/gpl/`, but the site has no page there"
            ),
        ]
    );
}

#[test]
fn a_jekyll_source_is_read_as_jekyll_reads_it_not_as_git_ignores_it() {
    // A committed `vendor/` that `.gitignore` lists: Jekyll still builds it.
    let site = TempSite::new();
    site.write(".gitignore", "vendor/\n_site/\n");
    site.write(
        "vendor/lib/guide.md",
        "---\ntitle: Vendored\n---\n[home](/)\n[gone](/guides/none/)\n",
    );
    site.write(
        "vendor/bundle/gems/x/README.md",
        "---\n---\n[gone](/nowhere/)\n",
    );
    site.write(
        "index.md",
        "---\ntitle: Home\n---\n[guide](/vendor/lib/guide.html)\n",
    );
    assert_eq!(
        link_findings(&site),
        vec![row(
            "link-missing",
            "vendor/lib/guide.md",
            5,
            8,
            "link to `/guides/none/`, but the site has no page there"
        )]
    );
}

#[test]
fn links_in_data_prose_and_data_read_in_outputs_are_checked() {
    // A card's description links a page; a template prints a data file's
    // value. Both are the site's own references, checked like a page's.
    let site = TempSite::new();
    site.write("guide.md", "---\ntitle: Guide\n---\n## Setup\n");
    site.write(
        "_data/apps.yml",
        "- title: App\n  description: \"See [the guide](/guide.html#setup), [gone](/nowhere/), [typo](/guide.html#set-up), [here](local.html) and [dyn]({{ site.baseurl }}/x/).\"\n",
    );
    site.write("_data/nav.yml", "title: Menu\n");
    site.write(
        "index.html",
        "---\ntitle: Home\n---\n<h1>{{ site.data.nav.title }} {{ site.data.navigation.title }}</h1>\n{% for app in site.data.apps %}{{ app.description | markdownify }}{% endfor %}\n",
    );
    let rows: Vec<Row> = link_findings(&site)
        .into_iter()
        .filter(|f| f.0 != "data-field-unused")
        .collect();
    assert_eq!(
        rows,
        vec![
            row(
                "link-missing",
                "_data/apps.yml",
                2,
                60,
                "link to `/nowhere/`, but the site has no page there"
            ),
            row(
                "fragment-missing",
                "_data/apps.yml",
                2,
                79,
                "link to `/guide.html#set-up`: the page exists, but has no element with id=\"set-up\""
            ),
            row(
                "liquid-target-missing",
                "index.html",
                4,
                44,
                "`site.data.navigation.title` names `_data/navigation.yml` or the folder `_data/navigation/`, which the site does not have"
            ),
        ]
    );
}

#[test]
fn liquid_in_a_link_definition_builds_the_url() {
    // ruby-lang.org, uswds: `[x]: {{ page.github_baseurl }}/releases/…` reads
    // `/releases/…` once its Liquid is masked; the URL is built, not written.
    let site = TempSite::new();
    site.write("guide.md", "---\ntitle: Guide\n---\nGuide.\n");
    site.write(
        "index.md",
        "---\ntitle: Home\ngithub_baseurl: https://github.com/o/r\n---\nSee [the guide][a], [1349], [the release][b], [gone][c] and [old][d].\n\n[a]: {% link guide.md %}\n[1349]: {{ site.repository }}/issues/1349\n[b]: {{ page.github_baseurl }}/releases/tag/v1\n[c]: /nowhere/\n[d]: {{ site.url }}/old/\n",
    );
    // `{{ site.url }}` is the site's own address: `/old/` is this site's.
    assert_eq!(
        link_findings(&site),
        vec![
            row(
                "link-missing",
                "index.md",
                10,
                6,
                "link to `/nowhere/`, but the site has no page there"
            ),
            row(
                "link-missing",
                "index.md",
                11,
                20,
                "link to `/old/`, but the site has no page there"
            ),
        ]
    );
}
