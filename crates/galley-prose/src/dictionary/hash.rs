//! The word hash shared by the build script (which fills the misspelling
//! filter from typos-dict's keys) and the lookup: both must agree bit for bit.

/// A hash of `text[start..end]` in lower case, reading eight bytes at a time
/// from `text` (past the word's end where `text` goes on, masked). ASCII
/// letters are lower-cased by setting bit 5 of every byte, which leaves
/// lower-case letters, digits, `'` and `-` as they are.
pub fn hash_in(text: &[u8], start: usize, end: usize) -> u64 {
    let mut hash = (end - start) as u64;
    let mut at = start;
    while at < end {
        let len = (end - at).min(8);
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

/// Bits in the filter: 2^21 (256 KiB), with three probes, for about 92,000
/// keys: about 0.2 % of correct words go on to the dictionary itself.
pub const FILTER_BITS: u32 = 21;

/// The three bits a hash sets (and a lookup tests).
pub fn probes(hash: u64) -> [usize; 3] {
    let mask = (1u64 << FILTER_BITS) - 1;
    [
        (hash & mask) as usize,
        ((hash >> 21) & mask) as usize,
        ((hash >> 42) & mask) as usize,
    ]
}
