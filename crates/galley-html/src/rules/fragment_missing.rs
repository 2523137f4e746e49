use galley_site::{Served, UrlTarget};

use crate::FileContext;
use crate::rules::FileFindings;
use crate::rules::{nearest_id_hint, shown};

galley_core::declare_rule! {
    /// ## What it finds
    /// A link to `page#x` where the page exists but has no element with
    /// `id="x"` (nor an `<a name="x">`). Fragments are matched as in
    /// `anchor-missing`; a target page whose ids Galley cannot know (a Markdown
    /// page, a page that includes a template named by Liquid) is not judged.
    ///
    /// ## Why it matters
    /// The reader lands at the top of a long page instead of the section the
    /// link promised, usually because the target heading was renamed.
    ///
    /// ## Example
    /// `<a href="/browsers/#fingerprint">` when the browsers page has
    /// `id="fingerprinting"` is reported at the URL, with "did you mean
    /// `#fingerprinting`?".
    pub static FRAGMENT_MISSING = {
        id: "fragment-missing",
        severity: Error,
        summary: "a link to `/other/#x` where the target page exists but has no `#x`",
        title: "A link to a section another page does not have",
        why: "Readers land on the right page, but not at the section the link promises.",
        options: [("[site] heading_ids", "how Markdown headings get their ids (`kramdown-gfm`, `kramdown`, `github`, `python-markdown`, `none`)")],
    };
}

pub(crate) fn check(cx: &FileContext<'_>, out: &mut FileFindings) {
    for (url, target) in cx.scan.urls.iter().zip(&cx.targets) {
        let Some(UrlTarget::Internal {
            path,
            fragment: Some(fragment),
        }) = target
        else {
            continue;
        };
        let Some(Served::Page(page)) = cx.map.lookup(path) else {
            continue;
        };
        let Some(anchors) = cx.anchors.of(page) else {
            continue;
        };
        if anchors.reaches(fragment) != Some(false) {
            continue;
        }
        let hint = nearest_id_hint(anchors, fragment);
        out.push(
            cx.source
                .report(
                    &FRAGMENT_MISSING,
                    url.range.clone(),
                    format!(
                        "link to `{}`: the page exists, but has no element with id=\"{}\"",
                        shown(&url.url),
                        shown(fragment)
                    ),
                    format!("{hint}fix the fragment, or give the target element that id"),
                )
                .with_target(format!("{path}#{fragment}")),
        );
    }
}
