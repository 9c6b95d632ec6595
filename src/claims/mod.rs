//! Claims: a document's mentions in, [`Claim`]s out.
//!
//! A claim rule fires on a sentence that holds one of its triggers. The
//! claim's subject is the canonical names of the entities of the rule's
//! subject kinds (organizations, people) that the sentence names nearest
//! the trigger, as many as the rule has subject roles; a
//! sentence that names fewer takes the subject of the previous claim of the
//! rule in the document (scope `inherit`), provided the names it does give
//! belong to that subject and that claim is at most [`INHERIT_WINDOW`]
//! sentences back: a subject is carried through a passage, not a whole
//! article, where the trigger word soon means something else. Each slot takes the mention of its kind nearest
//! the trigger, except that a date placed relative to an event ("two months
//! after [the investment]") is the date of the trigger's event when the
//! trigger lies inside that event's phrase.

mod bytes;
mod heads;
pub(crate) use bytes::{put_value, take_value};

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use chrono::NaiveDate;

use crate::error::RuleError;
use crate::extract::{DateValue, Grain, Mention, MoneyValue, PercentValue, QuantityValue, Value};
use crate::ingest::Document;
use crate::rules::{EntityKind, RuleKind, RuleSet, Scope, Slot, SlotKind, TriggerPattern};
use crate::span::Span;
use crate::util::{ends_word, starts_word};
use heads::{Found, Heads};

/// How many bytes of a long sentence each side of a value its evidence keeps.
pub const LINE_WINDOW: usize = 160;

/// The part of `line` (a sentence) a claim quotes for `span`: all of it
/// when it is short, else up to [`LINE_WINDOW`] bytes each side of the
/// span, cut at character boundaries.
fn window(text: &str, line: Span, span: Span) -> Span {
    if line.end - line.start <= 4 * LINE_WINDOW {
        return line;
    }
    let mut start = span.start.saturating_sub(LINE_WINDOW).max(line.start);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (span.end + LINE_WINDOW).min(line.end);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

/// How many sentences back a subject can be inherited from.
pub const INHERIT_WINDOW: usize = 4;

/// A value a claim gives its slot.
///
/// Values other than names are boxed: most claims are names, and an
/// unboxed date or amount would make every claim as large as the largest.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ClaimValue {
    /// A date.
    Date(Box<DateValue>),
    /// An amount of money.
    Money(Box<MoneyValue>),
    /// A percentage.
    Percent(Box<PercentValue>),
    /// A counted quantity.
    Count(Box<QuantityValue>),
    /// A person's full name as one source spells it, shared by the claims
    /// of its two keys.
    Name(Arc<NameSpelling>),
    /// A role fact: the role a person holds at an organization, or who
    /// holds a role there.
    Role(Box<RoleClaim>),
}

/// A role fact as a claim's value (see [`SlotKind::Role`]).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RoleClaim {
    /// The role, as the language file names it ("chief executive" for "CEO").
    pub role: String,
    /// The person's canonical name.
    pub person: String,
    /// Whether the role is temporary ("acting", "interim").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    /// Whether the value compared is the person (the key holds the
    /// organization and the role) rather than the role (the key holds the
    /// person and the organization).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub holder: bool,
}

impl RoleClaim {
    /// What the claim states: the person for a holder, else the role;
    /// "acting" in front when it is temporary.
    pub fn display(&self) -> String {
        let value = if self.holder { &self.person } else { &self.role };
        if self.acting {
            format!("{value} (acting)")
        } else {
            value.clone()
        }
    }
}

/// A person's full name as written, split for the `name-variant` comparison.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct NameSpelling {
    /// The name, words joined by single spaces ("Alexandr Wang").
    pub name: String,
    /// Its first word.
    pub given: String,
    /// Its last word, with the particles before it.
    pub surname: String,
    /// Whether the given-names list holds the given name: two listed given
    /// names that differ ("Mark", "Mary") are two people, not a misspelling.
    pub given_listed: bool,
    /// Whether the surnames list holds the surname ("Johnson", "Johnston").
    pub surname_listed: bool,
    /// Whether the words were not typed as a person's name but only left
    /// untyped (see [`OrgValue::guess`](crate::extract::OrgValue)): such a
    /// spelling is compared with people's names, not with other guesses.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub guess: bool,
}

impl ClaimValue {
    /// Human-readable form.
    pub fn display(&self) -> String {
        match self {
            ClaimValue::Date(d) => d.display(),
            ClaimValue::Money(m) => m.display(),
            ClaimValue::Percent(p) => p.display(),
            ClaimValue::Count(q) => q.display(),
            ClaimValue::Name(n) => n.name.clone(),
            ClaimValue::Role(r) => r.display(),
        }
    }

    /// The lowest number the value allows, for the numeric kinds.
    pub fn low(&self) -> Option<f64> {
        match self {
            ClaimValue::Date(_) => None,
            ClaimValue::Money(m) => Some(m.min),
            ClaimValue::Percent(p) => Some(p.min),
            ClaimValue::Count(q) => Some(q.min),
            ClaimValue::Name(_) | ClaimValue::Role(_) => None,
        }
    }

    /// Whether the value was computed from a relative expression rather than stated.
    pub fn is_derived(&self) -> bool {
        matches!(self, ClaimValue::Date(d) if d.derived.is_some())
    }
}

/// Where a claim was read: enough to show and locate it without the document.
///
/// What every claim of a document repeats (id, path, source, URL, headline,
/// story) is one shared [`Article`], and the sentence every claim of a
/// sentence repeats is shared too: a corpus makes hundreds of thousands of
/// claims, and what compare keeps of them is what a check's memory holds.
///
/// The value's words are not stored: they are the part of the sentence the
/// span marks ([`Evidence::text`]), so every constructor keeps the span
/// inside the sentence. Shards and reports still write every field of the
/// article and the words, as `doc`, `path`, …, `text`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(from = "EvidenceLine<'static>")]
pub struct Evidence {
    /// The document it was read in.
    pub article: Arc<Article>,
    /// The value's words, in bytes into the document text.
    pub span: Span,
    /// 1-based line of `span.start` in the document text.
    pub line: usize,
    /// 1-based column (in characters) of `span.start`.
    pub column: usize,
    /// The sentence that makes the claim (a window of it around the value
    /// when it is longer than four [`LINE_WINDOW`]s); it holds `span`.
    pub sentence: Arc<str>,
    /// Byte offset of `sentence` in the document text.
    pub sentence_start: usize,
}

/// What every claim of one document shares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// Document id.
    pub doc: Arc<str>,
    /// The file the document came from (shared by the documents of a file).
    pub path: Arc<str>,
    /// For JSON Lines, the record's line in the file.
    pub record_line: Option<usize>,
    /// The outlet, when known.
    pub source: Option<String>,
    /// The document's publication date, when known.
    pub published: Option<NaiveDate>,
    /// The document's URL, when known.
    pub url: Option<String>,
    /// The document's headline, when known.
    pub title: Option<String>,
    /// The story the document belongs to: its metadata's, else its folder
    /// (shared by the documents of a story).
    pub story: Option<Arc<str>>,
}

impl Article {
    /// A document known by its id and path alone.
    pub fn named(doc: &str, path: &str) -> Article {
        Article {
            doc: doc.into(),
            path: path.into(),
            record_line: None,
            source: None,
            published: None,
            url: None,
            title: None,
            story: None,
        }
    }
}

/// [`Evidence`] as shards write it: every field, and the value's words.
/// Written, it borrows them from the evidence; read, it owns them.
#[derive(serde::Serialize, serde::Deserialize)]
struct EvidenceLine<'a> {
    doc: Cow<'a, str>,
    path: Cow<'a, str>,
    record_line: Option<usize>,
    span: Span,
    line: usize,
    column: usize,
    text: Cow<'a, str>,
    sentence: Cow<'a, str>,
    sentence_start: usize,
    source: Option<Cow<'a, str>>,
    published: Option<NaiveDate>,
    url: Option<Cow<'a, str>>,
    title: Option<Cow<'a, str>>,
    story: Option<Cow<'a, str>>,
}

