//! Several pages open at once. The tab on screen is `App::tab`; the others wait in
//! [`TabSet`] in bar order, each with its own page, history, cursor, find, encoding and load.
//! A reply or timer for a tab in the background is handled by swapping that tab in for the
//! length of one `update` (so loading works the same for every tab), with questions it raises
//! kept on the tab until it is shown. `T` after `T` from one page lines the new tabs up after
//! it in the order opened. Closing a tab cancels its request; the last ten closed tabs can be
//! reopened, with their history, where they stood.

use super::input::PromptPurpose;
use super::location::Location;
use super::tab::Tab;
use super::tab_names::tab_title;
use super::{App, Command, Msg, Prompt};
use crate::app::builtin_pages::builtin_page;
use crate::gopher::ItemKind;
use crate::store::config::TabBarMode;

/// How many closed tabs can be reopened.
pub const CLOSED_TABS_KEPT: usize = 10;

/// The tabs not on screen, and where the one on screen sits among them.
#[derive(Debug, Default)]
pub struct TabSet {
    /// Every other tab, in bar order; the tab on screen sits at `shown_at` between them.
    pub others: Vec<Tab>,
    pub shown_at: usize,
    /// Closed tabs with the bar position each stood at, the last closed at the end.
    closed: Vec<(usize, Tab)>,
    /// The tabs opened one after another with `T` from the page shown, which sit right
    /// after it: the next goes after them. Switching tabs or leaving that page ends the run.
    opened_run: Option<(Location, usize)>,
    /// When the bar shows.
    pub bar: TabBarMode,
    /// Set while a background tab is swapped in to handle its reply.
    in_background: bool,
}

impl TabSet {
    pub fn new(bar: TabBarMode) -> TabSet {
        TabSet {
            bar,
            ..TabSet::default()
        }
    }

    /// How many tabs are open, the one on screen included.
    pub fn count(&self) -> usize {
        self.others.len() + 1
    }

    /// Whether the tab bar takes a row.
    pub fn bar_shown(&self) -> bool {
        self.bar.shows(self.count())
    }

    /// The position in `others` of tab `index` (in bar order), unless it is the one shown.
    fn other_slot(&self, index: usize) -> Option<usize> {
        match index.cmp(&self.shown_at) {
            std::cmp::Ordering::Less => Some(index),
            std::cmp::Ordering::Equal => None,
            std::cmp::Ordering::Greater => Some(index - 1).filter(|&i| i < self.others.len()),
        }
    }

    /// The tab in the background that a reply or a timer belongs to.
    fn owner_of(&self, msg: &Msg) -> Option<usize> {
        let owns = |tab: &Tab| match msg {
            Msg::Fetch(update) => tab.loading.as_ref().is_some_and(|l| l.id == update.id),
            Msg::Wake(token) => {
                tab.loading
                    .as_ref()
                    .and_then(|l| l.terminator_wait)
                    .is_some_and(|(waiting, _)| waiting == *token)
                    || tab.find.as_ref().is_some_and(|f| f.wake == *token)
                    || tab.link_entry.as_ref().is_some_and(|e| e.wake == *token)
                    || tab.filter.as_ref().is_some_and(|n| n.wake == Some(*token))
            }
            _ => false,
        };
        self.others.iter().position(owns)
    }

    /// The tabs are replaced (a restored session): no run of `T` goes on.
    pub fn end_opened_run(&mut self) {
        self.opened_run = None;
    }

    /// Whether the tab now in `App::tab` is a background tab swapped in.
    pub fn in_background(&self) -> bool {
        self.in_background
    }
}

impl App {
    /// Hands a background tab's reply or timer to that tab; `None` when it is not one.
    pub(super) fn route_to_background(&mut self, msg: &Msg) -> Option<Vec<Command>> {
        let slot = self.tabs.owner_of(msg)?;
        Some(self.with_background_tab(slot, |app| app.update_shown(msg.clone())))
    }

    /// Runs `work` with the background tab at `slot` swapped in as `App::tab`.
    pub(super) fn with_background_tab(
        &mut self,
        slot: usize,
        work: impl FnOnce(&mut App) -> Vec<Command>,
    ) -> Vec<Command> {
        std::mem::swap(&mut self.tab, &mut self.tabs.others[slot]);
        self.tabs.in_background = true;
        let commands = work(self);
        self.tabs.in_background = false;
        std::mem::swap(&mut self.tab, &mut self.tabs.others[slot]);
        commands
    }

