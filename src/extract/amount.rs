//! Amounts: money, percentages and counted quantities, each an interval of
//! the values the text allows.
//!
//! Money is a currency sign, code or word with a number and a magnitude
//! ("$14.3 billion", "US$ 5m", "USD 5m", "5m euros", "9.9 billion yuan"), a
//! range ("$10-15 million", "between $12 million and $20 million") or an
//! amount per unit ("$5 a share"). A percentage is a number with "%",
//! "percent" or "percentage points" ("49%", "15-20%").
//!
//! The interval is the precision the text states ("$14.3 billion" is [14.25,
//! 14.35) billion, "$14 billion" [13.5, 14.5) billion), bounded by a qualifier
//! ("more than", "nearly") or spanning a range. A counted quantity is a
//! number and the noun it counts ("1,200 employees", "two dozen people",
//! "hundreds of jobs", "a 33-year-old"); the noun, made singular, is its unit.
//! All words are in the language file.

use std::collections::{BTreeMap, HashSet};

use std::sync::Mutex;

use aho_corasick::AhoCorasick;
use regex::Regex;
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{self, NFA};
use regex_automata::util::captures::Captures;
use regex_automata::util::primitives::NonMaxUsize;
use regex_automata::{hybrid, Anchored, Input, PatternID};
use serde::Serialize;

use super::{alternation, lang_regex, lower, Context, Mention, Value};
use crate::ascii::classes;
use crate::error::RuleError;
use crate::rules::{Bound, Lang};
use crate::span::Span;
use crate::util::{ends_word, starts_word};

/// A normalized amount of money.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct MoneyValue {
    /// ISO 4217 code.
    pub currency: String,
    /// The amount as stated (the first end of a range).
    pub amount: f64,
    /// Lowest amount the text allows.
    pub min: f64,
    /// Highest amount the text allows (exclusive).
    pub max: f64,
    /// Half the unit of the last digit stated: "$14.3 billion" is ±0.05 billion.
    pub precision: f64,
    /// Whether a qualifier ("about", "more than") or a range widens it.
    pub approx: bool,
    /// The unit the amount is paid per ("share" in "$5 a share").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
}

impl MoneyValue {
    /// Human-readable form, e.g. `USD 14.3 billion` or `USD 5 per share`.
    pub fn display(&self) -> String {
        let per = self.per.as_ref().map(|u| format!(" per {u}")).unwrap_or_default();
        format!("{} {}{per}", self.currency, scaled(self.amount))
    }
}

/// A normalized percentage.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct PercentValue {
    /// `percent`, or `percentage-point` for a difference of percentages.
    pub unit: String,
    /// The number as stated (the first end of a range).
    pub amount: f64,
    /// Lowest value the text allows.
    pub min: f64,
    /// Highest value the text allows (exclusive).
    pub max: f64,
    /// Half the unit of the last digit stated.
    pub precision: f64,
    /// Whether a qualifier or a range widens it.
    pub approx: bool,
}

impl PercentValue {
    /// Human-readable form, e.g. `49%` or `2 percentage points`.
    pub fn display(&self) -> String {
        let number = scaled(self.amount);
        match self.unit.as_str() {
            "percent" => format!("{number}%"),
            unit => format!("{number} {}s", unit.replace('-', " ")),
        }
    }
}

/// A normalized counted quantity.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct QuantityValue {
    /// What is counted, singular: `employee`, `child`, `age` for an age in years.
    pub unit: String,
    /// The number as stated (the low end of a vague count).
    pub amount: f64,
    /// Lowest value the text allows.
    pub min: f64,
    /// Highest value the text allows (exclusive).
    pub max: f64,
    /// Half the unit of the last digit stated.
    pub precision: f64,
    /// Whether a qualifier or a vague count widens it.
    pub approx: bool,
    /// Whether the unit is a scale the number is read on (`magnitude`),
    /// not a thing counted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub scale: bool,
}

impl QuantityValue {
    /// Human-readable form, e.g. `12 people`, `1 employee`, `aged 45` or
    /// `magnitude 7.1`.
    pub fn display(&self) -> String {
        let n = scaled(self.amount);
        if self.unit == "age" {
            return format!("aged {n}");
        }
        if self.scale {
            return format!("{} {n}", self.unit);
        }
        if self.amount == 1.0 {
            return format!("{n} {}", self.unit);
        }
        let plural = match self.unit.as_str() {
            "person" => "people".to_string(),
            "child" => "children".to_string(),
            "man" => "men".to_string(),
            "woman" => "women".to_string(),
            unit if unit.ends_with('s') || unit.ends_with('x') || unit.ends_with("ch") || unit.ends_with("sh") => {
                format!("{unit}es")
            }
            unit => format!("{unit}s"),
        };
        format!("{n} {plural}")
    }
}

/// "14.3 billion", "350 million", "5".
fn scaled(amount: f64) -> String {
    let (value, word) = [(1e12, " trillion"), (1e9, " billion"), (1e6, " million")]
        .into_iter()
        .find(|(m, _)| amount.abs() >= *m)
        .map_or((amount, ""), |(m, w)| (amount / m, w));
    let number = format!("{value:.3}");
    format!("{}{word}", number.trim_end_matches('0').trim_end_matches('.'))
}

/// One stated number: its value, and half the unit of its last digit.
#[derive(Clone, Copy, Debug)]
struct Stated {
    value: f64,
    half: f64,
}

impl Stated {
    /// Reads "14.3", "1,200,000". Trailing zeros of a whole number of four
    /// digits or more count as rounding ("$14,300,000" is ±50,000); in a
    /// shorter one they are digits ("$10 million" is ±0.5 million).
    fn parse(number: &str) -> Option<Stated> {
        let plain = match number.contains(',') {
            true => std::borrow::Cow::Owned(number.replace(',', "")),
            false => std::borrow::Cow::Borrowed(number),
        };
        let (int, dec) = plain.split_once('.').unwrap_or((&plain, ""));
        let value: f64 = plain.parse().ok()?;
        let unit = if dec.is_empty() && int.len() >= 4 {
            let zeros = int.len() - int.trim_end_matches('0').len();
            10f64.powi(zeros.min(int.len() - 1) as i32)
        } else if dec.is_empty() {
            1.0
        } else {
            10f64.powi(-(dec.len() as i32))
        };
        Some(Stated {
            value,
            half: unit / 2.0,
        })
    }

    fn times(self, magnitude: f64) -> Stated {
        Stated {
            value: self.value * magnitude,
            half: self.half * magnitude,
        }
    }
}

/// An interval of amounts, before its unit is known.
#[derive(Clone, Copy, Debug)]
struct Interval {
    amount: f64,
    min: f64,
    max: f64,
    precision: f64,
    approx: bool,
}

impl Interval {
    fn quantity(self, unit: String) -> QuantityValue {
        QuantityValue {
            unit,
            amount: self.amount,
            min: self.min,
            max: self.max,
            precision: self.precision,
            approx: self.approx,
            scale: false,
        }
    }

    fn percent(self, unit: &'static str) -> PercentValue {
        PercentValue {
            unit: unit.to_string(),
            amount: self.amount,
            min: self.min,
            max: self.max,
            precision: self.precision,
            approx: self.approx,
        }
    }

    /// The values a stated number (or a range of two) allows, bounded by a
    /// qualifier. Open bounds are capped at a factor of two: "more than $14
    /// billion" agrees with $20 billion, not with $200 billion.
    fn new(low: Stated, high: Option<Stated>, bound: Option<Bound>) -> Interval {
        let amount = low.value;
        let (min, max) = match high {
            Some(h) => (low.value - low.half, h.value + h.half),
            None => (low.value - low.half, low.value + low.half),
        };
        let (min, max) = match bound {
            None => (min, max),
            Some(Bound::Approx) => (min.min(amount * 0.9), max.max(amount * 1.1)),
            Some(Bound::Below) => (amount * 0.8, amount),
            Some(Bound::Above) => (amount, amount * 2.0),
            Some(Bound::AtLeast) => (min, amount * 2.0),
            Some(Bound::AtMost) => (0.0, max),
        };
        Interval {
            amount,
            min,
            max,
            precision: low.half,
            approx: bound.is_some() || high.is_some(),
        }
    }
}

pub(crate) struct AmountRecognizer {
    money: Pattern,
    read_money: Reader,
    money_groups: MoneyGroups,
    percent: Pattern,
    read_percent: Reader,
    percent_groups: PercentGroups,
    /// The quantity pattern, searched for where its matches end only: its
    /// groups are read with one of its two parts, which a match tells.
    quantity: Pattern,
    /// The branches of the quantity pattern that read an age, tried first.
    ages: Pattern,
    read_age: Reader,
    age_groups: AgeGroups,
    /// The other branches: a vague count or a number, and the noun counted.
    read_count: Reader,
    count_groups: CountGroups,
    /// Reads most counts in place of `read_count`, when the language's
    /// words allow.
    count_parser: Option<CountParser>,
    /// Where the patterns can start, found without running them.
    starts: StartScan,
    /// Slots of the patterns that no document is searching with: one set
    /// for each document searched at once, taken for the whole document.
    spare: Mutex<Vec<Box<AllSlots>>>,
    /// A number on a scale ("magnitude 7.1"), when the language names
    /// scales: the scale words, which a sentence must hold before the
    /// pattern is run (the pattern can start at any digit), and the pattern.
    scale: Option<(AhoCorasick, Regex)>,
    /// Number words → value.
    numbers: Vec<(String, u32)>,
    /// Lowercased number words that multiply the one before.
    multipliers: Vec<String>,
    /// Capitalized words that may stand before a count ("The 300 workers").
    function_words: Vec<String>,
    /// Lowercased vague counts → their range.
    vague: Vec<(String, [f64; 2])>,
    /// Lowercased words after a number that are no noun it counts (and the
    /// time units and currency words other recognizers read), hashed:
    /// the noun of every count is looked up.
    not_nouns: HashSet<String, foldhash::fast::FixedState>,
    /// Endings of words that are no noun ("-ly").
    not_noun_endings: Vec<String>,
    /// Irregular plurals → singular.
    plurals: BTreeMap<String, String>,
    /// Plural ending → singular ending, longest first.
    plural_endings: Vec<(String, String)>,
    /// Currency sign or code → ISO 4217 code (matched as written).
    currencies: BTreeMap<String, String>,
    /// Lowercased currency word → ISO 4217 code.
    currency_words: Vec<(String, String)>,
    /// Lowercased magnitude word → multiplier.
    magnitudes: Vec<(String, f64)>,
    /// Lowercased qualifier → bound.
    qualifiers: Vec<(String, Bound)>,
    /// Lowercased words that open a range → the word that closes it.
    range_pairs: Vec<(String, String)>,
    /// Lowercased words that make a percentage percentage points.
    points: Vec<String>,
}

impl std::fmt::Debug for AmountRecognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AmountRecognizer").finish_non_exhaustive()
    }
}

/// A number as written: "14.3", "1,200,000", "15".
const NUMBER: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";

/// One amount pattern, tried only where a match can start.
///
/// Searching every sentence with each pattern took most of the recognizer's
/// time, though most sentences hold no amount. Every match starts at a
/// digit, at a currency sign or code right before one, or at a word that
/// counts ("twenty", "dozens", "aged"); a byte scan finds those places and
/// the pattern is tried, anchored, at each in turn. A search reports the
/// leftmost match and no match starts anywhere else, so the matches are
/// those a search of the whole sentence finds.
///
/// Each search reads a few bytes, so the engines are used directly, not
/// through a regex that picks one at every search (which cost more than
/// the search did), and each is compiled once from one NFA.
struct Pattern {
    /// Finds where a match ends: a lazy DFA, searched from where the match
    /// starts (it sees the byte before, for a leading `\b`).
    dfa: hybrid::dfa::DFA,
    /// Finds it where the DFA gives up: at a byte beyond ASCII, where it
    /// cannot tell a Unicode `\b`.
    backtrack: BoundedBacktracker,
    /// Finds it where the rest of the sentence is too long to backtrack.
    pikevm: PikeVM,
    /// The pattern as given.
    #[cfg(test)]
    source: String,
}

