//! Segment: a document's body in, sentence spans out.
//!
//! A sentence ends at `.`, `!` or `?` followed by space and a capital, digit
//! or quote, unless the word before the period is an abbreviation from the
//! language file ("U.S.", "Inc.", "Dr.") or an initial ("J."). A blank line,
//! a Markdown heading and a list item always end one: news copy uses them for
//! headlines and bullet points that carry no final period.
//!
//! A run of text with no sentence end (a page with its punctuation lost, a
//! table) is cut into pieces of at most [`MAX_SENTENCE`] bytes, at a space:
//! every later stage works sentence by sentence, and bounding a sentence
//! bounds what any of them can cost on one.

use std::collections::HashSet;

use crate::rules::Lang;
use crate::span::Span;

/// The longest sentence, in bytes. News sentences are rarely a tenth of it.
pub const MAX_SENTENCE: usize = 2048;

/// Splits text into sentences; built once from the language's abbreviations.
#[derive(Clone, Debug)]
pub struct Segmenter {
    abbreviations: HashSet<String, foldhash::fast::FixedState>,
    /// The length in bytes of the longest abbreviation: most words before a
    /// period are longer, and need not be looked up.
    longest_abbreviation: usize,
}

impl Segmenter {
    /// A segmenter for the language's abbreviations.
    pub fn new(lang: &Lang) -> Self {
        Segmenter {
            abbreviations: lang.abbreviations.iter().cloned().collect(),
            longest_abbreviation: lang.abbreviations.iter().map(String::len).max().unwrap_or(0),
        }
    }

    /// The sentences of `text[within]`, as spans into `text`, trimmed of space.
    pub fn sentences(&self, text: &str, within: Span) -> Vec<Span> {
        let body = within.slice(text);
        let bytes = body.as_bytes();
        // A news sentence is about 150 bytes: room for most texts' sentences
        // at once, rather than a copy of the list at each doubling.
        let mut out = Vec::with_capacity(bytes.len() / 128 + 1);
        let mut marks = Marks::new(bytes);
        let mut start = 0;
        // Every newline is a mark, so the line a mark is on starts after the
        // last newline seen: no search back for it.
        let mut line_start = 0;
        let mut i = 0;
        while let Some(at) = marks.next_from(i) {
            let cut = match bytes[at] {
                b'\n' => {
                    let cut = self.line_break_ends_sentence(body, line_start, at);
                    line_start = at + 1;
                    cut
                }
                _ => self.punctuation_ends_sentence(body, at),
            };
            if let Some(end) = cut {
                push_trimmed(body, start, end, within.start, &mut out);
                start = end;
                i = end.max(at + 1);
            } else {
                i = at + 1;
            }
        }
        push_trimmed(body, start, bytes.len(), within.start, &mut out);
        out
    }

    /// At a newline at `i`, on the line from `line_start`: the end of the
    /// sentence, if the line break makes one.
    fn line_break_ends_sentence(&self, body: &str, line_start: usize, i: usize) -> Option<usize> {
        let this_line = &body[line_start..i];
        let next = &body[i + 1..];
        // Only ASCII bytes are skipped, so `next` stays a whole string.
        let next = &next[next.bytes().take_while(|b| matches!(b, b' ' | b'\t' | b'\r')).count()..];
        let blank_follows = next.starts_with('\n') || next.is_empty();
        (blank_follows || is_block_start(this_line) || is_block_start(next)).then_some(i)
    }

