//! How one menu line is read, leniently, including gophermap source served unprocessed (by
//! static file servers and CGIs) and links whose host or port is missing or invalid.
//!
//! - No TAB: plain text, shown whole (a raw gophermap's text lines look like this).
//! - A TAB: the first field is the type byte and the display text. Info (`i`) and error (`3`)
//!   lines show their display text whatever follows. A type that is not one printable ASCII
//!   byte (a UTF-8 letter, a control) makes the line text, showing the whole first field, so a
//!   character is never split into a type and a display text.
//! - A link type with a host and a port 1-65535 is a link; with either missing or invalid
//!   (fewer than four fields, an empty host, port `0` or `seventy`) it is a broken link: it
//!   shows as a link and says why it cannot be followed. Fields after the fourth (Gopher+ `+`)
//!   are ignored.

use super::item_type::ItemType;
use super::url::parse_port;

/// Why a link line cannot be followed, as read from the line itself (a host the URL rules
/// refuse, such as `+`, is found when the link's URL is built).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineProblem<'a> {
    MissingHost,
    MissingPort,
    /// The port field as sent (trimmed).
    BadPort(&'a [u8]),
}

/// One menu line taken apart (without its line ending). Every byte slice borrows the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuLine<'a> {
    /// Shown as text only: info, error and plain lines.
    Text {
        item_type: ItemType,
        display: &'a [u8],
        /// The selector field, if the line had one (gophernicus marks its title line `TITLE`).
        selector: Option<&'a [u8]>,
    },
    /// A link, followable or not.
    Link {
        item_type: ItemType,
        display: &'a [u8],
        selector: &'a [u8],
        host: &'a [u8],
        port: u16,
        problem: Option<LineProblem<'a>>,
    },
}

/// Takes one menu line apart.
pub fn read_menu_line(line: &[u8]) -> MenuLine<'_> {
    let mut fields = line.split(|&b| b == b'\t');
    let first = fields.next().unwrap_or_default();
    let Some(selector) = fields.next() else {
        return MenuLine::Text {
            item_type: ItemType::INFO,
            display: line,
            selector: None,
        };
    };
    let Some((&type_byte, display)) = first.split_first() else {
        return MenuLine::Text {
            item_type: ItemType::INFO,
            display: b"",
            selector: Some(selector),
        };
    };
    if !type_byte.is_ascii_graphic() {
        return MenuLine::Text {
            item_type: ItemType::INFO,
            display: first,
            selector: Some(selector),
        };
    }
    let item_type = ItemType(type_byte);
    if !item_type.is_selectable() {
        return MenuLine::Text {
            item_type,
            display,
            selector: Some(selector),
        };
    }
    let host = fields.next();
    let port_field = fields.next().map(<[u8]>::trim_ascii);
    let port = port_field.and_then(parse_port);
    let problem = match (host, port_field, port) {
        (None, _, _) | (Some(b""), _, _) => Some(LineProblem::MissingHost),
        (Some(_), None | Some(b""), _) => Some(LineProblem::MissingPort),
        (Some(_), Some(field), None) => Some(LineProblem::BadPort(field)),
        (Some(_), Some(_), Some(_)) => None,
    };
    MenuLine::Link {
        item_type,
        display,
        selector,
        host: host.unwrap_or_default(),
        port: port.unwrap_or(0),
        problem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text<'a>(t: u8, display: &'a [u8], selector: Option<&'a [u8]>) -> MenuLine<'a> {
        MenuLine::Text {
            item_type: ItemType(t),
            display,
            selector,
        }
    }

    fn link<'a>(
        t: u8,
        display: &'a [u8],
        selector: &'a [u8],
        host: &'a [u8],
        port: u16,
        problem: Option<LineProblem<'a>>,
    ) -> MenuLine<'a> {
        MenuLine::Link {
            item_type: ItemType(t),
            display,
            selector,
            host,
            port,
            problem,
        }
    }

    #[test]
    fn raw_gophermap_lines_show_their_display_text_never_their_fields() {
        let table: &[(&[u8], MenuLine<'_>)] = &[
            // What static servers send of a gophernicus or geomyidae gophermap.
            (b"i  __ \t/", text(b'i', b"  __ ", Some(b"/"))),
            (b"i\tnull.host\t1", text(b'i', b"", Some(b"null.host"))),
            (b"iWelcome\t", text(b'i', b"Welcome", Some(b""))),
            (b"3Gone\t", text(b'3', b"Gone", Some(b""))),
            (
                b"Plain words, no tab",
                text(b'i', b"Plain words, no tab", None),
            ),
            (b"", text(b'i', b"", None)),
            (b"\tx\th\t70", text(b'i', b"", Some(b"x"))),
            (
                b"1About\t/about",
                link(
                    b'1',
                    b"About",
                    b"/about",
                    b"",
                    0,
                    Some(LineProblem::MissingHost),
                ),
            ),
            (
                b"0Missing port\t/about.txt\t127.0.0.1",
                link(
                    b'0',
                    b"Missing port",
                    b"/about.txt",
                    b"127.0.0.1",
                    0,
                    Some(LineProblem::MissingPort),
                ),
            ),
        ];
        for (line, expected) in table {
            assert_eq!(
                read_menu_line(line),
                *expected,
                "{}",
                String::from_utf8_lossy(line)
            );
        }
    }

    #[test]
    fn links_with_a_missing_or_invalid_host_or_port_are_broken_links_saying_why() {
        let table: &[(&[u8], Option<LineProblem<'_>>)] = &[
            (b"1Ok\t/\th\t70", None),
            (b"1Padded port\t/\th\t 70 ", None),
            (b"1Gopher+\t/\th\t70\t+", None),
            (b"1No host\t/x\t\t70", Some(LineProblem::MissingHost)),
            (b"1Zero\t/x\th\t0", Some(LineProblem::BadPort(b"0"))),
            (
                b"1Words\t/x\th\tseventy",
                Some(LineProblem::BadPort(b"seventy")),
            ),
            (b"1Big\t/x\th\t65536", Some(LineProblem::BadPort(b"65536"))),
            (b"1Empty port\t/x\th\t", Some(LineProblem::MissingPort)),
            // Host `+` reads as a link; the URL rules refuse the host when it is built.
            (b"1Plus host\t/x\t+\t70", None),
        ];
        for (line, problem) in table {
            let MenuLine::Link { problem: found, .. } = read_menu_line(line) else {
                panic!("{} is a link", String::from_utf8_lossy(line));
            };
            assert_eq!(found, *problem, "{}", String::from_utf8_lossy(line));
        }
    }

    #[test]
    fn a_type_that_is_not_printable_ascii_makes_the_line_text_with_its_whole_first_field() {
        assert_eq!(
            read_menu_line("élan\t/x\th\t70".as_bytes()),
            text(b'i', "élan".as_bytes(), Some(b"/x"))
        );
        assert_eq!(
            read_menu_line(b"\x1b[31mred\t/x\th\t70"),
            text(b'i', b"\x1b[31mred", Some(b"/x"))
        );
        assert_eq!(
            read_menu_line(b" spaced\t/x\th\t70"),
            text(b'i', b" spaced", Some(b"/x"))
        );
    }
}
