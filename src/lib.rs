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
//! - [`compare`] groups claims by a hash of their key and reports the groups
//!   whose values cannot all be true;
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

pub mod claims;
pub mod compare;
pub mod error;
pub mod extract;
pub mod ingest;
pub mod report;
pub mod rules;
pub mod segment;
pub mod span;
mod util;

use rayon::prelude::*;

pub use claims::{Claim, Evidence};
pub use compare::Conflict;
pub use error::{InputError, RuleError};
pub use extract::Mention;
pub use ingest::{Corpus, Document};
pub use rules::RuleSet;

/// The compiled pipeline: rules, segmenter, recognizers and claim binder.
#[derive(Debug)]
pub struct Engine {
    rules: RuleSet,
    segmenter: segment::Segmenter,
    extractor: extract::Extractor,
    binder: claims::Binder,
}

/// What a check found.
#[derive(Debug)]
pub struct Outcome {
    /// How many documents were read and checked.
    pub documents: usize,
    /// Inputs that could not be read, in whole or in part.
    pub errors: Vec<InputError>,
    /// Conflicts, in a stable order.
    pub conflicts: Vec<Conflict>,
}

impl Engine {
    /// Compiles the pipeline for a rule set.
    pub fn new(rules: RuleSet) -> Result<Self, RuleError> {
        Ok(Engine {
            segmenter: segment::Segmenter::new(&rules.lang),
            extractor: extract::Extractor::new(&rules)?,
            binder: claims::Binder::new(&rules)?,
            rules,
        })
    }

    /// The rules the engine runs.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The mentions in a document's body.
    pub fn mentions(&self, doc: &Document) -> Vec<Mention> {
        self.read(doc).1
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
        let (sentences, mentions) = self.read(doc);
        self.binder.bind(doc, &sentences, &mentions)
    }

    /// Segment and extract: a document's sentences and its mentions.
    fn read(&self, doc: &Document) -> (Vec<span::Span>, Vec<Mention>) {
        let sentences = self.segmenter.sentences(&doc.text, doc.body);
        let mentions = self.extractor.extract(doc, &sentences);
        (sentences, mentions)
    }

    /// Every conflict among the claims of `documents`.
    pub fn conflicts(&self, documents: &[Document]) -> Vec<Conflict> {
        // Documents are read in parallel; the claims keep input order.
        let claims: Vec<Claim> = documents.par_iter().flat_map_iter(|d| self.claims(d)).collect();
        compare::compare(&self.rules, &claims)
    }

    /// Checks a corpus.
    pub fn check(&self, corpus: Corpus) -> Outcome {
        Outcome {
            documents: corpus.documents.len(),
            conflicts: self.conflicts(&corpus.documents),
            errors: corpus.errors,
        }
    }
}
