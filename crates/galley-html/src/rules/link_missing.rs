use galley_core::Finding;
use galley_site::UrlTarget;

use crate::FileContext;
use crate::rules::shown;
use crate::scan::UrlRole;

galley_core::declare_rule! {
    /// ## What it finds
    /// A link (`a href`, `area href`, `iframe src`, `link rel=canonical`…) to a
    /// page of this site that does not exist. Relative (`../a/`), root-relative
    /// (`/a/`) and absolute links to the site's own address (`_config.yml`'s
    /// `url`, with or without `www.`) are resolved the way a static server does:
    /// `/a/` is `a/index.html`, `/a` is `a`, `a.html` or `a/index.html`. For
    /// Jekyll sources, pages are where their permalink puts them. Links built
    /// from Liquid are not checked; `mailto:`, `tel:` and other sites' URLs are
    /// left to other checks.
    ///
    /// ## Why it matters
    /// The reader gets a 404. Moving or renaming a page breaks every link to it,
    /// and nothing in the build notices.
    ///
    /// ## Example
    /// `<a href="/software/calendar/">` when the page's permalink is
    /// `/software/calendar-contacts/` is reported at the URL, with the nearest
    /// existing page as a suggestion.
    pub static LINK_MISSING = {
        id: "link-missing",
        severity: Error,
        summary: "an internal link to a page or file that does not exist in the site",
    };
}

pub(crate) fn check(cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    for (url, target) in cx.scan.urls.iter().zip(&cx.targets) {
        if url.role != UrlRole::Link {
            continue;
        }
        let path = match target {
            Some(UrlTarget::Internal { path, .. }) => path,
            Some(UrlTarget::OutsideBaseurl { baseurl }) => {
                out.push(outside_baseurl(cx, url, baseurl));
                continue;
            }
            _ => continue,
        };
        if cx.map.lookup(path).is_some() {
            continue;
        }
        let hint = match cx.map.closest_page(path) {
            Some(near) => format!("did you mean `{near}`? Otherwise "),
            None => String::new(),
        };
        let resolved = format!("/{path}");
        let message = if url.url.trim() == resolved {
            format!(
                "link to `{}`, but the site has no page there",
                shown(&url.url)
            )
        } else {
            format!(
                "link to `{}`, but the site has no page at `{}`",
                shown(&url.url),
                shown(&resolved)
            )
        };
        out.push(Finding::new(
            &LINK_MISSING,
            cx.source,
            cx.source.span(url.range.clone()),
            message,
            format!("{hint}fix the link, or add the page it should lead to"),
        ));
    }
}

/// A root-relative URL that misses the `baseurl` prefix works in a local preview
/// served at `/` and breaks once the site is served under its subpath.
fn outside_baseurl(cx: &FileContext<'_>, url: &crate::UrlRef, baseurl: &str) -> Finding {
    Finding::new(
        &LINK_MISSING,
        cx.source,
        cx.source.span(url.range.clone()),
        format!(
            "`{}` leads outside `{baseurl}`, the path the site is served under",
            shown(&url.url)
        ),
        format!(
            "start the path with `{baseurl}/`, or write it with Liquid's `relative_url` filter"
        ),
    )
}
