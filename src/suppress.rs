//! Inline suppression: documents and conflicts in, conflicts without the
//! suppressed evidence and the suppressions that suppressed nothing out.
//!
//! An editor silences a rule where the text is known to differ on purpose:
//!
//! - `<!-- claimcheck-ignore: RULE[, RULE…] -->` in an article silences the
//!   rules for the paragraph that follows the comment;
//! - `claimcheck-ignore: [RULE, …]` in front matter silences them for the
//!   whole article.
//!
//! Suppressed evidence leaves its conflict; a conflict left with fewer than
//! two values is dropped. A suppression that removed nothing is reported, so
//! that stale ones do not pile up.

use std::collections::HashMap;

use crate::compare::{rank, Conflict};
use crate::ingest::Document;
use crate::span::Span;

/// The comment's opening words.
const MARKER: &str = "claimcheck-ignore:";

/// Where a suppression is and what it silences.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Suppression {
    /// The rule ids it silences.
    pub rules: Vec<String>,
    /// The bytes of the document it covers.
    pub span: Span,
    /// The file it is written in.
    pub path: String,
    /// 1-based line of the comment or of the front matter key.
    pub line: usize,
}

/// The suppressions a document carries.
pub fn of(doc: &Document) -> Vec<Suppression> {
    let mut out = Vec::new();
    if !doc.meta.ignore.is_empty() {
        out.push(Suppression {
            rules: doc.meta.ignore.clone(),
            span: Span::new(0, doc.text.len()),
            path: doc.path.clone(),
            line: doc.record_line.unwrap_or(1)
                + crate::util::yaml_key_index(&doc.text, "claimcheck-ignore").unwrap_or(0),
        });
    }
    let body = doc.body.slice(&doc.text);
    // Every document's body is searched and nearly none holds a comment:
    // `memmem` looks at many bytes at a time.
    let find = |from: usize, needle: &str| memchr::memmem::find(&body.as_bytes()[from..], needle.as_bytes());
    let mut from = 0;
    while let Some(open) = find(from, "<!--").map(|i| from + i) {
        let Some(close) = find(open, "-->").map(|i| open + i) else {
            break;
        };
        from = close + 3;
        let inside = body[open + 4..close].trim();
        let Some(list) = inside.strip_prefix(MARKER) else {
            continue;
        };
        let rules: Vec<String> = list
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split(',')
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty())
            .collect();
        let start = doc.body.start + from;
        let paragraph = next_paragraph(&doc.text, start);
        out.push(Suppression {
            rules,
            span: paragraph,
            path: doc.path.clone(),
            line: doc.line_col(doc.body.start + open).line,
        });
    }
    out
}

/// The paragraph after `start`: from the first non-blank character to the
/// next blank line or the end of the text.
fn next_paragraph(text: &str, start: usize) -> Span {
    let rest = &text[start..];
    let begin = start + (rest.len() - rest.trim_start().len());
    let after = &text[begin..];
    let mut end = text.len();
    let mut offset = begin;
    for line in after.split_inclusive('\n') {
        if line.trim().is_empty() && offset > begin {
            end = offset;
            break;
        }
        offset += line.len();
    }
    Span::new(begin, end)
}

/// A suppression that silenced nothing.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Unused {
    /// The file.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// The rule it names.
    pub rule: String,
}

