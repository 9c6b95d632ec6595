//! The grammar of English time expressions over a sentence's tokens. Each
//! rule reads from one token and says what it found and where it ends;
//! resolution against the publication date and the date last named happens
//! here too, because "Friday" and "a year earlier" mean nothing without it.

use chrono::{Datelike, NaiveDate, Weekday};

use super::lexicon::{Cue, Lexicon, Num, Role, Tense, Tok, PERFECT_GROUP, VERB_GROUP};
use super::period::{self, add, nearest_weekday, season_code, Period};
use super::Modifier;
use crate::rules::{Bound, DateBound, DayPart, Meridiem, PeriodPart, Reference, Relation, Season, Shift, TimeUnit};

/// What a rule found.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum What {
    /// A date (TIMEX3 DATE).
    Date(Resolved),
    /// A time of day on a date (TIMEX3 TIME).
    Time(Resolved, TimeOfDay),
    /// A length of time; with a relation word after it, the relation and
    /// where the phrase it governs starts.
    Duration {
        count: Option<u32>,
        unit: TimeUnit,
        relation: Option<(Relation, usize)>,
    },
    /// A recurring time (TIMEX3 SET) and its value.
    Set(String),
}

/// A date as far as it can be resolved.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Resolved {
    /// A calendar period; with the offset when counted from a reference.
    Period(Period, Option<(u32, TimeUnit, Relation)>),
    /// A period the text names without the reference it needs: `XXXX-06-12`.
    Under(String),
    /// `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`.
    Ref(Reference),
}

/// A time of day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum TimeOfDay {
    Clock(u32, u32),
    Part(DayPart),
}

/// One expression: its byte span in the sentence, what it is, its modifier.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Found {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) what: What,
    pub(super) modifier: Option<Modifier>,
    /// A day-month order that could be read both ways (`6/12/2025`).
    pub(super) ambiguous: bool,
    /// The last period of a range ("June 12-14", "2024/25"); the value is
    /// the first.
    pub(super) through: Option<Period>,
    /// Counted from another date ("a year earlier", "a year ago"): the
    /// dates after it count from that date, not from this one.
    pub(super) relative: bool,
    /// A duration with half a unit more: "2 1/2 years", "an hour and a half".
    pub(super) half: bool,
}

/// The dates a document has named so far, which later ones count from.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Named {
    /// The date last named: what "a year earlier" counts from.
    pub(super) last: Option<Period>,
    /// The quarter or half last named: in a report of results, "a year
    /// ago" and "the year-earlier period" are that quarter a year before.
    pub(super) quarter: Option<Period>,
    /// Whether that quarter was named as a fiscal one ("the fiscal first
    /// quarter"): "the quarter ended Sept. 29" then names it too.
    pub(super) fiscal: bool,
}

/// Reads one sentence.
pub(super) struct Parser<'a, 'l> {
    lex: &'l Lexicon,
    text: &'a str,
    toks: Vec<Tok<'l>>,
    dct: Option<NaiveDate>,
    /// The date last named in the document: what "a year earlier" counts from.
    last: Option<Period>,
    /// The quarter or half last named in the document.
    quarter: Option<Period>,
    /// Whether that quarter was named as a fiscal one.
    fiscal: bool,
    /// The year a year-long date earlier in the sentence named: "Last
    /// year, … after the February assassination" is that year's February.
    year: Option<i32>,
    /// The tense last asked for, and where: rules that try one token
    /// again ask again.
    tense_at: Option<(usize, Option<Tense>)>,
    /// What the rules read at a token while trying the hedge before it
    /// ("about" before "Tuesday"), kept for when the parse reaches that
    /// token: nothing found in between has changed what it reads.
    ahead: Option<(usize, Hit)>,
}

/// How many months after the month of writing a year-less date with no
/// tense may fall: "Dec. 15" written in October is this December's, "March"
/// is last March.
const NEAR_MONTHS: i64 = 2;

/// The most bytes that may stand before a year that frames its sentence
/// ("However, in 2004, …").
const FRAME_LEAD: usize = 24;

/// How many months after the month of writing a deadline set in a past
/// clause may fall: "was extended until January" written in October is the
/// coming January.
const DEADLINE_MONTHS: i64 = 6;

/// How far before an ahead word ("in ten years") a record word may stand:
/// "the first visit by a US president in ten years".
const RECORD_REACH: usize = 48;

/// A rule's result: what it found and the index of the token after it.
type Hit = Option<(Found, usize)>;

/// A rule that reads from a token: the parser and the token's index.
type Rule<'a, 'l> = fn(&mut Parser<'a, 'l>, usize) -> Hit;

impl<'a, 'l> Parser<'a, 'l> {
    /// A parser for one sentence; `toks` is a buffer to reuse.
    pub(super) fn new(
        lex: &'l Lexicon,
        text: &'a str,
        dct: Option<NaiveDate>,
        named: Named,
        mut toks: Vec<Tok<'l>>,
    ) -> Self {
        lex.tokens_into(text, &mut toks);
        Parser {
            lex,
            toks,
            text,
            dct,
            last: named.last,
            quarter: named.quarter,
            fiscal: named.fiscal,
            year: None,
            tense_at: None,
            ahead: None,
        }
    }

    /// Every expression in the sentence, in order, in `out` (cleared first:
    /// the caller reuses one buffer for every sentence); the dates named so
    /// far, and the token buffer back.
    pub(super) fn parse(mut self, out: &mut Vec<Found>) -> (Named, Vec<Tok<'l>>) {
        out.clear();
        let mut i = 0;
        while i < self.toks.len() {
            // A shift, part or "every" word ("that", "this", "each") starts
            // nothing unless the next word is one too: the common case, cut short.
            let roles = self.toks[i].roles;
            let leads_only = !roles.is_empty()
                && roles
                    .iter()
                    .all(|r| matches!(r, Role::Shift(_) | Role::Part(_) | Role::Every));
            // "the latest period" is a date in a report on a quarter.
            let period_noun = || self.quarter.is_some() && self.period_noun_after(self.toks[i].end).is_some();
            if leads_only && !self.joined(i) && !period_noun() {
                i += 1;
                continue;
            }
            match self.expression(i) {
                // "ABC's "This Week"", "CBS's "60 Minutes"": a title.
                Some((found, next)) if self.titled(i, &found) => i = next.max(i + 1),
                Some((found, next)) => {
                    let (found, next) = self.possessive(found, next);
                    let found = self.bounded(found);
                    if let What::Date(Resolved::Period(Period::Year(y), _)) = &found.what {
                        if self.frames_sentence(&found) {
                            self.year = Some(*y);
                        }
                    }
                    if let What::Date(Resolved::Period(p, _)) | What::Time(Resolved::Period(p, _), _) = &found.what {
                        if !found.relative {
                            self.last = Some(*p);
                            if matches!(p, Period::Quarter(..) | Period::Half(..)) {
                                // "the quarter ended Sept. 29" after "the fiscal
                                // first quarter" names that fiscal quarter again.
                                let again = self.fiscal && self.quarter == Some(*p);
                                self.quarter = Some(*p);
                                self.fiscal = again || self.names_fiscal(&found);
                            }
                        }
                    }
                    out.push(found);
                    // The dates named may have changed what a rule reads.
                    self.ahead = None;
                    i = next.max(i + 1);
                }
                None => i += 1,
            }
        }
        let named = Named {
            last: self.last,
            quarter: self.quarter,
            fiscal: self.fiscal,
        };
        (named, self.toks)
    }

    /// Whether a fiscal word stands inside an expression ("the fiscal
    /// first quarter").
    fn names_fiscal(&self, found: &Found) -> bool {
        self.toks
            .iter()
            .skip_while(|t| t.start < found.start)
            .take_while(|t| t.end <= found.end)
            .any(|t| t.find(fiscal).is_some())
    }

