//! Bookmarks and visit history as the user sees them: `a`/`A` bookmark the page or the selected
//! link (with an editable title), `B` and `H` show them as menu pages where Enter follows, `R`
//! renames a bookmark and `x` deletes one (or forgets a visit), and `X` forgets every visit.
//! Visits are recorded as pages finish loading, unless history is turned off.
//!
//! The files are read and written by the runtime (`Command::EditLinks`); what they hold comes
//! back as `Msg::LinksSaved`, and the page is built from that, so what is shown is what was
//! saved. A file that cannot be parsed is shown as an error page and left untouched.

use super::external::WebTarget;
use super::location::Location;
use super::page::{Content, Page};
use super::{App, Command, Confirm, ConfirmAction, LoadPurpose, Prompt, PromptPurpose};
use crate::gopher::menu::parse_menu;
use crate::gopher::{GopherUrl, TextDoc};
use crate::store::LinkEdit;
use crate::store::link_file::SavedLink;

/// Which file of saved links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SavedList {
    Bookmarks,
    History,
}

impl SavedList {
    pub fn location(self) -> Location {
        match self {
            SavedList::Bookmarks => Location::Bookmarks,
            SavedList::History => Location::History,
        }
    }

    fn name(self) -> &'static str {
        match self {
            SavedList::Bookmarks => "bookmarks",
            SavedList::History => "history",
        }
    }
}

/// What the user asked of the bookmarks file, so the answer can say whether it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookmarkChange {
    Add(SavedLink),
    Rename { title: String },
    Remove { title: String },
}

/// Whether and how much history is kept (from the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistorySettings {
    pub enabled: bool,
    /// At most this many visits are remembered.
    pub size: usize,
}

impl Default for HistorySettings {
    fn default() -> Self {
        HistorySettings {
            enabled: true,
            size: 1000,
        }
    }
}

/// The menu page showing `links`: one line per link, in order, so line N is link N.
pub fn saved_links_page(list: SavedList, links: Vec<SavedLink>) -> Page {
    let mut bytes = Vec::new();
    if links.is_empty() {
        let hint = match list {
            SavedList::Bookmarks => {
                "No bookmarks yet: press a to bookmark a page, A to bookmark the selected link."
            }
            SavedList::History => "No visited pages are remembered.",
        };
        bytes.extend_from_slice(format!("i{hint}\t\t\t0\r\n").as_bytes());
    }
    for link in &links {
        let url = &link.url;
        let selector: Vec<u8> = url
            .selector
            .iter()
            .map(|&b| {
                if matches!(b, b'\t' | b'\r' | b'\n') {
                    b' '
                } else {
                    b
                }
            })
            .collect();
        bytes.push(url.item_type.0);
        bytes.extend_from_slice(link.title.replace('\t', " ").as_bytes());
        bytes.push(b'\t');
        bytes.extend_from_slice(&selector);
        bytes.extend_from_slice(format!("\t{}\t{}\r\n", url.host, url.port).as_bytes());
    }
    let mut page = Page::new(list.location(), Content::Menu(parse_menu(&bytes)));
    page.saved_links = links;
    page
}

impl App {
    /// `B`/`H`: asks the runtime to read the file; the page shows when it arrives.
    pub(super) fn open_saved_list(
        &mut self,
        list: SavedList,
        purpose: LoadPurpose,
    ) -> Vec<Command> {
        let mut commands = self.cancel_loading();
        self.tab.awaiting_list = Some((list, purpose));
        if list == SavedList::History && !self.history.enabled {
            self.notify(
                "History is turned off in the config: visits are not being remembered",
                false,
            );
        }
        match list {
            SavedList::Bookmarks => commands.extend(self.edit_bookmarks(LinkEdit::Read, None)),
            SavedList::History => commands.push(Command::EditLinks {
                list,
                edit: LinkEdit::Read,
            }),
        }
        commands
    }

