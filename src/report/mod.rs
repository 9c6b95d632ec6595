//! Report: conflicts (or mentions) in, text out. One module per format, all
//! reading the same [`Outcome`](crate::Outcome); nothing here prints.

pub mod json;
pub mod mentions;
pub mod text;

use crate::rules::Severity;
use crate::Outcome;

/// Counts of conflicts by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// All conflicts.
    pub conflicts: usize,
    /// At severity `error`.
    pub errors: usize,
    /// At severity `warning`.
    pub warnings: usize,
    /// At severity `info`.
    pub infos: usize,
}

impl Counts {
    /// Counts the conflicts of an outcome.
    pub fn of(outcome: &Outcome) -> Self {
        let mut counts = Counts {
            conflicts: outcome.conflicts.len(),
            ..Counts::default()
        };
        for c in &outcome.conflicts {
            match c.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
        }
        counts
    }
}

/// Where evidence is, as a diagnostic shows it: the file, and for a JSON
/// Lines record the record's id in brackets (line and column then count
/// within the record's text).
pub(crate) fn origin(e: &crate::Evidence) -> String {
    match e.record_line {
        Some(_) => format!("{}[{}]", e.path, e.doc),
        None => e.path.clone(),
    }
}
