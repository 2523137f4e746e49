//! What a template value can be: the data nodes it may take.

use std::rc::Rc;

use serde_json::Value;

use super::DocId;

/// One value a template expression may take.
#[derive(Clone, Debug)]
pub(crate) enum Node<'a> {
    /// A value in a data file or a front matter.
    Value(ValueNode<'a>),
    /// A Jekyll page or collection document: its front matter and the variables
    /// Jekyll gives every page.
    Document(DocId),
    /// A `_data` folder (an index into the model's folders).
    Folder(usize),
    /// `site.posts`, `site.pages`, `site.LABEL`: an index into the model's lists.
    Documents(usize),
    /// `[key, value]`: what a loop over a hash gives.
    Pair(Rc<(&'a str, Node<'a>)>),
    /// An array a filter made (`where`, `map`).
    List(Rc<Vec<Node<'a>>>),
    /// A string written in a template.
    Literal(&'a str),
}

#[derive(Clone, Debug)]
pub(crate) struct ValueNode<'a> {
    pub(crate) doc: DocId,
    pub(crate) value: &'a Value,
    /// JSON pointer in its document (`/downloads/2/url`).
    pub(crate) pointer: Rc<str>,
    /// The pointer with array indices as `*` (`/downloads/*/url`): the field
    /// as every record has it.
    pub(crate) pattern: Rc<str>,
    /// The part of the bound JSON Schema that describes it.
    pub(crate) schema: Option<&'a Value>,
}

impl Node<'_> {
    /// Identity for de-duplication: two nodes with one key are the same value.
    pub(crate) fn key(&self) -> (u8, usize, usize) {
        match self {
            Node::Value(v) => (0, std::ptr::from_ref(v.value) as usize, v.doc),
            Node::Document(doc) => (1, *doc, 0),
            Node::Folder(folder) => (2, *folder, 0),
            Node::Documents(list) => (3, *list, 0),
            Node::Pair(pair) => (4, pair.0.as_ptr() as usize, pair.1.key().1),
            Node::List(list) => (5, Rc::as_ptr(list) as usize, 0),
            Node::Literal(text) => (6, text.as_ptr() as usize, text.len()),
        }
    }
}

/// Every value an expression may take. `open` when it may also take values
/// Galley cannot know (a variable set by a filter it does not model): then a
/// field no known node defines is not reported.
#[derive(Clone, Debug, Default)]
pub(crate) struct Shape<'a> {
    pub(crate) nodes: Vec<Node<'a>>,
    pub(crate) open: bool,
}

impl<'a> Shape<'a> {
    pub(crate) fn open() -> Shape<'a> {
        Shape {
            nodes: Vec::new(),
            open: true,
        }
    }

    pub(crate) fn of(nodes: Vec<Node<'a>>) -> Shape<'a> {
        let mut shape = Shape::default();
        shape.add(nodes);
        shape
    }

    /// Adds nodes not already there; returns whether the shape grew.
    pub(crate) fn add(&mut self, nodes: impl IntoIterator<Item = Node<'a>>) -> bool {
        let mut seen: rustc_hash::FxHashSet<_> = self.nodes.iter().map(Node::key).collect();
        let before = self.nodes.len();
        for node in nodes {
            if seen.insert(node.key()) {
                self.nodes.push(node);
            }
        }
        self.nodes.len() > before
    }

    /// Merges `other` in; returns whether anything changed.
    pub(crate) fn merge(&mut self, other: &Shape<'a>) -> bool {
        let grew = self.add(other.nodes.iter().cloned());
        let opened = other.open && !self.open;
        self.open |= other.open;
        grew || opened
    }

    /// The strings it may be, when it is nothing but written strings.
    pub(crate) fn literals(&self) -> Option<Vec<&'a str>> {
        if self.open || self.nodes.is_empty() {
            return None;
        }
        self.nodes
            .iter()
            .map(|node| match node {
                Node::Literal(text) => Some(*text),
                Node::Value(ValueNode {
                    value: Value::String(text),
                    ..
                }) => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}
