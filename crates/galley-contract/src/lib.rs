//! The template–data contract: what templates read from the data (`model`
//! works it out, following Liquid as Jekyll would) judged against what the
//! data defines (`rules`).

mod model;
pub mod rules;

pub use model::{Contract, FieldRead, Optional, Unknown, UnusedField, Verdict};

use galley_core::{Config, Finding, RuleMeta};
use galley_site::Site;

/// How every contract rule checks the site against the contract.
type Check = fn(&Site, &Contract, &mut Vec<Finding>);

/// Each rule with its check, in the order they run.
const CHECKS: &[(&RuleMeta, Check)] = &[
    (
        &rules::template_field_unknown::TEMPLATE_FIELD_UNKNOWN,
        rules::template_field_unknown::check,
    ),
    (
        &rules::template_field_optional::TEMPLATE_FIELD_OPTIONAL,
        rules::template_field_optional::check,
    ),
    (
        &rules::data_field_unused::DATA_FIELD_UNUSED,
        rules::data_field_unused::check,
    ),
];

/// Every contract finding of the site, from the rules that are not `off`.
pub fn check(site: &Site, contract: &Contract, config: &Config) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (rule, check) in CHECKS {
        if config.runs(rule) {
            check(site, contract, &mut findings);
        }
    }
    findings
}
