//! Word-reading throughput of `Prose::push_run` (repeats and the misspelling
//! dictionary included) on 34 MB of generated prose in runs of about 200
//! bytes, as page text arrives. `cargo bench -p galley-prose`; prints ns/word.

fn main() {
    let words = "privacy security browser messenger encryption metadata server client \
                 the of and to a in independently audited recommend between users";
    let words: Vec<&str> = words.split_whitespace().collect();
    let mut text = String::new();
    let mut state = 0u64;
    while text.len() < 34_000_000 {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        text.push_str(words[(state >> 33) as usize % words.len()]);
        text.push_str(if state.is_multiple_of(17) { ". " } else { " " });
    }
    let mut runs = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let end = text[(at + 200).min(text.len())..]
            .find(' ')
            .map_or(text.len(), |space| (at + 200).min(text.len()) + space);
        runs.push(at..end);
        at = end;
    }
    for round in 1..=5 {
        let start = std::time::Instant::now();
        let mut prose = galley_prose::Prose::default();
        for run in &runs {
            prose.push_run(&text, run.clone());
            prose.push_break();
        }
        let elapsed = start.elapsed();
        println!(
            "round {round}: {} words in {elapsed:.1?}: {:.1} ns/word",
            prose.word_count(),
            elapsed.as_nanos() as f64 / prose.word_count() as f64
        );
    }
}
