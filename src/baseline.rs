//! Baseline: conflicts a team has accepted, kept in a YAML file, so that CI
//! fails only on new ones.
//!
//! `check --write-baseline FILE` records every conflict of a run by its
//! [`Conflict::fingerprint`] (rule, claim, values and documents; never line
//! numbers, so unrelated edits keep it). `check --baseline FILE` then drops
//! the conflicts whose fingerprint is listed and reports the entries that no
//! conflict matched any more as stale. The other fields of an entry are for
//! the reader; only the fingerprint is compared.
//!
//! ```yaml
//! version: 1
//! conflicts:
//! - fingerprint: 5b1c0d9e2f3a4b67
//!   rule: investment
//!   claim: investment · Meta, Scale AI · date
//!   values: [2025-06, 2024-06]
//! ```

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::compare::Conflict;
use crate::error::RuleError;
use crate::Outcome;

/// The baseline file format's version.
pub const VERSION: u32 = 1;

/// Accepted conflicts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The format's version; [`VERSION`].
    pub version: u32,
    /// One entry per accepted conflict.
    #[serde(default)]
    pub conflicts: Vec<Entry>,
}

/// One accepted conflict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The conflict's fingerprint: the only field compared.
    pub fingerprint: String,
    /// The rule that found it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rule: String,
    /// The claim: rule, subject and slot.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub claim: String,
    /// The values that disagreed, best supported first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

impl Entry {
    /// The entry that accepts `conflict`.
    pub fn of(conflict: &Conflict) -> Self {
        Entry {
            fingerprint: conflict.fingerprint(),
            rule: conflict.rule.clone(),
            claim: conflict.claim_label(),
            values: conflict.sides.iter().map(|s| s.value.clone()).collect(),
        }
    }

    /// The entry as one YAML line of the `conflicts:` list, for an editor to
    /// copy into a baseline file.
    pub fn line(&self) -> String {
        // JSON strings are YAML flow scalars, quoted and escaped.
        let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let values: Vec<String> = self.values.iter().map(|v| quote(v)).collect();
        format!(
            "- {{fingerprint: {}, rule: {}, claim: {}, values: [{}]}}",
            quote(&self.fingerprint),
            quote(&self.rule),
            quote(&self.claim),
            values.join(", ")
        )
    }
}

impl Baseline {
    /// A baseline that accepts every conflict of `outcome`.
    pub fn of(outcome: &Outcome) -> Self {
        Baseline {
            version: VERSION,
            conflicts: outcome.conflicts.iter().map(Entry::of).collect(),
        }
    }

    /// Reads a baseline file; a mistake names the file, line and column.
    pub fn load(path: &Path) -> Result<Self, RuleError> {
        let text = crate::util::read_file(path)?;
        Self::parse(&path.display().to_string(), &text)
    }

    /// Parses a baseline's text; `path` names it in errors.
    pub fn parse(path: &str, text: &str) -> Result<Self, RuleError> {
        let baseline: Baseline = crate::rules::parse_yaml(path, text)?;
        if baseline.version != VERSION {
            return Err(RuleError::Invalid {
                path: path.to_string(),
                line: crate::util::yaml_key_index(text, "version").map_or(1, |i| i + 1),
                message: format!(
                    "baseline version {} is not supported (expected {VERSION})",
                    baseline.version
                ),
            });
        }
        Ok(baseline)
    }

    /// The baseline as a YAML file, with a header saying how to use it.
    pub fn to_yaml(&self) -> String {
        let mut out = String::from(
            "# claimcheck baseline: conflicts accepted as known. `claimcheck check --baseline FILE`\n\
             # reports only conflicts not listed here. Delete an entry to report its conflict again.\n",
        );
        out.push_str(&format!("version: {}\nconflicts:\n", self.version));
        for entry in &self.conflicts {
            out.push_str(&entry.line());
            out.push('\n');
        }
        out
    }

