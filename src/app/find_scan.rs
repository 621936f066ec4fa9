//! Counting a find query's matches across the whole page without blocking a key: the page is
//! read from the top in slices of at most [`SLICE_BYTES`] of text (a slice may stop inside a
//! long line and resume there), one slice per `update`, the next one asked for with
//! `Command::WakeAfter` (0 ms) so keys and redraws interleave. On the way the scan finds the
//! match to show (the first at or after the line the find started on, else the page's first)
//! and its ordinal, and it records how many matches each block of [`BLOCK_LINES`] lines holds,
//! so `n` and `N` step over blocks without matches instead of reading them again.

use super::find_text::{Match, case_sensitive, first_match_between, line_count, line_text};
use super::page::Page;

/// The most text one slice reads (bytes of decoded text; each line costs at least one).
pub const SLICE_BYTES: usize = 1 << 20;
/// Lines per block of the match index.
pub const BLOCK_LINES: usize = 1024;

/// How far the count of one query has got.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MatchCount {
    /// Where the next slice starts: a line and a byte offset in it.
    next_line: usize,
    next_byte: usize,
    /// Matches found so far, all before the scan position.
    pub total: usize,
    /// Matches per block of `BLOCK_LINES` lines (the last one may still be growing).
    blocks: Vec<u32>,
    /// The page's first match and whether the match to show has been found.
    first: Option<Match>,
    settled: bool,
    /// Whether the whole page has been read.
    pub done: bool,
}

/// The match to show and its ordinal (from 0), or `None` when the query is not in the page.
pub type Shown = Option<(Match, usize)>;

impl MatchCount {
    /// Reads one slice of `page` for `query`, the find having started on line `origin`.
    /// Returns, once, the match to show: `Some(Some(..))` when found, `Some(None)` when the
    /// whole page was read without a match; `None` while that is still open.
    pub fn step(&mut self, page: &Page, query: &str, origin: usize) -> Option<Shown> {
        let mut shown = None;
        let lines = line_count(page);
        let sensitive = case_sensitive(query);
        let mut budget = SLICE_BYTES;
        while !self.done && budget > 0 {
            let Some(hay) = line_text(page, self.next_line).filter(|_| self.next_line < lines)
            else {
                self.done = true;
                break;
            };
            let end = (self.next_byte + budget).min(hay.len());
            let mut at = self.next_byte;
            while let Some(range) = first_match_between(hay, query, at, end, sensitive) {
                at = range.end.max(range.start + 1);
                let found = Match {
                    line: self.next_line,
                    range,
                };
                if !self.settled && found.line >= origin {
                    self.settled = true;
                    shown = Some(Some((found.clone(), self.total)));
                }
                self.first.get_or_insert(found);
                self.count_one();
            }
            budget = budget.saturating_sub(end - self.next_byte + 1);
            if end >= hay.len() {
                self.next_line += 1;
                self.next_byte = 0;
            } else {
                // Resume after the last match, or where this slice stopped reading.
                self.next_byte = at.max(end);
                while !hay.is_char_boundary(self.next_byte) {
                    self.next_byte += 1;
                }
            }
        }
        if self.done && !self.settled {
            self.settled = true;
            shown = Some(self.first.clone().map(|m| (m, 0)));
        }
        shown
    }

    fn count_one(&mut self) {
        let block = self.next_line / BLOCK_LINES;
        if self.blocks.len() <= block {
            self.blocks.resize(block + 1, 0);
        }
        self.blocks[block] += 1;
        self.total += 1;
    }

    /// Whether the block holding `line` has been read whole and holds no match.
    fn block_is_empty(&self, line: usize) -> bool {
        let block = line / BLOCK_LINES;
        let read = self.done || (block + 1) * BLOCK_LINES <= self.next_line;
        read && self.blocks.get(block).copied().unwrap_or(0) == 0
    }

    /// When `line`'s block is known to hold no match, the first line after that block: where
    /// a forward search may go on.
    pub fn skip_forward(&self, line: usize) -> Option<usize> {
        self.block_is_empty(line)
            .then(|| (line / BLOCK_LINES + 1) * BLOCK_LINES)
    }

