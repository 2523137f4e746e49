//! Writes the misspelling dictionary as plain bytes at build time
//! (`src/dictionary.rs` explains why and how it is read):
//!
//! - `misspelling-filter.bin`: the Bloom filter of every key, little-endian bits;
//! - `misspellings.txt`: one line per key, sorted: `key\tcorrection\tcorrection…`;
//! - `misspellings.idx`: the byte offset of each line, as little-endian `u32`.
//!
//! Plain bytes need no relocation when the program starts: typos-dict's own
//! map, full of pointers, made the loader touch 12 MB before `main`.

#[path = "src/dictionary/hash.rs"]
mod hash;

fn main() {
    let mut entries: Vec<(String, &[&str])> = typos_dict::WORD
        .map
        .entries()
        .map(|(key, corrections)| (key.into_inner().to_lowercase(), *corrections))
        .collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    entries.dedup_by(|a, b| a.0 == b.0);

    let mut filter = vec![0u8; (1usize << hash::FILTER_BITS) / 8];
    let mut lines = Vec::new();
    let mut index = Vec::new();
    for (key, corrections) in &entries {
        let bytes = key.as_bytes();
        for bit in hash::probes(hash::hash_in(bytes, 0, bytes.len())) {
            filter[bit / 8] |= 1 << (bit % 8);
        }
        let offset = u32::try_from(lines.len()).expect("the dictionary fits in 4 GiB");
        index.extend_from_slice(&offset.to_le_bytes());
        lines.extend_from_slice(bytes);
        for correction in *corrections {
            lines.push(b'\t');
            lines.extend_from_slice(correction.as_bytes());
        }
        lines.push(b'\n');
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("misspelling-filter.bin"), filter).expect("write the filter");
    std::fs::write(out.join("misspellings.txt"), lines).expect("write the dictionary");
    std::fs::write(out.join("misspellings.idx"), index).expect("write the index");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/dictionary/hash.rs");
}
