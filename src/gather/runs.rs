//! The held claims of a corpus, sorted by key on disk.
//!
//! Compare reads claims a key at a time, and only those of keys that state
//! two or more values. Held in memory, the claims of a corpus grow with it
//! (32 bytes each: a million tiny documents take 32 MB). So they are kept
//! the way a sort too big for memory is: a buffer of [`Runs::RUN`] claims
//! is sorted and written to a temporary file as a run, and the runs are
//! merged when the corpus is in. Memory then holds one run and, while
//! merging, a block of each.
//!
//! Claims sort by key hash and then by their place in the spill, which is
//! the order they were taken in: the order of a key's claims does not
//! depend on where the runs were cut.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::Held;
use crate::spill::{Place, Spill};

/// Held claims sorted in runs: see the module's comment.
#[derive(Debug)]
pub(super) struct Runs {
    /// Claims per run: [`Runs::RUN`] but in tests.
    pub(super) run: usize,
    /// The claims of the run being filled, not yet sorted.
    buffer: Vec<Held>,
    /// The runs written so far and how many claims each has.
    runs: Vec<(Place, usize)>,
    file: Spill,
    /// Whether the buffer is sorted: see [`Runs::finish`].
    finished: bool,
}

impl Runs {
    /// Claims per run: sixteen megabytes.
    const RUN: usize = 1 << 19;

    /// Claims read at a time from each run while merging.
    const BLOCK: usize = 2048;

    /// Takes a claim in.
    pub(super) fn push(&mut self, held: Held) {
        self.finished = false;
        self.buffer.push(held);
        if self.buffer.len() >= self.run {
            self.write_run();
        }
    }

    /// Sorts the buffer and writes it out as a run, a block at a time so
    /// that its bytes are never all in memory beside it.
    fn write_run(&mut self) {
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.sort_unstable_by_key(order);
        let mut first: Option<Place> = None;
        let mut bytes = Vec::with_capacity(Self::BLOCK * Held::BYTES);
        for block in buffer.chunks(Self::BLOCK) {
            bytes.clear();
            for held in block {
                held.write(&mut bytes);
            }
            let place = self.file.push(&bytes);
            first.get_or_insert(place);
        }
        if let Some(first) = first {
            self.runs
                .push((first.part(0, buffer.len() * Held::BYTES), buffer.len()));
        }
        buffer.clear();
        self.buffer = buffer;
    }

    /// Sorts the claims not yet in a run: [`Runs::sorted`] reads them in
    /// place.
    pub(super) fn finish(&mut self) {
        self.buffer.sort_unstable_by_key(order);
        self.finished = true;
    }

    /// Every claim, in the order of key hash and then the order taken in,
    /// once [`Runs::finish`]ed. A run that cannot be read back ends early,
    /// and the merge tells why (see [`Merge::errors`]).
    pub(super) fn sorted(&self) -> Merge<'_> {
        debug_assert!(self.finished, "the last run is sorted");
        let mut sources: Vec<Source<'_>> = self
            .runs
            .iter()
            .map(|&(place, count)| Source::File {
                place,
                count,
                read: 0,
                block: Vec::new().into_iter(),
            })
            .collect();
        sources.push(Source::Memory(self.buffer.iter()));
        let mut merge = Merge {
            file: &self.file,
            sources,
            heads: BinaryHeap::new(),
            errors: Vec::new(),
        };
        for i in 0..merge.sources.len() {
            merge.refill(i);
        }
        merge
    }
}

impl Default for Runs {
    fn default() -> Self {
        Runs {
            run: Self::RUN,
            buffer: Vec::new(),
            runs: Vec::new(),
            file: Spill::default(),
            finished: false,
        }
    }
}

/// What claims sort by: key hash, then place in the spill.
fn order(held: &Held) -> (u64, u64) {
    (held.key, held.place.offset())
}

