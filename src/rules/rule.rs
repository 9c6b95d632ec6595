//! Claim rules (`rules/claims/*.yaml`): what makes a claim and how its values
//! are compared. The file format is strict; [`RuleFile::validate`] turns a
//! parsed file into a [`Rule`] or says what is wrong with it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::entities::EntityKind;
use super::trigger::TriggerPattern;

/// How bad a conflict from a rule is; `error` fails a CI run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
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
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// Claims with the same key and slot agree across and within documents.
    Claim,
    /// Within one document, a date derived from a relative expression agrees
    /// with the absolute date of the same claim.
    Timeline,
    /// Claims agree with the verified facts of `facts.yaml`.
    Fact,
    /// Near-duplicate sentences in different documents (a rewritten wire
    /// story) state the same dates, amounts and percentages.
    Rewrite,
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
            RuleKind::Fact => "fact",
            RuleKind::Rewrite => "rewrite",
            RuleKind::NameVariant => "name-variant",
        }
    }
}

/// Whether a sentence that names no subject takes the previous claim's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Only sentences that name the subject make claims.
    #[default]
    Sentence,
    /// A trigger sentence naming too few subject entities takes the subject
    /// of the nearest earlier claim of the rule in the same document.
    Inherit,
    /// The subject is the article's story (its `story` metadata, else the
    /// folder it sits in): every article of a story reports the same event,
    /// as a death toll does. The rule names no subject roles.
    Story,
}

/// The kinds of value a slot holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum SlotKind {
    /// A date, compared as an interval at the coarser grain of the two.
    Date,
    /// An amount of money, compared as an interval in one currency.
    Money,
    /// A percentage, compared as an interval.
    Percent,
    /// A counted quantity ("12 people"), compared as an interval of the same unit.
    Count,
    /// A person's full name as written; only `name-variant` rules have it.
    Name,
    /// A role fact read around a person's name ("Scale AI's CEO, Alexandr
    /// Wang"). With a subject of a person and an organization the value is
    /// the role the person holds there; with an organization alone the key
    /// takes the role and the value is the person who holds it.
    Role,
}

impl SlotKind {
    /// The kind's name as written in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            SlotKind::Date => "date",
            SlotKind::Money => "money",
            SlotKind::Percent => "percent",
            SlotKind::Count => "count",
            SlotKind::Name => "name",
            SlotKind::Role => "role",
        }
    }
}

/// How a slot's true value may change over time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Evolves {
    /// It only grows (a death toll): a later report of more is an update.
    Increasing,
}

/// A slot as written in a rule file.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SlotFile {
    /// What the slot holds.
    kind: SlotKind,
    /// Extra tolerance such as `2%`, on top of the precision the text
    /// states (money, percent, count).
    tolerance: Option<String>,
    /// Dates only: the finest grain compared; `month` makes June 12 and
    /// June 14 agree.
    grain: Option<crate::extract::Grain>,
    /// Counts only: `increasing` when a later report (by publication date)
    /// of a larger number is an update, not a contradiction.
    evolves: Option<Evolves>,
    /// Counts only: the counted nouns that fill the slot, singular
    /// (`person`, `death`); any counted noun when empty.
    #[serde(default)]
    units: Vec<String>,
    /// The value must stand within this many words of a trigger ("killed
    /// 12 people", not a number at the far end of the sentence).
    near: Option<usize>,
    /// The slot takes no value from a sentence that names a month, season or
    /// year: in a story's article such a sentence is most often about an
    /// earlier event ("a quake in December 2003 killed 26,000 people").
    #[serde(default)]
    undated: bool,
    /// Roles only: the roles compared, as the language file names them or
    /// by any word it maps to them (`CEO` for `chief executive`). With a
    /// person in the subject, a person holds at most one of them at an
    /// organization; without, an organization has one holder of each.
    #[serde(default)]
    roles: Vec<String>,
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
    /// For dates, the finest grain compared.
    pub grain: Option<crate::extract::Grain>,
    /// How the true value may change over time.
    pub evolves: Option<Evolves>,
    /// For counts, the counted units that fill the slot (empty: any).
    pub units: Vec<String>,
    /// The most words between the value and a trigger.
    pub near: Option<usize>,
    /// Whether sentences that name a month, season or year give no value.
    pub undated: bool,
    /// For roles, the roles compared, as the language file names them
    /// (the rule file may write `CEO`; loading names it `chief executive`).
    pub roles: Vec<String>,
}

