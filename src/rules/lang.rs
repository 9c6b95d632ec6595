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
    /// Words of dates and times.
    pub dates: DateWords,
    /// Money words.
    pub money: MoneyWords,
    /// Percentage words.
    pub percent: PercentWords,
    /// Words of counted quantities.
    pub quantity: QuantityWords,
    /// Words ending in a period that do not end a sentence ("Dr.", "U.S.").
    pub abbreviations: Vec<String>,
    /// Words that end an organization's name ("Inc.", "Labs").
    pub org_suffixes: Vec<String>,
    /// Capitalized words that never begin a name ("The", "In").
    pub function_words: Vec<String>,
    /// Words that open an aside after a comma (", which now has $12.5
    /// billion in assets,"): a value inside describes a party, not the claim.
    #[serde(default)]
    pub asides: Vec<String>,
    /// Words of people's and organizations' names and roles.
    pub names: NameWords,
}

/// The words of names; the names recognizer holds the grammar.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NameWords {
    /// Words before a person's name that are not part of it ("Mr.", "Dr.").
    pub honorifics: Vec<String>,
    /// Titles before a person's name ("President", "Sen."); also roles.
    pub titles: Vec<String>,
    /// Words that make a capitalized run an organization ("University").
    pub org_words: Vec<String>,
    /// Words that end a place's name ("County", "River").
    pub place_words: Vec<String>,
    /// Words that make a capitalized run no person, organization or place
    /// ("Awards", "Hurricane").
    pub other_words: Vec<String>,
    /// Lowercase words before a name that make it a place when nothing else
    /// decides ("in", "near").
    pub place_prepositions: Vec<String>,
    /// Lowercase words inside a person's name ("van", "bin", "al").
    pub particles: Vec<String>,
    /// Lowercase words inside an organization's name ("of", "for", "and").
    pub org_joiners: Vec<String>,
    /// Capitalized words that are never a name or its first word.
    pub not_names: Vec<String>,
    /// Endings of common words: one at a sentence's start is no name's first
    /// word unless vouched for.
    pub common_endings: Vec<String>,
    /// Role words → the role they name ("CEO" → "chief executive").
    pub roles: BTreeMap<String, String>,
    /// Words that make a role a past one ("former", "ex-").
    pub former: Vec<String>,
    /// Words that make a role temporary ("acting", "interim").
    pub acting: Vec<String>,
    /// Words between a role and its organization ("of", "at").
    pub role_of: Vec<String>,
    /// Words between a name's comma and its role ("the").
    pub role_determiners: Vec<String>,
}

