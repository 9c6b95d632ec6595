use chrono::NaiveDate;

use super::*;
use crate::rules::RuleSet;

const PUBLISHED: Option<&str> = Some("2025-08-29");

type Hit = (&'static str, String, String);

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn hit(kind: &'static str, text: &str, timex: &str) -> Hit {
    (kind, text.to_string(), timex.to_string())
}

fn recognize(text: &str, sentences: &[Span], published: Option<&str>) -> Vec<Mention> {
    let rules = RuleSet::embedded().unwrap();
    let recognizer = DateRecognizer::new(&rules.lang).unwrap();
    let mut out = Vec::new();
    recognizer.find(text, sentences, published.map(day), &mut out);
    out
}

fn mentions(text: &str, published: Option<&str>) -> Vec<Mention> {
    recognize(text, &[Span::new(0, text.len())], published)
}

/// The TIMEX3 values of `text` read as a narrative, published on [`PUBLISHED`].
fn narrative_values(text: &str) -> Vec<String> {
    narrative(text, PUBLISHED)
        .iter()
        .map(|m| date(m).timex.clone())
        .collect()
}

fn narrative(text: &str, published: Option<&str>) -> Vec<Mention> {
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        sentences.push(Span::new(start, i + 1));
        start = i + 2;
    }
    sentences.push(Span::new(start, text.len()));
    recognize(text, &sentences, published)
}

fn summary(text: &str, mentions: &[Mention]) -> Vec<Hit> {
    mentions
        .iter()
        .map(|m| hit(m.kind(), m.span.slice(text), m.timex().unwrap_or_default()))
        .collect()
}

fn hits(text: &str, published: Option<&str>) -> Vec<Hit> {
    summary(text, &mentions(text, published))
}

fn find<'a>(text: &str, mentions: &'a [Mention], needle: &str) -> &'a Mention {
    mentions
        .iter()
        .find(|m| m.span.slice(text).contains(needle))
        .unwrap_or_else(|| panic!("no mention of {needle:?} in {:?}", summary(text, mentions)))
}

fn date(m: &Mention) -> &DateValue {
    match &m.value {
        Value::Date(d) | Value::Time(d) => d,
        other => panic!("not a date: {other:?}"),
    }
}

fn duration(m: &Mention) -> &DurationValue {
    match &m.value {
        Value::Duration(d) => d,
        other => panic!("not a duration: {other:?}"),
    }
}

fn only(text: &str, published: Option<&str>) -> Mention {
    let found = mentions(text, published);
    assert_eq!(found.len(), 1, "{:?}", summary(text, &found));
    found.into_iter().next().unwrap()
}

#[test]
fn month_day_year() {
    let text = "The deal closed on June 12, 2025.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "June 12, 2025", "2025-06-12")]);
}

#[test]
fn day_month_year() {
    let text = "The deal closed on 12 June 2025.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "12 June 2025", "2025-06-12")]);
}

#[test]
fn ordinal_day_takes_the_publication_year() {
    let text = "The deal closed on June 12th.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "June 12th", "2025-06-12")]);
}

#[test]
fn abbreviated_month() {
    let text = "The deal closed on Jun. 12.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "Jun. 12", "2025-06-12")]);
}

#[test]
fn iso_date() {
    let text = "The deal closed on 2025-06-12.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "2025-06-12", "2025-06-12")]);
}

#[test]
fn numeric_date_is_read_us_style_and_ambiguous() {
    let text = "The deal closed on 6/12/2025.";
    let m = only(text, PUBLISHED);
    assert_eq!(m.span.slice(text), "6/12/2025");
    assert_eq!(date(&m).timex, "2025-06-12");
    assert!(date(&m).ambiguous);
}

#[test]
fn numeric_date_with_day_over_twelve_is_not_ambiguous() {
    let text = "The deal closed on 6/13/2025.";
    let m = only(text, PUBLISHED);
    assert_eq!(date(&m).timex, "2025-06-13");
    assert!(!date(&m).ambiguous);
}

#[test]
fn month_year() {
    let text = "Sales rose in June 2025.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "June 2025", "2025-06")]);
}

#[test]
fn bare_year() {
    let text = "Sales rose in 2025.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "2025", "2025")]);
}

#[test]
fn day_range_starts_at_its_first_day() {
    let text = "The conference ran June 12-14.";
    let found = mentions(text, PUBLISHED);
    let first = found.first().expect("no mention");
    assert!(
        first.span.slice(text).starts_with("June 12"),
        "{:?}",
        summary(text, &found)
    );
    assert_eq!(date(first).timex, "2025-06-12");
    assert_eq!(date(first).interval.map(|i| i.start), Some(day("2025-06-12")));
}

#[test]
fn second_day_of_a_list_is_a_date_in_the_same_month() {
    let text = "The summit will be held on April 24 and 25.";
    assert_eq!(
        hits(text, Some("1999-02-10")),
        [hit("date", "April 24", "1999-04-24"), hit("date", "25", "1999-04-25")]
    );
    let text = "Talks ran from Dec. 3 to 5, 2024.";
    let found = mentions(text, PUBLISHED);
    assert_eq!(
        date(find(text, &found, "5")).timex,
        "2024-12-05",
        "{:?}",
        summary(text, &found)
    );
    // Without a publication date the day keeps an unknown year.
    let text = "It met on June 3 and 4.";
    assert_eq!(
        hits(text, None),
        [hit("date", "June 3", "XXXX-06-03"), hit("date", "4", "XXXX-06-04")]
    );
    // A count after a range word is no day.
    for text in [
        "Shares rose on June 3 and 25 percent of them fell.",
        "On June 3 and 25 people were hurt.",
        "On June 3 and 2 more.",
        "On June 30 and 45.",
        "On Feb. 27, 2025 and 30 others.",
        "Prices fell on Feb. 27 and 30.",
    ] {
        let found = mentions(text, PUBLISHED);
        assert_eq!(found.len(), 1, "{:?}", summary(text, &found));
    }
}

#[test]
fn the_day_after_in_or_during_is_no_date() {
    for text in [
        "She flew to Nairobi later in the day.",
        "Late in the day, lawyers emerged.",
        "During the day Friday, he played outside.",
    ] {
        let found = mentions(text, PUBLISHED);
        assert!(
            found.iter().all(|m| !m.span.slice(text).contains("the day")),
            "{:?}",
            summary(text, &found)
        );
    }
    // Elsewhere "the day" is the day the text is about.
    let text = "He was seen on June 3, and the day was hot.";
    let found = mentions(text, PUBLISHED);
    assert_eq!(date(find(text, &found, "the day")).timex, "2025-06-03");
}

#[test]
fn between_two_months() {
    let text = "Sales rose between June and August.";
    assert_eq!(
        hits(text, PUBLISHED),
        [hit("date", "June", "2025-06"), hit("date", "August", "2025-08")]
    );
}

#[test]
fn decade() {
    let text = "Sales peaked in the 1990s.";
    let m = only(text, PUBLISHED);
    assert!(m.span.slice(text).ends_with("1990s"));
    assert_eq!(m.kind(), "date");
    assert_eq!(date(&m).timex, "199");
    assert_eq!(date(&m).modifier, None);
}

#[test]
fn late_decade() {
    let text = "Sales peaked in the late 1990s.";
    let m = only(text, PUBLISHED);
    assert!(m.span.slice(text).ends_with("late 1990s"));
    assert_eq!(date(&m).timex, "199");
    assert_eq!(date(&m).modifier, Some(Modifier::End));
}

#[test]
fn split_year() {
    let text = "Sales rose in 2024/25.";
    let m = only(text, PUBLISHED);
    assert_eq!(m.span.slice(text), "2024/25");
    assert!(date(&m).timex.starts_with("2024"), "{}", date(&m).timex);
    let interval = date(&m).interval.expect("no interval");
    assert!(
        interval.start >= day("2024-01-01") && interval.start < day("2025-01-01"),
        "{interval:?}"
    );
    assert!(
        interval.end > day("2025-01-01") && interval.end <= day("2026-01-01"),
        "{interval:?}"
    );
}

#[test]
fn span_of_years_with_a_dash() {
    let spans = |text: &str| -> Vec<(String, String, NaiveDate, NaiveDate)> {
        mentions(text, PUBLISHED)
            .iter()
            .map(|m| {
                let d = date(m);
                let i = d.interval.expect("no interval");
                (m.span.slice(text).to_string(), d.timex.clone(), i.start, i.end)
            })
            .collect()
    };
    assert_eq!(
        spans("During its 1980-1988 war, and in 2007-13, and 1999–2000."),
        [
            ("1980-1988".into(), "1980".into(), day("1980-01-01"), day("1989-01-01")),
            ("2007-13".into(), "2007".into(), day("2007-01-01"), day("2014-01-01")),
            ("1999–2000".into(), "1999".into(), day("1999-01-01"), day("2001-01-01")),
        ]
    );
    // No span: a first number that is no year of news, years too far apart
    // (a life, "1879-1968", keeps its second year as before), a percentage.
    let text = "Some 1500-2000 troops; Hahn (1879-1968); up 2010-12%.";
    assert!(mentions(text, PUBLISHED)
        .iter()
        .all(|m| !m.span.slice(text).contains('-')));
}

