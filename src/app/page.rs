//! The page model: what a page holds (menu, text or error), where it came from, where the user
//! left the cursor and scroll, how it arrived (TLS) and the encoding it was decoded in.

use super::location::Location;
use crate::gopher::transfer::{Fingerprint, TlsTrust};
use crate::gopher::{Encoding, GopherUrl, Menu, TextDoc};
use crate::store::link_file::SavedLink;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Menu(Menu),
    Text(TextDoc),
    /// What went wrong: a headline, and details whose first line repeats the headline.
    Error {
        headline: String,
        details: TextDoc,
    },
}

/// A position in a page: a line, and the screen row within that line once wrapped (always 0 for
/// menus, which do not wrap).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub row: usize,
}

/// Where the user was on a page: the menu cursor and the scroll.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    pub cursor: usize,
    pub top: Position,
}

/// An offer to trust a certificate, attached to the error page that explains it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustOffer {
    /// The page to load once the certificate is trusted.
    pub url: GopherUrl,
    pub host_port: String,
    pub fingerprint: Fingerprint,
    /// The pinned fingerprint this one would replace (the certificate changed).
    pub replaces: Option<Fingerprint>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub location: Location,
    pub content: Content,
    /// The encoding the page was decoded in.
    pub encoding: Encoding,
    /// How the page arrived over TLS (`None`: plain Gopher or built in).
    pub security: Option<TlsTrust>,
    /// Set on certificate error pages: what pressing t would trust.
    pub trust_offer: Option<TrustOffer>,
    /// Why the page is not complete (the transfer failed or was cancelled part-way).
    pub incomplete: Option<String>,
    /// Keep the view at the end while the page grows (set by End, cleared by moving up).
    pub follow_end: bool,
    /// The selected menu line (menus only).
    pub cursor: usize,
    /// The selected link of a text page (`]` and `[`), as its index in `TextDoc::links`.
    pub selected_link: Option<usize>,
    /// The first line (and wrapped row) on screen.
    pub top: Position,
    /// The text of the link that led here, if known (the title for bookmarks and history).
    pub title: Option<String>,
    /// On the bookmarks and history pages: the saved link of each menu line, in order.
    pub saved_links: Vec<SavedLink>,
    /// Set while the page's body is not in memory (dropped from history to keep within the
    /// memory budget, or the first page still on its way): the screen says so instead of
    /// showing an empty page, and the place to land at when the body comes is kept here.
    pub unloaded: Option<Place>,
    /// The screen rows of a text page at the width last shown (`row_index.rs`).
    pub rows: super::row_index::RowIndex,
    /// Wrapping off (`W`, `sideways.rs`): the first column shown. `None` while the text wraps.
    pub sideways: Option<usize>,
}

impl Page {
    pub fn new(location: Location, content: Content) -> Page {
        let cursor = match &content {
            Content::Menu(menu) => menu.next_selectable(0, true).unwrap_or(0),
            _ => 0,
        };
        Page {
            location,
            content,
            encoding: Encoding::Auto,
            security: None,
            trust_offer: None,
            incomplete: None,
            follow_end: false,
            cursor,
            selected_link: None,
            top: Position::default(),
            title: None,
            saved_links: Vec::new(),
            unloaded: None,
            rows: Default::default(),
            sideways: None,
        }
    }

    /// The document shown by the text view (text and error pages).
    pub fn text_doc(&self) -> Option<&TextDoc> {
        match &self.content {
            Content::Menu(_) => None,
            Content::Text(doc) | Content::Error { details: doc, .. } => Some(doc),
        }
    }

    pub fn menu(&self) -> Option<&Menu> {
        match &self.content {
            Content::Menu(menu) => Some(menu),
            _ => None,
        }
    }

    /// The title the page gives itself (a gophernicus menu's `TITLE` line), if any.
    pub fn server_title(&self) -> Option<&str> {
        self.menu().and_then(Menu::title)
    }

    /// The title for bookmarks and history: the page's own, else the text of the link that
    /// led here.
    pub fn best_title(&self) -> Option<String> {
        self.server_title()
            .map(str::to_owned)
            .or_else(|| self.title.clone())
    }

    /// Whether `Encoding::Auto` decoded some of the page as Latin-1 (it was not valid UTF-8).
    pub fn fell_back_to_latin1(&self) -> bool {
        match &self.content {
            Content::Menu(menu) => menu.fell_back_to_latin1(),
            Content::Text(doc) => doc.fell_back_to_latin1(),
            Content::Error { .. } => false,
        }
    }

    /// Whether the page was cut short because it had too many lines to keep.
    pub fn was_truncated(&self) -> bool {
        match &self.content {
            Content::Menu(menu) => menu.was_truncated(),
            Content::Text(doc) => doc.was_truncated(),
            Content::Error { .. } => false,
        }
    }
}
