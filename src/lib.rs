//! claimcheck finds contradictions in news: the same claim (a deal's date, an
//! amount) stated differently by different sources, or by one article
//! against itself.
//!
//! Data flows one way, each stage a module with one job:
//!
//! ```text
//! ingest ──▶ segment ──▶ extract ──▶ claims ──▶ compare ──▶ report
//! Document   sentence    Mention     Claim      Conflict    text, json,
//! + metadata spans       (typed,     (rule,     (key, one   mentions
//!                        normalized) subject,   side per    (jsonl)
//!                                    slot,      value, with
//!                                    value,     evidence)
//!                                    evidence)
//! ```
//!
//! - [`ingest`] reads files, folders and JSON Lines into [`Document`]s,
//!   reporting what it cannot read as [`InputError`]s without stopping;
//! - [`segment`] splits a body into sentences;
//! - [`extract`] finds dates, durations, money, and the names of people,
//!   organizations and places, each with a normalized value;
//! - [`claims`] binds mentions to claims by the rules in [`rules`];
//! - [`Gathered`] keeps what compare needs of each document while the corpus
//!   comes in (hashes of each claim's key and value), the rest of each claim
//!   in a temporary file until a conflict needs it;
//! - [`compare`] groups claims by a hash of their key and reports the groups
//!   whose values cannot all be true; the `rewrite` kind groups sentence
//!   records by hashes of their words instead, to find a fact changed in a
//!   rewritten copy;
//! - [`report`] renders conflicts; only the binary prints and picks exit codes.
//!
//! [`Engine`] runs the stages; [`Engine::check`] runs them all over a corpus.
//!
//! ```
//! use claimcheck::{Document, Engine, RuleSet};
//!
//! let engine = Engine::new(RuleSet::embedded()?)?;
//! let articles = [
//!     Document::from_text("a", "Meta invested $14.3 billion in Scale AI in June 2025.", None),
//!     Document::from_text("b", "Meta's investment in Scale AI was made in June 2024.", None),
//! ];
//! let conflicts = engine.conflicts(&articles);
//! assert_eq!(conflicts.len(), 1);
//! assert_eq!(conflicts[0].rule, "investment");
//! let values: Vec<&str> = conflicts[0].sides.iter().map(|s| s.value.as_str()).collect();
//! assert_eq!(values, ["2025-06", "2024-06"]);
//! # Ok::<(), claimcheck::RuleError>(())
//! ```

pub mod alloc;
mod ascii;
pub mod baseline;
pub mod claims;
pub mod compare;
pub mod config;
pub mod error;
pub mod extract;
pub mod facts;
mod gather;
pub mod ingest;
pub mod report;
pub mod rules;
pub mod segment;
pub mod selftest;
pub mod shard;
pub mod span;
mod spill;
pub mod suppress;
mod util;

use rayon::prelude::*;

pub use baseline::Baseline;
pub use claims::{Claim, Evidence, Origin};
pub use compare::Conflict;
pub use error::{InputError, RuleError};
pub use extract::Mention;
pub use gather::Gathered;
pub use ingest::{Corpus, Document};
pub use rules::RuleSet;
pub use shard::Extracted;

/// The compiled pipeline: rules, segmenter, recognizers and claim binder.
#[derive(Debug)]
pub struct Engine {
    rules: RuleSet,
    segmenter: segment::Segmenter,
    extractor: extract::Extractor,
    binder: claims::Binder,
    aligner: compare::rewrite::Aligner,
}

/// What a check found.
#[derive(Debug)]
pub struct Outcome {
    /// How many documents were read and checked.
    pub documents: usize,
    /// Inputs that could not be read, in whole or in part.
    pub errors: Vec<InputError>,
    /// Conflicts, in a stable order (without those a baseline accepted).
    pub conflicts: Vec<Conflict>,
    /// How many conflicts a baseline accepted and dropped.
    pub accepted: usize,
    /// Baseline entries that matched no conflict.
    pub stale: Vec<baseline::Entry>,
    /// How many conflicts inline suppressions removed.
    pub suppressed: usize,
    /// Inline suppressions that silenced nothing.
    pub unused_suppressions: Vec<suppress::Unused>,
}

