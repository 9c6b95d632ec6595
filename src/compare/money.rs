//! Money comparison: two amounts in the same currency, per the same unit,
//! agree when their intervals (the precision the text states, widened by the
//! rule's tolerance) overlap. Amounts in different currencies, or a per-share
//! amount and a total, are not compared.

use crate::extract::MoneyValue;

/// Whether two amounts can be the same amount, allowing `tolerance` (0.02 for 2%).
pub(crate) fn agree(a: &MoneyValue, b: &MoneyValue, tolerance: f64) -> bool {
    if a.currency != b.currency || a.per != b.per {
        return true;
    }
    super::number::overlap((a.min, a.max), (b.min, b.max), tolerance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(min: f64, max: f64) -> MoneyValue {
        MoneyValue {
            currency: "USD".into(),
            amount: (min + max) / 2.0,
            min,
            max,
            precision: (max - min) / 2.0,
            approx: false,
            per: None,
        }
    }

    #[test]
    fn more_than_fourteen_billion_agrees_with_fourteen_point_three() {
        assert!(agree(&usd(14.0e9, 28.0e9), &usd(14.25e9, 14.35e9), 0.0));
    }

    #[test]
    fn a_misplaced_decimal_disagrees() {
        assert!(!agree(&usd(14.25e9, 14.35e9), &usd(1.425e9, 1.435e9), 0.02));
    }

    #[test]
    fn tolerance_bridges_a_small_gap() {
        let a = usd(100.0, 101.0);
        let b = usd(102.0, 103.0);
        assert!(!agree(&a, &b, 0.0));
        assert!(agree(&a, &b, 0.02));
    }
}
