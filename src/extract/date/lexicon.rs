//! The words of dates as one automaton, and the tokens it finds: a sentence
//! becomes the short list of its time words and numbers, with the text
//! between them left for the grammar to inspect.

use std::collections::BTreeMap;

use crate::ascii;
use crate::error::RuleError;
use crate::rules::{
    Bound, DateBound, DateWords, DayPart, Meridiem, PeriodPart, Reference, Relation, Season, Shift, TimeUnit,
};
use crate::util::{ends_word, starts_word};

/// What a word can be; a word may be several ("second": ordinal and unit).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Role {
    Month(u32),
    Weekday(u32),
    Season(Season),
    DayPart(DayPart),
    DayWord(i64),
    Number(u32),
    Vague,
    Ordinal(u32),
    Unit(TimeUnit),
    Units(TimeUnit),
    Determiner,
    Of,
    On,
    Preposition,
    Range,
    PeriodNoun,
    Age,
    /// A word before a decade that makes it an age ("his 30s").
    AgeOwner,
    /// A word between a count and its unit ("two more weeks").
    Filler,
    Ahead,
    /// A word that makes a noun phrase a record ("the first visit", "its
    /// highest level"): "in ten years" after it spans back to now.
    Record,
    /// A word before a date that bounds it ("before").
    BoundBefore(DateBound),
    /// A phrase after a date that bounds it ("or later").
    BoundAfter(DateBound),
    /// A word that sets its clause's tense.
    Tense(Tense),
    /// A word that opens a clause ("that").
    Opener,
    /// A word with a past suffix that is no past verb ("hundred").
    NotPast,
    /// A word before a date that makes it a deadline ("by June").
    Deadline,
    /// Half a unit more, after a count or a unit ("1/2", "and a half").
    Half,
    /// An ending that makes a unit a length adjective ("day-long").
    Lasting,
    /// A word after a period that says when it ends ("the year ended").
    PeriodEnd,
    /// A word before "the day" that makes it no date ("in the day").
    WithinDay,
    /// A word before a date that counts from it to the time of writing,
    /// so that the date has passed ("since August").
    Since,
    /// The auxiliary of the past perfect ("had"): a plan after it, an
    /// adverb between them, was for a time now past ("had been initially
    /// scheduled").
    Perfect,
    Label(TimeUnit, u32),
    Shift(Shift),
    Relation(Relation),
    Part(PeriodPart),
    PartNoun(PeriodPart),
    Hedge(Bound),
    Reference(Reference),
    SetWord(TimeUnit),
    Every,
    Clock(u32),
    Meridiem(Meridiem),
    Zone,
    Fiscal,
    Holiday(u32, u32),
    /// Month, ISO weekday, and which one (negative from the end).
    Floating(u32, u32, i32),
    /// A decade written as a word, by its first year in a century ("nineties": 90).
    DecadeWord(u32),
}

impl Role {
    /// One bit for the kind of role, whatever its value: a token's roles
    /// together say in one word which rules may start at it.
    pub(super) const fn kind(&self) -> u64 {
        1 << match self {
            Role::Month(..) => 0,
            Role::Weekday(..) => 1,
            Role::Season(..) => 2,
            Role::DayPart(..) => 3,
            Role::DayWord(..) => 4,
            Role::Number(..) => 5,
            Role::Vague => 6,
            Role::Ordinal(..) => 7,
            Role::Unit(..) => 8,
            Role::Units(..) => 9,
            Role::Determiner => 10,
            Role::Of => 11,
            Role::On => 12,
            Role::Preposition => 13,
            Role::Range => 14,
            Role::PeriodNoun => 15,
            Role::Age => 16,
            Role::AgeOwner => 17,
            Role::Filler => 18,
            Role::Ahead => 19,
            Role::BoundBefore(..) => 20,
            Role::BoundAfter(..) => 21,
            Role::Tense(..) => 22,
            Role::Opener => 23,
            Role::NotPast => 24,
            Role::Deadline => 25,
            Role::Half => 26,
            Role::Lasting => 27,
            Role::PeriodEnd => 28,
            Role::Label(..) => 29,
            Role::Shift(..) => 30,
            Role::Relation(..) => 31,
            Role::Part(..) => 32,
            Role::PartNoun(..) => 33,
            Role::Hedge(..) => 34,
            Role::Reference(..) => 35,
            Role::SetWord(..) => 36,
            Role::Every => 37,
            Role::Clock(..) => 38,
            Role::Meridiem(..) => 39,
            Role::Zone => 40,
            Role::Fiscal => 41,
            Role::Holiday(..) => 42,
            Role::Floating(..) => 43,
            Role::DecadeWord(..) => 44,
            Role::WithinDay => 45,
            Role::Since => 46,
            Role::Perfect => 47,
            Role::Record => 48,
        }
    }

    /// Whether the word is only looked up next to a token ("the", "of"),
    /// never searched for.
    fn looked_up(&self) -> bool {
        matches!(
            self,
            Role::Determiner
                | Role::Of
                | Role::On
                | Role::Preposition
                | Role::Range
                | Role::PeriodNoun
                | Role::Age
                | Role::AgeOwner
                | Role::Filler
                | Role::Ahead
                | Role::Record
                | Role::Tense(_)
                | Role::Opener
                | Role::NotPast
                | Role::Deadline
                | Role::Half
                | Role::Lasting
                | Role::PeriodEnd
                | Role::WithinDay
                | Role::Since
                | Role::Perfect
                | Role::BoundBefore(_)
                | Role::BoundAfter(_)
        )
    }

