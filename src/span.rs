//! Byte spans into a document's text, and the index that turns a byte offset
//! into the `line:column` a diagnostic shows.

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

/// Byte offset → line:column for one text, built once per document.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    /// Byte offset at which each line starts; the first entry is 0.
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text).map(|i| i + 1));
        LineIndex { line_starts }
    }

    /// The line and column of byte `offset` in `text` (the text this index was built from).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let column = text
            .get(start..offset.min(text.len()))
            .map_or(1, |s| s.chars().count() + 1);
        LineCol { line, column }
    }

    /// The span of the whole line that holds byte `offset`, without its line break.
    pub fn line_span(&self, text: &str, offset: usize) -> Span {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let end = self.line_starts.get(line).map_or(text.len(), |&next| next - 1);
        let end = if text.as_bytes().get(end.wrapping_sub(1)) == Some(&b'\r') && end > start {
            end - 1
        } else {
            end
        };
        Span::new(start, end.max(start))
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes().enumerate().filter_map(|(i, b)| (b == b'\n').then_some(i))
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
    fn line_span_excludes_the_line_break() {
        let text = "first\r\nsecond line\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.line_span(text, 2).slice(text), "first");
        assert_eq!(index.line_span(text, 9).slice(text), "second line");
        assert_eq!(index.line_span(text, 21).slice(text), "last");
    }
}
