//! Gopher URLs (RFC 4266): parsing what a person types or a menu links to, formatting back, and
//! the request line sent to the server. Parsing then formatting then parsing gives the same
//! request, byte for byte.

use super::item_type::ItemType;
use std::fmt;

pub const DEFAULT_PORT: u16 = 70;

/// Where a Gopher request goes and exactly which bytes it sends.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GopherUrl {
    /// `gophers://`: Gopher over TLS.
    pub tls: bool,
    /// Host name or IP literal (IPv6 without brackets). Printable ASCII only.
    pub host: String,
    pub port: u16,
    pub item_type: ItemType,
    /// The exact selector bytes sent (never NUL, CR, LF or TAB).
    pub selector: Vec<u8>,
    /// A search query (type 7), sent after a TAB.
    pub query: Option<Vec<u8>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    Empty,
    UnsupportedScheme(String),
    Malformed(String),
    MissingHost,
    BadHost(String),
    BadPort(String),
    ForbiddenByte { byte: u8, in_query: bool },
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
            UrlError::BadHost(h) => write!(
                f,
                "bad host \"{h}\": use a name or IP address in printable ASCII, IPv6 in [brackets]"
            ),
            UrlError::BadPort(p) => write!(f, "bad port \"{p}\": must be a number from 1 to 65535"),
            UrlError::ForbiddenByte { byte, in_query } => {
                let name = match byte {
                    0 => "NUL",
                    b'\r' => "CR",
                    b'\n' => "LF",
                    _ => "TAB",
                };
                let part = if *in_query {
                    "search query"
                } else {
                    "selector"
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

impl GopherUrl {
    /// The URL of a menu item, validating what the server sent.
    pub fn new(
        host: &str,
        port: u16,
        item_type: ItemType,
        selector: &[u8],
    ) -> Result<Self, UrlError> {
        let url = GopherUrl {
            tls: false,
            host: canonical_host(host)?,
            port,
            item_type,
            selector: selector.to_vec(),
            query: None,
        };
        url.validate()?;
        Ok(url)
    }

    fn validate(&self) -> Result<(), UrlError> {
        validate_host(&self.host)?;
        if self.port == 0 {
            return Err(UrlError::BadPort("0".into()));
        }
        check_request_bytes(&self.selector, false)?;
        if let Some(query) = &self.query {
            check_request_bytes(query, true)?;
        }
        Ok(())
    }

    /// Parses `gopher://host[:port][/T[selector[%09search]]]`, a bare `host`, `host:port/1/path`
    /// or `[v6]:port`. A missing type means a menu.
    pub fn parse(input: &str) -> Result<Self, UrlError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(UrlError::Empty);
        }
        let (tls, rest) = match split_scheme(input) {
            Some((scheme, rest)) => {
                let tls = if scheme.eq_ignore_ascii_case("gopher") {
                    false
                } else if scheme.eq_ignore_ascii_case("gophers") {
                    true
                } else {
                    return Err(UrlError::UnsupportedScheme(scheme.to_owned()));
                };
                let rest = rest.strip_prefix("//").ok_or_else(|| {
                    UrlError::Malformed(format!("{scheme}: must be followed by //"))
                })?;
                (tls, rest)
            }
            None => (false, input),
        };
        let (authority, path) = match rest.find('/') {
            Some(at) => (&rest[..at], &rest[at + 1..]),
            None => (rest, ""),
        };
        let (host, port) = split_authority(authority)?;
        let path = percent_decode(path);
        let (item_type, after_type) = match path.split_first() {
            Some((&t, rest)) => (ItemType(t), rest),
            None => (ItemType::MENU, &[][..]),
        };
        let (selector, query) = match after_type.iter().position(|&b| b == b'\t') {
            Some(tab) => {
                let query = &after_type[tab + 1..];
                // A second TAB starts a Gopher+ string, which Burrow does not send.
                let query = query.split(|&b| b == b'\t').next().unwrap_or_default();
                (&after_type[..tab], Some(query.to_vec()))
            }
            None => (after_type, None),
        };
        let url = GopherUrl {
            tls,
            host,
            port,
            item_type,
            selector: selector.to_vec(),
            query,
        };
        url.validate()?;
        Ok(url)
    }

    /// The bytes sent to the server: `selector[TAB query]CRLF`.
    pub fn request_line(&self) -> Vec<u8> {
        let mut line = self.selector.clone();
        if let Some(query) = &self.query {
            line.push(b'\t');
            line.extend_from_slice(query);
        }
        line.extend_from_slice(b"\r\n");
        line
    }

    /// `host:port`, with IPv6 literals in brackets.
    pub fn host_port(&self) -> String {
        format!("{}:{}", bracketed_host(&self.host), self.port)
    }

    /// The same URL with a search query.
    pub fn with_query(&self, query: &[u8]) -> Result<Self, UrlError> {
        check_request_bytes(query, true)?;
        Ok(GopherUrl {
            query: Some(query.to_vec()),
            ..self.clone()
        })
    }
}

