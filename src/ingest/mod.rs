//! Ingest: paths in, [`Document`]s out.
//!
//! A path is a file, a folder (read recursively in sorted order, hidden
//! entries skipped, only article files taken) or `-` for JSON Lines on
//! standard input. Markdown and text files may carry YAML front matter; JSON
//! Lines files hold one article a line. Whatever cannot be read becomes an
//! [`InputError`] with its path and line, and the rest is still read.

mod dateline;
mod jsonl;
mod published;
mod text;

pub use dateline::dateline;
pub use jsonl::Record;

use std::io::BufReader;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::InputError;
use crate::span::{LineCol, LineIndex, Span};

/// File extensions read as articles when walking a folder.
const TEXT_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "text"];
/// File extensions read as JSON Lines.
const JSONL_EXTENSIONS: &[&str] = &["jsonl", "ndjson"];

/// What is known about an article besides its text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// Headline.
    pub title: Option<String>,
    /// Outlet name or host.
    pub source: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// Publication date; relative dates are resolved against it.
    pub published: Option<NaiveDate>,
    /// Byline.
    pub author: Option<String>,
    /// Story the article belongs to, for grouping in reports.
    pub story: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Rules silenced for the whole article (front matter
    /// `claimcheck-ignore`, JSON Lines field `claimcheck_ignore`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
}

/// One article.
#[derive(Clone, Debug)]
pub struct Document {
    /// The document's id: the path as given for files, the record's id for
    /// JSON Lines.
    pub id: String,
    /// The file it came from (`-` for standard input).
    pub path: String,
    /// For JSON Lines, the 1-based line of the record.
    pub record_line: Option<usize>,
    /// The whole text: a file's contents, or a record's text value. Offsets
    /// everywhere are bytes into this.
    pub text: String,
    /// Where the article body is (after any front matter).
    pub body: Span,
    /// Metadata.
    pub meta: Metadata,
    lines: LineIndex,
}

impl Document {
    pub(crate) fn new(
        id: String,
        path: String,
        record_line: Option<usize>,
        text: String,
        body: Span,
        meta: Metadata,
    ) -> Self {
        let lines = LineIndex::new(&text);
        Document {
            id,
            path,
            record_line,
            text,
            body,
            meta,
            lines,
        }
    }

    /// An in-memory document, for rule examples and tests.
    pub fn from_text(id: &str, text: &str, published: Option<NaiveDate>) -> Self {
        let meta = Metadata {
            published,
            ..Metadata::default()
        };
        Document::new(id.into(), id.into(), None, text.into(), Span::new(0, text.len()), meta)
    }

    /// The article body.
    pub fn body(&self) -> &str {
        self.body.slice(&self.text)
    }

    /// Line and column of a byte offset into [`Document::text`].
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.lines.line_col(&self.text, offset)
    }
}

/// The documents read from some paths, and what could not be read.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Documents in input order.
    pub documents: Vec<Document>,
    /// Inputs that could not be read, in whole or in part.
    pub errors: Vec<InputError>,
}

/// Where ingest puts what it reads, one document or error at a time: a
/// [`Corpus`] keeps them all; a streaming checker works through them in
/// batches and keeps only what compare needs.
pub trait Sink {
    /// A document that was read.
    fn document(&mut self, doc: Document);
    /// An input that could not be read, in whole or in part.
    fn error(&mut self, err: InputError);
    /// A JSON Lines record, not yet parsed: a sink that works in parallel
    /// may parse it there. By default it is parsed at once and what it
    /// holds goes to [`Sink::document`] and [`Sink::error`].
    fn record(&mut self, record: Record) {
        let (doc, errors) = record.parse();
        if let Some(doc) = doc {
            self.document(doc);
        }
        for err in errors {
            self.error(err);
        }
    }
}

impl Sink for Corpus {
    fn document(&mut self, doc: Document) {
        self.documents.push(doc);
    }

    fn error(&mut self, err: InputError) {
        self.errors.push(err);
    }
}

/// Reads every path; `-` reads JSON Lines from standard input.
pub fn load(paths: &[String]) -> Corpus {
    load_skipping(paths, &|_| false)
}

/// Reads every path, leaving out the files found in folders for which
/// `skip` is true (a file named on the command line is always read).
pub fn load_skipping(paths: &[String], skip: &dyn Fn(&Path) -> bool) -> Corpus {
    let mut corpus = Corpus::default();
    stream(paths, skip, &mut corpus);
    corpus
}

/// Reads every path into `sink`, document by document, in the order
/// [`load`] gives; a JSON Lines file is read a line at a time.
pub fn stream(paths: &[String], skip: &dyn Fn(&Path) -> bool, sink: &mut dyn Sink) {
    for path in paths {
        if path == "-" {
            let stdin = std::io::stdin();
            jsonl::read("-", stdin.lock(), sink);
        } else {
            load_path(path, Path::new(path), true, skip, sink);
        }
    }
}

/// Reads JSON Lines from a reader, as a `.jsonl` file would be read.
pub fn read_jsonl(path: &str, reader: impl std::io::BufRead) -> Corpus {
    let mut corpus = Corpus::default();
    jsonl::read(path, reader, &mut corpus);
    corpus
}

/// Reads one Markdown or text article from its text, as a file would be.
pub fn read_text(path: &str, text: String) -> (Document, Vec<InputError>) {
    text::read(path, text)
}

fn load_path(shown: &str, path: &Path, explicit: bool, skip: &dyn Fn(&Path) -> bool, sink: &mut dyn Sink) {
    if !explicit && skip(path) {
        return;
    }
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) => return sink.error(InputError::new(shown, None, io_message(&err))),
    };
    if meta.is_dir() {
        let entries = match std::fs::read_dir(path).and_then(|d| d.collect::<Result<Vec<_>, _>>()) {
            Ok(entries) => entries,
            Err(err) => return sink.error(InputError::new(shown, None, io_message(&err))),
        };
        let mut names: Vec<String> = entries
            .iter()
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .filter(|n| !n.starts_with('.'))
            .collect();
        names.sort();
        for name in names {
            let child = format!("{}/{name}", shown.trim_end_matches('/'));
            load_path(&child, &path.join(&name), false, skip, sink);
        }
        return;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if JSONL_EXTENSIONS.contains(&ext.as_str()) {
        match std::fs::File::open(path) {
            Ok(file) => jsonl::read(shown, BufReader::with_capacity(1 << 16, file), sink),
            Err(err) => sink.error(InputError::new(shown, None, io_message(&err))),
        }
    } else if explicit || TEXT_EXTENSIONS.contains(&ext.as_str()) {
        match read_text_file(shown, path) {
            Ok(text) => {
                let (doc, errors) = text::read(shown, text);
                sink.document(doc);
                for err in errors {
                    sink.error(err);
                }
            }
            Err(err) => sink.error(err),
        }
    }
}

fn read_text_file(shown: &str, path: &Path) -> Result<String, InputError> {
    let bytes = std::fs::read(path).map_err(|e| InputError::new(shown, None, io_message(&e)))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::new(shown, None, "empty file: no article text"));
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..nul].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(InputError::new(
            shown,
            Some(line),
            "binary file (a NUL byte on this line): not an article",
        ));
    }
    String::from_utf8(bytes).map_err(|err| {
        let at = err.utf8_error().valid_up_to();
        let line = err.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        InputError::new(shown, Some(line), format!("not valid UTF-8 (byte {at})"))
    })
}

fn io_message(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot read: {err}"),
    }
}
