//! Mutation benchmark: how many changed facts does `check` flag?
//!
//! Reads JSON Lines corpora and groups their articles into stories (by
//! `subtopic`, as ECB+ and GVC mark an event, else `story`, else one story
//! per file). A fact is a candidate when one article states it in a claim
//! (or a `rewrite` rule's sentence record) and another article of the same
//! story states it in the same words under the same claim key (or in a
//! record whose sentence opens with the same words, facts masked): a date,
//! an amount of money or a person's full name. Each candidate is
//! changed in the first article alone (a year one earlier, the next month, a
//! leading digit one higher, one letter of a surname), the story is checked
//! again, and the change counts as flagged when a conflict's evidence covers
//! the changed words. The unmutated stories' flags per 100 articles are
//! printed too.
//!
//! ```sh
//! cargo run --release --example mutation_bench -- path/to/ecbplus.jsonl path/to/gvc.jsonl [--max 200] [--flags]
//! ```
//!
//! `--flags` lists every conflict of the unmutated stories, to be read.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::process::ExitCode;

use chrono::NaiveDate;
use claimcheck::{Document, Engine, RuleSet};
use common::{exit, number, Error};

const USAGE: &str = "usage: mutation_bench FILE.jsonl... [--max N] [--flags]";

fn main() -> ExitCode {
    exit("mutation_bench", run())
}

/// A fact's words, kind, byte span, and the keys another article must
/// share for it to state the same fact.
type Fact = (String, &'static str, usize, usize, Vec<String>);

#[derive(Default)]
struct Tally {
    candidates: usize,
    flagged: usize,
    missed: Vec<String>,
}

fn run() -> Result<(), Error> {
    let mut paths = Vec::new();
    let mut max = 200;
    let mut list_flags = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--max" => max = number("--max", args.next(), USAGE)?,
            "--flags" => list_flags = true,
            _ => paths.push(arg),
        }
    }
    if paths.is_empty() {
        return Err(USAGE.into());
    }
    let mut rules = RuleSet::embedded()?;
    rules.enable_all();
    let engine = Engine::new(rules)?;
    let mut stories: BTreeMap<String, Vec<Document>> = BTreeMap::new();
    for path in &paths {
        for line in std::fs::read_to_string(path)?.lines().filter(|l| !l.trim().is_empty()) {
            let record: serde_json::Value = serde_json::from_str(line)?;
            let field = |name: &str| record.get(name).and_then(|v| v.as_str()).map(str::to_string);
            let story = field("subtopic")
                .or_else(|| field("story"))
                .unwrap_or_else(|| path.clone());
            let id = field("doc_id").or_else(|| field("id")).unwrap_or_default();
            let text = field("text").unwrap_or_default();
            let published = field("dct")
                .or_else(|| field("published"))
                .and_then(|d| d.get(..10).and_then(|d| d.parse::<NaiveDate>().ok()));
            let mut doc = Document::from_text(&id, &text, published);
            doc.meta.story = Some(format!("{path}#{story}"));
            stories.entry(format!("{path}#{story}")).or_default().push(doc);
        }
    }
    let documents: usize = stories.values().map(Vec::len).sum();
    let mut flags = 0;
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    for docs in stories.values() {
        let conflicts = engine.conflicts(docs);
        flags += conflicts.len();
        if list_flags {
            for c in &conflicts {
                println!("flag: {} · {}", c.claim_label(), c.message);
                for e in c.sides.iter().flat_map(|s| &s.evidence) {
                    println!("      {}: {}", e.doc(), e.sentence.replace('\n', " "));
                }
            }
        }
        // The facts each article states in a claim or a rewrite record, by
        // the key another article must share for it to state the same fact.
        let extracted: Vec<_> = docs.iter().map(|d| engine.extract_claims(d)).collect();
        let mentions: Vec<Vec<Fact>> = extracted
            .iter()
            .zip(docs)
            .map(|(e, d)| {
                let claims = e.claims.iter().map(|c| (c, vec![claimcheck::shard::key(c)]));
                let records = e.records.iter().flat_map(|r| {
                    // The same masked opening words: a near-duplicate sentence.
                    let keys = vec![format!("sentence {}", r.gist)];
                    r.facts.iter().map(move |c| (c, keys.clone()))
                });
                claims
                    .chain(records)
                    .filter_map(|(c, keys)| {
                        let kind = match &c.value {
                            claimcheck::claims::ClaimValue::Date(_) => "date",
                            claimcheck::claims::ClaimValue::Money(_) => "amount",
                            // People's names: a run of words no document
                            // typed is compared with them, not changed.
                            claimcheck::claims::ClaimValue::Name(n) if !n.guess => "name",
                            _ => return None,
                        };
                        let span = c.evidence.span;
                        Some((
                            d.text[span.start..span.end].to_string(),
                            kind,
                            span.start,
                            span.end,
                            keys,
                        ))
                    })
                    .collect()
            })
            .collect();
        for (i, doc) in docs.iter().enumerate() {
            // The same words under a key that another article shares.
            let elsewhere: HashSet<(&str, &str)> = mentions
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .flat_map(|(_, ms)| {
                    ms.iter()
                        .flat_map(|(t, _, _, _, keys)| keys.iter().map(move |k| (t.as_str(), k.as_str())))
                })
                .collect();
            let mut seen = HashSet::new();
            for (text, kind, start, end, keys) in &mentions[i] {
                let shared = keys.iter().any(|k| elsewhere.contains(&(text.as_str(), k.as_str())));
                if !shared || !seen.insert(text.clone()) {
                    continue;
                }
                let tally = tallies.entry(kind).or_default();
                if tally.candidates >= max {
                    continue;
                }
                let Some(changed) = mutate(kind, text) else { continue };
                tally.candidates += 1;
                let mut mutated = docs.clone();
                let new_text = format!("{}{changed}{}", &doc.text[..*start], &doc.text[*end..]);
                let mut copy = Document::from_text(&doc.id, &new_text, doc.meta.published);
                copy.meta = doc.meta.clone();
                mutated[i] = copy;
                let hit = engine.conflicts(&mutated).iter().any(|c| {
                    c.sides
                        .iter()
                        .flat_map(|s| &s.evidence)
                        .any(|e| *e.doc() == *doc.id && e.span.start < start + changed.len() && *start < e.span.end)
                });
                if hit {
                    tally.flagged += 1;
                } else if tally.missed.len() < 60 {
                    tally.missed.push(format!("{text} → {changed} in {}", doc.id));
                }
            }
        }
    }
    println!(
        "{} stories, {documents} articles; unmutated flags: {flags} ({:.1} per 100 articles)",
        stories.len(),
        100.0 * flags as f64 / documents.max(1) as f64
    );
    for (kind, tally) in &tallies {
        println!(
            "{kind:<7} {}/{} mutations flagged ({:.1}%)",
            tally.flagged,
            tally.candidates,
            100.0 * tally.flagged as f64 / tally.candidates.max(1) as f64
        );
        for missed in &tally.missed {
            println!("        missed: {missed}");
        }
    }
    Ok(())
}