    /// Whether an expression is part of a title: a time word that is
    /// written lowercase in running text ("week", "minutes", "noon") is
    /// capitalized inside it, or at its start when a word comes before it
    /// in the sentence ("on ABC's "This Week"", "VOA Today").
    fn titled(&self, i: usize, found: &Found) -> bool {
        let mid_sentence = || {
            let before = self.text[..found.start]
                .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '(' | '“' | '‘' | '’'));
            // After a digit the sentence may only be a dateline run on.
            before.ends_with(|c: char| c.is_alphabetic() || c == ',')
        };
        // The expression starts at token `i` or before it (a determiner is
        // no token, a hedge or a part word is).
        let first = self.toks[..=i]
            .iter()
            .rposition(|t| t.start < found.start)
            .map_or(0, |k| k + 1);
        self.toks[first..].iter().take_while(|t| t.end <= found.end).any(|t| {
            let word = &self.text[t.start..t.end];
            let mut chars = word.chars();
            let capital = chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase);
            capital
                && t.num.is_none()
                && !t.has(|r| r.capitalized() || matches!(r, Role::Number(_)))
                && (t.start > found.start || mid_sentence())
        })
    }

    /// "this year's third quarter", "2024's second half": a year, a
    /// possessive and a quarter or half of it are one date.
    fn possessive(&mut self, found: Found, next: usize) -> (Found, usize) {
        let What::Date(Resolved::Period(Period::Year(y), None)) = found.what else {
            return (found, next);
        };
        let rest = &self.text[found.end..];
        let Some(after) = self.lex.possessive_len(rest).filter(|_| next < self.toks.len()) else {
            return (found, next);
        };
        if self.toks[next].start != found.end + after + 1 {
            return (found, next);
        }
        let part = self.ordinal_period(next).or_else(|| self.label(next));
        let period = match part.as_ref().map(|(f, _)| &f.what) {
            Some(What::Date(Resolved::Period(Period::Quarter(_, q), _))) => Period::Quarter(y, *q),
            Some(What::Date(Resolved::Period(Period::Half(_, h), _))) => Period::Half(y, *h),
            _ => return (found, next),
        };
        let Some((part, after_part)) = part else {
            return (found, next);
        };
        let joined = Found {
            end: part.end,
            what: What::Date(Resolved::Period(period, None)),
            ..found
        };
        (joined, after_part)
    }

    /// "before 2020", "since June", "1994 or later": a stated date bounded
    /// on one side gets the bound as its modifier; a phrase after it
    /// belongs to it, a word before it does not (TimeML).
    fn bounded(&self, mut found: Found) -> Found {
        if !matches!(found.what, What::Date(Resolved::Period(_, None))) || found.modifier.is_some() {
            return found;
        }
        let before = self
            .word_before(found.start)
            .and_then(|(w, _)| self.lex.roles_of(w))
            .and_then(|roles| roles.iter().find_map(bound_before_of));
        if let Some(bound) = before {
            found.modifier = Some(bound_modifier(bound));
            return found;
        }
        if let Some((bound, end)) = self.phrase_after(found.end, bound_after_of) {
            found.modifier = Some(bound_modifier(bound));
            found.end = end;
        }
        found
    }

    // ---- token access -------------------------------------------------

    fn tok(&self, i: usize) -> Option<&Tok<'l>> {
        self.toks.get(i)
    }

    fn role<T>(&self, i: usize, f: impl Fn(&Role) -> Option<T>) -> Option<T> {
        self.tok(i)?.find(f)
    }

    fn num(&self, i: usize) -> Option<Num> {
        self.tok(i)?.num
    }

    /// The text between token `i` and the next one.
    fn gap(&self, i: usize) -> Option<&'a str> {
        let (a, b) = (self.tok(i)?, self.tok(i + 1)?);
        self.text.get(a.end..b.start)
    }

    /// Whether token `i + 1` follows token `i` with only a space or a hyphen
    /// between them (a period after an abbreviation is allowed).
    fn joined(&self, i: usize) -> bool {
        self.gap(i).is_some_and(|g| {
            let g = g.strip_prefix('.').unwrap_or(g);
            matches!(g, " " | "-" | " - " | "  " | "\u{a0}") || (g.is_empty() && self.num(i + 1).is_none())
        })
    }

    /// Like [`Parser::joined`], but a comma may stand between them.
    fn joined_comma(&self, i: usize) -> bool {
        self.joined(i)
            || self
                .gap(i)
                .is_some_and(|g| matches!(g.trim_start_matches('.'), ", " | "," | ". "))
    }

    /// Whether the next token follows after a word that may stand between
    /// a count and its unit ("two more weeks").
    fn joined_filler(&self, i: usize) -> bool {
        const LONGEST: usize = 14;
        self.gap(i).is_some_and(|g| {
            (3..LONGEST).contains(&g.len())
                && g.starts_with(' ')
                && g.ends_with(' ')
                && !g[1..g.len() - 1].contains(' ')
                && self.is(&g[1..g.len() - 1], |r| matches!(r, Role::Filler))
        })
    }

    /// Whether the next token follows after "of" ("the end of 2025").
    fn joined_of(&self, i: usize) -> bool {
        self.gap(i)
            .is_some_and(|g| self.is(g.trim(), |r| matches!(r, Role::Of)))
    }

    /// The word right before byte `at`, as written, and where it starts.
    fn word_before(&self, at: usize) -> Option<(&'a str, usize)> {
        let head = self.text.get(..at)?.trim_end();
        // Only a space or two may stand between.
        if at - head.len() > 2 {
            return None;
        }
        // Most words are ASCII: read bytes back, and read characters only
        // when a non-ASCII byte stands before them.
        let bytes = head.as_bytes();
        let mut start = bytes.len();
        while start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || matches!(bytes[start - 1], b'\'' | b'.')) {
            start -= 1;
        }
        if start == 0 || bytes[start - 1].is_ascii() {
            return (start < bytes.len()).then(|| (&head[start..], start));
        }
        let start = head
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '\'' || *c == '.')
            .last()
            .map(|(i, _)| i)?;
        Some((&head[start..], start))
    }

    /// The word right after byte `at`, as written, and where it ends.
    fn word_after(&self, at: usize) -> Option<(&'a str, usize)> {
        let rest = self.text.get(at..)?;
        let lead = rest.len() - rest.trim_start().len();
        if lead > 1 {
            return None;
        }
        let rest = &rest[lead..];
        // ASCII first, as in `word_before`.
        let bytes = rest.as_bytes();
        let ascii = bytes
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'.')
            .count();
        if bytes.get(ascii).is_none_or(u8::is_ascii) {
            return (ascii > 0).then(|| (&rest[..ascii], at + lead + ascii));
        }
        let len = rest
            .char_indices()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '.')
            .last()
            .map(|(i, c)| i + c.len_utf8())?;
        Some((&rest[..len], at + lead + len))
    }

    /// The role value `f` finds in the word or phrase right after byte `at`
    /// (one space may come between), and where that ends.
    fn phrase_after<T>(&self, at: usize, f: impl Fn(&Role) -> Option<T>) -> Option<(T, usize)> {
        let rest = self.text.get(at..)?;
        let lead = rest.len() - rest.trim_start().len();
        if lead > 1 {
            return None;
        }
        let (roles, end) = self.lex.phrase_roles(self.text, at + lead)?;
        Some((roles.iter().find_map(f)?, end))
    }

    /// Whether `word` has a role that `f` accepts.
    fn is(&self, word: &str, f: impl Fn(&Role) -> bool) -> bool {
        self.lex.roles_of(word).is_some_and(|roles| roles.iter().any(f))
    }

    /// Whether the word before byte `at` has a role that `f` accepts, and
    /// where it starts.
    fn before_is(&self, at: usize, f: impl Fn(&Role) -> bool) -> Option<usize> {
        self.word_before(at).filter(|(w, _)| self.is(w, f)).map(|(_, s)| s)
    }

    /// An adjective date with the noun it qualifies: "the year-ago
    /// [quarter]", "the year-earlier [period]".
    fn with_period_noun(&self, (mut found, next): (Found, usize)) -> (Found, usize) {
        if let Some(hit) = self.with_numbered_period(&found, next) {
            return hit;
        }
        let unit_next = next > 0 && self.joined(next - 1) && self.role(next, unit_of).is_some();
        if let Some(tok) = self.tok(next).filter(|_| unit_next) {
            found.end = tok.end;
            return (found, next + 1);
        }
        // "the year-earlier nine months": that many months, a year before
        // the ones the text reports; a length, as the count says (TimeML).
        let counted = (next > 0 && self.joined(next - 1))
            .then(|| self.count(next))
            .flatten()
            .and_then(|(n, at)| {
                let unit = self.role(at, plural_unit_of).filter(|_| self.joined(at - 1))?;
                Some((n?, unit, at))
            });
        if let Some((n, unit, at)) = counted.filter(|&(n, ..)| n >= 2) {
            if let Some(tok) = self.tok(at) {
                found.end = tok.end;
                found.what = What::Duration {
                    count: Some(n),
                    unit,
                    relation: None,
                };
                return (found, at + 1);
            }
        }
        if let Some(end) = self.period_noun_after(found.end) {
            found.end = end;
        }
        (found, next)
    }

    /// "the year-ago third quarter", "the year-earlier first half": the
    /// quarter or half of that number in the year the adjective names, one
    /// expression (the quarter alone would be this year's).
    fn with_numbered_period(&self, found: &Found, next: usize) -> Option<(Found, usize)> {
        if next == 0 || !self.joined(next - 1) || !self.joined(next) {
            return None;
        }
        let n = self.role(next, ordinal_of)?;
        let unit_at = next + 1;
        let unit = self.role(unit_at, unit_of)?;
        let What::Date(Resolved::Period(p, _)) = found.what else {
            return None;
        };
        let year = p.first_day()?.year();
        let period = match unit {
            TimeUnit::Quarter if (1..=4).contains(&n) => Period::Quarter(year, n),
            TimeUnit::Half if (1..=2).contains(&n) => Period::Half(year, n),
            _ => return None,
        };
        let mut found = found.clone();
        found.what = What::Date(Resolved::Period(period, None));
        found.end = self.tok(unit_at)?.end;
        Some((found, unit_at + 1))
    }

    /// Whether a lowercase word that is no time word follows byte `at`,
    /// after one space.
    fn plain_word_after(&self, at: usize) -> bool {
        self.word_of_kind_after(at, |c| c.is_ascii_lowercase(), char::is_alphabetic)
    }

    /// Whether a capitalized word or a model number that is no time word
    /// follows byte `at`, after one space: "A380", "Boeing".
    fn name_after(&self, at: usize) -> bool {
        self.word_of_kind_after(at, char::is_uppercase, char::is_alphanumeric)
    }

    /// Whether a word that is no time word follows byte `at`, after one
    /// space, its first character `first` and every one `each` (a full
    /// stop after it aside).
    fn word_of_kind_after(&self, at: usize, first: fn(char) -> bool, each: fn(char) -> bool) -> bool {
        self.text[at..].starts_with(' ')
            && self.word_after(at).is_some_and(|(w, _)| {
                let w = w.trim_end_matches('.');
                w.starts_with(first) && w.chars().all(each) && self.lex.roles_of(w).is_none()
            })
    }

    /// The end of a noun for a period ("period") right after byte `at`.
    fn period_noun_after(&self, at: usize) -> Option<usize> {
        let (word, end) = self.word_after(at)?;
        // A period after the noun ends the sentence.
        let noun = word.trim_end_matches('.');
        self.is(noun, |r| matches!(r, Role::PeriodNoun))
            .then(|| end - (word.len() - noun.len()))
    }

    /// The end of a length adjective's ending right after byte `at`: the
    /// "-long" of "day-long".
    #[inline]
    fn lasting_after(&self, at: usize) -> Option<usize> {
        // Most units have no hyphen after them: one byte read.
        if self.text.as_bytes().get(at) != Some(&b'-') {
            return None;
        }
        let rest = self.text.get(at + 1..)?;
        let len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let word = &rest[..len];
        (len > 0 && self.is(word, |r| matches!(r, Role::Lasting))).then_some(at + 1 + len)
    }

    /// Whether the word right after byte `at` says that the period before
    /// it ends at a date ("the year ended Sept. 30").
    fn period_end_after(&self, at: usize) -> bool {
        self.word_after(at)
            .is_some_and(|(w, _)| self.is(w, |r| matches!(r, Role::PeriodEnd)))
    }

    /// `start` moved back over a determiner ("the") before it.
    fn with_determiner(&self, start: usize) -> usize {
        self.before_is(start, |r| matches!(r, Role::Determiner))
            .unwrap_or(start)
    }

    /// The tense around byte `at`: that of the nearest tense cue within a
    /// few words, none when there is no such cue.
    fn tense(&mut self, at: usize) -> Option<Tense> {
        match self.tense_at {
            Some((k, tense)) if k == at => tense,
            _ => {
                let tense = self.tense_around(at);
                self.tense_at = Some((at, tense));
                tense
            }
        }
    }

    /// Byte `at`, moved back to the start of the word it falls in.
    fn word_start(&self, mut at: usize) -> usize {
        let bytes = self.text.as_bytes();
        while at > 0 && (!self.text.is_char_boundary(at) || bytes[at - 1].is_ascii_alphanumeric()) {
            at -= 1;
        }
        at
    }

    fn tense_around(&self, at: usize) -> Option<Tense> {
        const NEAR: usize = 48;
        // How far back a future cue may stand when none is near.
        const FAR: usize = 120;
        let bytes = self.text.as_bytes();
        // Whole words only: a word the window cuts is read whole.
        let near = self.word_start(at.saturating_sub(NEAR));
        let mut to = (at + NEAR).min(self.text.len());
        while !self.text.is_char_boundary(to) {
            to += 1;
        }
        // The clause around `at` only ("On Tuesday, officials will…" is
        // past), and within it words like "that" bound it ("said Monday
        // that it will…" is past). The nearest cue decides, the one before
        // on a tie: the last one before `at`, then the first one after, if
        // nearer.
        //
        // The scan starts one verb group before the window, so that a cue
        // at the window's start is read with the auxiliary before it, as
        // anywhere inside: "would still be held" is future, "had been
        // widely expected" past. Cues before the window only lend their
        // tense that way; they never decide.
        let lead = self.word_start(near.saturating_sub(VERB_GROUP.max(PERFECT_GROUP)));
        let mut best: Option<(usize, Tense)> = None;
        // Whether the window holds a clause bound: no cue beyond it counts.
        let mut bounded = false;
        self.lex.tense_cues(&self.text[lead..at], |pos, cue| {
            let pos = lead + pos;
            if pos >= near {
                bounded |= !matches!(cue, Cue::Tense(_));
                best = match cue {
                    Cue::Opener | Cue::Break => None,
                    Cue::Tense(t) => Some((at - pos, t)),
                };
            }
            true
        });
        let mut reach = best.map_or(to, |(d, _)| (at + d).min(to));
        // Whole words only.
        while reach < to && bytes[reach].is_ascii_alphanumeric() {
            reach += 1;
        }
        while !self.text.is_char_boundary(reach) {
            reach -= 1;
        }
        self.lex.tense_cues(&self.text[at..reach], |pos, cue| {
            if let Cue::Tense(t) = cue {
                if best.is_none_or(|(d, _)| pos < d) {
                    best = Some((pos, t));
                }
            }
            false
        });
        // With no cue near, a future cue further back in the clause still
        // decides ("will be named commander of the Space Shuttle Columbia
        // for a mission in December"); a past one there is too often the
        // main verb of a clause whose date belongs to a noun ("was ready to
        // cut production at a new meeting at the end of January").
        if best.is_none() && !bounded && near > 0 {
            let far = self.word_start(at.saturating_sub(FAR));
            let mut last = None;
            self.lex.tense_cues(&self.text[far..near], |_, cue| {
                last = match cue {
                    Cue::Tense(t) => Some(t),
                    Cue::Opener | Cue::Break => None,
                };
                true
            });
            return last.filter(|&t| t == Tense::Future);
        }
        best.map(|(_, t)| t)
    }

    // ---- results ----------------------------------------------------------

    fn found(&self, start: usize, end_tok: usize, what: What) -> Hit {
        let end = self.tok(end_tok)?.end;
        Some((
            Found {
                start,
                end,
                what,
                modifier: None,
                ambiguous: false,
                through: None,
                relative: false,
                half: false,
            },
            end_tok + 1,
        ))
    }

    fn date(&self, start: usize, end_tok: usize, period: Option<Period>, under: impl FnOnce() -> String) -> Hit {
        let resolved = match period {
            Some(p) => Resolved::Period(p, None),
            None => Resolved::Under(under()),
        };
        self.found(start, end_tok, What::Date(resolved))
    }

    // ---- the grammar ------------------------------------------------------

    fn expression(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let read = self.ahead.take_if(|(at, _)| *at == i);
        if let Some(hedge) = tok.find(hedge_of) {
            // A hedge bounds a count or a clock time ("over a week"), not
            // "recently"; only space may stand between them.
            let after = self.core(i + 1);
            let hedged = after.as_ref().filter(|(f, _)| {
                let next_to = self.text.get(tok.end..f.start).is_some_and(|g| g.trim().is_empty())
                    && self
                        .word_after(f.start)
                        .is_none_or(|(w, _)| !self.is(w, |r| matches!(r, Role::Determiner)));
                next_to
                    && matches!(
                        f.what,
                        What::Duration { .. } | What::Time(..) | What::Date(Resolved::Period(_, Some(_)))
                    )
            });
            if hedged.is_some() {
                let (mut found, next) = after?;
                found.start = tok.start;
                found.modifier = Some(hedge_modifier(hedge));
                return Some((found, next));
            }
            self.ahead = Some((i + 1, after));
        }
        match read {
            Some((_, hit)) => hit,
            None => self.core(i),
        }
    }

    fn core(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        if let Some(part) = tok.find(part_of_role) {
            if let Some(hit) = self.part_of(i, part, tok.start, self.joined(i)) {
                return Some(hit);
            }
        }
        if let Some(part) = tok.find(part_noun_of) {
            let start = self.with_determiner(tok.start);
            if start < tok.start {
                if let Some(hit) = self.part_of(i, part, start, self.joined_of(i)) {
                    return Some(hit);
                }
            }
        }
        if let Some(num) = tok.num {
            return self.number(i, num);
        }
        if tok.find(number_of).is_some_and(|n| matches!(n, 2 | 10..=20)) {
            if let Some((y, last)) = self.spoken_year(i) {
                return self.date(tok.start, last, Some(Period::Year(y)), String::new);
            }
        }
        // The word rules, in order: the first that reads something wins.
        // Each starts from a word of one kind or a few ("June", "last"), so
        // a rule is tried only when the token has a role of such a kind.
        let kind = |role: Role| role.kind();
        let unit = kind(Role::Unit(TimeUnit::Day)) | kind(Role::Units(TimeUnit::Day));
        let rules: [(u64, Rule<'a, 'l>); 19] = [
            (kind(Role::SetWord(TimeUnit::Day)) | kind(Role::Every), Self::set),
            (unit | kind(Role::Number(1)) | kind(Role::Vague), Self::counted),
            (kind(Role::Shift(Shift::Last)), Self::shifted),
            (kind(Role::Relation(Relation::Ago)), Self::relative_this),
            (kind(Role::Month(1)), Self::month),
            (kind(Role::Ordinal(1)), Self::ordinal_period),
            (kind(Role::Label(TimeUnit::Quarter, 1)), Self::label),
            (kind(Role::Season(Season::Spring)), Self::season),
            (kind(Role::DecadeWord(90)), Self::decade_word),
            (kind(Role::Weekday(1)), Self::weekday),
            (kind(Role::DayWord(0)), Self::day_word),
            (kind(Role::Clock(12)), Self::clock_word),
            (kind(Role::Holiday(1, 1)), Self::holiday),
            (kind(Role::Floating(1, 1, 1)), Self::floating),
            (kind(Role::Fiscal), Self::fiscal),
            (kind(Role::Unit(TimeUnit::Day)), Self::unit_end),
            (unit, Self::unit_alone),
            (kind(Role::Reference(Reference::Present)), Self::reference),
            (kind(Role::DayPart(DayPart::Morning)), Self::the_day_part),
        ];
        let kinds = tok.kinds();
        rules
            .into_iter()
            .filter(|&(needs, _)| kinds & needs != 0)
            .find_map(|(_, rule)| rule(self, i))
    }

    /// "early 2025", "mid-June", "the end of the year": the expression after
    /// the part word, with its modifier.
    fn part_of(&mut self, i: usize, part: PeriodPart, start: usize, joined: bool) -> Hit {
        if !joined {
            return None;
        }
        let (mut found, next) = match self.core(i + 1) {
            Some(hit) => hit,
            None => self.bare_day_part(i + 1)?,
        };
        if !matches!(found.what, What::Date(_) | What::Time(..)) {
            return None;
        }
        found.start = start;
        found.modifier = Some(match part {
            PeriodPart::Start => Modifier::Start,
            PeriodPart::Mid => Modifier::Mid,
            PeriodPart::End => Modifier::End,
        });
        Some((found, next))
    }

    /// Numbers: ISO and slashed dates, years, decades, days before a month,
    /// clock times, counts of units.
    fn number(&mut self, i: usize, num: Num) -> Hit {
        let start = self.tok(i)?.start;
        match num {
            Num::Iso(y, m, d) => {
                let day = NaiveDate::from_ymd_opt(y, m, d)?;
                self.date(start, i, Some(Period::Day(day)), String::new)
            }
            Num::Slash(m, d, y) => {
                let day = NaiveDate::from_ymd_opt(y, m, d)?;
                let (mut found, next) = self.date(start, i, Some(Period::Day(day)), String::new)?;
                found.ambiguous = m != d && d <= 12;
                Some((found, next))
            }
            // "2024/25" (two years in a row), "1980-1988" (a span).
            Num::YearPair(a, b) if b > a => {
                let (mut found, next) = self.date(start, i, Some(Period::Year(a)), String::new)?;
                found.through = Some(Period::Year(b));
                Some((found, next))
            }
            Num::Decade(y) => {
                // "in his 30s", "in her early 40s": an age.
                let part = self.before_is(start, |r| matches!(r, Role::Part(_))).unwrap_or(start);
                if self.before_is(part, |r| matches!(r, Role::AgeOwner)).is_some() {
                    return None;
                }
                // "KC-30s", "F-16s": models, after a capitalized name and a
                // hyphen ("mid-1990s" is a decade).
                let model = start > 0
                    && self.text[..start].ends_with('-')
                    && self.word_before(start - 1).is_some_and(|(w, _)| {
                        w.starts_with(|c: char| c.is_uppercase())
                            && w.chars().all(char::is_alphabetic)
                            && self.lex.roles_of(w).is_none()
                    });
                if model {
                    return None;
                }
                let start = self.with_determiner(self.apostrophe(start));
                self.date(start, i, Some(Period::Decade(y)), String::new)
            }
            Num::Int(n, 4) => self.year(i, n).or_else(|| self.counted(i)),
            // A number with no time word next to it can only be a clock
            // time ("3 pm"): the common case, cut short.
            Num::Int(n, _) | Num::Ordinal(n)
                if !(self.joined_comma(i) || self.joined_of(i) || self.joined_filler(i)) =>
            {
                self.clock(i).or_else(|| self.listed_day(i, n))
            }
            Num::Int(n, _) | Num::Ordinal(n) => self
                .clock(i)
                .or_else(|| self.day_month(i, n))
                .or_else(|| self.ordinal_period(i))
                .or_else(|| self.counted(i))
                .or_else(|| self.listed_day(i, n)),
            Num::Clock(..) => self.clock(i),
            _ => None,
        }
    }

    fn apostrophe(&self, start: usize) -> usize {
        let head = &self.text[..start];
        head.char_indices()
            .next_back()
            .filter(|(_, c)| *c == '\'' || *c == '’')
            .map_or(start, |(i, _)| i)
    }

    /// A year: "2025", "fiscal 2025", "the 2025 season" is still 2025.
    fn year(&mut self, i: usize, n: u32) -> Hit {
        let tok = *self.tok(i)?;
        let y = i32::try_from(n).ok()?;
        let plausible = (1900..=2100).contains(&y)
            || ((1000..3000).contains(&y) && self.before_is(tok.start, |r| matches!(r, Role::Preposition)).is_some());
        if !plausible || self.text[tok.end..].starts_with(['%', '-']) {
            return None;
        }
        // A year after a capitalized word that is no time word names
        // something: "Orion 1980", "Windows 95".
        let named = self
            .word_before(tok.start)
            .is_some_and(|(w, _)| w.chars().next().is_some_and(char::is_uppercase) && self.lex.roles_of(w).is_none());
        if named {
            return None;
        }
        // "the 1988 second quarter": that quarter of the year.
        if self.joined(i) {
            if let Some((found, next)) = self.ordinal_period(i + 1) {
                if let What::Date(Resolved::Period(Period::Quarter(_, q) | Period::Half(_, q), _)) = found.what {
                    let period = match found.what {
                        What::Date(Resolved::Period(Period::Quarter(..), _)) => Period::Quarter(y, q),
                        _ => Period::Half(y, q),
                    };
                    let start = self.with_determiner(tok.start);
                    return self.date(start, next - 1, Some(period), String::new);
                }
            }
        }
        let mut hit = self.date(tok.start, i, Some(Period::Year(y)), String::new)?;
        // "the 1989 period", "the 1988 quarter": in a report on a quarter,
        // that quarter of the year.
        let unit_next = self.joined(i) && self.role(i + 1, unit_of) == Some(TimeUnit::Quarter);
        let noun_end = if unit_next {
            self.tok(i + 1).map(|t| t.end)
        } else {
            self.period_noun_after(tok.end)
        };
        if let Some(end) = noun_end {
            hit.0.start = self.with_determiner(tok.start);
            hit.0.end = end;
            if unit_next {
                hit.1 = i + 2;
            }
            let quarter = match self.quarter {
                Some(Period::Quarter(_, q)) => Some(Period::Quarter(y, q)),
                Some(Period::Half(_, h)) => Some(Period::Half(y, h)),
                _ => None,
            };
            if let Some(q) = quarter {
                hit.0.what = What::Date(Resolved::Period(q, None));
                hit.0.relative = true;
            }
        }
        Some(hit)
    }

    /// "12 June 2025", "12 June", "the 12th of June".
    fn day_month(&mut self, i: usize, day: u32) -> Hit {
        if !(1..=31).contains(&day) || !(self.joined(i) || self.joined_of(i)) {
            return None;
        }
        let month = self.role(i + 1, month_of)?;
        let start = self.with_determiner(self.tok(i)?.start);
        self.month_day_year(start, month, day, i + 1)
    }

    /// A month and a day, then a year if one follows (`at` is the last token read).
    fn month_day_year(&mut self, start: usize, month: u32, day: u32, at: usize) -> Hit {
        if let Some(Num::Int(y, 4)) = self.num(at + 1).filter(|_| self.joined_comma(at)) {
            let date = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, month, day)?;
            return self.date(start, at + 1, Some(Period::Day(date)), String::new);
        }
        NaiveDate::from_ymd_opt(2000, month, day)?;
        // "June 23 last year", "Dec. 5 that year"
        if let Some((year, year_at)) = self.shifted_year_after(at) {
            let period = year
                .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
                .map(Period::Day);
            return self.date(start, year_at, period, || format!("XXXX-{month:02}-{day:02}"));
        }
        let period = self.news_year(start, |y| NaiveDate::from_ymd_opt(y, month, day).map(Period::Day));
        self.date(start, at, period, || format!("XXXX-{month:02}-{day:02}"))
    }

    /// A day number after a month's day and a range word: the "25" of
    /// "April 24 and 25" or "June 3 to 5" is a day of the same month, a
    /// date of its own (TimeML marks each end of a list or range).
    fn listed_day(&mut self, i: usize, day: u32) -> Hit {
        let tok = *self.tok(i)?;
        let prev = i.checked_sub(1)?;
        let month_at = prev.checked_sub(1)?;
        let first = match self.num(prev)? {
            Num::Int(d, digits) if digits <= 2 => d,
            Num::Ordinal(d) => d,
            _ => return None,
        };
        // A range word between, and no noun after the day: "24 and 25
        // percent", "June 3 and 5 people" count something.
        let range = self.gap(prev).is_some_and(|g| {
            let g = g.trim();
            g != "-" && self.is(g, |r| matches!(r, Role::Range))
        });
        let listed = range
            && first < day
            && day <= 31
            && self.joined(month_at)
            && !self.text[tok.end..].starts_with('%')
            && !self.plain_word_after(tok.end);
        if !listed {
            return None;
        }
        let month = self.role(month_at, month_of)?;
        // The day before is the date last named: its year is this one's.
        match self.last {
            Some(Period::Day(date)) if date.month() == month && date.day() == first => {
                let listed = date.with_day(day)?;
                self.date(tok.start, i, Some(Period::Day(listed)), String::new)
            }
            _ if self.dct.is_none() => {
                NaiveDate::from_ymd_opt(2000, month, day)?;
                self.date(tok.start, i, None, || format!("XXXX-{month:02}-{day:02}"))
            }
            _ => None,
        }
    }

    /// "last year", "this year", "next year", "that year" right after
    /// token `at`: the year it names (none without a reference), and the
    /// token of "year".
    fn shifted_year_after(&self, at: usize) -> Option<(Option<i32>, usize)> {
        if !(self.joined(at) && self.joined(at + 1) && self.role(at + 2, unit_of) == Some(TimeUnit::Year)) {
            return None;
        }
        let year = match self.role(at + 1, shift_of)? {
            Shift::Last => self.dct.map(|d| d.year() - 1),
            Shift::This => self.dct.map(|d| d.year()),
            Shift::Next => self.dct.map(|d| d.year() + 1),
            Shift::Same => self
                .anchor(TimeUnit::Year)
                .and_then(|p| p.first_day())
                .map(|d| d.year()),
            _ => return None,
        };
        Some((year, at + 2))
    }

    /// Months: "June 12, 2025", "June 12-14", "June 2025", "June of 2025",
    /// "June".
    fn month(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let month = tok.find(month_of)?;
        let start = tok.start;
        if self.joined(i) || self.joined_comma(i) {
            let day = match self.num(i + 1) {
                Some(Num::Int(d, n)) if n <= 2 => Some(d),
                Some(Num::Ordinal(d)) => Some(d),
                _ => None,
            };
            match (day, self.num(i + 1)) {
                (Some(d), _) if (1..=31).contains(&d) && self.joined(i) => {
                    // "June 12-14": the first day stands for the range.
                    let last_day = match self.num(i + 2) {
                        Some(Num::Int(e, _)) if self.gap(i + 1) == Some("-") && e > d && e <= 31 => Some(e),
                        _ => None,
                    };
                    if let Some(e) = last_day {
                        let (mut found, next) = self.month_day_year(start, month, d, i + 2)?;
                        if let What::Date(Resolved::Period(Period::Day(first), _)) = found.what {
                            found.through = first.with_day(e).map(Period::Day);
                        }
                        return Some((found, next));
                    }
                    return self.month_day_year(start, month, d, i + 1);
                }
                (_, Some(Num::Int(y, 4))) => {
                    let y = i32::try_from(y).ok()?;
                    return self.date(start, i + 1, Some(Period::Month(y, month)), String::new);
                }
                _ => {}
            }
        }
        if self.joined_of(i) {
            if let Some(Num::Int(y, 4)) = self.num(i + 1) {
                let y = i32::try_from(y).ok()?;
                return self.date(start, i + 1, Some(Period::Month(y, month)), String::new);
            }
        }
        // "January nineteen ninety-seven"
        if let Some((y, last)) = self.spoken_year(i + 1).filter(|_| self.joined(i) || self.joined_of(i)) {
            return self.date(start, last, Some(Period::Month(y, month)), String::new);
        }
        // "June last year", "January this year"
        if let Some((year, year_at)) = self.shifted_year_after(i) {
            let period = year.map(|y| Period::Month(y, month));
            return self.date(start, year_at, period, || format!("XXXX-{month:02}"));
        }
        // A bare month ("May") is a month only after a word that takes a
        // date, a part ("mid-June") or another month ("June and August"),
        // or as an adjective between an article and its noun ("the June
        // elections", "a March agreement").
        let before = self.word_before(tok.start).and_then(|(w, _)| self.lex.roles_of(w));
        let takes_date = |roles: &[Role]| {
            roles
                .iter()
                .any(|r| matches!(r, Role::Preposition | Role::Shift(_) | Role::Part(_)))
        };
        let article = |roles: &[Role]| roles.iter().any(|r| matches!(r, Role::Determiner | Role::Number(1)));
        let cue = before.is_some_and(takes_date)
            || (before.is_some_and(article) && self.plain_word_after(tok.end))
            || (i > 0
                && self.joined(i - 1)
                && self.role(i - 1, |r| matches!(r, Role::Part(_)).then_some(())).is_some())
            || (i > 0
                && self.role(i - 1, month_of).is_some()
                && self
                    .gap(i - 1)
                    .is_some_and(|g| self.is(g.trim(), |r| matches!(r, Role::Range))));
        if !cue {
            return None;
        }
        let period = self.news_year(start, |y| Some(Period::Month(y, month)));
        self.date(start, i, period, || format!("XXXX-{month:02}"))
    }

    /// Whether `found` opens the sentence as its frame, a comma after it:
    /// "Last year, …", "However, in 2004, …"; not a bound ("Before 1991, …").
    fn frames_sentence(&self, found: &Found) -> bool {
        let within = matches!(
            found.modifier,
            None | Some(Modifier::Start | Modifier::Mid | Modifier::End | Modifier::Approx)
        );
        // At most two words before it ("However, in"), read only when the
        // lead is short: no sentence is read again for each of its years.
        let lead = self.text.get(..found.start).filter(|lead| lead.len() <= FRAME_LEAD);
        let words = |lead: &str| {
            lead.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .count()
        };
        within && lead.is_some_and(|lead| words(lead) <= 2) && self.text[found.end..].trim_start().starts_with(',')
    }

    /// The period a year-less date names: the last one before the time of
    /// writing, or the next one when the sentence speaks of the future.
    fn news_year(&mut self, at: usize, build: impl Fn(i32) -> Option<Period>) -> Option<Period> {
        let dct = self.dct?;
        if let Some(year) = self.year.filter(|&y| y != dct.year()) {
            return build(year);
        }
        let this = build(dct.year())?;
        let (start, end) = this.interval()?;
        // Compared by month: "Nov. 21" written on Nov. 2 is this November's.
        let month = Period::holding(dct, TimeUnit::Month).interval()?;
        let dct_month_end = month.1;
        if start < dct_month_end && end > month.0 {
            return Some(this);
        }
        // A deadline with no tense around it is ahead: "by June"; so is one
        // set in the past that falls in the next months: "was extended
        // until mid-November".
        // "until mid-November": the deadline word stands before the part.
        let part = |r: &Role| matches!(r, Role::Part(_));
        let lead = match self.text[..at].strip_suffix('-') {
            Some(head) => self.before_is(head.len(), part),
            None => self.before_is(at, part),
        }
        .unwrap_or(at);
        // The word before, read once: "since" or a deadline word.
        let before = self
            .word_before(lead)
            .and_then(|(w, _)| self.lex.roles_of(w))
            .unwrap_or_default();
        let tense = match before.contains(&Role::Since) {
            true => Some(Tense::Past),
            false => self.tense(at),
        };
        let deadline = matches!(tense, None | Some(Tense::Past)) && before.contains(&Role::Deadline);
        let tense = tense.or(deadline.then_some(Tense::Future));
        // The next such period, when it begins in the next months: this
        // year's, or next year's when this year's has begun ("until
        // January" written in October).
        let near_ahead = || {
            let reach = period::add(month.1, DEADLINE_MONTHS, TimeUnit::Month)?;
            let next = if start >= dct_month_end {
                Some(this)
            } else {
                build(dct.year().checked_add(1)?)
            };
            next.filter(|p| p.interval().is_some_and(|(s, _)| s >= dct_month_end && s < reach))
        };
        if deadline && tense == Some(Tense::Past) {
            if let Some(next) = near_ahead() {
                return Some(next);
            }
        }
        // A day in the next two months is this year's even in a past
        // clause: "the offer was extended to Nov. 16" written in October.
        let soon_day = || {
            matches!(this, Period::Day(_))
                && period::add(month.1, NEAR_MONTHS, TimeUnit::Month).is_some_and(|soon| start < soon)
        };
        match tense {
            Some(Tense::Future) if end <= month.0 => build(dct.year() + 1),
            Some(Tense::Past) if start >= dct_month_end && !soon_day() => build(dct.year() - 1),
            Some(Tense::Future | Tense::Past) => Some(this),
            None => {
                // No tense: news reports the past, unless the date is in the
                // next few weeks.
                let soon = period::add(month.1, NEAR_MONTHS, TimeUnit::Month)?;
                [Some(this), build(dct.year() + 1)]
                    .into_iter()
                    .flatten()
                    .find(|p| p.interval().is_some_and(|(s, _)| s >= dct_month_end && s < soon))
                    .or_else(|| {
                        [Some(this), build(dct.year() - 1)]
                            .into_iter()
                            .flatten()
                            .find(|p| p.interval().is_some_and(|(_, e)| e <= month.0))
                    })
            }
            Some(Tense::Present) => {
                // The present: the nearest one.
                let distance = |p: &Period| {
                    p.interval().map_or(i64::MAX, |(s, e)| {
                        if e <= dct {
                            (dct - e).num_days()
                        } else {
                            (s - dct).num_days().max(0)
                        }
                    })
                };
                [build(dct.year() - 1), Some(this), build(dct.year() + 1)]
                    .into_iter()
                    .flatten()
                    .min_by_key(distance)
            }
        }
    }

    /// "the second quarter of 2025", "second-quarter", "the 20th century",
    /// "the first half".
    fn ordinal_period(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let n = tok.find(ordinal_of);
        let n = n.or(match tok.num {
            Some(Num::Ordinal(n)) => Some(n),
            _ => None,
        })?;
        let mut at = i + 1;
        // "the fiscal first quarter", "the first fiscal quarter"
        if self.role(at, fiscal).is_some() && self.joined(i) {
            at += 1;
        }
        if !self.joined(at - 1) {
            return None;
        }
        let unit = self.role(at, unit_of)?;
        let start = self.with_determiner(self.fiscal_before(tok.start));
        self.numbered(start, unit, n, at)
    }

    /// "fiscal" before `start`, if any.
    fn fiscal_before(&self, start: usize) -> usize {
        match self.word_before(start) {
            Some((w, s))
                if self
                    .lex
                    .roles_of(w)
                    .is_some_and(|r| r.iter().any(|r| fiscal(r).is_some())) =>
            {
                s
            }
            _ => start,
        }
    }

    /// The `n`th quarter, half or century; the year follows or is implied.
    fn numbered(&mut self, start: usize, unit: TimeUnit, n: u32, at: usize) -> Hit {
        if unit == TimeUnit::Century {
            let y = i32::try_from(n).ok()?.checked_sub(1)? * 100;
            return self.date(start, at, Some(Period::Century(y)), String::new);
        }
        let count = match unit {
            TimeUnit::Quarter => 4,
            TimeUnit::Half => 2,
            _ => return None,
        };
        if !(1..=count).contains(&n) {
            return None;
        }
        let build = |y: i32| {
            Some(match unit {
                TimeUnit::Quarter => Period::Quarter(y, n),
                _ => Period::Half(y, n),
            })
        };
        let letter = if unit == TimeUnit::Quarter { 'Q' } else { 'H' };
        if let Some((y, last)) = self.year_after(at) {
            return self.date(start, last, build(y), String::new);
        }
        if unit == TimeUnit::Half {
            let part = if n == 1 { Modifier::Start } else { Modifier::End };
            if let Some(hit) = self.half_of_longer(start, at, part) {
                return Some(hit);
            }
        }
        // A year-less quarter is the last one of that number to have begun:
        // news reports results.
        let period = self.dct.and_then(|d| {
            let this = build(d.year())?;
            if this.first_day()? <= d {
                Some(this)
            } else {
                build(d.year() - 1)
            }
        });
        self.date(start, at, period, || format!("XXXX-{letter}{n}"))
    }

    /// A year after token `at`: "… 2025", "… of 2025", "… of fiscal 2025".
    /// The year and its last token.
    fn year_after(&self, at: usize) -> Option<(i32, usize)> {
        if !(self.joined_comma(at) || self.joined_of(at)) {
            return None;
        }
        let mut next = at + 1;
        if self.role(next, fiscal).is_some() && self.joined(next) {
            next += 1;
        }
        self.year_at(next)
    }

    /// A year at token `i`, in digits ("1996") or in words ("nineteen
    /// ninety-six", "two thousand"), and its last token.
    fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        match self.num(i) {
            Some(Num::Int(y, 4)) => return Some((i32::try_from(y).ok()?, i)),
            Some(_) => return None,
            None => {}
        }
        let first = self.role(i, number_of)?;
        let next = self.role(i + 1, number_of).filter(|_| self.joined(i))?;
        let (year, last) = match (first, next) {
            // "nineteen ninety-six", "nineteen eighty", "eighteen twelve"
            (10..=20, 20..=90) if next % 10 == 0 && first != 20 => {
                let units = self.role(i + 2, number_of).filter(|&u| u < 10 && self.joined(i + 1));
                let last = if units.is_some() { i + 2 } else { i + 1 };
                (first * 100 + next + units.unwrap_or(0), last)
            }
            (10..=19, 10..=19) => (first * 100 + next, i + 1),
            // "two thousand", "two thousand five", "two thousand and five"
            (2, 1000) => {
                let joined = self.joined(i + 1) || self.gap(i + 1).is_some_and(|g| g.trim() == "and");
                match self.count(i + 2).filter(|_| joined) {
                    Some((Some(n), after)) if n < 100 => (2000 + n, after - 1),
                    _ => (2000, i + 1),
                }
            }
            _ => return None,
        };
        // "nineteen ninety-six years" counts years.
        if self.role(last + 1, unit_of).is_some() && self.joined(last) {
            return None;
        }
        Some((i32::try_from(year).ok()?, last))
    }

    /// A year in words ("nineteen ninety-six"), not in digits.
    fn spoken_year(&self, i: usize) -> Option<(i32, usize)> {
        self.tok(i)?.num.is_none().then_some(())?;
        self.year_at(i)
    }

    /// "Q2 2025", "H1".
    fn label(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let (unit, n) = tok.find(label_of)?;
        self.numbered(self.fiscal_before(tok.start), unit, n, i)
    }

    /// "summer 2024", "the summer of 2024", "summer".
    fn decade_word(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let d = i32::try_from(tok.find(decade_word_of)?).ok()?;
        // "the nineties", "the early sixties"; "in his sixties" is an age,
        // and with no determiner the word is a number ("she turned sixty").
        let part = self
            .before_is(tok.start, |r| matches!(r, Role::Part(_)))
            .unwrap_or(tok.start);
        let start = self.before_is(part, |r| matches!(r, Role::Determiner))?;
        let start = if part < tok.start { tok.start } else { start };
        // The latest century in which the decade has begun by the time of
        // writing: "the nineties" written in 1998 or 2025 is the 1990s,
        // "the twenties" written in 2025 is this decade.
        let year = match self.dct {
            Some(dct) => {
                let century = dct.year().div_euclid(100) * 100;
                if century + d <= dct.year() {
                    century + d
                } else {
                    century - 100 + d
                }
            }
            None => 1900 + d,
        };
        self.date(start, i, Some(Period::Decade(year)), String::new)
    }

    fn season(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let season = tok.find(season_of)?;
        let start = self.with_determiner(tok.start);
        if let Some((y, last)) = self.year_after(i) {
            return self.date(start, last, Some(Period::Season(y, season)), String::new);
        }
        // "fall" and "spring" are verbs and nouns too: a bare season needs a
        // word that takes a date before it; after a range word ("to") only
        // when a season starts the range ("from spring to fall"), not "to
        // fall apart".
        let range_after_season = i > 0 && self.role(i - 1, season_of).is_some();
        // "over the summer": the word before the determiner takes the
        // date; "since the fall of the Wall" is no season.
        if start < tok.start
            && self
                .word_after(tok.end)
                .is_some_and(|(w, _)| self.is(w, |r| matches!(r, Role::Of)))
        {
            return None;
        }
        let cue = self
            .word_before(start)
            .and_then(|(w, _)| self.lex.roles_of(w))
            .is_some_and(|roles| {
                let takes_date = roles
                    .iter()
                    .any(|r| matches!(r, Role::Preposition | Role::Shift(_) | Role::Part(_)));
                // "to" is both; "until" also bounds a date.
                let range = roles.iter().any(|r| matches!(r, Role::Range))
                    && !roles.iter().any(|r| matches!(r, Role::BoundBefore(_) | Role::Deadline));
                takes_date && (!range || range_after_season)
            });
        if !cue {
            return None;
        }
        let period = self.news_year(start, |y| Some(Period::Season(y, season)));
        self.date(start, i, period, || format!("XXXX-{}", season_code(season)))
    }

    /// A part of the day after a part word ("mid afternoon", "late
    /// morning"), on the day named right after it ("mid-afternoon
    /// yesterday", "early morning of March 30"), else on the day last
    /// named or the day of writing, as a clock time is.
    fn bare_day_part(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let part = tok.find(day_part_of)?;
        if tok.find(day_word_of).is_some() {
            return None;
        }
        let named = match self.last {
            Some(p @ Period::Day(_)) => Some(p),
            _ => None,
        };
        let mut day = named.or(self.dct.map(Period::Day)).map(|p| Resolved::Period(p, None));
        let mut last = i;
        if self.joined(i) || self.joined_of(i) {
            let after = self
                .weekday(i + 1)
                .or_else(|| self.day_word(i + 1))
                .or_else(|| self.shifted(i + 1))
                .or_else(|| self.month(i + 1));
            if let Some((found, next)) = after {
                if let What::Date(r @ Resolved::Period(Period::Day(_), _)) = found.what {
                    day = Some(r);
                    last = next - 1;
                }
            }
        }
        let day = day.unwrap_or(Resolved::Under("XXXX-XX-XX".into()));
        self.found(tok.start, last, What::Time(day, TimeOfDay::Part(part)))
    }

    /// "in the morning", "during the afternoon": that part of the day last
    /// named, or of the day of writing. Not "the morning session" nor "the
    /// night of Oct. 23" (the day is the date).
    fn the_day_part(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let part = tok.find(day_part_of)?;
        if tok.find(day_word_of).is_some() {
            return None;
        }
        let start = self.with_determiner(tok.start);
        if start == tok.start || self.before_is(start, |r| matches!(r, Role::Preposition)).is_none() {
            return None;
        }
        let of_after = self
            .word_after(tok.end)
            .is_some_and(|(w, _)| self.is(w, |r| matches!(r, Role::Of)));
        if of_after || self.plain_word_after(tok.end) {
            return None;
        }
        let day = match self.last {
            Some(p @ Period::Day(_)) => Some(p),
            _ => self.dct.map(Period::Day),
        };
        let day = day.map_or(Resolved::Under("XXXX-XX-XX".into()), |p| Resolved::Period(p, None));
        self.found(start, i, What::Time(day, TimeOfDay::Part(part)))
    }

    /// "Tuesday", "Tuesday night", "Tuesday, June 3, 2025".
    fn weekday(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        // "the Sunday Times reported": a newspaper's name, no date.
        if let Some((word, _)) = self.word_after(tok.end) {
            // A full stop after it ends the sentence: "… said the Sunday Times."
            if self.lex.weekday_title(word.trim_end_matches('.')) {
                return None;
            }
        }
        self.weekday_after(i, tok.start)
    }

    /// A weekday whose deadline word, if any, stands before byte `lead`:
    /// "until 9 a.m. Tuesday" reads "until" before the clock time.
    fn weekday_after(&mut self, i: usize, lead: usize) -> Hit {
        let tok = *self.tok(i)?;
        let wd = tok.find(weekday_of)?;
        // "Tuesday, June 3": the date says which Tuesday.
        if self.joined_comma(i) && self.role(i + 1, month_of).is_some() {
            if let Some((mut found, next)) = self.month(i + 1) {
                if matches!(found.what, What::Date(Resolved::Period(Period::Day(_), _))) {
                    found.start = tok.start;
                    return Some((found, next));
                }
            }
        }
        let day = self.dct.and_then(|d| {
            // The day of writing itself is the nearest either way: "will
            // land Monday" written on a Monday is that day, whatever the
            // tense, which is then not read.
            let back = nearest_weekday(d, wd, true)?;
            if back == d {
                return Some(d);
            }
            let ahead = nearest_weekday(d, wd, false)?;
            Some(match self.weekday_tense(tok, lead) {
                Some(Tense::Future) => ahead,
                // No tense: news reports what happened, the last one.
                Some(Tense::Past) | None => back,
                // The present: the nearer one.
                Some(Tense::Present) if (ahead - d) < (d - back) => ahead,
                Some(Tense::Present) => back,
            })
        });
        self.with_day_part(tok.start, i, day, || format!("XXXX-WXX-{}", wd.number_from_monday()))
    }

    /// The tense that places the weekday `tok`, whose deadline word, if
    /// any, stands before byte `lead`.
    fn weekday_tense(&mut self, tok: Tok<'l>, lead: usize) -> Option<Tense> {
        let before = self.word_before(lead);
        // "not seen since Tuesday": the day has passed.
        if before.is_some_and(|(w, _)| self.is(w, |r| matches!(r, Role::Since))) {
            return Some(Tense::Past);
        }
        let tense = self.tense(tok.start);
        // "by Friday" with no tense is ahead; "until Tuesday" is, even in a
        // past clause: "postponed until Tuesday", "was adjourned until Monday".
        let tense = match (tense, self.deadline_before(before)) {
            (None | Some(Tense::Present), Some(_)) | (Some(Tense::Past), Some(true)) => Some(Tense::Future),
            (tense, _) => tense,
        };
        // "Wednesday's ruling", "Friday's close": an event the news names by
        // its day has happened, whatever the clause around it plans ("will
        // appeal Wednesday's ruling").
        if self.lex.possessive_len(&self.text[tok.end..]).is_some() {
            Some(Tense::Past)
        } else {
            tense
        }
    }

    /// Whether the word before a weekday, `before` (as `word_before`
    /// reads it), is a deadline word ("by Friday"), and whether it is one
    /// that bounds the date from above ("until"), which puts the date after
    /// the clause's event.
    fn deadline_before(&self, before: Option<(&str, usize)>) -> Option<bool> {
        let (word, from) = before?;
        let until = self.lex.deadline(word)?;
        // "Until Thursday, they had not…", "By Friday, most had left": a
        // deadline that opens its clause looks back; "postponed until
        // Tuesday" follows the verb it bounds.
        if !self.text[..from].trim_end().ends_with(|c: char| c.is_alphabetic()) {
            return None;
        }
        Some(until)
    }

    /// A day, with a part of the day after it when one follows ("Tuesday night").
    fn with_day_part(&self, start: usize, i: usize, day: Option<NaiveDate>, under: impl FnOnce() -> String) -> Hit {
        let resolved = match day {
            Some(d) => Resolved::Period(Period::Day(d), None),
            None => Resolved::Under(under()),
        };
        if self.joined(i) {
            if let Some(part) = self.role(i + 1, day_part_of) {
                return self.found(start, i + 1, What::Time(resolved, TimeOfDay::Part(part)));
            }
        }
        self.found(start, i, What::Date(resolved))
    }

    /// "today", "yesterday morning", "tonight".
    fn day_word(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let offset = tok.find(day_word_of)?;
        let day = self
            .dct
            .and_then(|d| d.checked_add_signed(chrono::TimeDelta::try_days(offset)?));
        // "tonight" is a day word and a part of the day at once.
        if let Some(part) = tok.find(day_part_of) {
            let resolved = match day {
                Some(d) => Resolved::Period(Period::Day(d), None),
                None => Resolved::Under("XXXX-XX-XX".into()),
            };
            return self.found(tok.start, i, What::Time(resolved, TimeOfDay::Part(part)));
        }
        self.with_day_part(tok.start, i, day, || "XXXX-XX-XX".into())
    }

    /// "3 p.m.", "3:30 p.m. EST", "10 a.m. Tuesday", "noon".
    fn clock(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let (mut hour, minute) = match tok.num {
            Some(Num::Clock(h, m)) if h <= 24 && m < 60 => (h, m),
            Some(Num::Int(h, _)) if (1..=12).contains(&h) => (h, 0),
            _ => return None,
        };
        let mut end = tok.end;
        let mut last = i;
        // "3 p.m.", "3pm", "10am."
        let meridiem = self.phrase_after(tok.end, meridiem_of);
        if let Some((_, e)) = meridiem {
            end = e;
            // The meridiem may be a token itself ("p.m.").
            while self.tok(last + 1).is_some_and(|t| t.end <= e) {
                last += 1;
            }
        }
        let meridiem = meridiem.map(|(m, _)| m);
        // "4 in the morning", "9:30 in the evening": the part of the day
        // says which half.
        if meridiem.is_none() {
            if let Some(part) = self.part_of_day_after(i) {
                let pm = matches!(part, DayPart::Afternoon | DayPart::Evening) || (part == DayPart::Night && hour >= 6);
                if pm && hour < 12 {
                    hour += 12;
                }
                let (mut found, next) = self.clock_at(tok.start, tok.end, i, hour, minute)?;
                if let Some(t) = self.tok(i + 1) {
                    found.end = found.end.max(t.end);
                }
                return Some((found, next.max(i + 2)));
            }
        }
        if meridiem.is_none() && !matches!(tok.num, Some(Num::Clock(..))) {
            return None;
        }
        match meridiem {
            Some(Meridiem::Pm) if hour < 12 => hour += 12,
            Some(Meridiem::Am) if hour == 12 => hour = 0,
            _ => {}
        }
        self.clock_at(tok.start, end, last, hour, minute)
    }

    /// The part of the day that follows token `i` after "in the" ("4 in
    /// the morning"): a preposition and a determiner, then the part.
    fn part_of_day_after(&self, i: usize) -> Option<DayPart> {
        let part = self.role(i + 1, day_part_of)?;
        let gap = self.gap(i)?.trim();
        let (preposition, determiner) = gap.split_once(' ')?;
        (self.is(preposition, |r| matches!(r, Role::Preposition))
            && self.is(determiner.trim(), |r| matches!(r, Role::Determiner)))
        .then_some(part)
    }

    /// "noon", "midnight".
    fn clock_word(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let hour = tok.find(clock_of)?;
        self.clock_at(tok.start, tok.end, i, hour, 0)
    }

    /// A time on the day that follows it ("3 p.m. Tuesday"), or on the day
    /// of writing; a time zone after it is part of it.
    fn clock_at(&mut self, start: usize, mut end: usize, mut last: usize, hour: u32, minute: u32) -> Hit {
        if self.role(last + 1, |r| matches!(r, Role::Zone).then_some(())).is_some() && self.joined(last) {
            last += 1;
            end = self.tok(last)?.end;
        } else if let Some((w, e)) = self.word_after(end) {
            if self.is(w, |r| matches!(r, Role::Zone)) {
                end = e;
            }
        }
        // A time with no day is on the day last named, else on the day of
        // writing: "Slepian was shot Friday ... at 10 p.m.".
        let named = match self.last {
            Some(p @ Period::Day(_)) => Some(p),
            _ => None,
        };
        let mut day = named.or(self.dct.map(Period::Day)).map(|p| Resolved::Period(p, None));
        if self.joined_comma(last)
            || self
                .gap(last)
                .is_some_and(|g| self.is(g.trim(), |r| matches!(r, Role::On)))
        {
            if let Some((found, next)) = self
                .weekday_after(last + 1, start)
                .or_else(|| self.day_word(last + 1))
                .or_else(|| self.month(last + 1))
            {
                if let What::Date(r @ Resolved::Period(Period::Day(_), _)) = found.what {
                    day = Some(r);
                    end = found.end;
                    last = next - 1;
                }
            }
        }
        let day = day.unwrap_or(Resolved::Under("XXXX-XX-XX".into()));
        let mut hit = self.found(start, last, What::Time(day, TimeOfDay::Clock(hour, minute)))?;
        hit.0.end = hit.0.end.max(end);
        Some(hit)
    }

    /// "Christmas", "Christmas 2024".
    fn holiday(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let (m, d) = tok.find(holiday_of)?;
        self.month_day_year(tok.start, m, d, i)
    }

    /// "Thanksgiving", "Labor Day 2024": the nth weekday of a month.
    fn floating(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let (m, wd, n) = tok.find(floating_of)?;
        let build = |y: i32| period::nth_weekday(y, m, wd, n).map(Period::Day);
        if let Some(Num::Int(y, 4)) = self.num(i + 1).filter(|_| self.joined_comma(i)) {
            let period = build(i32::try_from(y).ok()?);
            return self.date(tok.start, i + 1, period, String::new);
        }
        let period = self.news_year(tok.start, build);
        self.date(tok.start, i, period, || format!("XXXX-{m:02}-XX"))
    }

    /// "fiscal 2025", "the fiscal year", "fiscal year 2025".
    fn fiscal(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        tok.find(fiscal)?;
        if !self.joined(i) {
            return None;
        }
        let start = self.with_determiner(tok.start);
        match self.num(i + 1) {
            Some(Num::Int(y, 4)) => {
                let y = i32::try_from(y).ok()?;
                self.date(start, i + 1, Some(Period::Year(y)), String::new)
            }
            _ => {
                let (mut found, next) = self.core(i + 1)?;
                found.start = start;
                Some((found, next))
            }
        }
    }

    /// Counts of units: "18 months", "two-year", "the past five years",
    /// "two months ago", "a year earlier", "barely two months after X".
    fn counted(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let (count, unit_at, start) = if let Some(unit) = tok.find(unit_of) {
            if unit == TimeUnit::Half {
                return self.half_of_unit(i);
            }
            if unit == TimeUnit::Weekend {
                return None;
            }
            // "a year", "an hour": the article is the count; "an additional
            // year": a filler may stand between.
            let number_before = |at: usize| {
                self.word_before(at)
                    .and_then(|(w, s)| Some((self.lex.roles_of(w)?.iter().find_map(number_of)?, s)))
            };
            // One lookup of the word before: a number, or a filler to step over.
            let article = self
                .word_before(tok.start)
                .and_then(|(w, s)| Some((self.lex.roles_of(w)?, s)))
                .and_then(|(roles, s)| match roles.iter().find_map(number_of) {
                    Some(n) => Some((n, s)),
                    None if roles.iter().any(|r| matches!(r, Role::Filler)) => number_before(s),
                    None => None,
                });
            let adjective = self.gap(i) == Some("-") && self.role(i + 1, relation_of).is_some();
            match article {
                // "year-earlier", "a year-ago quarter": the article is not part of it.
                _ if adjective => (Some(1), i, tok.start),
                Some((n, s)) => (Some(n), i, s),
                // "a day-long meeting", "decades-long": a length.
                None => {
                    let end = self.lasting_after(tok.end)?;
                    let count = tok.find(plural_unit_of).is_none().then_some(1);
                    let (mut found, next) = self.found(
                        tok.start,
                        i,
                        What::Duration {
                            count,
                            unit,
                            relation: None,
                        },
                    )?;
                    found.end = end;
                    return Some((found, next));
                }
            }
        } else {
            let (count, at) = self.count(i)?;
            (count, at, tok.start)
        };
        // "2 1/2 years", "two and a half years": a half after the count,
        // which ends in a token: a number that is no date, or "half".
        let half_count = unit_at > i
            && self.tok(unit_at).is_some_and(|t| {
                matches!(t.num, Some(Num::Other)) || t.has(|r| matches!(r, Role::Unit(TimeUnit::Half)))
            })
            && self
                .tok(unit_at - 1)
                .and_then(|t| self.phrase_after(t.end, half_of))
                .is_some_and(|(_, end)| self.tok(unit_at).is_some_and(|t| t.end == end));
        let unit_at = unit_at + usize::from(half_count);
        let unit = self.role(unit_at, unit_of)?;
        // "a few years": the article goes with a vague count; "a couple of
        // years", "a dozen years": with a count word too.
        let start = if unit_at > i && (count.is_none() || (tok.num.is_none() && self.gap(i) != Some("-"))) {
            self.before_is(tok.start, |r| matches!(r, Role::Number(1)))
                .unwrap_or(start)
        } else {
            start
        };
        // "two more weeks", "three straight years", "eight trading days";
        // "a couple of years".
        let of_count =
            || count.is_some() && self.role(unit_at, plural_unit_of).is_some() && self.joined_of(unit_at - 1);
        if unit_at > i && !(self.joined(unit_at - 1) || self.joined_filler(unit_at - 1) || of_count()) {
            return None;
        }
        let unit_tok = *self.tok(unit_at)?;
        // "a second group", "a second A380": a unit that is also an
        // ordinal, before a word that is no time word, is the ordinal.
        if unit_tok.has(|r| matches!(r, Role::Ordinal(_)))
            && (self.plain_word_after(unit_tok.end) || self.name_after(unit_tok.end))
        {
            return None;
        }
        // "three-quarters of its food", "a quarter of the market", "one-half
        // share": a fraction, unless a year follows ("two quarters of
        // 1990"); "several quarters of losses" is a time.
        let fraction_like = count == Some(1) || (count.is_some() && unit_at > i && self.gap(unit_at - 1) == Some("-"));
        // "a quarter century", "three quarters of an hour": a fraction of
        // the unit after it.
        if let Some(hit) = count.and_then(|n| self.quarters_of_unit(start, n, unit, unit_at)) {
            return Some(hit);
        }
        if matches!(unit, TimeUnit::Quarter | TimeUnit::Half) && fraction_like {
            let of_thing = self.word_after(unit_tok.end).is_some_and(|(w, e)| {
                self.is(w, |r| matches!(r, Role::Of))
                    && !self.text[e..].trim_start().starts_with(|c: char| c.is_ascii_digit())
            });
            if of_thing || self.plain_word_after(unit_tok.end) {
                return None;
            }
        }
        // "the past five years", "the first nine months", "the next two weeks"
        let lead = self.word_before(start).and_then(|(w, s)| {
            let roles = self.lex.roles_of(w)?;
            roles
                .iter()
                .any(|r| matches!(r, Role::Shift(_) | Role::Ordinal(_)))
                .then_some(s)
        });
        let start = lead.map_or(start, |s| self.with_determiner(s));
        // A hyphenated count is an adjective and takes no determiner: "the
        // 90-day period" is "90-day".
        let hyphenated = unit_at > i && self.gap(unit_at - 1) == Some("-");
        let start = if lead.is_none() && count.is_some() && !hyphenated {
            self.with_determiner(start)
        } else {
            start
        };
        let end_tok = unit_at;
        // "the year-earlier quarter", "the year-ago period"
        if self.gap(unit_at) == Some("-") {
            if let Some(r) = self.role(unit_at + 1, relation_of) {
                let hit = self.offset(start, count, unit, r, unit_at + 1)?;
                return Some(self.with_period_noun(hit));
            }
        }
        // An age ("a 10-year-old", "37 years old") is no time.
        let rest = &self.text[unit_tok.end..];
        let after = rest.strip_prefix(['-', ' ']).unwrap_or(rest);
        let age = after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default();
        if !age.is_empty() && self.is(age, |r| matches!(r, Role::Age)) {
            return None;
        }
        if lead.is_none() && self.joined(unit_at) {
            if let Some(r) = self.role(unit_at + 1, relation_of) {
                return self.offset(start, count, unit, r, unit_at + 1);
            }
        }
        // "will close in three months": a time that far from now.
        let ahead = self
            .before_is(start, |r| matches!(r, Role::Ahead))
            .is_some_and(|at| !self.record_before(at));
        if let (Some(n), true, None) = (count, ahead, lead) {
            if self.tense(start) == Some(Tense::Future) {
                let resolved = self
                    .dct
                    .and_then(|d| add(d, i64::from(n), unit))
                    .map(|d| Resolved::Period(Period::holding(d, unit), Some((n, unit, Relation::FromNow))))
                    .unwrap_or_else(|| Resolved::Under(under_for(unit)));
                return self.found(start, end_tok, What::Date(resolved));
            }
        }
        let (mut found, next) = self.found(
            start,
            end_tok,
            What::Duration {
                count,
                unit,
                relation: None,
            },
        )?;
        // "an hour and a half": a half after the unit.
        let half_unit = if half_count || count.is_none() {
            None
        } else {
            self.phrase_after(unit_tok.end, half_of).map(|(_, end)| end)
        };
        if (half_count || half_unit.is_some()) && halves(unit) {
            found.half = true;
            found.end = half_unit.unwrap_or(found.end);
        }
        // "a two-week-long strike", "a year-long inquiry": the ending is
        // part of it, the article is the noun's.
        if let Some(end) = self.lasting_after(unit_tok.end) {
            found.end = end;
            if unit_at == i {
                found.start = unit_tok.start;
            }
        }
        Some((found, next))
    }

    /// "half an hour", "a half-hour", "half a century": half of the unit
    /// after "half" (token `i`), counted in the next smaller unit (`PT30M`,
    /// `P50Y`), where half of it is a whole number of those (else `PXW`:
    /// some weeks); an article before "half" is part of it. "half a dozen",
    /// "half the year" and "a half years" (after "two and") are not.
    fn half_of_unit(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let unit_tok = *self.tok(i + 1)?;
        let unit = unit_tok.find(unit_of)?;
        if unit_tok.has(|r| matches!(r, Role::Units(_))) {
            return None;
        }
        // "half an hour": an article between; "a half-hour", "half-century": nothing.
        let between = self.text.get(tok.end..unit_tok.start)?;
        let article_between = match between {
            " " | "-" => false,
            _ => {
                let word = between.strip_prefix(' ')?.strip_suffix(' ')?;
                if !self.is(word, |r| matches!(r, Role::Number(1))) {
                    return None;
                }
                true
            }
        };
        // "a three-and-a-half-year sentence": a count, the half words of
        // `halves` ("and a half") joined by hyphens, and the unit.
        let counted = match (article_between, i.checked_sub(1)) {
            (false, Some(before)) => self.tok(before).and_then(|t| {
                let joint = self
                    .text
                    .get(t.end..tok.end)?
                    .strip_prefix(['-', ' '])?
                    .replace('-', " ");
                if !self.is(&joint, |r| matches!(r, Role::Half)) {
                    return None;
                }
                let (count, after) = self.count(before)?;
                (after == i).then_some((t.start, count))
            }),
            _ => None,
        };
        if let Some((count_start, count)) = counted {
            let (mut found, next) = self.found(
                count_start,
                i + 1,
                What::Duration {
                    count,
                    unit,
                    relation: None,
                },
            )?;
            found.half = halves(unit);
            return Some((found, next));
        }
        let start = match article_between {
            true => tok.start,
            false => self
                .before_is(tok.start, |r| matches!(r, Role::Number(1)))
                .unwrap_or(tok.start),
        };
        // Half a week or a month is no whole number of a smaller unit:
        // some weeks, some months.
        let (count, unit) = part_of_unit(unit, 2).map_or((None, unit), |(n, smaller)| (Some(n), smaller));
        self.length_at(start, count, unit, i + 1)
    }

    /// A length from byte `start` whose unit word is token `at`, or the
    /// time it is from another when a relation word follows it ("half an
    /// hour after the blast", "a quarter of a century ago").
    fn length_at(&mut self, start: usize, count: Option<u32>, unit: TimeUnit, at: usize) -> Hit {
        if self.joined(at) {
            if let Some(r) = self.role(at + 1, relation_of) {
                return self.offset(start, count, unit, r, at + 1);
            }
        }
        self.found(
            start,
            at,
            What::Duration {
                count,
                unit,
                relation: None,
            },
        )
    }

    /// "a quarter century", "a quarter of an hour", "three-quarters of a
    /// century": `n` quarters (token `at`) of the singular unit after them,
    /// counted in a smaller unit (`P25Y`, `PT15M`, `P75Y`), from byte
    /// `start`; none where a quarter of the unit is no whole number of a
    /// smaller one.
    fn quarters_of_unit(&mut self, start: usize, n: u32, unit: TimeUnit, at: usize) -> Hit {
        if unit != TimeUnit::Quarter {
            return None;
        }
        let (quarter, next) = (*self.tok(at)?, *self.tok(at + 1)?);
        let between = self.text.get(quarter.end..next.start)?;
        if !matches!(between, " " | "-" | " of a " | " of an ") || next.has(|r| matches!(r, Role::Units(_))) {
            return None;
        }
        let (per_quarter, smaller) = part_of_unit(next.find(unit_of)?, 4)?;
        let count = Some(n.checked_mul(per_quarter)?);
        self.length_at(start, count, smaller, at + 1)
    }

    /// A count at token `i`: a number, a number word ("twenty four"), or a
    /// vague count ("several", "a few"); and the token after it.
    /// Whether a record word ("the first visit", "its highest level")
    /// stands before byte `at` in the same phrase: within [`RECORD_REACH`]
    /// bytes, with no sign, tense cue ("will", "is", "was") or clause
    /// opener between. A verb that is no cue ("open") does not stop it.
    fn record_before(&self, mut at: usize) -> bool {
        let from = at.saturating_sub(RECORD_REACH);
        while let Some((word, start)) = self.word_before(at).filter(|&(_, start)| start >= from) {
            match self.lex.roles_of(word) {
                Some(roles) if roles.contains(&Role::Record) => return true,
                Some(roles) if roles.iter().any(|r| matches!(r, Role::Tense(_) | Role::Opener)) => return false,
                _ => at = start,
            }
        }
        false
    }

    fn count(&self, i: usize) -> Option<(Option<u32>, usize)> {
        let tok = self.tok(i)?;
        if let Some(Num::Int(n, _)) = tok.num {
            return Some((Some(n), i + 1));
        }
        if tok.has(|r| matches!(r, Role::Vague)) {
            return Some((None, i + 1));
        }
        let n = tok.find(number_of)?;
        // "twenty four", "twenty-four"
        if n >= 20 && n % 10 == 0 && self.joined(i) {
            if let Some(units) = self.role(i + 1, number_of).filter(|u| *u < 10) {
                return Some((Some(n + units), i + 2));
            }
        }
        // "two thousand", "three hundred"
        if n < 100 && self.joined(i) {
            if let Some(m) = self.role(i + 1, number_of).filter(|m| matches!(m, 100 | 1000)) {
                return Some((Some(n * m), i + 2));
            }
        }
        Some((Some(n), i + 1))
    }

    /// A count of units followed by a relation word.
    fn offset(&mut self, start: usize, count: Option<u32>, unit: TimeUnit, rel: Relation, rel_at: usize) -> Hit {
        let (mut found, next) = self.offset_from(start, count, unit, rel, rel_at)?;
        found.relative = true;
        Some((found, next))
    }

    fn offset_from(&mut self, start: usize, count: Option<u32>, unit: TimeUnit, rel: Relation, rel_at: usize) -> Hit {
        let rel_tok = *self.tok(rel_at)?;
        match rel {
            Relation::After | Relation::Before => {
                let relation = Some((rel, rel_tok.end));
                self.found(start, rel_at - 1, What::Duration { count, unit, relation })
            }
            Relation::Ago | Relation::FromNow => {
                let Some(n) = count else {
                    let r = if rel == Relation::Ago {
                        Reference::Past
                    } else {
                        Reference::Future
                    };
                    return self.found(start, rel_at, What::Date(Resolved::Ref(r)));
                };
                let sign = if rel == Relation::Ago { -1 } else { 1 };
                // "a year ago" in a report on a quarter compares with that quarter.
                if let (Some(q), TimeUnit::Year, Relation::Ago) = (self.quarter, unit, rel) {
                    let shifted = q.shift(-i64::from(n), unit).map(|p| Resolved::Period(p, None));
                    return self.found(start, rel_at, What::Date(shifted?));
                }
                let resolved = self
                    .dct
                    .and_then(|d| add(d, sign * i64::from(n), unit))
                    .map(|d| Resolved::Period(Period::holding(d, unit), Some((n, unit, rel))))
                    .unwrap_or_else(|| Resolved::Under(under_for(unit)));
                self.found(start, rel_at, What::Date(resolved))
            }
            Relation::Earlier | Relation::Later => {
                // "a few days later": some days, from a time not named;
                // "three days later", "an hour earlier": a length of time
                // with the relation word as its signal (TimeML), where "a
                // year earlier" names the period results compare with.
                let short = matches!(
                    unit,
                    TimeUnit::Second | TimeUnit::Minute | TimeUnit::Hour | TimeUnit::Day | TimeUnit::Week
                );
                let Some(n) = count.filter(|_| !short) else {
                    return self.found(
                        start,
                        rel_at - 1,
                        What::Duration {
                            count,
                            unit,
                            relation: None,
                        },
                    );
                };
                let sign = if rel == Relation::Earlier { -1 } else { 1 };
                let quarter = self.quarter.filter(|_| unit == TimeUnit::Year);
                let from = quarter.or(self.last).or(self.dct.map(|d| Period::holding(d, unit)));
                let resolved = match from.and_then(|p| p.shift(sign * i64::from(n), unit)) {
                    Some(p) => Resolved::Period(p, None),
                    None => Resolved::Under(under_for(unit)),
                };
                self.found(start, rel_at, What::Date(resolved))
            }
        }
    }

    /// "last week", "next June", "this morning", "the previous day", "the
    /// past", "this past spring".
    fn shifted(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let shift = tok.find(shift_of)?;
        // "the latest period" in a report on a quarter: that quarter; "the
        // same period last year": that quarter a year before.
        if let (Shift::Last | Shift::This | Shift::Same, Some(q)) = (shift, self.quarter) {
            if let Some(end) = self.period_noun_after(tok.end) {
                let mut period = q;
                let mut end = end;
                let mut next_tok = i;
                if shift == Shift::Same {
                    // The noun is no token: "last" is the next one.
                    let shift_at = i + 1;
                    if self.tok(shift_at)?.start != end + 1 || self.gap(i + 1) != Some(" ") {
                        return None;
                    }
                    let year = match self.role(shift_at, shift_of)? {
                        Shift::Last => self.dct?.year() - 1,
                        Shift::This => self.dct?.year(),
                        _ => return None,
                    };
                    if self.role(shift_at + 1, unit_of) != Some(TimeUnit::Year) {
                        return None;
                    }
                    let from = q.first_day()?.year();
                    period = q.shift(i64::from(year - from), TimeUnit::Year)?;
                    end = self.tok(shift_at + 1)?.end;
                    next_tok = shift_at + 1;
                }
                let (mut found, next) =
                    self.date(self.with_determiner(tok.start), next_tok, Some(period), String::new)?;
                found.end = end;
                found.relative = true;
                return Some((found, next));
            }
        }
        if !self.joined(i) {
            return self.past_reference(i);
        }
        let start = self.with_determiner(tok.start);
        let mut at = i + 1;
        // "this past spring", "the current fiscal year"
        let mut shift = shift;
        if let Some(Shift::Last) = self.role(at, shift_of) {
            if self.joined(at) {
                shift = Shift::Last;
                at += 1;
            }
        }
        if self.role(at, fiscal).is_some() && self.joined(at) {
            at += 1;
        }
        // "the past five years" is a duration.
        if self.count(at).is_some_and(|(_, u)| self.role(u, unit_of).is_some()) {
            return self.counted(at);
        }
        let next = self.tok(at)?;
        if let Some(unit) = next.find(unit_of) {
            // "the last half of 1989", "the last quarter of 2024": the final one.
            if let (Shift::Last, TimeUnit::Half | TimeUnit::Quarter) = (shift, unit) {
                if self.year_after(at).is_some() {
                    let n = if unit == TimeUnit::Half { 2 } else { 4 };
                    return self.numbered(start, unit, n, at);
                }
                if unit == TimeUnit::Half {
                    if let Some(hit) = self.half_of_longer(start, at, Modifier::End) {
                        return Some(hit);
                    }
                }
            }
            return self.shift_unit(start, shift, unit, at);
        }
        if let Some(month) = next.find(month_of) {
            // "last Oct. 23": the day of that month.
            let day = match self.num(at + 1).filter(|_| self.joined(at)) {
                Some(Num::Int(d, n)) if n <= 2 && (1..=31).contains(&d) => Some(d),
                Some(Num::Ordinal(d)) if (1..=31).contains(&d) => Some(d),
                _ => None,
            };
            if let Some(d) = day {
                NaiveDate::from_ymd_opt(2000, month, d)?;
                let period = self.shift_named(shift, start, |y| NaiveDate::from_ymd_opt(y, month, d).map(Period::Day));
                return self.date(start, at + 1, period, || format!("XXXX-{month:02}-{d:02}"));
            }
            let period = self.shift_named(shift, start, |y| Some(Period::Month(y, month)));
            return self.date(start, at, period, || format!("XXXX-{month:02}"));
        }
        if let Some(season) = next.find(season_of) {
            let period = self.shift_named(shift, start, |y| Some(Period::Season(y, season)));
            return self.date(start, at, period, || format!("XXXX-{}", season_code(season)));
        }
        if let Some(wd) = next.find(weekday_of) {
            let day = self.shift_weekday(shift, wd);
            return self.with_day_part(start, at, day, || format!("XXXX-WXX-{}", wd.number_from_monday()));
        }
        if let Some(part) = next.find(day_part_of) {
            // "this morning", "last night"
            let offset = match shift {
                Shift::Last if part == DayPart::Night => -1,
                Shift::This | Shift::Last => 0,
                _ => return None,
            };
            let day = self
                .dct
                .and_then(|d| d.checked_add_signed(chrono::TimeDelta::try_days(offset)?));
            let resolved = day.map_or(Resolved::Under("XXXX-XX-XX".into()), |d| {
                Resolved::Period(Period::Day(d), None)
            });
            return self.found(start, at, What::Time(resolved, TimeOfDay::Part(part)));
        }
        self.past_reference(i)
    }

    /// "the past" alone: a shift word that is also a reference, after a
    /// determiner, is the reference.
    fn past_reference(&self, i: usize) -> Hit {
        let tok = self.tok(i)?;
        let r = tok.find(reference_of)?;
        let start = self.with_determiner(tok.start);
        (start < tok.start).then_some(())?;
        // "the past three summers": a count of periods, not the past.
        if self.joined(i) && self.count(i + 1).is_some() {
            return None;
        }
        self.found(start, i, What::Date(Resolved::Ref(r)))
    }

    /// "last year", "this week", "the following day", "last weekend".
    fn shift_unit(&mut self, start: usize, shift: Shift, unit: TimeUnit, at: usize) -> Hit {
        if self.role(at, plural_unit_of).is_some() {
            // "recent years", "the coming weeks": no one period but some
            // number of them (TimeML: PXY, PXW).
            return match shift {
                Shift::Last | Shift::Next => self.found(
                    start,
                    at,
                    What::Duration {
                        count: None,
                        unit,
                        relation: None,
                    },
                ),
                _ => None,
            };
        }
        let (from, step) = match shift {
            Shift::Last => (self.dct_period(unit), -1),
            Shift::This => (self.dct_period(unit), 0),
            Shift::Next => (self.dct_period(unit), 1),
            Shift::Previous => (self.anchor(unit), -1),
            Shift::Following => (self.anchor(unit), 1),
            Shift::Same => (self.anchor(unit), 0),
        };
        let step_unit = if unit == TimeUnit::Weekend {
            TimeUnit::Week
        } else {
            unit
        };
        let period = from.and_then(|p| p.shift(step, step_unit)).map(|p| match (p, unit) {
            (Period::Week(d), TimeUnit::Weekend) => Period::Weekend(d),
            (p, _) => p,
        });
        self.date(start, at, period, || under_for(unit))
    }

    /// The period of `unit` holding the time of writing.
    fn dct_period(&self, unit: TimeUnit) -> Option<Period> {
        self.dct.map(|d| Period::holding(d, unit))
    }

    /// The period of `unit` holding the date last named, or the time of
    /// writing when there is none or it is coarser than `unit` ("the
    /// previous day" after "2024" counts from the time of writing).
    fn anchor(&self, unit: TimeUnit) -> Option<Period> {
        let fine_enough = |p: &Period| p.grain() <= Period::holding(NaiveDate::MIN, unit).grain();
        let day = self.last.filter(fine_enough).and_then(|p| p.first_day()).or(self.dct)?;
        Some(Period::holding(day, unit))
    }

    /// "last June", "next summer", "this June".
    fn shift_named(&mut self, shift: Shift, at: usize, build: impl Fn(i32) -> Option<Period>) -> Option<Period> {
        let dct = self.dct?;
        let this = build(dct.year())?;
        let (start, end) = this.interval()?;
        match shift {
            Shift::Last | Shift::Previous if end > dct => build(dct.year() - 1),
            Shift::Next | Shift::Following if start <= dct => build(dct.year() + 1),
            Shift::Same => self.news_year(at, build),
            _ => Some(this),
        }
    }

    /// "last Friday", "next Friday", "this Friday"; "the previous Friday"
    /// and "the following Monday" count from the day last named.
    fn shift_weekday(&self, shift: Shift, wd: Weekday) -> Option<NaiveDate> {
        let dct = self.dct?;
        match shift {
            Shift::Last => nearest_weekday(dct.pred_opt()?, wd, true),
            Shift::Next => nearest_weekday(dct, wd, false),
            Shift::Previous => nearest_weekday(self.anchor(TimeUnit::Day)?.first_day()?.pred_opt()?, wd, true),
            Shift::Following => nearest_weekday(self.anchor(TimeUnit::Day)?.first_day()?, wd, false),
            Shift::This | Shift::Same => {
                let monday = Period::Week(dct).first_day()?;
                add(monday, i64::from(wd.num_days_from_monday()), TimeUnit::Day)
            }
        }
    }

    /// "earlier this year", "later this month": the period itself.
    fn relative_this(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let rel = tok.find(relation_of)?;
        if !matches!(rel, Relation::Earlier | Relation::Later) || !self.joined(i) {
            return None;
        }
        let (mut found, next) = self.shifted(i + 1).or_else(|| self.day_word(i + 1))?;
        found.start = tok.start;
        found.modifier = Some(if rel == Relation::Earlier {
            Modifier::Start
        } else {
            Modifier::End
        });
        Some((found, next))
    }

    /// "every year", "each Monday", "per month", "daily".
    fn set(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        if let Some(unit) = tok.find(set_word_of) {
            return self.found(tok.start, i, What::Set(iso_duration(Some(1), unit)));
        }
        if !tok.has(|r| matches!(r, Role::Every)) || !self.joined(i) {
            return None;
        }
        let next = *self.tok(i + 1)?;
        let value = if let Some(unit) = next.find(unit_of) {
            iso_duration(Some(1), unit)
        } else if let Some(wd) = next.find(weekday_of) {
            format!("XXXX-WXX-{}", wd.number_from_monday())
        } else if let Some(m) = next.find(month_of) {
            format!("XXXX-{m:02}")
        } else if let Some(s) = next.find(season_of) {
            format!("XXXX-{}", season_code(s))
        } else if let Some((Some(n), at)) = self.count(i + 1) {
            // "every two years"
            let unit = self.role(at, unit_of).filter(|_| self.joined(at - 1))?;
            return self.found(tok.start, at, What::Set(iso_duration(Some(n), unit)));
        } else {
            return None;
        };
        self.found(tok.start, i + 1, What::Set(value))
    }

    /// "year-end", "year end", "year's end", "quarter-end": the end of the
    /// period the text is about.
    fn unit_end(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let unit = tok.find(|r| match r {
            Role::Unit(u @ (TimeUnit::Year | TimeUnit::Quarter | TimeUnit::Month)) => Some(*u),
            _ => None,
        })?;
        let possessive = self.lex.possessive_len(&self.text[tok.end..]);
        let next = self.tok(i + 1)?;
        let next_to = match possessive {
            Some(len) => next.start == tok.end + len + 1,
            None => self.joined(i),
        };
        if !next_to || next.find(part_noun_of) != Some(PeriodPart::End) {
            return None;
        }
        // Said of the time of writing: "since year-end".
        let period = match unit {
            TimeUnit::Quarter => self.quarter.or_else(|| self.dct_period(unit)),
            _ => self.dct_period(unit),
        };
        let (mut found, next) = self.date(self.with_determiner(tok.start), i + 1, period, || under_for(unit))?;
        found.modifier = Some(Modifier::End);
        Some((found, next))
    }

    /// "the quarter", "the year" (the one last named), "years" after "for".
    fn unit_alone(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let unit = tok.find(unit_of)?;
        let plural = tok.find(plural_unit_of).is_some();
        let (mut word, mut at) = self.word_before(tok.start)?;
        let mut roles = self.lex.roles_of(word)?;
        // "the fiscal year", "the full year" are "the year".
        let filler = roles.iter().any(|r| matches!(r, Role::Filler));
        if filler || roles.iter().any(|r| fiscal(r).is_some()) {
            (word, at) = self.word_before(at)?;
            roles = self.lex.roles_of(word)?;
        }
        let the = roles.iter().any(|r| matches!(r, Role::Determiner)).then_some(at);
        let preposition = roles.iter().any(|r| matches!(r, Role::Preposition)).then_some(at);
        // "the year 2000", "the year two thousand"
        if let (Some(s), false, TimeUnit::Year) = (the, plural, unit) {
            if let Some((y, last)) = self.year_at(i + 1).filter(|_| self.joined(i)) {
                return self.date(s, last, Some(Period::Year(y)), String::new);
            }
        }
        if let (Some(s), false, TimeUnit::Year) = (the, plural, unit) {
            // "the year ended Sept. 30": a year's length, not a calendar year.
            if self.period_end_after(tok.end) {
                return self.found(
                    s,
                    i,
                    What::Duration {
                        count: Some(1),
                        unit,
                        relation: None,
                    },
                );
            }
        }
        match (the, preposition) {
            (Some(s), _) if !plural && unit == TimeUnit::Quarter && self.period_end_after(tok.end) => {
                // In a report on a fiscal quarter, that quarter.
                let period = match self.quarter {
                    Some(q @ Period::Quarter(..)) if self.fiscal => Some(q),
                    _ => self.quarter_ended(tok.end),
                };
                self.date(s, i, period, || under_for(unit))
            }
            (Some(s), _) if !plural && unit == TimeUnit::Quarter => {
                // In a report on a fiscal quarter, that quarter; else the
                // last one completed: news reports results.
                let period = match self.quarter {
                    Some(q @ Period::Quarter(..)) if self.fiscal => Some(q),
                    _ => self.dct_period(unit).and_then(|p| p.shift(-1, unit)),
                };
                self.date(s, i, period, || under_for(unit))
            }
            (Some(s), _) if !plural && unit == TimeUnit::Weekend => {
                // The weekend just past, or the coming one in the future.
                let future = self.tense(tok.start) == Some(Tense::Future);
                let day = self.dct.and_then(|d| nearest_weekday(d, Weekday::Sat, !future));
                self.date(s, i, day.map(Period::Weekend), || under_for(unit))
            }
            // "the year", "the day": the one the text is about, that of the
            // date last named or of the time of writing.
            (Some(s), _)
                if !plural && matches!(unit, TimeUnit::Day | TimeUnit::Week | TimeUnit::Month | TimeUnit::Year) =>
            {
                if unit == TimeUnit::Week {
                    if let Some(hit) = self.week_of(s, i) {
                        return Some(hit);
                    }
                }
                // "later in the day", "during the day": a time within the
                // day the text is about, no date of its own; "in the day
                // before the vote" is placed by its event.
                let within = unit == TimeUnit::Day
                    && self.before_is(s, |r| matches!(r, Role::WithinDay)).is_some()
                    && !(self.joined(i) && self.role(i + 1, relation_of).is_some());
                if within {
                    return None;
                }
                // "the full year" is the year the results are reported
                // for: that of the quarter last named, or of writing; not
                // a target year named before ("by 1992").
                let period = if filler && unit == TimeUnit::Year {
                    let day = self.quarter.and_then(|q| q.first_day()).or(self.dct);
                    day.map(|d| Period::holding(d, unit))
                } else {
                    self.anchor(unit)
                };
                self.date(s, i, period, || under_for(unit))
            }
            (_, Some(_)) if plural => self.found(
                tok.start,
                i,
                What::Duration {
                    count: None,
                    unit,
                    relation: None,
                },
            ),
            // "over the years", "in the weeks that followed": some number
            // of them; "in the days before the vote" is placed by its event.
            (Some(s), None)
                if plural
                    && self.before_is(s, |r| matches!(r, Role::Preposition)).is_some()
                    && self.role(i + 1, relation_of).is_none() =>
            {
                self.found(
                    s,
                    i,
                    What::Duration {
                        count: None,
                        unit,
                        relation: None,
                    },
                )
            }
            _ => None,
        }
    }

    /// "the second half of the 1990s", "the last half of the '80s", from
    /// byte `start` and "half" at token `at`: a half of a decade or century
    /// is that period, with the part as its modifier (TimeML).
    fn half_of_longer(&mut self, start: usize, at: usize, part: Modifier) -> Hit {
        // "of the '80s": the apostrophe is the decade's.
        let of = self.gap(at).is_some_and(|g| {
            let g = g.trim_end_matches(['\'', '’']);
            self.is(g.trim(), |r| matches!(r, Role::Of))
        });
        if !of {
            return None;
        }
        let (mut found, next) = self.core(at + 1)?;
        if !matches!(
            found.what,
            What::Date(Resolved::Period(Period::Decade(_) | Period::Century(_), None))
        ) {
            return None;
        }
        found.start = start;
        found.modifier = Some(part);
        Some((found, next))
    }

    /// "the week of March 6", from "the" at byte `start` and "week" at
    /// token `i`: the week that holds that day.
    fn week_of(&mut self, start: usize, i: usize) -> Hit {
        if !self.joined_of(i) {
            return None;
        }
        let (found, next) = self.month(i + 1)?;
        let What::Date(Resolved::Period(Period::Day(d), _)) = found.what else {
            return None;
        };
        let week = Period::holding(d, TimeUnit::Week);
        let (mut week, next) = self.date(start, next - 1, Some(week), String::new)?;
        week.end = found.end;
        Some((week, next))
    }

    /// The quarter that "the quarter ended Sept. 30" names, from the date
    /// after the word that follows byte `at`: the three months up to it,
    /// labelled by the calendar quarter that holds most of them ("ended
    /// July 31": May to July, the second quarter). A date early in its
    /// month ends the month before.
    fn quarter_ended(&mut self, at: usize) -> Option<Period> {
        let (_, word_end) = self.word_after(at)?;
        let i = self.toks.partition_point(|t| t.start <= word_end);
        let (found, _) = self.month(i)?;
        let What::Date(Resolved::Period(Period::Day(end), _)) = found.what else {
            return None;
        };
        const MONTH_END_FROM: u32 = 15;
        let back = if end.day() >= MONTH_END_FROM { 1 } else { 2 };
        let middle = add(end.with_day(1)?, -back, TimeUnit::Month)?;
        Some(Period::holding(middle, TimeUnit::Quarter))
    }

    /// "now", "currently", "recently", "the future".
    fn reference(&mut self, i: usize) -> Hit {
        let tok = *self.tok(i)?;
        let r = tok.find(reference_of)?;
        if r == Reference::Future {
            // "future quarters": the reference with the units it qualifies.
            if self.joined(i) && self.role(i + 1, plural_unit_of).is_some() {
                return self.found(tok.start, i + 1, What::Date(Resolved::Ref(r)));
            }
            let s = self.with_determiner(tok.start);
            // "future" as an adjective ("future plans", "Intel's future
            // flagship.") names no time.
            let noun_after = self.word_after(tok.end).is_some_and(|(w, _)| {
                let w = w.trim_end_matches('.');
                !w.is_empty() && w.chars().all(char::is_alphabetic)
            });
            if s == tok.start && noun_after {
                return None;
            }
            return self.found(s, i, What::Date(Resolved::Ref(r)));
        }
        // "Now, he says…": a present word that opens the sentence, set off
        // by a comma, links to what came before; it names no time.
        let opens = self.text[..tok.start]
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '“' | '‘'))
            .is_empty();
        if r == Reference::Present && opens && self.text[tok.end..].starts_with(',') {
            return None;
        }
        // A past word that is also a shift ("past") names the past only as
        // a noun after a determiner ("in the past"); alone it is a
        // preposition or a noun with no time: "continue past the
        // deadline", "if past is prologue".
        if r == Reference::Past && tok.find(shift_of).is_some() {
            return None;
        }
        self.found(tok.start, i, What::Date(Resolved::Ref(r)))
    }
}

