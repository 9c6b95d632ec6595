//! The words of names, compiled for look-up, and the tokenizer: a sentence
//! becomes its words with their shape (capitalized, all capitals, lowercase),
//! whether a possessive ending followed, and what separates each from the one
//! before. Bytes are scanned once; nothing is allocated per character.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use hashbrown::hash_table::{Entry, HashTable};

use crate::ascii;
use crate::rules::{EntityKind, RuleSet};

/// A hash for short words: eight bytes at a time, each folded in with a
/// multiplication, and the total mixed so that its low bits (which pick the
/// bucket) depend on every byte. Much cheaper than SipHash, and than FNV's
/// multiplication per byte; the words hashed are not chosen by an attacker
/// who could aim at collisions they would have to know the hash for.
#[derive(Default)]
pub(super) struct WordHasher(u64);

/// An odd constant with well-spread bits (from the golden ratio).
const SEED: u64 = 0x9e37_79b9_7f4a_7c15;

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(SEED).rotate_left(29);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn finish(&self) -> u64 {
        // Fold the high half of a full product into the low half.
        let product = u128::from(self.0 ^ SEED) * u128::from(0x2d35_8dcc_aa6c_78a5_u64);
        (product as u64) ^ ((product >> 64) as u64)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        // The length keeps "ab" apart from "ab\0".
        self.add(tail(chunks.remainder()) ^ ((bytes.len() as u64) << 56));
    }

    #[inline]
    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }
}

/// The hash of `word` by which [`Classes`] and the document's numbered
/// words find it: computed once where a word is met, then used for each
/// table it is looked up in.
#[inline]
pub(super) fn hash_word(word: &str) -> u64 {
    hash_bytes(word.as_bytes())
}

/// [`hash_word`] of a word's bytes.
#[inline]
pub(super) fn hash_bytes(word: &[u8]) -> u64 {
    let mut hasher = WordHasher::default();
    hasher.write(word);
    hasher.finish()
}

/// The last (fewer than eight) bytes of a word as one number, read in at
/// most two loads that may overlap: no copy of a varying length.
#[inline]
fn tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    let (Some(&first), Some(&last)) = (rest.first(), rest.last()) else {
        return 0;
    };
    // Four or two bytes from `at`, little-endian: one load each.
    let four = |at: usize| {
        rest.get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
    };
    let two = |at: usize| {
        rest.get(at..at + 2)
            .and_then(|b| <[u8; 2]>::try_from(b).ok())
            .map_or(0, |b| u64::from(u16::from_le_bytes(b)))
    };
    match n {
        4.. => four(0) | (four(n - 4) << (8 * (n - 4))),
        2.. => two(0) | (two(n - 2) << (8 * (n - 2))),
        _ => u64::from(first) | (u64::from(last) << 8),
    }
}

pub(super) type FastSet = HashSet<String, BuildHasherDefault<WordHasher>>;

/// The lengths of a list's words by their first byte, one bit a length
/// (the last for all from 63 on): most words asked about are ruled out
/// without hashing.
pub(super) struct Lengths([u64; 256]);

impl Lengths {
    /// The lengths of no word.
    pub(super) fn new() -> Self {
        Lengths([0; 256])
    }

    fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> Self {
        let mut lengths = Lengths::new();
        for word in words {
            lengths.add(word);
        }
        lengths
    }

    /// Counts `word` in.
    #[inline]
    pub(super) fn add(&mut self, word: &str) {
        if let Some(&first) = word.as_bytes().first() {
            self.0[usize::from(first)] |= length_bit(word.len());
        }
    }

    /// Whether the list may hold `word` (an empty word, always).
    #[inline]
    pub(super) fn may_hold(&self, word: &str) -> bool {
        word.as_bytes()
            .first()
            .is_none_or(|&b| self.0[usize::from(b)] & length_bit(word.len()) != 0)
    }

    /// Whether the list may hold `word` lowered by [`with_lower`] or
    /// [`lowercase_in`]: an ASCII word keeps its length, and its first
    /// byte is lowered alone; of other words, nothing is ruled out.
    #[inline]
    pub(super) fn may_hold_lowered(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        match bytes.first() {
            Some(&b) if bytes.len() <= 64 && word.is_ascii() => {
                self.0[usize::from(b.to_ascii_lowercase())] & length_bit(bytes.len()) != 0
            }
            _ => true,
        }
    }
}

/// A word's length as one bit of [`Lengths`].
#[inline]
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// A set of words, asked through its [`Lengths`] first.
pub(super) struct Words {
    set: FastSet,
    lengths: Lengths,
}

impl Words {
    #[inline]
    pub(super) fn contains(&self, word: &str) -> bool {
        self.lengths.may_hold(word) && self.set.contains(word)
    }

    /// Whether `word`, lowered as [`with_lower`] lowers it, is in the set:
    /// most words are ruled out before they are copied.
    #[inline]
    pub(super) fn contains_lower(&self, word: &str) -> bool {
        self.lengths.may_hold_lowered(word) && with_lower(word, |w| self.contains(w))
    }
}

impl FromIterator<String> for Words {
    fn from_iter<I: IntoIterator<Item = String>>(words: I) -> Self {
        let set: FastSet = words.into_iter().collect();
        let lengths = Lengths::of(set.iter().map(String::as_str));
        Words { set, lengths }
    }
}
pub(super) type FastMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;

/// Capitalized words (as written) and what each can be, found by a hash
/// of [`hash_word`]: a word new to a document is hashed once for both its
/// number there and its class here.
pub(super) struct Classes(HashTable<(Box<str>, Class)>);

impl Classes {
    /// No words yet, with room for `n`.
    fn with_capacity(n: usize) -> Self {
        Classes(HashTable::with_capacity(n))
    }

    /// Adds `class` to what `word` can be; a word already listed is not
    /// copied again.
    fn mark(&mut self, word: &str, class: Class) {
        let eq = |(w, _): &(Box<str>, Class)| **w == *word;
        match self.0.entry(hash_word(word), eq, |(w, _)| hash_word(w)) {
            Entry::Occupied(mut listed) => {
                let classes = &mut listed.get_mut().1;
                *classes = classes.with(class);
            }
            Entry::Vacant(slot) => {
                slot.insert((word.into(), class));
            }
        }
    }

    /// What `word`, whose hash is `hash`, can be, if the table holds it.
    #[inline]
    pub(super) fn get(&self, hash: u64, word: &str) -> Option<Class> {
        self.0.find(hash, |(w, _)| **w == *word).map(|&(_, class)| class)
    }

    /// The words and their classes, in no order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, Class)> {
        self.0.iter().map(|(w, class)| (&**w, *class))
    }
}

/// What a capitalized word can be; a word may be several. One bit each:
/// a class is copied into every token, and several are asked at once.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Class(u16);

