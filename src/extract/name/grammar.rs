//! The grammar of names: runs of capitalized words ("chunks") and what kind
//! of name each is, from the words in it and around it; then, over the whole
//! document, short forms linked to full names and role phrases read around
//! people's names.

use super::lexicon::{with_lower, Class, Gap, Lexicon, Shape, Token, Words};
use crate::rules::EntityKind;

/// What a chunk is, once its words are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Person,
    Org,
    Place,
    /// One word that nothing in it decides: settled over the document.
    Single,
}

/// A name found in a sentence, before short forms are linked.
#[derive(Clone, Debug)]
pub(super) struct Candidate<'l> {
    /// Token range `[first, last]` into the document's tokens.
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) kind: Kind,
    /// The canonical name of a known entity, as the lexicon holds it.
    pub(super) canonical: Option<&'l str>,
    pub(super) known: bool,
    /// A title or honorific stood before it ("Mr.", "President").
    pub(super) titled: bool,
    /// Preceded by a place preposition ("in").
    pub(super) after_preposition: bool,
    /// The word starts a sentence or a headline: capitalized anyway.
    pub(super) initial: bool,
    /// The kind is a guess from the word lists' surnames or from nothing:
    /// the rest of the document may overrule it.
    pub(super) weak: bool,
    /// A quoted nickname inside the name (`Vincent "The Chin" Gigante`):
    /// its token range, inside `[first, last]` and left out of the
    /// canonical name.
    pub(super) nickname: Option<(usize, usize)>,
}

/// Sentence-level facts the chunker needs.
pub(super) struct Sentence<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: &'a [Token],
    /// Index of the sentence's first token in the document's tokens.
    pub(super) offset: usize,
    /// The indexes in the document's tokens of the sentence's words that
    /// are not plain lowercase ones ([`super::lexicon::Tokens::notable`]):
    /// only there can a name start.
    pub(super) notable: &'a [usize],
    /// By a word's number ([`Token::word`]), whether the document writes
    /// it capitalized inside an ordinary sentence.
    pub(super) capitalized: &'a [bool],
}

impl Sentence<'_> {
    #[inline(always)]
    fn word(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        self.text.get(t.start..t.end).unwrap_or("")
    }

    /// What word `i` can be, as the lexicon classed it when tokenizing.
    fn class(&self, i: usize) -> Class {
        self.tokens[i].class
    }

    /// Whether the document writes word `i` capitalized inside an ordinary
    /// sentence.
    fn capitalized(&self, i: usize) -> bool {
        let word = self.tokens[i].word as usize;
        self.capitalized.get(word).copied().unwrap_or(false)
    }

    /// Whether the word is capitalized because of where it stands, not
    /// because it is a name.
    fn initial(&self, i: usize) -> bool {
        self.tokens[i].headline || self.tokens[i].line_start || matches!(self.tokens[i].gap, Gap::Open) || i == 0
    }

    /// Whether token `i` can be part of a name.
    ///
    /// Asked of every word that is not lowercase: its text is read only
    /// for the shapes that need it, and the lists only at a sentence's start.
    #[inline(always)]
    fn name_like(&self, lex: &Lexicon, i: usize) -> bool {
        let t = &self.tokens[i];
        let shaped = match t.shape {
            // "Chicago-based", "Dutch-born": an adjective made of a name;
            // "PhotoA", "CountyKNIGHTSTOWN": words glued by a page's markup.
            Shape::Cap => {
                let adjective = || {
                    self.word(i)
                        .split('-')
                        .skip(1)
                        .any(|part| part.starts_with(char::is_lowercase))
                };
                !(t.glued || t.hyphen && adjective())
            }
            Shape::Upper => true,
            // "J." as an initial: two bytes, the second a period.
            Shape::Other => t.end - t.start == 2 && self.text.as_bytes().get(t.end - 1) == Some(&b'.'),
            // "al-Assad" after a particle with a hyphen.
            Shape::Lower => t.hyphen && hyphen_particle(lex, self.word(i)),
        };
        if !shaped || t.class.function() {
            return false;
        }
        !self.initial(i) || self.initial_name_like(i)
    }

    /// [`Sentence::name_like`] for a word capitalized by where it stands:
    /// vouched for, or followed by a capitalized word.
    fn initial_name_like(&self, i: usize) -> bool {
        vouched(self, i)
            || (self
                .tokens
                .get(i + 1)
                .is_some_and(|n| n.gap == Gap::Space && n.shape == Shape::Cap)
                && !self.tokens[i].headline
                && !self.tokens[i].class.not_name())
    }

    #[inline]
    fn lower_in(&self, set: &Words, i: usize) -> bool {
        set.contains_lower(self.word(i))
    }

    /// The role a phrase of tokens `[i, i + n)` names, if it is one.
    pub(super) fn role_at<'l>(&self, lex: &'l Lexicon, i: usize, n: usize) -> Option<&'l str> {
        if i + n > self.tokens.len() {
            return None;
        }
        let start = self.tokens[i].start;
        let end = self.tokens[i + n - 1].end;
        if (i + 1..i + n).any(|k| self.tokens[k].gap != Gap::Space) {
            return None;
        }
        let phrase = self.text.get(start..end)?.trim_end_matches('.');
        if !lex.role_lengths.may_hold_lowered(phrase) {
            return None;
        }
        with_lower(phrase, |key| lex.roles.get(key).map(String::as_str))
    }
}

