//! Extract: a document's sentences in, typed [`Mention`]s with normalized
//! values out.
//!
//! One recognizer per module: `date` (dates, times, durations, sets, and
//! durations that place an event relative to a reference time), `amount`
//! (money, percentages, counted quantities), `name` (people, organizations,
//! places and roles). Each compiles once from the language, entity and name
//! files; the grammar is code, the words are data.

mod amount;
mod date;
mod name;

use serde::Serialize;

pub use amount::{MoneyValue, PercentValue, QuantityValue};
pub use date::{Anchor, DateValue, Derivation, DurationValue, Grain, Interval, Modifier, SetValue};
pub use name::{OrgValue, PersonValue, PlaceValue, RoleValue};

use crate::error::RuleError;
use crate::ingest::Document;
use crate::rules::RuleSet;
use crate::span::Span;

/// A typed, normalized piece of text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    /// Where it is, in bytes into the document text.
    pub span: Span,
    /// The sentence it sits in.
    pub sentence: Span,
    /// Its normalized value.
    pub value: Value,
}

/// The normalized value of a mention; the variant is the mention's kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// A calendar date or period (TIMEX3 DATE).
    Date(DateValue),
    /// A time of day on a date (TIMEX3 TIME).
    Time(DateValue),
    /// A length of time, possibly placing an event (TIMEX3 DURATION).
    Duration(DurationValue),
    /// A recurring time (TIMEX3 SET).
    Set(SetValue),
    /// An amount of money.
    Money(MoneyValue),
    /// A percentage.
    Percent(PercentValue),
    /// A counted quantity.
    Quantity(QuantityValue),
    /// An organization.
    Org(OrgValue),
    /// A person.
    Person(PersonValue),
    /// A place.
    Place(PlaceValue),
    /// A role fact: a person, a role, maybe an organization.
    Role(RoleValue),
}

impl Mention {
    /// The kind name used in `extract` output: `date`, `time`, `duration`,
    /// `set`, `money`, `percent`, `quantity`, `org`, `person`, `place`, `role`.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Date(_) => "date",
            Value::Time(_) => "time",
            Value::Duration(_) => "duration",
            Value::Set(_) => "set",
            Value::Money(_) => "money",
            Value::Percent(_) => "percent",
            Value::Quantity(_) => "quantity",
            Value::Org(_) => "org",
            Value::Person(_) => "person",
            Value::Place(_) => "place",
            Value::Role(_) => "role",
        }
    }

    /// The TIMEX3 `value` of dates, times, durations and sets.
    pub fn timex(&self) -> Option<&str> {
        match &self.value {
            Value::Date(d) | Value::Time(d) => Some(&d.timex),
            Value::Duration(d) => Some(&d.timex),
            Value::Set(s) => Some(&s.timex),
            _ => None,
        }
    }
}

/// Context a recognizer needs besides the sentence text.
pub(crate) struct Context<'a> {
    /// The whole document text; spans index into it.
    pub(crate) text: &'a str,
    /// The sentence being read.
    pub(crate) sentence: Span,
}

/// All recognizers, compiled once.
#[derive(Debug)]
pub struct Extractor {
    dates: date::DateRecognizer,
    amounts: amount::AmountRecognizer,
    names: name::NameRecognizer,
}

impl Extractor {
    /// Compiles the recognizers from a rule set's language and entity files.
    pub fn new(rules: &RuleSet) -> Result<Self, RuleError> {
        Ok(Extractor {
            dates: date::DateRecognizer::new(&rules.lang)?,
            amounts: amount::AmountRecognizer::new(&rules.lang)?,
            names: name::NameRecognizer::new(rules),
        })
    }

    /// The mentions in the given sentences of `doc`, sorted by position.
    pub fn extract(&self, doc: &Document, sentences: &[Span]) -> Vec<Mention> {
        let mut out = Vec::with_capacity(expected_mentions(sentences));
        self.dates.find(&doc.text, sentences, doc.meta.published, &mut out);
        self.amounts.find(&doc.text, sentences, &mut out);
        self.names.find(&doc.text, sentences, &mut out);
        sorted(out)
    }

