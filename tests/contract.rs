//! The template–data contract (`template-field-unknown`,
//! `template-field-optional`, `data-field-unused`, and what `img-alt-suspicious`
//! learns from it): on the real snapshot's templates and data
//! (`fixtures/contract`), on the example site, and on purpose-built sites for
//! each way a template binds, guards, narrows and passes on its data.

mod common;

use common::{Row, TempSite, galley, repo_root, row};

const CONTRACT_RULES: &[&str] = &[
    "template-field-unknown",
    "template-field-optional",
    "data-field-unused",
];

fn contract_rows(findings: Vec<Row>) -> Vec<Row> {
    findings
        .into_iter()
        .filter(|f| {
            CONTRACT_RULES.contains(&f.0.as_str())
                || (f.0 == "img-alt-suspicious" && f.4.contains("for every record"))
        })
        .collect()
}

fn helps(run: &common::Run, rule: &str) -> Vec<(String, u64, String)> {
    run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["help"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_snapshot_reports_its_published_contract_defects() {
    let run = galley(
        &repo_root(),
        &["check", "fixtures/contract", "--format", "json"],
    );
    let sources =
        "`_data/operating-systems/router`, `_data/software/browsers` and 4 more data sources";
    assert_eq!(
        contract_rows(run.findings()),
        vec![
            row(
                "template-field-unknown",
                "_includes/blog-card.html",
                7,
                63,
                "`page.author` is never set: the front matter of `blog.html` has no `author`"
            ),
            row(
                "img-alt-suspicious",
                "_includes/recommendation-card.html",
                9,
                44,
                "alt text `{{ item.name }} logo` is \" logo\" for every record it is rendered with: `item.name` is never set (no record has `name`)"
            ),
            row(
                "template-field-unknown",
                "_includes/recommendation-card.html",
                9,
                47,
                &format!("`item.name` is never set: no record of {sources} defines `name`")
            ),
        ]
    );
    // `_includes/recommendation-text.html` reads `platform.name` too, but no
    // template includes it: it is never rendered, so no reader sees it.
    // Reads an `if` tests (`{% if item.warning %}`, `{% if subitem.anchor %}`)
    // are hooks for optional fields no record uses yet: not reported.
    let unknown = helps(&run, "template-field-unknown");
    assert_eq!(
        unknown[0].2,
        "did you mean `post.author`? Liquid prints nothing for a missing field; the front matter has `layout`, `permalink` and `title`"
    );
    assert!(
        unknown[1]
            .2
            .starts_with("did you mean `item.title`? Liquid prints nothing for a missing field; the records have `description`, `downloads`"),
        "{:?}",
        unknown[1]
    );
    let alt = helps(&run, "img-alt-suspicious");
    assert_eq!(
        alt.iter()
            .find(|(path, ..)| path == "_includes/recommendation-card.html")
            .unwrap()
            .2,
        "did you mean `item.title`? Read a field the records have, so the image is described"
    );
}

#[test]
fn the_example_site_shows_each_rule_firing_and_the_valid_pages_stay_quiet() {
    let run = galley(
        &repo_root(),
        &["check", "fixtures/site", "--format", "json"],
    );
    let messengers = "`_data/software/messengers` is read by `_includes/recommendation-card.html`, `real-time-communication.html` and `tricky-but-valid.html`";
    assert_eq!(
        contract_rows(run.findings()),
        vec![
            row(
                "data-field-unused",
                "_data/software/messengers/7_schema-unknown-key.yml",
                7,
                1,
                &format!("`privacy-policy` is set here but no template reads it; {messengers}")
            ),
            row(
                "data-field-unused",
                "_data/software/messengers/12_schema-downloads.yml",
                11,
                5,
                &format!("`downloads[].name` is set here but no template reads it; {messengers}")
            ),
            row(
                "data-field-unused",
                "_data/team/2_bob.yml",
                6,
                1,
                "`order` is set here but no template reads it; `_data/team` is read by `_includes/team-member.html`, `checks/data-field-unused.html`, `checks/template-field-optional.html` and 2 more templates"
            ),
            row(
                "template-field-optional",
                "_includes/recommendation-card.html",
                4,
                18,
                "`item.logo` is read unguarded, but 1 of the 15 records it is rendered with has no `logo`: `_data/software/messengers/6_schema-required.yml`"
            ),
            row(
                "img-alt-suspicious",
                "_includes/recommendation-card.html",
                4,
                38,
                "alt text `{{ item.name }} logo` is \" logo\" for every record it is rendered with: `item.name` is never set (no record has `name`)"
            ),
            row(
                "template-field-unknown",
                "_includes/recommendation-card.html",
                4,
                41,
                "`item.name` is never set: no record of `_data/software/messengers` defines `name`"
            ),
            row(
                "template-field-optional",
                "_includes/recommendation-card.html",
                9,
                107,
                "`platform.icon` is read unguarded, but 1 of the 28 records it is rendered with has no `icon`: `_data/software/messengers/12_schema-downloads.yml:11`"
            ),
            row(
                "template-field-optional",
                "checks/template-field-optional.html",
                8,
                9,
                "`member.bio` is read unguarded, but 1 of the 3 records it is rendered with has no `bio`: `_data/team/3_carol.yml`"
            ),
            row(
                "template-field-unknown",
                "checks/template-field-unknown.html",
                7,
                10,
                "`member.title` is never set: no record of `_data/team` defines `title`"
            ),
            row(
                "template-field-unknown",
                "checks/template-field-unknown.html",
                8,
                45,
                "`link.href` is never set: no record of `_data/team` defines `href`"
            ),
            row(
                "template-field-unknown",
                "checks/template-field-unknown.html",
                11,
                60,
                "`page.author` is never set: the front matter of `checks/template-field-unknown.html` has no `author`"
            ),
        ]
    );
    let unknown: Vec<String> = helps(&run, "template-field-unknown")
        .into_iter()
        .map(|(.., help)| help)
        .collect();
    assert_eq!(
        unknown[1..],
        [
            "did you mean `member.name`? Liquid prints nothing for a missing field; the records have `bio`, `links`, `name`, `order`, `photo` and `role`",
            "did you mean `link.url`? Liquid prints nothing for a missing field; the records have `label` and `url`",
            "did you mean `guide.author`? Liquid prints nothing for a missing field; the front matter has `layout` and `title`",
        ]
    );
    assert_eq!(
        helps(&run, "template-field-optional")[2].2,
        "wrap it in `{% if member.bio %}…{% endif %}`, give it a fallback with `| default: …`, or set `bio` in every record"
    );
}

/// A Jekyll site with a team of three: only Carol has no bio, only Bob a
/// `links` list, and Alice is the one editor.
fn team_site() -> TempSite {
    let site = TempSite::new();
    site.write("_config.yml", "title: Team\n");
    site.write(
        "_data/team/1_alice.yml",
        "name: Alice\nrole: Editor\nbio: Proofreads.\n",
    );
    site.write(
        "_data/team/2_bob.yml",
        "name: Bob\nrole: Maintainer\nbio: Builds.\nlinks:\n  - label: Code\n    url: 'https://bob.example.org'\n",
    );
    site.write("_data/team/3_carol.yml", "name: Carol\nrole: Translator\n");
    site
}

fn rows_of(run: &common::Run) -> Vec<Row> {
    contract_rows(run.findings())
        .into_iter()
        .filter(|f| f.0 != "data-field-unused")
        .collect()
}

#[test]
fn guards_defaults_and_narrowing_keep_optional_reads_quiet() {
    let site = team_site();
    site.write(
        "index.html",
        "---\n---\n{% for hash in site.data.team %}{% assign m = hash[1] %}\n\
         {% if m.bio %}{{ m.bio }}{% endif %}{{ m.bio | default: \"-\" }}\n\
         {% unless m.bio %}none{% else %}{{ m.bio }}{% endunless %}\n\
         {% if m.role == \"Editor\" %}{{ m.bio }}{% endif %}\n\
         {% if m.role != \"Translator\" %}{{ m.bio }}{% else %}{{ m.name }}{% endif %}\n\
         {% if m.links %}{% for l in m.links %}{{ l.url }}{% endfor %}{% endif %}\n\
         {% for l in m.links %}{{ l.label }}{% endfor %}\n\
         {% if m.bio or m.role %}{{ m.bio }}{% endif %}\n\
         {{ m.bio }}\n\
         {% endfor %}\n",
    );
    let run = site.check(&[]);
    assert_eq!(
        rows_of(&run),
        vec![
            // `or`: either may hold, so `m.bio` is not known to be set. Each
            // path is reported once per file, at its first unguarded read.
            row(
                "template-field-optional",
                "index.html",
                10,
                28,
                "`m.bio` is read unguarded, but 1 of the 3 records it is rendered with has no `bio`: `_data/team/3_carol.yml`; also read on line 11"
            ),
        ]
    );
}

#[test]
fn a_loop_over_a_folder_gives_pairs_and_where_filters_records() {
    let site = team_site();
    site.write(
        "index.html",
        "---\n---\n{% for m in site.data.team %}{{ m.name }}{{ m[1].name }}{{ m.last.role }}{{ m.first }}{% endfor %}\n\
         {% assign editors = site.data.team | where: \"role\", \"Editor\" %}{% for e in editors %}{{ e.bio }}{{ e.nmae }}{% endfor %}\n\
         {% assign names = site.data.team | map: \"name\" %}{{ names.first }}\n",
    );
    let run = site.check(&[]);
    assert_eq!(
        rows_of(&run),
        vec![
            row(
                "template-field-unknown",
                "index.html",
                3,
                33,
                "`m.name` is never set: the loop gives `[name, record]` pairs from a hash, which have no `name`"
            ),
            row(
                "template-field-unknown",
                "index.html",
                4,
                100,
                "`e.nmae` is never set: no record of `_data/team` defines `nmae`"
            ),
        ]
    );
    // Reads an `if` tests (`{% if item.warning %}`, `{% if subitem.anchor %}`)
    // are hooks for optional fields no record uses yet: not reported.
    let unknown = helps(&run, "template-field-unknown");
    assert_eq!(
        unknown[0].2,
        "read the record as the pair's second item: `{% assign record = item[1] %}`, then `record.field`"
    );
    assert!(
        unknown[1].2.starts_with("did you mean `e.name`?"),
        "{unknown:?}"
    );
}

#[test]
fn includes_see_the_loop_variables_and_their_parameters() {
    let site = team_site();
    site.write(
        "_includes/member.html",
        "{% assign p = include.person %}<b>{{ p.name }}</b>{{ p.title }}{{ m.role }}\n",
    );
    site.write(
        "_includes/row-team.html",
        "{% assign r = include.data[1] %}{{ r.name }}{{ r.rol }}\n",
    );
    site.write(
        "_includes/table.html",
        "{% for x in site.data[include.data] %}{% include row-{{ include.data }}.html data=x %}{% endfor %}\n",
    );
    site.write(
        "index.html",
        "---\n---\n{% for hash in site.data.team %}{% assign m = hash[1] %}{% include member.html person=m %}{% endfor %}\n\
         {% include table.html data=\"team\" %}\n",
    );
    let run = site.check(&[]);
    assert_eq!(
        rows_of(&run),
        vec![
            row(
                "template-field-unknown",
                "_includes/member.html",
                1,
                54,
                "`p.title` is never set: no record of `_data/team` defines `title`"
            ),
            row(
                "template-field-unknown",
                "_includes/row-team.html",
                1,
                48,
                "`r.rol` is never set: no record of `_data/team` defines `rol`"
            ),
        ]
    );
}

#[test]
fn page_means_the_front_matter_of_every_page_a_layout_renders() {
    let site = TempSite::new();
    site.write(
        "_config.yml",
        "defaults:\n  - scope:\n      path: \"\"\n      type: posts\n    values:\n      layout: post\n      author: Team\n",
    );
    site.write(
        "_layouts/base.html",
        "<title>{{ page.title }}</title>{{ page.url }}{{ page.content }}{{ page.subtitle }}{{ page.descripton }}{{ content }}\n",
    );
    site.write(
        "_layouts/post.html",
        "---\nlayout: base\n---\n{{ page.author }} {{ page.date }} {{ content }}\n",
    );
    site.write(
        "a.md",
        "---\nlayout: base\ntitle: A\nsubtitle: One\ndescription: First.\n---\nA.\n",
    );
    site.write(
        "b.md",
        "---\nlayout: base\ntitle: B\ndescription: Second.\n---\nB.\n",
    );
    site.write(
        "_posts/2024-01-01-hello.md",
        "---\ntitle: Hello\ndescription: Hi.\nsubtitle: Two\n---\nHi.\n",
    );
    site.write(
        "blog.html",
        "---\nlayout: base\ntitle: Blog\ndescription: Posts.\n---\n{% for post in site.posts %}{{ post.title }}{{ post.author }}{{ page.author }}{% endfor %}\n",
    );
    let run = site.check(&[]);
    let rows = rows_of(&run);
    assert_eq!(
        rows,
        vec![
            row(
                "template-field-optional",
                "_layouts/base.html",
                1,
                67,
                "`page.subtitle` is read unguarded, but 2 of the 4 records it is rendered with have no `subtitle`: `b.md` and `blog.html`"
            ),
            row(
                "template-field-unknown",
                "_layouts/base.html",
                1,
                86,
                "`page.descripton` is never set: no front matter of the 4 pages it is rendered for (`_posts/2024-01-01-hello.md`, `a.md`, `b.md` and 1 more page) has `descripton`"
            ),
            row(
                "template-field-unknown",
                "blog.html",
                6,
                65,
                "`page.author` is never set: the front matter of `blog.html` has no `author`"
            ),
        ]
    );
    // Reads an `if` tests (`{% if item.warning %}`, `{% if subitem.anchor %}`)
    // are hooks for optional fields no record uses yet: not reported.
    let unknown = helps(&run, "template-field-unknown");
    assert!(
        unknown[0].2.starts_with("did you mean `page.description`?"),
        "{unknown:?}"
    );
    assert!(
        unknown[1].2.starts_with("did you mean `post.author`?"),
        "{unknown:?}"
    );
}

#[test]
fn a_bound_schema_decides_which_fields_exist() {
    let site = TempSite::new();
    site.write("_config.yml", "title: Apps\n");
    site.messenger("1_a", "A");
    site.messenger("2_b", "B");
    site.write(
        "index.html",
        "---\n---\n{% for h in site.data.software.messengers %}{% assign item = h[1] %}\
         {% if item.warning %}{{ item.warning }}{% endif %}{{ item.website_tor }}{{ item.homepage }}{% endfor %}\n",
    );
    let run = site.check(&[]);
    assert_eq!(
        rows_of(&run),
        vec![
            // `website_tor` is in the schema: unguarded, but allowed, and no
            // record has it, so it is optional for all of them.
            row(
                "template-field-unknown",
                "index.html",
                3,
                144,
                "`item.homepage` is never set: no record of `_data/software/messengers` defines `homepage`"
            ),
        ]
    );
}

#[test]
fn unused_fields_are_found_unless_read_whole() {
    let site = team_site();
    site.write(
        "index.html",
        "---\n---\n{% for hash in site.data.team %}{% assign m = hash[1] %}{{ m.name }}{% for l in m.links %}{{ l.url }}{% endfor %}{% endfor %}\n",
    );
    site.write("_data/config/site.yml", "a: 1\nb: 2\n");
    site.write("_data/people.yml", "- name: X\n  email: x@example.org\n");
    site.write(
        "other.html",
        "---\n---\n<script>{{ site.data.people | jsonify }}</script>{% assign key = page.title %}{{ site.data.config.site[key] }}\n",
    );
    let findings: Vec<Row> = contract_rows(site.check(&[]).findings())
        .into_iter()
        .filter(|f| f.0 == "data-field-unused")
        .collect();
    let read_by = "`_data/team` is read by `index.html`";
    assert_eq!(
        findings,
        vec![
            row(
                "data-field-unused",
                "_data/team/1_alice.yml",
                2,
                1,
                &format!("`role` is set here but no template reads it; {read_by}")
            ),
            row(
                "data-field-unused",
                "_data/team/1_alice.yml",
                3,
                1,
                &format!("`bio` is set here but no template reads it; {read_by}")
            ),
            row(
                "data-field-unused",
                "_data/team/2_bob.yml",
                2,
                1,
                &format!("`role` is set here but no template reads it; {read_by}")
            ),
            row(
                "data-field-unused",
                "_data/team/2_bob.yml",
                3,
                1,
                &format!("`bio` is set here but no template reads it; {read_by}")
            ),
            row(
                "data-field-unused",
                "_data/team/2_bob.yml",
                5,
                5,
                &format!("`links[].label` is set here but no template reads it; {read_by}")
            ),
            row(
                "data-field-unused",
                "_data/team/3_carol.yml",
                2,
                1,
                &format!("`role` is set here but no template reads it; {read_by}")
            ),
        ]
    );
}

#[test]
fn alt_text_learns_from_the_data() {
    let site = team_site();
    site.write("x.svg", "<svg/>");
    site.write(
        "index.html",
        "---\n---\n{% for hash in site.data.team %}{% assign m = hash[1] %}\
         <img src=\"/x.svg\" alt=\"{{ m.name }} photo\"><img src=\"/x.svg\" alt=\"{{ m.bio }} photo\">\
         <img src=\"/x.svg\" alt=\"{{ m.nick }} photo\">{% endfor %}<img src=\"/x.svg\" alt=\"{{ nobody.name }} photo\">\n",
    );
    let run = site.check(&[]);
    let alts: Vec<Row> = run
        .findings()
        .into_iter()
        .filter(|f| f.0 == "img-alt-suspicious")
        .collect();
    // Every record has a name: quiet. Not every one a bio: the usual warning.
    assert_eq!(
        alts,
        vec![
            row(
                "img-alt-suspicious",
                "index.html",
                3,
                123,
                "alt text `{{ m.bio }} photo` is only \"photo\" around a template value; where the value is empty, readers hear just that"
            ),
            row(
                "img-alt-suspicious",
                "index.html",
                3,
                165,
                "alt text `{{ m.nick }} photo` is \" photo\" for every record it is rendered with: `m.nick` is never set (no record has `nick`)"
            ),
            row(
                "img-alt-suspicious",
                "index.html",
                3,
                220,
                "alt text `{{ nobody.name }} photo` is only \"photo\" around a template value; where the value is empty, readers hear just that"
            ),
        ]
    );
}

#[test]
fn hostile_templates_end_and_unread_data_is_not_judged() {
    let site = team_site();
    // Includes that include each other, an unterminated tag, a loop over
    // itself, and data Galley does not read (JSON).
    site.write("_includes/a.html", "{% include b.html x=m %}{{ m.nope }}\n");
    site.write(
        "_includes/b.html",
        "{% include a.html m=include.x %}{% for m in m %}{{ m.x }}{% endfor %}\n",
    );
    site.write("_data/extra.json", "{\"a\": 1}\n");
    site.write(
        "index.html",
        "---\n---\n{% for hash in site.data.team %}{% assign m = hash[1] %}{% include a.html %}{% endfor %}\
         {% for e in site.data.extra %}{{ e.anything }}{% endfor %}{% for z in site.data.missing %}{{ z.x }}{% endfor %}{{ m.name \n",
    );
    let run = site.check(&[]);
    assert!(run.code <= 1, "{}", run.stderr);
    assert_eq!(
        rows_of(&run),
        vec![
            row(
                "template-field-unknown",
                "_includes/a.html",
                1,
                28,
                "`m.nope` is never set: no record of `_data/team` defines `nope`"
            ),
            // A loop over a record goes through its fields as pairs.
            row(
                "template-field-unknown",
                "_includes/b.html",
                1,
                52,
                "`m.x` is never set: the loop gives `[name, record]` pairs from a hash, which have no `x`"
            ),
        ]
    );
}

#[test]
fn schemas_are_followed_through_refs_and_combinations() {
    let site = TempSite::new();
    site.write("_config.yml", "title: Tools\n");
    site.write(
        "galley.toml",
        "[schemas]\n\"_data/tools/*.yml\" = \"tool.schema.json\"\n",
    );
    site.write(
        "tool.schema.json",
        r##"{
  "$defs": {
    "named": {"properties": {"name": {"type": "string"}, "alias": {"type": "string"}}},
    "link": {"type": "object", "properties": {"url": {"type": "string"}, "label": {"type": "string"}}}
  },
  "allOf": [{"$ref": "#/$defs/named"}],
  "properties": {"links": {"type": "array", "items": {"$ref": "#/$defs/link"}}}
}"##,
    );
    site.write(
        "_data/tools/a.yml",
        "name: A\nlinks:\n  - url: 'https://a.example.org'\n",
    );
    site.write("_data/tools/b.yml", "name: B\n");
    site.write(
        "index.html",
        "---\n---\n{% for h in site.data.tools %}{% assign t = h[1] %}{% if t.alias %}{{ t.alias }}{% endif %}\
         {% for l in t.links %}{% if l.label %}{{ l.label }}{% endif %}{{ l.href }}{% endfor %}{% endfor %}\n",
    );
    let run = site.check(&[]);
    assert_eq!(
        rows_of(&run),
        vec![row(
            "template-field-unknown",
            "index.html",
            3,
            157,
            "`l.href` is never set: no record of `_data/tools` defines `href`"
        )]
    );
}