/// Whether a capital at the start of a sentence or in a headline is a
/// name's: the lists or the rest of the document say so.
#[inline]
fn vouched(s: &Sentence<'_>, i: usize) -> bool {
    let class = s.tokens[i].class;
    class.given()
        || class.org_word()
        || class.org_suffix()
        || class.place_word()
        || class.title()
        || class.honorific()
        || s.tokens[i].shape == Shape::Upper
        || class.known_first()
        || s.capitalized(i)
}

/// "al-Assad": a particle, a hyphen, a capital.
fn hyphen_particle(lex: &Lexicon, word: &str) -> bool {
    word.split_once('-')
        .is_some_and(|(p, rest)| lex.particles.contains(p) && rest.chars().next().is_some_and(char::is_uppercase))
}

/// The chunks of one sentence, classified, appended to `out`.
pub(super) fn chunks<'l>(lex: &'l Lexicon, s: &Sentence<'_>, out: &mut Vec<Candidate<'l>>) {
    let n = s.tokens.len();
    let mut i = 0;
    // The next of the notable words to look at.
    let mut next_notable = 0;
    while i < n {
        // Most words are plain lowercase: no name starts there. They are
        // passed over by going to the next notable word.
        while s.notable.get(next_notable).is_some_and(|&k| k - s.offset < i) {
            next_notable += 1;
        }
        let Some(&k) = s.notable.get(next_notable) else { break };
        i = k - s.offset;
        // A role word opens no name: "CEO Alexandr Wang".
        if !s.name_like(lex, i) || is_role(s, i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut org_cue = false;
        let mut nickname = None;
        loop {
            let class = s.class(end);
            org_cue |= class.org_cue();
            if s.tokens[end].possessive || is_role(s, end) && end > start {
                break;
            }
            let next = end + 1;
            if next >= n {
                break;
            }
            let gap = s.tokens[next].gap;
            if gap == Gap::Open && nickname.is_none() {
                if let Some(close) = nickname_at(s, start, end) {
                    nickname = Some((next, close));
                    end = close + 1;
                    continue;
                }
            }
            // A title inside a run starts a person's name: "Boeing Chief
            // Executive Jim McNerney", but "General Motors".
            let titled = s.class(next).title()
                && s.tokens.get(next + 1).is_some_and(|t| t.gap == Gap::Space)
                && !(next + 1 < n && {
                    let c = s.class(next + 1);
                    c.org_cue()
                });
            if titled {
                break;
            }
            // A word that is no name ends the run ("Gary Ross Will Not"),
            // unless an organization word follows ("Pan American Airways").
            let stops = {
                let c = s.class(next);
                (c.not_name() || c.function())
                    && !(next + 1 < n && {
                        let after = s.class(next + 1);
                        after.org_cue()
                    })
            };
            if gap == Gap::Space && !stops && s.name_like(lex, next) && !is_role(s, next) {
                end = next;
                continue;
            }
            if gap == Gap::Amp && s.name_like(lex, next) {
                org_cue = true;
                end = next;
                continue;
            }
            // "Meta Platforms, Inc."
            if gap == Gap::Comma && s.class(next).org_suffix() && s.tokens[next].shape != Shape::Lower {
                org_cue = true;
                end = next;
                continue;
            }
            // "van Beethoven", "Bank of America": a lowercase word between two
            // capitalized ones.
            let bridged = next + 1 < n
                && gap == Gap::Space
                && s.tokens[next].shape == Shape::Lower
                && s.tokens[next + 1].gap == Gap::Space
                && matches!(s.tokens[next + 1].shape, Shape::Cap | Shape::Upper)
                && !s.class(next + 1).function();
            if bridged && s.lower_in(&lex.particles, next) && !org_cue {
                end = next + 1;
                continue;
            }
            // "Holdings on Tuesday": a weekday, a month or a pronoun after
            // the joiner ends the name.
            if bridged && org_cue && s.lower_in(&lex.joiners, next) && !s.class(next + 1).not_name() {
                end = next + 1;
                continue;
            }
            break;
        }
        // A role word at the end ("Scale AI CEO") is left to the roles.
        let mut last = end;
        while last > start && is_role(s, last) {
            last -= 1;
        }
        match nickname {
            Some(quoted) if quoted.1 < last => classify_around(lex, s, start, last, quoted, out),
            _ => classify(lex, s, start, last, out),
        }
        i = end + 1;
    }
}

/// The last word of a quoted nickname that follows the given name at
/// `end`, when a surname follows it: `Vincent "The Chin" Gigante`,
/// `Joseph 'Joe Bananas' Bonanno`, `Salvatore “Sammy the Bull” Gravano`.
///
/// The name must so far be the given name alone (after honorifics and
/// titles), so that a quoted title after a full name ("Ridley Scott
/// "Gladiator" Tickets") stays out; the quote must hold one to four words
/// one space apart, ending with a capitalized one, so that a quoted
/// sentence ("Jones is wrong") stays out; and the word after the quote
/// must be able to end a person's name.
fn nickname_at(s: &Sentence<'_>, start: usize, end: usize) -> Option<usize> {
    const MOST_WORDS: usize = 4;
    let given = &s.tokens[end];
    if !(given.class.given() && given.shape == Shape::Cap && !given.possessive) {
        return None;
    }
    if !(start..end).all(|k| s.class(k).honorific() || s.class(k).title()) {
        return None;
    }
    let between = |k: usize| s.text.get(s.tokens[k].end..s.tokens.get(k + 1)?.start);
    // One opening quote after spaces, and the word right after it.
    let opening = between(end)?.trim_start_matches([' ', '\u{a0}']);
    let double = match opening {
        "\"" | "“" => true,
        "'" | "‘" => false,
        _ => return None,
    };
    if opening.len() == between(end)?.len() {
        return None;
    }
    for close in end + 1..(end + 1 + MOST_WORDS).min(s.tokens.len()) {
        let word = &s.tokens[close];
        if !matches!(word.shape, Shape::Cap | Shape::Upper | Shape::Lower) || word.glued {
            return None;
        }
        let gap = between(close)?;
        // A closing quote of the same kind, then spaces and the surname.
        let closed = gap
            .strip_prefix(if double { ['"', '”'] } else { ['\'', '’'] })
            .is_some_and(|rest| !rest.is_empty() && rest.trim_start_matches([' ', '\u{a0}']).is_empty());
        if closed {
            if word.shape == Shape::Lower {
                return None;
            }
            let surname = s.tokens.get(close + 1)?;
            let c = surname.class;
            let no_surname = c.function()
                || c.not_name()
                || c.honorific()
                || c.title()
                || c.org_word()
                || c.org_suffix()
                || c.place_word()
                || c.other()
                || c.role();
            return (surname.shape == Shape::Cap && !surname.glued && !surname.hyphen && !no_surname).then_some(close);
        }
        // Inside the quote, words one space apart.
        if gap != " " {
            return None;
        }
    }
    None
}

/// Classifies the chunk `[first, last]` that holds the quoted nickname
/// `quoted`, as if the nickname were not there; the candidate that spans
/// it keeps its range.
fn classify_around<'l>(
    lex: &'l Lexicon,
    s: &Sentence<'_>,
    first: usize,
    last: usize,
    quoted: (usize, usize),
    out: &mut Vec<Candidate<'l>>,
) {
    let (from, to) = quoted;
    let skipped = to + 1 - from;
    let mut tokens = Vec::with_capacity(s.tokens.len() - skipped);
    tokens.extend_from_slice(&s.tokens[..from]);
    tokens.extend_from_slice(&s.tokens[to + 1..]);
    // The surname follows the given name as if one space apart.
    tokens[from].gap = Gap::Space;
    let without = Sentence {
        text: s.text,
        tokens: &tokens,
        offset: s.offset,
        notable: &[],
        capitalized: s.capitalized,
    };
    let before = out.len();
    classify(lex, &without, first, last - skipped, out);
    let (from, to) = (s.offset + from, s.offset + to);
    let shift = |k: usize| if k >= from { k + skipped } else { k };
    for c in &mut out[before..] {
        c.first = shift(c.first);
        c.last = shift(c.last);
        if c.first < from && c.last > to {
            c.nickname = Some((from, to));
        }
    }
}

