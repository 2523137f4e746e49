//! The typos project's list of common misspellings, as a hash map of
//! lower-case words built once per run.
//!
//! `typos-dict` ships a perfect-hash map with case-insensitive keys; its
//! lookups fold case character by character through SipHash, which cost more
//! than the rest of the prose reading together on a large site. Rebuilt as an
//! `FxHashMap` of lower-case keys (once per run, a few milliseconds) behind a
//! 128 KiB Bloom filter that stays in cache, a lookup of a correct word —
//! nearly every word — is one hash of a word lower-cased on the stack and two
//! bit tests.

use std::hash::BuildHasher;
use std::sync::OnceLock;

use rustc_hash::{FxBuildHasher, FxHashMap};

/// Longest key of the dictionary, in bytes; longer words are not looked up.
const MAX_WORD: usize = 40;

/// Bits in the filter: 2^20, with two probes, for about 92,000 keys: about 3 %
/// of correct words go on to the map.
const FILTER_BITS: u32 = 20;

struct Dictionary {
    /// Lower-case keys, as bytes (a lookup hashes the stack buffer as is).
    map: FxHashMap<Box<[u8]>, &'static [&'static str]>,
    filter: Box<[u64]>,
}

impl Dictionary {
    fn probes(hash: u64) -> [usize; 2] {
        let mask = (1u64 << FILTER_BITS) - 1;
        [(hash & mask) as usize, ((hash >> 32) & mask) as usize]
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
            for bit in Dictionary::probes(FxBuildHasher.hash_one(&**key)) {
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

fn look_up(lower: &[u8]) -> Option<&'static [&'static str]> {
    let dictionary = dictionary();
    if !dictionary.may_contain(FxBuildHasher.hash_one(lower)) {
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
}
