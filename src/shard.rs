//! Shards: the data between the extract (map) and compare (reduce) stages,
//! as versioned JSON Lines, so that an engine such as Spark can run
//! `claimcheck extract --claims` over parts of a corpus and `claimcheck
//! compare` over all the parts.
//!
//! A shard is one header line and then, in any order, one line per item:
//!
//! ```text
//! {"type":"header","format":"claimcheck-claims","version":2}
//! {"type":"document","id":…,"path":…,"record_line":…,"suppressions":[…]}
//! {"type":"claim","key":…,"rule":…,"subject":[…],"slot":…,"qualifier":…,"value":{…},"evidence":{…}}
//! {"type":"record","rule":…,"doc":…,"keys":[…],"shingles":[…],"gist":…,"facts":[…],"anchors":[…],"numbers":[…]}
//! {"type":"error","path":…,"line":…,"message":…}
//! ```
//!
//! A claim's `key` joins what claims are grouped by (rule, subject, slot,
//! qualifier); a record's `keys` are its MinHash band keys, and two records
//! are compared when they share one. Hashes are 16-digit hex strings.
//! README.md documents every field. Compare sorts what it reads, so the
//! order of shards and of their lines does not change its output.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::claims::{Claim, ClaimValue, NameSpelling};
use rayon::prelude::*;

use crate::compare::rewrite::{Record, Sketch};
use crate::error::InputError;
use crate::spill::Spill;
use crate::suppress::Suppression;

/// The shard format's name, in its header.
pub const FORMAT: &str = "claimcheck-claims";
/// The shard format's version; bumped when a field changes meaning or goes away.
pub const VERSION: u32 = 2;

/// What the compare stage needs to know of a document besides its claims.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// The document's id.
    pub id: String,
    /// The file it came from.
    pub path: String,
    /// For JSON Lines, the record's line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_line: Option<usize>,
    /// Its inline suppressions.
    #[serde(default)]
    pub suppressions: Vec<Suppression>,
}

/// What the extract stage gives for one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Extracted {
    /// The document.
    pub document: DocumentInfo,
    /// Its claims.
    pub claims: Vec<Claim>,
    /// Its sentence records for the `rewrite` rules.
    pub records: Vec<Record>,
}

/// One line of a shard, as read.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Line {
    Header { format: String, version: u32 },
    Document(DocumentInfo),
    Claim(Box<ClaimLine>),
    Record(Record),
    Error(InputError),
}

#[derive(Serialize, Deserialize)]
struct ClaimLine {
    /// Written for engines that group by it; recomputed when read.
    #[serde(default)]
    key: String,
    #[serde(flatten)]
    claim: Claim,
}

/// The key claims are grouped by, as one string: rule, subject names joined
/// by `+`, slot and qualifier, joined by `|`.
pub fn key(claim: &Claim) -> String {
    format!(
        "{}|{}|{}|{}",
        claim.rule,
        claim.subject.join("+"),
        claim.slot,
        claim.qualifier
    )
}

/// The header line, with its newline.
pub fn header() -> String {
    format!("{{\"type\":\"header\",\"format\":\"{FORMAT}\",\"version\":{VERSION}}}\n")
}

/// The lines of one document's extraction, each with its newline.
pub fn write(extracted: &Extracted) -> String {
    let mut out = String::new();
    let mut line = |kind: &str, value: serde_json::Value| {
        if let serde_json::Value::Object(mut fields) = value {
            let mut tagged = serde_json::Map::new();
            tagged.insert("type".into(), kind.into());
            tagged.append(&mut fields);
            out.push_str(&serde_json::Value::Object(tagged).to_string());
            out.push('\n');
        }
    };
    line("document", to_value(&extracted.document));
    for claim in &extracted.claims {
        line(
            "claim",
            to_value(&ClaimLine {
                key: key(claim),
                claim: claim.clone(),
            }),
        );
    }
    for record in &extracted.records {
        line("record", to_value(record));
    }
    out
}

/// An input error as a shard line, with its newline.
pub fn write_error(error: &InputError) -> String {
    let mut value = to_value(error);
    if let serde_json::Value::Object(fields) = &mut value {
        fields.insert("type".into(), "error".into());
    }
    value.to_string() + "\n"
}

