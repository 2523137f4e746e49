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

pub mod heading_ids;

use std::ops::Range;

use galley_core::SourceFile;
use galley_prose::Prose;
use galley_prose::elements::{TextRole, text_role};
use galley_yaml::YamlDocument;
use galley_yaml::scalar::ScalarOffsets;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;

/// What a Markdown text holds for the checkers.
#[derive(Debug, Default)]
pub struct MarkdownScan {
    /// The words a reader sees.
    pub prose: Prose,
    /// Byte ranges of raw HTML (block lines and inline tags), in order.
    pub html: Vec<Range<usize>>,
    pub headings: Vec<Heading>,
    /// Links and images, with their destinations.
    pub links: Vec<Link>,
}

/// A heading, with what each renderer makes its id from.
#[derive(Debug, Clone)]
pub struct Heading {
    /// The heading's text in the file (its first line, without the `#`s).
    pub range: Range<usize>,
    /// The text a reader sees: text, code, link text — no markup.
    pub text: String,
    /// The source between the `#`s, or the setext text, as written.
    pub source: Range<usize>,
    /// An id given after the text: `{#id}`.
    pub explicit_id: Option<String>,
    /// An id given by a kramdown attribute list on the next line
    /// (`{: #id}`), which only kramdown applies to the heading.
    pub attribute_list_id: Option<String>,
    /// Liquid in the heading: its id cannot be known.
    pub dynamic: bool,
}

/// A link or an image.
#[derive(Debug, Clone)]
pub struct Link {
    /// The destination, as the renderer resolves it (reference definitions
    /// applied, escapes removed).
    pub dest: String,
    /// Where to point: the destination as written, else the whole link.
    pub range: Range<usize>,
    /// For an image: its alt text and where that is.
    pub image: Option<ImageAlt>,
    /// Liquid in the destination.
    pub dynamic: bool,
}

