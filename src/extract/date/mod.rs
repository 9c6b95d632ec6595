//! Dates and times: absolute dates ("June 12, 2025", "Q2 2025", "the late
//! 1990s"), dates relative to the time of writing ("last week", "Tuesday",
//! "two months ago") or to the date last named ("a year earlier"), times
//! ("3:30 p.m. EST"), durations ("18 months"), sets ("every year"), and
//! durations that place an event ("barely two months after a $14.3 billion
//! investment").
//!
//! The lexicon (`lexicon.rs`) turns the language file's words into tokens;
//! the grammar (`grammar.rs`) reads and resolves expressions over them; the
//! calendar arithmetic is in `period.rs`. Every resolved date is an interval
//! `[start, end)` with a grain, an optional TIMEX3 modifier and the TIMEX3
//! `value`; a date the text names without its reference (no publication
//! date) keeps an underspecified value such as `XXXX-06-12` and no interval.

mod grammar;
mod lexicon;
mod period;

use chrono::{NaiveDate, TimeDelta};
use serde::Serialize;

use self::grammar::{Found, Named, Parser, Resolved, TimeOfDay, What};
use self::lexicon::{Lexicon, Role};
pub use self::period::Grain;
use self::period::Period;
use super::{Mention, Value};
use crate::error::RuleError;
use crate::rules::{DayPart, Lang, Relation, TimeUnit};
use crate::segment::Segmenter;
use crate::span::Span;

/// A TIMEX3 `mod`: which part of the period, or how the value is bounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Modifier {
    /// The beginning ("early June").
    Start,
    /// The middle ("mid-June").
    Mid,
    /// The end ("late June").
    End,
    /// About this value.
    Approx,
    /// Less than ("nearly two years").
    LessThan,
    /// More than ("more than two years").
    MoreThan,
    /// At most ("up to two years").
    EqualOrLess,
    /// At least ("at least two years").
    EqualOrMore,
    /// Some time before ("before 2020").
    Before,
    /// Some time after ("after June").
    After,
    /// On or before ("until 2020", "2020 or earlier").
    OnOrBefore,
    /// On or after ("since 2019", "1994 or later").
    OnOrAfter,
}

/// How a date was computed from an offset.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct Derivation {
    /// The offset as an ISO 8601 duration (`P2M`).
    pub offset: String,
    /// How the offset applies.
    pub relation: Relation,
    /// The time the offset counts from (the publication date).
    pub reference: NaiveDate,
}

/// The days a date covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct Interval {
    /// First day.
    pub start: NaiveDate,
    /// The day after the last.
    pub end: NaiveDate,
    /// The grain the text states.
    pub grain: Grain,
}

impl Interval {
    /// The interval widened to whole periods of `grain`.
    pub fn coarsened(&self, grain: Grain) -> (NaiveDate, NaiveDate) {
        (period::floor(self.start, grain), period::ceil(self.end, grain))
    }
}

/// A normalized date or time.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct DateValue {
    /// The TIMEX3 `value` (`2025-06`, `2025-Q2`, `XXXX-06-12`, `PRESENT_REF`).
    pub timex: String,
    /// The days it covers; absent when unresolved or a reference like `PRESENT_REF`.
    #[serde(flatten)]
    pub interval: Option<Interval>,
    /// Part of the period, approximation or bound.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<Modifier>,
    /// A numeric date whose day and month could be read either way (`6/12/2025`
    /// is read the US way, June 12).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ambiguous: bool,
    /// Set when the date was computed from an offset ("two months ago").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived: Option<Derivation>,
}

