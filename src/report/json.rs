//! `--format json`: the conflicts as one JSON object. The format is
//! versioned by [`VERSION`]; README.md documents every field.

use chrono::NaiveDate;
use serde::Serialize;

use super::Counts;
use crate::claims::ClaimValue;
use crate::error::InputError;
use crate::Outcome;

/// The version of the JSON output; bumped when a field changes meaning or goes away.
pub const VERSION: u32 = 2;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    documents: usize,
    errors: &'a [InputError],
    summary: Counts,
    conflicts: Vec<Conflict<'a>>,
    accepted: usize,
    stale: Vec<Stale<'a>>,
    suppressed: usize,
    unused_suppressions: &'a [crate::suppress::Unused],
}

#[derive(Serialize)]
struct Stale<'a> {
    fingerprint: &'a str,
    rule: &'a str,
    claim: &'a str,
    values: &'a [String],
}

#[derive(Serialize)]
struct Conflict<'a> {
    rule: &'a str,
    kind: &'static str,
    severity: &'static str,
    title: &'a str,
    message: &'a str,
    claim: Claim<'a>,
    best: Option<&'a str>,
    sides: Vec<Side<'a>>,
}

#[derive(Serialize)]
struct Claim<'a> {
    rule: &'a str,
    key: &'a [String],
    slot: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    qualifier: &'a str,
}

#[derive(Serialize)]
struct Side<'a> {
    value: &'a str,
    normalized: &'a ClaimValue,
    support: usize,
    weight: f64,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    verified: bool,
    evidence: Vec<Evidence<'a>>,
    /// Places that state the value beyond those listed.
    #[serde(skip_serializing_if = "is_zero")]
    unlisted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct Evidence<'a> {
    doc: &'a str,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    record_line: Option<usize>,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    text: &'a str,
    sentence: &'a str,
    source: Option<&'a str>,
    published: Option<NaiveDate>,
    url: Option<&'a str>,
    title: Option<&'a str>,
    story: Option<&'a str>,
}

/// Renders an outcome as pretty-printed JSON.
pub fn render(outcome: &Outcome) -> String {
    let report = Report {
        version: VERSION,
        documents: outcome.documents,
        errors: &outcome.errors,
        summary: Counts::of(outcome),
        conflicts: outcome
            .conflicts
            .iter()
            .map(|c| Conflict {
                rule: &c.rule,
                kind: c.kind.as_str(),
                severity: c.severity.as_str(),
                title: &c.title,
                message: &c.message,
                claim: Claim {
                    rule: &c.claim_rule,
                    key: &c.subject,
                    slot: &c.slot,
                    qualifier: &c.qualifier,
                },
                best: c.best.and_then(|i| c.sides.get(i)).map(|s| s.value.as_str()),
                sides: c
                    .sides
                    .iter()
                    .map(|s| Side {
                        value: &s.value,
                        normalized: &s.normalized,
                        support: s.support,
                        weight: s.weight,
                        verified: s.verified,
                        unlisted: s.unlisted,
                        evidence: s
                            .evidence
                            .iter()
                            .map(|e| Evidence {
                                doc: e.doc(),
                                path: e.path(),
                                record_line: e.record_line(),
                                start: e.span.start,
                                end: e.span.end,
                                line: e.line,
                                column: e.column,
                                text: e.text(),
                                sentence: &e.sentence,
                                source: e.source(),
                                published: e.published(),
                                url: e.url(),
                                title: e.title(),
                                story: e.story(),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        accepted: outcome.accepted,
        stale: outcome
            .stale
            .iter()
            .map(|e| Stale {
                fingerprint: &e.fingerprint,
                rule: &e.rule,
                claim: &e.claim,
                values: &e.values,
            })
            .collect(),
        suppressed: outcome.suppressed,
        unused_suppressions: &outcome.unused_suppressions,
    };
    // Serializing these plain structs cannot fail; an empty object is the
    // safe fallback if it ever did.
    serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into())
}