impl serde::Serialize for Evidence {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (e, a) = (self, &*self.article);
        fn borrowed<T: std::ops::Deref<Target = str>>(s: &Option<T>) -> Option<Cow<'_, str>> {
            s.as_deref().map(Cow::Borrowed)
        }
        EvidenceLine {
            doc: Cow::Borrowed(&a.doc),
            path: Cow::Borrowed(&a.path),
            record_line: a.record_line,
            span: e.span,
            line: e.line,
            column: e.column,
            text: Cow::Borrowed(e.text()),
            sentence: Cow::Borrowed(&e.sentence),
            sentence_start: e.sentence_start,
            source: borrowed(&a.source),
            published: a.published,
            url: borrowed(&a.url),
            title: borrowed(&a.title),
            story: borrowed(&a.story),
        }
        .serialize(serializer)
    }
}

impl From<EvidenceLine<'static>> for Evidence {
    /// The words a shard gives are those the span marks in its sentence;
    /// where they are not (a shard edited by hand), the sentence becomes
    /// the words, so that what was read is still what is shown.
    fn from(e: EvidenceLine<'static>) -> Self {
        let owned = |s: Option<Cow<'static, str>>| s.map(Cow::into_owned);
        let mut evidence = Evidence {
            article: Arc::new(Article {
                doc: e.doc.into(),
                path: e.path.into(),
                record_line: e.record_line,
                source: owned(e.source),
                published: e.published,
                url: owned(e.url),
                title: owned(e.title),
                story: e.story.map(Into::into),
            }),
            span: e.span,
            line: e.line,
            column: e.column,
            sentence: e.sentence.into(),
            sentence_start: e.sentence_start,
        };
        if evidence.text() != e.text {
            evidence.sentence_start = evidence.span.start;
            evidence.span.end = evidence.span.start + e.text.len();
            evidence.sentence = e.text.into();
        }
        evidence
    }
}

/// What every claim of one document shares, made once per document.
#[derive(Debug)]
pub struct Origin {
    article: Arc<Article>,
    /// The sentences quoted so far, so that the claims of one sentence share
    /// its text. (A span needs no keyed hash: it is looked up once a claim.)
    quoted: RefCell<HashMap<Span, Arc<str>, foldhash::fast::FixedState>>,
}

impl Origin {
    /// The shared fields of `doc`.
    pub fn new(doc: &Document) -> Self {
        Origin {
            article: Arc::new(Article {
                doc: doc.id.as_str().into(),
                path: doc.path.as_str().into(),
                record_line: doc.record_line,
                source: doc.meta.source.clone(),
                published: doc.meta.published,
                url: doc.meta.url.clone(),
                title: doc.meta.title.clone(),
                story: story(doc).map(Into::into),
            }),
            // Room for the sentences of a few claims, made once: grown from
            // nothing, the map would be rebuilt for most documents.
            quoted: RefCell::new(HashMap::with_capacity_and_hasher(8, Default::default())),
        }
    }

    /// The document's id, shared.
    pub fn doc(&self) -> Arc<str> {
        self.article.doc.clone()
    }

    /// The story the document belongs to.
    pub fn story(&self) -> Option<&str> {
        self.article.story.as_deref()
    }

    /// Forgets the sentences quoted so far: a new section of the document
    /// quotes others.
    pub fn forget_quotes(&self) {
        self.quoted.borrow_mut().clear();
    }

    /// `span` of `text`, shared with every earlier quote of the same span.
    fn quote(&self, text: &str, span: Span) -> Arc<str> {
        self.quoted
            .borrow_mut()
            .entry(span)
            .or_insert_with(|| span.slice(text).into())
            .clone()
    }
}

impl Evidence {
    /// Evidence for `span` in `doc`, inside `sentence`; `origin` is `doc`'s.
    pub fn new(origin: &Origin, doc: &Document, span: Span, sentence: Span) -> Self {
        let at = doc.line_col(span.start);
        // A run-on "sentence" (a page with no sentence ends) is cut to a
        // window around the value: every claim in it keeps its sentence.
        let quoted = window(&doc.text, sentence, span);
        Evidence {
            article: origin.article.clone(),
            span,
            line: at.line,
            column: at.column,
            sentence: origin.quote(&doc.text, quoted),
            sentence_start: quoted.start,
        }
    }

    /// The document's id.
    pub fn doc(&self) -> &str {
        &self.article.doc
    }

    /// The file the document came from.
    pub fn path(&self) -> &str {
        &self.article.path
    }

    /// For JSON Lines, the record's line in the file.
    pub fn record_line(&self) -> Option<usize> {
        self.article.record_line
    }

    /// The outlet, when known.
    pub fn source(&self) -> Option<&str> {
        self.article.source.as_deref()
    }

    /// The document's publication date, when known.
    pub fn published(&self) -> Option<NaiveDate> {
        self.article.published
    }

    /// The document's URL, when known.
    pub fn url(&self) -> Option<&str> {
        self.article.url.as_deref()
    }

    /// The document's headline, when known.
    pub fn title(&self) -> Option<&str> {
        self.article.title.as_deref()
    }

    /// The story the document belongs to.
    pub fn story(&self) -> Option<&str> {
        self.article.story.as_deref()
    }

    /// The value's words: the part of the sentence the span marks.
    pub fn text(&self) -> &str {
        let start = self.span.start.saturating_sub(self.sentence_start);
        let end = self.span.end.saturating_sub(self.sentence_start);
        self.sentence.get(start..end).unwrap_or("")
    }

    /// The outlet that counts as one source when ranking values by support.
    pub fn source_key(&self) -> &str {
        self.source().unwrap_or(self.doc())
    }

    /// The part of the sentence on the value's line, and its byte offset in
    /// the document: what a diagnostic shows under `path:line:column`.
    pub fn source_line(&self) -> (&str, usize) {
        let at = self
            .span
            .start
            .saturating_sub(self.sentence_start)
            .min(self.sentence.len());
        let at = (0..=at).rev().find(|&i| self.sentence.is_char_boundary(i)).unwrap_or(0);
        let start = self.sentence[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = self.sentence[at..].find('\n').map_or(self.sentence.len(), |i| at + i);
        let line = self.sentence[start..end].trim_end_matches('\r');
        (line, self.sentence_start + start)
    }
}

/// One claim: rule, subject and slot make its key; the value is compared.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Claim {
    /// The claim rule's id (shared by the rule's claims).
    pub rule: Arc<str>,
    /// Canonical subject names, sorted.
    pub subject: Arc<[String]>,
    /// The slot's name (shared by the slot's claims).
    pub slot: Arc<str>,
    /// The qualifiers the sentence sets (`round: Series B`), which join the
    /// key; empty when the rule has none or the sentence names none.
    pub qualifier: String,
    /// The value.
    pub value: ClaimValue,
    /// Where it was read; shared by the claims read from one place (a
    /// name's two spelling claims).
    pub evidence: Arc<Evidence>,
}

/// Writes `claim` at the end of `out` as a spill keeps it: all but its
/// document's fields, which whoever spills it keeps, shared. Strings,
/// numbers and the value are written as they are held (see [`bytes`]);
/// returns where the value's bytes are in `out`.
pub(crate) fn write_claim(claim: &Claim, out: &mut Vec<u8>) -> std::ops::Range<usize> {
    let value = write_fields(claim, out);
    crate::spill::put_str(out, &claim.evidence.sentence);
    value
}

/// Writes all of `claim` but its document's fields and its sentence at
/// the end of `out`, as [`read_fields`] reads them: a spill that holds
/// the claims of one sentence writes the sentence once. The claim's many
/// short strings and numbers take a byte or two each (see
/// [`put_varint`](crate::spill::put_varint)). Returns where the value's
/// bytes are in `out`.
pub(crate) fn write_fields(claim: &Claim, out: &mut Vec<u8>) -> std::ops::Range<usize> {
    use crate::spill::{put_text, put_varint};
    let e = &claim.evidence;
    put_text(out, &claim.rule);
    put_varint(out, claim.subject.len() as u64);
    claim.subject.iter().for_each(|s| put_text(out, s));
    put_text(out, &claim.slot);
    put_text(out, &claim.qualifier);
    let value_start = out.len();
    bytes::put_value(out, &claim.value);
    let value_at = value_start..out.len();
    for n in [e.span.start, e.span.end, e.line, e.column, e.sentence_start] {
        put_varint(out, n as u64);
    }
    value_at
}

