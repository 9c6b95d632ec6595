//! Trigger heads: every claim rule's first trigger words in; for a
//! sentence, the rules whose heads it holds where a word can start out.
//!
//! Binding asks this of every sentence, and most sentences hold no trigger.
//! A trigger is only ever found where a word starts (see
//! [`starts_word`](crate::util::starts_word)), so only the starts of words
//! are looked at, not every byte through an automaton. The heads of news
//! triggers start with letters, and a letter after a byte that is none
//! starts a word: those are found eight bytes at a time, and there the
//! word's first four bytes rule nearly every word out with one bit of a
//! table. The few words left ("was", "of the", "their") are compared with
//! the heads that begin with those four bytes.

/// Every claim rule's trigger heads, looked up at the starts of words.
#[derive(Debug)]
pub(super) struct Heads {
    /// Bit [`slot`]`(`[`key`]`)` is set for the first four bytes of every
    /// head in `long`.
    keys: Box<[u64; 1 << 10]>,
    /// The heads of four bytes or more, sorted by the key of their first
    /// four bytes.
    long: Vec<(u32, Head)>,
    /// The heads of one to three bytes.
    short: Vec<Head>,
    /// Whether one of `short` starts with the byte, in either case.
    short_firsts: [bool; 256],
    /// The rules with an empty head, which every sentence holds.
    empty: Vec<usize>,
    /// Whether every head starts with an ASCII letter: then only the
    /// letters that start words need be looked at.
    letters: bool,
}

/// A head, ASCII letters lowercased, and its rule.
#[derive(Debug)]
struct Head {
    bytes: Box<[u8]>,
    rule: usize,
    /// Its first eight bytes (fewer when it is shorter) with bit 0x20 set
    /// in each, as [`Head::may_start`] reads them, and the mask of those bytes.
    eight: u64,
    mask: u64,
}

impl Head {
    fn new(bytes: Box<[u8]>, rule: usize) -> Self {
        let mut eight = [0; 8];
        let n = bytes.len().min(8);
        eight[..n].copy_from_slice(&bytes[..n]);
        let mask = u64::MAX.checked_shr(64 - 8 * n as u32).unwrap_or(0);
        Head {
            eight: (u64::from_le_bytes(eight) | splat(0x20)) & mask,
            mask,
            bytes,
            rule,
        }
    }

    /// Whether the head may start the text whose first eight bytes (zeros
    /// past its end) are `eight`, read as a little-endian number: a test
    /// that turns most words away before their bytes are compared.
    fn may_start(&self, eight: u64) -> bool {
        (eight | splat(0x20)) & self.mask == self.eight
    }
}

/// Bit 7 of every byte.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// `b` in every byte.
const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// Of eight bytes read as a little-endian number, bit 7 set in each that
/// is an ASCII letter. Bit 0x20 set makes such a letter lowercase and no
/// other byte one; then, for a byte below 0x80, adding `0x80 - b'a'` sets
/// its bit 7 when it is `a` or more, adding `0x80 - b'{'` when it is past
/// `z`, and neither carries into the next byte.
fn letters(eight: u64) -> u64 {
    let ascii = !eight & HIGH;
    let lower = eight & !HIGH | splat(0x20);
    let at_least = |b: u8| (lower + splat(0x80 - b)) & HIGH;
    at_least(b'a') & !at_least(b'z' + 1) & ascii
}

/// The key of four bytes: each with its bit 0x20 set, so that both cases
/// of an ASCII letter give one key. (A few other bytes share a key too,
/// which only lets a word through to be compared.)
fn key(four: [u8; 4]) -> u32 {
    u32::from_le_bytes(four) | 0x2020_2020
}

/// The bit of [`Heads::keys`] that a key sets: the top 16 bits of a
/// multiplicative hash.
fn slot(key: u32) -> usize {
    (key.wrapping_mul(0x9e37_79b1) >> 16) as usize
}

/// Whether `text` starts with `head` (lowercase), ASCII letters in either
/// case: how the rules' own matchers compare their triggers.
fn starts_with(text: &[u8], head: &[u8]) -> bool {
    text.len() >= head.len() && text.iter().zip(head).all(|(b, h)| b.to_ascii_lowercase() == *h)
}