    /// Whether the word must be written capitalized (or in capitals).
    pub(super) fn capitalized(&self) -> bool {
        matches!(
            self,
            Role::Month(_) | Role::Weekday(_) | Role::Label(..) | Role::Zone | Role::Holiday(..) | Role::Floating(..)
        )
    }
}

/// The tense of a clause, as far as its words tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Present,
    Future,
}

/// A word that tells the tense of its clause, or that opens a clause
/// ("that"), whose tense is another's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cue {
    Tense(Tense),
    Opener,
    /// Punctuation that ends a clause: a comma, a semicolon, a bracket…
    Break,
}

/// A number as written: its shape decides what it can be.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Num {
    /// Digits alone, with how many there are.
    Int(u32, usize),
    /// `12th`.
    Ordinal(u32),
    /// `2025-06-12`.
    Iso(i32, u32, u32),
    /// `6/12/2025` or `6/12/25`.
    Slash(u32, u32, i32),
    /// `2024/25`: two years.
    YearPair(i32, i32),
    /// `3:30`.
    Clock(u32, u32),
    /// `1990s` (first year), `'90s`.
    Decade(i32),
    /// A number that is no date: `1,500`, `3.5`, `$2000`.
    Other,
}

/// A token: a time word or a number, with its byte span in the sentence.
#[derive(Clone, Copy, Debug)]
pub(super) struct Tok<'l> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) roles: &'l [Role],
    pub(super) num: Option<Num>,
}

impl Tok<'_> {
    pub(super) fn has(&self, f: impl Fn(&Role) -> bool) -> bool {
        self.roles.iter().any(f)
    }

    pub(super) fn find<T>(&self, f: impl Fn(&Role) -> Option<T>) -> Option<T> {
        self.roles.iter().find_map(f)
    }

    /// The kinds of its roles, one bit each (see [`Role::kind`]).
    pub(super) fn kinds(&self) -> u64 {
        self.roles.iter().fold(0, |kinds, r| kinds | r.kind())
    }
}

/// A word or phrase of the lexicon, filed under its first word.
struct Phrase {
    /// Lowercased: "from now", "a.m.".
    text: String,
    /// The length of its first word (its leading run of letters and digits).
    first: usize,
    /// The [`Key`] of its first word.
    key: u64,
    /// How many leading bytes an equal key proves equal: the whole first
    /// word when it is letters and digits that the key holds, else none.
    proven: usize,
    entry: usize,
    /// Whether it becomes a token; "a", "am" and "the" are only looked up
    /// next to one.
    token: bool,
}

/// Phrases are filed by a hash of their first word, in this many buckets;
/// most words of a text land in one that holds no token.
const BUCKETS: usize = 1 << 13;

/// What the phrases of each bucket can be, one byte per bucket
/// ([`TOKEN`], [`TENSE`]): a byte to test is one load, where a bit of a
/// kilobyte costs a shift and a mask more on every word of a text.
type BucketFlags = Box<[u8; BUCKETS]>;

/// A bucket that holds a phrase that becomes a token.
const TOKEN: u8 = 1;
/// A bucket that holds a phrase that sets a tense, opens a clause or is no
/// past verb.
const TENSE: u8 = 2;

/// The compiled words.
pub(super) struct Lexicon {
    /// Phrases by the first letter and length of their first word, longest
    /// phrase first.
    buckets: Vec<Vec<Phrase>>,
    /// What each bucket holds: most words are dismissed on its byte alone.
    bucket_flags: BucketFlags,
    /// Per entry: the word as written in the language file, and its roles.
    entries: Vec<(Vec<String>, Vec<Role>)>,
    /// Deadline words ("by", "until"), lowercased, each with whether it
    /// bounds the date from above ("until"): looked up before every
    /// weekday, so kept apart from the buckets.
    deadlines: Vec<(String, bool)>,
    /// Suffixes of past-tense verbs ("-ed"), lowercased.
    past_suffixes: Vec<String>,
    /// The last letters of those suffixes, by byte.
    past_suffix_ends: [bool; 256],
    /// Suffixes that make a number an ordinal ("12th").
    ordinal_suffixes: Vec<String>,
    /// Possessive endings ("'s").
    possessives: Vec<String>,
    /// Words after a weekday that make it a title's ("Sunday Times").
    weekday_titles: Vec<String>,
}

