//! The data checker's rules, one module each. `yaml-syntax`, `yaml-duplicate-key`
//! and `asset-missing` are shared with other checkers and live in `galley-site`.

pub mod schema;
pub mod title_duplicate;

use galley_core::RuleMeta;

/// The rules this crate declares.
pub const RULES: &[&RuleMeta] = &[&schema::SCHEMA, &title_duplicate::TITLE_DUPLICATE];
