//! The text a reader sees, as words with their exact source positions, and the
//! word-level rules that every text source shares.
//!
//! A source (an HTML page, a YAML field) feeds `Prose` with *runs*: byte
//! ranges of its file that hold visible text, and *breaks* where the reader's
//! text is interrupted (a block boundary, a Liquid value, an attribute). Runs
//! are read as written, so a word's range points into the real file.

pub mod rules;

use std::ops::Range;

/// A word, or an interruption between words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    /// A word's byte range in the file.
    Word(Range<usize>),
    /// Sentence punctuation, a block boundary, Liquid, markup that is not text.
    Break,
}

/// The words of one file, in reading order.
#[derive(Debug, Default)]
pub struct Prose {
    tokens: Vec<Token>,
}

impl Prose {
    /// Marks an interruption: the words on either side are not adjacent.
    pub fn push_break(&mut self) {
        if !matches!(self.tokens.last(), None | Some(Token::Break)) {
            self.tokens.push(Token::Break);
        }
    }

    /// Adds the words of `text[range]`. Whitespace separates words; any other
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
                self.tokens
                    .push(Token::Word(range.start + start..range.start + at));
            }
            if !c.is_whitespace() {
                self.push_break();
            }
        }
        if let Some(start) = word_start {
            self.tokens
                .push(Token::Word(range.start + start..range.end));
        }
    }

    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(prose: &Prose, text: &str) -> Vec<String> {
        prose
            .tokens()
            .iter()
            .map(|t| match t {
                Token::Word(r) => text[r.clone()].to_owned(),
                Token::Break => "|".to_owned(),
            })
            .collect()
    }

    #[test]
    fn runs_become_words_and_breaks_with_source_ranges() {
        let text = "It's end-to-end. Here, (x) café";
        let mut prose = Prose::default();
        prose.push_run(text, 0..text.len());
        assert_eq!(
            words(&prose, text),
            ["It's", "end-to-end", "|", "Here", "|", "x", "|", "café"]
        );
        let Token::Word(last) = prose.tokens().last().unwrap() else {
            panic!()
        };
        assert_eq!(&text[last.clone()], "café");
    }

    #[test]
    fn words_join_across_runs_unless_broken() {
        let text = "been <em>been</em> <p>x</p>";
        let mut prose = Prose::default();
        prose.push_run(text, 0..5);
        prose.push_run(text, 9..13);
        prose.push_break();
        prose.push_run(text, 22..23);
        assert_eq!(words(&prose, text), ["been", "been", "|", "x"]);
    }
}
