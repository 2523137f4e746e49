//! Liquid syntax: every markup read is one of the masked ranges, and every
//! variable path and field it reports lies inside its markup, on boundaries,
//! and is the text it claims to be.
#![no_main]

use std::ops::Range;

use galley_fuzz::{assert_inside, assert_range, text_of};
use galley_yaml::frontmatter::split;
use galley_liquid::mask;
use galley_liquid::syntax::{
    Comparison, Expr, IncludeName, MarkupKind, NamePart, Operand, Path, Segment, read,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    let masked = mask(&text);
    let body = split(&text).body;
    let markups = read(&text, &masked, body.clone());
    for markup in &markups {
        assert!(
            masked.liquid.contains(&markup.range),
            "markup is not a liquid range"
        );
        assert!(
            body.contains(&markup.range.start),
            "markup outside the body"
        );
        let check = Check {
            text: &text,
            within: &markup.range,
        };
        match &markup.kind {
            MarkupKind::Output(expr) | MarkupKind::Case(expr) => check.expr(expr),
            MarkupKind::For { collection, .. } => check.expr(collection),
            MarkupKind::Assign { value, .. } => check.expr(value),
            MarkupKind::If { condition, .. } | MarkupKind::Elsif(condition) => {
                check.comparisons(condition)
            }
            MarkupKind::When(operands) => operands.iter().for_each(|o| check.operand(o)),
            MarkupKind::Include { name, params, .. } => {
                if let IncludeName::Built(parts) = name {
                    for part in parts {
                        if let NamePart::Output(expr) = part {
                            check.expr(expr);
                        }
                    }
                }
                params.iter().for_each(|(_, expr)| check.expr(expr));
            }
            MarkupKind::Other { reads, .. } => reads.iter().for_each(|o| check.operand(o)),
            MarkupKind::Capture { .. }
            | MarkupKind::Else
            | MarkupKind::End(_)
            | MarkupKind::Skipped => {}
        }
    }
});

struct Check<'a> {
    text: &'a str,
    within: &'a Range<usize>,
}

impl Check<'_> {
    fn expr(&self, expr: &Expr<'_>) {
        self.operand(&expr.head);
        for filter in &expr.filters {
            filter.args.iter().for_each(|a| self.operand(a));
        }
    }

    fn comparisons(&self, comparisons: &[Comparison<'_>]) {
        for comparison in comparisons {
            self.operand(&comparison.left);
            if let Some(right) = &comparison.right {
                self.operand(right);
            }
        }
    }

    fn operand(&self, operand: &Operand<'_>) {
        if let Operand::Path(path) = operand {
            self.path(path);
        }
    }

    fn path(&self, path: &Path<'_>) {
        assert_range(self.text, &path.range, "path");
        assert_inside(&path.range, self.within, "path");
        assert!(
            self.text[path.range.clone()].starts_with(path.root),
            "path range does not start with its root {:?}",
            path.root
        );
        for segment in &path.segments {
            match segment {
                Segment::Field(name, range) => {
                    assert_range(self.text, range, "field");
                    assert_inside(range, &path.range, "field");
                    assert_eq!(
                        &self.text[range.clone()],
                        *name,
                        "field range is not its name"
                    );
                }
                Segment::Dynamic(inner) => self.operand(inner),
                Segment::Index(_) => {}
            }
        }
    }
}
