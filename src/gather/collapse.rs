//! Keys stated by very many documents, compared without holding them all.
//!
//! A key that a hundred thousand documents state ("Meta invested in Scale
//! AI in June 2025" in every wire story) would be read back whole, and its
//! conflict would hold a quote per document. Yet what compare decides of
//! such a key depends on its distinct values, not on how often each
//! recurs, and a side lists only its first [`LISTED`](crate::compare::LISTED)
//! places. So the claims of such a key are read back a block at a time and
//! put in classes: one per value (and per publication date where the rule
//! reads dates, and per story for name spellings, which name checks
//! read). A class keeps its first claims in document order, as many as a
//! side lists, and of the rest only what support counts: each claim's
//! source and sentence as hashes, set aside on disk (see [`super::support`]).
//! Compare then runs on the kept claims, and each side's support is counted
//! over its classes' every claim.
//!
//! Claims compare cannot judge by value alone are all kept: those of a
//! document that derives a date (the `timeline` kind reads a document's
//! claims together) and those of a document with inline suppressions.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use super::support::{Counted, Reports};
use super::{claim_order, Fast};
use crate::claims::{Claim, Evidence};
use crate::compare::{place_hash, tallied_key, Conflict, Key, Report, Tally};
use crate::rules::{RuleKind, RuleSet};

/// The claims of collapsed keys: see the module's comment.
pub(super) struct Collapsed<'a> {
    rules: &'a RuleSet,
    /// Documents with inline suppressions, whose claims are all kept.
    protected: &'a HashSet<&'a str>,
    /// The places of the rewrite records' facts: a class keeps the places
    /// of its claims only where a record can be covered by them.
    fact_places: &'a HashSet<u64, Fast>,
    /// How many claims a class keeps.
    listed: usize,
    classes: Vec<Class>,
    /// The classes of the key being read, by value hash, date and story.
    index: HashMap<ClassKey, Vec<usize>, Fast>,
    /// Claims kept beyond their class's first ones, with their class.
    kept: Vec<(Claim, usize)>,
    /// What support counts of each claim, by class: see [`support`].
    reports: Reports,
    /// The claims of the document being read, with their value hashes: its
    /// claims arrive together.
    document: Option<u32>,
    pending: Vec<(u64, Claim)>,
    /// What the last rule read needs in a class key: dates, stories.
    needs: Option<(Arc<str>, Arc<str>, bool, bool)>,
}

/// What a class is found by: its value's hash, and the publication date
/// and story where the rule reads them.
type ClassKey = (u64, Option<NaiveDate>, Option<Arc<str>>);

/// The claims of one key that state one value.
struct Class {
    /// Its first claim, whose key and value the others share.
    first: Claim,
    /// Its first claims in document order, as a heap whose top is the last.
    head: BinaryHeap<Ordered>,
    /// How many claims it has.
    count: usize,
    /// The place of each claim at a fact of a rewrite record: that kind
    /// leaves alone the facts a claim conflict reports.
    places: Vec<u64>,
}

/// A claim ordered as conflicts list their evidence.
struct Ordered(Claim);

impl PartialEq for Ordered {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ordered {}

impl PartialOrd for Ordered {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ordered {
    fn cmp(&self, other: &Self) -> Ordering {
        claim_order(&self.0).cmp(&claim_order(&other.0))
    }
}

impl<'a> Collapsed<'a> {
    pub(super) fn new(
        rules: &'a RuleSet,
        protected: &'a HashSet<&'a str>,
        fact_places: &'a HashSet<u64, Fast>,
        listed: usize,
    ) -> Self {
        Collapsed {
            rules,
            protected,
            fact_places,
            listed,
            classes: Vec::new(),
            index: HashMap::default(),
            kept: Vec::new(),
            reports: Reports::default(),
            document: None,
            pending: Vec::new(),
            needs: None,
        }
    }

    /// Takes a claim of the key being read, of the document numbered
    /// `document`, whose value hashes to `value`.
    pub(super) fn add(&mut self, document: u32, value: u64, claim: Claim) {
        if self.document != Some(document) {
            self.flush();
            self.document = Some(document);
        }
        self.pending.push((value, claim));
    }

    /// Puts the claims of the document just read in their classes.
    fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let keep_all = pending.iter().any(|(_, c)| c.value.is_derived())
            || pending
                .first()
                .is_some_and(|(_, c)| self.protected.contains(c.evidence.doc()));
        for (value, claim) in pending {
            let Some(class) = self.class_of(value, &claim) else {
                // A claim of no rule: compare reads none.
                continue;
            };
            let c = &mut self.classes[class];
            c.count += 1;
            self.reports.add(class, Report::of(&claim.evidence));
            let place = place_hash(claim.evidence.doc(), claim.evidence.span);
            if self.fact_places.contains(&place) {
                c.places.push(place);
            }
            if keep_all {
                self.kept.push((claim, class));
            } else {
                c.head.push(Ordered(claim));
                if c.head.len() > self.listed {
                    c.head.pop();
                }
            }
        }
    }