impl Lexicon {
    pub(super) fn new(words: &DateWords) -> Result<Self, RuleError> {
        let mut by_word: BTreeMap<String, (Vec<String>, Vec<Role>)> = BTreeMap::new();
        let mut add = |word: &str, role: Role| {
            let entry = by_word.entry(word.to_lowercase()).or_default();
            if !entry.0.iter().any(|w| w == word) {
                entry.0.push(word.to_string());
            }
            if !entry.1.contains(&role) {
                entry.1.push(role);
            }
        };
        each(&words.months, Role::Month, &mut add);
        each(&words.weekdays, Role::Weekday, &mut add);
        each(&words.seasons, Role::Season, &mut add);
        each(&words.decade_words, Role::DecadeWord, &mut add);
        each(&words.day_parts, Role::DayPart, &mut add);
        each(&words.day_words, Role::DayWord, &mut add);
        each(&words.numbers, Role::Number, &mut add);
        each(&words.ordinals, Role::Ordinal, &mut add);
        each(&words.units, Role::Unit, &mut add);
        each(&words.unit_plurals, Role::Units, &mut add);
        each(&words.shifts, Role::Shift, &mut add);
        each(&words.relations, Role::Relation, &mut add);
        each(&words.period_parts, Role::Part, &mut add);
        each(&words.part_nouns, Role::PartNoun, &mut add);
        each(&words.hedges, Role::Hedge, &mut add);
        each(&words.references, Role::Reference, &mut add);
        each(&words.set_words, Role::SetWord, &mut add);
        each(&words.clock_words, Role::Clock, &mut add);
        each(&words.meridiems, Role::Meridiem, &mut add);
        each(&words.bounds_before, Role::BoundBefore, &mut add);
        each(&words.bounds_after, Role::BoundAfter, &mut add);
        all(&words.vague_counts, Role::Vague, &mut add);
        all(&words.determiners, Role::Determiner, &mut add);
        all(&words.of_words, Role::Of, &mut add);
        all(&words.on_words, Role::On, &mut add);
        all(&words.date_prepositions, Role::Preposition, &mut add);
        all(&words.range_words, Role::Range, &mut add);
        all(&words.period_nouns, Role::PeriodNoun, &mut add);
        all(&words.age_words, Role::Age, &mut add);
        all(&words.age_owners, Role::AgeOwner, &mut add);
        all(&words.count_fillers, Role::Filler, &mut add);
        all(&words.ahead_words, Role::Ahead, &mut add);
        all(&words.record_words, Role::Record, &mut add);
        all(&words.future_cues, Role::Tense(Tense::Future), &mut add);
        all(&words.present_cues, Role::Tense(Tense::Present), &mut add);
        all(&words.past_cues, Role::Tense(Tense::Past), &mut add);
        all(&words.clause_openers, Role::Opener, &mut add);
        all(&words.not_past, Role::NotPast, &mut add);
        all(&words.deadline_words, Role::Deadline, &mut add);
        all(&words.since_words, Role::Since, &mut add);
        all(&words.perfect_words, Role::Perfect, &mut add);
        all(&words.halves, Role::Half, &mut add);
        all(&words.lasting, Role::Lasting, &mut add);
        all(&words.period_ends, Role::PeriodEnd, &mut add);
        all(&words.within_day, Role::WithinDay, &mut add);
        all(&words.set_quantifiers, Role::Every, &mut add);
        all(&words.time_zones, Role::Zone, &mut add);
        all(&words.fiscal, Role::Fiscal, &mut add);
        for (letter, &unit) in &words.period_labels {
            let count = if unit == TimeUnit::Half { 2 } else { 4 };
            for n in 1..=count {
                add(&format!("{letter}{n}"), Role::Label(unit, n));
            }
        }
        for (w, rule) in &words.floating_holidays {
            let (m, wd, n) =
                parse_floating(rule).ok_or_else(|| invalid(format!("holiday {w:?}: {rule:?} is not MM-W-N")))?;
            add(w, Role::Floating(m, wd, n));
        }
        for (w, md) in &words.holidays {
            let (m, d) = parse_month_day(md).ok_or_else(|| invalid(format!("holiday {w:?}: {md:?} is not MM-DD")))?;
            add(w, Role::Holiday(m, d));
        }
        let mut buckets: Vec<Vec<Phrase>> = (0..BUCKETS).map(|_| Vec::new()).collect();
        let mut entries = Vec::new();
        let mut bucket_flags: BucketFlags = Box::new([0; BUCKETS]);
        for (text, mut entry) in by_word {
            // Roles that need a capital come first, so that the others are a
            // tail of the list (see `cased`).
            entry.1.sort_by_key(|r| !r.capitalized());
            let first = text.bytes().take_while(u8::is_ascii_alphanumeric).count().max(1);
            let token = entry.1.iter().any(|r| !r.looked_up())
                && (text.len() >= 3 || text.contains(|c: char| !c.is_alphabetic()));
            let key = Key::of(text.as_bytes(), first);
            let at = key.bucket;
            if token {
                bucket_flags[at] |= TOKEN;
            }
            if entry
                .1
                .iter()
                .any(|r| matches!(r, Role::Tense(_) | Role::Opener | Role::NotPast))
            {
                bucket_flags[at] |= TENSE;
            }
            let bucket = &mut buckets[at];
            let alnum = text.as_bytes()[..first].iter().all(u8::is_ascii_alphanumeric);
            bucket.push(Phrase {
                proven: if alnum && first <= 8 { first } else { 0 },
                text,
                first,
                key: key.key,
                entry: entries.len(),
                token,
            });
            bucket.sort_by_key(|p| std::cmp::Reverse(p.text.len()));
            entries.push(entry);
        }
        let until = |w: &str| {
            words
                .bounds_before
                .iter()
                .any(|(b, bound)| b.eq_ignore_ascii_case(w) && *bound == DateBound::OnOrBefore)
        };
        let mut deadlines: Vec<(String, bool)> = words
            .deadline_words
            .iter()
            .map(|w| (w.to_ascii_lowercase(), until(w)))
            .collect();
        for (w, bound) in &words.bounds_before {
            if *bound == DateBound::OnOrBefore && !deadlines.iter().any(|(d, _)| d.eq_ignore_ascii_case(w)) {
                deadlines.push((w.to_ascii_lowercase(), true));
            }
        }
        Ok(Lexicon {
            weekday_titles: words.weekday_titles.clone(),
            buckets,
            bucket_flags,
            entries,
            deadlines,
            past_suffixes: words.past_suffixes.iter().map(|s| s.to_ascii_lowercase()).collect(),
            past_suffix_ends: {
                let mut ends = [false; 256];
                for s in &words.past_suffixes {
                    if let Some(&b) = s.as_bytes().last() {
                        ends[usize::from(b.to_ascii_lowercase())] = true;
                    }
                }
                ends
            },
            ordinal_suffixes: words.ordinal_suffixes.clone(),
            possessives: words.possessives.clone(),
        })
    }

