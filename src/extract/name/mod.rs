//! Names: a document's sentences in, mentions of people, organizations and
//! places out, each with the canonical name claims are keyed by, and the
//! role facts read around people's names.
//!
//! A document is read in three steps, because a word's kind often shows
//! only elsewhere in it:
//!
//! 1. every sentence is tokenized once ([`lexicon`]); headlines (mostly
//!    capitalized words) are told apart, and the capitalized words of
//!    ordinary sentences, away from their start, are collected: a word that
//!    starts a sentence or sits in a headline is a name only when the lists
//!    or the rest of the document vouch for it;
//! 2. runs of capitalized words are cut into names and classified by the
//!    words in them and before them ([`grammar`]): a known entity, an
//!    organization word ("University", "Inc."), a place word ("County"), a
//!    title or honorific ("President", "Dr."), a given name or surname from
//!    the word lists;
//! 3. one-word names are settled against the whole document: a surname or
//!    given name links to the full name it belongs to ("Wang" → "Alexandr
//!    Wang"), an acronym defined in parentheses to its organization ("CDC"),
//!    a first word to the organization it starts ("Northrop"). Then roles
//!    are read next to each person ("Scale AI's CEO, Alexandr Wang").
//!
//! The words are data (`names:` in `rules/lang/<code>.yaml`, the lists in
//! `rules/names/`, the entities in `rules/entities/`); this module is the
//! grammar.

mod grammar;
mod lexicon;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::cell::Cell;

use hashbrown::hash_table::{Entry, HashTable};
use serde::Serialize;

use super::{Mention, Value};
use crate::rules::RuleSet;
use crate::span::Span;
use grammar::{Candidate, Kind, Sentence};
use lexicon::{hash_bytes, hash_word, Class, Gap, Lengths, Lexicon, Shape, Token, Tokens, Words};

/// A normalized organization name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct OrgValue {
    /// The canonical name claims are keyed by.
    pub canonical: String,
    /// Whether the name is a known entity (rather than a guess from its shape).
    pub known: bool,
    /// Whether "organization" is only the fallback for a name of capitalized
    /// words that nothing types ("Arte Moreeo"): such a name may be a
    /// person's, and the name-spelling rule compares it with people's names.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub guess: bool,
}

/// A person's name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct PersonValue {
    /// The full name this mention refers to: the known entity's name, or
    /// the fullest form the document gives ("Alexandr Wang" for "Wang").
    pub canonical: String,
    /// Whether the name is a known entity.
    pub known: bool,
    /// The given name of the canonical name, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    /// The surname of the canonical name (with its particles: "bin Laden").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surname: Option<String>,
    /// Whether the mention is a short form ("Wang", "Mr. Wang") linked to a
    /// fuller name in the same document.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub short: bool,
}

/// A place's name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct PlaceValue {
    /// The canonical name.
    pub canonical: String,
    /// Whether the name is a known entity.
    pub known: bool,
}

/// A role fact: who holds (or held) which role, where.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct RoleValue {
    /// The person's canonical name.
    pub person: String,
    /// The role, as the language file names it ("chief executive" for "CEO").
    pub role: String,
    /// The organization's canonical name, when the text gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    /// Whether the role is a past one ("former CEO").
    pub former: bool,
    /// Whether the role is temporary ("acting president").
    pub acting: bool,
}

/// The names recognizer, compiled once from the rule set.
pub(crate) struct NameRecognizer {
    lex: Lexicon,
}

impl std::fmt::Debug for NameRecognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NameRecognizer").finish_non_exhaustive()
    }
}

/// A name after linking: its kind, canonical name and, for people, parts.
/// A known entity's name is borrowed from the lexicon; others are built.
struct Resolved<'a> {
    kind: Kind,
    canonical: Cow<'a, str>,
    known: bool,
    short: bool,
    /// The kind is the fallback for untyped capitalized words.
    guess: bool,
}

/// The vectors and tables [`NameRecognizer::find`] fills, kept from one
/// call to the next on each thread: a document's words, names and facts
/// go into those the last document left, cleared, with the room it made,
/// rather than into a dozen new ones allocated (and grown) per document.
///
/// The vectors whose items borrow a document's text or the lexicon are
/// kept empty, with items of the `'static` lifetime, and [`recycled`] to
/// the lifetimes of each call.
#[derive(Default)]
struct Buffers {
    tokens: Tokens,
    /// Each sentence's tokens, as a range.
    ranges: Vec<(usize, usize)>,
    /// Each sentence's notable tokens, as a range.
    notable_ranges: Vec<(usize, usize)>,
    words: DocWords,
    candidates: Vec<Candidate<'static>>,
    /// The sentence of each candidate.
    sentence_of: Vec<usize>,
    /// Each sentence's candidates, as a range.
    in_sentence: Vec<(usize, usize)>,
    resolved: Vec<Option<Resolved<'static>>>,
    resolving: Resolving,
}

