//! Claim values as a spill keeps them: a [`ClaimValue`] in, bytes out, and
//! back.
//!
//! Every claim set aside is written once, and most are never read back, so
//! writing is what costs: as JSON, the value took about three quarters of
//! the time spent spilling a claim (a date's days were formatted, and its
//! interval flattened into it through a buffer). Here strings are written
//! as their length and bytes, numbers as they are held, and each flag and
//! kind as a byte. Two values write the same bytes when, and only when,
//! their fields are the same (a number's bits included): a spill tells
//! values apart by the hash of their bytes.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use super::{ClaimValue, NameSpelling, RoleClaim};
use crate::extract::{DateValue, Derivation, Grain, Interval, Modifier, MoneyValue, PercentValue, QuantityValue};
use crate::rules::Relation;
use crate::spill::{
    put_flag, put_optional, put_str, put_u64, take_array, take_flag, take_optional, take_str, take_u64,
};

/// Writes `value` at the end of `out`.
pub(crate) fn put_value(out: &mut Vec<u8>, value: &ClaimValue) {
    match value {
        ClaimValue::Date(d) => {
            out.push(0);
            put_date(out, d);
        }
        ClaimValue::Money(m) => {
            out.push(1);
            put_str(out, &m.currency);
            put_numbers(out, [m.amount, m.min, m.max, m.precision]);
            put_flag(out, m.approx);
            put_optional(out, m.per.as_deref());
        }
        ClaimValue::Percent(p) => {
            out.push(2);
            put_str(out, &p.unit);
            put_numbers(out, [p.amount, p.min, p.max, p.precision]);
            put_flag(out, p.approx);
        }
        ClaimValue::Count(q) => {
            out.push(3);
            put_str(out, &q.unit);
            put_numbers(out, [q.amount, q.min, q.max, q.precision]);
            put_flag(out, q.approx);
            put_flag(out, q.scale);
        }
        ClaimValue::Name(n) => {
            out.push(4);
            put_str(out, &n.name);
            put_str(out, &n.given);
            put_str(out, &n.surname);
            for flag in [n.given_listed, n.surname_listed, n.guess] {
                put_flag(out, flag);
            }
        }
        ClaimValue::Role(r) => {
            out.push(5);
            put_str(out, &r.role);
            put_str(out, &r.person);
            for flag in [r.acting, r.holder] {
                put_flag(out, flag);
            }
        }
    }
}

/// The value [`put_value`] wrote at the start of `bytes`, which is moved
/// past it.
pub(crate) fn take_value(bytes: &mut &[u8]) -> Result<ClaimValue, String> {
    let string = |bytes: &mut &[u8]| take_str(bytes).map(str::to_string);
    Ok(match take_u8(bytes)? {
        0 => ClaimValue::Date(Box::new(take_date(bytes)?)),
        1 => {
            let currency = string(bytes)?;
            let [amount, min, max, precision] = take_numbers(bytes)?;
            ClaimValue::Money(Box::new(MoneyValue {
                currency,
                amount,
                min,
                max,
                precision,
                approx: take_flag(bytes)?,
                per: take_optional(bytes)?.map(str::to_string),
            }))
        }
        2 => {
            let unit = string(bytes)?;
            let [amount, min, max, precision] = take_numbers(bytes)?;
            ClaimValue::Percent(Box::new(PercentValue {
                unit,
                amount,
                min,
                max,
                precision,
                approx: take_flag(bytes)?,
            }))
        }
        3 => {
            let unit = string(bytes)?;
            let [amount, min, max, precision] = take_numbers(bytes)?;
            ClaimValue::Count(Box::new(QuantityValue {
                unit,
                amount,
                min,
                max,
                precision,
                approx: take_flag(bytes)?,
                scale: take_flag(bytes)?,
            }))
        }
        4 => ClaimValue::Name(Arc::new(NameSpelling {
            name: string(bytes)?,
            given: string(bytes)?,
            surname: string(bytes)?,
            given_listed: take_flag(bytes)?,
            surname_listed: take_flag(bytes)?,
            guess: take_flag(bytes)?,
        })),
        5 => ClaimValue::Role(Box::new(RoleClaim {
            role: string(bytes)?,
            person: string(bytes)?,
            acting: take_flag(bytes)?,
            holder: take_flag(bytes)?,
        })),
        kind => return Err(format!("a spilled value is of no known kind ({kind})")),
    })
}

fn put_date(out: &mut Vec<u8>, d: &DateValue) {
    put_str(out, &d.timex);
    put_flag(out, d.interval.is_some());
    if let Some(i) = &d.interval {
        put_day(out, i.start);
        put_day(out, i.end);
        out.push(grain_code(i.grain));
    }
    out.push(d.modifier.map_or(0, |m| modifier_code(m) + 1));
    put_flag(out, d.ambiguous);
    put_flag(out, d.derived.is_some());
    if let Some(derived) = &d.derived {
        put_str(out, &derived.offset);
        out.push(relation_code(derived.relation));
        put_day(out, derived.reference);
    }
}

fn take_date(bytes: &mut &[u8]) -> Result<DateValue, String> {
    let timex = take_str(bytes)?.to_string();
    let interval = match take_flag(bytes)? {
        true => Some(Interval {
            start: take_day(bytes)?,
            end: take_day(bytes)?,
            grain: decoded(GRAINS, grain_code, take_u8(bytes)?)?,
        }),
        false => None,
    };
    let modifier = match take_u8(bytes)? {
        0 => None,
        code => Some(decoded(MODIFIERS, modifier_code, code - 1)?),
    };
    let ambiguous = take_flag(bytes)?;
    let derived = match take_flag(bytes)? {
        true => Some(Derivation {
            offset: take_str(bytes)?.to_string(),
            relation: decoded(RELATIONS, relation_code, take_u8(bytes)?)?,
            reference: take_day(bytes)?,
        }),
        false => None,
    };
    Ok(DateValue {
        timex,
        interval,
        modifier,
        ambiguous,
        derived,
    })
}

