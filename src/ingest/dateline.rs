//! The publication date an article states at its top, for articles whose
//! metadata gives none: a dateline ("June 15, 2014", "Posted: Jul 07, 2012
//! 7: 40 PM ET", "INDIANAPOLIS, Ind. (June 15, 2014) — Police said …").
//!
//! A date in the first lines is not always the article's: the lede may open
//! with the event's date ("Reid checked herself in on Tuesday, December 9,
//! 2008."), a memorial page with a death date. So a line is a dateline only
//! when everything around its date is what datelines are made of: a
//! weekday, a clock time and its zone, a word such as "Posted" or
//! "Updated", a place in capitals before the date, and, after a dash, the
//! lede. A sentence's own words (a lowercase word before the date, any
//! word after it) make the line a sentence, and its date is left alone.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::published::parse_published;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::util::const_regex(
        // ASCII word bounds: the words are ASCII, and the search stays in
        // the regex crate's fast engines whatever the text.
        r"(?-u:\b)(?:(?P<iso>(?:19|20)\d\d-\d\d-\d\d)|(?P<mdy>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? (?:19|20)\d\d)|(?P<dmy>\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]* (?:19|20)\d\d))(?-u:\b)",
    )
});

/// Where a dateline's lede begins: a dash between spaces, an en or em dash,
/// or two hyphens.
static DASH: LazyLock<Regex> = LazyLock::new(|| crate::util::const_regex(r"\s-+\s|--|—|–"));

/// How many non-empty lines at the top of an article may hold its dateline.
const DATELINE_LINES: usize = 5;

/// Most words a dateline may have before its date that are not dateline
/// words: a place ("SAN FRANCISCO, Calif.", "Washington D. C.").
const PLACE_WORDS: usize = 4;

/// Most bytes of a dateline before its date, and after it up to the dash
/// that starts the lede. Of the datelines of ECB+ and MEANTIME, the longest
/// before its date has 33 ("Last updated at 11: 24, Tuesday, "), the
/// longest after it 51 (" 8: 20 AM ET Last Updated: Nov 27, 2005 8: 10 PM
/// ET"). A line is read no further, so a long line costs no more than a
/// short one.
const DATELINE_REACH: usize = 120;

/// Words of a dateline beside its date and weekday, lowercase.
const DATELINE_WORDS: &[&str] = &[
    "posted",
    "published",
    "updated",
    "first",
    "last",
    "on",
    "at",
    "created",
    "modified",
    "date",
    "dated",
    "time",
    "by",
    "am",
    "pm",
    "hrs",
];

/// Weekdays and their abbreviations, lowercase.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// The date of the first dateline among the top lines of `text`: what an
/// article without a date in its metadata is dated by.
pub fn dateline(text: &str) -> Option<NaiveDate> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .take(DATELINE_LINES)
        .find_map(line_date)
}

/// The date of `line` when the line is a dateline.
fn line_date(line: &str) -> Option<NaiveDate> {
    // The date may start up to the reach in, and is at most 20 bytes long;
    // after it, a dash of up to three bytes may start at the reach.
    let date = DATE.find(head(line, DATELINE_REACH + 20))?;
    let before = &line[..date.start()];
    let rest = &line[date.end()..];
    let rest = head(rest, DATELINE_REACH + 4);
    let after = DASH.find(rest).map_or(rest, |dash| &rest[..dash.start()]);
    if before.len() > DATELINE_REACH || after.len() > DATELINE_REACH {
        return None;
    }
    let mut place = 0;
    for (word, next) in words(before) {
        if is_dateline_word(word, next) {
            continue;
        }
        place += 1;
        if place > PLACE_WORDS || !word.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
    }
    // A second date after the first ("…, updated April 30, 2008") is part
    // of the dateline.
    let after = DATE.replace_all(after, " ");
    let dateline = words(&after).all(|(word, next)| is_dateline_word(word, next));
    dateline
        .then(|| parse_published(date.as_str().replace('.', "").as_str()).ok())
        .flatten()
}

