//! JSON Lines corpora: one article a line, with the field names that common
//! news crawls use. A malformed line is reported with its line number and
//! skipped; the lines after it are still read.

use std::io::BufRead;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::dateline::dateline;
use super::published::parse_published;
use super::text::{host_of, url_date};
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
    let Parsed(fields) = serde_json::from_str(json).map_err(|e| format!("malformed JSON: {e}"))?;
    let mut fields = fields.ok_or("a record must be a JSON object")?;
    // The text is moved out of the record, not copied: it is most of it.
    let text = TEXT_FIELDS
        .iter()
        .find(|name| fields.get(name).is_some_and(Value::is_string))
        .and_then(|name| match fields.take(name) {
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
        .find_map(|f| match fields.get(f) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        })
        .unwrap_or_else(|| format!("{path}:{line}"));
    let url = fields.first_string(&["url"]).map(str::to_string);
    let published = match fields.first_string(DATE_FIELDS) {
        Some(date) => parse_published(date)
            .map_err(|m| errors.push(InputError::new(path, Some(line), format!("record `{id}`: {m}"))))
            .ok(),
        // A record without a date is dated as a text file is: by the date
        // its link carries, else by its dateline.
        None => url.as_deref().and_then(url_date).or_else(|| dateline(&text)),
    };
    let meta = Metadata {
        title: fields.first_string(&["title"]).map(str::to_string),
        source: fields
            .first_string(SOURCE_FIELDS)
            .map(str::to_string)
            .or_else(|| url.as_deref().and_then(host_of)),
        url,
        published,
        author: fields.first_string(&["author"]).map(str::to_string),
        story: fields.first_string(&["story"]).map(str::to_string),
        language: fields.first_string(&["language"]).map(str::to_string),
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

/// Every field name that ingest reads.
const READ: &[&str] = &[
    "id",
    "doc_id",
    "text",
    "body",
    "content",
    "maintext",
    "published",
    "date",
    "date_publish",
    "dct",
    "source",
    "source_domain",
    "url",
    "title",
    "author",
    "story",
    "language",
    "claimcheck_ignore",
    "claimcheck-ignore",
];

/// A line's JSON: the fields of an object, or `None` for any other value.
struct Parsed(Option<Known>);

/// The fields of a record that ingest reads, each holding the last value
/// the record gives it, as a JSON object does. Every other field is
/// checked to be JSON but not built: crawls carry annotations and markup
/// many times larger than the fields read.
#[derive(Default)]
struct Known([Option<Value>; READ.len()]);

impl Known {
    fn get(&self, name: &str) -> Option<&Value> {
        read_slot(name).and_then(|i| self.0[i].as_ref())
    }

    fn take(&mut self, name: &str) -> Option<Value> {
        read_slot(name).and_then(|i| self.0[i].take())
    }

    fn first_string(&self, names: &[&str]) -> Option<&str> {
        names.iter().find_map(|n| self.get(n).and_then(Value::as_str))
    }
}

impl<'de> Deserialize<'de> for Parsed {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RecordVisitor)
    }
}

