//! Gathering: what compare needs of every document, taken in as the
//! extractions arrive (from a check's batches or from shards), held in as
//! little memory as compare can work from.
//!
//! Compare cannot start before the last document is in, so what it keeps
//! of each is what a check's memory grows with. Most of a claim is only
//! needed if it ends up in a conflict: its sentence, its words, its place.
//! So each claim is written to a [`Spill`] (a temporary file) and what
//! compare groups it by is a [`Held`] claim: a hash of its key, a hash of
//! its value, the number of its document and where it was put. Held
//! claims are sorted by key in runs on disk (see [`runs`]), so memory holds
//! one run whatever the size of the corpus. A document's fields (path, id,
//! source, title…) go to the spill too, and come back with the first of
//! its claims that is read back. When everything is in, the runs are
//! merged a key at a time, and only the claims of keys that state two or
//! more values are read back, since a key whose claims all state one value
//! has nothing to contradict. (With verified facts, every claim is read
//! back: one value can contradict a fact.) In a news corpus most keys are
//! names spelled one way, so most claims never come back.
//!
//! A `rewrite` record is kept as a [`Sketch`], its quotes in the same spill:
//! see [`crate::compare::rewrite`].

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

mod collapse;
mod runs;
mod support;

use crate::claims::{Article, Claim, ClaimValue, NameSpelling, Names};
use crate::compare::rewrite::{Record, Sketch};
use crate::compare::Conflict;
use crate::error::InputError;
use crate::rules::RuleSet;
use crate::shard::{DocumentInfo, Extracted};
use crate::spill::{Place, Spill};

/// What compare reads of many documents, collected as their extractions
/// arrive: see the module's comment.
#[derive(Debug)]
pub struct Gathered {
    /// How many documents were taken in.
    pub(crate) count: usize,
    /// The documents that hold suppressions: the others need no more
    /// than counting.
    pub(crate) documents: Vec<DocumentInfo>,
    claims: runs::Runs<Held>,
    /// Where each document's fields are in `spill`, as an array of
    /// [`Place`]s in a file of its own: its claims read them back with
    /// themselves, so a document costs memory only when it has a claim in a
    /// conflict.
    articles: Spill,
    /// How many places `articles` holds.
    article_count: usize,
    /// What compare reads of the records; the rest is in `spill`.
    records: Chunks<Sketch>,
    pub(crate) spill: Spill,
    /// One copy of each file path and story: a JSON Lines file holds
    /// thousands of documents.
    paths: HashSet<Arc<str>, Fast>,
    /// Keys with more claims than this to compare are collapsed (see
    /// [`collapse`]).
    collapse_above: usize,
    /// Fewest claims of whole keys compared together (fewer in tests).
    compared: usize,
    /// The most places a side of a conflict lists.
    pub(crate) listed: usize,
}

/// How compare reads back the claims of a key: see [`Gathered::fates`].
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fate {
    /// Every claim, kept together until compare.
    Whole,
    /// A block at a time, into classes: see [`collapse`].
    Collapse,
}

/// Claims read back at a time: each block is read and parsed in parallel.
const BLOCK: usize = 4096;

/// Most documents kept in memory, once read back, for the claims of later
/// blocks of whole keys.
const KEPT_DOCUMENTS: usize = 1 << 16;

/// Keys with more claims than this are read back a block at a time and
/// their claims put in classes by value: see [`collapse`].
const COLLAPSE_ABOVE: usize = 20_000;

impl Default for Gathered {
    fn default() -> Self {
        Gathered {
            count: 0,
            documents: Vec::new(),
            claims: runs::Runs::default(),
            articles: Spill::default(),
            article_count: 0,
            records: Chunks::default(),
            spill: Spill::default(),
            paths: HashSet::default(),
            collapse_above: COLLAPSE_ABOVE,
            compared: BLOCK,
            listed: crate::compare::LISTED,
        }
    }
}

/// A claim while the corpus is gathered.
#[derive(Clone, Debug)]
struct Held {
    /// The hash compare groups claims by (rule, subject, slot, qualifier).
    key: u64,
    /// Hash of the value as written.
    value: u64,
    /// The document: an index into [`Gathered::articles`].
    article: u32,
    /// The rest of the claim, in the spill.
    place: Place,
}

impl Held {
    /// How many bytes [`Held::write`] takes.
    const BYTES: usize = 20 + Place::BYTES;