/// An image's alt text.
#[derive(Debug, Clone)]
pub struct ImageAlt {
    pub text: String,
    /// The `![…]` text's range (empty between the brackets when there is none).
    pub range: Range<usize>,
    /// The image is all a link holds: its alt text names the link.
    pub sole_link_content: bool,
    /// The whole image, `![` to `)`.
    pub whole: Range<usize>,
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
    let kept = definitions_kept(text, gaps);
    let text: &str = &kept;
    let mut out = MarkdownScan::default();
    let mut code_depth = 0usize;
    // Inline HTML `<code>`, `<kbd>`… opened and not yet closed.
    let mut html_not_prose = 0usize;
    let mut link_closed_at: Option<usize> = None;
    // The heading being read, and the links being read (outermost first).
    let mut heading: Option<Heading> = None;
    let mut open_links: Vec<(usize, bool)> = Vec::new();
    let mut open_image: Option<(Link, usize)> = None;
    let source = &text[body.clone()];
    let shift = |range: Range<usize>| body.start + range.start..body.start + range.end;
    // Text that follows on directly (`d`, `&iacute;`, `a`: pulldown-cmark
    // gives a character reference its own event) is read as one run, so a
    // word with a reference in it stays one word.
    let mut pending: Option<Range<usize>> = None;
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        let range = shift(range);
        if let Some(h) = &mut heading {
            match &event {
                Event::Text(t) | Event::Code(t) => h.text.push_str(t),
                _ => {}
            }
        }
        if let Some((image, _)) = &mut open_image
            && let Event::Text(t) | Event::Code(t) = &event
        {
            let alt = image.image.as_mut().expect("an image's alt");
            alt.text.push_str(t);
            if alt.range.is_empty() {
                alt.range = range.clone();
            } else {
                alt.range.end = range.end;
            }
        }
        let prose_text = matches!(event, Event::Text(_)) && code_depth == 0 && html_not_prose == 0;
        match pending.as_mut() {
            Some(run) if prose_text && run.end == range.start => {
                run.end = range.end;
                continue;
            }
            _ => {
                if let Some(run) = pending.take() {
                    push_text(&mut out.prose, text, run, gaps);
                }
            }
        }
        match event {
            Event::Text(_) if prose_text => pending = Some(range),
            Event::Text(_) => {}
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                out.prose.push_break();
            }
            Event::Start(Tag::Heading { id, .. }) => {
                out.prose.push_break();
                let source = heading_source(text, range.clone());
                heading = Some(Heading {
                    range: source.clone(),
                    text: String::new(),
                    dynamic: overlaps(gaps, &range),
                    source,
                    explicit_id: id.map(|id| id.to_string()),
                    attribute_list_id: None,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                out.prose.push_break();
                if let Some(mut done) = heading.take() {
                    done.attribute_list_id = attribute_list_id(text, range.end, body.end);
                    out.headings.push(done);
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                out.prose.push_break();
                let sole = open_links
                    .last()
                    .is_some_and(|&(start, _)| Some(start) == range.start.checked_sub(1))
                    && text[range.end..].starts_with(']');
                let link = Link {
                    range: dest_range(text, range.clone(), &dest_url),
                    dynamic: overlaps(gaps, &range),
                    dest: dest_url.to_string(),
                    image: Some(ImageAlt {
                        text: String::new(),
                        range: range.start + 2..range.start + 2,
                        sole_link_content: sole,
                        whole: range.clone(),
                    }),
                };
                open_image = Some((link, range.start));
            }
            Event::End(TagEnd::Image) => {
                out.prose.push_break();
                if let Some((link, _)) = open_image.take() {
                    out.links.push(link);
                }
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
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                // Two links with no word between them are separate labels.
                if link_closed_at == Some(out.prose.word_count()) {
                    out.prose.push_break();
                }
                open_links.push((range.start, true));
                // A reference link's destination is written in its definition.
                let written = definition_range(text, body.clone(), &id, &dest_url)
                    .unwrap_or_else(|| dest_range(text, range.clone(), &dest_url));
                // `<user@example.com>` is a mail link, as every renderer writes it.
                let dest = match link_type {
                    pulldown_cmark::LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.to_string(),
                };
                out.links.push(Link {
                    // Liquid in the link or in its definition (`[x]: {% link a.md %}`)
                    // builds the URL.
                    // A destination that is a label (`[4]:`) is the next
                    // definition, read as this one's because Liquid left it
                    // empty: the URL is built when the page is.
                    dynamic: overlaps(gaps, &range)
                        || overlaps(gaps, &written)
                        || (dest_url.starts_with('[')
                            && dest_url.trim_end_matches(':').ends_with(']')),
                    range: written,
                    dest,
                    image: None,
                });
            }
            Event::End(TagEnd::Link) => {
                open_links.pop();
                link_closed_at = Some(out.prose.word_count());
            }
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
    if let Some(run) = pending.take() {
        push_text(&mut out.prose, text, run, gaps);
    }
    out
}

/// `text` with the gaps that open a link definition's destination
/// (`[a]: {% link a.md %}`, `[b]: {{ page.base }}/b`) filled with `L`s. Left
/// blank, the definition would take the next line as its destination (and
/// the definitions after it would be lost), or read `/b` as the whole URL;
/// filled, the destination overlaps the gap and is dynamic.
fn definitions_kept<'t>(text: &'t str, gaps: &[Range<usize>]) -> std::borrow::Cow<'t, str> {
    let mut bytes: Option<Vec<u8>> = None;
    for gap in gaps {
        let line_start = text[..gap.start].rfind('\n').map_or(0, |n| n + 1);
        let label = text[line_start..gap.start]
            .trim()
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix("]:"));
        if !label.is_some_and(|l| !l.is_empty() && !l.contains(']')) {
            continue;
        }
        let bytes = bytes.get_or_insert_with(|| text.as_bytes().to_vec());
        for byte in &mut bytes[gap.clone()] {
            if *byte == b' ' {
                *byte = b'L';
            }
        }
    }
    match bytes {
        // Only ASCII spaces were replaced, by ASCII letters.
        Some(bytes) => {
            std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned()))
        }
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// Whether any of the sorted `gaps` (Liquid) overlaps `range`.
fn overlaps(gaps: &[Range<usize>], range: &Range<usize>) -> bool {
    let first = gaps.partition_point(|gap| gap.end <= range.start);
    gaps.get(first).is_some_and(|gap| gap.start < range.end)
}

/// Where a link's destination is written: its last occurrence in the link's
/// source (`[text](dest)`, `<dest>`); the whole link when it is not written
/// there (a reference link, or escapes).
fn dest_range(text: &str, link: Range<usize>, dest: &str) -> Range<usize> {
    match text[link.clone()].rfind(dest).filter(|_| !dest.is_empty()) {
        Some(at) => link.start + at..link.start + at + dest.len(),
        None => link,
    }
}