impl Buffers {
    /// The most tokens a thread keeps room for between documents: a
    /// document larger than about a third of a megabyte leaves its
    /// buffers to be freed, not held for the thread's life.
    const KEPT_TOKENS: usize = 1 << 16;
}

/// The buffers of [`NameRecognizer::resolve`].
#[derive(Default)]
struct Resolving {
    facts: WordFacts,
    people: Vec<(&'static str, usize, &'static str)>,
    orgs: Vec<(&'static str, usize, &'static str)>,
    settled: Vec<(usize, Option<Resolved<'static>>)>,
}

thread_local! {
    /// The thread's [`Buffers`], while no call is using them.
    static BUFFERS: Cell<Buffers> = Cell::default();
}

/// `items`, emptied, as a vector of another type of the same layout (the
/// same type with other lifetimes): its allocation, and the room the last
/// document made in it, is kept. (The standard library collects a
/// vector's items into its own allocation when their layouts match; if it
/// did not, the vector would be new, and only slower.)
fn recycled<T, U>(mut items: Vec<T>) -> Vec<U> {
    items.clear();
    items.into_iter().filter_map(|_| None).collect()
}

impl NameRecognizer {
    pub(crate) fn new(rules: &RuleSet) -> Self {
        NameRecognizer {
            lex: Lexicon::new(rules),
        }
    }

    /// The names and roles in `sentences` of `text`, appended to `out`.
    pub(crate) fn find(&self, text: &str, sentences: &[Span], out: &mut Vec<Mention>) {
        // The thread's buffers are taken for the call and put back after
        // it; a thread that has none yet (or is ending) reads with new ones.
        let mut buffers = BUFFERS.try_with(Cell::take).unwrap_or_default();
        self.find_with(text, sentences, &mut buffers, out);
        if buffers.tokens.all.capacity() <= Buffers::KEPT_TOKENS {
            // A thread that is ending drops them instead.
            let _ = BUFFERS.try_with(|cell| cell.set(buffers));
        }
    }