/// Compiles `pattern` as [`lang_regex`] does (its classes and `\b` read
/// Unicode), or with `ascii` every class and boundary read as ASCII.
fn compile(pattern: &str, what: &str, ascii: bool) -> Result<NFA, RuleError> {
    let syntax = match ascii {
        false => regex_automata::util::syntax::Config::new().utf8(true),
        true => regex_automata::util::syntax::Config::new().unicode(false).utf8(false),
    };
    thompson::Compiler::new()
        .syntax(syntax)
        .configure(thompson::Config::new().utf8(true).nfa_size_limit(Some(10 * (1 << 20))))
        .build(pattern)
        .map_err(|e| invalid(what, &e))
}

/// A pattern made of a language's words that does not compile.
fn invalid(what: &str, e: &dyn std::fmt::Display) -> RuleError {
    RuleError::Invalid {
        path: "rules/lang/en.yaml".into(),
        line: 1,
        message: format!("the {what} words do not make a valid pattern: {e}"),
    }
}

impl Pattern {
    /// The engines that search for `pattern`, compiled as `nfa`.
    fn new(nfa: NFA, pattern: &str, what: &str) -> Result<Self, RuleError> {
        // The size of cache the `regex` crate gives its lazy DFA.
        let config = hybrid::dfa::Config::new()
            .cache_capacity(2 * (1 << 20))
            .unicode_word_boundary(true);
        #[cfg(not(test))]
        let _ = pattern;
        Ok(Pattern {
            dfa: hybrid::dfa::Builder::new()
                .configure(config)
                .build_from_nfa(nfa.clone())
                .map_err(|e| invalid(what, &e))?,
            backtrack: BoundedBacktracker::new_from_nfa(nfa.clone()).map_err(|e| invalid(what, &e))?,
            pikevm: PikeVM::new_from_nfa(nfa).map_err(|e| invalid(what, &e))?,
            #[cfg(test)]
            source: pattern.to_string(),
        })
    }

    /// The engines' caches, reused from search to search.
    fn slots(&self) -> Slots {
        Slots {
            dfa: self.dfa.create_cache(),
            backtrack: self.backtrack.create_cache(),
            pikevm: self.pikevm.create_cache(),
        }
    }

    /// The byte where the match that starts at byte `at` of `sentence`
    /// ends, if there is one; cheaper than its groups.
    fn end_at(&self, sentence: &str, at: usize, slots: &mut Slots) -> Option<usize> {
        sentence.get(at..)?;
        let input = Input::new(sentence).range(at..).anchored(Anchored::Yes);
        if let Ok(end) = self.dfa.try_search_fwd(&mut slots.dfa, &input) {
            return end.map(|end| end.offset());
        }
        match self.backtrack.try_find(&mut slots.backtrack, input.clone()) {
            Ok(found) => found.map(|m| m.end()),
            Err(_) => self.pikevm.find(&mut slots.pikevm, input).map(|m| m.end()),
        }
    }

    /// The matches that start at the given places, in order, as a search
    /// of the whole sentence finds them: none overlaps the one before.
    /// Each is handed to `found` as where it starts and ends; reading its
    /// groups ([`Reader`]) costs many times what finding it does, so
    /// `found` reads them only for a match whose text may make an amount.
    fn each(&self, sentence: &str, starts: &[usize], slots: &mut Slots, mut found: impl FnMut(usize, usize)) {
        let mut from = 0;
        for &at in starts {
            if at < from {
                continue;
            }
            let Some(end) = self.end_at(sentence, at, slots) else {
                continue;
            };
            from = end;
            found(at, end);
        }
    }
}

/// What searching with one pattern needs: the engines' caches.
struct Slots {
    dfa: hybrid::dfa::Cache,
    backtrack: backtrack::Cache,
    pikevm: pikevm::Cache,
}

/// Reads the groups of a pattern's match, once a [`Pattern`] has found
/// where it starts and ends.
///
/// The groups are read in the match's bytes only (the bytes around them
/// still decide a `\b` at either end), by a backtracking engine, whose cost
/// grows with the bytes it is given: no faster engine has to find the
/// match again first. Of the ways the pattern matches there, the one it
/// prefers is the one a search of the whole sentence prefers, as that one
/// ends there too.
struct Reader {
    backtrack: BoundedBacktracker,
    /// The same pattern with every class and boundary read as ASCII (`\d`
    /// as `[0-9]`, `\b` between ASCII word bytes): far fewer states, each
    /// a byte, for a match that is ASCII with the bytes on either side.
    /// There it reads what the other does, as each class holds the same
    /// ASCII characters in both.
    ascii: BoundedBacktracker,
    /// For a match longer than the backtracker has room for.
    pikevm: PikeVM,
}

/// What a [`Reader`] needs: the engines' caches and room for the groups.
struct Reading {
    backtrack: backtrack::Cache,
    ascii: backtrack::Cache,
    pikevm: pikevm::Cache,
    groups: Captures,
    ascii_groups: Captures,
}

impl Reader {
    /// The engines that read the groups of `pattern`, compiled as `nfa`.
    fn new(nfa: NFA, pattern: &str, what: &str) -> Result<Reader, RuleError> {
        let ascii = compile(pattern, what, true)?;
        Ok(Reader {
            backtrack: BoundedBacktracker::new_from_nfa(nfa.clone()).map_err(|e| invalid(what, &e))?,
            ascii: BoundedBacktracker::new_from_nfa(ascii).map_err(|e| invalid(what, &e))?,
            pikevm: PikeVM::new_from_nfa(nfa).map_err(|e| invalid(what, &e))?,
        })
    }

    /// The number of a named group.
    fn group(&self, name: &str) -> Result<usize, RuleError> {
        self.backtrack
            .get_nfa()
            .group_info()
            .to_index(regex_automata::PatternID::ZERO, name)
            .ok_or_else(|| RuleError::Invalid {
                path: "rules/lang/en.yaml".into(),
                line: 1,
                message: format!("the amount patterns lost their group {name}"),
            })
    }

    fn slots(&self) -> Reading {
        Reading {
            backtrack: self.backtrack.create_cache(),
            ascii: self.ascii.create_cache(),
            pikevm: self.pikevm.create_cache(),
            groups: self.backtrack.create_captures(),
            ascii_groups: self.ascii.create_captures(),
        }
    }

    /// The groups of the match from byte `at` to byte `end` of `sentence`.
    fn read<'s, 'l>(&self, sentence: &'s str, at: usize, end: usize, slots: &'l mut Reading) -> Option<Found<'s, 'l>> {
        sentence.get(at..end)?;
        let input = Input::new(sentence).range(at..end).anchored(Anchored::Yes);
        let around = sentence
            .as_bytes()
            .get(at.saturating_sub(1)..sentence.len().min(end + 1));
        let ascii = around.is_some_and(|bytes| bytes.is_ascii())
            && self
                .ascii
                .try_search(&mut slots.ascii, &input, &mut slots.ascii_groups)
                .is_ok();
        let groups = match ascii {
            true => &slots.ascii_groups,
            false => {
                if self
                    .backtrack
                    .try_search(&mut slots.backtrack, &input, &mut slots.groups)
                    .is_err()
                {
                    self.pikevm.search(&mut slots.pikevm, &input, &mut slots.groups);
                }
                &slots.groups
            }
        };
        let whole = groups.get_match()?;
        Some(Found {
            sentence,
            groups,
            whole: Piece::new(sentence, whole.start(), whole.end())?,
        })
    }
}

impl Reader {
    /// The groups of a match read by hand ([`CountParser`]), put where the
    /// ASCII backtracker puts them: `whole` and each named group's place,
    /// none for a group that took no part.
    fn fill<'s, 'l>(
        &self,
        sentence: &'s str,
        whole: (usize, usize),
        parts: &[(usize, Option<(usize, usize)>)],
        slots: &'l mut Reading,
    ) -> Option<Found<'s, 'l>> {
        let info = self.ascii.get_nfa().group_info();
        let groups = &mut slots.ascii_groups;
        groups.set_pattern(Some(PatternID::ZERO));
        let places = groups.slots_mut();
        places.fill(None);
        for (group, place) in [(0, Some(whole))].iter().chain(parts) {
            let (Some((start, end)), Some((first, last))) = (place, info.slots(PatternID::ZERO, *group)) else {
                continue;
            };
            *places.get_mut(first)? = NonMaxUsize::new(*start);
            *places.get_mut(last)? = NonMaxUsize::new(*end);
        }
        Some(Found {
            sentence,
            groups: &slots.ascii_groups,
            whole: Piece::new(sentence, whole.0, whole.1)?,
        })
    }
}

/// Reads a count written in ASCII ("1,200 new employees", "twenty-five
/// people") without a pattern engine: its groups are read by hand as the
/// ASCII backtracker reads them, at a small part of the cost.
///
/// A count that is no age and no vague count ("dozens of") is a number, an
/// optional magnitude, an optional skipped word and the noun. After a
/// number in digits comes whitespace, which no number holds, so the number
/// is the run of digits, commas and periods. Each part that has choices is
/// tried as the pattern tries them: the number word, magnitude or skipped
/// word that is there before none, the longer of two words that are there
/// first; the noun as long as it can be, then shorter until a word boundary
/// ends it. The first way that reads a noun is the match.
struct CountParser {
    /// Number words.
    numbers: Words,
    /// Words of vague counts: a count that starts with one is left to the
    /// pattern.
    vague: Words,
    /// Magnitude words.
    magnitudes: Words,
    /// Words skipped before the noun.
    skip: Words,
}

/// Words matched with ASCII case ignored: lowercase, by their first byte,
/// longest first, so that the words that stand at a place are found with
/// few compared, in the order the pattern tries them.
struct Words(Vec<Vec<Vec<u8>>>);

impl Words {
    /// The words, none when one is beyond ASCII or begins with a digit.
    fn new<'a>(words: impl Iterator<Item = &'a String>) -> Option<Words> {
        let mut by_first = vec![Vec::new(); 256];
        for word in words {
            let first = *word.as_bytes().first()?;
            if !word.is_ascii() || first.is_ascii_digit() {
                return None;
            }
            let lower = word.to_ascii_lowercase().into_bytes();
            by_first[usize::from(lower[0])].push(lower);
        }
        for words in &mut by_first {
            words.sort_by_key(|w: &Vec<u8>| std::cmp::Reverse(w.len()));
        }
        Some(Words(by_first))
    }

    /// Where the words that start at byte `at` of `bytes` and end by `end`
    /// end, longest first.
    fn ends<'a>(&'a self, bytes: &'a [u8], at: usize, end: usize) -> impl Iterator<Item = usize> + 'a {
        let first = bytes.get(at).map_or(0, u8::to_ascii_lowercase);
        self.0[usize::from(first)].iter().filter_map(move |w| {
            let stop = at + w.len();
            (stop <= end && bytes.get(at..stop)?.eq_ignore_ascii_case(w)).then_some(stop)
        })
    }

    /// Where the words that stand after one byte of whitespace at byte
    /// `at` end, longest first, as they start and end.
    fn after_space<'a>(&'a self, bytes: &'a [u8], at: usize, end: usize) -> impl Iterator<Item = (usize, usize)> + 'a {
        let space = bytes.get(at).is_some_and(|&b| ascii_space(b));
        self.ends(bytes, at + 1, end)
            .filter(move |_| space)
            .map(move |stop| (at + 1, stop))
    }
}

/// Where the groups of a count read by [`CountParser`] are.
struct CountParts {
    number: (usize, usize),
    magnitude: Option<(usize, usize)>,
    noun: (usize, usize),
}

impl CountParser {
    /// The parser for a language's words; none when a word is beyond
    /// ASCII or begins with a digit.
    fn new(lang: &Lang, numbers: &[(String, u32)]) -> Option<CountParser> {
        let quantity = &lang.quantity;
        Some(CountParser {
            numbers: Words::new(numbers.iter().map(|(w, _)| w))?,
            vague: Words::new(quantity.vague.keys())?,
            magnitudes: Words::new(lang.money.magnitudes.keys())?,
            skip: Words::new(quantity.skip_words.iter())?,
        })
    }

