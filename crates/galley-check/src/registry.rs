//! Every rule Galley knows, gathered from the crates that declare them. This is
//! the one place a new checker's rules are registered.

use galley_core::RuleRegistry;

pub fn registry() -> RuleRegistry {
    let mut rules = vec![
        &galley_core::internal_error::INTERNAL_ERROR,
        &galley_site::rules::FILE_UNREADABLE,
        &galley_site::rules::FILE_OUTSIDE_SITE,
        &galley_yaml::rules::YAML_SYNTAX,
        &galley_yaml::rules::YAML_DUPLICATE_KEY,
    ];
    rules.extend_from_slice(galley_data::rules::RULES);
    rules.extend_from_slice(galley_html::rules::RULES);
    rules.extend_from_slice(galley_contract::rules::RULES);
    rules.extend_from_slice(galley_links::rules::RULES);
    rules.extend_from_slice(galley_prose::rules::RULES);
    rules.push(&galley_site::rules::ASSET_MISSING);
    rules.push(&crate::suppression::SUPPRESSION_UNUSED);
    RuleRegistry::new(rules)
}
