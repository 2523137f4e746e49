use rustc_hash::FxHashMap as HashMap;

use crate::FileContext;
use crate::rules::FileFindings;
use crate::rules::shown;

galley_core::declare_rule! {
    /// ## What it finds
    /// The same `id` on two elements of one file. Ids are compared exactly (they
    /// are case-sensitive); ids built from Liquid are not compared, and two ids
    /// separated by a Liquid `else`, `elsif` or `when` are taken as alternatives.
    ///
    /// ## Why it matters
    /// A link to `#x` can reach only the first; scripts and labels (`for="x"`,
    /// `aria-labelledby`) pick the wrong element. It usually comes from a copied
    /// section whose heading id was not renamed.
    ///
    /// ## Example
    /// ```html
    /// <h2 id="centralized">Centralized</h2>
    /// <h2 id="centralized">Federated</h2>
    /// ```
    /// is reported at the second `centralized`, naming the line of the first.
    pub static ID_DUPLICATE = {
        id: "id-duplicate",
        severity: Error,
        summary: "the same `id` twice on one page",
        title: "Two sections with the same name on one page",
        why: "Links to the second one lead to the first.",
    };
}

pub(crate) fn check(cx: &FileContext<'_>, out: &mut FileFindings) {
    let mut first_seen: HashMap<&str, usize> = HashMap::default();
    for decl in cx.scan.ids.iter().filter(|d| d.pattern.is_none()) {
        let Some(&first) = first_seen.get(decl.value.as_str()) else {
            first_seen.insert(&decl.value, decl.range.start);
            continue;
        };
        let alternative = cx
            .branch_points
            .iter()
            .any(|&at| first < at && at < decl.range.start);
        if alternative {
            continue;
        }
        let first_line = cx.source.position(first).line;
        out.push(cx.source.report(
            &ID_DUPLICATE,
            decl.range.clone(),
            format!(
                "id \"{}\" is already used on line {first_line}; an id must be unique on its page",
                shown(&decl.value)
            ),
            "rename one of the two; links to this id reach only the first",
        ));
    }
}
