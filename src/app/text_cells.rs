//! Where things of a text page stand on screen, through the same wrapping the text view draws
//! with (`wrap::wrap_rows` at the reading column's width): which byte of which line a cell of
//! the column shows (for a click), which link holds a byte, the wrapped row a byte falls in,
//! and whether a position is on screen. Each walks only the lines on screen.

use super::page::Position;
use super::wrap::{row_count, wrap_rows};
use crate::gopher::TextDoc;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The line and byte drawn at `column` of content row `row` (both counted inside the reading
/// column, from 0) when the view's top is `top` and rows are `width` columns wide; `None`
/// past the end of the text or right of a row's last character.
pub fn text_cell_at(
    doc: &TextDoc,
    top: Position,
    width: usize,
    row: usize,
    column: usize,
) -> Option<(usize, usize)> {
    let (mut line, mut skip) = (top.line, top.row);
    let mut rows_left = row;
    while line < doc.line_count() {
        let text = doc.line(line);
        let rows = wrap_rows(text, width);
        let available = rows.len().saturating_sub(skip);
        if rows_left < available {
            let range = rows[skip + rows_left].clone();
            return byte_at_column(&text[range.clone()], column).map(|at| (line, range.start + at));
        }
        rows_left -= available;
        (line, skip) = (line + 1, 0);
    }
    None
}

/// The byte offset in `row` of the character drawn at `column` (a wide character covers two
/// columns); `None` right of the last one.
fn byte_at_column(row: &str, column: usize) -> Option<usize> {
    if row.is_ascii() {
        return (column < row.len()).then_some(column);
    }
    let mut used = 0;
    for (at, grapheme) in row.grapheme_indices(true) {
        used += grapheme.width();
        if column < used {
            return Some(at);
        }
    }
    None
}

/// The index (in `doc.links()`) of the link on `line` that holds byte `byte`.
pub fn link_at(doc: &TextDoc, line: usize, byte: usize) -> Option<usize> {
    let first = doc.links().partition_point(|l| (l.line as usize) < line);
    doc.links_on(line)
        .iter()
        .position(|link| link.range().contains(&byte))
        .map(|k| first + k)
}

/// Where link `index` starts on screen: its line and the wrapped row of its first byte.
pub fn link_position(doc: &TextDoc, index: usize, width: usize) -> Option<Position> {
    let link = doc.links().get(index)?;
    let line = link.line as usize;
    let start = usize::from(link.start);
    let row = wrap_rows(doc.line(line), width)
        .iter()
        .position(|r| r.contains(&start))
        .unwrap_or(0);
    Some(Position { line, row })
}

/// Whether `target` is among the `height` rows shown from `top`.
pub fn is_on_screen(
    doc: &TextDoc,
    top: Position,
    target: Position,
    width: usize,
    height: usize,
) -> bool {
    target < screen_end(doc, top, width, height) && target >= top
}

/// The first position below the `height` rows shown from `top` (the line count past the end).
pub fn screen_end(doc: &TextDoc, top: Position, width: usize, height: usize) -> Position {
    let (mut line, mut row) = (top.line, top.row);
    let mut rows_left = height.max(1);
    while line < doc.line_count() {
        let available = row_count(doc.line(line), width).saturating_sub(row);
        if rows_left < available {
            return Position {
                line,
                row: row + rows_left,
            };
        }
        rows_left -= available;
        (line, row) = (line + 1, 0);
    }
    Position { line, row: 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(lines: &[&str]) -> TextDoc {
        TextDoc::from_lines(lines)
    }

    #[test]
    fn a_cell_on_a_wrapped_row_maps_to_the_byte_drawn_there() {
        // At width 10: "see gopher://" is cut after the space, so row 1 starts the URL.
        let doc = doc(&["intro", "see gopher://example.org/0/a end", "last"]);
        let top = Position::default();
        assert_eq!(text_cell_at(&doc, top, 10, 0, 2), Some((0, 2)));
        assert_eq!(text_cell_at(&doc, top, 10, 0, 5), None, "right of `intro`");
        assert_eq!(text_cell_at(&doc, top, 10, 1, 0), Some((1, 0)));
        assert_eq!(
            text_cell_at(&doc, top, 10, 2, 0),
            Some((1, 4)),
            "`g` of gopher"
        );
        assert_eq!(text_cell_at(&doc, top, 10, 3, 3), Some((1, 17)));
        let (line, byte) = text_cell_at(&doc, top, 10, 3, 3).expect("a cell");
        assert_eq!(link_at(&doc, line, byte), Some(0));
        assert_eq!(link_at(&doc, 1, 1), None, "`see` is no link");
        assert_eq!(text_cell_at(&doc, top, 10, 9, 0), None, "below the text");
    }

    #[test]
    fn a_view_scrolled_into_a_line_counts_rows_from_its_top() {
        let doc = doc(&["0123456789abcdefghij", "gopher://x/"]);
        let top = Position { line: 0, row: 1 };
        assert_eq!(text_cell_at(&doc, top, 10, 0, 0), Some((0, 10)));
        assert_eq!(text_cell_at(&doc, top, 10, 1, 4), Some((1, 4)));
        assert_eq!(link_at(&doc, 1, 4), Some(0));
    }

    #[test]
    fn wide_characters_take_two_cells_and_map_to_their_first_byte() {
        // Each CJK character is three bytes and two columns.
        let doc = doc(&["\u{4e00}\u{4e8c} gopher://h/"]);
        let top = Position::default();
        assert_eq!(text_cell_at(&doc, top, 40, 0, 0), Some((0, 0)));
        assert_eq!(text_cell_at(&doc, top, 40, 0, 1), Some((0, 0)));
        assert_eq!(text_cell_at(&doc, top, 40, 0, 2), Some((0, 3)));
        assert_eq!(text_cell_at(&doc, top, 40, 0, 5), Some((0, 7)));
        assert_eq!(link_at(&doc, 0, 7), Some(0));
    }

    #[test]
    fn every_cell_of_any_text_maps_to_a_character_start_of_its_row_or_to_nothing() {
        let words = [
            "a",
            "gopher://h/x",
            " ",
            "  ",
            "\u{4e00}",
            "e\u{301}",
            "https://",
            "mailto:z",
        ];
        let mut seed = 11u64;
        for _ in 0..300 {
            let mut lines = Vec::new();
            for _ in 0..(seed % 4 + 1) {
                let mut line = String::new();
                for _ in 0..(seed % 7) {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    line.push_str(words[(seed >> 33) as usize % words.len()]);
                }
                lines.push(line);
            }
            let doc = doc(&lines.iter().map(String::as_str).collect::<Vec<_>>());
            for width in [1, 3, 8, usize::MAX] {
                for row in 0..12 {
                    for column in 0..14 {
                        let Some((line, byte)) =
                            text_cell_at(&doc, Position::default(), width, row, column)
                        else {
                            continue;
                        };
                        let text = doc.line(line);
                        assert!(
                            byte < text.len() && text.is_char_boundary(byte),
                            "{text:?} {byte}"
                        );
                        if let Some(index) = link_at(&doc, line, byte) {
                            assert!(doc.links()[index].range().contains(&byte));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_link_knows_the_wrapped_row_it_starts_on_and_whether_that_is_on_screen() {
        let doc = doc(&["a", "b", "words then gopher://x/ and https://y/", "c", "d"]);
        assert_eq!(doc.links().len(), 2);
        let first = link_position(&doc, 0, 10).expect("a link");
        assert_eq!(first, Position { line: 2, row: 1 });
        let second = link_position(&doc, 1, 10).expect("a link");
        assert_eq!(second, Position { line: 2, row: 3 });
        assert!(is_on_screen(&doc, Position::default(), first, 10, 4));
        assert!(!is_on_screen(&doc, Position::default(), second, 10, 4));
        let top = Position { line: 2, row: 2 };
        assert!(!is_on_screen(&doc, top, first, 10, 4), "scrolled past");
        assert!(is_on_screen(&doc, top, second, 10, 4));
        assert_eq!(link_position(&doc, 2, 10), None);
    }
}
