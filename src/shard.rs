//! Shards: the data between the extract (map) and compare (reduce) stages,
//! as versioned JSON Lines, so that an engine such as Spark can run
//! `claimcheck extract --claims` over parts of a corpus and `claimcheck
//! compare` over all the parts.
//!
//! A shard is one header line and then, in any order, one line per item:
//!
//! ```text
//! {"type":"header","format":"claimcheck-claims","version":2}
//! {"type":"document","id":…,"path":…,"record_line":…,"suppressions":[…]}
//! {"type":"claim","key":…,"rule":…,"subject":[…],"slot":…,"qualifier":…,"value":{…},"evidence":{…}}
//! {"type":"record","rule":…,"doc":…,"keys":[…],"shingles":[…],"gist":…,"facts":[…],"anchors":[…],"numbers":[…]}
//! {"type":"error","path":…,"line":…,"message":…}
//! ```
//!
//! A claim's `key` joins what claims are grouped by (rule, subject, slot,
//! qualifier); a record's `keys` are its MinHash band keys, and two records
//! are compared when they share one. Hashes are 16-digit hex strings.
//! README.md documents every field. Compare sorts what it reads, so the
//! order of shards and of their lines does not change its output.

use std::collections::HashMap;
use std::io::BufRead;

use serde::{Deserialize, Serialize};

use crate::claims::Claim;
use crate::compare::rewrite::Record;
use crate::error::InputError;
use crate::suppress::Suppression;

/// The shard format's name, in its header.
pub const FORMAT: &str = "claimcheck-claims";
/// The shard format's version; bumped when a field changes meaning or goes away.
pub const VERSION: u32 = 2;

/// What the compare stage needs to know of a document besides its claims.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// The document's id.
    pub id: String,
    /// The file it came from.
    pub path: String,
    /// For JSON Lines, the record's line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_line: Option<usize>,
    /// Its inline suppressions.
    #[serde(default)]
    pub suppressions: Vec<Suppression>,
}

/// What the extract stage gives for one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Extracted {
    /// The document.
    pub document: DocumentInfo,
    /// Its claims.
    pub claims: Vec<Claim>,
    /// Its sentence records for the `rewrite` rules.
    pub records: Vec<Record>,
}

/// One line of a shard, as read.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Line {
    Header { format: String, version: u32 },
    Document(DocumentInfo),
    Claim(Box<ClaimLine>),
    Record(Record),
    Error(InputError),
}

#[derive(Serialize, Deserialize)]
struct ClaimLine {
    /// Written for engines that group by it; recomputed when read.
    #[serde(default)]
    key: String,
    #[serde(flatten)]
    claim: Claim,
}

/// The key claims are grouped by, as one string: rule, subject names joined
/// by `+`, slot and qualifier, joined by `|`.
pub fn key(claim: &Claim) -> String {
    format!(
        "{}|{}|{}|{}",
        claim.rule,
        claim.subject.join("+"),
        claim.slot,
        claim.qualifier
    )
}

/// The header line, with its newline.
pub fn header() -> String {
    format!("{{\"type\":\"header\",\"format\":\"{FORMAT}\",\"version\":{VERSION}}}\n")
}

/// The lines of one document's extraction, each with its newline.
pub fn write(extracted: &Extracted) -> String {
    let mut out = String::new();
    let mut line = |kind: &str, value: serde_json::Value| {
        if let serde_json::Value::Object(mut fields) = value {
            let mut tagged = serde_json::Map::new();
            tagged.insert("type".into(), kind.into());
            tagged.append(&mut fields);
            out.push_str(&serde_json::Value::Object(tagged).to_string());
            out.push('\n');
        }
    };
    line("document", to_value(&extracted.document));
    for claim in &extracted.claims {
        line(
            "claim",
            to_value(&ClaimLine {
                key: key(claim),
                claim: claim.clone(),
            }),
        );
    }
    for record in &extracted.records {
        line("record", to_value(record));
    }
    out
}

/// An input error as a shard line, with its newline.
pub fn write_error(error: &InputError) -> String {
    let mut value = to_value(error);
    if let serde_json::Value::Object(fields) = &mut value {
        fields.insert("type".into(), "error".into());
    }
    value.to_string() + "\n"
}

fn to_value(value: &impl Serialize) -> serde_json::Value {
    // These plain structs always serialize; null is the safe fallback.
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// Reads a shard. A line that is not a shard line is an error with the
/// shard's path and line, and the rest is still read. Returns the documents
/// with their claims and records, and the input errors (those the shard
/// carries and those of reading it).
pub fn read(path: &str, reader: impl BufRead) -> (Vec<Extracted>, Vec<InputError>) {
    let mut documents: Vec<Extracted> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut claims = Vec::new();
    let mut records = Vec::new();
    let mut errors = Vec::new();
    let mut seen_header = false;
    for (n, line) in reader.lines().enumerate() {
        let at = Some(n + 1);
        let line = match line {
            Ok(line) => line,
            Err(err) => {
                errors.push(InputError::new(path, at, format!("cannot read: {err}")));
                break;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Line>(&line) {
            Ok(Line::Header { format, version }) => {
                if format != FORMAT || version != VERSION {
                    errors.push(InputError::new(
                        path,
                        at,
                        format!("a {format} version {version} shard; this claimcheck reads {FORMAT} version {VERSION}"),
                    ));
                    return (Vec::new(), errors);
                }
                seen_header = true;
            }
            Ok(_) if !seen_header => {
                errors.push(InputError::new(
                    path,
                    at,
                    "not a claims shard: the header line is missing",
                ));
                return (Vec::new(), errors);
            }
            Ok(Line::Document(info)) => {
                index.insert(info.id.clone(), documents.len());
                documents.push(Extracted {
                    document: info,
                    claims: Vec::new(),
                    records: Vec::new(),
                });
            }
            Ok(Line::Claim(line)) => claims.push(line.claim),
            Ok(Line::Record(record)) => records.push(record),
            Ok(Line::Error(error)) => errors.push(error),
            Err(err) => errors.push(InputError::new(path, at, format!("not a shard line: {err}"))),
        }
    }
    for claim in claims {
        match index.get(claim.evidence.doc()) {
            Some(&i) => documents[i].claims.push(claim),
            None => errors.push(InputError::new(
                path,
                None,
                format!(
                    "a claim of document `{}`, which the shard does not list",
                    claim.evidence.doc()
                ),
            )),
        }
    }
    for record in records {
        match index.get(&*record.doc) {
            Some(&i) => documents[i].records.push(record),
            None => errors.push(InputError::new(
                path,
                None,
                format!("a record of document `{}`, which the shard does not list", record.doc),
            )),
        }
    }
    (documents, errors)
}
