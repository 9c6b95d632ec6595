//! Trigger heads: every claim rule's first trigger words in; for a
//! sentence, where it holds which rule's heads where a word can start out.
//!
//! Binding asks this of every sentence, and most sentences hold no trigger.
//! A trigger is only ever found where a word starts (see
//! [`starts_word`](crate::util::starts_word)), so only the starts of words
//! are looked at, not every byte through an automaton. The heads of news
//! triggers start with letters, and a letter after a byte that is none
//! starts a word: those are found 64 bytes at a time, and there the
//! word's first four bytes rule nearly every word out with one bit of a
//! table. The few words left ("was", "of the", "their") are compared with
//! the heads that begin with those four bytes. What is found is where each
//! head starts, so that a rule's own triggers are looked for there alone.

use crate::ascii;

/// Every claim rule's trigger heads, looked up at the starts of words.
#[derive(Debug)]
pub(super) struct Heads {
    /// Bit [`slot`]`(`[`key`]`)` is set for the first four bytes of every
    /// head of four bytes or more, and for the three of every head of
    /// three followed by any byte.
    keys: Box<[u64; 1 << 10]>,
    /// The heads of four bytes or more, each with the key of its first
    /// four bytes, sorted by [`bucket`] of the key.
    long: Vec<(u32, Head)>,
    /// Where the heads of each bucket start in `long`, and where the last
    /// ends: a word that gets past `keys` is compared with a few heads,
    /// found without a search.
    buckets: Vec<usize>,
    /// The heads of one to three bytes.
    short: Vec<Head>,
    /// Whether every head starts with an ASCII letter and has three bytes
    /// or more: then only the letters that start words need be looked at,
    /// and their first four bytes tell nearly all apart.
    keyed: bool,
}

/// A head, ASCII letters lowercased, and whose it is.
#[derive(Debug)]
struct Head {
    bytes: Box<[u8]>,
    rule: usize,
    /// Its index among its rule's heads.
    word: usize,
    /// Its first eight bytes (fewer when it is shorter) with bit 0x20 set
    /// in each, as [`Head::may_start`] reads them, and the mask of those bytes.
    eight: u64,
    mask: u64,
}

/// A head found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Found {
    /// Where it starts, in bytes into the text.
    pub(super) at: usize,
    /// Its rule, an index.
    pub(super) rule: usize,
    /// The head, an index among its rule's heads.
    pub(super) word: usize,
    /// Its length in bytes.
    pub(super) len: usize,
}

impl Head {
    fn new(bytes: Box<[u8]>, rule: usize, word: usize) -> Self {
        let mut eight = [0; 8];
        let n = bytes.len().min(8);
        eight[..n].copy_from_slice(&bytes[..n]);
        let mask = u64::MAX.checked_shr(64 - 8 * n as u32).unwrap_or(0);
        Head {
            eight: (u64::from_le_bytes(eight) | splat(0x20)) & mask,
            mask,
            bytes,
            rule,
            word,
        }
    }

    /// Whether the head may start the text whose first eight bytes (zeros
    /// past its end) are `eight`, read as a little-endian number: a test
    /// that turns most words away before their bytes are compared.
    fn may_start(&self, eight: u64) -> bool {
        (eight | splat(0x20)) & self.mask == self.eight
    }
}

/// `b` in every byte.
const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
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

/// The bucket of [`Heads::long`] that holds the heads of a key: the top
/// ten bits of its slot.
fn bucket(key: u32) -> usize {
    slot(key) >> 6
}

/// Whether `text` starts with `head` (lowercase), ASCII letters in either
/// case: how the rules' own matchers compare their triggers.
fn starts_with(text: &[u8], head: &[u8]) -> bool {
    text.len() >= head.len() && text.iter().zip(head).all(|(b, h)| b.to_ascii_lowercase() == *h)
}

