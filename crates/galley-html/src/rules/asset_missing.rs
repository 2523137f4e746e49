//! `asset-missing` in HTML: the rule is shared with the data checker and
//! declared in `galley_site::rules`.

use galley_core::Finding;
use galley_site::rules::ASSET_MISSING;

use crate::FileContext;
use crate::rules::{Missing, missing_urls, outside_baseurl, shown};
use crate::scan::UrlRole;

pub(crate) fn check(cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    for (url, missing) in missing_urls(cx, UrlRole::Asset) {
        if let Missing::OutsideBaseurl(baseurl) = missing {
            out.push(outside_baseurl(&ASSET_MISSING, cx, url, baseurl));
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
