//! Rule kind `claim`: the values stated for one (rule, subject, slot) agree
//! across documents and within each one. Dates computed from relative
//! expressions are left to the `timeline` kind.

use super::{agree, conflict, sides, Conflict, Groups};
use crate::claims::Claim;
use crate::rules::Rule;

pub(crate) fn check(rule: &Rule, groups: &Groups<'_>, out: &mut Vec<Conflict>) {
    for slot in &rule.slots {
        for ((_, subject, _), claims) in groups.iter().filter(|((r, _, s), _)| *r == rule.id && *s == slot.name) {
            let stated: Vec<&Claim> = claims.iter().copied().filter(|c| !c.value.is_derived()).collect();
            let (sides, best) = sides(&stated, |a, b| agree(a, b, slot.kind, slot.tolerance));
            if sides.len() > 1 {
                out.push(conflict(rule, &rule.id, subject, &slot.name, sides, best, &[]));
            }
        }
    }
}
