//! `claimcheck check` over the fixture corpora: every folder under
//! `fixtures/` (except `bad/`) is one story whose terminal and JSON output are
//! pinned by snapshots, so a new case needs a folder and no Rust.

// Test helpers fail loudly on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

fn claimcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stories() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"))
        .expect("fixtures/ exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "bad")
        .collect();
    names.sort();
    names
}

#[test]
fn every_story_output_is_pinned() {
    let names = stories();
    assert!(names.contains(&"meta-scale-ai".to_string()));
    for name in names {
        let dir = format!("fixtures/{name}");
        let text = claimcheck(&["check", &dir]);
        insta::assert_snapshot!(format!("check_text_{name}"), stdout(&text));
        let json = claimcheck(&["check", "--format", "json", &dir]);
        insta::assert_snapshot!(format!("check_json_{name}"), stdout(&json));
        for format in ["sarif", "github", "markdown"] {
            let out = claimcheck(&["check", "--format", format, &dir]);
            insta::assert_snapshot!(format!("check_{format}_{name}"), stdout(&out));
            assert_eq!(
                out.status.code(),
                json.status.code(),
                "{name}: {format} agrees on the exit code"
            );
        }
        assert_eq!(
            text.status.code(),
            json.status.code(),
            "{name}: both formats agree on the exit code"
        );
        let html = claimcheck(&["report", "-o", "-", &dir]);
        assert_eq!(html.status.code(), Some(0), "{name}: a written report exits 0");
        // The page's content; the inlined style sheet and script are code.
        let page = stdout(&html);
        let body = page.split_once("<body>").map(|(_, b)| b).unwrap_or_default();
        let body = body.split_once("<script>").map(|(b, _)| b).unwrap_or_default();
        insta::assert_snapshot!(format!("report_html_{name}"), body);
    }
}

