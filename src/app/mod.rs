//! Application state and the one place it changes: `App::update(Msg) -> Vec<Command>`.
//!
//! `App` is a short list of parts: the tab on screen (`Tab`: page, back/forward `History`,
//! loading, find, filter, link-number entry) and the others (`tabs::TabSet`), what is open
//! over the page (`Modal`, read through `App::layer()`), and what belongs to the whole browser
//! (downloads, known hosts, keymap, settings from `AppConfig`, notices, the session being
//! saved). No IO happens here, so every behaviour can be tested by feeding messages and
//! reading state and commands.
//!
//! Where things are: the data in and out in `messages.rs`; key data, the actions table, the
//! keymap and prompts in `input/` (nothing there knows `App`); what a key does in
//! `dispatch.rs` and `prompt_keys.rs`; opening and following in `opening.rs`; loading in
//! `loading.rs`, a reply becoming a page in `reply.rs`; the page model in `page.rs`, where it
//! came from in `location.rs`, built-in pages in `builtin_pages.rs`; tabs in `tab.rs` and
//! `tabs.rs`, the session in `session.rs`; each other feature in its own file. A new page
//! kind is a `Location` variant and a builtin page or a reply parser; a new protocol is a
//! `Location` and a fetch, never a change to the page model.

pub mod builtin_pages;
pub mod climb;
pub mod completion;
pub mod config;
pub mod dispatch;
pub mod downloads;
pub mod encodings;
pub mod external;
pub mod filter;
pub mod filter_carry;
pub mod filtering;
pub mod find;
pub mod find_scan;
pub mod find_text;
pub mod history;
pub mod info;
pub mod input;
pub mod layer;
pub mod link_numbers;
pub mod loading;
pub mod location;
pub mod messages;
pub mod messages_page;
pub mod narrowed;
pub mod navigation;
pub mod notices;
pub mod opening;
pub mod page;
pub mod paste_and_click;
pub mod pins_across_tabs;
pub mod prompt_keys;
pub mod reply;
pub mod row_index;
pub mod row_walk;
pub mod saved;
pub mod session;
pub mod sideways;
pub mod tab;
pub mod tab_names;
pub mod tabs;
pub mod text_cells;
pub mod text_links;
pub mod visited;
pub mod wrap;

use crate::gopher::transfer::{FetchLimits, RequestId};
use crate::gopher::{Encoding, GopherUrl, MenuItem, sanitize};
use crate::store::known_hosts::KnownHosts;
// KnownHosts is plain data (parse/format, no IO); the runtime does the file work.
use builtin_pages::builtin_page;
pub use config::AppConfig;
use input::Keymap;
pub use input::{Prompt, PromptPurpose};
pub use layer::{Layer, Modal};
pub use loading::{LoadPurpose, Loading};
pub use location::Location;
pub use messages::{Command, Confirm, ConfirmAction, Msg, Notice};
use navigation::Viewport;
use page::Page;
pub use saved::{HistorySettings, SavedList};
pub use tab::Tab;

#[derive(Debug)]
pub struct App {
    /// The page view on screen: page, back and forward, loading, find, link-number entry.
    pub tab: Tab,
    /// The other open tabs, where this one sits among them, and the closed ones kept.
    pub tabs: tabs::TabSet,
    /// Whether the open tabs are saved as the session, and what is pending.
    session: session::SessionSaving,
    /// What is open over the page (see `layer.rs` for the order of focus).
    pub modal: Option<Modal>,
    /// The byte budget for the page bodies kept in history.
    pub page_memory: history::PageMemory,
    /// What the Go to prompt recalls and completes from.
    pub addresses: completion::AddressMemory,
    pub notice: Option<Notice>,
    /// Notices waiting behind an error not yet seen (`notices.rs`).
    pub waiting_notices: std::collections::VecDeque<Notice>,
    /// Every notice of the session, for the messages page (`notices.rs`).
    pub notice_log: notices::NoticeLog,
    /// Terminal size in columns and rows.
    pub screen: (u16, u16),
    pub spinner_frame: usize,
    pub limits: FetchLimits,
    /// Certificates the user trusted (from the known-hosts file).
    pub known_hosts: KnownHosts,
    /// Why the known-hosts file could not be read; while set, it is never overwritten.
    pub known_hosts_problem: Option<String>,
    /// The programs web links, sessions and images are handed to.
    pub programs: external::ExternalPrograms,
    /// Whether menus show each link's number.
    pub show_link_numbers: bool,
    /// Every download of this session, oldest first.
    pub downloads: Vec<downloads::Download>,
    /// Downloads stop at this many bytes.
    pub download_cap: u64,
    /// Whether visits are remembered, and how many.
    pub history: HistorySettings,
    /// The pages in the history, for the visited style of links (`visited.rs`).
    pub visited: visited::VisitedPages,
    /// The last problem with the history file, so it is reported once.
    saved_links_problem: Option<String>,
    /// Bookmark edits sent and not yet answered, oldest first (with what to report).
    bookmark_edits: std::collections::VecDeque<Option<saved::BookmarkChange>>,
    /// How newly opened pages are decoded (from the config; `e` changes one page).
    pub default_encoding: Encoding,
    /// Which key does what while browsing (the help page lists it).
    pub keymap: Keymap,
    next_id: RequestId,
    next_wake: u64,
    /// The wake asked for to count more of the page's rows (`row_index.rs`).
    row_count_wake: Option<u64>,
    /// Servers' path rules for `u`, and the caps request in flight (`climb.rs`).
    caps: climb::CapsCache,
    /// The start page the home key opens (`start_page` in the config).
    pub home: Location,
    /// The search the search key and `g ?words` use (`search_engine` in the config).
    pub search_engine: GopherUrl,
    /// The reading column of texts: `wrap_width` (0: the screen) and `center` from the config.
    pub wrap_width: usize,
    pub center: bool,
}