impl DateValue {
    /// Human-readable form: the TIMEX3 value, its modifier, and how it was derived.
    pub fn display(&self) -> String {
        let mut out = match self.modifier {
            Some(Modifier::Approx) => format!("about {}", self.timex),
            Some(Modifier::Start) => format!("early {}", self.timex),
            Some(Modifier::Mid) => format!("mid {}", self.timex),
            Some(Modifier::End) => format!("late {}", self.timex),
            Some(Modifier::LessThan) => format!("less than {}", self.timex),
            Some(Modifier::MoreThan) => format!("more than {}", self.timex),
            Some(Modifier::EqualOrLess) => format!("at most {}", self.timex),
            Some(Modifier::EqualOrMore) => format!("at least {}", self.timex),
            Some(Modifier::Before) => format!("before {}", self.timex),
            Some(Modifier::After) => format!("after {}", self.timex),
            Some(Modifier::OnOrBefore) => format!("{} or earlier", self.timex),
            Some(Modifier::OnOrAfter) => format!("{} or later", self.timex),
            None => self.timex.clone(),
        };
        if let Some(d) = &self.derived {
            let relation = match d.relation {
                Relation::After | Relation::Ago | Relation::Earlier => "before",
                Relation::Before | Relation::FromNow | Relation::Later => "after",
            };
            out.push_str(&format!(
                " ({} {relation} {})",
                iso_duration_words(&d.offset),
                d.reference
            ));
        }
        out
    }
}

/// A length of time; when followed by "after" or "before" it also places the
/// event that the following phrase names.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DurationValue {
    /// How many units; absent for "several years".
    pub count: Option<u32>,
    /// The unit.
    pub unit: TimeUnit,
    /// A hedge or bound ("barely", "more than").
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<Modifier>,
    /// The TIMEX3 value (`P2M`, `PXY`).
    pub timex: String,
    /// The event this duration places, when it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
}

/// An event placed by a duration: "two months after [a $14.3 billion investment]".
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Anchor {
    /// The relation word.
    pub relation: Relation,
    /// The phrase that names the event.
    pub event: Span,
    /// The event's estimated date.
    pub date: DateValue,
}

/// A recurring time: "every year" (`P1Y`), "each Monday" (`XXXX-WXX-1`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SetValue {
    /// The TIMEX3 value.
    pub timex: String,
}

/// The compiled date words.
pub(crate) struct DateRecognizer {
    lexicon: Lexicon,
    /// Tells a sentence's full stop from an abbreviation's, for event phrases.
    segmenter: Segmenter,
}

impl std::fmt::Debug for DateRecognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DateRecognizer").finish_non_exhaustive()
    }
}

impl DateRecognizer {
    pub(crate) fn new(lang: &Lang) -> Result<Self, RuleError> {
        Ok(DateRecognizer {
            lexicon: Lexicon::new(&lang.dates)?,
            segmenter: Segmenter::new(lang),
        })
    }

    /// The time expressions of a document's sentences, in order. The date
    /// last named carries from sentence to sentence.
    pub(crate) fn find(&self, text: &str, sentences: &[Span], published: Option<NaiveDate>, out: &mut Vec<Mention>) {
        let mut named = Named::default();
        // Room for a long sentence's time words, so that the buffers, reused
        // from sentence to sentence, are not grown word by word.
        let mut toks = Vec::with_capacity(32);
        let mut found = Vec::with_capacity(8);
        for &sentence in sentences {
            let parser = Parser::new(&self.lexicon, sentence.slice(text), published, named, toks);
            let (now_named, buffer) = parser.parse(&mut found);
            (named, toks) = (now_named, buffer);
            let first = out.len();
            for f in &found {
                if let Some(value) = value_of(f, published) {
                    out.push(Mention {
                        span: Span::new(f.start, f.end).shift(sentence.start),
                        sentence,
                        value,
                    });
                }
            }
            anchor_events(self, text, sentence, published, &found, &mut out[first..]);
        }
    }
}

