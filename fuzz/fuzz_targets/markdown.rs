//! Markdown reading, of a Markdown page as Galley reads it (front matter split
//! off, Liquid masked and passed as gaps): every heading, link, image alt text,
//! HTML range and prose finding lies in the body, on boundaries; heading ids
//! can be made for every heading.
#![no_main]

use std::ops::Range;

use galley_core::config::HeadingIdStyle;
use galley_fuzz::{assert_inside, assert_masked_range, assert_prose, text_of};
use galley_markdown::heading_ids::HeadingIds;
use galley_yaml::frontmatter::split;
use galley_liquid::mask;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    let body = split(&text).body;
    let masked = mask(&text);
    let read = galley_markdown::scan(&masked.text, body.clone(), &masked.liquid);
    let located = |range: &Range<usize>, what: &str| {
        assert_masked_range(&text, &masked, range, what);
        assert_inside(range, &body, what);
    };
    let mut last = body.start;
    for html in &read.html {
        located(html, "html");
        assert!(html.start >= last, "html ranges out of order");
        last = html.end;
    }
    for heading in &read.headings {
        located(&heading.range, "heading");
        located(&heading.source, "heading source");
    }
    for link in &read.links {
        located(&link.range, "link");
        if let Some(image) = &link.image {
            located(&image.range, "alt text");
            located(&image.whole, "image");
            assert_inside(&image.range, &image.whole, "alt text");
        }
    }
    // Words are never inside Liquid (it breaks the prose): they lie in the
    // original text too.
    assert_prose(&text, &read.prose, &body);
    for style in [
        HeadingIdStyle::KramdownGfm,
        HeadingIdStyle::Kramdown,
        HeadingIdStyle::Github,
        HeadingIdStyle::PythonMarkdown,
        HeadingIdStyle::None,
    ] {
        let mut ids = HeadingIds::new(style, "");
        for heading in &read.headings {
            if let Some(id) = ids.of(heading, &masked.text) {
                assert!(
                    !id.contains(|c: char| c.is_ascii_whitespace()),
                    "{style:?} id with whitespace: {id:?}"
                );
            }
        }
    }
});
