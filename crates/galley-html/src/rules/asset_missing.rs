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
        let Some(UrlTarget::Internal { path, .. }) = target else {
            continue;
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