impl Engine {
    /// Compiles the pipeline for a rule set.
    pub fn new(rules: RuleSet) -> Result<Self, RuleError> {
        Ok(Engine {
            segmenter: segment::Segmenter::new(&rules.lang),
            extractor: extract::Extractor::new(&rules)?,
            binder: claims::Binder::new(&rules)?,
            aligner: compare::rewrite::Aligner::new(&rules),
            rules,
        })
    }

    /// The rules the engine runs.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Reads verified facts (`facts.yaml`) that claims are checked against.
    pub fn load_facts(&mut self, path: &std::path::Path) -> Result<(), RuleError> {
        let text = util::read_file(path)?;
        let facts = facts::load(&path.display().to_string(), &text, &self.rules, &self.extractor)?;
        self.rules.facts.extend(facts);
        Ok(())
    }

    /// The mentions in a document's body.
    pub fn mentions(&self, doc: &Document) -> Vec<Mention> {
        let sentences = self.segmenter.sentences(&doc.text, doc.body);
        self.extractor.extract(doc, &sentences)
    }

    /// The temporal mentions alone (dates, times, durations, sets) in a
    /// document's body: what the TIMEX3 evaluation and benchmark measure.
    pub fn dates(&self, doc: &Document) -> Vec<Mention> {
        self.dates_in(doc, &self.sentences(doc))
    }

    /// The sentences of a document's body, as byte spans into its text.
    pub fn sentences(&self, doc: &Document) -> Vec<span::Span> {
        self.segmenter.sentences(&doc.text, doc.body)
    }

    /// The temporal mentions in the given sentences of a document.
    pub fn dates_in(&self, doc: &Document, sentences: &[span::Span]) -> Vec<Mention> {
        self.extractor.dates(doc, sentences)
    }

    /// The amounts (money, percentages) in the given sentences of a document.
    pub fn amounts_in(&self, doc: &Document, sentences: &[span::Span]) -> Vec<Mention> {
        self.extractor.amounts(doc, sentences)
    }

    /// The names (people, organizations, places, roles) in the given
    /// sentences of a document.
    pub fn names_in(&self, doc: &Document, sentences: &[span::Span]) -> Vec<Mention> {
        self.extractor.names(doc, sentences)
    }

    /// The claims a document makes.
    pub fn claims(&self, doc: &Document) -> Vec<Claim> {
        let mut claims = Vec::new();
        self.each_section(doc, |origin, section, mentions| {
            claims.extend(self.binder.bind(origin, doc, section, mentions));
        });
        claims
    }

    /// The sentence records a document gives the `rewrite` rules.
    pub fn records(&self, doc: &Document) -> Vec<compare::rewrite::Record> {
        let mut records = Vec::new();
        self.each_section(doc, |origin, section, mentions| {
            records.extend(self.aligner.records(origin, doc, section, mentions));
        });
        records
    }

    /// Calls `read` with each section of `doc` and the section's mentions.
    ///
    /// A document is read in sections of whole sentences of at most
    /// [`SECTION`] bytes, so that what one document costs in memory while
    /// it is read (its mentions, the name recognizer's tokens) is bounded
    /// whatever its size. An article is one section.
    fn each_section(&self, doc: &Document, mut read: impl FnMut(&Origin, &[span::Span], &[Mention])) {
        let sentences = self.segmenter.sentences(&doc.text, doc.body);
        let origin = Origin::new(doc);
        for section in sections(&sentences, SECTION) {
            let mentions = self.extractor.extract(doc, section);
            read(&origin, section, &mentions);
            origin.forget_quotes();
        }
    }