    /// [`NameRecognizer::find`] with the thread's `buffers`.
    fn find_with(&self, text: &str, sentences: &[Span], buffers: &mut Buffers, out: &mut Vec<Mention>) {
        let lex = &self.lex;
        let keeps_period = |w: &str| lex.keeps_period(w);
        // 1. Tokens, headlines, and the words capitalized mid-sentence.
        // About one word in six bytes of news: room for one in five is
        // reserved once, not per doubling (and copy), for the bytes the
        // sentences cover (a long document is read a section at a time).
        let covered = match (sentences.first(), sentences.last()) {
            (Some(first), Some(last)) => last.end.saturating_sub(first.start),
            _ => 0,
        };
        let Buffers {
            tokens: words_read,
            ranges,
            notable_ranges,
            words,
            sentence_of,
            in_sentence,
            ..
        } = buffers;
        words_read.reset(covered / 5);
        // Each sentence's tokens and notable tokens, as ranges.
        ranges.clear();
        ranges.reserve(sentences.len());
        notable_ranges.clear();
        notable_ranges.reserve(sentences.len());
        words.reset(covered / 24);
        for sentence in sentences {
            let from = words_read.all.len();
            let notable_from = words_read.notable.len();
            let lines = lexicon::tokenize(text, sentence.start, sentence.end, keeps_period, words_read);
            mark_headlines(text, sentence.end, lines, &mut words_read.all[from..]);
            // One pass over the words that are not lowercase: their classes,
            // the numbers of the capitalized ones, and those written so
            // away from a sentence's start.
            for &k in &words_read.notable[notable_from..] {
                let t = &mut words_read.all[k];
                if t.shape == Shape::Lower {
                    continue;
                }
                let word = &text[t.start..t.end];
                // Digits, initials and single capitals are never written
                // capitalized: numbered only if a name holds them (below).
                if t.shape == Shape::Other {
                    t.class = lex.class(word);
                    continue;
                }
                t.word = words.number(lex, text, t.start, word);
                t.class = words.class(t.word);
                if !t.headline && k > from && t.gap != Gap::Open && !t.line_start {
                    words.capitalized[t.word as usize] = true;
                }
            }
            ranges.push((from, words_read.all.len()));
            notable_ranges.push((notable_from, words_read.notable.len()));
        }
        let Tokens { all: tokens, notable } = words_read;
        // 2. Chunks: about one name in ten words, room reserved once.
        let mut candidates = recycled(std::mem::take(&mut buffers.candidates));
        candidates.reserve(tokens.len() / 8);
        sentence_of.clear();
        sentence_of.reserve(tokens.len() / 8);
        // Each sentence's candidates, as a range: roles look only there.
        in_sentence.clear();
        in_sentence.reserve(ranges.len());
        for (index, (&(from, to), &(notable_from, notable_to))) in ranges.iter().zip(notable_ranges.iter()).enumerate()
        {
            let s = Sentence {
                text,
                tokens: &tokens[from..to],
                offset: from,
                notable: &notable[notable_from..notable_to],
                capitalized: &words.capitalized,
            };
            let before = candidates.len();
            grammar::chunks(lex, &s, &mut candidates);
            sentence_of.resize(sentence_of.len() + candidates.len() - before, index);
            in_sentence.push((before, candidates.len()));
        }
        // 3. Short forms, then roles. Every word of a name is numbered
        // first, lowercase ones too ("van"): the document's facts about
        // words are kept by number.
        for c in &candidates {
            for t in &mut tokens[c.first..=c.last] {
                if t.word == 0 {
                    t.word = words.number(lex, text, t.start, &text[t.start..t.end]);
                }
            }
        }
        let mut resolved = recycled(std::mem::take(&mut buffers.resolved));
        self.resolve(text, tokens, words, &candidates, &mut buffers.resolving, &mut resolved);
        // The roles first, while every name can still be read: the names'
        // strings are then moved into their mentions rather than copied.
        let mut roles = Vec::new();
        for (ci, (c, r)) in candidates.iter().zip(&resolved).enumerate() {
            let Some(r) = r.as_ref().filter(|r| r.kind == Kind::Person) else {
                continue;
            };
            let (from, to) = ranges[sentence_of[ci]];
            let (cs, ce) = in_sentence[sentence_of[ci]];
            if let Some((role_span, role)) = self.role(
                text,
                &tokens[from..to],
                from,
                c,
                &r.canonical,
                &candidates[cs..ce],
                &resolved[cs..ce],
            ) {
                roles.push(Mention {
                    span: role_span,
                    sentence: sentences[sentence_of[ci]],
                    value: Value::Role(role),
                });
            }
        }
        // Room for the names reported, not for every candidate: asking for
        // more than the mentions list has left would grow (and copy) it.
        out.reserve(resolved.iter().filter(|r| r.is_some()).count() + roles.len());
        for (ci, (c, r)) in candidates.iter().zip(resolved.drain(..)).enumerate() {
            let Some(r) = r else { continue };
            let sentence = sentences[sentence_of[ci]];
            let span = Span::new(tokens[c.first].start, tokens[c.last].end);
            let value = match r.kind {
                Kind::Person => {
                    let (given, surname) = self.parts(&r.canonical);
                    Value::Person(PersonValue {
                        canonical: r.canonical.into_owned(),
                        known: r.known,
                        given,
                        surname,
                        short: r.short,
                    })
                }
                Kind::Place => Value::Place(PlaceValue {
                    canonical: r.canonical.into_owned(),
                    known: r.known,
                }),
                Kind::Org | Kind::Single => Value::Org(OrgValue {
                    canonical: r.canonical.into_owned(),
                    known: r.known,
                    guess: r.guess,
                }),
            };
            out.push(Mention { span, sentence, value });
        }
        out.extend(roles);
        buffers.resolved = recycled(resolved);
        buffers.candidates = recycled(candidates);
    }