    /// The groups of the count that starts at byte `at` of `bytes` and
    /// reads no byte from `end` on (the bytes on either side still decide
    /// a word boundary), all of them ASCII; none where it is no count or
    /// is left to the pattern.
    fn read(&self, bytes: &[u8], at: usize, end: usize) -> Option<CountParts> {
        let head = bytes.get(at..end)?;
        if head.first().is_some_and(u8::is_ascii_digit) {
            let run = at
                + head
                    .iter()
                    .take_while(|&&b| b.is_ascii_digit() || b == b',' || b == b'.')
                    .count();
            return match is_number(&bytes[at..run]) {
                true => self.read_after(bytes, at, run, end),
                false => None,
            };
        }
        if self.vague.ends(bytes, at, end).next().is_some() {
            return None;
        }
        for first in self.numbers.ends(bytes, at, end) {
            let joined = bytes.get(first).is_some_and(|&b| ascii_space(b) || b == b'-');
            let second = self.numbers.ends(bytes, first + 1, end).filter(|_| joined);
            for number_end in second.chain([first]) {
                if let Some(parts) = self.read_after(bytes, at, number_end, end) {
                    return Some(parts);
                }
            }
        }
        None
    }

    /// The count whose number runs from byte `at` to byte `number_end`:
    /// its magnitude and noun, if they follow.
    fn read_after(&self, bytes: &[u8], at: usize, number_end: usize, end: usize) -> Option<CountParts> {
        let magnitudes = self.magnitudes.after_space(bytes, number_end, end);
        for magnitude in magnitudes.map(Some).chain([None]) {
            let from = magnitude.map_or(number_end, |(_, stop)| stop);
            let skipped = self.skip.after_space(bytes, from, end);
            for before_noun in skipped.map(|(_, stop)| stop).chain([from]) {
                if let Some(noun) = noun_after_space(bytes, before_noun, end) {
                    return Some(CountParts {
                        number: (at, number_end),
                        magnitude,
                        noun,
                    });
                }
            }
        }
        None
    }
}

/// Whether `number` is all of a [`NUMBER`]: "1,200", "14.3", "15".
fn is_number(number: &[u8]) -> bool {
    let (whole, decimals) = match number.iter().position(|&b| b == b'.') {
        Some(dot) => (&number[..dot], Some(&number[dot + 1..])),
        None => (number, None),
    };
    let digits = |d: &[u8]| !d.is_empty() && d.iter().all(u8::is_ascii_digit);
    let mut groups = whole.split(|&b| b == b',');
    let first = groups.next().unwrap_or_default();
    let grouped = match whole.contains(&b',') {
        true => first.len() <= 3 && groups.all(|g| g.len() == 3 && digits(g)),
        false => true,
    };
    digits(first) && grouped && decimals.is_none_or(digits)
}

/// Whether an ASCII byte is whitespace as `\s` reads it without Unicode
/// (unlike [`u8::is_ascii_whitespace`], with the vertical tab).
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// Whether an ASCII byte is of a word, as `\b` reads it without Unicode.
fn ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether a word boundary (ASCII) stands at byte `at` of `bytes`.
fn ascii_boundary(bytes: &[u8], at: usize) -> bool {
    let before = at
        .checked_sub(1)
        .and_then(|i| bytes.get(i))
        .is_some_and(|&b| ascii_word(b));
    before != bytes.get(at).is_some_and(|&b| ascii_word(b))
}

/// Where the noun after one byte of whitespace at byte `at` stands
/// (`[a-z][a-z'-]*\b`), ending by `end`: the longest that a word boundary
/// ends.
fn noun_after_space(bytes: &[u8], at: usize, end: usize) -> Option<(usize, usize)> {
    let start = at + 1;
    if !(start < end && ascii_space(bytes[at]) && bytes[start].is_ascii_lowercase()) {
        return None;
    }
    let rest = bytes.get(start + 1..end)?;
    let mut stop = start
        + 1
        + rest
            .iter()
            .take_while(|&&b| b.is_ascii_lowercase() || b == b'\'' || b == b'-')
            .count();
    while stop > start {
        if ascii_boundary(bytes, stop) {
            return Some((start, stop));
        }
        stop -= 1;
    }
    None
}

/// The slots of the patterns and readers that no document is searching
/// with, kept for the next.
struct AllSlots {
    money: Slots,
    percent: Slots,
    quantity: Slots,
    ages: Slots,
    read_money: Reading,
    read_percent: Reading,
    read_age: Reading,
    read_count: Reading,
}

/// One match: its groups, placed in the sentence.
struct Found<'s, 'l> {
    sentence: &'s str,
    groups: &'l Captures,
    whole: Piece<'s>,
}

impl<'s> Found<'s, '_> {
    /// The text a group matched, if it took part.
    fn get(&self, group: usize) -> Option<Piece<'s>> {
        let span = self.groups.get_group(group)?;
        Piece::new(self.sentence, span.start, span.end)
    }
}

/// Matched text and where it is in the sentence.
#[derive(Clone, Copy)]
struct Piece<'s> {
    start: usize,
    end: usize,
    text: &'s str,
}

impl<'s> Piece<'s> {
    fn new(sentence: &'s str, start: usize, end: usize) -> Option<Self> {
        Some(Piece {
            start,
            end,
            text: sentence.get(start..end)?,
        })
    }
}

/// The groups of the money pattern, numbered once: a sign, number and
/// magnitude before (`sym`, `n1`, `m1`, and a currency word `w1`), a code
/// before (`c2`, `n2`, `m2`), a word or code after (`n3`, `m3`, `w3`, `c3`),
/// the high end of a range (`hi`, `mh`) and the unit paid per (`per`).
struct MoneyGroups {
    sym: usize,
    n1: usize,
    m1: usize,
    w1: usize,
    c2: usize,
    n2: usize,
    m2: usize,
    n3: usize,
    m3: usize,
    w3: usize,
    c3: usize,
    hi: usize,
    mh: usize,
    per: usize,
}

impl MoneyGroups {
    fn new(p: &Reader) -> Result<Self, RuleError> {
        Ok(MoneyGroups {
            sym: p.group("sym")?,
            n1: p.group("n1")?,
            m1: p.group("m1")?,
            w1: p.group("w1")?,
            c2: p.group("c2")?,
            n2: p.group("n2")?,
            m2: p.group("m2")?,
            n3: p.group("n3")?,
            m3: p.group("m3")?,
            w3: p.group("w3")?,
            c3: p.group("c3")?,
            hi: p.group("hi")?,
            mh: p.group("mh")?,
            per: p.group("per")?,
        })
    }
}

/// The groups of the percent pattern: the number, the high end of a range,
/// and the words of percentage points.
struct PercentGroups {
    n: usize,
    hi: usize,
    pts: usize,
}

impl PercentGroups {
    fn new(p: &Reader) -> Result<Self, RuleError> {
        Ok(PercentGroups {
            n: p.group("n")?,
            hi: p.group("hi")?,
            pts: p.group("pts")?,
        })
    }
}

/// The groups of the age branches of the quantity pattern: an age before
/// or after (`aged`, `age`).
struct AgeGroups {
    aged: usize,
    age: usize,
}

impl AgeGroups {
    fn new(p: &Reader) -> Result<Self, RuleError> {
        Ok(AgeGroups {
            aged: p.group("aged")?,
            age: p.group("age")?,
        })
    }
}

/// The groups of the other branches of the quantity pattern: a vague count
/// and its noun (`v`, `vnoun`), a number, its magnitude and its noun (`n`,
/// `mag`, `noun`).
struct CountGroups {
    v: usize,
    vnoun: usize,
    n: usize,
    mag: usize,
    noun: usize,
}

impl CountGroups {
    fn new(p: &Reader) -> Result<Self, RuleError> {
        Ok(CountGroups {
            v: p.group("v")?,
            vnoun: p.group("vnoun")?,
            n: p.group("n")?,
            mag: p.group("mag")?,
            noun: p.group("noun")?,
        })
    }
}

/// Finds where the amount patterns can start in a sentence, in one pass
/// over its bytes: a superset of the places, never missing one.
///
/// Numbers start at a digit that follows no ASCII digit (any character
/// `char::is_numeric` takes, as `\d` reads every script's digits). Money also
/// starts at a currency sign or code that ends right before such a digit or
/// one character before it. Counts also start where a word begins with a
/// counting word ("twenty", "dozens", "aged"), its case ignored. Where that
/// cannot be told so (a counting word that does not begin with two ASCII
/// letters, a currency sign with a digit, or a sentence with a character a
/// case-insensitive pattern reads as an ASCII letter, such as "ſ" for "s"),
/// every character is a place to try.
///
/// The same pass tells whether a word begins with a scale word, which a
/// number on a scale needs.
struct StartScan {
    /// The first three letters of counting and scale words, as bits indexed
    /// by [`trigram`]: a quick test before the words are compared. Of a word
    /// with fewer letters, or beyond ASCII, any third byte is set.
    trigrams: Box<[u64; 512]>,
    /// The counting words.
    counting: Lexicon,
    /// The scale words; none when they cannot be told from the bytes.
    scales: Option<Lexicon>,
    /// Currency signs and codes.
    currencies: Vec<String>,
    /// Whether a byte is the last of a currency sign or code.
    currency_ends: [bool; 256],
    /// Whether the places can be told from the bytes at all.
    exact: bool,
}

/// First two letters → the words that begin with them, lowercased; of a
/// word beyond ASCII, only its first two letters (it may match other bytes
/// than its own when case is ignored; its first two letters cannot).
type Lexicon = Vec<Vec<Prefix>>;

/// A word of a [`Lexicon`], its first eight bytes laid out to be compared
/// with eight of the text at once: a word was compared a byte at a time,
/// and the scan compares many.
#[derive(Clone)]
struct Prefix {
    /// The first eight bytes, zero after the word's end.
    head: u64,
    /// 0x20 at each of them that is a letter: with it set, a letter of the
    /// text in either case is that letter in lowercase, and no other byte
    /// is a lowercase letter.
    fold: u64,
    /// 0xFF at each of them, zero after the word's end.
    mask: u64,
    /// The bytes after the eighth.
    tail: Box<[u8]>,
}

impl Prefix {
    /// `word`, lowercase.
    fn new(word: &[u8]) -> Prefix {
        let (mut head, mut fold, mut mask) = (0, 0, 0);
        for (i, &b) in word.iter().take(8).enumerate() {
            head |= u64::from(b) << (8 * i);
            fold |= u64::from(u8::from(b.is_ascii_lowercase()) * 0x20) << (8 * i);
            mask |= 0xFF << (8 * i);
        }
        Prefix {
            head,
            fold,
            mask,
            tail: word.get(8..).unwrap_or_default().into(),
        }
    }

    /// Whether `text` begins with the word, its case ignored; `eight` is
    /// its first eight bytes, zero after its end.
    fn begins(&self, text: &[u8], eight: u64) -> bool {
        (eight | self.fold) & self.mask == self.head
            && (self.tail.is_empty()
                || text
                    .get(8..8 + self.tail.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(&self.tail)))
    }
}

/// The words of a lexicon, their first three letters set in `trigrams`;
/// none when a word does not begin with two ASCII letters.
fn lexicon<'a>(words: impl Iterator<Item = &'a String>, trigrams: &mut [u64; 512]) -> Option<Lexicon> {
    let mut by_letters: Lexicon = vec![Vec::new(); 26 * 26];
    for word in words {
        let lower = word.to_ascii_lowercase().into_bytes();
        let [a, b, ..] = lower[..] else { return None };
        if !(a.is_ascii_lowercase() && b.is_ascii_lowercase()) {
            return None;
        }
        let third = lower
            .get(2)
            .copied()
            .filter(|c| word.is_ascii() && c.is_ascii_lowercase());
        for c in (b'a'..=b'z').chain([0]) {
            if third.is_none_or(|t| t == c) {
                let at = trigram(a, b, c);
                trigrams[(at >> 6) & 511] |= 1 << (at & 63);
            }
        }
        let prefix = if word.is_ascii() { &lower[..] } else { &lower[..2] };
        by_letters[two_letters(a, b)?].push(Prefix::new(prefix));
    }
    Some(by_letters)
}

