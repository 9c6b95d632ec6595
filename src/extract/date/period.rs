//! Calendar periods: a day, a week, a quarter, a season… with their TIMEX3
//! value, their interval and the arithmetic that "last", "next" and "a year
//! earlier" need.

use chrono::{Datelike, Months, NaiveDate, TimeDelta, Weekday};
use serde::Serialize;

use crate::rules::{Season, TimeUnit};

/// How fine a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Grain {
    /// A calendar day (or a time on it).
    Day,
    /// An ISO week, or its weekend.
    Week,
    /// A calendar month.
    Month,
    /// A quarter.
    Quarter,
    /// A season.
    Season,
    /// A half year.
    Half,
    /// A calendar year.
    Year,
    /// Ten years.
    Decade,
    /// A hundred years.
    Century,
}

/// A period of the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Period {
    Day(NaiveDate),
    /// The ISO week holding the date.
    Week(NaiveDate),
    /// The weekend of the ISO week holding the date.
    Weekend(NaiveDate),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    /// A season; winter belongs to the year it starts in.
    Season(i32, Season),
    Year(i32),
    /// The decade starting with this year.
    Decade(i32),
    /// The century starting with this year.
    Century(i32),
}

impl Period {
    /// The period of `unit` that holds `date`.
    pub(crate) fn holding(date: NaiveDate, unit: TimeUnit) -> Period {
        let y = date.year();
        let m = date.month();
        match unit {
            TimeUnit::Second | TimeUnit::Minute | TimeUnit::Hour | TimeUnit::Day => Period::Day(date),
            TimeUnit::Week => Period::Week(date),
            TimeUnit::Weekend => Period::Weekend(date),
            TimeUnit::Month => Period::Month(y, m),
            TimeUnit::Quarter => Period::Quarter(y, (m - 1) / 3 + 1),
            TimeUnit::Half => Period::Half(y, (m - 1) / 6 + 1),
            TimeUnit::Year => Period::Year(y),
            TimeUnit::Decade => Period::Decade(y - y.rem_euclid(10)),
            TimeUnit::Century => Period::Century(y - y.rem_euclid(100)),
        }
    }

    /// The season holding `date`.
    pub(crate) fn season_of(date: NaiveDate) -> Period {
        let (y, m) = (date.year(), date.month());
        match m {
            3..=5 => Period::Season(y, Season::Spring),
            6..=8 => Period::Season(y, Season::Summer),
            9..=11 => Period::Season(y, Season::Fall),
            12 => Period::Season(y, Season::Winter),
            _ => Period::Season(y - 1, Season::Winter),
        }
    }

    pub(crate) fn grain(&self) -> Grain {
        match self {
            Period::Day(_) => Grain::Day,
            Period::Week(_) | Period::Weekend(_) => Grain::Week,
            Period::Month(..) => Grain::Month,
            Period::Quarter(..) => Grain::Quarter,
            Period::Half(..) => Grain::Half,
            Period::Season(..) => Grain::Season,
            Period::Year(_) => Grain::Year,
            Period::Decade(_) => Grain::Decade,
            Period::Century(_) => Grain::Century,
        }
    }

    /// The unit one step of this period is.
    pub(crate) fn unit(&self) -> TimeUnit {
        match self {
            Period::Day(_) => TimeUnit::Day,
            Period::Week(_) => TimeUnit::Week,
            Period::Weekend(_) => TimeUnit::Weekend,
            Period::Month(..) => TimeUnit::Month,
            Period::Quarter(..) => TimeUnit::Quarter,
            Period::Half(..) => TimeUnit::Half,
            Period::Season(..) => TimeUnit::Year,
            Period::Year(_) => TimeUnit::Year,
            Period::Decade(_) => TimeUnit::Decade,
            Period::Century(_) => TimeUnit::Century,
        }
    }

    /// The TIMEX3 value.
    pub(crate) fn timex(&self) -> String {
        let mut out = Timex::new();
        let year = |out: &mut Timex, y: i32| {
            out.number(i64::from(y), 4);
        };
        match *self {
            Period::Day(d) => {
                year(&mut out, d.year());
                out.text("-").number(i64::from(d.month()), 2);
                out.text("-").number(i64::from(d.day()), 2);
            }
            Period::Week(d) | Period::Weekend(d) => {
                let week = d.iso_week();
                year(&mut out, week.year());
                out.text("-W").number(i64::from(week.week()), 2);
                if matches!(self, Period::Weekend(_)) {
                    out.text("-WE");
                }
            }
            Period::Month(y, m) => {
                year(&mut out, y);
                out.text("-").number(i64::from(m), 2);
            }
            Period::Quarter(y, q) => {
                year(&mut out, y);
                out.text("-Q").number(i64::from(q), 1);
            }
            Period::Half(y, h) => {
                year(&mut out, y);
                out.text("-H").number(i64::from(h), 1);
            }
            Period::Season(y, s) => {
                year(&mut out, y);
                out.text("-").text(season_code(s));
            }
            Period::Year(y) => year(&mut out, y),
            Period::Decade(y) => {
                out.number(i64::from(y / 10), 3);
            }
            Period::Century(y) => {
                out.number(i64::from(y / 100), 2);
            }
        }
        out.finish()
    }

