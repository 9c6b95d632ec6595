//! Measures the amount recognizer ([`Engine::mentions`], kinds `money`,
//! `percent` and `quantity`) against MEANTIME-style gold: JSON Lines with `doc_id`, `dct`,
//! `text` and `mentions`, of which those of kind `VALUE` with `type` `MONEY`,
//! `PERCENT` or `QUANTITY` are amounts (offsets in code points).
//!
//! MEANTIME annotates only the amounts its events need, so this measures
//! recall: a gold amount is found when a system amount overlaps it, and a
//! found money amount is right when its value and currency are the gold's
//! reading (checked by hand from the listing). With `--list`, every system
//! amount of every document is printed, for reading precision.
//!
//! ```text
//! cargo run --release --example amount_eval -- path/to/meantime.jsonl [--list]
//! ```

use std::collections::BTreeMap;
use std::process::ExitCode;

use claimcheck::extract::Value;
use claimcheck::{Engine, RuleSet};
use serde::Deserialize;

mod common;
use common::Error;

const USAGE: &str = "usage: amount_eval path/to/meantime.jsonl [more.jsonl ...] [--list]";

fn main() -> ExitCode {
    common::exit("amount_eval", run())
}

/// One input record.
#[derive(Deserialize)]
struct Record {
    #[serde(flatten)]
    article: common::Article,
    #[serde(default)]
    mentions: Vec<GoldMention>,
}

/// One annotated mention; only `VALUE` ones are amounts.
#[derive(Deserialize)]
struct GoldMention {
    #[serde(default)]
    kind: String,
    #[serde(rename = "type", default)]
    value_type: Option<String>,
    start: usize,
    end: usize,
    text: String,
}

/// Found and missed gold amounts of one type.
#[derive(Default)]
struct Recall {
    gold: usize,
    found: usize,
    missed: Vec<String>,
}

fn run() -> Result<(), Error> {
    let mut files = Vec::new();
    let mut list = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--list" => list = true,
            "-h" | "--help" => return Err(USAGE.into()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}\n{USAGE}").into()),
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        return Err(USAGE.into());
    }
    let engine = Engine::new(RuleSet::embedded()?)?;
    let mut recall: BTreeMap<String, Recall> = BTreeMap::new();
    let mut system = 0;
    for path in &files {
        let input = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        for (i, line) in input.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let record: Record = match serde_json::from_str(line) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("{path}:{}: {e}", i + 1);
                    continue;
                }
            };
            system += score(&engine, &record, &mut recall, list);
        }
    }
    println!("{system} system amounts (money, percent, quantity)");
    println!("{:<10} {:>6} {:>6} {:>8}", "type", "gold", "found", "recall");
    for (kind, r) in &recall {
        let pct = if r.gold == 0 {
            0.0
        } else {
            100.0 * r.found as f64 / r.gold as f64
        };
        println!("{kind:<10} {:>6} {:>6} {:>7.1}%", r.gold, r.found, pct);
    }
    for (kind, r) in &recall {
        if !r.missed.is_empty() {
            println!("\nmissed {kind}: {}", r.missed.join(" | "));
        }
    }
    Ok(())
}

/// Scores one document; returns how many amounts the system found in it.
fn score(engine: &Engine, record: &Record, recall: &mut BTreeMap<String, Recall>, list: bool) -> usize {
    let doc = record.article.document();
    let chars: Vec<usize> = doc.text.char_indices().map(|(b, _)| b).collect();
    let byte = |c: usize| chars.get(c).copied().unwrap_or(doc.text.len());
    let amounts: Vec<_> = engine
        .mentions(&doc)
        .into_iter()
        .filter(|m| matches!(m.value, Value::Money(_) | Value::Percent(_) | Value::Quantity(_)))
        .collect();
    if list {
        for m in &amounts {
            let shown = match &m.value {
                Value::Money(v) => v.display(),
                Value::Percent(v) => format!("{} {}", v.amount, v.unit),
                Value::Quantity(v) => format!("{} {}", v.amount, v.unit),
                _ => String::new(),
            };
            println!("{}\t{}\t{shown}", doc.id, m.span.slice(&doc.text));
        }
    }
    for g in record.mentions.iter().filter(|g| g.kind == "VALUE") {
        let kind = g.value_type.clone().unwrap_or_else(|| "VALUE".into());
        let (start, end) = (byte(g.start), byte(g.end));
        let found = amounts.iter().any(|m| m.span.start < end && start < m.span.end);
        let r = recall.entry(kind).or_default();
        r.gold += 1;
        if found {
            r.found += 1;
        } else {
            r.missed.push(g.text.clone());
        }
    }
    amounts.len()
}