#[test]
fn quarter_label() {
    let text = "Revenue rose in Q2 2025.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "Q2 2025", "2025-Q2")]);
}

#[test]
fn ordinal_quarter_of_year() {
    let text = "Revenue rose in the second quarter of 2025.";
    let m = only(text, PUBLISHED);
    assert!(m.span.slice(text).ends_with("second quarter of 2025"));
    assert_eq!(date(&m).timex, "2025-Q2");
    let interval = date(&m).interval.expect("no interval");
    assert_eq!((interval.start, interval.end), (day("2025-04-01"), day("2025-07-01")));
}

#[test]
fn fiscal_year() {
    let text = "Revenue rose in fiscal 2025.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "fiscal 2025", "2025")]);
}

#[test]
fn half_label() {
    let text = "Revenue rose in H1 2025.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "H1 2025", "2025-H1")]);
}

#[test]
fn season_year() {
    let text = "Sales rose in summer 2024.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "summer 2024", "2024-SU")]);
}

#[test]
fn mid_month() {
    let text = "Sales rose in mid-June.";
    let m = only(text, PUBLISHED);
    assert_eq!(m.span.slice(text), "mid-June");
    assert_eq!(date(&m).timex, "2025-06");
    assert_eq!(date(&m).modifier, Some(Modifier::Mid));
}

#[test]
fn early_year() {
    let text = "Sales rose in early 2025.";
    let m = only(text, PUBLISHED);
    assert_eq!(m.span.slice(text), "early 2025");
    assert_eq!(date(&m).timex, "2025");
    assert_eq!(date(&m).modifier, Some(Modifier::Start));
}

#[test]
fn late_last_year() {
    let text = "Sales rose late last year.";
    let m = only(text, PUBLISHED);
    assert_eq!(m.span.slice(text), "late last year");
    assert_eq!(date(&m).timex, "2024");
    assert_eq!(date(&m).modifier, Some(Modifier::End));
}

#[test]
fn today() {
    let text = "Shares rose today.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "today", "2025-08-29")]);
}

#[test]
fn yesterday() {
    let text = "Shares fell yesterday.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "yesterday", "2025-08-28")]);
}

#[test]
fn weekday_in_past_clause_is_the_last_one() {
    let text = "The board met Tuesday.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "Tuesday", "2025-08-26")]);
}

#[test]
fn weekday_in_future_clause_is_the_next_one() {
    let text = "The board will meet Tuesday.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "Tuesday", "2025-09-02")]);
}

#[test]
fn weekday_in_the_possessive_is_the_last_one_even_in_a_future_clause() {
    let text = "The company will appeal Tuesday's ruling.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "Tuesday", "2025-08-26")]);
}

#[test]
fn month_without_tense_is_the_last_one_unless_weeks_ahead() {
    let text = "In January, the company hired a chief executive.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "January", "2025-01")]);
    let text = "Dividend payable Oct. 15 to holders of record.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "Oct. 15", "2025-10-15")]);
}

#[test]
fn participle_after_a_modal_takes_its_tense() {
    let text = "Mr. Smith will succeed him Feb. 1.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "Feb. 1", "2026-02-01")]);
}

#[test]
fn deadline_without_tense_is_ahead() {
    let text = "Debt payments due by February total $2 billion.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "February", "2026-02")]);
}

#[test]
fn comma_in_a_number_ends_no_clause() {
    // The past clause holds "September": the last one, not the coming one.
    let text = "Acme had bought 481,000 shares through September.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "September", "2024-09")]);
}

#[test]
fn weekday_without_tense_is_the_last_one() {
    // Sunday is two days ahead and five behind: news reports the past.
    let text = "The Sunday rally drew thousands.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "Sunday", "2025-08-24")]);
}

#[test]
fn weekday_in_present_clause_is_the_nearer_one() {
    let text = "The deadline is Monday.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "Monday", "2025-09-01")]);
}

#[test]
fn reporting_verb_dates_the_report_not_the_clause_after_that() {
    let text = "Officials said Monday that they will appeal.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "Monday", "2025-08-25")]);
}

#[test]
fn modal_would_puts_a_weekday_ahead() {
    let text = "The group would be ready to leave as soon as Tuesday.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "Tuesday", "2025-09-02")]);
}

#[test]
fn plan_to_puts_a_weekday_ahead() {
    // Published on a Wednesday: the Thursday planned for is the next day.
    let text = "Officials said they did not plan to remove him on Thursday.";
    assert_eq!(hits(text, Some("2000-03-29")), [hit("date", "Thursday", "2000-03-30")]);
}

#[test]
fn plan_in_the_past_perfect_puts_a_weekday_back() {
    // Published on a Monday: the Friday the plan had set has passed.
    let text = "The offer was extended to Nov. 16. It had been due to expire Friday evening.";
    let found = narrative(text, Some("1989-10-30"));
    assert_eq!(date(find(text, &found, "Friday")).timex, "1989-10-27TEV");
    let text = "The offer previously had been scheduled to expire at midnight Friday.";
    assert_eq!(date(&only(text, Some("1989-10-30"))).timex, "1989-10-27T00:00");
    // The plan as it stands still looks ahead.
    let text = "The offer is scheduled to expire at midnight Friday.";
    assert_eq!(date(&only(text, Some("1989-10-30"))).timex, "1989-11-03T00:00");
}

#[test]
fn last_week() {
    let text = "Shares fell last week.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "last week", "2025-W34")]);
}

#[test]
fn this_month() {
    let text = "Shares fell this month.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "this month", "2025-08")]);
}

#[test]
fn next_year() {
    let text = "The plant will open next year.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "next year", "2026")]);
}

#[test]
fn last_month_name() {
    let text = "The plant opened last June.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "last June", "2025-06")]);
}

#[test]
fn weeks_ago() {
    let text = "Shares fell two weeks ago.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "two weeks ago", "2025-W33")]);
}

#[test]
fn earlier_this_year() {
    let text = "Shares fell earlier this year.";
    let m = only(text, PUBLISHED);
    assert!(m.span.slice(text).ends_with("this year"));
    assert_eq!(date(&m).timex, "2025");
}

#[test]
fn year_earlier_counts_from_the_last_named_date() {
    let text = "Revenue was $4 billion in 2023. It was $3 billion a year earlier.";
    let found = narrative(text, PUBLISHED);
    let m = find(text, &found, "a year earlier");
    assert_eq!(m.kind(), "date");
    assert_eq!(date(m).timex, "2022");
}

#[test]
fn counted_dates_do_not_chain() {
    let text = "Revenue was $4 billion in 2023, up from $3 billion a year earlier. Profit rose from a year earlier.";
    assert_eq!(narrative_values(text), ["2023", "2022", "2022"]);
}

#[test]
fn year_ago_in_a_report_on_a_quarter_is_that_quarter() {
    let text = "Acme earned $5 million in the third quarter. The year-earlier figure was $4 million. Sales rose from a year ago.";
    assert_eq!(narrative_values(text), ["2025-Q3", "2024-Q3", "2024-Q3"]);
}

#[test]
fn latest_period_in_a_report_on_a_quarter_is_that_quarter() {
    let text = "Acme earned $5 million in the second quarter. Sales in the latest period rose 5%.";
    let found = narrative(text, PUBLISHED);
    let m = find(text, &found, "latest");
    assert_eq!(m.span.slice(text), "the latest period");
    assert_eq!(date(m).timex, "2025-Q2");
    // With no quarter named, "the latest period" names no date.
    assert!(hits("Sales in the latest period rose 5%.", PUBLISHED).is_empty());
}

#[test]
fn same_period_last_year_in_a_report_on_a_quarter_is_that_quarter_a_year_before() {
    let text = "Acme earned $5 million in the second quarter. It had earned $4 million in the same period last year.";
    let found = narrative(text, PUBLISHED);
    let m = find(text, &found, "same period");
    assert_eq!(m.span.slice(text), "the same period last year");
    assert_eq!(date(m).timex, "2024-Q2");
    let text = "Acme lost $1 million in the third quarter, against a profit in the corresponding period last year.";
    assert_eq!(narrative_values(text), ["2025-Q3", "2024-Q3"]);
    // With no quarter named, the year alone.
    let text = "Sales rose from the same period last year.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "last year", "2024")]);
}

#[test]
fn year_then_quarter_is_that_quarter() {
    let text = "Acme lost $2 million in the 2024 second quarter.";
    assert_eq!(
        hits(text, PUBLISHED),
        [hit("date", "the 2024 second quarter", "2024-Q2")]
    );
    let text = "Acme earned $5 million in the third quarter, against $4 million in the 2024 period.";
    let found = mentions(text, PUBLISHED);
    assert_eq!(date(find(text, &found, "2024")).timex, "2024-Q3");
    assert_eq!(find(text, &found, "2024").span.slice(text), "the 2024 period");
}