    /// Writes the claim at the end of `out`, as [`Held::read_all`] reads it.
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.key.to_le_bytes());
        out.extend_from_slice(&self.value.to_le_bytes());
        out.extend_from_slice(&self.article.to_le_bytes());
        self.place.write(out);
    }

    /// The claims [`Held::write`] wrote one after another in `bytes`.
    fn read_all(mut bytes: &[u8]) -> Result<Vec<Held>, String> {
        use crate::spill::{take_array, take_u64};
        let mut held = Vec::with_capacity(bytes.len() / Held::BYTES);
        while !bytes.is_empty() {
            held.push(Held {
                key: take_u64(&mut bytes)?,
                value: take_u64(&mut bytes)?,
                article: u32::from_le_bytes(take_array(&mut bytes)?),
                place: Place::take(&mut bytes)?,
            });
        }
        Ok(held)
    }

    /// The held part of `claim`, of the document numbered `article`; the
    /// rest is written at the end of `out` but for its sentence, which is
    /// at `sentence` already, and a claim is read back from there on: its
    /// sentence, the claims of the same sentence written since, then its
    /// own bytes (see [`read_held`]). Offsets count from the first byte of
    /// the document's, `out` starting at `base`.
    fn of(claim: &Claim, article: u32, out: &mut Vec<u8>, base: usize, sentence: usize) -> Held {
        let start = out.len();
        let value = crate::claims::write_fields(claim, out);
        let value = crate::util::fnv(&out[value]);
        let own = u32::try_from(out.len() + 4 - start).unwrap_or(u32::MAX);
        out.extend_from_slice(&own.to_le_bytes());
        let end = base + out.len();
        Held {
            key: crate::compare::key_hash(claim),
            value,
            article,
            place: Place::default().part(sentence, end - sentence),
        }
    }
}

/// The claim [`Held::of`] wrote in the `bytes` of its place, read in
/// `article`: the sentence at the start, the claim's own bytes at the end,
/// the last four of which say how many they are.
fn read_held(bytes: &[u8], article: Arc<Article>, names: &mut Names) -> Result<Claim, String> {
    let mut after_sentence = bytes;
    let sentence = crate::spill::take_text(&mut after_sentence)?;
    let (fields, own) = bytes
        .split_last_chunk::<4>()
        .ok_or_else(|| "a spilled claim ends early".to_string())?;
    let own = u32::from_le_bytes(*own) as usize;
    let sentence_end = bytes.len() - after_sentence.len();
    let mut fields = bytes
        .len()
        .checked_sub(own)
        .filter(|&start| start >= sentence_end)
        .and_then(|start| fields.get(start..))
        .ok_or_else(|| "a spilled claim overlaps its sentence".to_string())?;
    let claim = crate::claims::read_fields(&mut fields, article, sentence.into(), names)?;
    match fields.is_empty() {
        true => Ok(claim),
        false => Err("a spilled claim is longer than its fields".into()),
    }
}

/// One document's claims and records split into what is held and what is
/// spilled: `bytes`, where the places of its claims and records, and of
/// the fields of its `articles`, are. A claim's article is numbered within
/// the document until it is taken in.
pub(crate) struct Split {
    document: DocumentInfo,
    claims: Vec<Held>,
    records: Vec<Sketch>,
    articles: Vec<Place>,
    bytes: Vec<u8>,
    /// The bytes of a large document that came before `bytes`, set aside
    /// as they passed [`Split::SET_ASIDE`]: a document of a hundred
    /// megabytes makes claims of half as much, each with its sentence.
    before: Spill,
    /// The fields of the last claim's document: the claims of one
    /// document share them, and those of a shard's lines are equal copies.
    last: Option<Arc<Article>>,
    /// The last claim's sentence, and where it was written (counted from
    /// the document's first byte): the claims of one sentence, often
    /// several names, come one after another and share it.
    quoted: Option<(Arc<str>, usize)>,
}

impl Split {
    /// A document's extraction split at once.
    fn of(extracted: Extracted) -> Split {
        let mut split = Split::new(extracted.document);
        split.add(extracted.claims, extracted.records);
        split
    }

    /// The split of a document whose claims and records are yet to come.
    pub(crate) fn new(document: DocumentInfo) -> Split {
        Split {
            document,
            claims: Vec::new(),
            records: Vec::new(),
            articles: Vec::new(),
            bytes: Vec::new(),
            before: Spill::default(),
            last: None,
            quoted: None,
        }
    }

    /// Bytes a split holds before it sets them aside.
    const SET_ASIDE: usize = if cfg!(test) { 64 } else { 4 << 20 };

    /// Splits more of the document's claims and records, which follow
    /// those split before. A document read in sections is split a section
    /// at a time, so that it holds its claims only as bytes, not all at
    /// once as claims.
    pub(crate) fn add(&mut self, claims: Vec<Claim>, records: Vec<Record>) {
        let Split {
            claims: held,
            records: sketches,
            articles,
            bytes,
            before,
            last,
            quoted,
            ..
        } = self;
        // Places are counted from the first byte of the document's, set
        // aside or not.
        let base = before.len() as usize;
        let shift = Place::default().part(base, 0);
        // Room for what is written, made once: grown as it is written, a
        // document's bytes would be moved a dozen times over.
        bytes.reserve(split_bytes(&claims, &records));
        // Each claim is dropped once written.
        held.extend(claims.into_iter().map(|claim| {
            let article = &claim.evidence.article;
            if last
                .as_ref()
                .is_none_or(|a| !Arc::ptr_eq(a, article) && **a != **article)
            {
                let start = bytes.len();
                write_article(article, bytes);
                articles.push(Place::default().part(start, bytes.len() - start).moved_to(shift));
                *last = Some(article.clone());
            }
            let sentence = &claim.evidence.sentence;
            let sentence = match quoted {
                Some((quote, at)) if Arc::ptr_eq(quote, sentence) => *at,
                _ => {
                    let at = base + bytes.len();
                    crate::spill::put_text(bytes, sentence);
                    *quoted = Some((sentence.clone(), at));
                    at
                }
            };
            Held::of(&claim, (articles.len() - 1) as u32, bytes, base, sentence)
        }));
        sketches.extend(records.into_iter().map(|r| {
            let mut sketch = r.sketch(bytes);
            sketch.quotes = sketch.quotes.moved_to(shift);
            sketch
        }));
        if bytes.len() >= Self::SET_ASIDE {
            before.push(bytes);
            bytes.clear();
        }
    }
}

