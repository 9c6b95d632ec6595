//! Organizations: the known entities of `rules/entities/` and their aliases
//! (matched case-sensitively at word boundaries, longest first), plus runs of
//! capitalized words that end in an organization word from the language file
//! ("Superintelligence Labs", "Stanford University"). Known names win where
//! the two overlap. People and places are the names recognizer's work.

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use serde::Serialize;

use super::{lang_regex, Context, Mention, Value};
use crate::error::RuleError;
use crate::rules::{Entity, EntityKind, Lang};
use crate::span::Span;
use crate::util::{ends_word, starts_word};

/// A normalized organization name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct OrgValue {
    /// The canonical name claims are keyed by.
    pub canonical: String,
    /// Whether the name is a known entity (rather than a guess from its shape).
    pub known: bool,
}

pub(crate) struct OrgRecognizer {
    known: Option<AhoCorasick>,
    /// Canonical name of each pattern in `known`.
    canonical: Vec<String>,
    shaped: Regex,
    function_words: HashSet<String>,
}

impl std::fmt::Debug for OrgRecognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OrgRecognizer").finish_non_exhaustive()
    }
}

impl OrgRecognizer {
    pub(crate) fn new(lang: &Lang, entities: &[Entity]) -> Result<Self, RuleError> {
        let mut names = Vec::new();
        let mut canonical = Vec::new();
        for entity in entities.iter().filter(|e| e.kind == EntityKind::Org) {
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                names.push(name.clone());
                canonical.push(entity.name.clone());
            }
        }
        let known = if names.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&names)
                    .map_err(|e| RuleError::Invalid {
                        path: "rules/entities".into(),
                        line: 1,
                        message: format!("entity names cannot be compiled: {e}"),
                    })?,
            )
        };
        let suffixes = lang
            .org_suffixes
            .iter()
            .map(|s| {
                if s.ends_with(|c: char| c.is_alphanumeric()) {
                    format!(r"{}\b", regex::escape(s))
                } else {
                    regex::escape(s)
                }
            })
            .collect::<Vec<_>>()
            .join("|");
        let shaped = format!(r"\b(?:[A-Z][A-Za-z0-9&.\-]*\s+){{1,4}}(?:{suffixes})");
        Ok(OrgRecognizer {
            known,
            canonical,
            shaped: lang_regex(&shaped, "organization suffix")?,
            function_words: lang.function_words.iter().cloned().collect(),
        })
    }

    pub(crate) fn find(&self, cx: &Context<'_>, out: &mut Vec<Mention>) {
        let sentence = cx.sentence.slice(cx.text);
        let base = cx.sentence.start;
        let mut found: Vec<(Span, OrgValue)> = Vec::new();
        if let Some(known) = &self.known {
            for m in known.find_iter(sentence) {
                if starts_word(sentence, m.start()) && ends_word(sentence, m.end()) {
                    let value = OrgValue {
                        canonical: self.canonical[m.pattern().as_usize()].clone(),
                        known: true,
                    };
                    found.push((Span::new(m.start(), m.end()), value));
                }
            }
        }
        let known_count = found.len();
        for m in self.shaped.find_iter(sentence) {
            let Some(span) = self.trim_function_words(sentence, Span::new(m.start(), m.end())) else {
                continue;
            };
            // Known matches come sorted and disjoint: the only one that can
            // overlap is the first that ends after this span starts.
            let next = found[..known_count].partition_point(|(k, _)| k.end <= span.start);
            if found[..known_count].get(next).is_some_and(|(k, _)| k.start < span.end) {
                continue;
            }
            let name = span.slice(sentence).split_whitespace().collect::<Vec<_>>().join(" ");
            found.push((
                span,
                OrgValue {
                    canonical: name,
                    known: false,
                },
            ));
        }
        for (span, value) in found {
            out.push(Mention {
                span: span.shift(base),
                sentence: cx.sentence,
                value: Value::Org(value),
            });
        }
    }

    /// Drops leading function words; `None` when only the suffix would remain.
    fn trim_function_words(&self, text: &str, span: Span) -> Option<Span> {
        let mut start = span.start;
        let words: Vec<&str> = span.slice(text).split_whitespace().collect();
        let mut kept = words.len();
        for word in &words {
            if !self.function_words.contains(*word) {
                break;
            }
            start = text[start..].find(word).map_or(start, |i| start + i + word.len());
            start += text[start..].len() - text[start..].trim_start().len();
            kept -= 1;
        }
        (kept >= 2).then_some(Span::new(start, span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn orgs(text: &str) -> Vec<(String, String)> {
        let rules = RuleSet::embedded().unwrap();
        let recognizer = OrgRecognizer::new(&rules.lang, &rules.entities).unwrap();
        let cx = Context::whole(text);
        let mut out = Vec::new();
        recognizer.find(&cx, &mut out);
        out.into_iter()
            .filter_map(|m| match m.value {
                Value::Org(o) => Some((m.span.slice(text).to_string(), o.canonical)),
                _ => None,
            })
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn known_aliases_map_to_the_canonical_name() {
        assert_eq!(
            orgs("Meta Platforms, once Facebook, backed Scale AI’s growth."),
            [
                pair("Meta Platforms", "Meta"),
                pair("Facebook", "Meta"),
                pair("Scale AI", "Scale AI")
            ]
        );
    }

    #[test]
    fn known_names_need_word_boundaries() {
        assert!(orgs("Metadata and Metaverse").is_empty());
    }

    #[test]
    fn capitalized_runs_ending_in_an_org_word_are_orgs() {
        assert_eq!(
            orgs("The Superintelligence Labs team met Stanford University staff."),
            [
                pair("Superintelligence Labs", "Superintelligence Labs"),
                pair("Stanford University", "Stanford University")
            ]
        );
    }

    #[test]
    fn a_function_word_and_a_suffix_are_not_an_org() {
        assert!(orgs("The AI boom.").is_empty());
    }
}