#[test]
fn year_ended_a_date_is_a_length() {
    let text = "Net income for the year ended June 30 rose 5%.";
    let found = mentions(text, PUBLISHED);
    let m = find(text, &found, "year");
    assert_eq!(m.span.slice(text), "the year");
    assert_eq!(duration(m).timex, "P1Y");
    let text = "Net income for the fiscal year ended June 30 rose 5%.";
    let found = mentions(text, PUBLISHED);
    assert_eq!(duration(find(text, &found, "year")).timex, "P1Y");
}

#[test]
fn quarter_ended_a_date_is_the_quarter_holding_most_of_its_months() {
    // Published in October, "the quarter" alone is the third (the last one
    // completed); ended July 31, it is May to July.
    let text = "Acme had 5 million shares in the quarter ended July 31.";
    let found = mentions(text, Some("2025-10-30"));
    let m = find(text, &found, "quarter");
    assert_eq!(m.span.slice(text), "the quarter");
    assert_eq!(date(m).timex, "2025-Q2");
    let text = "Acme earned $5 million for the quarter ended June 30.";
    assert_eq!(date(find(text, &mentions(text, PUBLISHED), "quarter")).timex, "2025-Q2");
    // A date early in its month ends the month before: April to June.
    let text = "Acme earned $5 million for the quarter ended July 2.";
    assert_eq!(date(find(text, &mentions(text, PUBLISHED), "quarter")).timex, "2025-Q2");
    let text = "Acme earned $5 million for the quarter ended Aug. 31.";
    assert_eq!(date(find(text, &mentions(text, PUBLISHED), "quarter")).timex, "2025-Q3");
}

#[test]
fn quarter_ended_a_date_in_a_report_on_a_fiscal_quarter_is_that_quarter() {
    let text = "Acme earned $5 million in the fiscal first quarter. Sales for the quarter ended June 27 rose 9% from a year earlier.";
    assert_eq!(narrative_values(text), ["2025-Q1", "2025-Q1", "2025-06-27", "2024-Q1"]);
    // A calendar quarter named before does not decide it.
    let text = "Acme earned $5 million in the first quarter. Sales for the quarter ended June 27 rose 9%.";
    assert_eq!(narrative_values(text), ["2025-Q1", "2025-Q2", "2025-06-27"]);
}

#[test]
fn the_quarter_in_a_report_on_a_fiscal_quarter_is_that_quarter() {
    let text = "Acme earned $5 million in the fiscal first quarter. Sales for the quarter ended June 27 rose 9%. Acme had expected to break even for the quarter.";
    assert_eq!(narrative_values(text), ["2025-Q1", "2025-Q1", "2025-06-27", "2025-Q1"]);
    // A calendar quarter named before does not decide it: the last one completed.
    let text = "Acme earned $5 million in the first quarter. Acme had expected to break even for the quarter.";
    assert_eq!(narrative_values(text), ["2025-Q1", "2025-Q2"]);
}

#[test]
fn year_ago_before_a_numbered_quarter_is_that_quarter_a_year_before() {
    let text = "Acme earned $5 million in the third quarter. In the year-earlier third quarter, it earned $4 million.";
    assert_eq!(narrative_values(text), ["2025-Q3", "2024-Q3"]);
    let text = "Sales in the year-ago first half fell.";
    assert_eq!(
        hits(text, PUBLISHED),
        [hit("date", "the year-ago first half", "2024-H1")]
    );
}

#[test]
fn the_full_year_is_the_year_reported_on_not_a_target_named_before() {
    let text = "Acme had said that by 2028 it intended to double its share. It forecast an increase for the full year.";
    assert_eq!(narrative_values(text), ["2028", "2025"]);
    let text = "Acme earned $5 million in the fourth quarter of 2024. Sales for the full year rose 5%.";
    assert_eq!(narrative_values(text), ["2024-Q4", "2024"]);
}

#[test]
fn the_fiscal_year_is_the_year() {
    let text = "Acme expects lower earnings for the fiscal year.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "the fiscal year", "2025")]);
}

#[test]
fn clock_time_is_on_the_day_last_named() {
    let text = "The plant closed on June 12, 2025. The fire started at 3 p.m.";
    let found = narrative(text, PUBLISHED);
    assert_eq!(date(find(text, &found, "3 p.m.")).timex, "2025-06-12T15:00");
}

#[test]
fn previous_day_counts_from_the_last_named_day() {
    let text = "The merger closed on June 12, 2025. Shares had jumped the previous day.";
    let found = narrative(text, PUBLISHED);
    let m = find(text, &found, "previous day");
    assert_eq!(m.kind(), "date");
    assert_eq!(date(m).timex, "2025-06-11");
}

#[test]
fn previous_and_following_weekday_count_from_the_last_named_day() {
    // Published Friday, Aug. 29, 2025.
    let text = "The index closed at 2,082 on Friday, August 15, down 4% from the previous Friday.";
    assert_eq!(narrative_values(text), ["2025-08-15", "2025-08-08"]);
    let text = "The index closed at 2,082 on Friday, August 15. It rose the following Monday.";
    assert_eq!(narrative_values(text), ["2025-08-15", "2025-08-18"]);
    // With no day named, from the time of writing.
    let text = "The index fell 4% from the previous Friday.";
    assert_eq!(narrative_values(text), ["2025-08-22"]);
}

#[test]
fn now_is_present_ref() {
    let text = "Prices are now higher.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "now", "PRESENT_REF")]);
}

#[test]
fn currently_is_present_ref() {
    let text = "The company is currently profitable.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "currently", "PRESENT_REF")]);
}

#[test]
fn recently_is_past_ref() {
    let text = "The company recently cut prices.";
    assert_eq!(hits(text, PUBLISHED), [hit("date", "recently", "PAST_REF")]);
}

#[test]
fn month_day_without_publication_date_is_underspecified() {
    let text = "The deal closed on June 12.";
    let m = only(text, None);
    assert_eq!(
        summary(text, std::slice::from_ref(&m)),
        [hit("date", "June 12", "XXXX-06-12")]
    );
    assert_eq!(date(&m).interval, None);
}

#[test]
fn yesterday_without_publication_date_has_no_interval() {
    let text = "Shares fell yesterday.";
    let m = only(text, None);
    assert_eq!(m.kind(), "date");
    assert_eq!(date(&m).interval, None);
}

#[test]
fn months_duration() {
    let text = "The project took 18 months.";
    assert_eq!(hits(text, PUBLISHED), [hit("duration", "18 months", "P18M")]);
}

#[test]
fn decade_duration() {
    let text = "The project took a decade.";
    assert_eq!(hits(text, PUBLISHED), [hit("duration", "a decade", "P10Y")]);
}

#[test]
fn hyphenated_duration_before_noun() {
    let text = "He signed a two-year contract.";
    let m = only(text, PUBLISHED);
    assert!(m.span.slice(text).contains("two-year"));
    assert_eq!(m.kind(), "duration");
    assert_eq!(m.timex(), Some("P2Y"));
}

#[test]
fn past_years_duration() {
    let text = "Sales doubled in the past five years.";
    let m = only(text, PUBLISHED);
    assert!(m.span.slice(text).ends_with("past five years"));
    assert_eq!(m.kind(), "duration");
    assert_eq!(m.timex(), Some("P5Y"));
}

#[test]
fn vague_count_duration() {
    let text = "The project took several years.";
    assert_eq!(hits(text, PUBLISHED), [hit("duration", "several years", "PXY")]);
}

#[test]
fn duration_with_a_half() {
    assert_eq!(
        hits(
            "They lived in the camps for 2 1/2 years, then 5 1/2 hours on a bus.",
            PUBLISHED
        ),
        [
            hit("duration", "2 1/2 years", "P2Y6M"),
            hit("duration", "5 1/2 hours", "PT5H30M")
        ]
    );
    assert_eq!(
        hits("The meeting lasted an hour and a half.", PUBLISHED),
        [hit("duration", "an hour and a half", "PT1H30M")]
    );
    assert_eq!(
        hits("It is almost two and a half years behind schedule.", PUBLISHED),
        [hit("duration", "almost two and a half years", "P2Y6M")]
    );
    // A unit whose half is no whole number of a smaller one keeps its count.
    assert_eq!(
        hits("It took two weeks and a half.", PUBLISHED),
        [hit("duration", "two weeks", "P2W")]
    );
    // A fraction that no unit follows is no time ("dropped 2 1/2 to 37").
    assert_eq!(hits("McCaw dropped 2 1/2 to 37 3/4.", PUBLISHED), []);
}