    /// Settles every candidate's kind and canonical name over the document,
    /// into `resolved` (empty), one for each candidate.
    fn resolve<'a>(
        &self,
        text: &'a str,
        tokens: &[Token],
        words: &DocWords,
        candidates: &[Candidate<'a>],
        scratch: &mut Resolving,
        resolved: &mut Vec<Option<Resolved<'a>>>,
    ) {
        let lex = &self.lex;
        let word_of = |k: usize| &text[tokens[k].start..tokens[k].end];
        // What word `k` of a name can be: as looked up once for every word
        // the document numbers.
        let class_of = |k: usize| words.class(tokens[k].word);
        // A one-word name is its word, unless a curly apostrophe is to be
        // straightened: then, like longer names, it is built.
        let name_of = |c: &Candidate<'_>| -> Cow<'a, str> {
            // A nickname is no part of the name it sits in.
            if let Some((from, to)) = c.nickname {
                let mut name = normalize(text, &tokens[c.first..from]).into_owned();
                name.push(' ');
                name.push_str(&normalize(text, &tokens[to + 1..=c.last]));
                return Cow::Owned(name);
            }
            let word = &text[tokens[c.first].start..tokens[c.last].end];
            if c.first == c.last && !curly(word) {
                Cow::Borrowed(word)
            } else {
                normalize(text, &tokens[c.first..=c.last])
            }
        };
        // What the document's names say of each word, by its number.
        scratch.facts.fill(tokens, words, candidates);
        let facts = &scratch.facts;
        let alone = |k: usize| facts[tokens[k].word as usize].alone;
        // First the names of several words: their kind, where the words
        // in them left it a guess, follows how the document shortens them:
        // people by their last word, organizations by their first
        // ("Klitschko", "Lockheed").
        resolved.reserve(candidates.len());
        resolved.extend(candidates.iter().map(|c| {
            if let Some(canonical) = c.canonical {
                return Some(Resolved {
                    kind: c.kind,
                    canonical: Cow::Borrowed(canonical),
                    known: c.known,
                    short: false,
                    guess: false,
                });
            }
            if c.kind == Kind::Single || c.first == c.last {
                return None;
            }
            let (kind, guess) = match (c.weak, alone(c.first), alone(c.last)) {
                (true, true, false) => (Kind::Org, false),
                (true, false, true) => (Kind::Person, false),
                _ => (c.kind, c.weak && c.kind == Kind::Org),
            };
            Some(Resolved {
                kind,
                canonical: name_of(c),
                known: false,
                short: false,
                guess,
            })
        }));
        // Full names of people and organizations, and acronyms defined in
        // parentheses after an organization.
        // A person is listed under at most two words, an organization under
        // one: room for all, reserved once.
        let mut people = FullNames::new(recycled(std::mem::take(&mut scratch.people)), 2 * candidates.len());
        let mut orgs = FullNames::new(recycled(std::mem::take(&mut scratch.orgs)), candidates.len());
        let mut aliases: Vec<(Cow<'a, str>, &str)> = Vec::new();
        for (i, (c, r)) in candidates.iter().zip(resolved.iter()).enumerate() {
            let Some(r) = r else { continue };
            match r.kind {
                Kind::Person => {
                    // A short form of a person's name is its first word or its surname.
                    let first = Some(first_word(&r.canonical));
                    let surname = surname_of(&r.canonical);
                    people.add(first, i, &r.canonical);
                    if surname != first {
                        people.add(surname, i, &r.canonical);
                    }
                }
                Kind::Org => {
                    if let Some(next) = candidates.get(i + 1) {
                        let t = &tokens[next.first];
                        if next.first == c.last + 1
                            && next.first == next.last
                            && t.gap == Gap::Paren
                            && t.shape == Shape::Upper
                            && abbreviates(word_of(next.first), &r.canonical)
                        {
                            aliases.push((name_of(next), &r.canonical));
                        }
                    }
                    // "Northrop" stands for "Northrop Grumman", but "Kokomo"
                    // not for "Kokomo Police Department": a first word stands
                    // for the whole only when no organization word follows.
                    let plain = (c.first + 1..=c.last).all(|k| {
                        let class = class_of(k);
                        !class.org_cue()
                    });
                    if c.last > c.first && plain {
                        orgs.add(Some(first_word(&r.canonical)), i, &r.canonical);
                    }
                }
                _ => {}
            }
        }
        people.sort();
        orgs.sort();
        // Then the one-word names, against those. Their results are set
        // aside until all are settled: the lists above borrow the others.
        let mut settled = recycled(std::mem::take(&mut scratch.settled));
        settled.reserve(resolved.iter().filter(|r| r.is_none()).count());
        for (i, c) in candidates.iter().enumerate() {
            if resolved[i].is_some() {
                continue;
            }
            let name = name_of(c);
            let short = |kind, canonical: &str| {
                Some(Resolved {
                    kind,
                    canonical: Cow::Owned(canonical.to_string()),
                    known: false,
                    short: true,
                    guess: false,
                })
            };
            let word: &str = &name;
            // What the document says of the name's word: the name is a
            // word of the document, or else (an apostrophe straightened)
            // may be one written elsewhere in it.
            let fact = match &name {
                Cow::Borrowed(_) => facts[tokens[c.first].word as usize],
                Cow::Owned(built) => words
                    .find(text, built)
                    .map_or_else(WordFact::default, |n| facts[n as usize]),
            };
            // The name's class: its word's, unless an apostrophe was straightened.
            let class = || {
                if matches!(name, Cow::Borrowed(_)) {
                    class_of(c.first)
                } else {
                    lex.class(word)
                }
            };
            let outcome = if let Some((_, full)) = aliases.iter().find(|(a, _)| *a == name) {
                short(Kind::Org, full)
            } else if let Some(full) = people.nearest(word, i) {
                short(Kind::Person, full)
            } else if let Some(full) = orgs.nearest(word, i).filter(|_| !class().org_word()) {
                short(Kind::Org, full)
            } else {
                let class = class();
                let kind = if c.titled || c.kind == Kind::Person {
                    Some(Kind::Person)
                } else if c.initial && !tokens[c.first].possessive && !fact.in_names {
                    None
                } else if c.after_preposition || fact.placed {
                    Some(Kind::Place)
                } else if class.given() && !class.surname() {
                    Some(Kind::Person)
                } else if tokens[c.first].shape == Shape::Upper || fact.repeated >= 2 {
                    // An acronym, or a word the document names twice: most
                    // likely an organization ("Airbus", "EADS").
                    Some(Kind::Org)
                } else {
                    // One capitalized word, once, that nothing explains: a
                    // town, a street, a caption's "Buy". Not reported.
                    None
                };
                kind.map(|kind| Resolved {
                    kind,
                    canonical: name,
                    known: false,
                    short: false,
                    guess: false,
                })
            };
            settled.push((i, outcome));
        }
        scratch.people = recycled(people.entries);
        scratch.orgs = recycled(orgs.entries);
        for (i, outcome) in settled.drain(..) {
            resolved[i] = outcome;
        }
        scratch.settled = recycled(settled);
    }

    /// Given name and surname of a full name: the first word, and the last
    /// with the particles before it.
    fn parts(&self, name: &str) -> (Option<String>, Option<String>) {
        let Some(given) = space_at(name).and_then(|i| name.get(..i)) else {
            return (None, None);
        };
        // The surname starts at the last word, or at the particles before it;
        // the given name never counts as one.
        let mut surname_from = last_space_at(name).map_or(0, |i| i + 1);
        while let Some(space) = last_space_at(&name[..surname_from.saturating_sub(1)]) {
            let before = &name[space + 1..surname_from - 1];
            if !self.lex.particles.contains(before) {
                break;
            }
            surname_from = space + 1;
        }
        (Some(given.to_string()), Some(name[surname_from..].to_string()))
    }

    /// The role phrase around person candidate `c`, if there is one.
    #[allow(clippy::too_many_arguments)]
    fn role(
        &self,
        text: &str,
        tokens: &[Token],
        offset: usize,
        c: &Candidate<'_>,
        person: &str,
        candidates: &[Candidate<'_>],
        resolved: &[Option<Resolved<'_>>],
    ) -> Option<(Span, RoleValue)> {
        let lex = &self.lex;
        let word = |i: usize| text.get(tokens[i].start..tokens[i].end).unwrap_or("");
        // Whether word `i`, in lower case, is in `set`.
        let lower_in = |set: &Words, i: usize| lexicon::lowercase_in(set, word(i));
        let s = Sentence {
            text,
            tokens,
            offset,
            notable: &[],
            capitalized: &[],
        };
        let org_ending_at = |i: usize| {
            candidates.iter().zip(resolved).find_map(|(o, r)| match r {
                Some(r) if o.last == offset + i && r.kind == Kind::Org => {
                    Some((o.first - offset, r.canonical.to_string()))
                }
                _ => None,
            })
        };
        let org_starting_at = |i: usize| {
            candidates.iter().zip(resolved).find_map(|(o, r)| match r {
                Some(r) if o.first == offset + i && r.kind == Kind::Org => {
                    Some((o.last - offset, r.canonical.to_string()))
                }
                _ => None,
            })
        };
        // The longest role phrase ending at token `end`, with its first token.
        let role_ending_at = |end: usize| {
            (1..=lex.role_len.min(end + 1))
                .rev()
                .find_map(|n| s.role_at(lex, end + 1 - n, n).map(|r| (end + 1 - n, r)))
        };
        let role_starting_at = |start: usize| {
            (1..=lex.role_len)
                .rev()
                .find_map(|n| s.role_at(lex, start, n).map(|r| (start + n - 1, r)))
        };
        // Modifiers before a role: "former", "acting", "ex-".
        let modifiers = |mut at: usize| {
            let (mut former, mut acting) = (false, false);
            while at > 0 {
                if lower_in(&lex.former, at - 1) {
                    former = true;
                } else if lower_in(&lex.acting, at - 1) {
                    acting = true;
                } else {
                    break;
                }
                at -= 1;
            }
            (at, former, acting)
        };
        let first = c.first - offset;
        let last = c.last - offset;
        // Before the name: "[Scale AI's] [former] CEO[,] Alexandr Wang".
        if first > 0 && matches!(tokens[first].gap, Gap::Space | Gap::Comma) {
            // A title already cut from the chunk ("President Obama") is the role word.
            let title_end = first - 1;
            let ends_role = lex.role_ends.contains_lower(word(title_end).trim_end_matches('.'));
            // The last word is asked first: most words before a name end no role.
            let found = if ends_role { role_ending_at(title_end) } else { None };
            if let Some((role_start, role)) = found {
                let (mut start, former, acting) = modifiers(role_start);
                let mut org = None;
                if start > 0 && matches!(tokens[start].gap, Gap::Space) {
                    if let Some((org_start, name)) = org_ending_at(start - 1) {
                        org = Some(name);
                        start = org_start;
                    }
                }
                let span = Span::new(tokens[start].start, tokens[last].end);
                return Some((
                    span,
                    RoleValue {
                        person: person.to_string(),
                        role: role.to_string(),
                        org,
                        former,
                        acting,
                    },
                ));
            }
        }
        // After the name: "Alexandr Wang, [the] [former] chief executive [of Scale AI]"
        // or "Alexandr Wang, Scale AI's CEO".
        let mut at = last + 1;
        if at >= tokens.len() || tokens[at].gap != Gap::Comma {
            return None;
        }
        let mut org = None;
        if let Some((org_last, name)) = org_starting_at(at) {
            if tokens[org_last].possessive || tokens.get(org_last + 1).is_some_and(|t| t.gap == Gap::Space) {
                org = Some(name);
                at = org_last + 1;
            }
        }
        while at < tokens.len() && lower_in(&lex.role_determiners, at) {
            at += 1;
        }
        let mut former = false;
        let mut acting = false;
        while at < tokens.len() {
            if lower_in(&lex.former, at) {
                former = true;
            } else if lower_in(&lex.acting, at) {
                acting = true;
            } else {
                break;
            }
            at += 1;
        }
        let (role_last, role) = if at < tokens.len() { role_starting_at(at) } else { None }?;
        let mut end = role_last;
        if org.is_none() && role_last + 2 < tokens.len() && lower_in(&lex.role_of, role_last + 1) {
            let mut org_at = role_last + 2;
            if lower_in(&lex.role_determiners, org_at) {
                org_at += 1;
            }
            if let Some((org_last, name)) = org_starting_at(org_at) {
                org = Some(name);
                end = org_last;
            }
        }
        let span = Span::new(tokens[first].start, tokens[end].end);
        Some((
            span,
            RoleValue {
                person: person.to_string(),
                role: role.to_string(),
                org,
                former,
                acting,
            },
        ))
    }
}

/// Whether `acronym` is made of initials of `name`'s words, in order and
/// starting with the first: "CDC" of "Centers for Disease Control and
/// Prevention", not "CBS" of "San Diego".
fn abbreviates(acronym: &str, name: &str) -> bool {
    let mut initials = name
        .split(' ')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase());
    let mut letters = acronym.chars().filter(char::is_ascii_alphabetic);
    let Some(first) = letters.next() else { return false };
    if initials.next() != Some(first) {
        return false;
    }
    letters.all(|l| initials.any(|i| i == l))
}

/// The last word of a full name, before a "Jr" or "III".
fn surname_of(full: &str) -> Option<&str> {
    let (rest, last) = split_last_word(full);
    if grammar::suffixed(last) {
        rest.map(|rest| split_last_word(rest).1)
    } else {
        Some(last)
    }
}

// Names' words are split at spaces, searched for as bytes: names are
// short, and a loop over bytes costs less than the general search for a
// char. (A space is one byte, never inside a character.)

/// Where the first space of `name` is.
fn space_at(name: &str) -> Option<usize> {
    name.bytes().position(|b| b == b' ')
}

/// Where the last space of `name` is.
fn last_space_at(name: &str) -> Option<usize> {
    name.bytes().rposition(|b| b == b' ')
}

/// The words of `name` before its first space: all of it if it has none.
fn first_word(name: &str) -> &str {
    space_at(name).and_then(|i| name.get(..i)).unwrap_or(name)
}

/// What comes before the last space of `name`, if it has one, and its
/// last word after it.
fn split_last_word(name: &str) -> (Option<&str>, &str) {
    match last_space_at(name) {
        Some(i) => (name.get(..i), name.get(i + 1..).unwrap_or("")),
        None => (None, name),
    }
}

/// Full names the document gives, listed under each word a short form of
/// them may be (a person's first word and surname, an organization's first
/// word): a one-word name finds the full name it stands for without reading
/// every full name of the document.
struct FullNames<'r> {
    /// Word, candidate, full name; sorted by word, then candidate, once
    /// all are added.
    entries: Vec<(&'r str, usize, &'r str)>,
    /// The lengths of the words: most words asked about are listed under
    /// no full name, and are told so without a search.
    lengths: Lengths,
}

impl<'r> FullNames<'r> {
    /// An empty list in `entries` (emptied), with room for `n` entries.
    fn new(mut entries: Vec<(&'r str, usize, &'r str)>, n: usize) -> Self {
        entries.clear();
        entries.reserve(n);
        FullNames {
            entries,
            lengths: Lengths::new(),
        }
    }

