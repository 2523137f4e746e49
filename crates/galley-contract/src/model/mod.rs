//! The template–data contract: which records each template variable ranges
//! over, and what every field read finds there.
//!
//! Liquid prints nothing for a field that is not there, so a template that
//! reads `item.name` from records that have `title` builds without a word.
//! Galley knows both sides. It reads every page, layout and include's Liquid
//! ([`galley_liquid::syntax`]) and follows values as Jekyll would: `{% for X in
//! site.data.P %}` binds `X` to the entries under `_data/P` (a folder's files,
//! a file's list), `item_hash[1]` to the record of a `[name, record]` pair,
//! `{% for p in item.downloads %}` to that list's items, `page` to the front
//! matter of the pages a layout or include is rendered for, `post` in a loop
//! over `site.posts` to the posts'. An include sees the variables of every
//! place that includes it, and its `include.x` parameters; `if X.f` guards a
//! read of `X.f`, and `if X.type == "A"` narrows `X` to the records whose
//! `type` is `A`. Includes are read again until what reaches them stops
//! growing.
//!
//! Each read of a field is judged against the nodes that reach it: defined
//! by all, by some (optional), or by none and allowed by no bound schema
//! (unknown). Which fields of the data no template reads comes out too.

mod eval;
mod shape;
mod usage;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::ops::Range;
use std::rc::Rc;

use galley_core::Span;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde_json::Value;

use galley_liquid::syntax::Markup;
use galley_site::data::DataFiles;
use galley_site::{FileKind, Site, SiteMap};
use galley_yaml::{YamlDocument, escape_pointer};
use shape::{Node, Shape, ValueNode};
use usage::{Marks, UnusedWalk, path_of_origin};

/// An index into the model's documents (data files and front matters).
pub(crate) type DocId = usize;

/// What every template reads from the data, judged.
#[derive(Debug, Default)]
pub struct Contract {
    /// Every judged field read, by file and position.
    pub reads: Vec<FieldRead>,
    /// Fields that records define and no template bound to them reads.
    pub unused: Vec<UnusedField>,
    /// Branches that never render with the site's data (`{% if page.logo %}`
    /// where no page has `logo`), by file and byte range, sorted.
    pub dead: Vec<(usize, Range<usize>)>,
}

/// One read of a field in a template (`item.name`, `platform.url`).
#[derive(Debug, Clone)]
pub struct FieldRead {
    /// Its file's index in `Site::files`.
    pub file: usize,
    /// The whole path as written, from its root.
    pub range: Range<usize>,
    pub written: String,
    /// Inside `{% if %}` on the same path, a condition itself, a loop's
    /// collection, or given a `default`: a missing value is expected.
    pub guarded: bool,
    /// Given a `default` filter: whatever the data holds, something prints.
    pub defaulted: bool,
    /// Tested by an `if`: a condition itself, inside `{% if %}` on the same
    /// path, or inside a branch whose condition no record meets (it never
    /// renders). A template that asks whether a field is set is not wrong
    /// when none sets it.
    pub tested: bool,
    /// Inside a branch whose condition no record meets: it never renders.
    pub dead: bool,
    /// Read in a `{{ … }}` output (else in a tag: `assign`, `for`, `if`…).
    pub printed: bool,
    /// Printed as a whole class name of a `class` attribute
    /// (`class="card {{ item.extra_class }}"`): a missing value drops a
    /// style hook, nothing a reader sees. (`class="pad-{{ x }}"` is not: it
    /// leaves a broken class.)
    pub in_class: bool,
    /// Passed to an include that does not need it (it gives the parameter a
    /// `default`, only tests it, or never prints it).
    pub passed_unneeded: bool,
    pub verdict: Verdict,
}

#[derive(Debug, Clone)]
pub enum Verdict {
    /// Every record that reaches the read defines the field; `always_set` when
    /// each value prints something (a non-blank string, a number, `true`).
    Defined { always_set: bool },
    /// Some records define the field, some do not.
    Optional(Optional),
    /// No record defines the field and no schema bound to them allows it.
    Unknown(Box<Unknown>),
}