/// Whether the word at byte `at` begins with a word of `lexicon`.
fn begins(lexicon: &Lexicon, bytes: &[u8], at: usize) -> bool {
    let rest = bytes.get(at..).unwrap_or_default();
    let Some(words) = (match rest {
        [a, b, ..] => two_letters(a.to_ascii_lowercase(), b.to_ascii_lowercase()).and_then(|i| lexicon.get(i)),
        _ => None,
    }) else {
        return false;
    };
    let eight = crate::ascii::first_eight(rest);
    words.iter().any(|w| w.begins(rest, eight))
}

/// The place of a word's first two letters (lowercase ASCII) in a
/// [`Lexicon`]; none for other bytes.
fn two_letters(a: u8, b: u8) -> Option<usize> {
    let (a, b) = (a.wrapping_sub(b'a'), b.wrapping_sub(b'a'));
    (a < 26 && b < 26).then(|| usize::from(a) * 26 + usize::from(b))
}

/// Where each pattern can start in one sentence, ascending; kept from
/// sentence to sentence so that its lists are allocated once.
#[derive(Debug, Default)]
struct Starts {
    money: Vec<usize>,
    percent: Vec<usize>,
    quantity: Vec<usize>,
    /// Words that begin like a counting word, before they are compared.
    words: Vec<usize>,
    /// Whether the scale pattern can match.
    scale: bool,
}

/// The place of three bytes' letters (26 for a byte that is no ASCII
/// letter), five bits each, in [`StartScan::trigrams`].
fn trigram(a: u8, b: u8, c: u8) -> usize {
    let letter = |x: u8| usize::from(LETTERS[usize::from(x)]);
    (letter(a) << 10) | (letter(b) << 5) | letter(c)
}

impl StartScan {
    fn new<'a>(
        counting: impl Iterator<Item = &'a String>,
        scales: impl Iterator<Item = &'a String>,
        currencies: impl Iterator<Item = &'a String>,
    ) -> StartScan {
        let mut trigrams = Box::new([0u64; 512]);
        let scales = lexicon(scales, &mut trigrams);
        let counting = lexicon(counting, &mut trigrams);
        let mut exact = counting.is_some();
        let currencies: Vec<String> = currencies.cloned().collect();
        let mut currency_ends = [false; 256];
        for c in &currencies {
            match c.as_bytes().last() {
                Some(&last) if !c.bytes().any(|b| b.is_ascii_digit()) => currency_ends[usize::from(last)] = true,
                _ => exact = false,
            }
        }
        StartScan {
            trigrams,
            counting: counting.unwrap_or_default(),
            scales,
            currencies,
            currency_ends,
            exact,
        }
    }

    /// Fills `starts` with the places of one sentence.
    fn fill(&self, sentence: &str, starts: &mut Starts) {
        starts.money.clear();
        starts.percent.clear();
        starts.quantity.clear();
        starts.words.clear();
        starts.scale = true;
        if !self.exact {
            let every = sentence.char_indices().map(|(i, _)| i);
            starts.money.extend(every.clone());
            starts.percent.extend(every.clone());
            starts.quantity.extend(every);
            return;
        }
        let bytes = sentence.as_bytes();
        let numbers = &mut starts.percent;
        let beyond_ascii = self.scan(bytes, numbers, &mut starts.words);
        let mut folds = false;
        if beyond_ascii {
            for (i, c) in sentence.char_indices().filter(|(_, c)| !c.is_ascii()) {
                let after_digit = bytes.get(i.wrapping_sub(1)).is_some_and(u8::is_ascii_digit);
                if c.is_numeric() && !after_digit {
                    numbers.push(i);
                }
                folds |= c.to_lowercase().chain(c.to_uppercase()).any(|f| f.is_ascii());
            }
            numbers.sort_unstable();
        }
        let mut scale_word = false;
        starts.words.retain(|&i| {
            scale_word = scale_word || self.scales.as_ref().is_none_or(|s| begins(s, bytes, i));
            begins(&self.counting, bytes, i)
        });
        // A scale word starts a word, as the scale pattern reads it, unless
        // it is written with a character that folds to an ASCII letter.
        starts.scale = scale_word || folds || self.scales.is_none();
        match folds {
            true => starts.quantity.extend(sentence.char_indices().map(|(i, _)| i)),
            false => merge(&starts.percent, &starts.words, &mut starts.quantity),
        }
        self.money_starts(sentence, &starts.percent, &mut starts.money);
    }

    /// The ASCII digits that follow no digit, and the words whose first
    /// three letters begin a counting word; whether any byte is beyond
    /// ASCII.
    ///
    /// Sixteen bytes are classed at a time ([`classes`]): most bytes start
    /// nothing, and only where a digit follows no digit, or a letter
    /// follows no character of a word, is a place read on its own.
    fn scan(&self, bytes: &[u8], numbers: &mut Vec<usize>, words: &mut Vec<usize>) -> bool {
        let trigrams = &*self.trigrams;
        let letter = |at: usize| usize::from(LETTERS[usize::from(bytes.get(at).copied().unwrap_or(0))]);
        let (blocks, rest) = bytes.as_chunks::<16>();
        // The last few bytes padded with bytes that start nothing.
        let tail: [u8; 16] = crate::ascii::padded(rest);
        // Whether the byte before the current block is a digit, or of a
        // word, as the lowest bit.
        let (mut digit_before, mut word_before) = (0u32, 0u32);
        let mut lead = 0u32;
        for (n, block) in blocks.iter().chain([&tail]).enumerate() {
            let base = n * 16;
            let c = classes(*block);
            lead |= c.lead;
            let mut numbers_here = c.digit & !((c.digit << 1) | digit_before);
            while numbers_here != 0 {
                numbers.push(base + numbers_here.trailing_zeros() as usize);
                numbers_here &= numbers_here - 1;
            }
            let mut words_here = c.letter & !((c.word << 1) | word_before);
            while words_here != 0 {
                let at = base + words_here.trailing_zeros() as usize;
                words_here &= words_here - 1;
                let three = (letter(at) << 10) | (letter(at + 1) << 5) | letter(at + 2);
                if (trigrams[(three >> 6) & 511] >> (three & 63)) & 1 != 0 {
                    words.push(at);
                }
            }
            digit_before = c.digit >> 15;
            word_before = c.word >> 15;
        }
        lead != 0
    }

    /// Where money can start: at each number, and at each currency sign or
    /// code that ends right before it or one character before it.
    fn money_starts(&self, sentence: &str, numbers: &[usize], money: &mut Vec<usize>) {
        let bytes = sentence.as_bytes();
        for &at in numbers {
            let before = sentence.get(..at).and_then(|head| head.chars().next_back());
            let ends = [Some(at), before.map(|c| at - c.len_utf8())];
            for end in ends.into_iter().flatten() {
                if end == 0 || !self.currency_ends[usize::from(bytes[end - 1])] {
                    continue;
                }
                let head = &sentence[..end];
                money.extend(
                    self.currencies
                        .iter()
                        .filter(|c| head.ends_with(c.as_str()))
                        .map(|c| end - c.len()),
                );
            }
            money.push(at);
        }
        money.sort_unstable();
        money.dedup();
    }
}

/// Two ascending lists as one, in `out`.
fn merge(a: &[usize], b: &[usize], out: &mut Vec<usize>) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
}

/// Each ASCII letter's place in the alphabet, either case; 26 for any
/// other byte.
const LETTERS: [u8; 256] = {
    let mut letters = [26; 256];
    let mut b = 0;
    while b < 26 {
        letters[b'a' as usize + b] = b as u8;
        letters[b'A' as usize + b] = b as u8;
        b += 1;
    }
    letters
};

/// The texts of the amount patterns.
struct Sources {
    money: String,
    percent: String,
    quantity: String,
    /// The branches of the quantity pattern that read an age.
    ages: String,
    /// Its other branches.
    counts: String,
}

impl Sources {
    /// The patterns of a language; `folded` makes the alternation of words
    /// matched case-insensitively.
    fn new(lang: &Lang, folded: fn(Vec<&String>) -> String) -> Sources {
        let (money, percent, quantity) = (&lang.money, &lang.percent, &lang.quantity);
        let symbol = alternation(money.symbols.keys());
        let code = alternation(&money.codes);
        let word = folded(money.words.keys().collect());
        let magnitude = folded(money.magnitudes.keys().collect());
        let per = folded(money.per_words.iter().collect());
        let per_unit = folded(money.per_units.iter().collect());
        let range = alternation(&money.range_words);
        let num = NUMBER;
        // Three ways to write the currency: a sign before ("$5"), a code
        // before ("USD 5"), a word or code after ("5 euros", "5m EUR").
        let money_pattern = format!(
            r"(?:(?P<sym>{symbol})\s?(?P<n1>{num})(?:\s?(?P<m1>(?i:{magnitude}))\b)?(?:\s(?P<w1>(?i:{word}))\b)?|\b(?P<c2>{code})\s?(?P<n2>{num})(?:\s?(?P<m2>(?i:{magnitude}))\b)?|\b(?P<n3>{num})(?:\s?(?P<m3>(?i:{magnitude})))?\s(?:(?P<w3>(?i:{word}))|(?P<c3>{code}))\b)(?:\s?(?:{range})\s?(?:{symbol})?(?P<hi>{num})(?:\s?(?P<mh>(?i:{magnitude}))\b)?)?(?:[\s-](?i:{per})[\s-](?P<per>(?i:{per_unit}))\b)?"
        );
        let sign = alternation(&percent.signs);
        let pct_word = folded(percent.words.iter().collect());
        let points = folded(percent.points.iter().collect());
        let percent_pattern = format!(
            r"\b(?P<n>{num})(?:\s?(?:{range})\s?(?P<hi>{num}))?(?:\s?(?:{sign})|\s(?P<pts>(?i:{points}))\b|\s(?i:{pct_word})\b)"
        );
        let numbers = counting_numbers(lang);
        let number_word = folded(numbers.iter().map(|(w, _)| w).collect());
        let vague = folded(quantity.vague.keys().collect());
        let skip = folded(quantity.skip_words.iter().collect());
        let age_before = folded(quantity.age_before.iter().collect());
        let age_after = folded(quantity.age_after.iter().collect());
        let ages_pattern =
            format!(r"\b(?i:{age_before})\s(?P<aged>\d{{1,3}})\b|\b(?P<age>\d{{1,3}})\s?(?i:{age_after})\b");
        let counts_pattern = format!(
            r"\b(?P<v>(?i:{vague}))\sof\s(?P<vnoun>[A-Za-z][a-z'-]*)\b|\b(?P<n>{num}|(?i:{number_word})(?:[\s-](?i:{number_word}))?)(?:\s(?P<mag>(?i:{magnitude})))?(?:\s(?i:{skip}))?\s(?P<noun>[a-z][a-z'-]*)\b"
        );
        Sources {
            money: money_pattern,
            percent: percent_pattern,
            quantity: format!("(?:{ages_pattern}|{counts_pattern})"),
            ages: ages_pattern,
            counts: counts_pattern,
        }
    }
}

/// Number words that count, lowercased: "a" and "an" are left to dates
/// ("a year").
fn counting_numbers(lang: &Lang) -> Vec<(String, u32)> {
    lang.dates
        .numbers
        .iter()
        .filter(|(w, _)| w.len() > 2)
        .map(|(w, n)| (w.to_lowercase(), *n))
        .collect()
}