    /// `T`: the selected link in a new tab beside this one, loading in the background while
    /// this tab stays as it is. A search item asks for its query first; a file, a web link
    /// or a session opens as Enter would.
    pub(super) fn follow_in_new_tab(&mut self) -> Vec<Command> {
        if let Some(link) = self.selected_text_link() {
            return self.text_link_in_new_tab(link);
        }
        let Some(item) = self.selected_item().filter(|i| i.is_selectable()) else {
            self.notify(
                "No link is selected: T opens the selected link in a new tab",
                false,
            );
            return Vec::new();
        };
        if item.web_link().is_some() {
            return self.follow_selected();
        }
        let title = item.display.trim().to_owned();
        let location = match self.builtin_link(&item) {
            Some(builtin) => builtin,
            None => match self.link_url(self.tab.page.cursor, &item) {
                Ok(url) => match url.item_type.kind() {
                    ItemKind::Menu | ItemKind::Text | ItemKind::Html => Location::Gopher(url),
                    ItemKind::Search if url.query.is_some() => Location::Gopher(url),
                    ItemKind::Search => {
                        let mut prompt = Prompt::new(PromptPurpose::SearchInNewTab(url), "");
                        prompt.subject = Some(title);
                        self.open_prompt_with(prompt);
                        return Vec::new();
                    }
                    _ => return self.follow_selected(),
                },
                Err(error) => {
                    self.notify(format!("This link cannot be followed: {error}"), true);
                    return Vec::new();
                }
            },
        };
        self.open_in_new_tab(location, Some(title))
    }

    /// Opens `location` in a new tab right of this one (after those it opened just before),
    /// in the background.
    pub(super) fn open_in_new_tab(
        &mut self,
        location: Location,
        title: Option<String>,
    ) -> Vec<Command> {
        let opened_before = match &self.tabs.opened_run {
            Some((from, count)) if *from == self.tab.page.location => *count,
            _ => 0,
        };
        // After this tab and the ones it opened just before, in the order they were opened.
        let slot = (self.tabs.shown_at + opened_before).min(self.tabs.others.len());
        self.tabs.others.insert(slot, self.start_tab());
        self.tabs.opened_run = Some((self.tab.page.location.clone(), opened_before + 1));
        let commands = self.with_background_tab(slot, |app| {
            let commands = app.open_first(location);
            if let (Some(loading), Some(title)) = (app.tab.loading.as_mut(), title) {
                loading.title = Some(title);
            }
            commands
        });
        let number = slot + 2;
        let next = self.first_key_name(super::input::Action::NextTab);
        self.notify(format!("Opened in tab {number} ({next} goes there)"), false);
        commands
    }

    /// Ctrl-t: a new tab on the start page, shown.
    pub(super) fn new_start_tab(&mut self) -> Vec<Command> {
        self.tabs.opened_run = None;
        let tab = self.start_tab();
        let at = self.tabs.shown_at + 1;
        let old = std::mem::replace(&mut self.tab, tab);
        self.tabs.others.insert(self.tabs.shown_at, old);
        self.tabs.shown_at = at;
        Vec::new()
    }

    fn start_tab(&self) -> Tab {
        Tab::new(
            builtin_page(&Location::Start, &self.keymap).unwrap_or_else(|| {
                super::page::Page::new(
                    Location::Start,
                    super::page::Content::Text(Default::default()),
                )
            }),
        )
    }

    /// Shows tab `index` (in bar order); the question it raised while hidden is asked now,
    /// and a page restored without its body is fetched.
    pub(super) fn show_tab(&mut self, index: usize) -> Vec<Command> {
        let Some(slot) = self.tabs.other_slot(index) else {
            return Vec::new();
        };
        self.abandon_page_prompt();
        self.tabs.opened_run = None;
        let mut incoming = self.tabs.others.remove(slot);
        std::mem::swap(&mut self.tab, &mut incoming);
        let outgoing = incoming;
        // Put the old tab back where it stood, then note where the new one stands.
        let back_at = if self.tabs.shown_at < index {
            self.tabs.shown_at
        } else {
            self.tabs.shown_at - 1
        };
        self.tabs.others.insert(back_at, outgoing);
        self.tabs.shown_at = index;
        let view = self.viewport();
        self.tab.page.keep_place(view);
        if let Some(question) = self.tab.waiting_question.take() {
            self.ask(question);
        }
        if self.tab.loading.is_none() {
            return self.fetch_unloaded();
        }
        Vec::new()
    }

    /// A find or filter prompt belongs to the page it searches: leaving the tab ends it as
    /// Esc would (other prompts, such as Go to, are the browser's and stay open).
    fn abandon_page_prompt(&mut self) {
        let purpose = self.prompt().map(|p| p.purpose.clone());
        match purpose {
            Some(super::input::PromptPurpose::Find) => {
                self.close_prompt();
                self.end_find();
            }
            Some(super::input::PromptPurpose::Filter) => {
                self.close_prompt();
                self.end_filter();
            }
            _ => {}
        }
    }

    /// Tab and Shift-Tab: the next or previous tab, round the end.
    pub(super) fn cycle_tab(&mut self, forward: bool) -> Vec<Command> {
        let count = self.tabs.count();
        if count == 1 {
            let new = self.first_key_name(super::input::Action::NewTab);
            self.notify(format!("Only one tab is open ({new} opens another)"), false);
            return Vec::new();
        }
        let at = self.tabs.shown_at;
        let next = if forward {
            (at + 1) % count
        } else {
            (at + count - 1) % count
        };
        self.show_tab(next)
    }