/// The claim [`write_claim`] wrote at the start of `bytes`, read in
/// `article`; `bytes` is moved past it.
pub(crate) fn read_claim(bytes: &mut &[u8], article: Arc<Article>) -> Result<Claim, String> {
    let fields = Fields::take(bytes)?;
    let sentence = crate::spill::take_str(bytes)?;
    Ok(fields.claim(article, sentence.into(), &mut |name| name.into()))
}

/// The claim whose fields [`write_fields`] wrote at the start of `bytes`,
/// read in `article`, quoting `sentence`, with the rule id and slot name
/// that `names` holds; `bytes` is moved past it.
pub(crate) fn read_fields(
    bytes: &mut &[u8],
    article: Arc<Article>,
    sentence: Arc<str>,
    names: &mut Names,
) -> Result<Claim, String> {
    Fields::take(bytes).map(|fields| fields.claim(article, sentence, &mut |name| names.get(name)))
}

/// One copy of each rule id and slot name that a reader of many claims has
/// met: each claim read shares them instead of a copy of its own.
#[derive(Debug, Default)]
pub(crate) struct Names(Vec<Arc<str>>);

impl Names {
    /// Most names kept: a rule set has a few dozen rules and slots.
    const MOST: usize = 256;

    /// The copy of `name` held, made if there is none.
    fn get(&mut self, name: &str) -> Arc<str> {
        if let Some(held) = self.0.iter().find(|held| ***held == *name) {
            return held.clone();
        }
        let name: Arc<str> = name.into();
        if self.0.len() < Self::MOST {
            self.0.push(name.clone());
        }
        name
    }
}

/// What [`write_fields`] writes, read back.
struct Fields<'a> {
    rule: &'a str,
    subject: Arc<[String]>,
    slot: &'a str,
    qualifier: &'a str,
    value: ClaimValue,
    /// Span start and end, line, column and the sentence's start.
    numbers: [usize; 5],
}

impl<'a> Fields<'a> {
    fn take(bytes: &mut &'a [u8]) -> Result<Self, String> {
        use crate::spill::{take_text, take_varint};
        let rule = take_text(bytes)?;
        let subject: Arc<[String]> = match take_varint(bytes)? {
            // Most claims (names) have one: made without a vector first.
            1 => Arc::from([take_text(bytes)?.to_string()]),
            count => (0..count)
                .map(|_| take_text(bytes).map(str::to_string))
                .collect::<Result<Vec<String>, String>>()?
                .into(),
        };
        let slot = take_text(bytes)?;
        let qualifier = take_text(bytes)?;
        let value = bytes::take_value(bytes)?;
        let mut numbers = [0; 5];
        for n in &mut numbers {
            *n = usize::try_from(take_varint(bytes)?).map_err(|e| e.to_string())?;
        }
        Ok(Fields {
            rule,
            subject,
            slot,
            qualifier,
            value,
            numbers,
        })
    }

    /// The claim, in `article`, quoting `sentence`, its rule id and slot
    /// name made by `name`.
    fn claim(self, article: Arc<Article>, sentence: Arc<str>, name: &mut dyn FnMut(&str) -> Arc<str>) -> Claim {
        let [start, end, line, column, sentence_start] = self.numbers;
        Claim {
            rule: name(self.rule),
            subject: self.subject,
            slot: name(self.slot),
            qualifier: self.qualifier.to_string(),
            value: self.value,
            evidence: Arc::new(Evidence {
                article,
                span: Span::new(start, end),
                line,
                column,
                sentence,
                sentence_start,
            }),
        }
    }
}

/// Claim rules compiled for binding.
#[derive(Debug)]
pub struct Binder {
    rules: Vec<CompiledRule>,
    /// Every rule's trigger heads, and the rule of each: a sentence is
    /// read once for all rules, and a rule's triggers are tried only where
    /// one of its heads starts a word. Most sentences hold none.
    heads: Heads,
    /// Lowercased words that open an aside after a comma.
    asides: Vec<String>,
    /// Ids of the `name-variant` rules: each makes a claim of every
    /// person's full name.
    name_rules: Vec<Arc<str>>,
    /// The one slot of a `name-variant` rule.
    spelling: Arc<str>,
    /// The given names and surnames the rule set lists, looked up for
    /// every name claim: with a fixed hash, as the keys are the rule set's.
    given_names: HashSet<String, foldhash::fast::FixedState>,
    surnames: HashSet<String, foldhash::fast::FixedState>,
    /// The rules with a `role` slot: each makes a claim of every role fact
    /// of one of its roles.
    role_rules: Vec<RoleRule>,
}

/// A rule with a `role` slot, compiled.
#[derive(Debug)]
struct RoleRule {
    id: Arc<str>,
    slot: Arc<str>,
    /// The roles it compares, as the language file names them.
    roles: HashSet<String>,
    /// Whether the key is the organization and the role, and the value the
    /// person who holds it; else the key is the person and the
    /// organization, and the value the role.
    holder: bool,
}

#[derive(Debug)]
struct CompiledRule {
    id: Arc<str>,
    /// The name of each slot, shared by its claims.
    slot_names: Vec<Arc<str>>,
    /// How many subject entities the rule's key takes.
    roles: usize,
    /// The kinds of entity its subject roles name (organizations for a
    /// deal, a person for an age).
    kinds: Vec<EntityKind>,
    /// The most words between a subject entity and the trigger, if limited.
    subject_near: Option<usize>,
    scope: Scope,
    slots: Vec<Slot>,
    /// The index of its empty head (a trigger `*`), which starts at every
    /// character, if it has one.
    empty_head: Option<usize>,
    /// For each of the triggers' first words (its heads, each once), the
    /// triggers that start with it, in the rule's order, then those of the
    /// shorter heads it starts with, longest first, each with the length of
    /// its head: the first whose roles are where it places them is the one
    /// found.
    alternatives: Vec<Vec<(usize, usize)>>,
    /// The triggers, with their roles as indexes into `kinds`.
    patterns: Vec<Pattern>,
    /// Qualifier name, its words as written, and their matcher.
    qualifiers: Vec<(String, Vec<String>, AhoCorasick)>,
}

/// A trigger of a compiled rule (see [`TriggerPattern`]).
#[derive(Debug)]
struct Pattern {
    /// Whether the last words may be followed by more word characters.
    prefix: bool,
    /// The role whose entity stands before the words.
    before: Option<usize>,
    /// Roles whose entity stands right after the words before it, and the
    /// words after it.
    gaps: Vec<(usize, String)>,
    /// The role whose entity stands after the words.
    after: Option<usize>,
}

impl Pattern {
    fn new(trigger: &TriggerPattern, roles: &[&String]) -> Self {
        let index = |role: &String| roles.iter().position(|r| *r == role).unwrap_or(0);
        Pattern {
            prefix: trigger.prefix,
            before: trigger.before.as_ref().map(index),
            gaps: trigger
                .gaps
                .iter()
                .map(|(role, words)| (index(role), words.clone()))
                .collect(),
            after: trigger.after.as_ref().map(index),
        }
    }

    /// Whether the trigger says where any role stands: then every role is
    /// filled by its own kind.
    fn places_roles(&self) -> bool {
        self.before.is_some() || self.after.is_some() || !self.gaps.is_empty()
    }
}

/// The hits of one rule's triggers in one sentence of a document.
struct Triggered {
    /// The sentence, an index into the document's sentences.
    sentence: usize,
    /// The rule, an index into [`Binder::rules`].
    rule: usize,
    /// Never empty.
    hits: Vec<Hit>,
}

/// A trigger found in a sentence.
#[derive(Clone, Debug)]
struct Hit {
    /// Its words, from the head to the last words after a gap.
    span: Span,
    /// The trigger it is, an index into [`CompiledRule::patterns`].
    pattern: usize,
    /// The entities that fill the trigger's gaps: role and span.
    bound: Vec<(usize, Span)>,
}

