//! Every recognizer, and the claims stage, on arbitrary text, with and
//! without a publication date: no panic, and every mention's span lies on
//! character boundaries inside its sentence.
#![no_main]

use std::sync::LazyLock;

use claimcheck::{Document, Engine, RuleSet};
use libfuzzer_sys::fuzz_target;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let mut rules = RuleSet::embedded().unwrap_or_else(|e| panic!("{e}"));
    rules.enable_all();
    Engine::new(rules).unwrap_or_else(|e| panic!("{e}"))
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for published in [None, chrono::NaiveDate::from_ymd_opt(2025, 8, 29)] {
        let doc = Document::from_text("f", text, published);
        for m in ENGINE.mentions(&doc) {
            assert!(m.span.start <= m.span.end && m.span.end <= text.len());
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            assert!(m.sentence.start <= m.span.start && m.span.end <= m.sentence.end);
        }
        let _ = ENGINE.claims(&doc);
    }
});
