//! Rule kind `rewrite`: sentences that are near-duplicates across documents
//! (a wire story and the outlets that rewrote it) state the same dates,
//! amounts and percentages. Documents in, [`Record`]s out (the map half);
//! records in, [`Conflict`]s out (the reduce half).
//!
//! A rewrite that changes a fact is the most common contradiction in news,
//! and it needs no claim rule: the copied words around the fact say that two
//! sentences make the same claim, whatever its topic.
//!
//! # How records flow
//!
//! **Map** (per document, beside claim binding): every sentence that states a
//! date, an amount of money or a percentage and has at least `min-words`
//! content words becomes one [`Record`]. Its words are lowercased and every
//! date, amount, count or number among them is masked to one placeholder, so
//! that "in June 2024" and "in June 2025" read the same. The record keeps the
//! sentence's word pairs (shingles) as stable 64-bit hashes, the keys of the
//! [`BANDS`] locality-sensitive bands of a MinHash over them, and its facts
//! as [`Claim`]s whose slot is `date`, `amount` or `percentage` and whose
//! evidence is the fact's words. Only sentences holding a fact are hashed.
//!
//! **Reduce**: records are grouped by band key. Two records of different
//! documents in one group are a candidate pair, verified by the exact
//! Jaccard similarity of their shingles (the rule's `similarity`). A pair is
//! looked at only in the first band the two share, so no set of seen pairs
//! is needed and each group can be reduced on its own. The facts of a
//! verified pair are aligned by slot, first by the words on either side of
//! them, then by rank. Aligned facts are joined into groups; a group in
//! which two aligned facts have different words and values that cannot both
//! be true is one conflict, its sides the values with every source that
//! states them.
//!
//! Over a whole corpus, alike sentences are more often a recurring template
//! (a daily market report) than a rewrite, so a pair is not aligned when its
//! documents were published more than `within-days` apart or when more than
//! half of its numbers changed: a rewrite changes a fact and keeps the rest.
//!
//! # Why a record and not a claim
//!
//! A claim has one key and one value. A sentence has [`BANDS`] keys and
//! carries its shingles for verification, so as claims it would be copied
//! once per band, and the claim groups are checked one at a time while a
//! pair found in several bands must be judged once. So [`Record`] is its own
//! serializable type, made per document like claims; its facts are claims,
//! so sides, evidence and reports are those of every other kind. A
//! distributed reduce flat-maps each record to one row per key.
//!
//! A fact that another rule already reports (every one of its words is the
//! evidence of a conflict of a claim rule) is not reported a second time.
//!
//! Hashes are FNV-1a and the SplitMix64 finalizer, written out here because
//! keys written by one machine are grouped on another: they must not depend
//! on a seed, a platform or a library version.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use serde::Serialize;

use chrono::{Datelike, NaiveDate};

use super::Links;
use super::{date, money, sides, Conflict};
use crate::claims::{put_value, read_claim, take_value, write_claim, Article, Claim, ClaimValue, Evidence, Origin};
use crate::error::InputError;
use crate::extract::{DateValue, Mention, Modifier, Value};
use crate::ingest::Document;
use crate::rules::{fill_message, Align, Rule, RuleKind, RuleSet};
use crate::span::Span;
use crate::spill::{put_flag, put_str, put_u64, take_array, take_flag, take_str, take_u64, Place, Spill};

/// MinHash values per band. With [`BANDS`] bands, two sentences whose
/// shingles have Jaccard similarity 0.5 share a band with probability
/// 1 − (1 − 0.5²)¹⁶ ≈ 0.99; at 0.6, 0.9999; sentences that share one word
/// pair in five (0.2), 0.48, and one in twenty (0.05), 0.04. Candidates
/// are checked exactly, which costs less than more rows would to hash.
const ROWS: usize = 2;

/// Bands per sentence, each one key.
pub const BANDS: usize = 16;

// A record's bands are picked out of a mask of 32 bits (see
// `Sketch::met_before`).
const _: () = assert!(BANDS < 32);

/// A band key shared by more records than this is boilerplate (a
/// copyright line, a recurring stock table): its pairs are left to the
/// other bands, so that one common key cannot make the cost quadratic.
const MAX_GROUP: usize = 200;

/// Fewest content words a line must have for its facts to count: fewer,
/// and the line is a dateline or a heading glued to the sentence.
const DATELINE_WORDS: usize = 3;

/// Most facts a sentence may state to be aligned: a "sentence" with more
/// is a table or a list run together (in 880 real articles no sentence
/// states more than 9), and aligning it would copy every fact's evidence
/// for nothing.
const MAX_FACTS: usize = 12;

/// The hash of a masked word (a date, amount or number).
const MASK: u64 = 0x6d61_736b_6564_2121;

/// One sentence that states facts, ready to be grouped by its band keys.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct Record {
    /// The rewrite rule that made it.
    pub rule: Arc<str>,
    /// The document's id (shared with its facts' evidence).
    pub doc: Arc<str>,
    /// One key per band, in band order.
    #[serde(with = "crate::util::hex")]
    pub keys: Vec<u64>,
    /// Hashes of the masked sentence's word pairs, sorted and distinct.
    #[serde(with = "crate::util::hex")]
    pub shingles: Vec<u64>,
    /// The sentence's first words with its facts masked (`…`), to name the claim.
    pub gist: String,
    /// The dates, amounts and percentages the sentence states, in order.
    pub facts: Vec<Claim>,
    /// For each fact, hashes of the words before and after it (0 at an
    /// edge of the sentence): facts are aligned by them first.
    #[serde(with = "crate::util::hex_pairs")]
    pub anchors: Vec<[u64; 2]>,
    /// Hashes of the words of each masked run (dates, amounts, other
    /// numbers), sorted and distinct.
    #[serde(with = "crate::util::hex")]
    pub numbers: Vec<u64>,
}

/// What compare holds of a [`Record`] while it looks for pairs: the low 32
/// bits of its band keys, its document, and where the rest is. Two
/// unrelated keys that share their low bits only bring a pair to the exact
/// test, which turns it away. The rest waits in a [`Spill`]: what judging
/// a pair reads ([`Details`]: shingles, numbers, a digest of each fact),
/// read back only for the pairs a band brings together, then the gist and
/// the facts' claims, which only a conflict shows. A corpus makes one
/// record per sentence that states a fact, so what is held of each is what
/// memory grows with.
#[derive(Debug)]
pub(crate) struct Sketch {
    rule: Arc<str>,
    /// The record's document: its id, where the record sorts, and when it
    /// was published.
    pub(crate) article: Arc<Article>,
    /// The keys the record has (a shard may give fewer than [`BANDS`]).
    bands: u8,
    keys: [u32; BANDS],
    /// How many facts the record states.
    facts: u32,
    /// Where its first fact starts: where the record sorts.
    first: usize,
    /// A digest of all that judging reads but the document, rule and
    /// places: records that are exact copies of each other (wire copy run
    /// unchanged) share it, and [`band_pairs`] judges them once. It is of
    /// 128 bits, so that two records that are not copies share it with a
    /// chance of one in 2¹²⁸.
    twin: u128,
    /// Where the details and then the quotes are.
    pub(crate) quotes: Place,
    /// How many bytes of `quotes` the details take.
    details: u32,
}

/// What judging a pair reads of a record beyond its keys and shingles
/// (see [`Sketch`] and [`Details::shingles`]).
#[derive(Debug)]
struct Details {
    numbers: Vec<u64>,
    facts: Vec<Digest>,
}

/// What aligning and judging read of a fact.
#[derive(Debug)]
struct Digest {
    /// Index into [`SLOTS`]; [`SLOTS`]`.len()` for a slot of none of them.
    slot: u8,
    /// A date written without a digit ("on Friday"): read against the day
    /// its document was published.
    relative: bool,
    value: ClaimValue,
    /// Hash of the words, lowercased, each space one: [`differs`] compares them.
    words: u64,
    /// Hash of the words as written: [`one_event`] compares them.
    text: u64,
    anchors: [u64; 2],
    span: Span,
}

impl Details {
    /// Writes the details of a record (its shingles, cut to their low 32
    /// bits, sorted and distinct; its numbers and what
    /// [`Digest`] reads of its `facts`) at the end of `out`, as
    /// [`Details::read`] reads them: the places of the facts last, so that
    /// the bytes before them are what exact copies share. Returns where
    /// those places start.
    fn write(out: &mut Vec<u8>, shingles: &[u64], numbers: &[u64], facts: &[Claim], anchors: &[[u64; 2]]) -> usize {
        put_u64(out, shingles.len() as u64);
        for &s in shingles {
            out.extend_from_slice(&(s as u32).to_le_bytes());
        }
        put_u64(out, numbers.len() as u64);
        numbers.iter().for_each(|&n| put_u64(out, n));
        put_u64(out, facts.len() as u64);
        for (i, c) in facts.iter().enumerate() {
            let text = c.evidence.text();
            out.push(SLOTS.iter().position(|s| **s == *c.slot).unwrap_or(SLOTS.len()) as u8);
            put_flag(
                out,
                matches!(c.value, ClaimValue::Date(_)) && !text.bytes().any(|b| b.is_ascii_digit()),
            );
            put_value(out, &c.value);
            let [before, after] = anchors.get(i).copied().unwrap_or_default();
            let [words, text] = fact_hashes(text);
            for n in [words, text, before, after] {
                put_u64(out, n);
            }
        }
        let places = out.len();
        for c in facts {
            put_u64(out, c.evidence.span.start as u64);
            put_u64(out, c.evidence.span.end as u64);
        }
        places
    }

    /// The shingles of the details [`Details::write`] wrote in `bytes`,
    /// read without the rest: most pairs a band brings together are turned
    /// away by them. These are the low 32 bits of each, sorted and
    /// distinct: two sentences of a few dozen word pairs share a truncated
    /// shingle by chance about once in ten million pairs.
    fn shingles(mut bytes: &[u8]) -> Result<impl ExactSizeIterator<Item = u32> + '_, String> {
        let n = take_u64(&mut bytes)? as usize;
        let shingles = bytes
            .get(..n.saturating_mul(4))
            .ok_or_else(|| format!("{n} shingles past the end of the details"))?;
        Ok(shingles
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
    }

