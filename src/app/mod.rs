//! Application state and the one place it changes: `App::update(Msg) -> Vec<Command>`.
//!
//! Messages are plain data (keys, mouse wheel, resizes, fetch progress, ticks); commands are
//! plain data the runtime carries out (start or cancel a fetch, quit). No IO happens here, so
//! every behaviour can be tested by feeding messages and reading state and commands.

pub mod actions;
pub mod downloads;
pub mod encodings;
pub mod external;
pub mod find;
pub mod info;
pub mod keymap;
pub mod link_numbers;
pub mod navigation;
pub mod page;
pub mod prompt;
pub mod saved;
pub mod wrap;

use crate::gopher::transfer::{
    DownloadUpdate, FetchError, FetchEvent, FetchLimits, FetchUpdate, Fingerprint, RequestId,
    TlsTrust,
};
use crate::gopher::{Encoding, GopherUrl, ItemKind, MenuItem, UrlError, sanitize};
use crate::store::LinkEdit;
use crate::store::known_hosts::KnownHosts;
use crate::store::link_file::SavedLink;
// KnownHosts is plain data (parse/format, no IO); the runtime does the file work.
use keymap::{Action, Key, Keymap};
use navigation::Viewport;
use page::{
    Content, Location, Page, ReplyParser, TrustOffer, builtin_page, completed_page, failed_page,
    reply_problem,
};
use prompt::{EditOutcome, LineEditor};
pub use saved::{HistorySettings, SavedList};

/// How many pages the back history keeps.
const HISTORY_LIMIT: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key(Key),
    /// Mouse wheel: rows to scroll, negative is up.
    Scroll(isize),
    /// The terminal's new size in columns and rows.
    Resize(u16, u16),
    Fetch(FetchUpdate),
    Download(DownloadUpdate),
    /// Something the runtime was asked to do failed (saving a file, starting a program).
    Problem(String),
    /// A program run in the terminal ended; the text says how.
    ProgramEnded(String),
    /// Animation tick, sent only while something loads.
    Tick,
    /// A signal asked Burrow to stop.
    Quit,
    /// Ctrl-C arrived as a signal (not as a key): quits, unless a program had the terminal.
    Interrupt,
    /// A timer asked for with `Command::WakeAfter` ran out.
    Wake(u64),
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
    /// Send `Msg::Wake(token)` after this many milliseconds (one-shot; no timer runs otherwise).
    WakeAfter {
        token: u64,
        after_ms: u64,
    },
    /// Read (and change) the bookmarks or history file, then answer with `Msg::LinksSaved`.
    EditLinks {
        list: SavedList,
        edit: LinkEdit,
    },
    Quit,
}

/// What a finished load does to history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadPurpose {
    /// A new page: the current one goes onto the back history.
    Open,
    /// The current page again: it is replaced, keeping the cursor and scroll.
    Reload,
}

/// A request in flight.
#[derive(Debug)]
pub struct Loading {
    pub id: RequestId,
    pub url: GopherUrl,
    pub purpose: LoadPurpose,
    pub bytes: u64,
    /// The address connected to, once connected.
    pub peer: Option<String>,
    /// Set once a TLS handshake succeeded.
    pub secured: Option<TlsTrust>,
    /// True once the page is on screen and growing as chunks arrive (new pages show from
    /// their first bytes; a reload replaces the page only when complete).
    pub shown: bool,
    /// Whether this loads the page's source (the view-source page) rather than the page.
    pub source: bool,
    /// The encoding the reply is decoded in.
    pub encoding: Encoding,
    parser: ReplyParser,
    /// Where a reload collects its reply until it is complete.
    side: Content,
    /// The text of the link followed to get here, if any (the page's title in history).
    pub title: Option<String>,
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
    RemoveBookmark(GopherUrl),
    ClearHistory,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptPurpose {
    GoTo,
    Search(GopherUrl),
    /// Find in the page: searched as the user types.
    Find,
    /// The title of a new bookmark to this address.
    BookmarkTitle(GopherUrl),
    /// A new title for the bookmark to this address.
    RenameBookmark(GopherUrl),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub purpose: PromptPurpose,
    pub editor: LineEditor,
}

impl Loading {
    /// The location of the page this load makes.
    pub fn location(&self) -> Location {
        let page = Location::Gopher(self.url.clone());
        if self.source {
            Location::source_of(page)
        } else {
            page
        }
    }
}

impl Prompt {
    pub fn label(&self) -> &'static str {
        match self.purpose {
            PromptPurpose::GoTo => "Go to: ",
            PromptPurpose::Search(_) => "Search: ",
            PromptPurpose::Find => "Find: ",
            PromptPurpose::BookmarkTitle(_) => "Bookmark as: ",
            PromptPurpose::RenameBookmark(_) => "Rename to: ",
        }
    }
}