impl Binder {
    /// Compiles the triggers of every claim rule.
    pub fn new(rules: &RuleSet) -> Result<Self, RuleError> {
        let mut compiled = Vec::new();
        // Every rule's trigger words, each with its rule and its index among
        // the rule's.
        let mut all_words: Vec<(&str, usize, usize)> = Vec::new();
        let is_role = |r: &crate::rules::Rule| r.slots.iter().any(|s| s.kind == SlotKind::Role);
        let role_rules: Vec<RoleRule> = rules
            .rules
            .iter()
            .filter(|r| r.kind == RuleKind::Claim)
            .filter_map(RoleRule::new)
            .collect();
        for rule in rules.rules.iter().filter(|r| r.kind == RuleKind::Claim && !is_role(r)) {
            // Triggers that share their first words are tried in turn.
            let mut words: Vec<&str> = Vec::new();
            let mut own: Vec<Vec<usize>> = Vec::new();
            for (i, pattern) in rule.patterns.iter().enumerate() {
                let head = pattern.head.as_str();
                match words.iter().position(|w| w.eq_ignore_ascii_case(head)) {
                    Some(at) => own[at].push(i),
                    None => {
                        words.push(head);
                        own.push(vec![i]);
                    }
                }
            }
            // The longest head is the one searched for; when none of its
            // triggers holds, a shorter head it starts with may ("investment
            // in" with no organization after it is still "investment").
            let alternatives = words
                .iter()
                .map(|word| {
                    let mut shorter: Vec<usize> = (0..words.len())
                        .filter(|&j| {
                            let w = words[j];
                            w.len() <= word.len() && word.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
                        })
                        .collect();
                    shorter.sort_by_key(|&j| std::cmp::Reverse(words[j].len()));
                    shorter
                        .iter()
                        .flat_map(|&j| {
                            let len = words[j].len();
                            own[j].iter().map(move |&p| (p, len))
                        })
                        .collect()
                })
                .collect();
            all_words.extend(words.iter().enumerate().map(|(word, &w)| (w, compiled.len(), word)));
            let roles: Vec<&String> = rule.subject.keys().collect();
            let patterns = rule.patterns.iter().map(|p| Pattern::new(p, &roles)).collect();
            let mut qualifiers = Vec::new();
            for (name, words) in &rule.qualifiers {
                let matcher = AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(words)
                    .map_err(|e| RuleError::Invalid {
                        path: rule.path.clone(),
                        line: rule.line,
                        message: format!("qualifier `{name}` cannot be compiled: {e}"),
                    })?;
                qualifiers.push((name.clone(), words.clone(), matcher));
            }
            compiled.push(CompiledRule {
                id: rule.id.as_str().into(),
                slot_names: rule.slots.iter().map(|s| Arc::from(s.name.as_str())).collect(),
                roles: rule.subject.len(),
                kinds: rule.subject.values().copied().collect(),
                subject_near: rule.subject_near,
                scope: rule.scope,
                slots: rule.slots.clone(),
                empty_head: words.iter().position(|w| w.is_empty()),
                alternatives,
                patterns,
                qualifiers,
            });
        }
        Ok(Binder {
            rules: compiled,
            heads: Heads::new(all_words),
            asides: rules.lang.asides.iter().map(|w| w.to_lowercase()).collect(),
            name_rules: rules
                .rules
                .iter()
                .filter(|r| r.kind == RuleKind::NameVariant)
                .map(|r| Arc::from(r.id.as_str()))
                .collect(),
            spelling: Arc::from("spelling"),
            given_names: rules.given_names.iter().cloned().collect(),
            surnames: rules.surnames.iter().cloned().collect(),
            role_rules,
        })
    }

    /// The claims of rules with a `role` slot: one per role fact of one of
    /// the rule's roles that names an organization and is not a past role
    /// ("former CEO" states no current role).
    fn role_claims(&self, origin: &Origin, doc: &Document, mentions: &[Mention], out: &mut Vec<Claim>) {
        if self.role_rules.is_empty() {
            return;
        }
        for m in mentions {
            let Value::Role(fact) = &m.value else { continue };
            let Some(org) = fact.org.as_deref().filter(|_| !fact.former) else {
                continue;
            };
            let mut evidence = None;
            for rule in self.role_rules.iter().filter(|r| r.roles.contains(&fact.role)) {
                let (mut subject, qualifier) = if rule.holder {
                    (vec![org.to_string()], format!("role: {}", fact.role))
                } else {
                    (vec![org.to_string(), fact.person.clone()], String::new())
                };
                subject.sort();
                let evidence = evidence
                    .get_or_insert_with(|| Arc::new(Evidence::new(origin, doc, m.span, m.sentence)))
                    .clone();
                out.push(Claim {
                    rule: rule.id.clone(),
                    subject: subject.into(),
                    slot: rule.slot.clone(),
                    qualifier,
                    value: ClaimValue::Role(Box::new(RoleClaim {
                        role: fact.role.clone(),
                        person: fact.person.clone(),
                        acting: fact.acting,
                        holder: rule.holder,
                    })),
                    evidence,
                });
            }
        }
    }

