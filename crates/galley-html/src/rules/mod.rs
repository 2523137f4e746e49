//! The HTML rules, one module each. `check_file` runs them all on one file.

pub mod anchor_missing;
pub mod asset_missing;
pub mod fragment_missing;
pub mod html_syntax;
pub mod id_duplicate;
pub mod img_alt_missing;
pub mod img_alt_suspicious;
pub mod link_missing;
pub mod liquid_syntax;
pub mod liquid_target_missing;

use galley_core::{Finding, RuleMeta};
use galley_site::UrlTarget;

use crate::scan::{UrlRef, UrlRole};
use crate::{FileContext, PageAnchors};

/// The rules this crate declares (`asset-missing` is shared, declared by
/// `galley-site`).
pub static RULES: &[&RuleMeta] = &[
    &anchor_missing::ANCHOR_MISSING,
    &link_missing::LINK_MISSING,
    &fragment_missing::FRAGMENT_MISSING,
    &id_duplicate::ID_DUPLICATE,
    &img_alt_missing::IMG_ALT_MISSING,
    &img_alt_suspicious::IMG_ALT_SUSPICIOUS,
    &html_syntax::HTML_SYNTAX,
    &liquid_syntax::LIQUID_SYNTAX,
    &liquid_target_missing::LIQUID_TARGET_MISSING,
];

pub(crate) fn check_file(cx: &FileContext<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    anchor_missing::check(cx, &mut findings);
    link_missing::check(cx, &mut findings);
    fragment_missing::check(cx, &mut findings);
    asset_missing::check(cx, &mut findings);
    id_duplicate::check(cx, &mut findings);
    img_alt_missing::check(cx, &mut findings);
    img_alt_suspicious::check(cx, &mut findings);
    html_syntax::check(cx, &mut findings);
    liquid_syntax::check(cx, &mut findings);
    liquid_target_missing::check(cx, &mut findings);
    findings.extend(galley_prose::rules::check(
        cx.source,
        &cx.scan.prose,
        cx.prose,
    ));
    findings
}

/// A URL as the reader wrote it, shortened for a one-line message.
pub(crate) fn shown(url: &str) -> String {
    galley_core::shortened(url, 80)
}

/// Why an internal URL leads nowhere.
pub(crate) enum Missing<'a> {
    /// No file is served at this path (relative to the build root).
    NotServed(&'a str),
    /// A root-relative path outside the `baseurl` the site is served under.
    OutsideBaseurl(&'a str),
}

/// The URLs of `role` in the file that lead nowhere in the site: what
/// `link-missing` and `asset-missing` report.
pub(crate) fn missing_urls<'a>(
    cx: &'a FileContext<'_>,
    role: UrlRole,
) -> impl Iterator<Item = (&'a UrlRef, Missing<'a>)> {
    cx.scan
        .urls
        .iter()
        .zip(&cx.targets)
        .filter(move |(url, _)| url.role == role)
        .filter_map(|(url, target)| match target {
            Some(UrlTarget::Internal { path, .. }) => cx
                .map
                .lookup(path)
                .is_none()
                .then_some((url, Missing::NotServed(path.as_str()))),
            Some(UrlTarget::OutsideBaseurl { baseurl }) => {
                Some((url, Missing::OutsideBaseurl(baseurl.as_str())))
            }
            _ => None,
        })
}

/// A root-relative URL that misses the `baseurl` prefix works in a local preview
/// served at `/` and breaks once the site is served under its subpath.
pub(crate) fn outside_baseurl(
    rule: &RuleMeta,
    cx: &FileContext<'_>,
    url: &UrlRef,
    baseurl: &str,
) -> Finding {
    Finding::new(
        rule,
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

/// "did you mean `#x`? Otherwise " when a page has an id close to `fragment`.
pub(crate) fn nearest_id_hint(anchors: &PageAnchors<'_>, fragment: &str) -> String {
    match anchors.closest(fragment) {
        Some(near) => format!("did you mean `#{near}`? Otherwise "),
        None => String::new(),
    }
}