impl Heads {
    /// The heads and the rule (an index) of each.
    pub(super) fn new<'a>(heads: impl IntoIterator<Item = (&'a str, usize)>) -> Self {
        let mut out = Heads {
            keys: Box::new([0; 1 << 10]),
            long: Vec::new(),
            short: Vec::new(),
            short_firsts: [false; 256],
            empty: Vec::new(),
            letters: true,
        };
        for (head, rule) in heads {
            let head = head.as_bytes().to_ascii_lowercase().into_boxed_slice();
            let Some(&first) = head.first() else {
                out.empty.push(rule);
                continue;
            };
            out.letters &= first.is_ascii_alphabetic();
            match head.first_chunk::<4>() {
                Some(&four) => {
                    let slot = slot(key(four));
                    out.keys[slot / 64] |= 1 << (slot % 64);
                    out.long.push((key(four), Head::new(head, rule)));
                }
                None => {
                    out.short_firsts[usize::from(first)] = true;
                    out.short_firsts[usize::from(first.to_ascii_uppercase())] = true;
                    out.short.push(Head::new(head, rule));
                }
            }
        }
        out.long.sort_by_key(|&(key, _)| key);
        out
    }

    /// Sets `present[rule]` for the rule of every head that `text` holds at
    /// a byte no ASCII letter comes right before: at least every rule with
    /// a trigger at the start of a word of `text`. Returns whether it set
    /// any.
    pub(super) fn mark(&self, text: &str, present: &mut [bool]) -> bool {
        let mut any = false;
        for &rule in &self.empty {
            present[rule] = true;
            any = true;
        }
        let bytes = text.as_bytes();
        if !self.letters {
            return self.mark_plainly(bytes, present) | any;
        }
        // The text eight bytes at a time, the last ones followed by zeros
        // (no letters), then zeros.
        let (chunks, rest) = bytes.as_chunks::<8>();
        let mut last = [0; 8];
        last[..rest.len()].copy_from_slice(rest);
        let eight = |n: usize| match chunks.get(n) {
            Some(chunk) => u64::from_le_bytes(*chunk),
            None if n == chunks.len() => u64::from_le_bytes(last),
            None => 0,
        };
        // Whether the byte before the eight is a letter; the text's start
        // is none.
        let mut after_letter = 0;
        let mut this = eight(0);
        for n in 0..chunks.len() + 1 {
            let next = eight(n + 1);
            let letters = letters(this);
            let mut starts = letters & !(letters << 8 | after_letter << 7);
            after_letter = letters >> 63;
            // The bytes from here on: a word's first four bytes are read
            // from them, without going back to the text.
            let ahead = u128::from(next) << 64 | u128::from(this);
            while starts != 0 {
                let bit = starts.trailing_zeros() - 7;
                starts &= starts - 1;
                if self.may_start((ahead >> bit) as u32) {
                    any |= self.mark_at(&bytes[8 * n + bit as usize / 8..], (ahead >> bit) as u64, present);
                }
            }
            this = next;
        }
        any
    }

    /// Whether a head may start with the four bytes of `four` (zeros past
    /// the text's end), read as a little-endian number: nearly every word
    /// may not.
    fn may_start(&self, four: u32) -> bool {
        let slot = slot(key(four.to_le_bytes()));
        self.short_firsts[usize::from(four as u8)] || self.keys[slot / 64] & (1 << (slot % 64)) != 0
    }

    /// [`Heads::mark`] for heads that may start with any byte: every byte
    /// after one that is no ASCII letter is looked at.
    fn mark_plainly(&self, bytes: &[u8], present: &mut [bool]) -> bool {
        let mut any = false;
        let mut at = 0;
        while at < bytes.len() {
            let mut eight = [0; 8];
            let n = (bytes.len() - at).min(8);
            eight[..n].copy_from_slice(&bytes[at..at + n]);
            any |= self.mark_at(&bytes[at..], u64::from_le_bytes(eight), present);
            // The next byte no letter comes right before: past the letters
            // from here, and the byte that ends them.
            let word = bytes[at..].iter().position(|&b| !b.is_ascii_alphabetic());
            at += word.unwrap_or(bytes.len() - at) + 1;
        }
        any
    }

    /// Marks the rules of the heads `rest` starts with, whose first eight
    /// bytes (zeros past its end) are `eight`; returns whether there were
    /// any.
    fn mark_at(&self, rest: &[u8], eight: u64, present: &mut [bool]) -> bool {
        let key = key((eight as u32).to_le_bytes());
        let from = self.long.partition_point(|&(k, _)| k < key);
        let long = self.long[from..].iter().take_while(|&&(k, _)| k == key);
        let mut any = false;
        for head in self.short.iter().chain(long.map(|(_, head)| head)) {
            if head.may_start(eight) && starts_with(rest, &head.bytes) {
                present[head.rule] = true;
                any = true;
            }
        }
        any
    }
}

