//! The `claimcheck` binary: parses flags, runs the library, prints, and picks
//! the exit code.

mod cli;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Once;
use std::time::Duration;

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use claimcheck::config::Config;
use claimcheck::report;
use claimcheck::rules::{RuleSet, Severity};
use claimcheck::{ingest, selftest, shard, Baseline, Engine, InputError, Outcome};
use cli::{CheckFormat, Cli, Command, FailOn};

/// The allocator: extraction makes and drops many small strings and lists on
/// every core, and claims made on one thread are freed on another, where
/// the system allocator spends a tenth of a check's instructions.
#[global_allocator]
static ALLOCATOR: claimcheck::alloc::Mimalloc = claimcheck::alloc::Mimalloc;

/// No conflict at error severity.
const OK: u8 = 0;
/// At least one conflict at error severity.
const CONFLICTS: u8 = 1;
/// Bad usage or rules, or input that could not be read.
const TROUBLE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(match cli.command {
        Command::Check { paths, options } => check_or_compare(Input::Corpus, &paths, &options),
        Command::Compare { shards, options } => check_or_compare(Input::Shards, &shards, &options),
        Command::Report {
            paths,
            output,
            rule_dirs,
            baseline,
            config,
        } => html_report(
            &Run {
                input: Input::Corpus,
                paths: &paths,
                rule_dirs: &rule_dirs,
                baseline: baseline.as_deref(),
                config: config.as_deref(),
            },
            &output,
        ),
        Command::Extract {
            paths,
            rule_dirs,
            claims: true,
            config,
            ..
        } => extract_claims(&Run {
            input: Input::Corpus,
            paths: &paths,
            rule_dirs: &rule_dirs,
            baseline: None,
            config: config.as_deref(),
        }),
        Command::Extract { paths, rule_dirs, .. } => extract(&paths, &rule_dirs),
        Command::Rules { rule_dirs } => list_rules(&rule_dirs),
        Command::Explain { rule, rule_dirs } => explain(&rule, &rule_dirs),
        Command::TestRules { dir, verbose } => test_rules(dir.as_deref(), verbose),
    })
}

fn check_or_compare(input: Input, paths: &[String], options: &cli::CheckOptions) -> u8 {
    let run = Run {
        input,
        paths,
        rule_dirs: &options.rule_dirs,
        baseline: options.baseline.as_deref(),
        config: options.config.as_deref(),
    };
    match &options.write_baseline {
        Some(file) => update_baseline(&run, file),
        None => check(&run, options.format, options.quiet, options.fail_on),
    }
}

/// What a run reads: articles, or the shards `extract --claims` wrote.
#[derive(Clone, Copy)]
enum Input {
    Corpus,
    Shards,
}

/// What `check`, `compare`, `report` and `extract --claims` read.
struct Run<'a> {
    input: Input,
    paths: &'a [String],
    rule_dirs: &'a [PathBuf],
    baseline: Option<&'a Path>,
    config: Option<&'a Path>,
}

impl Run<'_> {
    /// Loads the rules and the baseline, checks the corpus and applies the
    /// baseline; input errors are printed, rule or baseline errors end the run.
    fn outcome(&self) -> Result<(Engine, Outcome), u8> {
        let (engine, config) = self.engine()?;
        let baseline = self
            .baseline
            .or(config.baseline.as_deref())
            .map(Baseline::load)
            .transpose()
            .map_err(fail)?;
        let mut outcome = match self.input {
            Input::Corpus => {
                let progress = Progress::new();
                let outcome = engine.check_paths(self.paths, &|path| config.ignores(path), &|| progress.tick());
                progress.finish();
                outcome
            }
            Input::Shards => {
                let mut extracted = Vec::new();
                let mut errors = Vec::new();
                for path in self.paths {
                    let (documents, problems) = read_shard(path);
                    extracted.extend(documents);
                    errors.extend(problems);
                }
                engine.compare_extracted(extracted, errors)
            }
        };
        report_input_errors(&outcome.errors);
        if let Some(baseline) = baseline {
            baseline.apply(&mut outcome);
        }
        Ok((engine, outcome))
    }

    /// The engine, with the configuration's rules and facts, and the
    /// configuration.
    fn engine(&self) -> Result<(Engine, Config), u8> {
        let config = match self.config {
            Some(path) => Config::load(path).map_err(fail)?,
            None => Config::find(self.paths).map_err(fail)?.unwrap_or_default(),
        };
        let dirs: Vec<PathBuf> = config.rules.iter().chain(self.rule_dirs).cloned().collect();
        let mut rules = RuleSet::with_dirs(&dirs).map_err(fail)?;
        config.apply(&mut rules).map_err(fail)?;
        let mut engine = Engine::new(rules).map_err(fail)?;
        if let Some(facts) = config.facts_file(self.paths) {
            engine.load_facts(&facts).map_err(fail)?;
        }
        Ok((engine, config))
    }
}