#[test]
fn seed_case_gives_exactly_its_two_conflicts() {
    let output = claimcheck(&["check", "--format", "json", "fixtures/meta-scale-ai"]);
    assert_eq!(output.status.code(), Some(1), "conflicts at error severity exit 1");
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(report["version"], 2);
    assert_eq!(report["documents"], 4);
    assert_eq!(report["errors"].as_array().map(Vec::len), Some(0));
    let conflicts = report["conflicts"].as_array().expect("conflicts");
    let rules: Vec<&str> = conflicts.iter().filter_map(|c| c["rule"].as_str()).collect();
    assert_eq!(rules, ["investment", "timeline"]);

    let across = &conflicts[0];
    assert_eq!(across["claim"]["key"], serde_json::json!(["Meta", "Scale AI"]));
    assert_eq!(across["claim"]["slot"], "date");
    let values: Vec<&str> = across["sides"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["value"].as_str())
        .collect();
    assert_eq!(values, ["2025-06", "2024-06"]);
    assert_eq!(across["best"], "2025-06");
    let docs = |side: &serde_json::Value| -> Vec<String> {
        side["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["doc"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        docs(&across["sides"][0]),
        ["fixtures/meta-scale-ai/01-tech-ledger.md", "morning-briefing-0901"]
    );
    assert!(docs(&across["sides"][1])
        .iter()
        .all(|d| d == "fixtures/meta-scale-ai/02-aggregator-copy.txt"));

    // The copy contradicts itself: June 2024 against two months before its date.
    let within = &conflicts[1];
    let evidence: Vec<&str> = within["sides"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["evidence"].as_array().unwrap())
        .filter_map(|e| e["text"].as_str())
        .collect();
    assert!(
        evidence.contains(&"June 2024") && evidence.contains(&"barely two months"),
        "{evidence:?}"
    );
    let docs: Vec<String> = within["sides"].as_array().unwrap().iter().flat_map(docs).collect();
    assert!(docs
        .iter()
        .all(|d| d == "fixtures/meta-scale-ai/02-aggregator-copy.txt"));
}

#[test]
fn evidence_offsets_point_at_the_quoted_words() {
    let output = claimcheck(&["check", "--format", "json", "fixtures/meta-scale-ai"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    for conflict in report["conflicts"].as_array().unwrap() {
        for side in conflict["sides"].as_array().unwrap() {
            for e in side["evidence"].as_array().unwrap() {
                if e.get("record_line").is_some() {
                    continue; // offsets index the record's text, checked by the JSON Lines test
                }
                let file =
                    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(e["path"].as_str().unwrap()))
                        .unwrap();
                let (start, end) = (
                    e["start"].as_u64().unwrap() as usize,
                    e["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(&file[start..end], e["text"].as_str().unwrap());
                let line = file[..start].matches('\n').count() + 1;
                assert_eq!(e["line"].as_u64(), Some(line as u64));
            }
        }
    }
}

#[test]
fn agreeing_articles_alone_exit_zero() {
    let output = claimcheck(&[
        "check",
        "fixtures/meta-scale-ai/01-tech-ledger.md",
        "fixtures/meta-scale-ai/03-analysis.md",
        "fixtures/meta-scale-ai/04-briefings.jsonl",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "0 conflicts (0 errors, 0 warnings) in 3 documents checked, 0 skipped\n"
    );
}

#[test]
fn quiet_prints_only_the_summary() {
    let output = claimcheck(&["check", "--quiet", "fixtures/meta-scale-ai"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "2 conflicts (2 errors, 0 warnings) in 4 documents checked, 0 skipped\n"
    );
}

#[test]
fn json_lines_on_stdin_are_read() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["check", "--format", "json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let records = concat!(
        r#"{"id": "a", "published": "2025-08-29", "text": "Meta invested $14.3 billion in Scale AI in June 2025."}"#,
        "\n",
        r#"{"id": "b", "published": "2025-08-30", "text": "Meta invested $14.3 billion in Scale AI in June 2024."}"#,
        "\n"
    );
    child.stdin.take().unwrap().write_all(records.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let sides = report["conflicts"][0]["sides"].as_array().unwrap();
    let e = &sides[0]["evidence"][0];
    assert_eq!(e["path"], "-");
    assert_eq!(e["text"], "June 2025");
    assert_eq!((e["start"].as_u64(), e["end"].as_u64()), (Some(43), Some(52)));
    assert_eq!(sides[1]["evidence"][0]["doc"], "b");
}

#[test]
fn a_value_stated_by_very_many_documents_lists_the_first_thousand() {
    // 1,003 outlets print one date, two another, each in words of its own.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.jsonl");
    let records: String = (0..1005)
        .map(|i| {
            let year = if i % 500 == 7 { 2024 } else { 2025 };
            format!(
                "{{\"id\": \"d{i:04}\", \"source\": \"Outlet {i}\", \"text\": \"Meta invested in Scale AI in June {year}, report {i} said.\"}}\n"
            )
        })
        .collect();
    std::fs::write(&path, records).unwrap();
    let path = path.to_str().unwrap();
    let output = claimcheck(&["check", "--format", "json", path]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let sides = report["conflicts"][0]["sides"].as_array().unwrap();
    let listed: Vec<(usize, u64, Option<u64>)> = sides
        .iter()
        .map(|s| {
            let evidence = s["evidence"].as_array().unwrap().len();
            (evidence, s["support"].as_u64().unwrap(), s["unlisted"].as_u64())
        })
        .collect();
    assert_eq!(listed, [(1000, 1003, Some(3)), (2, 2, None)]);
    // The first thousand in document order.
    assert_eq!(sides[0]["evidence"][999]["doc"], "d1001");
    let markdown = stdout(&claimcheck(&["check", "--format", "markdown", path]));
    assert!(markdown.contains("  - and 3 more places\n"), "{markdown}");
}

#[test]
fn unreadable_input_is_named_and_the_rest_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    write(
        "a.md",
        b"---\npublished: 2025-08-29\n---\nMeta invested $14.3 billion in Scale AI in June 2025.\n",
    );
    write(
        "b.md",
        b"---\ntitle: [broken\n---\nMeta invested $14.3 billion in Scale AI in June 2024.\n",
    );
    write("c.txt", b"Meta \xff\xfe invested\n");
    write(
        "d.jsonl",
        b"{\"id\": \"d1\", \"text\": \"Meta invested $14.3 billion in Scale AI.\"}\n{oops\n",
    );
    write("e.txt", b"");
    write(".hidden.md", b"Meta invested $1 in Scale AI in June 1999.");
    let root = dir.path().to_str().unwrap();
    let output = claimcheck(&["check", "--format", "json", root]);
    assert_eq!(output.status.code(), Some(2), "input that could not be read exits 2");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{root}/b.md:2: front matter is not valid YAML")),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("{root}/c.txt:1: not valid UTF-8")), "{stderr}");
    assert!(
        stderr.contains(&format!("{root}/d.jsonl:2: malformed JSON")),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("{root}/e.txt: empty file")), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // a.md, b.md (its body is still read) and d1; not c.txt, e.txt or the hidden file.
    assert_eq!(report["documents"], 3);
    assert_eq!(report["errors"].as_array().map(Vec::len), Some(4));
    assert_eq!(
        report["conflicts"][0]["rule"], "investment",
        "the readable articles are still compared"
    );
}

#[test]
fn missing_path_is_an_error_not_a_panic() {
    let output = claimcheck(&["check", "fixtures/no-such-story"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr, "error: fixtures/no-such-story: no such file or directory\n");
}

#[test]
fn bad_rule_folder_exits_two_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("claims")).unwrap();
    std::fs::write(
        dir.path().join("claims/x.yaml"),
        "id: x\nkind: claim\ntitle: t\nseverity: fatal\nmessage: m\n",
    )
    .unwrap();
    let rules = dir.path().to_str().unwrap();
    let output = claimcheck(&["check", "--rules", rules, "fixtures/meta-scale-ai"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with(&format!("error: {rules}/claims/x.yaml:4:11: severity: unknown variant `fatal`, expected one of `info`, `warning`, `error`")), "{stderr}");
}

#[test]
fn sarif_output_is_valid_sarif() {
    let output = claimcheck(&["check", "--format", "sarif", "fixtures/meta-scale-ai"]);
    assert_eq!(output.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    let rule_ids: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    for result in results {
        assert!(rule_ids.contains(&result["ruleId"].as_str().unwrap()));
        assert_eq!(result["locations"].as_array().unwrap().len(), 1);
        assert!(!result["relatedLocations"].as_array().unwrap().is_empty());
        assert!(result["partialFingerprints"]["claimcheck/v1"].is_string());
    }
    // The seed case points at the article that says June 2024.
    let region = &results[0]["locations"][0]["physicalLocation"];
    assert!(region["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("02-aggregator-copy.txt"));
    assert_eq!(region["region"]["snippet"]["text"], "June 2024");
    // The OASIS schema, kept in tests/data.
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"))
            .expect("the schema file reads"),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does reject a log that breaks the schema.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn fail_on_sets_the_failing_severity() {
    let never = claimcheck(&["check", "--fail-on", "never", "--quiet", "fixtures/meta-scale-ai"]);
    assert_eq!(never.status.code(), Some(0));
    let warning = claimcheck(&["check", "--fail-on", "warning", "--quiet", "fixtures/meta-scale-ai"]);
    assert_eq!(warning.status.code(), Some(1));
}

#[test]
fn a_baseline_accepts_known_conflicts_and_names_stale_entries() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.yaml");
    let baseline = baseline.to_str().unwrap();
    let written = claimcheck(&["check", "--write-baseline", baseline, "fixtures/meta-scale-ai"]);
    assert_eq!(written.status.code(), Some(0), "writing a baseline exits 0");
    let yaml = std::fs::read_to_string(baseline).unwrap();

    // SARIF's partial fingerprints are the baseline's fingerprints.
    let sarif = claimcheck(&["check", "--format", "sarif", "fixtures/meta-scale-ai"]);
    let log: serde_json::Value = serde_json::from_str(&stdout(&sarif)).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    for result in results {
        let fingerprint = result["partialFingerprints"]["claimcheck/v1"].as_str().unwrap();
        assert!(
            yaml.contains(&format!("fingerprint: \"{fingerprint}\"")),
            "{fingerprint} in {yaml}"
        );
    }

    let accepted = claimcheck(&["check", "--quiet", "--baseline", baseline, "fixtures/meta-scale-ai"]);
    assert_eq!(accepted.status.code(), Some(0), "accepted conflicts do not fail");
    assert_eq!(
        stdout(&accepted),
        "0 conflicts (0 errors, 0 warnings) in 4 documents checked, 0 skipped; 2 accepted in the baseline\n"
    );

    // Keep only the timeline entry and add one that matches nothing.
    let investment = yaml.lines().find(|l| l.contains("rule: \"investment\"")).unwrap();
    let edited = yaml.replace(investment, "- {fingerprint: \"0000000000000000\", rule: \"gone\"}");
    std::fs::write(baseline, edited).unwrap();
    let partly = claimcheck(&[
        "check",
        "--format",
        "json",
        "--baseline",
        baseline,
        "fixtures/meta-scale-ai",
    ]);
    assert_eq!(
        partly.status.code(),
        Some(1),
        "the conflict no longer accepted fails again"
    );
    let report: serde_json::Value = serde_json::from_str(&stdout(&partly)).unwrap();
    let rules: Vec<&str> = report["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["investment"]);
    let stderr = String::from_utf8_lossy(&partly.stderr);
    assert!(
        stderr.contains("stale baseline entry") && stderr.contains("0000000000000000"),
        "{stderr}"
    );
}

#[test]
fn a_broken_baseline_exits_two_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.yaml");
    std::fs::write(&baseline, "version: 1\nconflicts:\n  - fingerprint: [not, a, string]\n").unwrap();
    let output = claimcheck(&[
        "check",
        "--baseline",
        baseline.to_str().unwrap(),
        "fixtures/meta-scale-ai",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("baseline.yaml:3:"), "{stderr}");
}

/// A copy of the seed story with `claimcheck.yaml` at its root.
fn configured_story(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/meta-scale-ai")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    std::fs::write(dir.path().join("claimcheck.yaml"), config).unwrap();
    dir
}

#[test]
fn a_corpus_configuration_is_found_and_applied() {
    let ignored = configured_story("ignore: [\"02-*\"]\n");
    let output = claimcheck(&["check", "--quiet", ignored.path().to_str().unwrap()]);
    assert_eq!(
        stdout(&output),
        "0 conflicts (0 errors, 0 warnings) in 3 documents checked, 0 skipped\n"
    );

    let softened = configured_story("severity: { investment: warning, timeline: warning }\n");
    let output = claimcheck(&["check", "--quiet", softened.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "warnings do not fail by default");
    assert!(stdout(&output).starts_with("2 conflicts (0 errors, 2 warnings)"));

    // --config names a file elsewhere; here it switches the claim rule off.
    let other = tempfile::tempdir().unwrap();
    let config = other.path().join("strict.yaml");
    std::fs::write(&config, "disable: [investment]\n").unwrap();
    let output = claimcheck(&[
        "check",
        "--quiet",
        "--config",
        config.to_str().unwrap(),
        "fixtures/meta-scale-ai",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).starts_with("0 conflicts"));
}

#[test]
fn a_broken_configuration_exits_two_with_its_line() {
    let story = configured_story("disable: []\nrules: [no-such-folder]\n");
    let output = claimcheck(&["check", story.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("claimcheck.yaml:2: rule folder") && stderr.contains("no-such-folder"),
        "{stderr}"
    );
}

#[test]
fn a_claim_against_a_verified_fact_is_an_error_naming_it() {
    let story = configured_story("");
    std::fs::write(
        story.path().join("facts.yaml"),
        "facts:\n  - rule: investment\n    subject: [Meta Platforms, Scale AI]\n    slot: date\n\
         \x20   value: June 2025\n    source: company filing\n",
    )
    .unwrap();
    let output = claimcheck(&["check", "--format", "json", story.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let conflicts = report["conflicts"].as_array().unwrap();
    let rules: Vec<&str> = conflicts.iter().map(|c| c["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["investment", "timeline", "verified-fact"]);
    let conflict = &conflicts[2];
    assert!(conflict["message"]
        .as_str()
        .unwrap()
        .ends_with("contradicts the verified value June 2025 (company filing)"));
    assert_eq!(conflict["best"], "2025-06");
    let sides = conflict["sides"].as_array().unwrap();
    assert_eq!(sides[0]["verified"], true);
    assert!(sides[0]["evidence"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("facts.yaml"));
    assert_eq!(sides[0]["evidence"][0]["line"], 2);
    // Only the June 2024 claims contradict the fact.
    assert_eq!(sides.len(), 2);
    assert_eq!(sides[1]["value"], "2024-06");
    assert_eq!(sides[1]["evidence"].as_array().unwrap().len(), 2);
}

#[test]
fn a_broken_facts_file_exits_two_with_its_line() {
    let story = configured_story("");
    std::fs::write(
        story.path().join("facts.yaml"),
        "facts:\n- rule: investment\n  subject: [Meta, Scale AI]\n  slot: date\n  value: whenever\n  source: s\n",
    )
    .unwrap();
    let output = claimcheck(&["check", story.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("facts.yaml:2: `whenever` is not a date value"),
        "{stderr}"
    );
}

#[test]
fn output_is_the_same_for_one_thread_and_many_and_across_runs() {
    let run = |threads: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .args(["check", "--format", "json", "fixtures"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        stdout(&output)
    };
    let one = run("1");
    assert!(one.contains("\"conflicts\": ["), "{one}");
    for threads in ["2", "4", "8", "4"] {
        assert_eq!(run(threads), one, "{threads} threads");
    }
}
#[test]
fn a_rewritten_copy_that_changes_facts_is_flagged_at_the_changed_words() {
    let output = claimcheck(&["check", "--format", "json", "fixtures/wire-rewrite"]);
    assert_eq!(output.status.code(), Some(0), "rewrite conflicts are warnings");
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let conflicts = report["conflicts"].as_array().unwrap();
    let changed: Vec<(&str, &str)> = conflicts
        .iter()
        .map(|c| {
            assert_eq!(c["rule"], "rewrite");
            let minority = c["sides"].as_array().unwrap().last().unwrap();
            let e = &minority["evidence"][0];
            (e["doc"].as_str().unwrap(), e["text"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        changed,
        [
            ("fixtures/wire-rewrite/03-metro-daily.txt", "$68 million"),
            ("fixtures/wire-rewrite/03-metro-daily.txt", "September 2027")
        ]
    );
}

#[test]
fn a_long_line_keeps_a_window_and_the_diagnostic_its_column() {
    let dir = tempfile::tempdir().unwrap();
    let filler = "Nothing happens here, and the sentence goes on. ".repeat(60);
    let records = format!(
        "{{\"id\": \"a\", \"text\": \"{filler}Meta invested $14.3 billion in Scale AI in June 2025.\"}}\n\
         {{\"id\": \"b\", \"text\": \"Meta's investment in Scale AI was made in June 2024.\"}}\n"
    );
    let path = dir.path().join("long.jsonl");
    std::fs::write(&path, records).unwrap();
    let path = path.to_str().unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&claimcheck(&["check", "--format", "json", path]))).unwrap();
    let evidence = json["conflicts"][0]["sides"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["evidence"].as_array().unwrap().clone())
        .find(|e| e["doc"] == "a")
        .unwrap();
    let column = evidence["column"].as_u64().unwrap();
    assert!(column > 2000, "{column}");
    let text = stdout(&claimcheck(&["check", path]));
    assert!(text.contains(&format!("{path}[a]:1:{column}")), "{text}");
    // The shard keeps the sentence, not the whole line.
    let shard = stdout(&claimcheck(&["extract", "--claims", path]));
    let claim = shard
        .lines()
        .find(|l| l.contains("\"type\":\"claim\"") && l.contains("\"doc\":\"a\""))
        .unwrap();
    let line: serde_json::Value = serde_json::from_str(claim).unwrap();
    let sentence = line["evidence"]["sentence"].as_str().unwrap();
    assert_eq!(sentence, "Meta invested $14.3 billion in Scale AI in June 2025.");
    assert!(line["evidence"].get("line_text").is_none());
}

#[test]
fn with_no_temporary_folder_what_is_set_aside_stays_in_memory_and_the_result_is_the_same() {
    // Enough claims that what is set aside outgrows the memory buffer:
    // eight investments, each dated in seven years.
    let buyers = [
        "Meta",
        "Alphabet",
        "Amazon",
        "Microsoft",
        "Nvidia",
        "Oracle",
        "Intel",
        "Cisco",
    ];
    let targets = ["Scale AI", "Anthropic", "Mistral AI", "Cohere"];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.jsonl");
    let records: String = (0..12_000)
        .map(|i| {
            format!(
                "{{\"id\": \"d{i:05}\", \"text\": \"{} invested in {} in June {}, report {i} said.\"}}\n",
                buyers[i % 8],
                targets[i % 4],
                2000 + i % 7
            )
        })
        .collect();
    std::fs::write(&path, records).unwrap();
    let run = |tmp: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .args(["check", "--format", "json", path.to_str().unwrap()])
            .env("TMPDIR", tmp)
            .output()
            .unwrap()
    };
    let with_file = run(dir.path());
    let without = run(&dir.path().join("no such folder"));
    assert_eq!(with_file.status.code(), Some(1));
    assert_eq!(
        without.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&without.stderr)
    );
    let report = stdout(&with_file);
    assert!(report.contains("\"documents\": 12000,"), "{report}");
    assert!(report.contains("\"kind\": \"claim\""), "{report}");
    assert_eq!(stdout(&without), report);
}
