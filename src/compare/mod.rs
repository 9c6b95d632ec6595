//! Compare: claims in, [`Conflict`]s out.
//!
//! Claims are grouped by a hash of their key (rule, subject, slot), so the
//! cost grows with the number of claims, never with the square of the number
//! of documents. Each rule kind is one module: `claim` compares the values
//! stated in a group across and within documents; `timeline` compares, within
//! one document, a date computed from a relative expression with the dates
//! the document states; `fact` compares claims with the verified facts of
//! `facts.yaml`; `name` finds near-identical spellings of a person's name.
//! The value comparisons are `date`, `money`, `number` and `role`.
//! `rewrite` is a kind of its own: it aligns near-duplicate sentences across
//! documents by keys of their words, from [`rewrite::Record`]s rather than
//! claims, and [`compare_all`] runs it after the claim kinds.

mod claim;
mod date;
mod fact;
mod money;
mod name;
mod number;
#[cfg(test)]
mod properties;
pub mod rewrite;
mod role;
mod timeline;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::claims::{Claim, ClaimValue, Evidence};
use crate::rules::{Evolves, Rule, RuleKind, RuleSet, Severity, Slot, SlotKind};

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
    /// The qualifiers that joined the key (`round: Series B`), or empty.
    pub qualifier: String,
    /// One side per distinct value, best supported first.
    pub sides: Vec<Side>,
    /// Index into `sides` of the value most sources support, when one leads.
    pub best: Option<usize>,
}

impl Conflict {
    /// The claim as reports name it: `investment · Meta, Scale AI · date`,
    /// then its qualifiers when it has any.
    pub fn claim_label(&self) -> String {
        let mut label = format!("{} · {} · {}", self.claim_rule, self.subject.join(", "), self.slot);
        if !self.qualifier.is_empty() {
            label.push_str(&format!(" · {}", self.qualifier));
        }
        label
    }

    /// A fingerprint that survives unrelated edits: FNV-1a over the rule,
    /// the claim (rule, subject, slot), the values and the documents (those
    /// listed), each set sorted, and never line numbers or offsets.
    /// Baselines store it and SARIF reports it as the `claimcheck/v1`
    /// partial fingerprint.
    pub fn fingerprint(&self) -> String {
        let values: BTreeSet<&str> = self.sides.iter().map(|s| s.value.as_str()).collect();
        let docs: BTreeSet<&str> = self.sides.iter().flat_map(|s| &s.evidence).map(|e| e.doc()).collect();
        let mut hash = crate::util::FNV_OFFSET;
        let head = [
            self.rule.as_str(),
            &self.claim_rule,
            &self.subject.join("+"),
            &self.slot,
        ];
        // The qualifier joins only when there is one, so that unqualified
        // conflicts keep the fingerprints baselines already hold.
        let qualifier = (!self.qualifier.is_empty()).then_some(self.qualifier.as_str());
        // A separator after each part and after each set keeps ("ab", "c")
        // and ("a", "bc") apart.
        for part in head
            .into_iter()
            .chain(qualifier)
            .chain([""])
            .chain(values)
            .chain([""])
            .chain(docs)
        {
            hash = part.bytes().chain([0]).fold(hash, crate::util::fnv_step);
        }
        format!("{hash:016x}")
    }
}

/// One value of a conflict and everything that states it.
#[derive(Clone, Debug, PartialEq)]
pub struct Side {
    /// Human-readable value.
    pub value: String,
    /// The normalized value of the side's first evidence.
    pub normalized: ClaimValue,
    /// Independent sources that state it: outlets, where outlets that print
    /// the same sentence count once.
    pub support: usize,
    /// The support weighted by each source's reliability (1 unless the
    /// configuration says otherwise); sides are ranked by it.
    pub weight: f64,
    /// Whether the value is a verified fact (`facts.yaml`): such a side
    /// leads whatever the support of the others.
    pub verified: bool,
    /// The places that state it, in document order: all of them, or the
    /// first [`LISTED`] when more do.
    pub evidence: Vec<Evidence>,
    /// How many more places state it than `evidence` lists.
    pub unlisted: usize,
}

/// The most places a side lists: a value stated by a hundred thousand
/// documents is reported with the first thousand of them and the count of
/// the rest, so that a report's size (and the memory that builds it) does
/// not grow with the corpus. Support counts every place.
pub const LISTED: usize = 1000;

