//! Language resources (`rules/lang/<code>.yaml`): the words the recognizers
//! and the segmenter need. Loaded once; the recognizers compile them into
//! their patterns.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The words of one language.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Lang {
    /// ISO 639-1 code, e.g. `en`.
    pub code: String,
    /// Month name or abbreviation → month number 1–12.
    pub months: BTreeMap<String, u32>,
    /// Words that narrow a period to a part of it ("early", "mid", "late").
    pub period_parts: BTreeMap<String, PeriodPart>,
    /// Number words → value.
    pub numbers: BTreeMap<String, u32>,
    /// Time unit words → unit.
    pub time_units: BTreeMap<String, TimeUnit>,
    /// Relation words that place an event relative to a reference time.
    pub relations: BTreeMap<String, Relation>,
    /// Hedges that may precede a duration ("barely two months").
    pub duration_hedges: Vec<String>,
    /// Money words.
    pub money: MoneyWords,
    /// Words ending in a period that do not end a sentence ("Dr.", "U.S.").
    pub abbreviations: Vec<String>,
    /// Words that end an organization's name ("Inc.", "Labs").
    pub org_suffixes: Vec<String>,
    /// Capitalized words that never begin a name ("The", "In").
    pub function_words: Vec<String>,
}

/// The part of a period a modifier word picks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodPart {
    /// The first third.
    Start,
    /// The middle third.
    Mid,
    /// The last third.
    End,
}

/// A unit of time in a duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeUnit {
    /// A day.
    Day,
    /// Seven days.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
    /// Ten years.
    Decade,
}

/// How a relation word places an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// "N units after X": X is N units before the reference time.
    After,
    /// "N units before X": X is N units after the reference time.
    Before,
    /// "N units ago": N units before the time of writing.
    Ago,
}

/// Money words: currency signs, magnitudes and qualifiers.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MoneyWords {
    /// Currency sign or code before a number → ISO 4217 code.
    pub symbols: BTreeMap<String, String>,
    /// Magnitude word after a number → multiplier.
    pub magnitudes: BTreeMap<String, f64>,
    /// Qualifier before an amount → the bound it puts on the amount.
    pub qualifiers: BTreeMap<String, Bound>,
}

/// How a qualifier bounds an amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    /// About the amount: ±10%.
    Approx,
    /// Just below the amount ("nearly").
    Below,
    /// Above the amount ("more than").
    Above,
    /// The amount or more.
    AtLeast,
    /// The amount or less.
    AtMost,
}
