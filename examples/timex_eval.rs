//! Scores the temporal recognizer ([`Engine::dates`]) against TIMEX3 gold
//! annotations, the TempEval-3 way, micro-averaged over all documents:
//!
//! - strict span: precision, recall and F1 of identical spans;
//! - relaxed span: the same where overlapping spans match, one to one;
//! - value: relaxed matches whose TIMEX3 value is also the gold one;
//! - type accuracy: relaxed matches whose type is also the gold one;
//! - the same by type, and the most frequent errors: missed gold mentions,
//!   spurious system mentions and wrong values, grouped by their text with
//!   digits replaced by `9`.
//!
//! Input is JSON Lines, one document a line, with `doc_id`, `dct` (publication
//! date, may be null), `text` and `timexes` (`type`, `value`, `start`, `end`,
//! `text`; offsets in code points, end exclusive). MEANTIME-style `mentions`
//! of kind `TIMEX3`, with the same fields, are read as gold timexes too. A
//! `.tml` file, or a folder of them, is read as TimeML: the DCT's TIMEX3
//! dates it, and the TIMEX3s of `<TEXT>` are the gold.
//!
//! ```text
//! cargo run --release --example timex_eval -- path/to/timebank.jsonl path/to/aquaint.jsonl [--errors N] [--json] [--list] [--hits]
//! cargo run --release --example timex_eval -- path/to/te3-platinum/ --errors 0
//! ```
//!
//! `--list` prints every error on a line of its own, with the document's
//! publication date and the words around it, for reading errors by kind;
//! `--hits` lists the correct matches too (class `hit`), to count how
//! consistently the gold treats a construction before a rule changes it.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

use claimcheck::{Engine, Mention, RuleSet};
use serde::Deserialize;
use serde_json::{json, Value};

mod common;
use common::{timeml, Error};

const USAGE: &str =
    "usage: timex_eval path/to/timebank.jsonl [more.jsonl, doc.tml or a folder of .tml ...] [--errors N] [--json] [--list] [--hits]";

/// The TIMEX3 types scored; a type is an index into this.
const TYPES: [&str; 4] = ["DATE", "TIME", "DURATION", "SET"];

fn main() -> ExitCode {
    common::exit("timex_eval", run())
}

fn run() -> Result<(), Error> {
    let options = Options::parse(std::env::args().skip(1))?;
    let inputs = options
        .files
        .iter()
        .map(|path| Input::read(path).map(|input| (path, input)))
        .collect::<Result<Vec<_>, _>>()?;
    let engine = Engine::new(RuleSet::embedded()?)?;
    let mut errors = Errors {
        list: (options.list || options.hits).then(Vec::new),
        hits: options.hits,
        ..Errors::default()
    };
    let mut total = Tally::default();
    let mut files = Vec::new();
    for (path, input) in &inputs {
        let tally = match input {
            Input::JsonLines(text) => eval_file(&engine, path, text, &mut errors),
            Input::Timeml(documents) => eval_timeml(&engine, documents, &mut errors),
        };
        total.add(&tally);
        files.push((path.as_str(), tally));
    }
    if let Some(list) = &errors.list {
        for line in list {
            println!("{line}");
        }
        println!();
    }
    if options.json {
        println!("{}", report_json(&files, &total, &errors, options.errors));
    } else {
        print_report(&files, &total, &errors, options.errors);
    }
    Ok(())
}

/// Command-line options.
struct Options {
    files: Vec<String>,
    errors: usize,
    json: bool,
    list: bool,
    hits: bool,
}