#[test]
fn half_of_a_unit_is_counted_in_a_smaller_one() {
    assert_eq!(
        hits(
            "They waited half an hour, then a half-hour more; the feud is half a century old.",
            PUBLISHED
        ),
        [
            hit("duration", "half an hour", "PT30M"),
            hit("duration", "a half-hour", "PT30M"),
            hit("duration", "half a century", "P50Y")
        ]
    );
    // A count, "and a half" and the unit, hyphenated as an adjective.
    assert_eq!(
        hits("He served a three-and-a-half-year sentence.", PUBLISHED),
        [hit("duration", "three-and-a-half-year", "P3Y6M")]
    );
    // Quarters of a unit, the same way.
    assert_eq!(
        hits(
            "After a quarter century and three quarters of an hour, a quarter-century later.",
            PUBLISHED
        ),
        [
            hit("duration", "a quarter century", "P25Y"),
            hit("duration", "three quarters of an hour", "PT45M"),
            hit("date", "a quarter-century later", "2050")
        ]
    );
    assert_eq!(
        hits("It was founded a quarter of a century ago.", PUBLISHED),
        [hit("date", "a quarter of a century ago", "2000")]
    );
    // Placed by an offset word as a whole count is.
    assert_eq!(
        hits("The plant closed half a century ago.", PUBLISHED),
        [hit("date", "half a century ago", "1975")]
    );
    assert_eq!(
        hits("It took half a year and a half day.", PUBLISHED),
        [
            hit("duration", "half a year", "P6M"),
            hit("duration", "a half day", "PT12H")
        ]
    );
    // Half of no unit is no time; half of a unit no smaller one divides
    // is some number of it, not one.
    assert_eq!(hits("Half a dozen firms left in half the cases.", PUBLISHED), []);
    assert_eq!(
        hits("It took half a week.", PUBLISHED),
        [hit("duration", "half a week", "PXW")]
    );
}

#[test]
fn unit_long_is_a_length() {
    assert_eq!(
        hits(
            "After their third day-long meeting, the decades-long feud ended.",
            PUBLISHED
        ),
        [
            hit("duration", "day-long", "P1D"),
            hit("duration", "decades-long", "PXY")
        ]
    );
    assert_eq!(
        hits("A two-week-long strike and a year-long inquiry.", PUBLISHED),
        [
            hit("duration", "two-week-long", "P2W"),
            hit("duration", "year-long", "P1Y")
        ]
    );
}

#[test]
fn filler_between_article_and_unit() {
    assert_eq!(
        hits("The loan may be extended for an additional year.", PUBLISHED),
        [hit("duration", "an additional year", "P1Y")]
    );
    assert_eq!(
        hits("It forecast an increase for the full year.", PUBLISHED),
        [hit("date", "the full year", "2025")]
    );
}

#[test]
fn couple_of_years_is_two() {
    assert_eq!(
        hits("It will not change for a couple of years.", PUBLISHED),
        [hit("duration", "a couple of years", "P2Y")]
    );
    assert_eq!(
        hits("Over the next couple of years, and a dozen years after.", PUBLISHED),
        [
            hit("duration", "the next couple of years", "P2Y"),
            hit("duration", "a dozen years", "P12Y")
        ]
    );
}

#[test]
fn clock_time() {
    let text = "Trading halted at 3 p.m. and did not resume.";
    assert_eq!(hits(text, PUBLISHED), [hit("time", "3 p.m.", "2025-08-29T15:00")]);
}

#[test]
fn clock_hour_in_a_part_of_the_day() {
    assert_eq!(
        hits(
            "He will leave at 4 in the morning and land at 9 in the evening.",
            PUBLISHED
        ),
        [
            hit("time", "4 in the morning", "2025-08-29T04:00"),
            hit("time", "9 in the evening", "2025-08-29T21:00")
        ]
    );
    // A count before "in the morning" with no time word is no clock.
    assert_eq!(hits("Shares fell 4 in the session.", PUBLISHED), []);
}

#[test]
fn part_word_before_a_part_of_the_day() {
    assert_eq!(
        hits(
            "By mid afternoon, shares were up; at mid-afternoon yesterday they fell.",
            PUBLISHED
        ),
        [
            hit("time", "mid afternoon", "2025-08-29TAF"),
            hit("time", "mid-afternoon yesterday", "2025-08-28TAF")
        ]
    );
    assert_eq!(
        hits("The raid began in the early morning of March 30.", Some("2025-04-02")),
        [hit("time", "early morning of March 30", "2025-03-30TMO")]
    );
    assert_eq!(
        hits("It happened in the early morning last Wednesday.", PUBLISHED),
        [hit("time", "early morning last Wednesday", "2025-08-27TMO")]
    );
}

#[test]
fn noon() {
    let text = "Trading halted at noon.";
    assert_eq!(hits(text, PUBLISHED), [hit("time", "noon", "2025-08-29T12:00")]);
    let text = "He appears in court at midday.";
    assert_eq!(hits(text, PUBLISHED), [hit("time", "midday", "2025-08-29T12:00")]);
}

#[test]
fn clock_time_with_zone() {
    let text = "Trading halted at 3:30 p.m. EST and did not resume.";
    let m = only(text, PUBLISHED);
    assert_eq!(m.span.slice(text), "3:30 p.m. EST");
    assert_eq!(m.kind(), "time");
    assert!(date(&m).timex.starts_with("2025-08-29T15:30"), "{}", date(&m).timex);
}

#[test]
fn every_year() {
    let text = "The company reports every year.";
    assert_eq!(hits(text, PUBLISHED), [hit("set", "every year", "P1Y")]);
}

#[test]
fn annually() {
    let text = "The fee is paid annually.";
    assert_eq!(hits(text, PUBLISHED), [hit("set", "annually", "P1Y")]);
}

#[test]
fn each_weekday() {
    let text = "The board meets each Monday.";
    assert_eq!(hits(text, PUBLISHED), [hit("set", "each Monday", "XXXX-WXX-1")]);
}

#[test]
fn months_after_event() {
    let text = "Sales doubled two months after the launch, analysts said.";
    let m = only(text, PUBLISHED);
    assert_eq!(m.span.slice(text), "two months");
    let d = duration(&m);
    assert_eq!(d.timex, "P2M");
    let anchor = d.anchor.as_ref().expect("no anchor");
    assert_eq!(anchor.relation, Relation::After);
    assert_eq!(anchor.event.slice(text), "the launch");
    assert_eq!(anchor.date.timex, "2025-06");
}

#[test]
fn weeks_before_event() {
    let text = "Candidates must file three weeks before the election, officials said.";
    let m = only(text, PUBLISHED);
    let d = duration(&m);
    assert_eq!(d.timex, "P3W");
    let anchor = d.anchor.as_ref().expect("no anchor");
    assert_eq!(anchor.relation, Relation::Before);
    assert_eq!(anchor.event.slice(text), "the election");
    assert_eq!(anchor.date.timex, "2025-W38");
}

#[test]
fn hours_after_event_place_it_within_days() {
    // Published 2025-08-29: the blast was two days before, give or take a day.
    let text = "Police arrived 48 hours after the blast, officials said.";
    let m = only(text, PUBLISHED);
    let anchor = duration(&m).anchor.as_ref().expect("no anchor");
    assert_eq!(anchor.event.slice(text), "the blast");
    let interval = anchor.date.interval.expect("no interval");
    assert_eq!((interval.start, interval.end), (day("2025-08-26"), day("2025-08-29")));
    // Half an hour is no longer than a day, however round the count.
    let text = "Police arrived half an hour after the blast.";
    let m = only(text, PUBLISHED);
    assert_eq!(m.span.slice(text), "half an hour");
    let anchor = duration(&m).anchor.as_ref().expect("no anchor");
    let interval = anchor.date.interval.expect("no interval");
    assert_eq!((interval.start, interval.end), (day("2025-08-28"), day("2025-08-31")));
}

#[test]
fn year_after_event() {
    let text = "Shares rose a year after the merger, analysts said.";
    let m = only(text, PUBLISHED);
    let d = duration(&m);
    assert_eq!(d.timex, "P1Y");
    let anchor = d.anchor.as_ref().expect("no anchor");
    assert_eq!(anchor.relation, Relation::After);
    assert_eq!(anchor.event.slice(text), "the merger");
    assert_eq!(anchor.date.timex, "2024");
}

#[test]
fn two_events_in_one_clause_end_at_each_other() {
    let text = "The deal came three weeks before the election and a year after the merger.";
    let events: Vec<&str> = mentions(text, PUBLISHED)
        .iter()
        .map(|m| duration(m).anchor.as_ref().expect("no anchor").event.slice(text))
        .collect();
    assert_eq!(events, ["the election", "the merger"]);
    // An abbreviation keeps its full stop.
    let text = "Sales fell two months after the deal with the U.S.";
    let m = only(text, PUBLISHED);
    assert_eq!(
        duration(&m).anchor.as_ref().expect("no anchor").event.slice(text),
        "the deal with the U.S."
    );
    // A capitalized word that is no abbreviation loses it.
    let text = "Sales fell two months after a vote at the UN.";
    let m = only(text, PUBLISHED);
    assert_eq!(
        duration(&m).anchor.as_ref().expect("no anchor").event.slice(text),
        "a vote at the UN"
    );
}

