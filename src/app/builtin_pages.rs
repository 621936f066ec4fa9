//! The pages compiled into Burrow: the start page (a gophermap in `assets/`), the help page
//! (its key lines filled in from the keymap in use), and their source views.

use super::input::{ACTIONS, Keymap, Section};
use super::location::Location;
use super::page::{Content, Page};
use crate::gopher::menu::parse_menu;
use crate::gopher::source::parse_source;
use crate::gopher::{Encoding, TextDoc};

const START_PAGE: &[u8] = include_bytes!("../../assets/start.gophermap");
const HELP_PAGE: &str = include_str!("../../assets/help.txt");

/// The built-in page for a location, if it is one (or the source of one). The help page lists
/// `keymap`'s keys.
pub fn builtin_page(location: &Location, keymap: &Keymap) -> Option<Page> {
    let content = match location {
        Location::Start => Content::Menu(parse_menu(START_PAGE)),
        Location::Help => Content::Text(TextDoc::from_lines(help_text(keymap).lines())),
        Location::Source(inner) => {
            Content::Text(parse_source(builtin_bytes(inner)?, Encoding::Auto))
        }
        Location::Bookmarks | Location::History | Location::Messages | Location::Gopher(_) => {
            return None;
        }
    };
    Some(Page::new(location.clone(), content))
}

/// The compiled-in bytes of a built-in page (the help page's source is its template).
fn builtin_bytes(location: &Location) -> Option<&'static [u8]> {
    match location {
        Location::Start => Some(START_PAGE),
        Location::Help => Some(HELP_PAGE.as_bytes()),
        Location::Bookmarks
        | Location::History
        | Location::Messages
        | Location::Gopher(_)
        | Location::Source(_) => None,
    }
}

/// The help text with each `{keys:SECTION}` line replaced by that section's actions and the
/// keys `keymap` gives them, one action a line: keys, at least two spaces, description.
pub fn help_text(keymap: &Keymap) -> String {
    let mut text = String::with_capacity(HELP_PAGE.len() * 2);
    for line in HELP_PAGE.lines() {
        let section = Section::ALL
            .into_iter()
            .find(|s| line.trim() == format!("{{keys:{}}}", s.id()));
        let Some(section) = section else {
            text.push_str(line);
            text.push('\n');
            continue;
        };
        for row in ACTIONS.iter().filter(|row| row.section == section) {
            let keys: Vec<String> = keymap
                .keys_for(row.action)
                .iter()
                .map(|k| k.name())
                .collect();
            let keys = if keys.is_empty() {
                "(no key)".to_owned()
            } else {
                keys.join(", ")
            };
            text.push_str(&format!("  {keys:<19}  {}\n", row.description));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_pages_parse() {
        let start = builtin_page(&Location::Start, &Keymap::default()).expect("start page");
        let Content::Menu(menu) = &start.content else {
            panic!("start page is a menu");
        };
        assert!(menu.items().any(|i| i.is_selectable()));
        assert!(builtin_page(&Location::Help, &Keymap::default()).is_some());
        assert_eq!(Location::parse("about:help"), Ok(Location::Help));
    }

    #[test]
    fn the_start_page_source_shows_its_menu_lines_with_visible_tabs() {
        let page = builtin_page(&Location::source_of(Location::Start), &Keymap::default())
            .expect("source");
        let doc = page.text_doc().expect("text");
        let first =
            String::from_utf8_lossy(START_PAGE.split(|&b| b == b'\n').next().unwrap_or_default())
                .trim_end_matches('\r')
                .replace('\t', "");
        assert!(doc.lines().any(|l| l.contains('\u{2192}')));
        assert_eq!(
            doc.line(0).replace(['\u{2192}', ' '], ""),
            first.replace(' ', "")
        );
    }

    #[test]
    fn the_help_page_shows_the_keys_in_use() {
        let default = help_text(&Keymap::default());
        assert!(!default.contains("{keys:"), "every placeholder is filled");
        assert!(
            default.contains("\n  q, Ctrl-C            quit\n"),
            "{default}"
        );
        assert!(default.contains("\n  Up, k                previous link"));
        let mut keymap = Keymap::default();
        keymap.remap("quit", &["Q".to_owned()]).expect("valid");
        keymap
            .remap("top", &["Home".to_owned(), "C-a".to_owned()])
            .expect("valid");
        keymap.remap("back", &[]).expect("valid");
        let remapped = help_text(&keymap);
        assert!(
            remapped.contains("\n  Q                    quit\n"),
            "{remapped}"
        );
        assert!(!remapped.contains("q, Ctrl-C"));
        assert!(remapped.contains("\n  Home, Ctrl-A         go to the top"));
        assert!(remapped.contains("\n  (no key)             go back"));
        let Some(page) = builtin_page(&Location::Help, &keymap) else {
            panic!("help is built in");
        };
        let lines: Vec<&str> = page
            .text_doc()
            .map(|d| d.lines().collect())
            .unwrap_or_default();
        assert!(lines.contains(&"  Q                    quit"));
    }
}
