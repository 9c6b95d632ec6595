//! `--format github`: GitHub Actions workflow commands, one annotation per
//! conflict at the evidence that disagrees with the best-supported value.

use super::{primary, Location};
use crate::rules::Severity;
use crate::Outcome;

/// Renders an outcome as `::error file=…,line=…::…` lines.
pub fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    for conflict in &outcome.conflicts {
        let Some((side, evidence)) = primary(conflict) else {
            continue;
        };
        let at = Location::of(evidence);
        let command = match conflict.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = format!("file={},line={}", property(at.path), at.line);
        if let Some(column) = at.column {
            properties.push_str(&format!(",col={column}"));
        }
        properties.push_str(&format!(
            ",title={}",
            property(&format!("claimcheck {}", conflict.rule))
        ));
        let values: Vec<String> = conflict
            .sides
            .iter()
            .map(|s| format!("{} ({})", s.value, super::sources(s.support)))
            .collect();
        let message = format!(
            "{}. Here: {}. All values: {}.",
            conflict.message,
            conflict.sides[side].value,
            values.join("; ")
        );
        out.push_str(&format!("::{command} {properties}::{}\n", data(&message)));
    }
    out
}

/// Escapes a workflow command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}
