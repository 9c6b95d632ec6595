//! Measures the throughput of the temporal recognizer on one thread:
//! segmentation alone ([`Engine::sentences`]), date recognition alone on
//! sentences found beforehand ([`Engine::dates_in`]), both
//! ([`Engine::dates`]), amounts alone ([`Engine::amounts_in`]), names alone
//! ([`Engine::names_in`]), and all recognizers ([`Engine::mentions`]) for
//! comparison.
//!
//! Documents are read from JSON Lines (`doc_id`, `dct`, `text`) before timing.
//! Each pass runs over every document; the best and median of `--repeat`
//! passes (default 5) are reported, with throughput from the best pass and
//! the peak resident memory of the process. `--only dates` (or `segment`,
//! `segment+dates`, `amounts`, `names`, `all`) times one stage alone, for a
//! profiler.
//!
//! ```text
//! cargo run --release --example bench_dates -- path/to/te3-silver.jsonl [--repeat N] [--threads 1] [--only STAGE]
//! ```

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use claimcheck::{Document, Engine, RuleSet};

mod common;
use common::Error;

const USAGE: &str =
    "usage: bench_dates path/to/te3-silver.jsonl [more.jsonl ...] [--repeat N] [--threads 1] [--only STAGE]";

fn main() -> ExitCode {
    common::exit("bench_dates", run())
}

fn run() -> Result<(), Error> {
    let options = Options::parse(std::env::args().skip(1))?;
    let mut docs = Vec::new();
    for path in &options.files {
        read_documents(path, &mut docs)?;
    }
    let engine = Engine::new(RuleSet::embedded()?)?;
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let sentences: Vec<_> = docs.iter().map(|d| engine.sentences(d)).collect();
    println!("documents        {}", docs.len());
    println!("text             {:.2} MB", bytes as f64 / 1e6);
    println!("passes           {} on 1 thread", options.repeat);
    let stages: [(&str, &str, Stage); 6] = [
        ("segment", "segment", &|_, d| engine.sentences(d).len()),
        ("dates", "dates alone", &|i, d| engine.dates_in(d, &sentences[i]).len()),
        ("segment+dates", "segment+dates", &|_, d| engine.dates(d).len()),
        ("amounts", "amounts alone", &|i, d| {
            engine.amounts_in(d, &sentences[i]).len()
        }),
        ("names", "names alone", &|i, d| engine.names_in(d, &sentences[i]).len()),
        ("all", "mentions (all)", &|_, d| engine.mentions(d).len()),
    ];
    if let Some(only) = &options.only {
        if !stages.iter().any(|(key, ..)| key == only) {
            let keys: Vec<_> = stages.iter().map(|(key, ..)| *key).collect();
            return Err(format!("--only: no stage {only:?}; stages: {}\n{USAGE}", keys.join(", ")).into());
        }
    }
    for (key, label, find) in stages {
        if options.only.as_ref().is_none_or(|only| only == key) {
            print_run(label, &time_passes(&docs, options.repeat, find), bytes);
        }
    }
    println!(
        "peak memory      {}",
        peak_memory().unwrap_or_else(|| "n/a".to_string())
    );
    Ok(())
}

/// One stage measured: gets a document's index and the document, returns
/// how many things it found.
type Stage<'a> = &'a dyn Fn(usize, &Document) -> usize;

/// Command-line options.
struct Options {
    files: Vec<String>,
    repeat: usize,
    /// Only this stage is timed (for profiling one stage).
    only: Option<String>,
}

impl Options {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Self, Error> {
        let mut options = Options {
            files: Vec::new(),
            repeat: 5,
            only: None,
        };
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--repeat" => options.repeat = common::number(&arg, args.next(), USAGE)?,
                "--only" => options.only = Some(args.next().ok_or(format!("--only needs a stage\n{USAGE}"))?),
                // Only one thread is measured; the flag makes that explicit.
                "--threads" if common::number(&arg, args.next(), USAGE)? == 1 => {}
                "--threads" => return Err(format!("--threads: only 1 is supported\n{USAGE}").into()),
                "-h" | "--help" => return Err(USAGE.into()),
                flag if flag.starts_with("--") => return Err(format!("unknown option {flag}\n{USAGE}").into()),
                _ => options.files.push(arg),
            }
        }
        if options.files.is_empty() {
            return Err(USAGE.into());
        }
        if options.repeat == 0 {
            return Err(format!("--repeat must be at least 1\n{USAGE}").into());
        }
        Ok(options)
    }
}

/// Appends the documents of one JSON Lines file; bad lines are reported and skipped.
fn read_documents(path: &str, docs: &mut Vec<Document>) -> Result<(), Error> {
    let input = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    for (i, line) in input.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match serde_json::from_str::<common::Article>(line) {
            Ok(article) => docs.push(article.document()),
            Err(e) => eprintln!("{path}:{}: {e}", i + 1),
        }
    }
    Ok(())
}

/// The timings of several passes and the mentions one pass found.
struct Run {
    seconds: Vec<f64>,
    mentions: usize,
}

/// Times `repeat` passes of `find` over every document, sorted fastest first.
fn time_passes(docs: &[Document], repeat: usize, find: Stage) -> Run {
    let mut seconds = Vec::with_capacity(repeat);
    let mut mentions = 0;
    for _ in 0..repeat {
        let start = Instant::now();
        mentions = docs
            .iter()
            .enumerate()
            .map(|(i, d)| black_box(find(i, black_box(d))))
            .sum();
        seconds.push(start.elapsed().as_secs_f64());
    }
    seconds.sort_by(f64::total_cmp);
    Run { seconds, mentions }
}

fn print_run(name: &str, run: &Run, bytes: usize) {
    let best = run.seconds.first().copied().unwrap_or_default();
    let median = median(&run.seconds);
    println!(
        "{name:<16} {} found, best {best:.3} s, median {median:.3} s, {:.2} MB/s",
        run.mentions,
        bytes as f64 / best / 1e6
    );
}

/// The median of sorted values.
fn median(sorted: &[f64]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Peak resident memory (`VmHWM`), where `/proc` has it.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(format!("{:.1} MB", kb / 1e3))
}
