//! Every browsing action in one table: its name in the config's `[keys]`, the line the help
//! page shows, the help section it belongs to, and its default keys. Adding an action means
//! adding a variant and one row here; the keymap, the config and the help page follow.

use super::key::Key;

/// What a key asks the browser to do while browsing (no prompt open).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// The next link in a text (selected, and scrolled into view); Down in a menu.
    NextLink,
    /// The previous link in a text; Up in a menu.
    PreviousLink,
    /// Wrapping off (or on again) for this text page.
    ToggleWrap,
    /// With wrapping off: the columns to the right, or to the left.
    ScrollRight,
    ScrollLeft,
    Follow,
    Back,
    Forward,
    Reload,
    /// The menu above this page, by the server's own path rules.
    Parent,
    /// The server's root menu.
    Root,
    /// The start page (the configured one).
    Home,
    /// Search Gopherspace with the configured search engine (asks for the words).
    SearchEngine,
    GoTo,
    GoToEditCurrent,
    Help,
    Cancel,
    /// On a certificate error page: trust the certificate shown.
    TrustCertificate,
    /// Bookmark the current page (asks for a title).
    BookmarkPage,
    /// Bookmark the selected link (asks for a title).
    BookmarkLink,
    ShowBookmarks,
    ShowHistory,
    /// Every notice of this session, newest first (`about:messages`).
    ShowMessages,
    /// Forget every visited page (asks first).
    ClearHistory,
    /// On the bookmarks, history or downloads page: delete the bookmark, forget the visit, or
    /// cancel the download under the cursor.
    RemoveSelected,
    /// On the bookmarks page: rename the bookmark under the cursor.
    RenameSelected,
    /// Save the current page's raw bytes to the download folder.
    SavePage,
    ShowDownloads,
    Find,
    FindNext,
    FindPrevious,
    /// Narrow the page to the lines that match what is typed (`&`, as in less).
    Filter,
    /// Hide or show a menu's info lines (with or without a filter typed).
    ToggleInfoLines,
    ToggleLinkNumbers,
    ItemInfo,
    /// Copy the selected link's URL (or the page's, if none) to the clipboard (OSC 52).
    CopyLinkUrl,
    CopyPageUrl,
    ViewSource,
    /// Show the page again decoded as UTF-8, Windows-1252, CP437, Latin-1 or auto, in turn.
    CycleEncoding,
    /// Open the selected link in a new tab beside this one, in the background.
    OpenInNewTab,
    /// A new tab on the start page.
    NewTab,
    NextTab,
    PreviousTab,
    CloseTab,
    /// Reopen the last closed tab with its history.
    ReopenTab,
    /// Go to tab N (1 to 9).
    GoToTab(u8),
    /// Give the terminal back to the shell until `fg`.
    Suspend,
    /// Paint the whole screen again.
    Redraw,
    Quit,
}

/// The help page's groups of keys; each is filled in where the help text says `{keys:ID}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Moving,
    Following,
    Addresses,
    Finding,
    Tabs,
    Other,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Moving,
        Section::Following,
        Section::Addresses,
        Section::Finding,
        Section::Tabs,
        Section::Other,
    ];

    /// The placeholder's ID in the help text.
    pub fn id(self) -> &'static str {
        match self {
            Section::Moving => "moving",
            Section::Following => "following",
            Section::Addresses => "addresses",
            Section::Finding => "finding",
            Section::Tabs => "tabs",
            Section::Other => "other",
        }
    }
}

/// One row of [`ACTIONS`].
#[derive(Debug, Clone, Copy)]
pub struct ActionInfo {
    pub action: Action,
    /// The name used in the config's `[keys]` table.
    pub name: &'static str,
    /// What the help page says the keys do.
    pub description: &'static str,
    pub section: Section,
    pub default_keys: &'static [Key],
}

const fn row(
    action: Action,
    name: &'static str,
    section: Section,
    default_keys: &'static [Key],
    description: &'static str,
) -> ActionInfo {
    ActionInfo {
        action,
        name,
        description,
        section,
        default_keys,
    }
}

use Key::Char as C;
use Section::*;

