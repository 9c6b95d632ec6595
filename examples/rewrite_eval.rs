//! Measures the `rewrite` rule kind on real news: JSON Lines with `doc_id`,
//! `text`, an optional `dct` and, where the data has them, `topic` and
//! `subtopic` (the story an article belongs to).
//!
//! - **Flags**: the conflicts of the `rewrite` rule, per story (articles of one
//!   `subtopic`, else one `topic`, else the whole file) and over the whole
//!   file at once, per 100 documents. `--list` prints every flag with the
//!   sentence of each side, for reading by hand.
//! - **Mutations** (`--mutate`): for every date or amount that another
//!   article of the story states with the same words in a near-duplicate
//!   sentence (Jaccard ≥ the rule's similarity over the records' shingles,
//!   in an article published within the rule's `within-days`),
//!   change one number of it in one article (a year goes back one, another
//!   number goes up by three; a date without digits moves to the next month)
//!   and check whether a conflict now points at the changed words.
//! - `--similarity X` replaces the rule's `similarity`, to see what a looser
//!   or stricter setting finds.
//! - **Cost**: the time to check the whole file with and without the
//!   rewrite rules, and on one thread the time to read the documents for
//!   claims, what making the rewrite records adds, and the rewrite reduce
//!   (best of three each).
//!
//! ```text
//! cargo run --release --example rewrite_eval -- path/to/stories.jsonl [more.jsonl ...] [--list] [--mutate] [--similarity 0.5]
//! ```

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use claimcheck::compare::rewrite::Record;
use claimcheck::rules::{Align, RuleKind};
use claimcheck::{Conflict, Document, Engine, RuleSet};
use serde::Deserialize;

mod common;
use common::Error;

const USAGE: &str = "usage: rewrite_eval path/to/stories.jsonl [more.jsonl ...] [--list] [--mutate] [--similarity 0.5]";

fn main() -> ExitCode {
    common::exit("rewrite_eval", run())
}

/// One input record: the article and the story it belongs to.
#[derive(Deserialize)]
struct Input {
    #[serde(flatten)]
    article: common::Article,
    #[serde(default)]
    topic: Option<serde_json::Value>,
    #[serde(default)]
    subtopic: Option<serde_json::Value>,
}

impl Input {
    fn story(&self) -> String {
        let name = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        self.subtopic
            .as_ref()
            .or(self.topic.as_ref())
            .map_or_else(|| "all".to_string(), name)
    }
}

fn run() -> Result<(), Error> {
    let mut files = Vec::new();
    let (mut list, mut mutate, mut similarity) = (false, false, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--list" => list = true,
            "--mutate" => mutate = true,
            "--similarity" => {
                let value = args.next().ok_or(USAGE)?;
                similarity = Some(
                    value
                        .parse::<f64>()
                        .map_err(|_| format!("--similarity: not a number: {value}"))?,
                );
            }
            "-h" | "--help" => return Err(USAGE.into()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}\n{USAGE}").into()),
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        return Err(USAGE.into());
    }
    let mut rules = RuleSet::embedded()?;
    for rule in rules.rules.iter_mut().filter(|r| r.kind == RuleKind::Rewrite) {
        if let Some(s) = similarity {
            rule.align.similarity = s;
        }
    }
    let align = rules
        .rules
        .iter()
        .find(|r| r.kind == RuleKind::Rewrite)
        .map(|r| r.align)
        .ok_or("the embedded rules have no rewrite rule")?;
    let mut without = rules.clone();
    without.rules.retain(|r| r.kind != RuleKind::Rewrite);
    let engine = Engine::new(rules)?;
    let plain = Engine::new(without)?;
    for path in &files {
        let stories = read(path)?;
        let documents: Vec<Document> = stories.values().flatten().cloned().collect();
        println!("== {path}: {} documents, {} stories", documents.len(), stories.len());

        let mut per_story = 0;
        for (story, docs) in &stories {
            let flags = rewrites(engine.conflicts(docs));
            per_story += flags.len();
            if list {
                for flag in &flags {
                    print_flag(story, flag);
                }
            }
        }
        let whole = rewrites(engine.conflicts(&documents)).len();
        let per100 = |n: usize| 100.0 * n as f64 / documents.len().max(1) as f64;
        println!(
            "flags by story: {per_story} ({:.1} per 100 documents); over the whole file: {whole} ({:.1} per 100)",
            per100(per_story),
            per100(whole)
        );

        let with_time = best_of_three(|| engine.conflicts(&documents).len());
        let plain_time = best_of_three(|| plain.conflicts(&documents).len());
        println!(
            "compare time, whole file: {:.1} ms with the rewrite rule, {:.1} ms without",
            with_time.as_secs_f64() * 1e3,
            plain_time.as_secs_f64() * 1e3
        );

        // One thread, so that the parts can be compared: reading a document
        // for its claims (segment, extract, bind) against reading it for its
        // rewrite records (segment, extract, hash), and the rewrite reduce.
        let claims_time = best_of_three(|| documents.iter().map(|d| engine.claims(d).len()).sum());
        let records_time = best_of_three(|| documents.iter().map(|d| engine.records(d).len()).sum());
        let records: Vec<Record> = documents.iter().flat_map(|d| engine.records(d)).collect();
        let refs: Vec<&claimcheck::compare::rewrite::Record> = records.iter().collect();
        let reduce_time = best_of_three(|| claimcheck::compare::compare_all(engine.rules(), &[], &refs).len());
        println!(
            "one thread: reading for claims {:.1} ms, for rewrite records {:.1} ms ({} records); rewrite reduce {:.1} ms",
            claims_time.as_secs_f64() * 1e3,
            records_time.as_secs_f64() * 1e3,
            records.len(),
            reduce_time.as_secs_f64() * 1e3
        );

        if mutate {
            mutations(&engine, &stories, align);
        }
    }
    Ok(())
}

