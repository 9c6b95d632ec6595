//! Small helpers shared by several stages.

use regex::Regex;

/// Compiles a pattern written in the source code. Such a pattern is a
/// constant that the unit tests exercise, so a failure here is a bug in
/// claimcheck, never a property of the input.
#[allow(clippy::expect_used)]
pub(crate) fn const_regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a constant pattern compiles")
}

/// A rule, configuration, baseline or facts file's text; a failure names
/// the file.
pub(crate) fn read_file(path: &std::path::Path) -> Result<String, crate::RuleError> {
    std::fs::read_to_string(path).map_err(|source| crate::RuleError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// A serde_yaml error's message without the " at line L column C" it
/// appends: callers report the location in their own form.
pub(crate) fn yaml_message(err: &serde_yaml::Error) -> String {
    let message = err.to_string();
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    }
}

/// The 0-based index of the line of `yaml` that holds the top-level `key`.
pub(crate) fn yaml_key_index(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines().position(|l| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

/// FNV-1a, 64 bits: the start value.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One byte of FNV-1a: stable across machines, runs and library versions,
/// which fingerprints and shard keys need.
pub(crate) fn fnv_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
}

/// FNV-1a (64 bits) of `bytes`.
pub(crate) fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| fnv_step(h, b))
}

/// 64-bit hashes as 16-digit hex strings in serialized data: JSON readers
/// that take numbers as signed 64-bit or as doubles (Spark, JavaScript)
/// would lose half of them.
pub(crate) mod hex {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(values: &[u64], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(values.iter().map(|v| format!("{v:016x}")))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u64>, D::Error> {
        Vec::<String>::deserialize(d)?
            .iter()
            .map(|h| u64::from_str_radix(h, 16).map_err(serde::de::Error::custom))
            .collect()
    }
}

/// Pairs of 64-bit hashes as pairs of hex strings; see [`hex`].
pub(crate) mod hex_pairs {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(values: &[[u64; 2]], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(values.iter().map(|[a, b]| [format!("{a:016x}"), format!("{b:016x}")]))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<[u64; 2]>, D::Error> {
        let parse = |h: &str| u64::from_str_radix(h, 16).map_err(serde::de::Error::custom);
        Vec::<[String; 2]>::deserialize(d)?
            .iter()
            .map(|[a, b]| Ok([parse(a)?, parse(b)?]))
            .collect()
    }
}

/// Whether a word can start at byte `start` of `text` (no letter or digit before it).
pub(crate) fn starts_word(text: &str, start: usize) -> bool {
    text[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

/// Whether a word can end at byte `end` of `text` (no letter or digit after it).
pub(crate) fn ends_word(text: &str, end: usize) -> bool {
    text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// Texts for property tests: `count` strings of up to `max_pieces` pieces
/// glued in a fixed pseudo-random order (xorshift), the same every run.
#[cfg(test)]
pub(crate) fn random_texts(pieces: &[&str], count: usize, max_pieces: usize) -> impl Iterator<Item = String> {
    let pieces: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    (0..count).map(move |round| {
        let mut text = String::new();
        for _ in 0..(round % max_pieces.max(1)) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(&pieces[(state % pieces.len() as u64) as usize]);
        }
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_edges_see_letters_and_digits_only() {
        let text = "Meta’s Metaverse";
        assert!(starts_word(text, 0) && ends_word(text, 4));
        assert!(!ends_word(text, 11)); // "Meta" inside "Metaverse"
        assert!(starts_word(text, 9));
    }

    #[test]
    fn yaml_key_index_finds_top_level_keys_only() {
        let yaml = "title: x\n  published: nested\npublished : 2025-08-29\n";
        assert_eq!(yaml_key_index(yaml, "published"), Some(2));
        assert_eq!(yaml_key_index(yaml, "author"), None);
    }

    #[test]
    fn yaml_message_drops_the_appended_location() {
        let err = serde_yaml::from_str::<u32>("[1").unwrap_err();
        let message = yaml_message(&err);
        assert!(!message.contains(" at line "), "{message}");
        assert!(!message.is_empty());
    }
}
