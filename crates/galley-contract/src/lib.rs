//! The template–data contract: what templates read from the data (`model`
//! works it out, following Liquid as Jekyll would) judged against what the
//! data defines (`rules`).

mod model;
pub mod rules;

pub use model::{Contract, FieldRead, Optional, Unknown, UnusedField, Verdict};

use galley_core::Finding;
use galley_site::Site;

/// Every contract finding of the site.
pub fn check(site: &Site, contract: &Contract) -> Vec<Finding> {
    let mut findings = Vec::new();
    rules::template_field_unknown::check(site, contract, &mut findings);
    rules::template_field_optional::check(site, contract, &mut findings);
    rules::data_field_unused::check(site, contract, &mut findings);
    findings
}
