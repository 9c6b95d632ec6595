//! `--format sarif`: SARIF 2.1.0 for code-scanning tools. One result per
//! conflict, located at the evidence that disagrees with the best-supported
//! value, with every other piece of evidence as a related location.

use serde_json::{json, Value};

use super::{located, primary, Location};
use crate::compare::Conflict;
use crate::rules::{RuleSet, Severity};
use crate::Outcome;

/// The fingerprint key in `partialFingerprints`; its value is the
/// conflict's baseline fingerprint ([`Conflict::fingerprint`]).
pub const FINGERPRINT: &str = "claimcheck/v1";

/// Renders an outcome as a SARIF 2.1.0 log, pretty-printed.
pub fn render(outcome: &Outcome, rules: &RuleSet) -> String {
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "claimcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.rules.iter().map(|r| json!({
                    "id": r.id,
                    "shortDescription": {"text": r.title},
                    "fullDescription": {"text": r.description.trim()},
                    "help": {"text": format!("{} Rule kind: {}.", r.description.trim(), r.kind.as_str())},
                    "defaultConfiguration": {"level": level(r.severity)},
                })).collect::<Vec<_>>(),
            }},
            "results": outcome.conflicts.iter().filter_map(result).collect::<Vec<_>>(),
            "columnKind": "unicodeCodePoints",
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

fn result(conflict: &Conflict) -> Option<Value> {
    let (side, evidence) = primary(conflict)?;
    let others: Vec<Value> = located(conflict)
        .filter(|(s, e)| !(*s == side && std::ptr::eq(*e, evidence)))
        .enumerate()
        .map(|(id, (s, e))| {
            let mut loc = location(&Location::of(e));
            loc["id"] = json!(id);
            loc["message"] = json!({"text": format!("{} ({})", conflict.sides[s].value, support(conflict, s))});
            loc
        })
        .collect();
    Some(json!({
        "ruleId": conflict.rule,
        "level": level(conflict.severity),
        "message": {"text": format!(
            "{}: {} ({}), but {}",
            conflict.message,
            conflict.sides[side].value,
            support(conflict, side),
            conflict.best.map_or("the sources disagree".into(), |b| format!(
                "most sources support {}",
                conflict.sides[b].value
            )),
        )},
        "locations": [location(&Location::of(evidence))],
        "relatedLocations": others,
        "partialFingerprints": {FINGERPRINT: conflict.fingerprint()},
    }))
}

fn location(at: &Location<'_>) -> Value {
    let mut region = json!({"startLine": at.line, "snippet": {"text": at.text}});
    if let Some(column) = at.column {
        region["startColumn"] = json!(column);
        region["endColumn"] = json!(column + at.text.chars().count());
    }
    json!({"physicalLocation": {"artifactLocation": {"uri": at.path}, "region": region}})
}

fn support(conflict: &Conflict, side: usize) -> String {
    super::sources(conflict.sides[side].support)
}

/// The SARIF level of a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}
