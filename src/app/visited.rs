//! The pages in the history, as a set the menu view asks about one visible row at a time
//! (links to them are drawn in the theme's `visited` style). Filled from the history file at
//! start-up and from every answer of that file (a visit recorded, one forgotten, all cleared),
//! and at once on a visit, before the file answers. With history turned off it stays empty:
//! what is not remembered is not marked.
//!
//! Two spellings of one request compare equal: the URL layer has already made the host
//! canonical (lower case, no trailing dot, one form of an IPv6 address) and the port a number
//! (70 when none was written); the key here then leaves out what does not change the request
//! (the item type, which only says how the reply is read, and a Gopher+ string), and counts an
//! empty selector and `/` as one (both are the root on gophernicus, pygopherd and the servers
//! that link their root either way). A lookup builds one key from a row's URL: no frame ever
//! reads the history itself.

use super::{App, Command, SavedList};
use crate::gopher::url::Protocol;
use crate::gopher::{GopherUrl, MenuItem};
use crate::store::LinkEdit;
use crate::store::link_file::SavedLink;
use std::collections::HashSet;

/// What makes two addresses the same page for the visited mark.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct PageKey {
    protocol: Protocol,
    tls: bool,
    host: String,
    port: u16,
    selector: Vec<u8>,
    query: Option<Vec<u8>>,
}

impl PageKey {
    fn of(url: GopherUrl) -> PageKey {
        let mut selector = url.selector;
        if selector == b"/" {
            selector.clear();
        }
        PageKey {
            protocol: url.protocol,
            tls: url.tls,
            host: url.host,
            port: url.port,
            selector,
            query: url.query,
        }
    }
}

/// Whether `a` and `b` ask for the same page (by the rules above).
pub fn same_page(a: &GopherUrl, b: &GopherUrl) -> bool {
    PageKey::of(a.clone()) == PageKey::of(b.clone())
}

/// The visited pages, by [`PageKey`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitedPages {
    pages: HashSet<PageKey>,
}

impl VisitedPages {
    /// Exactly the pages `links` lead to (what the history file holds now).
    pub fn replace_with(&mut self, links: &[SavedLink]) {
        self.pages.clear();
        self.pages
            .extend(links.iter().map(|link| PageKey::of(link.url.clone())));
    }

    pub fn insert(&mut self, url: &GopherUrl) {
        self.pages.insert(PageKey::of(url.clone()));
    }

    pub fn clear(&mut self) {
        self.pages.clear();
    }

    pub fn contains(&self, url: &GopherUrl) -> bool {
        // Cloning the URL costs one small allocation per visible row, not a pass over history.
        self.pages.contains(&PageKey::of(url.clone()))
    }

    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }
}

impl App {
    /// Whether menu line `line` (shown as `item`) links to a page in the history.
    pub fn links_to_visited(&self, line: usize, item: &MenuItem<'_>) -> bool {
        !self.visited.is_empty()
            && item.is_selectable()
            && self
                .link_url(line, item)
                .is_ok_and(|url| self.visited.contains(&url))
    }

    /// At start-up: asks for the history file, when history is on (the answer fills the set).
    pub fn read_visited(&self) -> Vec<Command> {
        match self.history.enabled {
            true => vec![Command::EditLinks {
                list: SavedList::History,
                edit: LinkEdit::Read,
            }],
            false => Vec::new(),
        }
    }

    /// What the history file holds now, when history is on.
    pub(super) fn note_history(&mut self, links: &[SavedLink]) {
        if self.history.enabled {
            self.visited.replace_with(links);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> GopherUrl {
        GopherUrl::parse(text).expect("url")
    }

    fn visited(addresses: &[&str]) -> VisitedPages {
        let links: Vec<SavedLink> = addresses
            .iter()
            .map(|a| SavedLink::new("title", url(a)))
            .collect();
        let mut pages = VisitedPages::default();
        pages.replace_with(&links);
        pages
    }

    #[test]
    fn spellings_of_one_request_are_the_same_visited_page() {
        let pages = visited(&[
            "gopher://Example.ORG/",
            "gopher://example.org:7070/0/notes.txt",
            "gopher://example.org/7/search%09words",
        ]);
        for same in [
            "example.org",
            "gopher://example.org:70/1",
            "gopher://example.org./1/",
            "gopher://EXAMPLE.org:70/1/",
            "gopher://example.org:7070/1/notes.txt",
            "gopher://example.org:7070/0/notes.txt#part",
            "gopher://example.org/7/search?words",
        ] {
            assert!(pages.contains(&url(same)), "{same} is visited");
        }
        for other in [
            "gopher://example.org:7071/0/notes.txt",
            "gophers://example.org:7070/0/notes.txt",
            "gopher://example.org/0/notes.txt",
            "gopher://example.org:7070/0/Notes.txt",
            "gopher://example.org/7/search%09other",
            "gopher://example.org/7/search",
            "finger://example.org/",
        ] {
            assert!(!pages.contains(&url(other)), "{other} is not visited");
        }
    }

    #[test]
    fn replacing_and_clearing_keep_exactly_the_pages_given() {
        let mut pages = visited(&["gopher://a.org/", "gopher://b.org/"]);
        assert_eq!(pages.len(), 2);
        pages.replace_with(&[SavedLink::new("b", url("gopher://b.org/"))]);
        assert!(!pages.contains(&url("gopher://a.org/")));
        assert!(pages.contains(&url("gopher://b.org/")));
        pages.insert(&url("gopher://c.org/0/x"));
        assert!(pages.contains(&url("gopher://c.org/0/x")));
        pages.clear();
        assert!(pages.is_empty());
        assert!(!pages.contains(&url("gopher://b.org/")));
    }
}