/// The documents of the claims read back, and one copy of each string,
/// subject, spelling and sentence of those kept in classes: the same
/// people and companies recur across a corpus.
#[derive(Default)]
struct Interned {
    /// The documents read back, by number, where their claims are kept.
    documents: HashMap<u32, Arc<Article>, Fast>,
    paths: HashSet<Arc<str>, Fast>,
    names: HashSet<Arc<str>, Fast>,
    subjects: HashSet<Arc<[String]>, Fast>,
    spellings: HashSet<Arc<NameSpelling>, Fast>,
    sentences: HashSet<Arc<str>, Fast>,
}

impl Interned {
    /// `article`, sharing the copies of its path and story already held.
    fn article(&mut self, article: Article) -> Arc<Article> {
        Arc::new(shared_paths(&mut self.paths, article))
    }

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

/// What a thread that reads claims back reuses from one claim to the next:
/// the buffer their bytes are read into, and the rule ids and slot names.
#[derive(Default)]
struct Reader {
    bytes: Vec<u8>,
    names: Names,
}

/// What claims are read back for (see [`Gathered::read_back_all`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ReadFor {
    /// Compared as soon as they are read: their documents are kept for the
    /// blocks after (a document states claims of many keys), and their
    /// strings are not shared, which takes one thread.
    Comparing,
    /// Kept in classes beyond their block: they share one copy of each
    /// string, subject and sentence, and their documents stay with them.
    Keeping,
}

/// The conflicts of the keys compared so far, as [`Gathered::compare`]
/// reads them a block at a time.
struct Keys<'a> {
    rules: &'a RuleSet,
    protected: &'a HashSet<&'a str>,
    /// The most places a side lists.
    listed: usize,
    conflicts: Vec<Conflict>,
    /// The places that the claims of the conflicts stand for.
    covered: HashSet<u64>,
    /// Claims that could not be read back.
    errors: Vec<InputError>,
    /// The documents, strings and subjects of the claims read back.
    interned: Interned,
}

impl Keys<'_> {
    /// Compares `claims`, every claim of their keys but those that `tally`
    /// counts.
    fn compare(&mut self, mut claims: Vec<Claim>, tally: &dyn crate::compare::Tally) {
        claims.par_sort_by(|a, b| claim_order(a).cmp(&claim_order(b)));
        let claims: Vec<&Claim> = claims.iter().collect();
        let found = crate::compare::key_conflicts(
            self.rules,
            &claims,
            tally,
            self.protected,
            self.listed,
            &mut self.covered,
        );
        self.conflicts.extend(found);
    }
}

impl Gathered {
    /// Takes in one document's extraction.
    pub fn add(&mut self, extracted: Extracted) {
        self.extend([extracted]);
    }

    /// Takes in documents' extractions, split as they were made.
    pub(crate) fn take_splits(&mut self, splits: Vec<Split>) {
        for split in splits {
            self.take(split);
        }
    }

    /// Takes in one document's extraction, split.
    fn take(&mut self, split: Split) {
        let Split {
            document,
            claims,
            records,
            articles,
            bytes,
            before,
            last: _,
            quoted: _,
        } = split;
        self.count += 1;
        if !document.suppressions.is_empty() {
            self.documents.push(document);
        }
        let base = self.spill_split(&before, &bytes);
        let first = u32::try_from(self.article_count).unwrap_or(u32::MAX);
        let mut places = Vec::with_capacity(articles.len() * Place::BYTES);
        for article in &articles {
            article.moved_to(base).write(&mut places);
        }
        self.articles.push(&places);
        self.article_count += articles.len();
        let paths = &mut self.paths;
        // The document of its records as extracted, and as kept: with its
        // path and story shared with the other documents of its file and
        // story.
        let mut kept: Option<(Arc<Article>, Arc<Article>)> = None;
        let mut share = |article: &Arc<Article>| -> Arc<Article> {
            match &kept {
                Some((from, to)) if Arc::ptr_eq(from, article) => to.clone(),
                _ => {
                    let shared = Arc::new(shared_paths(paths, Article::clone(article)));
                    kept = Some((article.clone(), shared.clone()));
                    shared
                }
            }
        };
        for mut held in claims {
            held.article = held.article.saturating_add(first);
            held.place = held.place.moved_to(base);
            self.claims.push(held);
        }
        self.records.extend(records.into_iter().map(|mut sketch| {
            sketch.article = share(&sketch.article);
            sketch.quotes = sketch.quotes.moved_to(base);
            sketch
        }));
    }