impl Heads {
    /// The heads, none empty, each with its rule (an index) and its index
    /// among that rule's heads.
    pub(super) fn new<'a>(heads: impl IntoIterator<Item = (&'a str, usize, usize)>) -> Self {
        let mut keys = Box::new([0; 1 << 10]);
        let mut set = |key: u32| {
            let slot = slot(key);
            keys[slot / 64] |= 1 << (slot % 64);
        };
        let (mut long, mut short) = (Vec::new(), Vec::new());
        let mut keyed = true;
        for (head, rule, word) in heads {
            let head = head.as_bytes().to_ascii_lowercase().into_boxed_slice();
            let Some(&first) = head.first() else { continue };
            keyed &= first.is_ascii_alphabetic();
            match *head {
                [a, b, c, d, ..] => {
                    set(key([a, b, c, d]));
                    long.push((key([a, b, c, d]), Head::new(head, rule, word)));
                }
                [a, b, c] => {
                    // Whatever byte follows, in either case.
                    (0..=u8::MAX).for_each(|d| set(key([a, b, c, d])));
                    short.push(Head::new(head, rule, word));
                }
                _ => {
                    keyed = false;
                    short.push(Head::new(head, rule, word));
                }
            }
        }
        long.sort_by_key(|&(key, _)| bucket(key));
        let buckets = (0..=1 << 10)
            .map(|b| long.partition_point(|&(key, _)| bucket(key) < b))
            .collect();
        Heads {
            keys,
            long,
            buckets,
            short,
            keyed,
        }
    }

    /// Pushes to `found`, in the order of where they start, the heads that
    /// `text` holds at a byte no ASCII letter comes right before: at least
    /// every head at the start of a word of `text`. Out of line: the loop
    /// over every word of the text keeps what it needs in registers.
    #[inline(never)]
    pub(super) fn find(&self, text: &str, found: &mut Vec<Found>) {
        let bytes = text.as_bytes();
        if !self.keyed {
            return self.find_plainly(bytes, found);
        }
        // The text 64 bytes at a time, the last ones followed by zeros (no
        // letters).
        let (blocks, rest) = bytes.as_chunks::<64>();
        let last = ascii::padded(rest);
        // The text's start has no letter before it.
        let mut after_letter = 0;
        for (n, block) in blocks.iter().enumerate() {
            after_letter = self.find_in_block(bytes, 64 * n, ascii::letters(block), after_letter, found);
        }
        self.find_in_block(bytes, 64 * blocks.len(), ascii::letters(&last), after_letter, found);
    }

    /// [`Heads::find`] at the words that start in the 64 bytes from `at`
    /// on, whose letters are the bits of `letters`; `after_letter` is 1
    /// when the byte before them is a letter. Returns the same of their
    /// last byte.
    #[inline(always)]
    fn find_in_block(&self, bytes: &[u8], at: usize, letters: u64, after_letter: u64, found: &mut Vec<Found>) -> u64 {
        let mut starts = letters & !(letters << 1 | after_letter);
        while starts != 0 {
            let start = at + starts.trailing_zeros() as usize;
            starts &= starts - 1;
            let key = key(first_four(bytes, start).to_le_bytes());
            let slot = slot(key);
            if self.keys[slot / 64] & (1 << (slot % 64)) != 0 {
                self.find_at(bytes, start, key, found);
            }
        }
        letters >> 63
    }

    /// [`Heads::find`] for heads that may start with any byte or be
    /// shorter than three: every byte after one that is no ASCII letter is
    /// looked at.
    fn find_plainly(&self, bytes: &[u8], found: &mut Vec<Found>) {
        let mut at = 0;
        while at < bytes.len() {
            self.find_at(bytes, at, key(first_four(bytes, at).to_le_bytes()), found);
            // The next byte no letter comes right before: past the letters
            // from here, and the byte that ends them.
            let word = bytes[at..].iter().position(|&b| !b.is_ascii_alphabetic());
            at += word.unwrap_or(bytes.len() - at) + 1;
        }
    }

    /// Pushes the heads that start at byte `at` of `bytes`, whose first
    /// four bytes have the key `key`. Out of line: the few words that get
    /// here would crowd the loop over all of them.
    #[inline(never)]
    fn find_at(&self, bytes: &[u8], at: usize, key: u32, found: &mut Vec<Found>) {
        let rest = bytes.get(at..).unwrap_or_default();
        let eight = ascii::first_eight(rest);
        let bucket = bucket(key);
        let long = self.long[self.buckets[bucket]..self.buckets[bucket + 1]].iter();
        let long = long.filter(|&&(k, _)| k == key).map(|(_, head)| head);
        for head in self.short.iter().chain(long) {
            if head.may_start(eight) && starts_with(rest, &head.bytes) {
                found.push(Found {
                    at,
                    rule: head.rule,
                    word: head.word,
                    len: head.bytes.len(),
                });
            }
        }
    }
}

