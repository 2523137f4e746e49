//! YAML with the source position of every key and value.
//!
//! `serde_yaml` (deprecated upstream) gives no positions for values and silently
//! keeps the last of two duplicate keys. Galley drives `saphyr-parser`'s event
//! stream instead and builds a `serde_json::Value` (what JSON Schema validates)
//! plus a map from each JSON pointer to the spans of its key and value, in one
//! pass. Doing the building here, rather than through saphyr's own loader, lets
//! Galley report every duplicate key (not only the first), bound nesting depth and
//! alias expansion itself, and point nodes reached through an alias at the alias.
//! Scalars are resolved with saphyr's YAML 1.2 core-schema rules.

pub mod frontmatter;
pub mod rules;
pub mod scalar;

use std::borrow::Cow;
use std::collections::HashMap;

use galley_core::limits::{MAX_YAML_ALIAS_NODES, MAX_YAML_DEPTH, MAX_YAML_NODES};
use galley_core::{Finding, SourceFile, Span};
use saphyr::{Scalar, ScalarStyle, Tag};
use saphyr_parser::{Event, Parser, SpannedEventReceiver};
use serde_json::{Map, Value};

/// The spans of one node: its key (for mapping values) and its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeSpans {
    pub key: Option<Span>,
    pub value: Span,
}

/// The first document of a YAML file, as JSON, with positions.
#[derive(Debug)]
pub struct YamlDocument {
    pub value: Value,
    spans: HashMap<String, NodeSpans>,
}

impl YamlDocument {
    /// The spans of the node at a JSON pointer (`/downloads/0/url`). A pointer into
    /// a node that has no spans of its own (inside an alias expansion) gets the
    /// spans of its nearest ancestor that has them.
    pub fn spans(&self, pointer: &str) -> NodeSpans {
        let mut pointer = pointer;
        loop {
            if let Some(spans) = self.spans.get(pointer) {
                return *spans;
            }
            match pointer.rfind('/') {
                Some(cut) => pointer = &pointer[..cut],
                None => {
                    return NodeSpans {
                        key: None,
                        value: Span::FILE_START,
                    };
                }
            }
        }
    }
}

/// Something wrong with the YAML itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum YamlProblem {
    /// The text is not YAML, or Galley refused it (too deep, alias bomb).
    Syntax { span: Span, message: String },
    /// A key given twice in one mapping; `first` is where it was given before.
    DuplicateKey {
        key: String,
        span: Span,
        first: Span,
    },
}

/// The result of reading a YAML text: the first document, if it could be built,
/// and every problem found.
#[derive(Debug)]
pub struct LoadedYaml {
    pub document: Option<YamlDocument>,
    pub problems: Vec<YamlProblem>,
}

impl LoadedYaml {
    /// The problems as findings in `file`.
    pub fn findings(&self, file: &SourceFile) -> Vec<Finding> {
        self.problems
            .iter()
            .map(|problem| rules::finding(file, problem))
            .collect()
    }
}

/// Byte offsets of character indices in a text: the parser counts
/// characters. A checkpoint every 64 characters keeps the table small; an
/// ASCII text needs none.
struct CharOffsets<'t> {
    text: &'t str,
    /// Byte offset of every 64th character; empty for ASCII text.
    checkpoints: Vec<usize>,
}

impl<'t> CharOffsets<'t> {
    const STEP: usize = 64;

    fn new(text: &'t str) -> CharOffsets<'t> {
        let checkpoints = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .step_by(Self::STEP)
                .map(|(byte, _)| byte)
                .collect()
        };
        CharOffsets { text, checkpoints }
    }

    /// The byte offset of character `index`; the end of the text past it.
    fn byte_of(&self, index: usize) -> usize {
        if self.checkpoints.is_empty() {
            return index.min(self.text.len());
        }
        let Some(&from) = self.checkpoints.get(index / Self::STEP) else {
            return self.text.len();
        };
        self.text[from..]
            .char_indices()
            .nth(index % Self::STEP)
            .map_or(self.text.len(), |(byte, _)| from + byte)
    }
}

/// Reads the YAML of `file`, from byte `start` to `end` (a front-matter block is a
/// part of its file; positions stay those of the whole file).
pub fn load(file: &SourceFile) -> LoadedYaml {
    load_range(file, 0, file.text().len())
}

