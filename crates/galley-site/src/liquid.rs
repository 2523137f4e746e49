//! Liquid masking: `{{ … }}` and `{% … %}` are replaced by spaces, byte for byte,
//! so an HTML or Markdown parser can read a template while every byte offset, line
//! and column still points into the real file. Newlines inside Liquid are kept.
//!
//! `{% comment %}…{% endcomment %}` is masked whole. `{% raw %}…{% endraw %}`
//! masks only its two tags: what is between them is output as written.

pub mod syntax;

use std::ops::Range;

/// A template with its Liquid masked.
#[derive(Debug)]
pub struct MaskedTemplate {
    /// Same length as the input, with Liquid bytes replaced by spaces.
    pub text: String,
    /// Byte ranges of every Liquid tag, output or comment, in order.
    pub liquid: Vec<Range<usize>>,
    /// Byte offsets of a `{{` or `{%` that is never closed (masked to the end).
    pub unterminated: Vec<usize>,
}

impl MaskedTemplate {
    /// Whether any Liquid lies in `range`: a value built from Liquid is dynamic and
    /// is never checked or guessed.
    pub fn has_liquid(&self, range: Range<usize>) -> bool {
        let first = self.liquid.partition_point(|l| l.end <= range.start);
        self.liquid.get(first).is_some_and(|l| l.start < range.end)
    }
}

/// `name` next to the file at `path`: what `{% include_relative name %}` reads.
pub fn next_to(path: &str, name: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{name}"),
        None => name.to_owned(),
    }
}

/// Masks the Liquid of `input`.
pub fn mask(input: &str) -> MaskedTemplate {
    let bytes = input.as_bytes();
    let mut out = bytes.to_vec();
    let mut liquid = Vec::new();
    let mut unterminated = Vec::new();
    let mut at = 0;
    while let Some(found) = find_open(bytes, at) {
        let close: &[u8] = if bytes[found + 1] == b'{' {
            b"}}"
        } else {
            b"%}"
        };
        let Some(end) = find(bytes, close, found + 2).map(|i| i + 2) else {
            unterminated.push(found);
            blank(&mut out, found..bytes.len());
            liquid.push(found..bytes.len());
            break;
        };
        let mut range = found..end;
        if close == b"%}" {
            match tag_name(&input[found + 2..end - 2]) {
                "comment" => range.end = block_end(bytes, end, "endcomment").unwrap_or(bytes.len()),
                "raw" => {
                    // Mask the two tags, keep the raw text between them.
                    if let Some((endraw_start, endraw_end)) = find_end_tag(bytes, end, "endraw") {
                        blank(&mut out, found..end);
                        blank(&mut out, endraw_start..endraw_end);
                        liquid.push(found..end);
                        liquid.push(endraw_start..endraw_end);
                        at = endraw_end;
                        continue;
                    }
                    range.end = bytes.len();
                }
                _ => {}
            }
        }
        blank(&mut out, range.clone());
        liquid.push(range.clone());
        at = range.end;
    }
    // Only ASCII bytes were replaced, by ASCII spaces, and every multi-byte
    // character inside Liquid was replaced whole, so the text is still UTF-8.
    let text = String::from_utf8(out).expect("masking keeps UTF-8");
    MaskedTemplate {
        text,
        liquid,
        unterminated,
    }
}

fn find_open(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i + 1 < bytes.len() {
        if bytes[i] == b'{' && (bytes[i + 1] == b'{' || bytes[i + 1] == b'%') {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn find(bytes: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// `- comment -` → `comment`.
fn tag_name(inner: &str) -> &str {
    inner
        .trim_matches('-')
        .split_whitespace()
        .next()
        .unwrap_or_default()
}

/// The start and end of the next `{% NAME %}` tag at or after `from`.
fn find_end_tag(bytes: &[u8], from: usize, name: &str) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some(open) = find(bytes, b"{%", at) {
        let close = find(bytes, b"%}", open + 2)? + 2;
        let inner = std::str::from_utf8(&bytes[open + 2..close - 2]).ok()?;
        if tag_name(inner) == name {
            return Some((open, close));
        }
        at = close;
    }
    None
}

fn block_end(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    find_end_tag(bytes, from, name).map(|(_, end)| end)
}

/// Replaces every byte in `range` except line breaks by a space.
fn blank(out: &mut [u8], range: Range<usize>) {
    for byte in &mut out[range] {
        if *byte != b'\n' && *byte != b'\r' {
            *byte = b' ';
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_output_and_tags_keeping_length_and_lines() {
        let input = "<a href=\"{{ site.url }}/x\">{% if a %}\nhé{% endif %}</a>";
        let masked = mask(input);
        assert_eq!(masked.text.len(), input.len());
        let expected = format!(
            "<a href=\"{}/x\">{}\nhé{}</a>",
            " ".repeat("{{ site.url }}".len()),
            " ".repeat("{% if a %}".len()),
            " ".repeat("{% endif %}".len())
        );
        assert_eq!(masked.text, expected);
        assert_eq!(masked.liquid.len(), 3);
        assert!(masked.has_liquid(9..27));
        assert!(!masked.has_liquid(0..9));
    }

    #[test]
    fn multibyte_characters_inside_liquid_become_spaces_byte_for_byte() {
        let input = "{{ 'é' }}x";
        let masked = mask(input);
        assert_eq!(masked.text, format!("{}x", " ".repeat(input.len() - 1)));
    }

    #[test]
    fn comments_are_masked_whole_and_raw_keeps_its_text() {
        let input = "a{% comment %}<img>\n{% endcomment %}b{% raw %}{{ x }}{% endraw %}c";
        let masked = mask(input);
        assert_eq!(masked.text.len(), input.len());
        assert!(masked.text.starts_with("a             "));
        assert!(!masked.text.contains("<img>"));
        assert_eq!(masked.text.matches('\n').count(), 1);
        assert!(masked.text.contains("{{ x }}"));
        assert!(masked.text.ends_with('c'));
    }

    #[test]
    fn whitespace_control_is_understood() {
        let masked = mask("{%- comment -%}x{%- endcomment -%}y");
        assert_eq!(masked.text.trim(), "y");
    }

    #[test]
    fn unterminated_liquid_is_masked_to_the_end_and_reported() {
        let masked = mask("ok {{ broken");
        assert_eq!(masked.text, "ok          ");
        assert_eq!(masked.unterminated, vec![3]);
    }
}