/// The claims of [`Runs`] merged in order.
pub(super) struct Merge<'a> {
    file: &'a Spill,
    sources: Vec<Source<'a>>,
    /// The next claim of each source that has one, the least on top.
    heads: BinaryHeap<Reverse<Head>>,
    /// Why runs ended early.
    pub(super) errors: Vec<String>,
}

/// The next claim of a source, ordered by [`order`].
struct Head {
    order: (u64, u64),
    source: usize,
    held: Held,
}

impl PartialEq for Head {
    fn eq(&self, other: &Self) -> bool {
        self.order == other.order
    }
}

impl Eq for Head {}

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Head {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.order.cmp(&other.order)
    }
}

/// Where a merge reads a run from.
enum Source<'a> {
    /// The last run, still in memory.
    Memory(std::slice::Iter<'a, Held>),
    /// A run in the file: `read` of its `count` claims were read, and
    /// `block` holds those not yet merged.
    File {
        place: Place,
        count: usize,
        read: usize,
        block: std::vec::IntoIter<Held>,
    },
}

impl Merge<'_> {
    /// Puts the next claim of source `i`, if any, among the heads.
    fn refill(&mut self, i: usize) {
        let next = match &mut self.sources[i] {
            Source::Memory(iter) => iter.next().cloned(),
            Source::File {
                place,
                count,
                read,
                block,
            } => match block.next() {
                Some(held) => Some(held),
                None if *read < *count => {
                    let n = Runs::BLOCK.min(*count - *read);
                    let part = place.part(*read * Held::BYTES, n * Held::BYTES);
                    *read += n;
                    match self
                        .file
                        .read(part)
                        .map_err(|e| e.to_string())
                        .and_then(|b| Held::read_all(&b))
                    {
                        Ok(held) => {
                            *block = held.into_iter();
                            block.next()
                        }
                        Err(why) => {
                            *read = *count;
                            self.errors.push(why);
                            None
                        }
                    }
                }
                None => None,
            },
        };
        if let Some(held) = next {
            self.heads.push(Reverse(Head {
                order: order(&held),
                source: i,
                held,
            }));
        }
    }
}

impl Merge<'_> {
    /// The next claim if its key hash is `key`.
    pub(super) fn next_of(&mut self, key: u64) -> Option<Held> {
        match self.heads.peek() {
            Some(Reverse(head)) if head.held.key == key => self.next(),
            _ => None,
        }
    }
}

impl Iterator for Merge<'_> {
    type Item = Held;

    fn next(&mut self) -> Option<Held> {
        let Reverse(head) = self.heads.pop()?;
        self.refill(head.source);
        Some(head.held)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(key: u64, offset: usize) -> Held {
        Held {
            key,
            value: key ^ 7,
            article: offset as u32,
            place: Place::default().part(offset, 3),
        }
    }

    #[test]
    fn claims_come_back_by_key_in_the_order_taken_in_across_runs() {
        let mut runs = Runs::default();
        let count = Runs::RUN * 2 + 1000;
        for i in 0..count {
            runs.push(held((i as u64).wrapping_mul(0x9E37_79B9) % 977, i * 3));
        }
        assert_eq!(runs.runs.len(), 2, "two runs written, the rest in memory");
        runs.finish();
        let mut merge = runs.sorted();
        let merged: Vec<(u64, u64)> = merge.by_ref().map(|h| order(&h)).collect();
        assert!(merge.errors.is_empty());
        assert_eq!(merged.len(), count);
        assert!(merged.windows(2).all(|w| w[0] < w[1]), "sorted, no claim twice");
    }

    #[test]
    fn a_held_claim_reads_back_as_written() {
        let mut bytes = Vec::new();
        let a = held(u64::MAX, 5);
        a.write(&mut bytes);
        assert_eq!(bytes.len(), Held::BYTES);
        let back = Held::read_all(&bytes).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(order(&back[0]), order(&a));
        assert_eq!((back[0].value, back[0].article), (a.value, a.article));
        assert!(Held::read_all(&bytes[1..]).is_err(), "a cut claim is an error");
    }
}
