//! The YAML data checker on the example site and on purpose-built sites.

mod common;

use common::{TempSite, example_site, galley, repo_root};

const M: &str = "_data/software/messengers";

fn finding(
    rule: &str,
    file: &str,
    line: u64,
    column: u64,
    message: &str,
) -> (String, String, u64, u64, String) {
    (
        rule.to_owned(),
        format!("{M}/{file}"),
        line,
        column,
        message.to_owned(),
    )
}

#[test]
fn example_site_reports_every_seeded_data_defect_and_nothing_else() {
    // The pages' findings are asserted in tests/html_checker.rs.
    let run = galley(
        &repo_root(),
        &[
            "check",
            "--root",
            "fixtures/site",
            "fixtures/site/_data",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    // `data-field-unused` is asserted in tests/contract.rs.
    let findings: Vec<_> = run
        .findings()
        .into_iter()
        .filter(|f| f.0 != "data-field-unused")
        .collect();
    assert_eq!(
        findings,
        vec![
            finding(
                "schema",
                "5_schema-enum.yml",
                2,
                7,
                r#"`type` must be one of "Recommendation", "Worth Mentioning", "Anti-Recommendation""#
            ),
            finding(
                "schema",
                "6_schema-required.yml",
                1,
                1,
                "missing required key `logo`"
            ),
            finding(
                "schema",
                "7_schema-unknown-key.yml",
                7,
                1,
                "unknown key `privacy-policy`"
            ),
            finding(
                "schema",
                "8_schema-pattern.yml",
                6,
                10,
                r#"`website` has the wrong form: "http://jami.net""#
            ),
            finding(
                "asset-missing",
                "9_asset-missing.yml",
                3,
                7,
                "`logo` points at `/assets/img/messengers/conversations.svg`, which is not in the site"
            ),
            finding(
                "yaml-duplicate-key",
                "10_yaml-duplicate-key.yml",
                7,
                1,
                "duplicate key `website` (first given at line 4)"
            ),
            finding(
                "yaml-syntax",
                "11_yaml-syntax.yml",
                4,
                14,
                "invalid YAML: the quoted value that starts here is never closed"
            ),
            finding(
                "schema",
                "12_schema-downloads.yml",
                9,
                11,
                r#"`downloads[1].icon` has the wrong form: "android""#
            ),
            finding(
                "schema",
                "12_schema-downloads.yml",
                11,
                5,
                "missing required key `icon` in `downloads[2]`"
            ),
            finding(
                "schema",
                "12_schema-downloads.yml",
                11,
                5,
                "unknown key `name` in `downloads[2]`"
            ),
            finding(
                "title-duplicate",
                "13_title-duplicate.yml",
                1,
                8,
                "title `Signal` is also used by _data/software/messengers/1_signal.yml:1"
            ),
            finding(
                "schema",
                "14_schema-type.yml",
                6,
                12,
                "`downloads` must be an array, found a string"
            ),
            finding(
                "file-unreadable",
                "15_file-unreadable.yml",
                1,
                11,
                "invalid UTF-8 (byte 0xE9)"
            ),
            // Prose fields are read as Markdown: link text is prose, words
            // join across line breaks of a block scalar.
            finding(
                "word-repeated",
                "16_word-repeated.yml",
                5,
                24,
                "`the` repeats the word before it"
            ),
            finding(
                "word-repeated",
                "16_word-repeated.yml",
                7,
                3,
                "`the` repeats the word before it"
            ),
            finding(
                "word-repeated",
                "16_word-repeated.yml",
                7,
                28,
                "`was` repeats the word before it"
            ),
            finding(
                "word-repeated",
                "16_word-repeated.yml",
                7,
                56,
                "`the` repeats the word before it"
            ),
            // A folded double-quoted scalar: positions are in the file.
            finding(
                "misspelling",
                "17_misspelling.yml",
                4,
                28,
                "`recieve` is a common misspelling"
            ),
            finding(
                "misspelling",
                "17_misspelling.yml",
                5,
                12,
                "`seperate` is a common misspelling"
            ),
        ]
    );
    let summary = &run.json()["summary"];
    assert_eq!(summary["errors"], 17);
    assert_eq!(summary["warnings"], 2);
    assert_eq!(summary["infos"], 3);
    assert_eq!(summary["files"], 20);
}

#[test]
fn spans_cover_the_offending_value() {
    let run = galley(
        &repo_root(),
        &["check", "fixtures/site", "--format", "json"],
    );
    let json = run.json();
    let enum_finding = &json["findings"][0];
    // `Recomendation` is 13 characters from column 7.
    assert_eq!(
        (
            enum_finding["end_line"].as_u64(),
            enum_finding["end_column"].as_u64()
        ),
        (Some(2), Some(20))
    );
    assert!(
        enum_finding["help"]
            .as_str()
            .unwrap()
            .starts_with("did you mean `Recommendation`?")
    );
}

#[test]
fn the_real_records_are_clean() {
    let site = example_site();
    let real: Vec<String> = ["1_signal", "2_element", "3_briar", "4_session"]
        .iter()
        .map(|name| {
            site.join(format!("{M}/{name}.yml"))
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let mut args = vec!["check", "--root", "fixtures/site", "--format", "json"];
    args.extend(real.iter().map(String::as_str));
    let run = galley(&repo_root(), &args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.findings(), vec![]);
    assert_eq!(run.json()["summary"]["files"], 4);
}

#[test]
fn a_file_given_is_judged_against_the_whole_site() {
    // The duplicate title needs 1_signal.yml, which is loaded but not reported on.
    let run = galley(
        &example_site(),
        &[
            "check",
            "--format",
            "short",
            &format!("{M}/13_title-duplicate.yml"),
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        format!(
            "{M}/13_title-duplicate.yml:1:8: error[title-duplicate] title `Signal` is also used by {M}/1_signal.yml:1\n\
             1 error, 0 warnings, 0 infos in 1 file (jekyll site)\n"
        )
    );
}

#[test]
fn every_schema_violation_of_a_file_is_reported() {
    let site = TempSite::new();
    site.write("assets/img/a.svg", "");
    site.write(
        &format!("{M}/1_app.yml"),
        "title: 7\ntype: Recommended\nlogo: assets/img/a.svg\ndescription: ''\nwebsite_tor: 'http://example.onion'\nlabels: 'colour==info'\n",
    );
    let run = site.check(&[]);
    let f = |line, column, message: &str| {
        (
            "schema".to_owned(),
            format!("{M}/1_app.yml"),
            line,
            column,
            message.to_owned(),
        )
    };
    assert_eq!(
        run.findings(),
        vec![
            f(1, 8, "`title` must be a string, found the number 7"),
            f(
                2,
                7,
                r#"`type` must be one of "Recommendation", "Worth Mentioning", "Anti-Recommendation""#
            ),
            f(3, 7, r#"`logo` has the wrong form: "assets/img/a.svg""#),
            f(4, 14, "`description` is empty"),
            f(
                5,
                14,
                r#"`website_tor` has the wrong form: "http://example.onion""#
            ),
            f(6, 9, r#"`labels` has the wrong form: "colour==info""#),
        ]
    );
}

#[test]
fn missing_key_in_a_nested_mapping_points_at_the_mapping() {
    let site = TempSite::new();
    site.messenger("1_a", "A");
    site.write(
        &format!("{M}/1_a.yml"),
        "title: A\ntype: Recommendation\nlogo: /assets/img/messengers/x.svg\ndescription: d\ndownloads:\n  - icon: fab fa-linux\n",
    );
    let run = site.check(&[]);
    assert_eq!(
        run.findings(),
        vec![(
            "schema".into(),
            format!("{M}/1_a.yml"),
            6,
            5,
            "missing required key `url` in `downloads[0]`".into()
        )]
    );
}

#[test]
fn valid_edge_cases_are_quiet() {
    let site = TempSite::new();
    site.write("assets/img/messengers/a b.svg", "");
    site.write("assets/img/messengers/x.svg", "");
    site.write(
        &format!("{M}/1_a.yml"),
        concat!(
            "# a comment before the first key\n",
            "title: \"Anchors & aliases\"\n",
            "type: Worth Mentioning\n",
            "logo: /assets/img/messengers/a%20b.svg\n",
            "logo_dark: /assets/img/messengers/x.svg?v=2\n",
            "labels: 'color==info::icon==fas fa-fw fa-wifi::text==P2P::link==https://example.org/a::tooltip==x |\n",
            "         color==info::text==VoIP'\n",
            "description: >-\n  Folded\n  text.\n",
            "website: &site 'https://example.org'\n",
            "privacy_policy: *site\n",
            "website_tor: 'http://2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion/'\n",
            "downloads:\n  - icon: fa-brands fa-github\n    url: 'https://github.com/example'\n",
            "info: Notice.\n",
        ),
    );
    site.messenger("2_b", "B");
    let run = site.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.findings(), vec![]);
}

#[test]
fn every_duplicate_key_is_reported_and_the_schema_still_checked() {
    let site = TempSite::new();
    site.write(
        &format!("{M}/1_a.yml"),
        "title: A\ntitle: B\ntype: Nope\nlogo: /x.svg\nlogo: /y.svg\ndescription: d\n",
    );
    let run = site.check(&[]);
    let rules: Vec<_> = run
        .findings()
        .into_iter()
        .map(|f| (f.0, f.2, f.3))
        .collect();
    assert_eq!(
        rules,
        vec![
            ("yaml-duplicate-key".into(), 2, 1),
            ("schema".into(), 3, 7),
            ("yaml-duplicate-key".into(), 5, 1),
            ("asset-missing".into(), 5, 7),
            ("schema".into(), 5, 7),
        ]
    );
}

#[test]
fn hostile_yaml_is_refused_and_siblings_still_checked() {
    let site = TempSite::new();
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (previous, name) in ('a'..='i').zip('b'..='j') {
        let refs = vec![format!("*{previous}"); 10].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    site.write("_data/bomb.yml", &bomb);
    site.write(
        "_data/deep.yml",
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
    );
    site.write("_data/binary.yml", b"title: x\n\x00\x01\x02");
    site.write("_data/utf16.yml", b"\xff\xfet\x00i\x00");
    site.write("_data/empty.yml", "");
    site.write(&format!("{M}/1_a.yml"), "title: A\ntype: Recommendation\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink("nowhere.yml", site.path().join("_data/dangling.yml")).unwrap();
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    let found: Vec<_> = run
        .findings()
        .into_iter()
        .map(|f| (f.0, f.1, f.2, f.3))
        .collect();
    let mut expected = vec![
        (
            "file-unreadable".to_owned(),
            "_data/binary.yml".to_owned(),
            2,
            1,
        ),
        // The alias that would pass 100,000 nodes.
        ("yaml-syntax".to_owned(), "_data/bomb.yml".to_owned(), 5, 36),
    ];
    #[cfg(unix)]
    expected.push((
        "file-unreadable".to_owned(),
        "_data/dangling.yml".to_owned(),
        1,
        1,
    ));
    expected.extend([
        (
            "yaml-syntax".to_owned(),
            "_data/deep.yml".to_owned(),
            1,
            256,
        ),
        ("schema".to_owned(), format!("{M}/1_a.yml"), 1, 1),
        ("schema".to_owned(), format!("{M}/1_a.yml"), 1, 1),
        (
            "file-unreadable".to_owned(),
            "_data/utf16.yml".to_owned(),
            1,
            1,
        ),
    ]);
    assert_eq!(found, expected);
    let messages: Vec<_> = run.findings().into_iter().map(|f| f.4).collect();
    assert!(messages[1].contains("billion laughs"), "{}", messages[1]);
}