/// The articles of a file, by story, in input order.
fn read(path: &str) -> Result<BTreeMap<String, Vec<Document>>, Error> {
    let input = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut stories: BTreeMap<String, Vec<Document>> = BTreeMap::new();
    for (i, line) in input.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match serde_json::from_str::<Input>(line) {
            Ok(record) => stories
                .entry(record.story())
                .or_default()
                .push(record.article.document()),
            Err(e) => eprintln!("{path}:{}: {e}", i + 1),
        }
    }
    Ok(stories)
}

fn rewrites(conflicts: Vec<Conflict>) -> Vec<Conflict> {
    conflicts.into_iter().filter(|c| c.kind == RuleKind::Rewrite).collect()
}

fn print_flag(story: &str, flag: &Conflict) {
    println!("-- story {story}: {}", flag.message);
    for side in &flag.sides {
        for e in &side.evidence {
            println!("   [{}] {} | {}", e.text(), e.doc(), e.sentence.replace('\n', " "));
        }
    }
}

fn best_of_three(mut run: impl FnMut() -> usize) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(run());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Changes one fact that a near-duplicate sentence of another article
/// states with the same words, and counts how often the change is flagged.
fn mutations(engine: &Engine, stories: &BTreeMap<String, Vec<Document>>, align: Align) {
    // (slot) -> (tried, flagged, not mutable)
    let mut tally: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    for docs in stories.values() {
        let records: Vec<Vec<Record>> = docs.iter().map(|d| engine.records(d)).collect();
        let mut done = std::collections::HashSet::new();
        for (a, doc_records) in records.iter().enumerate() {
            for record in doc_records {
                for fact in record
                    .facts
                    .iter()
                    .filter(|f| &*f.slot == "date" || &*f.slot == "amount")
                {
                    let twin = records.iter().enumerate().any(|(b, others)| {
                        b != a
                            && near_in_time(&docs[a], &docs[b], align.within_days)
                            && others.iter().any(|o| {
                                jaccard(&record.shingles, &o.shingles) >= align.similarity
                                    && o.facts
                                        .iter()
                                        .any(|g| g.slot == fact.slot && g.evidence.text() == fact.evidence.text())
                            })
                    });
                    // One mutation per fact, however many twins it has.
                    if !twin || !done.insert((a, fact.evidence.span)) {
                        continue;
                    }
                    let entry = tally.entry(fact.slot.to_string()).or_default();
                    let Some(changed) = mutate(fact.evidence.text(), &fact.slot) else {
                        entry.2 += 1;
                        continue;
                    };
                    entry.0 += 1;
                    let doc = &docs[a];
                    let span = fact.evidence.span;
                    let text = format!("{}{changed}{}", &doc.text[..span.start], &doc.text[span.end..]);
                    let mut corpus = docs.clone();
                    corpus[a] = Document::from_text(&doc.id, &text, doc.meta.published);
                    let end = span.start + changed.len();
                    let flagged = engine.conflicts(&corpus).iter().any(|c| {
                        c.sides
                            .iter()
                            .flat_map(|s| &s.evidence)
                            .any(|e| *e.doc() == *doc.id && e.span.start < end && span.start < e.span.end)
                    });
                    if flagged {
                        entry.1 += 1;
                    } else {
                        missed.push(format!(
                            "{} -> {changed} | {}",
                            fact.evidence.text(),
                            fact.evidence.sentence
                        ));
                    }
                }
            }
        }
    }
    for (slot, (tried, flagged, skipped)) in &tally {
        let share = 100.0 * *flagged as f64 / (*tried).max(1) as f64;
        println!("mutated {slot}s: {flagged} of {tried} flagged ({share:.1}%); {skipped} had no number to change");
    }
    for m in &missed {
        println!("   missed: {}", m.replace('\n', " "));
    }
}

/// The fact's words with one number changed: a year goes back one, another
/// number up by three; a date without digits moves to the next month.
fn mutate(words: &str, slot: &str) -> Option<String> {
    let start = words.find(|c: char| c.is_ascii_digit());
    let Some(start) = start else {
        if slot != "date" {
            return None;
        }
        return common::next_month(words);
    };
    let len = words[start..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(words.len() - start);
    let number: u64 = words[start..start + len].parse().ok()?;
    let changed = if slot == "date" && len == 4 {
        number - 1
    } else if slot == "date" && number >= 28 {
        number - 3
    } else {
        number + 3
    };
    Some(format!("{}{changed}{}", &words[..start], &words[start + len..]))
}

/// Whether two documents were published at most `days` apart, or one date
/// is unknown: farther apart, the rule does not take one for a rewrite of
/// the other, so a shared sentence there is no test of it.
fn near_in_time(a: &Document, b: &Document, days: u32) -> bool {
    match (a.meta.published, b.meta.published) {
        (Some(x), Some(y)) => (x - y).num_days().unsigned_abs() <= u64::from(days),
        _ => true,
    }
}

/// The Jaccard similarity of two sorted, distinct sets.
fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let shared = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}