/// The first `max` bytes of `text`, or fewer, to a character's start.
fn head(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A run of letters and digits.
static WORD: LazyLock<Regex> = LazyLock::new(|| crate::util::const_regex(r"[\p{L}\p{N}]+"));

/// The words of `text`, each with the character after it.
fn words(text: &str) -> impl Iterator<Item = (&str, Option<char>)> {
    WORD.find_iter(text)
        .map(|m| (m.as_str(), text[m.end()..].chars().next()))
}

/// Whether `word` is a word datelines are made of: a number or clock time
/// ("5", "03pm", "55p"), an "a. m." letter, a weekday, a word of
/// [`DATELINE_WORDS`], or a word in capitals (a time zone, an agency, a
/// place: "EDT", "AP", "MUMBAI").
fn is_dateline_word(word: &str, next: Option<char>) -> bool {
    let lower = word.to_lowercase();
    let digits = lower.trim_end_matches(['a', 'm', 'p']);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && lower.len() - digits.len() <= 2)
        || (matches!(lower.as_str(), "a" | "p" | "m") && next == Some('.'))
        || WEEKDAYS.contains(&lower.as_str())
        || DATELINE_WORDS.contains(&lower.as_str())
        || (word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<String> {
        dateline(text).map(|d| d.to_string())
    }

    #[test]
    fn datelines_of_many_shapes_give_their_date() {
        for (line, want) in [
            ("September 01, 2007", "2007-09-01"),
            ("First Published: June 13, 2013 4: 59 PM EDT", "2013-06-13"),
            ("Posted on Thu Jun 13, 2013 08: 45 AM PDT", "2013-06-13"),
            ("12: 52 p. m. EDT May 2, 2013", "2013-05-02"),
            ("Fri., May. 3, 2013 11: 45 AM PDT", "2013-05-03"),
            ("Friday August 2, 2013 @ 8: 13am PDT", "2013-08-02"),
            ("on Jul 7 2012, 5: 55p", "2012-07-07"),
            ("Last Updated: Monday, 28 November 2005, 02: 24 GMT", "2005-11-28"),
            ("TNN Nov 12, 2011, 05. 51AM IST MUMBAI:", "2011-11-12"),
            (
                "on April 30, 2008 at 4: 31 AM, updated April 30, 2008 at 8: 33 AM",
                "2008-04-30",
            ),
            ("WASHINGTON, DC, April 28, 2009", "2009-04-28"),
            ("Washington D. C., Jul 13, 2009 / 02: 00 pm (CNA)", "2009-07-13"),
            (
                "INDIANAPOLIS, Ind. (June 15, 2014) — Police said on Monday.",
                "2014-06-15",
            ),
            ("2014-06-15", "2014-06-15"),
        ] {
            assert_eq!(
                date(&format!("Headline\n{line}\nBody.")).as_deref(),
                Some(want),
                "{line}"
            );
        }
    }

    #[test]
    fn a_date_in_a_sentence_is_not_a_dateline() {
        for line in [
            "Reid checked herself in on Tuesday, December 9, 2008.",
            "Page was born on April 22, 1923, in Nashville, Tenn.",
            "On Tuesday, Oct. 10, 1972, Washington awoke to this startling news:",
            "Fresh riots were reported in Greece on Saturday December 13 2008 in protest",
            "End of Watch: Friday, June 24, 2005",
            "Posted 1 year, 160 days ago [downloaded on 2 October 2013]",
            "Zurana Horton, 34, was killed on Oct. 21, 2011 while walking",
        ] {
            assert_eq!(date(&format!("Headline\n{line}\nBody.")), None, "{line}");
        }
    }

    #[test]
    fn a_dateline_is_read_at_the_head_of_its_line_however_long_the_lede_after_it() {
        let lede = "Police said the suspect, a résumé in hand, fled. ".repeat(40);
        assert_eq!(
            date(&format!("Headline\nBERLIN (June 15, 2014) — {lede}\n")).as_deref(),
            Some("2014-06-15")
        );
        // No dash: what follows the date is a sentence, not dateline words.
        assert_eq!(date(&format!("Headline\nJune 15, 2014 {lede}\n")), None);
        // A date past the head of a long line is no dateline's.
        assert_eq!(date(&format!("Headline\n{lede}June 15, 2014\n")), None);
    }

    #[test]
    fn the_dateline_is_read_in_the_top_lines_only() {
        assert_eq!(date("A\nB\nC\nD\nE\nMay 2, 2013\n").as_deref(), None);
        assert_eq!(date("A\n\n\nB\nC\nD\nMay 2, 2013\n").as_deref(), Some("2013-05-02"));
    }
}