impl fmt::Display for GopherUrl {
    /// Formats as printable ASCII: every byte that is not plainly safe is percent-encoded.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.tls { "gophers" } else { "gopher" };
        write!(f, "{scheme}://{}", bracketed_host(&self.host))?;
        if self.port != DEFAULT_PORT {
            write!(f, ":{}", self.port)?;
        }
        let is_root_menu =
            self.item_type == ItemType::MENU && self.selector.is_empty() && self.query.is_none();
        f.write_str("/")?;
        if is_root_menu {
            return Ok(());
        }
        f.write_str(&percent_encode(&[self.item_type.0]))?;
        f.write_str(&percent_encode(&self.selector))?;
        if let Some(query) = &self.query {
            write!(f, "%09{}", percent_encode(query))?;
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

fn bracketed_host(host: &str) -> String {
    if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_owned()
    }
}

fn split_authority(authority: &str) -> Result<(String, u16), UrlError> {
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let Some(close) = inner.find(']') else {
            return Err(UrlError::BadHost(authority.to_owned()));
        };
        let host = &inner[..close];
        if host.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(UrlError::BadHost(authority.to_owned()));
        }
        let after = &inner[close + 1..];
        let port = match after.strip_prefix(':') {
            Some(port) => Some(port),
            None if after.is_empty() => None,
            None => return Err(UrlError::BadHost(authority.to_owned())),
        };
        (host, port)
    } else {
        match authority.split_once(':') {
            Some((_, port)) if port.contains(':') => {
                return Err(UrlError::BadHost(authority.to_owned()));
            }
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err(UrlError::MissingHost);
    }
    let host = canonical_host(host)?;
    let port = match port {
        None | Some("") => DEFAULT_PORT,
        Some(port) => parse_port(port.as_bytes()).ok_or_else(|| UrlError::BadPort(port.into()))?,
    };
    Ok((host, port))
}

/// A port is 1 to 65535 written in ASCII digits only.
pub fn parse_port(digits: &[u8]) -> Option<u16> {
    if digits.is_empty() || digits.len() > 5 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let value: u32 = digits
        .iter()
        .fold(0, |acc, d| acc * 10 + u32::from(d - b'0'));
    u16::try_from(value).ok().filter(|&p| p != 0)
}

/// Validates a host and puts it in one canonical form, so that the same server always has the
/// same name (for pins and for keeping same-host links on TLS): ASCII lowercase, no trailing
/// dot, IPv6 in its standard text form.
fn canonical_host(host: &str) -> Result<String, UrlError> {
    validate_host(host)?;
    if let Ok(v6) = host.parse::<std::net::Ipv6Addr>() {
        return Ok(v6.to_string());
    }
    let name = host.strip_suffix('.').unwrap_or(host);
    if name.is_empty() || name.split('.').any(str::is_empty) {
        return Err(UrlError::BadHost(crate::gopher::sanitize(host)));
    }
    Ok(name.to_ascii_lowercase())
}

fn validate_host(host: &str) -> Result<(), UrlError> {
    let is_ipv6 = host.contains(':');
    let ok = !host.is_empty()
        && host.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_') || (is_ipv6 && b == b':')
        })
        && (!is_ipv6 || host.parse::<std::net::Ipv6Addr>().is_ok());
    if ok {
        Ok(())
    } else {
        Err(UrlError::BadHost(crate::gopher::sanitize(host)))
    }
}

