//! Small helpers shared by several stages.

use regex::Regex;

/// Compiles a pattern written in the source code. Such a pattern is a
/// constant that the unit tests exercise, so a failure here is a bug in
/// claimcheck, never a property of the input.
#[allow(clippy::expect_used)]
pub(crate) fn const_regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a constant pattern compiles")
}