    /// Alt-N: tab N (counted from 1).
    pub(super) fn go_to_tab(&mut self, number: usize) -> Vec<Command> {
        if number == 0 || number > self.tabs.count() {
            let count = self.tabs.count();
            self.notify(format!("There is no tab {number} ({count} open)"), false);
            return Vec::new();
        }
        self.show_tab(number - 1)
    }

    /// Ctrl-w: closes this tab (its request is cancelled); the next one is shown, and closing
    /// the last leaves a tab on the start page.
    pub(super) fn close_tab(&mut self) -> Vec<Command> {
        if self.tabs.others.is_empty() && self.is_fresh_start_tab() {
            self.notify(
                "This is the only tab, on the start page: nothing to close",
                false,
            );
            return Vec::new();
        }
        self.tabs.opened_run = None;
        let closed_at = self.tabs.shown_at;
        let mut commands = self.cancel_loading();
        self.tab.find = None;
        self.tab.link_entry = None;
        let replacement = if self.tabs.others.is_empty() {
            self.start_tab()
        } else {
            let slot = self.tabs.shown_at.min(self.tabs.others.len() - 1);
            if self.tabs.shown_at >= self.tabs.others.len() {
                self.tabs.shown_at = self.tabs.others.len() - 1;
            }
            self.tabs.others.remove(slot)
        };
        let mut closed = std::mem::replace(&mut self.tab, replacement);
        let title = tab_title(&closed);
        // Kept for reopening as addresses and places only: its bodies are fetched again.
        closed.history.unload_all();
        if super::history::can_unload(&closed.page) {
            super::history::unload(&mut closed.page);
        }
        self.tabs.closed.push((closed_at, closed));
        if self.tabs.closed.len() > CLOSED_TABS_KEPT {
            self.tabs.closed.remove(0);
        }
        let reopen = self.first_key_name(super::input::Action::ReopenTab);
        self.notify(format!("Closed {title} ({reopen} reopens it)"), false);
        let view = self.viewport();
        self.tab.page.keep_place(view);
        if let Some(question) = self.tab.waiting_question.take() {
            self.ask(question);
        }
        if self.tab.loading.is_none() {
            commands.extend(self.fetch_unloaded());
        }
        commands
    }

    /// Whether the tab shown is the start page with nothing behind or ahead of it and nothing
    /// loading: closing it would leave the same.
    fn is_fresh_start_tab(&self) -> bool {
        self.tab.page.location == Location::Start
            && self.tab.loading.is_none()
            && self.tab.history.back_len() == 0
            && self.tab.history.forward_len() == 0
    }

    /// Reopens the last closed tab, with its history, where it stood in the bar (or at the
    /// end, if the bar is shorter now), and shows it.
    pub(super) fn reopen_tab(&mut self) -> Vec<Command> {
        let Some((at, tab)) = self.tabs.closed.pop() else {
            self.notify("No closed tab to reopen", false);
            return Vec::new();
        };
        self.tabs.opened_run = None;
        let old = std::mem::replace(&mut self.tab, tab);
        // Every other tab in bar order, then the reopened one among them at `at`.
        self.tabs.others.insert(self.tabs.shown_at, old);
        self.tabs.shown_at = at.min(self.tabs.others.len());
        let view = self.viewport();
        self.tab.page.keep_place(view);
        // A page whose load was cancelled at closing is fetched again.
        self.fetch_unloaded()
    }

    /// A click on the tab bar's row at `column`.
    pub(super) fn click_tab_bar(&mut self, index: Option<usize>) -> Vec<Command> {
        match index {
            Some(index) => self.show_tab(index),
            None => Vec::new(),
        }
    }

    /// Every tab in bar order, the one on screen included.
    pub fn tabs_in_order(&self) -> impl Iterator<Item = &Tab> {
        let (before, after) = self
            .tabs
            .others
            .split_at(self.tabs.shown_at.min(self.tabs.others.len()));
        before
            .iter()
            .chain(std::iter::once(&self.tab))
            .chain(after.iter())
    }

    /// The tab at bar position `index` (the shown one at `tabs.shown_at`).
    pub fn tab_in_order(&self, index: usize) -> Option<&Tab> {
        let shown_at = self.tabs.shown_at.min(self.tabs.others.len());
        match index.cmp(&shown_at) {
            std::cmp::Ordering::Less => self.tabs.others.get(index),
            std::cmp::Ordering::Equal => Some(&self.tab),
            std::cmp::Ordering::Greater => self.tabs.others.get(index - 1),
        }
    }

    pub(super) fn first_key_name(&self, action: super::input::Action) -> String {
        self.keymap
            .keys_for(action)
            .first()
            .map_or_else(|| "(no key)".to_owned(), |k| k.name())
    }
}