    /// The details [`Details::write`] wrote at the start of `bytes`.
    fn read(mut bytes: &[u8]) -> Result<Details, String> {
        let bytes = &mut bytes;
        let count = |bytes: &mut &[u8]| take_u64(bytes).map(|n| n as usize);
        let n = count(bytes)?;
        *bytes = bytes
            .get(n.saturating_mul(4)..)
            .ok_or_else(|| format!("{n} shingles past the end of the details"))?;
        let n = count(bytes)?;
        let numbers = (0..n).map(|_| take_u64(bytes)).collect::<Result<_, _>>()?;
        let n = count(bytes)?;
        let mut facts = (0..n)
            .map(|_| {
                let [slot] = take_array(bytes)?;
                let relative = take_flag(bytes)?;
                let value = take_value(bytes)?;
                let [words, text, before, after] = [(); 4].map(|_| take_u64(bytes));
                Ok(Digest {
                    slot,
                    relative,
                    value,
                    words: words?,
                    text: text?,
                    anchors: [before?, after?],
                    span: Span::new(0, 0),
                })
            })
            .collect::<Result<Vec<Digest>, String>>()?;
        for fact in &mut facts {
            fact.span = Span::new(count(bytes)?, count(bytes)?);
        }
        Ok(Details { numbers, facts })
    }
}

impl Record {
    /// Splits the record into the sketch compare holds and the details and
    /// quotes it sets aside, serialized at the end of `out`; the sketch's
    /// [`Sketch::quotes`] is their place in `out`, to be moved to where
    /// `out` is put.
    pub(crate) fn sketch(self, out: &mut Vec<u8>) -> Sketch {
        let Record {
            rule,
            doc,
            keys,
            shingles,
            gist,
            facts,
            anchors,
            numbers,
        } = self;
        // A record's facts are read in its document; one with none (from a
        // shard) is never aligned, and needs no more than its id.
        let article = match facts.first() {
            Some(fact) => fact.evidence.article.clone(),
            None => Arc::new(Article::named(&doc, "")),
        };
        // Truncated where they are: the record's own vector, not a copy.
        let mut shingles = shingles;
        shingles.iter_mut().for_each(|s| *s &= u64::from(u32::MAX));
        shingles.sort_unstable();
        shingles.dedup();
        let mut held = [0; BANDS];
        let bands = keys.len().min(BANDS);
        for (held, key) in held.iter_mut().zip(&keys) {
            *held = *key as u32;
        }
        let start = out.len();
        let places = Details::write(out, &shingles, &numbers, &facts, &anchors);
        let twin = twin_digest(&held[..bands], article.published, &out[start..places]);
        let details = out.len() - start;
        put_str(out, &gist);
        put_u64(out, facts.len() as u64);
        for fact in &facts {
            write_claim(fact, out);
        }
        Sketch {
            rule,
            first: facts.first().map_or(0, |f| f.evidence.span.start),
            facts: facts.len() as u32,
            article,
            twin,
            bands: bands as u8,
            keys: held,
            quotes: Place::default().part(start, out.len() - start),
            details: details as u32,
        }
    }
}

/// The digest of all that judging reads of a record but its document and
/// the places of its facts, which copies in other documents need not share
/// (see [`Sketch::twin`]): its band keys, its publication date and its
/// details as written but those places.
fn twin_digest(keys: &[u32], published: Option<NaiveDate>, details: &[u8]) -> u128 {
    use std::hash::BuildHasher;
    let [low, high] =
        [1, 2].map(|seed| foldhash::fast::FixedState::with_seed(seed).hash_one((keys, published, details)));
    u128::from(high) << 64 | u128::from(low)
}

impl Sketch {
    fn key(&self, band: usize) -> Option<u32> {
        (band < self.bands as usize).then(|| self.keys[band])
    }

    /// Whether the two records share a key in a band before `band`, where
    /// their pair was met first. Every pair a band brings together asks
    /// this: the keys are compared all at once, as vector units can, and
    /// the bands that count are picked out of the result.
    fn met_before(&self, other: &Sketch, band: usize) -> bool {
        let equal = self
            .keys
            .iter()
            .zip(&other.keys)
            .enumerate()
            .fold(0u32, |mask, (e, (x, y))| mask | u32::from(x == y) << e);
        let counted = band.min(usize::from(self.bands)).min(usize::from(other.bands));
        equal & ((1u32 << counted) - 1) != 0
    }

    fn doc(&self) -> &str {
        &self.article.doc
    }

    /// What judging reads of the record, read back from `spill`.
    fn details(&self, spill: &Spill) -> Result<Details, String> {
        Details::read(&self.detail_bytes(spill)?)
    }

    /// The bytes of the record's details, as [`Details::write`] wrote them.
    fn detail_bytes(&self, spill: &Spill) -> Result<Vec<u8>, String> {
        spill
            .read(self.quotes.part(0, self.details as usize))
            .map_err(|e| e.to_string())
    }

    /// The places of the record's facts, as
    /// [`place_hash`](crate::compare::place_hash)es: a claim at one of them
    /// can cover the record (see [`check`]).
    pub(crate) fn places(&self, spill: &Spill) -> Result<Vec<u64>, String> {
        Ok(self
            .details(spill)?
            .facts
            .iter()
            .map(|f| crate::compare::place_hash(self.doc(), f.span))
            .collect())
    }

    /// Whether two records are alike in everything that finding and judging
    /// a pair reads (all but their documents): any pair of them is judged as
    /// any other.
    fn is_twin(&self, other: &Sketch) -> bool {
        self.twin == other.twin
            && self.bands == other.bands
            && self.keys == other.keys
            && self.published() == other.published()
            && self.facts == other.facts
    }

    fn published(&self) -> Option<NaiveDate> {
        self.article.published
    }

    /// Where the record sorts: by file, record line, document, first fact
    /// and rule.
    pub(crate) fn order(&self) -> (&str, Option<usize>, &str, usize, &str) {
        (
            &self.article.path,
            self.article.record_line,
            &self.article.doc,
            self.first,
            &self.rule,
        )
    }
}

/// The rewrite rules, compiled for making records.
#[derive(Debug)]
pub(crate) struct Aligner {
    rules: Vec<(Arc<str>, Align)>,
    /// The slot names of facts, shared by every fact's claim.
    slots: [Arc<str>; 3],
    /// The subject of every fact's claim: none, shared.
    no_subject: Arc<[String]>,
    /// The fewest content words any rule asks for: shorter sentences are
    /// left before they are hashed.
    min_words: usize,
    function_words: FunctionWords,
}

impl Aligner {
    /// Reads the settings of every `rewrite` rule.
    pub(crate) fn new(set: &RuleSet) -> Self {
        let rules: Vec<(Arc<str>, Align)> = set
            .rules
            .iter()
            .filter(|r| r.kind == RuleKind::Rewrite)
            .map(|r| (Arc::from(r.id.as_str()), r.align))
            .collect();
        Aligner {
            min_words: rules.iter().map(|(_, a)| a.min_words).min().unwrap_or(usize::MAX),
            rules,
            slots: SLOTS.map(Arc::from),
            no_subject: Arc::from([]),
            function_words: FunctionWords::new(&set.lang.function_words),
        }
    }

    /// The records of `doc`'s sentences that state facts; `mentions` must be
    /// sorted by start, as the extractor returns them.
    pub(crate) fn records(
        &self,
        origin: &Origin,
        doc: &Document,
        sentences: &[Span],
        mentions: &[Mention],
    ) -> Vec<Record> {
        let mut out = Vec::new();
        if self.rules.is_empty() {
            return out;
        }
        // Held across the document's sentences: a sentence allocates only
        // what its record keeps.
        let mut inside: Vec<&Mention> = Vec::new();
        let mut masks: Vec<Span> = Vec::new();
        let mut words: Vec<Word> = Vec::new();
        let mut facts: Vec<Fact> = Vec::new();
        for &sentence in sentences {
            let first = mentions.partition_point(|m| m.span.start < sentence.start);
            let in_sentence = || {
                mentions[first..]
                    .iter()
                    .take_while(|m| m.span.start < sentence.end)
                    .filter(|m| sentence.contains(m.span))
            };
            // Most sentences state no fact: they are passed over before
            // anything is collected.
            if !in_sentence().any(|m| slot_of(m).is_some()) {
                continue;
            }
            inside.clear();
            inside.extend(in_sentence());
            masks.clear();
            masks.extend(
                inside
                    .iter()
                    .filter(|m| !matches!(m.value, Value::Org(_)))
                    .map(|m| m.span),
            );
            let content = masked_words(&doc.text, sentence, &masks, &self.function_words, &mut words);
            if content < self.min_words {
                continue;
            }
            read_facts(&mut facts, &doc.text, sentence, &inside, &words, |line| {
                let in_line = if line == sentence {
                    content
                } else {
                    words.iter().filter(|w| w.content && line.contains(w.at)).count()
                };
                in_line >= DATELINE_WORDS
            });
            if facts.is_empty() || facts.len() > MAX_FACTS {
                continue;
            }
            let mut shingles = shingles(&words);
            if shingles.is_empty() {
                continue;
            }
            let mut keys = band_keys(&shingles);
            let mut gist = gist(&doc.text, &words);
            let mut numbers = numbers(&words);
            let mut anchors: Vec<[u64; 2]> = facts.iter().map(|f| f.anchors).collect();
            let mut rules = self
                .rules
                .iter()
                .filter(|(_, align)| content >= align.min_words)
                .peekable();
            while let Some((rule_id, _)) = rules.next() {
                // The last record takes the sentence's sketch and its facts'
                // values; the others copy them.
                let last = rules.peek().is_none();
                let take = |v: &mut Vec<u64>| if last { std::mem::take(v) } else { v.clone() };
                let (keys, shingles, numbers) = (take(&mut keys), take(&mut shingles), take(&mut numbers));
                let gist = if last { std::mem::take(&mut gist) } else { gist.clone() };
                let anchors = if last {
                    std::mem::take(&mut anchors)
                } else {
                    anchors.clone()
                };
                let claim = |slot: usize, span: Span, value: ClaimValue| Claim {
                    rule: rule_id.clone(),
                    subject: self.no_subject.clone(),
                    slot: self.slots[slot].clone(),
                    qualifier: String::new(),
                    value,
                    evidence: Arc::new(Evidence::new(origin, doc, span, sentence)),
                };
                let facts = if last {
                    facts.drain(..).map(|f| claim(f.slot, f.span, f.value)).collect()
                } else {
                    facts.iter().map(|f| claim(f.slot, f.span, f.value.clone())).collect()
                };
                out.push(Record {
                    rule: rule_id.clone(),
                    doc: origin.doc(),
                    keys,
                    shingles,
                    gist,
                    anchors,
                    numbers,
                    facts,
                });
            }
        }
        out
    }
}