/// Every action, in the order the help page lists them.
#[rustfmt::skip]
pub const ACTIONS: &[ActionInfo] = &[
    row(Action::Up, "up", Moving, &[Key::Up, C('k')],
        "previous link (in text: scroll up one line)"),
    row(Action::Down, "down", Moving, &[Key::Down, C('j')],
        "next link (in text: scroll down one line)"),
    row(Action::PageUp, "page_up", Moving, &[Key::PageUp, C('b')], "scroll up one page"),
    row(Action::PageDown, "page_down", Moving, &[Key::PageDown, C(' ')], "scroll down one page"),
    row(Action::Top, "top", Moving, &[Key::Home], "go to the top of the page"),
    row(Action::Bottom, "bottom", Moving, &[Key::End], "go to the bottom of the page"),
    row(Action::NextLink, "next_link", Moving, &[C(']')],
        "next link in a text (selected: Enter follows it)"),
    row(Action::PreviousLink, "previous_link", Moving, &[C('[')],
        "previous link in a text"),
    row(Action::ToggleWrap, "toggle_wrap", Moving, &[C('W')],
        "text: wrapping off (for ASCII art and tables) or on again"),
    row(Action::ScrollRight, "scroll_right", Moving, &[C('>')],
        "text with wrapping off: scroll right by half the width"),
    row(Action::ScrollLeft, "scroll_left", Moving, &[C('<')],
        "text with wrapping off: scroll left by half the width"),
    row(Action::Follow, "follow", Following, &[Key::Enter, Key::Right, C('l')],
        "follow the selected link (search items ask for a query)"),
    row(Action::Back, "back", Following, &[Key::Left, Key::Backspace, C('h')],
        "go back, to where you left the cursor and scroll"),
    row(Action::Forward, "forward", Following, &[C('f'), C('L')], "go forward again"),
    row(Action::Reload, "reload", Following, &[C('r')], "reload the current page"),
    row(Action::Parent, "parent", Following, &[C('u')],
        "the menu above this page (by the server's caps.txt rules)"),
    row(Action::Root, "root", Following, &[C('U')], "the server's root menu"),
    row(Action::Home, "home", Following, &[C('~')], "the start page (start_page in the config)"),
    row(Action::TrustCertificate, "trust_certificate", Following, &[C('t')],
        "on a certificate warning page: trust the certificate (asks first)"),
    row(Action::Cancel, "cancel", Following, &[Key::Esc],
        "cancel loading; the current page stays as it is"),
    row(Action::GoTo, "go_to", Addresses, &[C('g')], "open an address (the forms are below)"),
    row(Action::GoToEditCurrent, "edit_address", Addresses, &[C('G')],
        "edit the current page's address"),
    row(Action::SearchEngine, "search", Addresses, &[C('S')],
        "search Gopherspace (search_engine in the config; also g ?words)"),
    row(Action::Find, "find", Finding, &[C('/')], "find in this page as you type"),
    row(Action::FindNext, "find_next", Finding, &[C('n')], "next match"),
    row(Action::FindPrevious, "find_previous", Finding, &[C('N')], "previous match"),
    row(Action::Filter, "filter", Finding, &[C('&')],
        "show only the lines that match as you type (menus: :dir :txt :file :search); Esc shows all"),
    row(Action::ToggleInfoLines, "toggle_info_lines", Finding, &[C('I')],
        "hide or show a menu's info lines (with or without a filter)"),
    row(Action::ToggleLinkNumbers, "toggle_link_numbers", Finding, &[C('#')],
        "show or hide link numbers; type a number to open that link"),
    row(Action::BookmarkPage, "bookmark_page", Finding, &[C('a')], "bookmark this page"),
    row(Action::BookmarkLink, "bookmark_link", Finding, &[C('A')], "bookmark the selected link"),
    row(Action::ShowBookmarks, "show_bookmarks", Finding, &[C('B')], "show bookmarks"),
    row(Action::ShowHistory, "show_history", Finding, &[C('H')], "show the pages you visited"),
    row(Action::ShowMessages, "show_messages", Finding, &[C('M')],
        "show every message of this session in full, newest first"),
    row(Action::ClearHistory, "clear_history", Finding, &[C('X')],
        "forget every visited page (asks first)"),
    row(Action::RemoveSelected, "remove_selected", Finding, &[C('x'), Key::Delete],
        "on bookmarks/history/downloads: remove the entry under the cursor"),
    row(Action::RenameSelected, "rename_selected", Finding, &[C('R')],
        "on bookmarks: rename the bookmark under the cursor"),
    row(Action::SavePage, "save_page", Finding, &[C('s')],
        "save this page's raw bytes to the download folder"),
    row(Action::ShowDownloads, "show_downloads", Finding, &[C('w')], "show downloads"),
    row(Action::ItemInfo, "item_info", Finding, &[C('i')],
        "show the selected item's type, host, port, selector and URL"),
    row(Action::CopyLinkUrl, "copy_link_url", Finding, &[C('y')],
        "copy the selected link's URL to the clipboard"),
    row(Action::CopyPageUrl, "copy_page_url", Finding, &[C('Y')],
        "copy this page's URL to the clipboard"),
    row(Action::ViewSource, "view_source", Finding, &[C('\\')], "show this page's raw source"),
    row(Action::CycleEncoding, "cycle_encoding", Finding, &[C('e')],
        "show the page as UTF-8, Windows-1252, CP437, Latin-1 or auto, in turn"),
    row(Action::Help, "help", Other, &[C('?')],
        "show this help (press again, or go back, to leave)"),
    row(Action::Redraw, "redraw", Other, &[Key::Ctrl('l')], "paint the whole screen again"),
    row(Action::Suspend, "suspend", Other, &[Key::Ctrl('z')],
        "suspend to the shell (fg brings Burrow back)"),
    row(Action::Quit, "quit", Other, &[C('q'), Key::Ctrl('c')], "quit"),
    row(Action::OpenInNewTab, "open_in_new_tab", Tabs, &[C('T')],
        "open the selected link in a new tab (this one stays as it is)"),
    row(Action::NewTab, "new_tab", Tabs, &[Key::Ctrl('t')], "open a new tab on the start page"),
    row(Action::NextTab, "next_tab", Tabs, &[Key::Tab], "go to the next tab"),
    row(Action::PreviousTab, "previous_tab", Tabs, &[Key::BackTab], "go to the previous tab"),
    row(Action::CloseTab, "close_tab", Tabs, &[Key::Ctrl('w')],
        "close this tab (the last one leaves the start page)"),
    row(Action::ReopenTab, "reopen_tab", Tabs, &[Key::Ctrl('u')],
        "reopen the last closed tab with its history, where it stood"),
    row(Action::GoToTab(1), "tab_1", Tabs, &[Key::Alt('1')], "go to tab 1"),
    row(Action::GoToTab(2), "tab_2", Tabs, &[Key::Alt('2')], "go to tab 2"),
    row(Action::GoToTab(3), "tab_3", Tabs, &[Key::Alt('3')], "go to tab 3"),
    row(Action::GoToTab(4), "tab_4", Tabs, &[Key::Alt('4')], "go to tab 4"),
    row(Action::GoToTab(5), "tab_5", Tabs, &[Key::Alt('5')], "go to tab 5"),
    row(Action::GoToTab(6), "tab_6", Tabs, &[Key::Alt('6')], "go to tab 6"),
    row(Action::GoToTab(7), "tab_7", Tabs, &[Key::Alt('7')], "go to tab 7"),
    row(Action::GoToTab(8), "tab_8", Tabs, &[Key::Alt('8')], "go to tab 8"),
    row(Action::GoToTab(9), "tab_9", Tabs, &[Key::Alt('9')], "go to tab 9"),
];

impl Action {
    /// This action's row in [`ACTIONS`].
    pub fn info(self) -> &'static ActionInfo {
        ACTIONS
            .iter()
            .find(|row| row.action == self)
            .unwrap_or(&ACTIONS[0])
    }

    /// The name used in the config's `[keys]` table.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The action a `[keys]` name stands for.
    pub fn from_name(name: &str) -> Option<Action> {
        ACTIONS
            .iter()
            .find(|row| row.name == name)
            .map(|row| row.action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_action_has_exactly_one_row_and_a_unique_name() {
        let mut actions = HashSet::new();
        let mut names = HashSet::new();
        for row in ACTIONS {
            assert!(actions.insert(row.action), "{:?} twice", row.action);
            assert!(names.insert(row.name), "{} twice", row.name);
            assert_eq!(Action::from_name(row.name), Some(row.action));
            assert_eq!(row.action.name(), row.name);
            assert!(!row.description.is_empty());
        }
        assert_eq!(Action::from_name("teleport"), None);
    }

    #[test]
    fn no_key_is_bound_twice_by_default() {
        let mut seen = HashSet::new();
        for row in ACTIONS {
            for key in row.default_keys {
                assert!(seen.insert(*key), "{key:?} is bound twice");
            }
        }
    }
}
