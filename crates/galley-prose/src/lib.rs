//! The text a reader sees, read word by word with exact source positions, and
//! the word-level rules that every text source shares.
//!
//! A source (an HTML page, a YAML field) feeds `Prose` with *runs*: byte
//! ranges of its file that hold visible text, and *breaks* where the reader's
//! text is interrupted (a block boundary, a Liquid value, an attribute). Runs
//! are read as written, so a word's range points into the real file. Words are
//! examined as they stream past and not kept: a large site's text costs no
//! memory beyond what the rules find.

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

/// Repeats kept per file before the rules filter them (allowed doubles) and
/// cap them: enough that allowed doubles cannot crowd real ones out.
const MAX_REPEATS_KEPT: usize = 10 * MAX_PROSE_FINDINGS_PER_FILE;

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
    /// `end-to-end`).
    pub fn push_run(&mut self, text: &str, range: Range<usize>) {
        let run = &text[range.clone()];
        let mut word_start: Option<usize> = None;
        let mut chars = run.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let joins = matches!(c, '\'' | '\u{2019}' | '-')
                && word_start.is_some()
                && chars
                    .peek()
                    .is_some_and(|&(_, next)| next.is_alphanumeric());
            if c.is_alphanumeric() || joins {
                word_start.get_or_insert(at);
                continue;
            }
            if let Some(start) = word_start.take() {
                self.push_word(text, range.start + start..range.start + at);
            }
            if !c.is_whitespace() {
                self.push_break();
            }
        }
        if let Some(start) = word_start {
            self.push_word(text, range.start + start..range.end);
        }
    }

    fn push_word(&mut self, text: &str, word: Range<usize>) {
        self.words += 1;
        if self.awaiting_after {
            if let Some(last) = self.repeats.last_mut() {
                last.after = Some(word.clone());
            }
            self.awaiting_after = false;
        }
        if let Some(previous) = self.previous.clone()
            && same_word(&text[previous.clone()], &text[word.clone()])
        {
            // The third `a` of `a a a` belongs to the repeat of the second.
            let same_run = self.run_end.as_ref() == Some(&previous);
            self.run_end = Some(word.clone());
            if !same_run && self.repeats.len() < MAX_REPEATS_KEPT {
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

    /// Every repeat found, in reading order.
    pub fn repeats(&self) -> &[Repeat] {
        &self.repeats
    }
}

fn same_word(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.eq_ignore_ascii_case(b)
        || (!a.is_ascii() && a.to_lowercase() == b.to_lowercase())
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
    fn a_run_of_one_word_is_one_repeat() {
        let text = "a a a a b";
        let mut prose = Prose::default();
        prose.push_run(text, 0..text.len());
        assert_eq!(repeats(&prose, text), ["- [a a] a"]);
    }
}