/// A one-line message for the status bar, cleared by the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

#[derive(Debug)]
pub struct App {
    pub page: Page,
    pub back: Vec<Page>,
    pub forward: Vec<Page>,
    pub loading: Option<Loading>,
    pub prompt: Option<Prompt>,
    pub notice: Option<Notice>,
    /// Terminal size in columns and rows.
    pub screen: (u16, u16),
    pub spinner_frame: usize,
    pub limits: FetchLimits,
    /// Certificates the user trusted (from the known-hosts file).
    pub known_hosts: KnownHosts,
    /// Why the known-hosts file could not be read; while set, it is never overwritten.
    pub known_hosts_problem: Option<String>,
    pub confirm: Option<Confirm>,
    /// The programs web links, sessions and images are handed to.
    pub programs: external::ExternalPrograms,
    /// The text being found in the page, and the match shown.
    pub find: Option<find::Find>,
    /// Whether menus show each link's number.
    pub show_link_numbers: bool,
    /// Digits typed to reach a link by number.
    pub link_entry: Option<link_numbers::LinkNumberEntry>,
    /// A box over the page (item info); any key closes it.
    pub overlay: Option<info::Overlay>,
    /// Every download of this session, oldest first.
    pub downloads: Vec<downloads::Download>,
    /// The cursor in the downloads list, while it is open.
    pub downloads_list: Option<usize>,
    /// Downloads stop at this many bytes.
    pub download_cap: u64,
    /// Whether visits are remembered, and how many.
    pub history: HistorySettings,
    /// The bookmarks or history page asked for, shown when the file has been read.
    pub awaiting_list: Option<(SavedList, LoadPurpose)>,
    /// The last problem with a bookmarks or history file, so it is reported once.
    saved_links_problem: Option<String>,
    /// How pages are decoded unless a host has its own choice (from the config).
    pub default_encoding: Encoding,
    /// The encoding chosen with the encoding key for each host, for this session.
    pub host_encodings: std::collections::HashMap<String, Encoding>,
    /// Which key does what while browsing (the help page lists it).
    pub keymap: Keymap,
    next_id: RequestId,
    next_wake: u64,
}

impl App {
    pub fn new(screen: (u16, u16), limits: FetchLimits) -> App {
        App {
            page: builtin_page(&Location::Start, &Keymap::default()).unwrap_or_else(|| {
                Page::new(Location::Start, page::Content::Text(Default::default()))
            }),
            back: Vec::new(),
            forward: Vec::new(),
            loading: None,
            prompt: None,
            notice: None,
            screen,
            spinner_frame: 0,
            limits,
            known_hosts: KnownHosts::default(),
            known_hosts_problem: None,
            confirm: None,
            programs: external::ExternalPrograms::default(),
            find: None,
            show_link_numbers: false,
            link_entry: None,
            overlay: None,
            downloads: Vec::new(),
            downloads_list: None,
            download_cap: downloads::DEFAULT_DOWNLOAD_CAP,
            history: HistorySettings::default(),
            awaiting_list: None,
            saved_links_problem: None,
            default_encoding: Encoding::Auto,
            host_encodings: std::collections::HashMap::new(),
            keymap: Keymap::default(),
            next_id: 1,
            next_wake: 0,
        }
    }

    /// Shows a message in the status bar (e.g. a problem found at start-up).
    pub fn warn(&mut self, text: impl Into<String>) {
        self.notify(text, true);
    }

    /// Where a menu item leads. A link on a gophers:// page to the same host and port stays
    /// on TLS.
    /// The address of the menu item on `line`: on the bookmarks and history pages, the exact
    /// saved address; elsewhere built from the item's host, port and selector, over TLS when
    /// the page came over TLS from the same host and port.
    pub fn link_url(&self, line: usize, item: &MenuItem<'_>) -> Result<GopherUrl, UrlError> {
        if let Some(link) = self.page.saved_links.get(line) {
            return Ok(link.url.clone());
        }
        let mut url = item.url()?;
        if let Some(current) = self.page.location.gopher_url() {
            url.tls = current.tls && current.host == url.host && current.port == url.port;
        }
        Ok(url)
    }

