//! A spill: bytes that compare sets aside while it gathers a corpus and
//! reads back only for the few items that make a conflict.
//!
//! Compare must see every claim and record before it can tell which
//! conflict, yet what it reads to find conflicts is a small part of each
//! (keys, hashes, values); quotes and evidence are needed only for what it
//! reports. So the rest is written here: to an unnamed temporary file,
//! which the system removes when the check ends however it ends, so that it
//! costs disk and page cache instead of the check's memory. Where no
//! temporary file can be made (or written), the bytes stay in memory: the
//! check then needs more memory, never loses an item.

use std::fs::File;
use std::io::Write;

/// Where one item was put: see [`Spill::push`]. Packed to twelve bytes: a
/// check holds one for every claim.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C, packed(4))]
pub(crate) struct Place {
    offset: u64,
    len: u32,
}

impl Place {
    /// Where a place in some bytes is once those bytes are put at `base`.
    pub(crate) fn moved_to(self, base: Place) -> Place {
        Place {
            offset: base.offset + self.offset,
            len: self.len,
        }
    }

    /// Where the item ends: the offset of the byte after it.
    pub(crate) fn end(self) -> u64 {
        self.offset + u64::from(self.len)
    }

    /// How many bytes [`Place::write`] takes.
    pub(crate) const BYTES: usize = 12;

    /// Writes the place at the end of `out`, as [`Place::take`] reads it.
    pub(crate) fn write(self, out: &mut Vec<u8>) {
        let Place { offset, len } = self;
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
    }

    /// The place [`Place::write`] wrote at the start of `bytes`, which is
    /// moved past it.
    pub(crate) fn take(bytes: &mut &[u8]) -> Result<Place, String> {
        let offset = take_u64(bytes)?;
        let len = u32::from_le_bytes(take_array(bytes)?);
        Ok(Place { offset, len })
    }

    /// How many bytes the item has.
    pub(crate) fn len(self) -> usize {
        self.len as usize
    }

    /// Where `len` bytes from `start` on of the bytes at `self` are.
    pub(crate) fn part(self, start: usize, len: usize) -> Place {
        Place {
            offset: self.offset + start as u64,
            len: u32::try_from(len).unwrap_or(u32::MAX),
        }
    }
}

/// Write-once storage of byte strings, read back by [`Place`].
#[derive(Debug, Default)]
pub(crate) struct Spill {
    /// The temporary file, once made: `None` until the buffer first fills,
    /// and for good if it cannot be made. Reads take no lock: claims are
    /// read back in parallel, and a lock held through each read made them
    /// wait on each other.
    file: Option<File>,
    /// Where a read must move the file's position, reads take turns.
    #[cfg(not(unix))]
    turns: std::sync::Mutex<()>,
    /// Whether the file failed: from then on everything stays in memory.
    failed: bool,
    /// Bytes in the file.
    pub(crate) written: u64,
    /// Bytes not yet in the file, from offset `written` on.
    pending: Vec<u8>,
}

impl Spill {
    /// Bytes held in memory before they are written out.
    const BUFFER: usize = 1 << 20;

    /// A spill that keeps everything in memory (for small inputs and tests).
    pub(crate) fn in_memory() -> Self {
        Spill {
            failed: true,
            ..Spill::default()
        }
    }

    /// How many bytes were set aside.
    pub(crate) fn len(&self) -> u64 {
        self.written + self.pending.len() as u64
    }

    /// Sets `bytes` aside and says where they are.
    pub(crate) fn push(&mut self, bytes: &[u8]) -> Place {
        let place = Place {
            offset: self.written + self.pending.len() as u64,
            len: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
        };
        // All the bytes go in: a place of more than 4 GB is only ever a
        // base for the places of its parts.
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= Self::BUFFER && !self.failed {
            self.write_out();
        }
        place
    }

    /// Moves the pending bytes to the file, making it on first use.
    fn write_out(&mut self) {
        if self.file.is_none() {
            match tempfile::tempfile() {
                Ok(file) => self.file = Some(file),
                Err(_) => {
                    self.failed = true;
                    return;
                }
            }
        }
        let Some(file) = &mut self.file else { return };
        let written = file.write_all(&self.pending).is_ok();
        if written {
            self.written += self.pending.len() as u64;
            self.pending.clear();
        } else {
            // What the file took before stays readable there; what it
            // failed to take, partly written or not, is read from memory,
            // as is everything after it.
            self.failed = true;
        }
    }