/// Where the definition `[label]: dest` of a reference link writes `dest`.
fn definition_range(
    text: &str,
    body: Range<usize>,
    label: &str,
    dest: &str,
) -> Option<Range<usize>> {
    if label.is_empty() || dest.is_empty() {
        return None;
    }
    let body_text = &text[body.clone()];
    // Labels match without regard to case; the definition is nearly always
    // written as the link writes it, so that is looked for first.
    let marker = format!("[{label}]:");
    let at = match body_text.find(&marker) {
        Some(at) => at + marker.len(),
        None => {
            let lower = body_text.to_ascii_lowercase();
            lower.find(&marker.to_ascii_lowercase())? + marker.len()
        }
    };
    let line_end = body_text[at..]
        .find('\n')
        .map_or(body_text.len(), |n| at + n);
    let found = body_text[at..line_end].find(dest)? + at;
    Some(body.start + found..body.start + found + dest.len())
}

/// A heading's text as written: an ATX heading without its `#`s, closing
/// `#`s and `{…}` attributes; a setext heading's first line.
fn heading_source(text: &str, heading: Range<usize>) -> Range<usize> {
    let whole = &text[heading.clone()];
    let first_line = whole.split('\n').next().unwrap_or_default();
    let mut start = heading.start;
    let mut line = first_line;
    if line.trim_start().starts_with('#') {
        let hashes = line.trim_start();
        let after = hashes.trim_start_matches('#');
        start += first_line.len() - after.len();
        line = after;
        let trimmed = line.trim_start_matches([' ', '\t']);
        start += line.len() - trimmed.len();
        line = trimmed;
        let mut end = line.trim_end();
        if end.ends_with('}')
            && let Some(open) = end.rfind('{')
        {
            end = end[..open].trim_end();
        }
        let without_hashes = end.trim_end_matches('#');
        if without_hashes.len() < end.len()
            && (without_hashes.is_empty() || without_hashes.ends_with([' ', '\t']))
        {
            end = without_hashes.trim_end();
        }
        return start..start + end.len();
    }
    let trimmed = line.trim_start();
    start += line.len() - trimmed.len();
    start..start + trimmed.trim_end().len()
}

/// The id of a kramdown attribute list (`{: #id .class}`) on the line after
/// `end`, which applies to the block before it.
fn attribute_list_id(text: &str, end: usize, limit: usize) -> Option<String> {
    let rest = &text[end..limit];
    let rest = match text[..end].ends_with('\n') {
        true => rest,
        false => rest.split_once('\n')?.1,
    };
    let line = rest.split('\n').next()?.trim();
    attribute_list_inner(line)?
        .split_whitespace()
        .find_map(|part| part.strip_prefix('#'))
        .map(str::to_owned)
}

/// What is inside a kramdown attribute list written alone on a line:
/// `{: #id .class}` → ` #id .class`.
fn attribute_list_inner(line: &str) -> Option<&str> {
    line.strip_prefix("{:")?.strip_suffix('}')
}
/// The ids kramdown's block attribute lists give: a line of its own such as
/// `{: #fn1}` or `{: .note #warning}` sets the id of the block before it
/// (a heading's own list is read with the heading): each id and its range.
pub fn block_attribute_ids(text: &str, body: Range<usize>) -> Vec<(String, Range<usize>)> {
    let mut ids = Vec::new();
    let mut at = body.start;
    let mut after_heading = false;
    for line in text[body.clone()].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed = line.trim();
        // A heading's own list gives the heading its id (read with the heading).
        let follows_heading = after_heading;
        if !trimmed.is_empty() {
            after_heading = trimmed.starts_with('#')
                || (trimmed.len() > 1 && trimmed.chars().all(|c| c == '=' || c == '-'));
        }
        if follows_heading {
            continue;
        }
        let Some(inner) = attribute_list_inner(trimmed) else {
            continue;
        };
        // `{:name: …}` defines a reusable list; it sets no id here.
        if inner
            .split_whitespace()
            .next()
            .is_some_and(|w| w.ends_with(':'))
        {
            continue;
        }
        let inner_start = start + line.find("{:").unwrap_or(0) + 2;
        let mut offset = 0;
        for word in inner.split_whitespace() {
            let found = inner[offset..].find(word).map_or(offset, |f| offset + f);
            offset = found + word.len();
            if let Some(id) = word.strip_prefix('#').filter(|id| !id.is_empty()) {
                let begin = inner_start + found + 1;
                ids.push((id.to_owned(), begin..begin + id.len()));
            }
        }
    }
    ids
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

