//! One template read against the data its variables range over: loops bind
//! names to records, `if` guards and narrows them, includes pass them on, and
//! every field read is judged against the records that reach it.

use std::collections::BTreeSet;
use std::rc::Rc;

use rustc_hash::FxHashMap as HashMap;
use serde_json::Value;

use super::shape::{Node, Shape, ValueNode};
use super::{Env, FieldRead, Marks, Model, Optional, Template, Unknown, Verdict};
use galley_liquid::syntax::{
    Comparison, Expr, Filter, IncludeName, MarkupKind, NamePart, Operand, Path, Segment,
};
use galley_yaml::escape_pointer;

/// What reading a template gave: its field reads and the includes it calls with
/// the variables they see.
pub(crate) struct Evaluation<'a> {
    pub(crate) reads: Vec<FieldRead>,
    pub(crate) calls: Vec<(String, Env<'a>)>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ScopeKind {
    Root,
    For,
    If { negated: bool },
    Case,
    Capture,
}

struct Scope<'a, 't> {
    kind: ScopeKind,
    vars: HashMap<&'a str, Shape<'a>>,
    /// Paths known to be set in this branch (`item.website`).
    guards: Vec<String>,
    /// An `unless` condition, whose paths are set in its `else` branch.
    condition: Option<&'t [Comparison<'a>]>,
}

impl<'a> Scope<'a, '_> {
    fn new(kind: ScopeKind) -> Self {
        Scope {
            kind,
            vars: HashMap::default(),
            guards: Vec::new(),
            condition: None,
        }
    }
}

pub(crate) struct Evaluator<'m, 'a, 't> {
    model: &'m Model<'a>,
    file: usize,
    path: &'a str,
    params: &'m HashMap<&'a str, Shape<'a>>,
    scopes: Vec<Scope<'a, 't>>,
    marks: &'m mut Marks,
    reads: Vec<FieldRead>,
    calls: Vec<(String, Env<'a>)>,
    /// The path being read has a `default` filter.
    defaulted: bool,
}

/// The result of looking one field up in every node of a shape.
#[derive(Default)]
struct Step<'a> {
    shape: Shape<'a>,
    defined: usize,
    lacking: Vec<Node<'a>>,
    /// Whether every node that lacks the field has a schema that allows it.
    allowed: bool,
    /// Some node is a `[key, value]` pair, which has no fields.
    pairs: bool,
    /// How many of `defined` Jekyll sets itself, for every page alike.
    builtin: usize,
}

const MAX_BUILT_NAMES: usize = 32;

pub(crate) fn evaluate<'m, 'a>(
    model: &'m Model<'a>,
    template: &'m Template<'a>,
    env: &'m Env<'a>,
    marks: &'m mut Marks,
) -> Evaluation<'a>
where
    'a: 'm,
{
    let mut root = Scope::new(ScopeKind::Root);
    root.vars = env.vars.clone();
    let mut evaluator = Evaluator {
        model,
        file: template.file,
        path: model.site.files[template.file].source.path(),
        params: &env.params,
        scopes: vec![root],
        marks,
        reads: Vec::new(),
        calls: Vec::new(),
        defaulted: false,
    };
    for markup in template.markups {
        evaluator.markup(&markup.kind);
    }
    Evaluation {
        reads: evaluator.reads,
        calls: evaluator.calls,
    }
}

