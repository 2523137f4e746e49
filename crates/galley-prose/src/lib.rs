//! The text a reader sees, read word by word with exact source positions, and
//! the word-level rules that every text source shares.
//!
//! A source (an HTML page, a YAML field) feeds `Prose` with *runs*: byte
//! ranges of its file that hold visible text, and *breaks* where the reader's
//! text is interrupted (a block boundary, a Liquid value, an attribute). Runs
//! are read as written, so a word's range points into the real file. Words are
//! examined as they stream past and not kept: a large site's text costs no
//! memory beyond what the rules find.

pub mod dictionary;
pub mod elements;
pub mod rules;

use std::ops::Range;

use galley_core::limits::MAX_PROSE_FINDINGS_PER_FILE;

/// Two adjacent words that are the same word, with their neighbours for the
/// corrected phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repeat {
    pub before: Option<Range<usize>>,
    pub first: Range<usize>,
    pub second: Range<usize>,
    pub after: Option<Range<usize>>,
}

/// A word that the typos dictionary lists as a common misspelling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Misspelling {
    pub word: Range<usize>,
    /// The dictionary's corrections, best first (lower case).
    pub corrections: dictionary::Corrections,
}

/// Findings kept per file before the rules filter them (allowed words) and
/// cap them: enough that allowed words cannot crowd real ones out.
const MAX_KEPT: usize = 10 * MAX_PROSE_FINDINGS_PER_FILE;

/// One file's text, as it streams past.
#[derive(Debug, Default)]
pub struct Prose {
    /// The last word, while nothing has interrupted the text since.
    previous: Option<Range<usize>>,
    before_previous: Option<Range<usize>>,
    /// The last repeat still waits for the word after it.
    awaiting_after: bool,
    /// The last word of the current run of one repeated word (`a a a`).
    run_end: Option<Range<usize>>,
    repeats: Vec<Repeat>,
    misspellings: Vec<Misspelling>,
    words: usize,
}

impl Prose {
    /// How many words have been read so far.
    pub fn word_count(&self) -> usize {
        self.words
    }

    /// Marks an interruption: the words on either side are not adjacent.
    pub fn push_break(&mut self) {
        self.previous = None;
        self.before_previous = None;
        self.awaiting_after = false;
    }

    /// Reads the words of `text[range]`. Whitespace separates words; any other
    /// character that is not part of a word (`.`, `,`, `(`, `&`…) is a break.
    /// An apostrophe or hyphen between letters belongs to the word (`it's`,
    /// `end-to-end`). URLs, e-mail addresses and character references
    /// (`&amp;`) are not words: each is a break.
    pub fn push_run(&mut self, text: &str, range: Range<usize>) {
        let end = range.end;
        let bytes = &text.as_bytes()[..end];
        let mut at = range.start;
        // Where the current whitespace-free token began, and whether it has
        // been examined as a possible address.
        let mut token_start = at;
        let mut token_examined = false;
        while at < end {
            let (class, len) = class_at(text, at);
            match class {
                Class::Space => {
                    at += len;
                    token_start = at;
                    token_examined = false;
                }
                Class::Word => {
                    let start = at;
                    let mut kind = ShapeKind::Plain;
                    at = self.read_word(text, at, end, &mut kind);
                    // A word that ends at `.`, `@`, `/`… may be part of an
                    // address: look at its whole token before taking the word.
                    // A word that is its whole token but for a last `.` or
                    // `:` (the end of a sentence) is never one.
                    let sentence_end = token_start == start
                        && bytes.get(at + 1).is_none_or(u8::is_ascii_whitespace);
                    if at < end
                        && !token_examined
                        && !sentence_end
                        && ASCII_CLASS.get(usize::from(bytes[at])) == Some(&Class::Special)
                    {
                        token_examined = true;
                        if let Some(token_end) = address_end(text, token_start, at, end) {
                            self.push_break();
                            at = token_end;
                            continue;
                        }
                    }
                    self.push_word(text, start..at, kind);
                    // The common separator, without another turn of the loop.
                    if bytes.get(at) == Some(&b' ') {
                        at += 1;
                        token_start = at;
                        token_examined = false;
                    }
                }
                Class::Special if !token_examined => {
                    token_examined = true;
                    match address_end(text, token_start, at, end) {
                        Some(token_end) => {
                            self.push_break();
                            at = token_end;
                        }
                        None => {
                            self.push_break();
                            at += len;
                        }
                    }
                }
                _ => {
                    self.push_break();
                    // `&amp;` is one character, not a word: skip the reference.
                    at += match bytes[at] {
                        b'&' => reference_len(&text[at..end]).unwrap_or(len),
                        _ => len,
                    };
                }
            }
        }
    }

