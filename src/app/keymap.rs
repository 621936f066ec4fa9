//! Keys as plain data, and the keymap that turns them into browsing actions. The runtime
//! translates terminal events into `Key`s; nothing here knows about the terminal.

/// A key press, independent of the terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Enter,
    Esc,
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    PageUp,
    PageDown,
    Tab,
}

impl Key {
    /// The name a person sees in the help page and status messages.
    pub fn name(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Enter => "Enter".into(),
            Key::Esc => "Esc".into(),
            Key::Backspace => "Backspace".into(),
            Key::Delete => "Delete".into(),
            Key::Left => "Left".into(),
            Key::Right => "Right".into(),
            Key::Up => "Up".into(),
            Key::Down => "Down".into(),
            Key::Home => "Home".into(),
            Key::End => "End".into(),
            Key::PageUp => "PgUp".into(),
            Key::PageDown => "PgDn".into(),
            Key::Tab => "Tab".into(),
        }
    }
}

/// What a key asks the browser to do while browsing (no prompt open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Follow,
    Back,
    Forward,
    Reload,
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
    ToggleLinkNumbers,
    ItemInfo,
    /// Copy the selected link's URL (or the page's, if none) to the clipboard (OSC 52).
    CopyLinkUrl,
    CopyPageUrl,
    ViewSource,
    /// Show the page again decoded as UTF-8, Latin-1 or CP437, in turn.
    CycleEncoding,
    Quit,
}

/// Every browsing key, in the order the help page lists them.
pub const BINDINGS: &[(Key, Action)] = &[
    (Key::Up, Action::Up),
    (Key::Char('k'), Action::Up),
    (Key::Down, Action::Down),
    (Key::Char('j'), Action::Down),
    (Key::PageUp, Action::PageUp),
    (Key::Char('b'), Action::PageUp),
    (Key::PageDown, Action::PageDown),
    (Key::Char(' '), Action::PageDown),
    (Key::Home, Action::Top),
    (Key::End, Action::Bottom),
    (Key::Enter, Action::Follow),
    (Key::Right, Action::Follow),
    (Key::Char('l'), Action::Follow),
    (Key::Left, Action::Back),
    (Key::Backspace, Action::Back),
    (Key::Char('h'), Action::Back),
    (Key::Char('f'), Action::Forward),
    (Key::Char('L'), Action::Forward),
    (Key::Char('r'), Action::Reload),
    (Key::Char('g'), Action::GoTo),
    (Key::Char('G'), Action::GoToEditCurrent),
    (Key::Char('?'), Action::Help),
    (Key::Char('t'), Action::TrustCertificate),
    (Key::Char('/'), Action::Find),
    (Key::Char('n'), Action::FindNext),
    (Key::Char('N'), Action::FindPrevious),
    (Key::Char('#'), Action::ToggleLinkNumbers),
    (Key::Char('a'), Action::BookmarkPage),
    (Key::Char('A'), Action::BookmarkLink),
    (Key::Char('B'), Action::ShowBookmarks),
    (Key::Char('H'), Action::ShowHistory),
    (Key::Char('X'), Action::ClearHistory),
    (Key::Char('x'), Action::RemoveSelected),
    (Key::Delete, Action::RemoveSelected),
    (Key::Char('R'), Action::RenameSelected),
    (Key::Char('s'), Action::SavePage),
    (Key::Char('w'), Action::ShowDownloads),
    (Key::Char('i'), Action::ItemInfo),
    (Key::Char('y'), Action::CopyLinkUrl),
    (Key::Char('Y'), Action::CopyPageUrl),
    (Key::Char('\\'), Action::ViewSource),
    (Key::Char('e'), Action::CycleEncoding),
    (Key::Esc, Action::Cancel),
    (Key::Char('q'), Action::Quit),
    (Key::Ctrl('c'), Action::Quit),
];

pub fn action_for(key: Key) -> Option<Action> {
    BINDINGS
        .iter()
        .find(|(bound, _)| *bound == key)
        .map(|&(_, action)| action)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = HashSet::new();
        for (key, _) in BINDINGS {
            assert!(seen.insert(key), "{key:?} is bound twice");
        }
    }

    #[test]
    fn arrows_and_vi_keys_map_to_the_same_actions() {
        assert_eq!(action_for(Key::Down), action_for(Key::Char('j')));
        assert_eq!(action_for(Key::Up), action_for(Key::Char('k')));
        assert_eq!(action_for(Key::Right), Some(Action::Follow));
        assert_eq!(action_for(Key::Left), Some(Action::Back));
        assert_eq!(action_for(Key::Char('z')), None);
    }
}
