//! Content as a terminal shows it: control characters (an escape sequence in
//! a YAML value could repaint the terminal, a bare carriage return overwrite
//! the line) and bidi controls ("Trojan Source") are made visible. The
//! terminal formats and config errors use these; the other media (GitHub
//! commands, Markdown, HTML) have their own escaping in `galley-report`.

use std::fmt::Write;

/// Content can hold control characters (an escape sequence in a YAML value could
/// repaint the terminal): show them as `\u{..}` and keep a message on one line.
pub fn single_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() || is_bidi_control(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Characters that reorder text on screen ("Trojan Source"): the embeddings,
/// overrides and isolates, and the marks (left-to-right, right-to-left,
/// Arabic letter mark).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// The source shown in a snippet, with control characters made visible but the
/// length of every line kept, so spans still point at the right columns. A
/// carriage return ending a line (CRLF) becomes a space; a bare one, which a
/// terminal obeys by going back to the line's start and the GitHub runner
/// treats as a line break, is made visible like any other control.
pub fn visible_source(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(match c {
            '\r' if chars.peek() == Some(&'\n') => ' ',
            '\n' | '\t' => c,
            c if c.is_control() || is_bidi_control(c) => '\u{FFFD}',
            c => c,
        });
    }
    out
}