#[test]
fn hedged_duration_after_event() {
    let text = "The startup lost its chief barely two months after a $14.3 billion investment, the company said.";
    let m = only(text, PUBLISHED);
    let d = duration(&m);
    assert_eq!(d.timex, "P2M");
    assert_eq!(d.modifier, Some(Modifier::Approx));
    let anchor = d.anchor.as_ref().expect("no anchor");
    assert_eq!(anchor.relation, Relation::After);
    assert_eq!(anchor.event.slice(text), "a $14.3 billion investment");
    assert_eq!(anchor.date.timex, "2025-06");
}

#[test]
fn modal_may_is_not_a_month() {
    let text = "If prices rise, they may go.";
    assert_eq!(hits(text, PUBLISHED), []);
}

#[test]
fn age_is_not_a_duration() {
    let text = "Police found the 6-year-old boy.";
    let found = mentions(text, PUBLISHED);
    assert!(
        found.iter().all(|m| m.kind() != "duration"),
        "{:?}",
        summary(text, &found)
    );
}

#[test]
fn dollar_amount_is_not_a_year() {
    let text = "The ticket cost $2000.";
    assert_eq!(hits(text, PUBLISHED), []);
}

#[test]
fn count_with_thousands_separator_is_not_a_year() {
    let text = "The plant employs 1,500 people.";
    assert_eq!(hits(text, PUBLISHED), []);
}

#[test]
fn verb_fall_is_not_a_season() {
    let text = "When supply rises, prices fall.";
    assert_eq!(hits(text, PUBLISHED), []);
}

#[test]
fn season_after_a_preposition_and_the() {
    assert_eq!(
        hits(
            "Over the summer, rivals cut prices well into the winter.",
            Some("2025-10-26")
        ),
        [
            hit("date", "the summer", "2025-SU"),
            hit("date", "the winter", "2025-WI")
        ]
    );
    // "the fall of" a thing is no season.
    assert_eq!(hits("Prices rose after the fall of the regime.", PUBLISHED), []);
}

#[test]
fn long_run_of_digits_is_no_date() {
    let text = "1".repeat(1_000_000);
    assert!(mentions(&text, PUBLISHED).is_empty());
}

#[test]
fn long_runs_of_month_names() {
    // Bare months with nothing that takes a date are no dates; with "in"
    // before each, every one is.
    assert!(mentions(&"June ".repeat(100_000), PUBLISHED).is_empty());
    let found = mentions(&"in June ".repeat(100_000), PUBLISHED);
    assert_eq!(found.len(), 100_000);
    assert!(found.iter().all(|m| m.timex() == Some("2025-06")));
}

#[test]
fn bounded_dates() {
    let text = "Prices rose before 2020, fell since June 2024, stay flat until 2030 and rise in 2031 or later.";
    let out = mentions(text, PUBLISHED);
    let found: Vec<(&str, Option<Modifier>)> = out
        .iter()
        .map(|m| match &m.value {
            Value::Date(d) => (m.span.slice(text), d.modifier),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        found,
        [
            ("2020", Some(Modifier::Before)),
            ("June 2024", Some(Modifier::OnOrAfter)),
            ("2030", Some(Modifier::OnOrBefore)),
            ("2031 or later", Some(Modifier::OnOrAfter)),
        ]
    );
    let Value::Date(before) = &out[0].value else {
        unreachable!()
    };
    let interval = before.interval.unwrap();
    assert_eq!(interval.end.to_string(), "2020-01-01");
    assert!(interval.start < NaiveDate::from_ymd_opt(1980, 1, 1).unwrap());
}

#[test]
fn glued_meridiem() {
    assert_eq!(
        hits("The vote is at 10am.", PUBLISHED),
        [hit("time", "10am", "2025-08-29T10:00")]
    );
    assert!(hits("The 737MAX and 5G are products.", PUBLISHED).is_empty());
}

#[test]
fn coming_weeks_are_some_weeks() {
    assert_eq!(
        hits("Talks resume in the coming weeks.", PUBLISHED),
        [hit("duration", "the coming weeks", "PXW")]
    );
    assert_eq!(
        hits("Sales fell in recent years.", PUBLISHED),
        [hit("duration", "recent years", "PXY")]
    );
}

#[test]
fn day_with_a_shifted_year_after_it_is_in_that_year() {
    // Published Aug. 29, 2025.
    assert_eq!(
        hits("The leaders were arrested on June 23 last year.", PUBLISHED),
        [hit("date", "June 23 last year", "2024-06-23")]
    );
    assert_eq!(
        hits("The rule takes effect Jan. 1 next year.", PUBLISHED),
        [hit("date", "Jan. 1 next year", "2026-01-01")]
    );
    // "that year" is the year last named.
    let text = "The firm was founded in 1976. It opened a plant in September that year.";
    assert_eq!(narrative_values(text), ["1976", "1976-09"]);
}

#[test]
fn part_of_the_day_after_a_preposition_is_on_the_day_last_named() {
    // Published Friday, Aug. 29, 2025.
    assert_eq!(
        hits("Dealers placed heavy buy orders in the morning.", PUBLISHED),
        [hit("time", "the morning", "2025-08-29TMO")]
    );
    let text = "Stocks fell on Tuesday, August 26. Dealers sold during the afternoon.";
    assert_eq!(narrative_values(text), ["2025-08-26", "2025-08-26TAF"]);
    // A compound, or a night "of" a date, is no such time.
    assert!(hits("Volume in the morning session was light.", PUBLISHED).is_empty());
    assert_eq!(
        hits("He was shot on the night of Aug. 23.", PUBLISHED),
        [hit("date", "Aug. 23", "2025-08-23")]
    );
}

#[test]
fn model_names_are_no_times() {
    assert!(hits("The KC-30s are based on the A330.", PUBLISHED).is_empty());
    assert!(hits("Two F-16s flew over.", PUBLISHED).is_empty());
    assert!(hits("A second A380 is also travelling to the U.S.", PUBLISHED).is_empty());
    // A decade after a part and a hyphen is one.
    assert_eq!(hits("Sales peaked in the mid-1990s.", PUBLISHED)[0].2, "199");
    assert_eq!(hits("Mid-1990s sales peaked.", PUBLISHED)[0].2, "199");
    // "a second" before a time word or at the end is a length.
    assert_eq!(
        hits("The lights went out for a second.", PUBLISHED),
        [hit("duration", "a second", "PT1S")]
    );
}

#[test]
fn half_of_a_decade_or_century_is_that_period_with_a_part() {
    let text = "Sales were flat in the last half of the '80s.";
    let found = mentions(text, PUBLISHED);
    let m = find(text, &found, "half");
    assert_eq!(m.span.slice(text), "the last half of the '80s");
    assert_eq!(date(m).timex, "198");
    assert_eq!(date(m).modifier, Some(Modifier::End));
    let text = "Prices rose in the first half of the 1990s.";
    let found = mentions(text, PUBLISHED);
    let m = find(text, &found, "half");
    assert_eq!(m.span.slice(text), "the first half of the 1990s");
    assert_eq!(date(m).timex, "199");
    assert_eq!(date(m).modifier, Some(Modifier::Start));
    // Of a year, it is that half.
    assert_eq!(
        hits("Prices rose in the second half of 2024.", PUBLISHED),
        [hit("date", "the second half of 2024", "2024-H2")]
    );
}

#[test]
fn week_of_a_day_is_the_week_that_holds_it() {
    // Published Friday, Aug. 29, 2025; Sept. 10 is a Wednesday of week 37.
    assert_eq!(
        hits("The case may be heard the week of Sept. 10.", PUBLISHED),
        [hit("date", "the week of Sept. 10", "2025-W37")]
    );
    // "the week" alone, or of no day, is the week of writing.
    assert_eq!(
        hits("Shares fell 3% in the week.", PUBLISHED),
        [hit("date", "the week", "2025-W35")]
    );
    assert_eq!(
        hits("Shares fell 3% in the week of September.", PUBLISHED),
        [hit("date", "the week", "2025-W35"), hit("date", "September", "2024-09")]
    );
}

#[test]
fn plural_units_after_a_preposition_and_the_are_some_units() {
    assert_eq!(
        hits("Prices rose over the years.", PUBLISHED),
        [hit("duration", "the years", "PXY")]
    );
    assert_eq!(
        hits("In the weeks that followed, sales fell.", PUBLISHED),
        [hit("duration", "the weeks", "PXW")]
    );
    // Placed by an event, they are no number of weeks.
    assert!(hits("His car was seen in the weeks before the shooting.", PUBLISHED).is_empty());
    // With no preposition, the units are a subject.
    assert!(hits("The years went by.", PUBLISHED).is_empty());
}

#[test]
fn fall_after_to_is_a_verb() {
    assert!(hits("Prices began to fall apart.", PUBLISHED).is_empty());
    let text = "Talks ran from spring to fall.";
    let found: Vec<_> = hits(text, PUBLISHED).into_iter().map(|h| h.1).collect();
    assert_eq!(found, ["spring", "fall"]);
    assert_eq!(
        hits("Talks run until fall.", PUBLISHED),
        [hit("date", "fall", "2025-FA")]
    );
}

#[test]
fn last_month_day() {
    assert_eq!(
        hits("He was shot to death last Oct. 23 at his home.", PUBLISHED),
        [hit("date", "last Oct. 23", "2024-10-23")]
    );
}

#[test]
fn last_half_of_a_year_is_its_second_half() {
    assert_eq!(
        hits("Earnings will be lower for the last half of 2025.", PUBLISHED),
        [hit("date", "the last half of 2025", "2025-H2")]
    );
}

#[test]
fn years_in_words() {
    assert_eq!(
        hits("Keating was convicted in nineteen ninety-one.", PUBLISHED),
        [hit("date", "nineteen ninety-one", "1991")]
    );
    assert_eq!(
        hits("Atlanta again, January nineteen ninety-seven.", PUBLISHED),
        [hit("date", "January nineteen ninety-seven", "1997-01")]
    );
    assert_eq!(
        hits("Prices fell in the winter of nineteen ninety-four.", PUBLISHED),
        [hit("date", "the winter of nineteen ninety-four", "1994-WI")]
    );
    assert_eq!(
        hits("He promised it by the year two thousand.", PUBLISHED),
        [hit("date", "the year two thousand", "2000")]
    );
    assert_eq!(
        hits("It ends in the year 2030.", PUBLISHED),
        [hit("date", "the year 2030", "2030")]
    );
    // A count of years is no year.
    assert_eq!(
        hits("The glass secrets were kept for two thousand years.", PUBLISHED),
        [hit("duration", "two thousand years", "P2000Y")]
    );
}

#[test]
fn random_text_never_panics() {
    // Pieces that reach every rule, glued in random orders with characters
    // of several byte lengths.
    const PIECES: [&str; 32] = [
        "June", "12", "2025", "-", "/", ":", ".", ",", " ", "the", "last", "week", "ago", "after", "Q2", "mid", "é",
        "—", "’", "90s", "3:30", "p.m.", "a", "year", "earlier", "Friday", "of", "or later", "1,500", "$", "二", "\n",
    ];
    let rules = RuleSet::embedded().unwrap();
    let recognizer = DateRecognizer::new(&rules.lang).unwrap();
    for (round, text) in crate::util::random_texts(&PIECES, 20_000, 80).enumerate() {
        let mut out = Vec::new();
        let published = if round % 2 == 0 { PUBLISHED.map(day) } else { None };
        recognizer.find(&text, &[Span::new(0, text.len())], published, &mut out);
        for m in &out {
            assert!(
                text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end),
                "{text:?}"
            );
        }
    }
}

