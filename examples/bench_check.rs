//! The throughput benchmark of the whole check: builds a JSON Lines corpus
//! of a given size from news data (repeating its records under new ids),
//! then prints MB/s, documents/s and peak resident memory for `claimcheck
//! check` (the release binary, run as a user runs it), and the time of each
//! stage alone in this process: ingest, ingest + extract (the map), and
//! compare (the reduce). Run at two sizes, it shows how the time grows.
//!
//! ```text
//! cargo build --release && cargo run --release --example bench_check -- \
//!     path/to/te3-silver.jsonl path/to/ecbplus.jsonl ... [--mb 100] [--mb 25]
//! cargo run --release --example bench_check -- --stress
//! cargo run --release --example bench_check -- --bin target/pgo/x86_64-unknown-linux-gnu/release/claimcheck DATA.jsonl...
//! ```
//!
//! `--bin PATH` times another build of `claimcheck` (such as the one
//! `scripts/pgo-build` makes) in place of the release binary; the stages
//! are still timed in this process, as built.
//!
//! `--stress` times the shapes bad input takes instead: one document of
//! 100 MB on a single line, and 1,000,000 tiny documents, each also at a
//! quarter of the size, so that the growth of time and memory shows. The
//! tiny documents state one claim in 25 values (all of them then conflict)
//! and, at a million, in one value (nothing conflicts).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use claimcheck::ingest::{self, Sink};
use claimcheck::{Document, Engine, InputError, RuleSet};

mod common;
use common::Error;

const USAGE: &str = "usage: bench_check [--bin PATH] DATA.jsonl... [--mb SIZE]... | bench_check [--bin PATH] --stress";

fn main() -> ExitCode {
    common::exit("bench_check", run())
}

fn run() -> Result<(), Error> {
    let mut inputs = Vec::new();
    let mut sizes = Vec::new();
    let mut stress = false;
    let mut chosen = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--mb" => sizes.push(common::number("--mb", args.next(), USAGE)?),
            "--stress" => stress = true,
            "--bin" => chosen = Some(PathBuf::from(args.next().ok_or(USAGE)?)),
            _ => inputs.push(arg),
        }
    }
    let binary = binary(chosen)?;
    if stress {
        return stress_shapes(&binary);
    }
    if inputs.is_empty() {
        return Err(USAGE.into());
    }
    if sizes.is_empty() {
        sizes.push(100);
    }
    let records = read_records(&inputs)?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "{} input records; {cores} cores; binary {}",
        records.len(),
        binary.display()
    );
    let scratch = std::env::temp_dir().join("claimcheck-bench");
    std::fs::create_dir_all(&scratch)?;
    // Every check runs before the stages are timed in this process: a
    // child's peak RSS counts the pages of the parent it was forked from,
    // and the stages leave this process large.
    let mut corpora = Vec::new();
    for mb in sizes {
        let (path, documents) = build_corpus(&scratch, &records, mb)?;
        let bytes = std::fs::metadata(&path)?.len() as f64 / 1e6;
        println!(
            "\ncorpus {} ({bytes:.1} MB of JSON Lines, {documents} documents)",
            path.display()
        );
        let (seconds, peak) = timed_check(&binary, &path)?;
        println!(
            "  check            {seconds:7.2} s  {:7.1} MB/s  {:9.0} documents/s  peak RSS {peak:.0} MB",
            bytes / seconds,
            documents as f64 / seconds
        );
        corpora.push((path, bytes));
    }
    for (path, bytes) in corpora {
        println!("\nstages of {}", path.display());
        stages(&path, bytes)?;
    }
    Ok(())
}

/// One huge single-line document and a million tiny ones, each at full
/// size and at a quarter.
fn stress_shapes(binary: &Path) -> Result<(), Error> {
    let scratch = std::env::temp_dir().join("claimcheck-bench");
    std::fs::create_dir_all(&scratch)?;
    let sentence = "Meta invested $14.3 billion in Scale AI in June 2025, and 1,200 people lost their jobs ";
    for mb in [25usize, 100] {
        let path = scratch.join(format!("one-line-{mb}mb.txt"));
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
        let mut written = 0;
        while written < mb * 1_000_000 {
            out.write_all(sentence.as_bytes())?;
            written += sentence.len();
        }
        out.flush()?;
        let (seconds, peak) = timed_check(binary, &path)?;
        println!(
            "one line of {mb} MB            {seconds:7.2} s  {:6.1} MB/s  peak RSS {peak:.0} MB",
            mb as f64 / seconds
        );
    }
    // 25 years: every claim is of one key that conflicts. One year: the
    // key states one value, and nothing is read back.
    for (documents, years) in [(250_000usize, 25), (1_000_000, 25), (1_000_000, 1)] {
        let path = scratch.join(format!("tiny-{documents}-{years}.jsonl"));
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
        for i in 0..documents {
            let year = 2000 + i % years;
            writeln!(
                out,
                "{{\"id\":\"t{i}\",\"text\":\"Meta invested in Scale AI in June {year}.\"}}"
            )?;
        }
        out.flush()?;
        let (seconds, peak) = timed_check(binary, &path)?;
        let shape = if years == 1 { "one value" } else { "25 values" };
        println!(
            "{documents:>9} tiny documents, {shape}  {seconds:7.2} s  {:8.0} documents/s  peak RSS {peak:.0} MB",
            documents as f64 / seconds
        );
    }
    Ok(())
}

