//! Opening things: a location (a Gopher URL by its item type, a built-in page, the bookmarks
//! or history list, a source view), the selected link, a reload, and a certificate trusted
//! from the page that offered it.

use super::builtin_pages::builtin_page;
use super::input::{Prompt, PromptPurpose};
use super::loading::LoadPurpose;
use super::location::Location;
use super::page::TrustOffer;
use super::saved::SavedList;
use super::{App, Command, Confirm, ConfirmAction};
use crate::gopher::{GopherUrl, ItemKind, MenuItem, UrlError};

impl App {
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

    /// Opens a location typed by the user or given on the command line.
    pub(super) fn open(&mut self, location: Location) -> Vec<Command> {
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
            ItemKind::Html => match crate::gopher::menu::web_link_in_selector(&url.selector) {
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
    pub(super) fn ask_to_trust(&mut self) {
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
    pub(super) fn trust(&mut self, offer: TrustOffer) -> Vec<Command> {
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
        commands.extend(self.reload_tabs_offering(&offer.host_port));
        commands
    }

    pub(super) fn follow_selected(&mut self) -> Vec<Command> {
        let on_screen = self.cursor_on_screen();
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

    pub(super) fn reload(&mut self) -> Vec<Command> {
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