    /// Lists the full name `name`, at candidate `at`, under `word`.
    fn add(&mut self, word: Option<&'r str>, at: usize, name: &'r str) {
        if let Some(word) = word {
            self.entries.push((word, at, name));
            self.lengths.add(word);
        }
    }

    /// Sorts the list for [`FullNames::nearest`].
    fn sort(&mut self) {
        self.entries.sort_unstable();
    }

    /// The full name listed under `word` nearest before candidate `i`, or
    /// else the first after it.
    fn nearest(&self, word: &str, i: usize) -> Option<&'r str> {
        if !self.lengths.may_hold(word) {
            return None;
        }
        let from = self.entries.partition_point(|&(w, _, _)| w < word);
        let rest = &self.entries[from..];
        // Most words are listed under no full name: one comparison says so.
        if rest.first().is_none_or(|&(w, _, _)| w != word) {
            return None;
        }
        let listed = &rest[..rest.partition_point(|&(w, _, _)| w == word)];
        let after = listed.partition_point(|&(_, at, _)| at < i);
        let before = after.checked_sub(1).and_then(|b| listed.get(b));
        before
            .or_else(|| listed[after..].iter().find(|&&(_, at, _)| at > i))
            .map(|&(_, _, name)| name)
    }
}

/// The words of a document that may be part of a name, numbered in the
/// order first met, from 1: the capitalized words and those in capitals
/// (their shape is their text's: a word is one or the other everywhere),
/// then every other word that sits inside a name ("van", "J."). A word is
/// hashed once where it is met, for its number and, when it is new, for
/// its look-up in the lexicon, once for the document; what the document
/// says of it is then kept by its number, not in sets of strings hashed
/// again at each question.
///
/// Number 0 is no word (a lowercase word or a number outside names): of
/// it, nothing is said, and nothing need be: it is neither capitalized nor
/// part of a name. Numbers are `u32`, as [`Token::word`] keeps them: a
/// section of text with four billion different words is out of reach.
///
/// A word is kept as where the document first writes it, not borrowed:
/// the table is kept from one document to the next ([`Buffers`]).
#[derive(Default)]
struct DocWords {
    /// Each word, as the range of the text's bytes where it is first
    /// written, and its number, found by [`hash_word`].
    ids: HashTable<(usize, usize, u32)>,
    /// By number, what the lexicon says the word can be.
    classes: Vec<Class>,
    /// By number, whether the document writes the word capitalized inside
    /// an ordinary sentence, away from its start.
    capitalized: Vec<bool>,
}

impl DocWords {
    /// No words yet (those of another document forgotten), with room for `n`.
    fn reset(&mut self, n: usize) {
        self.ids.clear();
        // The table is empty: no word is hashed again as it grows.
        self.ids.reserve(n, |_| 0);
        self.classes.clear();
        self.classes.reserve(n + 1);
        self.classes.push(Class::default());
        self.capitalized.clear();
        self.capitalized.reserve(n + 1);
        self.capitalized.push(false);
    }