#[inline]
fn is_role(s: &Sentence<'_>, i: usize) -> bool {
    let t = &s.tokens[i];
    let class = s.class(i);
    class.role() && (!class.org_cue() && !class.title() || t.shape == Shape::Upper)
}

/// Classifies the chunk `[first, last]` of a sentence; a chunk that holds
/// a known name is split around it.
fn classify<'l>(lex: &'l Lexicon, s: &Sentence<'_>, mut first: usize, last: usize, out: &mut Vec<Candidate<'l>>) {
    let has_org_cue = (first..=last).any(|k| {
        let c = s.class(k);
        c.org_cue()
    }) || (first + 1..=last).any(|k| s.tokens[k].gap == Gap::Amp);
    // Leading words that are no name: "Yesterday Airbus", "Mr. Wang".
    let mut titled = false;
    while first <= last {
        let c = s.class(first);
        let alone = first == last;
        if c.not_name() && !has_org_cue && !c.given() {
            first += 1;
        } else if (c.honorific() || c.title()) && !alone && !(has_org_cue && c.title()) {
            titled = true;
            first += 1;
            // The rest of a role of several words: "Chief Executive".
            if let Some(n) = (2..=lex.role_len)
                .rev()
                .find(|&n| first + n - 1 < last && s.role_at(lex, first - 1, n).is_some())
            {
                first += n - 1;
            }
        } else {
            break;
        }
    }
    if first > last {
        return;
    }
    // A run at a sentence's start drops a first word shaped like a common
    // word that nothing vouches for: "Actual Airbus" is "Airbus".
    if first < last
        && s.initial(first)
        && !vouched(s, first)
        && lex.common_endings.iter().any(|e| s.word(first).ends_with(e.as_str()))
    {
        first += 1;
    }
    let initial = s.initial(first);
    let preposition = first > 0
        && s.tokens[first].gap == Gap::Space
        && s.tokens[first - 1].shape == Shape::Lower
        && s.lower_in(&lex.place_prepositions, first - 1);
    let mut candidate = Candidate {
        first: s.offset + first,
        last: s.offset + last,
        kind: Kind::Single,
        canonical: None,
        known: false,
        titled,
        after_preposition: preposition,
        initial,
        weak: false,
        nickname: None,
    };
    // A known name: the whole chunk, or a part of a chunk without an
    // organization word of its own ("Meta", "Scale AI" in "Meta Scale AI").
    if let Some((at, len, known)) = known_in(lex, s, first, last, has_org_cue) {
        if at > first {
            classify(lex, s, first, at - 1, out);
        }
        candidate.first = s.offset + at;
        candidate.last = s.offset + at + len - 1;
        candidate.kind = match known.kind {
            EntityKind::Org => Kind::Org,
            EntityKind::Person => Kind::Person,
            EntityKind::Place => Kind::Place,
        };
        candidate.canonical = Some(&known.canonical);
        candidate.known = true;
        candidate.initial = s.initial(at);
        candidate.after_preposition = false;
        out.push(candidate);
        if at + len <= last {
            classify(lex, s, at + len, last, out);
        }
        return;
    }
    // An event, a prize, a storm: a name, but of nothing claims are about.
    if !has_org_cue && (first..=last).any(|k| s.class(k).other()) {
        return;
    }
    // "Chargers NT Jamal Williams": a person's name starts at the given name
    // inside a run that starts otherwise.
    if !s.class(first).given() && !titled {
        let inner = (first + 1..last).find(|&k| s.class(k).given() && s.tokens[k].shape == Shape::Cap);
        if let Some(k) = inner.filter(|_| !has_org_cue) {
            classify(lex, s, first, k - 1, out);
            classify(lex, s, k, last, out);
            return;
        }
    }
    let words = last - first + 1;
    let first_class = s.class(first);
    let last_class = s.class(last);
    let all_cap = (first..=last).all(|k| {
        matches!(s.tokens[k].shape, Shape::Cap | Shape::Other)
            || s.lower_in(&lex.particles, k)
            || s.tokens[k].hyphen && hyphen_particle(lex, s.word(k))
    });
    let initial_first = s.word(first).len() == 2 && s.word(first).ends_with('.');
    let particle_inside = (first + 1..last).any(|k| s.tokens[k].shape == Shape::Lower);
    let personal = words >= 2 && all_cap && (first_class.given() || initial_first);
    let surnamed = (2..=3).contains(&words) && all_cap && last_class.surname() && !first_class.not_name();
    candidate.kind = if has_org_cue && (words > 1 || first_class.org_suffix()) {
        Kind::Org
    } else if has_org_cue {
        // One organization word alone ("Police", "Court") names nothing.
        return;
    } else if words >= 2 && last_class.place_word() {
        Kind::Place
    } else if words >= 2 && last_class.title() && !first_class.given() {
        // An office: "Henry County Sheriff", "Wayne County Prosecutor".
        Kind::Org
    } else if titled || particle_inside || personal {
        // A title before it, a particle inside it ("Osama bin Laden"), or a
        // given name or initial first.
        Kind::Person
    } else if words == 1 {
        // A title alone ("Sgt.") or an adjective of nationality names no one.
        let title_alone = first_class.title() || first_class.honorific();
        if title_alone || first_class.not_name() || !s.capitalized(first) && demonym(s.word(first)) {
            return;
        }
        Kind::Single
    } else if preposition {
        Kind::Place
    } else if surnamed || suffixed(s.word(last)) || (first + 1..=last).any(|k| s.class(k).given()) {
        // "Hosni Mubarak", "Arcade Joseph Comeaux Jr": likely a person.
        candidate.weak = true;
        Kind::Person
    } else {
        candidate.weak = true;
        Kind::Org
    };
    out.push(candidate);
}

