//! The YAML-with-spans loader and pointer→span mapping: every problem and every
//! node's key and value span agree with their offsets and lie in the part of
//! the file that was read (a whole data file, or a page's front matter).
#![no_main]

use galley_core::SourceFile;
use galley_fuzz::{assert_finding, assert_span, text_of};
use galley_yaml::frontmatter::split;
use galley_yaml::{YamlDocument, YamlProblem, escape_pointer, load, load_range};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let file = SourceFile::new("fuzz.yml", text_of(data));
    check(&file, 0, file.text().len());
    if let Some(yaml) = split(file.text()).front_matter {
        check(&file, yaml.start, yaml.end);
    }
});

fn check(file: &SourceFile, start: usize, end: usize) {
    let loaded = if (start, end) == (0, file.text().len()) {
        load(file)
    } else {
        load_range(file, start, end)
    };
    for problem in &loaded.problems {
        match problem {
            YamlProblem::Syntax { span, .. } => in_part(file, *span, start, end, "syntax"),
            YamlProblem::DuplicateKey { span, first, .. } => {
                in_part(file, *span, start, end, "duplicate key");
                in_part(file, *first, start, end, "first key");
            }
        }
    }
    for finding in loaded.findings(file) {
        assert_finding(file, &finding);
    }
    if let Some(document) = &loaded.document {
        let mut pointer = String::new();
        visit(file, document, &document.value, &mut pointer, start, end, 0);
    }
}

fn visit(
    file: &SourceFile,
    document: &YamlDocument,
    value: &Value,
    pointer: &mut String,
    start: usize,
    end: usize,
    depth: usize,
) {
    let spans = document.spans(pointer);
    // A pointer nothing has spans for gets the file's start, which is in the
    // file but may be before a front matter.
    if spans.value != galley_core::Span::FILE_START {
        in_part(file, spans.value, start, end, "value");
    }
    if let Some(key) = spans.key {
        in_part(file, key, start, end, "key");
    }
    // Alias expansions can make a wide tree out of a small file; a sample of
    // it is enough to check the mapping.
    if depth > 64 || pointer.len() > 4096 {
        return;
    }
    let len = pointer.len();
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter().take(64) {
                pointer.push('/');
                pointer.push_str(&escape_pointer(key));
                visit(file, document, child, pointer, start, end, depth + 1);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate().take(64) {
                pointer.push('/');
                pointer.push_str(&index.to_string());
                visit(file, document, child, pointer, start, end, depth + 1);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

fn in_part(file: &SourceFile, span: galley_core::Span, start: usize, end: usize, what: &str) {
    assert_span(file, span, what);
    assert!(
        start <= span.start.offset && span.end.offset <= end,
        "{what}: span {}..{} outside the YAML part {start}..{end}",
        span.start.offset,
        span.end.offset
    );
}
