//! Application state and the one place it changes: `App::update(Msg) -> Vec<Command>`.
//!
//! Messages are plain data (keys, mouse wheel, resizes, fetch and download progress, saved
//! files, ticks); commands are plain data the runtime carries out (fetch, download, edit a
//! file, run a program, copy, wake later, quit). No IO happens here, so every behaviour can be
//! tested by feeding messages and reading state and commands. Loading lives in `loading.rs`,
//! what a key does in `dispatch.rs` (the key data, actions table and keymap in `input/`), each
//! feature in its own file.

pub mod builtin_pages;
pub mod climb;
pub mod completion;
pub mod config;
pub mod dispatch;
pub mod downloads;
pub mod encodings;
pub mod external;
pub mod filter;
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
pub mod messages_page;
pub mod navigation;
pub mod notices;
pub mod page;
pub mod paste_and_click;
pub mod prompt_keys;
pub mod reply;
pub mod row_index;
pub mod saved;
pub mod session;
pub mod tab;
pub mod tabs;
pub mod wrap;

use crate::gopher::transfer::{DownloadUpdate, FetchLimits, FetchUpdate, Fingerprint, RequestId};
use crate::gopher::{Encoding, GopherUrl, ItemKind, MenuItem, UrlError, sanitize};
use crate::store::LinkEdit;
use crate::store::known_hosts::KnownHosts;
use crate::store::link_file::SavedLink;
// KnownHosts is plain data (parse/format, no IO); the runtime does the file work.
use builtin_pages::builtin_page;
pub use config::AppConfig;
use input::{Key, Keymap};
pub use input::{Prompt, PromptPurpose};
pub use layer::{Layer, Modal};
pub use loading::{LoadPurpose, Loading};
pub use location::Location;
use navigation::Viewport;
use page::{Page, TrustOffer};
pub use saved::{HistorySettings, SavedList};
pub use tab::Tab;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// Open this location (typed, followed or given on the command line) as the next page.
    Open(Location),
    /// Open the address given on the command line as the first page: a loading screen while
    /// it comes, and no start page under it in history.
    StartWith(Location),
    /// Bring back the tabs of the last run (only the tab shown fetches its page).
    RestoreSession(crate::store::session::Session),
    /// Open this location in a new tab beside the current one, and show it.
    OpenTab(Location),
    Key(Key),
    /// Mouse wheel: rows to scroll, negative is up.
    Scroll(isize),
    /// The terminal's new size in columns and rows.
    Resize(u16, u16),
    /// Text pasted into the terminal (bracketed paste): never read as keys.
    Paste(String),
    /// A left click at this column and row of the screen.
    Click {
        column: u16,
        row: u16,
    },
    /// A click on the tab bar, on this tab (`None`: between tabs); see `ui::tab_bar`.
    ClickTab(Option<usize>),
    Fetch(FetchUpdate),
    Download(DownloadUpdate),
    /// Something the runtime was asked to do failed (saving a file, starting a program).
    Problem(String),
    /// A program run in the terminal (or the clipboard program) ended; the text says how.
    ProgramEnded(String),
    /// Animation tick, sent only while something loads.
    Tick,
    /// A signal asked Burrow to stop.
    Quit,
    /// Ctrl-C arrived as a signal (not as a key): quits, unless a program had the terminal.
    Interrupt,
    /// A timer asked for with `Command::WakeAfter` ran out.
    Wake(u64),
    /// The addresses typed into Go to, newest first, after `Command::EditAddressHistory`, or
    /// why the file could not be used.
    AddressHistory(Result<Vec<String>, String>),
    /// What a bookmarks or history file holds after `Command::EditLinks`, or why it could not
    /// be used.
    LinksSaved {
        list: SavedList,
        result: Result<Vec<SavedLink>, String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Fetch {
        id: RequestId,
        url: GopherUrl,
        limits: FetchLimits,
        /// The certificate pinned for the URL's host and port (gophers:// only).
        pinned: Option<Fingerprint>,
    },
    Cancel(RequestId),
    /// Download `url` into the download folder as `name` (or a numbered alternative).
    Download {
        id: RequestId,
        url: GopherUrl,
        limits: FetchLimits,
        pinned: Option<Fingerprint>,
        name: String,
    },
    /// Stop a download; its partial file is removed.
    CancelDownload(RequestId),
    /// Add this pin to the known-hosts file (re-read and merged, then written atomically,
    /// so pins other Burrow windows added meanwhile are kept).
    PinCertificate {
        host_port: String,
        fingerprint: Fingerprint,
    },
    /// Start a program (argv, never a shell) that does not need the terminal, and do not wait.
    RunDetached(Vec<String>),
    /// Hand the terminal to a program (argv, never a shell) until it ends, then redraw.
    RunInTerminal(Vec<String>),
    /// Put this text on the clipboard through the terminal (OSC 52).
    CopyToClipboard(String),
    /// Put this text on the clipboard with the configured program (argv, never a shell),
    /// given the text on its standard input; the runtime does not wait for it on the UI task
    /// and answers with `Msg::ProgramEnded` (copied) or `Msg::Problem` (why not).
    CopyWithProgram {
        argv: Vec<String>,
        text: String,
    },
    /// Send `Msg::Wake(token)` after this many milliseconds (one-shot; no timer runs otherwise).
    WakeAfter {
        token: u64,
        after_ms: u64,
    },
    /// Read (and change) the file of addresses typed into Go to, then answer with
    /// `Msg::AddressHistory`.
    EditAddressHistory(crate::store::address_history::AddressEdit),
    /// Read (and change) the bookmarks or history file, then answer with `Msg::LinksSaved`.
    EditLinks {
        list: SavedList,
        edit: LinkEdit,
    },
    /// Save this snapshot of the open tabs as the session (the runtime writes the latest of a
    /// burst, off the UI task, and the last one on quit).
    SaveSession(crate::store::session::Session),
    /// Give the terminal back to the shell and stop until continued (then repaint).
    Suspend,
    /// Paint the whole screen again, as if nothing were on it.
    Redraw,
    Quit,
}

