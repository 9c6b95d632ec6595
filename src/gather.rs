//! Gathering: what compare needs of every document, taken in as the
//! extractions arrive (from a check's batches or from shards), held in as
//! little memory as compare can work from.
//!
//! Compare cannot start before the last document is in, so what it keeps
//! of each is what a check's memory grows with. Most of a claim is only
//! needed if it ends up in a conflict: its sentence, its words, its place.
//! So each claim is written to a [`Spill`] (a temporary file) and memory
//! keeps a [`Held`] claim: a hash of its key, a hash of its value and where
//! it was put. When everything is in, only the claims of keys that state
//! two or more values are read back, since a key whose claims all state
//! one value has nothing to contradict. (With verified facts, every claim
//! is read back: one value can contradict a fact.) In a news corpus most
//! keys are names spelled one way, so most claims never come back.
//!
//! A `rewrite` record is kept as a [`Sketch`], its quotes in the same spill:
//! see [`crate::compare::rewrite`].

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::claims::{Article, Claim, ClaimValue, NameSpelling};
use crate::compare::rewrite::Sketch;
use crate::compare::Conflict;
use crate::error::InputError;
use crate::rules::RuleSet;
use crate::shard::{DocumentInfo, Extracted};
use crate::spill::{Place, Spill};

/// What compare reads of many documents, collected as their extractions
/// arrive: see the module's comment.
#[derive(Debug, Default)]
pub struct Gathered {
    /// How many documents were taken in.
    pub(crate) count: usize,
    /// The documents that hold suppressions: the others need no more
    /// than counting.
    pub(crate) documents: Vec<DocumentInfo>,
    claims: Chunks<Held>,
    /// What compare reads of the records; the rest is in `spill`.
    records: Chunks<Sketch>,
    pub(crate) spill: Spill,
    /// One copy of each file path and story: a JSON Lines file holds
    /// thousands of documents.
    paths: HashSet<Arc<str>, Fast>,
}

/// A claim while the corpus is gathered.
#[derive(Debug)]
struct Held {
    /// The hash compare groups claims by (rule, subject, slot, qualifier).
    key: u64,
    /// Hash of the value as written.
    value: u64,
    /// The document, shared by its claims.
    article: Arc<Article>,
    /// The rest of the claim, in the spill.
    place: Place,
}

impl Held {
    /// The held part of `claim`; the rest is serialized at the end of
    /// `out`, and the held claim's place is its place in `out`, to be moved
    /// to where `out` is put.
    fn of(claim: &Claim, out: &mut Vec<u8>) -> Held {
        let start = out.len();
        let value = crate::claims::write_claim(claim, out);
        let value = crate::util::fnv(&out[value]);
        Held {
            key: crate::compare::key_hash(claim),
            value,
            article: claim.evidence.article.clone(),
            place: Place::default().part(start, out.len() - start),
        }
    }
}

/// One copy of each string, subject, spelling and sentence of the claims
/// read back: the same people and companies recur across a corpus.
#[derive(Default)]
struct Interned {
    names: HashSet<Arc<str>, Fast>,
    subjects: HashSet<Arc<[String]>, Fast>,
    spellings: HashSet<Arc<NameSpelling>, Fast>,
    sentences: HashSet<Arc<str>, Fast>,
}

impl Interned {
    /// `claim`, sharing the copies already held.
    fn share(&mut self, mut claim: Claim) -> Claim {
        claim.rule = interned(&mut self.names, claim.rule);
        claim.slot = interned(&mut self.names, claim.slot);
        claim.subject = interned(&mut self.subjects, claim.subject);
        if let ClaimValue::Name(spelling) = &mut claim.value {
            *spelling = interned(&mut self.spellings, spelling.clone());
        }
        if let Some(evidence) = Arc::get_mut(&mut claim.evidence) {
            evidence.sentence = interned(&mut self.sentences, evidence.sentence.clone());
        }
        claim
    }
}

impl Gathered {
    /// Takes in one document's extraction.
    pub fn add(&mut self, extracted: Extracted) {
        self.extend([extracted]);
    }

