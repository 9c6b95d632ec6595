//! Measures the names recognizer ([`Engine::names_in`], kinds `person` and
//! `org`) against gold mentions in JSON Lines: MEANTIME (`ent_type` `PER`,
//! `ORG`) and ECB+ (`type` `HUMAN_PART_PER`, `HUMAN_PART_ORG`), offsets in
//! code points. Only gold mentions that are names count: those with a word
//! that starts with a capital letter ("Tara Reid", not "her rep").
//!
//! Both corpora annotate only the entities their events involve, so this
//! measures recall: a gold name is found when a system person or
//! organization overlaps it ("any kind"), and found with its kind when the
//! overlapping mention is a person for `PER`, an organization for `ORG`.
//! Precision is read by hand: `--list N` prints every person, organization
//! and place found in the first N documents of each file.
//!
//! The throughput line times names alone on sentences found beforehand, on
//! one thread, best of `--repeat` passes (default 5).
//!
//! ```text
//! cargo run --release --example name_eval -- path/to/meantime.jsonl path/to/ecbplus.jsonl [--list N] [--missed] [--repeat N]
//! ```

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Instant;

use claimcheck::extract::Value;
use claimcheck::{Document, Engine, RuleSet};
use serde::Deserialize;

mod common;
use common::Error;

const USAGE: &str = "usage: name_eval path/to/gold.jsonl [more.jsonl ...] [--list N] [--missed] [--repeat N]";

fn main() -> ExitCode {
    common::exit("name_eval", run())
}

/// One input record.
#[derive(Deserialize)]
struct Record {
    #[serde(flatten)]
    article: common::Article,
    #[serde(default)]
    mentions: Vec<GoldMention>,
}

/// One annotated mention; MEANTIME names its type `ent_type`, ECB+ `type`.
#[derive(Deserialize)]
struct GoldMention {
    #[serde(default)]
    ent_type: Option<String>,
    #[serde(rename = "type", default)]
    mention_type: Option<String>,
    start: usize,
    end: usize,
    text: String,
}

impl GoldMention {
    /// `PER` or `ORG` for a person or organization mention, else nothing.
    fn kind(&self) -> Option<&'static str> {
        match (self.ent_type.as_deref(), self.mention_type.as_deref()) {
            (Some("PER"), _) | (_, Some("HUMAN_PART_PER")) => Some("PER"),
            (Some("ORG"), _) | (_, Some("HUMAN_PART_ORG")) => Some("ORG"),
            _ => None,
        }
    }

    fn is_name(&self) -> bool {
        self.text
            .split_whitespace()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
    }

    /// Whether every capitalized word is a pronoun or determiner ("She",
    /// "We", "The company"): counted by the rule above, but no name.
    fn is_pronoun(&self) -> bool {
        const WORDS: &[&str] = &[
            "I", "We", "He", "She", "They", "It", "Her", "His", "Their", "Its", "The", "This", "That", "Our", "Us",
            "You", "Me", "My", "Him", "Them", "Your",
        ];
        self.text
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .all(|w| WORDS.contains(&w.trim_end_matches(['\'', '’', 's'])))
    }
}

/// Gold names of one type, found with any kind and with the right kind.
#[derive(Default)]
struct Recall {
    gold: usize,
    any: usize,
    typed: usize,
    missed: Vec<String>,
}

struct Options {
    files: Vec<String>,
    list: usize,
    missed: bool,
    repeat: usize,
}

fn options() -> Result<Options, Error> {
    let mut options = Options {
        files: Vec::new(),
        list: 0,
        missed: false,
        repeat: 5,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--list" => options.list = common::number(&arg, args.next(), USAGE)?,
            "--repeat" => options.repeat = common::number(&arg, args.next(), USAGE)?.max(1),
            "--missed" => options.missed = true,
            "-h" | "--help" => return Err(USAGE.into()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}\n{USAGE}").into()),
            _ => options.files.push(arg),
        }
    }
    if options.files.is_empty() {
        return Err(USAGE.into());
    }
    Ok(options)
}