    /// The number of `word`, which `text` writes from byte `start` on,
    /// numbered now if it is new.
    fn number(&mut self, lex: &Lexicon, text: &str, start: usize, word: &str) -> u32 {
        let end = start + word.len();
        let hash = hash_word(word);
        // The words listed are read as bytes: their bounds are not checked again.
        let listed = |&(from, to, _): &(usize, usize, u32)| text.as_bytes().get(from..to).unwrap_or_default();
        match self.ids.entry(
            hash,
            |entry| listed(entry) == word.as_bytes(),
            |entry| hash_bytes(listed(entry)),
        ) {
            Entry::Occupied(listed) => listed.get().2,
            Entry::Vacant(slot) => {
                let next = u32::try_from(self.classes.len()).unwrap_or(u32::MAX);
                slot.insert((start, end, next));
                self.classes.push(lex.class_hashed(word, || hash));
                self.capitalized.push(false);
                next
            }
        }
    }

    /// The number of `word`, if the document `text` numbered it.
    fn find(&self, text: &str, word: &str) -> Option<u32> {
        self.ids
            .find(hash_word(word), |&(from, to, _)| {
                text.as_bytes().get(from..to) == Some(word.as_bytes())
            })
            .map(|&(_, _, number)| number)
    }

    /// What word `number` can be.
    fn class(&self, number: u32) -> Class {
        self.classes.get(number as usize).copied().unwrap_or_default()
    }
}

/// What the document's names say of one word.
#[derive(Clone, Copy, Default)]
struct WordFact {
    /// The word stands alone as a name somewhere.
    alone: bool,
    /// The word is part of a name away from a sentence's start: only such
    /// words make a sentence-initial word a name.
    in_names: bool,
    /// The word stands alone before a comma and a place ("Kokomo,
    /// Indiana"): every mention of it is the place. (A preposition places
    /// only its own mention: "at Boeing" is no place.)
    placed: bool,
    /// How often the word stands alone as a name.
    repeated: u32,
}

/// [`WordFact`]s by word number.
#[derive(Default)]
struct WordFacts(Vec<WordFact>);

impl WordFacts {
    /// Sets the facts to those of the words of `candidates`, all of whose
    /// words are numbered.
    fn fill(&mut self, tokens: &[Token], words: &DocWords, candidates: &[Candidate<'_>]) {
        let facts = &mut self.0;
        facts.clear();
        facts.resize(words.classes.len(), WordFact::default());
        let number = |k: usize| tokens[k].word as usize;
        for (i, c) in candidates.iter().enumerate() {
            if c.kind == Kind::Single {
                let fact = &mut facts[number(c.first)];
                fact.alone = true;
                fact.repeated += 1;
                let before_place = candidates.get(i + 1).is_some_and(|n| {
                    n.first == c.last + 1 && tokens[n.first].gap == Gap::Comma && n.kind == Kind::Place
                });
                fact.placed |= before_place;
            }
            if !c.initial {
                let quoted = c.nickname.unwrap_or((usize::MAX, 0));
                for k in (c.first..=c.last).filter(|k| !(quoted.0..=quoted.1).contains(k)) {
                    facts[number(k)].in_names = true;
                }
            }
        }
    }
}

impl std::ops::Index<usize> for WordFacts {
    type Output = WordFact;

