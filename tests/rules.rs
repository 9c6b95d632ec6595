//! Every rule's `examples` hold: each `conflict` set makes the rule fire and
//! each `agree` set does not. A rule file is its own test fixture.

// Test helpers fail loudly on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use claimcheck::rules::ExampleDoc;
use claimcheck::{Document, Engine, RuleSet};

fn documents(set: &[ExampleDoc]) -> Vec<Document> {
    set.iter()
        .enumerate()
        .map(|(i, doc)| {
            let id = format!("example-{}", i + 1);
            match doc {
                ExampleDoc::Text(text) => Document::from_text(&id, text, None),
                ExampleDoc::Dated(d) => Document::from_text(&id, &d.text, Some(d.published)),
            }
        })
        .collect()
}

#[test]
fn every_rule_example_holds() {
    let engine = Engine::new(RuleSet::embedded().unwrap()).unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in &engine.rules().rules {
        for (expect_conflict, sets) in [(true, &rule.examples.conflict), (false, &rule.examples.agree)] {
            for (i, set) in sets.iter().enumerate() {
                let fired = engine.conflicts(&documents(set)).iter().any(|c| c.rule == rule.id);
                checked += 1;
                if fired != expect_conflict {
                    let which = if expect_conflict { "conflict" } else { "agree" };
                    failures.push(format!(
                        "{}: {which} example {} {}",
                        rule.id,
                        i + 1,
                        if fired { "fired" } else { "did not fire" }
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(checked >= 6, "only {checked} examples");
}

#[test]
fn every_rule_has_both_kinds_of_example() {
    let rules = RuleSet::embedded().unwrap();
    for rule in &rules.rules {
        assert!(
            !rule.examples.conflict.is_empty() && !rule.examples.agree.is_empty(),
            "{} lacks examples",
            rule.id
        );
    }
}