pub fn load_range(file: &SourceFile, start: usize, end: usize) -> LoadedYaml {
    let text = &file.text()[start..end];
    let new_builder = || Builder {
        file,
        start,
        chars: CharOffsets::new(text),
        stack: Vec::new(),
        anchors: HashMap::new(),
        alias_budget: MAX_YAML_ALIAS_NODES,
        node_budget: MAX_YAML_NODES,
        root: None,
        documents: 0,
        spans: HashMap::new(),
        problems: Vec::new(),
        refused: false,
    };
    let mut builder = new_builder();
    let mut parsed = std::borrow::Cow::Borrowed(text);
    let mut read = read_events(&parsed, &mut builder);
    // libyaml, which Jekyll (Psych) and most YAML tools use, takes a quoted
    // scalar whose next line is less indented than YAML 1.2 allows
    // (`title: "…` then `…"` at column 0): read it as they do, by folding
    // those line breaks to the space they stand for. Same length, so every
    // position stays the file's.
    for _ in 0..MAX_LENIENT_SCALARS {
        let Err(err) = &read else { break };
        if builder.refused || err.info() != "invalid indentation in quoted scalar" {
            break;
        }
        let Some(folded) = fold_quoted_scalar(&parsed, err.marker().index()) else {
            break;
        };
        parsed = std::borrow::Cow::Owned(folded);
        builder = new_builder();
        read = read_events(&parsed, &mut builder);
    }
    // Once Galley has refused the input, a later parser error adds nothing.
    if let (Err(err), false) = (read, builder.refused) {
        let marker = err.marker();
        let at = builder.position(marker.index());
        builder.problems.push(YamlProblem::Syntax {
            span: Span { start: at, end: at },
            message: err.info().to_owned(),
        });
        builder.refused = true;
    }
    let document = if builder.refused {
        None
    } else {
        Some(YamlDocument {
            value: builder.root.unwrap_or(Value::Null),
            spans: builder.spans,
        })
    };
    LoadedYaml {
        document,
        problems: builder.problems,
    }
}

/// How many under-indented quoted scalars one file may have folded (each
/// costs a new read of the file).
const MAX_LENIENT_SCALARS: usize = 8;

/// Events pulled one by one rather than through `Parser::load`, which
/// recurses once per level of nesting (2,000 nested mappings overflowed the
/// stack before `MAX_YAML_DEPTH` could refuse them); reading stops as soon
/// as Galley refuses the input.
fn read_events(text: &str, builder: &mut Builder<'_>) -> Result<(), saphyr_parser::ScanError> {
    let mut parser = Parser::new_from_str(text);
    while !builder.refused {
        match parser.next_event() {
            Some(Ok((event, span))) => builder.on_event(event, span),
            Some(Err(err)) => return Err(err),
            None => break,
        }
    }
    Ok(())
}