    fn index(&self, number: usize) -> &WordFact {
        &self.0[number]
    }
}

/// A name's words joined by single spaces, with straight apostrophes:
/// borrowed from `text` where it is written so.
fn normalize<'a>(text: &'a str, tokens: &[Token]) -> Cow<'a, str> {
    let (start, end) = (
        tokens.first().map_or(0, |t| t.start),
        tokens.last().map_or(0, |t| t.end),
    );
    let separator = |t: &Token| match t.gap {
        Gap::Comma => ", ",
        Gap::Amp => " & ",
        _ => " ",
    };
    // Most names are written as they are kept: then the text is the name.
    let written = text.get(start..end).unwrap_or("");
    // (Words start and end at a char's bounds: their bytes are compared.)
    let as_kept = !curly(written)
        && tokens
            .windows(2)
            .all(|pair| text.as_bytes().get(pair[0].end..pair[1].start) == Some(separator(&pair[1]).as_bytes()));
    if as_kept {
        return Cow::Borrowed(written);
    }
    // The name's length in the text, and a little for separators that
    // grow ("A&B" → "A & B"): one allocation.
    let mut out = String::with_capacity(end.saturating_sub(start) + 8);
    for (k, t) in tokens.iter().enumerate() {
        if k > 0 {
            out.push_str(separator(t));
        }
        let word = &text[t.start..t.end];
        if curly(word) {
            out.push_str(&word.replace('’', "'"));
        } else {
            out.push_str(word);
        }
    }
    Cow::Owned(out)
}

