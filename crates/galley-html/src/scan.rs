//! One pass over a page with `html5gum`'s callback tokenizer, collecting what the
//! rules need: ids, URLs, images and the few syntax errors that lose content.
//!
//! Every item keeps the byte range of its attribute value (or of its tag, where
//! there is no value) in the real file, so findings are located without
//! searching the text. Values are entity-decoded by the tokenizer.

use std::cell::Cell;
use std::convert::Infallible;
use std::ops::Range;

use galley_core::limits::MAX_ATTRIBUTE_BYTES;
use galley_liquid::MaskedTemplate;
use galley_prose::Prose;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, Tokenizer};

/// An `id` (or an `<a name>`) declared in the file.
#[derive(Debug, Clone)]
pub struct IdDecl {
    pub value: String,
    pub range: Range<usize>,
    /// For an id built from Liquid (`id="{{ x }}-card"`): its literal parts, any
    /// text may stand between them.
    pub pattern: Option<Vec<String>>,
}

/// What a URL attribute asks the browser for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlRole {
    /// A page the reader navigates to (`a href`, `iframe src`, `link rel=canonical`).
    Link,
    /// A file the page loads (`img src`, `script src`, `link rel=stylesheet`).
    Asset,
}

/// A URL written in an attribute.
#[derive(Debug, Clone)]
pub struct UrlRef {
    pub url: String,
    pub range: Range<usize>,
    pub element: &'static str,
    pub attribute: &'static str,
    pub role: UrlRole,
    /// Built from Liquid: not checked, never guessed.
    pub dynamic: bool,
}

/// An attribute's value and where it is.
#[derive(Debug, Clone)]
pub struct AttrValue {
    /// Entity-decoded.
    pub value: String,
    /// The value's range, or the attribute name's range for a value-less
    /// attribute (`alt` or `alt=""`).
    pub range: Range<usize>,
    /// The value with Liquid replaced by spaces (as written, not decoded).
    pub literal: String,
    pub dynamic: bool,
}

/// An `<img>`.
#[derive(Debug, Clone)]
pub struct Image {
    /// From `<` to the end of the tag name.
    pub tag: Range<usize>,
    pub alt: Option<AttrValue>,
    pub src: Option<String>,
    /// Liquid inside the tag outside attribute values may add attributes.
    pub attributes_dynamic: bool,
    /// The image is the only content of a link: its alt text is the link's name.
    pub sole_link_content: bool,
    /// Written in Markdown (`![alt](src)`), where alt text cannot be left out
    /// but can be left empty.
    pub markdown: bool,
}

/// A tokenizer error that makes the browser drop content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxProblem {
    /// The second of two attributes with one name is ignored by browsers.
    /// `first` is where the first of them starts.
    DuplicateAttribute {
        name: String,
        range: Range<usize>,
        first: usize,
    },
    /// The file ends inside a tag: the tag is dropped.
    EofInTag { at: usize },
    /// A value longer than `MAX_ATTRIBUTE_BYTES` of an attribute Galley checks.
    LongAttribute {
        name: String,
        range: Range<usize>,
        bytes: usize,
    },
    /// The file ends inside a comment: everything after `<!--` is hidden.
    EofInComment { at: usize },
}

/// Everything the rules need from one file.
#[derive(Debug, Default)]
pub struct PageScan {
    pub ids: Vec<IdDecl>,
    /// `<a name="…">`, which fragments also reach.
    pub names: Vec<IdDecl>,
    pub urls: Vec<UrlRef>,
    pub images: Vec<Image>,
    pub syntax: Vec<SyntaxProblem>,
    /// The text a reader sees, for the prose rules.
    pub prose: Prose,
    /// Headings (`h1`–`h6`) without an id: their text as written, and where
    /// the heading starts. A script such as AnchorJS gives them ids.
    pub headings_without_id: Vec<(String, usize)>,
}

/// The attributes rules read; the values of all others are never copied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Attribute {
    Alt,
    AriaLabel,
    AriaLabelledby,
    Data,
    Href,
    Id,
    Name,
    Poster,
    Rel,
    Src,
    Srcset,
    Title,
    Type,
}