/// The mention value of one expression.
fn value_of(found: &Found, published: Option<NaiveDate>) -> Option<Value> {
    let date = |resolved: &Resolved| -> Option<DateValue> {
        let (timex, interval, derived) = match resolved {
            Resolved::Period(p, offset) => {
                let (start, end) = p.interval()?;
                let end = found
                    .through
                    .and_then(|t| t.interval())
                    .map_or(end, |(_, e)| e.max(end));
                let mut interval = Interval {
                    start,
                    end,
                    grain: p.grain(),
                };
                let derived = match (offset, published) {
                    (Some((n, unit, relation)), Some(reference)) => {
                        interval = estimate(reference, *n, *unit, *relation)?.1;
                        Some(Derivation {
                            offset: grammar::iso_duration(Some(*n), *unit),
                            relation: *relation,
                            reference,
                        })
                    }
                    _ => None,
                };
                (p.timex(), Some(interval), derived)
            }
            Resolved::Under(s) => (s.clone(), None, None),
            Resolved::Ref(r) => (reference_timex(*r).to_string(), None, None),
        };
        let modifier = found.modifier.or(derived.as_ref().map(|_| Modifier::Approx));
        let interval = interval.and_then(|i| bounded(i, modifier));
        Some(DateValue {
            timex,
            interval,
            modifier,
            ambiguous: found.ambiguous,
            derived,
        })
    };
    Some(match &found.what {
        What::Date(r) => Value::Date(date(r)?),
        What::Time(r, tod) => {
            let mut d = date(r)?;
            d.timex = format!("{}T{}", d.timex, time_of_day(*tod));
            Value::Time(d)
        }
        What::Duration { count, unit, .. } => Value::Duration(DurationValue {
            count: *count,
            unit: *unit,
            modifier: found.modifier,
            timex: if found.half {
                grammar::iso_duration_half(*count, *unit)
            } else {
                grammar::iso_duration(*count, *unit)
            },
            anchor: None,
        }),
        What::Set(timex) => Value::Set(SetValue { timex: timex.clone() }),
    })
}

/// Dates the events that "N units after/before X" phrases name, counting
/// from the publication date, unless the sentence names another date that
/// could be the reference.
fn anchor_events(
    recognizer: &DateRecognizer,
    text: &str,
    sentence: Span,
    published: Option<NaiveDate>,
    found: &[Found],
    mentions: &mut [Mention],
) {
    let Some(reference) = published else { return };
    for (i, f) in found.iter().enumerate() {
        let What::Duration {
            count: Some(n),
            unit,
            relation: Some((relation, from)),
        } = f.what
        else {
            continue;
        };
        // The event ends where the next offset starts: "three weeks before
        // the election and a year after the merger".
        let next = found[i + 1..]
            .iter()
            .find(|g| matches!(g.what, What::Duration { relation: Some(_), .. }))
            .map_or(sentence.end, |g| sentence.start + g.start);
        let event = recognizer.event_phrase(text, sentence.start + from, next.max(sentence.start + from));
        let other_date = found.iter().enumerate().any(|(j, g)| {
            j != i
                && matches!(
                    g.what,
                    What::Date(Resolved::Period(..)) | What::Time(Resolved::Period(..), _)
                )
                && !event.contains(Span::new(g.start, g.end).shift(sentence.start))
        });
        if other_date {
            continue;
        }
        let Some((center, interval)) = estimate(reference, n, unit, relation) else {
            continue;
        };
        let Some(mention) = mentions.iter_mut().find(|m| m.span.start == sentence.start + f.start) else {
            continue;
        };
        if let Value::Duration(d) = &mut mention.value {
            let timex = center.timex();
            d.anchor = Some(Anchor {
                relation,
                event,
                date: DateValue {
                    timex,
                    interval: Some(interval),
                    modifier: Some(Modifier::Approx),
                    ambiguous: false,
                    derived: Some(Derivation {
                        offset: d.timex.clone(),
                        relation,
                        reference,
                    }),
                },
            });
        }
    }
}

/// How far an open side of a bounded date reaches: "before 2020" is read as
/// the 50 years before it.
const OPEN_YEARS: i64 = 50;

/// The days a date bounded on one side covers.
fn bounded(interval: Interval, modifier: Option<Modifier>) -> Option<Interval> {
    let reach = |d: NaiveDate, years: i64| period::add(d, years, TimeUnit::Year);
    let (start, end) = match modifier {
        Some(Modifier::Before) => (reach(interval.start, -OPEN_YEARS)?, interval.start),
        Some(Modifier::After) => (interval.end, reach(interval.end, OPEN_YEARS)?),
        Some(Modifier::OnOrBefore) => (reach(interval.start, -OPEN_YEARS)?, interval.end),
        Some(Modifier::OnOrAfter) => (interval.start, reach(interval.end, OPEN_YEARS)?),
        _ => return Some(interval),
    };
    Some(Interval { start, end, ..interval })
}

