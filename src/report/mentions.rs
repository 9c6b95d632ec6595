//! `extract --format jsonl`: one JSON object per mention, one per line:
//! `doc`, `kind`, `start`, `end`, `text`, `value` and, for dates and
//! durations, `timex`.

use serde::Serialize;

use crate::extract::{Mention, Value};
use crate::ingest::Document;

#[derive(Serialize)]
struct Record<'a> {
    doc: &'a str,
    kind: &'static str,
    start: usize,
    end: usize,
    text: &'a str,
    value: &'a Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    timex: Option<&'a str>,
}

/// The JSON Lines records of a document's mentions, each line ending in `\n`.
pub fn render(doc: &Document, mentions: &[Mention]) -> String {
    let mut out = String::new();
    for m in mentions {
        let record = Record {
            doc: &doc.id,
            kind: m.kind(),
            start: m.span.start,
            end: m.span.end,
            text: m.span.slice(&doc.text),
            value: &m.value,
            timex: m.timex(),
        };
        if let Ok(line) = serde_json::to_string(&record) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}