    /// The name claims of `name-variant` rules: two per full name written
    /// out in a document (not a known entity, not a short form; a person's,
    /// or capitalized words typed only by guess), keyed so
    /// that names that could be one misspelt the other meet in a group.
    /// "Alexandr Wang" is keyed as "A. Wang" (its given name is compared)
    /// and as "Alexandr W." (its surname is compared).
    fn name_claims(&self, origin: &Origin, doc: &Document, mentions: &[Mention], out: &mut Vec<Claim>) {
        for m in mentions {
            // A person's name written out in full, or capitalized words that
            // nothing typed: a misspelt surname ("Arte Moreeo") is often no
            // longer recognized as a person's.
            let (canonical, surname, guess) = match &m.value {
                Value::Person(p) if !p.known && !p.short && p.given.is_some() => {
                    let Some(surname) = p.surname.as_deref() else { continue };
                    (p.canonical.as_str(), surname, false)
                }
                Value::Org(o) if o.guess => {
                    let Some((_, last)) = o.canonical.rsplit_once(' ') else {
                        continue;
                    };
                    (o.canonical.as_str(), last, true)
                }
                _ => continue,
            };
            // The name as written, its words one space apart, with straight
            // apostrophes; most names are written so already.
            let written = m.span.slice(&doc.text);
            let name: Cow<'_, str> = if spaced_plainly(written) {
                Cow::Borrowed(written)
            } else {
                Cow::Owned(
                    written
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .replace('’', "'"),
                )
            };
            // Only a name as written in full, of two to four words.
            let words = name.bytes().filter(|&b| b == b' ').count() + 1;
            if name != canonical || !(2..=4).contains(&words) {
                continue;
            }
            let given = name.split_once(' ').map_or(&*name, |(given, _)| given);
            let spelling = Arc::new(NameSpelling {
                given: given.to_string(),
                surname: surname.to_string(),
                given_listed: self.given_names.contains(given),
                surname_listed: self.surnames.contains(surname),
                name: name.to_string(),
                guess,
            });
            // The keys: "A. Wang" and "Alexandr W.".
            let initial = |key: &mut String, w: &str| {
                if let Some(c) = w.chars().next() {
                    key.push(c);
                    key.push('.');
                }
            };
            let mut short_given = String::with_capacity(name.len() + 2);
            initial(&mut short_given, given);
            short_given.push(' ');
            short_given.push_str(surname);
            let mut short_surname = String::with_capacity(name.len() + 2);
            short_surname.push_str(given);
            short_surname.push(' ');
            initial(&mut short_surname, surname);
            let evidence = Arc::new(Evidence::new(origin, doc, m.span, m.sentence));
            for (n, rule) in self.name_rules.iter().enumerate() {
                // The last rule's claims take the keys; the others copy them.
                let last = n + 1 == self.name_rules.len();
                for key in [&mut short_given, &mut short_surname] {
                    let key = if last { std::mem::take(key) } else { key.clone() };
                    out.push(Claim {
                        rule: rule.clone(),
                        subject: Arc::from([key]),
                        slot: self.spelling.clone(),
                        qualifier: String::new(),
                        value: ClaimValue::Name(spelling.clone()),
                        evidence: evidence.clone(),
                    });
                }
            }
        }
    }

    /// The claims every claim rule makes in `doc`; `mentions` must be sorted
    /// by start, as [`Extractor::extract`](crate::extract::Extractor::extract) returns them.
    pub fn bind(&self, origin: &Origin, doc: &Document, sentences: &[Span], mentions: &[Mention]) -> Vec<Claim> {
        let mut claims = Vec::new();
        // Every rule's triggers in every sentence: a value goes to the rule
        // whose trigger is nearest ("killing 10 people and wounding 70").
        // Most sentences hold none: only those that do are listed, by
        // sentence, then rule.
        let mut all: Vec<Triggered> = Vec::new();
        let mut found = Vec::new();
        let anywhere = self.rules.iter().any(|r| r.empty_head.is_some());
        for (index, &sentence) in sentences.iter().enumerate() {
            found.clear();
            self.heads.find(sentence.slice(&doc.text), &mut found);
            if found.is_empty() && !anywhere {
                continue;
            }
            let in_sentence = within(mentions, sentence);
            for (rule, compiled) in self.rules.iter().enumerate() {
                let own = found.iter().filter(|f| f.rule == rule);
                if compiled.empty_head.is_none() && own.clone().next().is_none() {
                    continue;
                }
                let hits = compiled.trigger_hits(&doc.text, sentence, &in_sentence, own);
                if !hits.is_empty() {
                    all.push(Triggered {
                        sentence: index,
                        rule,
                        hits,
                    });
                }
            }
        }
        // The hits of rule `q` in sentence `index`.
        let hits_of = |q: usize, index: usize| {
            let from = all.partition_point(|t| t.sentence < index);
            all[from..]
                .iter()
                .take_while(|t| t.sentence == index)
                .find(|t| t.rule == q)
                .map_or(&[][..], |t| t.hits.as_slice())
        };
        for (r, compiled) in self.rules.iter().enumerate() {
            let mut previous: Option<(usize, Vec<String>)> = None;
            for (index, hits) in all.iter().filter(|t| t.rule == r).map(|t| (t.sentence, &t.hits)) {
                let sentence = sentences[index];
                let Some(first) = hits.first() else { continue };
                let triggers: Vec<Span> = hits.iter().map(|h| h.span).collect();
                let triggers = triggers.as_slice();
                let in_sentence = within(mentions, sentence);
                let recent = previous.as_ref().filter(|(at, _)| index - at <= INHERIT_WINDOW);
                let subject = match compiled.scope {
                    Scope::Story => origin.story().map(|s| vec![s.to_string()]),
                    _ => compiled.subject(&doc.text, &in_sentence, first, recent.map(|(_, s)| s.as_slice())),
                };
                let first = first.span;
                let Some(subject) = subject else {
                    continue;
                };
                // Values in an aside that does not hold the trigger describe
                // a party ("which has $12.5 billion in assets"), not the claim.
                let asides = self.asides(&doc.text, sentence);
                let values: Vec<&Mention> = in_sentence
                    .iter()
                    .copied()
                    .filter(|m| !asides.iter().any(|a| a.contains(m.span) && !a.contains(first)))
                    .collect();
                let qualifier = compiled.qualifier(sentence.slice(&doc.text));
                let mut made = false;
                for (slot, slot_name) in compiled.slots.iter().zip(&compiled.slot_names) {
                    if slot.undated && values.iter().any(|m| names_period(m)) {
                        continue;
                    }
                    let rivals: Vec<Span> = (0..self.rules.len())
                        .filter(|&q| q != r && self.rules[q].slots.iter().any(|s| s.kind == slot.kind))
                        .flat_map(|q| hits_of(q, index).iter().map(|h| h.span))
                        .filter(|t| !triggers.iter().any(|own| own.contains(*t) || t.contains(*own)))
                        .collect();
                    let own: Vec<&Mention> = values
                        .iter()
                        .copied()
                        .filter(|m| nearest_distance(m.span, &rivals) >= nearest_distance(m.span, triggers))
                        .collect();
                    let Some((value, span)) = slot_value(slot, &own, triggers) else {
                        continue;
                    };
                    if let Some(most) = slot.near {
                        if words_to_trigger(&doc.text, span, triggers) > most {
                            continue;
                        }
                    }
                    claims.push(Claim {
                        rule: compiled.id.clone(),
                        subject: Arc::from(subject.as_slice()),
                        slot: slot_name.clone(),
                        qualifier: qualifier.clone(),
                        value,
                        evidence: Arc::new(Evidence::new(origin, doc, span, sentence)),
                    });
                    made = true;
                }
                // A trigger sentence with a subject sets the subject for the
                // sentences after it, whether or not it gave a value.
                if made || subject.len() >= compiled.roles {
                    previous = Some((index, subject));
                }
            }
        }
        self.name_claims(origin, doc, mentions, &mut claims);
        self.role_claims(origin, doc, mentions, &mut claims);
        claims
    }
}

impl Binder {
    /// The asides of a sentence: from a comma followed by an aside word to
    /// the next comma, semicolon or dash, or the sentence's end.
    fn asides(&self, text: &str, sentence: Span) -> Vec<Span> {
        let s = sentence.slice(text);
        let mut out = Vec::new();
        for (comma, _) in s.match_indices(", ") {
            let after = &s[comma + 2..];
            let word_end = after.find(|c: char| !c.is_alphabetic()).unwrap_or(after.len());
            if !self.asides.iter().any(|w| w.eq_ignore_ascii_case(&after[..word_end])) {
                continue;
            }
            let end = after.find([',', ';', '—', '–']).map_or(s.len(), |i| comma + 2 + i);
            out.push(Span::new(comma, end).shift(sentence.start));
        }
        out
    }
}

impl RoleRule {
    /// Compiles `rule`, whose role slot names its roles as the language
    /// file does (the rule set has named them on loading).
    fn new(rule: &crate::rules::Rule) -> Option<Self> {
        let slot = rule.slots.iter().find(|s| s.kind == SlotKind::Role)?;
        Some(RoleRule {
            id: rule.id.as_str().into(),
            slot: slot.name.as_str().into(),
            roles: slot.roles.iter().cloned().collect(),
            holder: !rule.subject.values().any(|&k| k == EntityKind::Person),
        })
    }
}

impl CompiledRule {
    /// `name: word` for each qualifier whose words the sentence holds (the
    /// first at a word boundary, as the rule writes it), joined by `, `.
    fn qualifier(&self, sentence: &str) -> String {
        let mut found = Vec::new();
        for (name, words, matcher) in &self.qualifiers {
            let hit = matcher
                .find_iter(sentence)
                .find(|m| starts_word(sentence, m.start()) && ends_word(sentence, m.end()));
            if let Some(m) = hit {
                found.push(format!("{name}: {}", words[m.pattern().as_usize()]));
            }
        }
        found.join(", ")
    }