#[derive(Debug, Clone)]
pub struct Optional {
    /// The first field along the path that some records lack.
    pub field: String,
    /// The records that lack it (`path`, or `path:line` inside a file).
    pub lacking: Vec<String>,
    /// How many records reach it.
    pub total: usize,
    /// Where the records that lack it come from.
    pub sources: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Unknown {
    /// The field no record defines.
    pub field: String,
    /// Where the records come from: data folders and files, or pages.
    pub sources: Vec<String>,
    /// The records are pages' front matter, not data.
    pub from_front_matter: bool,
    /// The fields the records do have.
    pub fields: Vec<String>,
    /// A path that exists: `item.title`, or `post.author` for another variable.
    pub suggestion: Option<String>,
    /// Data whose schema allows the field (no record sets it).
    pub allowed_by_schema_of: Vec<String>,
    /// The variable is a `[name, record]` pair from a loop over a hash.
    pub pairs: bool,
}

/// A field of a data record that no template reads.
#[derive(Debug, Clone)]
pub struct UnusedField {
    /// The data file's index in `Site::files`.
    pub file: usize,
    /// The key.
    pub span: Span,
    pub key: String,
    /// Where it is in every record (`/downloads/*/name`).
    pub pattern: String,
    /// The data folder or file the record belongs to.
    pub origin: String,
    /// The templates that read this data.
    pub readers: Vec<String>,
}

impl Contract {
    /// Reads every template of the site against its data. `schema_for` gives
    /// the JSON Schema bound to a data file's path.
    pub fn build<'a>(
        site: &'a Site,
        map: &'a SiteMap,
        templates: &'a galley_site::Templates<'a>,
        data: &'a DataFiles,
        schema_for: &dyn Fn(&str) -> Option<&'a Value>,
    ) -> Contract {
        let model = Model::new(site, map, data, schema_for);
        let templates = Templates::of(site, templates);
        model.run(&templates)
    }

    /// The reads whose path starts inside `range` of file `file`.
    /// Whether `range` of `file` lies in a branch that never renders.
    pub fn never_rendered(&self, file: usize, range: Range<usize>) -> bool {
        let first = self.dead.partition_point(|(f, _)| *f < file);
        self.dead[first..]
            .iter()
            .take_while(|(f, _)| *f == file)
            .any(|(_, dead)| dead.start <= range.start && range.end <= dead.end)
    }

    pub fn reads_in(&self, file: usize, range: Range<usize>) -> impl Iterator<Item = &FieldRead> {
        let first = self
            .reads
            .partition_point(|r| (r.file, r.range.start) < (file, range.start));
        self.reads[first..]
            .iter()
            .take_while(move |r| r.file == file && r.range.start < range.end)
    }
}

/// A document the contract reads values from.
pub(crate) struct Doc<'a> {
    /// Its file's index in `Site::files`.
    pub(crate) file: usize,
    pub(crate) yaml: Option<&'a YamlDocument>,
    pub(crate) value: &'a Value,
    /// Data: the folder (or file) its records belong to; `None` for a page's
    /// front matter.
    pub(crate) origin: Option<usize>,
    /// The JSON Schema bound to it.
    pub(crate) schema: Option<&'a Value>,
    /// A page: the variables Jekyll gives it beyond its front matter.
    pub(crate) page: Option<PageVars>,
}

pub(crate) struct PageVars {
    builtins: &'static [&'static str],
    /// Fields `_config.yml`'s `defaults:` sets for it.
    defaults: Vec<String>,
}

/// What Jekyll gives every page (`Page#to_liquid`).
const PAGE_VARIABLES: &[&str] = &["content", "dir", "excerpt", "name", "path", "url", "output"];
/// What Jekyll gives every collection document (`DocumentDrop`, and the data
/// it derives from the file name).
const DOCUMENT_VARIABLES: &[&str] = &[
    "categories",
    "collection",
    "content",
    "date",
    "draft",
    "excerpt",
    "ext",
    "id",
    "name",
    "next",
    "output",
    "path",
    "previous",
    "relative_path",
    "slug",
    "tags",
    "title",
    "url",
];

