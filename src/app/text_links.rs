//! Following the URLs inside a text page (found once, as the text was parsed: see
//! `gopher::text_links`). `]` and `[` select the next and previous link, scrolling to show it;
//! Follow, a link number (`#`), a click on its cells or `T` opens it: gopher, gophers and
//! finger URLs inside Burrow, http(s), gemini and mailto ones with the system opener after
//! asking (as for `h` items, through `external::classify_web_link`, which also refuses what the
//! URL layer rejects, with the reason). The selection is the page's (`Page::selected_link`), so
//! each tab and each page in history keeps its own.

use super::external::{WebTarget, classify_web_link};
use super::input::{Prompt, PromptPurpose};
use super::location::Location;
use super::text_cells::{is_on_screen, link_at, link_position, screen_end, text_cell_at};
use super::{App, Command};
use crate::gopher::{ItemKind, TextDoc};

/// What a selected text link leads to, as the status bar shows it.
pub fn link_target_text(url: &str) -> String {
    match classify_web_link(url.as_bytes()) {
        Ok(WebTarget::Inside(url)) => url.to_string(),
        Ok(WebTarget::Outside(url)) => format!("Web link: {url}"),
        Err(why) => why,
    }
}

impl App {
    /// The text document on screen while its body is in memory.
    fn shown_text(&self) -> Option<&TextDoc> {
        self.tab
            .page
            .text_doc()
            .filter(|_| self.tab.page.unloaded.is_none())
    }

    /// The number of links `#` numbers on this page: a menu's links, or a text's URLs.
    pub fn link_count(&self) -> usize {
        match (self.tab.page.menu(), self.shown_text()) {
            (Some(menu), _) => menu.link_count(),
            (None, Some(doc)) => doc.links().len(),
            (None, None) => 0,
        }
    }

    /// The columns left of a text's reading column that show link numbers (`#` on a text
    /// with links): wide enough for the largest number, a `+` (more links start on that row)
    /// and a space. None on a screen too narrow to spare them.
    pub fn link_gutter(&self) -> usize {
        // A narrowed text's links are not followed by number (the view may hide some), so
        // it shows no numbers either.
        if !self.show_link_numbers || self.tab.narrowed().is_some() {
            return 0;
        }
        let links = self.shown_text().map_or(0, |doc| doc.links().len());
        if links == 0 {
            return 0;
        }
        let gutter = links.to_string().len() + 2;
        if usize::from(self.screen.0) < gutter + 10 {
            return 0;
        }
        gutter
    }

    /// The selected text link, while it is on screen: its index in `TextDoc::links`.
    /// None on a filtered text: its links are stepped through on the whole page.
    pub fn selected_text_link(&self) -> Option<usize> {
        if self.tab.narrowed().is_some() {
            return None;
        }
        let index = self.tab.page.selected_link?;
        let doc = self.shown_text()?;
        let view = self.viewport();
        let at = link_position(doc, index, view.width)?;
        is_on_screen(doc, self.tab.page.top, at, view.width, view.height).then_some(index)
    }

    /// The text (the URL) of link `index` of the text on screen.
    pub fn text_link_url(&self, index: usize) -> Option<&str> {
        let doc = self.shown_text()?;
        doc.links().get(index).map(|link| doc.link_text(link))
    }

    /// Where link `index` of the text on screen leads, or why it is refused.
    pub(super) fn text_link_target(&self, index: usize) -> Option<Result<WebTarget, String>> {
        self.text_link_url(index)
            .map(|url| classify_web_link(url.as_bytes()))
    }

    /// `]` (forward) or `[`: selects the next or previous link and scrolls to show it. From a
    /// selection no longer on screen, the first link from the top of the view (or the last
    /// one above its bottom) is next. In a menu, the same as Down and Up.
    pub(super) fn step_text_link(&mut self, forward: bool) {
        let view = self.viewport();
        let Some(doc) = self.shown_text() else {
            return match forward {
                true => self.tab.page.move_down(view),
                false => self.tab.page.move_up(view),
            };
        };
        let links = doc.links();
        if links.is_empty() {
            self.notify("This text has no links", false);
            return;
        }
        let top = self.tab.page.top;
        let next = match (self.selected_text_link(), forward) {
            (Some(index), true) => Some(index + 1).filter(|&i| i < links.len()),
            (Some(index), false) => index.checked_sub(1),
            (None, true) => {
                let from = links.partition_point(|l| (l.line as usize) < top.line);
                (from..links.len())
                    .find(|&i| link_position(doc, i, view.width).is_some_and(|at| at >= top))
            }
            (None, false) => {
                let end = screen_end(doc, top, view.width, view.height);
                let to = links.partition_point(|l| (l.line as usize) <= end.line);
                (0..to)
                    .rev()
                    .find(|&i| link_position(doc, i, view.width).is_some_and(|at| at < end))
            }
        };
        let Some(next) = next else {
            let side = if forward { "below" } else { "above" };
            self.notify(format!("No more links {side}"), false);
            return;
        };
        let at = link_position(doc, next, view.width).unwrap_or_default();
        self.tab.page.selected_link = Some(next);
        self.tab.page.follow_end = false;
        self.tab.page.reveal(at.line, at.row, view);
        self.reveal_link_columns(next);
    }