    /// The interval `[start, end)` of days.
    pub(crate) fn interval(&self) -> Option<(NaiveDate, NaiveDate)> {
        let ymd = NaiveDate::from_ymd_opt;
        let months = |y: i32, m: u32, n: u32| {
            let start = ymd(y, m, 1)?;
            Some((start, start.checked_add_months(Months::new(n))?))
        };
        match *self {
            Period::Day(d) => Some((d, d.succ_opt()?)),
            Period::Week(d) => {
                let monday = d.checked_sub_signed(TimeDelta::days(i64::from(d.weekday().num_days_from_monday())))?;
                Some((monday, monday.checked_add_signed(TimeDelta::days(7))?))
            }
            Period::Weekend(d) => {
                let monday = d.checked_sub_signed(TimeDelta::days(i64::from(d.weekday().num_days_from_monday())))?;
                let saturday = monday.checked_add_signed(TimeDelta::days(5))?;
                Some((saturday, saturday.checked_add_signed(TimeDelta::days(2))?))
            }
            Period::Month(y, m) => months(y, m, 1),
            Period::Quarter(y, q) => months(y, (q - 1) * 3 + 1, 3),
            Period::Half(y, h) => months(y, (h - 1) * 6 + 1, 6),
            Period::Season(y, s) => months(y, season_start(s), 3),
            Period::Year(y) => months(y, 1, 12),
            Period::Decade(y) => months(y, 1, 120),
            Period::Century(y) => months(y, 1, 1200),
        }
    }

    /// The period `n` steps of `unit` away, at this period's grain (or the
    /// unit's, when that is coarser).
    pub(crate) fn shift(&self, n: i64, unit: TimeUnit) -> Option<Period> {
        let (start, _) = self.interval()?;
        let moved = add(start, n, unit)?;
        Some(match self {
            Period::Season(_, s) => {
                let years = match unit {
                    TimeUnit::Year | TimeUnit::Decade | TimeUnit::Century => moved.year() - start.year(),
                    _ => return Some(Period::season_of(moved)),
                };
                Period::Season(start.year() + years, *s)
            }
            _ if unit > self.unit() && !matches!(unit, TimeUnit::Weekend) && self.keeps_grain(unit) => {
                Period::holding(moved, self.unit())
            }
            _ if unit > self.unit() && !matches!(unit, TimeUnit::Weekend) => Period::holding(moved, unit),
            _ => Period::holding(moved, self.unit()),
        })
    }

    /// Whether "a year earlier" than this period names the same kind of
    /// period: a day or a quarter a year earlier is a day or a quarter; a
    /// month a year earlier is read as the year.
    fn keeps_grain(&self, unit: TimeUnit) -> bool {
        unit == TimeUnit::Year
            && matches!(
                self,
                Period::Day(_) | Period::Quarter(..) | Period::Half(..) | Period::Season(..)
            )
    }

    /// The first day of the period.
    pub(crate) fn first_day(&self) -> Option<NaiveDate> {
        self.interval().map(|(s, _)| s)
    }
}

/// `date` moved by `n` units (negative goes back); units shorter than a
/// day move it by the whole days they make ("48 hours ago": two days).
pub(crate) fn add(date: NaiveDate, n: i64, unit: TimeUnit) -> Option<NaiveDate> {
    let days = |d: i64| date.checked_add_signed(TimeDelta::try_days(d.checked_mul(n)?)?);
    let whole_days = |per_day: i64| date.checked_add_signed(TimeDelta::try_days(n / per_day)?);
    let months = |m: i64| {
        let total = m.checked_mul(n)?;
        let step = Months::new(u32::try_from(total.unsigned_abs()).ok()?);
        if total >= 0 {
            date.checked_add_months(step)
        } else {
            date.checked_sub_months(step)
        }
    };
    match unit {
        TimeUnit::Second => whole_days(86_400),
        TimeUnit::Minute => whole_days(1_440),
        TimeUnit::Hour => whole_days(24),
        TimeUnit::Day => days(1),
        TimeUnit::Week | TimeUnit::Weekend => days(7),
        TimeUnit::Month => months(1),
        TimeUnit::Quarter => months(3),
        TimeUnit::Half => months(6),
        TimeUnit::Year => months(12),
        TimeUnit::Decade => months(120),
        TimeUnit::Century => months(1200),
    }
}