    /// The content area: everything but the title bar, the status bar and (while downloads
    /// run) the download line.
    pub fn viewport(&self) -> Viewport {
        let bars = 2 + u16::from(self.running_downloads() > 0);
        Viewport {
            width: usize::from(self.screen.0),
            height: usize::from(self.screen.1.saturating_sub(bars)),
        }
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// The menu item under the cursor, if the page is a menu.
    pub fn selected_item(&self) -> Option<MenuItem<'_>> {
        self.page.menu()?.item(self.page.cursor)
    }

    fn notify(&mut self, text: impl Into<String>, is_error: bool) {
        self.notice = Some(Notice {
            text: sanitize(&text.into()),
            is_error,
        });
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Command> {
        match msg {
            Msg::Key(key) => self.on_key(key),
            Msg::Scroll(rows) => {
                let view = self.viewport();
                if rows < 0 {
                    self.page.follow_end = false;
                }
                self.page.scroll_by(rows, view);
                Vec::new()
            }
            Msg::Resize(columns, rows) => {
                self.screen = (columns, rows);
                let view = self.viewport();
                self.page.clamp(view);
                Vec::new()
            }
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
                if self.is_loading() {
                    self.spinner_frame = self.spinner_frame.wrapping_add(1);
                }
                Vec::new()
            }
            Msg::Quit | Msg::Interrupt => vec![Command::Quit],
            Msg::Wake(token) => self.on_wake(token),
            Msg::LinksSaved { list, result } => {
                self.on_links_saved(list, result);
                Vec::new()
            }
        }
    }

