//! The external link rules, one module each.

pub mod link_blocked;
pub mod link_dead;
pub mod link_fragment_missing;
pub mod link_redirected;
pub mod link_unreachable;

use galley_core::RuleMeta;

pub static RULES: &[&RuleMeta] = &[
    &link_dead::LINK_DEAD,
    &link_unreachable::LINK_UNREACHABLE,
    &link_redirected::LINK_REDIRECTED,
    &link_blocked::LINK_BLOCKED,
    &link_fragment_missing::LINK_FRAGMENT_MISSING,
];

/// A URL as written, shortened for a one-line message.
pub(crate) fn shown(url: &str) -> String {
    galley_core::shortened(&galley_core::redacted(url), 100)
}
