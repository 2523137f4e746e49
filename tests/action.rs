//! `action.yml`: the composite action is well-formed, runs `galley check` with
//! the GitHub format, and never pastes an input into a script.

mod common;

use common::repo_root;
use saphyr::{LoadableYamlNode, Yaml};

#[test]
fn action_runs_galley_and_passes_inputs_only_through_the_environment() {
    let text = std::fs::read_to_string(repo_root().join("action.yml")).unwrap();
    let action = Yaml::load_from_str(&text).expect("action.yml parses");
    let action = &action[0];
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    for input in ["path", "args", "sarif-file"] {
        assert!(
            action["inputs"][input]["description"].as_str().is_some(),
            "input {input} is documented"
        );
    }
    let steps = action["runs"]["steps"].as_vec().expect("steps");
    let scripts: Vec<&str> = steps.iter().filter_map(|s| run_of(s)).collect();
    assert!(
        scripts
            .iter()
            .any(|s| s.contains("galley check \"$GALLEY_PATH\" --format github"))
    );
    for script in &scripts {
        assert!(
            !script.contains("${{"),
            "an expression is pasted into a script: {script}"
        );
    }
    for step in steps.iter().filter(|s| run_of(s).is_some()) {
        assert_eq!(
            step["shell"].as_str(),
            Some("bash"),
            "composite run steps need a shell"
        );
    }
}

fn run_of<'a>(step: &'a Yaml<'_>) -> Option<&'a str> {
    step.as_mapping_get("run").and_then(|r| r.as_str())
}
