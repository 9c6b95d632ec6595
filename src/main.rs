//! The `claimcheck` binary: parses flags, runs the library, prints, and picks
//! the exit code.

mod cli;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use claimcheck::report;
use claimcheck::rules::{RuleSet, Severity};
use claimcheck::{ingest, Engine, InputError};
use cli::{CheckFormat, Cli, Command, FailOn};

/// No conflict at error severity.
const OK: u8 = 0;
/// At least one conflict at error severity.
const CONFLICTS: u8 = 1;
/// Bad usage or rules, or input that could not be read.
const TROUBLE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(match cli.command {
        Command::Check {
            paths,
            format,
            rule_dirs,
            quiet,
            fail_on,
        } => check(&paths, format, &rule_dirs, quiet, fail_on),
        Command::Extract { paths, rule_dirs, .. } => extract(&paths, &rule_dirs),
        Command::Rules { rule_dirs } => list_rules(&rule_dirs),
    })
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

fn check(paths: &[String], format: CheckFormat, rule_dirs: &[PathBuf], quiet: bool, fail_on: FailOn) -> u8 {
    let Some(engine) = engine(rule_dirs) else {
        return TROUBLE;
    };
    let outcome = engine.check(ingest::load(paths));
    report_input_errors(&outcome.errors);
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
    for rule in &engine.rules().rules {
        out.push_str(&format!(
            "{:<12} {:<9} {:<8} {}\n",
            rule.id,
            rule.kind.as_str(),
            rule.severity.as_str(),
            rule.title
        ));
    }
    print(&out);
    OK
}

/// Writes to stdout; a closed pipe (`claimcheck … | head`) is not an error.
fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
}
