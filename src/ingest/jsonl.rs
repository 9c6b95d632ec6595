//! JSON Lines corpora: one article a line, with the field names that common
//! news crawls use. A malformed line is reported with its line number and
//! skipped; the lines after it are still read.

use std::io::BufRead;

use serde_json::{Map, Value};

use super::published::parse_published;
use super::text::host_of;
use super::{Document, Metadata};
use crate::error::InputError;
use crate::span::Span;

const ID_FIELDS: &[&str] = &["id", "doc_id"];
const TEXT_FIELDS: &[&str] = &["text", "body", "content", "maintext"];
const DATE_FIELDS: &[&str] = &["published", "date", "date_publish", "dct"];
const SOURCE_FIELDS: &[&str] = &["source", "source_domain"];

/// Reads every record of a JSON Lines stream. `path` names the stream in
/// messages and in documents that have no id of their own. Each line goes
/// to the sink unparsed (see [`Record`]).
pub(crate) fn read(path: &str, mut reader: impl BufRead, sink: &mut dyn super::Sink) {
    let mut line = Vec::new();
    for number in 1.. {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => return,
            Ok(_) => {
                let end = line.len() - usize::from(line.ends_with(b"\n"));
                if line[..end].trim_ascii().is_empty() {
                    continue;
                }
                sink.record(Record {
                    path: path.to_string(),
                    line: number,
                    bytes: take_line(&mut line, end),
                });
            }
            Err(err) => {
                sink.error(InputError::new(path, Some(number), format!("cannot read: {err}")));
                return;
            }
        }
    }
}

/// The first `end` bytes of the line in `buffer`. One buffer reads every
/// line, and a line is copied out at its length: read into a vector of
/// its own, it would grow it, copying, several times. A line longer than
/// [`COPIED`] is handed over with the buffer instead, so that memory
/// never holds two copies of it.
fn take_line(buffer: &mut Vec<u8>, end: usize) -> Vec<u8> {
    if end > COPIED {
        buffer.truncate(end);
        return std::mem::take(buffer);
    }
    buffer[..end].to_vec()
}

/// The longest line copied out of the reading buffer: see [`take_line`].
const COPIED: usize = 1 << 20;

/// One line of a JSON Lines stream, read but not yet parsed. Parsing (UTF-8,
/// JSON, the line index of the text) costs many times what reading the line
/// does, so a sink that extracts documents in parallel parses records there
/// rather than on the one thread that reads.
#[derive(Debug)]
pub struct Record {
    path: String,
    line: usize,
    bytes: Vec<u8>,
}

impl Record {
    /// The length of the line in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the line is empty (ingest passes on no such line).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The document the line holds, if it holds one, and the problems met
    /// reading it, with the stream's path and the line's number.
    pub fn parse(self) -> (Option<Document>, Vec<InputError>) {
        let Record { path, line, bytes } = self;
        let Ok(json) = String::from_utf8(bytes) else {
            return (
                None,
                vec![InputError::new(&path, Some(line), "line is not valid UTF-8")],
            );
        };
        let json = json.trim();
        if json.is_empty() {
            return (None, Vec::new());
        }
        let mut problems = Vec::new();
        match record(&path, line, json, &mut problems) {
            Ok((id, text, meta)) => {
                let body = Span::new(0, text.len());
                (Some(Document::new(id, path, Some(line), text, body, meta)), problems)
            }
            Err(message) => {
                problems.insert(0, InputError::new(&path, Some(line), message));
                (None, problems)
            }
        }
    }
}

/// A record's id, text and metadata.
type Fields = (String, String, Metadata);