    /// Reads the word that starts at `start` (a letter or digit) and returns
    /// where it ends; `kind` learns what the word is made of on the way, so the
    /// common word needs no second pass for the dictionary.
    #[inline]
    fn read_word(&self, text: &str, start: usize, end: usize, kind: &mut ShapeKind) -> usize {
        let bytes = &text.as_bytes()[..end];
        let first = ascii_flags(bytes[start]);
        let mut at = if first & WORD != 0 { start + 1 } else { start };
        let mut inner = 0u8;
        loop {
            // The common case: ASCII letters and digits, eight bytes at a time.
            while let Some(eight) = bytes.get(at..at + 8) {
                let chunk = u64::from_le_bytes(eight.try_into().unwrap_or([0; 8]));
                let (word, flags) = swar::classify(chunk);
                let len = swar::leading_bytes(word);
                inner |= swar::flags_of_first(flags, len);
                at += len;
                if len < 8 {
                    break;
                }
            }
            // The last few bytes of the run, one at a time.
            while let Some(&byte) = bytes.get(at) {
                let flags = BYTE_FLAGS[usize::from(byte)];
                if flags & WORD == 0 {
                    break;
                }
                inner |= flags;
                at += 1;
            }
            if at >= end {
                break;
            }
            // `d&iacute;a`: a reference to a letter is a letter of the word.
            if bytes[at] == b'&'
                && let Some(len) = letter_reference_len(&text[at..end])
            {
                *kind = ShapeKind::Mixed;
                at += len;
                continue;
            }
            let (class, len) = class_at(text, at);
            let continues = match class {
                // Not ASCII: a letter of another script.
                Class::Word => true,
                Class::Joiner => at + len < end && class_at(text, at + len).0 == Class::Word,
                _ => false,
            };
            if !continues {
                break;
            }
            *kind = ShapeKind::Mixed;
            at += len;
        }
        // A capital may start a word; a digit anywhere, or a capital inside,
        // makes it a name or a number.
        if *kind == ShapeKind::Plain && (first & DIGIT != 0 || inner & (DIGIT | UPPER) != 0) {
            *kind = ShapeKind::Name;
        }
        at
    }

    /// Like `push_run`, with a break wherever one of `gaps` (sorted byte ranges
    /// of `text`, such as Liquid masked to spaces) cuts the run.
    pub fn push_run_around(&mut self, text: &str, range: Range<usize>, gaps: &[Range<usize>]) {
        let mut at = range.start;
        let first = gaps.partition_point(|gap| gap.end <= range.start);
        for gap in &gaps[first..] {
            if gap.start >= range.end {
                break;
            }
            if gap.start > at {
                self.push_run(text, at..gap.start);
            }
            self.push_break();
            at = gap.end;
        }
        if at < range.end {
            self.push_run(text, at..range.end);
        }
    }

    fn push_word(&mut self, text: &str, word: Range<usize>, kind: ShapeKind) {
        self.words += 1;
        if self.awaiting_after {
            if let Some(last) = self.repeats.last_mut() {
                last.after = Some(word.clone());
            }
            self.awaiting_after = false;
        }
        if self.misspellings.len() < MAX_KEPT {
            match kind {
                ShapeKind::Plain if word.len() >= 3 => {
                    if let Some(corrections) = dictionary::corrections_of_plain(text, word.clone())
                    {
                        self.misspellings.push(Misspelling {
                            word: word.clone(),
                            corrections,
                        });
                    }
                }
                ShapeKind::Mixed => self.look_up(word.start, &text[word.clone()]),
                _ => {}
            }
        }
        if let Some(previous) = self.previous.clone()
            && previous.len() == word.len()
            && same_word(text, previous.clone(), word.clone())
        {
            // The third `a` of `a a a` belongs to the repeat of the second.
            let same_run = self.run_end.as_ref() == Some(&previous);
            self.run_end = Some(word.clone());
            if !same_run && self.repeats.len() < MAX_KEPT {
                self.repeats.push(Repeat {
                    before: self.before_previous.clone(),
                    first: previous,
                    second: word.clone(),
                    after: None,
                });
                self.awaiting_after = true;
            }
        }
        self.before_previous = self.previous.replace(word);
    }

