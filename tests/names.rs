//! Names across documents: the `scale-ai-leadership` fixture story spells
//! two people's names two ways; each spelling is reported with its sources,
//! and two different people who share a surname are left alone.

// Test helpers fail loudly on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn check_json(dir: &str) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["check", "--format", "json", dir])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Each name-spelling conflict as its spellings, each with its sources.
fn variants(report: &serde_json::Value) -> Vec<Vec<(String, Vec<String>)>> {
    report["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["rule"] == "name-spelling")
        .map(|c| {
            c["sides"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    let mut sources: Vec<String> = s["evidence"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|e| e["source"].as_str().unwrap().to_string())
                        .collect();
                    sources.sort();
                    (s["value"].as_str().unwrap().to_string(), sources)
                })
                .collect()
        })
        .collect()
}

fn side(name: &str, sources: &[&str]) -> (String, Vec<String>) {
    (name.to_string(), sources.iter().map(|s| s.to_string()).collect())
}

#[test]
fn misspelt_names_are_reported_with_every_spelling_and_its_sources() {
    let report = check_json("fixtures/scale-ai-leadership");
    assert_eq!(
        variants(&report),
        [
            vec![
                side("Alexandr Wang", &["Ledger Weekly", "Northfield Wire"]),
                side("Alexander Wang", &["Byteline Roundup"])
            ],
            vec![
                side("Mark Zuckerberg", &["Northfield Wire"]),
                side("Mark Zuckerburg", &["Byteline Roundup"])
            ],
        ]
    );
}

#[test]
fn different_people_with_one_surname_are_not_a_spelling_finding() {
    let report = check_json("fixtures/scale-ai-leadership");
    let text = serde_json::to_string(&report["conflicts"]).unwrap();
    assert!(!text.contains("Mary Wang") && !text.contains("Mark Wang"), "{text}");
}

#[test]
fn name_findings_are_warnings_that_do_not_fail_the_check() {
    let report = check_json("fixtures/scale-ai-leadership");
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["summary"]["warnings"], 2);
}
