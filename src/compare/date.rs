//! Date comparison: two dates agree when their intervals overlap once both
//! are widened to the coarser of their grains. "June 2025" agrees with "June
//! 12, 2025" and "mid-June 2025"; it does not agree with "June 2024".

use crate::extract::{DateValue, Grain};

/// Whether two dates can be the same date, compared at no finer grain than
/// `finest` when given. Dates without an interval agree when their TIMEX3
/// values are equal.
pub(crate) fn agree(a: &DateValue, b: &DateValue, finest: Option<Grain>) -> bool {
    let (Some(a), Some(b)) = (&a.interval, &b.interval) else {
        return a.timex == b.timex;
    };
    let grain = a.grain.max(b.grain).max(finest.unwrap_or(Grain::Day));
    let (a_start, a_end) = a.coarsened(grain);
    let (b_start, b_end) = b.coarsened(grain);
    a_start < b_end && b_start < a_end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Interval, Modifier};

    fn date(start: &str, end: &str, grain: Grain, modifier: Option<Modifier>) -> DateValue {
        DateValue {
            timex: String::new(),
            interval: Some(Interval {
                start: start.parse().unwrap(),
                end: end.parse().unwrap(),
                grain,
            }),
            modifier,
            ambiguous: false,
            derived: None,
        }
    }

    #[test]
    fn month_agrees_with_a_day_inside_it_and_its_middle() {
        let june = date("2025-06-01", "2025-07-01", Grain::Month, None);
        assert!(agree(&june, &date("2025-06-12", "2025-06-13", Grain::Day, None), None));
        assert!(agree(
            &june,
            &date("2025-06-11", "2025-06-21", Grain::Month, Some(Modifier::Mid)),
            None
        ));
        assert!(!agree(
            &june,
            &date("2024-06-01", "2024-07-01", Grain::Month, None),
            None
        ));
    }

    #[test]
    fn days_in_one_month_disagree_with_each_other() {
        let a = date("2025-06-12", "2025-06-13", Grain::Day, None);
        let b = date("2025-06-14", "2025-06-15", Grain::Day, None);
        assert!(!agree(&a, &b, None));
        assert!(agree(&a, &a.clone(), None));
    }

    #[test]
    fn a_slot_grain_makes_days_of_one_month_agree() {
        let a = date("2025-06-12", "2025-06-13", Grain::Day, None);
        let b = date("2025-06-14", "2025-06-15", Grain::Day, None);
        assert!(agree(&a, &b, Some(Grain::Month)));
        assert!(!agree(
            &a,
            &date("2025-07-01", "2025-07-02", Grain::Day, None),
            Some(Grain::Month)
        ));
    }

    #[test]
    fn agreement_is_symmetric() {
        let a = date("2025-05-29", "2025-07-30", Grain::Month, Some(Modifier::Approx));
        let b = date("2025-07-01", "2025-08-01", Grain::Month, None);
        assert_eq!(agree(&a, &b, None), agree(&b, &a, None));
    }
}