    /// Looks each part of a word (`end-to-end` has three) up in the dictionary.
    /// Parts with an apostrophe, a digit, or a capital after the first letter
    /// (`iOS`, `GrapheneOS`, `NASA`) are names and contractions, not misspellings.
    fn look_up(&mut self, start: usize, written: &str) {
        let bytes = written.as_bytes();
        let mut part_start = 0;
        for end in 0..=bytes.len() {
            if end < bytes.len() && bytes[end] != b'-' {
                continue;
            }
            let part = &written[part_start..end];
            let at = part_start;
            part_start = end + 1;
            if part.len() < 3 || !is_plain_word(part) {
                continue;
            }
            if let Some(corrections) = dictionary::corrections(part) {
                self.misspellings.push(Misspelling {
                    word: start + at..start + end,
                    corrections,
                });
            }
        }
    }

    /// Every repeat found, in reading order.
    pub fn repeats(&self) -> &[Repeat] {
        &self.repeats
    }

    /// Every word the dictionary lists as a misspelling, in reading order.
    pub fn misspellings(&self) -> &[Misspelling] {
        &self.misspellings
    }

    /// Adds the findings of `other`, a text read on its own (another part of the
    /// file, or a decoded string whose ranges `map` takes into the file; what
    /// `map` cannot place is dropped), and keeps them in file order.
    pub fn absorb(&mut self, other: Prose, map: impl Fn(Range<usize>) -> Option<Range<usize>>) {
        self.words += other.words;
        self.repeats
            .extend(other.repeats.into_iter().filter_map(|repeat| {
                Some(Repeat {
                    before: repeat.before.and_then(&map),
                    first: map(repeat.first)?,
                    second: map(repeat.second)?,
                    after: repeat.after.and_then(&map),
                })
            }));
        self.repeats.sort_by_key(|repeat| repeat.second.start);
        self.misspellings
            .extend(other.misspellings.into_iter().filter_map(|misspelling| {
                Some(Misspelling {
                    word: map(misspelling.word)?,
                    corrections: misspelling.corrections,
                })
            }));
        self.misspellings
            .sort_by_key(|misspelling| misspelling.word.start);
    }
}

/// Letters only, and no capital after the first (a name such as `iOS`).
fn is_plain_word(part: &str) -> bool {
    let bytes = part.as_bytes();
    if part.is_ascii() {
        bytes[0].is_ascii_alphabetic() && bytes[1..].iter().all(u8::is_ascii_lowercase)
    } else {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_alphabetic)
            && chars.all(|c| c.is_alphabetic() && !c.is_uppercase())
    }
}

/// What a word is made of, learnt as it is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ShapeKind {
    /// ASCII letters, with no capital after the first.
    Plain,
    /// A digit or an inner capital (`iOS`): a name or a number, not looked up.
    Name,
    /// A hyphen, an apostrophe or a non-ASCII letter: looked up part by part.
    Mixed,
}

/// `ASCII_FLAGS` bits.
const WORD: u8 = 1;
const DIGIT: u8 = 2;
const UPPER: u8 = 4;

/// Letter, digit and capital flags of every byte (none for the bytes of
/// non-ASCII characters, which are read one character at a time).
const BYTE_FLAGS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 128 {
        let c = byte as u8;
        table[byte] = if c.is_ascii_digit() {
            WORD | DIGIT
        } else if c.is_ascii_uppercase() {
            WORD | UPPER
        } else if c.is_ascii_lowercase() {
            WORD
        } else {
            0
        };
        byte += 1;
    }
    table
};