    /// The tokens of `text`, in order: one pass over its words, each looked
    /// up in a small bucket of phrases.
    #[cfg(test)]
    pub(super) fn tokens<'l>(&'l self, text: &str) -> Vec<Tok<'l>> {
        let mut out = Vec::new();
        self.tokens_into(text, &mut out);
        out
    }

    /// The tokens of `text`, in order, in `out` (cleared first: the caller
    /// reuses one buffer for every sentence).
    pub(super) fn tokens_into<'l>(&'l self, text: &str, out: &mut Vec<Tok<'l>>) {
        let bytes = text.as_bytes();
        out.clear();
        for_each_word(bytes, |start, len| {
            // Most words are dismissed by their bucket alone, before anything
            // else is read around them.
            let key = Key::of(&bytes[start..], len);
            let digit = key.starts_with_digit();
            if !digit && !key.filed(&self.bucket_flags, TOKEN) {
                return start + len;
            }
            // Only a non-ASCII neighbour can be a letter glued to the word;
            // letters of other scripts hold no time word.
            let glued = (start > 0 && bytes[start - 1] >= 0x80 && !starts_word(text, start))
                || (bytes.get(start + len).is_some_and(|&c| c >= 0x80) && !ends_word(text, start + len));
            if glued {
                return start + len;
            }
            if digit {
                let (num, end) = number(text, start, &self.ordinal_suffixes);
                out.push(Tok {
                    start,
                    end,
                    roles: &[],
                    num: Some(num),
                });
                return end;
            }
            let Some((phrase, end)) = self.phrase_at(text, start, key) else {
                return start + len;
            };
            let (written, roles) = &self.entries[phrase.entry];
            match phrase.token.then(|| cased(&text[start..end], written, roles)).flatten() {
                Some(roles) => {
                    out.push(Tok {
                        start,
                        end,
                        roles,
                        num: None,
                    });
                    end
                }
                None => start + len,
            }
        });
    }

    /// The longest phrase starting with the word at byte `start` of `text`
    /// whose key is `key`, and where it ends.
    fn phrase_at(&self, text: &str, start: usize, key: Key) -> Option<(&Phrase, usize)> {
        let rest = &text.as_bytes()[start..];
        self.buckets.get(key.bucket)?.iter().find_map(|p| {
            let end = start + p.text.len();
            let fits = p.key == key.key
                && p.first == key.len
                && rest.len() >= p.text.len()
                && rest[p.proven..p.text.len()].eq_ignore_ascii_case(&p.text.as_bytes()[p.proven..])
                && text.is_char_boundary(end)
                && ends_word(text, end);
            fits.then_some((p, end))
        })
    }

    /// Whether `word`, after a weekday, makes the weekday part of a
    /// title ("Sunday Times").
    pub(super) fn weekday_title(&self, word: &str) -> bool {
        self.weekday_titles.iter().any(|t| t == word)
    }

    /// Whether `word` is a deadline word, and whether it bounds the date
    /// from above ("until"): `None` for any other word.
    pub(super) fn deadline(&self, word: &str) -> Option<bool> {
        self.deadlines
            .iter()
            .find(|(d, _)| d.len() == word.len() && d.eq_ignore_ascii_case(word))
            .map(|&(_, until)| until)
    }

    /// The roles of one word, when it is a time word.
    pub(super) fn roles_of(&self, word: &str) -> Option<&[Role]> {
        let run = word.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let key = Key::of(word.as_bytes(), run.max(1));
        // An equal key proves the first word equal only when the word's
        // own first word is letters and digits.
        let proven = |p: &Phrase| if run > 0 { p.proven } else { 0 };
        let phrase = self.buckets.get(key.bucket)?.iter().find(|p| {
            p.key == key.key
                && p.first == key.len
                && p.text.len() == word.len()
                && p.text.as_bytes()[proven(p)..].eq_ignore_ascii_case(&word.as_bytes()[proven(p)..])
        })?;
        let (written, roles) = &self.entries[phrase.entry];
        cased(word, written, roles)
    }

    /// The length of the possessive ending that `text` starts with and
    /// that a space follows ("'s ").
    pub(super) fn possessive_len(&self, text: &str) -> Option<usize> {
        self.possessives
            .iter()
            .find(|p| text.starts_with(p.as_str()) && text[p.len()..].starts_with(' '))
            .map(String::len)
    }

    /// The roles of the word or phrase starting at byte `start` of `text`,
    /// and where it ends.
    pub(super) fn phrase_roles(&self, text: &str, start: usize) -> Option<(&[Role], usize)> {
        let len = text
            .as_bytes()
            .get(start..)?
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 {
            return None;
        }
        let (phrase, end) = self.phrase_at(text, start, Key::of(&text.as_bytes()[start..], len))?;
        Some((&self.entries[phrase.entry].1, end))
    }

    /// Calls `visit(offset, cue)` for each word of `text` that sets a tense,
    /// in order: the future ("will"), the present ("is") or the past
    /// ("was", "closed"); and for each word that opens a clause. `visit`
    /// returns whether to go on.
    pub(super) fn tense_cues(&self, text: &str, mut visit: impl FnMut(usize, Cue) -> bool) {
        let bytes = text.as_bytes();
        let mut last: Option<(usize, Cue)> = None;
        // Where the last cue starts when it is the past perfect's "had".
        let mut perfect: Option<usize> = None;
        // Where the text between words starts, for the clause ends in it.
        let mut gap = 0;
        let mut going = true;
        for_each_word(bytes, |start, len| {
            if let Some(p) = (gap..start).find(|&i| clause_end_at(bytes, i)) {
                going = visit(p, Cue::Break);
                if !going {
                    return bytes.len();
                }
            }
            gap = start + len;
            let word = &bytes[start..start + len];
            let key = Key::of(word, len);
            let filed = key.filed(&self.bucket_flags, TENSE);
            let filed = filed.then(|| self.phrase_at(text, start, key)).flatten();
            if let Some((_, end)) = filed.filter(|(phrase, _)| self.entries[phrase.entry].1.contains(&Role::NotPast)) {
                gap = end;
                return end;
            }
            let cue = filed.and_then(|(phrase, end)| {
                let roles = &self.entries[phrase.entry].1;
                let tense = roles.iter().find_map(|r| match r {
                    Role::Tense(tense) => Some(Cue::Tense(*tense)),
                    Role::Opener => Some(Cue::Opener),
                    _ => None,
                })?;
                Some((tense, end, roles.contains(&Role::Perfect)))
            });
            if let Some((cue, end, is_perfect)) = cue {
                // "will be paid", "would be held": a listed participle after
                // a modal takes the modal's tense, as a suffixed one does.
                // "had been widely expected": a plan after the past
                // perfect's auxiliary, with no cue between them, is past.
                let cue = match (cue, last) {
                    (Cue::Tense(Tense::Past), Some((at, Cue::Tense(t @ (Tense::Future | Tense::Present)))))
                        if start - at <= VERB_GROUP =>
                    {
                        Cue::Tense(t)
                    }
                    (Cue::Tense(Tense::Future), Some((at, _)))
                        if perfect == Some(at) && start - at <= PERFECT_GROUP =>
                    {
                        Cue::Tense(Tense::Past)
                    }
                    _ => cue,
                };
                perfect = is_perfect.then_some(start);
                last = Some((start, cue));
                gap = end;
                going = visit(start, cue);
                return if going { end } else { bytes.len() };
            }
            // Most words end in no suffix's last letter: one lookup. A
            // capitalized word is a name ("United States"), not a verb.
            let past = self.past_suffix_ends[usize::from(word[len - 1].to_ascii_lowercase())]
                && !word[0].is_ascii_uppercase()
                && self
                    .past_suffixes
                    .iter()
                    .any(|s| len > s.len() + 2 && word[len - s.len()..].eq_ignore_ascii_case(s.as_bytes()));
            if past {
                // "will be paid", "would have closed": a participle after a
                // modal takes the modal's tense.
                let modal = match last {
                    Some((at, Cue::Tense(t @ (Tense::Future | Tense::Present)))) if start - at <= VERB_GROUP => Some(t),
                    _ => None,
                };
                let cue = Cue::Tense(modal.unwrap_or(Tense::Past));
                perfect = None;
                last = Some((start, cue));
                going = visit(start, cue);
                if !going {
                    return bytes.len();
                }
            }
            start + len
        });
        if going {
            if let Some(p) = (gap..bytes.len()).find(|&i| clause_end_at(bytes, i)) {
                visit(p, Cue::Break);
            }
        }
    }
}

