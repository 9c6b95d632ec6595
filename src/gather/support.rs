//! The support of collapsed keys, counted from reports set aside on disk.
//!
//! A side of a collapsed key stands for every claim of its classes, and
//! its support counts the distinct sources and sentences of them all (see
//! [`crate::compare::support`]). A key stated by millions of documents
//! (each its own source when it names none) makes millions of reports, 16
//! bytes each. So they are kept the way the runs of claims are (see
//! [`super::runs`]): a buffer of reports is sorted and written out when it
//! fills, each class's part as a list of its own. A side's reports are
//! then merged from its classes' lists in order of source, twice: once to
//! find the sentences two sources share (sorted by sentence in runs of
//! their own), once to count. Memory holds the buffer, a block of each list
//! while merging, and the shared sentences: wire copy, not every sentence.

use std::collections::BTreeMap;
use std::ops::Range;

use super::runs::{write_items, Item, Merge, Runs};
use crate::compare::{shared_sentences, Counter, Report};
use crate::spill::{take_u64, Place, Spill};

/// Reports held in memory before they are written out: three megabytes
/// (few in tests, so that they are written out).
const HELD: usize = if cfg!(test) { 3 } else { 1 << 17 };

impl Item for Report {
    const BYTES: usize = 16;
    /// Source, then sentence: the order [`Counter`] takes.
    type Order = Report;
    fn order(&self) -> Report {
        *self
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.source.to_le_bytes());
        out.extend_from_slice(&self.sentence.to_le_bytes());
    }
    fn read_all(mut bytes: &[u8]) -> Result<Vec<Report>, String> {
        let mut reports = Vec::with_capacity(bytes.len() / Self::BYTES);
        while !bytes.is_empty() {
            reports.push(Report {
                source: take_u64(&mut bytes)?,
                sentence: take_u64(&mut bytes)?,
            });
        }
        Ok(reports)
    }
}

/// A report sorted by sentence, then source: what finds shared sentences.
#[derive(Clone)]
struct BySentence(Report);

impl Item for BySentence {
    const BYTES: usize = Report::BYTES;
    type Order = (u64, u64);
    fn order(&self) -> (u64, u64) {
        (self.0.sentence, self.0.source)
    }
    fn write(&self, out: &mut Vec<u8>) {
        self.0.write(out)
    }
    fn read_all(bytes: &[u8]) -> Result<Vec<BySentence>, String> {
        Ok(Report::read_all(bytes)?.into_iter().map(BySentence).collect())
    }
}

/// The reports of the classes of the key being read.
#[derive(Default)]
pub(super) struct Reports {
    file: Spill,
    /// Reports not yet written out, with their class.
    buffer: Vec<(u32, Report)>,
    /// Where each class's lists are in `file`.
    lists: Vec<Vec<(Place, usize)>>,
}

impl Reports {
    /// Takes a report of class `class`.
    pub(super) fn add(&mut self, class: usize, report: Report) {
        self.buffer.push((class as u32, report));
        if self.buffer.len() >= HELD {
            self.sort();
            let buffer = std::mem::take(&mut self.buffer);
            for (class, reports) in by_class(&buffer) {
                if self.lists.len() <= class {
                    self.lists.resize_with(class + 1, Vec::new);
                }
                self.lists[class].extend(write_items(&mut self.file, &reports));
            }
            self.buffer = buffer;
            self.buffer.clear();
        }
    }

    /// Sorts the buffer by class and report, without repeats.
    fn sort(&mut self) {
        self.buffer.sort_unstable();
        self.buffer.dedup();
    }

    /// Ends the key: every report is in.
    pub(super) fn finish(mut self) -> Counted {
        self.sort();
        let mut memory = Vec::with_capacity(self.buffer.len());
        let mut ranges = Vec::new();
        for (class, reports) in by_class(&self.buffer) {
            if ranges.len() <= class {
                ranges.resize(class + 1, 0..0);
            }
            ranges[class] = memory.len()..memory.len() + reports.len();
            memory.extend(reports);
        }
        Counted {
            file: self.file,
            lists: self.lists,
            memory,
            ranges,
        }
    }
}