    /// At sentence punctuation at `i`: the end of the sentence, if it ends one.
    fn punctuation_ends_sentence(&self, body: &str, i: usize) -> Option<usize> {
        let bytes = body.as_bytes();
        // Take the whole run of punctuation and closing quotes or brackets.
        let mut end = i + 1;
        while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']') {
            end += 1;
        }
        let rest = &body[end..];
        let rest = rest.strip_prefix(['’', '”']).unwrap_or(rest);
        let after_space = rest.trim_start();
        if after_space.len() == rest.len() && !rest.is_empty() {
            return None; // "3.5", "U.S", "example.com"
        }
        let next = after_space.chars().next();
        let opens_sentence = next.is_none_or(|c| {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(
                    c,
                    '"' | '\'' | '`' | '“' | '‘' | '(' | '[' | '–' | '—' | '-' | '*' | '•' | '#'
                )
        });
        if !opens_sentence || (bytes[i] == b'.' && self.is_abbreviation(body, i)) {
            return None;
        }
        Some(body.len() - rest.len())
    }

    /// Whether the period at `dot` closes an abbreviation or an initial.
    pub(crate) fn is_abbreviation(&self, body: &str, dot: usize) -> bool {
        let word = &body[word_start(body, dot)..=dot];
        let mut letters = word[..word.len() - 1].chars();
        let initial = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
        initial || (word.len() <= self.longest_abbreviation && self.abbreviations.contains(word))
    }
}

/// Where the word before the period at `dot` starts: after the last space,
/// opening quote or bracket before it, or at the start of `body`.
///
/// Words are mostly ASCII, so bytes are stepped over until a non-ASCII
/// one; only from there does a search by characters decide.
fn word_start(body: &str, dot: usize) -> usize {
    let bytes = body.as_bytes();
    let mut start = dot;
    while start > 0 && bytes[start - 1].is_ascii() && !starts_word_after(char::from(bytes[start - 1])) {
        start -= 1;
    }
    if start > 0 && !bytes[start - 1].is_ascii() {
        // `start` is at an ASCII byte or at `dot`, so it is a character boundary.
        return body[..start]
            .rfind(starts_word_after)
            .map_or(0, |p| p + body[p..].chars().next().map_or(1, char::len_utf8));
    }
    start
}

/// A character a word starts after: white space, an opening quote or bracket.
fn starts_word_after(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | '"' | '\'' | '“' | '‘' | '[')
}

/// The bytes that may end a sentence, found in order: newlines, and `.`, `!`
/// or `?`.
///
/// Each kind is searched with `memchr`, many bytes at a time, and the next
/// one of each is kept until the scan passes it: most of a text is words and
/// spaces, and a test per byte cost more than the rest of the segmenter.
struct Marks<'a> {
    bytes: &'a [u8],
    /// The next newline at or after the last position asked for, or the
    /// text's length when there is none.
    newline: usize,
    /// The same for `.`, `!` and `?`.
    stop: usize,
}

impl<'a> Marks<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Marks {
            bytes,
            newline: find_newline(bytes, 0),
            stop: find_stop(bytes, 0),
        }
    }

    /// The first mark at or after `from`; `from` must not go back.
    #[inline]
    fn next_from(&mut self, from: usize) -> Option<usize> {
        if self.newline < from {
            self.newline = find_newline(self.bytes, from);
        }
        if self.stop < from {
            self.stop = find_stop(self.bytes, from);
        }
        let at = self.newline.min(self.stop);
        (at < self.bytes.len()).then_some(at)
    }
}

/// The first newline from `from` on, or the length of `bytes`.
fn find_newline(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |k| from + k)
}

/// The first `.`, `!` or `?` from `from` on, or the length of `bytes`.
fn find_stop(bytes: &[u8], from: usize) -> usize {
    memchr::memchr3(b'.', b'!', b'?', &bytes[from..]).map_or(bytes.len(), |k| from + k)
}