fn record(path: &str, line: usize, json: &str, errors: &mut Vec<InputError>) -> Result<Fields, String> {
    let value: Value = serde_json::from_str(json).map_err(|e| format!("malformed JSON: {e}"))?;
    let Value::Object(mut fields) = value else {
        return Err("a record must be a JSON object".into());
    };
    // The text is moved out of the record, not copied: it is most of it.
    let text = TEXT_FIELDS
        .iter()
        .find(|name| fields.get(**name).is_some_and(Value::is_string))
        .and_then(|name| match fields.remove(*name) {
            Some(Value::String(text)) => Some(text),
            _ => None,
        })
        .ok_or_else(|| {
            format!(
                "record has no text; expected one of the fields {}",
                TEXT_FIELDS.join(", ")
            )
        })?;
    let id = ID_FIELDS
        .iter()
        .find_map(|f| match fields.get(*f) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        })
        .unwrap_or_else(|| format!("{path}:{line}"));
    let published = first_string(&fields, DATE_FIELDS).and_then(|date| {
        parse_published(date)
            .map_err(|m| errors.push(InputError::new(path, Some(line), format!("record `{id}`: {m}"))))
            .ok()
    });
    let url = first_string(&fields, &["url"]).map(str::to_string);
    let meta = Metadata {
        title: first_string(&fields, &["title"]).map(str::to_string),
        source: first_string(&fields, SOURCE_FIELDS)
            .map(str::to_string)
            .or_else(|| url.as_deref().and_then(host_of)),
        url,
        published,
        author: first_string(&fields, &["author"]).map(str::to_string),
        story: first_string(&fields, &["story"]).map(str::to_string),
        language: first_string(&fields, &["language"]).map(str::to_string),
        ignore: fields
            .get("claimcheck_ignore")
            .or_else(|| fields.get("claimcheck-ignore"))
            .map(|v| match v {
                Value::String(s) => vec![s.clone()],
                Value::Array(list) => list.iter().filter_map(Value::as_str).map(str::to_string).collect(),
                _ => Vec::new(),
            })
            .unwrap_or_default(),
    };
    Ok((id, text, meta))
}

fn first_string<'a>(fields: &'a Map<String, Value>, names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|n| fields.get(*n).and_then(Value::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_maps_crawl_field_names_and_skips_a_bad_line() {
        let input = concat!(
            r#"{"doc_id": "a", "maintext": "First.", "date_publish": "2019-01-01 12:00:00", "source_domain": "example.com"}"#,
            "\n",
            "{not json\n",
            "\n",
            r#"{"id": 7, "text": "Third.", "url": "https://www.example.org/x"}"#,
            "\n",
        );
        let mut corpus = crate::Corpus::default();
        read("c.jsonl", input.as_bytes(), &mut corpus);
        let (docs, errors) = (corpus.documents, corpus.errors);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "a");
        assert_eq!(
            docs[0].meta.published.map(|d| d.to_string()).as_deref(),
            Some("2019-01-01")
        );
        assert_eq!(docs[0].meta.source.as_deref(), Some("example.com"));
        assert_eq!(docs[1].id, "7");
        assert_eq!(docs[1].record_line, Some(4));
        assert_eq!(docs[1].meta.source.as_deref(), Some("example.org"));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(2));
        assert!(errors[0].message.starts_with("malformed JSON"), "{}", errors[0].message);
    }

    #[test]
    fn lines_longer_than_those_copied_are_read_whole_and_so_are_the_lines_after_them() {
        let long = "word ".repeat(COPIED / 4);
        let input = format!(
            "{{\"id\": \"a\", \"text\": \"Short.\"}}\n\n{{\"id\": \"b\", \"text\": \"{long}\"}}\n  \n{{\"id\": \"c\", \"text\": \"End.\"}}"
        );
        let mut corpus = crate::Corpus::default();
        read("c.jsonl", input.as_bytes(), &mut corpus);
        assert!(corpus.errors.is_empty(), "{:?}", corpus.errors);
        let read: Vec<(&str, usize, Option<usize>)> = corpus
            .documents
            .iter()
            .map(|d| (d.id.as_str(), d.text.len(), d.record_line))
            .collect();
        assert_eq!(read, [("a", 6, Some(1)), ("b", long.len(), Some(3)), ("c", 4, Some(5))]);
    }

    #[test]
    fn jsonl_record_without_text_names_the_fields_it_looked_for() {
        let mut corpus = crate::Corpus::default();
        read("c.jsonl", &b"{\"id\": \"x\"}\n"[..], &mut corpus);
        assert!(corpus.documents.is_empty());
        assert!(corpus.errors[0].message.contains("text, body, content, maintext"));
    }
}