    /// Puts the bytes of a split in the spill: those it set aside, then
    /// `bytes`, one after another, and says where the first is.
    fn spill_split(&mut self, before: &Spill, bytes: &[u8]) -> Place {
        const CHUNK: usize = 1 << 20;
        let (mut base, mut at, total) = (None, 0, before.len() as usize);
        while at < total {
            let part = Place::default().part(at, CHUNK.min(total - at));
            let len = part.len();
            // A part that cannot be read back is spilled as zeros, so that
            // what follows keeps its place: its claims then fail to read
            // back, and say so.
            let chunk = before.read(part).unwrap_or_else(|_| vec![0; len]);
            base.get_or_insert(self.spill.push(&chunk));
            at += len;
        }
        let last = self.spill.push(bytes);
        base.unwrap_or(last)
    }

    /// The keys whose claims compare reads back, in the order of
    /// [`Runs::sorted`], each with how: those that state two or more values
    /// (every key when `all`), a block at a time when they have very many.
    /// Also why runs could not be read whole.
    fn fates(&mut self, all: bool) -> (Vec<(u64, Fate)>, Vec<String>) {
        self.claims.finish();
        let mut fates = Vec::new();
        let mut merge = self.claims.sorted();
        while let Some(first) = merge.next() {
            let (mut more, mut count) = (false, 1);
            while let Some(held) = merge.next_of(first.key) {
                more |= held.value != first.value;
                count += 1;
            }
            if all || more {
                let fate = if count > self.collapse_above {
                    Fate::Collapse
                } else {
                    Fate::Whole
                };
                fates.push((first.key, fate));
            }
        }
        let errors = std::mem::take(&mut merge.errors);
        (fates, errors)
    }

    /// Reads back the claims `held`, handing each to `each` with its held
    /// part, and reports those that cannot be read. They are read and
    /// parsed in parallel, a block at a time (each claim owns its sentence
    /// until it is shared). Each document of a block is read once; see
    /// [`ReadFor`] for what else depends on what the claims are read for.
    fn read_back_all(
        &self,
        held: &[Held],
        interned: &mut Interned,
        errors: &mut Vec<InputError>,
        reading: ReadFor,
        mut each: impl FnMut(&Held, Claim),
    ) {
        for block in held.chunks(BLOCK) {
            let mut numbers: Vec<u32> = block.iter().map(|held| held.article).collect();
            numbers.dedup();
            numbers.sort_unstable();
            numbers.dedup();
            let (known, numbers): (Vec<u32>, Vec<u32>) =
                numbers.into_iter().partition(|n| interned.documents.contains_key(n));
            let read: Vec<Result<Article, String>> = numbers.par_iter().map(|&n| self.read_article(n)).collect();
            let mut articles: HashMap<u32, Result<Arc<Article>, String>, Fast> = numbers
                .into_iter()
                .zip(read)
                .map(|(n, article)| (n, article.map(|a| interned.article(a))))
                .collect();
            if reading == ReadFor::Comparing {
                for (&n, article) in &articles {
                    if let Ok(article) = article {
                        interned.documents.insert(n, article.clone());
                    }
                }
            }
            articles.extend(known.into_iter().map(|n| (n, Ok(interned.documents[&n].clone()))));
            let read: Vec<Result<Claim, InputError>> = block
                .par_iter()
                .map_init(Reader::default, |reader, held| {
                    self.read_back(held, &articles[&held.article], reader)
                })
                .collect();
            for (held, claim) in block.iter().zip(read) {
                match claim {
                    Ok(claim) if reading == ReadFor::Keeping => each(held, interned.share(claim)),
                    Ok(claim) => each(held, claim),
                    Err(err) => errors.push(err),
                }
            }
        }
    }

    /// The claims that can conflict (see [`Gathered::fates`]), read back,
    /// and the records, each in one order whatever order the documents
    /// came in: by file, record line, document and position. A claim that
    /// cannot be read back is left out and reported.
    #[cfg(test)]
    pub(crate) fn sorted(&mut self, all: bool) -> (Vec<Claim>, Vec<&Sketch>, Vec<InputError>) {
        let (fates, _) = self.fates(all);
        let wanted: std::collections::HashSet<u64> = fates.iter().map(|(key, _)| *key).collect();
        let held: Vec<Held> = self.claims.sorted().filter(|h| wanted.contains(&h.key)).collect();
        let mut claims = Vec::new();
        let mut errors = Vec::new();
        self.read_back_all(
            &held,
            &mut Interned::default(),
            &mut errors,
            ReadFor::Keeping,
            |_, c| claims.push(c),
        );
        claims.sort_by(|a, b| claim_order(a).cmp(&claim_order(b)));
        (claims, self.sorted_records(), errors)
    }

    /// The records, in the order of their documents and positions.
    fn sorted_records(&self) -> Vec<&Sketch> {
        let mut records: Vec<&Sketch> = self.records.iter().collect();
        records.par_sort_by(|a, b| a.order().cmp(&b.order()));
        records
    }

