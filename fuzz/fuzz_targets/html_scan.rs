//! The HTML scan, of a page and of the same page read as a Jekyll template
//! (Liquid masked, front matter split off): every id, name, URL, image, alt
//! text, syntax problem and prose finding lies in the body, on boundaries.
#![no_main]

use std::ops::Range;

use galley_fuzz::{assert_inside, assert_masked_range, assert_range, text_of};
use galley_html::{PageScan, SyntaxProblem, scan};
use galley_yaml::frontmatter::split;
use galley_liquid::{MaskedTemplate, mask};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    let whole = 0..text.len();
    check(&text, None, &scan(&text, whole.clone(), None), &whole);

    let body = split(&text).body;
    let masked = mask(&text);
    let read = scan(&masked.text, body.clone(), Some(&masked));
    check(&text, Some(&masked), &read, &body);
});

fn check(text: &str, masked: Option<&MaskedTemplate>, scan: &PageScan, body: &Range<usize>) {
    let located = |range: &Range<usize>, what: &str| {
        match masked {
            Some(masked) => assert_masked_range(text, masked, range, what),
            None => assert_range(text, range, what),
        }
        assert_inside(range, body, what);
    };
    for id in scan.ids.iter().chain(&scan.names) {
        located(&id.range, "id");
    }
    for url in &scan.urls {
        located(&url.range, "url");
    }
    for image in &scan.images {
        located(&image.tag, "image");
        if let Some(alt) = &image.alt {
            located(&alt.range, "alt");
        }
    }
    for problem in &scan.syntax {
        match problem {
            SyntaxProblem::DuplicateAttribute { range, .. }
            | SyntaxProblem::LongAttribute { range, .. } => located(range, "attribute"),
            SyntaxProblem::EofInTag { at } | SyntaxProblem::EofInComment { at } => {
                located(&(*at..*at), "end of file")
            }
        }
    }
    galley_fuzz::assert_prose(text, &scan.prose, body);
}
