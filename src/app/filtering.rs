//! Filter as you type (`&`, as in less), wired to keys and wakes: each key typed into the
//! filter prompt sets the query and decides one slice of lines at once, the rest on
//! `Command::WakeAfter` wakes of 0 ms, so no key waits behind a big page; a page still
//! arriving is filtered as it grows (after every message, like the row count). Enter keeps
//! the narrowed view; Esc, in the prompt or on the page, shows the whole page again with the
//! cursor on the item it was on. `I` hides or shows a menu's info lines, with or without a
//! query. The engine is `filter.rs`, the view and its moves `narrowed.rs`; the state lives
//! on the `Tab`, so each tab keeps its own.

use super::input::Action;
use super::narrowed::Narrowed;
use super::{App, Command, Prompt, PromptPurpose};
use crate::gopher::sanitize;

impl App {
    /// `&`: opens the filter prompt, holding what the filter in force was typed with. On a
    /// page still to arrive too: the filter goes on to it (`filter_carry.rs`).
    pub(super) fn start_filter(&mut self) {
        self.end_find();
        let view = self.viewport();
        let narrowed = self
            .tab
            .filter
            .get_or_insert_with(|| Narrowed::new(&self.tab.page, false, view));
        if narrowed.is_active() {
            // Editing the filter in force: the view settles around where it stands now.
            let cursor = self.tab.page.cursor;
            (narrowed.origin, narrowed.origin_offset) = match self.tab.page.menu() {
                Some(_) => {
                    let row = narrowed.filter.row_of(cursor).unwrap_or(narrowed.top.line);
                    (cursor, row.saturating_sub(narrowed.top.line))
                }
                None => (narrowed.line_at(narrowed.top.line).unwrap_or(0), 0),
            };
        }
        narrowed.typing = true;
        let typed = narrowed.typed.clone();
        self.open_prompt_with(Prompt::new(PromptPurpose::Filter, &typed));
    }

    /// The filter prompt's text changed: narrow by it, one slice now and the rest on wakes.
    pub(super) fn filter_as_typed(&mut self, typed: &str) -> Vec<Command> {
        let in_menu = self.tab.page.menu().is_some();
        let Some(narrowed) = self.tab.filter.as_mut() else {
            return Vec::new();
        };
        narrowed.set_typed(typed, in_menu);
        narrowed.wake = None;
        self.filter_slice()
    }

    /// One slice of deciding lines, the view settled on what is kept; asks for a wake while
    /// lines remain.
    fn filter_slice(&mut self) -> Vec<Command> {
        let Some(narrowed) = self.tab.filter.as_mut() else {
            return Vec::new();
        };
        let done = narrowed.step(&self.tab.page);
        self.settle_narrowed();
        if done {
            return Vec::new();
        }
        let Some(narrowed) = self.tab.filter.as_mut() else {
            return Vec::new();
        };
        self.next_wake += 1;
        narrowed.wake = Some(self.next_wake);
        vec![Command::WakeAfter {
            token: self.next_wake,
            after_ms: 0,
        }]
    }

    /// The narrowed view fitted to what is kept and to the screen: the cursor on a kept link
    /// and in view.
    pub(super) fn settle_narrowed(&mut self) {
        let view = self.viewport();
        let page = &mut self.tab.page;
        let Some(narrowed) = self.tab.filter.as_mut() else {
            return;
        };
        if narrowed.is_active() {
            match page.menu() {
                Some(_) => narrowed.settle_menu(&mut page.cursor, view),
                None => narrowed.settle_text(page, view),
            }
        } else if narrowed.typing && page.menu().is_some() {
            // Nothing typed: the whole page, with the cursor where the prompt opened.
            page.cursor = narrowed.origin;
        }
    }

    /// Whether `token` is the wake the filter asked for.
    pub(super) fn is_filter_wake(&self, token: u64) -> bool {
        self.tab
            .filter
            .as_ref()
            .is_some_and(|n| n.wake == Some(token))
    }

    pub(super) fn on_filter_wake(&mut self) -> Vec<Command> {
        if let Some(narrowed) = self.tab.filter.as_mut() {
            narrowed.wake = None;
        }
        self.filter_slice()
    }

