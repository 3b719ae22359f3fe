//! `kamdeck schema`: the committed `portfolio.schema.json` is what the model types give, the
//! examples name it, and an independent validator (Python's jsonschema) accepts the examples
//! and refuses the hostile corpus's type errors.

use std::path::PathBuf;
use std::process::Command;

use crate::support::{kamdeck, stderr};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_committed_schema_is_the_one_the_types_give() {
    let o = kamdeck(&["schema"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let committed = std::fs::read_to_string(root().join("portfolio.schema.json")).unwrap();
    assert!(
        String::from_utf8_lossy(&o.stdout) == committed,
        "portfolio.schema.json is stale: run `kamdeck schema > portfolio.schema.json`"
    );
    for example in ["minimal.yaml", "northbridge.yaml"] {
        let text = std::fs::read_to_string(root().join("examples").join(example)).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema=../portfolio.schema.json\n"), "{example}");
    }
}

#[test]
fn an_independent_validator_accepts_the_examples_and_refuses_type_errors() {
    let ready = Command::new("python3").args(["-c", "import jsonschema, yaml"]).output();
    if !ready.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: python3 with jsonschema and PyYAML is not installed (.ci/run installs them)");
        return;
    }
    let bad = [
        "c6-bad-enum",
        "c6-missing-name",
        "c6-not-integer",
        "c6-null-name",
        "c6-text-for-list",
        "c6-top-level-list",
        "c6-unknown-key",
        "c6-report-date-text",
        "c6-two-errors-one-account",
        "c6-empty",
    ];
    let mut files: Vec<PathBuf> =
        ["minimal.yaml", "northbridge.yaml"].iter().map(|e| root().join("examples").join(e)).collect();
    files.extend(bad.iter().map(|b| root().join("tests/hostile/files").join(format!("{b}.yaml"))));
    let o = Command::new("python3")
        .arg(root().join("tests/validate_schema.py"))
        .arg(root().join("portfolio.schema.json"))
        .args(&files)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{out}{}", stderr(&o));
    for line in out.lines() {
        let example = line.contains("/examples/");
        assert_eq!(line.ends_with(": ok"), example, "{line}");
    }
    assert_eq!(out.lines().count(), files.len(), "{out}");
}