    /// Every conflict among what was gathered, in a stable order, and the
    /// errors met reading back what was set aside. The claims that can
    /// conflict are read back and compared a block of whole keys at a
    /// time, so that memory holds one block's claims and the conflicts
    /// found; those of a key with very many are put in classes by value as
    /// they are read (see [`collapse`]).
    pub(crate) fn compare(&mut self, rules: &RuleSet) -> (Vec<Conflict>, Vec<InputError>) {
        let (fates, unread) = self.fates(!rules.facts.is_empty());
        let this = &*self;
        let protected: HashSet<&str> = this.documents.iter().map(|d| d.id.as_str()).collect();
        let records = this.sorted_records();
        // Rewrites are found while claims are compared: claim comparison
        // leaves cores idle while it reads a block back or compares one on
        // a single thread, and the bands of rewrites take them. Only which
        // rewrites are reported depends on the claim conflicts.
        let ((conflicts, covered, mut errors), rewrites) = rayon::join(
            || this.compare_keys(rules, fates, unread, &protected),
            || crate::compare::rewrite::find(rules, &records, &this.spill),
        );
        let (conflicts, unread) =
            crate::compare::with_rewrites(rules, conflicts, rewrites, &covered, &protected, self.listed);
        errors.extend(unread);
        (conflicts, errors)
    }

    /// The conflicts of the claims of the keys that `fates` names, with the
    /// places they report and the errors met reading them back, after those
    /// of `unread`; see [`Gathered::compare`].
    fn compare_keys(
        &self,
        rules: &RuleSet,
        fates: Vec<(u64, Fate)>,
        mut unread: Vec<String>,
        protected: &HashSet<&str>,
    ) -> (Vec<Conflict>, HashSet<u64>, Vec<InputError>) {
        let fact_places: HashSet<u64, Fast> = match fates.iter().any(|&(_, fate)| fate == Fate::Collapse) {
            true => self
                .records
                .iter()
                // A record whose facts cannot be read back is read again if a
                // band brings it to judging, and the error is reported then.
                .flat_map(|r| r.places(&self.spill).unwrap_or_default())
                .collect(),
            false => HashSet::default(),
        };
        let mut collapsed = collapse::Collapsed::new(rules, protected, &fact_places, self.listed);
        let mut keys = Keys {
            rules,
            protected,
            listed: self.listed,
            conflicts: Vec::new(),
            covered: HashSet::new(),
            errors: Vec::new(),
            interned: Interned::default(),
        };
        let mut interned = Interned::default();
        let mut errors = Vec::new();
        let mut whole: Vec<Held> = Vec::new();
        let mut block: Vec<Held> = Vec::new();
        let mut fates = fates.into_iter().peekable();
        let mut merge = self.claims.sorted();
        while let Some(first) = merge.next() {
            let key = first.key;
            while fates.next_if(|&(k, _)| k < key).is_some() {}
            let fate = fates.next_if(|&(k, _)| k == key).map(|(_, fate)| fate);
            let claims = std::iter::once(first).chain(std::iter::from_fn(|| merge.next_of(key)));
            match fate {
                None => claims.for_each(drop),
                Some(Fate::Whole) => {
                    whole.extend(claims);
                    if whole.len() >= self.compared {
                        self.compare_whole(&mut whole, &mut keys);
                    }
                }
                Some(Fate::Collapse) => {
                    // Keys are compared in the order of their hashes.
                    self.compare_whole(&mut whole, &mut keys);
                    let mut claims = claims.peekable();
                    while claims.peek().is_some() {
                        block.clear();
                        block.extend(claims.by_ref().take(BLOCK));
                        self.read_back_all(&block, &mut interned, &mut errors, ReadFor::Keeping, |held, claim| {
                            collapsed.add(held.article, held.value, claim)
                        });
                    }
                    let (kept, tallied) = collapsed.end_key();
                    keys.compare(kept, &tallied);
                    unread.extend(tallied.unread());
                }
            }
        }
        self.compare_whole(&mut whole, &mut keys);
        // A run that fails to read fails alike on both passes.
        let mut unread: Vec<String> = unread.into_iter().chain(std::mem::take(&mut merge.errors)).collect();
        unread.dedup();
        errors.extend(unread.into_iter().map(|why| {
            InputError::new(
                "(temporary file)",
                None,
                format!("could not read back claims set aside during the check: {why}"),
            )
        }));
        errors.append(&mut keys.errors);
        (keys.conflicts, keys.covered, errors)
    }

    /// Reads back the claims of the whole keys `held` and compares them,
    /// leaving `held` empty.
    fn compare_whole(&self, held: &mut Vec<Held>, keys: &mut Keys<'_>) {
        if held.is_empty() {
            return;
        }
        // Documents read back for one block are kept for the next, up to
        // a bound: a document states claims of many keys.
        if keys.interned.documents.len() > KEPT_DOCUMENTS {
            keys.interned = Interned::default();
        }
        let mut claims = Vec::with_capacity(held.len());
        self.read_back_all(
            held,
            &mut keys.interned,
            &mut keys.errors,
            ReadFor::Comparing,
            |_, c| claims.push(c),
        );
        held.clear();
        keys.compare(claims, &crate::compare::Whole);
    }

