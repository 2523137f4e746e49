//! `asset-missing` in HTML: the rule is shared with the data checker and
//! declared, with its messages, in `galley_site::rules::asset_missing`.

use galley_site::rules::asset_missing::{self, ASSET_MISSING};

use crate::FileContext;
use crate::rules::FileFindings;
use crate::rules::{Missing, missing_urls, outside_baseurl, shown};
use crate::scan::UrlRole;

pub(crate) fn check(cx: &FileContext<'_>, out: &mut FileFindings) {
    for (url, missing) in missing_urls(cx, UrlRole::Asset) {
        let path = match missing {
            Missing::OutsideBaseurl(baseurl) => {
                out.push(outside_baseurl(&ASSET_MISSING, cx, url, baseurl));
                continue;
            }
            Missing::NotServed(path) => path,
        };
        let no_folder = path
            .rsplit_once('/')
            .is_some_and(|(folder, _)| !cx.site.has_folder(folder));
        // A folder the site has nothing in, on a site whose plugins write into
        // the build (a search index after `post_write`): unknown, not missing.
        if no_folder && cx.site.has_folder("_plugins") {
            continue;
        }
        out.push(
            asset_missing::in_page(
                cx.source,
                url.range.clone(),
                &shown(&url.url),
                url.element,
                url.attribute,
                no_folder,
            )
            .with_target(path),
        );
    }
}
