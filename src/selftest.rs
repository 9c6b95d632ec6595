//! Rule examples as tests: a rule in, one [`ExampleResult`] per example set
//! out. Each `conflict` set must make the rule fire and each `agree` set
//! must not, the way a linter tests each rule against its annotated
//! fixtures. `claimcheck test-rules` and `tests/rules.rs` both run this.

use crate::rules::{ExampleDoc, Rule};
use crate::{Document, Engine};

/// What an example set expects of its rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// The rule reports a conflict.
    Conflict,
    /// The rule reports nothing.
    Agree,
}

impl Expect {
    /// The key the set is written under.
    pub fn as_str(self) -> &'static str {
        match self {
            Expect::Conflict => "conflict",
            Expect::Agree => "agree",
        }
    }
}

/// One example set run against its rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleResult {
    /// The rule's id.
    pub rule: String,
    /// The rule file.
    pub path: String,
    /// 1-based line of the set in the file (the rule's line when unknown).
    pub line: usize,
    /// What the set expects.
    pub expect: Expect,
    /// 1-based position of the set under its key.
    pub number: usize,
    /// The values of the conflicts the rule reported, one list per conflict.
    pub found: Vec<Vec<String>>,
}

impl ExampleResult {
    /// Whether the rule did what the set expects.
    pub fn passed(&self) -> bool {
        match self.expect {
            Expect::Conflict => !self.found.is_empty(),
            Expect::Agree => self.found.is_empty(),
        }
    }

    /// `path:line: rule: conflict example 2 did not fire`, or what fired.
    pub fn describe(&self) -> String {
        let what = match (self.expect, self.found.is_empty()) {
            (Expect::Conflict, true) => "did not fire".to_string(),
            (Expect::Conflict, false) => "fired".to_string(),
            (Expect::Agree, true) => "stayed quiet".to_string(),
            (Expect::Agree, false) => {
                let values: Vec<String> = self.found.iter().map(|v| v.join(" vs ")).collect();
                format!("fired: {}", values.join("; "))
            }
        };
        format!(
            "{}:{}: {}: {} example {} {what}",
            self.path,
            self.line,
            self.rule,
            self.expect.as_str(),
            self.number
        )
    }
}

/// The documents of an example set, one story; each is published on its
/// date, if any.
pub fn documents(set: &[ExampleDoc]) -> Vec<Document> {
    set.iter()
        .enumerate()
        .map(|(i, doc)| {
            let id = format!("example-{}", i + 1);
            let mut doc = match doc {
                ExampleDoc::Text(text) => Document::from_text(&id, text, None),
                ExampleDoc::Dated(d) => Document::from_text(&id, &d.text, Some(d.published)),
            };
            doc.meta.story = Some("example".into());
            doc
        })
        .collect()
}

/// Runs every example set of `rule` through the whole engine.
pub fn run(engine: &Engine, rule: &Rule) -> Vec<ExampleResult> {
    let mut results = Vec::new();
    let kinds = [
        (Expect::Conflict, &rule.examples.conflict, &rule.example_lines.conflict),
        (Expect::Agree, &rule.examples.agree, &rule.example_lines.agree),
    ];
    for (expect, sets, lines) in kinds {
        for (i, set) in sets.iter().enumerate() {
            let found = engine
                .conflicts(&documents(set))
                .into_iter()
                .filter(|c| c.rule == rule.id)
                .map(|c| c.sides.into_iter().map(|s| s.value).collect())
                .collect();
            results.push(ExampleResult {
                rule: rule.id.clone(),
                path: rule.path.clone(),
                line: lines.get(i).copied().unwrap_or(rule.line),
                expect,
                number: i + 1,
                found,
            });
        }
    }
    results
}