    /// The bytes put at `place`.
    pub(crate) fn read(&self, place: Place) -> std::io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.read_into(place, &mut bytes)?;
        Ok(bytes)
    }

    /// The bytes put at `place`, in `bytes` (whatever it held is dropped):
    /// whoever reads many items reads them into one buffer, not one
    /// allocation each.
    pub(crate) fn read_into(&self, place: Place, bytes: &mut Vec<u8>) -> std::io::Result<()> {
        bytes.clear();
        let len = place.len as usize;
        let past_end = || std::io::Error::other("an item past the end of the spill");
        if place.offset >= self.written {
            let start = (place.offset - self.written) as usize;
            let item = self.pending.get(start..start + len).ok_or_else(past_end)?;
            bytes.extend_from_slice(item);
            return Ok(());
        }
        let file = self
            .file
            .as_ref()
            .ok_or_else(|| std::io::Error::other("the spill file is gone"))?;
        // A part of several items (see `Place::part`) may run on from the
        // file into the bytes not yet written out.
        let in_file = len.min((self.written - place.offset) as usize);
        bytes.resize(in_file, 0);
        #[cfg(not(unix))]
        let _turn = self
            .turns
            .lock()
            .map_err(|_| std::io::Error::other("the spill file's lock was poisoned"))?;
        read_at(file, bytes, place.offset)?;
        if in_file < len {
            bytes.extend_from_slice(self.pending.get(..len - in_file).ok_or_else(past_end)?);
        }
        Ok(())
    }
}

/// Writes a number as eight bytes, little-endian.
pub(crate) fn put_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(&n.to_le_bytes());
}

/// Writes a string as its length and its bytes.
pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u64(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Writes a number in as few bytes as it needs: seven bits a byte, the
/// lowest first, the high bit set on every byte but the last (LEB128).
/// The offsets, lines and lengths of a claim are mostly small: eight bytes
/// each made them most of what a claim without its sentence spilled.
pub(crate) fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The number [`put_varint`] wrote at the start of `bytes`, which is moved
/// past it.
pub(crate) fn take_varint(bytes: &mut &[u8]) -> Result<u64, String> {
    let mut n = 0;
    for shift in (0..64).step_by(7) {
        let [byte] = take_array(bytes)?;
        n |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Ok(n);
        }
    }
    Err("a spilled number runs past ten bytes".into())
}

/// Writes a string as its length, as [`put_varint`] writes it, and its
/// bytes: for the short strings of a claim.
pub(crate) fn put_text(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// The string [`put_text`] wrote at the start of `bytes`, which is moved
/// past it.
pub(crate) fn take_text<'a>(bytes: &mut &'a [u8]) -> Result<&'a str, String> {
    let len = usize::try_from(take_varint(bytes)?).map_err(|e| e.to_string())?;
    take_utf8(bytes, len)
}

/// The first `N` bytes of `bytes`, which is moved past them.
pub(crate) fn take_array<const N: usize>(bytes: &mut &[u8]) -> Result<[u8; N], String> {
    let (head, rest) = bytes
        .split_first_chunk::<N>()
        .ok_or_else(|| "a spilled item ends early".to_string())?;
    *bytes = rest;
    Ok(*head)
}

/// The number [`put_u64`] wrote at the start of `bytes`, which is moved
/// past it.
pub(crate) fn take_u64(bytes: &mut &[u8]) -> Result<u64, String> {
    take_array(bytes).map(u64::from_le_bytes)
}

/// Writes a flag as a byte, 0 or 1.
pub(crate) fn put_flag(out: &mut Vec<u8>, flag: bool) {
    out.push(u8::from(flag));
}

/// The flag [`put_flag`] wrote at the start of `bytes`, which is moved
/// past it.
pub(crate) fn take_flag(bytes: &mut &[u8]) -> Result<bool, String> {
    match take_array(bytes)? {
        [0] => Ok(false),
        [1] => Ok(true),
        [other] => Err(format!("a spilled flag is neither 0 nor 1 ({other})")),
    }
}

/// Writes a string that may be missing: a flag, then the string.
pub(crate) fn put_optional(out: &mut Vec<u8>, s: Option<&str>) {
    put_flag(out, s.is_some());
    if let Some(s) = s {
        put_str(out, s);
    }
}

