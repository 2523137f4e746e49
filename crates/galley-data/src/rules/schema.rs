use galley_core::{Finding, SourceFile, Span};
use galley_site::rules::asset_missing;
use galley_yaml::{YamlDocument, escape_pointer};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use crate::binding::{Binding, SITE_PATH_FORMAT};

galley_core::declare_rule! {
    /// ## What it finds
    /// Each way a data file breaks the JSON Schema bound to it in `[schemas]`: a
    /// value of the wrong type, a value outside an `enum`, a string that does not
    /// match a `pattern` or `format` (such as an `http://` URL where `https://` is
    /// required), an unknown key, a missing required key. Every violation in the
    /// file is reported, each at the value or key it concerns; a missing key is
    /// reported at the mapping that lacks it.
    ///
    /// ## Why it matters
    /// Templates read data fields by name and print nothing for a field that is
    /// missing or misspelt, so these mistakes never fail a build: a card whose
    /// `type` is `Recomendation` simply disappears from the page, and a
    /// `privacy-policy:` key (instead of `privacy_policy:`) hides the button.
    ///
    /// ## Example
    /// ```yaml
    /// title: Signal
    /// type: Recomendation
    /// ```
    /// is reported at `Recomendation`: "`type` must be one of "Recommendation",
    /// "Worth Mentioning", "Anti-Recommendation"", with the field's description
    /// from the schema as help.
    pub static SCHEMA = {
        id: "schema",
        severity: Error,
        summary: "a data file that breaks the JSON Schema bound to it",
        title: "A data entry with a wrong or missing field",
        why: "The page shows the entry wrongly, or leaves it out.",
        options: [("[schemas]", "which JSON Schema each group of data files is validated against (globs to schema files, or `builtin:messenger`)")],
    };
}

/// Validates `document` against `binding` and locates each error.
pub fn check(file: &SourceFile, document: &YamlDocument, binding: &Binding) -> Vec<Finding> {
    let mut findings = Vec::new();
    for error in binding.validator.iter_errors(&document.value) {
        let pointer = error.instance_path().as_str().to_owned();
        let schema_path = error.schema_path().as_str().to_owned();
        // The schema object that holds the failing keyword, e.g. `/properties/type`.
        let holder = parent_pointer(&schema_path);
        let subject = field_name(&pointer);
        let value_span = document.spans(&pointer).value;
        let help_for = |holder: &str| field_help(&binding.schema, holder);
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                let allowed = property_names(&binding.schema, holder);
                for key in unexpected {
                    let key_pointer = format!("{pointer}/{}", escape_pointer(key));
                    let spans = document.spans(&key_pointer);
                    let place = if pointer.is_empty() {
                        String::new()
                    } else {
                        format!(" in `{subject}`")
                    };
                    let suggestion = galley_core::closest(key, allowed.iter().map(String::as_str))
                        .map(|name| format!("did you mean `{name}`? "))
                        .unwrap_or_default();
                    findings.push(Finding::new(
                        &SCHEMA,
                        file,
                        spans.key.unwrap_or(spans.value),
                        format!("unknown key `{key}`{place}"),
                        format!(
                            "{suggestion}The schema `{}` allows: {}",
                            binding.schema_name,
                            allowed.join(", ")
                        ),
                    ));
                }
            }
            ValidationErrorKind::Required { property } => {
                let property = property.as_str().unwrap_or_default();
                let span = if pointer.is_empty() {
                    file.line_span(1)
                } else {
                    first_line(file, value_span)
                };
                let place = if pointer.is_empty() {
                    String::new()
                } else {
                    format!(" in `{subject}`")
                };
                let property_holder = format!("{holder}/properties/{}", escape_pointer(property));
                let about = help_for(&property_holder);
                findings.push(Finding::new(
                    &SCHEMA,
                    file,
                    span,
                    format!("missing required key `{property}`{place}"),
                    format!(
                        "add `{property}:`{}",
                        about.map(|a| format!(" ({a})")).unwrap_or_default()
                    ),
                ));
            }
            ValidationErrorKind::Format { format } if format == SITE_PATH_FORMAT => {
                let path = error.instance().as_str().unwrap_or_default();
                findings.push(asset_missing::in_data(file, value_span, &subject, path));
            }
            kind => {
                let message = match kind {
                    ValidationErrorKind::Enum { options } => {
                        format!("`{subject}` must be one of {}", list_values(options))
                    }
                    ValidationErrorKind::Constant { expected_value } => {
                        format!("`{subject}` must be {expected_value}")
                    }
                    ValidationErrorKind::Type { kind } => format!(
                        "`{subject}` must be {}, found {}",
                        type_names(kind),
                        json_type(error.instance())
                    ),
                    ValidationErrorKind::Pattern { .. } => {
                        format!(
                            "`{subject}` has the wrong form: {}",
                            quote(error.instance())
                        )
                    }
                    ValidationErrorKind::Format { format } => {
                        format!(
                            "`{subject}` is not a valid {format}: {}",
                            quote(error.instance())
                        )
                    }
                    ValidationErrorKind::MinLength { limit: 1 } => format!("`{subject}` is empty"),
                    _ => format!("`{subject}`: {}", error.masked()),
                };
                let mut help = help_for(holder).unwrap_or_else(|| {
                    format!("see the schema `{}` at {schema_path}", binding.schema_name)
                });
                if let (ValidationErrorKind::Enum { options }, Some(given)) =
                    (kind, error.instance().as_str())
                {
                    let names = options
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str);
                    if let Some(near) = galley_core::closest(given, names) {
                        help = format!("did you mean `{near}`? {help}");
                    }
                }
                findings.push(Finding::new(&SCHEMA, file, value_span, message, help));
            }
        }
    }
    findings
}