impl Attribute {
    const ALL: [Attribute; 13] = [
        Attribute::Alt,
        Attribute::AriaLabel,
        Attribute::AriaLabelledby,
        Attribute::Data,
        Attribute::Href,
        Attribute::Id,
        Attribute::Name,
        Attribute::Poster,
        Attribute::Rel,
        Attribute::Src,
        Attribute::Srcset,
        Attribute::Title,
        Attribute::Type,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Attribute::Alt => "alt",
            Attribute::AriaLabel => "aria-label",
            Attribute::AriaLabelledby => "aria-labelledby",
            Attribute::Data => "data",
            Attribute::Href => "href",
            Attribute::Id => "id",
            Attribute::Name => "name",
            Attribute::Poster => "poster",
            Attribute::Rel => "rel",
            Attribute::Src => "src",
            Attribute::Srcset => "srcset",
            Attribute::Title => "title",
            Attribute::Type => "type",
        }
    }

    fn of(name: &[u8]) -> Option<Attribute> {
        // Most attributes (`class`, `style`, `width`) are none of these; the
        // length check rejects them without comparing bytes.
        Attribute::ALL.into_iter().find(|a| {
            let known = a.as_str().as_bytes();
            known.len() == name.len() && known.eq_ignore_ascii_case(name)
        })
    }
}

/// The elements whose URLs or content rules read; ids are read on every element.
const READ_ELEMENTS: &[&str] = &[
    "a", "area", "audio", "embed", "iframe", "img", "input", "link", "object", "script", "source",
    "track", "video",
];

use galley_prose::elements::{TextRole, text_role};

struct Attr {
    /// Its name in `OpenTag::names`.
    name: Range<usize>,
    /// The attribute, if rules read it.
    known: Option<Attribute>,
    name_range: Range<usize>,
    value: String,
    value_range: Option<Range<usize>>,
}

/// The start tag being read. Its buffers are reused from tag to tag, so a
/// page's thousands of `class` and `style` attributes cost no allocation.
#[derive(Default)]
struct OpenTag {
    open: bool,
    /// One of `READ_ELEMENTS`, if it is one.
    element: Option<&'static str>,
    /// Its text is not prose (`code`, `script`…).
    not_prose: bool,
    /// `h1`–`h6`.
    heading: bool,
    start: usize,
    name_end: usize,
    names: String,
    attrs: Vec<Attr>,
}

impl OpenTag {
    fn get(&self, key: Attribute) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.known == Some(key))
    }
}

fn is_heading(name: &[u8]) -> bool {
    matches!(name, [b'h' | b'H', b'1'..=b'6'])
}

