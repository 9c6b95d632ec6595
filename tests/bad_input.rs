//! The bad-input suite: every folder under `fixtures/bad/` is one kind of bad
//! input (`corpus/`, and `rules/` when the bad part is a rule file). Each
//! must exit 2 with a message naming the file (and the line, where the
//! input has lines), without a panic, and, when the bad part is an article,
//! the rest of the corpus must still be checked. The output of each is
//! pinned by a snapshot. A new case needs a folder and no Rust.

// Test helpers fail loudly on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

fn cases() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bad");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_bad_input_exits_two_with_a_located_message() {
    let names = cases();
    assert!(names.len() >= 12, "{names:?}");
    for name in names {
        let case = format!("fixtures/bad/{name}");
        let mut args = vec!["check".to_string(), format!("{case}/corpus")];
        let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join(&case).join("rules");
        if rules.is_dir() {
            args.extend(["--rules".to_string(), format!("{case}/rules")]);
        }
        let output = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        let error = stderr.lines().find(|l| l.starts_with("error: ")).unwrap_or_default();
        assert!(
            error.contains(&format!("{case}/")),
            "{name}: the message names the file: {stderr}"
        );
        // Whole-file conditions (an empty file) have no line to name.
        if name != "empty-file" {
            let after_path = error
                .split_once(&format!("{case}/"))
                .map(|(_, rest)| rest)
                .unwrap_or("");
            let located = after_path
                .split(':')
                .nth(1)
                .is_some_and(|line| !line.is_empty() && line.chars().all(|c| c.is_ascii_digit()));
            assert!(located, "{name}: the message names the line: {error}");
        }
        if !name.starts_with("rule-") && !name.starts_with("config-") {
            // The good article (and any readable part) is still checked.
            assert!(
                stdout.contains(" documents checked") || stdout.contains(" document checked"),
                "{name}: {stdout}"
            );
            assert!(!stdout.contains(" in 0 documents"), "{name}: {stdout}");
        }
        insta::assert_snapshot!(
            format!("bad_{name}"),
            format!(
                "exit: {:?}\n--- stdout\n{stdout}--- stderr\n{stderr}",
                output.status.code()
            )
        );
    }
}