/// A `_data` folder: its files and subfolders, by the name Liquid uses.
pub(crate) struct Folder<'a> {
    /// `_data/software`.
    pub(crate) path: &'a str,
    pub(crate) entries: Vec<(&'a str, Entry)>,
}

#[derive(Clone, Copy)]
pub(crate) enum Entry {
    Folder(usize),
    File(DocId),
}

impl Folder<'_> {
    fn entry(&self, name: &str) -> Option<Entry> {
        self.entries
            .iter()
            .find(|(entry, _)| *entry == name)
            .map(|&(_, entry)| entry)
    }

    /// Whether `name` is data Galley does not read (JSON, CSV, TSV), whose
    /// fields it cannot know.
    fn has_unread(&self, site: &Site, name: &str) -> bool {
        ["json", "csv", "tsv"]
            .iter()
            .any(|ext| site.has_file(&format!("{}/{name}.{ext}", self.path)))
    }
}

pub(crate) struct Model<'a> {
    pub(crate) site: &'a Site,
    pub(crate) docs: Vec<Doc<'a>>,
    /// `_data` is folder 0.
    pub(crate) folders: Vec<Folder<'a>>,
    /// Lists of documents: `posts`, `pages`, each collection, `documents`.
    pub(crate) lists: Vec<Vec<DocId>>,
    list_names: HashMap<String, usize>,
    /// Data folders and files records belong to (`_data/software/messengers`).
    origins: Vec<String>,
    /// A page file's front-matter document.
    page_docs: HashMap<usize, DocId>,
    layouts: HashMap<usize, Option<String>>,
}

impl<'a> Model<'a> {
    fn new(
        site: &'a Site,
        map: &'a SiteMap,
        data: &'a DataFiles,
        schema_for: &dyn Fn(&str) -> Option<&'a Value>,
    ) -> Model<'a> {
        static NULL: Value = Value::Null;
        let mut model = Model {
            site,
            docs: Vec::new(),
            folders: vec![Folder {
                path: "_data",
                entries: Vec::new(),
            }],
            lists: Vec::new(),
            list_names: HashMap::default(),
            origins: Vec::new(),
            page_docs: HashMap::default(),
            layouts: HashMap::default(),
        };
        let mut origin_ids: HashMap<String, usize> = HashMap::default();
        let mut folder_ids: HashMap<String, usize> = HashMap::default();
        folder_ids.insert("_data".to_owned(), 0);
        for (index, file, document) in data.documents(site) {
            let path = file.source.path();
            let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
            let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
            let origin = if dir == "_data" { path } else { dir };
            let next = origin_ids.len();
            let origin = *origin_ids.entry(origin.to_owned()).or_insert(next);
            if origin == model.origins.len() {
                model.origins.push(path_of_origin(path, dir));
            }
            let doc = model.docs.len();
            model.docs.push(Doc {
                file: index,
                yaml: Some(document),
                value: &document.value,
                origin: Some(origin),
                schema: schema_for(path),
                page: None,
            });
            let folder = model.folder(&mut folder_ids, dir);
            model.folders[folder].entries.push((stem, Entry::File(doc)));
        }
        for folder in &mut model.folders {
            folder.entries.sort_by(|a, b| natord::compare(a.0, b.0));
        }