/// The `http(s)` URLs in a YAML document's strings, placed in `file`: a
/// string that is a URL (`website: https://…`), and the link targets of the
/// Markdown in any other string (`[audited](https://…)` in a description).
pub fn yaml_links(file: &SourceFile, document: &YamlDocument) -> Vec<(Range<usize>, String)> {
    let mut links = Vec::new();
    let mut visit = |pointer: &str, value: &str| {
        if !value.contains("http://") && !value.contains("https://") {
            return;
        }
        let span = document.spans(pointer).value;
        let offsets = ScalarOffsets::new(file.text(), span.start.offset..span.end.offset, value);
        let trimmed = value.trim();
        if is_web_url(trimmed) && !trimmed.contains(char::is_whitespace) {
            let start = value.len() - value.trim_start().len();
            if let Some(range) = place_url(&offsets, start..start + trimmed.len(), value) {
                links.push((range, trimmed.to_owned()));
            }
            return;
        }
        links.extend(
            placed_links(&offsets, value)
                .filter(|(_, link)| is_web_url(&link.dest))
                .map(|(range, link)| (range, link.dest)),
        );
    };
    walk_strings(
        &document.value,
        &mut String::new(),
        true,
        &|_| true,
        &mut visit,
    );
    links
}

/// The links of the Markdown in a YAML document's prose fields
/// (`description: "see [the guide](/guides/start/)"`), placed in `file`;
/// links built from Liquid are left out.
pub fn yaml_prose_links(
    file: &SourceFile,
    document: &YamlDocument,
    is_prose: &dyn Fn(&str) -> bool,
) -> Vec<(Range<usize>, String)> {
    let mut links = Vec::new();
    let mut visit = |pointer: &str, value: &str| {
        if !value.contains("](") && !value.contains("]:") {
            return;
        }
        let span = document.spans(pointer).value;
        let offsets = ScalarOffsets::new(file.text(), span.start.offset..span.end.offset, value);
        links.extend(
            placed_links(&offsets, value)
                .filter(|(_, link)| {
                    !(link.dynamic || link.dest.contains("{{") || link.dest.contains("{%"))
                })
                .map(|(range, link)| (range, link.dest)),
        );
    };
    walk_strings(
        &document.value,
        &mut String::new(),
        false,
        is_prose,
        &mut visit,
    );
    links
}

/// The Markdown links of a YAML string value, each with its destination's
/// place in the file (those that cannot be placed are left out).
fn placed_links<'o>(
    offsets: &'o ScalarOffsets,
    value: &'o str,
) -> impl Iterator<Item = (Range<usize>, Link)> + 'o {
    scan(value, 0..value.len(), &[])
        .links
        .into_iter()
        .filter_map(|link| Some((place_url(offsets, link.range.clone(), value)?, link)))
}

/// Places a URL of the value in the file: from its first to its last letter
/// or digit through the scalar's offsets, then what is around them (`/`,
/// `)`, `#`) as written.
fn place_url(offsets: &ScalarOffsets, range: Range<usize>, value: &str) -> Option<Range<usize>> {
    let text = value.get(range.clone())?;
    let lead = text.len()
        - text
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let keep = text.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    if keep <= lead {
        return None;
    }
    let placed = offsets.map(range.start + lead..range.start + keep, value)?;
    Some(placed.start.checked_sub(lead)?..placed.end + (text.len() - keep))
}

fn is_web_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Every string in a YAML value (any key), for readers that want them all.
pub fn each_string(value: &Value, visit: &mut dyn FnMut(&str)) {
    walk_strings(
        value,
        &mut String::new(),
        true,
        &|_| true,
        &mut |_, text| visit(text),
    );
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
                pointer.push_str(&galley_yaml::escape_pointer(key));
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
    fn a_character_reference_inside_a_word_keeps_the_word_whole() {
        // kramdown and pulldown-cmark both read `d&iacute;a` as "día".
        assert_eq!(
            repeats("Vamos el d&iacute;a a las dos."),
            Vec::<String>::new()
        );
        assert_eq!(
            repeats("un caf&eacute; caf&eacute; fr&iacute;o"),
            ["caf&eacute;@15"]
        );
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

    #[test]
    fn a_reference_link_points_at_its_definition_whatever_the_case_of_its_label() {
        let text = "See [the guide][Guide] and [it][GUIDE].\n\n[guide]: /guides/x/\n";
        let scan = scan(text, 0..text.len(), &[]);
        let at: Vec<&str> = scan.links.iter().map(|l| &text[l.range.clone()]).collect();
        assert_eq!(at, ["/guides/x/", "/guides/x/"]);
        assert_eq!(scan.links[0].range.start, text.find("/guides").unwrap());
    }
}
