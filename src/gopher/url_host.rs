//! The authority of a Gopher URL (RFC 3986 §3.2, RFC 4266, RFC 6874): host and port, checked
//! and put in one canonical form. User names and passwords are refused (Gopher has none, and
//! they must never be sent or reach TLS SNI), numeric hosts are accepted only as four plain
//! decimal numbers (`127.0.0.1`, never `2130706433` or `0x7f.1`, which resolvers read in
//! different ways), and IPv6 zone identifiers are refused with a reason.

use super::url_error::UrlError;
use super::url_escape::percent_decode;

/// The port a Gopher URL means when it names none (RFC 4266).
pub const DEFAULT_PORT: u16 = 70;

/// Splits `host[:port]` or `[v6]:port` (no scheme, no path) into a canonical host and a port.
pub(super) fn split_authority(
    authority: &str,
    default_port: u16,
) -> Result<(String, u16), UrlError> {
    if authority.contains('@') {
        return Err(UrlError::UserInfo);
    }
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let Some(close) = inner.find(']') else {
            return Err(UrlError::BadHost(authority.to_owned()));
        };
        let host = &inner[..close];
        if host.contains('%') {
            return Err(UrlError::ZoneId(crate::gopher::sanitize(authority)));
        }
        if host.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(UrlError::BadHost(crate::gopher::sanitize(authority)));
        }
        let after = &inner[close + 1..];
        let port = match after.strip_prefix(':') {
            Some(port) => Some(port),
            None if after.is_empty() => None,
            None => return Err(UrlError::BadHost(crate::gopher::sanitize(authority))),
        };
        (host.to_owned(), port)
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((_, port)) if port.contains(':') => {
                return Err(UrlError::BadHost(crate::gopher::sanitize(authority)));
            }
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        (decode_reg_name(host)?, port)
    };
    if host.is_empty() {
        return Err(UrlError::MissingHost);
    }
    let host = canonical_host(&host)?;
    let port = match port {
        None | Some("") => default_port,
        Some(port) => parse_port(port.as_bytes())
            .ok_or_else(|| UrlError::BadPort(crate::gopher::sanitize(port)))?,
    };
    Ok((host, port))
}

/// A registered name may be percent-encoded (RFC 3986 §3.2.2); the escapes are decoded before
/// the name is checked, so `ex%61mple.org` is `example.org`.
fn decode_reg_name(host: &str) -> Result<String, UrlError> {
    if !host.contains('%') {
        return Ok(host.to_owned());
    }
    String::from_utf8(percent_decode(host))
        .map_err(|_| UrlError::BadHost(crate::gopher::sanitize(host)))
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
pub(super) fn canonical_host(host: &str) -> Result<String, UrlError> {
    validate_host(host)?;
    if let Ok(v6) = host.parse::<std::net::Ipv6Addr>() {
        return Ok(v6.to_string());
    }
    let name = host.strip_suffix('.').unwrap_or(host);
    if name.is_empty() || name.split('.').any(str::is_empty) {
        return Err(UrlError::BadHost(crate::gopher::sanitize(host)));
    }
    let name = name.to_ascii_lowercase();
    check_numeric_host(&name)?;
    Ok(name)
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

/// A label a resolver may read as a number: decimal digits, or `0x` and hex digits (the
/// WHATWG URL standard's "ends in a number" rule).
fn is_numeric_label(label: &str) -> bool {
    let hex = label
        .strip_prefix("0x")
        .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_hexdigit()));
    hex || (!label.is_empty() && label.bytes().all(|b| b.is_ascii_digit()))
}

/// A name whose last label is a number is an IPv4 address, and only the plain dotted-quad
/// form (RFC 3986 `IPv4address`: four decimal numbers 0-255 without leading zeros) is
/// accepted; `2130706433`, `0x7f.1`, `127.1` and `0177.0.0.1` are refused rather than guessed.
fn check_numeric_host(name: &str) -> Result<(), UrlError> {
    let Some(last) = name.rsplit('.').next() else {
        return Ok(());
    };
    if !is_numeric_label(last) {
        return Ok(());
    }
    let plain_octet = |label: &str| {
        !label.is_empty()
            && label.len() <= 3
            && label.bytes().all(|b| b.is_ascii_digit())
            && (label == "0" || !label.starts_with('0'))
            && label.parse::<u16>().is_ok_and(|v| v <= 255)
    };
    let labels: Vec<&str> = name.split('.').collect();
    if labels.len() == 4 && labels.iter().all(|l| plain_octet(l)) {
        Ok(())
    } else {
        Err(UrlError::NumericHost(name.to_owned()))
    }
}
