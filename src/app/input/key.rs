//! Keys as plain data, independent of the terminal library: their names as the help page and
//! the config write them, and parsing those names back. The runtime translates terminal events
//! into `Key`s; everything above (the actions table, the keymap, prompts) uses only this.

/// A key press, independent of the terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Char(char),
    Ctrl(char),
    /// Alt (Meta) with a character, e.g. Alt-b (terminals send it as Esc then the character).
    Alt(char),
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
    /// Shift-Tab.
    BackTab,
    /// Ctrl (or Alt) with the left or right arrow: word motion in prompts.
    CtrlLeft,
    CtrlRight,
    /// Alt-Backspace: deletes the word before the cursor in prompts.
    AltBackspace,
}

impl Key {
    /// The name a person sees in the help page and status messages.
    pub fn name(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Alt(c) => format!("Alt-{c}"),
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
            Key::BackTab => "Shift-Tab".into(),
            Key::CtrlLeft => "Ctrl-Left".into(),
            Key::CtrlRight => "Ctrl-Right".into(),
            Key::AltBackspace => "Alt-Backspace".into(),
        }
    }
}

/// Key names other than single characters, for [`Key::parse`] (compared ignoring case).
const NAMED_KEYS: &[(&str, Key)] = &[
    ("Space", Key::Char(' ')),
    ("Enter", Key::Enter),
    ("Return", Key::Enter),
    ("Esc", Key::Esc),
    ("Escape", Key::Esc),
    ("Backspace", Key::Backspace),
    ("Delete", Key::Delete),
    ("Del", Key::Delete),
    ("Left", Key::Left),
    ("Right", Key::Right),
    ("Up", Key::Up),
    ("Down", Key::Down),
    ("Home", Key::Home),
    ("End", Key::End),
    ("PgUp", Key::PageUp),
    ("PageUp", Key::PageUp),
    ("PgDn", Key::PageDown),
    ("PageDown", Key::PageDown),
    ("Tab", Key::Tab),
    ("Shift-Tab", Key::BackTab),
    ("BackTab", Key::BackTab),
    ("Ctrl-Left", Key::CtrlLeft),
    ("Ctrl-Right", Key::CtrlRight),
    ("Alt-Backspace", Key::AltBackspace),
];

impl Key {
    /// Reads a key name as the config writes it: one character (`q`, `Q`, `?`), `C-x` or
    /// `Ctrl-x` for Control, `A-x` or `Alt-x` for Alt, or a name such as `Enter`, `Esc`, `Up`, `PgDn`, `Space`, `Tab`.
    /// Every name [`Key::name`] gives reads back as the same key.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Ok(Key::Char(c));
        }
        let lower = text.to_ascii_lowercase();
        for prefix in ["c-", "ctrl-", "ctrl+"] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                let mut chars = rest.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    return Ok(Key::Ctrl(c));
                }
            }
        }
        for prefix in ["a-", "alt-", "alt+", "m-", "meta-"] {
            // The character keeps its case: Alt-b and Alt-B are different keys.
            if lower.starts_with(prefix) {
                let mut chars = text[prefix.len()..].chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    return Ok(Key::Alt(c));
                }
            }
        }
        NAMED_KEYS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(text))
            .map(|&(_, key)| key)
            .ok_or_else(|| {
                format!(
                    "unknown key `{text}` (a key is one character, C-x for Control, A-x for Alt, or one of {})",
                    NAMED_KEYS
                        .iter()
                        .map(|(name, _)| *name)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    }
}