/// A document in a rule example: plain text, or text with a publication date.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum ExampleDoc {
    /// The article text alone.
    Text(String),
    /// The article text with its publication date.
    Dated(DatedExample),
}

/// An example article with a publication date.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DatedExample {
    /// When the article was published.
    pub published: NaiveDate,
    /// The article text.
    pub text: String,
}

/// Sets of example articles: each set must (or must not) make the rule fire.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
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
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RuleFile {
    /// Unique id: lowercase words joined by `-`. Used in output, baselines
    /// and suppressions.
    id: String,
    /// The rule kind: `claim` compares a claim's values across and within
    /// documents; `timeline` compares an article's relative and absolute
    /// dates of one event.
    kind: RuleKind,
    /// One-line title.
    title: String,
    /// What the rule checks and why, for `claimcheck explain`.
    #[serde(default)]
    description: String,
    /// Words and phrases that make a sentence a claim of this rule (claim
    /// rules, except those with a `role` slot, whose claims are the role
    /// facts read around names); a trailing `*` matches any word ending. A
    /// subject role in braces says where its entity stands: before the
    /// words (`{buyer} bought`), after them (`bought {target}`), each
    /// nearest in the same clause, or right between two words (`named
    /// {person} chief`); such a trigger fills every role by its kind.
    #[serde(default)]
    triggers: Vec<String>,
    /// The roles the claim is about and the entity kind of each, e.g.
    /// `{ investor: org, investee: org }` (claim rules).
    #[serde(default)]
    subject: BTreeMap<String, EntityKind>,
    /// The most words between a subject entity and the trigger: `0` when
    /// the value names whom it is about ("the 28-year-old Wang", "Wang,
    /// aged 28"), unset for any entity of the sentence (claim rules).
    subject_near: Option<usize>,
    /// Most days between the publication dates of two documents (when both
    /// are known) for their claims to be compared: an election, a CEO or a
    /// toll of one place recurs over the years (claim rules).
    within_days: Option<u32>,
    /// `inherit`: a trigger sentence naming too few subject entities takes
    /// the previous claim's subject; `sentence` (default): it makes no claim.
    #[serde(default)]
    scope: Scope,
    /// The values compared, by name, e.g. `date: { kind: date }` (claim rules).
    #[serde(default)]
    slots: BTreeMap<String, SlotFile>,
    /// Words that join the claim's key when the sentence holds one, by
    /// qualifier name, e.g. `round: [seed, Series A, Series B]`: a Series A
    /// amount is compared only with Series A amounts (claim rules).
    #[serde(default)]
    qualifiers: BTreeMap<String, Vec<String>>,
    /// `error` fails a CI run; `warning` and `info` do not by default.
    severity: Severity,
    /// `false` for a rule that runs only when a configuration enables it
    /// (`enable: [id]` in claimcheck.yaml); default `true`.
    #[serde(default = "yes")]
    enabled: bool,
    /// The message of a conflict; placeholders such as `{subject}` and `{slot}`.
    message: String,
    /// Article sets on which the rule must fire (`conflict`) or stay quiet
    /// (`agree`); `claimcheck test-rules` runs them.
    #[serde(default)]
    examples: Examples,
    /// Settings of the `rewrite` kind.
    align: Option<Align>,
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
    /// Trigger words and phrases as written; a trailing `*` matches any
    /// word ending.
    pub triggers: Vec<String>,
    /// The triggers read: the words searched for and where the subject
    /// roles they name stand.
    pub patterns: Vec<TriggerPattern>,
    /// Subject roles and the entity kind each takes.
    pub subject: BTreeMap<String, EntityKind>,
    /// The most words between a subject entity and the trigger, if limited.
    pub subject_near: Option<usize>,
    /// Most days between two documents' publication dates for their claims
    /// to be compared, if limited.
    pub within_days: Option<u32>,
    /// Whether trigger sentences without a subject inherit one.
    pub scope: Scope,
    /// The slots compared.
    pub slots: Vec<Slot>,
    /// Qualifier name → the words that set it; they join the claim's key.
    pub qualifiers: BTreeMap<String, Vec<String>>,
    /// Severity of its conflicts.
    pub severity: Severity,
    /// Whether it runs without a configuration enabling it.
    pub enabled: bool,
    /// Message template; placeholders in braces.
    pub message: String,
    /// Examples that `claimcheck test-rules` tests the rule against.
    pub examples: Examples,
    /// The file the rule came from, as shown to the user.
    pub path: String,
    /// 1-based line of the rule's `id` in its file.
    pub line: usize,
    /// 1-based line of each example set, in the order of `examples`.
    pub example_lines: ExampleLines,
    /// How alike two sentences must be to be aligned (`rewrite` rules).
    pub align: Align,
}

