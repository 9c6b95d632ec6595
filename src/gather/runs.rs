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
//!
//! The same runs sort any [`Item`] of a fixed size: the reports that count
//! the support of a key stated by very many documents are sorted so too
//! (see [`super::support`]).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rayon::prelude::*;

use super::Held;
use crate::spill::{Place, Spill};

/// What can be sorted in runs on disk: an item of a fixed size, written
/// and read back as bytes, and what it sorts by.
pub(super) trait Item: Clone + Send {
    /// How many bytes [`Item::write`] takes.
    const BYTES: usize;
    /// What items sort by.
    type Order: Ord + Copy;
    fn order(&self) -> Self::Order;
    /// Writes the item at the end of `out`, as [`Item::read_all`] reads it.
    fn write(&self, out: &mut Vec<u8>);
    /// The items [`Item::write`] wrote one after another in `bytes`.
    fn read_all(bytes: &[u8]) -> Result<Vec<Self>, String>;
}

impl Item for Held {
    const BYTES: usize = Held::BYTES;
    /// Key hash, then where the claim ends in the spill: claims of one
    /// sentence start their places at the sentence, but each ends at its
    /// own bytes, in the order they were taken in.
    type Order = (u64, u64);
    fn order(&self) -> (u64, u64) {
        (self.key, self.place.end())
    }
    fn write(&self, out: &mut Vec<u8>) {
        Held::write(self, out)
    }
    fn read_all(bytes: &[u8]) -> Result<Vec<Held>, String> {
        Held::read_all(bytes)
    }
}

/// Items sorted in runs: see the module's comment.
#[derive(Debug)]
pub(super) struct Runs<T> {
    /// Items per run: [`Runs::RUN`] but in tests.
    pub(super) run: usize,
    /// The items of the run being filled, not yet sorted.
    buffer: Vec<T>,
    /// The runs written so far and how many items each has.
    runs: Vec<(Place, usize)>,
    file: Spill,
    /// Whether the buffer is sorted: see [`Runs::finish`].
    finished: bool,
}

/// Items read at a time from each run while merging.
const BLOCK: usize = 2048;

/// Writes `items` to `file` a block at a time, so that their bytes are
/// never all in memory beside them, and says where they are.
pub(super) fn write_items<T: Item>(file: &mut Spill, items: &[T]) -> Option<(Place, usize)> {
    let mut first: Option<Place> = None;
    let mut bytes = Vec::with_capacity(BLOCK.min(items.len()) * T::BYTES);
    for block in items.chunks(BLOCK) {
        bytes.clear();
        for item in block {
            item.write(&mut bytes);
        }
        let place = file.push(&bytes);
        first.get_or_insert(place);
    }
    first.map(|first| (first.part(0, items.len() * T::BYTES), items.len()))
}

impl<T: Item> Runs<T> {
    /// Claims per run: sixteen megabytes.
    const RUN: usize = 1 << 19;

    /// Runs of `run` items each.
    pub(super) fn with_run(run: usize) -> Self {
        Runs {
            run,
            buffer: Vec::new(),
            runs: Vec::new(),
            file: Spill::default(),
            finished: false,
        }
    }

    /// Takes an item in.
    pub(super) fn push(&mut self, item: T) {
        self.finished = false;
        self.buffer.push(item);
        if self.buffer.len() >= self.run {
            self.write_run();
        }
    }

    /// Sorts the buffer and writes it out as a run.
    fn write_run(&mut self) {
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.par_sort_unstable_by_key(T::order);
        self.runs.extend(write_items(&mut self.file, &buffer));
        buffer.clear();
        self.buffer = buffer;
    }

    /// Sorts the items not yet in a run: [`Runs::sorted`] reads them in
    /// place.
    pub(super) fn finish(&mut self) {
        self.buffer.par_sort_unstable_by_key(T::order);
        self.finished = true;
    }

    /// Every item, in order, once [`Runs::finish`]ed. A run that cannot be
    /// read back ends early, and the merge tells why (see
    /// [`Merge::errors`]).
    pub(super) fn sorted(&self) -> Merge<'_, T> {
        debug_assert!(self.finished, "the last run is sorted");
        Merge::new(&self.file, &self.runs, [self.buffer.as_slice()])
    }
}