impl Options {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Self, Error> {
        let mut options = Options {
            files: Vec::new(),
            errors: 25,
            json: false,
            list: false,
            hits: false,
        };
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--json" => options.json = true,
                "--list" => options.list = true,
                "--hits" => options.hits = true,
                "--errors" => options.errors = common::number(&arg, args.next(), USAGE)?,
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
}

/// One input record.
#[derive(Deserialize)]
struct Record {
    #[serde(flatten)]
    article: common::Article,
    #[serde(default)]
    timexes: Vec<GoldTimex>,
    /// MEANTIME-style annotations: the TIMEX3 ones are gold timexes too.
    #[serde(default)]
    mentions: Vec<Value>,
}

/// One gold TIMEX3 as annotated.
#[derive(Deserialize)]
struct GoldTimex {
    #[serde(rename = "type")]
    kind: String,
    value: String,
    start: usize,
    end: usize,
    #[serde(default)]
    text: Option<String>,
}

/// A temporal expression, gold or system, in code points.
struct Timex {
    start: usize,
    end: usize,
    /// Index into [`TYPES`].
    kind: usize,
    value: Option<String>,
    text: String,
}

/// Counts for one TIMEX3 type.
#[derive(Clone, Copy, Default)]
struct TypeTally {
    gold: usize,
    gold_found: usize,
    gold_value: usize,
    system: usize,
    system_found: usize,
}

/// Counts over a set of documents.
#[derive(Default)]
struct Tally {
    documents: usize,
    skipped_records: usize,
    bad_gold_offsets: usize,
    gold: usize,
    system: usize,
    strict: usize,
    relaxed: usize,
    value: usize,
    typed: usize,
    types: [TypeTally; 4],
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.documents += other.documents;
        self.skipped_records += other.skipped_records;
        self.bad_gold_offsets += other.bad_gold_offsets;
        self.gold += other.gold;
        self.system += other.system;
        self.strict += other.strict;
        self.relaxed += other.relaxed;
        self.value += other.value;
        self.typed += other.typed;
        for (mine, theirs) in self.types.iter_mut().zip(&other.types) {
            mine.gold += theirs.gold;
            mine.gold_found += theirs.gold_found;
            mine.gold_value += theirs.gold_value;
            mine.system += theirs.system;
            mine.system_found += theirs.system_found;
        }
    }
}

/// One error, as an example of its group.
struct Example {
    doc: String,
    gold: Option<(String, String)>,
    system: Option<(String, Option<String>)>,
}

/// Errors of one class, grouped by text shape: count and first example.
type ErrorGroups = HashMap<String, (usize, Example)>;

/// The three error classes.
#[derive(Default)]
struct Errors {
    missed: ErrorGroups,
    spurious: ErrorGroups,
    value: ErrorGroups,
    /// Every error as a line with its context, when asked for.
    list: Option<Vec<String>>,
    /// Whether the list holds the correct matches too.
    hits: bool,
}

/// Adds an error to its group, keyed by `text` lowercased with digits as `9`.
fn record(groups: &mut ErrorGroups, text: &str, example: Example) {
    let key = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect();
    groups.entry(key).or_insert((0, example)).0 += 1;
}

/// One input: a JSON Lines file, or TimeML documents (a `.tml` file or a
/// folder of them), each with its path.
enum Input {
    JsonLines(String),
    Timeml(Vec<(String, String)>),
}

impl Input {
    fn read(path: &str) -> Result<Input, String> {
        let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
        let path = Path::new(path);
        if path.is_dir() {
            let mut files = std::fs::read_dir(path)
                .map_err(|e| format!("{}: {e}", path.display()))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "tml"))
                .collect::<Vec<_>>();
            if files.is_empty() {
                return Err(format!("{}: no .tml files in this folder", path.display()));
            }
            files.sort();
            let documents = files.iter().map(|p| Ok((p.display().to_string(), read(p)?)));
            return Ok(Input::Timeml(documents.collect::<Result<_, String>>()?));
        }
        let text = read(path)?;
        Ok(match path.extension().is_some_and(|x| x == "tml") {
            true => Input::Timeml(vec![(path.display().to_string(), text)]),
            false => Input::JsonLines(text),
        })
    }
}

