//! Byte spans into a document's text, and the index that turns a byte offset
//! into the `line:column` a diagnostic shows.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The same span moved `by` bytes to the right.
    pub fn shift(self, by: usize) -> Self {
        Span::new(self.start + by, self.end + by)
    }

    /// Whether `other` lies inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this span covers, or `""` when it does not fit `text`.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Bytes between two character-count checkpoints of a [`LineIndex`].
const CHECKPOINT: usize = 4096;

/// Byte offset → line:column for one text, built once per document.
///
/// A column is a count of characters, so finding one reads the line up to
/// the offset. On a line of many megabytes (a page with no line breaks)
/// that would make every lookup as slow as the line is long, so the index
/// also keeps the number of characters before every [`CHECKPOINT`]th byte:
/// a lookup reads at most that many bytes.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    /// Byte offset at which each line starts; the first entry is 0.
    line_starts: Vec<usize>,
    /// `chars[k]`: characters in the text before byte `k * CHECKPOINT`,
    /// counted when a lookup first needs them: only a line longer than
    /// a checkpoint does, and most texts have none.
    chars: OnceLock<Vec<usize>>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text).map(|i| i + 1));
        LineIndex {
            line_starts,
            chars: OnceLock::new(),
        }
    }

    /// The line and column of byte `offset` in `text` (the text this index was built from).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let column = if offset - start <= CHECKPOINT {
            // A short way into the line: count it directly.
            text.as_bytes().get(start..offset).map_or(0, char_starts) + 1
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start) + 1
        };
        LineCol { line, column }
    }

    /// Characters in `text` before byte `offset` (a character boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let chars = self.chars.get_or_init(|| {
            let mut before = 0;
            let counts = text.as_bytes().chunks(CHECKPOINT).map(|block| {
                let counted = before;
                before += char_starts(block);
                counted
            });
            counts.collect()
        });
        let block = offset / CHECKPOINT;
        let counted = chars.get(block).copied().unwrap_or(0);
        let from = block * CHECKPOINT;
        counted + text.as_bytes().get(from..offset).map_or(0, char_starts)
    }
}

/// Characters that start in `bytes`: every byte that is not a UTF-8
/// continuation byte (`10xxxxxx`). Counted eight bytes at a time, each
/// byte of a running sum counting its lane's continuation bytes, added up
/// across lanes only every 255 words: a text with a line of many
/// megabytes is counted whole.
fn char_starts(bytes: &[u8]) -> usize {
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const PAIRS: u64 = 0x00ff_00ff_00ff_00ff;
    const SIXTEENS: u64 = 0x0001_0001_0001_0001;
    let mut continuations = 0;
    // A lane counts at most 255 before it would carry into the next.
    for block in bytes.chunks(8 * 255) {
        let mut words = block.chunks_exact(8);
        let mut lanes = 0u64;
        for word in words.by_ref() {
            let x = u64::from_ne_bytes([word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7]]);
            // A byte's top bit set and the one below it clear; shifting
            // left moves each byte's second bit to its top, never across
            // bytes once masked.
            lanes += (x & !(x << 1) & HIGH) >> 7;
        }
        // Pairs of lanes summed into four 16-bit lanes (each at most
        // 510), whose sum lands in the top 16 bits.
        let pairs = (lanes & PAIRS) + ((lanes >> 8) & PAIRS);
        continuations += (pairs.wrapping_mul(SIXTEENS) >> 48) as usize;
        continuations += words.remainder().iter().filter(|&&b| (b as i8) < -0x40).count();
    }
    bytes.len() - continuations
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    // Many bytes at a time, and without a call into the search per line
    // found (as `str::match_indices` makes): every document's text is
    // indexed as it is read, and news text breaks a line every few
    // hundred bytes.
    memchr::memchr_iter(b'\n', text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let text = "ab\ncé d\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_col(text, 3), LineCol { line: 2, column: 1 });
        // "é" is two bytes but one column.
        assert_eq!(index.line_col(text, 6), LineCol { line: 2, column: 3 });
    }

    #[test]
    fn characters_are_counted_eight_bytes_at_a_time_as_one_at_a_time() {
        // Every byte value, at every offset from a word boundary, in every
        // length up to a few words.
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).chain("é€a𝄞".bytes()).collect();
        for start in 0..bytes.len() {
            for len in 0..40 {
                let part = &bytes[start..(start + len).min(bytes.len())];
                let plain = part.iter().filter(|&&b| !(0x80..0xC0).contains(&b)).count();
                assert_eq!(char_starts(part), plain, "{part:?}");
            }
        }
        assert_eq!(
            char_starts(&bytes),
            bytes.iter().filter(|&&b| !(0x80..0xC0).contains(&b)).count()
        );
    }

    #[test]
    fn runs_of_continuation_bytes_longer_than_a_lane_can_count_are_all_counted() {
        // Text in a script of 3-byte characters, and bare continuation
        // bytes: every lane counts up to its limit, and past it.
        let text = "€".repeat(3000);
        assert_eq!(char_starts(text.as_bytes()), 3000);
        for len in [2039, 2040, 2041, 4080, 4081, 9000] {
            assert_eq!(char_starts(&vec![0x80; len]), 0, "{len}");
            assert_eq!(char_starts(&vec![b'a'; len]), len, "{len}");
        }
    }

    #[test]
    fn columns_on_a_long_line_count_characters_across_checkpoints() {
        // Multi-byte characters straddle the checkpoints; a second line
        // starts past several of them.
        let first = "é".repeat(3 * CHECKPOINT);
        let text = format!("{first}\nab€cd");
        let index = LineIndex::new(&text);
        for chars in [0, 1, CHECKPOINT / 2 + 1, CHECKPOINT, 3 * CHECKPOINT - 1] {
            let offset = first.char_indices().nth(chars).unwrap().0;
            assert_eq!(
                index.line_col(&text, offset),
                LineCol {
                    line: 1,
                    column: chars + 1
                }
            );
        }
        let second = first.len() + 1;
        assert_eq!(index.line_col(&text, second), LineCol { line: 2, column: 1 });
        assert_eq!(index.line_col(&text, second + 5), LineCol { line: 2, column: 4 });
        assert_eq!(index.line_col(&text, text.len()), LineCol { line: 2, column: 6 });
    }
}