/// The bits of [`Class`], and a method asking each.
macro_rules! class_bits {
    ($($(#[$doc:meta])* $name:ident = $bit:expr, $flag:ident;)*) => {
        impl Class {
            $(pub(super) const $flag: Class = Class(1 << $bit);)*

            $($(#[$doc])* #[inline(always)]
            pub(super) fn $name(self) -> bool {
                self.0 & Self::$flag.0 != 0
            })*
        }

        impl std::fmt::Debug for Class {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut set = f.debug_set();
                $(if self.$name() {
                    set.entry(&stringify!($name));
                })*
                set.finish()
            }
        }
    };
}

class_bits! {
    given = 0, GIVEN;
    surname = 1, SURNAME;
    /// No name and the start of none, except an organization's.
    not_name = 2, NOT_NAME;
    /// The start of no name at all ("The", "In").
    function = 3, FUNCTION;
    honorific = 4, HONORIFIC;
    title = 5, TITLE;
    org_word = 6, ORG_WORD;
    org_suffix = 7, ORG_SUFFIX;
    place_word = 8, PLACE_WORD;
    /// Names something that is no person, organization or place ("Awards").
    other = 9, OTHER;
    /// A role word by itself ("CEO", "Chairman").
    role = 10, ROLE;
    /// The first word of a known name.
    known_first = 11, KNOWN_FIRST;
}

impl Class {
    /// The classes of both.
    pub(super) const fn with(self, other: Class) -> Class {
        Class(self.0 | other.0)
    }

    /// Whether the word is of any of the classes of `other`.
    #[inline(always)]
    pub(super) fn any(self, other: Class) -> bool {
        self.0 & other.0 != 0
    }

    /// An organization word or suffix ("University", "Inc."): the words
    /// that make a name an organization's.
    #[inline(always)]
    pub(super) fn org_cue(self) -> bool {
        self.any(Class::ORG_WORD.with(Class::ORG_SUFFIX))
    }

    /// A word of this class keeps a period that follows it.
    pub(super) fn keeps_period(self) -> bool {
        self.any(
            Class::HONORIFIC
                .with(Class::TITLE)
                .with(Class::ORG_SUFFIX)
                .with(Class::ORG_WORD)
                .with(Class::PLACE_WORD),
        )
    }
}

/// A known entity's canonical name and kind.
#[derive(Clone, Debug)]
pub(super) struct Known {
    pub(super) canonical: String,
    pub(super) kind: EntityKind,
}

/// Every word the grammar looks up.
pub(super) struct Lexicon {
    /// Capitalized words (as written) → what they can be.
    pub(super) words: Classes,
    /// Lowercase words inside a person's name ("van").
    pub(super) particles: Words,
    /// Lowercase words inside an organization's name ("of").
    pub(super) joiners: Words,
    /// Lowercase words before a place ("in").
    pub(super) place_prepositions: Words,
    /// Role phrases, lowercased, → the role they name.
    pub(super) roles: FastMap<String>,
    /// The lengths of the role phrases: most phrases asked about are
    /// ruled out before they are lowercased.
    pub(super) role_lengths: Lengths,
    /// The most words a role phrase has.
    pub(super) role_len: usize,
    /// Last words of role phrases, lowercased: a role before a name ends
    /// in one, so one look-up rules most names out.
    pub(super) role_ends: Words,
    /// Lowercased words that make a role a past one ("former", "ex-").
    pub(super) former: Words,
    /// Lowercased words that make a role temporary.
    pub(super) acting: Words,
    /// Words between a role and its organization.
    pub(super) role_of: Words,
    /// Words between a name's comma and its role.
    pub(super) role_determiners: Words,
    /// Endings of common words ("al", "ly").
    pub(super) common_endings: Vec<String>,
    /// Known names and aliases (spaces single) → the entity.
    pub(super) known: FastMap<Known>,
    /// The most words a known name has.
    pub(super) known_len: usize,
    /// The lengths of the known names: most runs of words asked about
    /// are ruled out without hashing.
    pub(super) known_lengths: Lengths,
    /// Whether a word that starts with the byte can keep a following period.
    period_starts: [bool; 256],
    /// The lengths of the words of `words`: most words looked up, digits
    /// among them, are ruled out without hashing.
    lengths: Lengths,
}

impl Lexicon {
    pub(super) fn new(rules: &RuleSet) -> Self {
        let names = &rules.lang.names;
        // Room for the longest lists at once, not grown by rehashing; a
        // word already listed is not copied again.
        let room = rules.given_names.len() + rules.surnames.len();
        let mut words = Classes::with_capacity(room);
        let mut mark = |list: &[String], class: Class| {
            for word in list {
                words.mark(word, class);
            }
        };
        mark(&rules.given_names, Class::GIVEN);
        mark(&rules.surnames, Class::SURNAME);
        mark(&names.not_names, Class::NOT_NAME);
        mark(&rules.lang.function_words, Class::FUNCTION);
        mark(&names.honorifics, Class::HONORIFIC);
        mark(&names.org_words, Class::ORG_WORD);
        mark(&rules.lang.org_suffixes, Class::ORG_SUFFIX);
        mark(&names.place_words, Class::PLACE_WORD);
        mark(&names.other_words, Class::OTHER);
        // Role words as they are written capitalized ("CEO", "Chairman").
        let role_words: Vec<String> = names
            .roles
            .keys()
            .filter(|k| !k.contains(' '))
            .flat_map(|k| {
                let mut capital = k.clone();
                if let Some(first) = capital.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                [k.clone(), capital, k.to_uppercase()]
            })
            .collect();
        mark(&role_words, Class::ROLE);
        // A title of several words is looked up by its words: "Prime Minister".
        let titles: Vec<String> = names
            .titles
            .iter()
            .flat_map(|t| t.split(' '))
            .map(str::to_string)
            .collect();
        mark(&titles, Class::TITLE);
        // Months and weekdays start sentences and headlines as names do;
        // time zones ("0735 GMT") and holidays of one word ("Christmas")
        // are written as names are, and name none. (The first word of a
        // longer holiday starts names: "New Year's Day", "New York".)
        let dates = &rules.lang.dates;
        let holidays = dates.holidays.keys().chain(dates.floating_holidays.keys());
        let calendar: Vec<String> = dates
            .months
            .keys()
            .chain(dates.weekdays.keys())
            .chain(&dates.time_zones)
            .map(String::as_str)
            .chain(holidays.map(String::as_str).filter(|h| !h.contains(' ')))
            .map(str::to_string)
            // "AM" and "PM" as a wire writes them before a zone ("10 AM EDT").
            .chain(
                dates
                    .meridiems
                    .keys()
                    .filter(|m| !m.contains('.'))
                    .map(|m| m.to_uppercase()),
            )
            .collect();
        mark(&calendar, Class::NOT_NAME);
        let set = |list: &[String]| list.iter().map(|w| w.to_lowercase()).collect::<Words>();
        let roles: FastMap<String> = names.roles.iter().map(|(k, v)| (k.to_lowercase(), v.clone())).collect();
        let role_len = roles.keys().map(|k| k.split(' ').count()).max().unwrap_or(1);
        let role_ends: Words = roles
            .keys()
            .filter_map(|k| k.rsplit(' ').next())
            .map(str::to_string)
            .collect();
        let room = rules.entities.iter().map(|e| 1 + e.aliases.len()).sum();
        let mut known = FastMap::with_capacity_and_hasher(room, Default::default());
        for entity in &rules.entities {
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
                known.insert(
                    name,
                    Known {
                        canonical: entity.name.clone(),
                        kind: entity.kind,
                    },
                );
            }
        }
        let known_len = known.keys().map(|k| k.split(' ').count()).max().unwrap_or(1);
        for first in known.keys().filter_map(|k| k.split(' ').next()) {
            words.mark(first, Class::KNOWN_FIRST);
        }
        // Most words before a period keep none ("said."): only those that
        // start as one that does are looked up.
        let mut period_starts = [false; 256];
        for (word, class) in words.iter() {
            if let Some(&first) = word.as_bytes().first().filter(|_| class.keeps_period()) {
                period_starts[usize::from(first)] = true;
            }
        }
        let lengths = Lengths::of(words.iter().map(|(word, _)| word));
        Lexicon {
            words,
            particles: set(&names.particles),
            joiners: set(&names.org_joiners),
            place_prepositions: set(&names.place_prepositions),
            role_lengths: Lengths::of(roles.keys().map(String::as_str)),
            roles,
            role_len,
            role_ends,
            former: set(&names.former),
            acting: set(&names.acting),
            role_of: set(&names.role_of),
            role_determiners: set(&names.role_determiners),
            common_endings: names.common_endings.clone(),
            known_lengths: Lengths::of(known.keys().map(String::as_str)),
            known,
            known_len,
            period_starts,
            lengths,
        }
    }

    /// Whether `word` (with its period) is one that keeps a following
    /// period: an honorific, a title or a word of an organization's or a
    /// place's name ("Dr.", "Inc.", "St.").
    pub(super) fn keeps_period(&self, word: &str) -> bool {
        word.as_bytes()
            .first()
            .is_some_and(|&b| self.period_starts[usize::from(b)])
            && self.class(word).keeps_period()
    }

    /// What a word can be; nothing for a word the lists do not hold.
    #[inline]
    pub(super) fn class(&self, word: &str) -> Class {
        self.class_hashed(word, || hash_word(word))
    }

    /// [`Lexicon::class`] of a word whose [`hash_word`] is at hand, or
    /// computed by `hash` if the word's length leaves it to be looked up.
    #[inline]
    pub(super) fn class_hashed(&self, word: &str, hash: impl FnOnce() -> u64) -> Class {
        if !self.lengths.may_hold(word) {
            return Class::default();
        }
        self.words.get(hash(), word).unwrap_or_default()
    }
}

/// Runs `f` on `word` in lower case, without allocating for short ASCII words.
#[inline]
pub(super) fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let bytes = word.as_bytes();
    if !bytes.iter().any(u8::is_ascii_uppercase) {
        return f(word);
    }
    let mut buffer = [0u8; 64];
    if word.is_ascii() && bytes.len() <= buffer.len() {
        let lowered = &mut buffer[..bytes.len()];
        lowered.copy_from_slice(bytes);
        lowered.make_ascii_lowercase();
        if let Ok(lowered) = std::str::from_utf8(lowered) {
            return f(lowered);
        }
    }
    f(&word.to_lowercase())
}