    /// Takes in one document's extraction, its claims and records already
    /// split into what is held and what is spilled (`bytes`, where their
    /// places are).
    fn take(&mut self, document: DocumentInfo, claims: Vec<Held>, records: Vec<Sketch>, bytes: &[u8]) {
        self.count += 1;
        if !document.suppressions.is_empty() {
            self.documents.push(document);
        }
        let base = self.spill.push(bytes);
        let paths = &mut self.paths;
        // The document as extracted, and as kept: with its path and story
        // shared with the other documents of its file and story.
        let mut kept: Option<(Arc<Article>, Arc<Article>)> = None;
        let mut share = |article: &Arc<Article>| -> Arc<Article> {
            match &kept {
                Some((from, to)) if Arc::ptr_eq(from, article) => to.clone(),
                _ => {
                    let shared = Arc::new(Article {
                        path: interned(paths, article.path.clone()),
                        story: article.story.clone().map(|s| interned(paths, s)),
                        ..Article::clone(article)
                    });
                    kept = Some((article.clone(), shared.clone()));
                    shared
                }
            }
        };
        self.claims.extend(claims.into_iter().map(|mut held| {
            held.article = share(&held.article);
            held.place = held.place.moved_to(base);
            held
        }));
        self.records.extend(records.into_iter().map(|mut sketch| {
            sketch.article = share(&sketch.article);
            sketch.quotes = sketch.quotes.moved_to(base);
            sketch
        }));
    }

    /// The claims that can conflict (those of keys that state two or more
    /// values, or all when `all`), read back, and the records, each in one
    /// order whatever order the documents came in: by file, record line,
    /// document and position. A claim that cannot be read back is left out
    /// and reported.
    pub(crate) fn sorted(&self, all: bool) -> (Vec<Claim>, Vec<&Sketch>, Vec<InputError>) {
        // Per key hash: its first value and whether another follows.
        let mut values: HashMap<u64, (u64, bool), Fast> = HashMap::default();
        for held in self.claims.iter() {
            let (first, more) = values.entry(held.key).or_insert((held.value, false));
            *more |= *first != held.value;
        }
        let wanted: Vec<&Held> = self
            .claims
            .iter()
            .filter(|held| all || values.get(&held.key).is_some_and(|v| v.1))
            .collect();
        // Read and parsed in parallel, a block at a time (each claim owns
        // its sentence until it is shared), and shared in order.
        let mut interned = Interned::default();
        let mut claims = Vec::with_capacity(wanted.len());
        let mut errors = Vec::new();
        for block in wanted.chunks(4096) {
            let read: Vec<Result<Claim, InputError>> = block.par_iter().map(|held| self.read_back(held)).collect();
            for claim in read {
                match claim {
                    Ok(claim) => claims.push(interned.share(claim)),
                    Err(err) => errors.push(err),
                }
            }
        }
        claims.sort_by(|a, b| claim_order(a).cmp(&claim_order(b)));
        let mut records: Vec<&Sketch> = self.records.iter().collect();
        records.sort_by(|a, b| a.order().cmp(&b.order()));
        (claims, records, errors)
    }

    /// Every conflict among what was gathered, in a stable order, and the
    /// errors met reading back what was set aside.
    pub(crate) fn compare(&self, rules: &RuleSet) -> (Vec<Conflict>, Vec<InputError>) {
        let (claims, records, mut errors) = self.sorted(!rules.facts.is_empty());
        let claims: Vec<&Claim> = claims.iter().collect();
        let (conflicts, unread) = crate::compare::compare_sketched(rules, &claims, &records, &self.spill);
        errors.extend(unread);
        (conflicts, errors)
    }

    /// The claim `held` was, read back from the spill.
    fn read_back(&self, held: &Held) -> Result<Claim, InputError> {
        let claim = self
            .spill
            .read(held.place)
            .map_err(|e| e.to_string())
            .and_then(|bytes| crate::claims::read_claim(&mut bytes.as_slice(), held.article.clone()));
        claim.map_err(|why| {
            InputError::new(
                &*held.article.path,
                held.article.record_line,
                format!(
                    "could not read back a claim of document `{}` set aside during the check: {why}",
                    held.article.doc
                ),
            )
        })
    }
}