/// Accessors for one kind of role: `fn name(&Role) -> Option<value>`, for
/// [`Tok::find`].
macro_rules! role_value {
    ($($name:ident: $variant:ident($($field:ident),+) -> $t:ty;)*) => {$(
        fn $name(r: &Role) -> Option<$t> {
            match r {
                Role::$variant($($field),+) => Some(($(*$field),+)),
                _ => None,
            }
        }
    )*};
}

role_value! {
    month_of: Month(m) -> u32;
    season_of: Season(s) -> Season;
    day_part_of: DayPart(p) -> DayPart;
    plural_unit_of: Units(u) -> TimeUnit;
    number_of: Number(n) -> u32;
    relation_of: Relation(r) -> Relation;
    shift_of: Shift(s) -> Shift;
    hedge_of: Hedge(h) -> Bound;
    part_of_role: Part(p) -> PeriodPart;
    part_noun_of: PartNoun(p) -> PeriodPart;
    ordinal_of: Ordinal(n) -> u32;
    day_word_of: DayWord(d) -> i64;
    meridiem_of: Meridiem(m) -> Meridiem;
    clock_of: Clock(h) -> u32;
    reference_of: Reference(r) -> Reference;
    set_word_of: SetWord(u) -> TimeUnit;
    label_of: Label(u, n) -> (TimeUnit, u32);
    bound_before_of: BoundBefore(b) -> DateBound;
    bound_after_of: BoundAfter(b) -> DateBound;
    holiday_of: Holiday(m, d) -> (u32, u32);
    floating_of: Floating(m, w, n) -> (u32, u32, i32);
}