/// Reads an object's fields into [`Known`], and any other JSON value as
/// no record, so that the caller can say what a record must be.
struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Parsed;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parsed, A::Error> {
        let mut known = Known::default();
        while let Some(FieldName(slot)) = map.next_key()? {
            match slot {
                Some(i) => known.0[i] = Some(map.next_value()?),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Parsed(Some(known)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Parsed, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Parsed(None))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Parsed, E> {
        Ok(Parsed(None))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Parsed, E> {
        Ok(Parsed(None))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Parsed, E> {
        Ok(Parsed(None))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Parsed, E> {
        Ok(Parsed(None))
    }

    fn visit_str<E>(self, _: &str) -> Result<Parsed, E> {
        Ok(Parsed(None))
    }

    fn visit_unit<E>(self) -> Result<Parsed, E> {
        Ok(Parsed(None))
    }
}

/// A field's name, as its place in [`READ`], or `None` for a field not read.
struct FieldName(Option<usize>);

impl<'de> Deserialize<'de> for FieldName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(FieldNameVisitor)
    }
}

struct FieldNameVisitor;

impl<'de> Visitor<'de> for FieldNameVisitor {
    type Value = FieldName;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E>(self, name: &str) -> Result<FieldName, E> {
        Ok(FieldName(READ.iter().position(|n| *n == name)))
    }
}

/// The place of a name that ingest looks up in [`READ`]. A name looked up
/// but missing there would read as absent from every record, so the tests
/// (which look every name up, in records that lack it) stop on it.
fn read_slot(name: &str) -> Option<usize> {
    let slot = READ.iter().position(|n| *n == name);
    debug_assert!(slot.is_some(), "`{name}` is read but not listed in READ");
    slot
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_without_a_date_is_dated_by_its_link_else_its_dateline_but_a_bad_date_is_not_replaced() {
        let input = concat!(
            r#"{"id": "link", "text": "Headline\nMay 2, 2013\nBody.", "url": "https://example.com/2013/05/03/story"}"#,
            "\n",
            r#"{"id": "dateline", "text": "Headline\nPosted: May 2, 2013 5: 03pm EDT\nBody."}"#,
            "\n",
            r#"{"id": "lede", "text": "Headline\nShe checked in on May 2, 2013.\nBody."}"#,
            "\n",
            r#"{"id": "bad", "text": "Headline\nMay 2, 2013\nBody.", "published": "soon"}"#,
            "\n",
        );
        let mut corpus = crate::Corpus::default();
        read("c.jsonl", input.as_bytes(), &mut corpus);
        let published: Vec<Option<String>> = corpus
            .documents
            .iter()
            .map(|d| d.meta.published.map(|p| p.to_string()))
            .collect();
        assert_eq!(
            published,
            [
                Some("2013-05-03".to_string()),
                Some("2013-05-02".to_string()),
                None,
                None
            ]
        );
        assert_eq!(corpus.errors.len(), 1, "{:?}", corpus.errors);
        assert_eq!(corpus.errors[0].line, Some(4));
    }

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
    fn a_field_given_twice_counts_once_as_last_given_and_fields_not_read_are_only_checked() {
        let input = concat!(
            r#"{"text": "First.", "id": "a", "text": 5, "body": "Second.", "notes": {"deep": [[[1, {"x": null}]]]}}"#,
            "\n",
            r#"{"id": "b", "text": "Kept.", "id": "c", "mentions": [{"span": [0, 4], "value": "2025"}]}"#,
            "\n",
            r#"{"id": "d", "text": "Gone.", "notes": [1, 2,]}"#,
            "\n",
            "[1, 2]\n\"text\"\n",
        );
        let mut corpus = crate::Corpus::default();
        read("c.jsonl", input.as_bytes(), &mut corpus);
        let read: Vec<(&str, &str)> = corpus
            .documents
            .iter()
            .map(|d| (d.id.as_str(), d.text.as_str()))
            .collect();
        assert_eq!(read, [("a", "Second."), ("c", "Kept.")]);
        let errors: Vec<(Option<usize>, &str)> = corpus.errors.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert_eq!(errors[0].0, Some(3));
        assert!(errors[0].1.starts_with("malformed JSON"), "{}", errors[0].1);
        assert_eq!(errors[1], (Some(4), "a record must be a JSON object"));
        assert_eq!(errors[2], (Some(5), "a record must be a JSON object"));
    }

    #[test]
    fn jsonl_record_without_text_names_the_fields_it_looked_for() {
        let mut corpus = crate::Corpus::default();
        read("c.jsonl", &b"{\"id\": \"x\"}\n"[..], &mut corpus);
        assert!(corpus.documents.is_empty());
        assert!(corpus.errors[0].message.contains("text, body, content, maintext"));
    }
}