    /// When `line`'s block is known to hold no match, that block's first line: a backward
    /// search may go on from the line before it.
    pub fn skip_backward(&self, line: usize) -> Option<usize> {
        self.block_is_empty(line)
            .then(|| line / BLOCK_LINES * BLOCK_LINES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Location;
    use crate::app::find::{search_backward, search_forward};
    use crate::app::find_text::{line_count, line_text, matches_in};
    use crate::app::page::Content;
    use crate::gopher::TextDoc;

    fn page(lines: &[String]) -> Page {
        Page::new(
            Location::Start,
            Content::Text(TextDoc::from_lines(lines.iter().map(String::as_str))),
        )
    }

    fn count_all(page: &Page, query: &str, origin: usize) -> (MatchCount, Shown, usize) {
        let mut count = MatchCount::default();
        let mut shown = None;
        let mut steps = 0;
        while !count.done {
            steps += 1;
            if let Some(found) = count.step(page, query, origin) {
                assert!(shown.is_none(), "the match to show is given once");
                shown = Some(found);
            }
        }
        (count, shown.expect("settled once done"), steps)
    }

    #[test]
    fn a_count_in_slices_finds_every_match_of_a_page_larger_than_a_slice() {
        // 3 MiB with "ab" every 7 bytes (the page keeps long lines in pieces).
        let huge = "ab-----".repeat(3 * SLICE_BYTES / 7);
        let lines = vec!["ab".to_owned(), huge, "x ab ab".to_owned()];
        let page = page(&lines);
        let (count, shown, steps) = count_all(&page, "ab", 0);
        let expected: usize = (0..line_count(&page))
            .filter_map(|line| line_text(&page, line))
            .map(|text| matches_in(text, "ab").len())
            .sum();
        assert!(expected > 400_000);
        assert_eq!(count.total, expected);
        assert!(
            steps >= 3,
            "a slice reads at most SLICE_BYTES ({steps} steps)"
        );
        let (first, ordinal) = shown.expect("found");
        assert_eq!((first.line, first.range, ordinal), (0, 0..2, 0));
    }

    #[test]
    fn the_match_shown_is_the_first_from_the_origin_with_its_ordinal_else_the_first() {
        let lines: Vec<String> = (0..5000)
            .map(|n| match n {
                10 | 3000 | 3001 => format!("{n} Gopher"),
                _ => format!("{n}"),
            })
            .collect();
        let page = page(&lines);
        let (count, shown, _) = count_all(&page, "gopher", 2000);
        assert_eq!(count.total, 3);
        let (found, ordinal) = shown.expect("found");
        assert_eq!((found.line, ordinal), (3000, 1));
        let (_, shown, _) = count_all(&page, "gopher", 4000);
        assert_eq!(shown.map(|(m, k)| (m.line, k)), Some((10, 0)), "wraps");
        let (count, shown, _) = count_all(&page, "nowhere", 0);
        assert_eq!((count.total, shown), (0, None));
    }

    #[test]
    fn searches_that_step_over_empty_blocks_find_what_reading_every_line_finds() {
        let lines: Vec<String> = (0..10 * BLOCK_LINES)
            .map(|n| match n % (3 * BLOCK_LINES + 17) {
                0 | 5 => format!("{n} gopher"),
                _ => format!("{n} x"),
            })
            .collect();
        let page = page(&lines);
        let (count, shown, _) = count_all(&page, "gopher", 0);
        let mut current = shown.expect("found").0;
        for _ in 0..2 * count.total {
            let indexed = search_forward(&page, "gopher", 0, Some(&current), Some(&count));
            let plain = search_forward(&page, "gopher", 0, Some(&current), None);
            assert_eq!(indexed, plain);
            let back = search_backward(&page, "gopher", &current, Some(&count));
            assert_eq!(back, search_backward(&page, "gopher", &current, None));
            current = indexed.expect("a match");
        }
    }
}