/// Whether `word.to_lowercase()` is in `set`, without allocating for short
/// ASCII words.
pub(super) fn lowercase_in(set: &Words, word: &str) -> bool {
    if !set.lengths.may_hold_lowered(word) {
        return false;
    }
    if word.is_ascii() {
        with_lower(word, |w| set.contains(w))
    } else {
        set.contains(&word.to_lowercase())
    }
}

/// The shape of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// First letter upper case, some lower case after: "Wang", "McDonald".
    Cap,
    /// Two or more letters, all upper case: "CDC", "U.S.".
    Upper,
    /// First letter lower case: "chief", "al-Assad".
    Lower,
    /// Digits, a single capital, or a sign: "2025", "I".
    Other,
}

/// What separates a word from the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Gap {
    /// Spaces only, on one line.
    Space,
    /// A comma and spaces.
    Comma,
    /// An opening parenthesis.
    Paren,
    /// An ampersand: "Johnson & Johnson".
    Amp,
    /// The start of the sentence, a quote, a colon or a dash: what follows
    /// is capitalized whether or not it is a name.
    Open,
    /// Anything else: the word does not continue a name.
    Break,
}

/// One word of a sentence.
///
/// Laid out in the order written (`repr(C)`): the fields a plain word
/// leaves empty sit next to one another, and are stored at once.
#[derive(Clone, Copy, Debug)]
#[repr(C)]
pub(super) struct Token {
    /// Byte offsets into the document text.
    pub(super) start: usize,
    pub(super) end: usize,
    /// The word's number among the document's words that may be part of
    /// a name (0 for none: see `DocWords`).
    pub(super) word: u32,
    /// What the word can be, looked up once (capitalized words only).
    pub(super) class: Class,
    /// Followed by "'s", "’s" or a lone apostrophe after an s.
    pub(super) possessive: bool,
    /// The word sits in a headline (set after tokenizing, line by line).
    pub(super) headline: bool,
    pub(super) shape: Shape,
    pub(super) gap: Gap,
    /// The word opens a line.
    pub(super) line_start: bool,
    /// The word holds a hyphen ("Jean-Paul", "al-Assad", "Chicago-based").
    pub(super) hyphen: bool,
    /// Two words run together by a page's markup ("PhotoA").
    pub(super) glued: bool,
}

impl Token {
    /// A word of `text[start..end]` with no possessive ending, hyphen or
    /// glued capital, not yet classed.
    #[inline(always)]
    fn plain(start: usize, end: usize, shape: Shape, gap: Gap, line_start: bool) -> Self {
        Token {
            start,
            end,
            shape,
            possessive: false,
            gap,
            line_start,
            headline: false,
            word: 0,
            class: Class::default(),
            hyphen: false,
            glued: false,
        }
    }
}

/// A document's words, and which of them may be part of a name.
#[derive(Default)]
pub(super) struct Tokens {
    /// Every word of the sentences read, in order.
    pub(super) all: Vec<Token>,
    /// The indexes in `all` of the words that are not plain lowercase
    /// ones (capitalized, in capitals, digits, signs, or holding a
    /// hyphen), in order: most words are plain lowercase, and the passes
    /// that look for names visit only these.
    pub(super) notable: Vec<usize>,
}

