//! How many screen rows a text page takes at the current width, and how many come before a
//! line: the status bar's `Row 23 of 400`. Counted once per width and kept with the page,
//! never per frame: the count grows with the page as it arrives (only the new lines are
//! wrapped), and when the width changes or the page is new it is redone in bounded steps
//! between keys (`Command::WakeAfter` of 0 ms asks for the next step), so a key costs the same
//! on a 50 MB page. Marks every few lines record the rows before them, so the rows before any
//! counted line are found by wrapping at most one stretch between marks.

use super::page::Content;
use super::wrap::{row_count, row_count_and_work};
use crate::gopher::TextDoc;

/// A mark is set at least every this many lines...
const MARK_EVERY_LINES: usize = 256;
/// ...and every this many bytes of text, so finding the rows before a line wraps little.
const MARK_EVERY_BYTES: usize = 32 * 1024;
/// How much one counting step may do, in `row_count_and_work`'s units (about 2 MiB of long
/// ASCII lines, 512 KiB of Latin text, 64 KiB of text wrapped by graphemes): a few
/// milliseconds, so a key waits at most that long behind a step.
pub const STEP_BUDGET: usize = 512 * 1024;

/// The screen rows of a text document at one width, counted from its first line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowIndex {
    width: usize,
    /// `(line, rows before it)`, ascending; the first is `(0, 0)` once anything is counted.
    marks: Vec<(usize, usize)>,
    /// Lines `0..lines` are counted...
    lines: usize,
    /// ...and take this many rows...
    rows: usize,
    /// ...and this many bytes of text (checked against the document to notice it changed).
    bytes: usize,
}

impl RowIndex {
    /// Counts on from where the count stopped, within `budget`; starts again when the width
    /// differs or the document no longer matches what was counted (replaced, or its lines
    /// rewritten when the reply turned out dot-stuffed). Returns whether every line is counted.
    pub fn count(&mut self, doc: &TextDoc, width: usize, budget: usize) -> bool {
        let width = width.max(1);
        let unchanged = self.width == width
            && self.lines <= doc.line_count()
            && doc.text_before(self.lines) == self.bytes;
        if !unchanged {
            *self = RowIndex {
                width,
                ..RowIndex::default()
            };
        }
        let mut spent = 0;
        while self.lines < doc.line_count() && spent < budget {
            let (last_line, _) = self.marks.last().copied().unwrap_or((0, 0));
            let marked_bytes = doc.text_before(last_line);
            if self.marks.is_empty()
                || self.lines - last_line >= MARK_EVERY_LINES
                || self.bytes - marked_bytes >= MARK_EVERY_BYTES
            {
                self.marks.push((self.lines, self.rows));
            }
            let line = doc.line(self.lines);
            let (rows, work) = row_count_and_work(line, width);
            spent += work;
            self.rows += rows;
            self.bytes += line.len();
            self.lines += 1;
        }
        self.is_complete(doc)
    }

    /// Whether every line of `doc` is counted at this index's width.
    pub fn is_complete(&self, doc: &TextDoc) -> bool {
        self.lines == doc.line_count() && doc.text_before(self.lines) == self.bytes
    }

    /// The width the rows were counted at.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The rows counted so far (all of the document's once complete).
    pub fn counted_rows(&self) -> usize {
        self.rows
    }

    /// The rows of `doc` before `line`, if the count has reached that line. Wraps only the
    /// lines between the nearest mark and `line`.
    pub fn rows_before(&self, doc: &TextDoc, line: usize) -> Option<usize> {
        if line > self.lines {
            return None;
        }
        if line == self.lines {
            return Some(self.rows);
        }
        let at = self.marks.partition_point(|&(marked, _)| marked <= line);
        let (marked, rows) = self.marks.get(at.checked_sub(1)?).copied()?;
        Some(
            rows + (marked..line)
                .map(|l| row_count(doc.line(l), self.width))
                .sum::<usize>(),
        )
    }
}