/// Words as an alternation to be matched case-insensitively, with the
/// words that begin alike under one branch: "million|mln|mn|m" is
/// written "m(?:illion|ln|n|)".
///
/// The pattern engine that reads a match's groups tries each branch of an
/// alternation in turn, so a flat list of thirty words costs thirty tries
/// where a word can start; factored, it costs one try per distinct first
/// letter. The matches are the same, and so is the order the words are
/// tried in, which decides which one a match takes: [`alternation`] puts
/// longer words first, so a word ending at a branch comes after every
/// longer word through it; and two branches of one place begin with
/// different letters, which no character matches both of, ASCII letters
/// being folded to lowercase (no two fold to one another). Words beyond
/// ASCII, whose case folds are less plain, are left as a flat list.
fn folded_alternation(words: Vec<&String>) -> String {
    if !words.iter().all(|w| w.is_ascii()) {
        return alternation(words);
    }
    let mut words: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    // The order of `alternation`: longest first.
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    let words: Vec<&[u8]> = words.iter().map(|w| w.as_bytes()).collect();
    let mut out = String::new();
    write_branches(&words, &mut out);
    out
}

/// Writes the alternation of `words` (longest first, lowercase ASCII),
/// their common first letters factored out.
fn write_branches(words: &[&[u8]], out: &mut String) {
    // The distinct first letters, in the order their first word comes.
    let mut firsts: Vec<u8> = Vec::new();
    for w in words {
        if let Some(&b) = w.first() {
            if !firsts.contains(&b) {
                firsts.push(b);
            }
        }
    }
    let ends_here = words.iter().any(|w| w.is_empty());
    let branches = firsts.len() + usize::from(ends_here);
    if branches > 1 {
        out.push_str("(?:");
    }
    for (i, &first) in firsts.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        out.push_str(&regex::escape(&char::from(first).to_string()));
        let rest: Vec<&[u8]> = words
            .iter()
            .filter(|w| w.first() == Some(&first))
            .map(|w| &w[1..])
            .collect();
        write_branches(&rest, out);
    }
    if branches > 1 {
        // An empty last branch: the word that ends here, tried last.
        if ends_here {
            out.push('|');
        }
        out.push(')');
    }
}

impl AmountRecognizer {
    pub(crate) fn new(lang: &Lang) -> Result<Self, RuleError> {
        let (money, percent, quantity) = (&lang.money, &lang.percent, &lang.quantity);
        let numbers = counting_numbers(lang);
        let sources = Sources::new(lang, folded_alternation);
        // A word skipped before a noun is never the noun itself ("six new").
        let mut not_nouns: Vec<String> = (quantity.not_nouns.iter().chain(&quantity.skip_words))
            .map(|w| w.to_lowercase())
            .collect();
        not_nouns.extend(
            lang.dates
                .units
                .keys()
                .chain(lang.dates.unit_plurals.keys())
                .map(|w| w.to_lowercase()),
        );
        not_nouns.extend(
            money
                .words
                .keys()
                .chain(money.magnitudes.keys())
                .map(|w| w.to_lowercase()),
        );
        not_nouns.extend(percent.words.iter().map(|w| w.to_lowercase()));
        let mut plural_endings: Vec<(String, String)> = quantity.plural_endings.clone().into_iter().collect();
        plural_endings.sort_by_key(|(ending, _)| std::cmp::Reverse(ending.len()));
        let mut currencies = money.symbols.clone();
        currencies.extend(money.codes.iter().map(|c| (c.clone(), c.clone())));
        let counting = numbers
            .iter()
            .map(|(w, _)| w)
            .chain(quantity.vague.keys())
            .chain(&quantity.age_before);
        let starts = StartScan::new(counting, quantity.scales.iter(), currencies.keys());
        // A pattern both searched and read is compiled once for both.
        let both = |pattern: &str, what: &str| -> Result<(Pattern, Reader), RuleError> {
            let nfa = compile(pattern, what, false)?;
            Ok((
                Pattern::new(nfa.clone(), pattern, what)?,
                Reader::new(nfa, pattern, what)?,
            ))
        };
        let (money_pattern, read_money) = both(&sources.money, "money")?;
        let (percent_pattern, read_percent) = both(&sources.percent, "percent")?;
        let (ages, read_age) = both(&sources.ages, "quantity")?;
        let quantity_pattern = Pattern::new(
            compile(&sources.quantity, "quantity", false)?,
            &sources.quantity,
            "quantity",
        )?;
        let read_count = Reader::new(
            compile(&sources.counts, "quantity", false)?,
            &sources.counts,
            "quantity",
        )?;
        Ok(AmountRecognizer {
            money_groups: MoneyGroups::new(&read_money)?,
            money: money_pattern,
            read_money,
            percent_groups: PercentGroups::new(&read_percent)?,
            percent: percent_pattern,
            read_percent,
            quantity: quantity_pattern,
            age_groups: AgeGroups::new(&read_age)?,
            ages,
            read_age,
            count_groups: CountGroups::new(&read_count)?,
            count_parser: CountParser::new(lang, &numbers),
            read_count,
            starts,
            spare: Mutex::new(Vec::new()),
            currencies,
            currency_words: lower(&money.words),
            magnitudes: lower(&money.magnitudes),
            qualifiers: {
                // Longest first: "just under" before "under".
                let mut q = lower(&money.qualifiers);
                q.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
                q
            },
            range_pairs: money
                .range_pairs
                .iter()
                .map(|(k, v)| (k.to_lowercase(), v.to_lowercase()))
                .collect(),
            points: percent.points.iter().map(|p| p.to_lowercase()).collect(),
            scale: match quantity.scales.is_empty() {
                true => None,
                false => {
                    let scale = alternation(&quantity.scales);
                    let reading = r"\d{1,2}(?:\.\d+)?";
                    let pattern = format!(
                        r"\b(?P<s1>(?i:{scale}))(?:\s*-\s*|\s+of\s+|\s+)(?P<n1>{reading})\b|\b(?P<n2>{reading})(?:\s*-\s*|\s+)(?P<s2>(?i:{scale}))\b"
                    );
                    let words = AhoCorasick::builder()
                        .ascii_case_insensitive(true)
                        .build(&quantity.scales)
                        .map_err(|e| RuleError::Invalid {
                            path: "rules/lang/en.yaml".into(),
                            line: 1,
                            message: format!("scales cannot be compiled: {e}"),
                        })?;
                    Some((words, lang_regex(&pattern, "scale")?))
                }
            },
            numbers,
            multipliers: quantity.multipliers.iter().map(|w| w.to_lowercase()).collect(),
            function_words: lang.function_words.clone(),
            vague: quantity.vague.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect(),
            not_nouns: not_nouns.into_iter().collect(),
            not_noun_endings: quantity.not_noun_endings.clone(),
            plurals: quantity.plurals.clone(),
            plural_endings,
        })
    }

    /// The amounts in the given sentences of `text`.
    pub(crate) fn find(&self, text: &str, sentences: &[Span], out: &mut Vec<Mention>) {
        // Room for the places and groups of matches, made once for all
        // sentences.
        let mut starts = Starts::default();
        let spare = self.spare.lock().ok().and_then(|mut spare| spare.pop());
        let mut slots = spare.unwrap_or_else(|| {
            Box::new(AllSlots {
                money: self.money.slots(),
                percent: self.percent.slots(),
                quantity: self.quantity.slots(),
                ages: self.ages.slots(),
                read_money: self.read_money.slots(),
                read_percent: self.read_percent.slots(),
                read_age: self.read_age.slots(),
                read_count: self.read_count.slots(),
            })
        });
        for &sentence in sentences {
            self.find_in(&Context { text, sentence }, &mut starts, &mut slots, out);
        }
        if let Ok(mut spare) = self.spare.lock() {
            spare.push(slots);
        }
    }

    fn find_in(&self, cx: &Context<'_>, starts: &mut Starts, slots: &mut AllSlots, out: &mut Vec<Mention>) {
        let sentence = cx.sentence.slice(cx.text);
        let first = out.len();
        let mention = |span: Span, value| Mention {
            span: span.shift(cx.sentence.start),
            sentence: cx.sentence,
            value,
        };
        self.starts.fill(sentence, starts);
        let AllSlots {
            money,
            percent,
            quantity,
            ages,
            read_money,
            read_percent,
            read_age,
            read_count,
        } = slots;
        self.money.each(sentence, &starts.money, money, |at, end| {
            let Some(m) = self.read_money.read(sentence, at, end, read_money) else {
                return;
            };
            if let Some((span, value)) = self.money_value(sentence, &m) {
                out.push(mention(span, Value::Money(value)));
            }
        });
        self.join_ranges(cx, first, out);
        self.percent.each(sentence, &starts.percent, percent, |at, end| {
            let Some(m) = self.read_percent.read(sentence, at, end, read_percent) else {
                return;
            };
            if let Some((span, value)) = self.percent_value(sentence, &m) {
                out.push(mention(span, Value::Percent(value)));
            }
        });
        let taken = out.len();
        self.quantity.each(sentence, &starts.quantity, quantity, |at, end| {
            // The age branches come first: where one matches, the match is
            // theirs, and it is read whatever follows.
            let age = self.ages.end_at(sentence, at, ages).is_some();
            let value = if age {
                self.read_age
                    .read(sentence, at, end, read_age)
                    .and_then(|m| self.age_value(sentence, &m))
            } else if self.counts_something(sentence, at, end) {
                self.read_count_at(sentence, at, end, read_count)
                    .and_then(|m| self.count_value(sentence, &m))
            } else {
                return;
            };
            let Some((span, value)) = value else {
                return;
            };
            let found = mention(span, Value::Quantity(value));
            // Money and percentages read the same numbers first.
            if !out[first..taken]
                .iter()
                .any(|m| m.span.start < found.span.end && found.span.start < m.span.end)
            {
                out.push(found);
            }
        });
        // A number on a scale holds a digit and a scale word.
        if !starts.percent.is_empty() && starts.scale {
            self.scales(cx, sentence, taken, out);
        }
    }

    /// Numbers on a scale ("a magnitude-6.4 quake"): each replaces the
    /// quantities it overlaps, which took the wrong noun for its unit.
    fn scales(&self, cx: &Context<'_>, sentence: &str, quantities: usize, out: &mut Vec<Mention>) {
        let Some((words, scale)) = &self.scale else { return };
        if !words.is_match(sentence) {
            return;
        }
        for caps in scale.captures_iter(sentence) {
            let (Some(whole), Some(number), Some(word)) = (
                caps.get(0),
                caps.name("n1").or(caps.name("n2")),
                caps.name("s1").or(caps.name("s2")),
            ) else {
                continue;
            };
            let Some(stated) = Stated::parse(number.as_str()) else {
                continue;
            };
            let span = Span::new(whole.start(), whole.end()).shift(cx.sentence.start);
            let bound = self.qualifier_before(sentence, whole.start());
            let value = QuantityValue {
                scale: true,
                ..Interval::new(stated, None, bound).quantity(word.as_str().to_lowercase())
            };
            let mut i = quantities;
            while i < out.len() {
                if out[i].span.start < span.end && span.start < out[i].span.end {
                    out.remove(i);
                } else {
                    i += 1;
                }
            }
            // In order among the quantities, as the other passes leave them.
            let at = quantities + out[quantities..].partition_point(|m| m.span.start < span.start);
            out.insert(
                at,
                Mention {
                    span,
                    sentence: cx.sentence,
                    value: Value::Quantity(value),
                },
            );
        }
    }

    /// Whether the quantity pattern's match from `at` to `end` may count
    /// something, unless it is an age. A count or vague count ends with
    /// whitespace and its noun; one that counts nothing ("12 of", "1998
    /// and") fails whatever the other groups hold, so it need not be read.
    fn counts_something(&self, sentence: &str, at: usize, end: usize) -> bool {
        let Some(text) = sentence.get(at..end) else {
            return true;
        };
        let noun = match text.char_indices().rfind(|(_, c)| c.is_whitespace()) {
            Some((i, c)) => text.get(i + c.len_utf8()..).unwrap_or_default(),
            None => return true,
        };
        // A count that starts with a digit starts with its number (no
        // vague count does, as each begins with letters): one glued to
        // what is before it, after a name ("Boeing 747 jets") or a year
        // followed by whitespace ("1998 sales") fails too.
        let number_first = self.starts.exact && text.starts_with(|c: char| c.is_ascii_digit());
        let fails = number_first
            && (!number_starts_alone(sentence, at)
                || self.after_a_name(sentence, at)
                || year_before_whitespace(sentence, at));
        !fails && self.counts(noun)
    }

