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
