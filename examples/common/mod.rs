//! What the evaluation and benchmark commands share: error handling, flag
//! values and input articles. Each command uses only part of it.
#![allow(dead_code)]

use std::process::ExitCode;

use chrono::NaiveDate;
use claimcheck::Document;
use serde::Deserialize;

pub mod timeml;

pub type Error = Box<dyn std::error::Error>;

/// The allocator of the `claimcheck` binary, so that timings are those users get.
#[global_allocator]
static ALLOCATOR: claimcheck::alloc::Mimalloc = claimcheck::alloc::Mimalloc;

/// The exit code of a command's run; an error is printed after the command's name.
pub fn exit(name: &str, result: Result<(), Error>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{name}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The words with their first month name moved to the next month, for
/// the mutation checks; `None` when they name no month.
pub fn next_month(words: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (i, month) = MONTHS.iter().enumerate().find(|(_, m)| words.contains(*m))?;
    Some(words.replacen(month, MONTHS[(i + 1) % 12], 1))
}

/// The number following `flag`.
pub fn number(flag: &str, value: Option<String>, usage: &str) -> Result<usize, Error> {
    let value = value.ok_or_else(|| format!("{flag} needs a number\n{usage}"))?;
    Ok(value
        .parse()
        .map_err(|_| format!("{flag}: not a number: {value}\n{usage}"))?)
}

/// The article of one input record; other fields are left to the command.
#[derive(Deserialize)]
pub struct Article {
    pub doc_id: String,
    #[serde(default)]
    pub dct: Option<String>,
    pub text: String,
}

impl Article {
    /// The article as a document, dated by the date part of `dct` if it is
    /// one; without `dct`, by its dateline, as `claimcheck` dates a record.
    pub fn document(&self) -> Document {
        let published = match &self.dct {
            Some(dct) => dct.get(..10).and_then(|d| d.parse::<NaiveDate>().ok()),
            None => claimcheck::ingest::dateline(&self.text),
        };
        Document::from_text(&self.doc_id, &self.text, published)
    }
}
