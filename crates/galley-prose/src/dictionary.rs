//! The typos project's list of common misspellings, behind a Bloom filter.
//!
//! `typos-dict` ships a perfect-hash map with case-insensitive keys; its
//! lookups fold case character by character through SipHash, which cost more
//! than the rest of the prose reading together on a large site. Nearly every
//! word a reader sees is spelt right, so Galley asks a 256 KiB Bloom filter of
//! the dictionary's keys first — one hash of the word as written (eight bytes
//! at a time, no copy) and a bit test or three — and the map only for the few
//! words that pass. The filter is built once per run from the keys in place
//! (about 2 ms, no allocation per key).

use std::sync::OnceLock;

/// Longest key of the dictionary, in bytes; longer words are not looked up.
const MAX_WORD: usize = 40;

/// Bits in the filter: 2^21 (256 KiB), with three probes, for about 92,000
/// keys: about 0.2 % of correct words go on to the map.
const FILTER_BITS: u32 = 21;

/// `hash` of `text[word]` in lower case, reading eight bytes at a time from
/// `text` (past the word's end where `text` goes on, masked). ASCII letters
/// are lower-cased by setting bit 5 of every byte, which leaves lower-case
/// letters, digits, `'` and `-` as they are.
fn hash_in(text: &[u8], word: std::ops::Range<usize>) -> u64 {
    let mut hash = word.len() as u64;
    let mut at = word.start;
    while at < word.end {
        let len = (word.end - at).min(8);
        let value = match text.get(at..at + 8) {
            Some(eight) => u64::from_le_bytes(eight.try_into().unwrap_or([0; 8])),
            None => text[at..at + len]
                .iter()
                .rev()
                .fold(0u64, |value, &byte| value << 8 | u64::from(byte)),
        };
        let mask = if len == 8 {
            u64::MAX
        } else {
            (1u64 << (8 * len)) - 1
        };
        let value = (value | 0x2020_2020_2020_2020) & mask;
        hash = (hash.rotate_left(5) ^ value).wrapping_mul(0x517c_c1b7_2722_0a95);
        at += len;
    }
    hash ^ (hash >> 29)
}

fn hash(word: &[u8]) -> u64 {
    hash_in(word, 0..word.len())
}

fn probes(hash: u64) -> [usize; 3] {
    let mask = (1u64 << FILTER_BITS) - 1;
    [
        (hash & mask) as usize,
        ((hash >> 21) & mask) as usize,
        ((hash >> 42) & mask) as usize,
    ]
}

/// The filter: every key of the dictionary, lower-cased, sets its bits.
fn filter() -> &'static [u64] {
    static FILTER: OnceLock<Box<[u64]>> = OnceLock::new();
    FILTER.get_or_init(|| {
        let mut filter = vec![0u64; (1 << FILTER_BITS) / 64].into_boxed_slice();
        for key in typos_dict::WORD.map.keys() {
            let key = key.into_inner();
            // typos-dict's keys are lower case; lower-case any that is not.
            let lower;
            let bytes = if key.chars().any(char::is_uppercase) {
                lower = key.to_lowercase();
                lower.as_bytes()
            } else {
                key.as_bytes()
            };
            for bit in probes(hash(bytes)) {
                filter[bit / 64] |= 1 << (bit % 64);
            }
        }
        filter
    })
}

fn may_contain(hash: u64) -> bool {
    let filter = filter();
    probes(hash)
        .iter()
        .all(|&bit| filter[bit / 64] & (1 << (bit % 64)) != 0)
}

/// Builds the filter now, so that a caller can do it on another thread while
/// the site is read.
pub fn prepare() {
    filter();
}

/// The corrections of `word` (any case), if it is a known misspelling.
pub fn corrections(word: &str) -> Option<&'static [&'static str]> {
    if word.len() > MAX_WORD || !may_contain(hash(word.to_lowercase().as_bytes())) {
        return None;
    }
    look_up(word)
}

/// The corrections of `text[word]`, a word of ASCII letters (any case).
pub(crate) fn corrections_of_plain(
    text: &str,
    word: std::ops::Range<usize>,
) -> Option<&'static [&'static str]> {
    if word.len() > MAX_WORD || !may_contain(hash_in(text.as_bytes(), word.clone())) {
        return None;
    }
    look_up(&text[word])
}

fn look_up(word: &str) -> Option<&'static [&'static str]> {
    typos_dict::WORD.find(&unicase::UniCase::new(word)).copied()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_key_of_the_dictionary_is_found_in_any_case() {
        for (key, corrections) in typos_dict::WORD.map.entries() {
            let key = key.into_inner();
            assert_eq!(super::corrections(key), Some(*corrections), "{key}");
            assert_eq!(
                super::corrections(&key.to_uppercase()),
                Some(*corrections),
                "{key}"
            );
        }
        assert_eq!(super::corrections("receive"), None);
    }

    #[test]
    fn the_filter_lets_few_correct_words_through() {
        let words = "privacy security browser messenger encryption metadata server client \
                     the and that with for are from have been which their would there about \
                     independently audited recommend messages between users network";
        let passed = words
            .split_whitespace()
            .filter(|w| super::may_contain(super::hash(w.as_bytes())))
            .count();
        assert!(passed <= 2, "{passed} correct words passed the filter");
    }
}