impl Tokens {
    /// No words yet (those read before forgotten), with room for `n`.
    pub(super) fn reset(&mut self, n: usize) {
        self.all.clear();
        self.all.reserve(n);
        self.notable.clear();
        // About one word in five is capitalized.
        self.notable.reserve(n / 4);
    }

    /// Adds `token`, noted if it is no plain lowercase word.
    #[inline(always)]
    fn push(&mut self, token: Token) {
        if token.shape != Shape::Lower || token.hyphen {
            self.notable.push(self.all.len());
        }
        self.all.push(token);
    }
}

/// Appends the words of `text[start..end]` to `out`, which may already hold
/// other sentences' words. Words that keep a following period ("Dr.",
/// "Inc.") are looked up with it.
///
/// Most of a news text is plain words one space apart: those are read in
/// the loop here, which keeps few values at hand; any other word, and
/// the signs that may mark one, are read by a [`Reader`], out of line.
///
/// Returns whether a word after the sentence's first opens a line: most
/// sentences are one line, and are told so without a search.
#[inline(never)]
pub(super) fn tokenize(
    text: &str,
    start: usize,
    end: usize,
    keeps_period: impl Fn(&str) -> bool,
    out: &mut Tokens,
) -> bool {
    // The text up to the sentence's end: a byte is read after a check
    // against its length alone.
    let bytes = text.as_bytes().get(..end).unwrap_or_default();
    let mut reader = Reader {
        text,
        bytes,
        end,
        base: out.all.len(),
        gap_start: start,
        keeps_period,
        lines: false,
    };
    let mut block = Block::load(bytes, start);
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        match BYTES[usize::from(b)] {
            // Spaces, and signs that neither start a word nor mark one.
            Byte::Skip => i += 1,
            // Plain ASCII words, lowercase or capitalized, that end at a
            // space or a comma; the reader reads on where they do not.
            Byte::Lower => {
                let (mut spaces, j) = block.lowercase_words(bytes, i);
                // Lowercase words one space apart, the bulk of a text: after
                // the first, each is read here, its gap known to be a space.
                if spaces != 0 {
                    let first_end = i + spaces.trailing_zeros() as usize;
                    reader.add(out, i, first_end, Shape::Lower);
                    let chain_start = i;
                    i = first_end + 1;
                    spaces &= spaces - 1;
                    while spaces != 0 {
                        let word_end = chain_start + spaces.trailing_zeros() as usize;
                        out.all.push(Token::plain(i, word_end, Shape::Lower, Gap::Space, false));
                        i = word_end + 1;
                        spaces &= spaces - 1;
                    }
                    // The last word, after its space, is read as any other.
                    reader.gap_start = i - 1;
                }
                i = reader.plain(out, i, j, Shape::Lower);
            }
            Byte::Upper => {
                let j = block.lowercase_end(bytes, i + 1);
                // An acronym of ASCII capitals ("CEO") ends as plain words do.
                if j == i + 1 {
                    let k = uppercase_run(bytes, j);
                    if k > j && bytes.get(k).is_none_or(|&next| ends_plain_word(next)) {
                        reader.add(out, i, k, Shape::Upper);
                        reader.gap_start = k;
                        i = k;
                        continue;
                    }
                }
                let shape = if j > i + 1 { Shape::Cap } else { Shape::Other };
                i = reader.plain(out, i, j, shape);
            }
            Byte::Other => i = reader.other(out, i),
        }
    }
    reader.lines
}

/// What a byte may start, for [`tokenize`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Byte {
    /// An ASCII lowercase letter.
    Lower,
    /// An ASCII capital.
    Upper,
    /// A space or an ASCII sign other than an apostrophe: passed over.
    Skip,
    /// A digit, an apostrophe, or a byte of a character beyond ASCII.
    Other,
}

/// [`Byte`] of every byte.
static BYTES: [Byte; 256] = {
    let mut bytes = [Byte::Other; 256];
    let mut b = 0;
    while b < 0x80 {
        let byte = b as u8;
        bytes[b] = if byte.is_ascii_lowercase() {
            Byte::Lower
        } else if byte.is_ascii_uppercase() {
            Byte::Upper
        } else if byte.is_ascii_digit() || byte == b'\'' {
            Byte::Other
        } else {
            Byte::Skip
        };
        b += 1;
    }
    bytes
};

/// Whether a plain word of ASCII letters ends where `next` follows it.
#[inline(always)]
fn ends_plain_word(next: u8) -> bool {
    matches!(next, b' ' | b',' | b'\n' | b';' | b':' | b')' | b'"' | b'!' | b'?')
}

/// Which of 64 bytes of a sentence, from `at`, are lowercase ASCII letters
/// and which are spaces between two of them: the words of [`tokenize`]'s
/// loop are found in these by counting zeros, with no test per byte.
struct Block {
    at: usize,
    /// Bit `k` set where byte `at + k` is a lowercase ASCII letter before
    /// the sentence's end.
    lower: u64,
    /// Bit `k` set where byte `at + k` is a space before a lowercase
    /// letter.
    spaced: u64,
}

impl Block {
    /// The block of `bytes`, the text up to the sentence's end, from `at`
    /// (at most its length).
    #[inline(never)]
    fn load(bytes: &[u8], at: usize) -> Block {
        let rest = &bytes[at..];
        let (lower, spaces) = match rest.first_chunk::<64>() {
            Some(chunk) => ascii::lowercase_and_spaces(chunk),
            // The sentence's last bytes, followed by none that count.
            None => ascii::lowercase_and_spaces(&ascii::padded(rest)),
        };
        Block {
            at,
            lower,
            spaced: spaces & lower >> 1,
        }
    }

    /// The lowercase words one space apart from `i`, a lowercase letter:
    /// the spaces between them, as bits from `i`, and the end of the last.
    #[inline(always)]
    fn lowercase_words(&mut self, bytes: &[u8], i: usize) -> (u64, usize) {
        let mut stops = self.from(i, !(self.lower | self.spaced));
        if stops == 0 {
            // The words run to the block's end, or past it: read on from a
            // block that starts here.
            *self = Block::load(bytes, i);
            stops = !(self.lower | self.spaced);
            if stops == 0 {
                // Sixty-four bytes without a word's end: the first word
                // alone, its end found the slow way.
                return (0, lowercase_run(bytes, i));
            }
        }
        let spaces = self.from(i, self.spaced) & (stops ^ (stops - 1));
        (spaces, i + stops.trailing_zeros() as usize)
    }

