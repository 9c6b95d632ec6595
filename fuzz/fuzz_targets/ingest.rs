//! Front matter, plain text and JSON Lines ingest on arbitrary bytes: no
//! panic, and every error names the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let corpus = claimcheck::ingest::read_jsonl("f.jsonl", data);
    for err in &corpus.errors {
        assert_eq!(err.path, "f.jsonl");
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let (doc, errors) = claimcheck::ingest::read_text("f.md", text.to_string());
        assert!(doc.body.end <= doc.text.len());
        for err in &errors {
            assert_eq!(err.path, "f.md");
        }
        // Every offset maps to a line and column.
        for offset in [0, doc.text.len() / 2, doc.text.len()] {
            if doc.text.is_char_boundary(offset) {
                let _ = doc.line_col(offset);
            }
        }
    }
});
