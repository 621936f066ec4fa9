//! Gopher menus (RFC 1436 plus `i` info lines and `h` `URL:` web links), parsed leniently and
//! as they stream in, into one compact form: display texts (sanitised) in one `String`, selectors
//! and hosts (raw bytes) in one buffer, and a small fixed-size record per line. Display texts
//! are decoded in the parser's `Encoding`; selectors and hosts are never decoded.

use super::encoding::Encoding;
use super::item_type::{ItemKind, ItemType};
use super::line_splitter::LineSplitter;
use super::sanitize::{sanitize, sanitize_bytes};
use super::url::{GopherUrl, UrlError, parse_port};

/// A range into one of the menu's buffers. `u32` keeps a line's record small; `MenuParser`
/// stops adding lines before a buffer could outgrow it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ItemRecord {
    item_type: ItemType,
    port: u16,
    display: Span,
    selector: Span,
    host: Span,
}

/// One menu line, borrowed from the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MenuItem<'a> {
    pub item_type: ItemType,
    /// Sanitised display text, safe to show.
    pub display: &'a str,
    /// Raw selector bytes, exactly as the server sent them.
    pub selector: &'a [u8],
    /// Raw host bytes, exactly as the server sent them.
    pub host: &'a [u8],
    pub port: u16,
}

impl MenuItem<'_> {
    pub fn is_selectable(&self) -> bool {
        self.item_type.is_selectable()
    }

    /// The web address of an `h` item whose selector is `URL:...`.
    pub fn web_link(&self) -> Option<&[u8]> {
        if self.item_type.kind() == ItemKind::Html {
            self.selector.strip_prefix(b"URL:")
        } else {
            None
        }
    }

    /// The Gopher URL this item leads to, built from its real host, port and selector.
    pub fn url(&self) -> Result<GopherUrl, UrlError> {
        let host = std::str::from_utf8(self.host)
            .map_err(|_| UrlError::BadHost(sanitize_bytes(self.host)))?;
        GopherUrl::new(host, self.port, self.item_type, self.selector)
    }
}

/// A menu stops growing at this many lines (about 28 MB of records), bounding memory.
pub const MAX_MENU_ITEMS: usize = 1_000_000;

/// A parsed menu.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Menu {
    text: String,
    raw: Vec<u8>,
    items: Vec<ItemRecord>,
    truncated: bool,
    /// The most recent link's host, reused when the next link names the same host.
    last_host: Span,
    /// The line index of every selectable item, in order: link N is `links[N - 1]`.
    links: Vec<u32>,
    /// Whether `Encoding::Auto` decoded some display text as Latin-1 (it was not valid UTF-8).
    fell_back: bool,
}

impl Menu {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether the menu was cut short because it was too long to keep.
    pub fn was_truncated(&self) -> bool {
        self.truncated
    }

