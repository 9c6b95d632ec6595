//! Properties of the comparisons, over generated values: agreement is
//! symmetric, a value agrees with itself, a date agrees with any coarser
//! period that holds it, and the precision an amount's text states holds
//! the stated number.

use chrono::{Datelike, Duration, NaiveDate};
use proptest::prelude::*;

use super::{agree, date, number};
use crate::claims::ClaimValue;
use crate::extract::{DateValue, Grain, Interval, Value};
use crate::rules::{Slot, SlotKind};
use crate::{Document, Engine, RuleSet};

fn slot(kind: SlotKind, tolerance: f64, grain: Option<Grain>) -> Slot {
    Slot {
        name: "x".into(),
        kind,
        tolerance,
        grain,
        evolves: None,
        units: Vec::new(),
        roles: Vec::new(),
        near: None,
        undated: false,
    }
}

const GRAINS: [Grain; 5] = [Grain::Day, Grain::Week, Grain::Month, Grain::Quarter, Grain::Year];

/// A date interval: a start within 2000–2030, a length and a grain.
fn interval() -> impl Strategy<Value = DateValue> {
    (0i64..11_000, 1i64..400, 0usize..GRAINS.len()).prop_map(|(offset, days, g)| {
        let start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default() + Duration::days(offset);
        DateValue {
            timex: String::new(),
            interval: Some(Interval {
                start,
                end: start + Duration::days(days),
                grain: GRAINS[g],
            }),
            modifier: None,
            ambiguous: false,
            derived: None,
        }
    })
}

fn day(date: NaiveDate) -> DateValue {
    DateValue {
        timex: date.to_string(),
        interval: Some(Interval {
            start: date,
            end: date + Duration::days(1),
            grain: Grain::Day,
        }),
        modifier: None,
        ambiguous: false,
        derived: None,
    }
}

/// The stated amounts of a text, from the whole pipeline's recognizer.
fn amounts(text: &str) -> Vec<Value> {
    thread_local! {
        static ENGINE: Engine = Engine::new(RuleSet::embedded().unwrap_or_else(|e| unreachable!("{e}")))
            .unwrap_or_else(|e| unreachable!("{e}"));
    }
    ENGINE.with(|engine| {
        let doc = Document::from_text("p", text, None);
        let sentences = engine.sentences(&doc);
        engine
            .amounts_in(&doc, &sentences)
            .into_iter()
            .map(|m| m.value)
            .collect()
    })
}

proptest! {
    #[test]
    fn date_agreement_is_symmetric(a in interval(), b in interval(), g in 0usize..GRAINS.len()) {
        for finest in [None, Some(GRAINS[g])] {
            prop_assert_eq!(date::agree(&a, &b, finest), date::agree(&b, &a, finest));
        }
    }

    #[test]
    fn a_date_agrees_with_itself(a in interval()) {
        let value = ClaimValue::Date(Box::new(a));
        prop_assert!(agree(&value, &value, &slot(SlotKind::Date, 0.0, None)));
    }

    #[test]
    fn a_day_agrees_with_its_month_and_year_but_not_the_next_year(offset in 0i64..11_000) {
        let date = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default() + Duration::days(offset);
        let first = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default();
        let period = |start: NaiveDate, end: NaiveDate, grain| DateValue {
            timex: String::new(),
            interval: Some(Interval { start, end, grain }),
            modifier: None,
            ambiguous: false,
            derived: None,
        };
        let next_month = if date.month() == 12 { first(date.year() + 1, 1) } else { first(date.year(), date.month() + 1) };
        let month = period(first(date.year(), date.month()), next_month, Grain::Month);
        let year = period(first(date.year(), 1), first(date.year() + 1, 1), Grain::Year);
        let next_year = period(first(date.year() + 1, 1), first(date.year() + 2, 1), Grain::Year);
        prop_assert!(date::agree(&day(date), &month, None));
        prop_assert!(date::agree(&day(date), &year, None));
        prop_assert!(!date::agree(&day(date), &next_year, None));
    }

    #[test]
    fn number_overlap_is_symmetric_and_reflexive(
        a in 0.0f64..1e12, la in 0.0f64..1e9, b in 0.0f64..1e12, lb in 0.0f64..1e9, t in 0.0f64..0.1,
    ) {
        let (x, y) = ((a, a + la + 1.0), (b, b + lb + 1.0));
        prop_assert_eq!(number::overlap(x, y, t), number::overlap(y, x, t));
        prop_assert!(number::overlap(x, x, t));
    }

    #[test]
    fn stated_precision_holds_the_stated_amount(
        whole in 1u32..1000, tenths in 0u32..10, magnitude in 0usize..3, percent in any::<bool>(),
    ) {
        let word = ["", " million", " billion"][magnitude];
        let text = if percent {
            format!("It rose {whole}.{tenths}% this year.")
        } else {
            format!("It paid ${whole}.{tenths}{word} for the stake.")
        };
        let found = amounts(&text);
        prop_assert_eq!(found.len(), 1, "{}: {:?}", text, found);
        let (amount, min, max) = match &found[0] {
            Value::Money(m) => (m.amount, m.min, m.max),
            Value::Percent(p) => (p.amount, p.min, p.max),
            other => return Err(TestCaseError::fail(format!("{text}: {other:?}"))),
        };
        let scale = [1.0, 1e6, 1e9][magnitude];
        let stated = (f64::from(whole) + f64::from(tenths) / 10.0) * if percent { 1.0 } else { scale };
        prop_assert!((amount - stated).abs() <= stated * 1e-9, "{}: {} vs {}", text, amount, stated);
        prop_assert!(min <= amount && amount < max, "{}: [{}, {}) misses {}", text, min, max, amount);
        let value = match &found[0] {
            Value::Money(m) => ClaimValue::Money(Box::new(m.clone())),
            Value::Percent(p) => ClaimValue::Percent(Box::new(p.clone())),
            _ => return Ok(()),
        };
        let kind = if percent { SlotKind::Percent } else { SlotKind::Money };
        prop_assert!(agree(&value, &value, &slot(kind, 0.0, None)));
    }
}
