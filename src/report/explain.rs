//! `claimcheck explain RULE`: one rule in full, as text.

use crate::rules::{ExampleDoc, Rule};

/// What a rule checks, where it is defined, and its examples.
pub fn render(rule: &Rule) -> String {
    let mut out = format!(
        "{} ({} rule, severity {})\n{}\n\n",
        rule.id,
        rule.kind.as_str(),
        rule.severity.as_str(),
        rule.title
    );
    if !rule.description.is_empty() {
        out.push_str(&rule.description);
        out.push_str("\n\n");
    }
    out.push_str(&format!("defined in: {}:{}\n", rule.path, rule.line));
    if !rule.triggers.is_empty() {
        out.push_str(&format!("triggers:   {}\n", rule.triggers.join(", ")));
    }
    if !rule.subject.is_empty() {
        let roles: Vec<String> = rule
            .subject
            .iter()
            .map(|(role, kind)| format!("{role}: {}", kind.as_str()))
            .collect();
        out.push_str(&format!("subject:    {}\n", roles.join(", ")));
    }
    for slot in &rule.slots {
        let tolerance = if slot.tolerance > 0.0 {
            format!(", tolerance {}%", slot.tolerance * 100.0)
        } else if !slot.roles.is_empty() {
            format!(": {}", slot.roles.join(", "))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "slot:       {} ({}{tolerance})\n",
            slot.name,
            slot.kind.as_str()
        ));
    }
    out.push_str(&format!("message:    {}\n", rule.message));
    for (name, sets) in [("conflict", &rule.examples.conflict), ("agree", &rule.examples.agree)] {
        for (i, set) in sets.iter().enumerate() {
            out.push_str(&format!("\n{name} example {}:\n", i + 1));
            for doc in set {
                match doc {
                    ExampleDoc::Text(text) => out.push_str(&format!("  - {text}\n")),
                    ExampleDoc::Dated(d) => out.push_str(&format!("  - (published {}) {}\n", d.published, d.text)),
                }
            }
        }
    }
    out
}