/// The classes of a sorted buffer, each with its reports.
fn by_class(buffer: &[(u32, Report)]) -> impl Iterator<Item = (usize, Vec<Report>)> + '_ {
    buffer
        .chunk_by(|a, b| a.0 == b.0)
        .map(|run| (run[0].0 as usize, run.iter().map(|&(_, r)| r).collect()))
}

/// The reports of a key once every claim is in.
pub(super) struct Counted {
    file: Spill,
    lists: Vec<Vec<(Place, usize)>>,
    /// The reports never written out, each class's at its range.
    memory: Vec<Report>,
    ranges: Vec<Range<usize>>,
}

impl Counted {
    /// The support and weight of the claims of `classes` (see
    /// [`crate::compare::support`]), and why some reports could not be
    /// read back: those are not counted.
    pub(super) fn support(
        &self,
        classes: &[usize],
        reliability: &BTreeMap<String, f64>,
    ) -> ((usize, f64), Vec<String>) {
        let merge = || {
            let lists: Vec<(Place, usize)> = classes
                .iter()
                .flat_map(|&c| self.lists.get(c).into_iter().flatten().copied())
                .collect();
            let memory = classes
                .iter()
                .filter_map(|&c| self.ranges.get(c).map(|r| &self.memory[r.clone()]));
            Merge::new(&self.file, &lists, memory)
        };
        let mut errors = Vec::new();
        let mut by_sentence = Runs::with_run(HELD);
        let mut reports = merge();
        let mut last = None;
        for report in reports.by_ref() {
            if last != Some(report) {
                by_sentence.push(BySentence(report));
                last = Some(report);
            }
        }
        errors.append(&mut reports.errors);
        by_sentence.finish();
        let mut sorted = by_sentence.sorted();
        let shared = shared_sentences(sorted.by_ref().map(|b| b.order()));
        errors.append(&mut sorted.errors);
        let mut counter = Counter::new(reliability, shared);
        let mut reports = merge();
        reports.by_ref().for_each(|r| counter.add(r));
        // A list that failed to read fails alike on both passes.
        errors.append(&mut reports.errors);
        errors.sort();
        errors.dedup();
        (counter.finish(), errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::support;

    proptest::proptest! {
        /// Reports written out in lists as the buffer fills, some classes
        /// left in memory, count as they do all in memory.
        #[test]
        fn a_sides_support_read_back_is_the_support_of_its_reports(
            reports in proptest::collection::vec((0usize..4, 0u64..10, 0u64..10), 0..80),
            side in proptest::collection::btree_set(0usize..5, 1..4),
            trusted in 0u64..10,
        ) {
            let mut kept = Reports::default();
            for &(class, source, sentence) in &reports {
                kept.add(class, Report { source, sentence });
            }
            let counted = kept.finish();
            let classes: Vec<usize> = side.iter().copied().collect();
            let reliability: BTreeMap<String, f64> = (0..100)
                .map(|n| format!("outlet {n}"))
                .filter(|name| crate::util::fnv(name.as_bytes()) % 10 == trusted)
                .map(|name| (name, 2.5))
                .collect();
            let (read, unread) = counted.support(&classes, &reliability);
            proptest::prop_assert!(unread.is_empty());
            let of_side: Vec<Report> = reports
                .iter()
                .filter(|(class, _, _)| side.contains(class))
                .map(|&(_, source, sentence)| Report { source, sentence })
                .collect();
            proptest::prop_assert_eq!(read, support(of_side, &reliability));
        }
    }

    #[test]
    fn reports_past_the_buffer_are_written_out_by_class() {
        let mut kept = Reports::default();
        for n in 0..10 {
            kept.add(
                n % 2,
                Report {
                    source: n as u64,
                    sentence: 7,
                },
            );
        }
        let counted = kept.finish();
        assert!(
            counted.lists.iter().all(|lists| !lists.is_empty()),
            "both classes have lists on disk"
        );
        assert!(counted.memory.len() < 10);
        // Every source prints sentence 7: one group, read from disk and memory.
        assert_eq!(counted.support(&[0, 1], &BTreeMap::new()).0, (1, 1.0));
    }
}
