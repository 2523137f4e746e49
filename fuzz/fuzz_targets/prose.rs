//! Prose tokenising: words are read from runs of the text (as the HTML and
//! Markdown readers hand them over, cut by breaks and Liquid gaps); every
//! repeat and misspelling lies inside the runs read, on boundaries.
#![no_main]

use std::ops::Range;

use galley_fuzz::{assert_prose, text_of};
use galley_prose::Prose;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    // Runs end at `<` and `>` (as text between tags does); `{…}` are gaps.
    let mut prose = Prose::default();
    let mut gaps: Vec<Range<usize>> = Vec::new();
    let mut open = None;
    for (at, c) in text.char_indices() {
        match c {
            '{' => open = Some(at),
            '}' => {
                if let Some(start) = open.take() {
                    gaps.push(start..at + 1);
                }
            }
            _ => {}
        }
    }
    let mut start = 0;
    for (at, c) in text.char_indices().chain([(text.len(), '<')]) {
        if c == '<' || c == '>' {
            prose.push_run_around(&text, start..at, &gaps);
            prose.push_break();
            start = (at + 1).min(text.len());
        }
    }
    assert_prose(&text, &prose, &(0..text.len()));

    // The same text read whole, in one run.
    let mut whole = Prose::default();
    whole.push_run(&text, 0..text.len());
    assert_prose(&text, &whole, &(0..text.len()));
});