/// The four bytes of `bytes` from `at` on (zeros past its end), read as a
/// little-endian number.
fn first_four(bytes: &[u8], at: usize) -> u32 {
    match bytes.get(at..at + 4) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => {
            let mut four = [0; 4];
            let rest = bytes.get(at..).unwrap_or_default();
            four[..rest.len()].copy_from_slice(rest);
            u32::from_le_bytes(four)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Found, Heads};
    use aho_corasick::AhoCorasick;

    /// The heads [`Heads::find`] should find, found the plain way: every
    /// occurrence of every head, ASCII letters in either case, kept where
    /// no ASCII letter comes right before it. A head's word is its index.
    fn found_plainly(heads: &[(&str, usize)], text: &str) -> Vec<Found> {
        let words: Vec<&str> = heads.iter().map(|(h, _)| *h).collect();
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&words)
            .unwrap();
        let mut found: Vec<Found> = automaton
            .find_overlapping_iter(text)
            .filter(|m| {
                let before = text.as_bytes()[..m.start()].last();
                before.is_none_or(|b| !b.is_ascii_alphabetic())
            })
            .map(|m| Found {
                at: m.start(),
                rule: heads[m.pattern().as_usize()].1,
                word: m.pattern().as_usize(),
                len: m.len(),
            })
            .collect();
        found.sort();
        found
    }

    fn assert_finds_as_plainly(heads: &[(&str, usize)], pieces: &[&str]) {
        let index = Heads::new(heads.iter().enumerate().map(|(word, &(head, rule))| (head, rule, word)));
        for text in crate::util::random_texts(pieces, 4000, 40) {
            let mut found = Vec::new();
            index.find(&text, &mut found);
            assert!(found.is_sorted_by_key(|f| f.at), "{text:?}");
            found.sort();
            assert_eq!(found, found_plainly(heads, &text), "{text:?}");
        }
    }

    #[test]
    fn heads_are_found_where_a_word_can_start_as_a_plain_search_finds_them() {
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
        assert!(!Heads::new(heads.iter().map(|&(h, r)| (h, r, 0))).keyed);
        assert_finds_as_plainly(&heads, &pieces);
    }

    #[test]
    fn heads_of_three_letters_or_more_are_found_a_block_at_a_time_as_a_plain_search_finds_them() {
        let heads = [
            ("invest", 0),
            ("investment in", 0),
            ("was acquired", 1),
            ("die", 2),
            ("died", 3),
            ("year-old", 4),
            ("of the vote", 5),
            ("co-founded", 6),
            ("Xen", 7),
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
            "eN",
        ];
        assert!(Heads::new(heads.iter().map(|&(h, r)| (h, r, 0))).keyed);
        assert_finds_as_plainly(&heads, &pieces);
    }

    #[test]
    fn three_letter_heads_are_found_whatever_follows_them() {
        let heads = [("die", 0), ("dies in", 1), ("was", 2), ("wasted", 3)];
        let pieces = [
            "die", "Die", "DIE", "s", " in", "was", "WAS", "ted", " ", ".", "é", "1", "x",
        ];
        assert_finds_as_plainly(&heads, &pieces);
    }
}
