//! Rule loading: language resources, known entities and claim rules, from the
//! rule set embedded in the binary and from extra rule folders.
//!
//! A folder has the layout of the project's `rules/`: `lang/<code>.yaml`,
//! `entities/*.yaml`, `claims/*.yaml`, `names/*.txt` (word lists, one a
//! line, `#` starts a comment). Every file is parsed strictly; the first
//! mistake stops the load with its file, line and column, so that nothing is
//! half-loaded.

mod entities;
mod lang;
mod rule;
mod trigger;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use include_dir::{include_dir, Dir};
use serde::de::DeserializeOwned;

pub use entities::{Entity, EntityKind};
pub use lang::{
    Bound, DateBound, DateWords, DayPart, Lang, Meridiem, MoneyWords, NameWords, PercentWords, PeriodPart,
    QuantityWords, Reference, Relation, Season, Shift, TimeUnit,
};
pub(crate) use rule::fill_message;
pub use rule::{
    Align, DatedExample, Evolves, ExampleDoc, ExampleLines, Examples, Rule, RuleKind, Scope, Severity, Slot, SlotKind,
};
pub use trigger::TriggerPattern;

use crate::error::RuleError;

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// Everything the pipeline needs from rule files.
#[derive(Clone, Debug)]
pub struct RuleSet {
    /// Language resources.
    pub lang: Lang,
    /// Known entities and their aliases.
    pub entities: Vec<Entity>,
    /// The rules that run, sorted by id.
    pub rules: Vec<Rule>,
    /// The rules that are off (`enabled: false`, or disabled by a
    /// configuration), sorted by id.
    pub off: Vec<Rule>,
    /// Source reliability weights from the configuration (1 when absent):
    /// the weight of a source's support when values are ranked.
    pub sources: BTreeMap<String, f64>,
    /// Verified facts that claims are checked against.
    pub facts: Vec<crate::facts::Fact>,
    /// Given names (`names/given-names*.txt`), as written there.
    pub given_names: Vec<String>,
    /// Surnames (`names/surnames*.txt`), as written there.
    pub surnames: Vec<String>,
}

/// A rule file's display path and contents.
struct Source {
    path: String,
    text: String,
}

impl RuleSet {
    /// The default rule set compiled into the binary.
    pub fn embedded() -> Result<Self, RuleError> {
        let mut sources = Vec::new();
        collect_embedded(&EMBEDDED, &mut sources);
        Self::from_sources(sources)
    }

    /// The default rule set plus the rules and entities of `dirs`.
    pub fn with_dirs(dirs: &[impl AsRef<Path>]) -> Result<Self, RuleError> {
        let mut sources = Vec::new();
        collect_embedded(&EMBEDDED, &mut sources);
        for dir in dirs {
            collect_dir(dir.as_ref(), dir.as_ref(), &mut sources)?;
        }
        Self::from_sources(sources)
    }

    /// The default rule set plus rule files given as (path, text): the path
    /// places each file in the layout (`x/claims/a.yaml`), as a folder would.
    pub fn embedded_with(files: &[(&str, &str)]) -> Result<Self, RuleError> {
        let mut sources = Vec::new();
        collect_embedded(&EMBEDDED, &mut sources);
        sources.extend(files.iter().map(|(path, text)| Source {
            path: path.to_string(),
            text: text.to_string(),
        }));
        Self::from_sources(sources)
    }

    /// The running rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Turns a rule on or off; false when no rule has the id.
    pub fn set_enabled(&mut self, id: &str, on: bool) -> bool {
        let (from, to) = if on {
            (&mut self.off, &mut self.rules)
        } else {
            (&mut self.rules, &mut self.off)
        };
        if let Some(i) = from.iter().position(|r| r.id == id) {
            to.push(from.remove(i));
            to.sort_by(|a, b| a.id.cmp(&b.id));
            return true;
        }
        to.iter().any(|r| r.id == id)
    }

    /// Turns every rule on: what `test-rules` runs.
    pub fn enable_all(&mut self) {
        self.rules.append(&mut self.off);
        self.rules.sort_by(|a, b| a.id.cmp(&b.id));
    }

