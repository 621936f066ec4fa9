//! The rows one line of a text shows on screen: wrapped into the reading column, or with
//! wrapping off (`W`) the one row seen through the sideways window, where a wide character cut
//! by the left edge is drawn blank and a line that goes on past the right edge ends in a dim
//! `>`. Only the lines on screen come here.

use super::theme::Theme;
use crate::app::sideways::{WindowRow, window_row};
use crate::app::wrap::wrap_rows;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Span;

/// The mark in the last column of a line that goes on past the window.
pub const CONTINUES: &str = ">";

/// The rows of `line` in a column `width` wide: wrapped, or (with `sideways` set, the first
/// column shown) the one row in the window.
pub fn shown_rows(line: &str, width: usize, sideways: Option<usize>) -> Vec<WindowRow> {
    match sideways {
        Some(offset) => vec![window_row(line, offset, width)],
        None => wrap_rows(line, width)
            .into_iter()
            .map(|range| WindowRow {
                range,
                pad: 0,
                continues: false,
            })
            .collect(),
    }
}

/// Where a row's text goes: `row` less the blank columns before it.
pub fn text_area(row: Rect, shown: &WindowRow) -> Rect {
    let pad = (shown.pad as u16).min(row.width);
    Rect {
        x: row.x + pad,
        width: row.width - pad,
        ..row
    }
}

/// Draws the continuation mark in the last column of `row` when the line goes on.
pub fn mark_continuation(shown: &WindowRow, theme: &Theme, frame: &mut Frame, row: Rect) {
    if !shown.continues || row.width == 0 {
        return;
    }
    let last = Rect {
        x: row.x + row.width - 1,
        width: 1,
        ..row
    };
    let style = theme.link_number.add_modifier(Modifier::DIM);
    frame.render_widget(Span::styled(CONTINUES, style), last);
}
