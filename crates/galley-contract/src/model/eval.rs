//! One template read against the data its variables range over: loops bind
//! names to records, `if` guards and narrows them, includes pass them on, and
//! every field read is judged against the records that reach it.

mod fields;
mod filters;
mod unknown;

use std::collections::{BTreeSet, HashSet};
use std::rc::Rc;

use rustc_hash::FxHashMap as HashMap;
use serde_json::Value;

use super::shape::{Node, Shape, ValueNode};
use super::{Env, FieldRead, Marks, Model, Optional, Template, Unknown, Verdict};
use galley_liquid::syntax::{
    Comparison, Expr, Filter, IncludeName, Markup, MarkupKind, NamePart, Operand, Path, Segment,
};
use galley_yaml::escape_pointer;

/// What reading a template gave: its field reads and the includes it calls with
/// the variables they see.
pub(crate) struct Evaluation<'a> {
    pub(crate) reads: Vec<FieldRead>,
    pub(crate) calls: Vec<(String, Env<'a>)>,
    /// The reads in each include parameter's value, with the include and the
    /// parameter: whether a missing value matters is the include's to say.
    pub(crate) passed: Vec<Passed<'a>>,
    /// The byte ranges of branches that never render with this data.
    pub(crate) dead: Vec<std::ops::Range<usize>>,
}

pub(crate) struct Passed<'a> {
    /// Indices into `reads`.
    pub(crate) reads: std::ops::Range<usize>,
    pub(crate) target: String,
    pub(crate) key: &'a str,
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
    /// A branch that never renders with this data: its condition tests a
    /// field no record sets (an optional feature nobody uses yet). What it
    /// reads is guarded.
    dead: bool,
    /// Where a dead branch's content starts.
    dead_from: usize,
}

impl<'a> Scope<'a, '_> {
    fn new(kind: ScopeKind) -> Self {
        Scope {
            kind,
            vars: HashMap::default(),
            guards: Vec::new(),
            dead: false,
            dead_from: 0,
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
    /// Reading an `if`, `elsif`, `unless` or `when` condition.
    in_condition: bool,
    calls: Vec<(String, Env<'a>)>,
    passed: Vec<Passed<'a>>,
    /// The path being read has a `default` filter.
    defaulted: bool,
    /// The markup being read is a `{{ … }}` output.
    printed: bool,
    /// The output being read prints a whole class name.
    in_class: bool,
    /// The markup being read.
    at: std::ops::Range<usize>,
    dead: Vec<std::ops::Range<usize>>,
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
        in_condition: false,
        calls: Vec::new(),
        passed: Vec::new(),
        defaulted: false,
        printed: false,
        in_class: false,
        at: 0..0,
        dead: Vec::new(),
    };
    for markup in template.markups {
        // The root scope and one per open block.
        if evaluator.scopes.len() > galley_core::limits::MAX_LIQUID_BLOCK_DEPTH + 1 {
            break;
        }
        evaluator.printed = matches!(markup.kind, MarkupKind::Output(_));
        evaluator.in_class =
            evaluator.printed && is_class_name(template.masked, markup.range.clone());
        evaluator.at = markup.range.clone();
        evaluator.markup(&markup.kind);
    }
    Evaluation {
        reads: evaluator.reads,
        calls: evaluator.calls,
        passed: evaluator.passed,
        dead: evaluator.dead,
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
                let tests_unset = self.read_condition(condition);
                let mut scope = Scope::new(ScopeKind::If { negated: *negated });
                scope.condition = Some(condition);
                scope.dead = tests_unset && !*negated;
                scope.dead_from = self.at.end;
                self.enter_branch(&mut scope, condition, !*negated);
                self.scopes.push(scope);
            }
            MarkupKind::Elsif(condition) => {
                let tests_unset = self.read_condition(condition);
                if let Some(mut scope) = self.take_branch_scope() {
                    // The `else` after it follows more than one condition.
                    scope.condition = None;
                    scope.dead = tests_unset;
                    scope.dead_from = self.at.end;
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
                self.in_condition = true;
                for value in values {
                    self.operand(value, true);
                }
                self.in_condition = false;
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
                    for scope in self.scopes.drain(at..) {
                        if scope.dead {
                            self.dead.push(scope.dead_from..self.at.start);
                        }
                    }
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
        if scope.dead {
            self.dead.push(scope.dead_from..self.at.start);
        }
        scope.vars.clear();
        scope.guards.clear();
        scope.dead = false;
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

    /// Reads a condition's paths (guarded: testing a field is how a template
    /// asks whether it is set). Whether the condition holds only for a field
    /// no record sets (joined by `and`): then its branch never renders.
    fn read_condition(&mut self, condition: &'t [Comparison<'a>]) -> bool {
        let before = self.reads.len();
        self.in_condition = true;
        for comparison in condition {
            self.operand(&comparison.left, true);
            if let Some(right) = &comparison.right {
                self.operand(right, true);
            }
        }
        self.in_condition = false;
        !condition.iter().any(|c| c.or)
            && self.reads[before..]
                .iter()
                .any(|read| matches!(read.verdict, Verdict::Unknown(_)))
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
        let mut passed = Vec::new();
        for (key, value) in params {
            let first = self.reads.len();
            let shape = self.expr(value, false);
            passed.push((first..self.reads.len(), *key));
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
            for (reads, key) in &passed {
                self.passed.push(Passed {
                    reads: reads.clone(),
                    target: target.clone(),
                    key,
                });
            }
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
}

/// The parameters an include needs: those it prints, assigns, filters with or
/// passes on with no `default`. One it only tests (`{% if include.note %}`),
/// loops over, or gives a fallback (`include.text | default: page.title`)
/// may be missing.
pub(crate) fn needed_params<'a>(markups: &[Markup<'a>]) -> HashSet<&'a str> {
    fn param<'a>(operand: &Operand<'a>) -> Option<&'a str> {
        match operand {
            Operand::Path(path) if path.root == "include" => match path.segments.first() {
                Some(Segment::Field(name, _)) => Some(name),
                _ => None,
            },
            _ => None,
        }
    }
    fn filter_args<'a>(expr: &Expr<'a>, needed: &mut HashSet<&'a str>) {
        let args = expr.filters.iter().flat_map(|f| &f.args);
        needed.extend(args.filter_map(param));
    }
    fn printed<'a>(expr: &Expr<'a>, needed: &mut HashSet<&'a str>) {
        if !expr.filters.iter().any(|f| f.name == "default") {
            needed.extend(param(&expr.head));
        }
        filter_args(expr, needed);
    }
    let mut needed = HashSet::new();
    for markup in markups {
        match &markup.kind {
            MarkupKind::Output(expr) | MarkupKind::Assign { value: expr, .. } => {
                printed(expr, &mut needed)
            }
            MarkupKind::For { collection, .. } | MarkupKind::Case(collection) => {
                filter_args(collection, &mut needed)
            }
            MarkupKind::Include { name, params, .. } => {
                for (_, value) in params {
                    printed(value, &mut needed);
                }
                if let IncludeName::Built(parts) = name {
                    for part in parts {
                        if let NamePart::Output(expr) = part {
                            printed(expr, &mut needed);
                        }
                    }
                }
            }
            MarkupKind::Other { reads, .. } => needed.extend(reads.iter().filter_map(param)),
            MarkupKind::If { .. }
            | MarkupKind::Elsif(_)
            | MarkupKind::When(_)
            | MarkupKind::Capture { .. }
            | MarkupKind::Else
            | MarkupKind::End(_)
            | MarkupKind::Skipped => {}
        }
    }
    needed
}

