//! Front-matter splitting: both parts lie in the file, in order, on character
//! boundaries, and the front matter is the text after the opening `---` line.
#![no_main]

use galley_fuzz::{assert_range, text_of};
use galley_yaml::frontmatter::split;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    let parts = split(&text);
    assert_range(&text, &parts.body, "body");
    assert_eq!(parts.body.end, text.len(), "the body runs to the end");
    match &parts.front_matter {
        Some(yaml) => {
            assert_range(&text, yaml, "front matter");
            assert!(
                text.starts_with("---"),
                "front matter without an opening ---"
            );
            assert!(
                yaml.end <= parts.body.start,
                "front matter overlaps the body"
            );
        }
        None => assert_eq!(parts.body.start, 0, "no front matter, yet the body is cut"),
    }
});
