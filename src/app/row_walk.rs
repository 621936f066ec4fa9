//! Walking a text's screen rows: `n` rows down or up from a position, and the top that shows
//! the last row at the bottom, given how many rows each line wraps to. Whole texts
//! (`navigation.rs`) and narrowed ones (`narrowed.rs`) walk the same way over their own lines.

use super::page::Position;

/// `pos` moved `n` screen rows down through `lines` lines of `rows_of(line)` rows each,
/// stopping at the last row.
pub fn advance_rows(
    lines: usize,
    rows_of: impl Fn(usize) -> usize,
    mut pos: Position,
    mut n: usize,
) -> Position {
    while n > 0 && pos.line < lines {
        let left_in_line = rows_of(pos.line).saturating_sub(pos.row + 1);
        if n <= left_in_line {
            pos.row += n;
            return pos;
        }
        if pos.line + 1 >= lines {
            pos.row += left_in_line;
            return pos;
        }
        n -= left_in_line + 1;
        pos = Position {
            line: pos.line + 1,
            row: 0,
        };
    }
    pos
}

/// `pos` moved `n` screen rows up, stopping at the top.
pub fn retreat_rows(rows_of: impl Fn(usize) -> usize, mut pos: Position, mut n: usize) -> Position {
    while n > 0 {
        if n <= pos.row {
            pos.row -= n;
            return pos;
        }
        if pos.line == 0 {
            return Position::default();
        }
        n -= pos.row + 1;
        pos.line -= 1;
        pos.row = rows_of(pos.line).saturating_sub(1);
    }
    pos
}

/// The top position that shows the last of `lines` lines at the bottom of a screen `height`
/// rows high.
pub fn last_top_rows(lines: usize, rows_of: impl Fn(usize) -> usize, height: usize) -> Position {
    let Some(last_line) = lines.checked_sub(1) else {
        return Position::default();
    };
    let end = Position {
        line: last_line,
        row: rows_of(last_line).saturating_sub(1),
    };
    retreat_rows(rows_of, end, height.saturating_sub(1))
}
