//! Moving the cursor and scrolling a page. Each move touches only the lines it passes over or
//! shows, so a keypress costs the same on a 100-line page as on a 100,000-line one.

use super::page::{Page, Position};
use super::row_walk::{advance_rows, last_top_rows, retreat_rows};
use super::wrap::row_count;
use crate::gopher::{Menu, TextDoc};

/// The size of the content area (between the title and status bars).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    pub width: usize,
    pub height: usize,
}

fn rows_of(doc: &TextDoc, line: usize, width: usize) -> usize {
    row_count(doc.line(line), width)
}

fn advance(doc: &TextDoc, pos: Position, n: usize, width: usize) -> Position {
    advance_rows(doc.line_count(), |line| rows_of(doc, line, width), pos, n)
}

fn retreat(doc: &TextDoc, pos: Position, n: usize, width: usize) -> Position {
    retreat_rows(|line| rows_of(doc, line, width), pos, n)
}

fn last_top(doc: &TextDoc, view: Viewport) -> Position {
    last_top_rows(
        doc.line_count(),
        |line| rows_of(doc, line, view.width),
        view.height,
    )
}

fn menu_last_top(menu: &Menu, view: Viewport) -> usize {
    menu.len().saturating_sub(view.height)
}

impl Page {
    fn menu_cursor_visible(&self, view: Viewport) -> bool {
        (self.top.line..self.top.line + view.height).contains(&self.cursor)
    }

    /// Scrolls by `delta` rows (negative is up). In menus the cursor follows into view.
    pub fn scroll_by(&mut self, delta: isize, view: Viewport) {
        let n = delta.unsigned_abs();
        if let Some(doc) = self.text_doc() {
            let moved = if delta >= 0 {
                advance(doc, self.top, n, view.width)
            } else {
                retreat(doc, self.top, n, view.width)
            };
            self.top = moved.min(last_top(doc, view));
            return;
        }
        let Some(menu) = self.menu() else { return };
        let max_top = menu_last_top(menu, view);
        let top = if delta >= 0 {
            (self.top.line + n).min(max_top)
        } else {
            self.top.line.saturating_sub(n)
        };
        let bottom = top + view.height;
        let replacement = if delta >= 0 {
            menu.next_selectable(top, true).filter(|&i| i < bottom)
        } else {
            menu.prev_selectable(bottom.saturating_sub(1), true)
                .filter(|&i| i >= top)
        };
        self.top = Position { line: top, row: 0 };
        if !self.menu_cursor_visible(view)
            && let Some(i) = replacement
        {
            self.cursor = i;
        }
    }

    /// Down / j: the next link in a menu, one row in text. Where no link follows, or the cursor
    /// is still below the screen, scrolls one row instead.
    pub fn move_down(&mut self, view: Viewport) {
        let Some(menu) = self.menu() else {
            return self.scroll_by(1, view);
        };
        let below_screen = self.cursor >= self.top.line + view.height;
        match menu.next_selectable(self.cursor, false) {
            Some(next) if !below_screen => {
                self.cursor = next;
                self.keep_cursor_in_view(view);
            }
            _ => self.scroll_by(1, view),
        }
    }

    /// Up / k: the previous link in a menu, one row in text.
    pub fn move_up(&mut self, view: Viewport) {
        let Some(menu) = self.menu() else {
            return self.scroll_by(-1, view);
        };
        let above_screen = self.cursor < self.top.line;
        match menu.prev_selectable(self.cursor, false) {
            Some(prev) if !above_screen => {
                self.cursor = prev;
                self.keep_cursor_in_view(view);
            }
            _ => self.scroll_by(-1, view),
        }
    }

    pub fn page_down(&mut self, view: Viewport) {
        self.scroll_by(view.height.max(1) as isize, view);
    }

    pub fn page_up(&mut self, view: Viewport) {
        self.scroll_by(-(view.height.max(1) as isize), view);
    }

    pub fn go_top(&mut self) {
        self.top = Position::default();
        if let Some(first) = self.menu().and_then(|m| m.next_selectable(0, true)) {
            self.cursor = first;
        }
    }

    pub fn go_bottom(&mut self, view: Viewport) {
        if let Some(doc) = self.text_doc() {
            self.top = last_top(doc, view);
        } else if let Some(menu) = self.menu() {
            let top = menu_last_top(menu, view);
            let last_link = menu
                .len()
                .checked_sub(1)
                .and_then(|last| menu.prev_selectable(last, true));
            self.top = Position { line: top, row: 0 };
            if let Some(i) = last_link {
                self.cursor = i;
            }
        }
    }