    /// The groups of the count from byte `at` to byte `end` of `sentence`:
    /// read by hand where it is ASCII with the bytes around it, else (or
    /// where the parser leaves it) by the pattern.
    fn read_count_at<'s, 'l>(
        &self,
        sentence: &'s str,
        at: usize,
        end: usize,
        slots: &'l mut Reading,
    ) -> Option<Found<'s, 'l>> {
        let bytes = sentence.as_bytes();
        let around = bytes.get(at.saturating_sub(1)..bytes.len().min(end + 1));
        let by_hand = (self.count_parser.as_ref())
            .filter(|_| around.is_some_and(<[u8]>::is_ascii))
            .and_then(|parser| parser.read(bytes, at, end));
        let Some(parts) = by_hand else {
            return self.read_count.read(sentence, at, end, slots);
        };
        let g = &self.count_groups;
        let groups = [
            (g.n, Some(parts.number)),
            (g.mag, parts.magnitude),
            (g.noun, Some(parts.noun)),
        ];
        self.read_count.fill(sentence, (at, parts.noun.1), &groups, slots)
    }

    /// An age: "aged 45", "a 33-year-old".
    fn age_value(&self, sentence: &str, m: &Found<'_, '_>) -> Option<(Span, QuantityValue)> {
        let g = &self.age_groups;
        let whole = m.whole;
        let bound = self.qualifier_before(sentence, whole.start);
        let stated = Stated::parse(m.get(g.aged).or(m.get(g.age))?.text)?;
        let interval = Interval::new(stated, None, bound);
        Some((Span::new(whole.start, whole.end), interval.quantity("age".to_string())))
    }

    /// A count or vague count and the noun it counts.
    fn count_value(&self, sentence: &str, m: &Found<'_, '_>) -> Option<(Span, QuantityValue)> {
        let g = &self.count_groups;
        let whole = m.whole;
        let bound = self.qualifier_before(sentence, whole.start);
        let (unit, interval) = if let Some(vague) = m.get(g.v) {
            let [min, max] = find_lower(&self.vague, vague.text)?;
            let unit = self.singular(m.get(g.vnoun)?.text)?;
            let interval = Interval {
                amount: min,
                min,
                max,
                precision: 0.0,
                approx: true,
            };
            (unit, interval)
        } else {
            let number = m.get(g.n)?;
            if !number_stands_alone(sentence, number.start, number.end)
                || looks_like_a_year(number.text)
                || self.after_a_name(sentence, number.start)
            {
                return None;
            }
            let stated = self.stated_count(number.text)?.times(self.magnitude(m.get(g.mag))?);
            (self.singular(m.get(g.noun)?.text)?, Interval::new(stated, None, bound))
        };
        Some((Span::new(whole.start, whole.end), interval.quantity(unit)))
    }

    /// Whether a capitalized word that is no function word stands right
    /// before `at`: "Boeing 747", "Airbus A380" name things, not counts.
    fn after_a_name(&self, sentence: &str, at: usize) -> bool {
        let head = sentence[..at].trim_end_matches(' ');
        if head.len() + 1 < at {
            return false;
        }
        let word = head.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or_default();
        word.chars().next().is_some_and(char::is_uppercase) && !self.function_words.iter().any(|f| f == word)
    }

    /// A count written in digits or words ("1,200", "twenty-five", "two").
    fn stated_count(&self, number: &str) -> Option<Stated> {
        if number.starts_with(|c: char| c.is_ascii_digit()) {
            return Stated::parse(number);
        }
        let mut total = 0;
        for word in number.split([' ', '-']) {
            let word = word.to_lowercase();
            let value = self.numbers.iter().find(|(w, _)| *w == word)?.1;
            total = match total {
                0 => value,
                t if self.multipliers.contains(&word) => t * value,
                t => t + value,
            };
        }
        Some(Stated {
            value: f64::from(total),
            half: 0.5,
        })
    }

    /// The unit a counted noun names: singular, lowercase; none for a word
    /// that counts nothing ("5 of", "3 percent").
    fn singular(&self, noun: &str) -> Option<String> {
        // Most nouns are lowercase ASCII already: no copy is made of them.
        let noun = match noun.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase()) {
            true => std::borrow::Cow::Owned(noun.to_lowercase()),
            false => std::borrow::Cow::Borrowed(noun),
        };
        if !self.is_noun(&noun) {
            return None;
        }
        if let Some(s) = self.plurals.get(&*noun) {
            return Some(s.clone());
        }
        let singular = self
            .plural_endings
            .iter()
            .find(|(ending, _)| noun.len() > ending.len() + 1 && noun.ends_with(ending.as_str()))
            .map(|(ending, single)| format!("{}{single}", &noun[..noun.len() - ending.len()]));
        Some(singular.unwrap_or_else(|| noun.into_owned()))
    }

    /// Whether a lowercased word after a number is a noun it counts.
    fn is_noun(&self, noun: &str) -> bool {
        // A noun has three letters or more ("6 p.m." leaves "p").
        !(noun.len() < 3
            || self.not_nouns.contains(noun)
            || self.not_noun_endings.iter().any(|e| noun.ends_with(e.as_str())))
    }

    /// Whether [`Self::singular`] takes a word, without making it.
    fn counts(&self, noun: &str) -> bool {
        match noun.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            true => self.is_noun(noun),
            false => self.is_noun(&noun.to_lowercase()),
        }
    }

    fn money_value(&self, sentence: &str, m: &Found<'_, '_>) -> Option<(Span, MoneyValue)> {
        let g = &self.money_groups;
        let whole = m.whole;
        if !number_stands_alone(sentence, whole.start, whole.end) {
            return None;
        }
        let (number, magnitude, currency) = if let Some(sym) = m.get(g.sym) {
            let currency = match m.get(g.w1) {
                Some(word) => find_lower(&self.currency_words, word.text)?,
                None => self.currencies.get(sym.text)?.clone(),
            };
            (m.get(g.n1)?, self.magnitude(m.get(g.m1))?, currency)
        } else if let Some(code) = m.get(g.c2) {
            (
                m.get(g.n2)?,
                self.magnitude(m.get(g.m2))?,
                self.currencies.get(code.text)?.clone(),
            )
        } else {
            let currency = match m.get(g.c3) {
                Some(code) => self.currencies.get(code.text)?.clone(),
                None => find_lower(&self.currency_words, m.get(g.w3)?.text)?,
            };
            (m.get(g.n3)?, self.magnitude(m.get(g.m3))?, currency)
        };
        let high_magnitude = self.magnitude(m.get(g.mh))?;
        let high = m
            .get(g.hi)
            .and_then(|h| Stated::parse(h.text))
            .map(|h| h.times(high_magnitude));
        // "$10-15 million": the low end takes the magnitude of the high end.
        let low_magnitude = match (m.get(g.m1).or(m.get(g.m2)).or(m.get(g.m3)), high) {
            (None, Some(_)) => high_magnitude,
            _ => magnitude,
        };
        let low = Stated::parse(number.text)?.times(low_magnitude);
        if high.is_some_and(|h| h.value < low.value) {
            return None;
        }
        // The mention is the amount; a qualifier before it only bounds it.
        let interval = Interval::new(low, high, self.qualifier_before(sentence, whole.start));
        let start = whole.start;
        let per = m.get(g.per).map(|p| p.text.to_lowercase());
        Some((
            Span::new(start, whole.end),
            MoneyValue {
                currency,
                amount: interval.amount,
                min: interval.min,
                max: interval.max,
                precision: interval.precision,
                approx: interval.approx,
                per,
            },
        ))
    }

    /// The bound a qualifier right before byte `at` puts on an amount
    /// ("more than", "nearly").
    fn qualifier_before(&self, sentence: &str, at: usize) -> Option<Bound> {
        let head = sentence[..at].trim_end();
        if head.len() + 1 < at {
            return None;
        }
        self.qualifiers.iter().find_map(|(q, bound)| {
            let start = head.len().checked_sub(q.len())?;
            let word = head.get(start..)?;
            (word.eq_ignore_ascii_case(q) && starts_word(head, start)).then_some(*bound)
        })
    }

    /// The multiplier of a magnitude group; 1 when it is absent.
    fn magnitude(&self, word: Option<Piece<'_>>) -> Option<f64> {
        match word {
            Some(word) => find_lower(&self.magnitudes, word.text),
            None => Some(1.0),
        }
    }

    /// "between $12 million and $20 million": two amounts in one currency
    /// that a range pair joins become one.
    fn join_ranges(&self, cx: &Context<'_>, first: usize, out: &mut Vec<Mention>) {
        let mut i = first;
        while i + 1 < out.len() {
            let joined = self.range_of(cx.text, &out[i], &out[i + 1]);
            match joined {
                Some((span, value)) => {
                    out[i] = Mention {
                        span,
                        sentence: out[i].sentence,
                        value: Value::Money(value),
                    };
                    out.remove(i + 1);
                }
                None => i += 1,
            }
        }
    }

    fn range_of(&self, text: &str, a: &Mention, b: &Mention) -> Option<(Span, MoneyValue)> {
        let (Value::Money(low), Value::Money(high)) = (&a.value, &b.value) else {
            return None;
        };
        if low.currency != high.currency || low.per != high.per || high.amount < low.amount {
            return None;
        }
        let before = text[..a.span.start].trim_end();
        let opener = before.rsplit(|c: char| !c.is_alphanumeric()).next()?;
        let closer = &self
            .range_pairs
            .iter()
            .find(|(open, _)| open.eq_ignore_ascii_case(opener))?
            .1;
        if !text[a.span.end..b.span.start].trim().eq_ignore_ascii_case(closer) {
            return None;
        }
        let start = before.len() - opener.len();
        Some((
            Span::new(start, b.span.end),
            MoneyValue {
                min: low.min,
                max: high.max,
                approx: true,
                ..low.clone()
            },
        ))
    }

    fn percent_value(&self, sentence: &str, m: &Found<'_, '_>) -> Option<(Span, PercentValue)> {
        let g = &self.percent_groups;
        let whole = m.whole;
        let number = m.get(g.n)?;
        if !number_stands_alone(sentence, number.start, whole.end) {
            return None;
        }
        let low = Stated::parse(number.text)?;
        let high = m.get(g.hi).and_then(|h| Stated::parse(h.text));
        let interval = Interval::new(low, high, self.qualifier_before(sentence, number.start));
        let unit = match m.get(g.pts) {
            Some(p) if self.points.contains(&p.text.to_lowercase()) => "percentage-point",
            _ => "percent",
        };
        Some((Span::new(number.start, whole.end), interval.percent(unit)))
    }
}

/// The value of a word in a list of lowercased words, matched as
/// `str::to_lowercase` would match it, without a copy for ASCII words.
fn find_lower<T: Clone>(list: &[(String, T)], word: &str) -> Option<T> {
    let found = match word.is_ascii() {
        true => list.iter().find(|(w, _)| w.eq_ignore_ascii_case(word)),
        false => {
            let word = word.to_lowercase();
            list.iter().find(|(w, _)| *w == word)
        }
    };
    found.map(|(_, v)| v.clone())
}

/// A plain four-digit number from 1000 to 2999 is read as a year, not a count.
fn looks_like_a_year(number: &str) -> bool {
    number.len() == 4 && number.bytes().all(|b| b.is_ascii_digit()) && matches!(number.as_bytes()[0], b'1' | b'2')
}

/// Whether the number in `text[start..end]` is not glued to other digits or
/// letters ("A320", "3.5.1").
fn number_stands_alone(text: &str, start: usize, end: usize) -> bool {
    number_starts_alone(text, start) && ends_word(text, end)
}

/// Whether a number at byte `start` of `text` is not glued to what is
/// before it.
fn number_starts_alone(text: &str, start: usize) -> bool {
    // "5:57 p.m." and "3.5.1" hold numbers that are no amounts.
    starts_word(text, start) && !text[..start].ends_with(['.', ':'])
}

