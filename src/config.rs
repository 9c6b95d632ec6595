//! Configuration: `claimcheck.yaml` at a corpus's root (or `--config FILE`)
//! in, settings that layer over the embedded rules out.
//!
//! The file is strict like rule files: an unknown key, a wrong type, an
//! unknown rule id, a missing rule folder, a bad glob or a weight that is not
//! positive is an error naming the file and line. Paths in it are relative
//! to the file's folder. Command-line flags come after it: `--rules` adds
//! folders, `--baseline` replaces its baseline.
//!
//! ```yaml
//! rules: [house-rules]               # extra rule folders
//! enable: [deaths]                  # rules that are off by default switched on
//! disable: [founding]                # rules switched off
//! severity: { acquisition: warning } # severity overrides
//! sources: { Wire Service: 0.5, The Daily: 2 }   # reliability weights (default 1)
//! ignore: ["drafts/**", "**/*.tmp.md"]           # files not checked
//! baseline: claimcheck-baseline.yaml
//! facts: facts.yaml                  # verified facts (default: facts.yaml beside this file)
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::error::RuleError;
use crate::rules::{RuleSet, Severity};

/// The file name looked for at a corpus's root.
pub const FILE_NAME: &str = "claimcheck.yaml";

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    #[serde(default)]
    rules: Vec<PathBuf>,
    #[serde(default)]
    enable: Vec<String>,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    #[serde(default)]
    sources: BTreeMap<String, f64>,
    #[serde(default)]
    ignore: Vec<String>,
    baseline: Option<PathBuf>,
    facts: Option<PathBuf>,
}

/// A loaded, checked configuration.
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from, as shown to the user.
    pub path: String,
    /// The folder paths are relative to.
    pub root: PathBuf,
    /// Extra rule folders, resolved against `root`.
    pub rules: Vec<PathBuf>,
    /// Rule ids switched on (rules that are off by default).
    pub enable: Vec<String>,
    /// Rule ids switched off.
    pub disable: Vec<String>,
    /// Severity overrides by rule id.
    pub severity: BTreeMap<String, Severity>,
    /// Source reliability weights.
    pub sources: BTreeMap<String, f64>,
    /// The baseline file, resolved against `root`.
    pub baseline: Option<PathBuf>,
    /// The verified facts file, resolved against `root`.
    pub facts: Option<PathBuf>,
    ignore: GlobSet,
    text: String,
}

impl Config {
    /// Reads and checks a configuration file (rule ids are checked by
    /// [`Config::apply`], once the rules are loaded).
    pub fn load(path: &Path) -> Result<Self, RuleError> {
        let text = crate::util::read_file(path)?;
        Self::parse(path, text)
    }

    /// Checks a configuration's text; `path` names it and its folder is the
    /// root of its relative paths.
    pub fn parse(path: &Path, text: String) -> Result<Self, RuleError> {
        let shown = path.display().to_string();
        let file: ConfigFile = crate::rules::parse_yaml(&shown, &text)?;
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let invalid = |key: &str, message: String| RuleError::Invalid {
            path: shown.clone(),
            line: crate::util::yaml_key_index(&text, key).map_or(1, |i| i + 1),
            message,
        };
        let rules: Vec<PathBuf> = file.rules.iter().map(|r| root.join(r)).collect();
        if let Some(missing) = rules.iter().find(|r| !r.is_dir()) {
            return Err(invalid(
                "rules",
                format!("rule folder {} does not exist", missing.display()),
            ));
        }
        if let Some((source, weight)) = file.sources.iter().find(|(_, w)| !(**w > 0.0 && w.is_finite())) {
            return Err(invalid(
                "sources",
                format!("the weight of source `{source}` must be a positive number, not {weight}"),
            ));
        }
        let mut ignore = GlobSetBuilder::new();
        for pattern in &file.ignore {
            let glob = Glob::new(pattern).map_err(|e| invalid("ignore", format!("bad glob `{pattern}`: {e}")))?;
            ignore.add(glob);
        }
        let ignore = ignore
            .build()
            .map_err(|e| invalid("ignore", format!("the globs do not compile: {e}")))?;
        Ok(Config {
            path: shown,
            rules,
            enable: file.enable,
            disable: file.disable,
            severity: file.severity,
            sources: file.sources,
            baseline: file.baseline.map(|b| root.join(b)),
            facts: file.facts.map(|f| root.join(f)),
            root,
            ignore,
            text,
        })
    }

