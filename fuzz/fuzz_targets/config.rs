//! Config parsing: any `galley.toml` either loads or is refused with an error
//! whose label lies in the file, on boundaries; never a panic.
#![no_main]

use std::path::Path;

use galley_core::Config;
use galley_fuzz::{assert_range, text_of};
use libfuzzer_sys::fuzz_target;
use miette::Diagnostic;

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    if let Err(err) = Config::parse(Path::new("galley.toml"), &text) {
        assert!(!err.to_string().is_empty(), "an error without a message");
        for label in err.labels().into_iter().flatten() {
            let range = label.offset()..label.offset() + label.len();
            assert_range(&text, &range, "config error");
        }
    }
});
