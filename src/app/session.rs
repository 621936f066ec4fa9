//! The session: the open tabs and each one's history (addresses with cursor and scroll, never
//! page contents) saved as the user goes, and brought back at start-up. A change is noted with
//! a cheap comparison after each message; a snapshot is built at most every
//! [`SNAPSHOT_EVERY_MS`] (so a key costs the same with 1 or 50 tabs) and once more just before
//! quitting; the runtime's session writer writes it off the UI task. A restored tab holds
//! placeholders and fetches its page only when first shown.

use super::history::History;
use super::location::Location;
use super::page::{Content, Page, Place, Position};
use super::tab::Tab;
use super::{App, Command, Msg};
use crate::store::session::{MAX_TABS, Session, SessionEntry, SessionTab};

/// How often at most a snapshot of the tabs is made while things change.
pub const SNAPSHOT_EVERY_MS: u64 = 500;

/// What the last snapshot saw of the tab on screen and the tab set, to notice a change cheaply.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Glance {
    tabs: usize,
    shown_at: usize,
    location: Location,
    cursor: usize,
    top: Position,
    back: usize,
    forward: usize,
}

/// Whether the session is saved, and what is pending.
#[derive(Debug, Default)]
pub struct SessionSaving {
    enabled: bool,
    last: Option<Glance>,
    /// Something changed since the last snapshot.
    dirty: bool,
    /// The timer asked for to make the next snapshot.
    wake: Option<u64>,
    /// More tabs are open than a session keeps, and the user was told.
    told_over_bound: bool,
}

impl SessionSaving {
    pub fn new(enabled: bool) -> SessionSaving {
        SessionSaving {
            enabled,
            ..SessionSaving::default()
        }
    }
}

impl App {
    /// After each message: notes a change and asks for a snapshot soon; on quit, saves now.
    pub(super) fn keep_session(&mut self, commands: &mut Vec<Command>) {
        if !self.session.enabled {
            return;
        }
        self.tell_of_session_bound();
        if let Some(at) = commands.iter().position(|c| *c == Command::Quit) {
            commands.insert(at, Command::SaveSession(self.session_snapshot()));
            return;
        }
        // Compared in place, so an unchanged key press copies nothing.
        if !self
            .session
            .last
            .as_ref()
            .is_some_and(|last| self.looks_like(last))
        {
            self.session.last = Some(self.glance());
            self.session.dirty = true;
        }
        if self.session.dirty && self.session.wake.is_none() {
            self.next_wake += 1;
            let token = self.next_wake;
            self.session.wake = Some(token);
            commands.push(Command::WakeAfter {
                token,
                after_ms: SNAPSHOT_EVERY_MS,
            });
        }
    }

    /// Says once, when the count passes it, that the session keeps only [`MAX_TABS`] tabs (the
    /// ones nearest the tab shown, `Session::bounded`); said again after going back under it.
    fn tell_of_session_bound(&mut self) {
        let count = self.tabs.count();
        if count <= MAX_TABS {
            self.session.told_over_bound = false;
        } else if !self.session.told_over_bound {
            self.session.told_over_bound = true;
            self.notify(
                format!(
                    "{count} tabs are open: the session keeps only the {MAX_TABS} nearest the one shown"
                ),
                false,
            );
        }
    }

    /// A background tab changed (its reply arrived).
    pub(super) fn note_session_change(&mut self) {
        self.session.dirty = true;
    }

    pub(super) fn is_session_wake(&self, token: u64) -> bool {
        self.session.wake == Some(token)
    }

    /// The snapshot timer ran out: save what the tabs are now.
    pub(super) fn on_session_wake(&mut self) -> Vec<Command> {
        self.session.wake = None;
        if !std::mem::take(&mut self.session.dirty) {
            return Vec::new();
        }
        vec![Command::SaveSession(self.session_snapshot())]
    }