impl App {
    /// The app as it starts, on the start page, with `config` applied and its warnings queued
    /// in the status bar (one after another, each until Esc or the messages page).
    pub fn new(config: AppConfig, screen: (u16, u16)) -> App {
        let start = builtin_page(&Location::Start, &config.keymap)
            .unwrap_or_else(|| Page::new(Location::Start, page::Content::Text(Default::default())));
        let mut addresses = completion::AddressMemory::default();
        addresses.set_typed(config.typed_addresses);
        let mut app = App {
            tab: Tab::new(start),
            tabs: tabs::TabSet::new(config.tab_bar),
            session: session::SessionSaving::new(config.save_session),
            modal: None,
            page_memory: history::PageMemory::new(config.page_memory),
            addresses,
            notice: None,
            waiting_notices: std::collections::VecDeque::new(),
            notice_log: notices::NoticeLog::default(),
            screen,
            spinner_frame: 0,
            limits: config.limits,
            known_hosts: config.known_hosts,
            known_hosts_problem: config.known_hosts_problem,
            programs: config.programs,
            show_link_numbers: config.show_link_numbers,
            downloads: Vec::new(),
            download_cap: config.download_cap,
            history: config.history,
            visited: visited::VisitedPages::default(),
            saved_links_problem: None,
            bookmark_edits: std::collections::VecDeque::new(),
            default_encoding: config.default_encoding,
            keymap: config.keymap,
            next_id: 1,
            next_wake: 0,
            row_count_wake: None,
            caps: climb::CapsCache::default(),
            home: config.home,
            search_engine: config.search_engine,
            wrap_width: config.wrap_width,
            center: config.center,
        };
        for warning in config.warnings {
            app.warn(warning);
        }
        for note in config.notes {
            app.show_notice(Notice {
                text: sanitize(&note),
                is_error: false,
                sticky: false,
            });
        }
        app
    }

    /// Shows a problem found at start-up (a config problem) in the status bar, where it stays
    /// until Esc or the messages page (`notices.rs`).
    fn warn(&mut self, text: impl Into<String>) {
        self.show_notice(Notice {
            text: sanitize(&text.into()),
            is_error: true,
            sticky: true,
        });
    }

    /// The content area: everything but the tab bar (while shown), the title bar, the status
    /// bar and (while downloads run) the download line.
    pub fn viewport(&self) -> Viewport {
        let width = match self.tab.page.content {
            // Texts are laid out in their reading column, so every row count agrees with it.
            page::Content::Text(_) | page::Content::Error { .. } => self.text_layout_width(),
            page::Content::Menu(_) => usize::from(self.screen.0),
        };
        Viewport {
            width,
            height: self.content_height(),
        }
    }

    /// The rows of the content area (the viewport's height, without measuring its width).
    fn content_height(&self) -> usize {
        let bars = 2 + u16::from(self.running_downloads() > 0) + u16::from(self.tabs.bar_shown());
        usize::from(self.screen.1.saturating_sub(bars))
    }

    /// After the content area changed size: the scroll position inside the page and the
    /// selection on screen.
    fn fit_to_view(&mut self) {
        let view = self.viewport();
        self.tab.page.keep_place(view);
        self.settle_narrowed();
    }

    /// Where texts stand on this screen: at most `wrap_width` columns, centred when `center`.
    pub fn text_column(&self) -> wrap::TextColumn {
        self.text_column_in(usize::from(self.screen.0))
    }