    /// Opens a location typed by the user or given on the command line.
    pub fn open(&mut self, location: Location) -> Vec<Command> {
        match location {
            Location::Gopher(url) => self.open_url(url),
            Location::Bookmarks => self.open_saved_list(SavedList::Bookmarks, LoadPurpose::Open),
            Location::History => self.open_saved_list(SavedList::History, LoadPurpose::Open),
            Location::Source(inner) => self.open_source(*inner),
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
    pub fn open_url(&mut self, url: GopherUrl) -> Vec<Command> {
        match url.item_type.kind() {
            ItemKind::Menu | ItemKind::Text => self.start_fetch(url, LoadPurpose::Open),
            ItemKind::Search if url.query.is_some() => self.start_fetch(url, LoadPurpose::Open),
            ItemKind::Search => {
                self.prompt = Some(Prompt {
                    purpose: PromptPurpose::Search(url),
                    editor: LineEditor::default(),
                });
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

    fn start_fetch(&mut self, url: GopherUrl, purpose: LoadPurpose) -> Vec<Command> {
        let encoding = self.encoding_for(&url);
        self.start_fetch_as(url, purpose, false, encoding)
    }

    /// Fetches `url` to show it (or its source, when `source`) decoded as `encoding`.
    fn start_fetch_as(
        &mut self,
        url: GopherUrl,
        purpose: LoadPurpose,
        source: bool,
        encoding: Encoding,
    ) -> Vec<Command> {
        let mut commands = self.cancel_loading();
        let id = self.next_id;
        self.next_id += 1;
        let pinned = if url.tls {
            self.known_hosts.get(&url.host_port())
        } else {
            None
        };
        let parser = if source {
            ReplyParser::source_as(encoding)
        } else {
            ReplyParser::for_url_as(&url, encoding)
        };
        self.loading = Some(Loading {
            id,
            side: parser.empty_content(),
            parser,
            url: url.clone(),
            purpose,
            bytes: 0,
            peer: None,
            secured: None,
            shown: false,
            title: None,
            source,
            encoding,
        });
        self.spinner_frame = 0;
        commands.push(Command::Fetch {
            id,
            url,
            limits: self.limits,
            pinned,
        });
        commands
    }

    /// Stops the request in flight, if any. A page already streaming onto the screen stays,
    /// marked incomplete.
    fn cancel_loading(&mut self) -> Vec<Command> {
        match self.loading.take() {
            Some(loading) => {
                if loading.shown {
                    self.page.incomplete = Some("loading was cancelled".into());
                }
                vec![Command::Cancel(loading.id)]
            }
            None => Vec::new(),
        }
    }
    fn show_new_page(&mut self, page: Page) {
        self.find = None;
        self.link_entry = None;
        let previous = std::mem::replace(&mut self.page, page);
        self.back.push(previous);
        if self.back.len() > HISTORY_LIMIT {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    fn on_fetch(&mut self, update: FetchUpdate) -> Vec<Command> {
        let Some(loading) = self.loading.as_mut().filter(|l| l.id == update.id) else {
            return Vec::new(); // A reply to a cancelled or superseded request.
        };
        match update.event {
            FetchEvent::Connected(peer) => loading.peer = Some(peer),
            FetchEvent::Secured(trust) => loading.secured = Some(trust),
            FetchEvent::Chunk(bytes) => {
                loading.bytes += bytes.len() as u64;
                self.on_chunk(&bytes);
                if self.loading.as_ref().is_some_and(|l| l.parser.has_ended()) {
                    // The terminator arrived: the page is complete even if the server
                    // keeps the connection open.
                    let mut commands = vec![Command::Cancel(update.id)];
                    commands.extend(self.finish_loading());
                    return commands;
                }
            }
            FetchEvent::Done => return self.finish_loading(),
            FetchEvent::Failed(error) => self.fail_loading(error),
        }
        Vec::new()
    }

    /// Adds a chunk to the page being loaded; a new page goes on screen with its first bytes.
    fn on_chunk(&mut self, bytes: &[u8]) {
        let view = self.viewport();
        let Some(loading) = self.loading.as_mut() else {
            return;
        };
        if loading.purpose == LoadPurpose::Reload {
            loading.parser.push(&mut loading.side, bytes);
            return;
        }
        if !loading.shown {
            loading.shown = true;
            let mut page = Page::new(loading.location(), loading.parser.empty_content());
            page.security = loading.secured;
            page.encoding = loading.encoding;
            self.show_new_page(page);
        }
        if let Some(loading) = self.loading.as_mut() {
            loading.parser.push(&mut self.page.content, bytes);
        }
        self.page.settle_while_growing(view);
    }

    /// Puts the finished page on screen and remembers the visit.
    fn finish_loading(&mut self) -> Vec<Command> {
        let Some(mut loading) = self.loading.take() else {
            return Vec::new();
        };
        let view = self.viewport();
        if loading.shown {
            loading.parser.finish(&mut self.page.content);
            if let Some(mut problem) =
                reply_problem(&loading.url, &self.page.content, loading.bytes)
            {
                problem.security = loading.secured;
                problem.location = loading.location();
                self.page = problem;
            }
            self.page.settle_while_growing(view);
            self.page.follow_end = false;
        } else {
            loading.parser.finish(&mut loading.side);
            let location = loading.location();
            let mut page = completed_page(&loading.url, loading.side, loading.bytes);
            page.security = loading.secured;
            page.location = location;
            page.encoding = loading.encoding;
            self.show_loaded(page, loading.purpose);
        }
        if self.page.was_truncated() {
            self.notify(
                format!(
                    "{} has too many lines: only the first part is shown",
                    loading.url
                ),
                true,
            );
        }
        let arrived = !matches!(self.page.content, Content::Error { .. })
            && self.page.location == Location::Gopher(loading.url.clone());
        if !arrived {
            return Vec::new();
        }
        if loading.title.is_some() {
            self.page.title = loading.title.clone();
        }
        match loading.purpose {
            LoadPurpose::Open => self.record_visit(&loading.url, self.page.title.clone()),
            LoadPurpose::Reload => Vec::new(),
        }
    }

    fn fail_loading(&mut self, error: FetchError) {
        let Some(loading) = self.loading.take() else {
            return;
        };
        if loading.shown {
            // What arrived stays on screen, clearly marked.
            self.page.incomplete = Some(error.to_string());
            self.page.follow_end = false;
            self.notify(format!("Incomplete: {error}"), true);
            return;
        }
        let about_certificate = matches!(
            error,
            FetchError::UntrustedCertificate { .. } | FetchError::CertificateChanged { .. }
        );
        if loading.purpose == LoadPurpose::Reload && !about_certificate {
            // Keep the page the user had; say why it could not be reloaded.
            self.notify(format!("Could not reload {}: {error}", loading.url), true);
            return;
        }
        let mut page = failed_page(&loading.url, &error, loading.bytes);
        page.location = loading.location();
        let first_contact = matches!(error, FetchError::UntrustedCertificate { .. });
        self.show_loaded(page, loading.purpose);
        // Never ask while a prompt is open: its typing must not answer.
        if first_contact && self.prompt.is_none() {
            self.ask_to_trust();
        }
    }

    fn show_loaded(&mut self, mut page: Page, purpose: LoadPurpose) {
        let view = self.viewport();
        match purpose {
            LoadPurpose::Open => self.show_new_page(page),
            LoadPurpose::Reload => {
                if std::mem::discriminant(&page.content)
                    == std::mem::discriminant(&self.page.content)
                {
                    page.cursor = self.page.cursor;
                    page.top = self.page.top;
                    page.clamp(view);
                }
                if page.title.is_none() {
                    page.title = self.page.title.take();
                }
                self.page = page;
            }
        }
    }

    fn on_key(&mut self, key: Key) -> Vec<Command> {
        self.notice = None;
        if self.overlay.take().is_some() {
            return Vec::new();
        }
        if let Some(confirm) = self.confirm.take() {
            let yes = matches!(key, Key::Char('y' | 'Y'));
            return match (confirm.action, yes) {
                (ConfirmAction::Trust(offer), true) => self.trust(offer),
                (ConfirmAction::Trust(_), false) => {
                    self.notify("The certificate was not trusted", false);
                    Vec::new()
                }
                (ConfirmAction::RunDetached(argv), true) => vec![Command::RunDetached(argv)],
                (ConfirmAction::RunInTerminal(argv), true) => vec![Command::RunInTerminal(argv)],
                (ConfirmAction::Quit, true) => vec![Command::Quit],
                (ConfirmAction::RemoveBookmark(url), true) => vec![Command::EditLinks {
                    list: SavedList::Bookmarks,
                    edit: LinkEdit::Remove(url),
                }],
                (ConfirmAction::ClearHistory, true) => {
                    self.notify("Forgot every visited page", false);
                    vec![Command::EditLinks {
                        list: SavedList::History,
                        edit: LinkEdit::Clear,
                    }]
                }
                (_, false) => Vec::new(),
            };
        }
        if let Some(prompt) = self.prompt.as_mut() {
            let finding = prompt.purpose == PromptPurpose::Find;
            return match prompt.editor.handle(key) {
                EditOutcome::Submit => {
                    let prompt = self.prompt.take();
                    prompt.map(|p| self.submit_prompt(p)).unwrap_or_default()
                }
                EditOutcome::Abandon => {
                    self.prompt = None;
                    if finding {
                        self.end_find();
                    }
                    Vec::new()
                }
                EditOutcome::Edited if finding => {
                    let query = prompt.editor.text().to_owned();
                    self.find_as_typed(&query);
                    Vec::new()
                }
                EditOutcome::Edited | EditOutcome::Ignored => Vec::new(),
            };
        }
        if let Some(commands) = self.downloads_list_key(key) {
            return commands;
        }
        let action = self.keymap_action(key);
        if (action.is_none() || self.link_entry.is_some())
            && let Some(commands) = self.link_number_key(key)
        {
            return commands;
        }
        let Some(action) = action else {
            return Vec::new();
        };
        self.on_action(action)
    }

    fn submit_prompt(&mut self, prompt: Prompt) -> Vec<Command> {
        let text = prompt.editor.text().to_owned();
        match prompt.purpose {
            PromptPurpose::GoTo => match Location::parse(&text) {
                Ok(location) => self.open(location),
                Err(error) => {
                    self.notify(format!("Cannot open that address: {error}"), true);
                    self.prompt = Some(Prompt {
                        purpose: PromptPurpose::GoTo,
                        editor: LineEditor::with_text(&text),
                    });
                    Vec::new()
                }
            },
            PromptPurpose::Find => {
                self.accept_find();
                Vec::new()
            }
            PromptPurpose::BookmarkTitle(url) => self.add_bookmark(url, &text),
            PromptPurpose::RenameBookmark(url) => self.rename_bookmark(url, text),
            PromptPurpose::Search(url) => match url.with_query(text.as_bytes()) {
                Ok(url) => self.start_fetch(url, LoadPurpose::Open),
                Err(error) => {
                    self.notify(format!("Cannot search for that: {error}"), true);
                    Vec::new()
                }
            },
        }
    }

    fn on_action(&mut self, action: Action) -> Vec<Command> {
        let view = self.viewport();
        match action {
            Action::Up => {
                self.page.follow_end = false;
                self.page.move_up(view);
            }
            Action::Down => self.page.move_down(view),
            Action::PageUp => {
                self.page.follow_end = false;
                self.page.page_up(view);
            }
            Action::PageDown => self.page.page_down(view),
            Action::Top => {
                self.page.follow_end = false;
                self.page.go_top();
            }
            Action::Bottom => {
                // While the page still grows, End keeps following its end.
                self.page.follow_end = self.loading.as_ref().is_some_and(|l| l.shown);
                self.page.go_bottom(view);
            }
            Action::Follow => return self.follow_selected(),
            Action::Back => return self.go_back(),
            Action::Forward => return self.go_forward(),
            Action::Reload => return self.reload(),
            Action::GoTo => self.open_prompt(""),
            Action::GoToEditCurrent => {
                let current = self.page.location.to_string();
                self.open_prompt(&current);
            }
            Action::Help => {
                if self.page.location == Location::Help {
                    return self.go_back();
                }
                return self.open(Location::Help);
            }
            Action::Cancel => {
                if let Some(loading) = &self.loading {
                    let url = loading.url.to_string();
                    self.notify(format!("Cancelled loading {url}"), false);
                    return self.cancel_loading();
                }
                self.end_find();
            }
            Action::TrustCertificate => self.ask_to_trust(),
            Action::Find => self.start_find(),
            Action::FindNext => self.find_again(true),
            Action::FindPrevious => self.find_again(false),
            Action::ToggleLinkNumbers => {
                self.show_link_numbers = !self.show_link_numbers;
            }
            Action::ItemInfo => self.show_item_info(),
            Action::SavePage => return self.save_page(),
            Action::ShowDownloads => self.toggle_downloads_list(),
            Action::CopyLinkUrl => return self.copy_url(true),
            Action::CopyPageUrl => return self.copy_url(false),
            Action::BookmarkPage => self.ask_bookmark_title(false),
            Action::BookmarkLink => self.ask_bookmark_title(true),
            Action::ShowBookmarks => return self.open(Location::Bookmarks),
            Action::ShowHistory => return self.open(Location::History),
            Action::ClearHistory => self.ask_clear_history(),
            Action::RemoveSelected => return self.remove_selected_link(),
            Action::RenameSelected => self.ask_rename(),
            Action::ViewSource => return self.view_source(),
            Action::CycleEncoding => return self.cycle_encoding(),
            Action::Quit => return self.quit(),
        }
        Vec::new()
    }

    /// The action the active keymap binds to `key`.
    fn keymap_action(&self, key: Key) -> Option<Action> {
        self.keymap.action_for(key)
    }

    /// Asks whether to trust the certificate offered by the current page, if it offers one.
    fn ask_to_trust(&mut self) {
        let Some(offer) = self.page.trust_offer.clone() else {
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
        self.confirm = Some(Confirm {
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

    fn open_prompt(&mut self, text: &str) {
        self.prompt = Some(Prompt {
            purpose: PromptPurpose::GoTo,
            editor: LineEditor::with_text(text),
        });
    }

    fn follow_selected(&mut self) -> Vec<Command> {
        let view = self.viewport();
        let on_screen =
            (self.page.top.line..self.page.top.line + view.height).contains(&self.page.cursor);
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
        let title = item.display.trim().to_owned();
        match self.link_url(self.page.cursor, &item) {
            Ok(url) => {
                let commands = self.open_url(url);
                if let Some(loading) = self.loading.as_mut() {
                    loading.title = Some(title);
                }
                commands
            }
            Err(error) => {
                self.notify(format!("This link cannot be followed: {error}"), true);
                Vec::new()
            }
        }
    }

    fn go_back(&mut self) -> Vec<Command> {
        let commands = self.cancel_loading();
        self.find = None;
        if let Some(previous) = self.back.pop() {
            let current = std::mem::replace(&mut self.page, previous);
            self.forward.push(current);
            let view = self.viewport();
            self.page.clamp(view);
        }
        commands
    }

    fn go_forward(&mut self) -> Vec<Command> {
        let commands = self.cancel_loading();
        self.find = None;
        if let Some(next) = self.forward.pop() {
            let current = std::mem::replace(&mut self.page, next);
            self.back.push(current);
            let view = self.viewport();
            self.page.clamp(view);
        }
        commands
    }

    fn reload(&mut self) -> Vec<Command> {
        let location = self.page.location.clone();
        match location {
            Location::Bookmarks => {
                return self.open_saved_list(SavedList::Bookmarks, LoadPurpose::Reload);
            }
            Location::History => {
                return self.open_saved_list(SavedList::History, LoadPurpose::Reload);
            }
            _ => {}
        }
        if let Some(url) = location.gopher_url().cloned() {
            let encoding = self.encoding_for(&url);
            return self.start_fetch_as(url, LoadPurpose::Reload, location.is_source(), encoding);
        }
        if let Some(page) = builtin_page(&location, &self.keymap) {
            self.show_loaded(page, LoadPurpose::Reload);
        }
        Vec::new()
    }
}