impl<T: Item> Default for Runs<T> {
    fn default() -> Self {
        Runs::with_run(Self::RUN)
    }
}

/// Sorted lists of items merged in order.
pub(super) struct Merge<'a, T: Item> {
    file: &'a Spill,
    sources: Vec<Source<'a, T>>,
    /// The next item of each source that has one, the least on top.
    heads: BinaryHeap<Reverse<Head<T>>>,
    /// Why runs ended early.
    pub(super) errors: Vec<String>,
}

/// The next item of a source, ordered by [`Item::order`].
struct Head<T: Item> {
    order: T::Order,
    source: usize,
    item: T,
}

impl<T: Item> PartialEq for Head<T> {
    fn eq(&self, other: &Self) -> bool {
        self.order == other.order
    }
}

impl<T: Item> Eq for Head<T> {}

impl<T: Item> PartialOrd for Head<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<T: Item> Ord for Head<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.order.cmp(&other.order)
    }
}

/// Where a merge reads a sorted list from.
enum Source<'a, T> {
    /// A list in memory.
    Memory(std::slice::Iter<'a, T>),
    /// A list in the file: `read` of its `count` items were read, and
    /// `block` holds those not yet merged.
    File {
        place: Place,
        count: usize,
        read: usize,
        block: std::vec::IntoIter<T>,
    },
}

impl<'a, T: Item> Merge<'a, T> {
    /// Merges the sorted lists at `runs` in `file` (each a place and how
    /// many items it holds) and those of `memory`.
    pub(super) fn new(file: &'a Spill, runs: &[(Place, usize)], memory: impl IntoIterator<Item = &'a [T]>) -> Self {
        let mut sources: Vec<Source<'a, T>> = runs
            .iter()
            .map(|&(place, count)| Source::File {
                place,
                count,
                read: 0,
                block: Vec::new().into_iter(),
            })
            .collect();
        sources.extend(memory.into_iter().map(|items| Source::Memory(items.iter())));
        let mut merge = Merge {
            file,
            sources,
            heads: BinaryHeap::new(),
            errors: Vec::new(),
        };
        for i in 0..merge.sources.len() {
            merge.refill(i);
        }
        merge
    }

    /// Puts the next item of source `i`, if any, among the heads.
    fn refill(&mut self, i: usize) {
        let next = match &mut self.sources[i] {
            Source::Memory(iter) => iter.next().cloned(),
            Source::File {
                place,
                count,
                read,
                block,
            } => match block.next() {
                Some(item) => Some(item),
                None if *read < *count => {
                    let n = BLOCK.min(*count - *read);
                    let part = place.part(*read * T::BYTES, n * T::BYTES);
                    *read += n;
                    match self
                        .file
                        .read(part)
                        .map_err(|e| e.to_string())
                        .and_then(|b| T::read_all(&b))
                    {
                        Ok(items) => {
                            *block = items.into_iter();
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
        if let Some(item) = next {
            self.heads.push(Reverse(Head {
                order: item.order(),
                source: i,
                item,
            }));
        }
    }
}

impl Merge<'_, Held> {
    /// The next claim if its key hash is `key`.
    pub(super) fn next_of(&mut self, key: u64) -> Option<Held> {
        match self.heads.peek() {
            Some(Reverse(head)) if head.item.key == key => self.next(),
            _ => None,
        }
    }
}

impl<T: Item> Iterator for Merge<'_, T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        let Reverse(head) = self.heads.pop()?;
        self.refill(head.source);
        Some(head.item)
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
        let mut runs = Runs::<Held>::default();
        let count = Runs::<Held>::RUN * 2 + 1000;
        for i in 0..count {
            runs.push(held((i as u64).wrapping_mul(0x9E37_79B9) % 977, i * 3));
        }
        assert_eq!(runs.runs.len(), 2, "two runs written, the rest in memory");
        runs.finish();
        let mut merge = runs.sorted();
        let merged: Vec<(u64, u64)> = merge.by_ref().map(|h| h.order()).collect();
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
        assert_eq!(back[0].order(), a.order());
        assert_eq!((back[0].value, back[0].article), (a.value, a.article));
        assert!(Held::read_all(&bytes[1..]).is_err(), "a cut claim is an error");
    }
}