    /// The end of the run of lowercase letters from `i`.
    #[inline(always)]
    fn lowercase_end(&mut self, bytes: &[u8], i: usize) -> usize {
        let mut ends = self.from(i, !self.lower);
        if ends == 0 {
            *self = Block::load(bytes, i);
            ends = !self.lower;
            if ends == 0 {
                return lowercase_run(bytes, i);
            }
        }
        i + ends.trailing_zeros() as usize
    }

    /// The bits of `mask` from byte `i` on, none where `i` is past the block.
    #[inline(always)]
    fn from(&self, i: usize, mask: u64) -> u64 {
        mask.checked_shr((i - self.at) as u32).unwrap_or(0)
    }
}

/// The state of [`tokenize`] that its slower paths share.
struct Reader<'t, F> {
    text: &'t str,
    /// The text's bytes up to `end`.
    bytes: &'t [u8],
    end: usize,
    /// The sentence's first token in the output; those before belong to
    /// other sentences.
    base: usize,
    /// Where the text since the last word starts.
    gap_start: usize,
    keeps_period: F,
    /// Whether a word after the sentence's first opens a line.
    lines: bool,
}

/// The letters of a word read so far: its first, how many upper and lower
/// case, and the lowercase letters since the last capital (a capital after
/// four of them marks two words glued together, "PhotoA").
struct Letters {
    first_upper: bool,
    first_digit: bool,
    upper: usize,
    lower: usize,
    lower_run: usize,
}

impl<F: Fn(&str) -> bool> Reader<'_, F> {
    /// Adds the word `text[start..end]`, with no possessive ending, hyphen
    /// or glued capital, after the gap since the last word.
    #[inline(always)]
    fn add(&mut self, out: &mut Tokens, start: usize, end: usize, shape: Shape) {
        let first = out.all.len() == self.base;
        let (gap, line_start) = gap_between(self.text, self.gap_start, start, first);
        self.lines |= line_start && !first;
        out.push(Token::plain(start, end, shape, gap, line_start));
    }

    /// Adds the word of ASCII letters at `start` whose first run of
    /// lowercase letters ends at `at`, when it ends there (or at a period
    /// after two letters or more: a sentence's last word, with the period
    /// if it keeps it, "Inc."); else reads it on. Returns where to read on.
    #[inline(always)]
    fn plain(&mut self, out: &mut Tokens, start: usize, at: usize, shape: Shape) -> usize {
        let Some(&next) = self.bytes.get(at).filter(|&&next| !ends_plain_word(next)) else {
            self.add(out, start, at, shape);
            self.gap_start = at;
            // The space after the word, most often, is passed at once.
            return at + usize::from(self.bytes.get(at) == Some(&b' '));
        };
        // A word with a possessive after a period it keeps, and other
        // words, are read on.
        let kept = next == b'.' && at > start + 1 && (self.keeps_period)(&self.text[start..=at]);
        if next != b'.' || at == start + 1 || kept && possessive_at(self.text, at + 1, self.end) {
            return self.word(out, start, at);
        }
        let word_end = at + usize::from(kept);
        self.add(out, start, word_end, shape);
        self.gap_start = word_end;
        word_end
    }

    /// Reads on the word of ASCII letters at `start`, whose first run of
    /// letters ends at `at` at something else than a word's end; returns
    /// where to read on.
    #[inline(never)]
    fn word(&mut self, out: &mut Tokens, start: usize, at: usize) -> usize {
        let first_upper = self.text.as_bytes()[start].is_ascii_uppercase();
        let lower = usize::from(!first_upper) + (at - start - 1);
        let letters = Letters {
            first_upper,
            first_digit: false,
            upper: usize::from(first_upper),
            lower,
            lower_run: lower,
        };
        self.read_on(out, start, at, letters)
    }

    /// Reads what starts at `i` with a digit, an apostrophe or a byte
    /// beyond ASCII: a word, a possessive ending, or a sign passed over;
    /// returns where to read on.
    #[inline(never)]
    fn other(&mut self, out: &mut Tokens, mut i: usize) -> usize {
        let (text, end) = (self.text, self.end);
        let bytes = text.as_bytes();
        // A number of digits alone, before a space or a comma, as the
        // words of letters in the tokenizer's loop.
        if bytes[i].is_ascii_digit() {
            let j = (i + 1..end).find(|&k| !bytes[k].is_ascii_digit()).unwrap_or(end);
            if j == end || ends_plain_word(bytes[j]) {
                self.add(out, i, j, Shape::Other);
                self.gap_start = j;
                return j;
            }
        }
        let Some((letter, width)) = letter_at(text, i, end) else {
            // A standalone "'s" (text rebuilt from tokens: "Reid 's") marks
            // the word before it.
            if is_apostrophe(text, i, end) {
                let after = i + apostrophe_len(bytes, i);
                let in_sentence = out.all.len() > self.base;
                if let Some(prev) = out.all.last_mut().filter(|_| in_sentence) {
                    if after < end
                        && matches!(bytes[after], b's' | b'S')
                        && letter_at(text, after + 1, end).is_none()
                        && text[prev.end..i].bytes().all(|b| b == b' ')
                    {
                        prev.possessive = true;
                        i = after + 1;
                        self.gap_start = i;
                        return i;
                    }
                }
            }
            return i + if bytes[i] < 0x80 {
                1
            } else {
                text[i..].chars().next().map_or(1, char::len_utf8)
            };
        };
        let lower = usize::from(letter.is_lowercase());
        let letters = Letters {
            first_upper: letter.is_uppercase(),
            first_digit: letter.is_ascii_digit(),
            upper: usize::from(letter.is_uppercase()),
            lower,
            lower_run: lower,
        };
        self.read_on(out, i, i + width, letters)
    }

    /// Reads the rest of the word that starts at `word_start`, from `i`,
    /// and adds it; returns where to read on.
    fn read_on(&mut self, out: &mut Tokens, word_start: usize, mut i: usize, mut letters: Letters) -> usize {
        let (text, end) = (self.text, self.end);
        let bytes = text.as_bytes();
        let mut glued = false;
        let mut hyphen = false;
        loop {
            // Runs of lowercase ASCII letters, the bulk of most words, at once.
            let run = lowercase_run(self.bytes, i) - i;
            if run > 0 {
                letters.lower += run;
                letters.lower_run += run;
                i += run;
                continue;
            }
            if let Some((c, w)) = letter_at(text, i, end) {
                let (is_upper, is_lower) = if w == 1 {
                    (c.is_ascii_uppercase(), c.is_ascii_lowercase())
                } else {
                    (c.is_uppercase(), c.is_lowercase())
                };
                glued |= is_upper && letters.lower_run >= 4;
                letters.lower_run = if is_lower { letters.lower_run + 1 } else { 0 };
                letters.upper += usize::from(is_upper);
                letters.lower += usize::from(is_lower);
                i += w;
                continue;
            }
            // Inside a word: "Jean-Paul", "O'Brien", "U.S", "AT&T".
            let joined = if i < end && matches!(bytes[i], b'-' | b'.' | b'&') {
                1
            } else if is_apostrophe(text, i, end) && !possessive_at(text, i, end) {
                apostrophe_len(bytes, i)
            } else {
                0
            };
            if joined > 0 && letter_at(text, i + joined, end).is_some() {
                hyphen |= bytes[i] == b'-';
                letters.lower_run = 0;
                // A period joins only single letters: "U.S", not "end.Next".
                if bytes[i] == b'.' && !(i - word_start == 1 || text[word_start..i].contains('.')) {
                    break;
                }
                i += joined;
                continue;
            }
            break;
        }
        let mut word_end = i;
        if word_end < end && bytes[word_end] == b'.' {
            let word = &text[word_start..word_end];
            let dotted = word.contains('.') || (word_end - word_start == 1 && letters.first_upper);
            if dotted || (self.keeps_period)(&text[word_start..=word_end]) {
                word_end += 1;
            }
        }
        i = word_end;
        let (possessive, after) = if possessive_at(text, i, end) {
            let len = apostrophe_len(bytes, i);
            let s = i + len < end && matches!(bytes[i + len], b's' | b'S');
            let after = i + len + usize::from(s);
            (true, after)
        } else {
            (false, i)
        };
        let Letters {
            first_upper,
            first_digit,
            upper,
            lower,
            ..
        } = letters;
        let shape = if first_digit {
            Shape::Other
        } else if first_upper && upper >= 2 && lower == 0 {
            Shape::Upper
        } else if first_upper && lower > 0 {
            Shape::Cap
        } else if first_upper {
            Shape::Other
        } else {
            Shape::Lower
        };
        let first = out.all.len() == self.base;
        let (gap, line_start) = gap_between(text, self.gap_start, word_start, first);
        self.lines |= line_start && !first;
        out.push(Token {
            possessive,
            hyphen,
            glued,
            ..Token::plain(word_start, word_end, shape, gap, line_start)
        });
        self.gap_start = after;
        after
    }
}