/// Whether byte `at` of `text` starts four digits read as a year, with
/// whitespace after them: a number that ends before whitespace there can
/// only be those four digits.
fn year_before_whitespace(text: &str, at: usize) -> bool {
    let (Some(digits), Some(rest)) = (text.get(at..at + 4), text.get(at + 4..)) else {
        return false;
    };
    looks_like_a_year(digits) && rest.starts_with(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    /// Byte class: an ASCII digit.
    const DIGIT: u8 = 1;
    /// Byte class: an ASCII character of a word (`\w`: letters, digits, `_`).
    const WORD: u8 = 2;
    /// Byte class: the first byte of a character beyond ASCII.
    const LEAD: u8 = 4;

    /// The class of each byte.
    const CLASSES: [u8; 256] = {
        let mut classes = [0; 256];
        let mut b = 0;
        while b < 256 {
            let byte = b as u8;
            classes[b] = if byte.is_ascii_digit() {
                DIGIT | WORD
            } else if byte.is_ascii_alphabetic() || byte == b'_' {
                WORD
            } else if byte >= 0xC0 {
                LEAD
            } else {
                0
            };
            b += 1;
        }
        classes
    };

    /// The places [`StartScan::scan`] finds, found a byte at a time: each
    /// byte's class and the letters from it, rolled along.
    fn scan_bytewise(trigrams: &[u64; 512], bytes: &[u8]) -> (Vec<usize>, Vec<usize>, bool) {
        let (mut numbers, mut words) = (Vec::new(), Vec::new());
        let mut letters = 0usize;
        let mut classes = 0u32;
        let mut lead = 0;
        for (j, &b) in bytes.iter().chain(&[0u8; 2]).enumerate() {
            letters = ((letters << 5) | usize::from(LETTERS[usize::from(b)])) & 0x7FFF;
            classes = (classes << 8) | u32::from(CLASSES[usize::from(b)]);
            lead |= classes;
            let (class, before) = ((classes >> 16) as u8, (classes >> 24) as u8);
            let number = class & !before & DIGIT;
            let bits = trigrams[(letters >> 6) & 511] >> (letters & 63);
            let word = (bits as u8) & !(before >> 1) & 1;
            if (number | word) != 0 && j >= 2 {
                if number != 0 {
                    numbers.push(j - 2);
                } else {
                    words.push(j - 2);
                }
            }
        }
        (numbers, words, lead & u32::from(LEAD) != 0)
    }

    /// [`StartScan::scan`] and [`scan_bytewise`] on `bytes`, which must agree.
    fn scan_both(bytes: &[u8]) {
        static RECOGNIZER: std::sync::OnceLock<AmountRecognizer> = std::sync::OnceLock::new();
        let recognizer = RECOGNIZER.get_or_init(|| AmountRecognizer::new(&RuleSet::embedded().unwrap().lang).unwrap());
        let (mut numbers, mut words) = (Vec::new(), Vec::new());
        let lead = recognizer.starts.scan(bytes, &mut numbers, &mut words);
        assert_eq!(
            (numbers, words, lead),
            scan_bytewise(&recognizer.starts.trigrams, bytes),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }

    #[test]
    fn a_word_begins_with_a_lexicon_word_whatever_its_case() {
        let words: Vec<String> = [
            "twenty",
            "Two",
            "tw",
            "dozens",
            "aged",
            "naïve",
            "zz",
            "thousands",
            "twenty-one",
            "per cent",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        let lexicon = lexicon(words.iter(), &mut [0; 512]).unwrap();
        // Each word's bytes as the lexicon compares them.
        let prefixes: Vec<Vec<u8>> = words
            .iter()
            .map(|w| match w.is_ascii() {
                true => w.to_ascii_lowercase().into_bytes(),
                false => w.as_bytes()[..2].to_ascii_lowercase(),
            })
            .collect();
        let text = "Twenty-two DOZENS, tWo aged naive NAÏVE tw t zZ z_ 2x TW thousand THOUSANDS Twenty-One twenty-on twenty\rone per cent PER\x00CENT Per cenT PEr".as_bytes();
        for at in 0..=text.len() + 1 {
            let rest = text.get(at..).unwrap_or_default();
            let expected = prefixes
                .iter()
                .any(|p| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p));
            assert_eq!(begins(&lexicon, text, at), expected, "at {at}");
        }
        assert!(begins(&lexicon, text, 0) && begins(&lexicon, text, 7) && !begins(&lexicon, text, 1));
    }

    #[test]
    fn the_scan_finds_numbers_and_counting_words_where_a_bytewise_scan_does() {
        let texts = [
            "",
            "7",
            "a",
            "tw",
            "twenty",
            "Twenty-one workers, 12 dozens and 1,200 aged 45",
            "A320s 3.5% x_twenty _twenty 9twenty twenty9 hundreds",
            "Über 40 Menschen — über zwanzig; dozens\u{a0}of 7",
            "12345678 twenty1 abcdefgh ijklmnop qrstuvwx yz",
            "      twenty      dozen       ",
        ];
        for text in texts {
            scan_both(text.as_bytes());
        }
        // Every place in a block of eight, and across blocks.
        for pad in 0..17 {
            for word in ["twenty", "dozens", "aged", "42", "x9", "_7", "é3"] {
                scan_both(format!("{}{word} {word}", " ".repeat(pad)).as_bytes());
                scan_both(format!("{}{word}", "q".repeat(pad)).as_bytes());
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_scan_agrees_with_a_bytewise_scan_on_any_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
            scan_both(&bytes);
        }

        #[test]
        fn the_scan_agrees_with_a_bytewise_scan_on_words(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "twenty", "Twenty", "TWENTY", "dozens", "aged", "hundreds", "tw", "t", "12", "1,200",
                    "3.5", "A320", "_", "x", "é", "ü", "一", "-", ",", "$", "\u{a0}", "  ",
                ]),
                0..24,
            ),
            glue in proptest::collection::vec(proptest::sample::select(vec!["", " ", "-", "_", "9"]), 24),
        ) {
            let text: String = words.iter().zip(&glue).map(|(w, g)| format!("{w}{g}")).collect();
            scan_both(text.as_bytes());
        }
    }

    fn amounts(text: &str) -> Vec<(String, Value)> {
        let rules = RuleSet::embedded().unwrap();
        let recognizer = AmountRecognizer::new(&rules.lang).unwrap();
        let mut out = Vec::new();
        recognizer.find(text, &[Span::new(0, text.len())], &mut out);
        out.into_iter()
            .map(|m| (m.span.slice(text).to_string(), m.value))
            .collect()
    }

    /// The amounts of one kind, with their text.
    fn of<T>(text: &str, kind: impl Fn(Value) -> Option<T>) -> Vec<(String, T)> {
        amounts(text)
            .into_iter()
            .filter_map(|(t, v)| Some((t, kind(v)?)))
            .collect()
    }

    fn money(text: &str) -> Vec<(String, MoneyValue)> {
        of(text, |v| match v {
            Value::Money(m) => Some(m),
            _ => None,
        })
    }

    fn percent(text: &str) -> Vec<(String, PercentValue)> {
        of(text, |v| match v {
            Value::Percent(p) => Some(p),
            _ => None,
        })
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-6 * b.abs().max(1.0)
    }

    #[test]
    fn money_reads_billions_with_decimal() {
        let found = money("Meta paid $14.3 billion, or $14.3bn.");
        assert_eq!(found.len(), 2);
        for (_, v) in &found {
            assert_eq!(v.currency, "USD");
            assert!(close(v.amount, 14.3e9));
            assert!(close(v.min, 14.25e9) && close(v.max, 14.35e9), "{v:?}");
            assert!(close(v.precision, 0.05e9));
            assert!(!v.approx);
        }
        assert_eq!(found[0].0, "$14.3 billion");
        assert_eq!(found[1].0, "$14.3bn");
        assert_eq!(found[0].1.display(), "USD 14.3 billion");
    }

    #[test]
    fn money_reads_signs_codes_and_words() {
        let found = money(
            "It cost €2bn, £350 million, US$ 1,200,000, C$ 40 million, USD 5m, 5m euros, 9.9 billion yuan and Rs 300.",
        );
        let shown: Vec<String> = found.iter().map(|(_, v)| v.display()).collect();
        assert_eq!(
            shown,
            [
                "EUR 2 billion",
                "GBP 350 million",
                "USD 1.2 million",
                "CAD 40 million",
                "USD 5 million",
                "EUR 5 million",
                "CNY 9.9 billion",
                "INR 300"
            ]
        );
        // "1,200,000": the zeros are rounding, so ±50,000.
        assert!(close(found[2].1.min, 1_150_000.0));
    }

    #[test]
    fn whole_numbers_keep_their_rounding() {
        let found = money("a $14 billion deal");
        assert!(close(found[0].1.min, 13.5e9) && close(found[0].1.max, 14.5e9));
    }

    #[test]
    fn qualifiers_bound_the_amount() {
        let found = money("more than $14 billion");
        assert_eq!(found[0].0, "$14 billion");
        assert!(found[0].1.min >= 14e9 - 1.0 && found[0].1.max > 14.3e9);
        assert!(found[0].1.approx);
        let found = money("nearly $15 billion");
        assert!(found[0].1.max <= 15e9 && found[0].1.min < 14.3e9);
    }

    #[test]
    fn ranges_span_both_ends() {
        let found = money("It will cost $10-15 million, or $16 million to $28 million.");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "$10-15 million");
        assert!(
            close(found[0].1.min, 9.5e6) && close(found[0].1.max, 15.5e6),
            "{:?}",
            found[0].1
        );
        assert_eq!(found[1].0, "$16 million to $28 million");
        assert!(close(found[1].1.max, 28.5e6));
        let found = money("Damages run between $12 million and $20 million.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "between $12 million and $20 million");
        assert!(close(found[0].1.min, 11.5e6) && close(found[0].1.max, 20.5e6));
    }

    #[test]
    fn per_share_amounts_name_their_unit() {
        let found = money("It offered $5 a share, or $2 billion in all.");
        assert_eq!(found[0].0, "$5 a share");
        assert_eq!(found[0].1.per.as_deref(), Some("share"));
        assert_eq!(found[0].1.display(), "USD 5 per share");
        assert_eq!(found[1].1.per, None);
        let hyphenated = money("It made a $15-a-share offer for the company.");
        assert_eq!(hyphenated[0].0, "$15-a-share");
        assert_eq!(hyphenated[0].1.per.as_deref(), Some("share"));
    }

    #[test]
    fn numbers_glued_to_letters_are_no_money() {
        assert!(money("The A320 and 737s flew; version 3.5.1 shipped.").is_empty());
        assert!(money("In 2025 they hired 300 people.").is_empty());
    }

    #[test]
    fn percentages_and_points() {
        let found = percent("A 49% stake, 49 percent, 15-20% and 2 percentage points; 3.5 per cent.");
        let shown: Vec<(&str, &str, f64)> = found
            .iter()
            .map(|(t, v)| (t.as_str(), v.unit.as_str(), v.amount))
            .collect();
        assert_eq!(
            shown,
            [
                ("49%", "percent", 49.0),
                ("49 percent", "percent", 49.0),
                ("15-20%", "percent", 15.0),
                ("2 percentage points", "percentage-point", 2.0),
                ("3.5 per cent", "percent", 3.5),
            ]
        );
        assert!(close(found[2].1.min, 14.5) && close(found[2].1.max, 20.5));
        assert!(close(found[0].1.min, 48.5) && close(found[0].1.max, 49.5));
    }

    fn quantities(text: &str) -> Vec<(String, String, f64)> {
        of(text, |v| match v {
            Value::Quantity(q) => Some((q.unit, q.amount)),
            _ => None,
        })
        .into_iter()
        .map(|(t, (unit, amount))| (t, unit, amount))
        .collect()
    }

    fn q(text: &str, unit: &str, amount: f64) -> (String, String, f64) {
        (text.to_string(), unit.to_string(), amount)
    }

    #[test]
    fn counts_take_their_noun_as_unit() {
        assert_eq!(
            quantities("It hired 1,200 employees; 105 children, two dozen people and twenty-five cars."),
            [
                q("1,200 employees", "employee", 1200.0),
                q("105 children", "child", 105.0),
                q("two dozen people", "person", 24.0),
                q("twenty-five cars", "car", 25.0),
            ]
        );
    }

    #[test]
    fn a_number_on_a_scale_takes_the_scale_as_unit_from_either_side() {
        assert_eq!(
            quantities(
                "A 7.1 magnitude earthquake, a magnitude-6.4 quake, a 6.1 - magnitude quake \
                 and a magnitude of 5.8 killed 3 people."
            ),
            [
                q("7.1 magnitude", "magnitude", 7.1),
                q("magnitude-6.4", "magnitude", 6.4),
                q("6.1 - magnitude", "magnitude", 6.1),
                q("magnitude of 5.8", "magnitude", 5.8),
                q("3 people", "person", 3.0),
            ]
        );
        // The tenth the text states is the precision.
        let found = amounts("a magnitude 7 quake");
        let Value::Quantity(m) = &found[0].1 else {
            panic!("{found:?}")
        };
        assert_eq!((m.min, m.max), (6.5, 7.5));
    }

    #[test]
    fn vague_counts_and_ages() {
        let found = amounts("Hundreds of jobs went; a 33-year-old, aged 45, was hurt.");
        let Value::Quantity(jobs) = &found[0].1 else {
            panic!("{found:?}")
        };
        assert_eq!((jobs.unit.as_str(), jobs.min, jobs.max), ("job", 200.0, 1000.0));
        assert!(jobs.approx);
        assert_eq!(
            quantities("Hundreds of jobs went; a 33-year-old, aged 45, was hurt."),
            [
                q("Hundreds of jobs", "job", 200.0),
                q("33-year-old", "age", 33.0),
                q("aged 45", "age", 45.0)
            ]
        );
    }

    #[test]
    fn not_counts() {
        // Years, names, time units, money and percentages are read elsewhere or not at all.
        assert!(quantities("In 2025 the Boeing 747 flew 3 times in 18 months for $5 million, 5% more.").is_empty());
    }

    #[test]
    fn patterns_tried_where_matches_start_find_what_a_search_finds() {
        const PIECES: [&str; 30] = [
            "$",
            "US$",
            "Rs",
            "USD",
            "12",
            "1,500",
            "3.5",
            "1998",
            "٣",
            " ",
            " ",
            "-",
            "million",
            "m",
            "euros",
            "%",
            "percent",
            "two",
            "Twenty",
            "dozens of",
            "ſix",
            "aged",
            "-year-old",
            "people",
            "the",
            "A",
            "K",
            "magnitude",
            "(",
            "\n",
        ];
        let rules = RuleSet::embedded().unwrap();
        let recognizer = AmountRecognizer::new(&rules.lang).unwrap();
        // Each pattern as searched before it was anchored: `^(?:P)` less its
        // anchor.
        let plain = |p: &Pattern| Regex::new(&p.source).unwrap();
        let patterns = [&recognizer.money, &recognizer.percent, &recognizer.quantity];
        let plain = patterns.map(plain);
        let mut starts = Starts::default();
        for text in crate::util::random_texts(&PIECES, 5_000, 30) {
            recognizer.starts.fill(&text, &mut starts);
            let kinds = [&starts.money, &starts.percent, &starts.quantity];
            for ((pattern, plain), at) in patterns.iter().zip(&plain).zip(kinds) {
                let searched: Vec<(usize, usize)> = plain.find_iter(&text).map(|m| (m.start(), m.end())).collect();
                let mut slots = pattern.slots();
                let mut tried = Vec::new();
                pattern.each(&text, at, &mut slots, |at, end| tried.push((at, end)));
                assert_eq!(tried, searched, "{text:?}");
            }
        }
    }

    /// The groups of a match as a plain search of the whole text reads
    /// them, by name: the whole match, then each group.
    fn plain_groups(plain: &Regex, text: &str, names: &[&str]) -> Vec<Vec<Option<(usize, usize)>>> {
        plain
            .captures_iter(text)
            .map(|c| {
                let whole = c.get(0).map(|m| (m.start(), m.end()));
                let groups = names.iter().map(|n| c.name(n).map(|m| (m.start(), m.end())));
                std::iter::once(whole).chain(groups).collect()
            })
            .collect()
    }

    /// The same from a reader, for the match from `at` to `end`; a group
    /// the reader's pattern lacks took no part.
    fn read_groups(
        reader: &Reader,
        text: &str,
        (at, end): (usize, usize),
        reading: &mut Reading,
        names: &[&str],
    ) -> Vec<Option<(usize, usize)>> {
        let found = reader.read(text, at, end, reading).unwrap();
        let whole = Some((found.whole.start, found.whole.end));
        let groups = names.iter().map(|n| {
            let group = reader.group(n).ok()?;
            found.get(group).map(|p| (p.start, p.end))
        });
        std::iter::once(whole).chain(groups).collect()
    }

    #[test]
    fn groups_read_in_the_match_are_those_a_plain_search_reads() {
        const MONEY: [&str; 14] = [
            "sym", "n1", "m1", "w1", "c2", "n2", "m2", "n3", "m3", "w3", "c3", "hi", "mh", "per",
        ];
        const PERCENT: [&str; 3] = ["n", "hi", "pts"];
        const QUANTITY: [&str; 7] = ["aged", "age", "v", "vnoun", "n", "mag", "noun"];
        let long = "k".repeat(3_000);
        let pieces = [
            "$",
            "US$",
            "€",
            "USD",
            " ",
            " ",
            "12",
            "1,500",
            "3.5",
            "1998",
            "٣",
            " ",
            "\u{a0}",
            "-",
            "to",
            "million",
            "Bn",
            "M",
            "K",
            "euros",
            "U.S. dollars",
            "a share",
            "per",
            "%",
            "percent",
            "Percentage Points",
            "two",
            "Twenty",
            "hundreds of",
            "aged",
            "-year-old",
            "years old",
            "people",
            "more than",
            "new",
            "ſix",
            "é",
            "the",
            "A",
            &long,
            "\n",
        ];
        let rules = RuleSet::embedded().unwrap();
        let r = AmountRecognizer::new(&rules.lang).unwrap();
        // The patterns as written before their words were factored.
        let plain = Sources::new(&rules.lang, |words| alternation(words));
        let plain = [&plain.money, &plain.percent, &plain.quantity].map(|p| Regex::new(p).unwrap());
        let (mut money, mut percent, mut quantity, mut ages) =
            (r.money.slots(), r.percent.slots(), r.quantity.slots(), r.ages.slots());
        let (mut read_money, mut read_percent) = (r.read_money.slots(), r.read_percent.slots());
        let (mut read_age, mut read_count) = (r.read_age.slots(), r.read_count.slots());
        let mut starts = Starts::default();
        let mut matches = 0;
        for text in crate::util::random_texts(&pieces, 3_000, 30) {
            r.starts.fill(&text, &mut starts);
            let mut read = Vec::new();
            r.money.each(&text, &starts.money, &mut money, |at, end| {
                read.push(read_groups(&r.read_money, &text, (at, end), &mut read_money, &MONEY));
            });
            assert_eq!(read, plain_groups(&plain[0], &text, &MONEY), "{text:?}");
            matches += read.len();
            let mut read = Vec::new();
            r.percent.each(&text, &starts.percent, &mut percent, |at, end| {
                read.push(read_groups(
                    &r.read_percent,
                    &text,
                    (at, end),
                    &mut read_percent,
                    &PERCENT,
                ));
            });
            assert_eq!(read, plain_groups(&plain[1], &text, &PERCENT), "{text:?}");
            matches += read.len();
            let mut read = Vec::new();
            r.quantity.each(&text, &starts.quantity, &mut quantity, |at, end| {
                let groups = match r.ages.end_at(&text, at, &mut ages) {
                    Some(_) => read_groups(&r.read_age, &text, (at, end), &mut read_age, &QUANTITY),
                    None => read_groups(&r.read_count, &text, (at, end), &mut read_count, &QUANTITY),
                };
                read.push(groups);
            });
            assert_eq!(read, plain_groups(&plain[2], &text, &QUANTITY), "{text:?}");
            matches += read.len();
        }
        // The texts make matches, not only misses.
        assert!(matches > 500, "{matches}");
    }

    #[test]
    fn counts_read_by_hand_are_those_the_pattern_reads() {
        const QUANTITY: [&str; 5] = ["v", "vnoun", "n", "mag", "noun"];
        let pieces = [
            " ",
            " ",
            " ",
            "\t",
            "\u{b}",
            "\n",
            "12",
            "1,500",
            "1,50",
            "3.5",
            "3.",
            "1998",
            ",",
            ".",
            "7",
            "M",
            "mln",
            "Million",
            "bn",
            "k",
            "more than",
            "More",
            "new",
            "old",
            "full-time",
            "people",
            "jobs",
            "x",
            "it's",
            "-",
            "'",
            "_",
            "a",
            "é",
            "twenty",
            "Twenty",
            "seven",
            "seventy",
            "two",
            "dozen",
            "hundreds",
            "Hundreds of",
            "aged",
            "-year-old",
            "of",
        ];
        let rules = RuleSet::embedded().unwrap();
        let r = AmountRecognizer::new(&rules.lang).unwrap();
        let hand = r.count_parser.as_ref().unwrap();
        let (mut quantity, mut ages) = (r.quantity.slots(), r.ages.slots());
        let (mut by_hand, mut by_pattern) = (r.read_count.slots(), r.read_count.slots());
        let groups = |found: Option<Found<'_, '_>>| {
            found.map(|f| {
                let named = QUANTITY.map(|n| f.get(r.read_count.group(n).unwrap()).map(|p| (p.start, p.end)));
                ((f.whole.start, f.whole.end), named)
            })
        };
        let mut starts = Starts::default();
        let mut read = 0;
        for text in crate::util::random_texts(&pieces, 5_000, 12) {
            r.starts.fill(&text, &mut starts);
            r.quantity.each(&text, &starts.quantity, &mut quantity, |at, end| {
                if r.ages.end_at(&text, at, &mut ages).is_some() {
                    return;
                }
                read += usize::from(hand.read(text.as_bytes(), at, end).is_some());
                let expected = groups(r.read_count.read(&text, at, end, &mut by_pattern));
                assert_eq!(
                    groups(r.read_count_at(&text, at, end, &mut by_hand)),
                    expected,
                    "{text:?} at {at}"
                );
            });
        }
        // The texts make counts read by hand, not only ones left to the
        // pattern.
        assert!(read > 100, "{read}");
    }

    #[test]
    fn a_match_too_long_to_backtrack_is_read_all_the_same() {
        let rules = RuleSet::embedded().unwrap();
        let r = AmountRecognizer::new(&rules.lang).unwrap();
        let noun = format!("{}s", "x".repeat(20_000));
        let text = format!("They hired 12 {noun} and 3 people.");
        let end = 11 + 3 + noun.len();
        assert!(end - 11 > r.read_count.backtrack.max_haystack_len());
        let mut reading = r.read_count.slots();
        let found = r.read_count.read(&text, 11, end, &mut reading).unwrap();
        let noun_group = r.read_count.group("noun").unwrap();
        assert_eq!(found.get(noun_group).map(|p| p.text), Some(noun.as_str()));
        assert_eq!(quantities(&text).len(), 2);
    }

    #[test]
    fn random_text_never_panics() {
        const PIECES: [&str; 24] = [
            "$",
            "US$",
            "€",
            "12",
            "1,500",
            "3.5",
            " ",
            "million",
            "bn",
            "-",
            "to",
            "between",
            "and",
            "İ",
            "%",
            "percent",
            "two",
            "dozen",
            "people",
            "a share",
            "aged",
            "-year-old",
            "二",
            "\n",
        ];
        let rules = RuleSet::embedded().unwrap();
        let recognizer = AmountRecognizer::new(&rules.lang).unwrap();
        for text in crate::util::random_texts(&PIECES, 5_000, 60) {
            let mut out = Vec::new();
            recognizer.find(&text, &[Span::new(0, text.len())], &mut out);
            for m in &out {
                assert!(text.get(m.span.start..m.span.end).is_some(), "{text:?} {:?}", m.span);
            }
        }
    }
}