    /// Where texts stand in an area `width` columns wide: the reading column, right of the
    /// link-number gutter while `#` numbers a text's links (`text_links.rs`).
    /// With wrapping off (ASCII art, tables) the window is the whole width: `wrap_width` and
    /// `center` are for reading wrapped prose.
    pub fn text_column_in(&self, width: usize) -> wrap::TextColumn {
        let gutter = self.link_gutter();
        let (wrap_width, center) = match self.tab.page.sideways {
            Some(_) => (0, false),
            None => (self.wrap_width, self.center),
        };
        let mut column = wrap::TextColumn::new(width.saturating_sub(gutter), wrap_width, center);
        column.margin += gutter;
        column
    }

    /// Whether any tab loads (the spinner ticks while one does, in the tab bar too).
    pub fn any_tab_loading(&self) -> bool {
        self.tab.loading.is_some() || self.tabs.others.iter().any(Tab::is_loading)
    }

    pub fn is_loading(&self) -> bool {
        self.tab.loading.is_some()
    }

    /// The menu item under the cursor, if the page is a menu.
    /// On a narrowed page, only an item the view shows.
    pub fn selected_item(&self) -> Option<MenuItem<'_>> {
        let cursor = self.tab.page.cursor;
        if let Some(narrowed) = self.tab.narrowed()
            && narrowed.filter.row_of(cursor).is_none()
        {
            return None;
        }
        self.tab.page.menu()?.item(cursor)
    }

    fn notify(&mut self, text: impl Into<String>, is_error: bool) {
        self.show_notice(Notice {
            text: sanitize(&text.into()),
            is_error,
            sticky: false,
        });
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Command> {
        let height = self.content_height();
        let mut commands = match self.route_to_background(&msg) {
            Some(commands) => {
                self.note_session_change();
                commands
            }
            None => self.update_shown(msg),
        };
        if self.content_height() != height {
            // The tab bar or the download line came or went: the page keeps its place.
            self.fit_to_view();
        }
        self.keep_session(&mut commands);
        commands
    }

    /// A message for the tab on screen (or a background tab swapped in to handle its reply).
    pub(super) fn update_shown(&mut self, msg: Msg) -> Vec<Command> {
        let mut commands = self.dispatch(msg);
        commands.extend(self.count_rows());
        commands.extend(self.keep_filtering());
        commands
    }

    fn dispatch(&mut self, msg: Msg) -> Vec<Command> {
        match msg {
            Msg::Open(location) => self.open(location),
            Msg::StartWith(location) => self.open_first(location),
            Msg::RestoreSession(session) => self.restore_session(session),
            Msg::OpenTab(location) => self.open_shown_tab(location),
            Msg::Wake(token) if self.is_session_wake(token) => self.on_session_wake(),
            Msg::Key(key) => self.on_key(key),
            Msg::Scroll(rows) => {
                let view = self.viewport();
                if rows < 0 {
                    self.tab.page.follow_end = false;
                }
                if !self.scroll_narrowed(rows) {
                    self.tab.page.scroll_by(rows, view);
                }
                Vec::new()
            }
            Msg::ScrollSideways(columns) => self.scroll_sideways(columns, false),
            Msg::Resize(columns, rows) => {
                self.screen = (columns, rows);
                self.fit_to_view();
                self.keep_sideways_in_reach();
                Vec::new()
            }
            Msg::Paste(text) => self.on_paste(&text),
            Msg::Click { column, row } => self.on_click(column, row),
            Msg::ClickTab(index) => self.click_tab_bar(index),
            Msg::Fetch(update) if self.is_caps_fetch(update.id) => self.on_caps_fetch(update),
            Msg::Fetch(update) => self.on_fetch(update),
            Msg::Download(update) => self.on_download(update),
            Msg::Problem(why) => {
                self.notify(why, true);
                Vec::new()
            }
            Msg::ProgramEnded(how) => {
                self.notify(how, false);
                Vec::new()
            }
            Msg::Tick => {
                if self.any_tab_loading() {
                    self.spinner_frame = self.spinner_frame.wrapping_add(1);
                }
                Vec::new()
            }
            Msg::Quit | Msg::Interrupt => vec![Command::Quit],
            Msg::Wake(token) if self.is_row_count_wake(token) => Vec::new(),
            Msg::Wake(token) if self.is_filter_wake(token) => self.on_filter_wake(),
            Msg::Wake(token) if self.is_terminator_wait(token) => self.on_terminator_wait(),
            Msg::Wake(token) => self.on_wake(token),
            Msg::AddressHistory(result) => {
                self.on_address_history(result);
                Vec::new()
            }
            Msg::LinksSaved { list, result } => {
                self.on_links_saved(list, result);
                Vec::new()
            }
        }
    }
}
