//! A field no record defines: the verdict, with the sources and fields
//! that say what was meant.

use super::*;

impl<'m, 'a, 't> Evaluator<'m, 'a, 't>
where
    'a: 't,
{
    pub(super) fn unknown(
        &mut self,
        path: &Path<'a>,
        at: usize,
        field: &str,
        step: &Step<'a>,
    ) -> Verdict {
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
    pub(super) fn label(&self, node: &Node<'a>) -> String {
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
    pub(super) fn sources(&self, nodes: &[Node<'a>]) -> Vec<String> {
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