/// Whether the byte at `i` ends a clause: a comma (not one inside a number,
/// "481,000"), a semicolon, a colon, a quote, a bracket or an em dash (its
/// first or last byte).
fn clause_end_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b',' => !bytes.get(i + 1).is_some_and(u8::is_ascii_digit),
        b';' | b':' | b'"' | b'`' | b'(' | b')' => true,
        // "—" is E2 80 94.
        0xE2 => bytes.get(i + 1..i + 3) == Some(&[0x80, 0x94]),
        0x94 => i >= 2 && bytes[i - 2..i] == [0xE2, 0x80],
        _ => false,
    }
}

/// How far (in bytes, from start to start) a participle may follow the
/// auxiliary of its verb group: "would have been paid".
pub(super) const VERB_GROUP: usize = 16;

/// How far (in bytes, from start to start) a plan may follow the past
/// perfect's auxiliary, "been" and an adverb between them: "had been
/// originally scheduled".
pub(super) const PERFECT_GROUP: usize = 24;

/// The bytes that make up an ASCII word.
static WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 256 {
        table[c] = (c as u8).is_ascii_alphanumeric();
        c += 1;
    }
    table
};

/// Calls `visit(start, len)` for each run of ASCII letters and digits in
/// `bytes`, in order; `visit` returns where reading goes on, so that runs it
/// has consumed ("2025-06-12", "from now") are skipped. Bytes are classified
/// 64 at a time into a bit mask, and runs are found with bit arithmetic: no
/// branch per byte.
fn for_each_word(bytes: &[u8], mut visit: impl FnMut(usize, usize) -> usize) {
    let n = bytes.len();
    let mut base = 0;
    let mut before_is_word = false;
    let mut resume = 0;
    while base < n {
        let end = (base + 64).min(n);
        let mask = word_mask(&bytes[base..end]);
        let mut starts = mask & !((mask << 1) | u64::from(before_is_word));
        before_is_word = mask >> (end - base - 1) & 1 == 1;
        while starts != 0 {
            let s = starts.trailing_zeros() as usize;
            starts &= starts - 1;
            let start = base + s;
            if start < resume {
                continue;
            }
            let run = (mask >> s).trailing_ones() as usize;
            let len = if s + run < 64 {
                run
            } else {
                // The run goes on into the next block.
                run + bytes[base + 64..]
                    .iter()
                    .position(|&c| !WORD[usize::from(c)])
                    .unwrap_or(n - base - 64)
            };
            resume = visit(start, len);
        }
        base = end;
    }
}

/// One bit per byte of `block` (at most 64 bytes), set for ASCII letters
/// and digits: sixteen bytes at a time (see [`ascii::classes`]), then
/// eight at a time, the rest one by one.
fn word_mask(block: &[u8]) -> u64 {
    let mut mask = 0u64;
    let mut at = 0;
    let (sixteens, block) = block.as_chunks::<16>();
    for sixteen in sixteens {
        let c = ascii::classes(*sixteen);
        mask |= u64::from(c.digit | c.letter) << at;
        at += 16;
    }
    let mut chunks = block.chunks_exact(8);
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        mask |= u64::from(alnum8(x)) << at;
        at += 8;
    }
    for (i, &b) in chunks.remainder().iter().enumerate() {
        mask |= u64::from(WORD[usize::from(b)]) << (at + i);
    }
    mask
}