/// Removes suppressed evidence from `conflicts`, drops the conflicts left
/// with one value, re-ranks the rest with `reliability`, and returns how
/// many conflicts were dropped and the suppressions that removed nothing.
pub fn apply(
    documents: &[(&str, &[Suppression])],
    conflicts: &mut Vec<Conflict>,
    reliability: &std::collections::BTreeMap<String, f64>,
) -> (usize, Vec<Unused>) {
    let mut by_doc: HashMap<&str, Vec<(Suppression, Vec<bool>)>> = HashMap::new();
    for &(doc, found) in documents {
        if !found.is_empty() {
            let entry = by_doc.entry(doc).or_default();
            entry.extend(found.iter().map(|s| {
                let used = vec![false; s.rules.len()];
                (s.clone(), used)
            }));
        }
    }
    if by_doc.is_empty() {
        return (0, Vec::new());
    }
    let before = conflicts.len();
    for conflict in conflicts.iter_mut() {
        let mut changed = false;
        for side in &mut conflict.sides {
            side.evidence.retain(|e| {
                let Some(suppressions) = by_doc.get_mut(e.doc()) else {
                    return true;
                };
                let mut keep = true;
                for (s, used) in suppressions.iter_mut() {
                    if !s.span.contains(e.span) {
                        continue;
                    }
                    if let Some(i) = s.rules.iter().position(|r| *r == conflict.rule) {
                        used[i] = true;
                        keep = false;
                    }
                }
                changed |= !keep;
                keep
            });
        }
        if changed {
            conflict.sides.retain(|s| !s.evidence.is_empty());
            conflict.best = rank(&mut conflict.sides, reliability);
        }
    }
    conflicts.retain(|c| c.sides.len() > 1);
    let mut unused: Vec<Unused> = by_doc
        .into_values()
        .flatten()
        .flat_map(|(s, used)| {
            s.rules
                .into_iter()
                .zip(used)
                .filter(|(_, used)| !used)
                .map(move |(rule, _)| Unused {
                    path: s.path.clone(),
                    line: s.line,
                    rule,
                })
        })
        .collect();
    unused.sort_by(|a, b| (&a.path, a.line, &a.rule).cmp(&(&b.path, b.line, &b.rule)));
    (before - conflicts.len(), unused)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Corpus, Engine, RuleSet};

    fn check(docs: Vec<Document>) -> crate::Outcome {
        let engine = Engine::new(RuleSet::embedded().unwrap()).unwrap();
        engine.check(Corpus {
            documents: docs,
            errors: Vec::new(),
        })
    }

    fn doc(id: &str, text: &str) -> Document {
        let (doc, errors) = crate::ingest::read_text(id, text.to_string());
        assert!(errors.is_empty(), "{errors:?}");
        doc
    }

    const RIGHT: &str = "Meta invested $14.3 billion in Scale AI in June 2025.\n";

    #[test]
    fn a_comment_silences_the_next_paragraph_only() {
        let text = "Intro.\n\n<!-- claimcheck-ignore: investment -->\n\
                    Meta invested $14.3 billion in Scale AI in June 2024.\nStill the same paragraph.\n\n\
                    Later, Meta's investment in Scale AI was put at $1.43 billion.\n";
        let outcome = check(vec![doc("a.md", RIGHT), doc("b.md", text)]);
        // The date in the silenced paragraph is gone; the amount after it is not.
        let slots: Vec<&str> = outcome.conflicts.iter().map(|c| c.slot.as_str()).collect();
        assert_eq!(slots, ["amount"]);
        assert_eq!(outcome.suppressed, 1);
        assert!(outcome.unused_suppressions.is_empty());
    }

    #[test]
    fn front_matter_silences_the_article_and_unused_ones_are_reported() {
        let silenced = "---\nclaimcheck-ignore: [investment, founding]\n---\n\
                        Meta invested $14.3 billion in Scale AI in June 2024.\n";
        let outcome = check(vec![doc("a.md", RIGHT), doc("b.md", silenced)]);
        assert!(outcome.conflicts.is_empty());
        assert_eq!(
            outcome.unused_suppressions,
            [Unused {
                path: "b.md".into(),
                line: 2,
                rule: "founding".into()
            }]
        );
    }

    #[test]
    fn a_suppression_of_another_rule_leaves_the_conflict() {
        let text = "<!-- claimcheck-ignore: [fine] -->\nMeta invested $14.3 billion in Scale AI in June 2024.\n";
        let outcome = check(vec![doc("a.md", RIGHT), doc("b.md", text)]);
        assert_eq!(outcome.conflicts.len(), 1);
        assert_eq!(outcome.unused_suppressions.len(), 1);
        assert_eq!(outcome.unused_suppressions[0].line, 1);
    }

    #[test]
    fn the_next_paragraph_skips_blank_lines_before_it() {
        let text = "<!-- x -->\n\n\nPara one\nline two\n\nPara two";
        let start = text.find("-->").unwrap() + 3;
        let span = next_paragraph(text, start);
        assert_eq!(span.slice(text), "Para one\nline two\n");
    }
}
