//! The README shows real output: its sample is what the first of its two
//! commands prints today.

// Test helpers fail loudly on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

#[test]
fn readme_sample_output_is_current() {
    let output = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["check", "fixtures/meta-scale-ai"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let sample = String::from_utf8(output.stdout).unwrap();
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains(&sample),
        "README.md's sample output is stale; paste in:\n{sample}"
    );
    assert!(readme.contains("cargo run --release -- check fixtures/meta-scale-ai"));
    assert!(readme.contains("cargo test"));
}
