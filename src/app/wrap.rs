//! Wrapping a line of text into screen rows by display width: wide CJK and emoji take two
//! columns, and a grapheme cluster (a character with its combining marks or joiners) is never
//! split. Computed lazily, one line at a time, so cost does not grow with page size.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Byte ranges of `line`, one per screen row of `width` columns. An empty line is one row.
pub fn wrap_rows(line: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    if line.is_ascii() && !line.is_empty() {
        // Printable ASCII (sanitised text has no controls): one byte, one column.
        return (0..line.len())
            .step_by(width)
            .map(|start| start..(start + width).min(line.len()))
            .collect();
    }
    let mut rows = Vec::new();
    let mut row_start = 0;
    let mut row_width = 0;
    for (at, grapheme) in line.grapheme_indices(true) {
        let w = grapheme.width();
        if row_width + w > width && at > row_start {
            rows.push(row_start..at);
            row_start = at;
            row_width = 0;
        }
        row_width += w;
    }
    rows.push(row_start..line.len());
    rows
}

/// How many rows `line` takes at `width`: the length of `wrap_rows`, without building it
/// (the row index counts every line of a page with this).
pub fn row_count(line: &str, width: usize) -> usize {
    row_count_and_work(line, width).0
}

/// The rows of `line` at `width`, and the work counting them took, in units of about one
/// ASCII byte's scan: ASCII and Latin text are counted by characters (each one column and
/// its own grapheme), anything else by walking grapheme clusters, which is tens of times
/// slower (weighed eight times).
pub fn row_count_and_work(line: &str, width: usize) -> (usize, usize) {
    let width = width.max(1);
    if line.is_ascii() {
        return (line.len().div_ceil(width).max(1), line.len() / 8 + 1);
    }
    if line.chars().all(is_plain_latin) {
        let chars = line.chars().count();
        return (chars.div_ceil(width).max(1), line.len() + 1);
    }
    let mut rows = 1;
    let mut row_start = 0;
    let mut row_width = 0;
    for (at, grapheme) in line.grapheme_indices(true) {
        let w = grapheme.width();
        if row_width + w > width && at > row_start {
            rows += 1;
            row_start = at;
            row_width = 0;
        }
        row_width += w;
    }
    (rows, line.len() * 8 + 1)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(line: &str, width: usize) -> Vec<&str> {
        wrap_rows(line, width)
            .into_iter()
            .map(|r| &line[r])
            .collect()
    }

    #[test]
    fn ascii_wraps_at_the_width() {
        assert_eq!(rows("abcdefg", 3), ["abc", "def", "g"]);
        assert_eq!(rows("abc", 3), ["abc"]);
        assert_eq!(rows("", 3), [""]);
    }

    #[test]
    fn wide_characters_count_two_columns_and_are_never_split() {
        // Four CJK characters are eight columns: at width 5, two fit per row.
        assert_eq!(
            rows("\u{4e00}\u{4e8c}\u{4e09}\u{56db}", 5),
            ["\u{4e00}\u{4e8c}", "\u{4e09}\u{56db}"]
        );
        // A row too narrow for one wide character still holds it rather than looping.
        assert_eq!(rows("\u{4e00}\u{4e8c}", 1), ["\u{4e00}", "\u{4e8c}"]);
    }

    #[test]
    fn combining_marks_and_emoji_sequences_stay_whole() {
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        let line = format!("ae\u{301}{family}x");
        let wrapped = rows(&line, 2);
        assert_eq!(wrapped, ["ae\u{301}", family, "x"]);
    }

    #[test]
    fn row_count_agrees_with_wrap_rows() {
        for line in [
            "",
            "short",
            "a long line of ascii text here",
            "\u{4e00}\u{4e8c}\u{4e09}",
            "ae\u{301}\u{1f468}\u{200d}\u{1f469}x\u{4e00}",
            "na\u{ef}ve \u{fc}ber \u{e9}t\u{e9} \u{1b5}\u{2af}",
            "soft\u{ad}hyphen \u{e9}",
            "e\u{301}\u{e9}\u{e9}\u{e9}",
        ] {
            for width in 1..12 {
                assert_eq!(
                    row_count(line, width),
                    wrap_rows(line, width).len(),
                    "{line} {width}"
                );
            }
        }
    }

    #[test]
    fn fit_width_truncates_by_columns() {
        assert_eq!(fit_width("hello", 3), "hel");
        assert_eq!(fit_width("\u{4e00}\u{4e8c}", 3), "\u{4e00}");
        assert_eq!(fit_width("hi", 10), "hi");
    }
}
