//! Which parts of the data templates read (`Marks`), and the walk through a
//! data file for the fields none reads (`UnusedWalk`).

use super::*;

/// A walk through one data file for the fields no template reads, with its
/// pointer and pattern built in place.
pub(super) struct UnusedWalk<'w> {
    pub(super) marks: Option<&'w OriginMarks>,
    pub(super) file: usize,
    pub(super) yaml: &'w YamlDocument,
    pub(super) origin: &'w str,
    pub(super) readers: &'w [String],
    pub(super) pointer: String,
    pub(super) pattern: String,
    pub(super) out: &'w mut Vec<UnusedField>,
}

impl UnusedWalk<'_> {
    pub(super) fn value(&mut self, value: &Value) {
        let Some(marks) = self.marks else { return };
        if marks.is_whole(&self.pattern) {
            return;
        }
        match value {
            Value::Object(map) if marks.reached.contains(self.pattern.as_str()) => {
                for (key, child) in map {
                    let (pointer_len, pattern_len) = (self.pointer.len(), self.pattern.len());
                    let escaped = escape_pointer(key);
                    for path in [&mut self.pointer, &mut self.pattern] {
                        path.push('/');
                        path.push_str(&escaped);
                    }
                    if marks.used.contains(self.pattern.as_str()) {
                        self.value(child);
                    } else if !marks.is_whole(&self.pattern) {
                        self.out.push(UnusedField {
                            file: self.file,
                            span: self
                                .yaml
                                .spans(&self.pointer)
                                .key
                                .unwrap_or(Span::FILE_START),
                            key: key.clone(),
                            pattern: self.pattern.clone(),
                            origin: self.origin.to_owned(),
                            readers: self.readers.to_vec(),
                        });
                    }
                    self.pointer.truncate(pointer_len);
                    self.pattern.truncate(pattern_len);
                }
            }
            Value::Array(items) => {
                for (at, item) in items.iter().enumerate() {
                    let (pointer_len, pattern_len) = (self.pointer.len(), self.pattern.len());
                    self.pointer.push_str(&format!("/{at}"));
                    self.pattern.push_str("/*");
                    self.value(item);
                    self.pointer.truncate(pointer_len);
                    self.pattern.truncate(pattern_len);
                }
            }
            _ => {}
        }
    }
}

/// `_data/a/b.yml` in folder `_data/a` → `_data/a`; a file right under
/// `_data` is its own origin.
pub(super) fn path_of_origin(path: &str, dir: &str) -> String {
    if dir == "_data" {
        path.to_owned()
    } else {
        dir.to_owned()
    }
}

/// Which parts of the data templates read, by data folder and field pattern.
#[derive(Default)]
pub(crate) struct Marks {
    pub(super) origins: HashMap<usize, OriginMarks>,
    /// The templates that reach each data folder.
    pub(super) readers: HashMap<usize, BTreeSet<usize>>,
}

/// The field patterns (`/downloads/*/url`) of one data folder that templates
/// read (`used`), reach as records (`reached`) or read in full (`whole`).
#[derive(Default)]
pub(crate) struct OriginMarks {
    pub(super) used: HashSet<Rc<str>>,
    pub(super) reached: HashSet<Rc<str>>,
    pub(super) whole: HashSet<Rc<str>>,
}

impl OriginMarks {
    /// Whether the pattern, or a field above it, was read whole.
    pub(super) fn is_whole(&self, pattern: &str) -> bool {
        let mut pattern = pattern;
        loop {
            if self.whole.contains(pattern) {
                return true;
            }
            match pattern.rfind('/') {
                Some(cut) => pattern = &pattern[..cut],
                None => return false,
            }
        }
    }
}

impl Marks {
    pub(super) fn of(&self, origin: usize) -> Option<&OriginMarks> {
        self.origins.get(&origin)
    }

    pub(super) fn use_field(&mut self, model: &Model<'_>, node: &ValueNode<'_>) {
        if let Some(origin) = model.docs[node.doc].origin {
            let marks = self.origins.entry(origin).or_default();
            if !marks.used.contains(&*node.pattern) {
                marks.used.insert(node.pattern.clone());
            }
        }
    }

    pub(super) fn reach(&mut self, model: &Model<'_>, node: &Node<'_>, file: usize) {
        if let Node::Value(v) = node
            && let Some(origin) = model.docs[v.doc].origin
        {
            self.readers.entry(origin).or_default().insert(file);
            if v.value.is_object() {
                let marks = self.origins.entry(origin).or_default();
                if !marks.reached.contains(&*v.pattern) {
                    marks.reached.insert(v.pattern.clone());
                }
            }
        }
    }

    pub(super) fn whole(&mut self, model: &Model<'_>, node: &Node<'_>) {
        match node {
            Node::Value(v) => {
                if let Some(origin) = model.docs[v.doc].origin {
                    self.origins
                        .entry(origin)
                        .or_default()
                        .whole
                        .insert(v.pattern.clone());
                }
            }
            Node::Folder(folder) => {
                for (_, entry) in &model.folders[*folder].entries {
                    self.whole(model, &model.entry_node(*entry));
                }
            }
            Node::Pair(pair) => self.whole(model, &pair.1),
            Node::List(nodes) => {
                for node in nodes.iter() {
                    self.whole(model, node);
                }
            }
            _ => {}
        }
    }
}