        let jekyll = site.jekyll.as_ref();
        let mut lists: BTreeMap<String, Vec<DocId>> = BTreeMap::new();
        for (index, file) in site.files.iter().enumerate() {
            let Some(meta) = map.page(index) else {
                continue;
            };
            if matches!(file.kind, FileKind::Layout | FileKind::Include) {
                model.layouts.insert(index, meta.layout.clone());
                continue;
            }
            if file.kind != FileKind::Page || !meta.has_front_matter {
                continue;
            }
            let path = file.source.path();
            let collection = jekyll
                .and_then(|j| j.collection_of(path))
                .map(|(c, _)| c.label.as_str());
            let doc = model.docs.len();
            model.docs.push(Doc {
                file: index,
                yaml: meta.front_matter.as_ref(),
                value: meta.front_matter.as_ref().map_or(&NULL, |fm| &fm.value),
                origin: None,
                schema: None,
                page: Some(PageVars {
                    builtins: if collection.is_some() {
                        DOCUMENT_VARIABLES
                    } else {
                        PAGE_VARIABLES
                    },
                    defaults: jekyll.map(|j| j.default_fields(path)).unwrap_or_default(),
                }),
            });
            model.page_docs.insert(index, doc);
            model.layouts.insert(index, meta.layout.clone());
            match collection {
                Some(label) => {
                    lists.entry(label.to_owned()).or_default().push(doc);
                    lists.entry("documents".to_owned()).or_default().push(doc);
                }
                None => lists.entry("pages".to_owned()).or_default().push(doc),
            }
        }
        // Jekyll lists posts newest first; the order does not matter here.
        for (name, docs) in lists {
            model.list_names.insert(name, model.lists.len());
            model.lists.push(docs);
        }
        model
    }

    /// The folder `dir` (`_data/a/b`), made with its parents when new.
    fn folder(&mut self, ids: &mut HashMap<String, usize>, dir: &'a str) -> usize {
        if let Some(&id) = ids.get(dir) {
            return id;
        }
        let (parent, name) = dir.rsplit_once('/').unwrap_or(("_data", dir));
        let parent = self.folder(ids, parent);
        let id = self.folders.len();
        self.folders.push(Folder {
            path: dir,
            entries: Vec::new(),
        });
        self.folders[parent].entries.push((name, Entry::Folder(id)));
        ids.insert(dir.to_owned(), id);
        id
    }

    pub(crate) fn list(&self, name: &str) -> Shape<'a> {
        match self.list_names.get(name) {
            Some(&list) => Shape::of(vec![Node::Documents(list)]),
            // `site.title` and the like, or a collection Galley does not read.
            None => Shape::open(),
        }
    }

    pub(crate) fn root(&self, doc: DocId) -> ValueNode<'a> {
        ValueNode {
            doc,
            value: self.docs[doc].value,
            pointer: Rc::from(""),
            pattern: Rc::from(""),
            schema: self.docs[doc].schema,
        }
    }

    pub(crate) fn entry_node(&self, entry: Entry) -> Node<'a> {
        match entry {
            Entry::Folder(folder) => Node::Folder(folder),
            Entry::File(doc) => Node::Value(self.root(doc)),
        }
    }

    pub(crate) fn origin_of(&self, doc: DocId) -> &str {
        match self.docs[doc].origin {
            Some(origin) => &self.origins[origin],
            None => self.site.files[self.docs[doc].file].source.path(),
        }
    }

    /// Whether Jekyll or `defaults:` sets `field` on a page.
    pub(crate) fn document_sets(&self, doc: DocId, field: &str) -> bool {
        self.jekyll_sets(doc, field)
            || self.docs[doc]
                .page
                .as_ref()
                .is_some_and(|p| p.defaults.iter().any(|f| f == field))
    }

    /// Whether Jekyll itself gives every page `field` (`url`, `name`).
    pub(crate) fn jekyll_sets(&self, doc: DocId, field: &str) -> bool {
        self.docs[doc]
            .page
            .as_ref()
            .is_some_and(|p| p.builtins.contains(&field))
    }

    /// `schema` with a local `$ref` followed (a few times at most).
    fn resolve(&self, doc: DocId, schema: &'a Value) -> &'a Value {
        let mut schema = schema;
        for _ in 0..8 {
            let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let Some(pointer) = reference.strip_prefix('#') else {
                break;
            };
            match self.docs[doc].schema.and_then(|root| root.pointer(pointer)) {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }

    /// The schema and the schemas it combines (`allOf`, `anyOf`, `oneOf`).
    fn schema_parts(&self, doc: DocId, schema: &'a Value) -> Vec<&'a Value> {
        let schema = self.resolve(doc, schema);
        let mut parts = vec![schema];
        for key in ["allOf", "anyOf", "oneOf"] {
            if let Some(Value::Array(members)) = schema.get(key) {
                parts.extend(members.iter().map(|m| self.resolve(doc, m)));
            }
        }
        parts
    }

    pub(crate) fn schema_property(
        &self,
        doc: DocId,
        schema: Option<&'a Value>,
        key: &str,
    ) -> Option<&'a Value> {
        self.schema_parts(doc, schema?)
            .into_iter()
            .find_map(|part| part.get("properties")?.get(key))
    }

    pub(crate) fn schema_items(&self, doc: DocId, schema: Option<&'a Value>) -> Option<&'a Value> {
        self.schema_parts(doc, schema?)
            .into_iter()
            .find_map(|part| part.get("items").filter(|items| items.is_object()))
    }

    /// Whether the schema lets a record have `field`: it names it, or it takes
    /// any other field on purpose (`patternProperties`, `additionalProperties`
    /// given as `true` or a schema).
    pub(crate) fn schema_allows(&self, doc: DocId, schema: Option<&'a Value>, field: &str) -> bool {
        let Some(schema) = schema else { return false };
        self.schema_parts(doc, schema).into_iter().any(|part| {
            part.get("properties").and_then(|p| p.get(field)).is_some()
                || part.get("patternProperties").is_some()
                || matches!(
                    part.get("additionalProperties"),
                    Some(Value::Bool(true) | Value::Object(_))
                )
        })
    }

    pub(crate) fn schema_fields(&self, doc: DocId, schema: Option<&'a Value>) -> Vec<String> {
        let Some(schema) = schema else {
            return Vec::new();
        };
        self.schema_parts(doc, schema)
            .into_iter()
            .filter_map(|part| part.get("properties")?.as_object())
            .flat_map(|properties| properties.keys().cloned())
            .collect()
    }

    /// Reads every template until what reaches the layouts and includes stops
    /// growing, then gathers the reads and the unread fields.
    fn run(&self, templates: &Templates<'a>) -> Contract {
        let mut marks = Marks::default();
        let mut envs: Vec<Env<'a>> = vec![Env::default(); templates.list.len()];
        let mut reads: Vec<Vec<FieldRead>> = vec![Vec::new(); templates.list.len()];
        let mut dead: Vec<Vec<Range<usize>>> = vec![Vec::new(); templates.list.len()];
        let mut queue: VecDeque<usize> = VecDeque::new();
        let mut queued = vec![false; templates.list.len()];
        let mut rounds = vec![0u32; templates.list.len()];

        for (at, template) in templates.list.iter().enumerate() {
            if let Some(&doc) = self.page_docs.get(&template.file) {
                envs[at]
                    .vars
                    .insert("page", Shape::of(vec![Node::Document(doc)]));
                queue.push_back(at);
                queued[at] = true;
            }
        }
        while let Some(at) = queue.pop_front() {
            queued[at] = false;
            rounds[at] += 1;
            if rounds[at] > MAX_ROUNDS {
                continue;
            }
            let template = &templates.list[at];
            let mut evaluation = eval::evaluate(self, template, &envs[at], &mut marks);
            for passed in &evaluation.passed {
                let needed = templates
                    .by_path
                    .get(passed.target.as_str())
                    .is_none_or(|&callee| {
                        templates.list[callee].needed_params.contains(passed.key)
                    });
                if !needed {
                    for read in &mut evaluation.reads[passed.reads.clone()] {
                        read.passed_unneeded = true;
                    }
                }
            }
            reads[at] = evaluation.reads;
            dead[at] = evaluation.dead;
            let mut grown = Vec::new();
            for (target, env) in evaluation.calls {
                if let Some(&callee) = templates.by_path.get(target.as_str())
                    && envs[callee].merge(&env)
                {
                    grown.push(callee);
                }
            }
            // A layout is rendered for the pages of the pages and layouts that use it.
            let layout = self
                .layouts
                .get(&template.file)
                .and_then(Option::as_deref)
                .and_then(|name| {
                    templates
                        .by_path
                        .get(format!("_layouts/{name}.html").as_str())
                });
            if let Some(&layout) = layout
                && layout != at
            {
                let page = Env {
                    vars: envs[at]
                        .vars
                        .get("page")
                        .map(|page| [("page", page.clone())].into_iter().collect())
                        .unwrap_or_default(),
                    params: HashMap::default(),
                };
                if envs[layout].merge(&page) {
                    grown.push(layout);
                }
            }
            for callee in grown {
                if !queued[callee] {
                    queued[callee] = true;
                    queue.push_back(callee);
                }
            }
        }

        // An include no template uses is never rendered: nothing it reads
        // reaches a reader, so it is not judged (its reads stay empty).
        let mut all: Vec<FieldRead> = reads.into_iter().flatten().collect();
        all.sort_by_key(|r| (r.file, r.range.start));
        all.dedup_by_key(|r| (r.file, r.range.start));
        let mut dead: Vec<(usize, Range<usize>)> = dead
            .into_iter()
            .enumerate()
            .flat_map(|(at, ranges)| {
                let file = templates.list[at].file;
                ranges.into_iter().map(move |range| (file, range))
            })
            .collect();
        dead.sort_by_key(|(file, range)| (*file, range.start));
        Contract {
            dead,
            reads: all,
            unused: self.unused(&marks),
        }
    }

    /// The keys of reached records that no template reads.
    fn unused(&self, marks: &Marks) -> Vec<UnusedField> {
        let mut unused = Vec::new();
        for d in &self.docs {
            let (Some(origin), Some(yaml)) = (d.origin, d.yaml) else {
                continue;
            };
            let Some(readers) = marks.readers.get(&origin) else {
                continue;
            };
            let readers: Vec<String> = readers
                .iter()
                .map(|&file| self.site.files[file].source.path().to_owned())
                .collect();
            let mut walk = UnusedWalk {
                marks: marks.of(origin),
                file: d.file,
                yaml,
                origin: &self.origins[origin],
                readers: &readers,
                pointer: String::new(),
                pattern: String::new(),
                out: &mut unused,
            };
            walk.value(d.value);
        }
        unused
    }
}

/// How often one template is read again as more reaches it, at most: a bound
/// for includes that include each other.
const MAX_ROUNDS: u32 = 16;

/// The variables a template is read with: every place that renders it, merged.
#[derive(Clone, Default, Debug)]
pub(crate) struct Env<'a> {
    pub(crate) vars: HashMap<&'a str, Shape<'a>>,
    /// `include.NAME`.
    pub(crate) params: HashMap<&'a str, Shape<'a>>,
}

impl<'a> Env<'a> {
    /// Merges `other` in; returns whether anything grew.
    fn merge(&mut self, other: &Env<'a>) -> bool {
        let mut grew = false;
        for (name, shape) in &other.vars {
            grew |= match self.vars.get_mut(name) {
                Some(mine) => mine.merge(shape),
                None => {
                    self.vars.insert(name, shape.clone());
                    true
                }
            };
        }
        for (name, shape) in &other.params {
            grew |= match self.params.get_mut(name) {
                Some(mine) => mine.merge(shape),
                None => {
                    self.params.insert(name, shape.clone());
                    true
                }
            };
        }
        grew
    }
}

/// A template's Liquid, as the site's templates read it.
pub(crate) struct Template<'a> {
    pub(crate) file: usize,
    pub(crate) markups: &'a [Markup<'a>],
    /// The text with its Liquid masked: where in the HTML an output prints.
    pub(crate) masked: &'a str,
    /// As an include (`include_relative` may name any template): the
    /// parameters it needs, those it prints or uses with no `default` (see
    /// `eval::needed_params`).
    pub(crate) needed_params: std::collections::HashSet<&'a str>,
}

struct Templates<'a> {
    list: Vec<Template<'a>>,
    by_path: HashMap<&'a str, usize>,
}

impl<'a> Templates<'a> {
    /// Pages with front matter, layouts and includes: every file Jekyll runs
    /// Liquid in.
    fn of(site: &'a Site, templates: &'a galley_site::Templates<'a>) -> Templates<'a> {
        let list: Vec<Template<'a>> = templates
            .iter()
            .map(|(file, template)| Template {
                file,
                markups: &template.markups,
                masked: &template.masked.text,
                needed_params: eval::needed_params(&template.markups),
            })
            .collect();
        let by_path = list
            .iter()
            .enumerate()
            .map(|(at, t)| (site.files[t.file].source.path(), at))
            .collect();
        Templates { list, by_path }
    }
}
