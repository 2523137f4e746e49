//! The model every Galley checker shares: source files and positions, findings,
//! rule metadata and the user's configuration.
//!
//! This crate knows no checker. Checkers depend on it; the CLI depends on them.

pub mod config;
pub mod finding;
pub mod internal_error;
pub mod limits;
pub mod rule;
pub mod source;
pub mod visible;

pub use config::{Config, ConfigError, Level, SiteKind};
pub use finding::{Edit, Finding, Severity};
pub use rule::{RuleMeta, RuleOption, RuleRegistry};
pub use source::{Position, SourceFile, Span};

/// The candidate closest to `word` by edit distance, if it is close enough to be a
/// plausible typo (used for "did you mean" hints on keys, rules and fields).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| (strsim::osa_distance(word, candidate), candidate))
        .filter(|&(distance, _)| distance <= limit)
        .min()
        .map(|(_, candidate)| candidate)
}

/// `text` cut to `max` characters (the last one an ellipsis), for a one-line
/// message that quotes a URL or a value written in the content.
pub fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// The byte range of the password in a URL's authority (`user:pw@host`),
/// relative to the authority, when it has a non-empty one.
fn password_in(authority: &str) -> Option<std::ops::Range<usize>> {
    let at = authority.rfind('@')?;
    let colon = authority[..at].find(':')?;
    (colon + 1 < at).then_some(colon + 1..at)
}

/// `url` with the password of its user info (`https://user:pw@host/`) written
/// as `***`: a URL Galley prints (a message, the report, a cache key) never
/// shows a credential, whatever the page holds.
pub fn redacted(url: &str) -> std::borrow::Cow<'_, str> {
    let Some(scheme_end) = url.find("://") else {
        return url.into();
    };
    let start = scheme_end + 3;
    let end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| start + i);
    match password_in(&url[start..end]) {
        Some(password) => format!(
            "{}***{}",
            &url[..start + password.start],
            &url[start + password.end..]
        )
        .into(),
        None => url.into(),
    }
}

/// `text` (a snippet of a page) with the password of every URL in it written
/// as as many `*`: the characters keep their count, so columns still match.
pub fn passwords_masked(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("://") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let start = at + 3;
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| {
                matches!(
                    c,
                    '/' | '?' | '#' | '"' | '\'' | '<' | '>' | '`' | ')' | ']'
                ) || c.is_whitespace()
            })
            .unwrap_or(tail.len());
        let authority = &tail[..end];
        match password_in(authority) {
            Some(password) => {
                out.push_str(&authority[..password.start]);
                out.extend(authority[password.clone()].chars().map(|_| '*'));
                out.push_str(&authority[password.end..]);
            }
            None => out.push_str(authority),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::{passwords_masked, redacted};

    #[test]
    fn passwords_in_snippets_are_masked_to_the_same_length() {
        let line = "<a href=\"https://me:pässwörd@host/x\">y</a> https://a@b/ https://c:d@e";
        let masked = passwords_masked(line);
        assert_eq!(
            masked,
            "<a href=\"https://me:********@host/x\">y</a> https://a@b/ https://c:*@e"
        );
        assert_eq!(masked.chars().count(), line.chars().count());
        assert_eq!(passwords_masked("no urls here"), "no urls here");
    }

    #[test]
    fn passwords_in_urls_are_redacted_and_nothing_else_is_changed() {
        assert_eq!(
            redacted("https://user:s3cret@example.org/a?b#c"),
            "https://user:***@example.org/a?b#c"
        );
        assert_eq!(
            redacted("https://:tok@example.org"),
            "https://:***@example.org"
        );
        assert_eq!(
            redacted("https://user@example.org/x:y@z"),
            "https://user@example.org/x:y@z"
        );
        assert_eq!(
            redacted("https://example.org/a:b@c"),
            "https://example.org/a:b@c"
        );
        assert_eq!(redacted("mailto:a:b@c"), "mailto:a:b@c");
    }
}