impl Extend<Extracted> for Gathered {
    /// Takes in extractions; their claims and records are split in
    /// parallel, as serializing what is spilled is most of what taking
    /// them in costs.
    fn extend<I: IntoIterator<Item = Extracted>>(&mut self, extracted: I) {
        let split: Vec<_> = extracted
            .into_iter()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|e| {
                let mut bytes = Vec::new();
                // Each claim is dropped once written: a document of a hundred
                // megabytes holds its claims and their bytes at once only a
                // claim at a time.
                let claims: Vec<Held> = e.claims.into_iter().map(|c| Held::of(&c, &mut bytes)).collect();
                let records: Vec<Sketch> = e.records.into_iter().map(|r| r.sketch(&mut bytes)).collect();
                (e.document, claims, records, bytes)
            })
            .collect();
        for (document, claims, records, bytes) in split {
            self.take(document, claims, records, &bytes);
        }
    }
}

impl FromIterator<Extracted> for Gathered {
    fn from_iter<I: IntoIterator<Item = Extracted>>(extracted: I) -> Self {
        let mut gathered = Gathered::default();
        gathered.extend(extracted);
        gathered
    }
}

/// A fast hash with fixed seeds: the interned strings come from the corpus,
/// and nothing is gained by making their order depend on the run.
type Fast = foldhash::fast::FixedState;

/// The copy of `value` that `set` holds, which it takes when it has none.
fn interned<T: ?Sized + Eq + std::hash::Hash>(set: &mut HashSet<Arc<T>, Fast>, value: Arc<T>) -> Arc<T> {
    match set.get(&value) {
        Some(held) => held.clone(),
        None => {
            set.insert(value.clone());
            value
        }
    }
}

/// A list kept in blocks of a fixed size. One growing vector would, as it
/// doubles, leave up to half its room unused and copy everything it holds;
/// blocks waste at most one block's room and never move an item.
#[derive(Debug)]
struct Chunks<T> {
    blocks: Vec<Vec<T>>,
}

impl<T> Chunks<T> {
    /// Items per block: a few megabytes.
    const BLOCK: usize = 16 * 1024;

    /// Every item, in the order taken in.
    fn iter(&self) -> impl Iterator<Item = &T> {
        self.blocks.iter().flatten()
    }
}

impl<T> Default for Chunks<T> {
    fn default() -> Self {
        Chunks { blocks: Vec::new() }
    }
}

impl<T> Extend<T> for Chunks<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        for item in items {
            match self.blocks.last_mut() {
                Some(block) if block.len() < Self::BLOCK => block.push(item),
                _ => {
                    let mut block = Vec::with_capacity(Self::BLOCK);
                    block.push(item);
                    self.blocks.push(block);
                }
            }
        }
    }
}