/// `text` with the line breaks inside the quoted scalar that starts at
/// character `quote_at` turned into spaces (a lone line break folds to one
/// space); `None` when there is none to fold.
fn fold_quoted_scalar(text: &str, quote_at: usize) -> Option<String> {
    let (start, quote) = text.char_indices().nth(quote_at)?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let bytes = text.as_bytes();
    let mut out = text.as_bytes().to_vec();
    let mut i = start + 1;
    let mut folded = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == '"' => i += 1,
            b'\'' if quote == '\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            b if b == quote as u8 => break,
            b'\n' => {
                // A blank line folds to a line feed: keep those.
                let blank_before = text[..i]
                    .rfind('\n')
                    .is_some_and(|nl| text[nl + 1..i].trim().is_empty());
                let next_blank = text[i + 1..]
                    .split('\n')
                    .next()
                    .is_none_or(|line| line.trim().is_empty());
                if !blank_before && !next_blank {
                    out[i] = b' ';
                    if i > 0 && out[i - 1] == b'\r' {
                        out[i - 1] = b' ';
                    }
                    folded = true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    // Only ASCII bytes were replaced by ASCII: still UTF-8.
    folded.then(|| String::from_utf8(out).ok()).flatten()
}

enum Frame {
    Sequence {
        items: Vec<Value>,
        pointer: String,
        start: Span,
        anchor: usize,
    },
    Mapping {
        map: Map<String, Value>,
        pointer: String,
        start: Span,
        anchor: usize,
        /// The key waiting for its value, with its span.
        pending_key: Option<(String, Span)>,
        /// Keys given so far, where they were given.
        seen: HashMap<String, Span>,
    },
}

struct Builder<'f> {
    file: &'f SourceFile,
    /// Where the YAML text starts in its file (front matter starts at line 2).
    start: usize,
    chars: CharOffsets<'f>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Value>,
    alias_budget: usize,
    /// Nodes the file may still hold (aliases expanded).
    node_budget: usize,
    root: Option<Value>,
    documents: usize,
    spans: HashMap<String, NodeSpans>,
    problems: Vec<YamlProblem>,
    /// Set when Galley refuses the input; later events are ignored.
    refused: bool,
}

impl Builder<'_> {
    /// The position of the parser's character index. Not its line and column:
    /// YAML breaks lines at a lone `\r` too, Galley's positions only at `\n`.
    fn position(&self, char_index: usize) -> galley_core::Position {
        self.file
            .position(self.start + self.chars.byte_of(char_index))
    }

    fn span(&self, span: saphyr_parser::Span) -> Span {
        Span {
            start: self.position(span.start.index()),
            end: self.position(span.end.index()),
        }
    }

    fn refuse(&mut self, span: Span, message: String) {
        self.problems.push(YamlProblem::Syntax { span, message });
        self.refused = true;
    }

    /// Where the next node goes, and the span of its key if it is a mapping value.
    /// `None` when the next node is itself a mapping key.
    fn child_pointer(&self) -> Option<(String, Option<Span>)> {
        match self.stack.last() {
            None => Some((String::new(), None)),
            Some(Frame::Sequence { items, pointer, .. }) => {
                Some((format!("{pointer}/{}", items.len()), None))
            }
            Some(Frame::Mapping {
                pending_key: Some((key, key_span)),
                pointer,
                ..
            }) => Some((
                format!("{pointer}/{}", escape_pointer(key)),
                Some(*key_span),
            )),
            Some(Frame::Mapping {
                pending_key: None, ..
            }) => None,
        }
    }

    fn open(&mut self, sequence: bool, anchor: usize, span: Span) {
        if self.stack.len() >= MAX_YAML_DEPTH {
            self.refuse(
                span,
                format!("nesting is deeper than {MAX_YAML_DEPTH} levels; Galley does not read it"),
            );
            return;
        }
        // A collection used as a mapping key gets a pointer of its own that no
        // schema error can name; it is kept only to be stringified as the key.
        let pointer = self
            .child_pointer()
            .map_or_else(|| "/?".to_owned(), |(pointer, _)| pointer);
        self.stack.push(if sequence {
            Frame::Sequence {
                items: Vec::new(),
                pointer,
                start: span,
                anchor,
            }
        } else {
            Frame::Mapping {
                map: Map::new(),
                pointer,
                start: span,
                anchor,
                pending_key: None,
                seen: HashMap::new(),
            }
        });
    }

    fn close(&mut self, end: Span) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let (value, start, anchor) = match frame {
            Frame::Sequence {
                items,
                start,
                anchor,
                ..
            } => (Value::Array(items), start, anchor),
            Frame::Mapping {
                map, start, anchor, ..
            } => (Value::Object(map), start, anchor),
        };
        let span = Span {
            start: start.start,
            end: end.end.max(start.start),
        };
        self.complete(value, None, span, anchor);
    }

    /// Attaches a finished node to its parent. `key_text` is a scalar's source text,
    /// what it reads as when it is a mapping key; a collection used as a key (rare)
    /// is serialised only then, never on the common path.
    fn complete(&mut self, value: Value, key_text: Option<String>, span: Span, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        let child = self.child_pointer();
        match self.stack.last_mut() {
            None => {
                self.documents += 1;
                if self.documents == 1 {
                    self.spans.insert(
                        String::new(),
                        NodeSpans {
                            key: None,
                            value: span,
                        },
                    );
                    self.root = Some(value);
                }
            }
            Some(Frame::Sequence { items, .. }) => {
                if let Some((pointer, _)) = child {
                    self.spans.insert(
                        pointer,
                        NodeSpans {
                            key: None,
                            value: span,
                        },
                    );
                }
                items.push(value);
            }
            Some(Frame::Mapping {
                map,
                pending_key,
                seen,
                ..
            }) => match pending_key.take() {
                None => {
                    let key_text = key_text.unwrap_or_else(|| collection_key_text(&value));
                    if let Some(&first) = seen.get(&key_text) {
                        self.problems.push(YamlProblem::DuplicateKey {
                            key: key_text.clone(),
                            span,
                            first,
                        });
                    } else {
                        seen.insert(key_text.clone(), span);
                    }
                    *pending_key = Some((key_text, span));
                }
                Some((key, key_span)) => {
                    if key == "<<" {
                        merge_into(map, value);
                    } else {
                        if let Some((pointer, _)) = child {
                            self.spans.insert(
                                pointer,
                                NodeSpans {
                                    key: Some(key_span),
                                    value: span,
                                },
                            );
                        }
                        map.insert(key, value);
                    }
                }
            },
        }
    }

    /// Counts `nodes` more against the file's budget; refuses the file past it.
    fn take_nodes(&mut self, nodes: usize, span: Span) -> bool {
        match self.node_budget.checked_sub(nodes) {
            Some(left) => {
                self.node_budget = left;
                true
            }
            None => {
                self.refuse(
                    span,
                    format!(
                        "the file holds more than {MAX_YAML_NODES} values; Galley does not read it"
                    ),
                );
                false
            }
        }
    }

    fn alias(&mut self, id: usize, span: Span) {
        let Some(value) = self.anchors.get(&id) else {
            self.refuse(span, "alias to an unknown anchor".to_owned());
            return;
        };
        let nodes = count_nodes(value, self.alias_budget + 1);
        if nodes > self.alias_budget {
            self.refuse(
                span,
                format!(
                    "aliases expand to more than {MAX_YAML_ALIAS_NODES} nodes (a \"billion laughs\" document); Galley does not read it"
                ),
            );
            return;
        }
        self.alias_budget -= nodes;
        let value = value.clone();
        if !self.take_nodes(nodes, span) {
            return;
        }
        self.complete(value, None, span, 0);
    }
}