    /// The names alone (people, organizations, places and roles) in the
    /// given sentences of `doc`, sorted by position.
    pub fn names(&self, doc: &Document, sentences: &[Span]) -> Vec<Mention> {
        let mut out = Vec::new();
        self.names.find(&doc.text, sentences, &mut out);
        sorted(out)
    }

    /// The temporal mentions alone (dates, times, durations, sets) in the
    /// given sentences of `doc`, sorted by position.
    pub fn dates(&self, doc: &Document, sentences: &[Span]) -> Vec<Mention> {
        // Dates are about a fifth of all mentions (15,194 of 73,325 in TE3 silver).
        let mut out = Vec::with_capacity(expected_mentions(sentences) / 4);
        self.dates.find(&doc.text, sentences, doc.meta.published, &mut out);
        sorted(out)
    }

    /// The amounts alone (money, percentages, quantities) in the given
    /// sentences of `doc`, sorted by position.
    pub fn amounts(&self, doc: &Document, sentences: &[Span]) -> Vec<Mention> {
        let mut out = Vec::new();
        self.amounts.find(&doc.text, sentences, &mut out);
        sorted(out)
    }
}

/// Room for the mentions of `sentences`, all recognizers together: news
/// holds about one in 50 bytes (19 a kilobyte in TE3 silver). Reserved
/// once, the list is not copied into ever larger blocks as the recognizers
/// add to it, each copy a large allocation (most of the allocator's time
/// in extraction went there).
fn expected_mentions(sentences: &[Span]) -> usize {
    let bytes = match (sentences.first(), sentences.last()) {
        (Some(first), Some(last)) => last.end.saturating_sub(first.start),
        _ => 0,
    };
    bytes / 48 + 4
}

/// Mentions in document order; at one start, the longer first, and else
/// in the order found.
///
/// A mention is large (a hundred bytes and more), and sorting moved each
/// several times: the spans are sorted instead, each with its mention's
/// place, and each mention is then moved once.
fn sorted(out: Vec<Mention>) -> Vec<Mention> {
    let mut order: Vec<(usize, std::cmp::Reverse<usize>, usize)> = out
        .iter()
        .enumerate()
        .map(|(i, m)| (m.span.start, std::cmp::Reverse(m.span.end), i))
        .collect();
    // The place tells equal spans apart, as a stable sort would.
    order.sort_unstable();
    let mut found: Vec<Option<Mention>> = out.into_iter().map(Some).collect();
    // Every place is in the order once: the list is made at its size, not
    // grown (and copied) a mention at a time.
    let mut sorted = Vec::with_capacity(order.len());
    sorted.extend(order.iter().filter_map(|&(_, _, i)| found[i].take()));
    sorted
}

/// Builds a regex alternation of `words`, longest first so that "June" wins
/// over "Jun"; each word is escaped.
pub(crate) fn alternation<'a>(words: impl IntoIterator<Item = &'a String>) -> String {
    let mut words: Vec<&String> = words.into_iter().collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

/// Lowercased keys, for case-insensitive look-up of a matched word.
pub(crate) fn lower<T: Clone>(map: &std::collections::BTreeMap<String, T>) -> Vec<(String, T)> {
    map.iter().map(|(k, v)| (k.to_lowercase(), v.clone())).collect()
}

/// Compiles a pattern built from language words; a bad word in a language
/// file is a rule error, not a panic.
pub(crate) fn lang_regex(pattern: &str, what: &str) -> Result<regex::Regex, RuleError> {
    regex::Regex::new(pattern).map_err(|e| RuleError::Invalid {
        path: "rules/lang/en.yaml".into(),
        line: 1,
        message: format!("the {what} words do not make a valid pattern: {e}"),
    })
}
