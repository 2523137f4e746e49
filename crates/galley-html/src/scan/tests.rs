use super::*;
use galley_liquid as liquid;

fn plain(text: &str) -> PageScan {
    scan(text, 0..text.len(), None)
}

#[test]
fn attribute_values_at_the_length_limit_are_read_and_past_it_reported() {
    let page = |value: &str| format!("<a href=\"{value}\" id=\"x\">a</a>");
    let at_limit = "/".to_owned() + &"a".repeat(MAX_ATTRIBUTE_BYTES - 1);
    let read = plain(&page(&at_limit));
    assert_eq!(read.urls.len(), 1);
    assert_eq!(read.urls[0].url.len(), MAX_ATTRIBUTE_BYTES);
    assert_eq!(read.syntax, vec![]);

    let past = at_limit + "a";
    let read = plain(&page(&past));
    assert!(read.urls.is_empty(), "a value past the limit is not read");
    assert_eq!(read.ids.len(), 1, "the other attributes still are");
    assert_eq!(
        read.syntax,
        vec![SyntaxProblem::LongAttribute {
            name: "href".to_owned(),
            range: 3..7,
            bytes: MAX_ATTRIBUTE_BYTES + 1,
        }]
    );

    // An inline image is not reported, and not read either.
    let image = format!(
        "<img src=\"data:image/png;base64,{}\" alt=\"x\">",
        "A".repeat(MAX_ATTRIBUTE_BYTES)
    );
    let read = plain(&image);
    assert_eq!(read.syntax, vec![]);
    assert!(read.urls.is_empty());
}

#[test]
fn ids_urls_and_positions_are_collected() {
    let text = "<h2 id=\"a&amp;b\">x</h2>\n<a href='#a%26b' name=n>y</a><img src=i.png srcset=\"s1.png 1x, s2.png 2x\" alt=\"\">";
    let scan = plain(text);
    assert_eq!(scan.ids.len(), 1);
    assert_eq!(scan.ids[0].value, "a&b");
    assert_eq!(&text[scan.ids[0].range.clone()], "a&amp;b");
    assert_eq!(scan.names[0].value, "n");
    let urls: Vec<(&str, &str)> = scan
        .urls
        .iter()
        .map(|u| (u.url.as_str(), &text[u.range.clone()]))
        .collect();
    assert_eq!(
        urls,
        [
            ("#a%26b", "#a%26b"),
            ("i.png", "i.png"),
            ("s1.png", "s1.png"),
            ("s2.png", "s2.png")
        ]
    );
    let alt = scan.images[0].alt.as_ref().unwrap();
    assert_eq!((alt.value.as_str(), &text[alt.range.clone()]), ("", "alt"));
    assert!(!scan.images[0].sole_link_content);
}

#[test]
fn an_image_with_empty_alt_alone_in_a_link_is_marked() {
    let scan = plain(
        "<a href=/x><img src=a alt=''></a><a href=/y><img src=b alt=''> text</a><a href=/z aria-label=Z><img src=c alt=''></a>",
    );
    let sole: Vec<bool> = scan.images.iter().map(|i| i.sole_link_content).collect();
    assert_eq!(sole, [true, false, false]);
}

#[test]
fn script_content_is_not_read_as_tags() {
    let scan = plain("<script>var s = '<a href=\"#gone\">';</script><style>a[id=x]{}</style>");
    assert!(scan.urls.is_empty());
    assert!(scan.ids.is_empty());
}

#[test]
fn liquid_makes_values_dynamic_and_ids_patterns() {
    let text = "<div id=\"{{ item.slug }}-card\"><a href=\"{{ x }}\">{{ y }}</a><img {% if a %}alt=\"b\"{% endif %} src=\"/{{ p }}.png\"></div>";
    let masked = liquid::mask(text);
    let scan = scan(&masked.text, 0..text.len(), Some(&masked));
    assert_eq!(
        scan.ids[0].pattern.as_deref(),
        Some(&["".to_owned(), "-card".to_owned()][..])
    );
    assert!(scan.urls.iter().all(|u| u.dynamic));
    assert!(scan.images[0].attributes_dynamic);
}

#[test]
fn content_losing_syntax_errors_are_reported() {
    let scan = plain("<p class=a class=b>x</p><!-- never closed");
    assert_eq!(
        scan.syntax,
        [
            SyntaxProblem::DuplicateAttribute {
                name: "class".into(),
                range: 11..16,
                first: 3
            },
            SyntaxProblem::EofInComment { at: 24 },
        ]
    );
    let scan = plain("<p>x</p><img src=\"a");
    assert_eq!(scan.syntax, [SyntaxProblem::EofInTag { at: 8 }]);
    // Bogus and abruptly closed comments are complete tokens.
    let scan = plain("<?xml version=\"1.0\"?><!--><!---><!-- a --!><p>x</p>");
    assert_eq!(scan.syntax, []);
}