impl<'m, 'a, 't> Evaluator<'m, 'a, 't>
where
    'a: 't,
{
    fn markup(&mut self, kind: &'t MarkupKind<'a>) {
        match kind {
            MarkupKind::Output(expr) => {
                let has_filters = !expr.filters.is_empty();
                let shape = self.expr(expr, false);
                if !has_filters {
                    // A hash or list printed whole shows every field.
                    self.mark_whole(&shape);
                }
            }
            MarkupKind::For { var, collection } => {
                let shape = self.expr(collection, true);
                let elements = self.elements(&shape);
                let mut scope = Scope::new(ScopeKind::For);
                scope.vars.insert(var, elements);
                self.scopes.push(scope);
            }
            MarkupKind::Assign { name, value } => {
                let shape = self.expr(value, false);
                self.assign(name, shape);
            }
            MarkupKind::Capture { name } => {
                self.assign(name, Shape::open());
                self.scopes.push(Scope::new(ScopeKind::Capture));
            }
            MarkupKind::If { condition, negated } => {
                self.read_condition(condition);
                let mut scope = Scope::new(ScopeKind::If { negated: *negated });
                scope.condition = Some(condition);
                self.enter_branch(&mut scope, condition, !*negated);
                self.scopes.push(scope);
            }
            MarkupKind::Elsif(condition) => {
                self.read_condition(condition);
                if let Some(mut scope) = self.take_branch_scope() {
                    // The `else` after it follows more than one condition.
                    scope.condition = None;
                    self.enter_branch(&mut scope, condition, true);
                    self.scopes.push(scope);
                }
            }
            MarkupKind::Else => {
                let top = self.scopes.last().map(|s| s.kind);
                match top {
                    Some(ScopeKind::If { negated }) => {
                        if let Some(mut scope) = self.take_branch_scope() {
                            if let Some(condition) = scope.condition {
                                self.enter_branch(&mut scope, condition, negated);
                            }
                            self.scopes.push(scope);
                        }
                    }
                    Some(ScopeKind::For) => {
                        // `for … else`: the collection was empty.
                        if let Some(scope) = self.scopes.last_mut() {
                            for shape in scope.vars.values_mut() {
                                *shape = Shape::default();
                            }
                        }
                    }
                    Some(ScopeKind::Case) => {
                        if let Some(scope) = self.scopes.last_mut() {
                            scope.vars.clear();
                            scope.guards.clear();
                        }
                    }
                    _ => {}
                }
            }
            MarkupKind::Case(subject) => {
                self.expr(subject, true);
                self.scopes.push(Scope::new(ScopeKind::Case));
            }
            MarkupKind::When(values) => {
                for value in values {
                    self.operand(value, true);
                }
            }
            MarkupKind::End(name) => {
                let matches = |kind: ScopeKind| match *name {
                    "endfor" | "endtablerow" => kind == ScopeKind::For,
                    "endif" | "endunless" => matches!(kind, ScopeKind::If { .. }),
                    "endcase" => kind == ScopeKind::Case,
                    "endcapture" => kind == ScopeKind::Capture,
                    _ => false,
                };
                if let Some(at) = self.scopes.iter().rposition(|s| matches(s.kind))
                    && at > 0
                {
                    self.scopes.truncate(at);
                }
            }
            MarkupKind::Include {
                relative,
                name,
                params,
            } => self.include(*relative, name, params),
            MarkupKind::Skipped => {}
            MarkupKind::Other { reads, .. } => {
                for operand in reads {
                    self.operand(operand, false);
                }
            }
        }
    }

    /// Takes the innermost `if` scope off the stack, cleared for a new branch.
    fn take_branch_scope(&mut self) -> Option<Scope<'a, 't>> {
        if !matches!(self.scopes.last()?.kind, ScopeKind::If { .. }) || self.scopes.len() < 2 {
            return None;
        }
        let mut scope = self.scopes.pop()?;
        scope.vars.clear();
        scope.guards.clear();
        Some(scope)
    }

    /// A branch that runs when `condition` holds (`holds`) or does not: when it
    /// holds its paths are set; and a variable tested in it is narrowed to the
    /// records for which the branch can run.
    fn enter_branch(
        &mut self,
        scope: &mut Scope<'a, 't>,
        condition: &[Comparison<'a>],
        holds: bool,
    ) {
        let any_or = condition.iter().any(|c| c.or);
        let all_or = condition.iter().skip(1).all(|c| c.or);
        // With `or`, no one path is known to be set.
        if holds && !any_or {
            scope.guards = condition
                .iter()
                .flat_map(|c| [Some(&c.left), c.right.as_ref()])
                .flatten()
                .filter_map(operand_key)
                .collect();
        }
        // `a and b` holding, or `a or b` failing, tells each comparison's
        // outcome; the other two cases tell none.
        if (holds && any_or) || (!holds && !all_or) {
            return;
        }
        for comparison in condition {
            self.narrow(scope, comparison, holds);
        }
    }

    /// Narrows a variable to the records for which `comparison` comes out as
    /// `holds`: `X.f` (set: not nil, not false), `X.f == "a"`, `X.f != "a"`.
    fn narrow(&self, scope: &mut Scope<'a, 't>, comparison: &Comparison<'a>, holds: bool) {
        enum Test<'s> {
            Set,
            Equals(&'s str, bool),
        }
        let (path, test) = match (&comparison.left, comparison.op, &comparison.right) {
            (Operand::Path(path), None, None) => (path, Test::Set),
            (Operand::Path(path), Some(op @ ("==" | "!=" | "<>")), Some(Operand::Str(text)))
            | (Operand::Str(text), Some(op @ ("==" | "!=" | "<>")), Some(Operand::Path(path))) => {
                (path, Test::Equals(text, op == "=="))
            }
            _ => return,
        };
        if path.segments.is_empty() {
            return;
        }
        let Some(shape) = scope.vars.get(path.root).or_else(|| self.lookup(path.root)) else {
            return;
        };
        let nodes = shape
            .nodes
            .iter()
            .filter(|node| match (self.value_at(node, &path.segments), &test) {
                (None, _) => true,
                (Some(value), Test::Set) => {
                    !matches!(value, Value::Null | Value::Bool(false)) == holds
                }
                (Some(value), Test::Equals(text, equal)) => {
                    (value.as_str() == Some(*text)) == (*equal == holds)
                }
            })
            .cloned()
            .collect();
        let open = shape.open;
        scope.vars.insert(path.root, Shape { nodes, open });
    }

    fn read_condition(&mut self, condition: &'t [Comparison<'a>]) {
        for comparison in condition {
            self.operand(&comparison.left, true);
            if let Some(right) = &comparison.right {
                self.operand(right, true);
            }
        }
    }

    fn assign(&mut self, name: &'a str, shape: Shape<'a>) {
        // Liquid's `assign` outlives the `if` it is written in.
        let at = self
            .scopes
            .iter()
            .rposition(|s| matches!(s.kind, ScopeKind::Root | ScopeKind::For))
            .unwrap_or(0);
        for scope in &mut self.scopes[at + 1..] {
            scope.vars.remove(name);
        }
        self.scopes[at].vars.insert(name, shape);
    }

    fn lookup(&self, name: &str) -> Option<&Shape<'a>> {
        self.scopes.iter().rev().find_map(|s| s.vars.get(name))
    }

    fn is_guarded(&self, key: &str) -> bool {
        self.scopes.iter().flat_map(|s| &s.guards).any(|guard| {
            guard == key
                || guard
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.starts_with(['.', '[']))
        })
    }

    fn include(
        &mut self,
        relative: bool,
        name: &'t IncludeName<'a>,
        params: &'t [(&'a str, Expr<'a>)],
    ) {
        let mut names = vec![String::new()];
        match name {
            IncludeName::Static(name) => names[0].push_str(name),
            IncludeName::Built(parts) => {
                for part in parts {
                    match part {
                        NamePart::Text(text) => names.iter_mut().for_each(|n| n.push_str(text)),
                        NamePart::Output(expr) => {
                            let shape = self.expr(expr, false);
                            let options = shape.literals().unwrap_or_default();
                            names = names
                                .iter()
                                .flat_map(|n| options.iter().map(move |o| format!("{n}{o}")))
                                .take(MAX_BUILT_NAMES)
                                .collect();
                        }
                    }
                }
            }
        }
        let mut env = Env::default();
        for (key, value) in params {
            let shape = self.expr(value, false);
            env.params.insert(key, shape);
        }
        for scope in &self.scopes {
            for (name, shape) in &scope.vars {
                env.vars.insert(name, shape.clone());
            }
        }
        for name in names {
            let target = if relative {
                galley_liquid::next_to(self.path, &name)
            } else {
                format!("_includes/{name}")
            };
            self.calls.push((target, env.clone()));
        }
    }

    fn expr(&mut self, expr: &'t Expr<'a>, guarded: bool) -> Shape<'a> {
        let has_default = expr.filters.iter().any(|f| f.name == "default");
        self.defaulted = has_default;
        let mut shape = self.operand(&expr.head, guarded || has_default);
        self.defaulted = false;
        for filter in &expr.filters {
            let args: Vec<Shape<'a>> = filter
                .args
                .iter()
                .map(|arg| self.operand(arg, false))
                .collect();
            shape = self.filter(shape, filter, &args);
        }
        shape
    }

    fn operand(&mut self, operand: &'t Operand<'a>, guarded: bool) -> Shape<'a> {
        match operand {
            Operand::Path(path) => self.read(path, guarded),
            Operand::Str(text) => Shape::of(vec![Node::Literal(text)]),
            Operand::Int(_) | Operand::Other => Shape::open(),
        }
    }

    /// Reads a variable path, judging each field against the nodes that reach it.
    fn read(&mut self, path: &'t Path<'a>, guarded: bool) -> Shape<'a> {
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
    fn resolve_segments(&mut self, mut shape: Shape<'a>, path: &Path<'a>) -> Shape<'a> {
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

    fn push_read(&mut self, path: &Path<'a>, guarded: bool, verdict: Verdict) {
        let text = self.model.site.files[self.file].source.text();
        self.reads.push(FieldRead {
            file: self.file,
            range: path.range.clone(),
            written: text[path.range.clone()].to_owned(),
            guarded: guarded || self.is_guarded(&path_key(path)),
            defaulted: self.defaulted,
            unused_include: false,
            verdict,
        });
    }

    /// The shape a path's root names, the first segment still to follow, and
    /// whether its fields are judged (variables the template binds, and `page`).
    fn root(&self, path: &Path<'a>) -> (Shape<'a>, usize, bool) {
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
    fn field(&mut self, shape: &Shape<'a>, field: &str, mark: bool) -> Step<'a> {
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

    fn index(&mut self, shape: &Shape<'a>, index: i64) -> Shape<'a> {
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
    fn elements(&mut self, shape: &Shape<'a>) -> Shape<'a> {
        self.members(shape, true)
    }

    /// The members of a collection: for a hash, `[key, value]` pairs when
    /// `pairs` (a loop), else its values (what `where` and `map` see).
    fn members(&mut self, shape: &Shape<'a>, pairs: bool) -> Shape<'a> {
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

    fn filter(&mut self, shape: Shape<'a>, filter: &Filter<'a>, args: &[Shape<'a>]) -> Shape<'a> {
        let property = args.first().and_then(Shape::literals);
        let property = property.as_deref().and_then(|p| p.first().copied());
        let list = |shape: Shape<'a>| Shape {
            open: shape.open,
            nodes: if shape.nodes.is_empty() {
                Vec::new()
            } else {
                vec![Node::List(Rc::new(shape.nodes))]
            },
        };
        match filter.name {
            "where" => {
                let values = self.members(&shape, false);
                let wanted = args.get(1).and_then(Shape::literals);
                let Some(property) = property else {
                    return list(values);
                };
                self.field(&values, property, true);
                let kept = values
                    .nodes
                    .iter()
                    .filter(|node| {
                        let segment = Segment::Field(property, 0..0);
                        match (&wanted, self.value_at(node, std::slice::from_ref(&segment))) {
                            (Some(wanted), Some(value)) => {
                                value.as_str().is_some_and(|v| wanted.contains(&v))
                            }
                            _ => true,
                        }
                    })
                    .cloned()
                    .collect();
                list(Shape {
                    nodes: kept,
                    open: values.open,
                })
            }
            "sort" | "sort_natural" | "where_exp" | "reverse" | "uniq" | "compact" | "shuffle"
            | "sample" => {
                let values = self.members(
                    &shape,
                    filter.name.starts_with("sort") && property.is_none(),
                );
                if let Some(property) = property.filter(|_| filter.name.starts_with("sort")) {
                    self.field(&values, property, true);
                }
                list(values)
            }
            "first" | "last" => self.members(&shape, false),
            "map" => {
                let values = self.members(&shape, false);
                match property {
                    Some(property) => list(self.field(&values, property, true).shape),
                    None => Shape::open(),
                }
            }
            "default" => {
                let mut shape = shape;
                if let Some(arg) = args.first() {
                    shape.merge(arg);
                }
                shape
            }
            "concat" | "push" => {
                let mut values = self.members(&shape, false);
                if let Some(arg) = args.first() {
                    let more = if filter.name == "concat" {
                        self.members(arg, false)
                    } else {
                        arg.clone()
                    };
                    values.merge(&more);
                }
                list(values)
            }
            "jsonify" | "inspect" => {
                self.mark_whole(&shape);
                Shape::open()
            }
            _ => Shape::open(),
        }
    }

    /// Records that every field under the nodes is read (printed whole, turned
    /// into JSON, or read by a key only known at build time).
    fn mark_whole(&mut self, shape: &Shape<'a>) {
        for node in &shape.nodes {
            self.marks.whole(self.model, node);
        }
    }

    /// The value at `segments` below a node, when it can be told here; `None`
    /// when it cannot (so the node is kept by a narrowing).
    fn value_at(&self, node: &Node<'a>, segments: &[Segment<'_>]) -> Option<&'a Value> {
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

    fn unknown(&mut self, path: &Path<'a>, at: usize, field: &str, step: &Step<'a>) -> Verdict {
        // The fields the records do have (and their schemas describe).
        let mut fields = BTreeSet::new();
        for node in &step.lacking {
            match node {
                Node::Value(v) => {
                    if let Some(map) = v.value.as_object() {
                        fields.extend(map.keys().cloned());
                    }
                    fields.extend(self.model.schema_fields(v.doc, v.schema));
                }
                Node::Document(doc) => {
                    if let Some(map) = self.model.docs[*doc].value.as_object() {
                        fields.extend(map.keys().cloned());
                    }
                }
                _ => {}
            }
        }
        let prefix = prefix_text(path, at);
        let mut suggestion = near_field(field, &fields).map(|near| format!("{prefix}.{near}"));
        // Else another loop or assigned variable that has the field:
        // `page.author` where `post.author` was meant.
        if suggestion.is_none() && at == 0 {
            let mut names: Vec<&'a str> = self
                .scopes
                .iter()
                .flat_map(|s| s.vars.keys().copied())
                .filter(|name| *name != path.root && *name != "page")
                .collect();
            names.sort_unstable();
            names.dedup();
            for name in names {
                let Some(shape) = self.lookup(name).cloned() else {
                    continue;
                };
                let found = self.field(&shape, field, false);
                // Set for every record, and not merely by Jekyll (`name`).
                if found.defined > found.builtin && found.lacking.is_empty() {
                    suggestion = Some(format!("{name}.{field}"));
                    break;
                }
            }
        }
        let allowed_by_schema_of = step
            .lacking
            .iter()
            .filter_map(|node| match node {
                Node::Value(v) if self.model.schema_allows(v.doc, v.schema, field) => {
                    Some(self.model.origin_of(v.doc).to_owned())
                }
                _ => None,
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        Verdict::Unknown(Box::new(Unknown {
            field: field.to_owned(),
            sources: self.sources(&step.lacking),
            from_front_matter: step
                .lacking
                .iter()
                .all(|node| matches!(node, Node::Document(_))),
            fields: fields.into_iter().collect(),
            suggestion,
            allowed_by_schema_of,
            pairs: step.pairs,
        }))
    }

    /// A node as a reader finds it: its file, and the line when it is inside one.
    fn label(&self, node: &Node<'a>) -> String {
        let model = self.model;
        match node {
            Node::Value(v) => {
                let path = model.site.files[model.docs[v.doc].file].source.path();
                match (v.pointer.is_empty(), model.docs[v.doc].yaml) {
                    (false, Some(yaml)) => {
                        format!("{path}:{}", yaml.spans(&v.pointer).value.start.line)
                    }
                    _ => path.to_owned(),
                }
            }
            Node::Document(doc) => model.site.files[model.docs[*doc].file]
                .source
                .path()
                .to_owned(),
            Node::Pair(pair) => format!("the pair `{}`", pair.0),
            _ => String::new(),
        }
    }

    /// Where the nodes come from: data folders or files, and pages.
    fn sources(&self, nodes: &[Node<'a>]) -> Vec<String> {
        let mut sources: BTreeSet<String> = BTreeSet::new();
        for node in nodes {
            match node {
                Node::Value(v) => {
                    sources.insert(self.model.origin_of(v.doc).to_owned());
                }
                Node::Document(doc) => {
                    sources.insert(
                        self.model.site.files[self.model.docs[*doc].file]
                            .source
                            .path()
                            .to_owned(),
                    );
                }
                Node::Pair(pair) => {
                    if let Node::Value(v) = &pair.1 {
                        sources.insert(self.model.origin_of(v.doc).to_owned());
                    }
                }
                _ => {}
            }
        }
        sources.into_iter().collect()
    }
}

/// Whether a value always prints something: a string that is not blank, a
/// number or `true`.
fn is_set(node: &Node<'_>) -> bool {
    match node {
        Node::Value(v) => match v.value {
            Value::String(text) => !text.trim().is_empty(),
            Value::Number(_) => true,
            Value::Bool(value) => *value,
            _ => false,
        },
        Node::Literal(text) => !text.trim().is_empty(),
        _ => false,
    }
}

/// `item.downloads[0].url` → `item.downloads[].url`: how guards are matched.
fn path_key(path: &Path<'_>) -> String {
    prefix_text(path, path.segments.len())
}

/// The root and the first `count` segments, as a key.
fn prefix_text(path: &Path<'_>, count: usize) -> String {
    let mut key = path.root.to_owned();
    for segment in &path.segments[..count] {
        match segment {
            Segment::Field(name, _) => {
                key.push('.');
                key.push_str(name);
            }
            Segment::Index(index) => key.push_str(&format!("[{index}]")),
            Segment::Dynamic(_) => key.push_str("[]"),
        }
    }
    key
}

fn operand_key(operand: &Operand<'_>) -> Option<String> {
    match operand {
        Operand::Path(path) => Some(path_key(path)),
        _ => None,
    }
}

/// Fields that are often confused: the name a template reads and the one the
/// data uses for the same thing.
const CONFUSED_FIELDS: &[&[&str]] = &[
    &["name", "title", "label"],
    &["image", "logo", "icon", "img", "picture"],
    &["url", "link", "href", "website", "homepage"],
    &["author", "authors", "by"],
    &["description", "summary", "excerpt", "text", "body"],
    &["date", "published", "updated"],
];

/// The existing field closest to `field`: by spelling, else a common synonym.
fn near_field<'s>(field: &str, fields: &'s BTreeSet<String>) -> Option<&'s str> {
    let others = fields.iter().map(String::as_str).filter(|f| *f != field);
    if let Some(near) = galley_core::closest(field, others) {
        return Some(near);
    }
    let group = CONFUSED_FIELDS
        .iter()
        .find(|group| group.contains(&field))?;
    group
        .iter()
        .filter(|&&other| other != field)
        .find_map(|other| fields.get(*other).map(String::as_str))
}

impl<'a> super::Model<'a> {
    /// A member of a value: its field `key`.
    pub(crate) fn child(
        &self,
        parent: &ValueNode<'a>,
        key: &str,
        value: &'a Value,
    ) -> ValueNode<'a> {
        let escaped = escape_pointer(key);
        ValueNode {
            doc: parent.doc,
            value,
            pointer: format!("{}/{escaped}", parent.pointer).into(),
            pattern: format!("{}/{escaped}", parent.pattern).into(),
            schema: self.schema_property(parent.doc, parent.schema, key),
        }
    }

    /// A member of a list: its item `at`.
    pub(crate) fn element(
        &self,
        parent: &ValueNode<'a>,
        at: usize,
        value: &'a Value,
    ) -> ValueNode<'a> {
        ValueNode {
            doc: parent.doc,
            value,
            pointer: format!("{}/{at}", parent.pointer).into(),
            pattern: format!("{}/*", parent.pattern).into(),
            schema: self.schema_items(parent.doc, parent.schema),
        }
    }
}
