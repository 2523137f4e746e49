//! Heading ids as each renderer makes them, checked against the renderers'
//! real output: `fixtures/kramdown-ids/expected-ids.txt` is recorded from
//! Jekyll 4.3 (kramdown 2.4, kramdown-parser-gfm 1.1) and Python-Markdown
//! 3.7, and `tests/renderers.rs` renders the fixture again and compares.
//! GitHub's style is kramdown-parser-gfm's, which copies it; GitHub's own
//! renderer cannot run here.

use std::collections::HashMap;

use galley_core::config::HeadingIdStyle;

/// The ids of one page's headings, in order: each style numbers repeated ids
/// its own way, so the generator keeps the ids it gave.
#[derive(Debug)]
pub struct HeadingIds {
    style: HeadingIdStyle,
    prefix: String,
    used: HashMap<String, usize>,
}

/// A heading as the renderers see it.
pub struct HeadingText<'a> {
    /// The text a reader sees: text, code, link text, HTML's text — no markup.
    pub text: &'a str,
    /// The heading's source between the `#`s (or the setext text), as written.
    pub source: &'a str,
}

impl HeadingIds {
    /// The id a heading has: its own (`{#id}`, or for kramdown an attribute
    /// list on the next line; such a heading takes no number), else the
    /// generated one.
    pub fn of(&mut self, heading: &crate::Heading, source: &str) -> Option<String> {
        let own = match self.style {
            HeadingIdStyle::Kramdown | HeadingIdStyle::KramdownGfm => heading
                .explicit_id
                .clone()
                .or_else(|| heading.attribute_list_id.clone()),
            _ => heading.explicit_id.clone(),
        };
        own.or_else(|| {
            self.next(&HeadingText {
                text: &heading.text,
                source: &source[heading.source.clone()],
            })
        })
    }

    pub fn new(style: HeadingIdStyle, prefix: &str) -> HeadingIds {
        HeadingIds {
            style,
            prefix: prefix.to_owned(),
            used: HashMap::new(),
        }
    }

    /// The id the renderer gives this heading, if it gives one.
    pub fn next(&mut self, heading: &HeadingText<'_>) -> Option<String> {
        let base = match self.style {
            HeadingIdStyle::None => return None,
            HeadingIdStyle::KramdownGfm | HeadingIdStyle::Github => gfm(heading.text),
            HeadingIdStyle::Kramdown => kramdown(heading.source),
            HeadingIdStyle::PythonMarkdown => python_markdown(heading.text),
        };
        match self.style {
            // kramdown's GFM parser gives an empty id no attribute at all.
            HeadingIdStyle::KramdownGfm | HeadingIdStyle::Github if base.is_empty() => None,
            HeadingIdStyle::PythonMarkdown => Some(self.numbered_python(base)),
            _ => {
                let id = self.numbered(base);
                Some(format!("{}{id}", self.prefix))
            }
        }
    }

    /// `x`, `x-1`, `x-2`…
    fn numbered(&mut self, base: String) -> String {
        match self.used.get_mut(&base) {
            Some(count) => {
                *count += 1;
                format!("{base}-{count}")
            }
            None => {
                self.used.insert(base.clone(), 0);
                base
            }
        }
    }

    /// Python-Markdown's `unique`: `x`, `x_1`, `x_2`…, skipping ids taken.
    fn numbered_python(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 0;
        while id.is_empty() || self.used.contains_key(&id) {
            n += 1;
            id = format!("{base}_{n}");
        }
        self.used.insert(id.clone(), 0);
        id
    }
}

/// kramdown-parser-gfm's `generate_gfm_header_id` (and GitHub's own): lower
/// case, drop what is not a word character, `-`, space or tab, then each
/// space or tab becomes `-`.
fn gfm(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|&c| is_word(c) || matches!(c, '-' | ' ' | '\t'))
        .map(|c| if c == ' ' || c == '\t' { '-' } else { c })
        .collect()
}