/// Where each example set is written, for `test-rules` failures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExampleLines {
    /// Lines of the `conflict` sets.
    pub conflict: Vec<usize>,
    /// Lines of the `agree` sets.
    pub agree: Vec<usize>,
}

impl ExampleLines {
    /// Finds the list items under `examples:` → `conflict:` and `agree:` in
    /// a rule file's text. serde_yaml gives no positions for values, so the
    /// lines are read from the text: an item is a `-` at the first item
    /// indentation under its key.
    pub(crate) fn scan(text: &str) -> Self {
        let mut lines = ExampleLines::default();
        let mut in_examples = false;
        // The list being read (true: `conflict`) and its items' indentation.
        let mut list: Option<(bool, Option<usize>)> = None;
        for (i, line) in text.lines().enumerate() {
            let indent = line.len() - line.trim_start().len();
            let content = line.trim();
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            if indent == 0 {
                in_examples = content.starts_with("examples:");
                list = None;
                continue;
            }
            if !in_examples {
                continue;
            }
            if content.starts_with("conflict:") || content.starts_with("agree:") {
                list = Some((content.starts_with("conflict:"), None));
                continue;
            }
            if let Some((conflict, item_indent)) = list.as_mut() {
                if content.starts_with('-') && item_indent.is_none_or(|at| at == indent) {
                    *item_indent = Some(indent);
                    let items = if *conflict {
                        &mut lines.conflict
                    } else {
                        &mut lines.agree
                    };
                    items.push(i + 1);
                }
            }
        }
        lines
    }
}

/// A problem with a rule file: the key it concerns and what is wrong.
pub(crate) struct Invalid {
    pub(crate) key: &'static str,
    pub(crate) message: String,
}

impl RuleFile {
    /// Checks a claim rule with a `role` slot: its claims are the role facts
    /// of the names recognizer, so it has one slot, no triggers, and a
    /// subject of an organization and at most one person.
    fn check_role_rule(&self) -> Result<(), (&'static str, String)> {
        if self.slots.len() != 1 {
            return Err(("slots", "a rule with a role slot has that slot alone".into()));
        }
        if !self.triggers.is_empty() {
            return Err((
                "triggers",
                "a rule with a role slot takes its claims from the role facts read around names: it has no triggers"
                    .into(),
            ));
        }
        if self.subject_near.is_some() || !self.qualifiers.is_empty() || self.scope != Scope::Sentence {
            return Err((
                "kind",
                "a rule with a role slot takes its subject from each role fact: it has no subject-near, qualifiers or scope"
                    .into(),
            ));
        }
        let count = |kind| self.subject.values().filter(|&&k| k == kind).count();
        let (orgs, people) = (count(EntityKind::Org), count(EntityKind::Person));
        if orgs != 1 || people > 1 || orgs + people != self.subject.len() {
            return Err((
                "subject",
                "a rule with a role slot has the subject `{ person: person, organization: org }` (the role a person holds) or `{ organization: org }` (who holds a role)".into(),
            ));
        }
        Ok(())
    }

