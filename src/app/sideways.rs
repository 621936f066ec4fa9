//! Wrapping turned off for ASCII art and tables (`W`), and sideways scrolling while it is off
//! (`>` and `<` by half the reading column, the horizontal wheel by a few columns).
//!
//! The choice belongs to the page: it is kept with it in Back and Forward and across a reload
//! or `e`, other pages and tabs keep wrapping, and a new page always opens wrapped. With
//! wrapping off every line is one screen row: the page's rows are laid out at [`NO_WRAP`]
//! columns (the viewport's width says so), so scrolling, End, the row index behind
//! `Row N of M` and a find's jump all count one row per line without knowing about this file.
//! The view shows the columns from `Page::sideways` on, cut by display width (never inside a
//! character, `wrap::columns_window`), with `>` in the last column of a line that goes on past
//! the window; the status bar says which columns are shown (`cols 41–120`).

use super::page::Position;
use super::wrap::{columns_window, line_width};
use super::{App, Command};
use std::ops::Range;

/// The layout width that means "do not wrap": every line is one row.
pub const NO_WRAP: usize = usize::MAX;

/// How many columns one notch of the horizontal wheel moves.
pub const WHEEL_COLUMNS: usize = 8;

/// What one row of a text shows with wrapping off: the bytes of the line in the window, the
/// blank columns before them (the visible half of a wide character cut by the left edge), and
/// whether the line goes on past the right edge (the last column then holds the mark).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowRow {
    pub range: Range<usize>,
    pub pad: usize,
    pub continues: bool,
}

/// The row `line` shows through a window `width` columns wide starting `offset` columns in.
pub fn window_row(line: &str, offset: usize, width: usize) -> WindowRow {
    let (range, pad) = columns_window(line, offset, width);
    if range.end == line.len() || width < 2 {
        return WindowRow {
            continues: range.end < line.len(),
            range,
            pad,
        };
    }
    // Leave the last column for the mark.
    let (range, pad) = columns_window(line, offset, width - 1);
    WindowRow {
        range,
        pad,
        continues: true,
    }
}

impl App {
    /// The width texts are laid out at: the reading column, or [`NO_WRAP`] with wrapping off.
    pub(super) fn text_layout_width(&self) -> usize {
        match self.tab.page.sideways {
            Some(_) => NO_WRAP,
            None => self.text_column().width,
        }
    }

    /// `W`: wrapping off (or on again) for this text page, keeping its top line on screen.
    pub(super) fn toggle_wrap(&mut self) -> Vec<Command> {
        let page = &mut self.tab.page;
        if page.text_doc().is_none() || page.unloaded.is_some() {
            self.notify("W turns wrapping off on text pages", false);
            return Vec::new();
        }
        page.sideways = match page.sideways {
            Some(_) => None,
            None => Some(0),
        };
        page.top = Position {
            line: page.top.line,
            row: 0,
        };
        let wrapping = page.sideways.is_none();
        let view = self.viewport();
        self.tab.page.clamp(view);
        let text = if wrapping {
            "Wrapping on".to_owned()
        } else {
            format!("Wrapping off: {} scroll sideways", self.sideways_keys())
        };
        self.notify(text, false);
        Vec::new()
    }

    /// The keys that scroll sideways, as the notices name them (`< and >`).
    fn sideways_keys(&self) -> String {
        let name = |action| {
            self.keymap
                .keys_for(action)
                .first()
                .map_or_else(|| "(no key)".to_owned(), |key| key.name())
        };
        use super::input::Action;
        format!(
            "{} and {}",
            name(Action::ScrollLeft),
            name(Action::ScrollRight)
        )
    }

    /// `>` and `<` (half the reading column; negative is left) or the horizontal wheel: moves
    /// the window `columns` sideways. Right stops once the widest line on screen ends inside
    /// the window. Keys say why nothing moved; the wheel (which touchpads send by accident)
    /// stays quiet.
    pub(super) fn scroll_sideways(&mut self, columns: isize, by_key: bool) -> Vec<Command> {
        let Some(offset) = self.tab.page.sideways else {
            if by_key && self.tab.page.text_doc().is_none() {
                self.notify(
                    "Sideways scrolling is for text pages with wrapping off",
                    false,
                );
            } else if by_key {
                let key = self
                    .keymap
                    .keys_for(super::input::Action::ToggleWrap)
                    .first()
                    .map_or_else(|| "toggle_wrap".to_owned(), |key| key.name());
                self.notify(
                    format!("The text wraps: {key} turns wrapping off to scroll sideways"),
                    false,
                );
            }
            return Vec::new();
        };
        let width = self.text_column().width;
        let moved = if columns < 0 {
            offset.saturating_sub(columns.unsigned_abs())
        } else {
            let furthest = self.widest_line_shown().saturating_sub(width);
            match offset < furthest {
                true => (offset + columns.unsigned_abs()).min(furthest),
                false => offset,
            }
        };
        if moved == offset && by_key {
            let edge = if columns < 0 { "left" } else { "right" };
            self.notify(
                format!("Already at the {edge} edge of the lines shown"),
                false,
            );
        }
        self.tab.page.sideways = Some(moved);
        Vec::new()
    }