/// Whether `word` holds a curly apostrophe. Its first byte is looked for
/// first: most names have none, and a byte is found faster than a char.
fn curly(word: &str) -> bool {
    word.as_bytes().contains(&0xE2) && word.contains('’')
}

/// Marks the words of each line of a sentence that is a headline; `lines`
/// tells whether a word after the first opens a line.
fn mark_headlines(text: &str, end: usize, lines: bool, tokens: &mut [Token]) {
    if !lines {
        // One line: the whole sentence.
        let line = tokens.first().and_then(|t| text.get(t.start..end)).unwrap_or("");
        if headline(line, tokens) {
            tokens.iter_mut().for_each(|t| t.headline = true);
        }
        return;
    }
    let mut from = 0;
    while from < tokens.len() {
        let to = (from + 1..tokens.len())
            .find(|&k| tokens[k].line_start)
            .unwrap_or(tokens.len());
        let line_end = tokens.get(to).map_or(end, |t| t.start);
        let line = text.get(tokens[from].start..line_end).unwrap_or("");
        if headline(line, &tokens[from..to]) {
            tokens[from..to].iter_mut().for_each(|t| t.headline = true);
        }
        from = to;
    }
}

/// A headline: no closing punctuation, three or more capitalized words,
/// and fewer than a third as many lowercase ones.
fn headline(sentence: &str, tokens: &[Token]) -> bool {
    // Most lines end with their closing sign: nothing to trim first.
    let closed = sentence.ends_with(['.', '!', '?', ':', ';'])
        || sentence
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')'))
            .ends_with(['.', '!', '?', ':', ';']);
    if closed {
        return false;
    }
    let capitalized = tokens
        .iter()
        .filter(|t| matches!(t.shape, Shape::Cap | Shape::Upper))
        .count();
    let lower = tokens.iter().filter(|t| t.shape == Shape::Lower).count();
    capitalized >= 3 && lower * 3 < capitalized
}