/// The binary `--bin` names, or else the release binary beside this example.
fn binary(chosen: Option<PathBuf>) -> Result<PathBuf, Error> {
    if let Some(path) = chosen {
        return if path.is_file() {
            Ok(path)
        } else {
            Err(format!("{}: no such binary", path.display()).into())
        };
    }
    Ok(std::env::current_exe()?
        .parent()
        .and_then(Path::parent)
        .map(|dir| dir.join("claimcheck"))
        .filter(|p| p.is_file())
        .ok_or("build the binary first: cargo build --release")?)
}

/// The records of the input files, as JSON objects.
fn read_records(paths: &[String]) -> Result<Vec<serde_json::Map<String, serde_json::Value>>, Error> {
    let mut records = Vec::new();
    for path in paths {
        for line in std::fs::read_to_string(path)?.lines().filter(|l| !l.trim().is_empty()) {
            if let serde_json::Value::Object(record) = serde_json::from_str(line)? {
                records.push(record);
            }
        }
    }
    if records.is_empty() {
        return Err("no records in the input".into());
    }
    Ok(records)
}

/// Writes records, repeated under new ids, until the file holds `mb` MB.
fn build_corpus(
    dir: &Path,
    records: &[serde_json::Map<String, serde_json::Value>],
    mb: usize,
) -> Result<(PathBuf, usize), Error> {
    let path = dir.join(format!("corpus-{mb}mb.jsonl"));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
    let (mut written, mut documents) = (0usize, 0usize);
    'fill: for round in 0.. {
        for (i, record) in records.iter().enumerate() {
            let mut record = record.clone();
            record.insert("id".into(), format!("r{round}-{i}").into());
            record.remove("doc_id");
            // Annotations are not article text: leave them out.
            record.remove("mentions");
            record.remove("timexes");
            let line = serde_json::to_string(&record)? + "\n";
            out.write_all(line.as_bytes())?;
            written += line.len();
            documents += 1;
            if written >= mb * 1_000_000 {
                break 'fill;
            }
        }
    }
    out.flush()?;
    Ok((path, documents))
}

/// Runs `claimcheck check --quiet` on the corpus: wall time and peak RSS.
fn timed_check(binary: &Path, corpus: &Path) -> Result<(f64, f64), Error> {
    let start = Instant::now();
    let child = Command::new(binary)
        .args(["check", "--quiet", "--fail-on", "never"])
        .arg(corpus)
        .stdout(std::process::Stdio::null())
        .spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `usage` is a plain struct that wait4 fills in for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let seconds = start.elapsed().as_secs_f64();
    if waited != pid {
        return Err("waiting for claimcheck failed".into());
    }
    // ru_maxrss is in kilobytes on Linux.
    Ok((seconds, usage.ru_maxrss as f64 / 1024.0))
}

/// Counts what ingest reads, and drops it.
#[derive(Default)]
struct Count {
    documents: usize,
    errors: usize,
}

impl Sink for Count {
    fn document(&mut self, _doc: Document) {
        self.documents += 1;
    }
    fn error(&mut self, _err: InputError) {
        self.errors += 1;
    }
}

/// Each stage alone, in this process.
fn stages(corpus: &Path, mb: f64) -> Result<(), Error> {
    let paths = [corpus.display().to_string()];
    let engine = Engine::new(RuleSet::embedded()?)?;

    let start = Instant::now();
    let mut count = Count::default();
    ingest::stream(&paths, &|_| false, &mut count);
    let ingest = start.elapsed().as_secs_f64();
    println!("  ingest           {ingest:7.2} s  {:7.1} MB/s", mb / ingest);

    let start = Instant::now();
    let mut extracted = Vec::new();
    let errors = engine
        .extraction(&|| {}, |batch| extracted.extend(batch))
        .stream(&paths, &|_| false);
    let map = start.elapsed().as_secs_f64();
    let claims: usize = extracted.iter().map(|e| e.claims.len()).sum();
    let records: usize = extracted.iter().map(|e| e.records.len()).sum();
    println!(
        "  ingest + extract {map:7.2} s  {:7.1} MB/s  ({claims} claims, {records} rewrite records)",
        mb / map
    );

    let start = Instant::now();
    let outcome = engine.compare_extracted(extracted, errors);
    let reduce = start.elapsed().as_secs_f64();
    println!(
        "  compare          {reduce:7.2} s  ({} conflicts)",
        outcome.conflicts.len()
    );
    Ok(())
}
