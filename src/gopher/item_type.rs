//! Gopher item types (RFC 1436 plus the common extensions `i`, `h`, `I`, `g`, `p`, `d`, `s`, `;`):
//! what each type is, how it is labelled on screen, and whether the cursor may select it.

/// The raw type byte of a menu line or URL, kept as sent so that unknown types survive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ItemType(pub u8);

/// What Burrow does with an item of a given type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// `i`: informational text, never selectable.
    Info,
    /// `3`: an error line from the server, shown as text, never selectable.
    Error,
    /// `1`: a menu (directory).
    Menu,
    /// `0`: a text document.
    Text,
    /// `7`: a search: ask for a query, the reply is a menu.
    Search,
    /// `h`: an HTML document, or a web link when the selector starts `URL:`.
    Html,
    /// `8` and `T`: a telnet or tn3270 session.
    Telnet,
    /// `2`: a CSO phone-book server.
    Cso,
    /// Everything else (`4 5 6 9 g I p d s ;` and unknown types): a file to download.
    Binary,
}

impl ItemType {
    pub const MENU: ItemType = ItemType(b'1');
    pub const TEXT: ItemType = ItemType(b'0');
    pub const SEARCH: ItemType = ItemType(b'7');
    pub const INFO: ItemType = ItemType(b'i');
    pub const ERROR: ItemType = ItemType(b'3');
    /// A redundant server for the item above (RFC 1436).
    pub const MIRROR: ItemType = ItemType(b'+');

    pub fn kind(self) -> ItemKind {
        match self.0 {
            b'i' => ItemKind::Info,
            b'3' => ItemKind::Error,
            b'1' => ItemKind::Menu,
            b'0' => ItemKind::Text,
            b'7' => ItemKind::Search,
            b'h' => ItemKind::Html,
            b'8' | b'T' => ItemKind::Telnet,
            b'2' => ItemKind::Cso,
            _ => ItemKind::Binary,
        }
    }

    /// Whether the cursor stops on items of this type.
    pub fn is_selectable(self) -> bool {
        !matches!(self.kind(), ItemKind::Info | ItemKind::Error)
    }

    /// The short label shown before an item's display text (at most 6 columns).
    pub fn label(self) -> &'static str {
        match self.0 {
            b'i' => "",
            b'0' => "TXT",
            b'1' => "DIR",
            b'2' => "CSO",
            b'3' => "ERR",
            b'4' => "HQX",
            b'5' => "DOS",
            b'6' => "UUE",
            b'7' => "SEARCH",
            b'8' => "TELNET",
            b'9' => "BIN",
            b'+' => "MIRROR",
            b'T' => "TN3270",
            b'g' => "GIF",
            b'I' | b'p' | b':' => "IMG",
            b'h' => "HTML",
            b'd' => "DOC",
            b's' | b'<' => "SOUND",
            b';' => "VIDEO",
            b'c' => "CAL",
            b'M' => "MIME",
            _ => "?",
        }
    }

    /// Whether a reply for this type is parsed as a menu (otherwise as text or raw bytes).
    pub fn is_menu_reply(self) -> bool {
        matches!(self.kind(), ItemKind::Menu | ItemKind::Search)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_and_error_lines_are_not_selectable_but_links_are() {
        assert!(!ItemType(b'i').is_selectable());
        assert!(!ItemType(b'3').is_selectable());
        for t in [b'0', b'1', b'7', b'9', b'h', b'8', b'I', b'z'] {
            assert!(ItemType(t).is_selectable(), "type {}", t as char);
        }
    }

    #[test]
    fn labels_name_the_common_types_and_fit_six_columns() {
        let table = [
            (b'0', "TXT"),
            (b'1', "DIR"),
            (b'7', "SEARCH"),
            (b'9', "BIN"),
            (b'h', "HTML"),
            (b'8', "TELNET"),
            (b'I', "IMG"),
            (b'Z', "?"),
        ];
        for (t, label) in table {
            assert_eq!(ItemType(t).label(), label);
        }
        for t in 0u8..=255 {
            assert!(ItemType(t).label().len() <= 6);
        }
    }

    #[test]
    fn unknown_types_are_treated_as_binary_files() {
        assert_eq!(ItemType(b'Z').kind(), ItemKind::Binary);
        assert_eq!(ItemType(0xff).kind(), ItemKind::Binary);
    }

    #[test]
    fn only_menus_and_searches_reply_with_menus() {
        assert!(ItemType(b'1').is_menu_reply());
        assert!(ItemType(b'7').is_menu_reply());
        assert!(!ItemType(b'0').is_menu_reply());
    }
}
