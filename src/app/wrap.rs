//! Laying a line of text into screen rows by display width: rows break at spaces where they
//! can and inside a word only when it is wider than a row; wide CJK and emoji take two
//! columns, and a grapheme cluster (a character with its combining marks or joiners) is never
//! split. Also the reading column (`wrap_width`, centred by a margin) and, with wrapping off,
//! the window of a line that sideways scrolling shows. Computed lazily, one line at a time, so
//! cost does not grow with page size. Every caller (the text view, the status bar's position,
//! moving the view, revealing a find match) wraps through here, so they agree on the rows.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Byte ranges of `line`, one per screen row of `width` columns: rows break after the last
/// space that fits, and inside a word only when the word alone is wider than a row. The spaces
/// at a break end the row before (past the width if need be: they draw as nothing), so the
/// rows cover the line without a gap. Spaces before the line's first word are indentation,
/// not a place to break. An empty line is one row.
pub fn wrap_rows(line: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::with_capacity(line.len() / width + 1);
    let mut start = 0;
    let mut push = |end: usize| {
        rows.push(start..end);
        start = end;
    };
    if line.is_ascii() {
        // Printable ASCII (sanitised text has no controls): one byte, one column.
        ascii_breaks(line.as_bytes(), width, &mut push);
    } else {
        grapheme_breaks(line, width, &mut push);
    }
    rows.push(start..line.len());
    rows
}

/// The rule, one cell (a grapheme cluster) at a time, shared by every path so they agree.
struct Breaker {
    width: usize,
    row_start: usize,
    row_width: usize,
    /// Where the row may end (after a run of spaces), and the width of what follows it.
    last_break: Option<usize>,
    width_after_break: usize,
    seen_word: bool,
}

impl Breaker {
    fn new(width: usize) -> Breaker {
        Breaker {
            width,
            row_start: 0,
            row_width: 0,
            last_break: None,
            width_after_break: 0,
            seen_word: false,
        }
    }

    /// Takes the cell at bytes `at..end`, `w` columns wide; returns where a row ends before
    /// it or at the last break, when one does.
    fn feed(&mut self, at: usize, end: usize, w: usize, space: bool) -> Option<usize> {
        if space {
            self.row_width += w;
            if self.seen_word {
                self.last_break = Some(end);
                self.width_after_break = 0;
            }
            return None;
        }
        self.seen_word = true;
        let mut ended = None;
        if self.row_width + w > self.width && at > self.row_start {
            match self.last_break.filter(|&b| b > self.row_start) {
                Some(at_break) if self.width_after_break + w <= self.width => {
                    self.row_start = at_break;
                    self.row_width = self.width_after_break;
                    ended = Some(at_break);
                }
                _ => {
                    self.row_start = at;
                    self.row_width = 0;
                    self.width_after_break = 0;
                    ended = Some(at);
                }
            }
            self.last_break = None;
        }
        self.row_width += w;
        self.width_after_break += w;
        ended
    }
}

/// The rule for ASCII, by bytes (the same rows as `Breaker`, found by looking back from
/// each row's last column): calls `end_row` with each row's end but the last's.
fn ascii_breaks(bytes: &[u8], width: usize, mut end_row: impl FnMut(usize)) {
    let mut start = 0;
    while bytes.len() - start > width {
        let limit = start + width;
        let end = if bytes[limit] == b' ' {
            // The row is full up to a space: the spaces end it.
            limit + bytes[limit..].iter().take_while(|&&b| b == b' ').count()
        } else {
            // After the last space that follows a word (leading indentation is no break).
            match bytes[start..limit].iter().rposition(|&b| b == b' ') {
                Some(space) if bytes[start..start + space].iter().any(|&b| b != b' ') => {
                    start + space + 1
                }
                _ => limit,
            }
        };
        if end >= bytes.len() {
            return;
        }
        end_row(end);
        start = end;
    }
}

/// Spaces a row may break after (the ideographic space too); the only one-byte one is ` `.
fn is_space(grapheme: &str) -> bool {
    grapheme == " " || grapheme == "\u{3000}"
}

/// How many rows `line` takes at `width`: the length of `wrap_rows`, without building it
/// (the row index counts every line of a page with this).
pub fn row_count(line: &str, width: usize) -> usize {
    row_count_and_work(line, width).0
}