/// The words of dates and times; the date recognizer holds the grammar.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DateWords {
    /// Month name or abbreviation → month number 1–12 (matched capitalized).
    pub months: BTreeMap<String, u32>,
    /// Weekday → ISO number, Monday = 1 (matched capitalized).
    pub weekdays: BTreeMap<String, u32>,
    /// Season words.
    pub seasons: BTreeMap<String, Season>,
    /// Decades written as words → the year within its century that starts
    /// the decade ("nineties" → 90).
    pub decade_words: BTreeMap<String, u32>,
    /// Parts of a day.
    pub day_parts: BTreeMap<String, DayPart>,
    /// Days named relative to the time of writing → offset in days.
    pub day_words: BTreeMap<String, i64>,
    /// Number words → value.
    pub numbers: BTreeMap<String, u32>,
    /// Words that count an unknown number ("several").
    pub vague_counts: Vec<String>,
    /// Ordinal words → value.
    pub ordinals: BTreeMap<String, u32>,
    /// Suffixes that make a number an ordinal ("12th").
    pub ordinal_suffixes: Vec<String>,
    /// Possessive endings: "this year's third quarter".
    pub possessives: Vec<String>,
    /// Unit words → unit.
    pub units: BTreeMap<String, TimeUnit>,
    /// Plural unit words → unit.
    pub unit_plurals: BTreeMap<String, TimeUnit>,
    /// Letters that, with a digit, name a quarter or half ("Q2", "H1").
    pub period_labels: BTreeMap<String, TimeUnit>,
    /// Words that pick a neighbouring period ("last", "next", "previous").
    pub shifts: BTreeMap<String, Shift>,
    /// Words after a duration that place a time ("ago", "after").
    pub relations: BTreeMap<String, Relation>,
    /// Words that narrow a period to a part ("early", "mid", "late").
    pub period_parts: BTreeMap<String, PeriodPart>,
    /// Nouns that name a part of a period ("the end of").
    pub part_nouns: BTreeMap<String, PeriodPart>,
    /// Hedges and bounds before a time expression; the same bounds as
    /// money qualifiers.
    pub hedges: BTreeMap<String, Bound>,
    /// Words that refer to the present, past or future.
    pub references: BTreeMap<String, Reference>,
    /// Words that mean "every unit" ("daily").
    pub set_words: BTreeMap<String, TimeUnit>,
    /// Words that make a period recur ("every").
    pub set_quantifiers: Vec<String>,
    /// Times of day that are words → hour.
    pub clock_words: BTreeMap<String, u32>,
    /// "a.m." and "p.m.".
    pub meridiems: BTreeMap<String, Meridiem>,
    /// Time zone abbreviations (matched as written).
    pub time_zones: Vec<String>,
    /// Words before a period that belong to it ("the").
    pub determiners: Vec<String>,
    /// Words that join a part to its period ("of").
    pub of_words: Vec<String>,
    /// Words that join a time to its day ("on").
    pub on_words: Vec<String>,
    /// Words that take a date after them ("in", "since").
    pub date_prepositions: Vec<String>,
    /// Words that join the two ends of a range ("June and August").
    pub range_words: Vec<String>,
    /// Nouns that name a period after a date ("the 1989 period").
    pub period_nouns: Vec<String>,
    /// Words after a duration that make it an age ("10-year-old").
    pub age_words: Vec<String>,
    /// Words before a decade that make it an age: "in his 30s".
    #[serde(default)]
    pub age_owners: Vec<String>,
    /// Words that may stand between a count and its unit ("two more weeks").
    #[serde(default)]
    pub count_fillers: Vec<String>,
    /// Words before a duration that make it a time that far ahead, in a
    /// future clause ("will close in three months").
    pub ahead_words: Vec<String>,
    /// Words that make a noun phrase a record, after which an ahead word
    /// spans back to now: "the first visit in ten years", "its highest
    /// level in five years".
    #[serde(default)]
    pub record_words: Vec<String>,
    /// Words before a date that bound it on one side ("before 2020").
    pub bounds_before: BTreeMap<String, DateBound>,
    /// Phrases after a date that bound it on one side ("1994 or later").
    pub bounds_after: BTreeMap<String, DateBound>,
    /// Words that make a year a fiscal year.
    pub fiscal: Vec<String>,
    /// Fixed-date holidays → `MM-DD`.
    pub holidays: BTreeMap<String, String>,
    /// Holidays on the nth weekday of a month → `MM-W-N` (a negative N
    /// counts from the end).
    pub floating_holidays: BTreeMap<String, String>,
    /// Capitalized words after a weekday that make it part of a title,
    /// no date: "the Sunday Times", "the Sunday Mirror" (matched as
    /// written).
    #[serde(default)]
    pub weekday_titles: Vec<String>,
    /// Words that put a clause in the future.
    pub future_cues: Vec<String>,
    /// Words that put a clause in the present ("is"): a date in it is the
    /// nearest one.
    #[serde(default)]
    pub present_cues: Vec<String>,
    /// Words that put a clause in the past.
    pub past_cues: Vec<String>,
    /// Words that open a clause of its own tense ("that").
    #[serde(default)]
    pub clause_openers: Vec<String>,
    /// Words before a date that make it a deadline, ahead when the clause
    /// has no tense ("by June").
    #[serde(default)]
    pub deadline_words: Vec<String>,
    /// Words before a date that count from it to the time of writing, so
    /// that it has passed whatever the tense ("will be his first visit
    /// since August").
    #[serde(default)]
    pub since_words: Vec<String>,
    /// The auxiliary of the past perfect ("had"), also a past cue: a plan
    /// after it, an adverb between them, was for a time now past ("had
    /// been initially scheduled for January 25").
    #[serde(default)]
    pub perfect_words: Vec<String>,
    /// Words after a count or a unit that add half a unit ("2 1/2 years",
    /// "an hour and a half").
    #[serde(default)]
    pub halves: Vec<String>,
    /// Endings after a unit and a hyphen that make it a length adjective
    /// ("a day-long meeting", "decades-long").
    #[serde(default)]
    pub lasting: Vec<String>,
    /// Words after "the year" that make it a year's length ending at a
    /// date ("the year ended Sept. 30").
    #[serde(default)]
    pub period_ends: Vec<String>,
    /// Words before "the day" that make it a time within the day the text
    /// is about, no date ("later in the day").
    #[serde(default)]
    pub within_day: Vec<String>,
    /// Suffixes of past-tense verbs.
    pub past_suffixes: Vec<String>,
    /// Words that end in a past suffix but are no past verb ("hundred"),
    /// and phrases with a tense cue in them that set no tense ("than
    /// expected").
    #[serde(default)]
    pub not_past: Vec<String>,
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