/// A line that starts a block of its own: a heading or a list item.
fn is_block_start(line: &str) -> bool {
    let line = line.trim_start();
    // Most lines are prose, which no marker starts with.
    if line.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    if line.starts_with('#') || line.starts_with(['•', '–', '—']) {
        return true;
    }
    if let Some(rest) = line.strip_prefix(['-', '*', '+']) {
        return rest.starts_with(' ');
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with([')', '.']) && line[digits + 1..].starts_with(' ')
}

/// Pushes `body[start..end]`, trimmed, cut at spaces into pieces of at
/// most [`MAX_SENTENCE`] bytes.
fn push_trimmed(body: &str, mut start: usize, end: usize, offset: usize, out: &mut Vec<Span>) {
    while end - start > MAX_SENTENCE {
        let mut limit = start + MAX_SENTENCE;
        while !body.is_char_boundary(limit) {
            limit -= 1;
        }
        // The last space in the piece; without one, the last character boundary.
        let cut = body[start..limit]
            .rfind(char::is_whitespace)
            .map(|i| start + i)
            .filter(|&i| i > start)
            .unwrap_or(limit);
        push_piece(body, start, cut, offset, out);
        start = cut;
    }
    push_piece(body, start, end, offset, out);
}

fn push_piece(body: &str, start: usize, end: usize, offset: usize, out: &mut Vec<Span>) {
    let (s, e) = trim_range(body, start, end);
    if s < e {
        out.push(Span::new(s, e).shift(offset));
    }
}

/// `body[start..end]` without white space at either end, as a range.
///
/// A sentence starts and ends next to ASCII space or none, so that is
/// skipped byte by byte; only at a non-ASCII character does `str::trim`
/// decide.
fn trim_range(body: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let bytes = body.as_bytes();
    let ascii_space = |b: u8| matches!(b, b' ' | b'\t'..=b'\r');
    while start < end && ascii_space(bytes[start]) {
        start += 1;
    }
    if start < end && !bytes[start].is_ascii() {
        start = end - body[start..end].trim_start().len();
    }
    while start < end && ascii_space(bytes[end - 1]) {
        end -= 1;
    }
    if start < end && !bytes[end - 1].is_ascii() {
        end = start + body[start..end].trim_end().len();
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;
    use proptest::prelude::*;

    /// The segmenter as it was before marks were found with `memchr` and
    /// lines, spaces and abbreviations were tested without searching back:
    /// the plain version the fast one must agree with.
    mod reference {
        use std::collections::HashSet;

        use super::MAX_SENTENCE;
        use crate::span::Span;

        pub(super) struct Reference {
            pub(super) abbreviations: HashSet<String>,
        }

        impl Reference {
            /// The sentences of `text[within]`, as spans into `text`, trimmed of space.
            pub(super) fn sentences(&self, text: &str, within: Span) -> Vec<Span> {
                let body = within.slice(text);
                let bytes = body.as_bytes();
                // A news sentence is about 150 bytes: room for most texts' sentences
                // at once, rather than a copy of the list at each doubling.
                let mut out = Vec::with_capacity(bytes.len() / 128 + 1);
                let mut start = 0;
                let mut i = 0;
                while let Some(at) = next_mark(bytes, i) {
                    let cut = match bytes[at] {
                        b'\n' => self.line_break_ends_sentence(body, at),
                        _ => self.punctuation_ends_sentence(body, at),
                    };
                    if let Some(end) = cut {
                        push_trimmed(body, start, end, within.start, &mut out);
                        start = end;
                        i = end.max(at + 1);
                    } else {
                        i = at + 1;
                    }
                }
                push_trimmed(body, start, bytes.len(), within.start, &mut out);
                out
            }

            /// At a newline at `i`: the end of the sentence, if the line break makes one.
            fn line_break_ends_sentence(&self, body: &str, i: usize) -> Option<usize> {
                let line_start = body[..i].rfind('\n').map_or(0, |p| p + 1);
                let this_line = body[line_start..i].trim_start();
                let next = body[i + 1..].trim_start_matches([' ', '\t', '\r']);
                let blank_follows = next.starts_with('\n') || next.is_empty();
                (blank_follows || is_block_start(this_line) || is_block_start(next)).then_some(i)
            }

            /// At sentence punctuation at `i`: the end of the sentence, if it ends one.
            fn punctuation_ends_sentence(&self, body: &str, i: usize) -> Option<usize> {
                let bytes = body.as_bytes();
                // Take the whole run of punctuation and closing quotes or brackets.
                let mut end = i + 1;
                while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']') {
                    end += 1;
                }
                let rest = &body[end..];
                let rest = rest.strip_prefix(['’', '”']).unwrap_or(rest);
                let after_space = rest.trim_start();
                if after_space.len() == rest.len() && !rest.is_empty() {
                    return None; // "3.5", "U.S", "example.com"
                }
                let next = after_space.chars().next();
                let opens_sentence =
                    next.is_none_or(|c| c.is_uppercase() || c.is_ascii_digit() || "\"'`“‘([–—-*•#".contains(c));
                if !opens_sentence || (bytes[i] == b'.' && self.is_abbreviation(body, i)) {
                    return None;
                }
                Some(body.len() - rest.len())
            }

            /// Whether the period at `dot` closes an abbreviation or an initial.
            fn is_abbreviation(&self, body: &str, dot: usize) -> bool {
                let word_start = body[..dot]
                    .rfind(|c: char| c.is_whitespace() || "(\"'“‘[".contains(c))
                    .map_or(0, |p| p + body[p..].chars().next().map_or(1, char::len_utf8));
                let word = &body[word_start..=dot];
                let mut letters = word[..word.len() - 1].chars();
                let initial = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
                initial || self.abbreviations.contains(word)
            }
        }

        /// The first byte from `from` on that may end a sentence: a newline, `.`,
        /// `!` or `?`.
        ///
        /// Eight bytes are tested at a time: most of a text is words and spaces,
        /// and a branch per byte cost more than the rest of the segmenter.
        #[inline]
        fn next_mark(bytes: &[u8], mut from: usize) -> Option<usize> {
            const LOW: u64 = 0x0101_0101_0101_0101;
            const HIGH: u64 = 0x8080_8080_8080_8080;
            // The bytes of `x` that are zero have their high bit set in the result;
            // a byte above a zero one may be set too, but the lowest set is exact.
            let zero_bytes = |x: u64| x.wrapping_sub(LOW) & !x & HIGH;
            while let Some(chunk) = bytes.get(from..from + 8) {
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                let x = u64::from_le_bytes(word);
                let marks = zero_bytes(x ^ (LOW * u64::from(b'\n')))
                    | zero_bytes(x ^ (LOW * u64::from(b'.')))
                    | zero_bytes(x ^ (LOW * u64::from(b'!')))
                    | zero_bytes(x ^ (LOW * u64::from(b'?')));
                if marks != 0 {
                    return Some(from + (marks.trailing_zeros() / 8) as usize);
                }
                from += 8;
            }
            let rest = bytes.get(from..)?;
            rest.iter()
                .position(|b| matches!(b, b'\n' | b'.' | b'!' | b'?'))
                .map(|k| from + k)
        }

        /// A line that starts a block of its own: a heading or a list item.
        fn is_block_start(line: &str) -> bool {
            let line = line.trim_start();
            if line.starts_with('#') || line.starts_with(['•', '–', '—']) {
                return true;
            }
            if let Some(rest) = line.strip_prefix(['-', '*', '+']) {
                return rest.starts_with(' ');
            }
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            digits > 0 && line[digits..].starts_with([')', '.']) && line[digits + 1..].starts_with(' ')
        }

        /// Pushes `body[start..end]`, trimmed, cut at spaces into pieces of at
        /// most [`MAX_SENTENCE`] bytes.
        fn push_trimmed(body: &str, mut start: usize, end: usize, offset: usize, out: &mut Vec<Span>) {
            while end - start > MAX_SENTENCE {
                let mut limit = start + MAX_SENTENCE;
                while !body.is_char_boundary(limit) {
                    limit -= 1;
                }
                // The last space in the piece; without one, the last character boundary.
                let cut = body[start..limit]
                    .rfind(char::is_whitespace)
                    .map(|i| start + i)
                    .filter(|&i| i > start)
                    .unwrap_or(limit);
                push_piece(body, start, cut, offset, out);
                start = cut;
            }
            push_piece(body, start, end, offset, out);
        }

        fn push_piece(body: &str, start: usize, end: usize, offset: usize, out: &mut Vec<Span>) {
            let piece = &body[start..end];
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if !trimmed.is_empty() {
                let s = start + lead;
                out.push(Span::new(s, s + trimmed.len()).shift(offset));
            }
        }
    }

    fn split(text: &str) -> Vec<String> {
        let rules = RuleSet::embedded().unwrap();
        let seg = Segmenter::new(&rules.lang);
        seg.sentences(text, Span::new(0, text.len()))
            .into_iter()
            .map(|s| s.slice(text).to_string())
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            split("The U.S. Treasury met Dr. Chen of Acme Inc. on Jan. 5. Then it rained."),
            [
                "The U.S. Treasury met Dr. Chen of Acme Inc. on Jan. 5.",
                "Then it rained."
            ]
        );
    }

    #[test]
    fn initials_and_decimals_do_not_end_sentences() {
        assert_eq!(
            split("J. R. Smith paid $14.3 billion. Was it worth it? Yes!"),
            ["J. R. Smith paid $14.3 billion.", "Was it worth it?", "Yes!"]
        );
    }

    #[test]
    fn quotes_close_the_sentence_they_end() {
        assert_eq!(split("He said \"no.\" She left."), ["He said \"no.\"", "She left."]);
    }

    #[test]
    fn headings_list_items_and_blank_lines_end_sentences() {
        assert_eq!(
            split("# A headline\nFirst line\n- a bullet\n- another\n\nNew paragraph\nwraps here."),
            [
                "# A headline",
                "First line",
                "- a bullet",
                "- another",
                "New paragraph\nwraps here."
            ]
        );
    }

    #[test]
    fn lowercase_after_a_period_does_not_split() {
        assert_eq!(split("It rose 3 p.m. yesterday."), ["It rose 3 p.m. yesterday."]);
    }

    #[test]
    fn a_run_without_sentence_ends_is_cut_at_spaces() {
        let text = "Meta paid $14 billion and ".repeat(500);
        let pieces = split(&text);
        assert!(pieces.len() > 1, "{}", pieces.len());
        for piece in &pieces {
            assert!(piece.len() <= MAX_SENTENCE, "{}", piece.len());
            // Cut at a space: no word is split.
            let whole = ["Meta", "paid", "$14", "billion", "and"];
            assert!(piece.split_whitespace().all(|w| whole.contains(&w)), "{piece}");
        }
        // Nothing is lost: the pieces hold every word.
        let words: usize = pieces.iter().map(|p| p.split_whitespace().count()).sum();
        assert_eq!(words, text.split_whitespace().count());
        // With no space at all, the cut falls at a character boundary.
        let text = "é".repeat(3 * MAX_SENTENCE);
        let pieces = split(&text);
        assert_eq!(pieces.concat(), text);
        assert!(pieces.iter().all(|p| p.len() <= MAX_SENTENCE));
    }

    #[test]
    fn marks_are_found_wherever_they_fall() {
        let text = "abcdefghijklmnopqrstuvwxyz0123456789 \u{e9}\u{201d}";
        for mark in ['\n', '.', '!', '?'] {
            for at in 0..text.len() {
                if !text.is_char_boundary(at) {
                    continue;
                }
                let marked = format!("{}{mark}{}", &text[..at], &text[at..]);
                let bytes = marked.as_bytes();
                for from in 0..=at {
                    assert_eq!(
                        Marks::new(bytes).next_from(from),
                        Some(at),
                        "{mark:?} at {at} from {from}"
                    );
                }
                assert_eq!(Marks::new(bytes).next_from(at + 1), None);
            }
        }
        assert_eq!(Marks::new(b"").next_from(0), None);
        assert_eq!(Marks::new(b"abc").next_from(3), None);
        // Asked again and again, the marks come in order, each kind kept
        // until the scan passes it.
        let mut marks = Marks::new(b"a.b\nc?\n\n!");
        let found: Vec<_> = std::iter::successors(marks.next_from(0), |&at| marks.next_from(at + 1)).collect();
        assert_eq!(found, [1, 3, 5, 6, 7, 8]);
    }

    #[test]
    fn spans_are_offsets_into_the_whole_text() {
        let text = "---\nx: 1\n---\nOne. Two.";
        let rules = RuleSet::embedded().unwrap();
        let spans = Segmenter::new(&rules.lang).sentences(text, Span::new(13, text.len()));
        assert_eq!(
            spans.iter().map(|s| s.slice(text)).collect::<Vec<_>>(),
            ["One.", "Two."]
        );
    }

    /// Pieces of news text that test every rule of the segmenter: sentence
    /// ends, abbreviations, initials, numbers, ellipses, quotes, brackets,
    /// line breaks, list and heading markers, non-ASCII letters and spaces,
    /// and runs long enough to be cut.
    fn piece() -> impl Strategy<Value = String> {
        const PIECES: &[&str] = &[
            "Acme",
            "rained",
            "it",
            "The",
            "Élan",
            "über",
            "naïve",
            "Ünter",
            "東京",
            "x",
            "3",
            "14",
            "2024",
            ".",
            "!",
            "?",
            "?!",
            "...",
            "…",
            ". ",
            "! ",
            "? ",
            "3.5",
            "$14.3",
            "5.",
            "example.com",
            "U.S.",
            "U.S",
            "Dr.",
            "Inc.",
            "p.m.",
            "Jan.",
            "Sept.",
            "etc.",
            "No.",
            "J.",
            "R.",
            "É.",
            "é.",
            "\"",
            "'",
            "`",
            "“",
            "”",
            "‘",
            "’",
            "(",
            ")",
            "[",
            "]",
            "–",
            "—",
            "-",
            "*",
            "•",
            "#",
            "+",
            " ",
            " ",
            " ",
            "  ",
            "\t",
            "\n",
            "\n",
            "\n\n",
            "\r\n",
            "\n \n",
            "\u{a0}",
            "\u{2003}",
            "\u{b}",
            "\n- ",
            "\n* ",
            "\n+ ",
            "\n• ",
            "\n# ",
            "\n1. ",
            "\n12) ",
            "\n– ",
            "\n  — ",
            "\n-x",
            "\n3.5",
        ];
        prop_oneof![
            20 => proptest::sample::select(PIECES).prop_map(str::to_string),
            1 => (1usize..400).prop_map(|n| "word ".repeat(n)),
            1 => (1usize..1200).prop_map(|n| "é".repeat(n)),
        ]
    }

    /// The fast segmenter and the plain one, built once for all cases.
    fn both_segmenters() -> &'static (Segmenter, reference::Reference) {
        static BOTH: std::sync::OnceLock<(Segmenter, reference::Reference)> = std::sync::OnceLock::new();
        BOTH.get_or_init(|| {
            let rules = RuleSet::embedded().unwrap();
            let abbreviations = rules.lang.abbreviations.iter().cloned().collect();
            (Segmenter::new(&rules.lang), reference::Reference { abbreviations })
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]

        #[test]
        fn sentences_match_the_plain_segmenter(
            prefix in proptest::collection::vec(piece(), 0..3),
            pieces in proptest::collection::vec(piece(), 0..120),
        ) {
            let (fast, plain) = both_segmenters();
            let prefix = prefix.concat();
            let text = format!("{prefix}{}", pieces.concat());
            for within in [Span::new(0, text.len()), Span::new(prefix.len(), text.len())] {
                proptest::prop_assert_eq!(fast.sentences(&text, within), plain.sentences(&text, within), "{:?}", text);
            }
        }
    }
}