    fn from_sources(mut sources: Vec<Source>) -> Result<Self, RuleError> {
        sources.sort_by(|a, b| a.path.cmp(&b.path));
        let mut lang = None;
        let mut entities = Vec::new();
        let mut rules: Vec<Rule> = Vec::new();
        let mut ids = BTreeSet::new();
        let mut given_names = Vec::new();
        let mut surnames = Vec::new();
        for source in &sources {
            match folder_of(&source.path) {
                Some("names") if source.path.ends_with(".txt") => {
                    let file = source.path.rsplit('/').next().unwrap_or_default();
                    let list = if file.starts_with("given-names") {
                        &mut given_names
                    } else if file.starts_with("surnames") {
                        &mut surnames
                    } else {
                        return Err(RuleError::Invalid {
                            path: source.path.clone(),
                            line: 1,
                            message: "a word list under names/ is named given-names*.txt or surnames*.txt".into(),
                        });
                    };
                    list.extend(word_list(&source.text));
                }
                Some("lang") => {
                    let parsed: Lang = parse(source)?;
                    if parsed.code == "en" {
                        lang = Some(parsed);
                    }
                }
                Some("entities") => {
                    let file: entities::EntitiesFile = parse(source)?;
                    entities.extend(file.entities);
                }
                Some("claims") => {
                    let file: rule::RuleFile = parse(source)?;
                    let rule = file
                        .validate(&source.path, &source.text)
                        .map_err(|invalid| RuleError::Invalid {
                            path: source.path.clone(),
                            line: line_of_key(&source.text, invalid.key),
                            message: invalid.message,
                        })?;
                    if !ids.insert(rule.id.clone()) {
                        return Err(RuleError::Invalid {
                            path: source.path.clone(),
                            line: line_of_key(&source.text, "id"),
                            message: format!("rule id `{}` is already defined by another rule file", rule.id),
                        });
                    }
                    rules.push(rule);
                }
                // A word list anywhere else, or YAML among the word lists, is not a rule file.
                _ => {}
            }
        }
        let lang = lang.ok_or_else(|| RuleError::Invalid {
            path: "rules/lang/en.yaml".into(),
            line: 1,
            message: "no English language file was found".into(),
        })?;
        for rule in &mut rules {
            let text = sources
                .iter()
                .find(|s| s.path == rule.path)
                .map_or("", |s| s.text.as_str());
            name_roles(rule, &lang.names.roles, text)?;
        }
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let (rules, off) = rules.into_iter().partition(|r| r.enabled);
        Ok(RuleSet {
            lang,
            entities,
            rules,
            off,
            sources: BTreeMap::new(),
            facts: Vec::new(),
            given_names,
            surnames,
        })
    }
}

fn collect_embedded(dir: &Dir<'static>, out: &mut Vec<Source>) {
    for file in dir.files() {
        if is_rule_file(file.path()) {
            if let Some(text) = file.contents_utf8() {
                out.push(Source {
                    path: format!("rules/{}", file.path().display()),
                    text: text.to_string(),
                });
            }
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

fn collect_dir(root: &Path, dir: &Path, out: &mut Vec<Source>) -> Result<(), RuleError> {
    let io = |source| RuleError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries = std::fs::read_dir(dir)
        .map_err(io)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(io)?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            collect_dir(root, &path, out)?;
        } else if is_rule_file(&path) {
            let text = std::fs::read_to_string(&path).map_err(|source| RuleError::Io {
                path: path.clone(),
                source,
            })?;
            // Keep the folder layout visible to `folder_of`, with the user's path in messages.
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let shown = format!("{}/{}", root.display(), relative.display());
            out.push(Source { path: shown, text });
        }
    }
    Ok(())
}

/// YAML rule files, and the word lists of `names/`.
fn is_rule_file(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some("yaml" | "yml") => true,
        Some("txt") => path.parent().and_then(|p| p.file_name()).is_some_and(|n| n == "names"),
        _ => false,
    }
}

/// The words of a word list: one a line, blank lines and `#` comments skipped.
fn word_list(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
}

/// The layout folder (`lang`, `entities`, `claims`) a rule file sits in.
fn folder_of(path: &str) -> Option<&str> {
    let mut parts = path.rsplit('/');
    parts.next();
    parts.next()
}

fn parse<T: DeserializeOwned>(source: &Source) -> Result<T, RuleError> {
    parse_yaml(&source.path, &source.text)
}

/// Parses a strict YAML file; a mistake names the file, line and column.
pub(crate) fn parse_yaml<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, RuleError> {
    serde_yaml::from_str(text).map_err(|err| {
        let (line, column) = err.location().map_or((1, 1), |l| (l.line(), l.column()));
        RuleError::Syntax {
            path: path.to_string(),
            line,
            column,
            message: crate::util::yaml_message(&err),
        }
    })
}