    /// The map stage: everything the compare stage needs from one
    /// document, with no reference to its text, read as
    /// [`Engine::each_section`] reads it.
    pub fn extract_claims(&self, doc: &Document) -> Extracted {
        let (mut claims, mut records) = (Vec::new(), Vec::new());
        self.each_part(doc, |section_claims, section_records| {
            claims.extend(section_claims);
            records.extend(section_records);
        });
        Extracted {
            document: document_info(doc),
            claims,
            records,
        }
    }

    /// [`Engine::extract_claims`], split for gathering a section at a
    /// time: a document of a hundred megabytes then holds its claims as
    /// the bytes they are set aside as, not as claims.
    fn split_claims(&self, doc: &Document) -> gather::Split {
        let mut split = gather::Split::new(document_info(doc));
        self.each_part(doc, |claims, records| split.add(claims, records));
        split
    }

    /// Calls `take` with the claims and the rewrite records of each section
    /// of `doc`, read as [`Engine::each_section`] reads it.
    fn each_part(&self, doc: &Document, mut take: impl FnMut(Vec<Claim>, Vec<compare::rewrite::Record>)) {
        self.each_section(doc, |origin, section, mentions| {
            take(
                self.binder.bind(origin, doc, section, mentions),
                self.aligner.records(origin, doc, section, mentions),
            );
        });
    }

    /// Every conflict among the claims of `documents` (suppressions are
    /// not applied: see [`Engine::check`]).
    pub fn conflicts(&self, documents: &[Document]) -> Vec<Conflict> {
        let extracted: Vec<Extracted> = documents.par_iter().map(|d| self.extract_claims(d)).collect();
        let mut gathered: Gathered = extracted.into_iter().collect();
        // What is set aside is read back from a file this process wrote:
        // that fails only with the file system, and then the claims that
        // could not be read are left out (`check` reports them).
        let mut conflicts = gathered.compare(&self.rules).0;
        compare::cap(&mut conflicts, gathered.listed);
        conflicts
    }

    /// Checks a corpus.
    pub fn check(&self, corpus: Corpus) -> Outcome {
        self.check_with(corpus, &|| {})
    }

    /// Checks a corpus, calling `read` after each document is read (from
    /// any thread), for a progress display. The documents are extracted in
    /// parallel, then compared as [`Engine::compare_extracted`] compares
    /// shards: `check` and `extract --claims` + `compare` are one path.
    pub fn check_with(&self, corpus: Corpus, read: &(dyn Fn() + Sync)) -> Outcome {
        let mut gathered = Gathered::default();
        let mut extraction = self.splitting(read, |batch| gathered.take_splits(batch));
        for doc in corpus.documents {
            let bytes = doc.text.len();
            extraction.push(Pending::Document(Box::new(doc)), bytes);
        }
        let mut errors = corpus.errors;
        errors.extend(extraction.finish());
        self.compare_gathered(gathered, errors)
    }

    /// Checks the articles at `paths` as ingest streams them: documents are
    /// extracted in parallel batches and only what compare needs is kept, so
    /// memory holds one batch of text rather than the corpus. Files for
    /// which `skip` is true are left out of folders; `read` is called after
    /// each document.
    pub fn check_paths(
        &self,
        paths: &[String],
        skip: &dyn Fn(&std::path::Path) -> bool,
        read: &(dyn Fn() + Sync),
    ) -> Outcome {
        let mut gathered = Gathered::default();
        let errors = self
            .splitting(read, |batch| gathered.take_splits(batch))
            .stream(paths, skip);
        self.compare_gathered(gathered, errors)
    }

