//! The classes of ASCII bytes (digits, letters, lowercase letters, spaces,
//! characters of a word, bytes that lead a character beyond ASCII), sixteen bytes at a time, one
//! bit each: the recognizers' and the binder's scans class every byte of
//! every sentence, and compared all at once with SSE2 they cost a fraction
//! of what classing them eight at a time in a `u64` did.

/// The classes of sixteen bytes, one bit each, byte `i` at bit `i`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Classes {
    /// ASCII digits.
    pub(crate) digit: u32,
    /// ASCII letters.
    pub(crate) letter: u32,
    /// Lowercase ASCII letters.
    pub(crate) lower: u32,
    /// Spaces (0x20 alone).
    pub(crate) space: u32,
    /// ASCII characters of a word (`\w`: letters, digits, `_`).
    pub(crate) word: u32,
    /// Bytes of 0xC0 and more, which lead a character beyond ASCII.
    pub(crate) lead: u32,
}

/// The classes of sixteen bytes, compared all at once with SSE2, which
/// every x86-64 processor has.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
pub(crate) fn classes(block: [u8; 16]) -> Classes {
    // SAFETY: the instructions need SSE2, which this is compiled only
    // where the target has.
    unsafe { classes_sse2(block) }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn classes_sse2(block: [u8; 16]) -> Classes {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        _mm_set_epi64x,
    };
    let whole = u128::from_le_bytes(block);
    let x = _mm_set_epi64x((whole >> 64) as i64, whole as i64);
    // Compared as signed bytes, every byte beyond ASCII is below zero and
    // so in no range of ASCII bytes.
    let within = |v, low: u8, high: u8| {
        _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8(low as i8 - 1)),
            _mm_cmplt_epi8(v, _mm_set1_epi8(high as i8 + 1)),
        )
    };
    let digit = within(x, b'0', b'9');
    let lower = within(x, b'a', b'z');
    let space = _mm_cmpeq_epi8(x, _mm_set1_epi8(b' ' as i8));
    // Setting the bit of 0x20 makes an ASCII capital its lowercase letter.
    let letter = within(_mm_or_si128(x, _mm_set1_epi8(0x20)), b'a', b'z');
    let word = _mm_or_si128(
        _mm_or_si128(digit, letter),
        _mm_cmpeq_epi8(x, _mm_set1_epi8(b'_' as i8)),
    );
    let bits = |v| _mm_movemask_epi8(v) as u32;
    // 0xC0 and more: -64 and more, below zero.
    let lead = bits(_mm_cmpgt_epi8(x, _mm_set1_epi8(-65))) & bits(x);
    Classes {
        digit: bits(digit),
        letter: bits(letter),
        lower: bits(lower),
        space: bits(space),
        word: bits(word),
        lead,
    }
}

/// The classes of sixteen bytes, a byte at a time: what the fast path
/// must give, and the path of other processors.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn classes_bytewise(block: [u8; 16]) -> Classes {
    let mut c = Classes::default();
    for (i, &b) in block.iter().enumerate() {
        let bit = |is: bool| u32::from(is) << i;
        c.digit |= bit(b.is_ascii_digit());
        c.letter |= bit(b.is_ascii_alphabetic());
        c.lower |= bit(b.is_ascii_lowercase());
        c.space |= bit(b == b' ');
        c.word |= bit(b.is_ascii_alphanumeric() || b == b'_');
        c.lead |= bit(b >= 0xC0);
    }
    c
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
pub(crate) use classes_bytewise as classes;

/// Bit `i` set where byte `i` of `block` is an ASCII letter.
pub(crate) fn letters(block: &[u8; 64]) -> u64 {
    let (sixteens, _) = block.as_chunks::<16>();
    sixteens.iter().enumerate().fold(0, |mask, (n, sixteen)| {
        mask | u64::from(classes(*sixteen).letter) << (16 * n)
    })
}