#[cfg(test)]
mod tests {
    use super::Heads;
    use aho_corasick::AhoCorasick;

    /// The rules [`Heads::mark`] should mark, found the plain way: every
    /// occurrence of every head, ASCII letters in either case, kept where
    /// no ASCII letter comes right before it.
    fn marked_plainly(heads: &[(&str, usize)], rules: usize, text: &str) -> Vec<bool> {
        let words: Vec<&str> = heads.iter().map(|(h, _)| *h).collect();
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&words)
            .unwrap();
        let mut present = vec![false; rules];
        for m in automaton.find_overlapping_iter(text) {
            let before = text.as_bytes()[..m.start()].last();
            if before.is_none_or(|b| !b.is_ascii_alphabetic()) {
                present[heads[m.pattern().as_usize()].1] = true;
            }
        }
        present
    }

    fn assert_marks_as_plainly(heads: &[(&str, usize)], pieces: &[&str]) {
        let rules = heads.iter().map(|&(_, r)| r + 1).max().unwrap_or(0);
        let index = Heads::new(heads.iter().copied());
        for text in crate::util::random_texts(pieces, 4000, 12) {
            let mut present = vec![false; rules];
            let any = index.mark(&text, &mut present);
            assert_eq!(present, marked_plainly(heads, rules, &text), "{text:?}");
            assert_eq!(any, present.contains(&true), "{text:?}");
        }
    }

    #[test]
    fn heads_are_marked_where_a_word_can_start_as_a_plain_search_finds_them() {
        let heads = [
            ("invest", 0),
            ("investment in", 0),
            ("was acquired", 1),
            ("acquisition of", 1),
            ("die", 2),
            ("died", 3),
            ("year-old", 4),
            ("of the vote", 5),
            ("co-founded", 6),
            ("X", 7),
            ("é", 8),
        ];
        let pieces = [
            "invest",
            "INVESTORS",
            "Investment in",
            "investment",
            "was",
            "WAS acquired",
            " ",
            " ",
            ",",
            "-",
            "“",
            "é",
            "É",
            "1",
            "28",
            "year",
            "-old",
            "die",
            "Died",
            "dIES",
            "of the",
            " vote",
            "co",
            "-founded",
            "x",
            "X",
            "a",
            "acquisition of",
            "qui",
            "\n",
        ];
        assert!(!Heads::new(heads.iter().copied()).letters);
        assert_marks_as_plainly(&heads, &pieces);
    }

    #[test]
    fn heads_of_letters_are_marked_eight_bytes_at_a_time_as_a_plain_search_finds_them() {
        let heads = [
            ("invest", 0),
            ("investment in", 0),
            ("was acquired", 1),
            ("die", 2),
            ("died", 3),
            ("year-old", 4),
            ("of the vote", 5),
            ("co-founded", 6),
            ("X", 7),
        ];
        let pieces = [
            "invest",
            "INVESTORS",
            "was",
            "WAS acquired",
            " ",
            ",",
            "-",
            "“",
            "é",
            "É",
            "1",
            "year",
            "-old",
            "die",
            "Died",
            "dIES",
            "of the",
            " vote",
            "co",
            "-founded",
            "x",
            "X",
            "_",
            "@",
            "[",
            "`",
            "{",
            "\u{7f}",
            "\0",
            "\u{10}",
            "ok",
        ];
        assert!(Heads::new(heads.iter().copied()).letters);
        assert_marks_as_plainly(&heads, &pieces);
    }

    #[test]
    fn letters_are_found_eight_bytes_at_a_time_as_one_at_a_time() {
        // Each byte value in each of the eight places, among neighbours
        // of every kind.
        let around = [b'a', b'Z', b'0', b' ', 0x7f, 0xc3, 0x40, 0x60, 0x7b, 0x5b];
        for b in 0..=255u8 {
            for place in 0..8 {
                for &other in &around {
                    let mut eight = [other; 8];
                    eight[place] = b;
                    let letters = super::letters(u64::from_le_bytes(eight));
                    let plainly = eight
                        .iter()
                        .enumerate()
                        .filter(|(_, b)| b.is_ascii_alphabetic())
                        .fold(0, |mask, (i, _)| mask | 0x80 << (8 * i));
                    assert_eq!(letters, plainly, "{eight:?}");
                }
            }
        }
    }

    #[test]
    fn an_empty_head_is_in_every_text() {
        assert_marks_as_plainly(&[("", 0), ("died", 1)], &["died", " ", "x", "Died"]);
    }
}
