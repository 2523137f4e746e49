//! The typos project's list of common misspellings, behind a Bloom filter.
//!
//! `typos-dict` ships a perfect-hash map with case-insensitive keys. Its
//! lookups fold case character by character through SipHash, which cost more
//! than the rest of the prose reading together on a large site, and its
//! pointer-laden tables made the loader relocate 12 MB at every start. So the
//! build script (`build.rs`) writes the dictionary as plain bytes: a 256 KiB
//! Bloom filter of its keys, and the sorted entries with an index. Nearly every
//! word a reader sees is spelt right and stops at the filter — one hash of the
//! word as written (eight bytes at a time, no copy) and a bit test or three;
//! the few that pass are looked up by binary search.

#[path = "dictionary/hash.rs"]
mod hash;

use hash::{hash_in, probes};

/// Longest key of the dictionary, in bytes; longer words are not looked up.
const MAX_WORD: usize = 40;

/// The Bloom filter, little-endian bits.
static FILTER: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/misspelling-filter.bin"));
/// One line per key, sorted: `key\tcorrection\tcorrection…\n`.
static ENTRIES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/misspellings.txt"));
/// The byte offset of each line of `ENTRIES`, little-endian `u32`.
static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/misspellings.idx"));

/// The corrections of a misspelling, best first (lower case).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Corrections(&'static str);

impl Corrections {
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        self.0.split('\t')
    }
}

fn may_contain(hash: u64) -> bool {
    probes(hash).iter().all(|&bit| {
        FILTER
            .get(bit / 8)
            .is_some_and(|byte| byte & (1 << (bit % 8)) != 0)
    })
}

fn hash(word: &[u8]) -> u64 {
    hash_in(word, 0, word.len())
}

/// The corrections of `word` (any case), if it is a known misspelling.
pub fn corrections(word: &str) -> Option<Corrections> {
    let lower = word.to_lowercase();
    if lower.len() > MAX_WORD || !may_contain(hash(lower.as_bytes())) {
        return None;
    }
    look_up(lower.as_bytes())
}

/// The corrections of `text[word]`, a word of ASCII letters (any case).
pub(crate) fn corrections_of_plain(
    text: &str,
    word: std::ops::Range<usize>,
) -> Option<Corrections> {
    if word.len() > MAX_WORD || !may_contain(hash_in(text.as_bytes(), word.start, word.end)) {
        return None;
    }
    let mut buffer = [0u8; MAX_WORD];
    let lower = &mut buffer[..word.len()];
    lower.copy_from_slice(&text.as_bytes()[word]);
    lower.make_ascii_lowercase();
    look_up(lower)
}

/// The line of `ENTRIES` at `index`.
fn entry(index: usize) -> &'static [u8] {
    let offset = |i: usize| {
        INDEX.get(4 * i..4 * i + 4).map_or(ENTRIES.len(), |b| {
            u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize
        })
    };
    let line = &ENTRIES[offset(index)..offset(index + 1)];
    line.strip_suffix(b"\n").unwrap_or(line)
}

/// Binary search for a lower-case word.
fn look_up(lower: &[u8]) -> Option<Corrections> {
    let key_of = |line: &'static [u8]| line.split(|&b| b == b'\t').next().unwrap_or(line);
    let (mut low, mut high) = (0, INDEX.len() / 4);
    while low < high {
        let middle = low + (high - low) / 2;
        match key_of(entry(middle)).cmp(lower) {
            std::cmp::Ordering::Less => low = middle + 1,
            std::cmp::Ordering::Greater => high = middle,
            std::cmp::Ordering::Equal => {
                low = middle;
                high = middle;
            }
        }
    }
    let line = entry(low);
    if key_of(line) != lower {
        return None;
    }
    let corrections = &line[key_of(line).len()..];
    let corrections = corrections.strip_prefix(b"\t").unwrap_or(corrections);
    std::str::from_utf8(corrections).ok().map(Corrections)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_key_of_typos_dict_is_found_in_any_case_with_its_corrections() {
        let found = |word: &str| super::corrections(word).map(|c| c.iter().collect::<Vec<_>>());
        for (key, corrections) in typos_dict::WORD.map.entries() {
            let key = key.into_inner();
            assert_eq!(found(key).as_deref(), Some(*corrections), "{key}");
            assert_eq!(
                found(&key.to_uppercase()).as_deref(),
                Some(*corrections),
                "{key}"
            );
        }
        assert_eq!(found("receive"), None);
        assert_eq!(found("recieve"), Some(vec!["receive"]));
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
