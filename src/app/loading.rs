//! Loading a page: starting and cancelling fetches, growing a new page on screen as chunks
//! arrive (a reload collects its reply aside until complete), and turning the end of a
//! transfer into the page shown, an error page, or a notice, then remembering the visit.
//!
//! A text whose reply so far ends with a `.` line is complete when the server closes, or
//! after `TERMINATOR_GRACE` of silence (a `Command::WakeAfter`, so no clock is read here). A
//! page that lost anything (a cut or cancelled transfer, a line cap) says so: `incomplete` is
//! set and its last line reads `[incomplete]` and why.

use super::location::Location;
use super::page::{Content, Page};
use super::reply::{ReplyParser, completed_page, failed_page, reply_problem};
use super::{App, Command};
use crate::gopher::line_splitter::MAX_WHOLE_LINE_BYTES;
use crate::gopher::text_parser::TERMINATOR_GRACE;
use crate::gopher::transfer::{
    FetchError, FetchEvent, FetchUpdate, Fingerprint, RequestId, TlsTrust, format_bytes,
};
use crate::gopher::{Encoding, GopherUrl};

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
    pub(super) parser: ReplyParser,
    /// Where a reload collects its reply until it is complete.
    pub(super) side: Content,
    /// The text of the link followed to get here, if any (the page's title in history).
    pub title: Option<String>,
    /// While the reply ends with a `.` line: the wake token asked for, and the bytes that had
    /// arrived when it was asked (more since means the server was not silent).
    pub(super) terminator_wait: Option<(u64, u64)>,
    /// Asked for by `u` or `U` from this page: shown as text if the reply is no menu, and
    /// else opened with the cursor on the link back to it (`climb.rs`).
    pub climbed_from: Option<GopherUrl>,
    /// The certificate pinned for the host when the request went out (`pins_across_tabs.rs`).
    pub pinned: Option<Fingerprint>,
}

impl Page {
    /// Marks the page incomplete for `why` and adds a last line saying so (the first reason
    /// is kept if it already was).
    pub fn mark_incomplete(&mut self, why: impl Into<String>) {
        if self.incomplete.is_some() {
            return;
        }
        let why = why.into();
        let note = format!("[incomplete] {why}");
        match &mut self.content {
            Content::Text(doc) => doc.push_note(&note),
            Content::Menu(menu) => menu.push_notice(&note),
            Content::Error { .. } => {}
        }
        self.incomplete = Some(why);
    }

    /// Why a page that hit a line cap is incomplete.
    pub fn truncation_reason(&self) -> Option<String> {
        if let Content::Menu(menu) = &self.content
            && menu.cut_lines() > 0
            && !menu.was_truncated()
        {
            return Some(format!(
                "{} menu line(s) longer than {} were cut",
                menu.cut_lines(),
                format_bytes(MAX_WHOLE_LINE_BYTES as u64)
            ));
        }
        let limit = match &self.content {
            Content::Menu(menu) if menu.was_truncated() => "1 million menu lines",
            Content::Text(doc) if doc.was_truncated() => "8 million lines",
            _ => return None,
        };
        Some(format!(
            "the page is longer than Burrow keeps ({limit}); the rest was not read"
        ))
    }
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

impl App {
    pub(super) fn start_fetch(&mut self, url: GopherUrl, purpose: LoadPurpose) -> Vec<Command> {
        // A new page opens in the default encoding; `e` changes only the page it is pressed on.
        self.start_fetch_as(url, purpose, false, self.default_encoding)
    }