    /// Scrolls the least needed to show the menu cursor.
    fn keep_cursor_in_view(&mut self, view: Viewport) {
        let height = view.height.max(1);
        if self.cursor < self.top.line {
            self.top.line = self.cursor;
        } else if self.cursor >= self.top.line + height {
            self.top.line = self.cursor + 1 - height;
        }
    }

    /// Keeps a page that is still growing sensible: the view follows the end if the user
    /// pressed End, and a menu's cursor moves onto the first link once one has arrived.
    pub fn settle_while_growing(&mut self, view: Viewport) {
        if self.follow_end {
            self.go_bottom(view);
            return;
        }
        if let Some(menu) = self.menu()
            && !menu.is_selectable(self.cursor)
            && let Some(first) = menu.next_selectable(self.cursor, true)
            && first < self.top.line + view.height.max(1)
        {
            self.cursor = first;
        }
    }

    /// Scrolls so that row `row` of `line` is on screen (a third of the way down when it was
    /// not), and in a menu moves the cursor there if the line is a link.
    pub fn reveal(&mut self, line: usize, row: usize, view: Viewport) {
        let height = view.height.max(1);
        let target = Position { line, row };
        if let Some(doc) = self.text_doc() {
            let bottom = advance(doc, self.top, height - 1, view.width);
            if target < self.top || target > bottom {
                self.top = retreat(doc, target, height / 3, view.width).min(last_top(doc, view));
            }
        } else if let Some(menu) = self.menu() {
            let selectable = menu.is_selectable(line);
            let last_top = menu_last_top(menu, view);
            if selectable {
                self.cursor = line;
            }
            if line < self.top.line || line >= self.top.line + height {
                let top = line.saturating_sub(height / 3).min(last_top);
                self.top = Position { line: top, row: 0 };
            }
        }
    }

    /// After a resize: the scroll position back inside the page and, in a menu, the selected
    /// item on screen (scrolling the least needed), so the next key moves from it.
    pub fn keep_place(&mut self, view: Viewport) {
        self.clamp(view);
        if self.menu().is_some() {
            self.keep_cursor_in_view(view);
        }
    }

    /// The menu line shown on screen row `row` of the content area, if any.
    pub fn menu_line_at(&self, row: usize, view: Viewport) -> Option<usize> {
        let menu = self.menu()?;
        let line = self.top.line + row;
        (row < view.height && line < menu.len()).then_some(line)
    }