fn check_request_bytes(bytes: &[u8], in_query: bool) -> Result<(), UrlError> {
    match bytes
        .iter()
        .find(|&&b| matches!(b, 0 | b'\r' | b'\n' | b'\t'))
    {
        Some(&byte) => Err(UrlError::ForbiddenByte { byte, in_query }),
        None => Ok(()),
    }
}

fn is_left_plain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~/:@!$&'()*+,;=".contains(&b)
}

/// Percent-encodes everything but unreserved characters and a few harmless delimiters.
pub fn percent_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if is_left_plain(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes into bytes; a `%` not followed by two hex digits stays as it is.
pub fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(host: &str, port: u16, t: u8, selector: &[u8], query: Option<&[u8]>) -> GopherUrl {
        GopherUrl {
            tls: false,
            host: host.into(),
            port,
            item_type: ItemType(t),
            selector: selector.into(),
            query: query.map(Into::into),
        }
    }

    #[test]
    fn parses_the_accepted_forms() {
        let table: &[(&str, GopherUrl)] = &[
            (
                "gopher://example.org",
                url("example.org", 70, b'1', b"", None),
            ),
            (
                "gopher://example.org/",
                url("example.org", 70, b'1', b"", None),
            ),
            (
                "GOPHER://Example.ORG:7070/",
                url("example.org", 7070, b'1', b"", None),
            ),
            ("example.org./", url("example.org", 70, b'1', b"", None)),
            ("[0:0::1]:70/", url("::1", 70, b'1', b"", None)),
            ("example.org", url("example.org", 70, b'1', b"", None)),
            ("  example.org  ", url("example.org", 70, b'1', b"", None)),
            (
                "example.org:71/1/path",
                url("example.org", 71, b'1', b"/path", None),
            ),
            (
                "gopher://h/0/docs/a%20b.txt",
                url("h", 70, b'0', b"/docs/a b.txt", None),
            ),
            (
                "gopher://h/7/find%09cats%20dogs",
                url("h", 70, b'7', b"/find", Some(b"cats dogs")),
            ),
            (
                "gopher://h/7/find%09q%09+gopherplus",
                url("h", 70, b'7', b"/find", Some(b"q")),
            ),
            ("[::1]:7070", url("::1", 7070, b'1', b"", None)),
            (
                "gopher://[2001:db8::1]/0x",
                url("2001:db8::1", 70, b'0', b"x", None),
            ),
            ("gopher://h/9%FF%FE", url("h", 70, b'9', b"\xff\xfe", None)),
            ("gopher://h/0100%", url("h", 70, b'0', b"100%", None)),
            ("gopher://h:/1", url("h", 70, b'1', b"", None)),
            (
                "example.org/0/URL:http://x",
                url("example.org", 70, b'0', b"/URL:http://x", None),
            ),
            ("localhost:7070", url("localhost", 7070, b'1', b"", None)),
        ];
        for (input, expected) in table {
            assert_eq!(GopherUrl::parse(input).as_ref(), Ok(expected), "{input}");
        }
    }

    #[test]
    fn rejects_bad_input_with_a_reason() {
        let table: &[(&str, UrlError)] = &[
            ("", UrlError::Empty),
            ("http://x/", UrlError::UnsupportedScheme("http".into())),
            ("gopher:///1/x", UrlError::MissingHost),
            ("h:0/", UrlError::BadPort("0".into())),
            ("h:65536/", UrlError::BadPort("65536".into())),
            ("h:7o/", UrlError::BadPort("7o".into())),
            ("h:-1/", UrlError::BadPort("-1".into())),
            ("::1", UrlError::BadHost("::1".into())),
            ("[::g]/", UrlError::BadHost("[::g]".into())),
            (
                "h/0a%00b",
                UrlError::ForbiddenByte {
                    byte: 0,
                    in_query: false,
                },
            ),
            (
                "h/0a%0Db",
                UrlError::ForbiddenByte {
                    byte: b'\r',
                    in_query: false,
                },
            ),
            (
                "h/7a%09b%0Ac",
                UrlError::ForbiddenByte {
                    byte: b'\n',
                    in_query: true,
                },
            ),
            ("ho st/", UrlError::BadHost("ho st".into())),
            (
                "gopher:/example.org/",
                UrlError::Malformed("gopher: must be followed by //".into()),
            ),
            ("about:blah", UrlError::UnsupportedScheme("about".into())),
            ("...", UrlError::BadHost("...".into())),
            ("a..b/", UrlError::BadHost("a..b".into())),
            (".example.org/", UrlError::BadHost(".example.org".into())),
        ];
        for (input, expected) in table {
            assert_eq!(GopherUrl::parse(input).as_ref(), Err(expected), "{input}");
        }
    }

    #[test]
    fn formats_as_printable_ascii_and_round_trips_to_the_same_request() {
        let cases = [
            url("example.org", 70, b'1', b"", None),
            url("example.org", 7070, b'0', b"/a b/c%d?e#f", None),
            url("::1", 70, b'7', b"/search", Some(b"two words\xe9")),
            url("h", 70, b'9', b"\x01\x7f\xff\x1b[2J", None),
            url("h", 70, b'1', b"", Some(b"")),
            url("h", 70, 0x1b, b"x", None),
        ];
        for original in cases {
            let text = original.to_string();
            assert!(text.bytes().all(|b| b.is_ascii_graphic()), "{text}");
            let back = GopherUrl::parse(&text).expect("formatted URL parses");
            assert_eq!(back, original, "{text}");
            assert_eq!(back.request_line(), original.request_line());
        }
        assert_eq!(url("h", 70, b'1', b"", None).to_string(), "gopher://h/");
        assert_eq!(
            url("::1", 7070, b'0', b"/x", None).to_string(),
            "gopher://[::1]:7070/0/x"
        );
    }

    #[test]
    fn gophers_urls_use_tls_default_to_port_70_and_round_trip() {
        let parsed = GopherUrl::parse("gophers://example.org/0/a").expect("parses");
        assert!(parsed.tls);
        assert_eq!(parsed.port, 70);
        assert_eq!(parsed.to_string(), "gophers://example.org/0/a");
        let v6 = GopherUrl::parse("GOPHERS://[::1]:7443/").expect("parses");
        assert!(v6.tls);
        assert_eq!(v6.to_string(), "gophers://[::1]:7443/");
        assert!(!GopherUrl::parse("example.org").expect("parses").tls);
        assert_eq!(
            GopherUrl::parse("gophers:x"),
            Err(UrlError::Malformed(
                "gophers: must be followed by //".into()
            ))
        );
    }

    #[test]
    fn request_line_is_selector_tab_query_crlf() {
        assert_eq!(
            url("h", 70, b'1', b"/dir", None).request_line(),
            b"/dir\r\n"
        );
        assert_eq!(
            url("h", 70, b'7', b"/s", Some(b"q")).request_line(),
            b"/s\tq\r\n"
        );
    }

    #[test]
    fn menu_links_with_bad_hosts_or_selectors_are_refused() {
        assert!(GopherUrl::new("host", 70, ItemType::TEXT, b"/ok").is_ok());
        assert_eq!(
            GopherUrl::new("Example.ORG.", 70, ItemType::TEXT, b"/").map(|u| u.host),
            Ok("example.org".to_owned())
        );
        assert!(GopherUrl::new("ho\x1bst", 70, ItemType::TEXT, b"/").is_err());
        assert!(GopherUrl::new("host", 70, ItemType::TEXT, b"/a\nb").is_err());
        assert!(GopherUrl::new("", 70, ItemType::TEXT, b"/").is_err());
    }

    #[test]
    fn ports_are_digits_from_1_to_65535() {
        assert_eq!(parse_port(b"70"), Some(70));
        assert_eq!(parse_port(b"65535"), Some(65535));
        for bad in [
            &b""[..],
            b"0",
            b"65536",
            b"99999999999",
            b"+70",
            b" 70",
            b"7a",
        ] {
            assert_eq!(parse_port(bad), None, "{bad:?}");
        }
    }
}