    fn looks_like(&self, last: &Glance) -> bool {
        last.tabs == self.tabs.count()
            && last.shown_at == self.tabs.shown_at
            && last.cursor == self.tab.page.cursor
            && last.top == self.tab.page.top
            && last.back == self.tab.history.back_len()
            && last.forward == self.tab.history.forward_len()
            && last.location == self.tab.page.location
    }

    fn glance(&self) -> Glance {
        Glance {
            tabs: self.tabs.count(),
            shown_at: self.tabs.shown_at,
            location: self.tab.page.location.clone(),
            cursor: self.tab.page.cursor,
            top: self.tab.page.top,
            back: self.tab.history.back_len(),
            forward: self.tab.history.forward_len(),
        }
    }

    /// The open tabs as a session: each tab's history, oldest first, with where it was left.
    pub fn session_snapshot(&self) -> Session {
        let tabs = self
            .tabs_in_order()
            .map(|tab| {
                let back: Vec<SessionEntry> = tab.history.back_pages().map(entry).collect();
                let at = back.len();
                let mut entries = back;
                entries.push(entry(&tab.page));
                entries.extend(tab.history.forward_pages().map(entry));
                SessionTab { entries, at }
            })
            .collect();
        Session {
            tabs,
            current: self.tabs.shown_at,
        }
    }

    /// `Msg::RestoreSession`: the saved tabs replace the start tab; only the one shown fetches
    /// its page now.
    pub(super) fn restore_session(&mut self, session: Session) -> Vec<Command> {
        let mut tabs: Vec<Tab> = session.tabs.iter().filter_map(restored_tab).collect();
        if tabs.is_empty() {
            return Vec::new();
        }
        let current = session.current.min(tabs.len() - 1);
        self.tab = tabs.remove(current);
        self.tabs.others = tabs;
        self.tabs.shown_at = current;
        self.tabs.end_opened_run();
        let view = self.viewport();
        self.tab.page.keep_place(view);
        self.session.last = Some(self.glance());
        self.fetch_unloaded()
    }

    /// `Msg::OpenTab`: `location` in a new tab beside this one, shown (`burrow URL` after a
    /// restored session); a tab that already shows it is shown instead of a second copy.
    pub(super) fn open_shown_tab(&mut self, location: Location) -> Vec<Command> {
        let showing = self
            .tabs_in_order()
            .position(|t| t.page.location == location);
        if let Some(index) = showing {
            return self.show_tab(index);
        }
        self.new_start_tab();
        self.update_shown(Msg::StartWith(location))
    }
}

fn entry(page: &Page) -> SessionEntry {
    let place = page.unloaded.unwrap_or(Place {
        cursor: page.cursor,
        top: page.top,
    });
    SessionEntry {
        address: page.location.to_string(),
        cursor: place.cursor,
        top_line: place.top.line,
        top_row: place.top.row,
    }
}

/// A page that is only an address and a place, fetched (or built) when shown.
fn placeholder(entry: &SessionEntry) -> Option<Page> {
    let location = Location::parse(&entry.address).ok()?;
    let mut page = Page::new(location, Content::Text(Default::default()));
    page.unloaded = Some(Place {
        cursor: entry.cursor,
        top: Position {
            line: entry.top_line,
            row: entry.top_row,
        },
    });
    Some(page)
}

fn restored_tab(saved: &SessionTab) -> Option<Tab> {
    let pages: Vec<Option<Page>> = saved.entries.iter().map(placeholder).collect();
    let at = saved.at.min(pages.len().checked_sub(1)?);
    let mut back: Vec<Page> = Vec::new();
    let mut forward: Vec<Page> = Vec::new();
    let mut shown = None;
    for (index, page) in pages.into_iter().enumerate() {
        let Some(page) = page else { continue };
        match index.cmp(&at) {
            std::cmp::Ordering::Less => back.push(page),
            std::cmp::Ordering::Equal => shown = Some(page),
            std::cmp::Ordering::Greater => forward.push(page),
        }
    }
    let mut tab = Tab::new(shown?);
    tab.history = History::restored(back, forward);
    Some(tab)
}