    /// After every message: a page that grew has new lines to decide (asks for a wake).
    /// The view is fitted again too (wrapping turned off or on, a resize).
    pub(super) fn keep_filtering(&mut self) -> Option<Command> {
        let narrowed = self.tab.filter.as_mut()?;
        if narrowed.wake.is_some() || narrowed.is_done(&self.tab.page) {
            return None;
        }
        self.next_wake += 1;
        narrowed.wake = Some(self.next_wake);
        Some(Command::WakeAfter {
            token: self.next_wake,
            after_ms: 0,
        })
    }

    /// Enter in the filter prompt: the narrowed view stays (an empty query ends the filter).
    pub(super) fn accept_filter(&mut self) {
        let Some(narrowed) = self.tab.filter.as_mut() else {
            return;
        };
        narrowed.typing = false;
        if !narrowed.is_active() {
            self.tab.filter = None;
            return;
        }
        let growing =
            !narrowed.is_done(&self.tab.page) || self.tab.loading.as_ref().is_some_and(|l| l.shown);
        let what = match narrowed.typed.trim() {
            "" => "the links".to_owned(),
            typed => format!("the lines with \"{}\"", sanitize(typed)),
        };
        let esc = self.first_key_name(Action::Cancel);
        let status = match growing {
            // A count would go stale as lines come: the status bar keeps its count up to date.
            true => format!("{what} as the page comes"),
            false => self.filter_status().unwrap_or_default(),
        };
        self.notify(
            format!("Showing {status}: {esc} shows the whole page"),
            false,
        );
    }

    /// Esc (in the prompt or on the narrowed page), or the page left: the whole page again,
    /// the cursor on the item it was on in the narrowed view, where it was on screen.
    pub(super) fn end_filter(&mut self) {
        if self.end_filter_keeping_prompt().is_some()
            && self.prompt().map(|p| &p.purpose) == Some(&PromptPurpose::Filter)
            && !self.tabs.in_background()
        {
            self.close_prompt();
        }
    }

    /// `end_filter` with the filter prompt left open: returns the filter ended.
    pub(super) fn end_filter_keeping_prompt(&mut self) -> Option<Narrowed> {
        let narrowed = self.tab.filter.take()?;
        let page = &mut self.tab.page;
        if let Some(top) = narrowed.whole_page_top(page, page.menu()) {
            page.top = top;
        } else if narrowed.typing && page.menu().is_some() {
            page.cursor = narrowed.origin;
        }
        let view = self.viewport();
        self.tab.page.keep_place(view);
        Some(narrowed)
    }

    /// `I`: hides or shows a menu's info lines (with the query typed, if any).
    pub(super) fn toggle_info_lines(&mut self) -> Vec<Command> {
        if self.tab.page.menu().is_none() {
            self.notify("Only menus have info lines to hide", false);
            return Vec::new();
        }
        let view = self.viewport();
        let narrowed = self
            .tab
            .filter
            .get_or_insert_with(|| Narrowed::new(&self.tab.page, false, view));
        narrowed.hide_info = !narrowed.hide_info;
        let (typed, hidden) = (narrowed.typed.clone(), narrowed.hide_info);
        narrowed.set_typed(&typed, true);
        narrowed.wake = None;
        if !narrowed.is_active() {
            self.end_filter();
            self.notify("Info lines shown: the whole page", false);
            return Vec::new();
        }
        let commands = self.filter_slice();
        let key = self.first_key_name(Action::ToggleInfoLines);
        let word = if hidden { "hidden" } else { "shown" };
        let count = self.filter_count().unwrap_or_default();
        self.notify(format!("Info lines {word}: {count} ({key} toggles)"), false);
        commands
    }

    /// `12 of 100,000 lines` (`12+ …, counting` while lines remain), with what filters them,
    /// while the view is narrowed.
    pub fn filter_status(&self) -> Option<String> {
        let narrowed = self.tab.narrowed()?;
        let page = &self.tab.page;
        let counting = if narrowed.is_done(page) {
            ""
        } else {
            ", counting"
        };
        let mut what = Vec::new();
        if !narrowed.typed.is_empty() {
            what.push(format!("\"{}\"", sanitize(&narrowed.typed)));
        }
        if narrowed.hide_info {
            what.push("no info lines".to_owned());
        }
        Some(format!(
            "{}{counting} ({})",
            narrowed.filter.status(page),
            what.join(", ")
        ))
    }