fn time_of_day(tod: TimeOfDay) -> String {
    match tod {
        TimeOfDay::Clock(h, m) => format!("{h:02}:{m:02}"),
        TimeOfDay::Part(DayPart::Morning) => "MO".into(),
        TimeOfDay::Part(DayPart::Afternoon) => "AF".into(),
        TimeOfDay::Part(DayPart::Evening) => "EV".into(),
        TimeOfDay::Part(DayPart::Night) => "NI".into(),
    }
}

fn reference_timex(r: crate::rules::Reference) -> &'static str {
    match r {
        crate::rules::Reference::Present => "PRESENT_REF",
        crate::rules::Reference::Past => "PAST_REF",
        crate::rules::Reference::Future => "FUTURE_REF",
    }
}

impl DateRecognizer {
    /// The phrase after a relation word, up to the end of its clause or
    /// `end`, less the sentence's full stop (not an abbreviation's, "the
    /// U.S.") and a word that joins it to what follows ("and").
    fn event_phrase(&self, text: &str, from: usize, end: usize) -> Span {
        let rest = Span::new(from, end).slice(text);
        let end = rest.find([',', ';', ':', '(', ')', '—', '–']).unwrap_or(rest.len());
        let mut phrase = rest[..end].trim_end();
        if let Some(head) = phrase.strip_suffix(['.', '!', '?']) {
            if !phrase.ends_with('.') || !self.segmenter.is_abbreviation(phrase, head.len()) {
                phrase = head;
            }
        }
        if let Some((head, last)) = phrase.rsplit_once(' ') {
            if self
                .lexicon
                .roles_of(last)
                .is_some_and(|roles| roles.contains(&Role::Range))
            {
                phrase = head.trim_end();
            }
        }
        let lead = phrase.len() - phrase.trim_start().len();
        Span::new(from + lead, from + phrase.len())
    }
}

/// The date `count` units from `reference` in the direction of `relation`.
fn add_offset(reference: NaiveDate, count: u32, unit: TimeUnit, relation: Relation) -> Option<NaiveDate> {
    let back = matches!(relation, Relation::After | Relation::Ago | Relation::Earlier);
    let n = i64::from(count);
    period::add(reference, if back { -n } else { n }, unit)
}

/// The period `count` units away from `reference`, and the days it may
/// mean, widened for the vagueness a round count carries: half a unit, or a
/// quarter of the offset when that is more ("about two years" is looser than
/// "about two days").
fn estimate(reference: NaiveDate, count: u32, unit: TimeUnit, relation: Relation) -> Option<(Period, Interval)> {
    let center = add_offset(reference, count, unit, relation)?;
    let period = Period::holding(center, unit);
    let offset_days = f64::from(count) * unit_days(unit);
    let slack = TimeDelta::try_days((unit_days(unit) / 2.0).max(offset_days / 4.0).ceil() as i64)?;
    let interval = Interval {
        start: center.checked_sub_signed(slack)?,
        end: center.checked_add_signed(slack)?.succ_opt()?,
        grain: period.grain(),
    };
    Some((period, interval))
}

/// The days one `unit` lasts, on average.
fn unit_days(unit: TimeUnit) -> f64 {
    match unit {
        TimeUnit::Second => 1.0 / 86_400.0,
        TimeUnit::Minute => 1.0 / 1_440.0,
        TimeUnit::Hour => 1.0 / 24.0,
        TimeUnit::Day => 1.0,
        TimeUnit::Week | TimeUnit::Weekend => 7.0,
        TimeUnit::Month => 30.44,
        TimeUnit::Quarter => 91.31,
        TimeUnit::Half => 182.62,
        TimeUnit::Year => 365.25,
        TimeUnit::Decade => 3652.5,
        TimeUnit::Century => 36525.0,
    }
}

/// "P2M" → "2 months", for messages.
fn iso_duration_words(iso: &str) -> String {
    let body = iso.trim_start_matches('P').trim_start_matches('T');
    let (number, unit) = body.split_at(body.len().saturating_sub(1));
    let unit = match unit {
        "D" => "day",
        "W" => "week",
        "M" => "month",
        "Q" => "quarter",
        "Y" => "year",
        "H" => "hour",
        _ => return iso.to_string(),
    };
    let plural = if number == "1" { "" } else { "s" };
    format!("{number} {unit}{plural}")
}

#[cfg(test)]
mod tests;