/// The slots of facts, in the order facts are aligned.
const SLOTS: [&str; 3] = ["date", "amount", "percentage"];

/// The slot (an index into [`SLOTS`]) of a mention that is a fact: a
/// stated date with an interval, an amount of money or a percentage.
fn slot_of(m: &Mention) -> Option<usize> {
    match &m.value {
        Value::Date(d) if d.interval.is_some() && d.derived.is_none() => Some(0),
        Value::Money(_) => Some(1),
        Value::Percent(_) => Some(2),
        _ => None,
    }
}

/// A fact's value as a claim value.
fn value_of(m: &Mention) -> Option<ClaimValue> {
    match &m.value {
        Value::Date(d) => Some(ClaimValue::Date(Box::new(d.clone()))),
        Value::Money(v) => Some(ClaimValue::Money(Box::new(v.clone()))),
        Value::Percent(p) => Some(ClaimValue::Percent(Box::new(p.clone()))),
        _ => None,
    }
}

/// A fact of a sentence.
struct Fact {
    /// Index into [`SLOTS`].
    slot: usize,
    value: ClaimValue,
    span: Span,
    anchors: [u64; 2],
}

/// Fills `out` with the facts a sentence states, in order. A mention inside the previous
/// fact is part of it. A fact on a line whose words `is_prose` rejects is
/// left out: the segmenter joins a headline, a dateline ("Posted: Thursday,
/// July 29, 2004") and the lede that follow each other without a full stop,
/// and the date of a dateline is when the copy was posted, not a claim.
fn read_facts(
    out: &mut Vec<Fact>,
    text: &str,
    sentence: Span,
    mentions: &[&Mention],
    words: &[Word],
    is_prose: impl Fn(Span) -> bool,
) {
    let s = sentence.slice(text);
    // Most sentences are one line, which need not be looked for.
    let lines = s.as_bytes().contains(&b'\n');
    out.clear();
    for m in mentions {
        let Some(slot) = slot_of(m) else {
            continue;
        };
        if out.last().is_some_and(|last| last.span.end > m.span.start) {
            continue;
        }
        let line = if lines {
            let (from, to) = (m.span.start - sentence.start, m.span.end - sentence.start);
            let line_start = s.get(..from).and_then(|b| b.rfind('\n')).map_or(0, |i| i + 1);
            let line_end = s.get(to..).and_then(|a| a.find('\n')).map_or(s.len(), |i| to + i);
            Span::new(line_start, line_end).shift(sentence.start)
        } else {
            sentence
        };
        if !is_prose(line) {
            continue;
        }
        // A fact's value is copied only once it is kept.
        let Some(value) = value_of(m) else {
            continue;
        };
        out.push(Fact {
            slot,
            value,
            span: m.span,
            anchors: anchors(words, m.span),
        });
    }
}

/// Hashes of the words before and after the masked run that holds `span`.
fn anchors(words: &[Word], span: Span) -> [u64; 2] {
    let Some(at) = words
        .iter()
        .position(|w| w.at.start < span.end && span.start < w.at.end)
    else {
        return [0, 0];
    };
    let hash = |w: Option<&Word>| w.and_then(Word::hash).unwrap_or(0);
    [
        hash(at.checked_sub(1).and_then(|i| words.get(i))),
        hash(words.get(at + 1)),
    ]
}

/// The hashes of a language's function words. Nearly every word of a
/// sentence is looked up, and most are none: the hashes are held in an
/// open-addressing table at most a quarter full, so that a look-up reads
/// one slot, rarely two.
#[derive(Debug)]
struct FunctionWords {
    /// A word's hash in the slot its low bits name or in a later one
    /// (wrapping), the slots between taken; free slots hold 0.
    slots: Vec<u64>,
    /// Whether a function word hashes to 0, the mark of a free slot.
    zero: bool,
}

impl FunctionWords {
    fn new(words: &[impl AsRef<str>]) -> Self {
        let hashes: Vec<u64> = words.iter().map(|w| word_hash(w.as_ref())).collect();
        Self::from_hashes(&hashes)
    }

    fn from_hashes(hashes: &[u64]) -> Self {
        let mut slots = vec![0; (4 * hashes.len()).next_power_of_two()];
        let mask = slots.len() - 1;
        for &h in hashes.iter().filter(|&&h| h != 0) {
            let mut at = h as usize & mask;
            while slots[at] != 0 && slots[at] != h {
                at = (at + 1) & mask;
            }
            slots[at] = h;
        }
        FunctionWords {
            slots,
            zero: hashes.contains(&0),
        }
    }

    /// Whether `hash` is the hash of a function word.
    fn contains(&self, hash: u64) -> bool {
        if hash == 0 {
            return self.zero;
        }
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            match self.slots.get(at) {
                Some(&h) if h == hash => return true,
                Some(&0) | None => return false,
                Some(_) => at = (at + 1) & mask,
            }
        }
    }
}

/// A word of a sentence, or a masked run of words: where it is, its
/// hash, and whether it is a content word.
struct Word {
    at: Span,
    /// FNV-1a of the word's lowercase form; of a masked run, of the
    /// lowercase letters and digits of the whole run (its number, see
    /// [`numbers`]).
    hash: u64,
    masked: bool,
    /// Unmasked, of three characters or more, and no function word: what
    /// `min-words` and a dateline count.
    content: bool,
}

impl Word {
    /// The hash of the word, unless it is masked.
    fn hash(&self) -> Option<u64> {
        (!self.masked).then_some(self.hash)
    }
}

