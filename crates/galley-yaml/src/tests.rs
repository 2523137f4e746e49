use super::*;

fn load_text(text: &str) -> (SourceFile, LoadedYaml) {
    let file = SourceFile::new("a.yml", text);
    let loaded = load(&file);
    (file, loaded)
}

fn at(span: Span) -> (usize, usize) {
    (span.start.line, span.start.column)
}

#[test]
fn values_and_keys_have_positions() {
    let (_, loaded) = load_text("title: Signal\ndownloads:\n  - icon: fab\n    url: 'https://x'\n");
    let doc = loaded.document.unwrap();
    assert!(loaded.problems.is_empty());
    assert_eq!(doc.value["downloads"][0]["url"], "https://x");
    let url = doc.spans("/downloads/0/url");
    assert_eq!(at(url.key.unwrap()), (4, 5));
    assert_eq!(at(url.value), (4, 10));
    assert_eq!(at(doc.spans("/title").value), (1, 8));
}

#[test]
fn every_duplicate_key_is_reported() {
    let (_, loaded) = load_text("a: 1\nb: 2\na: 3\nb: 4\n");
    let dups: Vec<_> = loaded
        .problems
        .iter()
        .map(|p| match p {
            YamlProblem::DuplicateKey { key, span, first } => {
                (key.clone(), at(*span), first.start.line)
            }
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(dups, vec![("a".into(), (3, 1), 1), ("b".into(), (4, 1), 2)]);
    // The document is still built, keeping the last value as Jekyll does.
    assert_eq!(loaded.document.unwrap().value["a"], 3);
}

#[test]
fn syntax_error_is_located() {
    let (_, loaded) = load_text("title: Signal\nlogo: [unclosed\n");
    assert!(loaded.document.is_none());
    match &loaded.problems[..] {
        [YamlProblem::Syntax { span, .. }] => assert_eq!(span.start.line, 3),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn scalars_resolve_by_the_core_schema() {
    let (_, loaded) = load_text("a: 1\nb: true\nc: '1'\nd: ~\ne: 1.5\nf: hello\n");
    let v = loaded.document.unwrap().value;
    assert_eq!(
        v,
        serde_json::json!({"a": 1, "b": true, "c": "1", "d": null, "e": 1.5, "f": "hello"})
    );
}

#[test]
fn aliases_and_merge_keys_expand() {
    let (_, loaded) =
        load_text("base: &b {icon: x, url: y}\nother:\n  <<: *b\n  url: z\nsame: *b\n");
    let doc = loaded.document.unwrap();
    assert_eq!(
        doc.value["other"],
        serde_json::json!({"icon": "x", "url": "z"})
    );
    assert_eq!(doc.value["same"]["icon"], "x");
    // A node inside an alias points at the alias.
    assert_eq!(at(doc.spans("/same/icon").value), (5, 7));
}

#[test]
fn alias_bomb_is_refused() {
    let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let mut previous = 'a';
    for name in 'b'..='j' {
        text.push_str(&format!(
            "{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"
        ));
        previous = name;
    }
    let (_, loaded) = load_text(&text);
    assert!(loaded.document.is_none());
    match &loaded.problems[..] {
        [YamlProblem::Syntax { message, span }] => {
            assert!(message.contains("billion laughs"), "{message}");
            assert!(span.start.line >= 5, "{span:?}");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn deep_nesting_is_refused() {
    let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let (_, loaded) = load_text(&text);
    assert!(loaded.document.is_none());
    // saphyr-parser stops at its own recursion limit (255) before Galley's (256).
    match &loaded.problems[..] {
        [YamlProblem::Syntax { span, message }] => {
            assert_eq!(at(*span), (1, 256));
            assert_eq!(message, "recursion limit exceeded");
        }
        other => panic!("unexpected {other:?}"),
    }
}

/// `levels` mappings, each the value of the one before: `k0:\n  k1:\n …: x`.
fn nested_mappings(levels: usize) -> String {
    let mut text: String = (0..levels)
        .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
        .collect();
    text.pop();
    text.push_str(" x\n");
    text
}

#[test]
fn block_nesting_at_the_limit_is_read_and_past_it_refused() {
    use galley_core::limits::MAX_YAML_DEPTH;
    let (_, loaded) = load_text(&nested_mappings(MAX_YAML_DEPTH));
    assert_eq!(loaded.problems, vec![]);
    let pointer: String = (0..MAX_YAML_DEPTH).map(|i| format!("/k{i}")).collect();
    let doc = loaded.document.unwrap();
    let innermost_key_column = 2 * (MAX_YAML_DEPTH - 1) + 1;
    let value_column = innermost_key_column + format!("k{}: ", MAX_YAML_DEPTH - 1).len();
    assert_eq!(
        at(doc.spans(&pointer).value),
        (MAX_YAML_DEPTH, value_column)
    );

    let (_, loaded) = load_text(&nested_mappings(MAX_YAML_DEPTH + 1));
    assert!(loaded.document.is_none());
    match &loaded.problems[..] {
        [YamlProblem::Syntax { span, message }] => {
            assert_eq!(at(*span), (MAX_YAML_DEPTH + 1, 2 * MAX_YAML_DEPTH + 1));
            assert_eq!(
                message,
                "nesting is deeper than 256 levels; Galley does not read it"
            );
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn node_budget_at_the_limit_is_read_and_past_it_refused() {
    use galley_core::limits::MAX_YAML_NODES;
    // A list of n scalars is n + 1 nodes.
    let list = |n: usize| "- 1\n".repeat(n);
    let (_, loaded) = load_text(&list(MAX_YAML_NODES - 1));
    assert_eq!(loaded.problems, vec![]);
    assert_eq!(
        loaded.document.unwrap().value.as_array().unwrap().len(),
        MAX_YAML_NODES - 1
    );

    let (_, loaded) = load_text(&list(MAX_YAML_NODES));
    assert!(loaded.document.is_none());
    match &loaded.problems[..] {
        [YamlProblem::Syntax { span, message }] => {
            assert_eq!(at(*span), (MAX_YAML_NODES, 3));
            assert_eq!(
                message,
                "the file holds more than 250000 values; Galley does not read it"
            );
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn alias_budget_at_the_limit_is_read_and_past_it_refused() {
    use galley_core::limits::MAX_YAML_ALIAS_NODES;
    // An anchored list of 999 scalars is 1,000 nodes; each alias expands to them.
    let anchored = format!("a: &a [{}]\n", vec!["1"; 999].join(","));
    let aliases = |n: usize| format!("{anchored}b: [{}]\n", vec!["*a"; n].join(","));
    let per_alias = 1_000;
    let (_, loaded) = load_text(&aliases(MAX_YAML_ALIAS_NODES / per_alias));
    assert_eq!(loaded.problems, vec![]);
    let (_, loaded) = load_text(&aliases(MAX_YAML_ALIAS_NODES / per_alias + 1));
    match &loaded.problems[..] {
        [YamlProblem::Syntax { message, .. }] => {
            assert!(message.contains("billion laughs"), "{message}")
        }
        other => panic!("unexpected {other:?}"),
    }
}

/// 20,000 nested block mappings once overflowed the stack inside the YAML
/// parser's recursive loader, before Galley's depth limit could refuse them
/// (found by the hostile-input suite).
#[test]
fn very_deep_block_nesting_is_refused_without_recursion() {
    let (_, loaded) = load_text(&nested_mappings(20_000));
    assert!(loaded.document.is_none());
    assert!(matches!(
        &loaded.problems[..],
        [YamlProblem::Syntax { message, .. }] if message.contains("deeper than 256")
    ));
}

#[test]
fn positions_inside_a_range_are_those_of_the_file() {
    let file = SourceFile::new("p.md", "---\ntitle: x\n---\nbody\n");
    let loaded = load_range(&file, 4, 13);
    let doc = loaded.document.unwrap();
    assert_eq!(at(doc.spans("/title").value), (2, 8));
}

/// YAML breaks lines at a lone `\r`, Galley only at `\n`: positions come from
/// the parser's character index, not its line and column, or they landed
/// lines later, past the front matter (found by the `yaml` fuzz target,
/// fuzz/regressions/yaml).
#[test]
fn a_lone_carriage_return_does_not_shift_positions() {
    let file = SourceFile::new("p.md", "---\nx: 1\ry: é2\n---\nbody\n");
    let loaded = load_range(&file, 4, 15);
    let doc = loaded.document.unwrap();
    assert_eq!(doc.value["y"], "é2");
    assert_eq!(at(doc.spans("/y").value), (2, 9));
    assert_eq!(at(doc.spans("/y").key.unwrap()), (2, 6));

    let file = SourceFile::new("p.md", "---\nt: a\rb: [é\n---\nbody\n");
    let loaded = load_range(&file, 4, 15);
    match &loaded.problems[..] {
        [YamlProblem::Syntax { span, .. }] => {
            assert!(span.start.offset <= 15, "{span:?}");
            assert_eq!(span.start.line, 2, "{span:?}");
        }
        other => panic!("unexpected {other:?}"),
    }
}

/// Mappings used as keys of mappings used as keys…: their text is cut, or
/// each level doubled the escapes of the one inside (the `yaml` fuzz target
/// timed out on 2.5 KB; fuzz/regressions/yaml). 60 levels took 2^60 bytes.
#[test]
fn nested_collection_keys_are_cut_not_doubled() {
    let text = format!("{}x{}\n", "{".repeat(60), "}".repeat(60));
    let (_, loaded) = load_text(&text);
    assert_eq!(loaded.problems, vec![]);
    let value = loaded.document.unwrap().value;
    let (key, _) = value.as_object().unwrap().iter().next().unwrap();
    assert!(key.len() <= 256, "{} bytes", key.len());
    assert!(key.starts_with("{\"{\\\"{"), "{key}");
}

#[test]
fn pointer_segments_are_escaped() {
    let (_, loaded) = load_text("a/b: 1\n");
    let doc = loaded.document.unwrap();
    assert_eq!(at(doc.spans("/a~1b").value), (1, 6));
}
