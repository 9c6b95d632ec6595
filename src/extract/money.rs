//! Money: a currency sign, a number and a magnitude ("$14.3 billion",
//! "$14.3bn", "US$ 5m", "€2bn"), with an optional qualifier ("more than",
//! "nearly"). The value is an interval: the precision the text states
//! ("$14.3 billion" is [14.25, 14.35) billion), bounded by the qualifier.

use std::collections::BTreeMap;

use regex::{Captures, Regex};
use serde::Serialize;

use super::{alternation, lang_regex, lookup, lower, Context, Mention, Value};
use crate::error::RuleError;
use crate::rules::{Bound, MoneyWords};
use crate::span::Span;

/// A normalized amount of money.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MoneyValue {
    /// ISO 4217 code.
    pub currency: String,
    /// The amount as stated.
    pub amount: f64,
    /// Lowest amount the text allows.
    pub low: f64,
    /// Highest amount the text allows (exclusive).
    pub high: f64,
}

impl MoneyValue {
    /// Human-readable form, e.g. `USD 14.3 billion`.
    pub fn display(&self) -> String {
        let (scaled, word) = [(1e12, " trillion"), (1e9, " billion"), (1e6, " million")]
            .into_iter()
            .find(|(m, _)| self.amount.abs() >= *m)
            .map_or((self.amount, ""), |(m, w)| (self.amount / m, w));
        let number = format!("{scaled:.3}");
        let number = number.trim_end_matches('0').trim_end_matches('.');
        format!("{} {number}{word}", self.currency)
    }
}

pub(crate) struct MoneyRecognizer {
    pattern: Regex,
    /// Currency sign → ISO 4217 code (signs are matched exactly).
    symbols: BTreeMap<String, String>,
    /// Lowercased magnitude word → multiplier.
    magnitudes: Vec<(String, f64)>,
    /// Lowercased qualifier → bound.
    qualifiers: Vec<(String, Bound)>,
}

impl std::fmt::Debug for MoneyRecognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MoneyRecognizer").finish_non_exhaustive()
    }
}

impl MoneyRecognizer {
    pub(crate) fn new(words: &MoneyWords) -> Result<Self, RuleError> {
        let symbol = alternation(words.symbols.keys());
        let magnitude = alternation(words.magnitudes.keys());
        let qualifier = alternation(words.qualifiers.keys());
        let pattern = format!(
            r"(?:\b(?P<q>(?i:{qualifier}))\s+)?(?P<sym>{symbol})\s?(?P<int>\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(?P<dec>\d+))?(?:\s?(?P<mag>(?i:{magnitude}))\b)?"
        );
        Ok(MoneyRecognizer {
            pattern: lang_regex(&pattern, "money")?,
            symbols: words.symbols.clone(),
            magnitudes: lower(&words.magnitudes),
            qualifiers: lower(&words.qualifiers),
        })
    }

    pub(crate) fn find(&self, cx: &Context<'_>, out: &mut Vec<Mention>) {
        let sentence = cx.sentence.slice(cx.text);
        for caps in self.pattern.captures_iter(sentence) {
            let (Some(whole), Some(value)) = (caps.get(0), self.value(&caps)) else {
                continue;
            };
            // The mention is the amount; a qualifier only bounds it.
            let start = caps.name("sym").map_or(whole.start(), |m| m.start());
            let span = Span::new(start, whole.end()).shift(cx.sentence.start);
            out.push(Mention {
                span,
                sentence: cx.sentence,
                value: Value::Money(value),
            });
        }
    }

    fn value(&self, caps: &Captures<'_>) -> Option<MoneyValue> {
        let currency = self.symbols.get(caps.name("sym")?.as_str())?.clone();
        let int = caps.name("int")?.as_str().replace(',', "");
        let dec = caps.name("dec").map_or("", |m| m.as_str());
        let magnitude = match caps.name("mag") {
            Some(_) => lookup(&self.magnitudes, caps, "mag")?,
            None => 1.0,
        };
        let stated: f64 = format!("{int}.{dec}").trim_end_matches('.').parse().ok()?;
        // Stated precision: half a unit of the last digit written, where
        // trailing zeros of a whole number count as rounding ("$14,300,000").
        let unit = if dec.is_empty() {
            let zeros = int.len() - int.trim_end_matches('0').len();
            10f64.powi(zeros.min(int.len().saturating_sub(1)) as i32)
        } else {
            10f64.powi(-(dec.len() as i32))
        };
        let amount = stated * magnitude;
        let half = unit * magnitude / 2.0;
        let (low, high) = (amount - half, amount + half);
        let bound = lookup(&self.qualifiers, caps, "q");
        // Open bounds are capped at a factor of two: "more than $14 billion"
        // agrees with $20 billion, not with $200 billion.
        let (low, high) = match bound {
            None => (low, high),
            Some(Bound::Approx) => (amount * 0.9, amount * 1.1),
            Some(Bound::Below) => (amount * 0.8, amount),
            Some(Bound::Above) => (amount, amount * 2.0),
            Some(Bound::AtLeast) => (low, amount * 2.0),
            Some(Bound::AtMost) => (0.0, high),
        };
        Some(MoneyValue {
            currency,
            amount,
            low,
            high,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn money(text: &str) -> Vec<(String, MoneyValue)> {
        let rules = RuleSet::embedded().unwrap();
        let recognizer = MoneyRecognizer::new(&rules.lang.money).unwrap();
        let cx = Context {
            text,
            sentence: Span::new(0, text.len()),
        };
        let mut out = Vec::new();
        recognizer.find(&cx, &mut out);
        out.into_iter()
            .filter_map(|m| match m.value {
                Value::Money(v) => Some((m.span.slice(text).to_string(), v)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn money_reads_billions_with_decimal() {
        let found = money("Meta paid $14.3 billion, or $14.3bn.");
        assert_eq!(found.len(), 2);
        for (_, v) in &found {
            assert_eq!(v.currency, "USD");
            assert!((v.amount - 14.3e9).abs() < 1.0);
            assert!((v.low - 14.25e9).abs() < 1.0 && (v.high - 14.35e9).abs() < 1.0, "{v:?}");
        }
        assert_eq!(found[0].0, "$14.3 billion");
        assert_eq!(found[1].0, "$14.3bn");
        assert_eq!(found[0].1.display(), "USD 14.3 billion");
    }

    #[test]
    fn money_reads_other_currencies_and_separators() {
        let found = money("It cost €2bn, £350 million and US$ 1,200,000.");
        let shown: Vec<String> = found.iter().map(|(_, v)| v.display()).collect();
        assert_eq!(shown, ["EUR 2 billion", "GBP 350 million", "USD 1.2 million"]);
        // "1,200,000": the zeros are rounding, so ±50,000.
        assert!((found[2].1.low - 1_150_000.0).abs() < 1.0);
    }

    #[test]
    fn qualifiers_bound_the_amount() {
        let found = money("more than $14 billion");
        assert_eq!(found[0].0, "$14 billion");
        assert!(found[0].1.low >= 14e9 - 1.0 && found[0].1.high > 14.3e9);
        let found = money("nearly $15 billion");
        assert!(found[0].1.high <= 15e9 && found[0].1.low < 14.3e9);
    }
}