fn known(name: &[u8], among: &[&'static str]) -> Option<&'static str> {
    among
        .iter()
        .copied()
        .find(|k| k.as_bytes().eq_ignore_ascii_case(name))
}

fn text_of(bytes: &[u8]) -> String {
    // The tokenizer reads a `&str` and decodes references to UTF-8, so this is
    // valid UTF-8; the lossy path is only a guard.
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// An open `<a href>`: does it have content other than images with empty alt?
struct OpenLink {
    has_name: bool,
    images: Vec<usize>,
}

struct Scanner<'t> {
    /// The text the tokenizer reads (Liquid masked), whole file.
    text: &'t str,
    template: Option<&'t MaskedTemplate>,
    offset: usize,
    scan: PageScan,
    tag: OpenTag,
    /// An `h1`–`h6` without an id being read: its text so far, its start.
    heading: Option<(String, usize)>,
    link: Option<OpenLink>,
    /// Inside `code`, `pre`, `script`… (nesting depth): not prose.
    not_prose_depth: usize,
    /// The prose's word count when the last link closed: two links with no
    /// word between them (a row of buttons) are separate labels, not one phrase.
    link_closed_at: Option<usize>,
    /// Whether the tokenizer's text is wanted (a link's name), shared with
    /// `ScanEmitter`.
    wants_text: &'t Cell<bool>,
    /// Where the last token (tag, comment, doctype) ended: the text between it
    /// and the next token is the reader's text, read in place rather than
    /// gathered by the tokenizer.
    text_from: usize,
}

/// Scans `text[body]`; `template` holds the Liquid ranges when `text` is masked.
pub fn scan(text: &str, body: Range<usize>, template: Option<&MaskedTemplate>) -> PageScan {
    let wants_text = Cell::new(false);
    let mut scanner = Scanner {
        text,
        template,
        offset: body.start,
        scan: PageScan::default(),
        tag: OpenTag::default(),
        heading: None,
        link: None,
        not_prose_depth: 0,
        link_closed_at: None,
        wants_text: &wants_text,
        text_from: body.start,
    };
    {
        let mut emitter = CallbackEmitter::new(
            |event: CallbackEvent<'_>, span: Span<usize>| -> Option<Infallible> {
                scanner.event(event, span);
                None
            },
        );
        // Switch to raw text after `<script>`, `<style>`, `<textarea>`…, as the
        // tree builder would, so their content is not read as tags.
        emitter.naively_switch_states(true);
        let emitter = ScanEmitter {
            inner: emitter,
            wants_text: &wants_text,
        };
        for _ in Tokenizer::new_with_emitter(&text[body.clone()], emitter) {}
    }
    scanner.close_link();
    if scanner.tag.open {
        // The file ended inside a start tag.
        let at = scanner.tag.start;
        scanner.scan.syntax.push(SyntaxProblem::EofInTag { at });
    } else {
        scanner.push_text_before(body.end);
    }
    scanner.scan
}

/// Asks the tokenizer for what the scan reads and no more. Its own parse errors
/// are not used (the few that lose content are recognised from the tokens), and
/// declining them skips its per-byte character validation, a tenth of the scan.
/// Text is read only where it is prose or names a link (not in `script`,
/// `style`, `code`…); skipping it leaves every tag's span unchanged, as
/// positions come from the tokenizer, not from the text.
struct ScanEmitter<'c, E> {
    inner: E,
    wants_text: &'c Cell<bool>,
}

impl<E: Emitter> ForwardingEmitter for ScanEmitter<'_, E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.inner
    }

    #[inline]
    fn should_emit_errors(&mut self) -> bool {
        false
    }

    #[inline]
    fn emit_string(&mut self, text: &[u8]) {
        if self.wants_text.get() {
            self.inner.emit_string(text);
        }
    }
}

