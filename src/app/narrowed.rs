//! The narrowed view of a filtered page (`&`): the filter engine's kept lines shown as rows,
//! with a scroll position of their own (row `k` is line `kept()[k]`; in texts a row of the
//! view is one wrapped screen row of a kept line), the kept links numbered from 1, and the
//! moves a key makes on them. The menu cursor stays `Page::cursor`, a line of the page, so
//! following, item info and copying act on the item shown under it; the page's own scroll is
//! left alone and set again when the filter ends, with the selected item where it was on
//! screen. Plain data and pure functions; the wiring to keys and wakes is `filtering.rs`.

use super::filter::{Filter, FilterQuery};
use super::navigation::Viewport;
use super::page::{Page, Position};
use super::row_walk::{advance_rows, last_top_rows, retreat_rows};
use super::wrap::row_count;
use crate::gopher::Menu;

/// A filter in force on one tab's page, and where its view stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Narrowed {
    pub filter: Filter,
    /// What was typed into the filter prompt.
    pub typed: String,
    /// Whether info lines are hidden (`I`).
    pub hide_info: bool,
    /// The query in force; the default (nothing typed, info shown) narrows nothing and the
    /// whole page shows.
    pub query: FilterQuery,
    /// The kept lines that are links, in page order: link number `n` is `links[n - 1]`.
    pub links: Vec<u32>,
    /// How many kept rows have been looked at for `links`.
    links_scanned: usize,
    /// The first row on screen (`line` is a row of the view, `row` a wrapped row of it).
    pub top: Position,
    /// While typing: the cursor line (menus) or top line (texts) when the prompt opened, and
    /// that line's offset from the top of the screen, so the view settles around it.
    pub origin: usize,
    pub origin_offset: usize,
    /// Whether the filter prompt is open (the view settles around `origin` as lines come).
    pub typing: bool,
    /// The wake asked for to decide more lines.
    pub wake: Option<u64>,
}

impl Narrowed {
    /// A filter starting on `page`, seen in `view`: nothing narrowed yet.
    pub fn new(page: &Page, hide_info: bool, view: Viewport) -> Narrowed {
        let origin = match page.menu() {
            Some(_) => page.cursor,
            None => page.top.line,
        };
        Narrowed {
            hide_info,
            query: FilterQuery::parse("", page.menu().is_some(), hide_info),
            origin,
            origin_offset: origin
                .saturating_sub(page.top.line)
                .min(view.height.saturating_sub(1)),
            ..Narrowed::default()
        }
    }

    /// Whether the view is narrowed (a query or hidden info lines); otherwise the whole page
    /// shows as usual.
    pub fn is_active(&self) -> bool {
        self.query != FilterQuery::default()
    }

    /// Filters by `typed` (and the info flag) from now on; the kept lines come by `step`.
    pub fn set_typed(&mut self, typed: &str, in_menu: bool) {
        self.typed = typed.to_owned();
        self.query = FilterQuery::parse(typed, in_menu, self.hide_info);
        if self.is_active() {
            self.filter.set_query(self.query.clone());
        }
        self.links.clear();
        self.links_scanned = 0;
    }

    /// Decides one slice of lines; returns whether every line of `page` is decided.
    pub fn step(&mut self, page: &Page) -> bool {
        if !self.is_active() {
            return true;
        }
        let done = self.filter.step(page);
        self.note_links(page);
        done
    }

    /// Whether every line is decided (a page still arriving may bring more).
    pub fn is_done(&self, page: &Page) -> bool {
        !self.is_active() || self.filter.is_done(page)
    }

    fn note_links(&mut self, page: &Page) {
        let Some(menu) = page.menu() else { return };
        let kept = self.filter.kept();
        let new = &kept[self.links_scanned.min(kept.len())..];
        self.links.extend(
            new.iter()
                .copied()
                .filter(|&line| menu.is_selectable(line as usize)),
        );
        self.links_scanned = kept.len();
    }

    /// The rows of the view (kept lines) decided so far.
    pub fn rows(&self) -> usize {
        self.filter.kept().len()
    }

    /// The line shown on row `row`.
    pub fn line_at(&self, row: usize) -> Option<usize> {
        self.filter.kept().get(row).map(|&line| line as usize)
    }

