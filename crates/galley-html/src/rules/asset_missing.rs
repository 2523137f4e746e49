//! `asset-missing` in HTML: the rule is shared with the data checker and
//! declared in `galley_site::rules`.

use galley_core::Finding;
use galley_site::UrlTarget;
use galley_site::rules::ASSET_MISSING;

use crate::FileContext;
use crate::rules::shown;
use crate::scan::UrlRole;

pub(crate) fn check(cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    for (url, target) in cx.scan.urls.iter().zip(&cx.targets) {
        if url.role != UrlRole::Asset {
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
        out.push(Finding::new(
            &ASSET_MISSING,
            cx.source,
            cx.source.span(url.range.clone()),
            format!(
                "`{}` ({} {}) is not in the site",
                shown(&url.url),
                url.element,
                url.attribute
            ),
            "fix the path (the server's paths are case-sensitive) or add the file",
        ));
    }
}

/// A root-relative URL that misses the `baseurl` prefix works in a local preview
/// served at `/` and breaks once the site is served under its subpath.
fn outside_baseurl(cx: &FileContext<'_>, url: &crate::UrlRef, baseurl: &str) -> Finding {
    Finding::new(
        &ASSET_MISSING,
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