    /// Drops the accepted conflicts from `outcome`, counting them in
    /// `outcome.accepted`, and records the entries that matched nothing in
    /// `outcome.stale`.
    pub fn apply(&self, outcome: &mut Outcome) {
        let listed: HashSet<&str> = self.conflicts.iter().map(|e| e.fingerprint.as_str()).collect();
        let mut matched = HashSet::new();
        let before = outcome.conflicts.len();
        outcome.conflicts.retain(|c| {
            let fingerprint = c.fingerprint();
            let accepted = listed.contains(fingerprint.as_str());
            if accepted {
                matched.insert(fingerprint);
            }
            !accepted
        });
        outcome.accepted += before - outcome.conflicts.len();
        outcome.stale.extend(
            self.conflicts
                .iter()
                .filter(|e| !matched.contains(&e.fingerprint))
                .cloned(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Engine, RuleSet};

    fn outcome(texts: &[(&str, &str)]) -> Outcome {
        let Ok(engine) = RuleSet::embedded().and_then(Engine::new) else {
            unreachable!("the embedded rules compile")
        };
        let docs = texts.iter().map(|(id, t)| Document::from_text(id, t, None)).collect();
        engine.check(crate::Corpus {
            documents: docs,
            errors: Vec::new(),
        })
    }

    const A: (&str, &str) = ("a", "Meta invested $14.3 billion in Scale AI in June 2025.");
    const B: (&str, &str) = ("b", "Meta's investment in Scale AI was made in June 2024.");

    #[test]
    fn a_written_baseline_reads_back_and_accepts_every_conflict() {
        let first = outcome(&[A, B]);
        assert_eq!(first.conflicts.len(), 1);
        let yaml = Baseline::of(&first).to_yaml();
        let Ok(baseline) = Baseline::parse("baseline.yaml", &yaml) else {
            unreachable!("{yaml}")
        };
        assert_eq!(baseline, Baseline::of(&first));
        let mut again = outcome(&[A, B]);
        baseline.apply(&mut again);
        assert!(again.conflicts.is_empty());
        assert_eq!(again.accepted, 1);
        assert!(again.stale.is_empty());
    }

    #[test]
    fn fingerprint_ignores_where_the_words_are_but_not_what_they_say() {
        let base = outcome(&[A, B]).conflicts[0].fingerprint();
        let moved = (
            "b",
            "Some unrelated opening.\n\nMeta's investment in Scale AI was made in June 2024.",
        );
        assert_eq!(outcome(&[A, moved]).conflicts[0].fingerprint(), base);
        let changed = ("b", "Meta's investment in Scale AI was made in May 2024.");
        assert_ne!(outcome(&[A, changed]).conflicts[0].fingerprint(), base);
    }

    #[test]
    fn an_entry_no_conflict_matches_is_stale_and_a_new_conflict_is_kept() {
        let baseline = Baseline::of(&outcome(&[A, B]));
        let changed = ("b", "Meta's investment in Scale AI was made in May 2024.");
        let mut now = outcome(&[A, changed]);
        baseline.apply(&mut now);
        assert_eq!(now.conflicts.len(), 1);
        assert_eq!(now.accepted, 0);
        assert_eq!(now.stale, baseline.conflicts);
    }

    #[test]
    fn a_baseline_mistake_names_its_line() {
        let err = Baseline::parse("b.yaml", "version: 1\nconflicts:\n- fingerprint: x\n  colour: red\n");
        let Err(err) = err else {
            unreachable!("an unknown key is an error")
        };
        assert!(err.to_string().starts_with("b.yaml:4:"), "{err}");
        let Err(err) = Baseline::parse("b.yaml", "version: 7\n") else {
            unreachable!("an unknown version is an error")
        };
        assert!(err.to_string().contains("version 7"), "{err}");
    }

    #[test]
    fn an_entry_line_is_yaml_even_with_quotes_in_its_values() {
        let entry = Entry {
            fingerprint: "00ff".into(),
            rule: "r".into(),
            claim: "a \"b\" · c: d".into(),
            values: vec!["x, y".into(), "[z]".into()],
        };
        let yaml = format!("version: 1\nconflicts:\n{}\n", entry.line());
        let Ok(parsed) = Baseline::parse("b.yaml", &yaml) else {
            unreachable!("{yaml}")
        };
        assert_eq!(parsed.conflicts, vec![entry]);
    }
}