    /// The lines from the top row on, at most `count` of them.
    pub fn lines_shown(&self, count: usize) -> impl Iterator<Item = usize> + '_ {
        let kept = self.filter.kept();
        kept[self.top.line.min(kept.len())..]
            .iter()
            .take(count)
            .map(|&line| line as usize)
    }

    /// The narrowed view's number of the link on `line` (from 1), if it is a kept link.
    pub fn link_number(&self, line: usize) -> Option<usize> {
        let line = u32::try_from(line).ok()?;
        self.links.binary_search(&line).ok().map(|at| at + 1)
    }

    /// The line of the narrowed view's link `number` (from 1).
    pub fn link_line(&self, number: usize) -> Option<usize> {
        let at = number.checked_sub(1)?;
        self.links.get(at).map(|&line| line as usize)
    }

    /// Whether `line` is a link shown in the view.
    pub fn shows_link(&self, line: usize) -> bool {
        self.link_number(line).is_some()
    }

    /// The first kept link at or after `line` (else the last before it).
    fn nearest_link(&self, line: usize) -> Option<usize> {
        let at = self.links.partition_point(|&l| (l as usize) < line);
        self.links
            .get(at)
            .or(self.links.last())
            .map(|&l| l as usize)
    }

    // --- Menus: the cursor is a page line, kept in view.

    fn max_top(&self, view: Viewport) -> usize {
        self.rows().saturating_sub(view.height.max(1))
    }

    fn cursor_row(&self, cursor: usize) -> Option<usize> {
        self.filter.row_of(cursor)
    }

    fn keep_cursor_in_view(&mut self, cursor: usize, view: Viewport) {
        let height = view.height.max(1);
        let Some(row) = self.cursor_row(cursor) else {
            return;
        };
        if row < self.top.line {
            self.top.line = row;
        } else if row >= self.top.line + height {
            self.top.line = row + 1 - height;
        }
    }

    /// After lines were decided or the query changed: the cursor on a kept link (the one
    /// the prompt opened on, or the nearest after it, while typing) and in view.
    pub fn settle_menu(&mut self, cursor: &mut usize, view: Viewport) {
        let target = if self.typing { self.origin } else { *cursor };
        if let Some(line) = self.nearest_link(target) {
            *cursor = line;
        } else if self.typing {
            *cursor = self.origin;
        }
        if self.typing
            && let Some(row) = self.cursor_row(*cursor)
        {
            self.top.line = row.saturating_sub(self.origin_offset);
        }
        self.top.line = self.top.line.min(self.max_top(view));
        self.keep_cursor_in_view(*cursor, view);
    }

    /// Scrolls a menu view by `delta` rows; a cursor left off screen moves onto a link in view.
    pub fn scroll_menu(&mut self, cursor: &mut usize, delta: isize, view: Viewport) {
        let height = view.height.max(1);
        let n = delta.unsigned_abs();
        self.top.line = match delta >= 0 {
            true => (self.top.line + n).min(self.max_top(view)),
            false => self.top.line.saturating_sub(n),
        };
        let in_view = |row: Option<usize>| {
            row.is_some_and(|r| (self.top.line..self.top.line + height).contains(&r))
        };
        if in_view(self.cursor_row(*cursor)) {
            return;
        }
        let first = self.line_at(self.top.line);
        let last = self.line_at((self.top.line + height).min(self.rows()).saturating_sub(1));
        let (Some(first), Some(last)) = (first, last) else {
            return;
        };
        let from = self.links.partition_point(|&l| (l as usize) < first);
        let to = self.links.partition_point(|&l| (l as usize) <= last);
        let replacement = match delta >= 0 {
            true => self.links[from..to].first(),
            false => self.links[from..to].last(),
        };
        if let Some(&line) = replacement {
            *cursor = line as usize;
        }
    }

    /// Down: the next kept link (scrolling one row when none follows or the cursor is below
    /// the screen).
    pub fn menu_down(&mut self, cursor: &mut usize, view: Viewport) {
        let below = self
            .cursor_row(*cursor)
            .is_some_and(|row| row >= self.top.line + view.height.max(1));
        let next = self.links.partition_point(|&l| (l as usize) <= *cursor);
        match self.links.get(next) {
            Some(&line) if !below => {
                *cursor = line as usize;
                self.keep_cursor_in_view(*cursor, view);
            }
            _ => self.scroll_menu(cursor, 1, view),
        }
    }

    /// Up: the previous kept link (scrolling one row when none is before it).
    pub fn menu_up(&mut self, cursor: &mut usize, view: Viewport) {
        let above = self
            .cursor_row(*cursor)
            .is_some_and(|row| row < self.top.line);
        let before = self.links.partition_point(|&l| (l as usize) < *cursor);
        match before.checked_sub(1).map(|at| self.links[at]) {
            Some(line) if !above => {
                *cursor = line as usize;
                self.keep_cursor_in_view(*cursor, view);
            }
            _ => self.scroll_menu(cursor, -1, view),
        }
    }

    pub fn menu_top(&mut self, cursor: &mut usize) {
        self.top = Position::default();
        if let Some(&first) = self.links.first() {
            *cursor = first as usize;
        }
    }

    pub fn menu_bottom(&mut self, cursor: &mut usize, view: Viewport) {
        self.top = Position {
            line: self.max_top(view),
            row: 0,
        };
        if let Some(&last) = self.links.last() {
            *cursor = last as usize;
        }
    }

    /// Shows the kept link `line` (a link number typed), a third of the way down when it was
    /// off screen.
    pub fn reveal_menu_line(&mut self, cursor: &mut usize, line: usize, view: Viewport) {
        let height = view.height.max(1);
        let Some(row) = self.cursor_row(line) else {
            return;
        };
        *cursor = line;
        if row < self.top.line || row >= self.top.line + height {
            self.top.line = row.saturating_sub(height / 3).min(self.max_top(view));
        }
    }

    /// The menu line on screen row `row` of the content area.
    pub fn menu_line_on_screen(&self, row: usize, view: Viewport) -> Option<usize> {
        (row < view.height).then(|| self.line_at(self.top.line + row))?
    }

    // --- Texts: rows are the wrapped screen rows of the kept lines.

    fn text_rows(&self, page: &Page, row: usize, width: usize) -> usize {
        let text = self
            .line_at(row)
            .and_then(|line| page.text_doc().map(|doc| doc.line(line)))
            .unwrap_or("");
        row_count(text, width)
    }

    fn text_advance(&self, page: &Page, pos: Position, n: usize, width: usize) -> Position {
        advance_rows(self.rows(), |row| self.text_rows(page, row, width), pos, n)
    }

    fn text_retreat(&self, page: &Page, pos: Position, n: usize, width: usize) -> Position {
        retreat_rows(|row| self.text_rows(page, row, width), pos, n)
    }

    fn text_last_top(&self, page: &Page, view: Viewport) -> Position {
        last_top_rows(
            self.rows(),
            |row| self.text_rows(page, row, view.width),
            view.height,
        )
    }

    /// Scrolls a text view by `delta` screen rows (negative is up), within its rows.
    pub fn scroll_text(&mut self, page: &Page, delta: isize, view: Viewport) {
        let n = delta.unsigned_abs();
        let moved = match delta >= 0 {
            true => self.text_advance(page, self.top, n, view.width),
            false => self.text_retreat(page, self.top, n, view.width),
        };
        self.top = moved.min(self.text_last_top(page, view));
    }

    pub fn text_bottom(&mut self, page: &Page, view: Viewport) {
        self.top = self.text_last_top(page, view);
    }

    /// After lines were decided or the query changed: while typing the view starts at the
    /// kept line nearest the one on top when the prompt opened; always within the rows.
    pub fn settle_text(&mut self, page: &Page, view: Viewport) {
        if self.typing {
            self.top = Position {
                line: self.filter.nearest_row(self.origin).unwrap_or(0),
                row: 0,
            };
        }
        let rows = self.text_rows(page, self.top.line, view.width);
        self.top.row = self.top.row.min(rows.saturating_sub(1));
        self.top = self.top.min(self.text_last_top(page, view));
    }

    /// Where the whole page's view goes when the filter ends: the cursor's item (menus) or
    /// the top line (texts) at the same place on screen as in the narrowed view.
    pub fn whole_page_top(&self, page: &Page, menu: Option<&Menu>) -> Option<Position> {
        if !self.is_active() {
            return None;
        }
        match menu {
            Some(_) => {
                let row = self.cursor_row(page.cursor)?;
                let offset = row.saturating_sub(self.top.line);
                Some(Position {
                    line: page.cursor.saturating_sub(offset),
                    row: 0,
                })
            }
            None => Some(Position {
                line: self.line_at(self.top.line)?,
                row: self.top.row,
            }),
        }
    }
}

#[cfg(test)]
#[path = "narrowed_tests.rs"]
mod tests;
