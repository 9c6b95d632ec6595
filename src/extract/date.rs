//! Dates: absolute dates of month grain or finer ("June 2024", "June 12,
//! 2025", "12 June 2025", "2025-06-12", "mid-June 2025"), and durations
//! followed by a relation word ("two months ago", "barely two months after
//! the investment") that place an event relative to the time of writing.
//!
//! Every date is an interval `[start, end)` with a grain, an optional
//! modifier and a TIMEX3 `value`. A date computed from a relative expression
//! says how (offset, relation, reference) so that the timeline rule can tell
//! it from a date the text states.

use chrono::{Datelike, Months, NaiveDate, TimeDelta};
use regex::{Captures, Regex};
use serde::Serialize;

use super::{alternation, lang_regex, lookup, lower, Context, Mention, Value};
use crate::error::RuleError;
use crate::rules::{Lang, PeriodPart, Relation, TimeUnit};
use crate::span::Span;

/// How fine a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Grain {
    /// A calendar day.
    Day,
    /// An ISO week.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
    /// Ten years.
    Decade,
}

/// A TIMEX3 `mod`: which part of the period, or that it is approximate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Modifier {
    /// The beginning ("early June").
    Start,
    /// The middle ("mid-June").
    Mid,
    /// The end ("late June").
    End,
    /// About this date.
    Approx,
}

/// How a date was computed from a relative expression.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Derivation {
    /// The offset as an ISO 8601 duration (`P2M`).
    pub offset: String,
    /// How the offset applies.
    pub relation: Relation,
    /// The time the offset counts from (the publication date).
    pub reference: NaiveDate,
}

/// A normalized date: an interval with a grain.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct DateValue {
    /// First day.
    pub start: NaiveDate,
    /// The day after the last.
    pub end: NaiveDate,
    /// The grain the text states.
    pub grain: Grain,
    /// Part of the period, or approximation.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<Modifier>,
    /// The TIMEX3 `value` (`2025-06`, `2025-06-12`).
    pub timex: String,
    /// Set when the date was computed from a relative expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived: Option<Derivation>,
}

impl DateValue {
    /// The interval widened to whole periods of `grain`.
    pub fn coarsened(&self, grain: Grain) -> (NaiveDate, NaiveDate) {
        (floor(self.start, grain), ceil(self.end, grain))
    }