#[inline]
fn ascii_flags(byte: u8) -> u8 {
    BYTE_FLAGS[usize::from(byte)]
}

/// Eight bytes at a time: which are ASCII letters or digits, and whether any
/// is a capital or a digit ("SIMD within a register").
mod swar {
    use super::{DIGIT, UPPER};

    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;

    /// Bytes of `chunk` in `lo..=hi` (ASCII bytes only), as their high bit.
    #[inline]
    fn between(chunk: u64, lo: u8, hi: u8) -> u64 {
        let low7 = chunk & !HIGH;
        let at_least_lo = (low7 | HIGH) - ONES * u64::from(lo);
        let at_most_hi = ((ONES * u64::from(hi)) | HIGH) - low7;
        at_least_lo & at_most_hi & !chunk & HIGH
    }

    /// The high bit of each byte that is a letter or digit, and the high bits
    /// of capitals (bit 7) and digits (bit 6, shifted down to sit apart).
    #[inline]
    pub(super) fn classify(chunk: u64) -> (u64, u64) {
        let lower = between(chunk | 0x2020_2020_2020_2020, b'a', b'z');
        let digits = between(chunk, b'0', b'9');
        let upper = between(chunk, b'A', b'Z');
        (lower | digits, upper | (digits >> 1))
    }

    /// How many bytes at the start of the chunk (the low bytes) are marked.
    #[inline]
    pub(super) fn leading_bytes(marks: u64) -> usize {
        ((!marks & HIGH).trailing_zeros() / 8) as usize
    }

    /// `UPPER` and `DIGIT` for the first `len` bytes' flags.
    #[inline]
    pub(super) fn flags_of_first(flags: u64, len: usize) -> u8 {
        let kept = if len >= 8 {
            flags
        } else {
            flags & ((1u64 << (8 * len)) - 1)
        };
        let mut out = 0;
        if kept & HIGH != 0 {
            out |= UPPER;
        }
        if kept & (HIGH >> 1) != 0 {
            out |= DIGIT;
        }
        out
    }
}

/// Where the token that starts at `token_start` ends, if it is an address
/// (`at` is a character inside it).
fn address_end(text: &str, token_start: usize, at: usize, end: usize) -> Option<usize> {
    let token_end = text.as_bytes()[at..end]
        .iter()
        .position(u8::is_ascii_whitespace)
        .map_or(end, |p| at + p);
    is_address(&text[token_start..token_end]).then_some(token_end)
}

/// What a character is to the word reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// A letter or digit.
    Word,
    Space,
    /// `'`, `’` or `-`: part of a word between two letters (`it's`).
    Joiner,
    /// A character that can join the parts of an address or identifier.
    Special,
    /// Anything else: punctuation, a break between words.
    Other,
}

/// The class of every ASCII byte.
const ASCII_CLASS: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut byte = 0;
    while byte < 128 {
        let c = byte as u8;
        table[byte] = if c.is_ascii_alphanumeric() {
            Class::Word
        } else if c.is_ascii_whitespace() || c == 0x0b {
            Class::Space
        } else if c == b'\'' || c == b'-' {
            Class::Joiner
        } else if matches!(c, b':' | b'@' | b'_' | b'(' | b'.' | b'/') {
            Class::Special
        } else {
            Class::Other
        };
        byte += 1;
    }
    table
};

/// The class of the character at byte `at` of `s`, and its length.
#[inline(always)]
fn class_at(s: &str, at: usize) -> (Class, usize) {
    let byte = s.as_bytes()[at];
    if byte.is_ascii() {
        return (ASCII_CLASS[byte as usize], 1);
    }
    let c = s[at..].chars().next().unwrap_or('\u{FFFD}');
    let class = if c.is_alphanumeric() {
        Class::Word
    } else if c.is_whitespace() {
        Class::Space
    } else if c == '\u{2019}' {
        Class::Joiner
    } else {
        Class::Other
    };
    (class, c.len_utf8())
}

/// Whether `text[a]` and `text[b]` are the same word, ignoring case.
fn same_word(text: &str, a: Range<usize>, b: Range<usize>) -> bool {
    let bytes = text.as_bytes();
    let (x, y) = (&bytes[a.clone()], &bytes[b.clone()]);
    x.eq_ignore_ascii_case(y) || (!x.is_ascii() && text[a].to_lowercase() == text[b].to_lowercase())
}