    /// Selects link `number` (from 1) of the text on screen and scrolls to show it; whether
    /// there is one.
    pub(super) fn select_text_link_number(&mut self, number: usize) -> bool {
        let view = self.viewport();
        let Some(index) = number.checked_sub(1) else {
            return false;
        };
        let Some(at) = self
            .shown_text()
            .and_then(|doc| link_position(doc, index, view.width))
        else {
            return false;
        };
        self.tab.page.selected_link = Some(index);
        self.tab.page.follow_end = false;
        self.tab.page.reveal(at.line, at.row, view);
        self.reveal_link_columns(index);
        true
    }

    /// Follows link `index` of the text on screen: inside Burrow, or asks before handing it to
    /// the opener; refused with the reason when it is no valid URL.
    pub(super) fn follow_text_link(&mut self, index: usize) -> Vec<Command> {
        let Some(url) = self.text_link_url(index).map(str::to_owned) else {
            return Vec::new();
        };
        self.tab.page.selected_link = Some(index);
        self.notice = None;
        self.follow_web_link(url.as_bytes())
    }

    /// `T` on a selected text link: a gopher page opens in a new tab in the background (a
    /// search asks its query first); anything else is followed as Enter would.
    pub(super) fn text_link_in_new_tab(&mut self, index: usize) -> Vec<Command> {
        let Some(text) = self.text_link_url(index).map(str::to_owned) else {
            return Vec::new();
        };
        let url = match classify_web_link(text.as_bytes()) {
            Ok(WebTarget::Inside(url)) => url,
            _ => return self.follow_text_link(index),
        };
        match url.item_type.kind() {
            ItemKind::Menu | ItemKind::Text => self.open_in_new_tab(Location::Gopher(url), None),
            ItemKind::Search if url.query.is_some() => {
                self.open_in_new_tab(Location::Gopher(url), None)
            }
            ItemKind::Search => {
                self.open_prompt_with(Prompt::new(PromptPurpose::SearchInNewTab(url), ""));
                Vec::new()
            }
            _ => self.follow_text_link(index),
        }
    }

    /// Whether `column`, `content_row` is the last column of a line drawn with the `>` mark
    /// (wrapping off, the line going on past the window).
    fn clicked_continuation_mark(&self, column: u16, content_row: usize) -> bool {
        let (Some(offset), Some(doc)) = (self.tab.page.sideways, self.shown_text()) else {
            return false;
        };
        let text_column = self.text_column();
        let line = match self.tab.narrowed() {
            Some(narrowed) => narrowed.line_at(narrowed.top.line + content_row),
            None => Some(self.tab.page.top.line + content_row),
        };
        let Some(line) = line.filter(|&line| line < doc.line_count()) else {
            return false;
        };
        usize::from(column) + 1 == text_column.margin + text_column.width
            && content_row < self.viewport().height
            && super::sideways::window_row(doc.line(line), offset, text_column.width).continues
    }

    /// A click at `column`, `content_row` of the content area on a text page: a link drawn
    /// there is followed. Whether the click was on a text page at all.
    pub(super) fn click_text(&mut self, column: u16, content_row: usize) -> Option<Vec<Command>> {
        if self.clicked_continuation_mark(column, content_row) {
            // The dim `>` covers what it marks: a click on it scrolls there, as `>` does.
            let step = self.sideways_step();
            return Some(self.scroll_sideways(step, true));
        }
        let doc = self.shown_text()?;
        let view = self.viewport();
        let margin = self.text_column().margin;
        let hit = usize::from(column)
            .checked_sub(margin)
            .filter(|&c| c < self.text_column().width && content_row < view.height)
            // With wrapping off, the window starts `sideways` columns into each line.
            .map(|c| c + self.tab.page.sideways.unwrap_or(0))
            .and_then(|c| text_cell_at(doc, self.tab.page.top, view.width, content_row, c))
            .and_then(|(line, byte)| link_at(doc, line, byte));
        Some(match hit {
            Some(index) => {
                self.tab.link_entry = None;
                self.follow_text_link(index)
            }
            None => Vec::new(),
        })
    }
}
