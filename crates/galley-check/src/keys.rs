//! The keys a finding is known by beyond its position: its group (the cause
//! it shares with other findings) and its fingerprint (itself, wherever its
//! line moves). Both are stable hashes (`galley_core::finding::stable_key`),
//! so baselines and SARIF fingerprints written today still match tomorrow.

use std::collections::HashMap;

use galley_core::finding::stable_key;
use galley_core::{Finding, SiteKind};

/// Span text longer than this is cut before hashing: a group key needs the
/// start of what is wrong, not a minified page's whole line.
const MAX_KEY_TEXT: usize = 256;

/// Sets `group` and `fingerprint` on every finding. `texts` holds each file's
/// text by path; a finding whose file has none (unreadable) is keyed by its
/// message alone.
pub(crate) fn assign(findings: &mut [Finding], texts: &HashMap<&str, &str>, kind: SiteKind) {
    for finding in findings {
        let text = texts.get(finding.path.as_str()).copied().unwrap_or("");
        let line = line_text(text, finding.span.start.offset);
        let spanned = span_text(text, finding.span.start.offset, finding.span.end.offset);
        finding.group = match &finding.target {
            Some(target) => stable_key(&[finding.rule, "target", target]),
            // Built HTML repeats a template on every page: the same rule,
            // message and text on many pages is one defect of the template.
            // Its positions differ from page to page (`already used on line
            // 233`), so numbers in the message do not part findings.
            None if kind == SiteKind::Html => stable_key(&[
                finding.rule,
                "text",
                &without_numbers(&finding.message),
                spanned,
            ]),
            // In sources, a repeat in another file is another defect.
            None => stable_key(&[
                finding.rule,
                "file",
                &finding.path,
                &finding.message,
                spanned,
            ]),
        };
        finding.fingerprint = fingerprint(finding.rule, &finding.path, &finding.message, line);
    }
}

/// `message` with each run of digits as `#`.
fn without_numbers(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut in_number = false;
    for c in message.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                out.push('#');
            }
            in_number = true;
        } else {
            out.push(c);
            in_number = false;
        }
    }
    out
}

/// What a baseline remembers of a finding: its rule, file, message and the
/// text of its line without the indentation, not the line number, so that a
/// line added above it does not make it new.
pub(crate) fn fingerprint(rule: &str, path: &str, message: &str, line: &str) -> u64 {
    stable_key(&[rule, path, message, line.trim()])
}

/// The line of `text` that holds byte `at`, without its line break; of a
/// line longer than `2 * MAX_LINE_WINDOW`, the part within `MAX_LINE_WINDOW`
/// bytes on either side of `at`. The search for the line's ends is bounded
/// too, so that keying a million findings on one minified line stays linear.
pub(crate) fn line_text(text: &str, at: usize) -> &str {
    let at = floor_boundary(text, at.min(text.len()));
    let from = floor_boundary(text, at.saturating_sub(MAX_LINE_WINDOW));
    let to = floor_boundary(text, (at + MAX_LINE_WINDOW).min(text.len()));
    let start = memchr::memrchr(b'\n', &text.as_bytes()[from..at]).map_or(from, |i| from + i + 1);
    let end = memchr::memchr(b'\n', &text.as_bytes()[at..to]).map_or(to, |i| at + i);
    let line = &text[start..end];
    line.strip_suffix('\r').unwrap_or(line)
}

/// How far from a finding its line's text is read (see [`line_text`]).
const MAX_LINE_WINDOW: usize = 512;

fn span_text(text: &str, start: usize, end: usize) -> &str {
    let start = floor_boundary(text, start.min(text.len()));
    let end = floor_boundary(text, end.clamp(start, text.len()));
    cut(&text[start..end], MAX_KEY_TEXT)
}

fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        text
    } else {
        &text[..floor_boundary(text, max)]
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use galley_core::{SourceFile, internal_error::INTERNAL_ERROR};

    fn finding(file: &SourceFile, at: &str, message: &str) -> Finding {
        let start = file.text().find(at).unwrap();
        Finding::new(
            &INTERNAL_ERROR,
            file,
            file.span(start..start + at.len()),
            message,
            "help",
        )
    }

    #[test]
    fn fingerprints_follow_the_line_text_not_its_number() {
        let before = SourceFile::new("a.md", "intro\n  the the end\n");
        let after = SourceFile::new("a.md", "new line\nintro\n\tthe the end\n");
        let mut findings = [
            finding(&before, "the the", "repeated"),
            finding(&after, "the the", "repeated"),
        ];
        let texts = HashMap::from([("a.md", before.text())]);
        assign(&mut findings[..1], &texts, SiteKind::Jekyll);
        let texts = HashMap::from([("a.md", after.text())]);
        assign(&mut findings[1..], &texts, SiteKind::Jekyll);
        assert_eq!(findings[0].fingerprint, findings[1].fingerprint);
        assert_ne!(findings[0].span.start.line, findings[1].span.start.line);
    }

    #[test]
    fn built_pages_share_a_group_for_one_template_and_sources_do_not() {
        let a = SourceFile::new("a.html", "<img src=logo.png>\n");
        let b = SourceFile::new("b/c.html", "<p>x</p>\n<img src=logo.png>\n");
        let mut findings = vec![
            finding(&a, "<img src=logo.png>", "no alt"),
            finding(&b, "<img src=logo.png>", "no alt"),
        ];
        let texts = HashMap::from([("a.html", a.text()), ("b/c.html", b.text())]);
        assign(&mut findings, &texts, SiteKind::Html);
        assert_eq!(findings[0].group, findings[1].group);
        assign(&mut findings, &texts, SiteKind::Jekyll);
        assert_ne!(findings[0].group, findings[1].group);
        let mut targeted = findings.clone();
        targeted[0].target = Some("logo.png".into());
        targeted[1].target = Some("logo.png".into());
        assign(&mut targeted, &texts, SiteKind::Jekyll);
        assert_eq!(targeted[0].group, targeted[1].group);
    }
}