    /// Brings the scroll position back inside the page after a resize or reload.
    pub fn clamp(&mut self, view: Viewport) {
        if let Some(doc) = self.text_doc() {
            let line = self.top.line.min(doc.line_count().saturating_sub(1));
            let row = self
                .top
                .row
                .min(rows_of(doc, line, view.width).saturating_sub(1));
            self.top = Position { line, row }.min(last_top(doc, view));
        } else if let Some(menu) = self.menu() {
            let cursor = self.cursor.min(menu.len().saturating_sub(1));
            self.top.line = self.top.line.min(menu_last_top(menu, view));
            self.cursor = cursor;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Location;
    use crate::app::page::Content;
    use crate::gopher::menu::parse_menu;

    const VIEW: Viewport = Viewport {
        width: 10,
        height: 3,
    };

    fn menu_page(spec: &str) -> Page {
        // One char per line: 'L' is a link, '.' an info line.
        let mut raw = Vec::new();
        for (i, c) in spec.chars().enumerate() {
            if c == 'L' {
                raw.extend_from_slice(format!("1link{i}\t/{i}\th\t70\r\n").as_bytes());
            } else {
                raw.extend_from_slice(format!("iinfo{i}\r\n").as_bytes());
            }
        }
        Page::new(Location::Start, Content::Menu(parse_menu(&raw)))
    }

    fn text_page(lines: &[&str]) -> Page {
        Page::new(Location::Start, Content::Text(TextDoc::from_lines(lines)))
    }

    #[test]
    fn down_moves_between_links_skipping_info_lines_and_scrolls_to_show_them() {
        let mut page = menu_page(".L..L.L");
        assert_eq!(page.cursor, 1);
        page.move_down(VIEW);
        assert_eq!((page.cursor, page.top.line), (4, 2));
        page.move_down(VIEW);
        assert_eq!((page.cursor, page.top.line), (6, 4));
        // No link below: Down scrolls (here the page is already at its end).
        page.move_down(VIEW);
        assert_eq!((page.cursor, page.top.line), (6, 4));
        page.move_up(VIEW);
        page.move_up(VIEW);
        assert_eq!((page.cursor, page.top.line), (1, 1));
        // No link above: Up scrolls to reveal the info line at the top.
        page.move_up(VIEW);
        assert_eq!((page.cursor, page.top.line), (1, 0));
    }

    #[test]
    fn down_at_the_last_link_scrolls_to_reveal_trailing_text() {
        let mut page = menu_page("L.....");
        page.move_down(VIEW);
        page.move_down(VIEW);
        assert_eq!((page.cursor, page.top.line), (0, 2));
        // The cursor is now above the screen; Up scrolls back towards it first.
        page.move_up(VIEW);
        assert_eq!(page.top.line, 1);
    }

    #[test]
    fn paging_keeps_the_cursor_on_screen_and_end_reaches_the_last_link() {
        let mut page = menu_page("L..L..L..L");
        page.page_down(VIEW);
        assert_eq!((page.cursor, page.top.line), (3, 3));
        page.go_bottom(VIEW);
        assert_eq!((page.cursor, page.top.line), (9, 7));
        page.page_up(VIEW);
        assert_eq!((page.cursor, page.top.line), (6, 4));
        page.go_top();
        assert_eq!((page.cursor, page.top.line), (0, 0));
    }

    #[test]
    fn text_scrolls_by_wrapped_rows_and_stops_at_the_end() {
        // "0123456789abcde" wraps into two rows at width 10.
        let mut page = text_page(&["one", "0123456789abcde", "three", "four"]);
        page.move_down(VIEW);
        assert_eq!(page.top, Position { line: 1, row: 0 });
        page.move_down(VIEW);
        assert_eq!(page.top, Position { line: 1, row: 1 });
        // Five rows in all, three on screen: row 1 of line 1 is the last top.
        page.move_down(VIEW);
        assert_eq!(page.top, Position { line: 1, row: 1 });
        page.move_up(VIEW);
        assert_eq!(page.top, Position { line: 1, row: 0 });
        page.go_bottom(VIEW);
        assert_eq!(page.top, Position { line: 1, row: 1 });
        page.go_top();
        assert_eq!(page.top, Position::default());
    }

    #[test]
    fn a_short_text_does_not_scroll() {
        let mut page = text_page(&["only line"]);
        page.page_down(VIEW);
        assert_eq!(page.top, Position::default());
    }

    #[test]
    fn a_smaller_window_scrolls_to_keep_the_selected_link_on_screen_and_down_moves_from_it() {
        let mut page = menu_page(&"L".repeat(40));
        let tall = Viewport {
            width: 10,
            height: 30,
        };
        for _ in 0..27 {
            page.move_down(tall);
        }
        assert_eq!((page.cursor, page.top.line), (27, 0));
        let short = Viewport {
            width: 10,
            height: 6,
        };
        page.keep_place(short);
        assert_eq!(
            (page.cursor, page.top.line),
            (27, 22),
            "the selection is on the last row"
        );
        page.move_down(short);
        assert_eq!(
            (page.cursor, page.top.line),
            (28, 23),
            "Down moves on from it"
        );
        // Growing again keeps it where it is, within the page's end.
        page.keep_place(tall);
        assert_eq!((page.cursor, page.top.line), (28, 10));
    }

    #[test]
    fn a_row_on_screen_names_the_menu_line_shown_there() {
        let mut page = menu_page("L.L.L");
        page.top.line = 1;
        assert_eq!(page.menu_line_at(0, VIEW), Some(1));
        assert_eq!(page.menu_line_at(2, VIEW), Some(3));
        assert_eq!(page.menu_line_at(3, VIEW), None, "below the view");
        page.top.line = 3;
        assert_eq!(page.menu_line_at(2, VIEW), None, "past the last line");
        assert_eq!(text_page(&["x"]).menu_line_at(0, VIEW), None);
    }

    #[test]
    fn clamp_after_a_resize_keeps_positions_valid() {
        let mut page = text_page(&["0123456789abcdefghij", "x"]);
        page.top = Position { line: 0, row: 1 };
        page.clamp(Viewport {
            width: 40,
            height: 3,
        });
        assert_eq!(page.top, Position::default());
    }
}