impl super::App {
    /// After every message: one step of counting the current text page's rows at the
    /// screen's width, asking for a wake to go on while some are left.
    pub(super) fn count_rows(&mut self) -> Option<super::Command> {
        let width = self.viewport().width;
        let page = &mut self.tab.page;
        let doc = match (&page.content, &page.unloaded) {
            (Content::Text(doc) | Content::Error { details: doc, .. }, None) => doc,
            _ => return None,
        };
        if page.rows.count(doc, width, STEP_BUDGET) || self.row_count_wake.is_some() {
            return None;
        }
        self.next_wake += 1;
        self.row_count_wake = Some(self.next_wake);
        Some(super::Command::WakeAfter {
            token: self.next_wake,
            after_ms: 0,
        })
    }

    /// Whether `token` is the wake asked for to count more rows (it is used up).
    pub(super) fn is_row_count_wake(&mut self, token: u64) -> bool {
        let ours = self.row_count_wake == Some(token);
        if ours {
            self.row_count_wake = None;
        }
        ours
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute_rows_before(doc: &TextDoc, line: usize, width: usize) -> usize {
        (0..line).map(|l| row_count(doc.line(l), width)).sum()
    }

    fn mixed_doc(lines: usize) -> TextDoc {
        TextDoc::from_lines((0..lines).map(|i| match i % 4 {
            0 => String::new(),
            1 => "x".repeat(i * 37 % 500),
            2 => "\u{4e00}".repeat(i % 90),
            _ => "caf\u{e9} ".repeat(i % 60),
        }))
    }

    #[test]
    fn rows_before_any_line_agree_with_wrapping_every_line() {
        let doc = mixed_doc(2000);
        for width in [1, 7, 80] {
            let mut index = RowIndex::default();
            assert!(index.count(&doc, width, usize::MAX));
            for line in [0, 1, 255, 256, 257, 999, 1999, 2000] {
                assert_eq!(
                    index.rows_before(&doc, line),
                    Some(brute_rows_before(&doc, line, width)),
                    "line {line} at width {width}"
                );
            }
            assert_eq!(index.counted_rows(), brute_rows_before(&doc, 2000, width));
        }
    }

    #[test]
    fn a_small_budget_counts_in_steps_and_reaches_the_same_total() {
        let doc = mixed_doc(3000);
        let mut index = RowIndex::default();
        let mut steps = 1;
        while !index.count(&doc, 40, 4096) {
            steps += 1;
            assert!(steps < 10_000, "the count makes progress");
        }
        assert!(steps > 10, "it took {steps} steps");
        assert_eq!(index.counted_rows(), brute_rows_before(&doc, 3000, 40));
        assert_eq!(
            index.rows_before(&doc, 2500),
            Some(brute_rows_before(&doc, 2500, 40))
        );
    }

    #[test]
    fn lines_not_yet_counted_have_no_row_number() {
        let doc = mixed_doc(3000);
        let mut index = RowIndex::default();
        assert!(!index.count(&doc, 40, 4096));
        assert_eq!(index.rows_before(&doc, 0), Some(0));
        assert_eq!(index.rows_before(&doc, 2999), None);
        assert!(!index.is_complete(&doc));
    }

    #[test]
    fn a_growing_document_counts_only_its_new_lines_and_a_new_width_counts_again() {
        let mut doc = TextDoc::from_lines(["a".repeat(100)]);
        let mut index = RowIndex::default();
        assert!(index.count(&doc, 10, usize::MAX));
        assert_eq!(index.counted_rows(), 10);
        doc.push_text(&"b".repeat(25));
        assert!(!index.is_complete(&doc));
        assert!(index.count(&doc, 10, 1), "one line fits any budget");
        assert_eq!(index.counted_rows(), 13);
        assert!(index.count(&doc, 50, usize::MAX));
        assert_eq!((index.width(), index.counted_rows()), (50, 3));
    }

    #[test]
    fn a_different_document_is_counted_afresh() {
        let mut index = RowIndex::default();
        index.count(
            &TextDoc::from_lines(["a".repeat(100), "b".into()]),
            10,
            usize::MAX,
        );
        let other = TextDoc::from_lines(["c".to_owned()]);
        assert!(!index.is_complete(&other));
        assert!(index.count(&other, 10, usize::MAX));
        assert_eq!(index.counted_rows(), 1);
    }
}