/// A unit of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeUnit {
    /// A second.
    Second,
    /// A minute.
    Minute,
    /// An hour.
    Hour,
    /// A day.
    Day,
    /// Seven days.
    Week,
    /// Saturday and Sunday.
    Weekend,
    /// A calendar month.
    Month,
    /// Three months.
    Quarter,
    /// Six months.
    Half,
    /// A calendar year.
    Year,
    /// Ten years.
    Decade,
    /// A hundred years.
    Century,
}

/// How a relation word places a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// "N units after X": X is N units before the reference time.
    After,
    /// "N units before X": X is N units after the reference time.
    Before,
    /// "N units ago": N units before the time of writing.
    Ago,
    /// "N units from now": N units after the time of writing.
    FromNow,
    /// "N units earlier": N units before the date last named.
    Earlier,
    /// "N units later": N units after the date last named.
    Later,
}

/// A season.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Season {
    /// March to May.
    Spring,
    /// June to August.
    Summer,
    /// September to November.
    Fall,
    /// December to February.
    Winter,
}

/// A part of a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DayPart {
    /// TIMEX3 `MO`.
    Morning,
    /// TIMEX3 `AF`.
    Afternoon,
    /// TIMEX3 `EV`.
    Evening,
    /// TIMEX3 `NI`.
    Night,
}

/// Which neighbouring period a shift word picks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shift {
    /// The one before the time of writing.
    Last,
    /// The one holding the time of writing.
    This,
    /// The one after the time of writing.
    Next,
    /// The one before the date last named.
    Previous,
    /// The one after the date last named.
    Following,
    /// The one holding the date last named.
    Same,
}

/// A one-sided bound on a date, a TIMEX3 `mod`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateBound {
    /// `BEFORE`.
    Before,
    /// `AFTER`.
    After,
    /// `ON_OR_BEFORE`.
    OnOrBefore,
    /// `ON_OR_AFTER`.
    OnOrAfter,
}

/// A reference to a time without a date (TIMEX3 `PRESENT_REF`…).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reference {
    /// `PRESENT_REF`.
    Present,
    /// `PAST_REF`.
    Past,
    /// `FUTURE_REF`.
    Future,
}

/// Before or after noon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Meridiem {
    /// Before noon.
    Am,
    /// After noon.
    Pm,
}

/// Money words: currency signs, magnitudes and qualifiers.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MoneyWords {
    /// Currency sign before a number → ISO 4217 code.
    pub symbols: BTreeMap<String, String>,
    /// ISO 4217 codes, before or after a number.
    pub codes: Vec<String>,
    /// Currency words after a number → ISO 4217 code.
    pub words: BTreeMap<String, String>,
    /// Words between an amount and the unit it is per ("a share").
    pub per_words: Vec<String>,
    /// Units an amount can be per.
    pub per_units: Vec<String>,
    /// Words that join the ends of a range ("-", "to").
    pub range_words: Vec<String>,
    /// Words that open a range → the word that closes it ("between … and").
    pub range_pairs: BTreeMap<String, String>,
    /// Magnitude word after a number → multiplier.
    pub magnitudes: BTreeMap<String, f64>,
    /// Qualifier before an amount → the bound it puts on the amount.
    pub qualifiers: BTreeMap<String, Bound>,
}

/// Percentage words.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PercentWords {
    /// Signs after a number ("%").
    pub signs: Vec<String>,
    /// Words after a number ("percent").
    pub words: Vec<String>,
    /// Words after a number that make it percentage points.
    pub points: Vec<String>,
}

/// The words of counted quantities.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuantityWords {
    /// Vague counts before "of" → the range they allow.
    pub vague: BTreeMap<String, [f64; 2]>,
    /// Number words that multiply the one before ("two dozen").
    pub multipliers: Vec<String>,
    /// Words between a number and its noun that are not the noun.
    pub skip_words: Vec<String>,
    /// Words after a number that are no noun it counts.
    pub not_nouns: Vec<String>,
    /// Endings of words after a number that are no noun it counts.
    pub not_noun_endings: Vec<String>,
    /// Irregular plural → singular.
    pub plurals: BTreeMap<String, String>,
    /// Plural ending → singular ending.
    pub plural_endings: BTreeMap<String, String>,
    /// Words before an age ("aged").
    pub age_before: Vec<String>,
    /// Words after an age ("-year-old").
    pub age_after: Vec<String>,
    /// Scales a number is read on, which name the number's unit from either
    /// side ("a magnitude 7.1", "7.1-magnitude", "a magnitude of 7.1").
    #[serde(default)]
    pub scales: Vec<String>,
}

/// How a qualifier bounds an amount, or a hedge a time ("nearly", "more than").
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