/// The `n`th `weekday` (ISO number, Monday = 1) of a month; a negative `n`
/// counts from the end (-1 is the last).
pub(crate) fn nth_weekday(year: i32, month: u32, weekday: u32, n: i32) -> Option<NaiveDate> {
    let wd = Weekday::try_from(u8::try_from(weekday.checked_sub(1)?).ok()?).ok()?;
    if n > 0 {
        return NaiveDate::from_weekday_of_month_opt(year, month, wd, u8::try_from(n).ok()?);
    }
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    let back = nearest_weekday(last, wd, true)?;
    back.checked_sub_signed(TimeDelta::try_days(7 * i64::from(-n - 1))?)
}

/// The nearest day with `weekday` on or before `date` (`back`), or after it.
pub(crate) fn nearest_weekday(date: NaiveDate, weekday: Weekday, back: bool) -> Option<NaiveDate> {
    let from = i64::from(date.weekday().num_days_from_monday());
    let to = i64::from(weekday.num_days_from_monday());
    let delta = if back {
        -((from - to).rem_euclid(7))
    } else {
        let d = (to - from).rem_euclid(7);
        if d == 0 {
            7
        } else {
            d
        }
    };
    date.checked_add_signed(TimeDelta::try_days(delta)?)
}

/// A TIMEX3 value being written: ASCII on the stack, one allocation when
/// done. Every expression found needs a value, and the formatting
/// machinery costs more than the rest of it.
pub(crate) struct Timex {
    buf: [u8; 32],
    len: usize,
}

impl Timex {
    pub(crate) fn new() -> Self {
        Timex { buf: [0; 32], len: 0 }
    }

    /// Appends ASCII text; what does not fit is dropped (no value is that long).
    pub(crate) fn text(&mut self, text: &str) -> &mut Self {
        for &b in text.as_bytes() {
            if let Some(slot) = self.buf.get_mut(self.len) {
                *slot = b;
                self.len += 1;
            }
        }
        self
    }

    /// Appends `n` in decimal, padded with zeros to `width` characters as
    /// `format!("{n:0width$}")` pads it: a minus sign counts in the width.
    pub(crate) fn number(&mut self, n: i64, width: usize) -> &mut Self {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = n.unsigned_abs();
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if n < 0 {
            self.text("-");
        }
        let written = digits.len() - at + usize::from(n < 0);
        for _ in written..width {
            self.text("0");
        }
        for &d in &digits[at..] {
            if let Some(slot) = self.buf.get_mut(self.len) {
                *slot = d;
                self.len += 1;
            }
        }
        self
    }

    /// The value written.
    pub(crate) fn finish(&self) -> String {
        std::str::from_utf8(&self.buf[..self.len])
            .map(String::from)
            .unwrap_or_default()
    }
}

/// The TIMEX3 code of a season.
pub(crate) fn season_code(season: Season) -> &'static str {
    match season {
        Season::Spring => "SP",
        Season::Summer => "SU",
        Season::Fall => "FA",
        Season::Winter => "WI",
    }
}

fn season_start(season: Season) -> u32 {
    match season {
        Season::Spring => 3,
        Season::Summer => 6,
        Season::Fall => 9,
        Season::Winter => 12,
    }
}

/// The first day of the `grain` period holding `date`.
pub(crate) fn floor(date: NaiveDate, grain: Grain) -> NaiveDate {
    let period = match grain {
        Grain::Day => Period::Day(date),
        Grain::Week => Period::Week(date),
        Grain::Month => Period::holding(date, TimeUnit::Month),
        Grain::Quarter => Period::holding(date, TimeUnit::Quarter),
        Grain::Season => Period::season_of(date),
        Grain::Half => Period::holding(date, TimeUnit::Half),
        Grain::Year => Period::holding(date, TimeUnit::Year),
        Grain::Decade => Period::holding(date, TimeUnit::Decade),
        Grain::Century => Period::holding(date, TimeUnit::Century),
    };
    period.first_day().unwrap_or(date)
}