impl Scanner<'_> {
    fn update_wants_text(&self) {
        self.wants_text.set(self.link.is_some());
    }

    /// Reads the text between the last token and one that starts at `start`.
    fn push_text_before(&mut self, start: usize) {
        if self.not_prose_depth == 0 && start > self.text_from {
            self.push_prose(self.text_from..start);
            if let Some((text, _)) = &mut self.heading {
                text.push_str(&self.text[self.text_from..start]);
            }
        }
    }

    /// Adds a text range to the prose, with a break wherever Liquid interrupts it.
    fn push_prose(&mut self, range: Range<usize>) {
        let liquid = self.template.map_or(&[][..], |t| &t.liquid[..]);
        self.scan.prose.push_run_around(self.text, range, liquid);
    }

    fn range(&self, span: Span<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }

    fn has_liquid(&self, range: &Range<usize>) -> bool {
        self.template.is_some_and(|t| t.has_liquid(range.clone()))
    }

    fn event(&mut self, event: CallbackEvent<'_>, span: Span<usize>) {
        let range = self.range(span);
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.push_text_before(range.start);
                let tag = &mut self.tag;
                tag.open = true;
                tag.element = known(name, READ_ELEMENTS);
                let role = text_role(name);
                tag.not_prose = role == TextRole::NotProse;
                tag.heading = is_heading(name);
                if role != TextRole::Inline {
                    self.scan.prose.push_break();
                }
                tag.start = range.start;
                tag.name_end = range.end;
                tag.names.clear();
                tag.attrs.clear();
            }
            CallbackEvent::AttributeName { name } => {
                let tag = &mut self.tag;
                if !tag.open {
                    return; // attributes of an end tag
                }
                let first = tag
                    .attrs
                    .iter()
                    .find(|a| tag.names.as_bytes()[a.name.clone()].eq_ignore_ascii_case(name))
                    .map(|a| a.name_range.start);
                let duplicate = first.is_some();
                if let Some(first) = first {
                    self.scan.syntax.push(SyntaxProblem::DuplicateAttribute {
                        name: text_of(name),
                        range: range.clone(),
                        first,
                    });
                }
                let start = tag.names.len();
                tag.names.push_str(&String::from_utf8_lossy(name));
                tag.attrs.push(Attr {
                    name: start..tag.names.len(),
                    // Browsers keep the first of two; the second is never read.
                    known: if duplicate { None } else { Attribute::of(name) },
                    name_range: range,
                    value: String::new(),
                    value_range: None,
                });
            }
            CallbackEvent::AttributeValue { value } => {
                if let Some(attr) = self.tag.attrs.last_mut().filter(|_| self.tag.open) {
                    if attr.known.is_some() && value.len() > MAX_ATTRIBUTE_BYTES {
                        // Not read: no check judges a value this long. An inline
                        // `data:` image may be meant; anything else is reported.
                        attr.known = None;
                        if !value[..5].eq_ignore_ascii_case(b"data:") {
                            self.scan.syntax.push(SyntaxProblem::LongAttribute {
                                name: text_of(&self.tag.names.as_bytes()[attr.name.clone()]),
                                range: attr.name_range.clone(),
                                bytes: value.len(),
                            });
                        }
                    } else if attr.known.is_some() {
                        attr.value = text_of(value);
                    }
                    attr.value_range = Some(range);
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                if self.tag.open {
                    self.tag.open = false;
                    if self.tag.not_prose && !self_closing {
                        self.not_prose_depth += 1;
                        self.update_wants_text();
                    }
                    self.start_tag(range.end);
                }
                self.text_from = range.end;
            }
            CallbackEvent::EndTag { name } => {
                self.push_text_before(range.start);
                self.text_from = range.end;
                self.tag.open = false;
                let role = text_role(name);
                if role == TextRole::NotProse {
                    self.not_prose_depth = self.not_prose_depth.saturating_sub(1);
                    self.update_wants_text();
                }
                if role != TextRole::Inline {
                    self.scan.prose.push_break();
                }
                if name.eq_ignore_ascii_case(b"a") {
                    self.close_link();
                }
                if is_heading(name)
                    && let Some(heading) = self.heading.take()
                {
                    self.scan.headings_without_id.push(heading);
                }
            }
            CallbackEvent::String { value } => {
                if let Some(link) = &mut self.link {
                    let has_text = value.iter().any(|b| !b.is_ascii_whitespace());
                    if has_text || self.template.is_some_and(|t| t.has_liquid(range.clone())) {
                        link.has_name = true;
                    }
                }
            }
            CallbackEvent::Comment { .. } => {
                self.push_text_before(range.start);
                // A comment is not shown: the text around it joins.
                self.text_from = range.end;
                // A comment token that does not end in `-->` (or `--!>`) was
                // closed by the end of the file.
                let raw = &self.text.as_bytes()[range.clone()];
                let closed = raw.ends_with(b"-->") || raw.ends_with(b"--!>");
                if raw.starts_with(b"<!--") && !closed {
                    self.scan
                        .syntax
                        .push(SyntaxProblem::EofInComment { at: range.start });
                }
            }
            // Not asked for (`ScanEmitter`).
            CallbackEvent::Error(_) => {}
            CallbackEvent::Doctype { .. } => {
                self.push_text_before(range.start);
                self.text_from = range.end;
            }
        }
    }

    fn attr_value(&self, attr: &Attr) -> AttrValue {
        let range = attr.value_range.clone().unwrap_or(attr.name_range.clone());
        let literal = match &attr.value_range {
            Some(r) => self.text[r.clone()].to_owned(),
            None => String::new(),
        };
        // Template syntax in a value is never judged, masked or not: a file
        // read as plain HTML may still be a template Galley does not render
        // (Liquid outside a Jekyll site, Jinja, Go templates).
        let dynamic = attr
            .value_range
            .as_ref()
            .is_some_and(|r| self.has_liquid(r))
            || literal.contains("{{")
            || literal.contains("{%");
        AttrValue {
            value: attr.value.clone(),
            range,
            literal,
            dynamic,
        }
    }

    fn start_tag(&mut self, end: usize) {
        // Take the buffers out for the borrow checker; they go back at the end.
        let tag = std::mem::take(&mut self.tag);
        // Text readers hear or see as a tooltip is prose of its own.
        for attribute in [Attribute::Alt, Attribute::Title, Attribute::AriaLabel] {
            if let Some(range) = tag.get(attribute).and_then(|a| a.value_range.clone()) {
                self.scan.prose.push_break();
                self.push_prose(range);
                self.scan.prose.push_break();
            }
        }
        if let Some(id) = tag.get(Attribute::Id).filter(|a| a.value_range.is_some()) {
            let decl = self.id_decl(id);
            self.scan.ids.push(decl);
        } else if tag.heading {
            self.heading = Some((String::new(), tag.start));
        }
        if let Some(element) = tag.element {
            self.read_element(element, &tag, end);
        }
        self.tag = tag;
    }

    fn read_element(&mut self, element: &'static str, tag: &OpenTag, end: usize) {
        if element == "a"
            && let Some(anchor) = tag.get(Attribute::Name).filter(|a| a.value_range.is_some())
        {
            let decl = self.id_decl(anchor);
            self.scan.names.push(decl);
        }

        for &(attribute, role) in url_attributes(element, tag) {
            let Some(attr) = tag.get(attribute) else {
                continue;
            };
            let value = self.attr_value(attr);
            let attribute = attribute.as_str();
            if attribute == "srcset" {
                self.push_srcset(element, &value);
            } else {
                self.scan.urls.push(UrlRef {
                    url: value.value,
                    range: value.range,
                    element,
                    attribute,
                    role,
                    dynamic: value.dynamic,
                });
            }
        }

        match element {
            "a" => {
                self.close_link();
                if self.link_closed_at == Some(self.scan.prose.word_count()) {
                    self.scan.prose.push_break();
                }
                if tag.get(Attribute::Href).is_some() {
                    let naming = [
                        Attribute::AriaLabel,
                        Attribute::Title,
                        Attribute::AriaLabelledby,
                    ];
                    let named = naming.into_iter().any(|key| {
                        tag.get(key).is_some_and(|a| {
                            !a.value.trim().is_empty()
                                || a.value_range.as_ref().is_some_and(|r| self.has_liquid(r))
                        })
                    });
                    self.link = Some(OpenLink {
                        has_name: named,
                        images: Vec::new(),
                    });
                    self.update_wants_text();
                }
            }
            "img" => {
                let alt = tag.get(Attribute::Alt).map(|a| self.attr_value(a));
                let tag_range = tag.start..end;
                let attributes_dynamic = self.template.is_some_and(|t| {
                    let first = t.liquid.partition_point(|l| l.end <= tag_range.start);
                    t.liquid[first..]
                        .iter()
                        .take_while(|l| l.start < tag_range.end)
                        .any(|l| {
                            !tag.attrs.iter().any(|a| {
                                a.value_range
                                    .as_ref()
                                    .is_some_and(|v| v.start <= l.start && l.end <= v.end)
                            })
                        })
                });
                let index = self.scan.images.len();
                if let Some(link) = &mut self.link {
                    match &alt {
                        Some(alt) if alt.value.trim().is_empty() && !alt.dynamic => {
                            link.images.push(index)
                        }
                        // An image without alt is its own finding; any other alt
                        // names the link.
                        _ => link.has_name = true,
                    }
                }
                self.scan.images.push(Image {
                    tag: tag.start..tag.name_end,
                    alt,
                    src: tag.get(Attribute::Src).map(|a| a.value.clone()),
                    attributes_dynamic,
                    sole_link_content: false,
                    markdown: false,
                });
            }
            _ => {}
        }
    }

    fn id_decl(&self, attr: &Attr) -> IdDecl {
        let range = attr.value_range.clone().unwrap_or(attr.name_range.clone());
        let pattern = self
            .template
            .filter(|t| t.has_liquid(range.clone()))
            .map(|t| {
                let mut parts = Vec::new();
                let mut at = range.start;
                for liquid in t
                    .liquid
                    .iter()
                    .filter(|l| l.start < range.end && l.end > range.start)
                {
                    parts.push(self.text[at..liquid.start.max(at)].to_owned());
                    at = liquid.end.min(range.end);
                }
                parts.push(self.text[at..range.end].to_owned());
                parts
            });
        IdDecl {
            value: attr.value.clone(),
            range,
            pattern,
        }
    }

    /// Each candidate of a `srcset` is its own URL. When the value has no
    /// character references, each is located exactly; otherwise at the value.
    fn push_srcset(&mut self, element: &'static str, value: &AttrValue) {
        let exact = value.literal == value.value;
        let mut at = 0;
        for candidate in value.value.split(',') {
            let trimmed = candidate.trim_start();
            let lead = candidate.len() - trimmed.len();
            let url = trimmed.split_whitespace().next().unwrap_or_default();
            let start = if exact {
                value.range.start + at + lead
            } else {
                value.range.start
            };
            let end = if exact {
                start + url.len()
            } else {
                value.range.end
            };
            at += candidate.len() + 1;
            if url.is_empty() {
                continue;
            }
            self.scan.urls.push(UrlRef {
                url: url.to_owned(),
                range: start..end,
                element,
                attribute: "srcset",
                role: UrlRole::Asset,
                dynamic: value.dynamic,
            });
        }
    }

    fn close_link(&mut self) {
        let link = self.link.take();
        if link.is_some() {
            self.link_closed_at = Some(self.scan.prose.word_count());
        }
        self.update_wants_text();
        if let Some(link) = link
            && !link.has_name
        {
            for index in link.images {
                self.scan.images[index].sole_link_content = true;
            }
        }
    }
}