fn claim_order(c: &Claim) -> (&str, Option<usize>, &str, usize, usize, &str, &str) {
    let e = &c.evidence;
    (
        e.path(),
        e.record_line(),
        e.doc(),
        e.span.start,
        e.span.end,
        &c.rule,
        &c.slot,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Engine, RuleSet};

    #[test]
    fn rewrites_read_back_from_the_spill_file_are_those_kept_in_memory() {
        let engine = Engine::new(RuleSet::embedded().unwrap()).unwrap();
        // Pairs of documents, each pair its own sentence of made-up words;
        // the second of every 400th pair changes the amount. Enough
        // documents that their quotes outgrow the spill's buffer.
        let word = |n: u64| -> String { (0..3).map(|k| (b'a' + (n >> (5 * k)) as u8 % 26) as char).collect() };
        let documents: Vec<Document> = (0..3000u64)
            .map(|i| {
                let pair = i / 2;
                let words: Vec<String> = (0..10)
                    .map(|k| word(pair.wrapping_mul(2_654_435_761) ^ (k * 40_503)))
                    .collect();
                let amount = if i % 800 == 1 { "$24 million" } else { "$42 million" };
                let text = format!("Officials said {} will cost {amount} in March 2027.", words.join(" "));
                Document::from_text(&format!("d{i:04}"), &text, None)
            })
            .collect();
        let extracted: Vec<Extracted> = documents.iter().map(|d| engine.extract_claims(d)).collect();
        let records: Vec<crate::compare::rewrite::Record> = extracted.iter().flat_map(|e| e.records.clone()).collect();
        let gathered: Gathered = extracted.into_iter().collect();
        assert!(gathered.spill.written > 0, "the quotes went to the file");
        let outcome = engine.compare_gathered(gathered, Vec::new());
        assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
        let in_memory = crate::compare::compare_all(engine.rules(), &[], &records.iter().collect::<Vec<_>>());
        assert_eq!(outcome.conflicts, in_memory);
        let mut found: Vec<Vec<(&str, &str)>> = outcome
            .conflicts
            .iter()
            .map(|c| {
                c.sides
                    .iter()
                    .map(|s| (s.evidence[0].doc(), s.evidence[0].text()))
                    .collect()
            })
            .collect();
        found.sort();
        let pair = |a: &'static str, b: &'static str| vec![(a, "$42 million"), (b, "$24 million")];
        assert_eq!(
            found,
            [
                pair("d0000", "d0001"),
                pair("d0800", "d0801"),
                pair("d1600", "d1601"),
                pair("d2400", "d2401")
            ]
        );
    }

    #[test]
    fn claims_read_back_share_one_copy_of_each_subject_spelling_and_sentence() {
        let engine = Engine::new(RuleSet::embedded().unwrap()).unwrap();
        let text = "Alexandr Wang will lead the lab, Mark Zuckerberg said.";
        let gathered: Gathered = ["a", "b"]
            .iter()
            .map(|id| engine.extract_claims(&Document::from_text(id, text, None)))
            .collect();
        // Every key states one value: nothing can conflict, nothing is read.
        assert!(gathered.sorted(false).0.is_empty());
        let (claims, _, errors) = gathered.sorted(true);
        assert!(errors.is_empty());
        let spelling = |c: &Claim| match &c.value {
            ClaimValue::Name(n) => Some(n.clone()),
            _ => None,
        };
        let of = |doc: &str| -> Vec<&Claim> {
            claims
                .iter()
                .filter(|c| c.evidence.doc() == doc && spelling(c).is_some())
                .collect()
        };
        let (a, b) = (of("a"), of("b"));
        assert_eq!(a.len(), 4, "two names, two keys each");
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.subject, y.subject);
            assert!(Arc::ptr_eq(&x.subject, &y.subject));
            assert!(Arc::ptr_eq(&spelling(x).unwrap(), &spelling(y).unwrap()));
            assert!(Arc::ptr_eq(&x.evidence.sentence, &y.evidence.sentence));
        }
        // Two names are two spellings still.
        assert!(!Arc::ptr_eq(&spelling(a[0]).unwrap(), &spelling(a[2]).unwrap()));
    }

    #[test]
    fn only_keys_that_state_two_values_are_read_back() {
        let engine = Engine::new(RuleSet::embedded().unwrap()).unwrap();
        let texts = [
            "Meta invested $14.3 billion in Scale AI in June 2025. Alexandr Wang will lead the lab.",
            "Meta invested $14.3 billion in Scale AI in June 2024. Alexandr Wang will lead the lab.",
        ];
        let documents: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::from_text(&format!("d{i}"), t, None))
            .collect();
        let gathered: Gathered = documents.iter().map(|d| engine.extract_claims(d)).collect();
        let (read, _, errors) = gathered.sorted(false);
        assert!(errors.is_empty());
        let read: Vec<(&str, &str, String)> = read
            .iter()
            .map(|c| (c.evidence.doc(), &*c.slot, c.value.display()))
            .collect();
        assert_eq!(
            read,
            [
                ("d0", "date", "2025-06".to_string()),
                ("d1", "date", "2024-06".to_string())
            ]
        );
        // What is read back is what compare would find among all claims.
        let all: Vec<Claim> = documents.iter().flat_map(|d| engine.claims(d)).collect();
        assert_eq!(
            engine.conflicts(&documents),
            crate::compare::compare(engine.rules(), &all)
        );
    }
}
