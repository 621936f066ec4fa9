//! Finger addresses (RFC 1288; URL form after the finger URI draft and Lynx):
//! `finger://host[:port]/user`, port 79 when none is given. A finger request is one line,
//! `user` then CRLF (an empty line lists the users; `/W user` asks for the long form, written
//! `finger://host/w/user` as in Lynx), and the reply is text: exactly a Gopher text request
//! with another port and request line. So a finger address is a [`GopherUrl`] marked
//! [`Protocol::Finger`], with type `0` and the request as its selector, and it goes through the
//! same fetch, limits, cancel, sanitising and proxy as every Gopher request.

use super::item_type::ItemType;
use super::url::bracketed_host;
use super::url::{GopherUrl, Protocol, RequestPart, UrlError, check_request_bytes};
use super::url_escape::{percent_decode, percent_encode};
use super::url_host::split_authority;
use std::fmt;

/// The finger port (RFC 1288 §2.1).
pub const FINGER_PORT: u16 = 79;

/// What starts the long-form request, `/W ` (RFC 1288 §2.3: `/W` then a space and the user).
const LONG_FORM: &[u8] = b"/W ";

/// Reads what follows `finger://`.
pub(super) fn parse_finger(rest: &str) -> Result<GopherUrl, UrlError> {
    let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, after) = rest.split_at(authority_end);
    let (host, port) = split_authority(authority, FINGER_PORT)?;
    let path = after.strip_prefix('/').unwrap_or(after);
    let request = match path.strip_prefix("w/").or_else(|| path.strip_prefix("W/")) {
        Some(user) => [LONG_FORM, &percent_decode(user)].concat(),
        None => percent_decode(path),
    };
    check_request_bytes(&request, RequestPart::Selector)?;
    Ok(GopherUrl {
        protocol: Protocol::Finger,
        tls: false,
        host,
        port,
        item_type: ItemType::TEXT,
        selector: request,
        query: None,
        gopher_plus: None,
    })
}

/// Writes a finger address back in the form `parse_finger` reads.
pub(super) fn fmt_finger(url: &GopherUrl, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(f, "finger://{}", bracketed_host(&url.host))?;
    if url.port != FINGER_PORT {
        write!(f, ":{}", url.port)?;
    }
    f.write_str("/")?;
    match url.selector.strip_prefix(LONG_FORM) {
        Some(user) => write!(f, "w/{}", percent_encode(user)),
        None => {
            let encoded = percent_encode(&url.selector);
            // A user whose name starts `w/` must not read back as the long form.
            match encoded.as_bytes().first() {
                Some(b'w' | b'W') if encoded.as_bytes().get(1) == Some(&b'/') => {
                    write!(f, "%{:02X}{}", encoded.as_bytes()[0], &encoded[1..])
                }
                _ => f.write_str(&encoded),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> GopherUrl {
        GopherUrl::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn a_finger_address_is_a_text_request_for_the_user_on_port_79() {
        let url = parsed("finger://sdf.org/smj");
        assert_eq!(url.protocol, Protocol::Finger);
        assert_eq!((url.host.as_str(), url.port), ("sdf.org", 79));
        assert_eq!((url.item_type, url.tls), (ItemType::TEXT, false));
        assert_eq!(url.request_line(), b"smj\r\n");
        assert_eq!(url.to_string(), "finger://sdf.org/smj");
    }

    #[test]
    fn a_port_an_empty_request_and_the_long_form_are_read_and_written_back() {
        let table: &[(&str, u16, &[u8], &str)] = &[
            (
                "finger://127.0.0.1:7979/alice",
                7979,
                b"alice\r\n",
                "finger://127.0.0.1:7979/alice",
            ),
            ("finger://example.org", 79, b"\r\n", "finger://example.org/"),
            (
                "finger://example.org/",
                79,
                b"\r\n",
                "finger://example.org/",
            ),
            (
                "FINGER://Example.org/w/alice",
                79,
                b"/W alice\r\n",
                "finger://example.org/w/alice",
            ),
            (
                "finger://example.org/%2FW%20bob",
                79,
                b"/W bob\r\n",
                "finger://example.org/w/bob",
            ),
            (
                "finger://[::1]/carol#frag",
                79,
                b"carol\r\n",
                "finger://[::1]/carol",
            ),
            (
                "finger://h.org/a%40b.org",
                79,
                b"a@b.org\r\n",
                "finger://h.org/a@b.org",
            ),
            (
                "finger://h.org/%77/x",
                79,
                b"w/x\r\n",
                "finger://h.org/%77/x",
            ),
        ];
        for &(text, port, request, shown) in table {
            let url = parsed(text);
            assert_eq!(url.port, port, "{text}");
            assert_eq!(url.request_line(), request, "{text}");
            assert_eq!(url.to_string(), shown, "{text}");
            assert_eq!(parsed(shown), url, "{shown} reads back");
        }
    }

    #[test]
    fn requests_that_could_smuggle_a_second_line_are_refused() {
        for text in [
            "finger://h.org/a%0D%0Ab",
            "finger://h.org/a%00",
            "finger://h.org/a%09b",
        ] {
            assert!(
                matches!(GopherUrl::parse(text), Err(UrlError::ForbiddenByte { .. })),
                "{text}"
            );
        }
        assert_eq!(
            GopherUrl::parse("finger://user@h.org/"),
            Err(UrlError::UserInfo)
        );
        assert!(GopherUrl::parse("finger:h.org").is_err());
    }
}