/// Bits `(lower, spaces)`: bit `i` of `lower` set where byte `i` of `block`
/// is a lowercase ASCII letter, of `spaces` where it is a space. The words
/// of a sentence are read from these: most are lowercase, one space apart.
pub(crate) fn lowercase_and_spaces(block: &[u8; 64]) -> (u64, u64) {
    let (sixteens, _) = block.as_chunks::<16>();
    sixteens
        .iter()
        .enumerate()
        .fold((0, 0), |(lower, spaces), (n, sixteen)| {
            let c = classes(*sixteen);
            (
                lower | u64::from(c.lower) << (16 * n),
                spaces | u64::from(c.space) << (16 * n),
            )
        })
}

/// The first `N` bytes of `bytes`, zeros past its end: the last block of
/// a text, padded with bytes of no class, for the scans that read `N` at
/// a time.
pub(crate) fn padded<const N: usize>(bytes: &[u8]) -> [u8; N] {
    let mut out = [0; N];
    let n = bytes.len().min(N);
    out[..n].copy_from_slice(&bytes[..n]);
    out
}

/// The first eight bytes of `bytes` (zeros past its end) as a
/// little-endian number: how the scans compare a word's start with
/// listed words eight bytes at once.
pub(crate) fn first_eight(bytes: &[u8]) -> u64 {
    match bytes.first_chunk::<8>() {
        Some(eight) => u64::from_le_bytes(*eight),
        None => u64::from_le_bytes(padded(bytes)),
    }
}

#[cfg(test)]
mod tests {
    use super::{classes, classes_bytewise, first_eight, letters, lowercase_and_spaces, padded};

    #[test]
    fn the_first_eight_bytes_are_padded_with_zeros() {
        assert_eq!(first_eight(b"abcdefghij"), u64::from_le_bytes(*b"abcdefgh"));
        assert_eq!(
            first_eight(b"abc"),
            u64::from_le_bytes([b'a', b'b', b'c', 0, 0, 0, 0, 0])
        );
        assert_eq!(first_eight(b""), 0);
        assert_eq!(padded::<4>(b"abcdef"), *b"abcd");
        assert_eq!(padded::<4>(b"ab"), [b'a', b'b', 0, 0]);
    }

    #[test]
    fn classes_are_those_of_every_byte_value_in_every_lane() {
        // Each byte value in each lane, among neighbours that change from
        // block to block (xorshift, fixed seed).
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for b in 0..=u8::MAX {
            for lane in 0..16 {
                let mut block = [0; 16];
                for other in block.iter_mut() {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    *other = state as u8;
                }
                block[lane] = b;
                assert_eq!(classes(block), classes_bytewise(block), "byte {b:#x} in lane {lane}");
                let c = classes(block);
                assert_eq!(c.letter >> lane & 1 == 1, b.is_ascii_alphabetic(), "byte {b:#x}");
                assert_eq!(c.lower >> lane & 1 == 1, b.is_ascii_lowercase(), "byte {b:#x}");
                assert_eq!(c.space >> lane & 1 == 1, b == b' ', "byte {b:#x}");
                assert_eq!(c.lead >> lane & 1 == 1, b >= 0xC0, "byte {b:#x}");
            }
        }
    }

    #[test]
    fn masks_of_64_bytes_are_those_of_each_sixteen_in_place() {
        let block: [u8; 64] = std::array::from_fn(|i| [b'a', b' ', b'Z', 0xC3, b'0', b'{'][i % 6]);
        let plainly = (0..64).fold(0u64, |m, i| m | u64::from(block[i].is_ascii_alphabetic()) << i);
        assert_eq!(letters(&block), plainly);
        let lower = (0..64).fold(0u64, |m, i| m | u64::from(block[i].is_ascii_lowercase()) << i);
        let spaces = (0..64).fold(0u64, |m, i| m | u64::from(block[i] == b' ') << i);
        assert_eq!(lowercase_and_spaces(&block), (lower, spaces));
    }
}
