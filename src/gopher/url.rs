//! Gopher URLs (RFC 4266, read with RFC 3986): parsing what a person types or a menu links to,
//! formatting back, and the request line sent to the server. Parsing then formatting then
//! parsing gives the same request, byte for byte.
//!
//! The path is `/<type><selector>[%09<search>[%09<gopher+ string>]]`. The type is one printable
//! ASCII character (percent escapes decoded first); a fragment (`#…`) is the client's alone and
//! never sent. For type 7 only, a literal `?` also starts the search (the Lynx and Floodgap
//! convention); every other type keeps `?` in its selector.

use super::item_type::ItemType;
pub use super::url_error::{RequestPart, UrlError};
pub use super::url_escape::percent_decode;
use super::url_escape::percent_encode;
pub use super::url_host::{DEFAULT_PORT, parse_port};
use super::url_host::{canonical_host, split_authority};
use std::fmt;

/// Which protocol a request speaks: Gopher, or finger (a text request on another port).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Protocol {
    #[default]
    Gopher,
    /// RFC 1288: the selector is the finger request line, the reply a text (`finger.rs`).
    Finger,
}

/// Where a Gopher (or finger) request goes and exactly which bytes it sends.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GopherUrl {
    pub protocol: Protocol,
    /// `gophers://`: Gopher over TLS.
    pub tls: bool,
    /// Host name or IP literal (IPv6 without brackets). Printable ASCII only.
    pub host: String,
    pub port: u16,
    /// One printable ASCII byte.
    pub item_type: ItemType,
    /// The exact selector bytes sent (never NUL, CR, LF or TAB).
    pub selector: Vec<u8>,
    /// A search query, sent after a TAB.
    pub query: Option<Vec<u8>>,
    /// A Gopher+ string (RFC 4266 §2.3), sent after the query and a second TAB (after an
    /// empty query when there is none).
    pub gopher_plus: Option<Vec<u8>>,
}

impl GopherUrl {
    /// The URL of a menu item, validating what the server sent.
    pub fn new(
        host: &str,
        port: u16,
        item_type: ItemType,
        selector: &[u8],
    ) -> Result<Self, UrlError> {
        let url = GopherUrl {
            protocol: Protocol::Gopher,
            tls: false,
            host: canonical_host(host)?,
            port,
            item_type,
            selector: selector.to_vec(),
            query: None,
            gopher_plus: None,
        };
        url.validate()?;
        Ok(url)
    }

    fn validate(&self) -> Result<(), UrlError> {
        canonical_host(&self.host)?;
        if self.port == 0 {
            return Err(UrlError::BadPort("0".into()));
        }
        if !self.item_type.0.is_ascii_graphic() {
            return Err(UrlError::BadType(format!("%{:02X}", self.item_type.0)));
        }
        check_request_bytes(&self.selector, RequestPart::Selector)?;
        if let Some(query) = &self.query {
            check_request_bytes(query, RequestPart::Query)?;
        }
        if let Some(plus) = &self.gopher_plus {
            check_request_bytes(plus, RequestPart::GopherPlus)?;
        }
        Ok(())
    }

    /// Parses `gopher://host[:port][/T[selector[%09search[%09gopher+]]]][#fragment]`, a bare
    /// `host`, `host:port/1/path` or `[v6]:port`. A missing type means a menu.
    pub fn parse(input: &str) -> Result<Self, UrlError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(UrlError::Empty);
        }
        let (tls, rest) = match split_scheme(input) {
            Some((scheme, rest)) => {
                let finger = scheme.eq_ignore_ascii_case("finger");
                let tls = if scheme.eq_ignore_ascii_case("gopher") || finger {
                    false
                } else if scheme.eq_ignore_ascii_case("gophers") {
                    true
                } else {
                    return Err(UrlError::UnsupportedScheme(scheme.to_owned()));
                };
                let rest = rest.strip_prefix("//").ok_or_else(|| {
                    UrlError::Malformed(format!("{scheme}: must be followed by //"))
                })?;
                if finger {
                    return super::finger::parse_finger(rest);
                }
                (tls, rest)
            }
            None => (false, input),
        };
        // RFC 3986 §3.5: the fragment is for the client alone and is never sent.
        let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, after) = rest.split_at(authority_end);
        let (host, port) = split_authority(authority, DEFAULT_PORT)?;
        let path = match after.strip_prefix('/') {
            Some(path) => path,
            None if after.is_empty() => "",
            None => {
                return Err(UrlError::Malformed(
                    "a search (?…) follows an item type and selector: gopher://host/7/selector?words"
                        .into(),
                ));
            }
        };
        let (item_type, after_type) = split_type(path)?;
        let (selector, query, gopher_plus) = split_request(item_type, after_type);
        let url = GopherUrl {
            protocol: Protocol::Gopher,
            tls,
            host,
            port,
            item_type,
            selector,
            query,
            gopher_plus,
        };
        url.validate()?;
        Ok(url)
    }

    /// The bytes sent to the server: `selector[TAB query[TAB gopher+]]CRLF`.
    pub fn request_line(&self) -> Vec<u8> {
        let mut line = self.selector.clone();
        if self.query.is_some() || self.gopher_plus.is_some() {
            line.push(b'\t');
            line.extend_from_slice(self.query.as_deref().unwrap_or_default());
        }
        if let Some(plus) = &self.gopher_plus {
            line.push(b'\t');
            line.extend_from_slice(plus);
        }
        line.extend_from_slice(b"\r\n");
        line
    }

    /// `host:port`, with IPv6 literals in brackets.
    /// What the selector is called where it is shown: a finger request names a user.
    pub fn selector_label(&self) -> &'static str {
        match self.protocol {
            Protocol::Finger => "Request: ",
            Protocol::Gopher => "Selector:",
        }
    }

    pub fn host_port(&self) -> String {
        format!("{}:{}", bracketed_host(&self.host), self.port)
    }

    /// The same URL with a search query.
    pub fn with_query(&self, query: &[u8]) -> Result<Self, UrlError> {
        check_request_bytes(query, RequestPart::Query)?;
        Ok(GopherUrl {
            query: Some(query.to_vec()),
            ..self.clone()
        })
    }
}

