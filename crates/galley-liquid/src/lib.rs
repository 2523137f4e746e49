//! Liquid masking: `{{ … }}` and `{% … %}` are replaced by spaces (by `L`s
//! where an output is an unquoted attribute value), byte for byte,
//! so an HTML or Markdown parser can read a template while every byte offset, line
//! and column still points into the real file. Newlines inside Liquid are kept.
//!
//! `{% comment %}…{% endcomment %}` is masked whole. `{% raw %}…{% endraw %}`
//! masks only its two tags: what is between them is output as written.

mod facts;
pub mod syntax;

use std::ops::Range;

pub use facts::{FileReference, ReferenceKind, TemplateFacts};

/// A template's Liquid, read once and shared by every checker: the masked
/// text the HTML and Markdown readers scan, the markups the template–data
/// contract follows, the problems `liquid-syntax` reports, and the facts the
/// page checker needs (includes, branches, files named).
#[derive(Debug)]
pub struct Template<'t> {
    pub masked: MaskedTemplate,
    /// The markups whose start lies in the body (after the front matter).
    pub markups: Vec<syntax::Markup<'t>>,
    /// Liquid Jekyll refuses to render, in the body.
    pub problems: Vec<LiquidProblem>,
    pub facts: TemplateFacts,
    /// The byte ranges of `if`, `unless`, `case` and `for` blocks: what is
    /// inside one is written on some renders and not on others.
    pub conditional: Vec<Range<usize>>,
}