/// Scores TimeML documents; one that cannot be read is reported and skipped.
fn eval_timeml(engine: &Engine, documents: &[(String, String)], errors: &mut Errors) -> Tally {
    let mut tally = Tally::default();
    for (path, source) in documents {
        let doc = match timeml::read(source) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("{path}: {e}");
                tally.skipped_records += 1;
                continue;
            }
        };
        let doc_id = Path::new(path)
            .file_stem()
            .map_or_else(|| path.clone(), |s| s.to_string_lossy().into_owned());
        let record = Record {
            article: common::Article {
                doc_id,
                dct: doc.dct,
                text: doc.text,
            },
            timexes: doc
                .timexes
                .into_iter()
                .map(|t| GoldTimex {
                    kind: t.kind,
                    value: t.value,
                    start: t.start,
                    end: t.end,
                    // Read from the offsets when scored.
                    text: None,
                })
                .collect(),
            mentions: Vec::new(),
        };
        eval_record(engine, path, &record, &mut tally, errors);
    }
    tally
}

/// Scores every record of one file; bad records are reported and skipped.
fn eval_file(engine: &Engine, path: &str, input: &str, errors: &mut Errors) -> Tally {
    let mut tally = Tally::default();
    for (i, line) in input.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let where_ = format!("{path}:{}", i + 1);
        match serde_json::from_str::<Record>(line) {
            Ok(record) => eval_record(engine, &where_, &record, &mut tally, errors),
            Err(e) => {
                eprintln!("{where_}: {e}");
                tally.skipped_records += 1;
            }
        }
    }
    tally
}

/// Scores one document.
fn eval_record(engine: &Engine, where_: &str, record: &Record, tally: &mut Tally, errors: &mut Errors) {
    let doc = record.article.document();
    let offsets = Offsets::new(&doc.text);
    let gold = gold_timexes(where_, record, &offsets, tally);
    let system = system_timexes(&engine.dates(&doc), &doc.text, &offsets);
    tally.documents += 1;
    let context = Context {
        doc: &doc.id,
        dct: record.article.dct.as_deref().unwrap_or("-"),
        text: &doc.text,
        offsets: &offsets,
    };
    score(&context, &gold, &system, tally, errors);
}

/// Byte and code-point offsets of one text, each indexed by the other.
struct Offsets {
    byte_of_char: Vec<usize>,
    char_of_byte: Vec<usize>,
}

impl Offsets {
    fn new(text: &str) -> Self {
        let mut byte_of_char: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_of_char.push(text.len());
        let mut char_of_byte = vec![0; text.len() + 1];
        for (c, &b) in byte_of_char.iter().enumerate() {
            char_of_byte[b] = c;
        }
        Offsets {
            byte_of_char,
            char_of_byte,
        }
    }

    /// The text between two code-point offsets, if they are in range.
    fn slice<'a>(&self, text: &'a str, start: usize, end: usize) -> Option<&'a str> {
        text.get(*self.byte_of_char.get(start)?..*self.byte_of_char.get(end)?)
    }
}

/// The gold TIMEX3s of a record in order; ones out of range or of an unknown
/// type are reported and skipped, ones whose text differs from the span are
/// reported and kept.
fn gold_timexes(where_: &str, record: &Record, offsets: &Offsets, tally: &mut Tally) -> Vec<Timex> {
    let mut gold = Vec::new();
    let from_mentions: Vec<GoldTimex> = record
        .mentions
        .iter()
        .filter(|m| m["kind"] == "TIMEX3")
        .filter_map(|m| serde_json::from_value(m.clone()).ok())
        .collect();
    for t in record.timexes.iter().chain(&from_mentions) {
        let Some(kind) = TYPES.iter().position(|&k| k == t.kind) else {
            eprintln!("{where_}: unknown TIMEX3 type {:?}, skipped", t.kind);
            continue;
        };
        let Some(text) = offsets.slice(&record.article.text, t.start, t.end) else {
            eprintln!("{where_}: TIMEX3 offsets {}..{} out of range, skipped", t.start, t.end);
            tally.bad_gold_offsets += 1;
            continue;
        };
        if let Some(given) = t.text.as_deref().filter(|&g| g != text) {
            eprintln!(
                "{where_}: TIMEX3 text {given:?} differs from {text:?} at {}..{}",
                t.start, t.end
            );
            tally.bad_gold_offsets += 1;
        }
        gold.push(Timex {
            start: t.start,
            end: t.end,
            kind,
            value: Some(t.value.clone()),
            text: text.to_string(),
        });
    }
    gold.sort_by_key(|t| (t.start, t.end));
    gold
}