#[test]
fn in_months_is_a_date_in_a_future_clause() {
    assert_eq!(
        hits("The deal will close in three months.", PUBLISHED),
        [hit("date", "three months", "2025-11")]
    );
    assert_eq!(
        hits("Prices rose in three months.", PUBLISHED),
        [hit("duration", "three months", "P3M")]
    );
}

#[test]
fn in_years_after_a_record_spans_back_even_in_a_future_clause() {
    for (text, words, value) in [
        (
            "It will be the first visit by a US president in ten years.",
            "ten years",
            "P10Y",
        ),
        (
            "Prices will hit their highest level in five years.",
            "five years",
            "P5Y",
        ),
        (
            "The company will post its biggest loss in a decade.",
            "a decade",
            "P10Y",
        ),
    ] {
        assert_eq!(hits(text, PUBLISHED), [hit("duration", words, value)], "{text}");
    }
    // A verb between the record word and "in": the plan is ahead.
    assert_eq!(
        hits("The first plant will open in three years.", PUBLISHED),
        [hit("date", "three years", "2028")]
    );
}

#[test]
fn year_possessive_quarter() {
    assert_eq!(
        hits("Sales fell in this year's third quarter.", PUBLISHED),
        [hit("date", "this year's third quarter", "2025-Q3")]
    );
    assert_eq!(
        hits("Sales fell in 2024's second half.", PUBLISHED),
        [hit("date", "2024's second half", "2024-H2")]
    );
}

#[test]
fn floating_holidays() {
    assert_eq!(
        hits("Stores opened on Thanksgiving Day and on Labor Day 2024.", PUBLISHED),
        [
            hit("date", "Thanksgiving Day", "2024-11-28"),
            hit("date", "Labor Day 2024", "2024-09-02")
        ]
    );
    assert_eq!(
        hits("Parades marked Memorial Day.", PUBLISHED),
        [hit("date", "Memorial Day", "2025-05-26")]
    );
}

#[test]
fn future_before_a_noun_is_an_adjective() {
    // A period after the noun ends the sentence; the noun is still one.
    assert!(hits("The chip is Intel's future flagship.", PUBLISHED).is_empty());
    assert_eq!(
        hits("It bodes ill for future quarters.", PUBLISHED),
        [hit("date", "future quarters", "FUTURE_REF")]
    );
    assert_eq!(
        hits("No one can tell the future.", PUBLISHED),
        [hit("date", "the future", "FUTURE_REF")]
    );
}

#[test]
fn listed_participle_after_a_modal_takes_its_tense() {
    // "paid" is a listed past cue; after "will be" it is the future.
    assert_eq!(
        hits("The dividend will be paid Dec. 14.", PUBLISHED),
        [hit("date", "Dec. 14", "2025-12-14")]
    );
    assert_eq!(
        hits("The dividend was paid Dec. 14.", PUBLISHED),
        [hit("date", "Dec. 14", "2024-12-14")]
    );
}

#[test]
fn modal_just_before_the_tense_window_still_counts() {
    // "would" lies beyond the words read around the date, "held" within.
    assert_eq!(
        hits(
            "The accession would still be held at the NATO Washington summit on April 24.",
            PUBLISHED
        ),
        [hit("date", "April 24", "2026-04-24")]
    );
}

#[test]
fn capitalized_or_listed_words_in_ed_are_no_past_verbs() {
    // "United" is a name, "hundred" a number: "would" and "will" decide.
    assert_eq!(
        hits(
            "The father would be traveling to the United States Thursday.",
            PUBLISHED
        ),
        [hit("date", "Thursday", "2025-09-04")]
    );
    assert_eq!(
        hits("The summit will welcome on Monday a hundred leaders.", PUBLISHED),
        [hit("date", "Monday", "2025-09-01")]
    );
}

#[test]
fn capitalized_time_words_inside_a_sentence_are_a_title() {
    let text = "Baker said on ABC's \"This Week\" that talks go on. He spoke on CBS's \"60 Minutes\" too.";
    assert!(hits(text, PUBLISHED).is_empty(), "{:?}", hits(text, PUBLISHED));
    // At the start of a sentence a capital is only the sentence's.
    assert_eq!(
        narrative_values("Talks go on. This week was calm. \"Last week was worse.\""),
        ["2025-W35", "2025-W34"]
    );
}

#[test]
fn now_opening_a_sentence_before_a_comma_names_no_time() {
    assert!(hits("Now, he says, it looks bad.", PUBLISHED).is_empty());
    assert!(hits("Currently, organs are rationed.", PUBLISHED).is_empty());
    assert_eq!(
        hits("Now the mission is unclear.", PUBLISHED),
        [hit("date", "Now", "PRESENT_REF")]
    );
    assert_eq!(
        hits("The fund now holds cash.", PUBLISHED),
        [hit("date", "now", "PRESENT_REF")]
    );
}

#[test]
fn second_before_a_noun_is_an_ordinal() {
    assert!(hits("A second group of directors joined.", PUBLISHED).is_empty());
    assert_eq!(
        hits("It fell a second later.", PUBLISHED),
        [hit("duration", "a second", "PT1S")]
    );
    assert_eq!(
        hits("It lasted a second, no more.", PUBLISHED),
        [hit("duration", "a second", "PT1S")]
    );
}

#[test]
fn quarters_and_halves_of_things_are_fractions() {
    let text = "Iraq imports about three-quarters of its food; funds hold more than a quarter of the market and one-half share.";
    assert!(hits(text, PUBLISHED).is_empty(), "{:?}", hits(text, PUBLISHED));
    assert_eq!(
        hits("It recovered after several quarters of losses.", PUBLISHED),
        [hit("duration", "several quarters", "PXQ")]
    );
    assert_eq!(
        hits("Sales rose in the first two quarters of 2024.", PUBLISHED)[0].0,
        "duration"
    );
}