    pub fn item(&self, index: usize) -> Option<MenuItem<'_>> {
        let record = self.items.get(index)?;
        Some(MenuItem {
            item_type: record.item_type,
            display: &self.text[record.display.range()],
            selector: &self.raw[record.selector.range()],
            host: &self.raw[record.host.range()],
            port: record.port,
        })
    }

    pub fn items(&self) -> impl Iterator<Item = MenuItem<'_>> {
        (0..self.len()).filter_map(|i| self.item(i))
    }

    pub fn is_selectable(&self, index: usize) -> bool {
        self.items
            .get(index)
            .is_some_and(|r| r.item_type.is_selectable())
    }

    /// Whether some display text was decoded as Latin-1 because it was not valid UTF-8 (only
    /// `Encoding::Auto` falls back).
    pub fn fell_back_to_latin1(&self) -> bool {
        self.fell_back
    }

    /// How many selectable items (links) the menu has.
    pub fn link_count(&self) -> usize {
        self.links.len()
    }

    /// The line of link `number` (counting from 1).
    pub fn link_line(&self, number: usize) -> Option<usize> {
        let at = number.checked_sub(1)?;
        self.links.get(at).map(|&line| line as usize)
    }

    /// The number (counting from 1) of the link on `line`, if that line is a link.
    pub fn link_number(&self, line: usize) -> Option<usize> {
        let line = u32::try_from(line).ok()?;
        self.links.binary_search(&line).ok().map(|at| at + 1)
    }

    /// The first selectable line after `index` (or at or after it when `inclusive`).
    pub fn next_selectable(&self, index: usize, inclusive: bool) -> Option<usize> {
        let start = if inclusive { index } else { index + 1 };
        (start..self.len()).find(|&i| self.is_selectable(i))
    }

    /// The last selectable line before `index` (or at or before it when `inclusive`).
    pub fn prev_selectable(&self, index: usize, inclusive: bool) -> Option<usize> {
        let end = if inclusive { index + 1 } else { index };
        (0..end.min(self.len()))
            .rev()
            .find(|&i| self.is_selectable(i))
    }

    fn push_text(&mut self, bytes: &[u8], encoding: Encoding) -> Span {
        let start = self.text.len() as u32;
        let (text, used) = encoding.decode_resolved(bytes);
        if encoding.fell_back(used) {
            self.fell_back = true;
        }
        self.text.push_str(&sanitize(&text));
        Span {
            start,
            end: self.text.len() as u32,
        }
    }

    fn push_raw(&mut self, bytes: &[u8]) -> Span {
        let start = self.raw.len() as u32;
        self.raw.extend_from_slice(bytes);
        Span {
            start,
            end: self.raw.len() as u32,
        }
    }

    /// Stores a host, reusing the previous link's bytes when it is the same host (most menus
    /// link to one server, so this saves a copy per line).
    fn push_host(&mut self, host: &[u8]) -> Span {
        if self.last_host.end > self.last_host.start && &self.raw[self.last_host.range()] == host {
            return self.last_host;
        }
        self.last_host = self.push_raw(host);
        self.last_host
    }

    fn push_info(&mut self, item_type: ItemType, display: &[u8], encoding: Encoding) {
        let display = self.push_text(display, encoding);
        self.items.push(ItemRecord {
            item_type,
            port: 0,
            display,
            selector: Span::default(),
            host: Span::default(),
        });
    }

    /// Adds one menu line (without its line ending).
    fn push_line(&mut self, line: &[u8], encoding: Encoding) {
        let mut fields = line.split(|&b| b == b'\t');
        let first = fields.next().unwrap_or_default();
        let (Some(selector), Some(host), Some(port)) =
            (fields.next(), fields.next(), fields.next())
        else {
            // Fewer than four fields: show the whole line as text.
            return self.push_info(ItemType::INFO, line, encoding);
        };
        let Some((&type_byte, display)) = first.split_first() else {
            return self.push_info(ItemType::INFO, b"", encoding);
        };
        let item_type = ItemType(type_byte);
        if !item_type.is_selectable() {
            return self.push_info(item_type, display, encoding);
        }
        let port = parse_port(port.trim_ascii());
        match port {
            Some(port) if !host.is_empty() => {
                let display = self.push_text(display, encoding);
                let selector = self.push_raw(selector);
                let host = self.push_host(host);
                self.links.push(self.items.len() as u32);
                self.items.push(ItemRecord {
                    item_type,
                    port,
                    display,
                    selector,
                    host,
                });
            }
            // A link that cannot be followed still shows its text.
            _ => self.push_info(ItemType::INFO, display, encoding),
        }
    }
}

/// Parses a menu reply as it streams in, appending to a `Menu` it does not own (so the menu
/// can be shown and browsed while it grows). Stops at a line that is exactly `.`.
#[derive(Debug, Default)]
pub struct MenuParser {
    splitter: LineSplitter,
    ended: bool,
    encoding: Encoding,
}

/// Keeps both buffers well inside `u32` offsets (a line adds at most a few times its length).
const BUFFER_LIMIT: usize = (u32::MAX / 4) as usize;

fn accept_menu_line(menu: &mut Menu, ended: &mut bool, encoding: Encoding, line: &[u8]) {
    if *ended {
        return;
    }
    if line == b"." {
        *ended = true;
        return;
    }
    let buffers = menu.text.len().max(menu.raw.len());
    if menu.items.len() >= MAX_MENU_ITEMS || buffers + line.len() * 8 > BUFFER_LIMIT {
        menu.truncated = true;
        *ended = true;
        return;
    }
    menu.push_line(line, encoding);
}

impl MenuParser {
    /// A parser decoding display texts as `encoding` (`default()` is `Encoding::Auto`).
    pub fn new(encoding: Encoding) -> MenuParser {
        MenuParser {
            encoding,
            ..MenuParser::default()
        }
    }

    /// Adds the lines `chunk` completes to `menu`.
    pub fn push(&mut self, menu: &mut Menu, chunk: &[u8]) {
        let (ended, encoding) = (&mut self.ended, self.encoding);
        self.splitter
            .push(chunk, |line| accept_menu_line(menu, ended, encoding, line));
    }

