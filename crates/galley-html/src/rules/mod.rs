//! The HTML rules, one module each. `check_file` runs them all on one file.

pub mod anchor_missing;
pub mod asset_missing;
pub mod fragment_missing;
pub mod html_syntax;
pub mod id_duplicate;
pub mod img_alt_missing;
pub mod img_alt_suspicious;
pub mod link_missing;

use galley_core::{Finding, RuleMeta};

use crate::FileContext;

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
    findings
}

/// A URL as the reader wrote it, shortened for a one-line message.
pub(crate) fn shown(url: &str) -> String {
    const MAX: usize = 80;
    if url.chars().count() <= MAX {
        url.to_owned()
    } else {
        let cut: String = url.chars().take(MAX - 1).collect();
        format!("{cut}…")
    }
}
