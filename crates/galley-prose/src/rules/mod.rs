//! The prose rules, one module each.

pub mod word_repeated;

use galley_core::RuleMeta;

pub static RULES: &[&RuleMeta] = &[&word_repeated::WORD_REPEATED];
