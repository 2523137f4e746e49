use galley_core::Finding;
use galley_site::UrlTarget;

use crate::FileContext;
use crate::rules::{nearest_id_hint, shown};

galley_core::declare_rule! {
    /// ## What it finds
    /// A link to `#x` on the same page when no element of the page has `id="x"`
    /// (nor is an `<a name="x">`). The page's ids include those of its Jekyll
    /// layout and of the includes it names. The fragment is matched as the
    /// browser matches it: case-sensitively, as written and then percent-decoded;
    /// `#` and `#top` always work. Ids built from Liquid count as patterns, and a
    /// page whose ids cannot all be known (an include named by Liquid) is not
    /// judged. Links inside layouts and includes are not judged either: which
    /// ids they meet depends on the page that uses them.
    ///
    /// ## Why it matters
    /// The reader clicks and nothing happens, or the page jumps to the top. This
    /// is the typical result of renaming a heading.
    ///
    /// ## Example
    /// ```html
    /// <h2 id="imm">Instant messengers</h2>
    /// <a href="#im">see above</a>
    /// ```
    /// is reported at `#im`, with "did you mean `#imm`?".
    pub static ANCHOR_MISSING = {
        id: "anchor-missing",
        severity: Error,
        summary: "a link to `#x` with no element `id=\"x\"` on the page",
    };
}

pub(crate) fn check(cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some(anchors) = cx.own_anchors else {
        return;
    };
    for (url, target) in cx.scan.urls.iter().zip(&cx.targets) {
        let Some(UrlTarget::SamePage { fragment }) = target else {
            continue;
        };
        if anchors.reaches(fragment) != Some(false) {
            continue;
        }
        let hint = nearest_id_hint(anchors, fragment);
        out.push(Finding::new(
            &ANCHOR_MISSING,
            cx.source,
            cx.source.span(url.range.clone()),
            format!(
                "link to `#{}`, but no element on this page has id=\"{}\"",
                shown(fragment),
                shown(fragment)
            ),
            format!(
                "{hint}give the element the link should reach id=\"{}\", or fix the link",
                shown(fragment)
            ),
        ));
    }
}