impl<'input> SpannedEventReceiver<'input> for Builder<'_> {
    fn on_event(&mut self, event: Event<'input>, span: saphyr_parser::Span) {
        if self.refused {
            return;
        }
        let span = self.span(span);
        let is_node = matches!(
            event,
            Event::Scalar(..) | Event::SequenceStart(..) | Event::MappingStart(..)
        );
        if is_node && !self.take_nodes(1, span) {
            return;
        }
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let value = scalar_value(text.clone(), style, tag.as_ref());
                self.complete(value, Some(text.into_owned()), span, anchor);
            }
            Event::SequenceStart(anchor, _) => self.open(true, anchor, span),
            Event::MappingStart(anchor, _) => self.open(false, anchor, span),
            Event::SequenceEnd | Event::MappingEnd => self.close(span),
            Event::Alias(id) => self.alias(id, span),
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd => {}
        }
    }
}

fn scalar_value(text: Cow<'_, str>, style: ScalarStyle, tag: Option<&Cow<'_, Tag>>) -> Value {
    let original = text.clone();
    match Scalar::parse_from_cow_and_metadata(text, style, tag) {
        Some(Scalar::Null) => Value::Null,
        Some(Scalar::Boolean(b)) => Value::Bool(b),
        Some(Scalar::Integer(i)) => Value::from(i),
        Some(Scalar::FloatingPoint(f)) => serde_json::Number::from_f64(f.into_inner())
            .map_or_else(|| Value::String(original.into_owned()), Value::Number),
        Some(Scalar::String(s)) => Value::String(s.into_owned()),
        // A tag the value does not fit (`!!int abc`): keep the text.
        None => Value::String(original.into_owned()),
    }
}

/// A list or mapping used as a mapping key (`? [a, b]`, or `{{ x }}` unquoted,
/// which YAML reads as a mapping in a mapping), as text: its JSON, cut at
/// `MAX_KEY_TEXT` bytes. Uncut, a key holding a key holding … doubled its
/// escapes with every level (the `yaml` fuzz target took 17 s on 2.5 KB).
fn collection_key_text(value: &Value) -> String {
    const MAX_KEY_TEXT: usize = 256;
    struct Capped(Vec<u8>);
    impl std::io::Write for Capped {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let room = MAX_KEY_TEXT - self.0.len();
            if room == 0 {
                return Err(std::io::Error::other("key text is long enough"));
            }
            let taken = buf.len().min(room);
            self.0.extend_from_slice(&buf[..taken]);
            Ok(taken)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut text = Capped(Vec::new());
    // Stopping the writer at the cap is the point; the error says only that.
    let _ = serde_json::to_writer(&mut text, value);
    String::from_utf8_lossy(&text.0).into_owned()
}

/// `<<: *defaults` merges the keys the mapping does not set itself.
fn merge_into(map: &mut Map<String, Value>, merged: Value) {
    let sources = match merged {
        Value::Array(items) => items,
        other => vec![other],
    };
    for source in sources {
        if let Value::Object(source) = source {
            for (key, value) in source {
                map.entry(key).or_insert(value);
            }
        }
    }
}

/// Nodes in `value`, counting no further than `limit`.
fn count_nodes(value: &Value, limit: usize) -> usize {
    let mut count = 0;
    let mut pending = vec![value];
    while let Some(node) = pending.pop() {
        count += 1;
        if count >= limit {
            return count;
        }
        match node {
            Value::Array(items) => pending.extend(items),
            Value::Object(map) => pending.extend(map.values()),
            _ => {}
        }
    }
    count
}

/// RFC 6901 escaping of one pointer segment.
pub fn escape_pointer(segment: &str) -> Cow<'_, str> {
    if segment.contains(['~', '/']) {
        Cow::Owned(segment.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(segment)
    }
}

#[cfg(test)]
mod tests;