impl Side {
    /// Lists no more than `limit` places, besides those of the `protected`
    /// documents, counting the rest as unlisted.
    pub(crate) fn cap(&mut self, limit: usize, protected: &HashSet<&str>) {
        if self.evidence.len() <= limit {
            return;
        }
        let before = self.evidence.len();
        let mut n = 0;
        self.evidence.retain(|e| {
            n += 1;
            n <= limit || protected.contains(e.doc())
        });
        self.unlisted += before - self.evidence.len();
    }
}

/// The claims of one key, with the claim rule and slot that made them.
pub(crate) struct Group<'a> {
    /// The claim rule whose claims these are.
    pub(crate) rule: &'a Rule,
    /// The slot they fill.
    pub(crate) slot: &'a Slot,
    /// Their canonical subject.
    pub(crate) subject: &'a [String],
    /// Their qualifiers.
    pub(crate) qualifier: &'a str,
    /// The claims, in input order.
    pub(crate) claims: &'a [&'a Claim],
    /// Support of sides that stand for more claims than they list.
    pub(crate) tally: &'a dyn Tally,
}

impl Group<'_> {
    /// Puts claims of this group on sides, as [`sides`] does, counting
    /// each side's support over every claim its places stand for.
    pub(crate) fn sides(
        &self,
        claims: &[&Claim],
        agrees: impl Fn(&Claim, &Claim) -> bool,
    ) -> (Vec<Side>, Option<usize>) {
        let key = (&*self.rule.id, self.subject, &*self.slot.name, self.qualifier);
        sides_counted(claims, agrees, Some((self.tally, key)))
    }
}

/// The key of a group of claims: claim rule, subject, slot and qualifier.
pub(crate) type Key<'a> = (&'a str, &'a [String], &'a str, &'a str);

/// Support counted over more claims than a side lists: a key stated by
/// very many claims is compared on the first claims of each value, which
/// stand for the others (see `gather`).
pub(crate) trait Tally: Sync {
    /// The support and weight of a side of `key` counted over every claim
    /// it stands for (see [`support`]), and how many those claims are, when
    /// its listed places `evidence` stand for more than themselves.
    fn support(
        &self,
        key: Key<'_>,
        evidence: &[Evidence],
        reliability: &BTreeMap<String, f64>,
    ) -> Option<(usize, f64, usize)>;

    /// Adds to `covered` the places of the claims that the sides of
    /// `conflicts` stand for.
    fn cover(&self, conflicts: &[Conflict], covered: &mut HashSet<u64>);
}

/// No claims stand for others.
pub(crate) struct Whole;

impl Tally for Whole {
    fn support(&self, _: Key<'_>, _: &[Evidence], _: &BTreeMap<String, f64>) -> Option<(usize, f64, usize)> {
        None
    }

    fn cover(&self, _: &[Conflict], _: &mut HashSet<u64>) {}
}

/// The key of the claims `conflict` compares, for the kinds whose sides
/// can stand for claims they do not list (not a timeline, which compares
/// one document's claims, all of them kept, and not a rewrite).
pub(crate) fn tallied_key(conflict: &Conflict) -> Option<Key<'_>> {
    matches!(conflict.kind, RuleKind::Claim | RuleKind::NameVariant | RuleKind::Fact).then_some((
        conflict.claim_rule.as_str(),
        conflict.subject.as_slice(),
        conflict.slot.as_str(),
        conflict.qualifier.as_str(),
    ))
}

/// Every conflict the rules find among `claims`, in a stable order.
pub fn compare(rules: &RuleSet, claims: &[Claim]) -> Vec<Conflict> {
    compare_all(rules, &claims.iter().collect::<Vec<_>>(), &[])
}

/// What claims are grouped by: rule, subject, slot and qualifier.
pub(crate) fn key(c: &Claim) -> Key<'_> {
    (&c.rule, &c.subject, &c.slot, &c.qualifier)
}

/// A hash of a place in a document: the rewrite kind leaves alone the facts
/// at places a claim conflict reports.
pub(crate) fn place_hash(doc: &str, span: crate::span::Span) -> u64 {
    let h = doc
        .bytes()
        .chain([0])
        .fold(crate::util::FNV_OFFSET, crate::util::fnv_step);
    [span.start as u64, span.end as u64]
        .iter()
        .flat_map(|n| n.to_le_bytes())
        .fold(h, crate::util::fnv_step)
}

/// The hash claims are grouped by: of their [`key`], with a fixed seed, so
/// the same in every run. Two keys may share one; [`by_key`] puts them
/// apart.
pub(crate) fn key_hash(c: &Claim) -> u64 {
    std::hash::BuildHasher::hash_one(&foldhash::fast::FixedState::default(), key(c))
}