    /// What a file holds now (after a read or an edit), or why it could not be used.
    pub(super) fn on_links_saved(
        &mut self,
        list: SavedList,
        result: Result<Vec<SavedLink>, String>,
    ) {
        if let Ok(links) = &result {
            match list {
                SavedList::Bookmarks => self.addresses.set_bookmarks(links),
                SavedList::History => {
                    self.addresses.set_visited(links);
                    self.note_history(links);
                }
            }
        }
        let requested = self
            .tab
            .awaiting_list
            .filter(|(awaited, _)| *awaited == list);
        if requested.is_some() {
            self.tab.awaiting_list = None;
        }
        let change = match list {
            SavedList::Bookmarks => self.bookmark_edits.pop_front().flatten(),
            SavedList::History => None,
        };
        match (&result, change) {
            (Ok(saved), Some(change)) => self.report_bookmark_change(change, saved),
            (Err(why), Some(_)) => {
                // Asked for by the user: said every time, never as a success.
                self.notify(format!("Not saved: {why}"), true);
                if self.tab.page.location != list.location() {
                    return;
                }
            }
            _ => {}
        }
        let page = match result {
            Ok(links) => saved_links_page(list, links),
            Err(why) if requested.is_some() || self.tab.page.location == list.location() => {
                let headline = format!("The {} file could not be used", list.name());
                let details = TextDoc::from_lines([headline.clone(), String::new(), why]);
                Page::new(list.location(), Content::Error { headline, details })
            }
            Err(why) => {
                // Only report the same problem once (history is written on every visit).
                if self.saved_links_problem.as_ref() != Some(&why) {
                    self.notify(why.clone(), true);
                    self.saved_links_problem = Some(why);
                }
                return;
            }
        };
        match requested {
            Some((_, purpose)) => self.show_loaded(page, purpose),
            None if self.tab.page.location == list.location() => {
                // Edited while shown: the same page, refreshed, with the cursor kept.
                self.show_loaded(page, LoadPurpose::Reload);
            }
            None => {}
        }
    }

    /// Remembers a finished page, if history is on.
    pub(super) fn record_visit(&mut self, url: &GopherUrl, title: Option<String>) -> Vec<Command> {
        if !self.history.enabled {
            return Vec::new();
        }
        self.visited.insert(url);
        let own = (self.tab.page.location.gopher_url() == Some(url))
            .then(|| self.tab.page.server_title().map(str::to_owned))
            .flatten();
        let title = own.or(title).unwrap_or_else(|| url.to_string());
        vec![Command::EditLinks {
            list: SavedList::History,
            edit: LinkEdit::RecordVisit {
                link: SavedLink::new(&title, url.clone()),
                limit: self.history.size,
            },
        }]
    }

    /// `a`: bookmark the current page; `A`: the selected link. Asks for the title first.
    pub(super) fn ask_bookmark_title(&mut self, selected_link: bool) {
        let target = if let Some(link) = self.selected_text_link().filter(|_| selected_link) {
            match self.text_link_target(link) {
                Some(Ok(WebTarget::Inside(url))) => Ok((url.clone(), url.to_string())),
                Some(Ok(WebTarget::Outside(_))) => {
                    self.notify("Only Gopher addresses can be bookmarked", false);
                    return;
                }
                Some(Err(why)) => Err(why),
                None => return,
            }
        } else if selected_link {
            let Some(item) = self.selected_item().filter(|i| i.is_selectable()) else {
                self.notify("No link is selected", false);
                return;
            };
            if item.web_link().is_some() {
                self.notify("Only Gopher addresses can be bookmarked", false);
                return;
            }
            let title = item.display.trim().to_owned();
            self.link_url(self.tab.page.cursor, &item)
                .map(|url| (url, title))
                .map_err(|e| e.to_string())
        } else {
            match self.tab.page.location.gopher_url() {
                Some(url) => Ok((
                    url.clone(),
                    self.tab
                        .page
                        .best_title()
                        .unwrap_or_else(|| url.to_string()),
                )),
                None => Err("this page is built into Burrow".to_owned()),
            }
        };
        match target {
            Ok((url, title)) => {
                self.open_prompt_with(Prompt::new(PromptPurpose::BookmarkTitle(url), &title));
            }
            Err(why) => self.notify(format!("Cannot bookmark: {why}"), true),
        }
    }