/// The URL attributes of an element, and what each asks for.
fn url_attributes(element: &str, tag: &OpenTag) -> &'static [(Attribute, UrlRole)] {
    use Attribute::{Data, Href, Poster, Src, Srcset};
    use UrlRole::{Asset, Link};
    match element {
        "a" | "area" => &[(Href, Link)],
        "iframe" => &[(Src, Link)],
        "img" | "source" => &[(Src, Asset), (Srcset, Asset)],
        "script" | "audio" | "track" | "embed" => &[(Src, Asset)],
        "video" => &[(Src, Asset), (Poster, Asset)],
        "object" => &[(Data, Asset)],
        "input" => {
            let image = tag
                .get(Attribute::Type)
                .is_some_and(|a| a.value.eq_ignore_ascii_case("image"));
            if image { &[(Src, Asset)] } else { &[] }
        }
        "link" => {
            let rel = tag.get(Attribute::Rel).map_or("", |a| a.value.as_str());
            let has = |names: &[&str]| {
                rel.split_ascii_whitespace()
                    .any(|r| names.iter().any(|n| r.eq_ignore_ascii_case(n)))
            };
            // Hints name hosts, not files; navigation rels name pages.
            if has(&["preconnect", "dns-prefetch"]) {
                &[]
            } else if has(&[
                "canonical",
                "alternate",
                "prev",
                "next",
                "author",
                "help",
                "license",
                "search",
            ]) {
                &[(Href, Link)]
            } else {
                &[(Href, Asset)]
            }
        }
        _ => &[],
    }
}

#[cfg(test)]
mod tests;
