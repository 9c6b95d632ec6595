//! Every rule's `examples` hold: each `conflict` set makes the rule fire and
//! each `agree` set does not. A rule file is its own test fixture; this is
//! what `claimcheck test-rules` runs.

// Test helpers fail loudly on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use claimcheck::{selftest, Engine, RuleSet};

#[test]
fn every_rule_example_holds() {
    let mut rules = RuleSet::embedded().unwrap();
    rules.enable_all();
    let engine = Engine::new(rules).unwrap();
    let results: Vec<_> = engine
        .rules()
        .rules
        .iter()
        .flat_map(|rule| selftest::run(&engine, rule))
        .collect();
    let failures: Vec<String> = results.iter().filter(|r| !r.passed()).map(|r| r.describe()).collect();
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(results.len() >= 6, "only {} examples", results.len());
}

#[test]
fn every_rule_has_both_kinds_of_example() {
    let mut rules = RuleSet::embedded().unwrap();
    rules.enable_all();
    // A fact rule's values come from the corpus's facts.yaml; its unit
    // tests cover it.
    for rule in rules
        .rules
        .iter()
        .filter(|r| r.kind != claimcheck::rules::RuleKind::Fact)
    {
        assert!(
            !rule.examples.conflict.is_empty() && !rule.examples.agree.is_empty(),
            "{} lacks examples",
            rule.id
        );
        assert_eq!(
            rule.example_lines.conflict.len(),
            rule.examples.conflict.len(),
            "{}",
            rule.id
        );
        assert_eq!(rule.example_lines.agree.len(), rule.examples.agree.len(), "{}", rule.id);
    }
}

fn claimcheck(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn test_rules_names_a_failing_example_by_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("claims")).unwrap();
    let rule = "id: wrong-examples\nkind: claim\ntitle: Examples that do not hold\n\
                triggers: [invested]\nsubject: { investor: org, investee: org }\n\
                slots:\n  date: { kind: date }\nseverity: warning\nmessage: \"{subject} {slot}\"\n\
                examples:\n  conflict:\n    - [\"Meta invested in Scale AI in June 2025.\",\n       \"Meta invested in Scale AI in mid-June 2025.\"]\n\
                \x20 agree:\n    - [\"Meta invested in Scale AI in June 2025.\", \"Meta invested in Scale AI in June 2025.\"]\n";
    std::fs::write(dir.path().join("claims/wrong.yaml"), rule).unwrap();
    let output = claimcheck(&["test-rules", dir.path().to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("claims/wrong.yaml:12: wrong-examples: conflict example 1 did not fire"),
        "{stdout}"
    );
    assert!(stdout.ends_with("1 passed, 1 failed\n"), "{stdout}");
}

#[test]
fn test_rules_passes_on_the_default_rules() {
    let output = claimcheck(&["test-rules"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.ends_with(" passed, 0 failed\n"), "{stdout}");
}

#[test]
fn explain_shows_a_rule_and_names_the_rules_when_unknown() {
    let output = claimcheck(&["explain", "investment"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout.starts_with("investment (claim rule, severity error)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("defined in: rules/claims/investment.yaml:2"),
        "{stdout}"
    );
    assert!(stdout.contains("slot:       amount (money, tolerance 2%)"), "{stdout}");
    let unknown = claimcheck(&["explain", "no-such-rule"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("investment"));
}
