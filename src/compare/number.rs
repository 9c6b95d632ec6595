//! Number comparison shared by money, percentages and counts: two stated
//! numbers agree when their intervals (the precision the text states,
//! widened by the rule's tolerance) overlap.

/// Whether `[a.0, a.1)` and `[b.0, b.1)`, each widened by `tolerance` (0.02
/// for 2%) of its bounds, overlap.
pub(crate) fn overlap(a: (f64, f64), b: (f64, f64), tolerance: f64) -> bool {
    let widen = |(low, high): (f64, f64)| (low * (1.0 - tolerance), high * (1.0 + tolerance));
    let (a_low, a_high) = widen(a);
    let (b_low, b_high) = widen(b);
    a_low < b_high && b_low < a_high
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touching_intervals_do_not_overlap_until_tolerance_bridges_them() {
        assert!(!overlap((10.0, 11.0), (11.0, 12.0), 0.0));
        assert!(overlap((10.0, 11.0), (11.1, 12.0), 0.02));
        assert!(overlap((10.0, 12.0), (11.0, 11.5), 0.0));
    }
}