    /// An edit of the bookmarks file; its outcome is reported when the answer comes back.
    pub(super) fn edit_bookmarks(
        &mut self,
        edit: LinkEdit,
        change: Option<BookmarkChange>,
    ) -> Vec<Command> {
        self.bookmark_edits.push_back(change);
        vec![Command::EditLinks {
            list: SavedList::Bookmarks,
            edit,
        }]
    }

    pub(super) fn add_bookmark(&mut self, url: GopherUrl, title: &str) -> Vec<Command> {
        let link = SavedLink::new(title, url);
        self.edit_bookmarks(LinkEdit::Add(link.clone()), Some(BookmarkChange::Add(link)))
    }

    /// Says what became of a bookmark change, now that the file has answered.
    fn report_bookmark_change(&mut self, change: BookmarkChange, saved: &[SavedLink]) {
        let text = match change {
            BookmarkChange::Add(link) => match saved.iter().find(|s| s.url == link.url) {
                Some(s) if s.title == link.title => {
                    format!("Bookmarked {} (B shows bookmarks)", link.title)
                }
                Some(s) => format!(
                    "Already bookmarked as {}: kept as it was (R on the bookmarks page renames)",
                    s.title
                ),
                None => format!("The bookmark {} was not saved", link.title),
            },
            BookmarkChange::Rename { title } => format!("Renamed to {title}"),
            BookmarkChange::Remove { title } => format!("Deleted the bookmark {title}"),
        };
        self.notify(text, false);
    }

    /// The saved link under the cursor, on the bookmarks or history page.
    fn selected_saved_link(&self) -> Option<(SavedList, SavedLink)> {
        let list = match self.tab.page.location {
            Location::Bookmarks => SavedList::Bookmarks,
            Location::History => SavedList::History,
            _ => return None,
        };
        // On a filtered page, only a link the view shows.
        self.selected_item()?;
        let link = self.tab.page.saved_links.get(self.tab.page.cursor)?.clone();
        Some((list, link))
    }

    /// `R` on the bookmarks page.
    pub(super) fn ask_rename(&mut self) {
        match self.selected_saved_link() {
            Some((SavedList::Bookmarks, link)) => {
                self.open_prompt_with(Prompt::new(
                    PromptPurpose::RenameBookmark(link.url),
                    &link.title,
                ));
            }
            Some((SavedList::History, _)) => {
                self.notify(
                    "Only bookmarks can be renamed (a bookmarks this page)",
                    false,
                );
            }
            None => self.notify("R renames a bookmark on the bookmarks page (B)", false),
        }
    }

    pub(super) fn rename_bookmark(&mut self, url: GopherUrl, title: String) -> Vec<Command> {
        let shown = SavedLink::new(&title, url.clone()).title;
        self.edit_bookmarks(
            LinkEdit::Rename { url, title },
            Some(BookmarkChange::Rename { title: shown }),
        )
    }

    /// `x`/Delete on the bookmarks page (asks first) or the history page.
    pub(super) fn remove_selected_link(&mut self) -> Vec<Command> {
        match self.selected_saved_link() {
            Some((SavedList::Bookmarks, link)) => {
                self.ask(Confirm {
                    question: format!("(y/n) Delete the bookmark {}?", link.title),
                    action: ConfirmAction::RemoveBookmark(link),
                });
                Vec::new()
            }
            Some((SavedList::History, link)) => {
                self.notify(format!("Forgot the visit to {}", link.url), false);
                vec![Command::EditLinks {
                    list: SavedList::History,
                    edit: LinkEdit::Remove(link.url),
                }]
            }
            None => {
                self.notify(
                    "x deletes on the bookmarks (B), history (H) and downloads (w) lists",
                    false,
                );
                Vec::new()
            }
        }
    }

    /// `X`: forget every visit, after a yes.
    pub(super) fn ask_clear_history(&mut self) {
        self.ask(Confirm {
            question: "(y/n) Forget every visited page?".to_owned(),
            action: ConfirmAction::ClearHistory,
        });
    }
}