/// The rows of `line` at `width`, and the work counting them took, in units of about one
/// ASCII byte's scan: a line that fits is one row at once; longer ASCII is read by bytes
/// (about four to a unit), Latin text by characters (each one column and its own grapheme),
/// anything else by walking grapheme clusters, which is tens of times slower (weighed eight
/// times).
pub fn row_count_and_work(line: &str, width: usize) -> (usize, usize) {
    let width = width.max(1);
    // `usize::MAX` is the layout of a text with wrapping off (`sideways::NO_WRAP`).
    if (line.len() <= width && line.is_ascii()) || width == usize::MAX {
        return (1, 1);
    }
    let mut rows = 1;
    if line.is_ascii() {
        ascii_breaks(line.as_bytes(), width, |_| rows += 1);
        return (rows, line.len() / 4 + 1);
    }
    let mut breaker = Breaker::new(width);
    if line.chars().all(is_plain_latin) {
        for (at, c) in line.char_indices() {
            rows += usize::from(breaker.feed(at, at + c.len_utf8(), 1, c == ' ').is_some());
        }
        return (rows, line.len() + 1);
    }
    grapheme_breaks(line, width, |_| rows += 1);
    (rows, line.len() * 8 + 1)
}

/// The general path: where rows of `line` end, walking grapheme clusters by display width
/// (`end_row` gets each row's end; the last row's is the line's end and is not given).
fn grapheme_breaks(line: &str, width: usize, mut end_row: impl FnMut(usize)) {
    let mut breaker = Breaker::new(width);
    for (at, grapheme) in line.grapheme_indices(true) {
        if let Some(end) = breaker.feed(
            at,
            at + grapheme.len(),
            grapheme.width(),
            is_space(grapheme),
        ) {
            end_row(end);
        }
    }
}

/// A character that is one column wide and a grapheme cluster on its own whatever surrounds
/// it: printable ASCII and Latin-1 to IPA (below the combining marks at U+0300), except the
/// soft hyphen.
fn is_plain_latin(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{2ff}') && c != '\u{ad}'
}

/// The longest prefix of `text` that fits in `width` columns (for truncating menu lines).
pub fn fit_width(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (at, grapheme) in text.grapheme_indices(true) {
        used += grapheme.width();
        if used > width {
            return &text[..at];
        }
    }
    text
}

/// Where a column of text stands on a screen `screen` columns wide: at most `wrap_width`
/// columns (0: the whole screen), centred when `center` by a left margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextColumn {
    pub margin: usize,
    pub width: usize,
}

impl TextColumn {
    pub fn new(screen: usize, wrap_width: usize, center: bool) -> TextColumn {
        let width = match wrap_width {
            0 => screen,
            w => w.min(screen),
        }
        .max(1);
        let margin = if center {
            screen.saturating_sub(width) / 2
        } else {
            0
        };
        TextColumn { margin, width }
    }
}

/// Without wrapping, the part of `line` seen through a window `width` columns wide that
/// starts `offset` columns in (sideways scrolling): its byte range, and how many blank
/// columns come first (when a wide character straddles the window's left edge, it is left
/// out and its visible half drawn blank). Never splits a grapheme cluster.
pub fn columns_window(line: &str, offset: usize, width: usize) -> (Range<usize>, usize) {
    if line.is_ascii() {
        let start = offset.min(line.len());
        return (start..(start + width).min(line.len()), 0);
    }
    let mut column = 0;
    let mut start = None;
    let mut pad = 0;
    let mut used = 0;
    for (at, grapheme) in line.grapheme_indices(true) {
        let w = grapheme.width();
        match start {
            None if column >= offset => {
                start = Some(at);
            }
            None if column + w > offset => {
                // Straddles the left edge: its columns inside the window stay blank.
                pad = column + w - offset;
                column += w;
                continue;
            }
            None => {
                column += w;
                continue;
            }
            Some(_) => {}
        }
        if pad + used + w > width {
            return (start.unwrap_or(at)..at, pad.min(width));
        }
        used += w;
        column += w;
    }
    let start = start.unwrap_or(line.len());
    (start..line.len(), pad.min(width))
}

/// The display width of `line` in columns (how far sideways scrolling can go).
pub fn line_width(line: &str) -> usize {
    if line.is_ascii() {
        line.len()
    } else {
        line.graphemes(true).map(UnicodeWidthStr::width).sum()
    }
}

#[cfg(test)]
#[path = "wrap_tests.rs"]
mod tests;