    /// The claim `held` was, read back from the spill, in `article`.
    fn read_back(
        &self,
        held: &Held,
        article: &Result<Arc<Article>, String>,
        reader: &mut Reader,
    ) -> Result<Claim, InputError> {
        let article = article.as_ref().map_err(|why| {
            InputError::new(
                "(temporary file)",
                None,
                format!("could not read back a document set aside during the check: {why}"),
            )
        })?;
        let claim = self
            .spill
            .read_into(held.place, &mut reader.bytes)
            .map_err(|e| e.to_string())
            .and_then(|()| read_held(&reader.bytes, article.clone(), &mut reader.names));
        claim.map_err(|why| {
            InputError::new(
                &*article.path,
                article.record_line,
                format!(
                    "could not read back a claim of document `{}` set aside during the check: {why}",
                    article.doc
                ),
            )
        })
    }

    /// The fields of the document numbered `n`, read back from the spill.
    fn read_article(&self, n: u32) -> Result<Article, String> {
        if n as usize >= self.article_count {
            return Err(format!("no document numbered {n}"));
        }
        let entry = Place::default().part(n as usize * Place::BYTES, Place::BYTES);
        let entry = self.articles.read(entry).map_err(|e| e.to_string())?;
        let place = Place::take(&mut entry.as_slice())?;
        let bytes = self.spill.read(place).map_err(|e| e.to_string())?;
        read_article(&mut bytes.as_slice())
    }
}