    /// The verified facts file: the one the configuration names, else
    /// `facts.yaml` in the configuration's folder or in the first folder of
    /// `paths`, if there is one.
    pub fn facts_file(&self, paths: &[String]) -> Option<PathBuf> {
        if let Some(facts) = &self.facts {
            return Some(facts.clone());
        }
        let folders = std::iter::once(self.root.clone())
            .filter(|r| !self.path.is_empty() && r.is_dir())
            .chain(paths.iter().map(PathBuf::from).filter(|p| p.is_dir()));
        folders.map(|f| f.join("facts.yaml")).find(|f| f.is_file())
    }

    /// The configuration at the root of a corpus folder, if it has one.
    pub fn find(paths: &[String]) -> Result<Option<Self>, RuleError> {
        for path in paths {
            let candidate = Path::new(path).join(FILE_NAME);
            if Path::new(path).is_dir() && candidate.is_file() {
                return Self::load(&candidate).map(Some);
            }
        }
        Ok(None)
    }

    /// Switches rules on and off, overrides severities and sets source
    /// weights. An id that names no rule is an error: a typo would silently
    /// keep a rule on.
    pub fn apply(&self, rules: &mut RuleSet) -> Result<(), RuleError> {
        let mut all: Vec<&str> = rules.rules.iter().chain(&rules.off).map(|r| r.id.as_str()).collect();
        all.sort_unstable();
        let ids = all.join(", ");
        let unknown = |key: &str, id: &str| RuleError::Invalid {
            path: self.path.clone(),
            line: crate::util::yaml_key_index(&self.text, key).map_or(1, |i| i + 1),
            message: format!("no rule `{id}`; the rules are: {ids}"),
        };
        for id in &self.enable {
            if !rules.set_enabled(id, true) {
                return Err(unknown("enable", id));
            }
        }
        for id in &self.disable {
            if !rules.set_enabled(id, false) {
                return Err(unknown("disable", id));
            }
        }
        for (id, severity) in &self.severity {
            let Some(rule) = rules.rules.iter_mut().chain(rules.off.iter_mut()).find(|r| r.id == *id) else {
                return Err(unknown("severity", id));
            };
            rule.severity = *severity;
        }
        rules.sources.extend(self.sources.iter().map(|(s, w)| (s.clone(), *w)));
        Ok(())
    }

    /// Whether a file found while walking a folder is left out: `ignore`
    /// globs match the path relative to the configuration's folder.
    pub fn ignores(&self, path: &Path) -> bool {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        self.ignore.is_match(relative)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(yaml: &str) -> Result<Config, RuleError> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("house")).unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, yaml).unwrap();
        let config = Config::load(&path);
        // The folder must outlive nothing but the load itself.
        drop(dir);
        config
    }

    #[test]
    fn a_full_configuration_applies_to_the_rules() {
        let config = load(
            "rules: [house]\ndisable: [founding]\nseverity: { acquisition: warning }\n\
             sources: { Wire: 0.5 }\nignore: [\"drafts/**\"]\nbaseline: b.yaml\n",
        )
        .unwrap();
        assert!(config.rules[0].ends_with("house"));
        assert!(config.baseline.as_ref().unwrap().ends_with("b.yaml"));
        assert!(config.ignores(&config.root.join("drafts/x/a.md")));
        assert!(!config.ignores(&config.root.join("final/a.md")));
        let mut rules = RuleSet::embedded().unwrap();
        config.apply(&mut rules).unwrap();
        assert!(rules.rule("founding").is_none());
        assert_eq!(rules.rule("acquisition").unwrap().severity, Severity::Warning);
        assert_eq!(rules.sources.get("Wire"), Some(&0.5));
    }

    #[test]
    fn mistakes_name_the_file_and_line() {
        let err = |yaml: &str| load(yaml).unwrap_err().to_string();
        assert!(err("ignore: []\ncolour: red\n").contains(":2:"), "unknown key");
        assert!(err("rules: [nowhere]\n").contains("rule folder"), "missing folder");
        assert!(err("\nsources: { A: -1 }\n").contains(":2: the weight of source `A`"));
        assert!(err("ignore: [\"a/[\"]\n").contains("bad glob"));
        let config = load("severity:\n  no-such-rule: error\n").unwrap();
        let mut rules = RuleSet::embedded().unwrap();
        let unknown = config.apply(&mut rules).unwrap_err().to_string();
        assert!(unknown.contains(":1: no rule `no-such-rule`"), "{unknown}");
    }
}
