//! The invariants every fuzz target asserts, shared: a parser may refuse any
//! input, but whatever it reports must point into that input.

use std::ops::Range;

use galley_core::{Finding, Position, SourceFile, Span};

/// Input bytes as text: the readers take `&str` (Galley reads files as UTF-8
/// and reports the rest as unreadable), so invalid UTF-8 is replaced, not
/// thrown away, to keep the fuzzer's mutations useful.
pub fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// `range` lies inside `text`, is not reversed, and both ends fall on
/// character boundaries.
#[track_caller]
pub fn assert_range(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{what}: range {range:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what}: range {range:?} cuts a character"
    );
}

/// `range`, reported by a reader of `masked` (a template with its Liquid
/// masked, same length), lies inside it on its character boundaries; each end
/// is also a boundary of the original text unless it falls inside Liquid,
/// where a multi-byte character was masked byte by byte. (Findings are placed
/// through `SourceFile`, which moves such an offset to its character's start;
/// the `site` target checks them in the original.)
#[track_caller]
pub fn assert_masked_range(
    original: &str,
    masked: &galley_liquid::MaskedTemplate,
    range: &Range<usize>,
    what: &str,
) {
    assert_range(&masked.text, range, what);
    for end in [range.start, range.end] {
        let in_liquid = masked.liquid.iter().any(|l| l.start < end && end < l.end);
        assert!(
            in_liquid || original.is_char_boundary(end),
            "{what}: {end} cuts a character of the original text outside Liquid"
        );
    }
}

/// `range` lies inside `within`.
#[track_caller]
pub fn assert_inside(range: &Range<usize>, within: &Range<usize>, what: &str) {
    assert!(
        within.start <= range.start && range.end <= within.end,
        "{what}: range {range:?} outside {within:?}"
    );
}

/// A position's line and column are those of its byte offset.
#[track_caller]
pub fn assert_position(file: &SourceFile, position: Position, what: &str) {
    let text = file.text();
    assert!(
        position.offset <= text.len() && text.is_char_boundary(position.offset),
        "{what}: offset {} is not a character boundary of a text of {} bytes",
        position.offset,
        text.len()
    );
    let before = &text[..position.offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..position.offset].chars().count() + 1;
    assert_eq!(
        (position.line, position.column),
        (line, column),
        "{what}: line and column disagree with offset {}",
        position.offset
    );
}

/// A span's two positions agree with their offsets, in order.
#[track_caller]
pub fn assert_span(file: &SourceFile, span: Span, what: &str) {
    assert_position(file, span.start, what);
    assert_position(file, span.end, what);
    assert!(
        span.start.offset <= span.end.offset,
        "{what}: span ends before it starts: {span:?}"
    );
}

/// Every finding in `file` is located in it, with 1-based positions that agree
/// with their offsets, and says something.
#[track_caller]
pub fn assert_finding(file: &SourceFile, finding: &Finding) {
    let what = format!("{} at {}", finding.rule, finding.path);
    assert_span(file, finding.span, &what);
    assert!(!finding.message.is_empty(), "{what}: empty message");
    assert!(!finding.help.is_empty(), "{what}: empty help");
    if let Some(fix) = &finding.fix {
        assert_range(file.text(), &fix.range, &format!("{what}: fix"));
    }
}

/// Every word the prose reader reports (repeats with their neighbours, and
/// misspellings) lies in `within`, on boundaries, and in reading order.
#[track_caller]
pub fn assert_prose(text: &str, prose: &galley_prose::Prose, within: &Range<usize>) {
    for repeat in prose.repeats() {
        let words = [
            &repeat.before,
            &Some(repeat.first.clone()),
            &Some(repeat.second.clone()),
            &repeat.after,
        ];
        let mut last_end = within.start;
        for word in words.into_iter().flatten() {
            assert_range(text, word, "repeated word");
            assert_inside(word, within, "repeated word");
            assert!(
                word.start >= last_end,
                "repeat's words out of order: {repeat:?}"
            );
            assert!(word.start < word.end, "empty word in {repeat:?}");
            last_end = word.end;
        }
        assert!(
            text[repeat.first.clone()].eq_ignore_ascii_case(&text[repeat.second.clone()])
                || text[repeat.first.clone()].to_lowercase()
                    == text[repeat.second.clone()].to_lowercase(),
            "a repeat of two different words: {:?} {:?}",
            &text[repeat.first.clone()],
            &text[repeat.second.clone()]
        );
    }
    for misspelling in prose.misspellings() {
        assert_range(text, &misspelling.word, "misspelling");
        assert_inside(&misspelling.word, within, "misspelling");
        assert!(
            misspelling
                .corrections
                .iter()
                .next()
                .is_some_and(|c| !c.is_empty()),
            "misspelling without a correction"
        );
    }
}
