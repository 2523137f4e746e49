//! Markdown, read with the source position of everything in it: Markdown pages
//! (`.md`, Liquid masked) and the Markdown strings of YAML prose fields.
//!
//! `pulldown-cmark` parses CommonMark with a byte range for every event. Text
//! events become prose runs at their real file ranges; code spans and blocks
//! are never prose; raw HTML (blocks and inline tags) is handed back by range
//! so the HTML reader can read it where it stands in the file.
//!
//! Jekyll's kramdown is not CommonMark: its attribute lists (`{: #id .class}`,
//! `{:toc}`) are markup, not text, and are skipped here.

use std::ops::Range;

use galley_core::SourceFile;
use galley_prose::Prose;
use galley_prose::elements::{TextRole, text_role};
use galley_site::yaml::YamlDocument;
use galley_site::yaml::scalar::ScalarOffsets;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;

/// What a Markdown text holds for the checkers.
#[derive(Debug, Default)]
pub struct MarkdownScan {
    /// The words a reader sees.
    pub prose: Prose,
    /// Byte ranges of raw HTML (block lines and inline tags), in order.
    pub html: Vec<Range<usize>>,
}

/// The CommonMark extensions that Jekyll's kramdown also has.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
}

/// Reads `text[body]` as Markdown. `gaps` are sorted byte ranges (Liquid,
/// masked to spaces in `text`) that interrupt the prose.
pub fn scan(text: &str, body: Range<usize>, gaps: &[Range<usize>]) -> MarkdownScan {
    let mut out = MarkdownScan::default();
    let mut code_depth = 0usize;
    // Inline HTML `<code>`, `<kbd>`… opened and not yet closed.
    let mut html_not_prose = 0usize;
    let mut link_closed_at: Option<usize> = None;
    let source = &text[body.clone()];
    let shift = |range: Range<usize>| body.start + range.start..body.start + range.end;
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        let range = shift(range);
        match event {
            Event::Text(_) if code_depth == 0 && html_not_prose == 0 => {
                push_text(&mut out.prose, text, range, gaps);
            }
            Event::Text(_) => {}
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                out.prose.push_break();
            }
            Event::Html(_) => {
                out.prose.push_break();
                out.html.push(range);
            }
            Event::InlineHtml(_) => {
                match html_tag(&text[range.clone()]) {
                    Some((name, closing)) if text_role(name.as_bytes()) == TextRole::NotProse => {
                        html_not_prose = if closing {
                            html_not_prose.saturating_sub(1)
                        } else {
                            html_not_prose + 1
                        };
                        out.prose.push_break();
                    }
                    Some((name, _)) if text_role(name.as_bytes()) == TextRole::Inline => {}
                    _ => out.prose.push_break(),
                }
                out.html.push(range);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                code_depth += 1;
                out.prose.push_break();
            }
            Event::End(TagEnd::CodeBlock) => {
                code_depth = code_depth.saturating_sub(1);
                out.prose.push_break();
            }
            Event::Start(Tag::Link { .. }) => {
                // Two links with no word between them are separate labels.
                if link_closed_at == Some(out.prose.word_count()) {
                    out.prose.push_break();
                }
            }
            Event::End(TagEnd::Link) => link_closed_at = Some(out.prose.word_count()),
            Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript,
            )
            | Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript,
            )
            | Event::SoftBreak
            | Event::TaskListMarker(_) => {}
            // Every other element (paragraph, heading, item, cell, image, rule,
            // hard break, footnote) bounds the text around it.
            _ => out.prose.push_break(),
        }
    }
    out
}

/// Adds a text event's range to the prose, without kramdown attribute lists.
fn push_text(prose: &mut Prose, text: &str, range: Range<usize>, gaps: &[Range<usize>]) {
    let mut at = range.start;
    while let Some(found) = text[at..range.end]
        .find("{:")
        .or_else(|| text[at..range.end].find("{#"))
    {
        let open = at + found;
        let Some(close) = text[open..range.end].find('}') else {
            break;
        };
        prose.push_run_around(text, at..open, gaps);
        prose.push_break();
        at = open + close + 1;
    }
    prose.push_run_around(text, at..range.end, gaps);
}

/// The element name of an HTML tag (`<em>`, `</em>`), and whether it closes.
fn html_tag(tag: &str) -> Option<(&str, bool)> {
    let inner = tag.strip_prefix('<')?;
    let (inner, closing) = match inner.strip_prefix('/') {
        Some(rest) => (rest, true),
        None => (inner, false),
    };
    let end = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    (end > 0).then(|| (&inner[..end], closing))
}

/// The prose of a YAML document's string fields, placed in `file`: every
/// string under a key that `is_prose` accepts (at any depth, and in lists
/// under it), read as Markdown.
pub fn yaml_prose(
    file: &SourceFile,
    document: &YamlDocument,
    is_prose: &dyn Fn(&str) -> bool,
) -> Prose {
    let mut prose = Prose::default();
    let mut visit = |pointer: &str, value: &str| {
        let span = document.spans(pointer).value;
        let offsets = ScalarOffsets::new(file.text(), span.start.offset..span.end.offset, value);
        let read = scan(value, 0..value.len(), &[]);
        prose.absorb(read.prose, |range| offsets.map(range, value));
    };
    walk_strings(
        &document.value,
        &mut String::new(),
        false,
        is_prose,
        &mut visit,
    );
    prose
}

/// Calls `visit` with the pointer and text of every string in `value` that
/// lies under a prose key.
fn walk_strings(
    value: &Value,
    pointer: &mut String,
    in_prose: bool,
    is_prose: &dyn Fn(&str) -> bool,
    visit: &mut dyn FnMut(&str, &str),
) {
    match value {
        Value::String(text) if in_prose => visit(pointer, text),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&index.to_string());
                walk_strings(item, pointer, in_prose, is_prose, visit);
                pointer.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&galley_site::yaml::escape_pointer(key));
                walk_strings(item, pointer, is_prose(key), is_prose, visit);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeats(text: &str) -> Vec<String> {
        let scan = scan(text, 0..text.len(), &[]);
        scan.prose
            .repeats()
            .iter()
            .map(|r| format!("{}@{}", &text[r.second.clone()], r.second.start))
            .collect()
    }

    #[test]
    fn text_joins_across_inline_markup_and_lines_but_not_blocks() {
        let text = "have been\n**been** audited by [by](x) to <em>to</em> now\n\n# now\n\nnow";
        assert_eq!(repeats(text), ["been@12", "by@31", "to@45"]);
    }

    #[test]
    fn code_links_attributes_and_html_blocks_are_not_prose() {
        let text = "`the the` and\n\n```\nx x\n```\n\n[a](x)[a](y) it {: .it} it\n\n<div>\nthe the\n</div>\n\nok <code>ok ok</code> ok";
        assert_eq!(repeats(text), Vec::<String>::new());
        let scan = scan(text, 0..text.len(), &[]);
        assert_eq!(scan.html.len(), 5);
    }
}
