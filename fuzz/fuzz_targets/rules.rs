//! Rule, language, entity, config, baseline and facts loading on arbitrary
//! YAML: a result or an error naming the file, never a panic.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use claimcheck::config::Config;
use claimcheck::extract::Extractor;
use claimcheck::{Baseline, RuleSet};
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| RuleSet::embedded().unwrap_or_else(|e| panic!("{e}")));
static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(&RULES).unwrap_or_else(|e| panic!("{e}")));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for path in ["x/claims/f.yaml", "x/entities/f.yaml", "x/lang/en.yaml"] {
        if let Err(err) = RuleSet::embedded_with(&[(path, text)]) {
            assert!(err.to_string().contains("f.yaml") || err.to_string().contains("en.yaml"), "{err}");
        }
    }
    if let Err(err) = Config::parse(Path::new("/nonexistent/claimcheck.yaml"), text.to_string()) {
        assert!(err.to_string().contains("claimcheck.yaml"), "{err}");
    }
    if let Err(err) = Baseline::parse("b.yaml", text) {
        assert!(err.to_string().contains("b.yaml"), "{err}");
    }
    if let Err(err) = claimcheck::facts::load("facts.yaml", text, &RULES, &EXTRACTOR) {
        assert!(err.to_string().contains("facts.yaml"), "{err}");
    }
});
