//! `--format sarif`: valid against the SARIF 2.1.0 schema, with rules and exact
//! locations.

mod common;

use common::{galley, repo_root};

fn sarif_of_example_site() -> serde_json::Value {
    let run = galley(
        &repo_root(),
        &["check", "fixtures/site", "--format", "sarif"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("SARIF output is JSON")
}

#[test]
fn output_validates_against_the_sarif_2_1_0_schema() {
    let schema_text =
        std::fs::read_to_string(repo_root().join("tests/sarif/sarif-2.1.0-rtm.5.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let log = sarif_of_example_site();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema must really be checking: a broken log is rejected.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn results_carry_rule_level_message_and_region() {
    let log = sarif_of_example_site();
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "galley");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(
        ids.contains(&"anchor-missing") && ids.contains(&"schema"),
        "{ids:?}"
    );
    let results = run["results"].as_array().unwrap();
    let anchor = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "fixtures/site/checks/anchor-missing.html"
        })
        .expect("the anchor-missing finding");
    assert_eq!(anchor["ruleId"], "anchor-missing");
    assert_eq!(anchor["level"], "error");
    assert_eq!(
        rules[anchor["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "anchor-missing"
    );
    assert_eq!(
        anchor["message"]["text"],
        "link to `#im`, but no element on this page has id=\"im\"\nhelp: did you mean `#imm`? Otherwise give the element the link should reach id=\"im\", or fix the link"
    );
    assert_eq!(
        anchor["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 6, "startColumn": 25, "endLine": 6, "endColumn": 28})
    );
    let warning = results
        .iter()
        .find(|r| r["ruleId"] == "img-alt-suspicious")
        .unwrap();
    assert_eq!(warning["level"], "warning");
    // One result per finding: as many as the JSON output has.
    let json = galley(
        &repo_root(),
        &["check", "fixtures/site", "--format", "json"],
    );
    assert_eq!(results.len(), json.findings().len());
}