/// Reads the item type: the path's first character, or the byte a leading `%XX` stands for.
/// It must be printable ASCII, so a UTF-8 character is never split into a type byte and a
/// selector.
fn split_type(path: &str) -> Result<(ItemType, &str), UrlError> {
    let bytes = path.as_bytes();
    let Some(&first) = bytes.first() else {
        return Ok((ItemType::MENU, ""));
    };
    let hex = |b: u8| char::from(b).to_digit(16);
    if first == b'%'
        && let (Some(hi), Some(lo)) = (
            bytes.get(1).copied().and_then(hex),
            bytes.get(2).copied().and_then(hex),
        )
    {
        let byte = (hi * 16 + lo) as u8;
        return if byte.is_ascii_graphic() {
            Ok((ItemType(byte), &path[3..]))
        } else {
            Err(UrlError::BadType(format!("%{byte:02X}")))
        };
    }
    match path.chars().next() {
        Some(c) if c.is_ascii_graphic() => Ok((ItemType(first), &path[1..])),
        Some(c) => Err(UrlError::BadType(crate::gopher::sanitize(&c.to_string()))),
        None => Ok((ItemType::MENU, "")),
    }
}

/// Splits what follows the type into selector, search and Gopher+ string (each decoded).
fn split_request(item_type: ItemType, raw: &str) -> (Vec<u8>, Option<Vec<u8>>, Option<Vec<u8>>) {
    let (selector, tail) = match raw.split_once('?') {
        Some((before, after))
            if item_type == ItemType::SEARCH && !percent_decode(before).contains(&b'\t') =>
        {
            let tail = (!after.is_empty()).then(|| percent_decode(after));
            (percent_decode(before), tail)
        }
        _ => {
            let decoded = percent_decode(raw);
            match decoded.iter().position(|&b| b == b'\t') {
                Some(tab) => (decoded[..tab].to_vec(), Some(decoded[tab + 1..].to_vec())),
                None => (decoded, None),
            }
        }
    };
    let Some(tail) = tail else {
        return (selector, None, None);
    };
    match tail.iter().position(|&b| b == b'\t') {
        Some(tab) => (
            selector,
            Some(tail[..tab].to_vec()),
            Some(tail[tab + 1..].to_vec()),
        ),
        None => (selector, Some(tail), None),
    }
}

impl fmt::Display for GopherUrl {
    /// Formats as printable ASCII: every byte that is not plainly safe is percent-encoded
    /// (`#` as `%23`, `?` as `%3F`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.protocol == Protocol::Finger {
            return super::finger::fmt_finger(self, f);
        }
        let scheme = if self.tls { "gophers" } else { "gopher" };
        write!(f, "{scheme}://{}", bracketed_host(&self.host))?;
        if self.port != DEFAULT_PORT {
            write!(f, ":{}", self.port)?;
        }
        let is_root_menu = self.item_type == ItemType::MENU
            && self.selector.is_empty()
            && self.query.is_none()
            && self.gopher_plus.is_none();
        f.write_str("/")?;
        if is_root_menu {
            return Ok(());
        }
        f.write_str(&percent_encode(&[self.item_type.0]))?;
        f.write_str(&percent_encode(&self.selector))?;
        if self.query.is_some() || self.gopher_plus.is_some() {
            let query = self.query.as_deref().unwrap_or_default();
            write!(f, "%09{}", percent_encode(query))?;
        }
        if let Some(plus) = &self.gopher_plus {
            write!(f, "%09{}", percent_encode(plus))?;
        }
        Ok(())
    }
}

/// Splits `scheme:rest` when the input starts with a scheme (letters, digits, `+ - .`). A
/// colon followed by something port-like (`host:70`, `host:-1`) is a port, not a scheme, and a
/// dotted name is a scheme only when `//` follows (`example.org:x` is a bad port).
fn split_scheme(input: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = input.split_once(':')?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let looks_like_port =
        rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+');
    let needs_slashes = scheme.contains('.');
    (valid && !looks_like_port && (!needs_slashes || rest.starts_with("//")))
        .then_some((scheme, rest))
}

pub(super) fn bracketed_host(host: &str) -> String {
    if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_owned()
    }
}

pub(super) fn check_request_bytes(bytes: &[u8], part: RequestPart) -> Result<(), UrlError> {
    match bytes
        .iter()
        .find(|&&b| matches!(b, 0 | b'\r' | b'\n' | b'\t'))
    {
        Some(&byte) => Err(UrlError::ForbiddenByte { byte, part }),
        None => Ok(()),
    }
}

#[cfg(test)]
#[path = "url_tests.rs"]
mod tests;