/// The longest known name inside `[first, last]`: its start, length in
/// words and entity. A chunk with an organization word is matched whole only.
fn known_in<'l>(
    lex: &'l Lexicon,
    s: &Sentence<'_>,
    first: usize,
    last: usize,
    whole_only: bool,
) -> Option<(usize, usize, &'l super::lexicon::Known)> {
    let mut key = String::new();
    let mut lookup = |at: usize, len: usize| {
        let separator = |k: usize| if s.tokens[k].gap == Gap::Comma { ", " } else { " " };
        // Most names are written as the lexicon keys them, their words one
        // space (or a comma and a space) apart: then the text is the key,
        // with nothing copied.
        let (start, end) = (s.tokens[at].start, s.tokens[at + len - 1].end);
        let as_keyed =
            (at + 1..at + len).all(|k| s.text.get(s.tokens[k - 1].end..s.tokens[k].start) == Some(separator(k)));
        if let Some(written) = s.text.get(start..end).filter(|_| as_keyed) {
            return lex.known_lengths.may_hold(written).then(|| lex.known.get(written))?;
        }
        key.clear();
        for k in at..at + len {
            if k > at {
                key.push_str(separator(k));
            }
            key.push_str(s.word(k));
        }
        lex.known_lengths.may_hold(&key).then(|| lex.known.get(key.as_str()))?
    };
    if whole_only {
        return lookup(first, last - first + 1).map(|k| (first, last - first + 1, k));
    }
    for at in first..=last {
        // One look-up rules out most starts: no known name begins there.
        if !s.tokens[at].class.known_first() {
            continue;
        }
        let most = lex.known_len.min(last - at + 1);
        for len in (1..=most).rev() {
            // A place inside a run that starts with a given name is a
            // surname: "Barry Washington", "Paris Hilton" keep theirs.
            let surname = at > first && s.class(first).given();
            if let Some(known) = lookup(at, len).filter(|k| !(surname && k.kind == EntityKind::Place)) {
                return Some((at, len, known));
            }
        }
    }
    None
}

/// "Jr", "Sr.", "III": the end of a person's name.
pub(super) fn suffixed(word: &str) -> bool {
    matches!(word.trim_end_matches('.'), "Jr" | "Sr" | "II" | "III" | "IV")
}

/// "Iranian", "Chinese", "British": adjectives of nationality by their ending.
fn demonym(word: &str) -> bool {
    ["ian", "ean", "ese", "ish", "ians", "eans"]
        .iter()
        .any(|e| word.ends_with(e))
}
