//! The template–data contract checker: what templates read from the data
//! (`galley_site::contract` works it out) against what the data defines.

pub mod rules;

use galley_core::Finding;
use galley_site::Site;
use galley_site::contract::Contract;

/// Every contract finding of the site.
pub fn check(site: &Site, contract: &Contract) -> Vec<Finding> {
    let mut findings = Vec::new();
    rules::template_field_unknown::check(site, contract, &mut findings);
    rules::template_field_optional::check(site, contract, &mut findings);
    rules::data_field_unused::check(site, contract, &mut findings);
    findings
}
