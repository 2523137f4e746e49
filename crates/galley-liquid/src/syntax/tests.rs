use super::*;
use crate::mask;

fn markups(text: &str) -> Vec<Markup<'_>> {
    read(text, &mask(text), 0..text.len())
}

fn path<'a, 't>(operand: &'a Operand<'t>) -> &'a Path<'t> {
    match operand {
        Operand::Path(path) => path,
        other => panic!("not a path: {other:?}"),
    }
}

/// Found by the `liquid_syntax` fuzz target (fuzz/regressions/liquid_syntax):
/// the include name scan stepped into a multi-byte character and sliced it.
#[test]
fn include_names_with_multi_byte_characters() {
    for text in [
        "{%include \u{FFFD}",
        "{% include é{{ x }}ü.html %}",
        "{% include ü",
    ] {
        let read = markups(text);
        assert_eq!(read.len(), 1, "{text}");
        assert!(matches!(read[0].kind, MarkupKind::Include { .. }), "{text}");
    }
    let text = "{% include é{{ x }}ü.html %}";
    let MarkupKind::Include {
        name: IncludeName::Built(parts),
        ..
    } = &markups(text)[0].kind
    else {
        panic!("not a built name");
    };
    assert!(matches!(parts.first(), Some(NamePart::Text("é"))));
    assert!(matches!(parts.last(), Some(NamePart::Text("ü.html"))));
}

#[test]
fn for_loops_assigns_and_paths_with_ranges() {
    let text = "{% for item_hash in site.data.software.messengers %}{% assign item = item_hash[1] %}{{ item.downloads[0].url | escape }}";
    let m = markups(text);
    let MarkupKind::For { var, collection } = &m[0].kind else {
        panic!("{:?}", m[0])
    };
    assert_eq!(*var, "item_hash");
    let p = path(&collection.head);
    assert_eq!(p.root, "site");
    assert_eq!(&text[p.range.clone()], "site.data.software.messengers");
    let MarkupKind::Assign { name, value } = &m[1].kind else {
        panic!()
    };
    assert_eq!(*name, "item");
    assert_eq!(path(&value.head).segments, vec![Segment::Index(1)]);
    let MarkupKind::Output(expr) = &m[2].kind else {
        panic!()
    };
    let p = path(&expr.head);
    assert_eq!(&text[p.range.clone()], "item.downloads[0].url");
    let Segment::Field(name, range) = &p.segments[0] else {
        panic!()
    };
    assert_eq!(
        (name.to_string(), &text[range.clone()]),
        ("downloads".to_owned(), "downloads")
    );
    assert_eq!(expr.filters[0].name, "escape");
}

#[test]
fn conditions_filters_and_named_arguments() {
    let text = "{%- if item.type == \"Recommendation\" and item.website -%}{{ a | where: \"type\", 'x' | sort: 'title' }}{{ subitem.icon | default: \"fad\" }}";
    let m = markups(text);
    let MarkupKind::If { condition, negated } = &m[0].kind else {
        panic!()
    };
    assert!(!negated);
    assert_eq!(condition.len(), 2);
    assert_eq!(condition[0].op, Some("=="));
    assert_eq!(condition[0].right, Some(Operand::Str("Recommendation")));
    assert_eq!(condition[1].op, None);
    let MarkupKind::Output(expr) = &m[1].kind else {
        panic!()
    };
    assert_eq!(expr.filters.len(), 2);
    assert_eq!(
        expr.filters[0].args,
        vec![Operand::Str("type"), Operand::Str("x")]
    );
    let MarkupKind::Output(expr) = &m[2].kind else {
        panic!()
    };
    assert_eq!(expr.filters[0].name, "default");
}

