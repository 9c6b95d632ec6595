//! `claimcheck extract`: the mention contract other tools rely on.

// Test helpers fail loudly on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn extract(path: &str) -> (Option<i32>, Vec<serde_json::Value>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["extract", "--format", "jsonl", path])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let records = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    (output.status.code(), records, text)
}

#[test]
fn plain_text_copy_lists_dates_with_timex_and_money() {
    let path = "fixtures/meta-scale-ai/02-aggregator-copy.txt";
    let (code, records, text) = extract(path);
    assert_eq!(code, Some(0));
    insta::assert_snapshot!(text);
    let file = std::fs::read_to_string(path).unwrap();
    let mut timexes = Vec::new();
    for r in &records {
        assert_eq!(r["doc"], path);
        let (start, end) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &file[start..end],
            r["text"].as_str().unwrap(),
            "offsets are bytes into the file"
        );
        if let Some(t) = r["timex"].as_str() {
            timexes.push((
                r["kind"].as_str().unwrap().to_string(),
                r["text"].as_str().unwrap().to_string(),
                t.to_string(),
            ));
        }
    }
    let expected = [
        ("duration", "barely two months", "P2M"),
        ("date", "now", "PRESENT_REF"),
        ("date", "June 2024", "2024-06"),
        ("date", "recently", "PAST_REF"),
        ("date", "June 2024", "2024-06"),
        ("date", "now", "PRESENT_REF"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(timexes, expected);
    let money: Vec<&serde_json::Value> = records.iter().filter(|r| r["kind"] == "money").collect();
    assert_eq!(money.len(), 2);
    assert!(money
        .iter()
        .all(|m| m["value"]["currency"] == "USD" && m["value"]["amount"] == 14.3e9));
}

#[test]
fn json_lines_offsets_index_the_record_text() {
    let (_, records, _) = extract("fixtures/meta-scale-ai/04-briefings.jsonl");
    let line = std::fs::read_to_string("fixtures/meta-scale-ai/04-briefings.jsonl").unwrap();
    let record: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    let text = record["text"].as_str().unwrap();
    assert!(!records.is_empty());
    for r in &records {
        assert_eq!(r["doc"], "morning-briefing-0901");
        let (start, end) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], r["text"].as_str().unwrap());
    }
    assert!(records
        .iter()
        .any(|r| r["timex"] == "2025-06" && r["value"]["mod"] == "MID"));
}