    /// Human-readable form: the TIMEX3 value, its modifier, and how it was derived.
    pub fn display(&self) -> String {
        let mut out = match self.modifier {
            Some(Modifier::Approx) => format!("about {}", self.timex),
            Some(Modifier::Start) => format!("early {}", self.timex),
            Some(Modifier::Mid) => format!("mid {}", self.timex),
            Some(Modifier::End) => format!("late {}", self.timex),
            None => self.timex.clone(),
        };
        if let Some(d) = &self.derived {
            let relation = match d.relation {
                Relation::After | Relation::Ago => "before",
                Relation::Before => "after",
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
    /// How many units.
    pub count: u32,
    /// The unit.
    pub unit: TimeUnit,
    /// Whether a hedge ("barely", "about") makes it approximate.
    pub approx: bool,
    /// The TIMEX3 value (`P2M`).
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

pub(crate) struct DateRecognizer {
    absolute: Regex,
    relative: Regex,
    months: Vec<(String, u32)>,
    parts: Vec<(String, PeriodPart)>,
    numbers: Vec<(String, u32)>,
    units: Vec<(String, TimeUnit)>,
    relations: Vec<(String, Relation)>,
}

impl std::fmt::Debug for DateRecognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DateRecognizer").finish_non_exhaustive()
    }
}

impl DateRecognizer {
    pub(crate) fn new(lang: &Lang) -> Result<Self, RuleError> {
        let month = alternation(lang.months.keys());
        let part = alternation(lang.period_parts.keys());
        let absolute = format!(
            r"\b(?:(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})|(?:(?P<p1>(?i:{part}))[-\s])?(?P<m1>{month})\.?\s(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s(?P<y1>\d{{4}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?(?P<m2>{month})\.?,?\s(?P<y2>\d{{4}})|(?:(?P<p3>(?i:{part}))[-\s])?(?P<m3>{month})\.?,?\s(?:of\s)?(?P<y3>\d{{4}}))\b"
        );
        let hedge = alternation(&lang.duration_hedges);
        let number = alternation(lang.numbers.keys());
        let unit = alternation(lang.time_units.keys());
        let relation = alternation(lang.relations.keys());
        let relative = format!(
            r"(?i)\b(?:(?P<hedge>{hedge})\s+)?(?P<count>\d{{1,4}}|{number})[\s-]+(?P<unit>{unit})\s+(?P<rel>{relation})\b"
        );
        Ok(DateRecognizer {
            absolute: lang_regex(&absolute, "month")?,
            relative: lang_regex(&relative, "duration")?,
            months: lang.months.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            parts: lower(&lang.period_parts),
            numbers: lower(&lang.numbers),
            units: lower(&lang.time_units),
            relations: lower(&lang.relations),
        })
    }

    pub(crate) fn find(&self, cx: &Context<'_>, out: &mut Vec<Mention>) {
        let sentence = cx.sentence.slice(cx.text);
        let base = cx.sentence.start;
        let mut absolute = Vec::new();
        for caps in self.absolute.captures_iter(sentence) {
            let Some(whole) = caps.get(0) else { continue };
            if let Some(value) = self.absolute_value(&caps) {
                let span = Span::new(whole.start(), whole.end()).shift(base);
                absolute.push(span);
                out.push(Mention {
                    span,
                    sentence: cx.sentence,
                    value: Value::Date(value),
                });
            }
        }
        for caps in self.relative.captures_iter(sentence) {
            if let Some(mention) = self.relative_mention(cx, &caps, &absolute) {
                out.push(mention);
            }
        }
    }

    fn absolute_value(&self, caps: &Captures<'_>) -> Option<DateValue> {
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let month = |name: &str| {
            let word = caps.name(name)?.as_str();
            self.months.iter().find(|(w, _)| w == word).map(|(_, m)| *m)
        };
        let part = |name: &str| lookup(&self.parts, caps, name);
        let (year, month, day, part) = if let Some(y) = num("iy") {
            (y, num("im")?, num("id"), None)
        } else if let Some(y) = num("y1") {
            (y, month("m1")?, num("d1"), part("p1"))
        } else if let Some(y) = num("y2") {
            (y, month("m2")?, num("d2"), None)
        } else {
            (num("y3")?, month("m3")?, None, part("p3"))
        };
        if !(1000..3000).contains(&year) {
            return None;
        }
        let year = year as i32;
        match day {
            Some(day) => {
                let start = NaiveDate::from_ymd_opt(year, month, day)?;
                let end = start.succ_opt()?;
                Some(DateValue {
                    start,
                    end,
                    grain: Grain::Day,
                    modifier: None,
                    timex: start.format("%Y-%m-%d").to_string(),
                    derived: None,
                })
            }
            None => {
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                let next = first.checked_add_months(Months::new(1))?;
                let (start, end, modifier) = match part {
                    None => (first, next, None),
                    Some(PeriodPart::Start) => (first, first.with_day(11)?, Some(Modifier::Start)),
                    Some(PeriodPart::Mid) => (first.with_day(11)?, first.with_day(21)?, Some(Modifier::Mid)),
                    Some(PeriodPart::End) => (first.with_day(21)?, next, Some(Modifier::End)),
                };
                Some(DateValue {
                    start,
                    end,
                    grain: Grain::Month,
                    modifier,
                    timex: first.format("%Y-%m").to_string(),
                    derived: None,
                })
            }
        }
    }

    fn relative_mention(&self, cx: &Context<'_>, caps: &Captures<'_>, absolute: &[Span]) -> Option<Mention> {
        let base = cx.sentence.start;
        let count_text = caps.name("count")?;
        let count = count_text
            .as_str()
            .parse::<u32>()
            .ok()
            .or_else(|| lookup(&self.numbers, caps, "count"))?;
        let unit: TimeUnit = lookup(&self.units, caps, "unit")?;
        let relation: Relation = lookup(&self.relations, caps, "rel")?;
        let approx = caps.name("hedge").is_some();
        let timex = iso_duration(count, unit);
        let duration_span = Span::new(count_text.start(), caps.name("unit")?.end()).shift(base);
        let whole_end = caps.get(0)?.end() + base;
        if relation == Relation::Ago {
            let reference = cx.published?;
            let date = estimate(reference, count, unit, relation, timex)?;
            return Some(Mention {
                span: Span::new(duration_span.start, whole_end),
                sentence: cx.sentence,
                value: Value::Date(date),
            });
        }
        let event = event_phrase(cx.text, whole_end, cx.sentence.end);
        // The offset counts from the time of writing only when the sentence
        // names no other date that could be its reference.
        let other_date = absolute.iter().any(|d| !event.contains(*d));
        let anchor = match (cx.published, other_date) {
            (Some(reference), false) => {
                estimate(reference, count, unit, relation, timex.clone()).map(|date| Anchor { relation, event, date })
            }
            _ => None,
        };
        Some(Mention {
            span: duration_span,
            sentence: cx.sentence,
            value: Value::Duration(DurationValue {
                count,
                unit,
                approx,
                timex,
                anchor,
            }),
        })
    }
}

/// The phrase after a relation word, up to the end of its clause.
fn event_phrase(text: &str, from: usize, sentence_end: usize) -> Span {
    let rest = Span::new(from, sentence_end).slice(text);
    let end = rest.find([',', ';', ':', '(', ')', '—', '–']).unwrap_or(rest.len());
    let phrase = &rest[..end];
    let lead = phrase.len() - phrase.trim_start().len();
    Span::new(from + lead, from + phrase.trim_end().len())
}

/// The date `count` units away from `reference`, widened for the vagueness a
/// round count carries: half a unit, or a quarter of the offset when that is
/// more ("about two years" is looser than "about two days").
fn estimate(reference: NaiveDate, count: u32, unit: TimeUnit, relation: Relation, offset: String) -> Option<DateValue> {
    let back = matches!(relation, Relation::After | Relation::Ago);
    let months = match unit {
        TimeUnit::Month => Some(count),
        TimeUnit::Year => count.checked_mul(12),
        TimeUnit::Decade => count.checked_mul(120),
        TimeUnit::Day | TimeUnit::Week => None,
    };
    let center = match months {
        Some(m) if back => reference.checked_sub_months(Months::new(m))?,
        Some(m) => reference.checked_add_months(Months::new(m))?,
        None => {
            let days = TimeDelta::try_days(i64::from(count) * unit_days(unit) as i64)?;
            if back {
                reference.checked_sub_signed(days)?
            } else {
                reference.checked_add_signed(days)?
            }
        }
    };
    let offset_days = f64::from(count) * unit_days(unit);
    let slack = TimeDelta::try_days((unit_days(unit) / 2.0).max(offset_days / 4.0).ceil() as i64)?;
    let grain = match unit {
        TimeUnit::Day => Grain::Day,
        TimeUnit::Week => Grain::Week,
        TimeUnit::Month => Grain::Month,
        TimeUnit::Year => Grain::Year,
        TimeUnit::Decade => Grain::Decade,
    };
    Some(DateValue {
        start: center.checked_sub_signed(slack)?,
        end: center.checked_add_signed(slack)?.succ_opt()?,
        grain,
        modifier: Some(Modifier::Approx),
        timex: timex_at(center, grain),
        derived: Some(Derivation {
            offset,
            relation,
            reference,
        }),
    })
}

fn unit_days(unit: TimeUnit) -> f64 {
    match unit {
        TimeUnit::Day => 1.0,
        TimeUnit::Week => 7.0,
        TimeUnit::Month => 30.44,
        TimeUnit::Year => 365.25,
        TimeUnit::Decade => 3652.5,
    }
}

/// The TIMEX3 value of the period of `grain` that holds `date`.
fn timex_at(date: NaiveDate, grain: Grain) -> String {
    match grain {
        Grain::Day => date.format("%Y-%m-%d").to_string(),
        Grain::Week => format!("{}-W{:02}", date.iso_week().year(), date.iso_week().week()),
        Grain::Month => date.format("%Y-%m").to_string(),
        Grain::Year => date.format("%Y").to_string(),
        Grain::Decade => format!("{}", date.year() / 10),
    }
}

fn iso_duration(count: u32, unit: TimeUnit) -> String {
    match unit {
        TimeUnit::Day => format!("P{count}D"),
        TimeUnit::Week => format!("P{count}W"),
        TimeUnit::Month => format!("P{count}M"),
        TimeUnit::Year => format!("P{count}Y"),
        TimeUnit::Decade => format!("P{}Y", count * 10),
    }
}

/// "P2M" → "2 months", for messages.
fn iso_duration_words(iso: &str) -> String {
    let body = iso.trim_start_matches('P');
    let (number, unit) = body.split_at(body.len().saturating_sub(1));
    let unit = match unit {
        "D" => "day",
        "W" => "week",
        "M" => "month",
        "Y" => "year",
        _ => return iso.to_string(),
    };
    let plural = if number == "1" { "" } else { "s" };
    format!("{number} {unit}{plural}")
}

/// The first day of the `grain` period holding `date`.
fn floor(date: NaiveDate, grain: Grain) -> NaiveDate {
    let y = date.year();
    let start = match grain {
        Grain::Day => Some(date),
        Grain::Week => date.checked_sub_signed(TimeDelta::days(i64::from(date.weekday().num_days_from_monday()))),
        Grain::Month => date.with_day(1),
        Grain::Year => NaiveDate::from_ymd_opt(y, 1, 1),
        Grain::Decade => NaiveDate::from_ymd_opt(y - y.rem_euclid(10), 1, 1),
    };
    start.unwrap_or(date)
}

/// The first day of the `grain` period after the one holding the day before
/// `end` (an exclusive bound stays exclusive).
fn ceil(end: NaiveDate, grain: Grain) -> NaiveDate {
    let last = end.pred_opt().unwrap_or(end);
    let start = floor(last, grain);
    let next = match grain {
        Grain::Day => start.succ_opt(),
        Grain::Week => start.checked_add_signed(TimeDelta::days(7)),
        Grain::Month => start.checked_add_months(Months::new(1)),
        Grain::Year => start.checked_add_months(Months::new(12)),
        Grain::Decade => start.checked_add_months(Months::new(120)),
    };
    next.unwrap_or(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn dates(text: &str, published: Option<&str>) -> Vec<(String, Value)> {
        let rules = RuleSet::embedded().unwrap();
        let recognizer = DateRecognizer::new(&rules.lang).unwrap();
        let cx = Context {
            text,
            sentence: Span::new(0, text.len()),
            published: published.map(|p| p.parse().unwrap()),
        };
        let mut out = Vec::new();
        recognizer.find(&cx, &mut out);
        out.into_iter()
            .map(|m| (m.span.slice(text).to_string(), m.value))
            .collect()
    }

    fn timexes(text: &str) -> Vec<(String, String)> {
        dates(text, None)
            .into_iter()
            .filter_map(|(t, v)| match v {
                Value::Date(d) => Some((t, d.display())),
                _ => None,
            })
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn date_reads_absolute_forms() {
        assert_eq!(
            timexes("In June 2024, on June 12, 2025, on 12 June 2025, on 2025-06-12 and on Jun. 3rd, 2025."),
            [
                pair("June 2024", "2024-06"),
                pair("June 12, 2025", "2025-06-12"),
                pair("12 June 2025", "2025-06-12"),
                pair("2025-06-12", "2025-06-12"),
                pair("Jun. 3rd, 2025", "2025-06-03"),
            ]
        );
    }

    #[test]
    fn date_reads_period_parts() {
        assert_eq!(
            timexes("Mid-June 2025 and late March 2024."),
            [
                pair("Mid-June 2025", "mid 2025-06"),
                pair("late March 2024", "late 2024-03")
            ]
        );
    }

    #[test]
    fn date_skips_impossible_days_and_lowercase_may() {
        assert!(timexes("On June 31, 2025 they may 2025 not.")
            .iter()
            .all(|(t, _)| t != "June 31, 2025"));
        assert!(timexes("they may 2025 not").is_empty());
    }

    #[test]
    fn ago_counts_back_from_publication() {
        let found = dates("The deal closed two months ago.", Some("2025-08-29"));
        let [(text, Value::Date(d))] = found.as_slice() else {
            panic!("{found:?}")
        };
        assert_eq!(text, "two months ago");
        assert_eq!(d.timex, "2025-06");
        assert_eq!(d.display(), "about 2025-06 (2 months before 2025-08-29)");
    }

    #[test]
    fn after_places_the_event_it_names() {
        let text = "Meta, barely two months after a $14.3 billion investment in Scale AI, is now looking elsewhere.";
        let found = dates(text, Some("2025-08-29"));
        let [(span, Value::Duration(d))] = found.as_slice() else {
            panic!("{found:?}")
        };
        assert_eq!(span, "two months");
        assert_eq!(d.timex, "P2M");
        assert!(d.approx);
        let anchor = d.anchor.as_ref().unwrap();
        assert_eq!(anchor.event.slice(text), "a $14.3 billion investment in Scale AI");
        assert_eq!(anchor.date.timex, "2025-06");
        // About two months before August 29 takes in June, never a year earlier.
        assert!(anchor.date.start <= NaiveDate::from_ymd_opt(2025, 6, 30).unwrap());
        assert!(anchor.date.end > NaiveDate::from_ymd_opt(2025, 7, 1).unwrap());
    }

    #[test]
    fn after_without_publication_date_places_nothing() {
        let found = dates("Two years after the merger, profits fell.", None);
        let [(_, Value::Duration(d))] = found.as_slice() else {
            panic!("{found:?}")
        };
        assert_eq!(d.timex, "P2Y");
        assert!(d.anchor.is_none());
    }

    #[test]
    fn coarsening_widens_to_whole_periods() {
        let day = DateValue {
            start: NaiveDate::from_ymd_opt(2025, 6, 12).unwrap(),
            end: NaiveDate::from_ymd_opt(2025, 6, 13).unwrap(),
            grain: Grain::Day,
            modifier: None,
            timex: "2025-06-12".into(),
            derived: None,
        };
        let (s, e) = day.coarsened(Grain::Month);
        assert_eq!(
            (s.to_string(), e.to_string()),
            ("2025-06-01".into(), "2025-07-01".into())
        );
        let (s, e) = day.coarsened(Grain::Year);
        assert_eq!(
            (s.to_string(), e.to_string()),
            ("2025-01-01".into(), "2026-01-01".into())
        );
    }
}
