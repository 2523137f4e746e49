//! Reading a variable path: its root, then each field, index and member
//! against the nodes that reach it.

use super::*;

impl<'m, 'a, 't> Evaluator<'m, 'a, 't>
where
    'a: 't,
{
    /// Reads a variable path, judging each field against the nodes that reach it.
    pub(super) fn read(&mut self, path: &'t Path<'a>, guarded: bool) -> Shape<'a> {
        for inner in path.inner_paths() {
            self.read(inner, false);
        }
        let (mut shape, first, judged) = self.root(path);
        let judged = judged && !shape.nodes.is_empty();
        let mut optional = None;
        let mut judged_any = false;
        for (at, segment) in path.segments.iter().enumerate().skip(first) {
            match segment {
                Segment::Field(field, _) => {
                    let step = self.field(&shape, field, true);
                    if judged {
                        judged_any = true;
                        if step.defined == 0
                            && !step.lacking.is_empty()
                            && !shape.open
                            && !step.allowed
                        {
                            let verdict = self.unknown(path, at, field, &step);
                            self.push_read(path, guarded, verdict);
                            return Shape::default();
                        }
                        if step.defined > 0 && !step.lacking.is_empty() && optional.is_none() {
                            optional = Some(Optional {
                                field: (*field).to_owned(),
                                lacking: step.lacking.iter().map(|n| self.label(n)).collect(),
                                total: step.defined + step.lacking.len(),
                                sources: self.sources(&step.lacking),
                            });
                        }
                    }
                    shape = step.shape;
                }
                Segment::Index(index) => shape = self.index(&shape, *index),
                Segment::Dynamic(key) => {
                    let key = match key.as_ref() {
                        Operand::Str(text) => Some(vec![*text]),
                        Operand::Path(inner) => {
                            // Already read above; only its value is wanted here.
                            let (key_shape, _, _) = self.root(inner);
                            (inner.segments.is_empty() || inner.root == "include")
                                .then(|| self.resolve_segments(key_shape, inner))
                                .and_then(|s| s.literals())
                        }
                        _ => None,
                    };
                    shape = match key {
                        Some(keys) => {
                            let mut out = Shape::default();
                            for key in keys {
                                out.merge(&self.field(&shape, key, true).shape);
                            }
                            out
                        }
                        None => {
                            self.mark_whole(&shape);
                            Shape::open()
                        }
                    };
                }
            }
        }
        if judged_any {
            let verdict = match optional {
                Some(optional) => Verdict::Optional(optional),
                None => Verdict::Defined {
                    always_set: !shape.open
                        && !shape.nodes.is_empty()
                        && shape.nodes.iter().all(is_set),
                },
            };
            self.push_read(path, guarded, verdict);
        }
        shape
    }

    /// Follows the segments of a path without judging them (for `[key]` values).
    pub(super) fn resolve_segments(&mut self, mut shape: Shape<'a>, path: &Path<'a>) -> Shape<'a> {
        let first = usize::from(path.root == "include");
        for segment in path.segments.iter().skip(first) {
            shape = match segment {
                Segment::Field(field, _) => self.field(&shape, field, false).shape,
                Segment::Index(index) => self.index(&shape, *index),
                Segment::Dynamic(_) => return Shape::open(),
            };
        }
        shape
    }

    pub(super) fn push_read(&mut self, path: &Path<'a>, guarded: bool, verdict: Verdict) {
        let text = self.model.site.files[self.file].source.text();
        let dead = self.scopes.iter().any(|scope| scope.dead);
        self.reads.push(FieldRead {
            file: self.file,
            range: path.range.clone(),
            written: text[path.range.clone()].to_owned(),
            guarded: guarded || self.is_guarded(&path_key(path)),
            tested: self.in_condition || self.is_guarded(&path_key(path)) || dead,
            defaulted: self.defaulted,
            dead,
            printed: self.printed,
            in_class: self.in_class,
            passed_unneeded: false,
            verdict,
        });
    }

    /// The shape a path's root names, the first segment still to follow, and
    /// whether its fields are judged (variables the template binds, and `page`).
    pub(super) fn root(&self, path: &Path<'a>) -> (Shape<'a>, usize, bool) {
        let first_field = match path.segments.first() {
            Some(Segment::Field(name, _)) => Some(*name),
            _ => None,
        };
        match path.root {
            "include" => match first_field {
                Some(name) => (
                    self.params.get(name).cloned().unwrap_or_else(Shape::open),
                    1,
                    false,
                ),
                None => (Shape::open(), 0, false),
            },
            "site" | "paginator" => {
                let shape = match (path.root, first_field) {
                    ("site", Some("data")) => Shape::of(vec![Node::Folder(0)]),
                    ("paginator", Some("posts")) => self.model.list("posts"),
                    ("site", Some("html_pages")) => self.model.list("pages"),
                    ("site", Some(name)) => self.model.list(name),
                    _ => Shape::open(),
                };
                (shape, 1, false)
            }
            "forloop" | "tablerowloop" | "layout" | "content" | "jekyll" => {
                (Shape::open(), 0, false)
            }
            name => match self.lookup(name) {
                Some(shape) => (shape.clone(), 0, true),
                None => (Shape::open(), 0, false),
            },
        }
    }

    /// Looks `field` up in every node of `shape`; `mark` records the use.
    pub(super) fn field(&mut self, shape: &Shape<'a>, field: &str, mark: bool) -> Step<'a> {
        let model = self.model;
        let mut step = Step {
            allowed: true,
            ..Step::default()
        };
        step.shape.open = shape.open;
        for node in &shape.nodes {
            match node {
                Node::Value(v) => match v.value {
                    Value::Object(map) => match map.get_key_value(field) {
                        Some((key, child)) => {
                            step.defined += 1;
                            let child = model.child(v, key, child);
                            if mark {
                                self.marks.use_field(model, &child);
                            }
                            step.shape.nodes.push(Node::Value(child));
                        }
                        None => {
                            step.allowed &= model.schema_allows(v.doc, v.schema, field);
                            step.lacking.push(node.clone());
                        }
                    },
                    Value::Array(items) => match field {
                        "size" => step.shape.open = true,
                        "first" | "last" => {
                            let index = if field == "first" {
                                0
                            } else {
                                items.len().wrapping_sub(1)
                            };
                            if let Some(item) = items.get(index) {
                                step.shape
                                    .nodes
                                    .push(Node::Value(model.element(v, index, item)));
                            }
                        }
                        _ => {}
                    },
                    Value::String(_) if field == "size" => step.shape.open = true,
                    _ => {}
                },
                Node::Document(doc) => {
                    let d = &model.docs[*doc];
                    let front_matter = d.value.as_object();
                    match front_matter.and_then(|m| m.get_key_value(field)) {
                        Some((key, child)) => {
                            step.defined += 1;
                            let root = model.root(*doc);
                            step.shape
                                .nodes
                                .push(Node::Value(model.child(&root, key, child)));
                        }
                        None if model.document_sets(*doc, field) => {
                            step.defined += 1;
                            step.builtin += usize::from(model.jekyll_sets(*doc, field));
                            step.shape.open = true;
                        }
                        None => {
                            step.allowed = false;
                            step.lacking.push(node.clone());
                        }
                    }
                }
                Node::Folder(folder) => match model.folders[*folder].entry(field) {
                    Some(entry) => {
                        step.defined += 1;
                        let node = model.entry_node(entry);
                        if mark {
                            self.marks.reach(model, &node, self.file);
                        }
                        step.shape.nodes.push(node);
                    }
                    // Data Galley does not read (JSON, CSV) may hold anything;
                    // missing data is nil (`liquid-target-missing` reports it).
                    None => step.shape.open |= model.folders[*folder].has_unread(model.site, field),
                },
                Node::Documents(list) => match field {
                    "first" | "last" => step
                        .shape
                        .nodes
                        .extend(model.lists[*list].iter().map(|&d| Node::Document(d))),
                    _ => step.shape.open = true,
                },
                Node::Pair(pair) => match field {
                    "first" => step.shape.nodes.push(Node::Literal(pair.0)),
                    "last" => step.shape.nodes.push(pair.1.clone()),
                    "size" => step.shape.open = true,
                    _ => {
                        step.allowed = false;
                        step.pairs = true;
                        step.lacking.push(node.clone());
                    }
                },
                Node::List(nodes) => match field {
                    "first" | "last" => step.shape.nodes.extend(nodes.iter().cloned()),
                    _ => step.shape.open = true,
                },
                Node::Literal(_) => {
                    if field == "size" {
                        step.shape.open = true;
                    }
                }
            }
        }
        let nodes = std::mem::take(&mut step.shape.nodes);
        step.shape.add(nodes);
        if mark {
            for node in &step.shape.nodes {
                self.marks.reach(model, node, self.file);
            }
        }
        step
    }

    pub(super) fn index(&mut self, shape: &Shape<'a>, index: i64) -> Shape<'a> {
        let model = self.model;
        let mut out = Shape {
            nodes: Vec::new(),
            open: shape.open,
        };
        for node in &shape.nodes {
            match node {
                Node::Pair(pair) => match index {
                    0 => out.nodes.push(Node::Literal(pair.0)),
                    1 | -1 => out.nodes.push(pair.1.clone()),
                    _ => {}
                },
                Node::Value(v) => {
                    if let Value::Array(items) = v.value {
                        let at = if index < 0 {
                            items.len().checked_sub(index.unsigned_abs() as usize)
                        } else {
                            usize::try_from(index).ok()
                        };
                        if let Some((at, item)) = at.and_then(|at| Some((at, items.get(at)?))) {
                            out.nodes.push(Node::Value(model.element(v, at, item)));
                        }
                    }
                }
                Node::List(nodes) => out.nodes.extend(nodes.iter().cloned()),
                Node::Documents(list) => out
                    .nodes
                    .extend(model.lists[*list].iter().map(|&d| Node::Document(d))),
                _ => {}
            }
        }
        let nodes = std::mem::take(&mut out.nodes);
        out.add(nodes);
        for node in &out.nodes {
            self.marks.reach(model, node, self.file);
        }
        out
    }

    /// What a `for` loop over `shape` binds its variable to.
    pub(super) fn elements(&mut self, shape: &Shape<'a>) -> Shape<'a> {
        self.members(shape, true)
    }

    /// The members of a collection: for a hash, `[key, value]` pairs when
    /// `pairs` (a loop), else its values (what `where` and `map` see).
    pub(super) fn members(&mut self, shape: &Shape<'a>, pairs: bool) -> Shape<'a> {
        let model = self.model;
        let mut out = Shape {
            nodes: Vec::new(),
            open: shape.open,
        };
        let pair = |key: &'a str, node: Node<'a>| {
            if pairs {
                Node::Pair(Rc::new((key, node)))
            } else {
                node
            }
        };
        for node in &shape.nodes {
            match node {
                Node::Folder(folder) => {
                    for (name, entry) in &model.folders[*folder].entries {
                        let node = model.entry_node(*entry);
                        self.marks.reach(model, &node, self.file);
                        out.nodes.push(pair(name, node));
                    }
                }
                Node::Value(v) => match v.value {
                    Value::Array(items) => {
                        for (at, item) in items.iter().enumerate() {
                            let node = Node::Value(model.element(v, at, item));
                            self.marks.reach(model, &node, self.file);
                            out.nodes.push(node);
                        }
                    }
                    Value::Object(map) => {
                        for (key, child) in map {
                            let node = Node::Value(model.child(v, key, child));
                            self.marks.reach(model, &node, self.file);
                            out.nodes.push(pair(key, node));
                        }
                    }
                    _ => {}
                },
                Node::Documents(list) => out
                    .nodes
                    .extend(model.lists[*list].iter().map(|&d| Node::Document(d))),
                Node::List(nodes) => out.nodes.extend(nodes.iter().cloned()),
                Node::Pair(p) => {
                    out.nodes.push(Node::Literal(p.0));
                    out.nodes.push(p.1.clone());
                }
                Node::Document(_) | Node::Literal(_) => out.open = true,
            }
        }
        let nodes = std::mem::take(&mut out.nodes);
        out.add(nodes);
        out
    }

    /// The value at `segments` below a node, when it can be told here; `None`
    /// when it cannot (so the node is kept by a narrowing).
    pub(super) fn value_at(&self, node: &Node<'a>, segments: &[Segment<'_>]) -> Option<&'a Value> {
        static NULL: Value = Value::Null;
        let mut value = match node {
            Node::Value(v) => v.value,
            Node::Document(doc) => {
                // A field Jekyll or `defaults:` sets has a value not known here.
                if let Some(Segment::Field(field, _)) = segments.first()
                    && self.model.docs[*doc].value.get(*field).is_none()
                    && self.model.document_sets(*doc, field)
                {
                    return None;
                }
                self.model.docs[*doc].value
            }
            _ => return None,
        };
        for segment in segments {
            let Segment::Field(field, _) = segment else {
                return None;
            };
            value = match value {
                Value::Object(map) => map.get(*field).unwrap_or(&NULL),
                _ => return None,
            };
        }
        Some(value)
    }
}