/// Ruby's `\p{Word}`: letters, marks, decimal digits, connector punctuation.
/// Marks matter: a Hindi or Tamil heading keeps its viramas and vowel signs.
fn is_word(c: char) -> bool {
    use unicode_general_category::{GeneralCategory as G, get_general_category};
    c.is_alphabetic()
        || matches!(
            get_general_category(c),
            G::NonspacingMark
                | G::SpacingMark
                | G::EnclosingMark
                | G::DecimalNumber
                | G::ConnectorPunctuation
        )
}

/// kramdown's `basic_generate_id`: drop everything up to the first ASCII
/// letter, keep ASCII letters, digits, spaces and `-`, spaces become `-`,
/// lower case; nothing left is `section`.
fn kramdown(source: &str) -> String {
    let from_letter = source.trim_start_matches(|c: char| !c.is_ascii_alphabetic());
    let id: String = from_letter
        .chars()
        .filter(|&c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
        .map(|c| {
            if c == ' ' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if id.is_empty() {
        "section".to_owned()
    } else {
        id
    }
}

/// Python-Markdown's `toc.slugify`: ASCII only (accents dropped), no
/// punctuation but `-` and `_`, runs of spaces and hyphens become one `-`.
fn python_markdown(text: &str) -> String {
    let ascii: String = text
        .chars()
        .filter_map(|c| {
            if c.is_ascii() {
                Some(c)
            } else {
                strip_accent(c)
            }
        })
        .filter(|&c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' ' | '\t' | '\n'))
        .collect();
    let lower = ascii.trim().to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut in_gap = false;
    for c in lower.chars() {
        if c == '-' || c.is_whitespace() {
            in_gap = true;
            continue;
        }
        if in_gap && !out.is_empty() {
            out.push('-');
        }
        in_gap = false;
        out.push(c);
    }
    if in_gap && !out.is_empty() {
        out.push('-');
    }
    out
}

/// The base letter of a Latin letter with a diacritic (what NFKD and dropping
/// non-ASCII leave of it); other characters are dropped.
fn strip_accent(c: char) -> Option<char> {
    const FROM: &str = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝ";
    const TO: &str = "aaaaaaceeeeiiiinooooouuuuyyAAAAAACEEEEIIIINOOOOOUUUUY";
    FROM.chars()
        .position(|f| f == c)
        .and_then(|i| TO.chars().nth(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids recorded from the real Jekyll for `style`.
    fn recorded(section: &str) -> Vec<Option<String>> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/kramdown-ids/expected-ids.txt"
        );
        let recorded = std::fs::read_to_string(path).unwrap();
        recorded
            .lines()
            .skip_while(|l| !l.starts_with(&format!("[{section}]")))
            .skip(1)
            .take_while(|l| !l.starts_with('['))
            .map(|l| (l != "-").then(|| l.to_owned()))
            .collect()
    }

    fn computed(style: HeadingIdStyle) -> Vec<Option<String>> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/kramdown-ids/headings.md"
        );
        let page = std::fs::read_to_string(path).unwrap();
        let body = page.find("\n---\n").unwrap() + 5;
        let scan = crate::scan(&page, body..page.len(), &[]);
        let mut ids = HeadingIds::new(style, "");
        scan.headings.iter().map(|h| ids.of(h, &page)).collect()
    }

    #[test]
    fn kramdown_ids_are_those_jekyll_gives() {
        assert_eq!(
            computed(HeadingIdStyle::KramdownGfm),
            recorded("kramdown-gfm")
        );
        assert_eq!(computed(HeadingIdStyle::Kramdown), recorded("kramdown"));
        assert_eq!(recorded("kramdown").len(), 24);
    }

    #[test]
    fn python_markdown_ids_are_those_it_gives() {
        assert_eq!(
            computed(HeadingIdStyle::PythonMarkdown),
            recorded("python-markdown")
        );
    }

    #[test]
    fn python_markdown_slugs() {
        let mut ids = HeadingIds::new(HeadingIdStyle::PythonMarkdown, "");
        let mut next = |text: &str| ids.next(&HeadingText { text, source: text }).unwrap();
        assert_eq!(next("Hello World"), "hello-world");
        assert_eq!(next("Hello World"), "hello-world_1");
        assert_eq!(next("Café -- au  lait!"), "cafe-au-lait");
    }
}