/// A yes/no question in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub action: ConfirmAction,
}

/// What answering yes does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmAction {
    Trust(TrustOffer),
    RunDetached(Vec<String>),
    RunInTerminal(Vec<String>),
    /// Quit even though downloads are running.
    Quit,
    RemoveBookmark(SavedLink),
    ClearHistory,
    /// Download a second copy of an address that is downloading already.
    DownloadAgain(GopherUrl),
}

/// A one-line message for the status bar, cleared by the next key (see `notices.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
    /// Stays until Esc or the messages page (start-up warnings).
    pub sticky: bool,
}

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

    /// The built-in page a link on the start page leads to: its selector is an `about:`
    /// address. Only the start page (built in, so not from a server) has such links.
    pub fn builtin_link(&self, item: &MenuItem<'_>) -> Option<Location> {
        if self.tab.page.location != Location::Start {
            return None;
        }
        let address = std::str::from_utf8(item.selector).ok()?;
        if !address.starts_with("about:") {
            return None;
        }
        Location::parse(address).ok()
    }

    /// The address of the menu item on `line`: on the bookmarks and history pages, the exact
    /// saved address; elsewhere built from the item's host, port and selector, over TLS when
    /// the page came over TLS from the same host and port.
    pub fn link_url(&self, line: usize, item: &MenuItem<'_>) -> Result<GopherUrl, UrlError> {
        if let Some(link) = self.tab.page.saved_links.get(line) {
            return Ok(link.url.clone());
        }
        let mut url = item.url()?;
        if let Some(current) = self.tab.page.location.gopher_url() {
            url.tls = current.tls && current.host == url.host && current.port == url.port;
        }
        Ok(url)
    }

    /// The content area: everything but the tab bar (while shown), the title bar, the status
    /// bar and (while downloads run) the download line.
    pub fn viewport(&self) -> Viewport {
        let bars = 2 + u16::from(self.running_downloads() > 0) + u16::from(self.tabs.bar_shown());
        let width = match self.tab.page.content {
            // Texts are laid out in their reading column, so every row count agrees with it.
            page::Content::Text(_) | page::Content::Error { .. } => self.text_column().width,
            page::Content::Menu(_) => usize::from(self.screen.0),
        };
        Viewport {
            width,
            height: usize::from(self.screen.1.saturating_sub(bars)),
        }
    }

    /// Where texts stand on this screen: at most `wrap_width` columns, centred when `center`.
    pub fn text_column(&self) -> wrap::TextColumn {
        wrap::TextColumn::new(usize::from(self.screen.0), self.wrap_width, self.center)
    }

    /// Whether any tab loads (the spinner ticks while one does, in the tab bar too).
    pub fn any_tab_loading(&self) -> bool {
        self.tab.loading.is_some() || self.tabs.others.iter().any(Tab::is_loading)
    }

    pub fn is_loading(&self) -> bool {
        self.tab.loading.is_some()
    }

    /// The menu item under the cursor, if the page is a menu.
    pub fn selected_item(&self) -> Option<MenuItem<'_>> {
        self.tab.page.menu()?.item(self.tab.page.cursor)
    }

    fn notify(&mut self, text: impl Into<String>, is_error: bool) {
        self.show_notice(Notice {
            text: sanitize(&text.into()),
            is_error,
            sticky: false,
        });
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Command> {
        let mut commands = match self.route_to_background(&msg) {
            Some(commands) => {
                self.note_session_change();
                commands
            }
            None => self.update_shown(msg),
        };
        self.keep_session(&mut commands);
        commands
    }

    /// A message for the tab on screen (or a background tab swapped in to handle its reply).
    pub(super) fn update_shown(&mut self, msg: Msg) -> Vec<Command> {
        let mut commands = self.dispatch(msg);
        commands.extend(self.count_rows());
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
                self.tab.page.scroll_by(rows, view);
                Vec::new()
            }
            Msg::Resize(columns, rows) => {
                self.screen = (columns, rows);
                let view = self.viewport();
                self.tab.page.keep_place(view);
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

    /// Opens a location typed by the user or given on the command line.
    fn open(&mut self, location: Location) -> Vec<Command> {
        match location {
            Location::Gopher(url) => self.open_url(url),
            Location::Bookmarks => self.open_saved_list(SavedList::Bookmarks, LoadPurpose::Open),
            Location::History => self.open_saved_list(SavedList::History, LoadPurpose::Open),
            Location::Source(inner) => self.open_source(*inner),
            Location::Messages => self.open_messages(LoadPurpose::Open),
            builtin => {
                let mut commands = self.cancel_loading();
                if let Some(page) = builtin_page(&builtin, &self.keymap) {
                    self.show_new_page(page);
                }
                commands.shrink_to_fit();
                commands
            }
        }
    }

    /// Opens a Gopher URL according to its item type.
    pub(super) fn open_url(&mut self, url: GopherUrl) -> Vec<Command> {
        match url.item_type.kind() {
            ItemKind::Menu | ItemKind::Text => self.start_fetch(url, LoadPurpose::Open),
            ItemKind::Search if url.query.is_some() => self.start_fetch(url, LoadPurpose::Open),
            ItemKind::Search => {
                self.open_prompt_with(Prompt::new(PromptPurpose::Search(url), ""));
                Vec::new()
            }
            ItemKind::Html => match url.selector.strip_prefix(b"URL:") {
                Some(web) => self.follow_web_link(web),
                None => self.start_fetch(url, LoadPurpose::Open),
            },
            ItemKind::Telnet => self.ask_to_start_session(&url),
            ItemKind::Cso => {
                self.notify(
                    format!("CSO phone book at {} (not supported)", url.host_port()),
                    false,
                );
                Vec::new()
            }
            ItemKind::Binary => self.start_download(url),
            ItemKind::Info | ItemKind::Error => Vec::new(),
        }
    }

    /// Asks whether to trust the certificate offered by the current page, if it offers one.
    fn ask_to_trust(&mut self) {
        let Some(offer) = self.tab.page.trust_offer.clone() else {
            return;
        };
        // The answer keys come first so a long host name cannot push them off screen; the
        // page shows the fingerprints.
        let question = match offer.replaces {
            None => format!("(y/n) Trust the certificate shown for {}?", offer.host_port),
            Some(_) => format!(
                "(y/n) REPLACE the pinned certificate of {} with the new one?",
                offer.host_port
            ),
        };
        self.ask(Confirm {
            question,
            action: ConfirmAction::Trust(offer),
        });
    }

    /// Pins the offered certificate, saves the pins, and loads the page again.
    fn trust(&mut self, offer: TrustOffer) -> Vec<Command> {
        self.known_hosts.pin(&offer.host_port, offer.fingerprint);
        let mut commands = Vec::new();
        match &self.known_hosts_problem {
            None => commands.push(Command::PinCertificate {
                host_port: offer.host_port.clone(),
                fingerprint: offer.fingerprint,
            }),
            Some(problem) => self.notify(
                format!(
                    "Trusted for this session only: the known-hosts file is not used ({problem})"
                ),
                true,
            ),
        }
        commands.extend(self.start_fetch(offer.url, LoadPurpose::Reload));
        commands
    }

    pub(super) fn follow_selected(&mut self) -> Vec<Command> {
        let view = self.viewport();
        let on_screen = (self.tab.page.top.line..self.tab.page.top.line + view.height)
            .contains(&self.tab.page.cursor);
        let Some(item) = self.selected_item().filter(|i| i.is_selectable()) else {
            return Vec::new();
        };
        if !on_screen {
            self.notify(
                "No link is selected on screen: press Up or Down to pick one",
                false,
            );
            return Vec::new();
        }
        if let Some(web) = item.web_link() {
            let target = web.to_vec();
            return self.follow_web_link(&target);
        }
        if let Some(builtin) = self.builtin_link(&item) {
            return self.open(builtin);
        }
        let title = item.display.trim().to_owned();
        match self.link_url(self.tab.page.cursor, &item) {
            Ok(url) => {
                let commands = self.open_url(url);
                if let Some(loading) = self.tab.loading.as_mut() {
                    loading.title = Some(title.clone());
                }
                if let Some(prompt) = self.prompt_mut() {
                    prompt.subject = Some(title);
                }
                commands
            }
            Err(error) => {
                self.notify(format!("This link cannot be followed: {error}"), true);
                Vec::new()
            }
        }
    }

    fn reload(&mut self) -> Vec<Command> {
        let location = self.tab.page.location.clone();
        match location {
            Location::Bookmarks => {
                return self.open_saved_list(SavedList::Bookmarks, LoadPurpose::Reload);
            }
            Location::History => {
                return self.open_saved_list(SavedList::History, LoadPurpose::Reload);
            }
            Location::Messages => return self.open_messages(LoadPurpose::Reload),
            _ => {}
        }
        if let Some(url) = location.gopher_url().cloned() {
            let encoding = self.tab.page.encoding;
            return self.start_fetch_as(url, LoadPurpose::Reload, location.is_source(), encoding);
        }
        if let Some(page) = builtin_page(&location, &self.keymap) {
            self.show_loaded(page, LoadPurpose::Reload);
        }
        Vec::new()
    }
}