/// A URL (`https://…`, `www.…`), an e-mail address, a path or file name
/// (`a/b`, `index.html`) or a code identifier (`snake_case`, `call()`,
/// `module.name`): text a reader sees but does not read as words.
fn is_address(token: &str) -> bool {
    // One pass over the token (it is examined at every sentence's last word).
    let bytes = token.as_bytes();
    let mut at_sign: Option<usize> = None;
    for (at, &byte) in bytes.iter().enumerate() {
        match byte {
            b'_' => return true,
            b':' if bytes[at + 1..].starts_with(b"//") => return true,
            b'(' if bytes.get(at + 1) == Some(&b')') => return true,
            b'@' if at > 0 => at_sign = at_sign.or(Some(at)),
            // `.` or `/` between two letters or digits joins the parts of a
            // name (`index.html`, `and/or`), and after `@` makes an e-mail
            // address.
            b'.' | b'/'
                if at > 0
                    && bytes[at - 1].is_ascii_alphanumeric()
                    && bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric) =>
            {
                return true;
            }
            b'.' if at_sign.is_some() => return true,
            _ => {}
        }
    }
    false
}

/// The length of the character reference (`&amp;`, `&#8217;`, `&#x2019;`) at
/// the start of `s`, if there is one.
/// The length of a character reference to a letter at the start of `s`
/// (`&iacute;`, `&#237;`, `&#xED;`): written inside a word, it is one of its
/// letters. Named references to Latin letters are known by their endings.
fn letter_reference_len(s: &str) -> Option<usize> {
    const LETTER_ENDINGS: &[&str] = &[
        "acute", "grave", "uml", "circ", "tilde", "ring", "cedil", "slash", "caron", "lig",
    ];
    let len = reference_len(s)?;
    let name = &s[1..len - 1];
    let letter = match name.strip_prefix('#') {
        Some(number) => {
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            };
            code.and_then(char::from_u32)
                .is_some_and(char::is_alphabetic)
        }
        None => {
            LETTER_ENDINGS
                .iter()
                .any(|e| name.len() > e.len() && name.ends_with(e))
                || matches!(name, "szlig" | "eth" | "ETH" | "thorn" | "THORN")
        }
    };
    letter.then_some(len)
}