/// The system's temporal mentions in code points, in order; other kinds are dropped.
fn system_timexes(mentions: &[Mention], text: &str, offsets: &Offsets) -> Vec<Timex> {
    let mut system: Vec<Timex> = mentions
        .iter()
        .filter_map(|m| {
            let kind = TYPES.iter().position(|k| *k == m.kind().to_uppercase())?;
            Some(Timex {
                start: offsets.char_of_byte[m.span.start],
                end: offsets.char_of_byte[m.span.end],
                kind,
                value: m.timex().map(str::to_string),
                text: m.span.slice(text).to_string(),
            })
        })
        .collect();
    system.sort_by_key(|t| (t.start, t.end));
    system
}

/// A document as the error list quotes it.
struct Context<'a> {
    doc: &'a str,
    dct: &'a str,
    text: &'a str,
    offsets: &'a Offsets,
}

impl Context<'_> {
    /// Adds one error to the list: its class, document, publication date,
    /// gold and system values and the words around it.
    fn list(&self, errors: &mut Errors, class: &str, gold: Option<&Timex>, system: Option<&Timex>) {
        let Some(list) = &mut errors.list else { return };
        let (start, end) = [gold, system]
            .into_iter()
            .flatten()
            .fold((usize::MAX, 0), |(s, e), t| (s.min(t.start), e.max(t.end)));
        let chars = self.offsets.byte_of_char.len() - 1;
        let around = |from: usize, to: usize| {
            self.offsets
                .slice(self.text, from.min(chars), to.min(chars))
                .unwrap_or_default()
                .replace(['\n', '\t'], " ")
        };
        let value = |t: Option<&Timex>| {
            t.map_or("-".to_string(), |t| {
                format!("{:?}={}", t.text, t.value.as_deref().unwrap_or("-"))
            })
        };
        list.push(format!(
            "{class}\t{}\t{}\tgold {}\tsys {}\t…{}[{}]{}…",
            self.doc,
            self.dct,
            value(gold),
            value(system),
            around(start.saturating_sub(70), start),
            around(start, end),
            around(end, end + 50),
        ));
    }
}

/// Counts one document's matches and records its errors.
fn score(cx: &Context, gold: &[Timex], system: &[Timex], tally: &mut Tally, errors: &mut Errors) {
    let doc = cx.doc;
    tally.gold += gold.len();
    tally.system += system.len();
    tally.strict += strict_matches(gold, system);
    let matches = match_overlaps(gold, system);
    let mut system_found = vec![false; system.len()];
    for (g, matched) in gold.iter().zip(&matches) {
        tally.types[g.kind].gold += 1;
        match *matched {
            Some(s) => {
                system_found[s] = true;
                score_match(cx, g, &system[s], tally, errors);
            }
            None => {
                cx.list(errors, "missed", Some(g), None);
                record(&mut errors.missed, &g.text, example(doc, Some(g), None));
            }
        }
    }
    for (s, found) in system.iter().zip(system_found) {
        tally.types[s.kind].system += 1;
        if !found {
            cx.list(errors, "spurious", None, Some(s));
            record(&mut errors.spurious, &s.text, example(doc, None, Some(s)));
        }
    }
}

/// Counts one relaxed match: its type and its value.
fn score_match(cx: &Context, g: &Timex, s: &Timex, tally: &mut Tally, errors: &mut Errors) {
    tally.relaxed += 1;
    tally.types[g.kind].gold_found += 1;
    tally.types[s.kind].system_found += 1;
    if g.kind == s.kind {
        tally.typed += 1;
    }
    if s.value.is_some() && s.value == g.value {
        tally.value += 1;
        tally.types[g.kind].gold_value += 1;
        if errors.hits {
            cx.list(errors, "hit", Some(g), Some(s));
        }
    } else {
        cx.list(errors, "value", Some(g), Some(s));
        record(&mut errors.value, &g.text, example(cx.doc, Some(g), Some(s)));
    }
}