#[test]
fn decade_after_a_possessive_is_an_age() {
    assert_eq!(
        hits("A man in his early 40s moved here in the 1990s.", PUBLISHED),
        [hit("date", "the 1990s", "199")]
    );
    assert!(hits("Kopp was in his 30s.", PUBLISHED).is_empty());
}

#[test]
fn decade_words_after_the_are_the_latest_such_decade() {
    assert_eq!(
        hits("Membership kept dropping through the nineties.", PUBLISHED),
        [hit("date", "the nineties", "199")]
    );
    // Written in 2025: the twenties have begun.
    assert_eq!(
        hits("Prices rose in the twenties.", PUBLISHED),
        [hit("date", "the twenties", "202")]
    );
    assert_eq!(
        hits("Prices rose in the twenties.", Some("1998-03-03")),
        [hit("date", "the twenties", "192")]
    );
    // An age, and a count with no determiner, are no decades.
    assert!(hits("She is in her sixties.", PUBLISHED).is_empty());
    assert!(hits("He was in his early sixties.", PUBLISHED).is_empty());
}

#[test]
fn weekday_of_writing_is_that_day_in_a_future_clause() {
    // Published on a Friday.
    assert_eq!(
        hits("The plane is set to land on Friday.", PUBLISHED),
        [hit("date", "Friday", "2025-08-29")]
    );
    assert_eq!(
        hits("The plane will land on Saturday.", PUBLISHED),
        [hit("date", "Saturday", "2025-08-30")]
    );
}

#[test]
fn capitalized_count_after_a_run_on_dateline_is_no_title() {
    assert_eq!(
        hits(
            "Boeing rolls out its jet August 08, 2011 Three years after it was due",
            PUBLISHED
        ),
        [
            hit("date", "August 08, 2011", "2011-08-08"),
            hit("duration", "Three years", "P3Y")
        ]
    );
}

#[test]
fn deadline_in_a_past_clause_is_ahead_when_near() {
    assert_eq!(
        hits("The offer was extended until mid-November.", PUBLISHED),
        [hit("date", "mid-November", "2025-11")]
    );
    assert_eq!(
        hits("They said the sale was completed by Dec. 15.", PUBLISHED),
        [hit("date", "Dec. 15", "2025-12-15")]
    );
    // In the next year too.
    assert_eq!(
        hits("The offer was extended until January.", PUBLISHED),
        [hit("date", "January", "2026-01")]
    );
    // Far ahead, the past clause wins: the last one.
    assert_eq!(
        hits("The deal was closed by September.", Some("2025-01-15")),
        [hit("date", "September", "2024-09")]
    );
}

#[test]
fn day_in_the_next_two_months_is_ahead_even_in_a_past_clause() {
    // Published Aug. 29, 2025.
    assert_eq!(
        hits("The offer was extended to Sept. 16.", PUBLISHED),
        [hit("date", "Sept. 16", "2025-09-16")]
    );
    assert_eq!(
        hits("The dividend was declared to holders of record Oct. 21.", PUBLISHED),
        [hit("date", "Oct. 21", "2025-10-21")]
    );
    // Further ahead, or a month alone, the past clause wins: the last one.
    assert_eq!(
        hits("The plant closed on Dec. 5.", PUBLISHED),
        [hit("date", "Dec. 5", "2024-12-05")]
    );
    assert_eq!(
        hits("The plant closed in September.", PUBLISHED),
        [hit("date", "September", "2024-09")]
    );
}

#[test]
fn date_something_takes_effect_is_ahead_when_near() {
    assert_eq!(
        hits(
            "It also created an office of the chairman, effective Feb. 1.",
            Some("2025-10-26")
        ),
        [hit("date", "Feb. 1", "2026-02-01")]
    );
    assert_eq!(
        hits("The pact had become effective June 1.", Some("2025-10-26")),
        [hit("date", "June 1", "2025-06-01")]
    );
}

#[test]
fn month_between_an_article_and_its_noun() {
    assert_eq!(
        hits("They boycotted the May elections under a June agreement.", PUBLISHED),
        [hit("date", "May", "2025-05"), hit("date", "June", "2025-06")]
    );
    // No noun after it, or no article before it: no date ("May" is a verb).
    assert_eq!(hits("Officials praised the May, and the other one.", PUBLISHED), []);
    assert_eq!(hits("The board May approve it.", PUBLISHED), []);
}

#[test]
fn weekday_after_until_is_ahead_even_in_a_past_clause() {
    // Published on Friday, 2025-08-29.
    assert_eq!(
        hits("Officials postponed until Tuesday morning any action.", PUBLISHED),
        [hit("time", "Tuesday morning", "2025-09-02TMO")]
    );
    assert_eq!(
        hits("The talks were adjourned until Monday.", PUBLISHED),
        [hit("date", "Monday", "2025-09-01")]
    );
    assert_eq!(
        hits("Reports are due by Wednesday.", PUBLISHED),
        [hit("date", "Wednesday", "2025-09-03")]
    );
    assert_eq!(
        hits("It has given the family until 9 a.m. Tuesday to sign.", PUBLISHED),
        [hit("time", "9 a.m. Tuesday", "2025-09-02T09:00")]
    );
    // "by" in a past clause keeps the past, and so does "until" opening
    // its clause.
    assert_eq!(
        hits("Most ballots had been counted by Tuesday.", PUBLISHED),
        [hit("date", "Tuesday", "2025-08-26")]
    );
    assert_eq!(
        hits("Until Thursday, they had not called him a suspect.", PUBLISHED),
        [hit("date", "Thursday", "2025-08-28")]
    );
}

#[test]
fn words_between_a_count_and_its_unit() {
    assert_eq!(
        hits("He stayed two more weeks, eight trading days of them busy.", PUBLISHED),
        [
            hit("duration", "two more weeks", "P2W"),
            hit("duration", "eight trading days", "P8D")
        ]
    );
    assert_eq!(
        hits("It will last at least 20 more years.", PUBLISHED),
        [hit("duration", "at least 20 more years", "P20Y")]
    );
    // Any other word between them parts them.
    assert!(hits("He sold two big weeks ago.", PUBLISHED).is_empty());
}

#[test]
fn count_of_short_units_before_later_or_earlier_is_a_duration() {
    let text = "Prices peaked on June 12. Three days later, they fell. A day earlier, trucks left.";
    assert_eq!(
        hits(text, PUBLISHED),
        [
            hit("date", "June 12", "2025-06-12"),
            hit("duration", "Three days", "P3D"),
            hit("duration", "A day", "P1D"),
        ]
    );
    assert_eq!(
        hits("Just over an hour later, he was declared dead.", PUBLISHED),
        [hit("duration", "Just over an hour", "PT1H")]
    );
    assert_eq!(
        hits("Two weeks later, he quit.", PUBLISHED),
        [hit("duration", "Two weeks", "P2W")]
    );
    // Longer units still name a period counted from the date last named.
    let text = "The plant opened in March 2020. Six months later it closed; a year later it reopened.";
    assert_eq!(
        hits(text, PUBLISHED),
        [
            hit("date", "March 2020", "2020-03"),
            hit("date", "Six months later", "2020-09"),
            hit("date", "a year later", "2021"),
        ]
    );
}

#[test]
fn past_alone_is_no_reference() {
    assert_eq!(
        hits("Its effort would continue past the Nov. 1 deadline.", PUBLISHED),
        [hit("date", "Nov. 1", "2025-11-01")]
    );
    assert!(hits("We know that if past is prologue, we face trouble.", PUBLISHED).is_empty());
    assert_eq!(
        hits("In the past, Russia has claimed it.", PUBLISHED),
        [hit("date", "the past", "PAST_REF")]
    );
    assert!(hits("Riots broke out for the past three summers.", PUBLISHED).is_empty());
    assert_eq!(
        hits("Sales fell this past spring.", PUBLISHED),
        [hit("date", "this past spring", "2025-SP")]
    );
}

#[test]
fn year_earlier_count_of_units_is_that_length() {
    assert_eq!(
        hits("Net for the year-earlier nine months included a gain.", PUBLISHED),
        [hit("duration", "the year-earlier nine months", "P9M")]
    );
    assert_eq!(
        hits("Sales in the year-ago six months rose.", PUBLISHED),
        [hit("duration", "the year-ago six months", "P6M")]
    );
    // A period noun or a unit alone stays the period a year before.
    assert_eq!(
        hits("The year-earlier period had a loss.", PUBLISHED),
        [hit("date", "The year-earlier period", "2024")]
    );
}

#[test]
fn vague_count_before_later_is_a_duration() {
    assert_eq!(
        hits("A few days later, shares fell.", PUBLISHED),
        [hit("duration", "A few days", "PXD")]
    );
}

