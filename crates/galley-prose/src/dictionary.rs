//! The typos project's list of common misspellings, as a hash map of
//! lower-case words built once per run.
//!
//! `typos-dict` ships a perfect-hash map with case-insensitive keys; its
//! lookups fold case character by character through SipHash, which cost more
//! than the rest of the prose reading together on a large site. Rebuilt as an
//! `FxHashMap` of lower-case keys (once per run, a few milliseconds) behind a
//! 256 KiB Bloom filter that stays in cache, a lookup of a correct word —
//! nearly every word — is one hash of the word as written and a bit test or
//! three.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// A hash of a word in lower case, eight bytes at a time. ASCII letters are
/// lower-cased by setting bit 5 of every byte, which leaves lower-case
/// letters, digits, `'` and `-` as they are: a plain word need not be copied
/// to be hashed.
fn hash(word: &[u8]) -> u64 {
    hash_in(word, 0..word.len())
}

/// `hash` of `text[word]`, reading eight bytes at a time from `text` (past the
/// word's end where `text` goes on, masked), so that the common word costs a
/// load or two rather than a copy.
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

/// Longest key of the dictionary, in bytes; longer words are not looked up.
const MAX_WORD: usize = 40;

/// Bits in the filter: 2^21 (256 KiB), with three probes, for about 92,000
/// keys: about 0.2 % of correct words go on to the map.
const FILTER_BITS: u32 = 21;

struct Dictionary {
    /// Lower-case keys, as bytes (a lookup hashes the stack buffer as is).
    map: FxHashMap<Box<[u8]>, &'static [&'static str]>,
    filter: Box<[u64]>,
}

impl Dictionary {
    fn probes(hash: u64) -> [usize; 3] {
        let mask = (1u64 << FILTER_BITS) - 1;
        [
            (hash & mask) as usize,
            ((hash >> 21) & mask) as usize,
            ((hash >> 42) & mask) as usize,
        ]
    }

    fn may_contain(&self, hash: u64) -> bool {
        Dictionary::probes(hash)
            .iter()
            .all(|&bit| self.filter[bit / 64] & (1 << (bit % 64)) != 0)
    }
}

fn dictionary() -> &'static Dictionary {
    static DICTIONARY: OnceLock<Dictionary> = OnceLock::new();
    DICTIONARY.get_or_init(|| {
        let map: FxHashMap<Box<[u8]>, &'static [&'static str]> = typos_dict::WORD
            .map
            .entries()
            .map(|(key, corrections)| {
                let lower = key.into_inner().to_lowercase().into_bytes();
                (lower.into_boxed_slice(), *corrections)
            })
            .collect();
        let mut filter = vec![0u64; (1 << FILTER_BITS) / 64].into_boxed_slice();
        for key in map.keys() {
            for bit in Dictionary::probes(hash(key)) {
                filter[bit / 64] |= 1 << (bit % 64);
            }
        }
        Dictionary { map, filter }
    })
}

/// The corrections of `word` (any case), if it is a known misspelling.
pub fn corrections(word: &str) -> Option<&'static [&'static str]> {
    if word.len() > MAX_WORD {
        return None;
    }
    if word.is_ascii() {
        let mut buffer = [0u8; MAX_WORD];
        let lower = &mut buffer[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        look_up(lower)
    } else {
        look_up(word.to_lowercase().as_bytes())
    }
}

/// The corrections of `text[word]`, a word of ASCII letters (any case).
pub(crate) fn corrections_of_plain(
    text: &str,
    word: std::ops::Range<usize>,
) -> Option<&'static [&'static str]> {
    let dictionary = dictionary();
    if word.len() > MAX_WORD || !dictionary.may_contain(hash_in(text.as_bytes(), word.clone())) {
        return None;
    }
    let word = &text[word];
    let mut buffer = [0u8; MAX_WORD];
    let lower = &mut buffer[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    dictionary.map.get(&*lower).copied()
}

fn look_up(lower: &[u8]) -> Option<&'static [&'static str]> {
    let dictionary = dictionary();
    if !dictionary.may_contain(hash(lower)) {
        return None;
    }
    dictionary.map.get(lower).copied()
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
        let dictionary = super::dictionary();
        let passed = words
            .split_whitespace()
            .filter(|w| dictionary.may_contain(super::hash(w.as_bytes())))
            .count();
        assert!(passed <= 2, "{passed} correct words passed the filter");
    }
}