    /// The count the filter prompt's label shows: `12 of 100,000 lines`.
    pub fn filter_count(&self) -> Option<String> {
        let narrowed = self.tab.narrowed()?;
        let page = &self.tab.page;
        let counting = if narrowed.is_done(page) {
            ""
        } else {
            ", counting"
        };
        Some(format!("{}{counting}", narrowed.filter.status(page)))
    }

    /// The narrowed view's count of links (for link numbers).
    pub fn narrowed_link_count(&self) -> Option<usize> {
        self.tab.narrowed().map(|n| n.links.len())
    }

    /// A browsing key on a narrowed page: the moves act on the kept lines, and find waits
    /// for the whole page. `None` for the actions that work as usual.
    pub(super) fn narrowed_action(&mut self, action: Action) -> Option<Vec<Command>> {
        let view = self.viewport();
        let page = &mut self.tab.page;
        let narrowed = self.tab.filter.as_mut().filter(|n| n.is_active())?;
        let in_menu = page.menu().is_some();
        let rows = view.height.max(1) as isize;
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                page.follow_end = false;
                let delta = match action {
                    Action::Up => -1,
                    Action::Down => 1,
                    Action::PageUp => -rows,
                    _ => rows,
                };
                match (in_menu, action) {
                    (true, Action::Up) => narrowed.menu_up(&mut page.cursor, view),
                    (true, Action::Down) => narrowed.menu_down(&mut page.cursor, view),
                    (true, _) => narrowed.scroll_menu(&mut page.cursor, delta, view),
                    (false, _) => narrowed.scroll_text(page, delta, view),
                }
            }
            Action::Top => {
                page.follow_end = false;
                match in_menu {
                    true => narrowed.menu_top(&mut page.cursor),
                    false => narrowed.top = Default::default(),
                }
            }
            Action::Bottom => match in_menu {
                true => narrowed.menu_bottom(&mut page.cursor, view),
                false => narrowed.text_bottom(page, view),
            },
            Action::NextLink | Action::PreviousLink if in_menu => {
                page.follow_end = false;
                match action {
                    Action::NextLink => narrowed.menu_down(&mut page.cursor, view),
                    _ => narrowed.menu_up(&mut page.cursor, view),
                }
            }
            Action::NextLink | Action::PreviousLink => {
                let esc = self.first_key_name(Action::Cancel);
                self.notify(
                    format!("A text's links are stepped through on the whole page: {esc} ends the filter"),
                    false,
                );
            }
            Action::Find | Action::FindNext | Action::FindPrevious => {
                let esc = self.first_key_name(Action::Cancel);
                self.notify(
                    format!(
                        "Find searches the whole page: {esc} ends the filter first \
                         (the filter shows only the lines that match)"
                    ),
                    false,
                );
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    /// Whether the menu cursor is on a row of the screen (of the narrowed view when filtered).
    pub(super) fn cursor_on_screen(&self) -> bool {
        let height = self.viewport().height;
        let cursor = self.tab.page.cursor;
        let (top, row) = match self.tab.narrowed() {
            Some(narrowed) => match narrowed.filter.row_of(cursor) {
                Some(row) => (narrowed.top.line, row),
                None => return false,
            },
            None => (self.tab.page.top.line, cursor),
        };
        (top..top + height).contains(&row)
    }

    /// A mouse wheel turn on a narrowed page.
    pub(super) fn scroll_narrowed(&mut self, delta: isize) -> bool {
        let view = self.viewport();
        let page = &mut self.tab.page;
        let Some(narrowed) = self.tab.filter.as_mut().filter(|n| n.is_active()) else {
            return false;
        };
        match page.menu() {
            Some(_) => narrowed.scroll_menu(&mut page.cursor, delta, view),
            None => narrowed.scroll_text(page, delta, view),
        }
        true
    }
}