/// The changed words for a fact, or `None` when the fact has no part this
/// benchmark knows how to change.
fn mutate(kind: &str, text: &str) -> Option<String> {
    match kind {
        "date" => {
            // A year one earlier, else the next month.
            if let Some(at) = text.char_indices().find_map(|(i, _)| {
                let year = text.get(i..i + 4)?;
                (year.bytes().all(|b| b.is_ascii_digit())
                    && text[..i].chars().last().is_none_or(|c| !c.is_ascii_digit())
                    && text[i + 4..].chars().next().is_none_or(|c| !c.is_ascii_digit()))
                .then_some(i)
            }) {
                let year: u32 = text[at..at + 4].parse().ok()?;
                return Some(format!("{}{}{}", &text[..at], year - 1, &text[at + 4..]));
            }
            common::next_month(text)
        }
        "amount" => {
            // The leading digit one higher (9 becomes 1): a different amount
            // at the same scale.
            let at = text.find(|c: char| c.is_ascii_digit())?;
            let digit = text[at..].chars().next()?.to_digit(10)?;
            let next = if digit == 9 { 1 } else { digit + 1 };
            Some(format!("{}{next}{}", &text[..at], &text[at + 1..]))
        }
        "name" => {
            // One letter of the last word changed: a spelling variant.
            let last = text.rfind(' ')? + 1;
            let word = &text[last..];
            let mut chars: Vec<char> = word.chars().collect();
            if chars.len() < 4 {
                return None;
            }
            let i = chars.len() - 2;
            chars[i] = if chars[i] == 'e' { 'a' } else { 'e' };
            Some(format!("{}{}", &text[..last], chars.into_iter().collect::<String>()))
        }
        _ => None,
    }
}