/// The string [`put_optional`] wrote at the start of `bytes`, which is
/// moved past it.
pub(crate) fn take_optional<'a>(bytes: &mut &'a [u8]) -> Result<Option<&'a str>, String> {
    match take_flag(bytes)? {
        true => take_str(bytes).map(Some),
        false => Ok(None),
    }
}

/// The string [`put_str`] wrote at the start of `bytes`, which is moved
/// past it.
pub(crate) fn take_str<'a>(bytes: &mut &'a [u8]) -> Result<&'a str, String> {
    let len = usize::try_from(take_u64(bytes)?).map_err(|e| e.to_string())?;
    take_utf8(bytes, len)
}

/// The first `len` bytes of `bytes`, which must be UTF-8, as a string;
/// `bytes` is moved past them.
fn take_utf8<'a>(bytes: &mut &'a [u8], len: usize) -> Result<&'a str, String> {
    if len > bytes.len() {
        return Err("a spilled item ends early".into());
    }
    let (text, rest) = bytes.split_at(len);
    *bytes = rest;
    std::str::from_utf8(text).map_err(|e| e.to_string())
}

/// Reads `bytes.len()` bytes at `offset` of `file`, leaving its position
/// at the end, where the next write appends.
#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

/// Reads `bytes.len()` bytes at `offset` of `file`, leaving its position
/// at the end, where the next write appends.
#[cfg(not(unix))]
fn read_at(mut file: &File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(bytes)?;
    file.seek(SeekFrom::End(0))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_as_written_in_a_byte_per_seven_bits() {
        // Numbers of every length, from a fixed sequence (SplitMix64).
        let mut state = 0u64;
        let numbers = (0..64).flat_map(|bits| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            let n = (z ^ (z >> 31)) >> (63 - bits);
            [n, n >> 1, 1u64 << bits, (1u64 << bits) - 1]
        });
        for n in numbers.chain([0, u64::MAX]) {
            let mut bytes = Vec::new();
            put_varint(&mut bytes, n);
            let bits = 64 - n.leading_zeros() as usize;
            assert_eq!(bytes.len(), bits.div_ceil(7).max(1), "{n}");
            let mut at = bytes.as_slice();
            assert_eq!(take_varint(&mut at), Ok(n));
            assert!(at.is_empty());
            assert!(
                take_varint(&mut &bytes[..bytes.len() - 1]).is_err(),
                "a cut number is an error"
            );
        }
        assert!(take_varint(&mut &[0x80; 11][..]).is_err(), "no number has eleven bytes");
    }

    #[test]
    fn items_read_back_from_many_threads_at_once_are_those_put() {
        use rayon::prelude::*;
        let mut spill = Spill::default();
        let items: Vec<Vec<u8>> = (0..20_000u32)
            .map(|i| i.to_le_bytes().repeat(1 + i as usize % 40))
            .collect();
        let places: Vec<Place> = items.iter().map(|b| spill.push(b)).collect();
        assert!(spill.written > 0, "some items are in the file");
        let read: Vec<Vec<u8>> = places.par_iter().map(|&p| spill.read(p).unwrap()).collect();
        assert_eq!(read, items);
    }

    #[test]
    fn items_come_back_from_the_file_and_from_memory() {
        for mut spill in [Spill::default(), Spill::in_memory()] {
            let items: Vec<Vec<u8>> = (0..3000u32)
                .map(|i| i.to_string().repeat(i as usize % 700).into_bytes())
                .collect();
            let places: Vec<Place> = items.iter().map(|b| spill.push(b)).collect();
            for (item, place) in items.iter().zip(&places) {
                assert_eq!(&spill.read(*place).unwrap(), item);
            }
            // Reading in between does not disturb writing.
            let late = spill.push(b"late");
            assert_eq!(spill.read(places[0]).unwrap(), items[0]);
            assert_eq!(spill.read(late).unwrap(), b"late");
            // A part of many items, from the file on into memory.
            let all: Vec<u8> = items.concat();
            let whole = places[0].part(0, all.len());
            assert_eq!(spill.read(whole.part(1, all.len() - 1)).unwrap(), &all[1..]);
            assert!(spill.read(whole.part(0, all.len() + 5)).is_err(), "past the end");
        }
    }
}