fn half_of(r: &Role) -> Option<()> {
    matches!(r, Role::Half).then_some(())
}

/// One of `parts` equal parts of a `unit`, as a count of a smaller unit:
/// half an hour is 30 minutes, a quarter century 25 years; none where that
/// is no whole number (half a week, a quarter of a decade).
fn part_of_unit(unit: TimeUnit, parts: u32) -> Option<(u32, TimeUnit)> {
    let (size, smaller) = match unit {
        TimeUnit::Minute => (60, TimeUnit::Second),
        TimeUnit::Hour => (60, TimeUnit::Minute),
        TimeUnit::Day => (24, TimeUnit::Hour),
        TimeUnit::Year => (12, TimeUnit::Month),
        TimeUnit::Decade => (10, TimeUnit::Year),
        TimeUnit::Century => (100, TimeUnit::Year),
        _ => return None,
    };
    (size % parts == 0).then(|| (size / parts, smaller))
}

/// Whether half a unit is a whole number of a smaller one in a TIMEX3
/// duration: "2 1/2 years" is `P2Y6M`.
fn halves(unit: TimeUnit) -> bool {
    part_of_unit(unit, 2).is_some()
}

/// The year within its century that starts a decade word's decade; a
/// language file's value that starts no decade ("nineties: 95", or a
/// number past the century) is read as none.
fn decade_word_of(r: &Role) -> Option<u32> {
    match r {
        Role::DecadeWord(d) if *d < 100 && d % 10 == 0 => Some(*d),
        _ => None,
    }
}

