//! Claim rules (`rules/claims/*.yaml`): what makes a claim and how its values
//! are compared. The file format is strict; [`RuleFile::validate`] turns a
//! parsed file into a [`Rule`] or says what is wrong with it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::entities::EntityKind;

/// How bad a conflict from a rule is; `error` fails a CI run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Worth a look.
    Warning,
    /// Fails the check.
    Error,
}

impl Severity {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The rule kinds: each is one module in `compare/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// Claims with the same key and slot agree across and within documents.
    Claim,
    /// Within one document, a date derived from a relative expression agrees
    /// with the absolute date of the same claim.
    Timeline,
    /// A person's name is spelled the same everywhere: near-identical full
    /// names ("Alexandr Wang", "Alexander Wang") are reported, never merged.
    NameVariant,
}

impl RuleKind {
    /// The kind's name as written in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Claim => "claim",
            RuleKind::Timeline => "timeline",
            RuleKind::NameVariant => "name-variant",
        }
    }
}

/// Whether a sentence that names no subject takes the previous claim's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Only sentences that name the subject make claims.
    #[default]
    Sentence,
    /// A trigger sentence naming too few subject entities takes the subject
    /// of the nearest earlier claim of the rule in the same document.
    Inherit,
}

/// The kinds of value a slot holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SlotKind {
    /// A date, compared as an interval at the coarser grain of the two.
    Date,
    /// An amount of money, compared as an interval in one currency.
    Money,
    /// A person's full name as written; only `name-variant` rules have it.
    Name,
}

/// A slot as written in a rule file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SlotFile {
    kind: SlotKind,
    /// Extra tolerance such as `2%`, on top of the precision the text states.
    tolerance: Option<String>,
}

/// One slot of a claim rule.
#[derive(Clone, Debug)]
pub struct Slot {
    /// The slot's name (`date`, `amount`).
    pub name: String,
    /// What it holds.
    pub kind: SlotKind,
    /// Relative tolerance added to both bounds (0.02 for `2%`).
    pub tolerance: f64,
}

/// A document in a rule example: plain text, or text with a publication date.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum ExampleDoc {
    /// The article text alone.
    Text(String),
    /// The article text with its publication date.
    Dated(DatedExample),
}

/// An example article with a publication date.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatedExample {
    /// When the article was published.
    pub published: NaiveDate,
    /// The article text.
    pub text: String,
}

/// Sets of example articles: each set must (or must not) make the rule fire.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Sets of articles on which the rule reports a conflict.
    #[serde(default)]
    pub conflict: Vec<Vec<ExampleDoc>>,
    /// Sets of articles on which the rule reports nothing.
    #[serde(default)]
    pub agree: Vec<Vec<ExampleDoc>>,
}

/// A rule file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RuleFile {
    id: String,
    kind: RuleKind,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    triggers: Vec<String>,
    #[serde(default)]
    subject: BTreeMap<String, EntityKind>,
    #[serde(default)]
    scope: Scope,
    #[serde(default)]
    slots: BTreeMap<String, SlotFile>,
    severity: Severity,
    message: String,
    #[serde(default)]
    examples: Examples,
}

/// A loaded, validated rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Unique id, used in output and suppressions.
    pub id: String,
    /// The rule kind.
    pub kind: RuleKind,
    /// One-line title.
    pub title: String,
    /// What the rule checks and why.
    pub description: String,
    /// Trigger words and phrases; a trailing `*` matches any word ending.
    pub triggers: Vec<String>,
    /// Subject roles and the entity kind each takes.
    pub subject: BTreeMap<String, EntityKind>,
    /// Whether trigger sentences without a subject inherit one.
    pub scope: Scope,
    /// The slots compared.
    pub slots: Vec<Slot>,
    /// Severity of its conflicts.
    pub severity: Severity,
    /// Message template; placeholders in braces.
    pub message: String,
    /// Examples that `claimcheck` tests the rule against.
    pub examples: Examples,
}

/// A problem with a rule file: the key it concerns and what is wrong.
pub(crate) struct Invalid {
    pub(crate) key: &'static str,
    pub(crate) message: String,
}

impl RuleFile {
    /// Checks what the schema cannot, and builds the [`Rule`].
    pub(crate) fn validate(self) -> Result<Rule, Invalid> {
        let invalid = |key, message: String| Invalid { key, message };
        if self.id.is_empty() || !self.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(invalid(
                "id",
                format!("rule id `{}` must be lowercase words joined by `-`", self.id),
            ));
        }
        let placeholders: &[&str] = match self.kind {
            RuleKind::Claim => {
                if self.triggers.is_empty() {
                    return Err(invalid("triggers", "a claim rule needs at least one trigger".into()));
                }
                if self.subject.is_empty() {
                    return Err(invalid(
                        "subject",
                        "a claim rule needs a subject, e.g. `{ investor: org, investee: org }`".into(),
                    ));
                }
                if self.slots.is_empty() {
                    return Err(invalid(
                        "slots",
                        "a claim rule needs at least one slot, e.g. `date: { kind: date }`".into(),
                    ));
                }
                &["subject", "slot", "rule"]
            }
            RuleKind::Timeline => {
                if !self.triggers.is_empty() || !self.subject.is_empty() || !self.slots.is_empty() {
                    return Err(invalid(
                        "kind",
                        "a timeline rule takes its events from the claim rules: it has no triggers, subject or slots"
                            .into(),
                    ));
                }
                &["subject", "slot", "rule", "stated", "derived"]
            }
            RuleKind::NameVariant => {
                if !self.triggers.is_empty() || !self.subject.is_empty() || !self.slots.is_empty() {
                    return Err(invalid(
                        "kind",
                        "a name-variant rule reads every person's name: it has no triggers, subject or slots".into(),
                    ));
                }
                &["subject", "slot", "rule", "names"]
            }
        };
        check_placeholders(&self.message, placeholders).map_err(|m| invalid("message", m))?;
        let slots = self
            .slots
            .into_iter()
            .map(|(name, slot)| {
                let tolerance = match slot.tolerance.as_deref() {
                    None => 0.0,
                    Some(t) => parse_percent(t).ok_or_else(|| {
                        invalid(
                            "slots",
                            format!("slot `{name}`: tolerance `{t}` is not a percentage such as `2%`"),
                        )
                    })?,
                };
                Ok(Slot {
                    name,
                    kind: slot.kind,
                    tolerance,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        // A name-variant rule compares one thing: the spelling of a name.
        let slots = if self.kind == RuleKind::NameVariant {
            vec![Slot {
                name: "spelling".into(),
                kind: SlotKind::Name,
                tolerance: 0.0,
            }]
        } else {
            slots
        };
        Ok(Rule {
            id: self.id,
            kind: self.kind,
            title: self.title,
            description: self.description.trim().to_string(),
            triggers: self.triggers,
            subject: self.subject,
            scope: self.scope,
            slots,
            severity: self.severity,
            message: self.message,
            examples: self.examples,
        })
    }
}

fn parse_percent(text: &str) -> Option<f64> {
    let number: f64 = text.trim().strip_suffix('%')?.trim().parse().ok()?;
    (0.0..100.0).contains(&number).then_some(number / 100.0)
}

fn check_placeholders(message: &str, known: &[&str]) -> Result<(), String> {
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            return Err("message has a `{` without its `}`".into());
        };
        let name = &rest[open + 1..open + close];
        if !known.contains(&name) {
            return Err(format!(
                "message placeholder `{{{name}}}` is unknown; expected one of {}",
                known.iter().map(|k| format!("{{{k}}}")).collect::<Vec<_>>().join(", ")
            ));
        }
        rest = &rest[open + close + 1..];
    }
    Ok(())
}

/// Fills a message template's `{name}` placeholders from `values`.
pub(crate) fn fill_message(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_tolerance_parses() {
        assert_eq!(parse_percent("2%"), Some(0.02));
        assert_eq!(parse_percent("2"), None);
        assert_eq!(parse_percent("x%"), None);
    }

    #[test]
    fn unknown_placeholder_is_named() {
        let err = check_placeholders("{subject} and {bogus}", &["subject"]).unwrap_err();
        assert!(err.contains("{bogus}"), "{err}");
    }
}
