//! What can be wrong with an address, written for the person who typed it: every URL part
//! (scheme, host, port, type, selector, query) reports through this one type.

use std::fmt;

/// The part of a request a forbidden byte was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestPart {
    Selector,
    Query,
    GopherPlus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    Empty,
    UnsupportedScheme(String),
    Malformed(String),
    MissingHost,
    /// A menu line with too few fields to name a port.
    MissingPort,
    BadHost(String),
    BadPort(String),
    /// `user@host` or `user:password@host`.
    UserInfo,
    /// A numeric host not written as four plain decimal numbers.
    NumericHost(String),
    /// An IPv6 literal with a zone identifier (RFC 6874).
    ZoneId(String),
    /// The path does not start with one printable ASCII character (shown as typed or as `%XX`).
    BadType(String),
    /// A `+` menu line with no item above it to mirror.
    MirrorOfNothing,
    ForbiddenByte {
        byte: u8,
        part: RequestPart,
    },
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlError::Empty => write!(f, "empty address"),
            UrlError::UnsupportedScheme(s) => {
                write!(
                    f,
                    "unsupported scheme \"{s}\" (Burrow opens gopher:// and gophers:// URLs)"
                )
            }
            UrlError::Malformed(why) => write!(f, "malformed address: {why}"),
            UrlError::MissingHost => write!(f, "no host in the address"),
            UrlError::MissingPort => write!(f, "the menu line names no port"),
            UrlError::BadHost(h) => write!(
                f,
                "bad host \"{h}\": use a name or IP address in printable ASCII, IPv6 in [brackets]"
            ),
            UrlError::BadPort(p) => write!(f, "bad port \"{p}\": must be a number from 1 to 65535"),
            UrlError::UserInfo => write!(
                f,
                "a user name or password (user@host) is not part of a Gopher address; nothing was sent"
            ),
            UrlError::NumericHost(h) => write!(
                f,
                "\"{h}\" looks like an IP address but is not four numbers from 0 to 255 \
                 (a.b.c.d); write it that way"
            ),
            UrlError::ZoneId(h) => write!(
                f,
                "IPv6 zone identifiers (%25…) are not supported: \"{h}\"; leave out the zone"
            ),
            UrlError::BadType(t) => write!(
                f,
                "the item type must be one printable ASCII character after the host's / \
                 (\"{t}\" is not; gopher://host/1/path for a menu, /0/path for a text)"
            ),
            UrlError::MirrorOfNothing => write!(
                f,
                "a + (mirror) line with no item above it to say what it mirrors"
            ),
            UrlError::ForbiddenByte { byte, part } => {
                let name = match byte {
                    0 => "NUL",
                    b'\r' => "CR",
                    b'\n' => "LF",
                    _ => "TAB",
                };
                let part = match part {
                    RequestPart::Selector => "selector",
                    RequestPart::Query => "search query",
                    RequestPart::GopherPlus => "Gopher+ string",
                };
                write!(
                    f,
                    "the {part} contains {name} (%{byte:02X}), which Gopher cannot send"
                )
            }
        }
    }
}

impl std::error::Error for UrlError {}