fn example(doc: &str, gold: Option<&Timex>, system: Option<&Timex>) -> Example {
    Example {
        doc: doc.to_string(),
        gold: gold.map(|g| (g.text.clone(), g.value.clone().unwrap_or_default())),
        system: system.map(|s| (s.text.clone(), s.value.clone())),
    }
}

/// How many system spans are identical to a gold span, each gold span used once.
fn strict_matches(gold: &[Timex], system: &[Timex]) -> usize {
    let mut spans: HashMap<(usize, usize), usize> = HashMap::new();
    for g in gold {
        *spans.entry((g.start, g.end)).or_default() += 1;
    }
    system
        .iter()
        .filter(|s| match spans.get_mut(&(s.start, s.end)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count()
}

/// For each gold timex (both lists sorted by start), the system timex it is
/// matched to: greedy in document order, one to one, the first unused
/// overlapping one, preferring an identical span.
fn match_overlaps(gold: &[Timex], system: &[Timex]) -> Vec<Option<usize>> {
    let mut used = vec![false; system.len()];
    let mut first = 0;
    let mut matches = Vec::with_capacity(gold.len());
    for g in gold {
        // Gold starts never decrease, so a system span ending before this
        // gold starts overlaps no later gold either.
        while first < system.len() && system[first].end <= g.start {
            first += 1;
        }
        let candidates: Vec<usize> = (first..system.len())
            .take_while(|&i| system[i].start < g.end)
            .filter(|&i| !used[i] && g.start < system[i].end)
            .collect();
        let pick = candidates
            .iter()
            .copied()
            .find(|&i| (system[i].start, system[i].end) == (g.start, g.end))
            .or_else(|| candidates.first().copied());
        if let Some(i) = pick {
            used[i] = true;
        }
        matches.push(pick);
    }
    matches
}

/// A ratio, zero when the denominator is.
fn ratio(hits: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        hits as f64 / of as f64
    }
}

/// Precision, recall and F1.
fn prf(hits: usize, system: usize, gold: usize) -> (f64, f64, f64) {
    let (p, r) = (ratio(hits, system), ratio(hits, gold));
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

/// The most frequent groups of one error class: count, then text shape.
fn top(groups: &ErrorGroups, n: usize) -> Vec<(&str, usize, &Example)> {
    let mut rows: Vec<_> = groups.iter().map(|(k, (c, e))| (k.as_str(), *c, e)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    rows.truncate(n);
    rows
}

/// The three error classes with their titles and JSON names.
fn error_classes(errors: &Errors) -> [(&'static str, &'static str, &ErrorGroups); 3] {
    [
        ("missed", "missed gold mentions (no overlap)", &errors.missed),
        ("spurious", "spurious system mentions (no overlap)", &errors.spurious),
        ("value", "value mismatches (overlap, different value)", &errors.value),
    ]
}

fn print_report(files: &[(&str, Tally)], total: &Tally, errors: &Errors, n: usize) {
    for (path, tally) in files {
        print_tally(path, tally);
    }
    if files.len() > 1 {
        print_tally("total", total);
    }
    for (_, title, groups) in error_classes(errors) {
        print_errors(title, groups, n);
    }
}

fn print_tally(name: &str, t: &Tally) {
    println!(
        "== {name}: {} documents, {} gold, {} system",
        t.documents, t.gold, t.system
    );
    if t.skipped_records + t.bad_gold_offsets > 0 {
        println!(
            "   skipped records: {}, gold offset problems: {}",
            t.skipped_records, t.bad_gold_offsets
        );
    }
    println!("{:<14} {:>6} {:>7} {:>7} {:>7}", "", "hits", "P", "R", "F1");
    for (label, hits) in [
        ("strict span", t.strict),
        ("relaxed span", t.relaxed),
        ("value", t.value),
    ] {
        let (p, r, f) = prf(hits, t.system, t.gold);
        println!("{label:<14} {hits:>6} {:>7} {:>7} {:>7}", pct(p), pct(r), pct(f));
    }
    let accuracy = pct(ratio(t.typed, t.relaxed));
    println!(
        "{:<14} {:>6} {accuracy:>7} of {} relaxed matches",
        "type accuracy", t.typed, t.relaxed
    );
    println!();
    println!(
        "{:<10} {:>6} {:>9} {:>9} {:>8} {:>9}",
        "type", "gold", "relaxR", "valueR", "system", "relaxP"
    );
    for (kind, c) in TYPES.iter().zip(&t.types) {
        println!(
            "{kind:<10} {:>6} {:>9} {:>9} {:>8} {:>9}",
            c.gold,
            pct(ratio(c.gold_found, c.gold)),
            pct(ratio(c.gold_value, c.gold)),
            c.system,
            pct(ratio(c.system_found, c.system))
        );
    }
    println!();
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn print_errors(title: &str, groups: &ErrorGroups, n: usize) {
    let total: usize = groups.values().map(|(c, _)| c).sum();
    println!("== {title}: {total} in {} groups", groups.len());
    for (key, count, e) in top(groups, n) {
        println!("{count:>6}  {key:<30}  {}", describe(e));
    }
    println!();
}

/// One line about an example: document, texts and values.
fn describe(e: &Example) -> String {
    let mut parts = vec![e.doc.clone()];
    if let Some((text, value)) = &e.gold {
        parts.push(format!("gold {text:?} = {value}"));
    }
    if let Some((text, value)) = &e.system {
        parts.push(format!("system {text:?} = {}", value.as_deref().unwrap_or("-")));
    }
    parts.join("  ")
}

fn report_json(files: &[(&str, Tally)], total: &Tally, errors: &Errors, n: usize) -> Value {
    let files: Vec<Value> = files
        .iter()
        .map(|(path, t)| {
            let mut v = tally_json(t);
            v["path"] = json!(path);
            v
        })
        .collect();
    let errors: serde_json::Map<String, Value> = error_classes(errors)
        .into_iter()
        .map(|(name, _, groups)| (name.to_string(), errors_json(groups, n)))
        .collect();
    json!({ "files": files, "total": tally_json(total), "errors": errors })
}

fn tally_json(t: &Tally) -> Value {
    let scores = |hits| {
        let (p, r, f) = prf(hits, t.system, t.gold);
        json!({ "hits": hits, "precision": p, "recall": r, "f1": f })
    };
    let by_type: serde_json::Map<String, Value> = TYPES
        .iter()
        .zip(&t.types)
        .map(|(kind, c)| {
            let v = json!({
                "gold": c.gold,
                "relaxed_recall": ratio(c.gold_found, c.gold),
                "value_recall": ratio(c.gold_value, c.gold),
                "system": c.system,
                "relaxed_precision": ratio(c.system_found, c.system),
            });
            (kind.to_string(), v)
        })
        .collect();
    json!({
        "documents": t.documents,
        "skipped_records": t.skipped_records,
        "bad_gold_offsets": t.bad_gold_offsets,
        "gold": t.gold,
        "system": t.system,
        "strict": scores(t.strict),
        "relaxed": scores(t.relaxed),
        "value": scores(t.value),
        "type_accuracy": { "hits": t.typed, "of": t.relaxed, "accuracy": ratio(t.typed, t.relaxed) },
        "by_type": by_type,
    })
}

fn errors_json(groups: &ErrorGroups, n: usize) -> Value {
    let rows: Vec<Value> = top(groups, n)
        .into_iter()
        .map(|(key, count, e)| {
            json!({
                "pattern": key,
                "count": count,
                "doc_id": e.doc,
                "gold_text": e.gold.as_ref().map(|g| &g.0),
                "gold_value": e.gold.as_ref().map(|g| &g.1),
                "system_text": e.system.as_ref().map(|s| &s.0),
                "system_value": e.system.as_ref().and_then(|s| s.1.as_ref()),
            })
        })
        .collect();
    json!(rows)
}
