//! Where the characters of a decoded YAML string are in the file.
//!
//! A scalar's value is not its source text: block scalars drop indentation,
//! folding turns line breaks into spaces, quotes and escapes are removed. Words
//! found in the value are placed in the file by walking value and source side
//! by side: every letter or digit of the value is the next letter or digit of
//! the source, once indentation, quotes and escapes are stepped over.

use std::ops::Range;

/// The file offset of each letter and digit of a decoded scalar.
#[derive(Debug)]
pub struct ScalarOffsets {
    /// `(offset in the value, range in the file)`, in order.
    places: Vec<(usize, Range<usize>)>,
}

impl ScalarOffsets {
    /// Aligns `value` with `text[source]`, the scalar's span in its file.
    /// Alignment stops (and later characters have no place) where the two
    /// cannot be matched, such as a `\u` escape of a letter.
    pub fn new(text: &str, source: Range<usize>, value: &str) -> ScalarOffsets {
        let slice = text.get(source.clone()).unwrap_or("");
        let double_quoted = slice.starts_with('"');
        // A block scalar's header (`|2-`, `>+`) holds digits of its own.
        let mut at = if slice.starts_with(['|', '>']) {
            slice.find('\n').map_or(slice.len(), |n| n + 1)
        } else {
            0
        };
        let mut places = Vec::new();
        'value: for (index, c) in value.char_indices() {
            if !c.is_alphanumeric() {
                continue;
            }
            loop {
                let Some(next) = slice[at..].chars().next() else {
                    break 'value;
                };
                if double_quoted && next == '\\' {
                    let len = escape_len(&slice[at..]);
                    if matches!(slice.as_bytes().get(at + 1), Some(b'x' | b'u' | b'U')) {
                        // An escaped character is the escape.
                        places.push((index, source.start + at..source.start + at + len));
                        at += len;
                        continue 'value;
                    }
                    at += len;
                    continue;
                }
                if next == c {
                    let len = next.len_utf8();
                    places.push((index, source.start + at..source.start + at + len));
                    at += len;
                    continue 'value;
                }
                if next.is_alphanumeric() {
                    break 'value;
                }
                at += next.len_utf8();
            }
        }
        ScalarOffsets { places }
    }

    /// The file range of `range` of the value, when its first and last
    /// characters are letters or digits that have a place.
    pub fn map(&self, range: Range<usize>, value: &str) -> Option<Range<usize>> {
        let last = value.get(range.clone())?.char_indices().last()?;
        let find = |index: usize| {
            self.places
                .binary_search_by_key(&index, |(at, _)| *at)
                .ok()
                .map(|found| self.places[found].1.clone())
        };
        Some(find(range.start)?.start..find(range.start + last.0)?.end)
    }
}

/// The length of the escape sequence at the start of `s` (which starts with `\`).
fn escape_len(s: &str) -> usize {
    let hex = match s.as_bytes().get(1) {
        Some(b'x') => 2,
        Some(b'u') => 4,
        Some(b'U') => 8,
        Some(_) => 0,
        None => return 1,
    };
    let next_len = s[1..].chars().next().map_or(0, char::len_utf8);
    (1 + next_len + hex).min(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(text: &str, value: &str, word: &str) -> Option<String> {
        let start = value.find(word)?;
        let source = text.find(':').unwrap() + 2..text.len();
        let offsets = ScalarOffsets::new(text, source, value);
        offsets
            .map(start..start + word.len(), value)
            .map(|r| text[r].to_owned())
    }

    #[test]
    fn words_are_placed_through_every_scalar_style() {
        let literal = "d: |2-\n  have been\n  been 2 tested\n";
        assert_eq!(
            place(literal, "have been\nbeen 2 tested", "been 2").as_deref(),
            Some("been 2")
        );
        let folded = "d: >\n  have been\n  been tested\n";
        assert_eq!(
            place(folded, "have been been tested\n", "been been").as_deref(),
            Some("been\n  been")
        );
        let double = r#"d: "say \"hi\"\n\tcaf\u00e9 now""#;
        assert_eq!(
            place(double, "say \"hi\"\n\tcafé now", "now").as_deref(),
            Some("now")
        );
        assert_eq!(
            place(double, "say \"hi\"\n\tcafé now", "café").as_deref(),
            Some("caf\\u00e9")
        );
        let single = "d: 'it''s here'";
        assert_eq!(place(single, "it's here", "it's").as_deref(), Some("it''s"));
    }

    #[test]
    fn a_value_that_does_not_match_its_source_has_no_places() {
        // An alias's span is the alias, not the value.
        assert_eq!(place("d: *name", "have been", "been"), None);
    }
}
