//! URL extraction and normalisation: the URLs found in a YAML file's strings
//! (whole-string URLs and Markdown link targets) lie in the file, on
//! boundaries, at text that begins the URL; a URL normalised for fetching has
//! no fragment and normalises to itself again.
#![no_main]

use galley_core::SourceFile;
use galley_fuzz::{assert_range, text_of};
use galley_links::LinkUrl;
use galley_markdown::yaml_links;
use galley_yaml::load;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    let file = SourceFile::new("fuzz.yml", text.clone());
    if let Some(document) = load(&file).document {
        for (range, url) in yaml_links(&file, &document) {
            assert_range(&text, &range, "url");
            assert!(!range.is_empty(), "empty range for {url:?}");
            normalised(&url);
        }
    }
    // The input itself, as a URL written in a page.
    normalised(&text);
});

fn normalised(written: &str) {
    let Some(link) = LinkUrl::parse(written) else {
        return;
    };
    assert!(
        link.url.fragment().is_none(),
        "fragment kept in {:?}",
        link.key
    );
    assert!(matches!(link.url.scheme(), "http" | "https"));
    let again = LinkUrl::parse(&link.key).expect("a normalised URL parses");
    assert_eq!(again.key, link.key, "normalising is not idempotent");
}