impl<'t> Template<'t> {
    /// Reads the template at site path `path`, whose body is `body` of `text`.
    pub fn read(path: &str, text: &'t str, body: Range<usize>) -> Template<'t> {
        let masked = mask(text);
        let markups = syntax::read(text, &masked, body.clone());
        Template {
            conditional: conditional_blocks(&markups),
            markups,
            problems: problems(text, &masked, body),
            facts: TemplateFacts::read(path, text, &masked),
            masked,
        }
    }
}

/// The ranges of the blocks whose content may or may not be written.
fn conditional_blocks(markups: &[syntax::Markup<'_>]) -> Vec<Range<usize>> {
    use syntax::MarkupKind;
    let mut open: Vec<usize> = Vec::new();
    let mut blocks = Vec::new();
    for markup in markups {
        match &markup.kind {
            MarkupKind::If { .. } | MarkupKind::Case(_) | MarkupKind::For { .. } => {
                open.push(markup.range.start)
            }
            MarkupKind::End(name)
                if matches!(
                    *name,
                    "endif" | "endunless" | "endcase" | "endfor" | "endtablerow"
                ) =>
            {
                if let Some(start) = open.pop() {
                    blocks.push(start..markup.range.end);
                }
            }
            _ => {}
        }
    }
    // A block never closed runs to the end.
    blocks.extend(open.into_iter().map(|start| start..usize::MAX));
    blocks
}

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

/// The variable a plain output prints, `{{ site.title }}` → `site.title`
/// (whitespace control allowed); `None` for an output with filters,
/// indexes or anything else.
pub fn printed_variable(liquid: &str) -> Option<&str> {
    let inner = liquid.strip_prefix("{{")?.strip_suffix("}}")?;
    let name = inner.trim_matches('-').trim();
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    plain.then_some(name)
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
        if close == b"}}" && found > 0 && bytes[found - 1] == b'=' {
            // An unquoted attribute value (`id={{ faq.slug }}`): spaces would
            // end the value and make the next attribute its text.
            fill(&mut out, range.clone(), UNQUOTED_VALUE);
        } else {
            blank(&mut out, range.clone());
        }
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

/// Liquid that Jekyll refuses to render ("Liquid syntax error"): the build
/// stops at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiquidProblem {
    /// `{{` or `{%` never closed by `}}` or `%}`.
    Unterminated { at: usize, output: bool },
    /// A block tag (`{% if %}`, `{% for %}`…) with no end tag.
    Unclosed { tag: Range<usize>, name: String },
    /// An end tag (`{% endif %}`) that closes no open block of its kind.
    Stray { tag: Range<usize>, name: String },
}

/// Core Liquid's block tags, and Jekyll's: each needs its `end` tag in the same
/// file (a layout or include is parsed on its own). Tags from plugins are
/// not known, so never judged.
const BLOCKS: &[&str] = &[
    "if",
    "unless",
    "for",
    "tablerow",
    "case",
    "capture",
    "comment",
    "raw",
    "highlight",
];

/// The Liquid problems of the markup whose start lies in `body`.
pub fn problems(input: &str, masked: &MaskedTemplate, body: Range<usize>) -> Vec<LiquidProblem> {
    let mut problems = Vec::new();
    let mut open: Vec<(&str, Range<usize>)> = Vec::new();
    for range in masked.liquid.iter().filter(|r| body.contains(&r.start)) {
        if masked.unterminated.contains(&range.start) {
            problems.push(LiquidProblem::Unterminated {
                at: range.start,
                output: input.as_bytes()[range.start + 1] == b'{',
            });
            continue;
        }
        if input.as_bytes()[range.start + 1] != b'%' {
            continue;
        }
        // A comment is masked as one range with its end tag, a raw block as
        // its two tags; either runs to the end of the file without its end tag.
        let inner_end = find(input.as_bytes(), b"%}", range.start + 2)
            .filter(|&close| close + 2 <= range.end)
            .unwrap_or(range.end);
        let name = tag_name(&input[range.start + 2..inner_end]);
        let tag = range.start..(inner_end + 2).min(range.end);
        if let Some(opened) = name.strip_prefix("end").filter(|n| BLOCKS.contains(n)) {
            match open.iter().rposition(|(n, _)| *n == opened) {
                Some(at) => {
                    // Blocks opened inside it and never closed end with it.
                    for (name, tag) in open.drain(at..).skip(1) {
                        problems.push(LiquidProblem::Unclosed {
                            tag,
                            name: name.to_owned(),
                        });
                    }
                }
                None => problems.push(LiquidProblem::Stray {
                    tag,
                    name: name.to_owned(),
                }),
            }
        } else if BLOCKS.contains(&name) {
            let masked_past_tag = range.end > tag.end;
            let comment_closed = input[..range.end]
                .trim_end_matches(|c: char| c == '%' || c == '}' || c == '-' || c.is_whitespace())
                .ends_with("endcomment");
            match name {
                "comment" if masked_past_tag && comment_closed => {}
                "comment" | "raw" if masked_past_tag => problems.push(LiquidProblem::Unclosed {
                    tag,
                    name: name.to_owned(),
                }),
                _ => open.push((name, tag)),
            }
        }
    }
    problems.extend(open.into_iter().map(|(name, tag)| LiquidProblem::Unclosed {
        tag,
        name: name.to_owned(),
    }));
    problems.sort_by_key(|p| match p {
        LiquidProblem::Unterminated { at, .. } => *at,
        LiquidProblem::Unclosed { tag, .. } | LiquidProblem::Stray { tag, .. } => tag.start,
    });
    problems
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

/// What masks an output written as an unquoted attribute value.
pub const UNQUOTED_VALUE: u8 = b'L';

/// Replaces every byte in `range` except line breaks by a space.
fn blank(out: &mut [u8], range: Range<usize>) {
    fill(out, range, b' ');
}

/// Replaces every byte in `range` except line breaks by `with`.
fn fill(out: &mut [u8], range: Range<usize>, with: u8) {
    for byte in &mut out[range] {
        if *byte != b'\n' && *byte != b'\r' {
            *byte = with;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems_of(input: &str) -> Vec<LiquidProblem> {
        problems(input, &mask(input), 0..input.len())
    }

    fn unclosed(tag: Range<usize>, name: &str) -> LiquidProblem {
        LiquidProblem::Unclosed {
            tag,
            name: name.to_owned(),
        }
    }

    #[test]
    fn balanced_blocks_have_no_problems() {
        let input = "{% if a %}{% for x in y %}{{ x }}{% else %}{% endfor %}{% elsif b %}\
                     {% unless c %}{% endunless %}{% endif %}{% case d %}{% when 1 %}{% endcase %}\
                     {% capture e %}{% endcapture %}{%- comment -%}{% if %}{%- endcomment -%}\
                     {% raw %}{% if {{ %}{% endraw %}{% highlight js %}x{% endhighlight %}\
                     {% include a.html %}{% assign f = 1 %}{% seo %}{% endblock %}";
        assert_eq!(problems_of(input), vec![]);
    }

    #[test]
    fn unclosed_stray_and_unterminated_liquid() {
        assert_eq!(
            problems_of("<p>{% if a %}x</p>"),
            vec![unclosed(3..13, "if")]
        );
        // The `for` inside the `if` ends with it, never closed.
        assert_eq!(
            problems_of("{% if a %}{% for x in y %}{% endif %}"),
            vec![unclosed(10..26, "for")]
        );
        assert_eq!(
            problems_of("x {%- endif -%}"),
            vec![LiquidProblem::Stray {
                tag: 2..15,
                name: "endif".to_owned()
            }]
        );
        assert_eq!(
            problems_of("a {{ page.title\n<p>"),
            vec![LiquidProblem::Unterminated {
                at: 2,
                output: true
            }]
        );
        assert_eq!(
            problems_of("a {% if"),
            vec![LiquidProblem::Unterminated {
                at: 2,
                output: false
            }]
        );
        assert_eq!(
            problems_of("{% comment %} never closed {% if %}"),
            vec![unclosed(0..13, "comment")]
        );
        assert_eq!(problems_of("{% raw %}{{ x }}"), vec![unclosed(0..9, "raw")]);
        assert_eq!(
            problems_of("{% comment %}"),
            vec![unclosed(0..13, "comment")]
        );
    }

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
