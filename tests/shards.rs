//! The map/reduce split: `extract --claims` over parts of a corpus and
//! `compare` over all the parts report exactly what `check` reports on the
//! whole corpus, whatever the order of the parts.

// Test helpers fail loudly on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

fn claimcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stories() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "bad")
        .collect();
    names.sort();
    names
}

#[test]
fn compare_over_shards_reports_what_check_reports() {
    let scratch = tempfile::tempdir().unwrap();
    let names = stories();
    assert!(names.len() >= 2);
    for name in names {
        let dir = format!("fixtures/{name}");
        let mut files: Vec<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(&dir))
            .unwrap()
            .map(|e| format!("{dir}/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        files.sort();
        // One shard per article, written by separate runs.
        let mut shards = Vec::new();
        for (i, file) in files.iter().enumerate() {
            let output = claimcheck(&["extract", "--claims", file]);
            assert_eq!(output.status.code(), Some(0), "{file}");
            let shard = scratch.path().join(format!("{name}-{i}.jsonl"));
            std::fs::write(&shard, &output.stdout).unwrap();
            shards.push(shard.to_str().unwrap().to_string());
        }
        shards.reverse();
        for format in ["json", "text", "sarif"] {
            let whole = claimcheck(&["check", "--format", format, &dir]);
            let mut args = vec!["compare", "--format", format];
            args.extend(shards.iter().map(String::as_str));
            let split = claimcheck(&args);
            assert_eq!(
                String::from_utf8_lossy(&split.stdout),
                String::from_utf8_lossy(&whole.stdout),
                "{name}: {format}"
            );
            assert_eq!(split.status.code(), whole.status.code(), "{name}: {format}");
        }
    }
}

#[test]
fn a_shard_carries_input_errors_and_a_bad_shard_line_is_located() {
    let scratch = tempfile::tempdir().unwrap();
    let output = claimcheck(&["extract", "--claims", "fixtures/bad/malformed-json-line/corpus"]);
    assert_eq!(output.status.code(), Some(2));
    let mut text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("{\"type\":\"header\",\"format\":\"claimcheck-claims\",\"version\":2}\n"));
    text.push_str("{\"type\":\"claim\",\"oops\":1}\n");
    let bad_line = text.lines().count();
    let shard = scratch.path().join("s.jsonl");
    std::fs::write(&shard, text).unwrap();
    let compared = claimcheck(&["compare", "--quiet", shard.to_str().unwrap()]);
    assert_eq!(compared.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&compared.stderr);
    assert!(stderr.contains("01-records.jsonl:2: malformed JSON"), "{stderr}");
    assert!(
        stderr.contains(&format!("s.jsonl:{bad_line}: not a shard line")),
        "{stderr}"
    );
    assert!(
        String::from_utf8_lossy(&compared.stdout)
            .starts_with("1 conflict (1 error, 0 warnings) in 3 documents checked, 2 skipped"),
        "{}",
        String::from_utf8_lossy(&compared.stdout)
    );

    let headerless = scratch.path().join("h.jsonl");
    std::fs::write(&headerless, "{\"type\":\"document\",\"id\":\"x\",\"path\":\"x\"}\n").unwrap();
    let rejected = claimcheck(&["compare", headerless.to_str().unwrap()]);
    assert_eq!(rejected.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&rejected.stderr).contains("h.jsonl:1: not a claims shard"));
}
