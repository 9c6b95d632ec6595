//! The reduce stage on arbitrary shard bytes: reading a shard, gathering its
//! claims and records (spilled and read back) and comparing them never
//! panics, and every error names the shard or the document it came from.
#![no_main]

use std::sync::OnceLock;

use claimcheck::{Engine, RuleSet};
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(RuleSet::embedded().expect("the embedded rules load")).expect("they compile"))
}

fuzz_target!(|data: &[u8]| {
    let (extracted, errors) = claimcheck::shard::read("s.jsonl", data);
    for err in &errors {
        assert!(!err.path.is_empty());
    }
    let outcome = engine().compare_extracted(extracted, errors);
    for conflict in &outcome.conflicts {
        assert!(conflict.sides.len() > 1);
        for side in &conflict.sides {
            assert!(side.evidence.len() <= claimcheck::compare::LISTED);
        }
    }
});
