//! Where the ASCII letters are among 64 bytes, one bit each: the scan that
//! finds where words start in every sentence, done sixteen bytes per
//! instruction where the processor can.

/// Bit `i` set where byte `i` of `block` is an ASCII letter.
pub(crate) fn letters(block: &[u8; 64]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: every x86_64 processor has SSE2.
        unsafe { letters_sse2(block) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        letters_portable(block)
    }
}

/// [`letters`] sixteen bytes at a time: a byte with bit 0x20 set is a
/// letter when it is from `a` to `z`; the comparisons are signed, so that
/// bytes from 0x80 up, negative, are none.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn letters_sse2(block: &[u8; 64]) -> u64 {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_set_epi64x,
    };
    let (sixteens, _) = block.as_chunks::<16>();
    let mut mask = 0;
    for (n, sixteen) in sixteens.iter().enumerate() {
        let x = u128::from_le_bytes(*sixteen);
        let v = _mm_set_epi64x((x >> 64) as i64, x as i64);
        let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
        let letter = _mm_and_si128(
            _mm_cmpgt_epi8(lower, _mm_set1_epi8(b'a' as i8 - 1)),
            _mm_cmplt_epi8(lower, _mm_set1_epi8(b'z' as i8 + 1)),
        );
        mask |= u64::from(_mm_movemask_epi8(letter) as u16) << (16 * n);
    }
    mask
}

/// [`letters`] a byte at a time: what the fast path must give.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn letters_portable(block: &[u8; 64]) -> u64 {
    block
        .iter()
        .enumerate()
        .fold(0, |mask, (i, b)| mask | u64::from(b.is_ascii_alphabetic()) << i)
}

/// Bits `(lower, spaces)`: bit `i` of `lower` set where byte `i` of `block`
/// is a lowercase ASCII letter, of `spaces` where it is a space. The words
/// of a sentence are read from these: most are lowercase, one space apart.
pub(crate) fn lowercase_and_spaces(block: &[u8; 64]) -> (u64, u64) {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: every x86_64 processor has SSE2.
        unsafe { lowercase_and_spaces_sse2(block) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        lowercase_and_spaces_portable(block)
    }
}

/// [`lowercase_and_spaces`] sixteen bytes at a time; as in
/// [`letters_sse2`], bytes from 0x80 up compare as negative, below `a`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn lowercase_and_spaces_sse2(block: &[u8; 64]) -> (u64, u64) {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_set1_epi8, _mm_set_epi64x,
    };
    let (sixteens, _) = block.as_chunks::<16>();
    let (mut lower, mut spaces) = (0, 0);
    for (n, sixteen) in sixteens.iter().enumerate() {
        let x = u128::from_le_bytes(*sixteen);
        let v = _mm_set_epi64x((x >> 64) as i64, x as i64);
        let letter = _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8(b'a' as i8 - 1)),
            _mm_cmplt_epi8(v, _mm_set1_epi8(b'z' as i8 + 1)),
        );
        let space = _mm_cmpeq_epi8(v, _mm_set1_epi8(b' ' as i8));
        lower |= u64::from(_mm_movemask_epi8(letter) as u16) << (16 * n);
        spaces |= u64::from(_mm_movemask_epi8(space) as u16) << (16 * n);
    }
    (lower, spaces)
}

/// [`lowercase_and_spaces`] a byte at a time: what the fast path must give.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn lowercase_and_spaces_portable(block: &[u8; 64]) -> (u64, u64) {
    block.iter().enumerate().fold((0, 0), |(lower, spaces), (i, b)| {
        (
            lower | u64::from(b.is_ascii_lowercase()) << i,
            spaces | u64::from(*b == b' ') << i,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::{letters, letters_portable, lowercase_and_spaces, lowercase_and_spaces_portable};

    #[test]
    fn letters_are_the_ascii_letters_of_every_byte_value_at_every_place() {
        // Each byte value at each of the 64 places, among neighbours that
        // change from block to block (xorshift, fixed seed).
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for value in 0..=u8::MAX {
            for place in 0..64 {
                let mut block = [0; 64];
                for b in block.iter_mut() {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    *b = state as u8;
                }
                block[place] = value;
                assert_eq!(letters(&block), letters_portable(&block), "{block:?}");
                assert_eq!(letters(&block) >> place & 1 == 1, value.is_ascii_alphabetic());
            }
        }
    }

    #[test]
    fn lowercase_and_spaces_are_those_of_every_byte_value_at_every_place() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for value in 0..=u8::MAX {
            for place in 0..64 {
                let mut block = [0; 64];
                for b in block.iter_mut() {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    *b = state as u8;
                }
                block[place] = value;
                let (lower, spaces) = lowercase_and_spaces(&block);
                assert_eq!((lower, spaces), lowercase_and_spaces_portable(&block), "{block:?}");
                assert_eq!(lower >> place & 1 == 1, value.is_ascii_lowercase());
                assert_eq!(spaces >> place & 1 == 1, value == b' ');
            }
        }
    }
}