/// Prints a rule, configuration or baseline error; the run ends with exit 2.
fn fail(err: claimcheck::RuleError) -> u8 {
    eprintln!("error: {err}");
    TROUBLE
}

/// Reads one shard file, or standard input for `-`.
fn read_shard(path: &str) -> (Vec<claimcheck::Extracted>, Vec<InputError>) {
    if path == "-" {
        return shard::read("-", std::io::stdin().lock());
    }
    match std::fs::File::open(path) {
        Ok(file) => shard::read(path, std::io::BufReader::new(file)),
        Err(err) => (
            Vec::new(),
            vec![InputError::new(path, None, format!("cannot read: {err}"))],
        ),
    }
}

/// `extract --claims`: the map half of `check`, written as a shard.
fn extract_claims(run: &Run<'_>) -> u8 {
    let (engine, config) = match run.engine() {
        Ok(done) => done,
        Err(code) => return code,
    };
    // Each batch is written as soon as it is extracted: memory holds one
    // batch, whatever the corpus.
    print(&shard::header());
    let extraction = engine.extraction(&|| {}, |batch| {
        let lines: String = batch.iter().map(shard::write).collect();
        print(&lines);
    });
    let errors = extraction.stream(run.paths, &|path| config.ignores(path));
    report_input_errors(&errors);
    print(&errors.iter().map(shard::write_error).collect::<String>());
    if errors.is_empty() {
        OK
    } else {
        TROUBLE
    }
}

fn engine(rule_dirs: &[PathBuf]) -> Option<Engine> {
    match RuleSet::with_dirs(rule_dirs).and_then(Engine::new) {
        Ok(engine) => Some(engine),
        Err(err) => {
            eprintln!("error: {err}");
            None
        }
    }
}

fn report_input_errors(errors: &[InputError]) {
    for err in errors {
        eprintln!("error: {err}");
    }
}

fn check(run: &Run<'_>, format: CheckFormat, quiet: bool, fail_on: FailOn) -> u8 {
    let (engine, outcome) = match run.outcome() {
        Ok(done) => done,
        Err(code) => return code,
    };
    let text = match format {
        CheckFormat::Text => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            report::text::render(&outcome, report::text::Options { color, quiet })
        }
        CheckFormat::Json => report::json::render(&outcome) + "\n",
        CheckFormat::Sarif => report::sarif::render(&outcome, engine.rules()),
        CheckFormat::Github => report::github::render(&outcome),
        CheckFormat::Markdown => report::markdown::render(&outcome),
    };
    print(&text);
    // Stale entries go to stderr so that machine formats stay parseable.
    for entry in &outcome.stale {
        eprintln!(
            "warning: stale baseline entry (no conflict matches it): {}",
            entry.line()
        );
    }
    for unused in &outcome.unused_suppressions {
        eprintln!(
            "warning: {}:{}: `claimcheck-ignore: {}` suppresses nothing",
            unused.path, unused.line, unused.rule
        );
    }
    let failing = |severity: Severity| match fail_on {
        FailOn::Error => severity == Severity::Error,
        FailOn::Warning => matches!(severity, Severity::Error | Severity::Warning),
        FailOn::Never => false,
    };
    if !outcome.errors.is_empty() {
        TROUBLE
    } else if outcome.conflicts.iter().any(|c| failing(c.severity)) {
        CONFLICTS
    } else {
        OK
    }
}

fn update_baseline(run: &Run<'_>, file: &Path) -> u8 {
    // The new baseline records every conflict found now, so an existing
    // baseline is not applied.
    let run = Run { baseline: None, ..*run };
    let (_, outcome) = match run.outcome() {
        Ok(done) => done,
        Err(code) => return code,
    };
    let baseline = Baseline::of(&outcome);
    if let Err(err) = std::fs::write(file, baseline.to_yaml()) {
        eprintln!("error: {}: {err}", file.display());
        return TROUBLE;
    }
    eprintln!(
        "wrote {} conflicts to the baseline {}",
        baseline.conflicts.len(),
        file.display()
    );
    if outcome.errors.is_empty() {
        OK
    } else {
        TROUBLE
    }
}