    /// Trigger occurrences in a sentence, at word boundaries, with the
    /// entities among the sentence's `mentions` that fill the roles the
    /// trigger places; `found` are the rule's heads in the sentence, in
    /// the order of where they start. A trigger whose roles are not where
    /// it places them is not found, and the next trigger with the same
    /// first words, or with fewer of them, is tried.
    fn trigger_hits<'f>(
        &self,
        text: &str,
        sentence: Span,
        mentions: &[&Mention],
        found: impl Iterator<Item = &'f Found>,
    ) -> Vec<Hit> {
        let s = sentence.slice(text);
        let skip_space = |at: usize| at + (s[at..].len() - s[at..].trim_start().len());
        // Where a head starts, the longest there: what a leftmost-longest
        // search finds from that place on.
        let mut starts: Vec<(usize, usize, usize)> = Vec::new();
        for f in found {
            match starts.last_mut() {
                Some((at, word, len)) if *at == f.at => {
                    if f.len > *len {
                        (*word, *len) = (f.word, f.len);
                    }
                }
                _ => starts.push((f.at, f.word, f.len)),
            }
        }
        if let Some(empty) = self.empty_head {
            // An empty head starts at every character: the longest where
            // no other does.
            let mut others = starts.into_iter().peekable();
            starts = s
                .char_indices()
                .map(|(at, _)| others.next_if(|&(o, _, _)| o == at).unwrap_or((at, empty, 0)))
                .collect();
        }
        let mut hits = Vec::new();
        let mut from = 0;
        // Each place in turn, not only past the last match: where no
        // trigger holds at a head, the search goes on from its next
        // character, not from its end ("to buy out" is "buy out" when "to
        // buy" finds no one bought).
        for (start, word, _) in starts {
            if start < from || !starts_word(s, start) {
                continue;
            }
            let hit = self.alternatives[word].iter().find_map(|&(p, len)| {
                let pattern = &self.patterns[p];
                let mut end = start + len;
                let mut bound: Vec<(usize, Span)> = Vec::new();
                for (i, (role, words)) in pattern.gaps.iter().enumerate() {
                    if !ends_word(s, end) {
                        return None;
                    }
                    let at = sentence.start + skip_space(end);
                    let kind = self.kinds[*role];
                    let entity = mentions
                        .iter()
                        .filter(|m| m.span.start == at && entity(m).is_some_and(|(k, _)| k == kind))
                        .max_by_key(|m| m.span.end)?;
                    bound.push((*role, entity.span));
                    let from = skip_space(entity.span.end - sentence.start);
                    let found = s
                        .get(from..from + words.len())
                        .is_some_and(|w| w.eq_ignore_ascii_case(words));
                    let last = i + 1 == pattern.gaps.len();
                    if !found || !(last && pattern.prefix || ends_word(s, from + words.len())) {
                        return None;
                    }
                    end = from + words.len();
                }
                if pattern.gaps.is_empty() && !pattern.prefix && !ends_word(s, end) {
                    return None;
                }
                let span = Span::new(start, end).shift(sentence.start);
                for (role, before) in [(pattern.before, true), (pattern.after, false)] {
                    let Some(role) = role else { continue };
                    let taken: Vec<&str> = bound
                        .iter()
                        .filter_map(|(_, at)| mentions.iter().find(|m| m.span == *at).and_then(|m| entity(m)))
                        .map(|(_, name)| name)
                        .collect();
                    let side = mentions
                        .iter()
                        .filter(|m| {
                            if before {
                                m.span.end <= span.start
                            } else {
                                m.span.start >= span.end
                            }
                        })
                        .filter(|m| same_clause(text, m.span, span) && self.near_subject(text, m.span, span))
                        .filter(|m| entity(m).is_some_and(|(k, name)| k == self.kinds[role] && !taken.contains(&name)))
                        .min_by_key(|m| (distance(m.span, span), m.span.start))?;
                    bound.push((role, side.span));
                }
                Some(Hit {
                    span,
                    pattern: p,
                    bound,
                })
            });
            if let Some(hit) = hit {
                from = hit.span.end - sentence.start;
                hits.push(hit);
            }
        }
        hits
    }

    /// Whether an entity at `span` is near enough the trigger to be a subject.
    fn near_subject(&self, text: &str, span: Span, trigger: Span) -> bool {
        self.subject_near
            .is_none_or(|most| words_between(text, span, trigger) <= most)
    }

    /// The claim's subject, from the sentence or inherited.
    fn subject(
        &self,
        text: &str,
        mentions: &[&Mention],
        hit: &Hit,
        previous: Option<&[String]>,
    ) -> Option<Vec<String>> {
        let roles = self.roles;
        let trigger = hit.span;
        let mut names: Vec<String> = Vec::new();
        if self.patterns[hit.pattern].places_roles() {
            // Each role by its own kind: the entities where the trigger
            // places them, the nearest for the rest.
            let mut filled: Vec<Option<&str>> = vec![None; roles];
            for &(role, span) in &hit.bound {
                filled[role] = mentions
                    .iter()
                    .find(|m| m.span == span)
                    .and_then(|m| entity(m))
                    .map(|(_, n)| n);
            }
            for role in 0..roles {
                if filled[role].is_some() {
                    continue;
                }
                filled[role] = mentions
                    .iter()
                    .filter(|m| self.near_subject(text, m.span, trigger))
                    .filter_map(|m| entity(m).map(|(kind, name)| (m.span, kind, name)))
                    .filter(|(_, kind, name)| *kind == self.kinds[role] && !filled.contains(&Some(*name)))
                    .min_by_key(|(span, _, _)| (distance(*span, trigger), span.start))
                    .map(|(_, _, name)| name);
            }
            names.extend(filled.iter().flatten().map(|n| n.to_string()));
        } else {
            let mut found: Vec<(usize, &str)> = mentions
                .iter()
                .filter(|m| self.near_subject(text, m.span, trigger))
                .filter_map(|m| entity(m).map(|(kind, name)| (m.span, kind, name)))
                .filter(|(_, kind, _)| self.kinds.contains(kind))
                .map(|(span, _, name)| (distance(span, trigger), name))
                .collect();
            found.sort();
            for (_, name) in found {
                if !names.iter().any(|n| n == name) {
                    names.push(name.to_string());
                }
            }
        }
        let inherits = |names: &[String]| {
            previous
                .filter(|p| names.iter().all(|n| p.contains(n)))
                .map(<[String]>::to_vec)
        };
        if names.len() >= roles {
            names.truncate(roles);
            names.sort();
            // The same entities as the previous claim keep its subject whole.
            return Some(inherits(&names).unwrap_or(names));
        }
        match self.scope {
            Scope::Inherit => inherits(&names),
            Scope::Sentence | Scope::Story => None,
        }
    }
}

/// The story a document belongs to: its `story` metadata, else, for a file,
/// the folder it sits in (one folder a story). A JSON Lines record without
/// a story has none: its file may hold many stories.
pub(crate) fn story(doc: &Document) -> Option<String> {
    if let Some(story) = &doc.meta.story {
        return Some(story.clone());
    }
    if doc.record_line.is_some() {
        return None;
    }
    let (dir, _) = doc.path.rsplit_once('/')?;
    let name = dir.rsplit('/').next().unwrap_or(dir);
    (!name.is_empty() && name != "." && name != "..").then(|| name.to_string())
}

/// The mentions inside `sentence`; `mentions` is sorted by start, so this
/// is a binary search, not a scan per sentence.
fn within(mentions: &[Mention], sentence: Span) -> Vec<&Mention> {
    let first = mentions.partition_point(|m| m.span.start < sentence.start);
    mentions[first..]
        .iter()
        .take_while(|m| m.span.start < sentence.end)
        .filter(|m| sentence.contains(m.span))
        .collect()
}

/// The first value of `slot`'s kind among `mentions`: how a verified fact's
/// written value is read.
pub(crate) fn value_of(slot: &Slot, mentions: &[Mention]) -> Option<ClaimValue> {
    let all: Vec<&Mention> = mentions.iter().collect();
    slot_value(slot, &all, &[Span::new(0, 0)]).map(|(value, _)| value)
}

/// The value `slot` takes in a sentence with these triggers.
fn slot_value(slot: &Slot, mentions: &[&Mention], triggers: &[Span]) -> Option<(ClaimValue, Span)> {
    let first = *triggers.first()?;
    match slot.kind {
        SlotKind::Date => {
            let anchored = mentions.iter().find_map(|m| match &m.value {
                Value::Duration(d) => d
                    .anchor
                    .as_ref()
                    .filter(|a| triggers.iter().any(|t| a.event.contains(*t)))
                    .map(|a| (ClaimValue::Date(Box::new(a.date.clone())), m.span)),
                _ => None,
            });
            anchored.or_else(|| {
                nearest(mentions, first, |v| match v {
                    Value::Date(d) if d.interval.is_some() => Some(ClaimValue::Date(Box::new(d.clone()))),
                    _ => None,
                })
            })
        }
        SlotKind::Money => nearest(mentions, first, |v| match v {
            Value::Money(m) => Some(ClaimValue::Money(Box::new(m.clone()))),
            _ => None,
        }),
        SlotKind::Percent => nearest(mentions, first, |v| match v {
            Value::Percent(p) => Some(ClaimValue::Percent(Box::new(p.clone()))),
            _ => None,
        }),
        SlotKind::Count => nearest(mentions, first, |v| match v {
            Value::Quantity(q) if slot.units.is_empty() || slot.units.contains(&q.unit) => {
                Some(ClaimValue::Count(Box::new(q.clone())))
            }
            _ => None,
        }),
        // Names are claimed by `name-variant` rules and roles from role
        // facts, not by trigger sentences.
        SlotKind::Name | SlotKind::Role => None,
    }
}

