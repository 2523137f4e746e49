//! Liquid masking: the masked text has the input's length and every line break
//! where the input has it; bytes outside Liquid are unchanged and bytes inside
//! are spaces; the Liquid ranges are in order, apart, and on boundaries.
#![no_main]

use galley_fuzz::{assert_range, text_of};
use galley_liquid::mask;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    let masked = mask(&text);
    assert_eq!(masked.text.len(), text.len(), "masking changed the length");
    let mut inside = vec![false; text.len()];
    let mut last_end = 0;
    for range in &masked.liquid {
        assert_range(&text, range, "liquid");
        assert!(
            range.start >= last_end,
            "liquid ranges overlap or are out of order"
        );
        assert!(range.start < range.end, "empty liquid range");
        last_end = range.end;
        inside[range.clone()].fill(true);
    }
    for (at, (&before, &after)) in text
        .as_bytes()
        .iter()
        .zip(masked.text.as_bytes())
        .enumerate()
    {
        if before == b'\n' || before == b'\r' {
            assert_eq!(after, before, "line break at {at} not kept");
        } else if inside[at] {
            assert!(
                after == b' ' || after == galley_liquid::UNQUOTED_VALUE,
                "liquid byte at {at} not masked"
            );
        } else {
            assert_eq!(after, before, "byte at {at} outside liquid changed");
        }
    }
    for &open in &masked.unterminated {
        assert!(
            masked
                .liquid
                .iter()
                .any(|r| r.start == open && r.end == text.len()),
            "unterminated tag at {open} not masked to the end"
        );
    }
});