/// References to `claims` with each key's claims together, in input order.
/// Claims are sorted by `hash` of their key, not gathered in a map of
/// groups: a map would cost a key and a list per group, and most name keys
/// are groups of one. Two keys of one hash are put apart by key.
fn by_key<'a>(claims: &[&'a Claim], hash: impl Fn(&Claim) -> u64) -> Vec<&'a Claim> {
    let mut order: Vec<(u64, usize)> = claims.iter().enumerate().map(|(i, c)| (hash(c), i)).collect();
    order.sort_unstable();
    for run in order.chunk_by_mut(|a, b| a.0 == b.0) {
        let first = key(claims[run[0].1]);
        if run.iter().any(|&(_, i)| key(claims[i]) != first) {
            run.sort_by(|a, b| key(claims[a.1]).cmp(&key(claims[b.1])).then(a.1.cmp(&b.1)));
        }
    }
    order.iter().map(|&(_, i)| claims[i]).collect()
}

/// The conflicts of the kinds that read claim groups, in no set order.
fn claim_conflicts(rules: &RuleSet, claims: &[&Claim], tally: &dyn Tally) -> Vec<Conflict> {
    let sorted = by_key(claims, key_hash);
    let by_id: HashMap<&str, &Rule> = rules.rules.iter().map(|r| (r.id.as_str(), r)).collect();
    // Groups are compared in parallel and their conflicts kept in the
    // groups' order.
    let groups: Vec<&[&Claim]> = sorted.chunk_by(|a, b| key(a) == key(b)).collect();
    groups
        .par_iter()
        .flat_map_iter(|claims| {
            let mut conflicts = Vec::new();
            group_conflicts(rules, &by_id, claims, tally, &mut conflicts);
            conflicts
        })
        .collect()
}

/// The conflicts of one group of claims of a key: those of the claim rule
/// that made it, then those of every rule of a kind that looks across
/// claim rules.
fn group_conflicts(
    rules: &RuleSet,
    by_id: &HashMap<&str, &Rule>,
    claims: &[&Claim],
    tally: &dyn Tally,
    conflicts: &mut Vec<Conflict>,
) {
    let (rule_id, subject, slot_name, qualifier) = key(claims[0]);
    let Some(owner) = by_id.get(rule_id) else { return };
    let Some(slot) = owner.slots.iter().find(|s| s.name == *slot_name) else {
        return;
    };
    let group = Group {
        rule: owner,
        slot,
        subject,
        qualifier,
        claims,
        tally,
    };
    if owner.kind == RuleKind::NameVariant {
        // One spelling of a name differs from none.
        if claims.len() > 1 {
            name::check(&group, conflicts);
        }
        return;
    }
    for rule in &rules.rules {
        match rule.kind {
            RuleKind::Claim if rule.id == owner.id => claim::check(&group, conflicts),
            RuleKind::Claim | RuleKind::NameVariant => {}
            RuleKind::Timeline => timeline::check(rule, &group, conflicts),
            RuleKind::Fact => fact::check(rule, &group, &rules.facts, conflicts),
            // Rewrite rules read records, not claim groups: see `compare_all`.
            RuleKind::Rewrite => {}
        }
    }
}

/// Every conflict the rules find among `claims` and the sentence `records`
/// of the `rewrite` kind, in a stable order.
pub fn compare_all(rules: &RuleSet, claims: &[&Claim], records: &[&rewrite::Record]) -> Vec<Conflict> {
    let mut quotes = Vec::new();
    let mut sketches: Vec<rewrite::Sketch> = records
        .iter()
        .map(|&r| rewrite::Record::clone(r).sketch(&mut quotes))
        .collect();
    let mut spill = crate::spill::Spill::in_memory();
    let base = spill.push(&quotes);
    for sketch in &mut sketches {
        sketch.quotes = sketch.quotes.moved_to(base);
    }
    let sketches: Vec<&rewrite::Sketch> = sketches.iter().collect();
    // Quotes kept in memory are read back as they were written.
    compare_sketched(rules, claims, &sketches, &spill, &Whole, &HashSet::new(), LISTED).0
}

/// Every conflict the rules find among `claims` and the sketches of the
/// `rewrite` kind's records, whose quotes are in `spill`, in a stable
/// order, and the errors met reading the spill. Every kind's sides are
/// ranked once here, by the configured source reliability, and list at
/// most `listed` places, besides those of the `protected` documents (which
/// suppressions may yet remove). `tally` counts the support of sides whose
/// claims stand for others (see `gather`).
pub(crate) fn compare_sketched(
    rules: &RuleSet,
    claims: &[&Claim],
    records: &[&rewrite::Sketch],
    spill: &crate::spill::Spill,
    tally: &dyn Tally,
    protected: &HashSet<&str>,
    listed: usize,
) -> (Vec<Conflict>, Vec<crate::InputError>) {
    let mut covered = HashSet::new();
    let conflicts = key_conflicts(rules, claims, tally, protected, listed, &mut covered);
    let rewrites = rewrite::find(rules, records, spill);
    with_rewrites(rules, conflicts, rewrites, &covered, protected, listed)
}