fn nearest(
    mentions: &[&Mention],
    trigger: Span,
    pick: impl Fn(&Value) -> Option<ClaimValue>,
) -> Option<(ClaimValue, Span)> {
    mentions
        .iter()
        .filter_map(|m| pick(&m.value).map(|v| (distance(m.span, trigger), m.span, v)))
        .min_by_key(|(d, span, _)| (*d, span.start))
        .map(|(_, span, v)| (v, span))
}

/// Whether a mention names a month, season, year or coarser period stated
/// in the text (not computed from an offset).
fn names_period(m: &Mention) -> bool {
    match &m.value {
        Value::Date(d) if d.derived.is_none() => match &d.interval {
            Some(i) => i.grain >= Grain::Month,
            // Unresolved without a publication date: `XXXX-02` is a month,
            // `XXXX-02-12` a day, `PAST_REF` no period at all.
            None => d.timex.split('-').count() == 2,
        },
        _ => false,
    }
}

/// Words between a value and the nearest trigger of the same clause; 0
/// when they touch. A comma, semicolon or "and" between them ends the
/// clause: in "killing 10 people and injuring 70", 10 is not the injured.
fn words_to_trigger(text: &str, value: Span, triggers: &[Span]) -> usize {
    triggers
        .iter()
        .filter_map(|&t| {
            let between = between(text, t, value);
            let words: Vec<&str> = between.split_whitespace().collect();
            let breaks = between.contains([',', ';']) || words.iter().any(|w| w.eq_ignore_ascii_case("and"));
            (!breaks).then_some(words.len())
        })
        .min()
        .unwrap_or(usize::MAX)
}

/// Whether a name is written with its words one space apart, no other
/// space between or around them and no curly apostrophe: as a name claim
/// keeps it. One pass over the name; most are written so.
fn spaced_plainly(written: &str) -> bool {
    // Whether the last character was a space, or there was none: a space
    // there would end an empty word.
    let mut after_space = true;
    for c in written.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if c == '’' || c.is_whitespace() {
            return false;
        } else {
            after_space = false;
        }
    }
    !after_space
}

/// The kind and canonical name of an entity mention.
fn entity(m: &Mention) -> Option<(EntityKind, &str)> {
    match &m.value {
        Value::Org(o) => Some((EntityKind::Org, &o.canonical)),
        Value::Person(p) => Some((EntityKind::Person, &p.canonical)),
        Value::Place(p) => Some((EntityKind::Place, &p.canonical)),
        _ => None,
    }
}

/// Whether no punctuation that ends a clause or opens an aside (a comma,
/// semicolon, colon, bracket or dash) stands between two spans.
fn same_clause(text: &str, a: Span, b: Span) -> bool {
    !between(text, a, b).contains([',', ';', ':', '(', ')', '—', '–'])
}

