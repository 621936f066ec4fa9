//! What a tab is called, in the bar and in messages: the page's best title (the server's,
//! else the text of the link that led there), with a search's words, sanitised and with runs
//! of spaces made one; the address only for a page without a title. The bar cuts a title at
//! its end and an address in its middle, so it needs to know which it has.

use super::tab::Tab;
use crate::gopher::sanitize;

/// What a tab is called: a title the page or the link to it gave, or its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TabName {
    Title(String),
    Address(String),
}

/// A tab's name, sanitised: while a page loads, the text of the link followed to it; else the
/// page's best title (the server's, else the link's); a search adds the words searched. The
/// address only when there is no title.
pub fn tab_name(tab: &Tab) -> TabName {
    let (title, url) = match tab.loading.as_ref().filter(|l| l.title.is_some()) {
        Some(loading) => (loading.title.clone(), Some(&loading.url)),
        None => (tab.page.best_title(), tab.page.location.gopher_url()),
    };
    // Runs of spaces (a directory listing's columns) become one, so the name itself shows.
    let title = title.map(|t| {
        sanitize(&t)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    });
    match title.filter(|t| !t.is_empty()) {
        Some(title) => {
            let words = url
                .and_then(|u| u.query.as_deref())
                .map(|q| sanitize(&String::from_utf8_lossy(q)).trim().to_owned())
                .filter(|q| !q.is_empty() && !title.contains(q.as_str()));
            TabName::Title(match words {
                Some(words) => format!("{title}: {words}"),
                None => title,
            })
        }
        None => TabName::Address(sanitize(&tab.page.location.to_string())),
    }
}

/// A tab's name in messages.
pub fn tab_title(tab: &Tab) -> String {
    match tab_name(tab) {
        TabName::Title(text) | TabName::Address(text) => text,
    }
}