fn run() -> Result<(), Error> {
    let options = options()?;
    let engine = Engine::new(RuleSet::embedded()?)?;
    let mut all_docs: Vec<Document> = Vec::new();
    for path in &options.files {
        let input = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let mut recall: BTreeMap<&str, Recall> = BTreeMap::new();
        let mut docs = 0;
        for (i, line) in input.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let record: Record = match serde_json::from_str(line) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("{path}:{}: {e}", i + 1);
                    continue;
                }
            };
            let doc = record.article.document();
            score(&engine, &doc, &record.mentions, &mut recall, docs < options.list);
            all_docs.push(doc);
            docs += 1;
        }
        println!("{path}: {docs} documents");
        println!(
            "{:<5} {:>6} {:>6} {:>8} {:>6} {:>8}",
            "type", "gold", "any", "recall", "typed", "recall"
        );
        let mut total = Recall::default();
        for (kind, r) in recall.iter().filter(|(k, _)| k.len() == 3) {
            print_recall(kind, r);
            total.gold += r.gold;
            total.any += r.any;
            total.typed += r.typed;
        }
        print_recall("all", &total);
        if let Some(r) = recall.get("all-no-pronoun") {
            print_recall("all-no-pronoun", r);
        }
        if options.missed {
            for (kind, r) in recall.iter().filter(|(k, _)| k.len() == 3) {
                for missed in &r.missed {
                    println!("missed {kind}: {missed}");
                }
            }
        }
    }
    let sentences: Vec<_> = all_docs.iter().map(|d| engine.sentences(d)).collect();
    let bytes: usize = all_docs.iter().map(|d| d.text.len()).sum();
    let mut best = f64::INFINITY;
    for _ in 0..options.repeat {
        let start = Instant::now();
        let found: usize = all_docs
            .iter()
            .zip(&sentences)
            .map(|(d, s)| engine.names_in(d, s).len())
            .sum();
        std::hint::black_box(found);
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "names alone: {:.2} MB in {:.1} ms, {:.1} MB/s (best of {} passes, 1 thread)",
        bytes as f64 / 1e6,
        best * 1e3,
        bytes as f64 / 1e6 / best,
        options.repeat
    );
    Ok(())
}

fn print_recall(kind: &str, r: &Recall) {
    let pct = |n: usize| {
        if r.gold == 0 {
            0.0
        } else {
            100.0 * n as f64 / r.gold as f64
        }
    };
    println!(
        "{kind:<15} {:>6} {:>6} {:>7.1}% {:>6} {:>7.1}%",
        r.gold,
        r.any,
        pct(r.any),
        r.typed,
        pct(r.typed)
    );
}

/// Scores one document against its gold names; prints its names when `list`.
fn score(engine: &Engine, doc: &Document, gold: &[GoldMention], recall: &mut BTreeMap<&str, Recall>, list: bool) {
    let chars: Vec<usize> = doc.text.char_indices().map(|(b, _)| b).collect();
    let byte = |c: usize| chars.get(c).copied().unwrap_or(doc.text.len());
    let names = engine.names_in(doc, &engine.sentences(doc));
    if list {
        for m in &names {
            let canonical = match &m.value {
                Value::Person(p) => &p.canonical,
                Value::Org(o) => &o.canonical,
                Value::Place(p) => &p.canonical,
                _ => continue,
            };
            println!("{}\t{}\t{}\t{canonical}", doc.id, m.kind(), m.span.slice(&doc.text));
        }
    }
    for g in gold.iter().filter(|g| g.is_name()) {
        let Some(kind) = g.kind() else { continue };
        let (start, end) = (byte(g.start), byte(g.end));
        let overlapping = names
            .iter()
            .filter(|m| m.span.start < end && start < m.span.end && matches!(m.kind(), "person" | "org"));
        let (mut any, mut typed) = (false, false);
        for m in overlapping {
            any = true;
            typed |= matches!((kind, m.kind()), ("PER", "person") | ("ORG", "org"));
        }
        if !g.is_pronoun() {
            let r = recall.entry("all-no-pronoun").or_default();
            r.gold += 1;
            r.any += usize::from(any);
            r.typed += usize::from(typed);
        }
        let r = recall.entry(kind).or_default();
        r.gold += 1;
        r.any += usize::from(any);
        r.typed += usize::from(typed);
        if !any {
            r.missed.push(format!("{} [{}]", g.text, doc.id));
        } else if !typed {
            r.missed.push(format!("{} (as another kind)", g.text));
        }
    }
}