/// Words between two spans; 0 when they touch or overlap.
fn words_between(text: &str, a: Span, b: Span) -> usize {
    between(text, a, b)
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The text between two spans, whichever comes first; empty when they
/// touch or overlap.
fn between(text: &str, a: Span, b: Span) -> &str {
    let (from, to) = if a.end <= b.start {
        (a.end, b.start)
    } else {
        (b.end, a.start.max(b.end))
    };
    text.get(from..to).unwrap_or("")
}

/// Bytes from a span to the nearest of `triggers`; `usize::MAX` when none.
fn nearest_distance(span: Span, triggers: &[Span]) -> usize {
    triggers.iter().map(|&t| distance(span, t)).min().unwrap_or(usize::MAX)
}

/// Bytes between two spans; 0 when they overlap.
fn distance(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Document, Engine, RuleSet};

    #[test]
    fn a_name_is_spaced_plainly_as_its_split_words_say() {
        let pieces = [
            "Ana", " ", "  ", "\u{a0}", "\t", "O’Neil", "O'Neil", "é", "\n", "Li", "-",
        ];
        for name in crate::util::random_texts(&pieces, 4000, 8) {
            let plain = !name.contains('’')
                && name
                    .split(' ')
                    .all(|w| !w.is_empty() && !w.contains(char::is_whitespace));
            assert_eq!(super::spaced_plainly(&name), plain, "{name:?}");
        }
    }

    #[test]
    fn a_spilled_claim_reads_back_whole_and_a_cut_one_is_an_error() {
        let engine = Engine::new(RuleSet::embedded().unwrap()).unwrap();
        let text = "Meta invested $14.3 billion in Scale AI in June 2025, Mark Zuckerberg said.";
        let claims = engine.claims(&Document::from_text("d", text, None));
        assert!(claims.len() >= 4, "{claims:#?}");
        let mut bytes = Vec::new();
        for claim in &claims {
            let value = super::write_claim(claim, &mut bytes);
            assert_eq!(super::bytes::take_value(&mut &bytes[value]), Ok(claim.value.clone()));
        }
        let mut at = bytes.as_slice();
        for claim in &claims {
            let back = super::read_claim(&mut at, claim.evidence.article.clone()).unwrap();
            assert_eq!(&back, claim);
        }
        assert!(at.is_empty());
        // Every cut of the first claim's bytes is an error, never a panic.
        let mut one = Vec::new();
        super::write_claim(&claims[0], &mut one);
        for len in 0..one.len() {
            let article = claims[0].evidence.article.clone();
            assert!(super::read_claim(&mut &one[..len], article).is_err(), "cut at {len}");
        }
    }

    #[test]
    fn evidence_writes_its_words_and_reads_back_what_a_shard_says() {
        let engine = Engine::new(RuleSet::embedded().unwrap()).unwrap();
        let doc = Document::from_text("d", "Meta invested $14.3 billion in Scale AI in June 2025.", None);
        let claim = engine.claims(&doc).into_iter().find(|c| &*c.slot == "date").unwrap();
        let evidence = &*claim.evidence;
        assert_eq!(evidence.text(), "June 2025");
        let line = serde_json::to_value(evidence).unwrap();
        assert_eq!(line["text"], "June 2025");
        assert_eq!(line["doc"], "d");
        let back: super::Evidence = serde_json::from_value(line.clone()).unwrap();
        assert_eq!(&back, evidence);
        // A shard whose words are not its span's still shows its words.
        let mut edited = line;
        edited["text"] = "July 2025".into();
        let back: super::Evidence = serde_json::from_value(edited).unwrap();
        assert_eq!(back.text(), "July 2025");
        assert_eq!(back.doc(), "d");
    }

    fn claims(text: &str) -> Vec<(String, String, String)> {
        let engine = Engine::new(RuleSet::embedded().unwrap()).unwrap();
        let doc = Document::from_text("d", text, "2025-08-29".parse().ok());
        engine
            .claims(&doc)
            .into_iter()
            .map(|c| (c.subject.join("+"), c.slot.to_string(), c.evidence.text().to_string()))
            .collect()
    }

    fn triple(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn a_value_in_an_aside_is_not_the_claims() {
        let text = "Meta, which has $40 billion in cash, invested $14.3 billion in Scale AI.";
        assert_eq!(claims(text), [triple("Meta+Scale AI", "amount", "$14.3 billion")]);
        // An aside that holds the trigger still gives its value.
        let text = "Scale AI, which Meta invested $14.3 billion in, said it was pleased.";
        assert_eq!(claims(text), [triple("Meta+Scale AI", "amount", "$14.3 billion")]);
    }

    #[test]
    fn sentence_naming_no_subject_inherits_the_previous_one() {
        assert_eq!(
            claims("Meta invested $14.3 billion in Scale AI. The investment was made in June 2024."),
            [
                triple("Meta+Scale AI", "amount", "$14.3 billion"),
                triple("Meta+Scale AI", "date", "June 2024")
            ]
        );
    }

    #[test]
    fn subject_is_not_inherited_across_a_long_passage() {
        let text =
            "Meta invested $14.3 billion in Scale AI. One. Two. Three. Four. The investment was made in June 2024.";
        assert_eq!(claims(text), [triple("Meta+Scale AI", "amount", "$14.3 billion")]);
    }

    #[test]
    fn regression_investors_is_not_an_investment_trigger() {
        let text = "Meta invested $14.3 billion in Scale AI. Investors pulled $182 million from funds.";
        assert_eq!(claims(text), [triple("Meta+Scale AI", "amount", "$14.3 billion")]);
    }

    #[test]
    fn a_sentence_naming_another_pair_does_not_inherit() {
        let text = "Meta invested $14.3 billion in Scale AI. Microsoft invested $10 billion in OpenAI in January 2023.";
        let found = claims(text);
        assert!(
            found.contains(&triple("Microsoft+OpenAI", "amount", "$10 billion")),
            "{found:?}"
        );
        assert!(!found.iter().any(|(s, _, t)| s == "Meta+Scale AI" && t == "$10 billion"));
    }

    /// The role claims of `text`, with the `role-holder` rule on: rule,
    /// subject, qualifier and value.
    fn role_claims(text: &str) -> Vec<String> {
        let mut rules = RuleSet::embedded().unwrap();
        assert!(rules.set_enabled("role-holder", true));
        let engine = Engine::new(rules).unwrap();
        let doc = Document::from_text("d", text, "2025-08-29".parse().ok());
        engine
            .claims(&doc)
            .into_iter()
            .filter(|c| c.rule.starts_with("role"))
            .map(|c| {
                format!(
                    "{} [{}] {} = {}",
                    c.rule,
                    c.subject.join(", "),
                    c.qualifier,
                    c.value.display()
                )
            })
            .collect()
    }

    #[test]
    fn a_role_fact_is_claimed_by_person_and_organization_and_by_organization_and_role() {
        assert_eq!(
            role_claims("Mark Zuckerberg, the chief executive officer of Meta, spoke."),
            [
                "role [Mark Zuckerberg, Meta]  = chief executive",
                "role-holder [Meta] role: chief executive = Mark Zuckerberg"
            ]
        );
        assert_eq!(
            role_claims("Contoso Group interim CEO Tom Berg spoke."),
            [
                "role [Contoso Group, Tom Berg]  = chief executive (acting)",
                "role-holder [Contoso Group] role: chief executive = Tom Berg (acting)"
            ]
        );
    }

    #[test]
    fn past_roles_roles_without_an_organization_and_other_roles_make_no_role_claim() {
        assert!(role_claims("Scale AI's former CEO, Alexandr Wang, spoke.").is_empty());
        assert!(role_claims("CEO Alexandr Wang spoke.").is_empty());
        assert!(role_claims("Meta spokesman Tom Berg declined to comment.").is_empty());
        // The chair is one holder (role-holder) but no role one person holds
        // to the exclusion of "chief executive" (role).
        assert_eq!(
            role_claims("Meta chairman Mark Zuckerberg spoke."),
            ["role-holder [Meta] role: chair = Mark Zuckerberg"]
        );
    }

    /// The claims of the rule `x` written as `rule` (a claim rule file
    /// without its id line): subject, slot and the value's words.
    fn claims_of(rule: &str, text: &str) -> Vec<(String, String, String)> {
        let rule = format!("id: x\nkind: claim\ntitle: t\nseverity: warning\nmessage: m\n{rule}");
        let rules = RuleSet::embedded_with(&[("extra/claims/x.yaml", &rule)]).unwrap();
        let engine = Engine::new(rules).unwrap();
        let doc = Document::from_text("d", text, "2025-08-29".parse().ok());
        engine
            .claims(&doc)
            .into_iter()
            .filter(|c| &*c.rule == "x")
            .map(|c| (c.subject.join("+"), c.slot.to_string(), c.evidence.text().to_string()))
            .collect()
    }

    const APPOINTED: &str = "subject: { person: person, organization: org }\n\
        triggers: [\"named {person} chief\", \"{organization} hired {person}\"]\n\
        slots:\n  date: { kind: date }\n";

    #[test]
    fn a_trigger_with_a_role_between_its_words_binds_the_entity_there() {
        assert_eq!(
            claims_of(
                APPOINTED,
                "Contoso Group named Maria Lopez chief executive on June 3, 2024."
            ),
            [triple("Contoso Group+Maria Lopez", "date", "June 3, 2024")]
        );
        // Nothing of the role's kind in the gap, no trigger.
        assert!(claims_of(
            APPOINTED,
            "Contoso Group named its plant chief in June 2024, Maria Lopez said."
        )
        .is_empty());
    }

    #[test]
    fn a_trigger_that_places_roles_fills_each_by_its_kind() {
        // Tom Berg is a person: he cannot be the organization.
        assert!(claims_of(APPOINTED, "Tom Berg named Maria Lopez chief of staff in June 2024.").is_empty());
        // The nearest organization fills the role, on whichever side.
        assert_eq!(
            claims_of(
                APPOINTED,
                "Maria Lopez, whom Tom Berg named Jane Doe chief of staff at Contoso Group in 2023, spoke."
            ),
            [triple("Contoso Group+Jane Doe", "date", "2023")]
        );
    }

    #[test]
    fn a_role_before_or_after_the_words_stands_there_in_the_same_clause() {
        assert_eq!(
            claims_of(
                APPOINTED,
                "Contoso Group finally hired Maria Lopez, its rival's finance chief, in June 2024."
            ),
            [triple("Contoso Group+Maria Lopez", "date", "June 2024")]
        );
        // The person stands before the verb: "hired" does not say so.
        assert!(claims_of(APPOINTED, "Maria Lopez, Contoso Group hired in June 2024, spoke.").is_empty());
        // A comma ends the clause: Maria Lopez is not whom it hired.
        assert!(claims_of(APPOINTED, "Contoso Group hired in June 2024, Maria Lopez said.").is_empty());
    }

    #[test]
    fn triggers_that_share_their_words_are_tried_in_the_rules_order() {
        let rule = "subject: { person: person, organization: org }\n\
            triggers: [\"{organization} hired {person}\", hired]\nslots:\n  date: { kind: date }\n";
        // The placed trigger finds each role where it stands, by its kind;
        // the nearest entities would be Tom Berg and Maria Lopez.
        assert_eq!(
            claims_of(rule, "Contoso Group chief Tom Berg hired Maria Lopez in June 2024."),
            [triple("Contoso Group+Maria Lopez", "date", "June 2024")]
        );
        // Where it does not hold, the plain one takes the nearest two.
        assert_eq!(
            claims_of(rule, "Maria Lopez was hired by Tom Berg in June 2024."),
            [triple("Maria Lopez+Tom Berg", "date", "June 2024")]
        );
    }

    #[test]
    fn a_shorter_trigger_holds_where_a_longer_ones_role_is_missing() {
        let rule = "subject: { investor: org, investee: org }\nscope: inherit\n\
            triggers: [invested, \"investment in {investee}\", investment]\nslots:\n  date: { kind: date }\n";
        let text = "Meta invested in Scale AI. The investment in the startup was made in June 2024.";
        assert_eq!(claims_of(rule, text), [triple("Meta+Scale AI", "date", "June 2024")]);
        let without = rule.replace(", investment]", "]");
        assert!(claims_of(&without, text).is_empty());
    }

    #[test]
    fn where_no_trigger_holds_the_search_goes_on_inside_the_words_it_matched() {
        let rule = "subject: { buyer: org, target: org }\n\
            triggers: [\"{buyer} to buy {target}\", \"buy out\"]\nslots:\n  price: { kind: money }\n";
        // "to buy" finds no company bought in its clause; "buy out" holds.
        let text = "Contoso Group said it would like to buy out, for $2 billion, the stake of Northwind Labs.";
        assert_eq!(
            claims_of(rule, text),
            [triple("Contoso Group+Northwind Labs", "price", "$2 billion")]
        );
    }

    #[test]
    fn anchored_date_dates_the_event_its_phrase_names() {
        let text = "Meta, barely two months after its $14.3 billion investment in Scale AI, changed course.";
        assert_eq!(
            claims(text),
            [
                triple("Meta+Scale AI", "amount", "$14.3 billion"),
                triple("Meta+Scale AI", "date", "barely two months")
            ]
        );
    }
}