fn html_report(run: &Run<'_>, output: &Path) -> u8 {
    let (_, outcome) = match run.outcome() {
        Ok(done) => done,
        Err(code) => return code,
    };
    let page = report::html::render(&outcome);
    if output == Path::new("-") {
        print(&page);
    } else if let Err(err) = std::fs::write(output, page) {
        eprintln!("error: {}: {err}", output.display());
        return TROUBLE;
    } else {
        eprintln!("{} → {}", report::text::summary(&outcome), output.display());
    }
    if outcome.errors.is_empty() {
        OK
    } else {
        TROUBLE
    }
}

/// A progress bar on stderr for long runs: shown only when stderr is a
/// terminal and only once the run has lasted a second.
struct Progress {
    bar: Option<ProgressBar>,
    shown: Once,
}

impl Progress {
    fn new() -> Self {
        // Documents are streamed, so their number is not known ahead.
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template("{spinner} checked {human_pos} documents ({elapsed})") {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            shown: Once::new(),
        }
    }

    fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            if bar.elapsed() >= Duration::from_secs(1) {
                self.shown
                    .call_once(|| bar.set_draw_target(ProgressDrawTarget::stderr()));
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn extract(paths: &[String], rule_dirs: &[PathBuf]) -> u8 {
    let Some(engine) = engine(rule_dirs) else {
        return TROUBLE;
    };
    let corpus = ingest::load(paths);
    report_input_errors(&corpus.errors);
    for doc in &corpus.documents {
        print(&report::mentions::render(doc, &engine.mentions(doc)));
    }
    if corpus.errors.is_empty() {
        OK
    } else {
        TROUBLE
    }
}

fn list_rules(rule_dirs: &[PathBuf]) -> u8 {
    let Some(engine) = engine(rule_dirs) else {
        return TROUBLE;
    };
    let mut out = String::new();
    let rules = engine.rules();
    let mut all: Vec<(&claimcheck::rules::Rule, &str)> = rules
        .rules
        .iter()
        .map(|r| (r, "on"))
        .chain(rules.off.iter().map(|r| (r, "off")))
        .collect();
    all.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    for (rule, state) in all {
        out.push_str(&format!(
            "{:<14} {:<9} {:<8} {:<4} {}\n",
            rule.id,
            rule.kind.as_str(),
            rule.severity.as_str(),
            state,
            rule.title
        ));
    }
    print(&out);
    OK
}

fn explain(id: &str, rule_dirs: &[PathBuf]) -> u8 {
    let Some(engine) = engine(rule_dirs) else {
        return TROUBLE;
    };
    let Some(rule) = engine.rules().rule(id) else {
        let ids: Vec<&str> = engine.rules().rules.iter().map(|r| r.id.as_str()).collect();
        eprintln!("error: no rule `{id}`; the rules are: {}", ids.join(", "));
        return TROUBLE;
    };
    print(&report::explain::render(rule));
    OK
}

fn test_rules(dir: Option<&Path>, verbose: bool) -> u8 {
    let dirs: Vec<PathBuf> = dir.into_iter().map(Path::to_path_buf).collect();
    // Every rule is tested, including those that are off by default.
    let engine = RuleSet::with_dirs(&dirs).and_then(|mut rules| {
        rules.enable_all();
        Engine::new(rules)
    });
    let engine = match engine {
        Ok(engine) => engine,
        Err(err) => {
            eprintln!("error: {err}");
            return TROUBLE;
        }
    };
    // With a folder, its rules; the embedded ones are tested by claimcheck's own CI.
    let prefix = dir.map(|d| format!("{}/", d.display()));
    let mut failed = 0;
    let mut total = 0;
    let mut out = String::new();
    for rule in &engine.rules().rules {
        if prefix.as_ref().is_some_and(|p| !rule.path.starts_with(p.as_str())) {
            continue;
        }
        for result in selftest::run(&engine, rule) {
            total += 1;
            if !result.passed() {
                failed += 1;
                out.push_str(&format!("FAIL {}\n", result.describe()));
            } else if verbose {
                out.push_str(&format!("ok   {}\n", result.describe()));
            }
        }
    }
    out.push_str(&format!("{} passed, {failed} failed\n", total - failed));
    print(&out);
    if failed == 0 {
        OK
    } else {
        CONFLICTS
    }
}

/// Writes to stdout; a closed pipe (`claimcheck … | head`) is not an error.
fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
}
