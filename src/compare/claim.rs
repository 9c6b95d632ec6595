//! Rule kind `claim`: the values stated for one (rule, subject, slot) agree
//! across documents and within each one. Dates computed from relative
//! expressions are left to the `timeline` kind. A rule with `within-days`
//! compares only the claims of documents published that close together: a
//! claim that recurs (a country's election, a company's chief) is then
//! the same claim only in reports of the same time.

use super::{claims_agree, conflict, Conflict, Group};
use crate::claims::Claim;

pub(crate) fn check(group: &Group<'_>, out: &mut Vec<Conflict>) {
    let stated: Vec<&Claim> = group.claims.iter().copied().filter(|c| !c.value.is_derived()).collect();
    let runs = match group.rule.within_days {
        Some(days) => by_time(stated, days),
        None => vec![stated],
    };
    for run in runs {
        let (sides, best) = group.sides(&run, |a, b| claims_agree(a, b, group.slot));
        if sides.len() > 1 {
            out.push(conflict(group.rule, group, sides, best, &[]));
        }
    }
}

/// Claims in runs of publication dates at most `days` apart from the one
/// before (in date order, input order among equal dates); the claims of
/// undated documents are a run of their own.
fn by_time(mut claims: Vec<&Claim>, days: u32) -> Vec<Vec<&Claim>> {
    claims.sort_by_key(|c| c.evidence.published());
    let mut runs: Vec<Vec<&Claim>> = Vec::new();
    for claim in claims {
        let joins = runs.last().and_then(|run| run.last()).is_some_and(|last| {
            match (last.evidence.published(), claim.evidence.published()) {
                (Some(a), Some(b)) => (b - a).num_days() <= i64::from(days),
                (None, None) => true,
                _ => false,
            }
        });
        match runs.last_mut() {
            Some(run) if joins => run.push(claim),
            _ => runs.push(vec![claim]),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Engine, RuleSet};

    fn claims(texts: &[(&str, &str)]) -> Vec<Claim> {
        let engine = Engine::new(RuleSet::embedded().unwrap()).unwrap();
        texts
            .iter()
            .enumerate()
            .flat_map(|(i, (published, text))| {
                engine.claims(&Document::from_text(&format!("d{i}"), text, published.parse().ok()))
            })
            .collect()
    }

    #[test]
    fn claims_far_apart_in_time_are_split_into_runs() {
        let text = "Meta invested $14.3 billion in Scale AI.";
        let all = claims(&[
            ("2025-06-10", text),
            ("2025-06-12", text),
            ("2025-09-30", text),
            ("", text),
        ]);
        let docs = |run: &Vec<&Claim>| run.iter().map(|c| c.evidence.doc().to_string()).collect::<Vec<_>>();
        let runs: Vec<Vec<String>> = by_time(all.iter().collect(), 30).iter().map(docs).collect();
        assert_eq!(runs, [vec!["d3"], vec!["d0", "d1"], vec!["d2"]]);
        assert_eq!(
            by_time(all.iter().collect(), 120).len(),
            2,
            "undated claims are a run of their own"
        );
    }
}