/// Names the roles of `rule`'s role slots as the language file's `roles:`
/// map does: a rule may write a role by any word the map gives it, in any
/// case ("CEO" for "chief executive"); a word the map does not know is an
/// error at its line of `text`, the rule's file.
fn name_roles(rule: &mut Rule, words: &BTreeMap<String, String>, text: &str) -> Result<(), RuleError> {
    for slot in rule.slots.iter_mut().filter(|s| s.kind == SlotKind::Role) {
        for word in &mut slot.roles {
            let Some((_, role)) = words
                .iter()
                .find(|(w, role)| w.eq_ignore_ascii_case(word) || role.eq_ignore_ascii_case(word))
            else {
                let line = text
                    .lines()
                    .position(|l| l.contains(word.as_str()) && !l.trim_start().starts_with('#'))
                    .map_or(rule.line, |i| i + 1);
                return Err(RuleError::Invalid {
                    path: rule.path.clone(),
                    line,
                    message: format!(
                        "slot `{}`: `{word}` is no role of the language file (`names: roles:` in lang/en.yaml)",
                        slot.name
                    ),
                });
            };
            *word = role.clone();
        }
        slot.roles.sort();
        slot.roles.dedup();
    }
    Ok(())
}

/// The 1-based line of a top-level key, or 1 when the key is absent.
fn line_of_key(text: &str, key: &str) -> usize {
    crate::util::yaml_key_index(text, key).map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(files: &[(&str, &str)]) -> Result<RuleSet, RuleError> {
        let mut sources = Vec::new();
        collect_embedded(&EMBEDDED, &mut sources);
        sources.extend(files.iter().map(|(p, t)| Source {
            path: p.to_string(),
            text: t.to_string(),
        }));
        RuleSet::from_sources(sources)
    }

    #[test]
    fn embedded_rules_load() {
        let rules = RuleSet::embedded().unwrap();
        assert!(rules.rule("investment").is_some());
        assert!(rules.rule("timeline").is_some());
        assert!(rules.entities.iter().any(|e| e.name == "Meta"));
    }

    #[test]
    fn given_names_come_from_the_names_word_lists() {
        let rules = load(&[("extra/names/given-names-more.txt", "# mine\n\nAlexandr\n")]).unwrap();
        assert!(rules.given_names.iter().any(|n| n == "Mary"));
        assert!(rules.given_names.iter().any(|n| n == "Alexandr"));
        assert!(!rules.given_names.iter().any(|n| n.starts_with('#') || n.is_empty()));
        assert!(rules.surnames.iter().any(|n| n == "Reid"));
        let err = load(&[("extra/names/nicknames.txt", "Bob\n")]).unwrap_err().to_string();
        assert!(err.contains("given-names*.txt"), "{err}");
    }

    #[test]
    fn unknown_key_names_file_line_and_column() {
        let text = "id: x\nkind: claim\ntitle: t\ntrigers: [a]\nseverity: error\nmessage: m\n";
        let err = load(&[("extra/claims/x.yaml", text)]).unwrap_err().to_string();
        assert!(
            err.starts_with("extra/claims/x.yaml:4:1: unknown field `trigers`"),
            "{err}"
        );
        assert!(err.contains("expected one of"), "{err}");
    }

    #[test]
    fn unknown_kind_lists_the_valid_ones() {
        let text = "id: x\nkind: vibes\ntitle: t\nseverity: error\nmessage: m\n";
        let err = load(&[("extra/claims/x.yaml", text)]).unwrap_err().to_string();
        assert!(err.contains("x.yaml:2:7"), "{err}");
        assert!(err.contains("`claim`") && err.contains("`timeline`"), "{err}");
    }

    #[test]
    fn claim_rule_without_slots_is_rejected_at_its_key() {
        let text = "id: x\nkind: claim\ntitle: t\ntriggers: [a]\nsubject: { who: org }\nseverity: error\nmessage: m\n";
        let err = load(&[("extra/claims/x.yaml", text)]).unwrap_err().to_string();
        assert_eq!(
            err,
            "extra/claims/x.yaml:1: a claim rule needs at least one slot, e.g. `date: { kind: date }`"
        );
    }

    #[test]
    fn a_trigger_naming_no_subject_role_is_rejected_at_its_key() {
        let text = "id: x\nkind: claim\ntitle: t\nsubject: { buyer: org, target: org }\n\
                    triggers: [bought, \"{buyer} bought {seller}\"]\nslots:\n  price: { kind: money }\n\
                    severity: error\nmessage: m\n";
        let err = load(&[("extra/claims/x.yaml", text)]).unwrap_err().to_string();
        assert_eq!(
            err,
            "extra/claims/x.yaml:5: trigger `{buyer} bought {seller}` names `{seller}`, which is no subject role; expected one of {buyer}, {target}"
        );
        let fixed = text.replace("{seller}", "{target}");
        let rules = load(&[("extra/claims/x.yaml", &fixed)]).unwrap();
        let pattern = &rules.rule("x").unwrap().patterns[1];
        assert_eq!(
            (pattern.before.as_deref(), pattern.after.as_deref()),
            (Some("buyer"), Some("target"))
        );
    }

    #[test]
    fn within_days_belongs_to_claim_rules_only() {
        let text = "id: x\nkind: timeline\ntitle: t\nwithin-days: 30\nseverity: error\nmessage: m\n";
        let err = load(&[("extra/claims/x.yaml", text)]).unwrap_err().to_string();
        assert!(err.contains("a timeline rule") && err.contains("within-days"), "{err}");
    }

    const ROLE_RULE: &str = "id: x\nkind: claim\ntitle: t\nsubject: { person: person, organization: org }\nslots:\n  role: { kind: role, roles: [CEO, Chief Financial Officer, chief executive] }\nseverity: error\nmessage: m\n";

    #[test]
    fn role_slot_roles_are_named_as_the_language_file_names_them() {
        let rules = load(&[("extra/claims/x.yaml", ROLE_RULE)]).unwrap();
        let slot = &rules.rule("x").unwrap().slots[0];
        assert_eq!(slot.kind, SlotKind::Role);
        assert_eq!(slot.roles, ["chief executive", "chief financial officer"]);
        let text = ROLE_RULE.replace("chief executive]", "chief exec]");
        let err = load(&[("extra/claims/x.yaml", &text)]).unwrap_err().to_string();
        assert_eq!(
            err,
            "extra/claims/x.yaml:6: slot `role`: `chief exec` is no role of the language file (`names: roles:` in lang/en.yaml)"
        );
    }

    #[test]
    fn a_role_rule_is_checked_for_what_it_cannot_have() {
        let err = |from: &str, to: &str| {
            let text = ROLE_RULE.replace(from, to);
            load(&[("extra/claims/x.yaml", &text)]).unwrap_err().to_string()
        };
        let e = err("title: t\n", "title: t\ntriggers: [CEO]\n");
        assert!(
            e.starts_with("extra/claims/x.yaml:4: ") && e.contains("no triggers"),
            "{e}"
        );
        let e = err("person: person, organization: org", "person: person");
        assert!(
            e.starts_with("extra/claims/x.yaml:4: ") && e.contains("`{ organization: org }`"),
            "{e}"
        );
        let e = err("organization: org", "organization: org, place: place");
        assert!(e.contains("subject"), "{e}");
        let e = err(", roles: [CEO, Chief Financial Officer, chief executive]", "");
        assert!(
            e.starts_with("extra/claims/x.yaml:5: ") && e.contains("names the roles"),
            "{e}"
        );
        let text = ROLE_RULE
            .replace("kind: role,", "kind: count,")
            .replace("title: t\n", "title: t\ntriggers: [CEO]\n");
        let e = load(&[("extra/claims/x.yaml", &text)]).unwrap_err().to_string();
        assert!(e.contains("`roles` does not apply to a count slot"), "{e}");
        let e = err("kind: role,", "kind: role, near: 2,");
        assert!(e.contains("no `near`"), "{e}");
        let e = err("slots:\n", "slots:\n  date: { kind: date }\n");
        assert!(e.contains("that slot alone"), "{e}");
        let e = err("title: t\n", "title: t\nscope: inherit\n");
        assert!(e.contains("no subject-near, qualifiers or scope"), "{e}");
    }

    #[test]
    fn duplicate_rule_id_is_an_error() {
        let text = std::fs::read_to_string("rules/claims/investment.yaml").unwrap();
        let err = load(&[("extra/claims/copy.yaml", &text)]).unwrap_err().to_string();
        assert!(err.contains("already defined"), "{err}");
    }
}