fn to_value(value: &impl Serialize) -> serde_json::Value {
    // These plain structs always serialize; null is the safe fallback.
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// Reads a shard. A line that is not a shard line is an error with the
/// shard's path and line, and the rest is still read. Returns the documents
/// with their claims and records, and the input errors (those the shard
/// carries and those of reading it).
pub fn read(path: &str, reader: impl BufRead) -> (Vec<Extracted>, Vec<InputError>) {
    let mut documents: Vec<Extracted> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut claims = Vec::new();
    let mut records = Vec::new();
    let mut errors = Vec::new();
    let mut seen_header = false;
    for (n, line) in reader.lines().enumerate() {
        let at = Some(n + 1);
        let line = match line {
            Ok(line) => line,
            Err(err) => {
                errors.push(InputError::new(path, at, format!("cannot read: {err}")));
                break;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Line>(&line) {
            Ok(Line::Header { format, version }) => {
                if format != FORMAT || version != VERSION {
                    errors.push(InputError::new(
                        path,
                        at,
                        format!("a {format} version {version} shard; this claimcheck reads {FORMAT} version {VERSION}"),
                    ));
                    return (Vec::new(), errors);
                }
                seen_header = true;
            }
            Ok(_) if !seen_header => {
                errors.push(InputError::new(
                    path,
                    at,
                    "not a claims shard: the header line is missing",
                ));
                return (Vec::new(), errors);
            }
            Ok(Line::Document(info)) => {
                index.insert(info.id.clone(), documents.len());
                documents.push(Extracted {
                    document: info,
                    claims: Vec::new(),
                    records: Vec::new(),
                });
            }
            Ok(Line::Claim(line)) => claims.push(line.claim),
            Ok(Line::Record(record)) => records.push(record),
            Ok(Line::Error(error)) => errors.push(error),
            Err(err) => errors.push(InputError::new(path, at, format!("not a shard line: {err}"))),
        }
    }
    for claim in claims {
        match index.get(claim.evidence.doc()) {
            Some(&i) => documents[i].claims.push(claim),
            None => errors.push(InputError::new(
                path,
                None,
                format!(
                    "a claim of document `{}`, which the shard does not list",
                    claim.evidence.doc()
                ),
            )),
        }
    }
    for record in records {
        match index.get(&*record.doc) {
            Some(&i) => documents[i].records.push(record),
            None => errors.push(InputError::new(
                path,
                None,
                format!("a record of document `{}`, which the shard does not list", record.doc),
            )),
        }
    }
    (documents, errors)
}

/// What compare reads of many documents, collected as their extractions
/// arrive: each extraction's claims and records are moved into lists kept
/// in blocks and its own lists freed at once, so a check holds each claim
/// once, with one copy of each subject and name spelling.
#[derive(Debug, Default)]
pub struct Gathered {
    /// How many documents were taken in.
    pub(crate) count: usize,
    /// The documents that hold suppressions: the others need no more
    /// than counting.
    pub(crate) documents: Vec<DocumentInfo>,
    pub(crate) claims: Chunks<Claim>,
    /// What compare reads of the records; the rest is in `spill`.
    pub(crate) records: Chunks<Sketch>,
    pub(crate) spill: Spill,
    /// One copy of each subject and name spelling: the same people and
    /// companies recur across a corpus, each mention a claim or two.
    subjects: HashSet<Arc<[String]>, Fast>,
    spellings: HashSet<Arc<NameSpelling>, Fast>,
}

impl Gathered {
    /// Takes in one document's extraction.
    pub fn add(&mut self, extracted: Extracted) {
        self.extend([extracted]);
    }

    /// Takes in one document's extraction, its records already sketched.
    fn take(&mut self, document: DocumentInfo, claims: Vec<Claim>, records: Vec<(Sketch, Vec<u8>)>) {
        self.count += 1;
        if !document.suppressions.is_empty() {
            self.documents.push(document);
        }
        let (subjects, spellings) = (&mut self.subjects, &mut self.spellings);
        self.claims.extend(claims.into_iter().map(|mut claim| {
            claim.subject = interned(subjects, claim.subject);
            if let ClaimValue::Name(spelling) = &mut claim.value {
                *spelling = interned(spellings, spelling.clone());
            }
            claim
        }));
        let spill = &mut self.spill;
        self.records.extend(records.into_iter().map(|(mut sketch, quotes)| {
            sketch.quotes = spill.push(&quotes);
            sketch
        }));
    }

    /// The claims and records in one order whatever order the documents
    /// came in: by file, record line, document and position.
    pub(crate) fn sorted(&self) -> (Vec<&Claim>, Vec<&Sketch>) {
        let mut claims: Vec<&Claim> = self.claims.iter().collect();
        claims.sort_by(|a, b| claim_order(a).cmp(&claim_order(b)));
        let mut records: Vec<&Sketch> = self.records.iter().collect();
        records.sort_by(|a, b| a.order().cmp(&b.order()));
        (claims, records)
    }
}

impl Extend<Extracted> for Gathered {
    /// Takes in extractions; their records are sketched in parallel, as
    /// writing their quotes out is most of what taking them in costs.
    fn extend<I: IntoIterator<Item = Extracted>>(&mut self, extracted: I) {
        let sketched: Vec<_> = extracted
            .into_iter()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|e| {
                let records: Vec<(Sketch, Vec<u8>)> = e.records.into_iter().map(Record::sketch).collect();
                (e.document, e.claims, records)
            })
            .collect();
        for (document, claims, records) in sketched {
            self.take(document, claims, records);
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
pub(crate) struct Chunks<T> {
    blocks: Vec<Vec<T>>,
}

impl<T> Chunks<T> {
    /// Items per block: a few megabytes of claims.
    const BLOCK: usize = 16 * 1024;

    /// Every item, in the order taken in.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> {
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
        let records: Vec<Record> = extracted.iter().flat_map(|e| e.records.clone()).collect();
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
    fn gathered_claims_share_one_copy_of_each_subject_and_spelling() {
        let engine = Engine::new(RuleSet::embedded().unwrap()).unwrap();
        let text = "Alexandr Wang will lead the lab, Mark Zuckerberg said.";
        let gathered: Gathered = ["a", "b"]
            .iter()
            .map(|id| engine.extract_claims(&Document::from_text(id, text, None)))
            .collect();
        let (claims, _) = gathered.sorted();
        let spelling = |c: &Claim| match &c.value {
            ClaimValue::Name(n) => Some(n.clone()),
            _ => None,
        };
        let of = |doc: &str| -> Vec<&Claim> {
            claims
                .iter()
                .copied()
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
        }
        // Two names are two spellings still.
        assert!(!Arc::ptr_eq(&spelling(a[0]).unwrap(), &spelling(a[2]).unwrap()));
    }
}
