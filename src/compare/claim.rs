//! Rule kind `claim`: the values stated for one (rule, subject, slot) agree
//! across documents and within each one. Dates computed from relative
//! expressions are left to the `timeline` kind.

use super::{claims_agree, conflict, sides, Conflict, Group};
use crate::claims::Claim;

pub(crate) fn check(group: &Group<'_>, out: &mut Vec<Conflict>) {
    let stated: Vec<&Claim> = group.claims.iter().copied().filter(|c| !c.value.is_derived()).collect();
    let (sides, best) = sides(&stated, |a, b| claims_agree(a, b, group.slot));
    if sides.len() > 1 {
        out.push(conflict(group.rule, group, sides, best, &[]));
    }
}