/// The conflicts of the kinds that read claim groups among `claims`, the
/// whole of each of their keys, ranked and listing at most `listed` places
/// as [`compare_sketched`] gives them. Adds to `covered` the places of the
/// claims they stand for, which rewrites then leave alone.
pub(crate) fn key_conflicts(
    rules: &RuleSet,
    claims: &[&Claim],
    tally: &dyn Tally,
    protected: &HashSet<&str>,
    listed: usize,
    covered: &mut HashSet<u64>,
) -> Vec<Conflict> {
    let mut conflicts = claim_conflicts(rules, claims, tally);
    covered.extend(
        conflicts
            .iter()
            .flat_map(|c| &c.sides)
            .flat_map(|s| &s.evidence)
            .map(|e| place_hash(e.doc(), e.span)),
    );
    tally.cover(&conflicts, covered);
    settle(&mut conflicts, rules, tally, protected, listed);
    conflicts
}

/// `conflicts` of claim groups and those of the `rewrite` kind's records
/// that no place in `covered` reports, in a stable order, and the errors
/// met reading the records' quotes from `spill`.
pub(crate) fn with_rewrites(
    rules: &RuleSet,
    mut conflicts: Vec<Conflict>,
    rewrites: rewrite::Found<'_>,
    covered: &HashSet<u64>,
    protected: &HashSet<&str>,
    listed: usize,
) -> (Vec<Conflict>, Vec<crate::InputError>) {
    let (mut rewrites, errors) = rewrites.conflicts(covered);
    settle(&mut rewrites, rules, &Whole, protected, listed);
    conflicts.extend(rewrites);
    conflicts.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
    (conflicts, errors)
}

/// Ranks the sides of `conflicts` by the configured source reliability and
/// cuts their lists of places to `listed`, besides those of the `protected`
/// documents.
fn settle(conflicts: &mut [Conflict], rules: &RuleSet, tally: &dyn Tally, protected: &HashSet<&str>, listed: usize) {
    for c in conflicts {
        if !rules.sources.is_empty() {
            // The sides are ranked apart from the key they are read by.
            let mut sides = std::mem::take(&mut c.sides);
            let tallied = tallied_key(c).map(|key| (tally, key));
            c.best = rank_counted(&mut sides, &rules.sources, tallied);
            c.sides = sides;
        }
        for side in &mut c.sides {
            side.cap(listed, protected);
        }
    }
}

fn order_key(c: &Conflict) -> (&str, &[String], &str, &str, usize) {
    let first = c
        .sides
        .iter()
        .flat_map(|s| &s.evidence)
        .min_by_key(|e| (e.doc(), e.span.start));
    (
        &c.rule,
        &c.subject,
        &c.slot,
        first.map_or("", |e| e.doc()),
        first.map_or(0, |e| e.span.start),
    )
}

/// Whether two values of a slot can both be true.
pub(crate) fn agree(a: &ClaimValue, b: &ClaimValue, slot: &Slot) -> bool {
    let tolerance = slot.tolerance;
    match (a, b, slot.kind) {
        (ClaimValue::Date(a), ClaimValue::Date(b), SlotKind::Date) => date::agree(a, b, slot.grain),
        (ClaimValue::Money(a), ClaimValue::Money(b), SlotKind::Money) => money::agree(a, b, tolerance),
        (ClaimValue::Percent(a), ClaimValue::Percent(b), SlotKind::Percent) => {
            a.unit != b.unit || number::overlap((a.min, a.max), (b.min, b.max), tolerance)
        }
        (ClaimValue::Count(a), ClaimValue::Count(b), SlotKind::Count) => {
            a.unit != b.unit || number::overlap((a.min, a.max), (b.min, b.max), tolerance)
        }
        (ClaimValue::Role(a), ClaimValue::Role(b), SlotKind::Role) => role::agree(a, b),
        // Values of different kinds are not comparable.
        _ => true,
    }
}