    /// Fetches `url` to show it (or its source, when `source`) decoded as `encoding`.
    pub(super) fn start_fetch_as(
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
        self.tab.loading = Some(Loading {
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
            terminator_wait: None,
            climbed_from: None,
            pinned,
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

    /// Stops the request in flight (or the wait for a bookmarks or history page), if any. A
    /// page already streaming onto the screen stays, marked incomplete.
    pub(super) fn cancel_loading(&mut self) -> Vec<Command> {
        self.tab.awaiting_list = None;
        match self.tab.loading.take() {
            Some(mut loading) => {
                if loading.shown {
                    loading.parser.finish_cut(&mut self.tab.page.content);
                    self.tab.page.mark_incomplete("loading was cancelled");
                }
                vec![Command::Cancel(loading.id)]
            }
            None => Vec::new(),
        }
    }

    pub(super) fn show_new_page(&mut self, page: Page) {
        // The page left goes into history whole, its cursor on the item it was on; a filter
        // being typed goes on to the new page.
        let carried = self.filter_to_carry(false);
        self.tab.find = None;
        self.tab.link_entry = None;
        let previous = std::mem::replace(&mut self.tab.page, page);
        self.remember_left_page(previous);
        self.carry_filter(carried);
    }

    pub(super) fn on_fetch(&mut self, update: FetchUpdate) -> Vec<Command> {
        let Some(loading) = self.tab.loading.as_mut().filter(|l| l.id == update.id) else {
            return Vec::new(); // A reply to a cancelled or superseded request.
        };
        match update.event {
            FetchEvent::Connected(peer) => loading.peer = Some(peer),
            FetchEvent::Secured(trust) => loading.secured = Some(trust),
            FetchEvent::Chunk(bytes) => {
                loading.bytes += bytes.len() as u64;
                self.on_chunk(&bytes);
                if self
                    .tab
                    .loading
                    .as_ref()
                    .is_some_and(|l| l.parser.has_ended())
                {
                    // A menu's terminator arrived, or the page is full: it is complete even
                    // if the server keeps the connection open.
                    let mut commands = vec![Command::Cancel(update.id)];
                    commands.extend(self.finish_loading());
                    return commands;
                }
                return self.wait_for_terminator();
            }
            FetchEvent::Done => return self.finish_loading(),
            FetchEvent::Failed(error) => match self.retry_with_new_pin(&error) {
                Some(commands) => return commands,
                None => self.fail_loading(error),
            },
        }
        Vec::new()
    }

    /// Adds a chunk to the page being loaded; a new page goes on screen with its first bytes.
    pub(super) fn on_chunk(&mut self, bytes: &[u8]) {
        let view = self.viewport();
        let Some(loading) = self.tab.loading.as_mut() else {
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
        if let Some(loading) = self.tab.loading.as_mut() {
            loading.parser.push(&mut self.tab.page.content, bytes);
        }
        self.tab.page.settle_while_growing(view);
    }

    /// Asks to be woken after `TERMINATOR_GRACE` while the reply ends with a `.` line (once:
    /// the wake checks whether more arrived meanwhile).
    fn wait_for_terminator(&mut self) -> Vec<Command> {
        let Some(loading) = self.tab.loading.as_mut() else {
            return Vec::new();
        };
        if !loading.parser.awaits_end() {
            loading.terminator_wait = None;
            return Vec::new();
        }
        if loading.terminator_wait.is_some() {
            return Vec::new();
        }
        self.next_wake += 1;
        let token = self.next_wake;
        loading.terminator_wait = Some((token, loading.bytes));
        vec![Command::WakeAfter {
            token,
            after_ms: TERMINATOR_GRACE.as_millis() as u64,
        }]
    }

    /// Whether `token` is the wake asked for by `wait_for_terminator`.
    pub(super) fn is_terminator_wait(&self, token: u64) -> bool {
        self.tab
            .loading
            .as_ref()
            .and_then(|l| l.terminator_wait)
            .is_some_and(|(waiting, _)| waiting == token)
    }

    /// The grace after a `.` line ran out: if nothing came meanwhile the page is complete
    /// (the server kept the connection open); if only empty lines came, wait again.
    pub(super) fn on_terminator_wait(&mut self) -> Vec<Command> {
        let Some(loading) = self.tab.loading.as_mut() else {
            return Vec::new();
        };
        let Some((_, bytes)) = loading.terminator_wait.take() else {
            return Vec::new();
        };
        if loading.parser.awaits_end() && loading.bytes == bytes {
            let mut commands = vec![Command::Cancel(loading.id)];
            commands.extend(self.finish_loading());
            return commands;
        }
        self.wait_for_terminator()
    }

    /// Puts the finished page on screen and remembers the visit.
    pub(super) fn finish_loading(&mut self) -> Vec<Command> {
        let Some(mut loading) = self.tab.loading.take() else {
            return Vec::new();
        };
        let view = self.viewport();
        if loading.shown {
            loading.parser.finish(&mut self.tab.page.content);
            if let Some(mut problem) =
                reply_problem(&loading.url, &self.tab.page.content, loading.bytes)
            {
                problem.security = loading.secured;
                problem.location = loading.location();
                let carried = self.filter_to_carry(false);
                self.tab.page = problem;
                self.carry_filter(carried);
            }
            self.tab.page.settle_while_growing(view);
            self.tab.page.follow_end = false;
        } else {
            loading.parser.finish(&mut loading.side);
            let location = loading.location();
            let mut page = completed_page(&loading.url, loading.side, loading.bytes);
            page.security = loading.secured;
            page.location = location;
            page.encoding = loading.encoding;
            self.show_loaded(page, loading.purpose);
        }
        if let Some(why) = self.tab.page.truncation_reason() {
            self.tab.page.mark_incomplete(why.clone());
            self.notify(format!("Incomplete: {why}"), true);
        }
        let arrived = !matches!(self.tab.page.content, Content::Error { .. })
            && self.tab.page.location == Location::Gopher(loading.url.clone());
        if !arrived {
            return Vec::new();
        }
        if let Some(from) = &loading.climbed_from {
            self.show_climb_reply_as_text_unless_menu();
            self.select_link_back_to(from);
        }
        if loading.title.is_some() {
            self.tab.page.title = loading.title.clone();
        }
        match loading.purpose {
            LoadPurpose::Open => {
                let url = self.tab.page.location.gopher_url().cloned();
                self.record_visit(&url.unwrap_or(loading.url), self.tab.page.title.clone())
            }
            LoadPurpose::Reload => Vec::new(),
        }
    }

    pub(super) fn fail_loading(&mut self, error: FetchError) {
        let Some(mut loading) = self.tab.loading.take() else {
            return;
        };
        if loading.shown {
            // What arrived stays on screen, clearly marked.
            loading.parser.finish_cut(&mut self.tab.page.content);
            self.tab.page.mark_incomplete(error.to_string());
            self.tab.page.follow_end = false;
            self.notify(format!("Incomplete: {error}"), true);
            return;
        }
        let about_certificate = matches!(
            error,
            FetchError::UntrustedCertificate { .. } | FetchError::CertificateChanged { .. }
        );
        let placeholder = self.tab.page.unloaded.is_some();
        if loading.purpose == LoadPurpose::Reload && !about_certificate && !placeholder {
            // Keep the page the user had; say why it could not be reloaded.
            self.notify(format!("Could not reload {}: {error}", loading.url), true);
            return;
        }
        let mut page = failed_page(&loading.url, &error, loading.bytes);
        page.location = loading.location();
        let first_contact = matches!(error, FetchError::UntrustedCertificate { .. });
        self.show_loaded(page, loading.purpose);
        // Asked unless a prompt is open (`App::ask`): its typing must not answer.
        if first_contact {
            self.ask_to_trust();
        }
    }

    pub(super) fn show_loaded(&mut self, mut page: Page, purpose: LoadPurpose) {
        let view = self.viewport();
        match purpose {
            LoadPurpose::Open => self.show_new_page(page),
            LoadPurpose::Reload => {
                let is_error = matches!(page.content, Content::Error { .. });
                if let Some(place) = self.tab.page.unloaded.filter(|_| !is_error) {
                    // The body was dropped from history: land where the user was.
                    page.cursor = place.cursor;
                    page.top = place.top;
                    page.clamp(view);
                } else if std::mem::discriminant(&page.content)
                    == std::mem::discriminant(&self.tab.page.content)
                {
                    page.cursor = self.tab.page.cursor;
                    page.top = self.tab.page.top;
                    page.clamp(view);
                }
                if page.title.is_none() {
                    page.title = self.tab.page.title.take();
                }
                // Wrapping stays as the user set it (the view was computed with it).
                page.sideways = self.tab.page.sideways;
                let carried = self.filter_to_carry(true);
                self.tab.page = page;
                self.carry_filter(carried);
            }
        }
    }
}