fn weekday_of(r: &Role) -> Option<Weekday> {
    match r {
        Role::Weekday(d) => Weekday::try_from(u8::try_from(d.checked_sub(1)?).ok()?).ok(),
        _ => None,
    }
}

fn unit_of(r: &Role) -> Option<TimeUnit> {
    match r {
        Role::Unit(u) | Role::Units(u) => Some(*u),
        _ => None,
    }
}

fn fiscal(r: &Role) -> Option<()> {
    matches!(r, Role::Fiscal).then_some(())
}

fn bound_modifier(b: DateBound) -> Modifier {
    match b {
        DateBound::Before => Modifier::Before,
        DateBound::After => Modifier::After,
        DateBound::OnOrBefore => Modifier::OnOrBefore,
        DateBound::OnOrAfter => Modifier::OnOrAfter,
    }
}

fn hedge_modifier(h: Bound) -> Modifier {
    match h {
        Bound::Approx => Modifier::Approx,
        Bound::Below => Modifier::LessThan,
        Bound::Above => Modifier::MoreThan,
        Bound::AtMost => Modifier::EqualOrLess,
        Bound::AtLeast => Modifier::EqualOrMore,
    }
}

/// The underspecified value of a period of `unit` whose reference is unknown.
fn under_for(unit: TimeUnit) -> String {
    match unit {
        TimeUnit::Second | TimeUnit::Minute | TimeUnit::Hour | TimeUnit::Day => "XXXX-XX-XX".into(),
        TimeUnit::Week => "XXXX-WXX".into(),
        TimeUnit::Weekend => "XXXX-WXX-WE".into(),
        TimeUnit::Month => "XXXX-XX".into(),
        TimeUnit::Quarter => "XXXX-QX".into(),
        TimeUnit::Half => "XXXX-HX".into(),
        TimeUnit::Year => "XXXX".into(),
        TimeUnit::Decade => "XXX".into(),
        TimeUnit::Century => "XX".into(),
    }
}

