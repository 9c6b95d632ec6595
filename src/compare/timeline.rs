//! Rule kind `timeline`: within one document, a date computed from a
//! relative expression ("barely two months after the investment", published
//! 2025-08-29) agrees with the dates the document states for the same claim
//! ("the investment was made in June 2024"). When it does not, the article
//! contradicts itself.

use super::{agree, conflict, sides, Conflict, Group};
use crate::claims::Claim;
use crate::rules::{Rule, SlotKind};

pub(crate) fn check(rule: &Rule, group: &Group<'_>, out: &mut Vec<Conflict>) {
    if group.slot.kind != SlotKind::Date {
        return;
    }
    // Only a document that derives a date can contradict itself: most
    // groups have none, and a group of a million documents is not split
    // into a list per document for nothing.
    if !group.claims.iter().any(|c| c.value.is_derived()) {
        return;
    }
    let mut by_doc: Vec<&Claim> = group.claims.to_vec();
    // Stable: each document's claims keep their order.
    by_doc.sort_by_key(|c| c.evidence.doc());
    for claims in by_doc.chunk_by(|a, b| a.evidence.doc() == b.evidence.doc()) {
        let (derived, stated): (Vec<&Claim>, Vec<&Claim>) = claims.iter().partition(|c| c.value.is_derived());
        let agrees = |a: &Claim, b: &Claim| agree(&a.value, &b.value, group.slot);
        let offending: Vec<&Claim> = derived
            .iter()
            .copied()
            .filter(|d| stated.iter().any(|s| !agrees(s, d)))
            .collect();
        let Some(first_bad) = offending.first() else { continue };
        let contradicted: Vec<&Claim> = stated.iter().copied().filter(|s| !agrees(s, first_bad)).collect();
        let stated_text = contradicted.first().map(|c| c.value.display()).unwrap_or_default();
        let derived_text = first_bad.value.display();
        let involved: Vec<&Claim> = contradicted.iter().chain(&offending).copied().collect();
        let (sides, best) = sides(&involved, agrees);
        out.push(conflict(
            rule,
            group,
            sides,
            best,
            &[("stated", &stated_text), ("derived", &derived_text)],
        ));
    }
}