fn reference_len(s: &str) -> Option<usize> {
    let end = s[1..].find(';')? + 1;
    let name = &s[1..end];
    let valid = (1..=31).contains(&name.len())
        && (name.chars().all(|c| c.is_ascii_alphanumeric())
            || name.strip_prefix('#').is_some_and(|n| {
                n.strip_prefix(['x', 'X']).map_or_else(
                    || n.chars().all(|c| c.is_ascii_digit()),
                    |hex| hex.chars().all(|c| c.is_ascii_hexdigit()),
                ) && !n.is_empty()
            }));
    valid.then_some(end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeats(prose: &Prose, text: &str) -> Vec<String> {
        prose
            .repeats()
            .iter()
            .map(|r| {
                let word = |range: &Option<Range<usize>>| {
                    range.as_ref().map_or("-", |r| &text[r.clone()]).to_owned()
                };
                format!(
                    "{} [{} {}] {}",
                    word(&r.before),
                    &text[r.first.clone()],
                    &text[r.second.clone()],
                    word(&r.after)
                )
            })
            .collect()
    }

    #[test]
    fn repeats_are_found_with_their_neighbours_and_source_ranges() {
        let text = "It's end-to-end. Have been Been tested; café Café";
        let mut prose = Prose::default();
        prose.push_run(text, 0..text.len());
        assert_eq!(
            repeats(&prose, text),
            ["Have [been Been] tested", "- [café Café] -"]
        );
        assert_eq!(&text[prose.repeats()[1].second.clone()], "Café");
    }

    #[test]
    fn words_join_across_runs_unless_broken() {
        let text = "been <em>been</em> <p>x</p> x";
        let mut prose = Prose::default();
        prose.push_run(text, 0..5);
        prose.push_run(text, 9..13);
        prose.push_break();
        prose.push_run(text, 22..23);
        prose.push_break();
        prose.push_run(text, 27..29);
        assert_eq!(repeats(&prose, text), ["- [been been] -"]);
    }

    #[test]
    fn a_reference_to_a_letter_is_part_of_its_word() {
        // `d&iacute;a a` is "día a", not "d", "a", "a"; `&amp;` still breaks.
        let text = "el d&iacute;a a las dos; caf&#233; caf&#xE9; x&amp; amp; na&iuml;ve";
        let mut prose = Prose::default();
        prose.push_run(text, 0..text.len());
        assert_eq!(repeats(&prose, text), Vec::<String>::new());
        let text = "el d&iacute;a d&iacute;a";
        let mut prose = Prose::default();
        prose.push_run(text, 0..text.len());
        assert_eq!(repeats(&prose, text), ["el [d&iacute;a d&iacute;a] -"]);
    }

    #[test]
    fn a_run_of_one_word_is_one_repeat() {
        let text = "a a a a b";
        let mut prose = Prose::default();
        prose.push_run(text, 0..text.len());
        assert_eq!(repeats(&prose, text), ["- [a a] a"]);
    }

    #[test]
    fn addresses_identifiers_and_references_are_breaks_not_words() {
        let text = "see https://a.org/x x x@y.org y y.z z a_b b &amp; amp ok";
        let mut prose = Prose::default();
        prose.push_run(text, 0..text.len());
        // `x x` and `y y` join across an address: not a repeat. `&amp; amp`:
        // the reference is not the word `amp`.
        assert_eq!(repeats(&prose, text), Vec::<String>::new());
        assert_eq!(prose.word_count(), 7);
    }

    #[test]
    fn gaps_break_a_run_and_absorbed_findings_keep_file_order() {
        let text = "the {{ x }} the end end";
        let liquid = [4..11, 24..24];
        let mut prose = Prose::default();
        prose.push_run_around(text, 0..text.len(), &liquid);
        assert_eq!(repeats(&prose, text), ["the [end end] -"]);
        let mut earlier = Prose::default();
        earlier.push_run("so so", 0..5);
        // `so so` read on its own, placed at 12..14 and 15..17 of the file.
        prose.absorb(earlier, |r| Some(r.start + 12..r.end + 12));
        let starts: Vec<usize> = prose.repeats().iter().map(|r| r.second.start).collect();
        assert_eq!(starts, [15, 20]);
    }

    #[test]
    fn eight_bytes_at_a_time_classify_as_one_byte_at_a_time() {
        for byte in 0..=255u8 {
            let chunk = u64::from_le_bytes([byte, b'a', b'Z', b'5', b' ', byte, b'-', 0xC3]);
            let (word, flags) = swar::classify(chunk);
            for (i, b) in chunk.to_le_bytes().into_iter().enumerate() {
                let expected = ascii_flags(b);
                let got_word = word >> (8 * i + 7) & 1 == 1;
                let got_upper = flags >> (8 * i + 7) & 1 == 1;
                let got_digit = flags >> (8 * i + 6) & 1 == 1;
                assert_eq!(got_word, expected & WORD != 0, "byte {b:#x}");
                assert_eq!(got_upper, expected & UPPER != 0, "byte {b:#x}");
                assert_eq!(got_digit, expected & DIGIT != 0, "byte {b:#x}");
            }
        }
        assert_eq!(
            swar::leading_bytes(swar::classify(u64::from_le_bytes(*b"abc def ")).0),
            3
        );
    }

    #[test]
    fn long_words_names_and_run_ends_are_read_whole() {
        let text = "Internationalization internationaliZation abcdefgh12 recieveX recieve";
        let mut prose = Prose::default();
        prose.push_run(text, 0..text.len());
        assert_eq!(prose.word_count(), 5);
        // Only the last, plain, word is looked up and found.
        let found: Vec<&str> = prose
            .misspellings()
            .iter()
            .map(|m| &text[m.word.clone()])
            .collect();
        assert_eq!(found, ["recieve"]);
        let mut cut = Prose::default();
        cut.push_run(text, 0..9);
        assert_eq!(cut.word_count(), 1);
    }
}
