//! Publication dates as real metadata writes them: `2008-03-01`,
//! `2009-03-02T14:05:00Z`, `March 2, 2009`, `03-02-2009`… The date is taken as
//! written (no time-zone shift); a form that cannot be read, or whose day and
//! month order is ambiguous, is an error rather than a guess.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%Y%m%d",
];
const DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
];

/// Reads a publication date; the error says what was expected.
pub(crate) fn parse_published(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    if let Some(date) = iso_date(text) {
        return Ok(date);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Ok(dt.date_naive());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(text) {
        return Ok(dt.date_naive());
    }
    let plain = text.trim_end_matches('Z');
    let plain = plain.split('.').next().unwrap_or(plain);
    if let Some(dt) = DATETIME_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(plain, f).ok())
    {
        return Ok(dt.date());
    }
    if let Some(date) = DATE_FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
    {
        return Ok(date);
    }
    day_month_year(text).unwrap_or_else(|| {
        Err(format!(
            "`{text}` is not a date; expected YYYY-MM-DD, an RFC 3339 date-time or a form such as `March 2, 2009`"
        ))
    })
}

/// `2008-03-01`, the form most records use, read without trying the other
/// forms first (every record's date is read as the corpus streams in). None
/// for any other text, and for a day that does not exist: the forms above
/// decide those.
fn iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    // Digits only (`parse` would take a sign too).
    let number = |from: usize, to: usize| {
        let part = text.get(from..to)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse::<u32>().ok())?
    };
    NaiveDate::from_ymd_opt(i32::try_from(number(0, 4)?).ok()?, number(5, 7)?, number(8, 10)?)
}

/// `03-02-2009` or `3/2/2009`: read only when one number cannot be a month.
fn day_month_year(text: &str) -> Option<Result<NaiveDate, String>> {
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    let [a, b, y] = parts.as_slice() else { return None };
    let (a, b, y): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
    if y < 1000 {
        return None;
    }
    let (day, month) = match (a > 12, b > 12) {
        (true, false) => (a, b),
        (false, true) => (b, a),
        (false, false) if a == b => (a, b),
        (false, false) => {
            return Some(Err(format!(
                "`{text}` is ambiguous: day and month could be either way round; write it as YYYY-MM-DD"
            )))
        }
        (true, true) => return None,
    };
    NaiveDate::from_ymd_opt(y, month, day).map(Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn published_reads_common_forms() {
        assert_eq!(parse_published("2008-03-01"), Ok(ymd(2008, 3, 1)));
        assert_eq!(parse_published("2009-03-02T14:05:00Z"), Ok(ymd(2009, 3, 2)));
        assert_eq!(parse_published("2025-08-29T23:30:00-07:00"), Ok(ymd(2025, 8, 29)));
        assert_eq!(parse_published("2019-01-01 12:00:00"), Ok(ymd(2019, 1, 1)));
        assert_eq!(parse_published("March 2, 2009"), Ok(ymd(2009, 3, 2)));
        assert_eq!(parse_published("25-12-2009"), Ok(ymd(2009, 12, 25)));
    }

    #[test]
    fn an_iso_date_reads_as_the_date_format_reads_it() {
        for text in [
            "2008-03-01",
            "1997-12-31",
            "0999-01-01",
            "2024-02-29",
            "2023-02-29",
            "2008-13-01",
            "2008-3-01x",
        ] {
            let format = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            assert_eq!(iso_date(text), format, "{text}");
        }
        for text in ["2008/03/01", "+008-03-01", "2008-03-1 ", "20080301", "2008-0a-01"] {
            assert_eq!(iso_date(text), None, "{text}");
        }
    }

    #[test]
    fn published_refuses_to_guess() {
        let err = parse_published("03-02-2009").unwrap_err();
        assert!(err.contains("ambiguous"), "{err}");
        let err = parse_published("last Tuesday").unwrap_err();
        assert!(err.contains("not a date"), "{err}");
    }
}