/// The end of the run of lowercase ASCII letters from byte `i` of `bytes`.
///
/// Eight bytes are tested at a time: a word's end is found without a
/// branch per letter, and most words end within the first eight.
#[inline]
fn lowercase_run(bytes: &[u8], mut i: usize) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let x = u64::from_le_bytes(*chunk);
        // Per byte, the high bit is set when the byte is below 'a' ...
        let below_a = !x.wrapping_add(LOW * u64::from(0x80 - b'a'));
        // ... or past 'z' ...
        let past_z = x.wrapping_add(LOW * u64::from(0x80 - b'z' - 1));
        // ... or not ASCII. Only a byte beyond ASCII carries into the next:
        // the bytes after the first that is no lowercase letter may be
        // marked wrongly, but only the first is looked for.
        let other = (below_a | past_z | x) & HIGH;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(u8::is_ascii_lowercase) {
        i += 1;
    }
    i
}

/// The end of the run of uppercase ASCII letters from byte `i` of `bytes`.
fn uppercase_run(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_uppercase) {
        i += 1;
    }
    i
}

/// The letter or digit at byte `i`, with its width, if there is one before `end`.
#[inline]
fn letter_at(text: &str, i: usize, end: usize) -> Option<(char, usize)> {
    if i >= end {
        return None;
    }
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii_alphanumeric() {
        return Some((b as char, 1));
    }
    if b < 0x80 {
        return None;
    }
    let c = text[i..].chars().next()?;
    c.is_alphabetic().then(|| (c, c.len_utf8()))
}

#[inline]
fn is_apostrophe(text: &str, i: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    // '’' is E2 80 99 in UTF-8: test its first byte before the whole.
    i < end && (bytes[i] == b'\'' || bytes[i] == 0xE2 && bytes.get(i + 1..i + 3) == Some(&[0x80, 0x99]))
}

fn apostrophe_len(bytes: &[u8], i: usize) -> usize {
    if bytes[i] == b'\'' {
        1
    } else {
        '’'.len_utf8()
    }
}

/// Whether a possessive ending starts at `i`: "'s" or "’s" before a
/// non-letter, or a lone apostrophe after an s ("Airlines'").
fn possessive_at(text: &str, i: usize, end: usize) -> bool {
    if !is_apostrophe(text, i, end) {
        return false;
    }
    let bytes = text.as_bytes();
    let after = i + apostrophe_len(bytes, i);
    if after < end && matches!(bytes[after], b's' | b'S') {
        return letter_at(text, after + 1, end).is_none();
    }
    i > 0 && matches!(bytes[i - 1], b's' | b'S') && letter_at(text, after, end).is_none()
}

/// What lies between two words, and whether it holds a line break.
///
/// Asked once a word: the common gaps are read where it is asked (the
/// compiler would not inline the whole), the others in [`gap_scanned`].
#[inline(always)]
fn gap_between(text: &str, from: usize, to: usize, first: bool) -> (Gap, bool) {
    // The common gaps, one space, a comma and a space, or none, need no
    // scan; told apart by length first, they need no slice compared.
    let bytes = text.as_bytes();
    match to.wrapping_sub(from) {
        0 => (if first { Gap::Open } else { Gap::Space }, false),
        1 if bytes.get(from) == Some(&b' ') => (Gap::Space, false),
        2 if bytes.get(from..to) == Some(b", ") => (Gap::Comma, false),
        _ => gap_scanned(text, from, to, first),
    }
}

/// [`gap_between`] for the gaps it does not read itself.
fn gap_scanned(text: &str, from: usize, to: usize, first: bool) -> (Gap, bool) {
    let between = &text[from..to];
    let newline = between.contains('\n');
    if first && between.trim().is_empty() {
        (Gap::Open, newline)
    } else {
        (gap_of(between), newline)
    }
}