impl Extend<Extracted> for Gathered {
    /// Takes in extractions; their claims and records are split in
    /// parallel, as serializing what is spilled is most of what taking
    /// them in costs.
    fn extend<I: IntoIterator<Item = Extracted>>(&mut self, extracted: I) {
        let split: Vec<Split> = extracted
            .into_iter()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(Split::of)
            .collect();
        self.take_splits(split);
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

/// `article`, with the copies of its path and story that `paths` holds.
fn shared_paths(paths: &mut HashSet<Arc<str>, Fast>, mut article: Article) -> Article {
    article.path = interned(paths, article.path);
    article.story = article.story.map(|s| interned(paths, s));
    article
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

/// About how many bytes [`Split::add`] writes of `claims` and `records`, at
/// most: each claim writes its sentence (unless the claim before quotes
/// it) and some hundred bytes more (its key, value and place), each record
/// its shingles, numbers and gist, and its facts as claims. Close is
/// enough: it is room reserved, not a limit.
fn split_bytes(claims: &[Claim], records: &[Record]) -> usize {
    const CLAIM: usize = 200;
    let claim = |c: &Claim| c.evidence.sentence.len() + CLAIM;
    let record = |r: &Record| {
        CLAIM + r.gist.len() + 4 * r.shingles.len() + 8 * r.numbers.len() + r.facts.iter().map(claim).sum::<usize>()
    };
    claims.iter().map(claim).sum::<usize>() + records.iter().map(record).sum::<usize>() + CLAIM
}

/// Writes a document's fields at the end of `out`, as [`read_article`]
/// reads them.
fn write_article(article: &Article, out: &mut Vec<u8>) {
    use crate::spill::{put_optional, put_str};
    put_str(out, &article.doc);
    put_str(out, &article.path);
    let line = article.record_line.map(|n| n.to_string());
    let published = article.published.map(|d| d.to_string());
    for text in [
        line.as_deref(),
        article.source.as_deref(),
        published.as_deref(),
        article.url.as_deref(),
        article.title.as_deref(),
        article.story.as_deref(),
    ] {
        put_optional(out, text);
    }
}

/// The document's fields [`write_article`] wrote at the start of `bytes`.
fn read_article(bytes: &mut &[u8]) -> Result<Article, String> {
    use crate::spill::{take_optional, take_str};
    let doc = take_str(bytes)?.into();
    let path = take_str(bytes)?.into();
    let mut text = || take_optional(bytes);
    let record_line = text()?.map(str::parse).transpose().map_err(|e| format!("{e}"))?;
    let source = text()?.map(str::to_string);
    let published = text()?.map(str::parse).transpose().map_err(|e| format!("{e}"))?;
    let url = text()?.map(str::to_string);
    let title = text()?.map(str::to_string);
    let story = text()?.map(Arc::from);
    Ok(Article {
        doc,
        path,
        record_line,
        source,
        published,
        url,
        title,
        story,
    })
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
    use chrono::NaiveDate;

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
    fn the_claims_of_a_sentence_spill_it_once_and_each_reads_back_whole() {
        let engine = Engine::new(RuleSet::embedded().unwrap()).unwrap();
        let text = "Alexandr Wang, Mark Zuckerberg and Tom Berg met on Monday. Meta invested $14.3 billion \
                    in Scale AI in June 2025, Alexandr Wang said.";
        let extracted = engine.extract_claims(&Document::from_text("d", text, None));
        let claims = extracted.claims.clone();
        assert!(claims.len() >= 8, "{claims:#?}");
        let mut split = Split::new(extracted.document);
        split.add(extracted.claims, Vec::new());
        let mut gathered = Gathered::default();
        let base = gathered.spill_split(&split.before, &split.bytes);
        // The first sentence, once for its three names; the second, once
        // for its amount and date and once for its name.
        let written = gathered
            .spill
            .read(base.part(0, gathered.spill.len() as usize))
            .unwrap();
        let sentences: HashSet<&str> = claims.iter().map(|c| &*c.evidence.sentence).collect();
        let times = |s: &str| written.windows(s.len()).filter(|w| *w == s.as_bytes()).count();
        assert_eq!(sentences.iter().map(|s| times(s)).sum::<usize>(), 3);
        for (held, claim) in split.claims.iter().zip(&claims) {
            let bytes = gathered.spill.read(held.place.moved_to(base)).unwrap();
            let article = claim.evidence.article.clone();
            let names = &mut Names::default();
            assert_eq!(read_held(&bytes, article.clone(), names).as_ref(), Ok(claim));
            // A cut claim is never read as the one written, and never panics.
            for len in 0..bytes.len() {
                assert_ne!(read_held(&bytes[..len], article.clone(), names).as_ref(), Ok(claim));
                assert_ne!(read_held(&bytes[len + 1..], article.clone(), names).as_ref(), Ok(claim));
            }
        }
    }

    #[test]
    fn claims_read_back_share_one_copy_of_each_subject_spelling_and_sentence() {
        let engine = Engine::new(RuleSet::embedded().unwrap()).unwrap();
        let text = "Alexandr Wang will lead the lab, Mark Zuckerberg said.";
        let mut gathered: Gathered = ["a", "b"]
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

    /// Sentences that state one investment, its date and its people in
    /// several ways: shared wording, a value that grows, a document that
    /// derives a date, two spellings.
    const REPORTS: [&str; 9] = [
        "Meta invested $14.3 billion in Scale AI in June 2025.",
        "Meta invested $14.3 billion in Scale AI in June 2024.",
        "Meta's investment in Scale AI was made in June 2025, Alexandr Wang said.",
        "Meta's investment in Scale AI was made in June 2024, Alexander Wang said.",
        "The investment in Scale AI by Meta came in June 2025.",
        "Meta invested in Scale AI in June 2024. Barely two months after Meta's $14.3 billion \
         investment in Scale AI, the lab was reorganised.",
        "The earthquake near Kobe killed 12 people, Alexandr Wang said.",
        "Meta invested $14.3 billion in Scale AI, the data labelling start-up, to expand its work on artificial \
         intelligence models, the company said.",
        "Meta invested $16 billion in Scale AI, the data labelling start-up, to expand its work on artificial \
         intelligence models, the company said.",
    ];

    /// An engine with every rule on, source weights and a verified fact.
    fn every_rule() -> &'static Engine {
        static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
        ENGINE.get_or_init(|| every_rule_and(true))
    }

    /// [`every_rule`] but no verified fact: only claims of keys that state
    /// two values are read back.
    fn every_rule_but_facts() -> &'static Engine {
        static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
        ENGINE.get_or_init(|| every_rule_and(false))
    }

    fn every_rule_and(facts: bool) -> Engine {
        let mut rules = RuleSet::embedded().unwrap();
        rules.sources = [("S3".to_string(), 2.5), ("S4".to_string(), 0.5)].into();
        for rule in &mut rules.rules {
            rule.enabled = true;
        }
        if facts {
            let extractor = crate::extract::Extractor::new(&rules).unwrap();
            let facts = "facts:\n  - rule: investment\n    subject: [Meta Platforms, Scale AI]\n    slot: date\n\
                         \x20   value: June 2025\n    source: filing\n";
            rules.facts = crate::facts::load("facts.yaml", facts, &rules, &extractor).unwrap();
        }
        Engine::new(rules).unwrap()
    }

    /// Documents made of `REPORTS`: per document the report, a count of
    /// dead, the outlet, the day of publication and the story.
    fn documents(picks: &[(usize, u32, u32, u32, bool)]) -> Vec<Document> {
        picks
            .iter()
            .enumerate()
            .map(|(i, &(report, dead, outlet, day, story))| {
                let text = format!("{} The storm killed {dead} people.", REPORTS[report % REPORTS.len()]);
                let published = NaiveDate::from_ymd_opt(2025, 8, 1 + day % 28);
                let mut doc = Document::from_text(&format!("d{:02}", picks.len() - i), &text, published);
                doc.meta.source = Some(format!("S{outlet}"));
                doc.meta.story = Some(format!("story-{story}"));
                doc
            })
            .collect()
    }

    /// The conflicts of `documents` with keys collapsed from `above` claims
    /// on, sides listing `listed` places.
    fn conflicts(documents: &[Document], above: usize, listed: usize) -> Vec<Conflict> {
        conflicts_in_runs(every_rule(), documents, above, listed, usize::MAX)
    }

    /// [`conflicts`] by `engine`, with the claims sorted in runs of `run`.
    fn conflicts_in_runs(
        engine: &Engine,
        documents: &[Document],
        above: usize,
        listed: usize,
        run: usize,
    ) -> Vec<Conflict> {
        conflicts_in_blocks(engine, documents, above, listed, run, BLOCK)
    }

    /// [`conflicts_in_runs`], with whole keys compared once `compared`
    /// claims of them are read back.
    fn conflicts_in_blocks(
        engine: &Engine,
        documents: &[Document],
        above: usize,
        listed: usize,
        run: usize,
        compared: usize,
    ) -> Vec<Conflict> {
        let mut gathered = Gathered::default();
        gathered.claims.run = run;
        gathered.compared = compared;
        gathered.extend(documents.iter().map(|d| engine.extract_claims(d)));
        (gathered.collapse_above, gathered.listed) = (above, listed);
        let (mut found, errors) = gathered.compare(engine.rules());
        assert!(errors.is_empty(), "{errors:?}");
        crate::compare::cap(&mut found, listed);
        found
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        #[test]
        fn collapsed_keys_give_the_conflicts_of_keys_read_whole(
            picks in proptest::collection::vec((0..9usize, 8..15u32, 0..6u32, 0..28u32, proptest::bool::ANY), 2..40),
            listed in 1..5usize,
        ) {
            let documents = documents(&picks);
            let whole = conflicts(&documents, usize::MAX, usize::MAX);
            let mut capped = whole.clone();
            crate::compare::cap(&mut capped, listed);
            proptest::prop_assert_eq!(conflicts(&documents, 0, listed), capped);
        }

        #[test]
        fn claims_sorted_in_many_runs_give_the_conflicts_of_claims_sorted_in_one(
            picks in proptest::collection::vec((0..9usize, 8..15u32, 0..6u32, 0..28u32, proptest::bool::ANY), 2..40),
            run in 1..20usize,
            above in proptest::prop_oneof![proptest::strategy::Just(0), proptest::strategy::Just(usize::MAX)],
        ) {
            let documents = documents(&picks);
            for engine in [every_rule(), every_rule_but_facts()] {
                proptest::prop_assert_eq!(
                    conflicts_in_runs(engine, &documents, above, 3, run),
                    conflicts_in_runs(engine, &documents, above, 3, usize::MAX)
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]
        #[test]
        fn keys_compared_a_few_at_a_time_give_the_conflicts_of_keys_compared_together(
            picks in proptest::collection::vec((0..9usize, 8..15u32, 0..6u32, 0..28u32, proptest::bool::ANY), 2..40),
            compared in 1..12usize,
            above in proptest::prop_oneof![
                proptest::strategy::Just(0),
                proptest::strategy::Just(3),
                proptest::strategy::Just(usize::MAX)
            ],
        ) {
            let documents = documents(&picks);
            for engine in [every_rule(), every_rule_but_facts()] {
                proptest::prop_assert_eq!(
                    conflicts_in_blocks(engine, &documents, above, 3, usize::MAX, compared),
                    conflicts_in_blocks(engine, &documents, above, 3, usize::MAX, usize::MAX)
                );
            }
        }
    }

    #[test]
    fn the_generated_corpora_make_conflicts_of_every_kind_and_sides_that_list_some_places() {
        // The case the property above is checked on is not empty.
        let picks: Vec<(usize, u32, u32, u32, bool)> = (0..60)
            .map(|i| {
                (
                    i % REPORTS.len(),
                    10 + (i % 5) as u32,
                    (i % 9) as u32,
                    i as u32,
                    i % 2 == 0,
                )
            })
            .collect();
        let found = conflicts(&documents(&picks), 0, 3);
        assert_eq!(found, {
            let mut whole = conflicts(&documents(&picks), usize::MAX, usize::MAX);
            crate::compare::cap(&mut whole, 3);
            whole
        });
        let kinds: HashSet<String> = found.iter().map(|c| format!("{:?}", c.kind)).collect();
        assert!(kinds.len() >= 4, "{kinds:?}");
        let side = found.iter().flat_map(|c| &c.sides).max_by_key(|s| s.unlisted).unwrap();
        assert_eq!(side.evidence.len(), 3);
        assert!(side.unlisted > 3);
    }

    #[test]
    fn a_held_claim_takes_32_bytes() {
        // Memory holds one for every claim of the corpus.
        assert_eq!(std::mem::size_of::<Held>(), 32);
    }

    #[test]
    fn a_document_s_fields_read_back_as_written() {
        let full = Article {
            doc: "d1".into(),
            path: "corpus/wire.jsonl".into(),
            record_line: Some(42),
            source: Some("Wire".into()),
            published: "2025-06-12".parse().ok(),
            url: Some("https://example.com/a?b=c".into()),
            title: Some("Meta's deal".into()),
            story: Some("scale".into()),
        };
        let bare = Article::named("d2", "notes.md");
        let mut bytes = Vec::new();
        write_article(&full, &mut bytes);
        write_article(&bare, &mut bytes);
        let mut rest = bytes.as_slice();
        assert_eq!(read_article(&mut rest), Ok(full));
        assert_eq!(read_article(&mut rest), Ok(bare));
        assert!(rest.is_empty());
        assert!(
            read_article(&mut &bytes[..bytes.len() / 2]).is_err(),
            "a cut item is an error"
        );
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
        let mut gathered: Gathered = documents.iter().map(|d| engine.extract_claims(d)).collect();
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