/// Whether the output at `range` of a masked template is a whole class name
/// in a `class` attribute: space or the quote on both sides.
fn is_class_name(masked: &str, range: std::ops::Range<usize>) -> bool {
    let bytes = masked.as_bytes();
    let apart =
        |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\''));
    range.start > 0
        && apart(bytes.get(range.start - 1))
        && apart(bytes.get(range.end))
        && attribute_at(masked, range.start).is_some_and(|name| name.eq_ignore_ascii_case("class"))
}

/// The name of the HTML attribute whose value holds byte `at` of a masked
/// template, if `at` is inside a tag's attribute value. Looks back at most a
/// few kilobytes for the tag's `<`.
fn attribute_at(masked: &str, at: usize) -> Option<&str> {
    const WINDOW: usize = 4096;
    let mut from = at.saturating_sub(WINDOW);
    while !masked.is_char_boundary(from) {
        from += 1;
    }
    let before = masked.get(from..at)?;
    let open = from + before.rfind('<')?;
    let tag = &masked.as_bytes()[open..at];
    if tag.contains(&b'>') {
        return None;
    }
    // Past the tag name, then attribute by attribute.
    let mut i = 1 + tag[1..].iter().position(|b| b.is_ascii_whitespace())?;
    let end = tag.len();
    loop {
        while i < end && (tag[i].is_ascii_whitespace() || tag[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < end && !tag[i].is_ascii_whitespace() && tag[i] != b'=' {
            i += 1;
        }
        let name = &masked[open + name_start..open + i];
        while i < end && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= end {
            // `at` is in this attribute's name or just after it.
            return None;
        }
        if tag[i] != b'=' {
            continue;
        }
        i += 1;
        while i < end && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= end {
            // `name={{ … }}`: an unquoted value starts at `at`.
            return Some(name);
        }
        match tag[i] {
            quote @ (b'"' | b'\'') => match tag[i + 1..].iter().position(|&b| b == quote) {
                Some(close) => i += close + 2,
                None => return Some(name),
            },
            _ => match tag[i..].iter().position(|b| b.is_ascii_whitespace()) {
                Some(space) => i += space,
                None => return Some(name),
            },
        }
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