/// The ASCII letters and digits among eight bytes, one bit each (SWAR):
/// a byte is in `lo..=hi` when adding `0x80 - lo` to its low seven bits
/// sets the high bit and adding `0x7f - hi` does not; bytes from 0x80 up
/// are none.
fn alnum8(x: u64) -> u8 {
    const fn splat(b: u8) -> u64 {
        u64::from_ne_bytes([b; 8])
    }
    const HIGH: u64 = splat(0x80);
    const LOW7: u64 = splat(0x7f);
    let in_range = |v: u64, lo: u8, hi: u8| {
        let low = v & LOW7;
        (low + splat(0x80 - lo)) & !(low + splat(0x7f - hi)) & HIGH
    };
    let digit = in_range(x, b'0', b'9');
    let letter = in_range(x | splat(0x20), b'a', b'z');
    let high = (digit | letter) & !x & HIGH;
    // Gather the eight high bits into one byte.
    (high.wrapping_mul(0x0002_0408_1020_4081) >> 56) as u8
}

/// The first word of a phrase or of a text, as one number: read once, it
/// files the word and tells most words apart from a phrase's first word
/// without comparing bytes.
#[derive(Clone, Copy, Debug)]
struct Key {
    /// Up to the first eight bytes of the word, each with bit 5 set:
    /// lowercase for ASCII letters, unchanged for digits; any other byte
    /// changes the same way in a phrase and in a word, so that they still
    /// meet, and the exact comparison follows.
    key: u64,
    /// The word's length.
    len: usize,
    /// Its bucket.
    bucket: usize,
}

impl Key {
    /// The key of the word of `len` bytes that `text` starts with.
    fn of(text: &[u8], len: usize) -> Key {
        let x = ascii::first_eight(text);
        let key = (x | 0x2020_2020_2020_2020) & KEEP[len.min(8)];
        // Fibonacci hashing; the length tells apart long words that share
        // their first eight bytes.
        let hash = (key ^ len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        Key {
            key,
            len,
            bucket: (hash >> (64 - BUCKETS.trailing_zeros())) as usize,
        }
    }

    /// Whether the key's bucket has `flag` ([`TOKEN`], [`TENSE`]).
    fn filed(&self, flags: &BucketFlags, flag: u8) -> bool {
        flags[self.bucket] & flag != 0
    }

    /// Whether the word starts with an ASCII digit. For a word of ASCII
    /// letters and digits, the key's first byte is a digit as written or
    /// a letter from `a` up.
    fn starts_with_digit(&self) -> bool {
        (self.key as u8).wrapping_sub(b'0') < 10
    }
}

/// The bytes of a key that a word of `n` bytes fills, by `n` up to eight.
const KEEP: [u64; 9] = {
    let mut keep = [u64::MAX; 9];
    let mut n = 0;
    while n < 8 {
        keep[n] = (1 << (8 * n)) - 1;
        n += 1;
    }
    keep
};

/// Files every word of `map` under the role its value gives.
fn each<T: Copy>(map: &BTreeMap<String, T>, role: impl Fn(T) -> Role, add: &mut impl FnMut(&str, Role)) {
    for (word, &value) in map {
        add(word, role(value));
    }
}

/// Files every word of `list` under `role`.
fn all(list: &[String], role: Role, add: &mut impl FnMut(&str, Role)) {
    for word in list {
        add(word, role);
    }
}

/// The roles a word keeps as it is written: "may" is no month.
fn cased<'l>(word: &str, written: &[String], roles: &'l [Role]) -> Option<&'l [Role]> {
    // Roles that need a capital come first: most words have none.
    if !roles.first().is_some_and(Role::capitalized) {
        return Some(roles);
    }
    let capital_ok = written.iter().any(|w| w == word) || word.chars().all(|c| !c.is_lowercase());
    if capital_ok {
        Some(roles)
    } else if roles.iter().all(Role::capitalized) {
        None
    } else {
        // Keep the roles that need no capital: they are sorted after the others.
        let first = roles.iter().position(|r| !r.capitalized())?;
        roles.get(first..)
    }
}

fn invalid(message: String) -> RuleError {
    RuleError::Invalid {
        path: "rules/lang/en.yaml".into(),
        line: 1,
        message,
    }
}

/// "11-4-4": November, Thursday, the fourth; "05-1--1": May, Monday, the last.
fn parse_floating(rule: &str) -> Option<(u32, u32, i32)> {
    let mut parts = rule.splitn(3, '-');
    let m: u32 = parts.next()?.parse().ok()?;
    let wd: u32 = parts.next()?.parse().ok()?;
    let n: i32 = parts.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=7).contains(&wd) && n != 0 && (-5..=5).contains(&n)).then_some((m, wd, n))
}

fn parse_month_day(md: &str) -> Option<(u32, u32)> {
    let (m, d) = md.split_once('-')?;
    let (m, d) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
}

