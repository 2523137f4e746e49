//! `[schemas]` bindings: which data files are validated against which schema.

use std::sync::Arc;

use galley_core::config::Spanned;
use galley_core::{Config, ConfigError};
use galley_site::{Site, site_path_exists};
use globset::{Glob, GlobMatcher};
use jsonschema::Validator;
use serde_json::Value;

use crate::MESSENGER_SCHEMA;

/// The custom `format` that marks a string as a site-absolute path that must exist.
pub const SITE_PATH_FORMAT: &str = "site-path";

/// One compiled binding.
pub struct Binding {
    pub glob: String,
    matcher: GlobMatcher,
    /// Where the schema came from: `builtin:messenger` or a path.
    pub schema_name: String,
    pub schema: Arc<Value>,
    pub validator: Arc<Validator>,
}

impl Binding {
    pub fn matches(&self, path: &str) -> bool {
        self.matcher.is_match(path)
    }
}

pub struct SchemaBindings {
    bindings: Vec<Binding>,
}

impl SchemaBindings {
    pub fn compile(config: &Config, site: &Site) -> Result<SchemaBindings, ConfigError> {
        let mut bindings = Vec::new();
        for binding in &config.schemas {
            let glob_text = binding.glob.get_ref();
            let matcher = Glob::new(glob_text)
                .map_err(|err| {
                    config.error_at(
                        binding.glob.span(),
                        format!("invalid glob `{glob_text}`: {}", err.kind()),
                        "globs use `*`, `**`, `?`, `[abc]` and `{a,b}`, relative to the site root",
                    )
                })?
                .compile_matcher();
            let schema_name = binding.schema.get_ref().clone();
            let schema = load_schema(config, site, &binding.schema)?;
            let validator = build_validator(&schema, site).map_err(|err| {
                config.error_at(
                    binding.schema.span(),
                    format!("schema `{schema_name}` is not a valid JSON Schema: {err}"),
                    "fix the schema file; Galley uses JSON Schema draft 2020-12 unless `$schema` says otherwise",
                )
            })?;
            bindings.push(Binding {
                glob: glob_text.clone(),
                matcher,
                schema_name,
                schema: Arc::new(schema),
                validator: Arc::new(validator),
            });
        }
        Ok(SchemaBindings { bindings })
    }

    pub fn matching<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Binding> + 'a {
        self.bindings
            .iter()
            .filter(move |binding| binding.matches(path))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Binding> {
        self.bindings.iter()
    }
}

fn load_schema(
    config: &Config,
    site: &Site,
    schema: &Spanned<String>,
) -> Result<Value, ConfigError> {
    let name = schema.get_ref();
    let text = if let Some(builtin) = name.strip_prefix("builtin:") {
        match builtin {
            "messenger" => MESSENGER_SCHEMA.to_owned(),
            _ => {
                return Err(config.error_at(
                    schema.span(),
                    format!("unknown bundled schema `{name}`"),
                    "the bundled schemas are: builtin:messenger",
                ));
            }
        }
    } else {
        let path = site.root.join(name);
        std::fs::read_to_string(&path).map_err(|err| {
            config.error_at(
                schema.span(),
                format!("cannot read schema file `{name}`: {err}"),
                "schema paths are relative to the site root, e.g. \"schemas/app.schema.json\"",
            )
        })?
    };
    serde_json::from_str(&text).map_err(|err| {
        config.error_at(
            schema.span(),
            format!("schema `{name}` is not valid JSON: {err}"),
            "fix the JSON of the schema file",
        )
    })
}

fn build_validator(
    schema: &Value,
    site: &Site,
) -> Result<Validator, jsonschema::ValidationError<'static>> {
    let paths = site.path_set();
    jsonschema::options()
        .should_validate_formats(true)
        .with_format(SITE_PATH_FORMAT, move |value: &str| {
            site_path_exists(&paths, value)
        })
        .build(schema)
}