/// Whether two claims of a slot can both be true. For a slot that evolves
/// upwards, a later report (by publication date) of a larger value is an
/// update, not a contradiction.
pub(crate) fn claims_agree(a: &Claim, b: &Claim, slot: &Slot) -> bool {
    if agree(&a.value, &b.value, slot) {
        return true;
    }
    match slot.evolves {
        Some(Evolves::Increasing) => {
            let (Some(a_date), Some(b_date)) = (a.evidence.published(), b.evidence.published()) else {
                return false;
            };
            let (Some(a_low), Some(b_low)) = (a.value.low(), b.value.low()) else {
                return false;
            };
            (a_date > b_date && a_low > b_low) || (b_date > a_date && b_low > a_low)
        }
        None => false,
    }
}

/// Puts claims on sides: a claim joins the first side whose every claim it
/// agrees with, else starts a new one. Sides are ranked by support.
///
/// `agrees` reads only a claim's value and publication date, so a claim
/// that repeats both of a side's member is checked against that member
/// alone: the cost grows with the distinct values, not with the square of
/// the claims when a thousand documents repeat one.
pub(crate) fn sides(claims: &[&Claim], agrees: impl Fn(&Claim, &Claim) -> bool) -> (Vec<Side>, Option<usize>) {
    sides_counted(claims, agrees, None)
}

