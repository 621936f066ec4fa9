//! Encodings and view source, the two keys that show the current page's reply another way.
//!
//! Pages keep only their decoded, sanitised text, never the raw bytes (a 50 MB page must not
//! cost twice its size), so both fetch the page again:
//! - `e` re-decodes the page in the next encoding (auto → UTF-8 → Windows-1252 → CP437 →
//!   Latin-1 → auto; from auto, on from what auto showed). Like reload, it replaces the page
//!   when the reply is complete, keeping cursor, scroll and history position. The choice
//!   belongs to that page (`Page::encoding`, kept with it in history): reload, its source and
//!   Back show it in the same encoding, and every other page opens in the configured default.
//! - `\` opens the page's source as a new page (Back, or `\` again, returns): every line as
//!   sent, tabs shown as `→`, the `.` terminator included, still sanitised.

use super::builtin_pages::builtin_page;
use super::location::Location;
use super::page::Content;
use super::{App, Command, LoadPurpose};
use crate::gopher::Encoding;

impl App {
    /// `e`: fetches the page again and shows it in the next encoding.
    pub(super) fn cycle_encoding(&mut self) -> Vec<Command> {
        let Some(url) = self.tab.page.location.gopher_url().cloned() else {
            self.notify(
                "This page is built into Burrow: there is nothing to re-decode",
                false,
            );
            return Vec::new();
        };
        if matches!(self.tab.page.content, Content::Error { .. }) {
            self.notify(
                "This is an error page: there is nothing to re-decode (r tries again)",
                false,
            );
            return Vec::new();
        }
        let source = self.tab.page.location.is_source();
        // Pressed again before the last re-decode arrived: move on from that one.
        let pending = self
            .tab
            .loading
            .as_ref()
            .filter(|l| l.purpose == LoadPurpose::Reload && l.url == url && l.source == source);
        let fell_back = self.tab.page.fell_back_to_latin1();
        let shown = match pending {
            Some(loading) => loading.encoding.shown_as(fell_back),
            None => self.tab.page.encoding.shown_as(fell_back),
        };
        let next = shown.next();
        self.notify(encoding_notice(next), false);
        self.start_fetch_as(url, LoadPurpose::Reload, source, next)
    }

    /// `\`: opens the current page's source, or leaves the source page.
    pub(super) fn view_source(&mut self) -> Vec<Command> {
        if self.tab.page.location.is_source() {
            return self.go_back();
        }
        let location = self.tab.page.location.clone();
        self.open_source(location)
    }

    /// Opens the source of `location` as a new page: fetched again for a Gopher page, from
    /// the compiled-in bytes for a built-in one.
    pub(super) fn open_source(&mut self, location: Location) -> Vec<Command> {
        if let Some(url) = location.gopher_url().cloned() {
            // The source of the page on screen is decoded as that page was.
            let encoding = match self.tab.page.location == location {
                true => self.tab.page.encoding,
                false => self.default_encoding,
            };
            return self.start_fetch_as(url, LoadPurpose::Open, true, encoding);
        }
        let commands = self.cancel_loading();
        match builtin_page(&Location::source_of(location), &self.keymap) {
            Some(page) => self.show_new_page(page),
            None => self.notify("This page has no source to show", false),
        }
        commands
    }
}

/// What the status bar says once `e` has chosen `encoding` (it stays there when the page
/// arrives re-decoded).
fn encoding_notice(encoding: Encoding) -> String {
    match encoding {
        Encoding::Auto => {
            "Showing this page as auto: UTF-8, else Windows-1252 (e cycles)".to_owned()
        }
        other => format!("Showing this page as {} (e cycles)", other.name()),
    }
}