    /// Checks what the schema cannot, and builds the [`Rule`] read from
    /// `text` at `path`.
    pub(crate) fn validate(self, path: &str, text: &str) -> Result<Rule, Invalid> {
        let invalid = |key, message: String| Invalid { key, message };
        if self.id.is_empty() || !self.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(invalid(
                "id",
                format!("rule id `{}` must be lowercase words joined by `-`", self.id),
            ));
        }
        let placeholders: &[&str] = match self.kind {
            RuleKind::Claim if self.slots.values().any(|s| s.kind == SlotKind::Role) => {
                self.check_role_rule().map_err(|(key, m)| invalid(key, m))?;
                &["subject", "slot", "rule", "qualifier"]
            }
            RuleKind::Claim => {
                if self.triggers.is_empty() {
                    return Err(invalid("triggers", "a claim rule needs at least one trigger".into()));
                }
                if self.scope == Scope::Story && !self.subject.is_empty() {
                    return Err(invalid(
                        "subject",
                        "a rule of scope `story` takes the story as its subject: it names no subject roles".into(),
                    ));
                }
                if self.scope != Scope::Story && self.subject.is_empty() {
                    return Err(invalid(
                        "subject",
                        "a claim rule needs a subject, e.g. `{ investor: org, investee: org }`, or `scope: story`"
                            .into(),
                    ));
                }
                if self.slots.is_empty() {
                    return Err(invalid(
                        "slots",
                        "a claim rule needs at least one slot, e.g. `date: { kind: date }`".into(),
                    ));
                }
                &["subject", "slot", "rule", "qualifier"]
            }
            kind if !self.triggers.is_empty()
                || !self.subject.is_empty()
                || self.subject_near.is_some()
                || self.within_days.is_some()
                || !self.slots.is_empty()
                || !self.qualifiers.is_empty() =>
            {
                let why = match kind {
                    RuleKind::Timeline => "takes its events from the claim rules",
                    RuleKind::Fact => "takes its claims from the claim rules and its values from facts.yaml",
                    RuleKind::NameVariant => "reads every person's name",
                    _ => "aligns sentences by their words",
                };
                return Err(invalid(
                    "kind",
                    format!(
                        "a {} rule {why}: it has no triggers, subject, subject-near, within-days, slots or qualifiers",
                        kind.as_str()
                    ),
                ));
            }
            RuleKind::Timeline => &["subject", "slot", "rule", "qualifier", "stated", "derived"],
            RuleKind::Fact => &["subject", "slot", "rule", "qualifier", "verified", "source"],
            RuleKind::Rewrite => {
                if let Some(align) = &self.align {
                    align.check().map_err(|m| invalid("align", m))?;
                }
                &["slot", "sentence", "values"]
            }
            RuleKind::NameVariant => &["subject", "slot", "rule", "names"],
        };
        if self.align.is_some() && self.kind != RuleKind::Rewrite {
            return Err(invalid("align", "only a rewrite rule takes `align`".into()));
        }
        check_placeholders(&self.message, placeholders).map_err(|m| invalid("message", m))?;
        let roles: Vec<String> = self.subject.keys().cloned().collect();
        let patterns = self
            .triggers
            .iter()
            .map(|t| TriggerPattern::parse(t, &roles).map_err(|m| invalid("triggers", m)))
            .collect::<Result<Vec<_>, _>>()?;
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
                let only = |what: &str, kinds: &[SlotKind]| {
                    if kinds.contains(&slot.kind) {
                        Ok(())
                    } else {
                        Err(invalid(
                            "slots",
                            format!(
                                "slot `{name}`: `{what}` does not apply to a {} slot",
                                slot.kind.as_str()
                            ),
                        ))
                    }
                };
                if slot.grain.is_some() {
                    only("grain", &[SlotKind::Date])?;
                }
                if slot.evolves.is_some() {
                    only("evolves", &[SlotKind::Count, SlotKind::Money, SlotKind::Percent])?;
                }
                if !slot.units.is_empty() {
                    only("units", &[SlotKind::Count])?;
                }
                if slot.tolerance.is_some() {
                    only("tolerance", &[SlotKind::Money, SlotKind::Percent, SlotKind::Count])?;
                }
                if !slot.roles.is_empty() {
                    only("roles", &[SlotKind::Role])?;
                }
                if slot.kind == SlotKind::Role && slot.roles.is_empty() {
                    return Err(invalid(
                        "slots",
                        format!("slot `{name}`: a role slot names the roles it compares, e.g. `roles: [CEO, CFO]`"),
                    ));
                }
                if slot.kind == SlotKind::Role && (slot.near.is_some() || slot.undated) {
                    return Err(invalid(
                        "slots",
                        format!("slot `{name}`: a role slot takes role facts whole: it has no `near` or `undated`"),
                    ));
                }
                Ok(Slot {
                    name,
                    kind: slot.kind,
                    tolerance,
                    grain: slot.grain,
                    evolves: slot.evolves,
                    units: slot.units,
                    near: slot.near,
                    undated: slot.undated,
                    roles: slot.roles,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        // A name-variant rule compares one thing: the spelling of a name.
        let slots = if self.kind == RuleKind::NameVariant {
            vec![Slot {
                name: "spelling".into(),
                kind: SlotKind::Name,
                tolerance: 0.0,
                grain: None,
                evolves: None,
                units: Vec::new(),
                near: None,
                undated: false,
                roles: Vec::new(),
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
            patterns,
            subject: self.subject,
            subject_near: self.subject_near,
            within_days: self.within_days,
            scope: self.scope,
            slots,
            qualifiers: self.qualifiers,
            severity: self.severity,
            enabled: self.enabled,
            message: self.message,
            examples: self.examples,
            path: path.to_string(),
            line: crate::util::yaml_key_index(text, "id").map_or(1, |i| i + 1),
            example_lines: ExampleLines::scan(text),
            align: self.align.unwrap_or_default(),
        })
    }
}

fn yes() -> bool {
    true
}

/// How alike two sentences must be for a `rewrite` rule to align them.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Align {
    /// Least Jaccard similarity of the two sentences' word pairs, with
    /// their dates, amounts and numbers masked (0 to 1).
    pub similarity: f64,
    /// Fewest content words a sentence needs: shorter ones are too generic
    /// to say that two documents copy each other.
    pub min_words: usize,
    /// Most days between the publication dates of two documents (when both
    /// are known) for one to be a rewrite of the other: further apart, two
    /// alike sentences are a recurring template (a daily market report).
    pub within_days: u32,
}

impl Default for Align {
    fn default() -> Self {
        Align {
            similarity: 0.5,
            min_words: 8,
            within_days: 3,
        }
    }
}

impl Align {
    fn check(&self) -> Result<(), String> {
        if !(self.similarity > 0.0 && self.similarity <= 1.0) {
            return Err(format!(
                "align: similarity `{}` must be above 0 and at most 1",
                self.similarity
            ));
        }
        if self.min_words == 0 {
            return Err("align: min-words must be at least 1".into());
        }
        Ok(())
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
    fn example_lines_are_the_items_under_conflict_and_agree() {
        let text = "id: x\nexamples:\n  # comment\n  conflict:\n    - [\"a\",\n       \"b\"]\n    - [c, d]\n  agree:\n    - - e\n      - f\nseverity: error\n";
        assert_eq!(
            ExampleLines::scan(text),
            ExampleLines {
                conflict: vec![5, 7],
                agree: vec![9]
            }
        );
    }

    /// The JSON Schema of rule files, for editors' completion.
    fn schema_text() -> String {
        let schema = schemars::schema_for!(RuleFile);
        serde_json::to_string_pretty(&schema).unwrap() + "\n"
    }

    const SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/schema.json");

    #[test]
    fn schema_json_matches_the_rule_types() {
        let text = schema_text();
        if std::env::var_os("CLAIMCHECK_WRITE_SCHEMA").is_some() {
            std::fs::write(SCHEMA, &text).unwrap();
        }
        assert!(
            std::fs::read_to_string(SCHEMA).unwrap() == text,
            "rules/schema.json is stale: run `CLAIMCHECK_WRITE_SCHEMA=1 cargo test schema_json` and review the diff"
        );
    }

    #[test]
    fn every_rule_file_validates_against_the_schema_and_the_schema_is_strict() {
        let schema: serde_json::Value = serde_json::from_str(&schema_text()).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/claims");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let yaml: serde_json::Value = serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let errors: Vec<String> = validator.iter_errors(&yaml).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            checked += 1;
            let mut unknown = yaml.clone();
            unknown["colour"] = "red".into();
            assert!(!validator.is_valid(&unknown), "an unknown key breaks the schema");
        }
        assert!(checked >= 2);
    }

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