/// [`sides`], with the support of sides of `tally`'s key counted by it.
fn sides_counted(
    claims: &[&Claim],
    agrees: impl Fn(&Claim, &Claim) -> bool,
    tally: Option<(&dyn Tally, Key<'_>)>,
) -> (Vec<Side>, Option<usize>) {
    let same = |a: &Claim, b: &Claim| a.value == b.value && a.evidence.published() == b.evidence.published();
    // Per side: its distinct members, then all of them.
    let mut groups: Vec<(Vec<&Claim>, Vec<&Claim>)> = Vec::new();
    for &claim in claims {
        let found = groups
            .iter_mut()
            .find(|(distinct, _)| distinct.iter().all(|m| agrees(m, claim)));
        match found {
            Some((distinct, members)) => {
                if !distinct.iter().any(|m| same(m, claim)) {
                    distinct.push(claim);
                }
                members.push(claim);
            }
            None => groups.push((vec![claim], vec![claim])),
        }
    }
    let mut sides: Vec<Side> = groups
        .into_iter()
        .map(|(_, members)| Side {
            value: members[0].value.display(),
            normalized: members[0].value.clone(),
            support: 0,
            weight: 0.0,
            verified: false,
            evidence: members.iter().map(|c| Evidence::clone(&c.evidence)).collect(),
            unlisted: 0,
        })
        .collect();
    let best = rank_counted(&mut sides, &BTreeMap::new(), tally);
    (sides, best)
}

/// Counts each side's independent sources and their weight, sorts the sides
/// by weight, then support (stable, so ties keep their order), and returns
/// the index of the side that leads, if one does. A side that lists only
/// some of its places keeps the support counted over all of them.
pub(crate) fn rank(sides: &mut [Side], reliability: &BTreeMap<String, f64>) -> Option<usize> {
    rank_counted(sides, reliability, None)
}

/// [`rank`], with the support of sides of `tally`'s key counted by it.
fn rank_counted(
    sides: &mut [Side],
    reliability: &BTreeMap<String, f64>,
    tally: Option<(&dyn Tally, Key<'_>)>,
) -> Option<usize> {
    for side in sides.iter_mut() {
        let counted = tally.and_then(|(tally, key)| tally.support(key, &side.evidence, reliability));
        match counted {
            Some((support, weight, count)) => {
                (side.support, side.weight) = (support, weight);
                side.unlisted = count.saturating_sub(side.evidence.len());
            }
            None if side.unlisted == 0 => {
                let reports: Vec<Report> = side.evidence.iter().map(Report::of).collect();
                (side.support, side.weight) = support(reports, reliability);
            }
            None => {}
        }
    }
    order(sides)
}

/// Sorts sides by verification, weight, then support (stable, so ties keep
/// their order), and returns the index of the side that leads, if one does.
pub(crate) fn order(sides: &mut [Side]) -> Option<usize> {
    sides.sort_by(|a, b| {
        (b.verified.cmp(&a.verified))
            .then(b.weight.total_cmp(&a.weight))
            .then(b.support.cmp(&a.support))
    });
    match sides {
        [first, ..] if first.verified => Some(0),
        [first, second, ..] if first.weight > second.weight => Some(0),
        _ => None,
    }
}

/// Makes every side of `conflicts` list at most `listed` places.
pub(crate) fn cap(conflicts: &mut [Conflict], listed: usize) {
    let none = HashSet::new();
    for side in conflicts.iter_mut().flat_map(|c| &mut c.sides) {
        side.cap(listed, &none);
    }
}

/// What support counts of one place: its source and the words of its
/// sentence, each as a hash. Sixteen bytes: a key stated by a million
/// documents keeps one for each (see [`crate::gather`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Report {
    pub(crate) source: u64,
    pub(crate) sentence: u64,
}

impl Report {
    /// The report `e` makes.
    pub(crate) fn of(e: &Evidence) -> Report {
        // The sentence's words, whatever the spaces between them.
        let sentence = e.sentence.split_whitespace().fold(crate::util::FNV_OFFSET, |h, word| {
            word.bytes().chain([b' ']).fold(h, crate::util::fnv_step)
        });
        Report {
            source: crate::util::fnv(e.source_key().as_bytes()),
            sentence,
        }
    }
}

/// The independent sources among `reports` and their weight, a source
/// weighing what `reliability` gives it (1 by default).
///
/// Sources are independent unless they print the same sentence: wire copy
/// run by two outlets is one report, and so is a chain of outlets each of
/// which shares a sentence with the next. A group of such sources weighs
/// what its most reliable member does.
pub(crate) fn support(mut reports: Vec<Report>, reliability: &BTreeMap<String, f64>) -> (usize, f64) {
    reports.sort_unstable();
    reports.dedup();
    let mut by_sentence: Vec<(u64, u64)> = reports.iter().map(|r| (r.sentence, r.source)).collect();
    by_sentence.sort_unstable();
    let mut counter = Counter::new(reliability, shared_sentences(by_sentence));
    reports.into_iter().for_each(|r| counter.add(r));
    counter.finish()
}

/// The sentences that two or more sources print, numbered, from every
/// distinct (sentence, source) pair in order. Only they can join sources:
/// a sentence one source prints leaves it as independent as before.
pub(crate) fn shared_sentences(by_sentence: impl IntoIterator<Item = (u64, u64)>) -> HashMap<u64, usize> {
    let mut shared = HashMap::new();
    let mut last: Option<(u64, u64)> = None;
    for (sentence, source) in by_sentence {
        if let Some((s, other)) = last {
            if s == sentence && other != source {
                let next = shared.len();
                shared.entry(sentence).or_insert(next);
            }
        }
        last = Some((sentence, source));
    }
    shared
}

/// Counts independent sources from reports taken in order of source (see
/// [`support`]), holding only the sentences two sources share: the
/// reports themselves can be more than memory holds (see `gather`).
pub(crate) struct Counter {
    /// Each configured source's weight, by the hash of its name.
    reliability: HashMap<u64, f64>,
    /// The shared sentences, numbered: the members of `links`.
    shared: HashMap<u64, usize>,
    links: Links,
    /// The greatest weight of a source printing each shared sentence.
    weights: Vec<f64>,
    /// The source being read, and the first shared sentence it prints.
    current: Option<(u64, Option<usize>)>,
    /// The last report taken: repeats are passed over.
    last: Option<Report>,
    /// Sources that share no sentence, as the number of them of each
    /// weight.
    alone: BTreeMap<u64, usize>,
}

impl Counter {
    /// A count whose sources weigh what `reliability` gives them, where
    /// `shared` are the sentences two or more of them print.
    pub(crate) fn new(reliability: &BTreeMap<String, f64>, shared: HashMap<u64, usize>) -> Self {
        Counter {
            reliability: reliability
                .iter()
                .map(|(source, &weight)| (crate::util::fnv(source.as_bytes()), weight))
                .collect(),
            links: Links::new(shared.len()),
            weights: vec![f64::NEG_INFINITY; shared.len()],
            shared,
            current: None,
            last: None,
            alone: BTreeMap::new(),
        }
    }

    /// Takes a report; reports come sorted, repeats allowed.
    pub(crate) fn add(&mut self, report: Report) {
        if self.last == Some(report) {
            return;
        }
        self.last = Some(report);
        if self.current.is_some_and(|(source, _)| source != report.source) {
            self.end_source();
        }
        let (_, first) = self.current.get_or_insert((report.source, None));
        if let Some(&node) = self.shared.get(&report.sentence) {
            match *first {
                Some(first) => self.links.join(first, node),
                None => *first = Some(node),
            }
        }
    }

    /// Ends the source being read: alone, or weighing on the sentences it
    /// shares.
    fn end_source(&mut self) {
        let Some((source, first)) = self.current.take() else {
            return;
        };
        let weight = self.reliability.get(&source).copied().unwrap_or(1.0);
        match first {
            Some(node) => self.weights[node] = self.weights[node].max(weight),
            None => *self.alone.entry(weight.to_bits()).or_default() += 1,
        }
    }

    /// How many independent sources, and their weight.
    pub(crate) fn finish(mut self) -> (usize, f64) {
        self.end_source();
        // Each group of sources sharing sentences weighs what its most
        // reliable member does.
        let mut groups: BTreeMap<usize, f64> = BTreeMap::new();
        for node in 0..self.weights.len() {
            let group = groups.entry(self.links.find(node)).or_insert(f64::NEG_INFINITY);
            *group = group.max(self.weights[node]);
        }
        let mut weights = self.alone;
        // A sentence no source was read for (its reports failed to read
        // back) makes no group.
        for weight in groups.values().filter(|&&w| w != f64::NEG_INFINITY) {
            *weights.entry(weight.to_bits()).or_default() += 1;
        }
        // Summed by weight, not by source, so that the sum is the same
        // whatever order the sources come in.
        let mut by_weight: Vec<(f64, usize)> = weights.into_iter().map(|(w, n)| (f64::from_bits(w), n)).collect();
        by_weight.sort_by(|a, b| a.0.total_cmp(&b.0));
        let count = by_weight.iter().map(|&(_, n)| n).sum();
        let weight = by_weight.iter().flat_map(|&(w, n)| std::iter::repeat_n(w, n)).sum();
        (count, weight)
    }
}

/// Disjoint sets of indices (a union-find): each set is named by its
/// smallest member.
pub(crate) struct Links(Vec<usize>);

impl Links {
    /// `n` sets of one.
    pub(crate) fn new(n: usize) -> Self {
        Links((0..n).collect())
    }

    /// The name of `x`'s set.
    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    /// Joins the sets of `a` and `b`.
    pub(crate) fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        self.0[a.max(b)] = a.min(b);
    }
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
        ("qualifier", group.qualifier),
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
        qualifier: group.qualifier.to_string(),
        sides,
        best,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Engine, RuleSet};

    fn conflict(texts: &[(&str, &str)], sources: &[(&str, f64)]) -> Conflict {
        let mut rules = RuleSet::embedded().unwrap();
        rules.sources = sources.iter().map(|(s, w)| (s.to_string(), *w)).collect();
        let engine = Engine::new(rules).unwrap();
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, (source, text))| {
                let mut doc = Document::from_text(&format!("d{i}"), text, None);
                doc.meta.source = Some(source.to_string());
                doc
            })
            .collect();
        let mut conflicts = engine.conflicts(&docs);
        assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
        conflicts.remove(0)
    }

    const WIRE: &str = "Meta invested $14.3 billion in Scale AI in June 2024.";
    const RIGHT: &str = "Meta's investment in Scale AI was made in June 2025.";

    #[test]
    fn outlets_printing_the_same_sentence_count_once() {
        let c = conflict(
            &[
                ("A", WIRE),
                ("B", WIRE),
                ("C", RIGHT),
                ("D", "Meta invested in Scale AI in June 2025."),
            ],
            &[],
        );
        let values: Vec<(&str, usize)> = c.sides.iter().map(|s| (s.value.as_str(), s.support)).collect();
        assert_eq!(values, [("2025-06", 2), ("2024-06", 1)]);
        assert_eq!(c.best, Some(0));
    }

    #[test]
    fn reliability_weights_decide_the_best_supported_value() {
        let texts = [("Wire", WIRE), ("Daily", RIGHT)];
        assert_eq!(conflict(&texts, &[]).best, None, "one source each: no value leads");
        let trusted = conflict(&texts, &[("Daily", 2.0)]);
        assert_eq!(trusted.best, Some(0));
        assert_eq!(trusted.sides[0].value, "2025-06");
        assert_eq!(trusted.sides[0].weight, 2.0);
        let other = conflict(&texts, &[("Wire", 3.0)]);
        assert_eq!(other.sides[0].value, "2024-06");
    }

    /// Support as counted before it could be counted from sorted lists:
    /// sources joined in a union-find by the sentences they share.
    fn support_by_sources(reports: &[Report], reliability: &BTreeMap<String, f64>) -> (usize, f64) {
        let weight_of = |source: u64| {
            reliability
                .iter()
                .find(|(name, _)| crate::util::fnv(name.as_bytes()) == source)
                .map_or(1.0, |(_, &w)| w)
        };
        let sources: Vec<u64> = reports
            .iter()
            .map(|r| r.source)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let at = |source: u64| sources.binary_search(&source).unwrap();
        let mut links = Links::new(sources.len());
        let mut first_with: HashMap<u64, usize> = HashMap::new();
        for r in reports {
            let other = *first_with.entry(r.sentence).or_insert(at(r.source));
            links.join(at(r.source), other);
        }
        let mut groups: BTreeMap<usize, f64> = BTreeMap::new();
        for (i, &source) in sources.iter().enumerate() {
            let group = groups.entry(links.find(i)).or_insert(f64::NEG_INFINITY);
            *group = group.max(weight_of(source));
        }
        let mut weights: Vec<f64> = groups.values().copied().collect();
        weights.sort_by(f64::total_cmp);
        (groups.len(), weights.iter().sum())
    }

    proptest::proptest! {
        #[test]
        fn support_counts_the_groups_of_sources_that_share_sentences(
            pairs in proptest::collection::vec((0u8..12, 0u8..12), 0..60),
            weights in proptest::collection::vec(0u8..5, 12),
        ) {
            let name = |s: u8| format!("source {s}");
            let reports: Vec<Report> = pairs
                .iter()
                .map(|&(source, sentence)| Report {
                    source: crate::util::fnv(name(source).as_bytes()),
                    sentence: u64::from(sentence),
                })
                .collect();
            // Half units: sums of them are exact in any order.
            let reliability: BTreeMap<String, f64> = weights
                .iter()
                .enumerate()
                .filter(|&(_, &w)| w > 0)
                .map(|(s, &w)| (name(s as u8), f64::from(w) / 2.0))
                .collect();
            proptest::prop_assert_eq!(
                support(reports.clone(), &reliability),
                support_by_sources(&reports, &reliability)
            );
        }
    }

    #[test]
    fn a_chain_of_outlets_sharing_sentences_counts_once() {
        // B shares a sentence with A and another with C: one report.
        let second = "The investment in Scale AI by Meta came in June 2025.";
        let c = conflict(
            &[
                ("A", RIGHT),
                ("B", &format!("{RIGHT} {second}")),
                ("C", second),
                ("D", WIRE),
            ],
            &[("C", 2.0)],
        );
        let values: Vec<(&str, usize, f64)> = c
            .sides
            .iter()
            .map(|s| (s.value.as_str(), s.support, s.weight))
            .collect();
        assert_eq!(values, [("2025-06", 1, 2.0), ("2024-06", 1, 1.0)]);
    }

    #[test]
    fn many_documents_repeating_values_make_one_side_per_value() {
        let texts: Vec<(String, String)> = (0..400)
            .map(|i| {
                (
                    format!("S{i}"),
                    format!("Meta invested in Scale AI in June {}.", 2020 + i % 4),
                )
            })
            .collect();
        let texts: Vec<(&str, &str)> = texts.iter().map(|(s, t)| (s.as_str(), t.as_str())).collect();
        let c = conflict(&texts, &[]);
        let values: Vec<(&str, usize, usize)> = c
            .sides
            .iter()
            .map(|s| (s.value.as_str(), s.support, s.evidence.len()))
            .collect();
        // Every outlet prints the same sentence for its year: one report each.
        assert_eq!(
            values,
            [
                ("2020-06", 1, 100),
                ("2021-06", 1, 100),
                ("2022-06", 1, 100),
                ("2023-06", 1, 100)
            ]
        );
    }

    #[test]
    fn claims_of_keys_that_share_a_hash_are_still_grouped_by_key() {
        let engine = Engine::new(RuleSet::embedded().unwrap()).unwrap();
        let claims: Vec<Claim> = [
            "Meta invested $14.3 billion in Scale AI in June 2025.",
            "Google was founded in 1998 in a garage.",
            "Meta invested $14 billion in Scale AI in June 2024.",
        ]
        .iter()
        .enumerate()
        .flat_map(|(i, text)| engine.claims(&Document::from_text(&format!("d{i}"), text, None)))
        .collect();
        let runs = |sorted: Vec<&Claim>| -> Vec<Vec<String>> {
            sorted
                .chunk_by(|a, b| key(a) == key(b))
                .map(|run| run.iter().map(|c| format!("{} {}", c.evidence.doc(), c.slot)).collect())
                .collect()
        };
        let claims: Vec<&Claim> = claims.iter().collect();
        let mut grouped = runs(by_key(&claims, |_| 7));
        grouped.sort();
        assert_eq!(
            grouped,
            [
                vec!["d0 amount", "d2 amount"],
                vec!["d0 date", "d2 date"],
                vec!["d1 date"]
            ]
        );
        let mut hashed = runs(by_key(&claims, |c| c.slot.len() as u64));
        hashed.sort();
        assert_eq!(hashed, grouped);
    }
}