/// Reads the number starting at `start`: its shape and where it ends.
fn number(text: &str, start: usize, ordinal_suffixes: &[String]) -> (Num, usize) {
    let bytes = text.as_bytes();
    let digits_from = |i: usize| {
        bytes[i.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let value = |from: usize, len: usize| text.get(from..from + len).and_then(|s| s.parse::<u32>().ok());
    let n = digits_from(start);
    let end = start + n;
    let next = bytes.get(end).copied();
    let after = |i: usize| bytes.get(i).copied();
    let boundary = |i: usize| after(i).is_none_or(|b| !b.is_ascii_alphanumeric());
    let money = text[..start].ends_with(['$', '€', '£', '¥', '#']);
    let first = value(start, n);
    let Some(first) = first else {
        return (Num::Other, end);
    };
    if money {
        return (Num::Other, end + digits_from(end));
    }
    match next {
        Some(b'-')
            if n == 4 && digits_from(end + 1) == 2 && after(end + 3) == Some(b'-') && digits_from(end + 4) == 2 =>
        {
            let (m, d) = (value(end + 1, 2), value(end + 4, 2));
            if let (Some(m), Some(d)) = (m, d) {
                return (Num::Iso(first as i32, m, d), end + 6);
            }
        }
        // "1980-1988", "2007-13", "1999–2000": a span of years, the first
        // from 1900 to 2100 ("1,500-2,000" and "2000-3000 troops" are none).
        Some(b'-' | 0xE2) if n == 4 && (1900..=2100).contains(&first) => {
            let sep = match next {
                Some(b'-') => 1,
                _ if text[end..].starts_with('–') => '–'.len_utf8(),
                _ => 0,
            };
            let n2 = digits_from(end + sep);
            let e2 = end + sep + n2;
            let second = value(end + sep, n2).filter(|_| sep > 0 && matches!(n2, 2 | 4) && boundary(e2));
            let last = second.map(|second| match n2 {
                2 => {
                    let y = first / 100 * 100 + second;
                    if y <= first {
                        y + 100
                    } else {
                        y
                    }
                }
                _ => second,
            });
            if let Some(last) = last.filter(|&l| l > first && l - first <= YEAR_SPAN) {
                if !matches!(after(e2), Some(b'-' | b'%')) {
                    return (Num::YearPair(first as i32, last as i32), e2);
                }
            }
        }
        Some(b'/') => {
            let n2 = digits_from(end + 1);
            let second = value(end + 1, n2);
            let e2 = end + 1 + n2;
            if after(e2) == Some(b'/') {
                let n3 = digits_from(e2 + 1);
                if let (Some(m), Some(year)) = (second.map(|_| first), value(e2 + 1, n3)) {
                    let year = match n3 {
                        2 => expand_two_digit_year(year),
                        4 => year as i32,
                        _ => return (Num::Other, e2 + 1 + n3),
                    };
                    return (Num::Slash(m, second.unwrap_or(0), year), e2 + 1 + n3);
                }
            } else if n == 4 && n2 == 2 && boundary(e2) {
                if let Some(second) = second {
                    let century = first as i32 / 100 * 100;
                    return (Num::YearPair(first as i32, century + second as i32), e2);
                }
            }
            return (Num::Other, e2);
        }
        Some(b':') if n <= 2 && digits_from(end + 1) == 2 && boundary(end + 3) => {
            if let Some(minute) = value(end + 1, 2) {
                return (Num::Clock(first, minute), end + 3);
            }
        }
        Some(b's') if boundary(end + 1) && first % 10 == 0 => {
            let year = match n {
                4 => first as i32,
                2 => expand_two_digit_year(first),
                _ => return (Num::Other, end + 1),
            };
            return (Num::Decade(year), end + 1);
        }
        Some(b',') if digits_from(end + 1) == 3 && boundary(end + 4) => {
            let mut e = end;
            while after(e) == Some(b',') && digits_from(e + 1) == 3 {
                e += 4;
            }
            return (Num::Other, e);
        }
        Some(b'.') if digits_from(end + 1) > 0 => return (Num::Other, end + 1 + digits_from(end + 1)),
        _ => {}
    }
    let ordinal = ordinal_suffixes
        .iter()
        .find(|s| text.get(end..end + s.len()).is_some_and(|t| t.eq_ignore_ascii_case(s)) && boundary(end + s.len()));
    if let Some(s) = ordinal {
        return (Num::Ordinal(first), end + s.len());
    }
    // "10am": an hour glued to its letters stays a number, for the clock
    // rule to read the letters; longer runs ("737MAX", "5G") are no time.
    let letters = bytes[end..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters > 0 && (n > 2 || letters > 2 || !boundary(end + letters)) {
        return (Num::Other, end);
    }
    if !boundary(end) && letters == 0 {
        return (Num::Other, end);
    }
    (Num::Int(first, n), end)
}

/// The most years a span of years written with a dash may cover: "1975-1990"
/// is one, "1500-2000" two numbers.
const YEAR_SPAN: u32 = 20;

/// `'90s` and `6/12/25`: a two-digit year in the 1900s from 30 up, else the 2000s.
fn expand_two_digit_year(y: u32) -> i32 {
    if y >= 30 {
        1900 + y as i32
    } else {
        2000 + y as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(text: &str) -> Vec<Num> {
        let rules = crate::rules::RuleSet::embedded().unwrap();
        let lexicon = Lexicon::new(&rules.lang.dates).unwrap();
        lexicon.tokens(text).iter().filter_map(|t| t.num).collect()
    }

    #[test]
    fn numbers_are_read_by_shape() {
        assert_eq!(
            nums("2025-06-12 6/12/2025 2024/25 1999-00 2007-13 3:30 1990s '90s 12th 1,500 3.5 $2000 2025"),
            [
                Num::Iso(2025, 6, 12),
                Num::Slash(6, 12, 2025),
                Num::YearPair(2024, 2025),
                Num::YearPair(1999, 2000),
                Num::YearPair(2007, 2013),
                Num::Clock(3, 30),
                Num::Decade(1990),
                Num::Decade(1990),
                Num::Ordinal(12),
                Num::Other,
                Num::Other,
                Num::Other,
                Num::Int(2025, 4),
            ]
        );
    }

    #[test]
    fn word_mask_marks_ascii_letters_and_digits() {
        // Every byte value at every position of a block, against the table.
        let mut block = [b' '; 64];
        for pos in 0..64 {
            for b in 0..=255u8 {
                block[pos] = b;
                let want = (0..64).fold(0u64, |m, i| m | u64::from(WORD[usize::from(block[i])]) << i);
                assert_eq!(word_mask(&block), want, "byte {b:#x} at {pos}");
                for len in [pos + 1, 63, 9, 7] {
                    if len > pos {
                        let part = &block[..len];
                        let want = (0..len).fold(0u64, |m, i| m | u64::from(WORD[usize::from(part[i])]) << i);
                        assert_eq!(word_mask(part), want);
                    }
                }
            }
            block[pos] = if pos % 3 == 0 { b'a' } else { b'Z' };
        }
    }

    #[test]
    fn words_are_found_whatever_their_case() {
        let rules = crate::rules::RuleSet::embedded().unwrap();
        let lexicon = Lexicon::new(&rules.lang.dates).unwrap();
        for text in [
            "yesterday",
            "Yesterday",
            "YESTERDAY",
            "from now",
            "FROM NOW",
            "From now",
            "a.m.",
            "A.M.",
        ] {
            let toks = lexicon.tokens(text);
            assert_eq!(toks.len(), 1, "{text}");
            assert_eq!(toks[0].end, text.len(), "{text}");
        }
        // A word next to a letter of another script is no time word.
        assert!(lexicon.tokens("éyesterday").is_empty());
        assert!(lexicon.tokens("yesterdayé").is_empty());
    }

    #[test]
    fn keyed_lookup_agrees_with_comparing_every_phrase() {
        let rules = crate::rules::RuleSet::embedded().unwrap();
        let lexicon = Lexicon::new(&rules.lang.dates).unwrap();
        let phrases: Vec<&Phrase> = lexicon.buckets.iter().flatten().collect();
        // Each phrase by comparing it to the text, the longest first, as
        // the buckets order them.
        let naive_roles = |word: &str| {
            let p = phrases
                .iter()
                .find(|p| p.text.as_bytes().eq_ignore_ascii_case(word.as_bytes()))?;
            let (written, roles) = &lexicon.entries[p.entry];
            cased(word, written, roles)
        };
        let naive_phrase = |text: &str| {
            let len = text.bytes().take_while(u8::is_ascii_alphanumeric).count();
            let mut fitting: Vec<&&Phrase> = phrases
                .iter()
                .filter(|p| {
                    p.first == len
                        && text.len() >= p.text.len()
                        && text.as_bytes()[..p.text.len()].eq_ignore_ascii_case(p.text.as_bytes())
                        && text.is_char_boundary(p.text.len())
                        && ends_word(text, p.text.len())
                })
                .collect();
            fitting.sort_by_key(|p| std::cmp::Reverse(p.text.len()));
            fitting.first().map(|p| (&lexicon.entries[p.entry].1[..], p.text.len()))
        };
        let mut pieces: Vec<String> = phrases.iter().map(|p| p.text.clone()).collect();
        pieces.extend(phrases.iter().map(|p| p.text.to_uppercase()));
        pieces.extend(phrases.iter().flat_map(|p| p.text.split(' ').map(str::to_string)));
        pieces.extend(
            [
                " ",
                "s",
                "ed",
                "-",
                ".",
                "'",
                "é",
                "\u{15}",
                "5",
                "Decembers",
                "x",
                "the",
                "ABCDEFGHIJ",
                "a.m",
            ]
            .map(String::from),
        );
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        for text in crate::util::random_texts(&pieces, 30_000, 4) {
            assert_eq!(lexicon.roles_of(&text), naive_roles(&text), "{text:?}");
            if text.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                assert_eq!(lexicon.phrase_roles(&text, 0), naive_phrase(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn bucket_flags_and_key_reads_agree_with_the_phrases() {
        let rules = crate::rules::RuleSet::embedded().unwrap();
        let lexicon = Lexicon::new(&rules.lang.dates).unwrap();
        for (at, bucket) in lexicon.buckets.iter().enumerate() {
            let token = bucket.iter().any(|p| p.token);
            let tense = bucket.iter().any(|p| {
                lexicon.entries[p.entry]
                    .1
                    .iter()
                    .any(|r| matches!(r, Role::Tense(_) | Role::Opener | Role::NotPast))
            });
            assert_eq!(lexicon.bucket_flags[at] & TOKEN != 0, token, "bucket {at}");
            assert_eq!(lexicon.bucket_flags[at] & TENSE != 0, tense, "bucket {at}");
        }
        for len in 0..=12usize {
            let keep = if len >= 8 { u64::MAX } else { (1u64 << (8 * len)) - 1 };
            assert_eq!(KEEP[len.min(8)], keep, "{len}");
        }
        for b in (0..=255u8).filter(u8::is_ascii_alphanumeric) {
            for len in 1..=9 {
                let word = [b; 9];
                assert_eq!(Key::of(&word, len).starts_with_digit(), b.is_ascii_digit(), "{b:#x}");
            }
        }
    }

    #[test]
    fn month_names_need_a_capital() {
        let rules = crate::rules::RuleSet::embedded().unwrap();
        let lexicon = Lexicon::new(&rules.lang.dates).unwrap();
        assert!(lexicon.tokens("they may go").is_empty());
        assert_eq!(lexicon.tokens("in May").len(), 1);
        // "march" keeps no month role but is no time word either.
        assert!(lexicon.tokens("a march").is_empty());
    }
}