    /// An extraction that reads documents (see [`Extraction::stream`]),
    /// extracts them in parallel batches and hands each batch's
    /// extractions to `batch`, in input order.
    pub fn extraction<'a, F: FnMut(Vec<Extracted>)>(
        &'a self,
        read: &'a (dyn Fn() + Sync),
        batch: F,
    ) -> Extraction<'a, F> {
        self.extraction_into(read, Engine::extract_claims, batch)
    }

    /// [`Engine::extraction`] for gathering: each document is split as it
    /// is extracted (see [`Engine::split_claims`]).
    fn splitting<'a, F: FnMut(Vec<gather::Split>)>(
        &'a self,
        read: &'a (dyn Fn() + Sync),
        batch: F,
    ) -> Extraction<'a, F, gather::Split> {
        self.extraction_into(read, Engine::split_claims, batch)
    }

    /// An [`Extraction`] that makes each document's extraction with `make`.
    fn extraction_into<'a, T, F: FnMut(Vec<T>)>(
        &'a self,
        read: &'a (dyn Fn() + Sync),
        make: fn(&Engine, &Document) -> T,
        batch: F,
    ) -> Extraction<'a, F, T> {
        Extraction {
            engine: self,
            read,
            make,
            on_batch: batch,
            pending: Batcher::default(),
            ready: None,
            errors: Vec::new(),
        }
    }

    /// The reduce stage: compares what [`Engine::extract_claims`] gave for
    /// every document, in any order, and applies their suppressions.
    pub fn compare_extracted(&self, extracted: Vec<Extracted>, errors: Vec<InputError>) -> Outcome {
        self.compare_gathered(extracted.into_iter().collect(), errors)
    }

    /// The reduce stage over extractions gathered as they arrived.
    pub fn compare_gathered(&self, mut gathered: Gathered, mut errors: Vec<InputError>) -> Outcome {
        let (mut conflicts, unread) = gathered.compare(&self.rules);
        errors.extend(unread);
        let Gathered {
            count,
            documents,
            listed,
            ..
        } = gathered;
        let suppressions: Vec<(&str, &[suppress::Suppression])> = documents
            .iter()
            .map(|d| (d.id.as_str(), d.suppressions.as_slice()))
            .collect();
        let (suppressed, unused_suppressions) = suppress::apply(&suppressions, &mut conflicts, &self.rules.sources);
        // The places of documents with suppressions were listed beyond the
        // limit until the suppressions were applied.
        compare::cap(&mut conflicts, listed);
        Outcome {
            documents: count,
            conflicts,
            errors,
            accepted: 0,
            stale: Vec::new(),
            suppressed,
            unused_suppressions,
        }
    }
}

/// Documents are extracted this many bytes of text at a time: enough to keep
/// every core busy, little beside the corpus.
const BATCH_BYTES: usize = 2 << 20;

/// At most this many documents are extracted at a time: a batch of tiny
/// documents would otherwise hold tens of thousands, and what each costs
/// besides its text (its fields, its extraction) is what fills memory.
const BATCH_DOCUMENTS: usize = 4096;

/// Extraction in parallel batches as ingest streams documents; see
/// [`Engine::extraction`].
pub struct Extraction<'a, F: FnMut(Vec<T>), T = Extracted> {
    engine: &'a Engine,
    read: &'a (dyn Fn() + Sync),
    /// What a document's extraction is made into.
    make: fn(&Engine, &Document) -> T,
    on_batch: F,
    /// What ingest gave since the last batch.
    pending: Batcher,
    /// The last batch extracted, handed on while the next is extracted.
    ready: Option<Vec<T>>,
    errors: Vec<InputError>,
}

/// What ingest gives, grouped into batches in its order.
#[derive(Default)]
struct Batcher {
    pending: Vec<Pending>,
    bytes: usize,
}

impl Batcher {
    /// Adds to the batch, and gives the batch when it is full.
    fn push(&mut self, pending: Pending, bytes: usize) -> Option<Vec<Pending>> {
        self.bytes += bytes;
        self.pending.push(pending);
        (self.bytes >= BATCH_BYTES || self.pending.len() >= BATCH_DOCUMENTS).then(|| self.take())
    }