fn gap_of(between: &str) -> Gap {
    let mut gap = Gap::Space;
    for c in between.chars() {
        gap = match (gap, c) {
            (_, '\n' | '.' | ';' | '!' | '?' | ')' | ']') => return Gap::Break,
            (Gap::Space, ' ' | '\t' | '\u{a0}') => Gap::Space,
            (g, ' ' | '\t' | '\u{a0}') => g,
            (Gap::Space, ',') => Gap::Comma,
            (Gap::Space | Gap::Comma, '(' | '[') => Gap::Paren,
            (Gap::Space, '&') => Gap::Amp,
            (_, '"' | '“' | '‘' | '`' | '\'' | ':' | '-' | '–' | '—' | '”' | '’') => Gap::Open,
            _ => return Gap::Break,
        };
    }
    gap
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tail read the slow way: its bytes little-endian, one at a time.
    fn tail_bytewise(rest: &[u8]) -> u64 {
        let n = rest.len();
        let read = |at: usize, width: usize| {
            rest[at..at + width]
                .iter()
                .rev()
                .fold(0u64, |v, &x| (v << 8) | u64::from(x))
        };
        match n {
            0 => 0,
            4.. => read(0, 4) | (read(n - 4, 4) << (8 * (n - 4))),
            2.. => read(0, 2) | (read(n - 2, 2) << (8 * (n - 2))),
            _ => u64::from(rest[0]) | (u64::from(rest[0]) << 8),
        }
    }

    /// The tokenizer as it was before its fast paths for plain ASCII words:
    /// the new one must read every text as this one did.
    fn tokenize_reference(
        text: &str,
        start: usize,
        end: usize,
        keeps_period: impl Fn(&str) -> bool,
        out: &mut Vec<Token>,
    ) {
        // The sentence's words start here; those before belong to others.
        let base = out.len();
        let bytes = text.as_bytes();
        let mut i = start;
        let mut gap_start = start;
        while i < end {
            // The space between words, most often: nothing to read.
            if bytes[i] == b' ' {
                i += 1;
                continue;
            }
            let Some((letter, width)) = letter_at(text, i, end) else {
                // A standalone "'s" (text rebuilt from tokens: "Reid 's") marks
                // the word before it.
                if is_apostrophe(text, i, end) {
                    let after = i + apostrophe_len(bytes, i);
                    let in_sentence = out.len() > base;
                    if let Some(prev) = out.last_mut().filter(|_| in_sentence) {
                        if after < end
                            && matches!(bytes[after], b's' | b'S')
                            && letter_at(text, after + 1, end).is_none()
                            && text[prev.end..i].bytes().all(|b| b == b' ')
                        {
                            prev.possessive = true;
                            i = after + 1;
                            gap_start = i;
                            continue;
                        }
                    }
                }
                i += if bytes[i] < 0x80 {
                    1
                } else {
                    text[i..].chars().next().map_or(1, char::len_utf8)
                };
                continue;
            };
            // Most words are plain lowercase ASCII followed by a space or a
            // comma: read them in a tight loop.
            if letter.is_ascii_lowercase() {
                let j = lowercase_run(&bytes[..end], i + 1);
                if j == end || matches!(bytes[j], b' ' | b',' | b'\n' | b';' | b':' | b')' | b'"' | b'!' | b'?') {
                    let (gap, line_start) = gap_between(text, gap_start, i, out.len() == base);
                    out.push(Token {
                        start: i,
                        end: j,
                        shape: Shape::Lower,
                        possessive: false,
                        gap,
                        line_start,
                        headline: false,
                        word: 0,
                        class: Class::default(),
                        hyphen: false,
                        glued: false,
                    });
                    i = j;
                    gap_start = j;
                    continue;
                }
            }
            let word_start = i;
            let first_upper = letter.is_uppercase();
            let first_digit = letter.is_ascii_digit();
            let mut upper = usize::from(first_upper);
            let mut lower = usize::from(letter.is_lowercase());
            // Lowercase letters since the last capital: a capital after four of
            // them marks two words glued together ("PhotoA").
            let mut lower_run = lower;
            let mut glued = false;
            let mut hyphen = false;
            i += width;
            loop {
                // Runs of lowercase ASCII letters, the bulk of most words, at once.
                let run = lowercase_run(&bytes[..end], i) - i;
                if run > 0 {
                    lower += run;
                    lower_run += run;
                    i += run;
                    continue;
                }
                if let Some((c, w)) = letter_at(text, i, end) {
                    let (is_upper, is_lower) = if w == 1 {
                        (c.is_ascii_uppercase(), c.is_ascii_lowercase())
                    } else {
                        (c.is_uppercase(), c.is_lowercase())
                    };
                    glued |= is_upper && lower_run >= 4;
                    lower_run = if is_lower { lower_run + 1 } else { 0 };
                    upper += usize::from(is_upper);
                    lower += usize::from(is_lower);
                    i += w;
                    continue;
                }
                // Inside a word: "Jean-Paul", "O'Brien", "U.S", "AT&T".
                let joined = if i < end && matches!(bytes[i], b'-' | b'.' | b'&') {
                    1
                } else if is_apostrophe(text, i, end) && !possessive_at(text, i, end) {
                    apostrophe_len(bytes, i)
                } else {
                    0
                };
                if joined > 0 && letter_at(text, i + joined, end).is_some() {
                    hyphen |= bytes[i] == b'-';
                    lower_run = 0;
                    // A period joins only single letters: "U.S", not "end.Next".
                    if bytes[i] == b'.' && !(i - word_start == 1 || text[word_start..i].contains('.')) {
                        break;
                    }
                    i += joined;
                    continue;
                }
                break;
            }
            let mut word_end = i;
            if word_end < end && bytes[word_end] == b'.' {
                let word = &text[word_start..word_end];
                let dotted = word.contains('.') || (word_end - word_start == 1 && first_upper);
                if dotted || keeps_period(&text[word_start..=word_end]) {
                    word_end += 1;
                }
            }
            i = word_end;
            let (possessive, after) = if possessive_at(text, i, end) {
                let len = apostrophe_len(bytes, i);
                let s = i + len < end && matches!(bytes[i + len], b's' | b'S');
                let after = i + len + usize::from(s);
                (true, after)
            } else {
                (false, i)
            };
            let shape = if first_digit {
                Shape::Other
            } else if first_upper && upper >= 2 && lower == 0 {
                Shape::Upper
            } else if first_upper && lower > 0 {
                Shape::Cap
            } else if first_upper {
                Shape::Other
            } else {
                Shape::Lower
            };
            let (gap, newline) = gap_between(text, gap_start, word_start, out.len() == base);
            out.push(Token {
                start: word_start,
                end: word_end,
                shape,
                possessive,
                gap,
                line_start: newline,
                headline: false,
                word: 0,
                class: Class::default(),
                hyphen,
                glued,
            });
            i = after;
            gap_start = i;
        }
    }

    /// Texts made of pieces that words, signs and their edge cases are
    /// made of, drawn by a fixed generator: the same texts every run.
    fn texts() -> Vec<String> {
        const PIECES: [&str; 53] = [
            " ",
            "  ",
            ", ",
            ".",
            ". ",
            "\n",
            "the",
            "said",
            "Wang",
            "McDonald",
            "CDC",
            "U.S.",
            "Dr.",
            "Inc.",
            "'s",
            "’s",
            "'",
            "’",
            "s",
            "Jean-Paul",
            "al-",
            "O'Brien",
            "AT&T",
            "&",
            "(",
            ")",
            "\"",
            "“",
            "”",
            "2025",
            "$5",
            "Zoë",
            "é",
            "É",
            "東京",
            "PhotoA",
            "x",
            "I",
            ";",
            "-",
            "7",
            "3.5",
            "said.",
            "Corp.’s",
            "Inc.'",
            "Wang.",
            "CEO",
            "AI",
            "of",
            "a",
            "in the",
            "was reported by",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        // Half the texts are long runs of lowercase words one space apart,
        // among the other pieces, that cross the 64-byte blocks the
        // tokenizer reads them in.
        (0..4000)
            .map(|n| {
                let pieces = if n % 2 == 0 { 1 + next() % 24 } else { 40 + next() % 120 };
                (0..pieces)
                    .map(|_| match next() % 8 {
                        0..4 if n % 2 == 1 => ["said ", "the ", "x ", "of "][(next() % 4) as usize],
                        _ => PIECES[(next() % PIECES.len() as u64) as usize],
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_tokenizer_reads_every_text_as_the_reference_does() {
        let rules = crate::rules::RuleSet::embedded().unwrap();
        let lex = Lexicon::new(&rules);
        let keeps_period = |w: &str| lex.keeps_period(w);
        let mut samples = texts();
        samples.push("Mr. Wang's firm, Scale AI (SAI), said: “Jones’ plan” isn’t Reid 's.\nNext".to_string());
        for text in &samples {
            // Each text as one sentence, and cut in two after its first
            // third, both after words of another sentence.
            let cut = (text.len() / 3..=text.len())
                .find(|&k| text.is_char_boundary(k))
                .unwrap_or(0);
            let (mut new, mut old) = (Tokens::default(), Vec::new());
            for (from, to) in [(0, text.len()), (0, cut), (cut, text.len())] {
                let base = new.all.len();
                let lines = tokenize(text, from, to, keeps_period, &mut new);
                tokenize_reference(text, from, to, keeps_period, &mut old);
                let opened = new
                    .all
                    .get(base + 1..)
                    .is_some_and(|words| words.iter().any(|t| t.line_start));
                assert_eq!(lines, opened, "{text:?}");
            }
            assert_eq!(format!("{:?}", new.all), format!("{old:?}"), "{text:?}");
            let notable: Vec<usize> = (0..old.len())
                .filter(|&k| old[k].shape != Shape::Lower || old[k].hyphen)
                .collect();
            assert_eq!(new.notable, notable, "{text:?}");
        }
    }

    #[test]
    fn the_length_filters_rule_out_only_words_the_lists_lack() {
        let rules = crate::rules::RuleSet::embedded().unwrap();
        let lex = Lexicon::new(&rules);
        let listed: HashMap<&str, Class> = lex.words.iter().collect();
        let mut words: Vec<String> = listed.keys().map(|w| w.to_string()).collect();
        // Each listed word, a letter longer and shorter, and other words.
        let variants: Vec<String> = words
            .iter()
            .flat_map(|w| [format!("{w}s"), w.chars().skip(1).collect(), w.to_uppercase()])
            .collect();
        words.extend(variants);
        words.extend(["2025", "$5", "", "x", "Zoë", "东京", "U.S.", "Inc."].map(String::from));
        let sets = [
            &lex.particles,
            &lex.joiners,
            &lex.place_prepositions,
            &lex.role_ends,
            &lex.former,
            &lex.acting,
            &lex.role_of,
            &lex.role_determiners,
        ];
        for set in sets {
            words.extend(set.set.iter().flat_map(|w| {
                [
                    w.clone(),
                    format!("{w}s"),
                    w.chars().skip(1).collect(),
                    w.to_uppercase(),
                    format!("É{w}"),
                ]
            }));
        }
        let mut found = 0;
        for word in &words {
            let direct = listed.get(word.as_str()).copied().unwrap_or_default();
            assert_eq!(format!("{:?}", lex.class(word)), format!("{direct:?}"), "{word}");
            found += usize::from(listed.contains_key(word.as_str()));
            for set in sets {
                assert_eq!(set.contains(word), set.set.contains(word.as_str()), "{word}");
                let lowered = with_lower(word, |w| set.set.contains(w));
                assert_eq!(set.contains_lower(word), lowered, "{word}");
                let lowercase = if word.is_ascii() {
                    lowered
                } else {
                    set.set.contains(&word.to_lowercase())
                };
                assert_eq!(lowercase_in(set, word), lowercase, "{word}");
                found += usize::from(set.contains(word));
            }
        }
        assert!(found >= listed.len() + sets.iter().map(|s| s.set.len()).sum::<usize>());
        // Role phrases, as written in any case, pass their filter.
        for role in lex.roles.keys() {
            for written in [role.clone(), role.to_uppercase()] {
                let listed = with_lower(&written, |w| lex.roles.contains_key(w));
                assert!(!listed || lex.role_lengths.may_hold_lowered(&written), "{written}");
            }
        }
    }

    #[test]
    fn a_lowercase_run_ends_at_the_first_byte_that_is_no_lowercase_letter() {
        let simple = |bytes: &[u8], mut i: usize| {
            while bytes.get(i).is_some_and(u8::is_ascii_lowercase) {
                i += 1;
            }
            i
        };
        // Every byte at every place of a run of two chunks, after and
        // before lowercase letters, and before bytes that carry.
        for b in 0..=255u8 {
            for at in 0..18 {
                for after in [b'q', 0xFF, b'A', 0x80] {
                    let mut bytes = vec![b'm'; 20];
                    bytes[at] = b;
                    bytes[at + 1..].fill(after);
                    for from in 0..=at.min(3) {
                        assert_eq!(
                            lowercase_run(&bytes, from),
                            simple(&bytes, from),
                            "{b:#x} at {at} from {from}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_token_takes_no_more_than_32_bytes() {
        // Every word of a document is a token: their size is the memory
        // and the stores a text's words cost.
        assert!(std::mem::size_of::<Token>() <= 32);
    }

    #[test]
    fn a_word_keeps_its_period_as_its_class_says() {
        let rules = crate::rules::RuleSet::embedded().unwrap();
        let lex = Lexicon::new(&rules);
        let words = [
            "Dr.", "Inc.", "Corp.", "St.", "Mr.", "Gov.", "Co.", "said.", "it.", "U.S.", "Jan.", "dr.", "x", "",
        ];
        for word in words {
            assert_eq!(lex.keeps_period(word), lex.class(word).keeps_period(), "{word}");
        }
        assert!(lex.keeps_period("Dr.") && !lex.keeps_period("said."));
    }

    #[test]
    fn the_tail_of_a_word_is_read_as_its_bytes_little_endian() {
        let bytes: Vec<u8> = (1..=8u8).map(|b| b.wrapping_mul(37)).collect();
        for n in 0..8 {
            assert_eq!(tail(&bytes[..n]), tail_bytewise(&bytes[..n]), "{n} bytes");
        }
    }
}