/// The first day of the `grain` period after the one holding the day before
/// `end` (an exclusive bound stays exclusive).
pub(crate) fn ceil(end: NaiveDate, grain: Grain) -> NaiveDate {
    let last = end.pred_opt().unwrap_or(end);
    let start = floor(last, grain);
    let span = match grain {
        Grain::Day => return start.succ_opt().unwrap_or(end),
        Grain::Week => return start.checked_add_signed(TimeDelta::days(7)).unwrap_or(end),
        Grain::Month => 1,
        Grain::Quarter | Grain::Season => 3,
        Grain::Half => 6,
        Grain::Year => 12,
        Grain::Decade => 120,
        Grain::Century => 1200,
    };
    start.checked_add_months(Months::new(span)).unwrap_or(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn timex_values_follow_timeml() {
        let d = day("2025-06-12");
        assert_eq!(Period::Day(d).timex(), "2025-06-12");
        assert_eq!(Period::Week(d).timex(), "2025-W24");
        assert_eq!(Period::Weekend(d).timex(), "2025-W24-WE");
        assert_eq!(Period::holding(d, TimeUnit::Quarter).timex(), "2025-Q2");
        assert_eq!(Period::holding(d, TimeUnit::Half).timex(), "2025-H1");
        assert_eq!(Period::season_of(d).timex(), "2025-SU");
        assert_eq!(Period::holding(d, TimeUnit::Decade).timex(), "202");
        assert_eq!(Period::holding(d, TimeUnit::Century).timex(), "20");
    }

    #[test]
    fn padded_numbers_read_as_formatted() {
        for n in [0i64, 7, -7, 42, -42, 999, 1989, -1989, 12345, i64::MIN, i64::MAX] {
            for width in 0..6 {
                let out = Timex::new().text("P").number(n, width).text("Y").finish();
                assert_eq!(out, format!("P{n:0width$}Y"), "{n} in {width}");
            }
        }
        assert_eq!(Period::Year(-45).timex(), "-045");
        assert_eq!(Period::Year(987).timex(), "0987");
        assert_eq!(Period::Decade(1990).timex(), "199");
        assert_eq!(Period::Decade(-20).timex(), "-02");
        assert_eq!(Period::Century(1900).timex(), "19");
        assert_eq!(Period::Quarter(1989, 3).timex(), "1989-Q3");
        assert_eq!(Period::Month(1989, 11).timex(), "1989-11");
        assert_eq!(Period::Day(day("0999-01-05")).timex(), "0999-01-05");
        assert_eq!(Period::Weekend(day("2021-01-02")).timex(), "2020-W53-WE");
    }

    #[test]
    fn winter_spans_the_new_year() {
        let (s, e) = Period::season_of(day("2025-01-15")).interval().unwrap();
        assert_eq!((s, e), (day("2024-12-01"), day("2025-03-01")));
    }

    #[test]
    fn a_year_earlier_than_a_quarter_is_a_quarter() {
        let q = Period::Quarter(1989, 3);
        assert_eq!(q.shift(-1, TimeUnit::Year).unwrap().timex(), "1988-Q3");
        let d = Period::Day(day("1989-11-02"));
        assert_eq!(d.shift(-1, TimeUnit::Year).unwrap().timex(), "1988-11-02");
        let m = Period::Month(1998, 1);
        assert_eq!(m.shift(-1, TimeUnit::Year).unwrap().timex(), "1997");
        assert_eq!(d.shift(-1, TimeUnit::Day).unwrap().timex(), "1989-11-01");
    }

    #[test]
    fn weekdays_resolve_back_or_forward() {
        let friday = day("2000-01-07");
        assert_eq!(nearest_weekday(friday, Weekday::Fri, true), Some(friday));
        assert_eq!(nearest_weekday(friday, Weekday::Fri, false), Some(day("2000-01-14")));
        assert_eq!(
            nearest_weekday(day("1998-08-08"), Weekday::Fri, true),
            Some(day("1998-08-07"))
        );
    }

    #[test]
    fn coarsening_widens_to_whole_periods() {
        let (s, e) = (day("2025-06-12"), day("2025-06-13"));
        assert_eq!(
            (floor(s, Grain::Month), ceil(e, Grain::Month)),
            (day("2025-06-01"), day("2025-07-01"))
        );
        assert_eq!(
            (floor(s, Grain::Quarter), ceil(e, Grain::Quarter)),
            (day("2025-04-01"), day("2025-07-01"))
        );
        assert_eq!(
            (floor(s, Grain::Year), ceil(e, Grain::Year)),
            (day("2025-01-01"), day("2026-01-01"))
        );
    }
}
