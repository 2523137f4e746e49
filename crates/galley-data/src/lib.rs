//! The YAML data checker: every data file parses, has no duplicate keys, and
//! matches the JSON Schema bound to it, with each violation located at the key or
//! value it concerns; and the text of its prose fields reads well.

mod binding;
pub mod rules;

use galley_core::{Config, ConfigError, Finding, internal_error};
use galley_prose::rules::ProseRules;
use galley_site::data::{DataFile, DataFiles};
use galley_site::{FileKind, Site, SiteFile};
use galley_yaml::YamlDocument;
use rayon::prelude::*;
use serde_json::Value;

pub use binding::SchemaBindings;

/// The bundled messenger schema, compiled into the binary as `builtin:messenger`.
pub const MESSENGER_SCHEMA: &str = include_str!("../schemas/messenger.schema.json");

/// Checks the site's YAML data against the schemas bound in the config.
pub struct DataChecker {
    bindings: SchemaBindings,
    prose: ProseRules,
    /// `[prose] data_fields`: the keys whose values are prose.
    prose_fields: Vec<String>,
    /// Whether `title-duplicate` runs (it is not `off`).
    titles: bool,
}

/// A data file that parsed, with the document kept for cross-file rules.
struct ParsedFile<'s> {
    file: &'s SiteFile,
    document: &'s YamlDocument,
}

impl DataChecker {
    /// Compiles every bound schema once. A schema that cannot be read or compiled
    /// is a config error, located at its binding.
    pub fn new(config: &Config, site: &Site) -> Result<DataChecker, ConfigError> {
        Ok(DataChecker {
            bindings: SchemaBindings::compile(config, site)?,
            prose: ProseRules::new(config),
            prose_fields: config.prose.data_fields.clone(),
            titles: config.runs(&rules::title_duplicate::TITLE_DUPLICATE),
        })
    }

    /// The schema bound to the data file at `path` (the first binding that
    /// matches), for checks that need to know what a record may hold.
    pub fn schema_for(&self, path: &str) -> Option<&Value> {
        self.bindings
            .iter()
            .find(|binding| binding.matches(path))
            .map(|binding| binding.schema.as_ref())
    }

    pub fn check<'d>(&self, site: &'d Site, data: &'d DataFiles) -> Vec<Finding> {
        let results: Vec<(Vec<Finding>, Option<ParsedFile<'d>>)> = data
            .files
            .par_iter()
            .map(|data_file| {
                let file = &site.files[data_file.index];
                internal_error::catch("checking this data file", file.source.path(), || {
                    self.check_file(file, data_file)
                })
                .unwrap_or_else(|crash| (vec![*crash], None))
            })
            .collect();
        let mut findings = Vec::new();
        let mut parsed = Vec::new();
        for (file_findings, file) in results {
            findings.extend(file_findings);
            parsed.extend(file);
        }
        for binding in self.bindings.iter().filter(|_| self.titles) {
            let records: Vec<_> = parsed
                .iter()
                .filter(|p| binding.matches(p.file.source.path()))
                .map(|p| (&p.file.source, p.document))
                .collect();
            findings.extend(rules::title_duplicate::check(&records));
        }
        findings
    }

    /// One data file's own findings (YAML, schema, prose), and its document.
    fn check_file<'d>(
        &self,
        file: &'d SiteFile,
        data_file: &'d DataFile,
    ) -> (Vec<Finding>, Option<ParsedFile<'d>>) {
        let loaded = &data_file.loaded;
        let mut findings = loaded.findings(&file.source);
        let parsed = loaded.document.as_ref().map(|document| {
            for binding in self.bindings.matching(file.source.path()) {
                findings.extend(rules::schema::check(&file.source, document, binding));
            }
            if file.kind == FileKind::Data && self.prose.any() {
                let is_prose = |key: &str| self.prose_fields.iter().any(|f| f == key);
                let prose = galley_markdown::yaml_prose(&file.source, document, &is_prose);
                findings.extend(self.prose.check(&file.source, &prose));
            }
            ParsedFile { file, document }
        });
        (findings, parsed)
    }
}