/// Each byte's lowercase form if it is an ASCII letter or digit, else 0:
/// one load per byte in [`masked_words`].
const WORD_BYTES: [u8; 256] = {
    let mut out = [0; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            out[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    out
};

/// Whether each byte is ASCII but no letter or digit: a byte between words
/// in [`masked_words`], passed over with one load.
const BETWEEN_WORDS: [bool; 256] = {
    let mut out = [false; 256];
    let mut b = 0;
    while b < 128 {
        out[b] = WORD_BYTES[b] == 0;
        b += 1;
    }
    out
};

/// Fills `words` with the sentence's words; a run of words inside `masks`
/// or holding a digit becomes one masked word; `masks` are sorted by
/// start. Each word is hashed as it is read, in one pass over its
/// bytes, and a masked run's number as its words are joined to it: this
/// is the hot loop of a record. Returns how many are content words.
///
/// Kept out of line: inlined into [`Aligner::records`], its loops lose
/// their registers to the values the caller holds, and take a fifth more
/// instructions.
#[inline(never)]
fn masked_words(
    text: &str,
    sentence: Span,
    masks: &[Span],
    function_words: &FunctionWords,
    words: &mut Vec<Word>,
) -> usize {
    words.clear();
    // About one word in six bytes of news: room reserved once a document.
    words.reserve((sentence.end - sentence.start) / 6 + 1);
    let mut content = 0;
    // The masks that may still hold a word: those that end before one
    // starts end before every later one.
    let mut masks = masks;
    let s = sentence.slice(text);
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(rest) = bytes.get(i..) {
        // Most bytes between words are ASCII (spaces, punctuation): passed
        // over before a word is begun.
        let Some(between) = rest.iter().position(|&b| !BETWEEN_WORDS[usize::from(b)]) else {
            break;
        };
        i += between;
        // The word's ASCII bytes lowercased into FNV-1a as `word_hash` does
        // (a word with another character is hashed again by `word_hash`),
        // the bits all of them share (a digit, 0x30..=0x39, is the only
        // one without bit 0x40: letters are lowercase, 0x61..=0x7a), and
        // the bytes its other characters take beyond one each.
        let from = i;
        let (mut hash, mut shared, mut wide) = (crate::util::FNV_OFFSET, u8::MAX, 0);
        loop {
            let (read, h, bits) = ascii_word_bytes(&bytes[i..], hash);
            (hash, shared, i) = (h, shared & bits, i + read);
            match bytes.get(i) {
                Some(b) if !b.is_ascii() => match s[i..].chars().next() {
                    Some(c) if c.is_alphanumeric() => {
                        wide += c.len_utf8() - 1;
                        i += c.len_utf8();
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        if i == from {
            // No letter or digit: passed over.
            i += s[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let at = Span::new(from, i).shift(sentence.start);
        while let [m, rest @ ..] = masks {
            if m.end > at.start {
                break;
            }
            masks = rest;
        }
        let digit = shared & 0x40 == 0;
        let masked = digit || masks.iter().take_while(|m| m.start < at.end).any(|m| at.start < m.end);
        let word = || &s[from..i];
        if masked {
            if let Some(run) = words.last_mut().filter(|w| w.masked) {
                // The run's number goes on over the word's letters and digits.
                run.hash = if wide == 0 {
                    word()
                        .bytes()
                        .map(|b| WORD_BYTES[usize::from(b)])
                        .fold(run.hash, crate::util::fnv_step)
                } else {
                    lower_hash_from(run.hash, word().chars())
                };
                run.at.end = at.end;
                continue;
            }
        }
        // A word of ASCII letters and digits is hashed already; as a run's
        // first word, that is where its number starts.
        let hash = if wide == 0 { hash } else { word_hash(word()) };
        let is_content = !masked && i - from - wide >= 3 && !function_words.contains(hash);
        content += usize::from(is_content);
        words.push(Word {
            at,
            hash,
            masked,
            content: is_content,
        });
    }
    content
}

/// How many ASCII letters and digits `bytes` starts with, FNV-1a of them
/// lowercased from `hash` on, and the bits they all share.
#[inline(always)]
fn ascii_word_bytes(bytes: &[u8], mut hash: u64) -> (usize, u64, u8) {
    let mut shared = u8::MAX;
    let mut read = 0;
    for &b in bytes {
        let lower = WORD_BYTES[usize::from(b)];
        if lower == 0 {
            break;
        }
        hash = crate::util::fnv_step(hash, lower);
        shared &= lower;
        read += 1;
    }
    (read, hash, shared)
}

/// The numbers of the masked runs, sorted and distinct.
fn numbers(words: &[Word]) -> Vec<u64> {
    let mut out: Vec<u64> = words.iter().filter(|w| w.masked).map(|w| w.hash).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Hashes of the pairs of adjacent words, sorted and distinct.
fn shingles(words: &[Word]) -> Vec<u64> {
    let hash = |w: &Word| w.hash().unwrap_or(MASK);
    let mut out: Vec<u64> = words.windows(2).map(|p| mix(hash(&p[0]) ^ mix(hash(&p[1])))).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The band keys of a MinHash over `shingles`. Each row's permutation is
/// `a·x + b` (mod 2⁶⁴, `a` odd) of a shingle hash that is already well
/// mixed: one multiply and one add per shingle and row, which keeps the
/// cost of a record small.
fn band_keys(shingles: &[u64]) -> Vec<u64> {
    row_minimums(shingles)
        .chunks_exact(ROWS)
        .zip(BAND_SEEDS)
        .map(|(rows, seed)| rows.iter().fold(seed, |key, &m| mix(key ^ m)))
        .collect()
}

/// Where each band's key starts, before its rows' minimums are mixed in.
const BAND_SEEDS: [u64; BANDS] = {
    let mut out = [0; BANDS];
    let mut band = 0;
    while band < BANDS {
        out[band] = mix(band as u64 ^ 0x6261_6e64);
        band += 1;
    }
    out
};

/// Each MinHash row's minimum over `shingles`, in row order. Taking them
/// is most of the work of a record: with AVX2 four rows are taken at once,
/// which makes the keys at a quarter of the instructions, the same keys.
fn row_minimums(shingles: &[u64]) -> [u64; BANDS * ROWS] {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, the only feature the function is
        // compiled to use.
        return unsafe { row_minimums_avx2(shingles) };
    }
    row_minimums_portable(shingles)
}

/// [`row_minimums_portable`] compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn row_minimums_avx2(shingles: &[u64]) -> [u64; BANDS * ROWS] {
    row_minimums_portable(shingles)
}

/// Each row's minimum, every row updated once per shingle so that the rows
/// are taken side by side in vector registers. The rows' values are held
/// with their top bit flipped (their `b` plus 2⁶³), so that the unsigned
/// minimum is a signed one, the comparison vector units have.
#[inline(always)]
fn row_minimums_portable(shingles: &[u64]) -> [u64; BANDS * ROWS] {
    const FLIP: u64 = 1 << 63;
    const A: [u64; BANDS * ROWS] = {
        let mut out = [0; BANDS * ROWS];
        let mut r = 0;
        while r < BANDS * ROWS {
            out[r] = PERMUTATIONS[r].0;
            r += 1;
        }
        out
    };
    const B: [u64; BANDS * ROWS] = {
        let mut out = [0; BANDS * ROWS];
        let mut r = 0;
        while r < BANDS * ROWS {
            out[r] = PERMUTATIONS[r].1 ^ FLIP;
            r += 1;
        }
        out
    };
    let mut mins = [i64::MAX; BANDS * ROWS];
    for &s in shingles {
        for ((min, &a), &b) in mins.iter_mut().zip(&A).zip(&B) {
            *min = (*min).min(a.wrapping_mul(s).wrapping_add(b) as i64);
        }
    }
    mins.map(|m| m as u64 ^ FLIP)
}

/// The fixed permutations of the MinHash rows, so that keys are the same
/// on every machine.
const PERMUTATIONS: [(u64, u64); BANDS * ROWS] = permutations();

const fn permutations() -> [(u64, u64); BANDS * ROWS] {
    let mut out = [(0, 0); BANDS * ROWS];
    let mut i = 0;
    while i < BANDS * ROWS {
        out[i] = (mix(2 * i as u64 + 1) | 1, mix(2 * i as u64 + 2));
        i += 1;
    }
    out
}

/// The first words of the sentence, a masked run shown as `…`.
fn gist(text: &str, words: &[Word]) -> String {
    const SHOWN: usize = 12;
    let shown = &words[..words.len().min(SHOWN)];
    // Room for the text the words span, which holds the spaces between
    // them, and for a masked run shown longer than it is written: counted
    // so, each word is sliced once.
    let spanned = shown
        .first()
        .zip(shown.last())
        .map_or(0, |(a, z)| z.at.end.saturating_sub(a.at.start));
    let mut out = String::with_capacity(spanned + "…".len() * (SHOWN + 1) + 1);
    for (k, w) in shown.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(if w.masked { "…" } else { w.at.slice(text) });
    }
    if words.len() > SHOWN && !words[SHOWN - 1].masked {
        out.push_str(" …");
    }
    out
}

/// FNV-1a (64 bits) of a word's lowercase form, without building it: words are
/// hashed once per sentence that states a fact, so this is the hot loop.
fn word_hash(word: &str) -> u64 {
    if word.is_ascii() {
        return word.bytes().fold(crate::util::FNV_OFFSET, |h, b| {
            crate::util::fnv_step(h, b.to_ascii_lowercase())
        });
    }
    lower_hash(word.chars())
}

/// The two hashes a fact's words are compared by: FNV-1a (64 bits) of
/// them lowercased, one space apart, as they would be joined, and of them
/// as written. Every fact of every record is hashed so, and ASCII text
/// (most of it) in one pass over its bytes, without being copied.
fn fact_hashes(text: &str) -> [u64; 2] {
    if !text.is_ascii() {
        let spaced = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        return [crate::util::fnv(spaced.as_bytes()), crate::util::fnv(text.as_bytes())];
    }
    let (mut spaced, mut written) = (crate::util::FNV_OFFSET, crate::util::FNV_OFFSET);
    // Whether a space is owed before the next byte of a word: after a word,
    // whitespace is one space once another word follows.
    let (mut begun, mut owed) = (false, false);
    for &b in text.as_bytes() {
        written = crate::util::fnv_step(written, b);
        // What `char::is_whitespace` takes for whitespace among ASCII.
        if matches!(b, b'\t'..=b'\r' | b' ') {
            owed = begun;
            continue;
        }
        if owed {
            spaced = crate::util::fnv_step(spaced, b' ');
            owed = false;
        }
        spaced = crate::util::fnv_step(spaced, b.to_ascii_lowercase());
        begun = true;
    }
    [spaced, written]
}

/// FNV-1a (64 bits) of the lowercase UTF-8 form of `chars`.
fn lower_hash(chars: impl Iterator<Item = char>) -> u64 {
    lower_hash_from(crate::util::FNV_OFFSET, chars)
}

/// FNV-1a (64 bits) from `hash` on over the lowercase UTF-8 form of `chars`.
fn lower_hash_from(hash: u64, chars: impl Iterator<Item = char>) -> u64 {
    let mut buf = [0u8; 4];
    chars.flat_map(char::to_lowercase).fold(hash, |h, c| {
        c.encode_utf8(&mut buf).bytes().fold(h, crate::util::fnv_step)
    })
}

/// The SplitMix64 finalizer: spreads every input bit over the output.
const fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The Jaccard similarity of two sorted, distinct sets.
fn jaccard<T: Ord + Copy>(mut a: impl ExactSizeIterator<Item = T>, mut b: impl ExactSizeIterator<Item = T>) -> f64 {
    let (len_a, len_b) = (a.len(), b.len());
    let mut shared = 0usize;
    let (mut x, mut y) = (a.next(), b.next());
    while let (Some(p), Some(q)) = (x, y) {
        match p.cmp(&q) {
            std::cmp::Ordering::Less => x = a.next(),
            std::cmp::Ordering::Greater => y = b.next(),
            std::cmp::Ordering::Equal => {
                shared += 1;
                (x, y) = (a.next(), b.next());
            }
        }
    }
    let union = len_a + len_b - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// Whether two facts can both be true: dates by grain, amounts and
/// percentages by the interval their words state.
fn agree(a: &ClaimValue, b: &ClaimValue) -> bool {
    match (a, b) {
        // In the same place of the same sentence, "until 1996" is not
        // "until 1997", though both bounds could hold: compare the dates named.
        (ClaimValue::Date(a), ClaimValue::Date(b)) if is_bound(a) || is_bound(b) => {
            a.modifier != b.modifier || a.timex.starts_with(&b.timex) || b.timex.starts_with(&a.timex)
        }
        (ClaimValue::Date(a), ClaimValue::Date(b)) => date::agree(a, b, None),
        (ClaimValue::Money(a), ClaimValue::Money(b)) => money::agree(a, b, 0.0),
        (ClaimValue::Percent(a), ClaimValue::Percent(b)) => a.unit != b.unit || (a.min < b.max && b.min < a.max),
        _ => true,
    }
}

/// Whether a date is one side of an open interval ("before 2020").
fn is_bound(d: &DateValue) -> bool {
    matches!(
        d.modifier,
        Some(Modifier::Before | Modifier::After | Modifier::OnOrBefore | Modifier::OnOrAfter)
    )
}

/// Whether two aligned facts contradict each other: their words differ
/// (the same words resolved against different publication dates are the
/// same fact) and their values cannot both be true. Dates written without
/// a digit ("on Friday", "last week", "January") in articles published on
/// different days are read against different days: that they differ says
/// nothing.
fn differs(a: (&Digest, Option<NaiveDate>), b: (&Digest, Option<NaiveDate>)) -> bool {
    let ((a, a_published), (b, b_published)) = (a, b);
    if a.relative && b.relative && a_published != b_published {
        return false;
    }
    // Values that agree are the common case (wire copy run unchanged), and
    // cheaper to test than the words.
    !agree(&a.value, &b.value) && a.words != b.words
}

/// Whether two documents published on days `a` and `b` (see
/// [`Judge::days`]) were published at most `days` apart, or one of the
/// dates is unknown.
fn near_in_time(a: Option<i32>, b: Option<i32>, days: u32) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (i64::from(x) - i64::from(y)).unsigned_abs() <= u64::from(days),
        _ => true,
    }
}

/// Whether two aligned sentences report one event, not two events in one
/// template (a daily market report: "the index rose 44.84 points, or 0.91
/// percent, on Tuesday"). A rewrite changes a fact or two and keeps the
/// rest, so at most half of the numbers the two sentences could pair up
/// may differ, not counting a fact reworded to the same value ("$14.3
/// billion", "$14.3bn"); a number only one sentence has was added or
/// dropped, not changed. This is what keeps the kind usable over a whole
/// corpus, not only over one story.
fn one_event(a: &Details, b: &Details, pairs: &[(usize, usize)]) -> bool {
    let paired = a.numbers.len().min(b.numbers.len());
    // With one or two numbers, a changed fact next to a number written
    // another way ("four-by-four", "4x4") would already be all of them.
    if paired < 3 {
        return true;
    }
    let reworded = pairs
        .iter()
        .filter(|&&(x, y)| a.facts[x].text != b.facts[y].text && agree(&a.facts[x].value, &b.facts[y].value))
        .count();
    let shared = a.numbers.iter().filter(|n| b.numbers.binary_search(n).is_ok()).count();
    let changed = (paired - shared).saturating_sub(reworded);
    2 * changed <= paired
}

/// The facts of two aligned sentences that say the same thing. Within a
/// slot, a fact goes with the one that has the same words on both sides of
/// it, then the same word before it, then the same word after it, each
/// when only one fact on either side has it; the rest go by rank when both
/// sentences have as many left. So a sentence that adds or drops a date
/// elsewhere still aligns the one the two share.
fn aligned(a: &Details, b: &Details) -> Vec<(usize, usize)> {
    let anchors = |r: &Details, i: usize| r.facts[i].anchors;
    // Which neighbours each pass compares: both, the one before, the one after.
    let passes = [[true, true], [true, false], [false, true]];
    let mut out = Vec::new();
    for slot in 0..SLOTS.len() as u8 {
        let of = |r: &Details| -> Vec<usize> { (0..r.facts.len()).filter(|&i| r.facts[i].slot == slot).collect() };
        let (mut xs, mut ys) = (of(a), of(b));
        for pass in passes {
            let key = |n: [u64; 2]| [if pass[0] { n[0] } else { 0 }, if pass[1] { n[1] } else { 0 }];
            let mut pairs = Vec::new();
            for &x in &xs {
                let k = key(anchors(a, x));
                // An edge of the sentence (0) says nothing.
                if k == [0, 0] {
                    continue;
                }
                let twins: Vec<usize> = ys.iter().copied().filter(|&y| key(anchors(b, y)) == k).collect();
                let back = xs.iter().filter(|&&x2| key(anchors(a, x2)) == k).count();
                if let ([y], 1) = (twins.as_slice(), back) {
                    pairs.push((x, *y));
                }
            }
            xs.retain(|x| !pairs.iter().any(|(p, _)| p == x));
            ys.retain(|y| !pairs.iter().any(|(_, q)| q == y));
            out.extend(pairs);
        }
        if xs.len() == ys.len() {
            out.extend(xs.into_iter().zip(ys));
        }
    }
    out
}

/// What every `rewrite` rule's bands find among `records`, whose quotes
/// are read from `spill`: the groups of facts they align. This is most of
/// the work of rewrites and does not depend on what claim conflicts
/// report, so a check does it while it compares claims; [`Found::conflicts`]
/// then leaves out what those report.
pub(crate) fn find<'a>(rules: &'a RuleSet, records: &[&'a Sketch], spill: &'a Spill) -> Found<'a> {
    let rules = rules
        .rules
        .iter()
        .filter(|r| r.kind == RuleKind::Rewrite && !records.is_empty())
        .map(|rule| {
            let mine: Vec<&Sketch> = records.iter().copied().filter(|r| *r.rule == *rule.id).collect();
            let days = mine
                .iter()
                .map(|r| r.published().map(|d| d.num_days_from_ce()))
                .collect();
            let judge = Judge {
                rule,
                records: mine,
                days,
                spill,
            };
            let groups = judge.groups();
            (judge, groups)
        })
        .collect();
    Found { rules }
}

/// Each `rewrite` rule, with the groups of aligned facts its bands found;
/// see [`find`].
pub(crate) struct Found<'a> {
    rules: Vec<(Judge<'a>, Groups)>,
}

impl Found<'_> {
    /// The conflicts of the groups found, leaving out those whose every fact
    /// is at a place claim conflicts report (`covered`). A record whose
    /// quotes cannot be read back leaves its conflict out, and says why in
    /// the errors returned.
    pub(crate) fn conflicts(self, covered: &HashSet<u64>) -> (Vec<Conflict>, Vec<InputError>) {
        let mut out = Vec::new();
        let mut errors = Vec::new();
        for (judge, groups) in self.rules {
            judge.conflicts(groups, covered, &mut out, &mut errors);
        }
        (out, errors)
    }
}

/// What one rule's bands align: per group of facts that a disputed pair
/// joins, its facts as (record, rank); the places of the facts of those
/// groups' records; and the records that could not be read back.
struct Groups {
    members: BTreeMap<usize, Vec<(usize, usize)>>,
    spans: HashMap<usize, Vec<Span>>,
    errors: Vec<InputError>,
}

/// Two facts a band aligned (indices into all the facts of the records),
/// and whether they differ. A band of wire copy aligns millions of pairs,
/// so the indices take four bytes: facts beyond four billion would need
/// terabytes of records first.
struct Aligned {
    a: u32,
    b: u32,
    disputed: bool,
}

/// The facts that the records sharing a key in `band` align, for pairs of
/// records that no earlier band brought together. Most keys have one
/// record, so a key's records are a linked list through `before` rather
/// than a vector each; only this band's keys are held.
fn band_pairs(judge: &Judge<'_>, band: usize, offsets: &[usize], twins: &[u32]) -> (Vec<Aligned>, Vec<InputError>) {
    let records = &judge.records;
    let groups = BandGroups::new(records, band);
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut members = Vec::new();
    for &slot in &groups.shared {
        members.clear();
        members.extend(groups.members(slot).take(MAX_GROUP + 1));
        if members.len() > MAX_GROUP {
            continue;
        }
        // Exact copies side by side, in classes of twins: a pair is judged
        // once per two classes (or within one), and the verdict linked to
        // every member through one partner each, not to every pair. Wire
        // copy run unchanged by many outlets would otherwise cost the
        // square of their number.
        members.sort_unstable_by_key(|&i| (twins[i], i));
        let classes: Vec<&[usize]> = members.chunk_by(|&a, &b| twins[a] == twins[b]).collect();
        for (n, &xs) in classes.iter().enumerate() {
            for &ys in &classes[n..] {
                if let Err(err) = link_classes(judge, band, offsets, xs, ys, &mut out) {
                    errors.push(err);
                }
            }
        }
    }
    (out, errors)
}

/// The records of one band grouped by key, in an open-addressing table
/// at most half full. A key's slot is named by its own low bits: keys are
/// the low bits of well-mixed hashes already, and hashing them again
/// would cost as much as the rest of the grouping. Every band groups every
/// record, so this is the hot loop of finding pairs.
struct BandGroups {
    /// Per slot, a key and the last record that has it ([`NONE`]: free).
    slots: Vec<(u32, u32)>,
    /// Per record, the record before it with the same key ([`NONE`]: none).
    before: Vec<u32>,
    /// The slots of the keys that two records or more share, in the order
    /// their second record came.
    shared: Vec<usize>,
}

/// No record, in [`BandGroups`].
const NONE: u32 = u32::MAX;

impl BandGroups {
    /// Groups `records` by their key in `band`. A record past the four
    /// billionth is left out, as its facts are when they are aligned.
    fn new(records: &[&Sketch], band: usize) -> Self {
        let mask = (2 * records.len()).next_power_of_two() - 1;
        let mut slots = vec![(0, NONE); mask + 1];
        let mut before = vec![NONE; records.len()];
        let mut shared = Vec::new();
        for (i, r) in records.iter().enumerate() {
            let (Some(key), Ok(record)) = (r.key(band), u32::try_from(i)) else {
                continue;
            };
            let mut at = key as usize & mask;
            while let Some(slot) = slots.get_mut(at) {
                match *slot {
                    (_, NONE) => *slot = (key, record),
                    (k, last) if k == key => {
                        if before[last as usize] == NONE {
                            shared.push(at);
                        }
                        before[i] = last;
                        slot.1 = record;
                    }
                    _ => {
                        at = (at + 1) & mask;
                        continue;
                    }
                }
                break;
            }
        }
        BandGroups { slots, before, shared }
    }

    /// The records whose key is in `slot`, the last first.
    fn members(&self, slot: usize) -> impl Iterator<Item = usize> + '_ {
        let first = self.slots.get(slot).map_or(NONE, |s| s.1);
        std::iter::successors(Some(first), |&i| self.before.get(i as usize).copied())
            .take_while(|&i| i != NONE)
            .map(|i| i as usize)
    }
}

/// The class of twins of each record (exact copies but for their
/// documents: see [`Sketch::is_twin`]), numbered once for every band.
fn twin_classes(records: &[&Sketch]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..records.len()).collect();
    order.par_sort_unstable_by_key(|&i| (records[i].twin, i));
    let mut class = vec![0; records.len()];
    for (n, run) in order.chunk_by(|&a, &b| records[a].is_twin(records[b])).enumerate() {
        for &i in run {
            class[i] = n as u32;
        }
    }
    class
}

/// The fact pairs of two aligned records, each with whether it is disputed.
type Verdict = Vec<(usize, usize, bool)>;

/// The aligned facts of the pair of records `x` and `y`, unless the pair
/// is not judged in this band (met in an earlier one) or is not a rewrite
/// of one event: each fact pair with whether it is disputed. What judging
/// reads beyond the keys is read back from the spill only for a pair that
/// gets that far.
fn judge(judge: &Judge<'_>, x: usize, y: usize, band: usize) -> Result<Option<Verdict>, InputError> {
    let (rule, spill) = (judge.rule, judge.spill);
    let (a, b) = (judge.records[x], judge.records[y]);
    let day = |i: usize| judge.days.get(i).copied().flatten();
    if a.met_before(b, band) || !near_in_time(day(x), day(y), rule.align.within_days) {
        return Ok(None);
    }
    let bytes = |r: &Sketch| r.detail_bytes(spill).map_err(|why| unread(r, why));
    let (x, y) = (bytes(a)?, bytes(b)?);
    let shingles = |r: &Sketch, bytes| Details::shingles(bytes).map_err(|why| unread(r, why));
    if jaccard(shingles(a, &x)?, shingles(b, &y)?) < rule.align.similarity {
        return Ok(None);
    }
    let details = |r: &Sketch, bytes: &[u8]| Details::read(bytes).map_err(|why| unread(r, why));
    let (x, y) = (details(a, &x)?, details(b, &y)?);
    let pairs = aligned(&x, &y);
    if !one_event(&x, &y, &pairs) {
        return Ok(None);
    }
    Ok(Some(
        pairs
            .into_iter()
            .map(|(i, j)| {
                (
                    i,
                    j,
                    differs((&x.facts[i], a.published()), (&y.facts[j], b.published())),
                )
            })
            .collect(),
    ))
}

/// The error of a record whose details or quotes cannot be read back.
fn unread(record: &Sketch, why: String) -> InputError {
    InputError::new(
        &*record.article.path,
        record.article.record_line,
        format!(
            "could not read back the facts of a sentence of document `{}` set aside during the check: {why}",
            record.doc()
        ),
    )
}

/// Links the records of two classes of twins (`xs` and `ys`, or one class
/// twice) as judging every pair of them from different documents would:
/// every such pair gets the same verdict, so the verdict of one is linked
/// to each record through one partner in another document, which joins the
/// same facts into the same groups.
fn link_classes(
    judge: &Judge<'_>,
    band: usize,
    offsets: &[usize],
    xs: &[usize],
    ys: &[usize],
    out: &mut Vec<Aligned>,
) -> Result<(), InputError> {
    let records = &judge.records;
    let doc = |i: usize| records[i].doc();
    // A partner of `i` among `among`: a record of another document.
    let partner = |i: usize, among: &[usize]| among.iter().copied().find(|&j| doc(j) != doc(i));
    let Some((x, y)) = xs.iter().find_map(|&x| partner(x, ys).map(|y| (x, y))) else {
        return Ok(());
    };
    let Some(verdict) = self::judge(judge, x, y, band)? else {
        return Ok(());
    };
    let mut link = |i: usize, j: usize| {
        out.extend(verdict.iter().filter_map(|&(fx, fy, disputed)| {
            Some(Aligned {
                a: u32::try_from(offsets[i] + fx).ok()?,
                b: u32::try_from(offsets[j] + fy).ok()?,
                disputed,
            })
        }));
    };
    if std::ptr::eq(xs, ys) {
        // One class: every record to one of another document, which joins
        // them all when the class spans two documents or more.
        for &i in xs {
            if let Some(j) = partner(i, xs).filter(|&j| j != i) {
                link(i, j);
            }
        }
        return Ok(());
    }
    for &i in xs {
        if let Some(j) = partner(i, ys) {
            link(i, j);
        }
    }
    for &j in ys {
        if let Some(i) = partner(j, xs) {
            link(i, j);
        }
    }
    Ok(())
}

/// One rewrite rule over its records.
struct Judge<'a> {
    rule: &'a Rule,
    records: Vec<&'a Sketch>,
    /// Each record's day of publication, as days from the common era:
    /// every pair a band brings together is first kept to `within-days` by
    /// them, which reads faster than the dates.
    days: Vec<Option<i32>>,
    spill: &'a Spill,
}

impl Judge<'_> {
    /// The groups of facts this rule's bands align, of which a pair
    /// differs; see [`Groups`].
    fn groups(&self) -> Groups {
        let records = &self.records;
        let mut errors = Vec::new();
        // Each fact gets an index: the record's offset plus its rank.
        let mut offsets = Vec::with_capacity(records.len());
        let mut owner = Vec::new();
        for (i, r) in records.iter().enumerate() {
            offsets.push(owner.len());
            owner.extend(std::iter::repeat_n(i, r.facts as usize));
        }
        let twins = twin_classes(records);
        // Each band finds its aligned fact pairs on its own, in parallel; the
        // pairs are joined afterwards, in band order, so the result does not
        // depend on the threads.
        let found: Vec<(Vec<Aligned>, Vec<InputError>)> = (0..BANDS)
            .into_par_iter()
            .map(|band| band_pairs(self, band, &offsets, &twins))
            .collect();
        let mut links = Links::new(owner.len());
        let mut disputed = Vec::new();
        let mut failed = Vec::new();
        for (pairs, band_errors) in found {
            failed.extend(band_errors);
            for pair in pairs {
                let (a, b) = (pair.a as usize, pair.b as usize);
                links.join(a, b);
                if pair.disputed {
                    disputed.push(a);
                }
            }
        }
        // A record that cannot be read back fails alike in every band.
        failed.sort_by_cached_key(|e| e.to_string());
        failed.dedup_by(|a, b| a.to_string() == b.to_string());
        errors.extend(failed);
        // One conflict per group of aligned facts, however many bands found it.
        let roots: HashSet<usize> = disputed.into_iter().map(|f| links.find(f)).collect();
        let mut members: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
        for fact in 0..owner.len() {
            let root = links.find(fact);
            if roots.contains(&root) {
                members
                    .entry(root)
                    .or_default()
                    .push((owner[fact], fact - offsets[owner[fact]]));
            }
        }
        // The places of the facts of the groups' records.
        let mut spans: HashMap<usize, Vec<Span>> = HashMap::new();
        for &(r, _) in members.values().flatten() {
            if let std::collections::hash_map::Entry::Vacant(slot) = spans.entry(r) {
                match records[r].details(self.spill) {
                    Ok(details) => {
                        slot.insert(details.facts.iter().map(|f| f.span).collect());
                    }
                    Err(why) => errors.push(unread(records[r], why)),
                }
            }
        }
        Groups { members, spans, errors }
    }

    /// The conflicts of `groups` whose facts are not all at places in
    /// `covered`, after the errors met finding them.
    fn conflicts(&self, groups: Groups, covered: &HashSet<u64>, out: &mut Vec<Conflict>, errors: &mut Vec<InputError>) {
        let Groups {
            mut members,
            spans,
            errors: met,
        } = groups;
        errors.extend(met);
        let records = &self.records;
        for members in members.values_mut() {
            let span = |r: usize, f: usize| spans.get(&r).and_then(|s| s.get(f)).copied();
            if members.iter().any(|&(r, f)| span(r, f).is_none()) {
                continue;
            }
            members.sort_by_key(|&(r, f)| (records[r].doc(), span(r, f)));
            if members.iter().all(|&(r, f)| {
                span(r, f).is_some_and(|at| covered.contains(&crate::compare::place_hash(records[r].doc(), at)))
            }) {
                continue;
            }
            match self.conflict(members) {
                Ok(found) => out.extend(found),
                Err(err) => errors.push(err),
            }
        }
    }

    /// The conflict of one group of aligned facts (record, rank), sorted
    /// by document and place, if their values differ: the first time their
    /// quotes are read back.
    fn conflict(&self, members: &[(usize, usize)]) -> Result<Option<Conflict>, InputError> {
        let mut quotes: HashMap<usize, (String, Vec<Claim>)> = HashMap::new();
        for &(r, _) in members {
            if let std::collections::hash_map::Entry::Vacant(slot) = quotes.entry(r) {
                slot.insert(self.quotes(self.records[r])?);
            }
        }
        let claims: Vec<&Claim> = members
            .iter()
            .filter_map(|(r, f)| quotes.get(r).and_then(|(_, facts)| facts.get(*f)))
            .collect();
        let (sides, best) = sides(&claims, |a, b| agree(&a.value, &b.value));
        let (Some(first), Some(gist), true) = (
            claims.first(),
            members
                .first()
                .and_then(|(r, _)| quotes.get(r))
                .map(|(gist, _)| gist.as_str()),
            sides.len() > 1,
        ) else {
            return Ok(None);
        };
        let rule = self.rule;
        let values: Vec<&str> = sides
            .iter()
            .filter_map(|s| s.evidence.first().map(|e| e.text()))
            .collect();
        let values = values.join(" vs ");
        Ok(Some(Conflict {
            rule: rule.id.clone(),
            kind: rule.kind,
            severity: rule.severity,
            title: rule.title.clone(),
            message: fill_message(
                &rule.message,
                &[("slot", &first.slot), ("sentence", gist), ("values", &values)],
            ),
            claim_rule: rule.id.clone(),
            subject: vec![gist.to_string()],
            slot: first.slot.to_string(),
            qualifier: String::new(),
            sides,
            best,
        }))
    }

    /// A record's gist and facts, read back from the spill.
    fn quotes(&self, record: &Sketch) -> Result<(String, Vec<Claim>), InputError> {
        let failed = |why: String| unread(record, why);
        let details = record.details as usize;
        let part = record.quotes.part(details, record.quotes.len().saturating_sub(details));
        let bytes = self.spill.read(part).map_err(|e| failed(e.to_string()))?;
        let mut at = bytes.as_slice();
        let gist = take_str(&mut at).map_err(failed)?.to_string();
        let facts = (0..take_u64(&mut at).map_err(failed)?)
            .map(|_| read_claim(&mut at, record.article.clone()))
            .collect::<Result<Vec<Claim>, String>>()
            .map_err(failed)?;
        Ok((gist, facts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Engine, RuleSet};

    fn engine() -> Engine {
        Engine::new(RuleSet::embedded().unwrap()).unwrap()
    }

    fn docs(texts: &[&str]) -> Vec<Document> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::from_text(&format!("d{i}"), t, "2025-08-29".parse().ok()))
            .collect()
    }

    #[test]
    fn a_sketch_reads_back_what_it_set_aside() {
        let text = "The regional water authority said on Friday it will spend $42 million to replace the lead \
                    pipes in the old town district by March 2027.";
        let records = engine().records(&docs(&[text])[0]);
        let record = records[0].clone();
        // Written after other bytes, and moved to where they are put.
        let mut bytes = vec![7; 5];
        let mut sketch = record.clone().sketch(&mut bytes);
        let mut spill = Spill::in_memory();
        let base = spill.push(&bytes);
        sketch.quotes = sketch.quotes.moved_to(base);
        let details = sketch.details(&spill).unwrap();
        let mut shingles: Vec<u32> = record.shingles.iter().map(|&s| s as u32).collect();
        shingles.sort_unstable();
        shingles.dedup();
        assert_eq!(details.numbers, record.numbers);
        assert_eq!(
            details.facts.len(),
            3,
            "a day, an amount and a month: {:?}",
            details.facts
        );
        for (digest, fact) in details.facts.iter().zip(&record.facts) {
            assert_eq!(digest.value, fact.value);
            assert_eq!(digest.span, fact.evidence.span);
        }
        // "on Friday" is read against the day of publication.
        let relative: Vec<bool> = details.facts.iter().map(|f| f.relative).collect();
        assert_eq!(relative, [true, false, false]);
        assert_eq!(sketch.facts, 3);
        let judge = Judge {
            rule: &RuleSet::embedded().unwrap().rules[0],
            records: Vec::new(),
            days: Vec::new(),
            spill: &spill,
        };
        let (gist, facts) = judge.quotes(&sketch).unwrap();
        assert_eq!(gist, record.gist);
        assert_eq!(facts, record.facts);
        // Details cut short are an error, not a panic.
        let cut = spill.read(sketch.quotes.part(0, sketch.details as usize)).unwrap();
        assert!(Details::read(&cut).is_ok());
        assert_eq!(Details::shingles(&cut).unwrap().collect::<Vec<u32>>(), shingles);
        // The shingles are a count and four bytes each: cut short, they are
        // an error too; cut after them, they read whole.
        let shingles_end = 8 + 4 * shingles.len();
        for len in 0..cut.len() {
            let read = Details::shingles(&cut[..len]).map(|s| s.collect::<Vec<u32>>());
            match len < shingles_end {
                true => assert!(read.is_err(), "shingles cut at {len}"),
                false => assert_eq!(read.unwrap(), shingles, "cut at {len}"),
            }
            assert!(Details::read(&cut[..len]).is_err(), "cut at {len}");
        }
    }

    fn rewrite_conflicts(texts: &[&str]) -> Vec<Conflict> {
        engine()
            .conflicts(&docs(texts))
            .into_iter()
            .filter(|c| c.rule == "rewrite")
            .collect()
    }

    const WIRE: &str = "The regional water authority said it will spend $42 million to replace \
                        the lead pipes in the old town district by March 2027.";

    #[test]
    fn a_changed_amount_in_a_rewrite_is_flagged_with_its_words() {
        let copy = WIRE.replace("$42 million", "$24 million");
        let found = rewrite_conflicts(&[WIRE, &copy]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].slot, "amount");
        let words: Vec<&str> = found[0].sides.iter().map(|s| s.evidence[0].text()).collect();
        assert_eq!(words, ["$42 million", "$24 million"]);
        assert!(
            found[0].message.contains("$42 million vs $24 million"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn three_copies_make_one_conflict_with_the_majority_first() {
        let copy = WIRE.replace("March 2027", "March 2028");
        // A third outlet words it a little differently: two independent
        // sources against one (the same sentence twice would count once).
        let third = WIRE.replace("the old town district", "the old town quarter");
        let found = rewrite_conflicts(&[WIRE, &copy, &third]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].sides[0].evidence.len(), 2);
        assert_eq!(found[0].sides[0].value, "2027-03");
        assert_eq!(found[0].best, Some(0));
    }

    #[test]
    fn the_same_facts_in_other_words_agree() {
        let copy = WIRE
            .replace("$42 million", "$42m")
            .replace("by March 2027", "by mid-March 2027");
        assert!(rewrite_conflicts(&[WIRE, &copy]).is_empty());
    }

    #[test]
    fn a_copy_that_adds_a_date_still_aligns_the_shared_one() {
        let original = "Born in Ohio in 1928, the founder ran the family steel company founded in 1931 by his \
                        uncle until it was sold.";
        let copy = "The founder ran the family steel company founded in 1932 by his uncle until it was sold.";
        let found = rewrite_conflicts(&[original, copy]);
        assert_eq!(found.len(), 1, "{found:#?}");
        let words: Vec<&str> = found[0].sides.iter().map(|s| s.evidence[0].text()).collect();
        assert_eq!(words, ["1931", "1932"]);
    }

    #[test]
    fn a_changed_bound_date_is_flagged() {
        let text = "It was not until 1997 that a jury in the federal court in Manhattan agreed with the prosecutors.";
        let copy = text.replace("1997", "1996");
        assert_eq!(rewrite_conflicts(&[text, &copy]).len(), 1);
    }

    #[test]
    fn regression_dateline_glued_to_the_lede_is_not_a_fact() {
        let a = "Watergate figure found dead\nPosted: Thursday, July 29, 2004\nFred LaRue, a high-ranking Nixon \
                 administration official who served a prison term for his role in Watergate, has died.";
        let b = "Watergate figure found dead\nJuly 28, 2004\nFred LaRue, a high-ranking Nixon administration \
                 official who served a prison term for his role in Watergate, has died.";
        assert!(rewrite_conflicts(&[a, b]).is_empty());
    }

    #[test]
    fn a_daily_template_with_every_number_changed_is_not_a_rewrite() {
        let monday = "The DAX index of leading German shares rose 44.84 points, or 0.91 percent, to close at \
                      4,979.88 after a session of heavy trading in Frankfurt.";
        let tuesday = "The DAX index of leading German shares rose 37.73 points, or 0.74 percent, to close at \
                       5,110.03 after a session of heavy trading in Frankfurt.";
        assert!(rewrite_conflicts(&[monday, tuesday]).is_empty());
        let corrected = monday.replace("0.91 percent", "0.19 percent");
        assert_eq!(rewrite_conflicts(&[monday, &corrected]).len(), 1);
    }

    #[test]
    fn articles_published_weeks_apart_are_not_rewrites() {
        let copy = WIRE.replace("$42 million", "$24 million");
        let dated = |id: &str, text: &str, day: &str| Document::from_text(id, text, day.parse().ok());
        let apart = [dated("a", WIRE, "2025-08-29"), dated("b", &copy, "2025-09-15")];
        assert!(engine().conflicts(&apart).is_empty());
        let next_day = [dated("a", WIRE, "2025-08-29"), dated("b", &copy, "2025-08-30")];
        assert_eq!(engine().conflicts(&next_day).len(), 1);
    }

    #[test]
    fn a_changed_percentage_is_flagged_with_its_value() {
        let text = "The national statistics office said unemployment in the northern provinces fell to 6.4% \
                    in the second quarter.";
        let copy = text.replace("6.4%", "4.6%");
        let found = rewrite_conflicts(&[text, &copy]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].slot, "percentage");
        let values: Vec<&str> = found[0].sides.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(values, ["6.4%", "4.6%"]);
    }

    #[test]
    fn facts_pair_by_the_word_before_when_the_words_after_differ() {
        let a = "Ford, president from August 1974 to January 1977 who led the country out of the Watergate \
                 era after Nixon resigned in 1974, died late on Tuesday.";
        let b = "Ford, president from August 1974 to January 1978 was best known for leading the country \
                 out of the Watergate era after Nixon resigned in 1974.";
        let found = rewrite_conflicts(&[a, b]);
        assert_eq!(found.len(), 1, "{found:#?}");
        let words: Vec<&str> = found[0].sides.iter().map(|s| s.evidence[0].text()).collect();
        assert_eq!(words, ["January 1977", "January 1978"]);
    }

    #[test]
    fn a_change_a_claim_rule_reports_is_not_reported_twice() {
        let text = "Meta Platforms invested $14.3 billion in Scale AI in June 2025, taking a 49% stake in the \
                    data-labelling company.";
        let copy = text.replace("June 2025", "June 2024");
        let rules: Vec<String> = engine()
            .conflicts(&docs(&[text, &copy]))
            .into_iter()
            .map(|c| c.rule)
            .collect();
        assert_eq!(rules, ["investment"]);
    }

    #[test]
    fn exact_copies_are_judged_once_and_all_reported() {
        let copy = WIRE.replace("$42 million", "$24 million");
        let mut texts: Vec<String> = vec![WIRE.to_string(); 30];
        texts.extend(vec![copy.clone(); 3]);
        // A document that prints the wire sentence twice, and one that
        // prints both versions: copies in one document are not pairs.
        texts.push(format!("{WIRE} {WIRE}"));
        texts.push(format!("{WIRE} {copy}"));
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let found = rewrite_conflicts(&refs);
        assert_eq!(found.len(), 1, "{found:#?}");
        let sides: Vec<(&str, usize)> = found[0]
            .sides
            .iter()
            .map(|s| (s.evidence[0].text(), s.evidence.len()))
            .collect();
        assert_eq!(sides, [("$42 million", 33), ("$24 million", 4)]);
        // Copies alone, however many, are no conflict.
        assert!(rewrite_conflicts(&vec![WIRE; 50]).is_empty());
    }

    #[test]
    fn one_document_is_not_compared_with_itself() {
        let copy = WIRE.replace("$42 million", "$24 million");
        assert!(rewrite_conflicts(&[&format!("{WIRE} {copy}")]).is_empty());
    }

    #[test]
    fn short_sentences_are_not_aligned() {
        assert!(rewrite_conflicts(&["Sales rose 5% in 2024.", "Sales rose 7% in 2024."]).is_empty());
    }

    /// The words of all of `text`.
    fn words_of(text: &str, masks: &[Span], function_words: &[&str]) -> Vec<Word> {
        let mut words = Vec::new();
        let function_words = FunctionWords::new(function_words);
        masked_words(text, Span::new(0, text.len()), masks, &function_words, &mut words);
        words
    }

    #[test]
    fn masking_makes_changed_facts_read_the_same() {
        let text = "Shares rose 4% to $12.50 on June 3, 2025";
        let changed = "Shares rose 9% to $13.75 on June 4, 2024";
        let words = |t: &str| {
            let masks: Vec<Span> = engine()
                .mentions(&Document::from_text("d", t, None))
                .into_iter()
                .map(|m| m.span)
                .collect();
            shingles(&words_of(t, &masks, &[]))
        };
        assert_eq!(words(text), words(changed));
        assert_eq!(jaccard(words(text).iter(), words(changed).iter()), 1.0);
    }

    #[test]
    fn words_are_split_at_every_character_that_is_no_letter_or_digit() {
        let text = "Zürich’s café owner, 42 years, said—naïvely";
        let words = words_of(text, &[], &[]);
        let texts: Vec<&str> = words.iter().map(|w| w.at.slice(text)).collect();
        assert_eq!(
            texts,
            ["Zürich", "s", "café", "owner", "42", "years", "said", "naïvely"]
        );
        assert!(words[4].masked, "a word with a digit is masked");
        assert_eq!(words[7].at, Span::new(text.len() - "naïvely".len(), text.len()));
    }

    #[test]
    fn a_facts_words_hash_as_their_lowercase_joined_by_single_spaces() {
        for text in [
            "Two  Months\tAgo",
            " on\nFriday ",
            "x\u{b}Y",
            "ÉTÉ  Dernier",
            "ΟΔΟΣ Σ",
            "",
        ] {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            let hashes = [crate::util::fnv(joined.as_bytes()), crate::util::fnv(text.as_bytes())];
            assert_eq!(fact_hashes(text), hashes, "{text:?}");
        }
    }

    #[test]
    fn band_keys_are_stable_across_runs() {
        // Keys are grouped across machines: a change here breaks stored records.
        let keys = band_keys(&[1, 2, 3]);
        assert_eq!(keys.len(), BANDS);
        assert_eq!(keys, band_keys(&[1, 2, 3]));
        assert_eq!(word_hash("a"), 0xaf63_dc4c_8601_ec8c, "FNV-1a of `a`");
        assert_eq!(word_hash("A"), word_hash("a"));
        assert_eq!(word_hash("Émile"), word_hash("émile"));
        assert_ne!(keys, band_keys(&[1, 2, 4]));
    }

    /// The words of `text` read one character at a time, as the sentence's
    /// words were read before they were hashed in the same pass.
    fn plain_words(text: &str, masks: &[Span], function_words: &[&str]) -> Vec<(Span, Option<u64>, bool)> {
        let mut out: Vec<(Span, Option<u64>, bool)> = Vec::new();
        let mut runs = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_alphanumeric() && i < text.len(), start) {
                (true, None) => start = Some(i),
                (false, Some(from)) => {
                    runs.push(Span::new(from, i));
                    start = None;
                }
                _ => {}
            }
        }
        for at in runs {
            let word = at.slice(text);
            let masked = word.contains(|c: char| c.is_ascii_digit())
                || masks.iter().any(|m| m.start < at.end && at.start < m.end);
            match out.last_mut() {
                Some(run) if masked && run.1.is_none() => run.0.end = at.end,
                _ => {
                    let hash = (!masked).then(|| word_hash(word));
                    let lower = word.to_lowercase();
                    let content =
                        hash.is_some() && word.chars().count() >= 3 && !function_words.contains(&lower.as_str());
                    out.push((at, hash, content));
                }
            }
        }
        out
    }

    #[test]
    fn words_hashed_in_one_pass_are_the_words_read_one_by_one() {
        let pieces = [
            "The ",
            "rose ",
            "4%",
            " ",
            "Zürich",
            "’s ",
            "café",
            ", ",
            "—",
            "42",
            "$12.50 ",
            "\n",
            "and ",
            "Year",
            "a",
            "É",
            "ΟΔΟΣ ",
            "x9",
            "\u{a0}",
            "naïve",
            "AT&T ",
            "u.s.",
            "١٢",
            "the",
        ];
        let function_words = ["the", "and", "a", "at"];
        for text in crate::util::random_texts(&pieces, 3000, 14) {
            let masks = [
                Span::new(text.len() / 4, text.len() / 3),
                Span::new(text.len() / 2, text.len() / 2 + 3),
            ];
            let words = words_of(&text, &masks, &function_words);
            let read: Vec<(Span, Option<u64>, bool)> = words.iter().map(|w| (w.at, w.hash(), w.content)).collect();
            assert_eq!(read, plain_words(&text, &masks, &function_words), "{text:?}");
            let mut numbers_read: Vec<u64> = words
                .iter()
                .filter(|w| w.masked)
                .map(|w| lower_hash(w.at.slice(&text).chars().filter(|c| c.is_alphanumeric())))
                .collect();
            numbers_read.sort_unstable();
            numbers_read.dedup();
            assert_eq!(numbers(&words), numbers_read, "{text:?}");
        }
    }

    #[test]
    fn function_words_are_found_by_hash_in_their_table() {
        let words = ["the", "and", "The", "of", "originally", "été"];
        let set = FunctionWords::new(&words);
        for w in words {
            assert!(set.contains(word_hash(w)), "{w}");
        }
        assert!(!set.contains(0));
        // Hashes that share a function word's slot are turned away after
        // the slots it took; the others at once.
        let mut state = 7u64;
        let mut hashes: Vec<u64> = words.iter().map(|w| word_hash(w)).collect();
        for k in 0..20_000u64 {
            state = mix(state);
            let h = if k % 2 == 0 {
                hashes[k as usize % hashes.len()] ^ (state << 8)
            } else {
                state
            };
            assert_eq!(set.contains(h), hashes.contains(&h), "{h:x}");
        }
        // Many words, so that their slots collide.
        hashes = (0..300u64).map(mix).collect();
        hashes.push(0);
        let set = FunctionWords::from_hashes(&hashes);
        for &h in &hashes {
            assert!(set.contains(h), "{h:x}");
        }
        for k in 0..20_000u64 {
            let h = mix(k + 1000);
            assert_eq!(set.contains(h), hashes.contains(&h), "{h:x}");
        }
    }

    #[test]
    fn band_keys_are_the_minhash_taken_row_by_row() {
        // Every row's minimum over every shingle, as the keys were first made.
        let plain = |shingles: &[u64]| -> Vec<u64> {
            let mut mins = [u64::MAX; BANDS * ROWS];
            for &s in shingles {
                for (min, &(a, b)) in mins.iter_mut().zip(&PERMUTATIONS) {
                    *min = (*min).min(a.wrapping_mul(s).wrapping_add(b));
                }
            }
            mins.chunks(ROWS)
                .enumerate()
                .map(|(band, rows)| rows.iter().fold(mix(band as u64 ^ 0x6261_6e64), |key, &m| mix(key ^ m)))
                .collect()
        };
        let mut state = 1u64;
        for n in 0..400 {
            let shingles: Vec<u64> = (0..n % 60)
                .map(|_| {
                    state = mix(state);
                    state
                })
                .collect();
            assert_eq!(band_keys(&shingles), plain(&shingles), "{n}");
            let portable = row_minimums_portable(&shingles);
            assert_eq!(row_minimums(&shingles), portable, "{n}");
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has AVX2.
                assert_eq!(unsafe { row_minimums_avx2(&shingles) }, portable, "{n}");
            }
        }
    }

    #[test]
    fn a_gist_is_its_first_words_joined() {
        let pieces = [
            "Shares ",
            "rose ",
            "4% ",
            "on ",
            "June 3, 2025 ",
            "Zürich ",
            "to ",
            "$12.50 ",
        ];
        for text in crate::util::random_texts(&pieces, 500, 20) {
            let words = words_of(&text, &[], &[]);
            let mut shown: Vec<&str> = words
                .iter()
                .take(12)
                .map(|w| if w.masked { "…" } else { w.at.slice(&text) })
                .collect();
            if words.len() > 12 && shown.last() != Some(&"…") {
                shown.push("…");
            }
            assert_eq!(gist(&text, &words), shown.join(" "), "{text:?}");
        }
    }

    #[test]
    fn jaccard_counts_shared_over_union() {
        assert_eq!(jaccard([1, 2, 3].iter(), [2, 3, 4].iter()), 0.5);
        assert_eq!(jaccard::<u64>([].into_iter(), [].into_iter()), 0.0);
    }

    #[test]
    fn jaccard_is_what_sets_share_over_their_union() {
        let mut state = 3u64;
        let mut set = |len: u64| -> Vec<u64> {
            let mut v: Vec<u64> = (0..len)
                .map(|_| {
                    state = mix(state);
                    state % 50
                })
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        for n in 0..300 {
            let (a, b) = (set(n % 40), set(n % 23));
            let shared = a.iter().filter(|x| b.contains(x)).count();
            let union = a.len() + b.len() - shared;
            let want = if union == 0 { 0.0 } else { shared as f64 / union as f64 };
            assert_eq!(jaccard(a.iter(), b.iter()), want, "{a:?} {b:?}");
        }
    }

    /// A fixed-seed generator for the tests that check a faster way
    /// against the plain one (SplitMix64 over a counter).
    fn numbers_from(seed: u64) -> impl FnMut() -> u64 {
        let mut state = seed;
        move || {
            state = state.wrapping_add(1);
            mix(state)
        }
    }

    /// A sketch with the given band keys, for grouping.
    fn keyed(keys: &[u32]) -> Sketch {
        let mut held = [0; BANDS];
        held[..keys.len()].copy_from_slice(keys);
        Sketch {
            rule: Arc::from("r"),
            article: Arc::new(Article::named("d", "")),
            bands: keys.len() as u8,
            keys: held,
            facts: 0,
            first: 0,
            twin: 0,
            quotes: Place::default(),
            details: 0,
        }
    }

    #[test]
    fn band_groups_hold_what_a_map_of_keys_holds() {
        let mut next = numbers_from(7);
        for round in 0..40 {
            // Few distinct keys, so that groups and probes are common.
            let distinct = 1 + next() % 60;
            let sketches: Vec<Sketch> = (0..next() % 300)
                .map(|_| {
                    let bands = (next() % (BANDS as u64 + 1)) as usize;
                    let keys: Vec<u32> = (0..bands).map(|_| (next() % distinct) as u32).collect();
                    keyed(&keys)
                })
                .collect();
            let records: Vec<&Sketch> = sketches.iter().collect();
            for band in 0..BANDS {
                let mut want: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
                for (i, r) in records.iter().enumerate() {
                    if let Some(key) = r.key(band) {
                        want.entry(key).or_default().insert(0, i);
                    }
                }
                let mut want: Vec<Vec<usize>> = want.into_values().filter(|m| m.len() > 1).collect();
                want.sort();
                let groups = BandGroups::new(&records, band);
                let mut got: Vec<Vec<usize>> = groups.shared.iter().map(|&s| groups.members(s).collect()).collect();
                got.sort();
                assert_eq!(got, want, "round {round}, band {band}");
            }
        }
    }

    #[test]
    fn pairs_met_before_are_those_that_share_an_earlier_key() {
        let mut next = numbers_from(11);
        for _ in 0..2000 {
            let mut keys = || -> Vec<u32> {
                let bands = (next() % (BANDS as u64 + 1)) as usize;
                (0..bands).map(|_| (next() % 3) as u32).collect()
            };
            let (a, b) = (keyed(&keys()), keyed(&keys()));
            for band in 0..=BANDS {
                let want = (0..band).any(|e| a.key(e).is_some() && a.key(e) == b.key(e));
                assert_eq!(a.met_before(&b, band), want, "{:?} {:?} {band}", a.keys, b.keys);
            }
        }
    }

    #[test]
    fn days_apart_by_day_numbers_are_days_apart_by_dates() {
        let mut next = numbers_from(13);
        let date = |n: u64| NaiveDate::from_num_days_from_ce_opt((n % 1_500_000) as i32 - 500_000).unwrap();
        for _ in 0..5000 {
            let (x, y) = (date(next()), date(next()));
            let days = (next() % 5) as u32 * if next().is_multiple_of(2) { 1 } else { 100_000 };
            let want = (x - y).num_days().unsigned_abs() <= u64::from(days);
            let got = near_in_time(Some(x.num_days_from_ce()), Some(y.num_days_from_ce()), days);
            assert_eq!(got, want, "{x} {y} {days}");
        }
        assert!(near_in_time(None, Some(0), 0));
    }

    #[test]
    fn a_facts_hashes_in_one_pass_are_those_of_its_words_joined() {
        let mut next = numbers_from(17);
        let alphabet = b"aZ5$., \t\n\x0b\x0c\r-";
        for _ in 0..5000 {
            let text: String = (0..next() % 12)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char)
                .collect();
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            let want = [crate::util::fnv(joined.as_bytes()), crate::util::fnv(text.as_bytes())];
            assert_eq!(fact_hashes(&text), want, "{text:?}");
        }
    }
}
