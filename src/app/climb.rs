//! `u` (the menu above this page) and `U` (the server's root menu), with the parent computed
//! by the server's own path rules from its `caps.txt` (`gopher::caps`). The caps file is asked
//! for once per server, on the first `u` there, as a request of its own beside the page (keys
//! and the page stay live meanwhile); it is kept for the session, and a server without one (or
//! with a broken one) gets the POSIX rules. The parent is asked for as a menu; a reply that
//! does not read as one (no line names a host) is shown as the text it is.

use super::loading::LoadPurpose;
use super::page::Content;
use super::{App, Command};
use crate::gopher::caps::{CAPS_SELECTOR, Caps, MAX_CAPS_BYTES};
use crate::gopher::transfer::{FetchEvent, FetchLimits, FetchUpdate, RequestId};
use crate::gopher::url::Protocol;
use crate::gopher::{GopherUrl, ItemType, TextDoc};
use std::collections::HashMap;
use std::time::Duration;

/// The longest a caps request may take before the default rules are used.
const CAPS_TIMEOUT: Duration = Duration::from_secs(5);

/// Every server's path rules learnt this session, by `gophers?://host:port`.
#[derive(Debug, Default)]
pub struct CapsCache {
    known: HashMap<String, Caps>,
    asking: Option<CapsRequest>,
}

/// A caps request in flight, and the climb waiting for it.
#[derive(Debug)]
struct CapsRequest {
    id: RequestId,
    server: String,
    bytes: Vec<u8>,
    from: GopherUrl,
}

fn server_key(url: &GopherUrl) -> String {
    let scheme = if url.tls { "gophers" } else { "gopher" };
    format!("{scheme}://{}", url.host_port())
}

impl App {
    /// `u` (`root` false) or `U` (`root` true) on the current page.
    pub(super) fn climb(&mut self, root: bool) -> Vec<Command> {
        let Some(url) = self
            .tab
            .page
            .location
            .gopher_url()
            .filter(|u| u.protocol == Protocol::Gopher)
            .cloned()
        else {
            self.notify(
                "This page is not on a Gopher server: it has no parent menu",
                false,
            );
            return Vec::new();
        };
        let server = server_key(&url);
        if root {
            let caps = self.caps.known.get(&server).cloned().unwrap_or_default();
            return self.climb_with(&caps, &url, true);
        }
        if let Some(caps) = self.caps.known.get(&server).cloned() {
            return self.climb_with(&caps, &url, false);
        }
        let mut commands = Vec::new();
        if let Some(asking) = self.caps.asking.take() {
            commands.push(Command::Cancel(asking.id));
        }
        let id = self.next_id;
        self.next_id += 1;
        let caps_url = GopherUrl {
            item_type: ItemType::TEXT,
            selector: CAPS_SELECTOR.to_vec(),
            query: None,
            gopher_plus: None,
            ..url.clone()
        };
        let pinned = if url.tls {
            self.known_hosts.get(&url.host_port())
        } else {
            None
        };
        commands.push(Command::Fetch {
            id,
            url: caps_url,
            limits: FetchLimits {
                total_timeout: self.limits.total_timeout.min(CAPS_TIMEOUT),
                max_bytes: MAX_CAPS_BYTES as u64 + 1,
                ..self.limits
            },
            pinned,
        });
        self.caps.asking = Some(CapsRequest {
            id,
            server,
            bytes: Vec::new(),
            from: url.clone(),
        });
        self.notify(
            format!("Asking {} for its path rules (caps.txt)…", url.host_port()),
            false,
        );
        commands
    }

    /// Opens the parent (or root) of `url` under `caps`, or says there is none.
    fn climb_with(&mut self, caps: &Caps, url: &GopherUrl, root: bool) -> Vec<Command> {
        let target = if root {
            caps.root_url(url)
        } else {
            caps.parent_url(url)
        };
        let Some(target) = target else {
            self.notify(format!("Already at the root of {}", url.host_port()), false);
            return Vec::new();
        };
        let commands = self.start_fetch(target, LoadPurpose::Open);
        if let Some(loading) = self.tab.loading.as_mut() {
            loading.climbed_from = Some(url.clone());
        }
        commands
    }

    pub(super) fn is_caps_fetch(&self, id: RequestId) -> bool {
        self.caps.asking.as_ref().is_some_and(|a| a.id == id)
    }

    /// A piece of the caps reply: on its end the rules are kept and the climb goes on.
    pub(super) fn on_caps_fetch(&mut self, update: FetchUpdate) -> Vec<Command> {
        let Some(asking) = self.caps.asking.as_mut() else {
            return Vec::new();
        };
        let mut commands = Vec::new();
        match update.event {
            FetchEvent::Chunk(bytes) => {
                asking.bytes.extend_from_slice(&bytes);
                if asking.bytes.len() <= MAX_CAPS_BYTES {
                    return Vec::new();
                }
                commands.push(Command::Cancel(update.id));
            }
            FetchEvent::Done | FetchEvent::Failed(_) => {}
            FetchEvent::Connected(_) | FetchEvent::Secured(_) => return Vec::new(),
        }
        let Some(asking) = self.caps.asking.take() else {
            return commands;
        };
        // A failed request (no such selector, a timeout) leaves the defaults: it is not asked
        // again this session.
        let caps = Caps::parse(&asking.bytes);
        self.caps.known.insert(asking.server, caps.clone());
        self.notice = None;
        let on_that_page = self.tab.page.location.gopher_url() == Some(&asking.from);
        if on_that_page {
            commands.extend(self.climb_with(&caps, &asking.from, false));
        }
        commands
    }

    /// After a climb to a menu: the cursor on the link back to the page climbed from (as
    /// Back would leave it), unless the user already moved it while the menu arrived.
    pub(super) fn select_link_back_to(&mut self, from: &GopherUrl) {
        let view = self.viewport();
        let page = &mut self.tab.page;
        let Content::Menu(menu) = &page.content else {
            return;
        };
        if menu.next_selectable(0, true) != Some(page.cursor) {
            return;
        }
        // Selectors are compared first, so a URL is built only for a likely match.
        let root = |s: &[u8]| s.is_empty() || s == b"/";
        let same_selector =
            |s: &[u8]| s == from.selector.as_slice() || (root(s) && root(&from.selector));
        let back = menu.items().position(|item| {
            item.is_selectable()
                && same_selector(item.selector)
                && item
                    .url()
                    .is_ok_and(|url| super::visited::same_page(&url, from))
        });
        if let Some(line) = back {
            page.reveal(line, 0, view);
        }
    }

    /// After a climb: a reply asked for as a menu that is no menu (no line names a host) is
    /// shown as the text it is, under a text address.
    pub(super) fn show_climb_reply_as_text_unless_menu(&mut self) {
        let page = &mut self.tab.page;
        let Content::Menu(menu) = &page.content else {
            return;
        };
        if menu.reads_as_menu() {
            return;
        }
        let doc = TextDoc::from_lines(menu.items().map(|item| item.display));
        page.content = Content::Text(doc);
        if let super::Location::Gopher(url) = &mut page.location {
            url.item_type = ItemType::TEXT;
        }
        page.top = Default::default();
        page.cursor = 0;
        page.rows = Default::default();
        self.refilter_in_place();
    }
}