    /// After a resize: a window widened past the end of the lines shown moves back left, so
    /// no columns stay hidden on the left while blank ones show on the right.
    pub(super) fn keep_sideways_in_reach(&mut self) {
        let Some(offset) = self.tab.page.sideways else {
            return;
        };
        let furthest = self
            .widest_line_shown()
            .saturating_sub(self.text_column().width);
        self.tab.page.sideways = Some(offset.min(furthest));
    }

    /// Half the reading column: what `>` and `<` move by.
    pub(super) fn sideways_step(&self) -> isize {
        (self.text_column().width / 2).max(1) as isize
    }

    /// The display width of the widest line on screen (of the narrowed view's lines, while a
    /// filter narrows the page).
    fn widest_line_shown(&self) -> usize {
        let page = &self.tab.page;
        let Some(doc) = page.text_doc() else { return 0 };
        let rows = self.viewport().height.max(1);
        let widest = |lines: &mut dyn Iterator<Item = usize>| {
            lines
                .filter(|&line| line < doc.line_count())
                .map(|line| line_width(doc.line(line)))
                .max()
                .unwrap_or(0)
        };
        match self.tab.narrowed() {
            Some(narrowed) => widest(&mut narrowed.lines_shown(rows)),
            None => widest(&mut (page.top.line..doc.line_count()).take(rows)),
        }
    }

    /// With wrapping off, scrolls sideways the least needed to show bytes `range` of `line`
    /// (a find's match), a third of the window in from the edge it was beyond.
    pub(super) fn reveal_columns(&mut self, line: usize, range: Range<usize>) {
        let page = &self.tab.page;
        let (Some(offset), Some(doc)) = (page.sideways, page.text_doc()) else {
            return;
        };
        let Some(text) = (line < doc.line_count()).then(|| doc.line(line)) else {
            return;
        };
        let width = self.text_column().width;
        let column = |at: usize| text.get(..at).map_or(0, line_width);
        let (start, end) = (column(range.start), column(range.end));
        // The last column may hold the continuation mark: count the window one narrower.
        let inside = width.saturating_sub(1).max(1);
        if start >= offset && end <= offset + inside {
            return;
        }
        let margin = inside / 3;
        let moved = if end.saturating_sub(start) + margin >= inside {
            start
        } else if start < offset {
            start.saturating_sub(margin)
        } else {
            end + margin - inside
        };
        self.tab.page.sideways = Some(moved);
    }

    /// With wrapping off, scrolls sideways to show text link `index` (selected with `]`, `[`
    /// or its number).
    pub(super) fn reveal_link_columns(&mut self, index: usize) {
        let Some(link) = self
            .tab
            .page
            .text_doc()
            .and_then(|doc| doc.links().get(index))
        else {
            return;
        };
        let (line, range) = (link.line as usize, link.range());
        self.reveal_columns(line, range);
    }

    /// `cols 41–120`: the columns shown, while wrapping is off.
    pub fn sideways_status(&self) -> Option<String> {
        let offset = self.tab.page.sideways?;
        let width = self.text_column().width;
        Some(format!("cols {}\u{2013}{}", offset + 1, offset + width))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_that_goes_on_past_the_window_leaves_the_last_column_for_the_mark() {
        let line = "| id | name        | notes |";
        assert_eq!(
            window_row(line, 0, 10),
            WindowRow {
                range: 0..9,
                pad: 0,
                continues: true
            }
        );
        // The window reaching the line's end shows it whole, with no mark.
        let end = line.len() - 10;
        assert_eq!(
            window_row(line, end, 10),
            WindowRow {
                range: end..line.len(),
                pad: 0,
                continues: false
            }
        );
        assert_eq!(window_row("short", 0, 10).range, 0..5);
        assert_eq!(window_row("short", 8, 10).range, 5..5);
    }

    #[test]
    fn wide_characters_are_never_cut_at_either_edge() {
        // Five CJK characters, ten columns.
        let line = "\u{4e00}\u{4e8c}\u{4e09}\u{56db}\u{4e94}";
        // From column 1: the first character's right half is blank, then whole characters
        // up to the column kept for the mark.
        let row = window_row(line, 1, 6);
        assert_eq!((row.pad, row.continues), (1, true));
        assert_eq!(&line[row.range.clone()], "\u{4e8c}\u{4e09}");
        let row = window_row(line, 4, 6);
        assert_eq!((row.pad, row.continues), (0, false));
        assert_eq!(&line[row.range], "\u{4e09}\u{56db}\u{4e94}");
    }
}