    /// Whether the reply is complete: the `.` terminator arrived, or the menu is full.
    pub fn has_ended(&self) -> bool {
        self.ended
    }

    /// Ends the stream: a last line without a line ending still counts.
    pub fn finish(&mut self, menu: &mut Menu) {
        let (ended, encoding) = (&mut self.ended, self.encoding);
        self.splitter
            .finish(|line| accept_menu_line(menu, ended, encoding, line));
    }
}

/// Parses a whole menu reply at once (`Encoding::Auto`).
pub fn parse_menu(bytes: &[u8]) -> Menu {
    parse_menu_as(bytes, Encoding::Auto)
}

/// Parses a whole menu reply at once, decoding display texts as `encoding`.
pub fn parse_menu_as(bytes: &[u8], encoding: Encoding) -> Menu {
    let mut menu = Menu::default();
    let mut parser = MenuParser::new(encoding);
    parser.push(&mut menu, bytes);
    parser.finish(&mut menu);
    menu
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(menu: &Menu) -> Vec<(char, String, String, String, u16)> {
        menu.items()
            .map(|i| {
                (
                    char::from(i.item_type.0),
                    i.display.to_owned(),
                    String::from_utf8_lossy(i.selector).into_owned(),
                    String::from_utf8_lossy(i.host).into_owned(),
                    i.port,
                )
            })
            .collect()
    }

    fn row(t: char, d: &str, s: &str, h: &str, p: u16) -> (char, String, String, String, u16) {
        (t, d.into(), s.into(), h.into(), p)
    }

    #[test]
    fn links_are_numbered_in_order_skipping_info_and_error_lines() {
        let menu =
            parse_menu(b"iHello\t\tx\t0\r\n1A\t/a\th\t70\r\n3oops\t\th\t1\r\n0B\t/b\th\t70\r\n");
        assert_eq!(menu.link_count(), 2);
        assert_eq!(menu.link_line(1), Some(1));
        assert_eq!(menu.link_line(2), Some(3));
        assert_eq!(menu.link_line(0), None);
        assert_eq!(menu.link_line(3), None);
        assert_eq!(menu.link_number(3), Some(2));
        assert_eq!(menu.link_number(0), None);
    }

    #[test]
    fn parses_links_info_and_error_lines() {
        let menu = parse_menu(
            b"iWelcome\tfake\t(NULL)\t0\r\n\
              1Docs\t/docs\texample.org\t70\r\n\
              0Read me\t/readme.txt\texample.org\t7070\r\n\
              3Not found\t\terror.host\t1\r\n\
              .\r\n",
        );
        assert_eq!(
            summary(&menu),
            vec![
                row('i', "Welcome", "", "", 0),
                row('1', "Docs", "/docs", "example.org", 70),
                row('0', "Read me", "/readme.txt", "example.org", 7070),
                row('3', "Not found", "", "", 0),
            ]
        );
        assert!(!menu.is_selectable(0));
        assert!(menu.is_selectable(1));
        assert!(!menu.is_selectable(3));
    }

    #[test]
    fn gopher_plus_fields_are_ignored_and_missing_terminator_is_fine() {
        let menu = parse_menu(b"1Plus\t/p\th\t70\t+\r\n0Last\t/l\th\t70");
        assert_eq!(
            summary(&menu),
            vec![
                row('1', "Plus", "/p", "h", 70),
                row('0', "Last", "/l", "h", 70)
            ]
        );
    }

    #[test]
    fn bad_lines_show_as_text_and_never_drop_the_rest() {
        let menu = parse_menu(
            b"just some text\r\n\
              1Two fields\t/x\r\n\
              1Bad port\t/x\th\tseventy\r\n\
              1Zero port\t/x\th\t0\r\n\
              1No host\t/x\t\t70\r\n\
              \r\n\
              1Good\t/g\th\t70\r\n",
        );
        let rows = summary(&menu);
        assert_eq!(rows.len(), 7);
        assert_eq!(rows[0], row('i', "just some text", "", "", 0));
        assert_eq!(rows[1].1, "1Two fields     /x");
        assert_eq!(rows[2], row('i', "Bad port", "", "", 0));
        assert_eq!(rows[3], row('i', "Zero port", "", "", 0));
        assert_eq!(rows[4], row('i', "No host", "", "", 0));
        assert_eq!(rows[5], row('i', "", "", "", 0));
        assert_eq!(rows[6], row('1', "Good", "/g", "h", 70));
    }

    #[test]
    fn display_text_is_sanitised_but_selectors_keep_their_exact_bytes() {
        let menu = parse_menu(b"0\x1b[31mRed\x1b[0m \xe9\t/sel\x1b\xff\th\t70\r\n");
        let item = menu.item(0).expect("one item");
        assert_eq!(item.display, "Red \u{e9}");
        assert_eq!(item.selector, b"/sel\x1b\xff");
    }

    #[test]
    fn display_texts_use_the_chosen_encoding_and_selectors_stay_raw() {
        let input = b"0caf\xe9\t/caf\xe9\th\t70\r\ni\xc9\xcd\xbb\t\tx\t0\r\n";
        let auto = parse_menu(input);
        assert_eq!(auto.item(0).map(|i| i.display), Some("caf\u{e9}"));
        assert!(auto.fell_back_to_latin1());
        let cp437 = parse_menu_as(input, Encoding::Cp437);
        assert_eq!(cp437.item(0).map(|i| i.display), Some("caf\u{398}"));
        assert_eq!(cp437.item(0).map(|i| i.selector), Some(&b"/caf\xe9"[..]));
        assert_eq!(
            cp437.item(1).map(|i| i.display),
            Some("\u{2554}\u{2550}\u{2557}")
        );
        assert!(!cp437.fell_back_to_latin1());
        assert!(!parse_menu(b"iplain\r\n").fell_back_to_latin1());
    }

    #[test]
    fn unknown_types_are_kept_as_generic_items_and_web_links_are_found() {
        let menu = parse_menu(b"ZOdd\t/z\th\t70\r\nhWeb\tURL:https://example.org/\th\t70\r\n");
        assert_eq!(menu.item(0).map(|i| i.item_type), Some(ItemType(b'Z')));
        assert!(menu.is_selectable(0));
        let web = menu.item(1).expect("web item");
        assert_eq!(web.web_link(), Some(&b"https://example.org/"[..]));
    }

    #[test]
    fn a_host_repeated_on_consecutive_links_is_stored_once() {
        let menu = parse_menu(
            b"0a\t/a\tsame.host\t70\r\niinfo\r\n0b\t/b\tsame.host\t70\r\n0c\t/c\tother\t70\r\n",
        );
        assert_eq!(menu.raw.len(), "/asame.host/b/cother".len());
        let hosts: Vec<&[u8]> = menu.items().map(|i| i.host).collect();
        assert_eq!(hosts, [&b"same.host"[..], b"", b"same.host", b"other"]);
    }

    #[test]
    fn item_urls_come_from_the_real_host_port_and_selector() {
        let menu = parse_menu(b"0Looks like gopher://fake/\t/real\treal.host\t7071\r\n");
        let url = menu.item(0).expect("item").url().expect("valid url");
        assert_eq!(url.to_string(), "gopher://real.host:7071/0/real");
    }

    #[test]
    fn selectable_navigation_skips_info_lines() {
        let menu = parse_menu(b"ia\r\n1b\t/\th\t70\r\nic\r\nid\r\n0e\t/\th\t70\r\nif\r\n");
        assert_eq!(menu.next_selectable(1, false), Some(4));
        assert_eq!(menu.next_selectable(4, false), None);
        assert_eq!(menu.next_selectable(0, true), Some(1));
        assert_eq!(menu.prev_selectable(4, false), Some(1));
        assert_eq!(menu.prev_selectable(1, false), None);
        assert_eq!(menu.prev_selectable(5, true), Some(4));
    }

    #[test]
    fn a_flood_of_lines_stops_at_the_item_limit_and_says_so() {
        let flood = vec![b'\n'; MAX_MENU_ITEMS + 10];
        let menu = parse_menu(&flood);
        assert_eq!(menu.len(), MAX_MENU_ITEMS);
        assert!(menu.was_truncated());
        assert!(!parse_menu(b"ia\r\n").was_truncated());
    }

    #[test]
    fn streaming_parse_equals_whole_parse() {
        let input = b"iHi\r\n1Dir\t/d\th\t70\r\n0Txt\t/t\th\t70\r\n.\r\n1After\t/a\th\t70\r\n";
        let mut menu = Menu::default();
        let mut parser = MenuParser::default();
        for chunk in input.chunks(3) {
            parser.push(&mut menu, chunk);
        }
        parser.finish(&mut menu);
        assert_eq!(menu, parse_menu(input));
        assert_eq!(parse_menu(input).len(), 3);
    }
}
