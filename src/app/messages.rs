//! The plain data that flows through `App::update`: the messages that come in (keys, clicks,
//! pastes, fetch and download progress, saved files, timers, opening a location, a session to
//! restore) and the commands that go out for the runtime to carry out, plus the yes/no
//! questions and the status-bar notices. Everything here is `Clone + PartialEq` data, never a
//! closure.

use super::input::Key;
use super::location::Location;
use super::page::TrustOffer;
use super::saved::SavedList;
use crate::gopher::GopherUrl;
use crate::gopher::transfer::{DownloadUpdate, FetchLimits, FetchUpdate, Fingerprint, RequestId};
use crate::store::LinkEdit;
use crate::store::link_file::SavedLink;

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
    /// The horizontal wheel: columns to scroll a text with wrapping off, negative is left.
    ScrollSideways(isize),
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
