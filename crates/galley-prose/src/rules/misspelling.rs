use galley_core::limits::MAX_PROSE_FINDINGS_PER_FILE;
use galley_core::{Finding, SourceFile};

use crate::Prose;
use crate::rules::SpanCursor;

galley_core::declare_rule! {
    /// ## What it finds
    /// Common misspellings ("recieve", "seperate", "teh") in the text a reader
    /// sees — page text, headings, `alt`/`title`/`aria-label`, front matter,
    /// and YAML prose fields — with the correction. The words come from the
    /// dictionary of the `typos` project (the `typos-dict` crate), which lists
    /// only known misspellings, so a word it does not know is never reported.
    /// Names (`iOS`, `NASA`), words with digits, code and URLs are skipped; the
    /// site's own words go in `[prose] allow_words`. When the dictionary has
    /// one correction, `galley check --fix` writes it.
    ///
    /// ## Why it matters
    /// A misspelling tells the reader nobody proofread the page, and it hurts
    /// search: people search for the right spelling.
    ///
    /// ## Example
    /// `messages you recieve` is reported at `recieve` with the help
    /// "write `receive`".
    pub static MISSPELLING = {
        id: "misspelling",
        severity: Warning,
        summary: "a common misspelling, with its correction",
        title: "A misspelled word",
        why: "It costs the page credibility, and readers searching for the right spelling may not find it.",
        fixable: true,
        options: [
            ("[prose] allow_words", "the site's own words (product names, jargon; any case) never reported"),
            ("[prose] data_fields", "the YAML data keys whose strings are prose and are read"),
        ],
    };
}

/// Reports each misspelt word that `allowed` (any case) does not list, at most
/// `MAX_PROSE_FINDINGS_PER_FILE` per file.
pub fn check(file: &SourceFile, prose: &Prose, allowed: &[String]) -> Vec<Finding> {
    let text = file.text();
    let mut findings = Vec::new();
    let mut spans = SpanCursor::new(file);
    for misspelling in prose.misspellings() {
        let written = &text[misspelling.word.clone()];
        if allowed.iter().any(|w| w.eq_ignore_ascii_case(written)) {
            continue;
        }
        if findings.len() == MAX_PROSE_FINDINGS_PER_FILE {
            break;
        }
        let corrections: Vec<String> = misspelling
            .corrections
            .iter()
            .map(|c| format!("`{}`", in_case_of(written, c)))
            .collect();
        let finding = Finding::new(
            &MISSPELLING,
            file,
            spans.span(misspelling.word.clone()),
            format!("`{written}` is a common misspelling"),
            format!(
                "write {}; if `{written}` is right here, add it to `[prose] allow_words`",
                corrections.join(" or ")
            ),
        );
        // One correction is safe to apply (as codespell does); of several, a
        // person chooses.
        let mut all = misspelling.corrections.iter();
        findings.push(match (all.next(), all.next()) {
            (Some(only), None) => finding.with_fix(galley_core::Edit {
                range: misspelling.word.clone(),
                replacement: in_case_of(written, only),
            }),
            _ => finding,
        });
    }
    findings
}

/// `correction` written in the case of `written`: `Teh` → `The`, `TEH` → `THE`.
fn in_case_of(written: &str, correction: &str) -> String {
    let mut letters = written.chars().filter(|c| c.is_alphabetic());
    let first_upper = letters.next().is_some_and(char::is_uppercase);
    if first_upper && written.chars().count() > 1 && letters.all(char::is_uppercase) {
        return correction.to_uppercase();
    }
    if first_upper {
        let mut chars = correction.chars();
        return chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect()
        });
    }
    correction.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, allowed: &[String]) -> Vec<(usize, usize, String, String)> {
        super::super::tests::run_rule(check, text, allowed)
    }

    #[test]
    fn misspellings_are_found_with_the_correction_in_the_written_case() {
        assert_eq!(
            run("Messages you\nrecieve. Teh end.", &[]),
            [
                (
                    2,
                    1,
                    "`recieve` is a common misspelling".to_owned(),
                    "write `receive`; if `recieve` is right here, add it to `[prose] allow_words`"
                        .to_owned()
                ),
                (
                    2,
                    10,
                    "`Teh` is a common misspelling".to_owned(),
                    "write `The`; if `Teh` is right here, add it to `[prose] allow_words`"
                        .to_owned()
                )
            ]
        );
    }

    #[test]
    fn names_numbers_addresses_and_allowed_words_pass() {
        let text = "RECIEVE iOS recieve2 https://x.org/recieve a@recieve.org teh-recieve";
        let found: Vec<String> = run(text, &["Teh".to_owned()])
            .into_iter()
            .map(|f| f.2)
            .collect();
        // All caps is an acronym to the reader; `teh` is allowed; only the part
        // of the hyphenated word that is not allowed is left.
        assert_eq!(found, ["`recieve` is a common misspelling"]);
    }

    #[test]
    fn correct_english_is_quiet() {
        let text = "The quick brown fox jumps over the lazy dog; it's an end-to-end \
                    encrypted messenger that doesn't keep metadata, so you receive \
                    messages privately.";
        assert!(run(text, &[]).is_empty(), "{:?}", run(text, &[]));
    }
}