#[test]
fn includes_with_params_and_built_names() {
    let text = "{% include badge.html\n  link=link color=\"info\" %}{% include table-row-{{ include.data }}.html data=provider %}{% include_relative x.md %}";
    let m = markups(text);
    let MarkupKind::Include {
        name,
        params,
        relative,
    } = &m[0].kind
    else {
        panic!()
    };
    assert!(!relative);
    assert_eq!(name, &IncludeName::Static("badge.html"));
    assert_eq!(params.len(), 2);
    assert_eq!(params[0].0, "link");
    assert_eq!(params[1].1.head, Operand::Str("info"));
    let MarkupKind::Include { name, params, .. } = &m[1].kind else {
        panic!()
    };
    let IncludeName::Built(parts) = name else {
        panic!()
    };
    assert_eq!(parts.len(), 3);
    assert_eq!(parts[0], NamePart::Text("table-row-"));
    assert_eq!(parts[2], NamePart::Text(".html"));
    assert_eq!(params[0].0, "data");
    assert!(matches!(
        m[2].kind,
        MarkupKind::Include { relative: true, .. }
    ));
}

#[test]
fn other_tags_read_their_paths_but_not_filter_names() {
    let text = "{% link {{ item.article }} %}{% highlight ruby %}{% endhighlight %}";
    let m = markups(text);
    let MarkupKind::Other { name, reads } = &m[0].kind else {
        panic!()
    };
    assert_eq!(*name, "link");
    assert_eq!(reads.len(), 1);
    assert_eq!(&text[path(&reads[0]).range.clone()], "item.article");
    assert_eq!(m[2].kind, MarkupKind::End("endhighlight"));
}

#[test]
fn bracketed_fields_dynamic_keys_and_hostile_text() {
    let text = "{{ site.data[include.data] }}{{ a[\"b c\"] }}{{ x[ }}{{ 'unterminated }}{{ é.ü }}";
    let m = markups(text);
    let MarkupKind::Output(expr) = &m[0].kind else {
        panic!()
    };
    let p = path(&expr.head);
    assert_eq!(p.segments.len(), 2);
    assert!(matches!(&p.segments[1], Segment::Dynamic(_)));
    assert_eq!(p.inner_paths().count(), 1);
    let MarkupKind::Output(expr) = &m[1].kind else {
        panic!()
    };
    let Segment::Field(name, range) = &path(&expr.head).segments[0] else {
        panic!()
    };
    assert_eq!(
        (name.to_string(), &text[range.clone()]),
        ("b c".to_owned(), "b c")
    );
    // The rest reads without a panic, whatever it makes of them.
    assert_eq!(m.len(), 5);
}

/// How many paths nest in `a0[a1[…]]`, following the first dynamic segment.
fn nested_paths(operand: &Operand<'_>) -> usize {
    match operand {
        Operand::Path(path) => {
            1 + path
                .segments
                .iter()
                .find_map(|segment| match segment {
                    Segment::Dynamic(inner) => Some(nested_paths(inner)),
                    _ => None,
                })
                .unwrap_or(0)
        }
        _ => 0,
    }
}

#[test]
fn nesting_at_the_limit_is_read_and_past_it_cut_off() {
    let chain = |levels: usize| {
        let names: Vec<String> = (0..levels).map(|i| format!("a{i}")).collect();
        format!("{{{{ {}{} }}}}", names.join("["), "]".repeat(levels - 1))
    };
    for (levels, read) in [
        (MAX_LIQUID_NESTING, MAX_LIQUID_NESTING),
        // Past it, the rest of the expression is skipped: only the
        // outermost path is kept.
        (MAX_LIQUID_NESTING + 1, 1),
    ] {
        let text = chain(levels);
        let m = markups(&text);
        let MarkupKind::Output(expr) = &m[0].kind else {
            panic!("not an output: {m:?}");
        };
        assert_eq!(nested_paths(&expr.head), read, "{levels} levels");
    }
}

#[test]
fn deep_nesting_is_cut_off_not_followed() {
    let deep = format!("{{{{ {}x{} }}}}", "a[".repeat(100_000), "]".repeat(100_000));
    let ranges = format!("{{% if {}1{} %}}", "(".repeat(100_000), ")".repeat(100_000));
    for text in [deep, ranges] {
        let m = markups(&text);
        assert_eq!(m.len(), 1);
    }
}