    /// The batch so far, however small.
    fn take(&mut self) -> Vec<Pending> {
        self.bytes = 0;
        std::mem::take(&mut self.pending)
    }
}

/// A [`Sink`](ingest::Sink) that sends what ingest gives, a batch at a time,
/// to the thread that extracts it.
struct Sender {
    batcher: Batcher,
    to: std::sync::mpsc::SyncSender<Vec<Pending>>,
}

impl Sender {
    fn push(&mut self, pending: Pending, bytes: usize) {
        if let Some(batch) = self.batcher.push(pending, bytes) {
            // The receiver goes only when its thread panicked, and then the
            // panic is raised when that thread is joined.
            let _ = self.to.send(batch);
        }
    }
}

impl ingest::Sink for Sender {
    fn document(&mut self, doc: Document) {
        let bytes = doc.text.len();
        self.push(Pending::Document(Box::new(doc)), bytes);
    }

    fn record(&mut self, record: ingest::Record) {
        let bytes = record.len();
        self.push(Pending::Record(record), bytes);
    }

    fn error(&mut self, err: InputError) {
        self.push(Pending::Error(err), 0);
    }
}

/// Something ingest gave an [`Extraction`], waiting for the batch.
enum Pending {
    Document(Box<Document>),
    /// Parsed with the batch, in parallel.
    Record(ingest::Record),
    /// Kept in line so that errors keep the order they were met in.
    Error(InputError),
}

