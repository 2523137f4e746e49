use crate::FileContext;
use crate::rules::FileFindings;
use crate::rules::{Missing, missing_urls, outside_baseurl, shown};
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
        title: "A link to a page that does not exist",
        why: "Readers get a \"page not found\" error.",
        options: [
            ("[site] generated", "globs of files the build creates that are not in the folder: not reported as missing"),
            ("[site] aliases", "other addresses the site is served at: absolute links to them are checked as internal"),
        ],
    };
}

pub(crate) fn check(cx: &FileContext<'_>, out: &mut FileFindings) {
    for (url, missing) in missing_urls(cx, UrlRole::Link) {
        let path = match missing {
            Missing::NotServed(path) => path,
            Missing::OutsideBaseurl(baseurl) => {
                out.push(outside_baseurl(&LINK_MISSING, cx, url, baseurl));
                continue;
            }
        };
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
        out.push(
            cx.source
                .report(
                    &LINK_MISSING,
                    url.range.clone(),
                    message,
                    format!("{hint}fix the link, or add the page it should lead to"),
                )
                .with_target(path),
        );
    }
}
