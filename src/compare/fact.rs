//! Rule kind `fact`: the claims of a group agree with the verified fact an
//! editor recorded for the same claim in `facts.yaml`. A claim that
//! contradicts it is reported against the fact, which leads the conflict
//! whatever the other values' support.

use super::{agree, conflict, Conflict, Group, Side};
use crate::claims::{Article, Claim, Evidence};
use crate::facts::Fact;
use crate::rules::Rule;
use crate::span::Span;

pub(crate) fn check(rule: &Rule, group: &Group<'_>, facts: &[Fact], out: &mut Vec<Conflict>) {
    let matching = facts.iter().filter(|f| {
        f.rule == group.rule.id
            && f.subject == group.subject
            && f.slot == group.slot.name
            && f.qualifier == group.qualifier
    });
    for fact in matching {
        let wrong: Vec<&Claim> = group
            .claims
            .iter()
            .copied()
            .filter(|c| !agree(&fact.value, &c.value, group.slot))
            .collect();
        if wrong.is_empty() {
            continue;
        }
        let (mut sides, _) = group.sides(&wrong, |a, b| agree(&a.value, &b.value, group.slot));
        sides.insert(
            0,
            Side {
                value: fact.value.display(),
                normalized: fact.value.clone(),
                support: 1,
                weight: 1.0,
                verified: true,
                evidence: vec![evidence(fact)],
                unlisted: 0,
            },
        );
        out.push(conflict(
            rule,
            group,
            sides,
            Some(0),
            &[("verified", &fact.text), ("source", &fact.source)],
        ));
    }
}

/// The fact as evidence: its line in the facts file.
fn evidence(fact: &Fact) -> Evidence {
    let line = format!("value: {}", fact.text);
    let words = Span::new(7, line.len());
    Evidence {
        article: std::sync::Arc::new(Article {
            source: Some(fact.source.clone()),
            url: fact.url.clone(),
            ..Article::named(&fact.path, &fact.path)
        }),
        span: words,
        line: fact.line,
        column: 1,
        // The sentence is the line with its source: the span marks the value.
        sentence: format!("{line} (verified by {})", fact.source).into(),
        sentence_start: 0,
    }
}