#[test]
fn year_end_is_the_end_of_the_year_of_writing() {
    let found = hits("Debt fell by year-end and at year's end.", PUBLISHED);
    assert_eq!(
        found,
        [hit("date", "year-end", "2025"), hit("date", "year's end", "2025")]
    );
    let m = only("Stocks rose at the year end.", PUBLISHED);
    assert_eq!(m.span.slice("Stocks rose at the year end."), "the year end");
    assert_eq!(date(&m).modifier, Some(Modifier::End));
}

#[test]
fn duration_values_name_every_unit() {
    use grammar::{iso_duration, iso_duration_half};
    let cases = [
        (TimeUnit::Second, "PT3S", "PT3S"),
        (TimeUnit::Minute, "PT3M", "PT3M30S"),
        (TimeUnit::Hour, "PT3H", "PT3H30M"),
        (TimeUnit::Day, "P3D", "P3DT12H"),
        (TimeUnit::Week, "P3W", "P3W"),
        (TimeUnit::Weekend, "P6D", "P6D"),
        (TimeUnit::Month, "P3M", "P3M"),
        (TimeUnit::Quarter, "P3Q", "P3Q"),
        (TimeUnit::Half, "P18M", "P18M"),
        (TimeUnit::Year, "P3Y", "P3Y6M"),
        (TimeUnit::Decade, "P30Y", "P35Y"),
        (TimeUnit::Century, "P300Y", "P350Y"),
    ];
    for (unit, whole, half) in cases {
        assert_eq!(iso_duration(Some(3), unit), whole);
        assert_eq!(iso_duration_half(Some(3), unit), half);
    }
    assert_eq!(iso_duration(None, TimeUnit::Year), "PXY");
    assert_eq!(iso_duration(None, TimeUnit::Hour), "PTXH");
    assert_eq!(iso_duration_half(None, TimeUnit::Year), "PXY");
    assert_eq!(
        iso_duration(Some(u32::MAX), TimeUnit::Century),
        format!("P{}Y", u32::MAX)
    );
}

#[test]
fn a_hedge_before_a_date_it_does_not_bound_leaves_the_date_alone() {
    assert_eq!(
        hits("They talked about Tuesday's vote for nearly two weeks.", PUBLISHED),
        [
            hit("date", "Tuesday", "2025-08-26"),
            hit("duration", "nearly two weeks", "P2W"),
        ]
    );
    let m = only("The strike lasted about a week.", PUBLISHED);
    assert_eq!(duration(&m).modifier, Some(Modifier::Approx));
}

#[test]
fn a_decade_word_a_language_file_gives_no_decade_is_read_as_none() {
    let mut rules = RuleSet::embedded().unwrap();
    rules.lang.dates.decade_words.insert("zillions".into(), 2_147_483_000);
    rules.lang.dates.decade_words.insert("nineties".into(), 95);
    let recognizer = DateRecognizer::new(&rules.lang).unwrap();
    let text = "In the zillions and the nineties, prices rose; the sixties were calm.";
    let mut out = Vec::new();
    recognizer.find(text, &[Span::new(0, text.len())], PUBLISHED.map(day), &mut out);
    let found: Vec<&str> = out.iter().map(|m| m.span.slice(text)).collect();
    assert_eq!(found, ["the sixties"]);
}

/// Asserts that each sentence, published on `published`, holds the one
/// date given as (sentence, words, TIMEX3 value), or none when the words
/// are empty.
fn dated(published: &str, cases: &[(&str, &str, &str)]) {
    for &(text, words, value) in cases {
        let expected = match words {
            "" => vec![],
            _ => vec![hit("date", words, value)],
        };
        assert_eq!(hits(text, Some(published)), expected, "{text}");
    }
}

#[test]
fn a_weekday_in_a_newspaper_name_is_no_date() {
    // Published on Friday 2025-08-29: "Sunday" alone is 2025-08-24.
    dated(
        "2025-08-29",
        &[
            ("The Sunday Times reported the deal.", "", ""),
            ("The deal was reported by the Sunday Times.", "", ""),
            (
                "The Sunday Mirror said on Sunday that the deal was off.",
                "Sunday",
                "2025-08-24",
            ),
            // A weekday before any other capitalized word is still one.
            ("On Sunday Israel said the talks would go on.", "Sunday", "2025-08-24"),
        ],
    );
}

#[test]
fn a_date_after_since_has_passed_whatever_the_tense() {
    // Written on Friday 2025-12-12: the future clause would put them ahead.
    dated(
        "2025-12-12",
        &[
            ("He will be making his first visit since August.", "August", "2025-08"),
            (
                "The office will stay closed, as it has been since Tuesday.",
                "Tuesday",
                "2025-12-09",
            ),
            // Without "since", the future clause still looks ahead.
            ("He will make his first visit in August.", "August", "2026-08"),
        ],
    );
}

#[test]
fn a_plan_in_the_past_perfect_with_an_adverb_is_past() {
    // Written on 1997-04-25: a plan ("scheduled", "expected") looks ahead,
    // but not after "had", even with "been" and an adverb between them.
    dated(
        "1997-04-25",
        &[
            (
                "The vote had been initially scheduled for January 25.",
                "January 25",
                "1997-01-25",
            ),
            // "had" out of the few words read around the date.
            (
                "The downgradings had been widely expected following an announcement from the agency in March.",
                "March",
                "1997-03",
            ),
            // A plan with no "had" before it still looks ahead.
            ("The vote is scheduled for January 25.", "January 25", "1998-01-25"),
            // A cue between "had" and the plan ends the verb group: "will" stays.
            ("He had said he will visit in March.", "March", "1998-03"),
        ],
    );
}

#[test]
fn expected_in_a_comparison_is_no_plan() {
    // Written on 2006-12-14: "expected" looks ahead as a plan, not in "than
    // expected" or "as expected", which compare with a forecast.
    dated(
        "2006-12-14",
        &[
            (
                "Data showed a smaller-than-expected rise in machinery orders in October.",
                "October",
                "2006-10",
            ),
            ("Orders rose more than expected in October.", "October", "2006-10"),
            (
                "As expected, the bank raised its rate in October.",
                "October",
                "2006-10",
            ),
            // A plan is still one.
            (
                "The bank is expected to raise its rate in October.",
                "October",
                "2007-10",
            ),
        ],
    );
}

#[test]
fn a_year_that_opens_the_sentence_frames_its_year_less_dates() {
    // Written on 2006-12-01: a year-less month is otherwise the last one
    // before the time of writing, or a near one ahead.
    let published = Some("2006-12-01");
    let framed = [
        (
            "Last year, protests after the February assassination forced a withdrawal.",
            ("Last year", "2005"),
            ("February", "2005-02"),
        ),
        (
            "In 1976, the government asked for a loan in September.",
            ("1976", "1976"),
            ("September", "1976-09"),
        ),
        (
            "However, in 2004, exports fell in March.",
            ("2004", "2004"),
            ("March", "2004-03"),
        ),
        // A year later in the sentence frames nothing.
        (
            "The company, which lost money last year, in July cut jobs.",
            ("last year", "2005"),
            ("July", "2006-07"),
        ),
        // Nor does a bound: the dates are before it, not in it.
        (
            "Before 1991, the holiday fell on Nov. 7.",
            ("1991", "1991"),
            ("Nov. 7", "2006-11-07"),
        ),
    ];
    for (text, (year, year_value), (words, value)) in framed {
        assert_eq!(
            hits(text, published),
            [hit("date", year, year_value), hit("date", words, value)],
            "{text}"
        );
    }
}

#[test]
fn a_scheduled_event_in_the_present_is_ahead() {
    // Written on Tuesday 1997-04-15: with no tense a month is the last one
    // unless it is near, and a weekday the last one.
    dated(
        "1997-04-15",
        &[
            ("His term of office expires in September.", "September", "1997-09"),
            ("His term of office expires in March.", "March", "1998-03"),
            (
                "The territory reverts to Chinese rule on July 1.",
                "July 1",
                "1997-07-01",
            ),
            ("The trial resumes on Monday.", "Monday", "1997-04-21"),
            // Without the verb: the last ones.
            ("His term of office in September was short.", "September", "1996-09"),
            ("The trial on Monday was short.", "Monday", "1997-04-14"),
        ],
    );
}

#[test]
fn a_future_cue_further_back_in_the_clause_still_looks_ahead() {
    // Written on 1998-03-04: "will" stands beyond the few words read
    // around the date, with no other cue nearer.
    dated(
        "1998-03-04",
        &[
            (
                "Colonel Collins will be named commander of the Space Shuttle Columbia for a mission in December.",
                "December",
                "1998-12",
            ),
            // A past verb as far back does not decide: the month is the last one.
            (
                "The cartel was ready to cut its production of crude oil at a new meeting of its members in December.",
                "December",
                "1997-12",
            ),
            // Nor does a future cue in another clause.
            (
                "Collins will be named commander, according to a statement about the mission of a shuttle in December.",
                "December",
                "1997-12",
            ),
        ],
    );
}