/// The variant of `all` whose code is `code`.
fn decoded<T: Copy>(all: &[T], code_of: fn(T) -> u8, code: u8) -> Result<T, String> {
    all.iter()
        .copied()
        .find(|&v| code_of(v) == code)
        .ok_or_else(|| format!("a spilled date holds an unknown code ({code})"))
}

/// Every grain, for [`decoded`]; [`grain_code`] names each, so a new one
/// is noticed there.
const GRAINS: &[Grain] = &[
    Grain::Day,
    Grain::Week,
    Grain::Month,
    Grain::Quarter,
    Grain::Season,
    Grain::Half,
    Grain::Year,
    Grain::Decade,
    Grain::Century,
];

fn grain_code(g: Grain) -> u8 {
    match g {
        Grain::Day => 0,
        Grain::Week => 1,
        Grain::Month => 2,
        Grain::Quarter => 3,
        Grain::Season => 4,
        Grain::Half => 5,
        Grain::Year => 6,
        Grain::Decade => 7,
        Grain::Century => 8,
    }
}

/// Every modifier, for [`decoded`].
const MODIFIERS: &[Modifier] = &[
    Modifier::Start,
    Modifier::Mid,
    Modifier::End,
    Modifier::Approx,
    Modifier::LessThan,
    Modifier::MoreThan,
    Modifier::EqualOrLess,
    Modifier::EqualOrMore,
    Modifier::Before,
    Modifier::After,
    Modifier::OnOrBefore,
    Modifier::OnOrAfter,
];

fn modifier_code(m: Modifier) -> u8 {
    match m {
        Modifier::Start => 0,
        Modifier::Mid => 1,
        Modifier::End => 2,
        Modifier::Approx => 3,
        Modifier::LessThan => 4,
        Modifier::MoreThan => 5,
        Modifier::EqualOrLess => 6,
        Modifier::EqualOrMore => 7,
        Modifier::Before => 8,
        Modifier::After => 9,
        Modifier::OnOrBefore => 10,
        Modifier::OnOrAfter => 11,
    }
}

/// Every relation, for [`decoded`].
const RELATIONS: &[Relation] = &[
    Relation::After,
    Relation::Before,
    Relation::Ago,
    Relation::FromNow,
    Relation::Earlier,
    Relation::Later,
];

fn relation_code(r: Relation) -> u8 {
    match r {
        Relation::After => 0,
        Relation::Before => 1,
        Relation::Ago => 2,
        Relation::FromNow => 3,
        Relation::Earlier => 4,
        Relation::Later => 5,
    }
}

/// A day as its number from the first day of the common era.
fn put_day(out: &mut Vec<u8>, day: NaiveDate) {
    out.extend_from_slice(&day.num_days_from_ce().to_le_bytes());
}

/// A kind or code: one byte.
fn take_u8(bytes: &mut &[u8]) -> Result<u8, String> {
    take_array(bytes).map(|[byte]| byte)
}

fn take_day(bytes: &mut &[u8]) -> Result<NaiveDate, String> {
    let days = i32::from_le_bytes(take_array(bytes)?);
    NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| format!("a spilled date is out of range ({days})"))
}

/// Numbers as their bits: read back, each is the number written.
fn put_numbers<const N: usize>(out: &mut Vec<u8>, numbers: [f64; N]) {
    numbers.iter().for_each(|n| put_u64(out, n.to_bits()));
}

/// The numbers [`put_numbers`] wrote at the start of `bytes`.
fn take_numbers<const N: usize>(bytes: &mut &[u8]) -> Result<[f64; N], String> {
    let mut numbers = [0.0; N];
    for n in &mut numbers {
        *n = f64::from_bits(take_u64(bytes)?);
    }
    Ok(numbers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grain_modifier_and_relation_has_a_code_of_its_own() {
        fn distinct<T: Copy + PartialEq + std::fmt::Debug>(all: &[T], code_of: fn(T) -> u8) {
            for &v in all {
                assert_eq!(decoded(all, code_of, code_of(v)), Ok(v));
            }
            let mut codes: Vec<u8> = all.iter().map(|&v| code_of(v)).collect();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), all.len());
        }
        distinct(GRAINS, grain_code);
        distinct(MODIFIERS, modifier_code);
        distinct(RELATIONS, relation_code);
    }

    #[test]
    fn a_date_with_every_field_reads_back_as_written() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let value = ClaimValue::Date(Box::new(DateValue {
            timex: "2025-06".into(),
            interval: Some(Interval {
                start: day(2025, 6, 1),
                end: day(2025, 7, 1),
                grain: Grain::Month,
            }),
            modifier: Some(Modifier::OnOrAfter),
            ambiguous: true,
            derived: Some(Derivation {
                offset: "P2M".into(),
                relation: Relation::Ago,
                reference: day(2025, 8, 14),
            }),
        }));
        let mut bytes = Vec::new();
        put_value(&mut bytes, &value);
        let mut at = bytes.as_slice();
        assert_eq!(take_value(&mut at), Ok(value));
        assert!(at.is_empty());
    }
}