/// `/downloads/0/url` reads as `downloads[0].url`; the document itself as `document`.
fn field_name(pointer: &str) -> String {
    if pointer.is_empty() {
        return "document".to_owned();
    }
    let mut out = String::new();
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if segment.bytes().all(|b| b.is_ascii_digit()) && !out.is_empty() {
            out.push_str(&format!("[{segment}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&segment);
        }
    }
    out
}

fn parent_pointer(pointer: &str) -> &str {
    pointer.rfind('/').map_or("", |cut| &pointer[..cut])
}

/// The schema's description of a field (or its title), for the help line.
fn field_help(schema: &Value, holder: &str) -> Option<String> {
    let node = schema.pointer(holder)?;
    node.get("description")
        .or_else(|| node.get("title"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

fn property_names(schema: &Value, holder: &str) -> Vec<String> {
    schema
        .pointer(&format!("{holder}/properties"))
        .and_then(Value::as_object)
        .map(|properties| properties.keys().cloned().collect())
        .unwrap_or_default()
}

/// The first line of a span, so a label under a whole mapping stays readable.
fn first_line(file: &SourceFile, span: Span) -> Span {
    let line = file.line_span(span.start.line);
    Span {
        start: span.start,
        end: line.end.max(span.start),
    }
}

fn list_values(options: &Value) -> String {
    match options.as_array() {
        Some(values) => values
            .iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        None => options.to_string(),
    }
}

fn type_names(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(t) => article(&t.to_string()),
        TypeKind::Multiple(set) => set
            .iter()
            .map(|t| article(&t.to_string()))
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

fn article(type_name: &str) -> String {
    match type_name {
        "null" => "null".to_owned(),
        "array" | "integer" | "object" => format!("an {type_name}"),
        other => format!("a {other}"),
    }
}

fn json_type(value: &Value) -> String {
    match value {
        Value::Null => "null (an empty value)".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(_) => "a string".to_owned(),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a mapping".to_owned(),
    }
}

/// A value for a message, shortened so a long description does not flood it.
fn quote(value: &Value) -> String {
    const MAX: usize = 60;
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut short: String = text.chars().take(MAX).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    format!("\"{short}\"")
}
