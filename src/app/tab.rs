//! One page view: the page on screen, the pages Back and Forward return to, the load in
//! progress, the find in the page, the filter narrowing it, the link number being typed and the bookmarks or history
//! page awaited. Everything else (downloads, known hosts, keymap, settings, prompts and
//! questions) belongs to the whole browser and stays on `App`, so a second tab is a second
//! `Tab`.

use super::Confirm;
use super::find::Find;
use super::history::History;
use super::link_numbers::LinkNumberEntry;
use super::loading::{LoadPurpose, Loading};
use super::narrowed::Narrowed;
use super::page::Page;
use super::saved::SavedList;

#[derive(Debug)]
pub struct Tab {
    pub page: Page,
    /// The pages Back and Forward return to.
    pub history: History,
    /// The request whose reply will replace (or reload) the page, while one runs.
    pub loading: Option<Loading>,
    /// The text being found in the page, and the match shown.
    pub find: Option<Find>,
    /// Digits typed to reach a link by number.
    pub link_entry: Option<LinkNumberEntry>,
    /// The filter on the page (`&`, `I`) and its narrowed view (`filtering.rs`).
    pub filter: Option<Narrowed>,
    /// The bookmarks or history page asked for, shown when the file has been read.
    pub awaiting_list: Option<(SavedList, LoadPurpose)>,
    /// A question this tab raised while in the background (a certificate to trust), asked
    /// when it is shown.
    pub waiting_question: Option<Confirm>,
}

impl Tab {
    /// A tab showing `page`, with nothing behind it.
    pub fn new(page: Page) -> Tab {
        Tab {
            page,
            history: History::default(),
            loading: None,
            find: None,
            link_entry: None,
            filter: None,
            awaiting_list: None,
            waiting_question: None,
        }
    }

    /// The filter in force, while it narrows the page (not while nothing is typed).
    pub fn narrowed(&self) -> Option<&Narrowed> {
        self.filter.as_ref().filter(|n| n.is_active())
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }
}