    /// The class of `claim`, made if it is the first of its value.
    fn class_of(&mut self, value: u64, claim: &Claim) -> Option<usize> {
        let (dates, stories) = self.needs(claim)?;
        let index_key = (
            value,
            claim.evidence.published().filter(|_| dates),
            claim.evidence.story().filter(|_| stories).map(Arc::from),
        );
        let candidates = self.index.entry(index_key).or_default();
        // The index key holds the date and story; two values or keys may
        // share a hash.
        let same =
            |c: &Class| crate::compare::key(&c.first) == crate::compare::key(claim) && c.first.value == claim.value;
        if let Some(&found) = candidates.iter().find(|&&i| same(&self.classes[i])) {
            return Some(found);
        }
        candidates.push(self.classes.len());
        self.classes.push(Class {
            first: claim.clone(),
            head: BinaryHeap::new(),
            count: 0,
            places: Vec::new(),
        });
        Some(self.classes.len() - 1)
    }

    /// Whether the rule of `claim` reads publication dates (to split claims
    /// in time or to let a value grow) and stories (name spellings), or
    /// `None` when no rule made it.
    fn needs(&mut self, claim: &Claim) -> Option<(bool, bool)> {
        if let Some((rule, slot, dates, stories)) = &self.needs {
            if **rule == *claim.rule && **slot == *claim.slot {
                return Some((*dates, *stories));
            }
        }
        let rule = self.rules.rules.iter().find(|r| *r.id == *claim.rule)?;
        let slot = rule.slots.iter().find(|s| *s.name == *claim.slot)?;
        let dates = rule.within_days.is_some() || slot.evolves.is_some();
        let stories = rule.kind == RuleKind::NameVariant;
        self.needs = Some((claim.rule.clone(), claim.slot.clone(), dates, stories));
        Some((dates, stories))
    }

    /// Ends a key: its classes are complete. Gives the claims kept, for
    /// compare to read, and what counts the support of their sides over
    /// every claim of the key.
    pub(super) fn end_key(&mut self) -> (Vec<Claim>, Tallied) {
        self.flush();
        self.document = None;
        self.index.clear();
        let mut claims = Vec::new();
        let mut class_at: HashMap<u64, Vec<usize>, Fast> = HashMap::default();
        let mut at = |claim: &Claim, class: usize| {
            let place = place_hash(claim.evidence.doc(), claim.evidence.span);
            class_at.entry(place).or_default().push(class);
        };
        for (i, class) in self.classes.iter_mut().enumerate() {
            for Ordered(claim) in std::mem::take(&mut class.head) {
                at(&claim, i);
                claims.push(claim);
            }
        }
        for (claim, i) in std::mem::take(&mut self.kept) {
            at(&claim, i);
            claims.push(claim);
        }
        let tallied = Tallied {
            classes: std::mem::take(&mut self.classes),
            class_at,
            reports: std::mem::take(&mut self.reports).finish(),
            unread: Mutex::new(Vec::new()),
        };
        (claims, tallied)
    }
}

/// The classes of the collapsed keys, after their claims were taken.
pub(super) struct Tallied {
    classes: Vec<Class>,
    /// The classes of the kept claims, by place.
    class_at: HashMap<u64, Vec<usize>, Fast>,
    reports: Counted,
    /// Why reports could not be read back.
    unread: Mutex<Vec<String>>,
}

impl Tallied {
    /// Why some reports could not be read back: the support counted
    /// without them. Sorted, as groups are compared in parallel.
    pub(super) fn unread(self) -> Vec<String> {
        let mut unread = self.unread.into_inner().unwrap_or_else(|e| e.into_inner());
        unread.sort();
        unread
    }

    /// The classes of `key` that the places `evidence` belong to.
    fn classes(&self, key: Key<'_>, evidence: &[Evidence]) -> BTreeSet<usize> {
        evidence
            .iter()
            .filter_map(|e| self.class_at.get(&place_hash(e.doc(), e.span)))
            .flatten()
            .copied()
            .filter(|&i| crate::compare::key(&self.classes[i].first) == key)
            .collect()
    }
}

impl Tally for Tallied {
    fn support(
        &self,
        key: Key<'_>,
        evidence: &[Evidence],
        reliability: &BTreeMap<String, f64>,
    ) -> Option<(usize, f64, usize)> {
        let classes: Vec<usize> = self.classes(key, evidence).into_iter().collect();
        if classes.is_empty() {
            return None;
        }
        let ((support, weight), unread) = self.reports.support(&classes, reliability);
        if !unread.is_empty() {
            self.unread.lock().unwrap_or_else(|e| e.into_inner()).extend(unread);
        }
        Some((support, weight, classes.iter().map(|&i| self.classes[i].count).sum()))
    }

    fn cover(&self, conflicts: &[Conflict], covered: &mut HashSet<u64>) {
        if self.classes.is_empty() {
            return;
        }
        let mut done = HashSet::new();
        for conflict in conflicts {
            let Some(key) = tallied_key(conflict) else { continue };
            for side in &conflict.sides {
                for i in self.classes(key, &side.evidence) {
                    if done.insert(i) {
                        covered.extend(&self.classes[i].places);
                    }
                }
            }
        }
    }
}
