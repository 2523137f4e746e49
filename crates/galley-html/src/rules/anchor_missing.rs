use crate::rules::FileFindings;
use galley_site::UrlTarget;

use crate::rules::{nearest_id_hint, shown};
use crate::{FileContext, PageAnchors};

galley_core::declare_rule! {
    /// ## What it finds
    /// A link to `#x` on the same page when no element of the page has `id="x"`
    /// (nor is an `<a name="x">`). The page's ids include those of its Jekyll
    /// layout and of the includes it names. The fragment is matched as the
    /// browser matches it: case-sensitively, as written and then percent-decoded;
    /// `#` and `#top` always work. Ids built from Liquid count as patterns, and a
    /// page whose ids cannot all be known (an include named by Liquid) is not
    /// judged. A link inside a layout or include is judged against every page
    /// that uses it (directly or through other layouts and includes) and
    /// reported when none of them has the id; a template no page uses is not
    /// judged.
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
        title: "A link to a section that is not on the page",
        why: "Readers click and nothing happens, or the page jumps to the top.",
        options: [("[site] heading_ids", "how Markdown headings get their ids (`kramdown-gfm`, `kramdown`, `github`, `python-markdown`, `none`)")],
    };
}

pub(crate) fn check(cx: &FileContext<'_>, out: &mut FileFindings) {
    // A page's own ids; for a layout or include, those of every page it ends up in.
    let own = cx.own_anchors();
    let (users, pages): (Vec<usize>, Vec<&PageAnchors<'_>>) = match own {
        Some(anchors) => (vec![cx.index], vec![anchors]),
        None => cx
            .anchors
            .users_of(cx.index)
            .iter()
            .filter_map(|&page| Some((page, cx.anchors.of(page)?)))
            .unzip(),
    };
    let Some(first) = pages.first() else {
        return; // a layout or include no page uses
    };
    for (url, target) in cx.scan.urls.iter().zip(&cx.targets) {
        let Some(UrlTarget::SamePage { fragment }) = target else {
            continue;
        };
        let lacking: Vec<usize> = users
            .iter()
            .zip(&pages)
            .filter(|(_, page)| page.reaches(fragment) == Some(false))
            .map(|(&index, _)| index)
            .collect();
        if lacking.len() < pages.len() {
            // A shared file's link that breaks on some of the pages using it,
            // written on every render (not inside an `if` or loop).
            let always_written = !cx
                .conditional
                .iter()
                .any(|block| block.contains(&url.range.start));
            if own.is_none() && !lacking.is_empty() && always_written {
                out.push(cx.source.report(
                    &ANCHOR_MISSING,
                    url.range.clone(),
                    format!(
                        "link to `#{}` breaks on {} of the {} pages that use this file, which have no element with id=\"{}\": {}",
                        shown(fragment),
                        lacking.len(),
                        pages.len(),
                        shown(fragment),
                        listed_pages(cx, &lacking)
                    ),
                    format!(
                        "give those pages an element with id=\"{}\", or link to the page that has it",
                        shown(fragment)
                    ),
                ).with_target(format!("{}#{fragment}", cx.source.path())));
            }
            continue;
        }
        let hint = nearest_id_hint(first, fragment);
        let message = match (own, pages.len()) {
            (Some(_), _) => format!(
                "link to `#{}`, but no element on this page has id=\"{}\"",
                shown(fragment),
                shown(fragment)
            ),
            (None, 1) => format!(
                "link to `#{}`, but the page that uses this file has no element with id=\"{}\"",
                shown(fragment),
                shown(fragment)
            ),
            (None, n) => format!(
                "link to `#{}`, but none of the {n} pages that use this file has an element with id=\"{}\"",
                shown(fragment),
                shown(fragment)
            ),
        };
        out.push(
            cx.source
                .report(
                    &ANCHOR_MISSING,
                    url.range.clone(),
                    message,
                    format!(
                        "{hint}give the element the link should reach id=\"{}\", or fix the link",
                        shown(fragment)
                    ),
                )
                .with_target(format!("{}#{fragment}", cx.source.path())),
        );
    }
}

/// `a.md`, `b.md` and `c.md`; `a.md`, `b.md`, `c.md` and 4 more.
fn listed_pages(cx: &FileContext<'_>, pages: &[usize]) -> String {
    let names: Vec<String> = pages
        .iter()
        .take(3)
        .map(|&page| format!("`{}`", cx.site.files[page].source.path()))
        .collect();
    match pages.len() {
        1 => names[0].clone(),
        n if n <= 3 => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
        n => format!("{} and {} more", names.join(", "), n - 3),
    }
}
