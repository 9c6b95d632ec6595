//! Verified facts: `facts.yaml`, kept by editors, in; [`Fact`]s with
//! normalized values out. A claim that contradicts a verified fact is an
//! error of the `fact` rule kind that names the fact and its source.
//!
//! ```yaml
//! facts:
//!   - rule: investment
//!     subject: [Meta, Scale AI]
//!     slot: date
//!     value: June 2025
//!     source: Meta press release, 2025-06-12
//!     url: https://example.com/press/meta-scale-ai
//! ```
//!
//! A value is read by the same recognizers as article text, so it is
//! written as an article would write it ("June 2025", "$14.3 billion",
//! "49%"). Subject names may be aliases; they are keyed by their canonical
//! names like claims.

use serde::Deserialize;

use crate::claims::{value_of, ClaimValue};
use crate::error::RuleError;
use crate::extract::Extractor;
use crate::rules::RuleSet;
use crate::Document;

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FactsFile {
    facts: Vec<FactEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FactEntry {
    rule: String,
    subject: Vec<String>,
    slot: String,
    value: String,
    source: String,
    url: Option<String>,
    #[serde(default)]
    qualifier: String,
}

/// A verified fact.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// The claim rule.
    pub rule: String,
    /// Canonical subject names, sorted, as claims key them.
    pub subject: Vec<String>,
    /// The slot.
    pub slot: String,
    /// The claim's qualifiers as claims carry them (`round: Series B`), or empty.
    pub qualifier: String,
    /// The value as written in the file.
    pub text: String,
    /// The value, normalized.
    pub value: ClaimValue,
    /// Who or what verified it.
    pub source: String,
    /// A link to the verification, when given.
    pub url: Option<String>,
    /// The facts file.
    pub path: String,
    /// 1-based line of the entry.
    pub line: usize,
}

/// Reads a facts file against the rules it names; a mistake names the file
/// and line.
pub fn load(path: &str, text: &str, rules: &RuleSet, extractor: &Extractor) -> Result<Vec<Fact>, RuleError> {
    let file: FactsFile = crate::rules::parse_yaml(path, text)?;
    let lines = entry_lines(text);
    let mut facts = Vec::new();
    for (i, entry) in file.facts.into_iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(1);
        let invalid = |message: String| RuleError::Invalid {
            path: path.to_string(),
            line,
            message,
        };
        let Some(rule) = rules.rule(&entry.rule) else {
            return Err(invalid(format!("no rule `{}`", entry.rule)));
        };
        let Some(slot) = rule.slots.iter().find(|s| s.name == entry.slot) else {
            let names: Vec<&str> = rule.slots.iter().map(|s| s.name.as_str()).collect();
            return Err(invalid(format!(
                "rule `{}` has no slot `{}`; its slots are: {}",
                rule.id,
                entry.slot,
                names.join(", ")
            )));
        };
        if entry.subject.len() != rule.subject.len() {
            return Err(invalid(format!(
                "rule `{}` takes {} subject names, this fact gives {}",
                rule.id,
                rule.subject.len(),
                entry.subject.len()
            )));
        }
        let doc = Document::from_text("fact", &entry.value, None);
        let sentences = [crate::span::Span::new(0, entry.value.len())];
        let mentions = extractor.extract(&doc, &sentences);
        let Some(value) = value_of(slot, &mentions) else {
            return Err(invalid(format!(
                "`{}` is not a {} value",
                entry.value,
                slot.kind.as_str()
            )));
        };
        let mut subject: Vec<String> = entry.subject.iter().map(|n| canonical(rules, n)).collect();
        subject.sort();
        facts.push(Fact {
            rule: entry.rule,
            subject,
            slot: entry.slot,
            qualifier: entry.qualifier,
            text: entry.value,
            value,
            source: entry.source,
            url: entry.url,
            path: path.to_string(),
            line,
        });
    }
    Ok(facts)
}

/// The canonical name of an entity name or alias; the name itself when no
/// entity knows it.
fn canonical(rules: &RuleSet, name: &str) -> String {
    rules
        .entities
        .iter()
        .find(|e| e.name == name || e.aliases.iter().any(|a| a == name))
        .map_or_else(|| name.to_string(), |e| e.name.clone())
}

/// The 1-based line of each item of the top-level `facts:` list.
fn entry_lines(text: &str) -> Vec<usize> {
    let mut indent = None;
    let mut lines = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let content = line.trim_start();
        if !content.starts_with("- ") && content != "-" {
            continue;
        }
        let at = line.len() - content.len();
        if indent.is_none_or(|first| first == at) {
            indent = Some(at);
            lines.push(i + 1);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Vec<Fact>, RuleError> {
        let rules = RuleSet::embedded().unwrap();
        let extractor = Extractor::new(&rules).unwrap();
        load("facts.yaml", text, &rules, &extractor)
    }

    #[test]
    fn a_fact_is_keyed_like_claims_and_its_value_normalized() {
        let facts = load_text(
            "facts:\n  - rule: investment\n    subject: [Scale AI, Meta Platforms]\n    slot: date\n\
             \x20   value: June 2025\n    source: press release\n",
        )
        .unwrap();
        assert_eq!(facts[0].subject, ["Meta", "Scale AI"]);
        assert_eq!(facts[0].line, 2);
        assert_eq!(facts[0].value.display(), "2025-06");
    }

    #[test]
    fn mistakes_name_the_entry_line() {
        let err = |text: &str| load_text(text).unwrap_err().to_string();
        let fact = |rule: &str, slot: &str, value: &str| {
            format!(
                "facts:\n- rule: {rule}\n  subject: [Meta, Scale AI]\n  slot: {slot}\n  value: {value}\n  source: s\n"
            )
        };
        assert!(err(&fact("nope", "date", "June 2025")).starts_with("facts.yaml:2: no rule `nope`"));
        assert!(err(&fact("investment", "colour", "June 2025")).contains("no slot `colour`"));
        assert!(err(&fact("investment", "date", "soon")).contains("`soon` is not a date value"));
        assert!(
            err("facts:\n- rule: fine\n  subject: [Meta, Scale AI]\n  slot: amount\n  value: $5\n  source: s\n")
                .contains("takes 1 subject names")
        );
        assert!(err("facts: []\ncolour: red\n").starts_with("facts.yaml:2:"));
    }
}
