//! Front matter: the YAML block between `---` lines at the very start of a page.

use std::ops::Range;

/// Where a page's front matter and body are, as byte ranges of the whole file.
#[derive(Debug, PartialEq, Eq)]
pub struct PageParts {
    /// The YAML between the delimiters, if the page has front matter.
    pub front_matter: Option<Range<usize>>,
    /// Everything after the closing delimiter line (the whole file without one).
    pub body: Range<usize>,
}

/// Splits `text` as Jekyll does: front matter only when the file starts with a
/// `---` line, closed by the next `---` or `...` line.
pub fn split(text: &str) -> PageParts {
    let whole = PageParts {
        front_matter: None,
        body: 0..text.len(),
    };
    let Some(first_end) = line_end(text, 0) else {
        return whole;
    };
    if text[..first_end].trim_end() != "---" {
        return whole;
    }
    let yaml_start = next_line(text, first_end);
    let mut line_start = yaml_start;
    while line_start < text.len() {
        let end = line_end(text, line_start).unwrap_or(text.len());
        let line = text[line_start..end].trim_end();
        if line == "---" || line == "..." {
            return PageParts {
                front_matter: Some(yaml_start..line_start),
                body: next_line(text, end)..text.len(),
            };
        }
        line_start = next_line(text, end);
    }
    whole
}

fn line_end(text: &str, from: usize) -> Option<usize> {
    if from > text.len() {
        return None;
    }
    Some(text[from..].find('\n').map_or(text.len(), |i| from + i))
}

fn next_line(text: &str, line_end: usize) -> usize {
    (line_end + 1).min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_the_body() {
        let text = "---\ntitle: A\n---\n<p>x</p>\n";
        let parts = split(text);
        assert_eq!(&text[parts.front_matter.clone().unwrap()], "title: A\n");
        assert_eq!(&text[parts.body], "<p>x</p>\n");
    }

    #[test]
    fn windows_line_endings_and_dots_close_it() {
        let text = "---\r\ntitle: A\r\n...\r\nbody";
        let parts = split(text);
        assert_eq!(&text[parts.front_matter.unwrap()], "title: A\r\n");
        assert_eq!(&text[parts.body], "body");
    }

    #[test]
    fn no_front_matter_without_a_leading_delimiter_or_a_closing_one() {
        assert_eq!(split("<p>---</p>").front_matter, None);
        assert_eq!(split("---\ntitle: A\n").front_matter, None);
        assert_eq!(split("").body, 0..0);
    }

    #[test]
    fn empty_front_matter() {
        let parts = split("---\n---\nx");
        assert_eq!(parts.front_matter, Some(4..4));
        assert_eq!(parts.body, 8..9);
    }
}