impl<T: Send, F: FnMut(Vec<T>) + Send> Extraction<'_, F, T> {
    /// Extracts the batch in parallel and, meanwhile, hands on the one
    /// before: whatever takes the extractions (gathering them, writing
    /// them out) works while the batch is extracted instead of between
    /// batches, with one core idle.
    fn flush(&mut self) {
        let pending = self.pending.take();
        self.extract(pending);
    }

    /// Extracts `pending` in parallel and, meanwhile, hands on the batch
    /// before.
    fn extract(&mut self, pending: Vec<Pending>) {
        if pending.is_empty() {
            return;
        }
        let (engine, read, make) = (self.engine, self.read, self.make);
        let ready = self.ready.take();
        let on_batch = &mut self.on_batch;
        let (done, ()) = rayon::join(
            || extract_batch(engine, read, make, pending),
            || ready.map_or((), on_batch),
        );
        let mut batch = Vec::with_capacity(done.len());
        for (extracted, errors) in done {
            batch.extend(extracted);
            self.errors.extend(errors);
        }
        self.ready = Some(batch);
    }

    /// Adds to the batch, and extracts the batch when it is full.
    fn push(&mut self, pending: Pending, bytes: usize) {
        if let Some(batch) = self.pending.push(pending, bytes) {
            self.extract(batch);
        }
    }

    /// Reads the documents at `paths` (leaving out the files of folders for
    /// which `skip` is true) and extracts them, returning the input errors
    /// met on the way. Documents are read on this thread while another
    /// hands the batch before to the pool: the cores do not wait while a
    /// batch is read. Memory holds one batch more, the one being read.
    pub fn stream(mut self, paths: &[String], skip: &dyn Fn(&std::path::Path) -> bool) -> Vec<InputError> {
        std::thread::scope(|scope| {
            let (to, from) = std::sync::mpsc::sync_channel(0);
            let extracting = scope.spawn(move || {
                for batch in from {
                    self.extract(batch);
                }
                self.finish()
            });
            let mut sender = Sender {
                batcher: Batcher::default(),
                to,
            };
            ingest::stream(paths, skip, &mut sender);
            let Sender { mut batcher, to } = sender;
            let _ = to.send(batcher.take());
            drop(to);
            extracting
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }

    /// Extracts what is left and returns the input errors met on the way.
    pub fn finish(mut self) -> Vec<InputError> {
        self.flush();
        if let Some(batch) = self.ready.take() {
            (self.on_batch)(batch);
        }
        self.errors
    }
}

/// Each document of a batch extracted with `make`, in parallel, JSON Lines
/// records parsed first, with the input errors met on the way, in order.
fn extract_batch<T: Send>(
    engine: &Engine,
    read: &(dyn Fn() + Sync),
    make: fn(&Engine, &Document) -> T,
    pending: Vec<Pending>,
) -> Vec<(Option<T>, Vec<InputError>)> {
    pending
        .into_par_iter()
        .map(|pending| {
            let (doc, errors) = match pending {
                Pending::Document(doc) => (Some(*doc), Vec::new()),
                Pending::Record(record) => record.parse(),
                Pending::Error(err) => (None, vec![err]),
            };
            let extracted = doc.map(|doc| {
                let extracted = make(engine, &doc);
                read();
                extracted
            });
            (extracted, errors)
        })
        .collect()
}

/// What the compare stage needs of a document besides its claims.
fn document_info(doc: &Document) -> shard::DocumentInfo {
    shard::DocumentInfo {
        id: doc.id.clone(),
        path: doc.path.clone(),
        record_line: doc.record_line,
        suppressions: suppress::of(doc),
    }
}

/// The most text one section of a document holds: see [`Engine::each_section`].
pub const SECTION: usize = 1 << 20;

/// `sentences` in runs whose text spans at most `limit` bytes (a run holds
/// at least one sentence).
fn sections(sentences: &[span::Span], limit: usize) -> impl Iterator<Item = &[span::Span]> {
    let mut rest = sentences;
    std::iter::from_fn(move || {
        let first = rest.first()?;
        let count = rest
            .iter()
            .position(|s| s.end - first.start > limit)
            .unwrap_or(rest.len())
            .max(1);
        let (section, after) = rest.split_at(count);
        rest = after;
        Some(section)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use span::Span;

    #[test]
    fn sections_hold_whole_sentences_up_to_the_limit() {
        let sentences: Vec<Span> = (0..10).map(|i| Span::new(i * 10, i * 10 + 8)).collect();
        let runs: Vec<Vec<Span>> = sections(&sentences, 28).map(<[Span]>::to_vec).collect();
        assert_eq!(runs.iter().map(Vec::len).collect::<Vec<_>>(), [3, 3, 3, 1]);
        assert_eq!(runs.concat(), sentences, "every sentence once, in order");
        // A sentence longer than the limit is a section of its own.
        let long = [Span::new(0, 100), Span::new(101, 105)];
        assert_eq!(sections(&long, 25).count(), 2);
        assert_eq!(sections(&[], 25).count(), 0);
    }

    #[test]
    fn a_document_split_a_section_at_a_time_gives_the_conflicts_of_its_whole_extraction() {
        let engine = Engine::new(RuleSet::embedded().unwrap()).unwrap();
        let filler = "Nothing else happened that day. ".repeat(SECTION / 32 + 1);
        let text = format!(
            "Meta invested $14.3 billion in Scale AI in June 2025. {filler}Meta invested $14.3 billion in \
             Scale AI in June 2024. {filler}Meta invested $15.9 billion in Scale AI in June 2025."
        );
        let doc = Document::from_text("d", &text, None);
        let whole = engine.compare_extracted(vec![engine.extract_claims(&doc)], Vec::new());
        let split = engine.check(Corpus {
            documents: vec![doc],
            errors: Vec::new(),
        });
        assert_eq!(whole.conflicts.len(), 2, "{:?}", whole.conflicts);
        assert_eq!(split.conflicts, whole.conflicts);
        assert_eq!(split.documents, 1);
    }

    #[test]
    fn a_document_read_in_sections_gives_the_claims_of_its_parts() {
        let engine = Engine::new(RuleSet::embedded().unwrap()).unwrap();
        let sentence = "Meta invested $14.3 billion in Scale AI in June 2025. ";
        let filler = "Nothing else happened that day. ".repeat(SECTION / 32 + 1);
        let text = format!("{sentence}{filler}{sentence}");
        let doc = Document::from_text("d", &text, None);
        let claims = engine.claims(&doc);
        let found: Vec<(&str, usize)> = claims
            .iter()
            .map(|c| (c.evidence.text(), c.evidence.span.start))
            .collect();
        let second = sentence.len() + filler.len();
        assert_eq!(
            found,
            [
                ("$14.3 billion", 14),
                ("June 2025", 43),
                ("$14.3 billion", second + 14),
                ("June 2025", second + 43)
            ]
        );
    }

    #[test]
    fn records_parsed_in_batches_give_what_ingest_reads_in_the_order_it_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut lines: Vec<u8> = Vec::new();
        for i in 0..(BATCH_DOCUMENTS + 900) {
            let line = match i % 1000 {
                7 => "{not json".to_string(),
                8 => r#"{"id": "no text"}"#.to_string(),
                9 => format!(r#"{{"id": "d{i}", "text": "Bad date.", "published": "June 40"}}"#),
                _ => format!(
                    r#"{{"id": "d{i}", "text": "Meta invested $1 billion in June {}."}}"#,
                    2000 + i % 3
                ),
            };
            lines.extend_from_slice(line.as_bytes());
            lines.push(b'\n');
            if i % 1000 == 500 {
                lines.extend_from_slice(b"\xff\xfe\n");
            }
        }
        let corpus = dir.path().join("a.jsonl");
        std::fs::write(&corpus, lines).unwrap();
        let paths = [
            corpus.display().to_string(),
            dir.path().join("missing.md").display().to_string(),
        ];
        let engine = Engine::new(RuleSet::embedded().unwrap()).unwrap();
        let streamed = engine.check_paths(&paths, &|_| false, &|| {});
        let loaded = ingest::load(&paths);
        assert!(loaded.errors.len() > 12, "{:?}", loaded.errors);
        let shown = |errors: &[InputError]| errors.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(shown(&streamed.errors), shown(&loaded.errors));
        assert_eq!(streamed.documents, loaded.documents.len());
        assert_eq!(streamed.conflicts, engine.check(loaded).conflicts);
    }

    #[test]
    fn a_stream_read_on_one_thread_and_extracted_on_another_keeps_the_order_of_ingest() {
        let dir = tempfile::tempdir().unwrap();
        // Folders, files of several batches and files that cannot be read,
        // in an order the batches must keep.
        let mut paths = Vec::new();
        for f in 0..3 {
            let lines: String = (0..BATCH_DOCUMENTS + 100)
                .map(|i| {
                    format!(
                        "{{\"id\": \"f{f}-{i}\", \"text\": \"Meta paid $1 billion in June {}.\"}}\n",
                        2000 + i % 2
                    )
                })
                .collect();
            let file = dir.path().join(format!("{f}.jsonl"));
            std::fs::write(&file, lines).unwrap();
            paths.push(file.display().to_string());
            paths.push(dir.path().join(format!("missing-{f}.md")).display().to_string());
        }
        let engine = Engine::new(RuleSet::embedded().unwrap()).unwrap();
        let mut streamed = Vec::new();
        let errors = engine
            .extraction(&|| {}, |batch| {
                streamed.extend(batch.into_iter().map(|e| e.document.id))
            })
            .stream(&paths, &|_| false);
        let loaded = ingest::load(&paths);
        let ids: Vec<String> = loaded.documents.iter().map(|d| d.id.clone()).collect();
        assert_eq!(streamed.len(), 3 * (BATCH_DOCUMENTS + 100));
        assert_eq!(streamed, ids);
        let shown = |errors: &[InputError]| errors.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(errors.len(), 3);
        assert_eq!(shown(&errors), shown(&loaded.errors));
    }
}
