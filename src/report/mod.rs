//! Report: conflicts (or mentions) in, text out. One module per format, all
//! reading the same [`Outcome`](crate::Outcome); nothing here prints.

pub mod explain;
pub mod github;
pub mod html;
pub mod json;
pub mod markdown;
pub mod mentions;
pub mod sarif;
pub mod text;

use crate::compare::Conflict;
use crate::rules::Severity;
use crate::{Evidence, Outcome};

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
    match e.record_line() {
        Some(_) => format!("{}[{}]", e.path(), e.doc()),
        None => e.path().to_string(),
    }
}

/// "1 source", "2 sources".
pub(crate) fn sources(n: usize) -> String {
    match n {
        1 => "1 source".into(),
        n => format!("{n} sources"),
    }
}

/// The places a side states its value at beyond those it lists, in words:
/// `and 1,200 more places`, or nothing when it lists them all.
pub(crate) fn unlisted(side: &crate::compare::Side) -> Option<String> {
    match side.unlisted {
        0 => None,
        1 => Some("and 1 more place".into()),
        n => Some(format!("and {n} more places")),
    }
}

/// Where a piece of evidence is in its file, as CI formats point at it: for
/// JSON Lines the record's line, with no column (the text is escaped there).
pub(crate) struct Location<'a> {
    pub(crate) path: &'a str,
    pub(crate) line: usize,
    pub(crate) column: Option<usize>,
    pub(crate) text: &'a str,
}

impl<'a> Location<'a> {
    pub(crate) fn of(e: &'a Evidence) -> Self {
        match e.record_line() {
            Some(line) => Location {
                path: e.path(),
                line,
                column: None,
                text: e.text(),
            },
            None => Location {
                path: e.path(),
                line: e.line,
                column: Some(e.column),
                text: e.text(),
            },
        }
    }
}

/// Every piece of evidence of a conflict with the index of its side.
pub(crate) fn located(conflict: &Conflict) -> impl Iterator<Item = (usize, &Evidence)> {
    conflict
        .sides
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.evidence.iter().map(move |e| (i, e)))
}

/// The side and evidence a conflict is reported at: the first evidence of
/// the first side that is not the best supported (the odd one out), or of
/// the first side when none leads.
pub(crate) fn primary(conflict: &Conflict) -> Option<(usize, &Evidence)> {
    let side = (0..conflict.sides.len())
        .find(|&i| Some(i) != conflict.best)
        .unwrap_or(0);
    let evidence = conflict.sides.get(side)?.evidence.first()?;
    Some((side, evidence))
}