/// The TIMEX3 value of a count of units and a half: "2 1/2 years" is
/// `P2Y6M`, "5 1/2 hours" `PT5H30M`; a unit [`halves`] does not split falls
/// back to the whole count.
pub(super) fn iso_duration_half(count: Option<u32>, unit: TimeUnit) -> String {
    let Some(n) = count else {
        return iso_duration(count, unit);
    };
    let (head, n, tail) = match unit {
        TimeUnit::Year => ("P", n, "Y6M"),
        TimeUnit::Day => ("P", n, "DT12H"),
        TimeUnit::Hour => ("PT", n, "H30M"),
        TimeUnit::Minute => ("PT", n, "M30S"),
        TimeUnit::Decade => ("P", n.saturating_mul(10).saturating_add(5), "Y"),
        TimeUnit::Century => ("P", n.saturating_mul(100).saturating_add(50), "Y"),
        _ => return iso_duration(count, unit),
    };
    duration_value(head, Some(n), tail)
}

/// The ISO 8601 duration of `count` units (`None`: an unknown number).
pub(super) fn iso_duration(count: Option<u32>, unit: TimeUnit) -> String {
    let (head, k, tail) = match unit {
        TimeUnit::Second => ("PT", 1, "S"),
        TimeUnit::Minute => ("PT", 1, "M"),
        TimeUnit::Hour => ("PT", 1, "H"),
        TimeUnit::Day => ("P", 1, "D"),
        TimeUnit::Week => ("P", 1, "W"),
        TimeUnit::Weekend => ("P", 2, "D"),
        TimeUnit::Month => ("P", 1, "M"),
        TimeUnit::Quarter => ("P", 1, "Q"),
        TimeUnit::Half => ("P", 6, "M"),
        TimeUnit::Year => ("P", 1, "Y"),
        TimeUnit::Decade => ("P", 10, "Y"),
        TimeUnit::Century => ("P", 100, "Y"),
    };
    duration_value(head, count.map(|c| c.saturating_mul(k)), tail)
}

/// `head`, the number (`X` when unknown) and `tail`.
fn duration_value(head: &str, n: Option<u32>, tail: &str) -> String {
    let mut out = period::Timex::new();
    out.text(head);
    match n {
        Some(n) => out.number(i64::from(n), 0),
        None => out.text("X"),
    };
    out.text(tail).finish()
}
