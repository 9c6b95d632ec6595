//! Compare: claims in, [`Conflict`]s out.
//!
//! Claims are grouped by a hash of their key (rule, subject, slot), so the
//! cost grows with the number of claims, never with the square of the number
//! of documents. Each rule kind is one module: `claim` compares the values
//! stated in a group across and within documents; `timeline` compares, within
//! one document, a date computed from a relative expression with the dates
//! the document states; `name` finds near-identical spellings of a person's
//! name. The value comparisons are `date` and `money`.

mod claim;
mod date;
mod money;
mod name;
mod timeline;

use std::collections::{BTreeSet, HashMap};

use crate::claims::{Claim, ClaimValue, Evidence};
use crate::rules::{Rule, RuleKind, RuleSet, Severity, Slot, SlotKind};

/// Two or more values that cannot all be true of one claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// The rule that found it.
    pub rule: String,
    /// The rule's kind.
    pub kind: RuleKind,
    /// How bad it is.
    pub severity: Severity,
    /// The rule's title.
    pub title: String,
    /// The rule's message, filled in.
    pub message: String,
    /// The claim rule whose claims conflict (the rule itself for claim rules).
    pub claim_rule: String,
    /// Canonical subject names.
    pub subject: Vec<String>,
    /// The slot.
    pub slot: String,
    /// One side per distinct value, best supported first.
    pub sides: Vec<Side>,
    /// Index into `sides` of the value most sources support, when one leads.
    pub best: Option<usize>,
}

/// One value of a conflict and everything that states it.
#[derive(Clone, Debug, PartialEq)]
pub struct Side {
    /// Human-readable value.
    pub value: String,
    /// The normalized value of the side's first evidence.
    pub normalized: ClaimValue,
    /// Independent sources that state it.
    pub support: usize,
    /// Every place that states it, in document order.
    pub evidence: Vec<Evidence>,
}

/// The claims of one key, with the claim rule and slot that made them.
pub(crate) struct Group<'a> {
    /// The claim rule whose claims these are.
    pub(crate) rule: &'a Rule,
    /// The slot they fill.
    pub(crate) slot: &'a Slot,
    /// Their canonical subject.
    pub(crate) subject: &'a [String],
    /// The claims, in input order.
    pub(crate) claims: &'a [&'a Claim],
}

/// Every conflict the rules find among `claims`, in a stable order.
pub fn compare(rules: &RuleSet, claims: &[Claim]) -> Vec<Conflict> {
    let mut groups: HashMap<(&str, &[String], &str), Vec<&Claim>> = HashMap::new();
    for c in claims {
        groups
            .entry((c.rule.as_str(), c.subject.as_slice(), c.slot.as_str()))
            .or_default()
            .push(c);
    }
    let by_id: HashMap<&str, &Rule> = rules.rules.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut conflicts = Vec::new();
    // Each group is visited once: by the claim rule that made it, then by
    // every rule of a kind that looks across claim rules.
    for ((rule_id, subject, slot_name), claims) in &groups {
        let Some(owner) = by_id.get(rule_id) else { continue };
        let Some(slot) = owner.slots.iter().find(|s| s.name == *slot_name) else {
            continue;
        };
        let group = Group {
            rule: owner,
            slot,
            subject,
            claims,
        };
        if owner.kind == RuleKind::NameVariant {
            name::check(&group, &mut conflicts);
            continue;
        }
        for rule in &rules.rules {
            match rule.kind {
                RuleKind::Claim if rule.id == owner.id => claim::check(&group, &mut conflicts),
                RuleKind::Claim | RuleKind::NameVariant => {}
                RuleKind::Timeline => timeline::check(rule, &group, &mut conflicts),
            }
        }
    }
    conflicts.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
    conflicts
}

fn order_key(c: &Conflict) -> (&str, &[String], &str, &str, usize) {
    let first = c
        .sides
        .iter()
        .flat_map(|s| &s.evidence)
        .min_by_key(|e| (&e.doc, e.span.start));
    (
        &c.rule,
        &c.subject,
        &c.slot,
        first.map_or("", |e| e.doc.as_str()),
        first.map_or(0, |e| e.span.start),
    )
}

/// Whether two values of a slot can both be true.
pub(crate) fn agree(a: &ClaimValue, b: &ClaimValue, kind: SlotKind, tolerance: f64) -> bool {
    match (a, b, kind) {
        (ClaimValue::Date(a), ClaimValue::Date(b), SlotKind::Date) => date::agree(a, b),
        (ClaimValue::Money(a), ClaimValue::Money(b), SlotKind::Money) => money::agree(a, b, tolerance),
        // Values of different kinds are not comparable.
        _ => true,
    }
}

/// Puts claims on sides: a claim joins the first side whose every value it
/// agrees with, else starts a new one. Sides are ranked by support.
pub(crate) fn sides(
    claims: &[&Claim],
    agrees: impl Fn(&ClaimValue, &ClaimValue) -> bool,
) -> (Vec<Side>, Option<usize>) {
    let mut groups: Vec<Vec<&Claim>> = Vec::new();
    for &claim in claims {
        match groups
            .iter_mut()
            .find(|g| g.iter().all(|m| agrees(&m.value, &claim.value)))
        {
            Some(group) => group.push(claim),
            None => groups.push(vec![claim]),
        }
    }
    let mut sides: Vec<Side> = groups
        .into_iter()
        .map(|members| {
            let support = members
                .iter()
                .map(|c| c.evidence.source_key())
                .collect::<BTreeSet<_>>()
                .len();
            Side {
                value: members[0].value.display(),
                normalized: members[0].value.clone(),
                support,
                evidence: members.iter().map(|c| c.evidence.clone()).collect(),
            }
        })
        .collect();
    sides.sort_by_key(|s| std::cmp::Reverse(s.support));
    let best = match sides.as_slice() {
        [first, second, ..] if first.support > second.support => Some(0),
        _ => None,
    };
    (sides, best)
}

/// A conflict that `rule` finds in a group's claims.
pub(crate) fn conflict(
    rule: &Rule,
    group: &Group<'_>,
    sides: Vec<Side>,
    best: Option<usize>,
    extra: &[(&str, &str)],
) -> Conflict {
    let subject_text = group.subject.join(" and ");
    let mut values = vec![
        ("subject", subject_text.as_str()),
        ("slot", group.slot.name.as_str()),
        ("rule", group.rule.id.as_str()),
    ];
    values.extend_from_slice(extra);
    Conflict {
        rule: rule.id.clone(),
        kind: rule.kind,
        severity: rule.severity,
        title: rule.title.clone(),
        message: crate::rules::fill_message(&rule.message, &values),
        claim_rule: group.rule.id.clone(),
        subject: group.subject.to_vec(),
        slot: group.slot.name.clone(),
        sides,
        best,
    }
}
