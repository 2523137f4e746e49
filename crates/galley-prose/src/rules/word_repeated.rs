use galley_core::limits::MAX_PROSE_FINDINGS_PER_FILE;
use galley_core::{Edit, Finding, SourceFile};

use crate::Prose;
use crate::rules::SpanCursor;

galley_core::declare_rule! {
    /// ## What it finds
    /// The same word twice in a row, ignoring case — across line breaks and
    /// across inline tags (`been <em>been</em>`) — in the text a reader sees:
    /// page text and headings, and `alt`, `title` and `aria-label` text. Not
    /// across sentence punctuation (`here. Here`, `word, word`), block
    /// boundaries or Liquid, and never inside `code`, `pre`, `kbd`, `samp`,
    /// `script` or `style`. Legitimate doubles pass: "had had", "that that",
    /// "is is" and a few more by default, and any word in `[prose]
    /// allow_repeated`. A word beside the same word set apart as a name, alone
    /// in an `em`, `i`, `var`, `cite` or `dfn` element or in Markdown
    /// emphasis, is a name being introduced ("the month <em>month</em>", as
    /// Sphinx writes parameters), unless it is a function word ("been
    /// <em>been</em>" is still a typo).
    ///
    /// ## Why it matters
    /// A doubled word is the typo that survives every reread, because the eye
    /// skips it; readers notice it at once, and it costs the page credibility.
    ///
    /// ## Example
    /// `have been been independently audited` is reported at the second
    /// `been`, with the corrected phrase `have been independently` as help.
    /// `galley check --fix` deletes the second word and the whitespace before
    /// it, when only whitespace separates the two (not `been <em>been</em>`).
    pub static WORD_REPEATED = {
        id: "word-repeated",
        severity: Error,
        summary: "the same word twice in a row, across line breaks and inline tags",
        title: "The same word twice in a row",
        why: "Readers notice it at once; it makes the page look unproofread.",
        fixable: true,
        options: [
            ("[prose] allow_repeated", "words whose doubling is correct in this site (any case), on top of the built-in list"),
            ("[prose] data_fields", "the YAML data keys whose strings are prose and are read"),
        ],
    };
}

/// Doubles that are correct English.
pub const DEFAULT_ALLOWED: &[&str] = &["had", "that", "is", "do", "ha", "bye", "no", "so", "long"];

/// Words that are never a name being introduced: doubled, they are a typo
/// even when one of the two is in italics.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "be", "been", "being", "was", "were", "are", "am", "has", "have", "it", "its",
    "this", "these", "those", "then", "than", "if", "not", "we", "you", "they", "he", "she", "i",
    "will", "can", "may", "would", "should", "could", "which", "who", "there", "their",
];

/// Elements that set a word apart as a name or a term.
const NAMING_ELEMENTS: &[&str] = &["em", "i", "var", "cite", "dfn"];

/// Whether the word at `word` stands alone in a naming element
/// (`<em>month</em>`) or in Markdown emphasis (`*month*`, `_month_`).
fn set_apart(text: &str, word: std::ops::Range<usize>) -> bool {
    let before = &text[..word.start];
    let after = &text[word.end..];
    for mark in ["*", "_"] {
        if before.ends_with(mark) && after.starts_with(mark) {
            return true;
        }
    }
    let Some(open) = before.strip_suffix('>') else {
        return false;
    };
    let Some(tag_start) = open.rfind('<') else {
        return false;
    };
    let name = open[tag_start + 1..]
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    NAMING_ELEMENTS.contains(&name.as_str())
        && after
            .get(..name.len() + 3)
            .is_some_and(|close| close.eq_ignore_ascii_case(&format!("</{name}>")))
}

/// Reports every word that repeats the word before it (once per run: `a a a`
/// is one finding). `allowed` holds extra words (any case) whose doubling is
/// fine. At most `MAX_PROSE_FINDINGS_PER_FILE` findings per file.
pub fn check(file: &SourceFile, prose: &Prose, allowed: &[String]) -> Vec<Finding> {
    let text = file.text();
    let mut findings = Vec::new();
    let mut spans = SpanCursor::new(file);
    for repeat in prose.repeats() {
        let (a, b) = (&text[repeat.first.clone()], &text[repeat.second.clone()]);
        let lower = a.to_lowercase();
        if lower.chars().any(|c| c.is_ascii_digit())
            || DEFAULT_ALLOWED.contains(&lower.as_str())
            || allowed.iter().any(|w| w.to_lowercase() == lower)
        {
            continue;
        }
        let named = set_apart(text, repeat.first.clone()) != set_apart(text, repeat.second.clone());
        if named && !FUNCTION_WORDS.contains(&lower.as_str()) {
            continue;
        }
        if findings.len() == MAX_PROSE_FINDINGS_PER_FILE {
            break;
        }
        let before = repeat
            .before
            .as_ref()
            .map_or(String::new(), |r| format!("{} ", &text[r.clone()]));
        let after = repeat
            .after
            .as_ref()
            .map_or(String::new(), |r| format!(" {}", &text[r.clone()]));
        let finding = Finding::new(
            &WORD_REPEATED,
            file,
            spans.span(repeat.second.clone()),
            format!("`{b}` repeats the word before it"),
            format!("delete the second `{b}`: \"{before}{a}{after}\""),
        );
        // Deleting the second word with the whitespace before it is safe only
        // when nothing but whitespace lies between the two (no tag, no markup).
        let between = &text[repeat.first.end..repeat.second.start];
        findings.push(if between.chars().all(char::is_whitespace) {
            finding.with_fix(Edit {
                range: repeat.first.end..repeat.second.end,
                replacement: String::new(),
            })
        } else {
            finding
        });
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, allowed: &[String]) -> Vec<(usize, usize, String, String)> {
        super::super::tests::run_rule(check, text, allowed)
    }

    #[test]
    fn doubles_are_found_at_the_second_word_with_the_corrected_phrase() {
        assert_eq!(
            run("have been\nBeen independently", &[]),
            [(
                2,
                1,
                "`Been` repeats the word before it".to_owned(),
                "delete the second `Been`: \"have been independently\"".to_owned()
            )]
        );
    }

    #[test]
    fn a_run_is_one_finding_and_a_file_has_at_most_the_limit() {
        assert_eq!(run("a very very very long way", &[]).len(), 1);
        let many = "x x y y ".repeat(1000);
        assert_eq!(run(&many, &[]).len(), MAX_PROSE_FINDINGS_PER_FILE);
    }

    #[test]
    fn punctuation_allowed_words_and_numbers_pass() {
        assert!(run("here. Here, word, word; he had had it; that that; 1 1", &[]).is_empty());
        assert_eq!(run("very very", &[]).len(), 1);
        assert!(run("very very", &["Very".to_owned()]).is_empty());
    }
}
