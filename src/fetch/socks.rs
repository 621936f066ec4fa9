//! A SOCKS5 client (RFC 1928, no authentication) for reaching Gopher servers through a proxy
//! such as Tor. Host names are sent to the proxy to resolve: they never touch local DNS.

use crate::gopher::transfer::FetchError;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

/// Where the proxy listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyAddr {
    pub host: String,
    pub port: u16,
}

impl ProxyAddr {
    /// Parses `socks5://host:port` (or `socks5h://`, the same here: names always resolve at
    /// the proxy).
    pub fn parse(text: &str) -> Result<ProxyAddr, String> {
        let rest = text
            .strip_prefix("socks5://")
            .or_else(|| text.strip_prefix("socks5h://"))
            .ok_or_else(|| format!("\"{text}\" is not a socks5://host:port address"))?;
        let rest = rest.trim_end_matches('/');
        let (host, port) = if let Some(inner) = rest.strip_prefix('[') {
            let (host, after) = inner
                .split_once(']')
                .ok_or_else(|| format!("bad proxy address \"{text}\""))?;
            (host, after.strip_prefix(':').unwrap_or(""))
        } else {
            rest.rsplit_once(':')
                .ok_or_else(|| format!("the proxy address \"{text}\" needs a port"))?
        };
        let port = crate::gopher::url::parse_port(port.as_bytes())
            .ok_or_else(|| format!("bad proxy port in \"{text}\""))?;
        if host.is_empty() {
            return Err(format!("the proxy address \"{text}\" has no host"));
        }
        Ok(ProxyAddr {
            host: host.to_owned(),
            port,
        })
    }
}

impl std::fmt::Display for ProxyAddr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.host.contains(':') {
            write!(f, "socks5://[{}]:{}", self.host, self.port)
        } else {
            write!(f, "socks5://{}:{}", self.host, self.port)
        }
    }
}

fn reply_meaning(code: u8) -> &'static str {
    match code {
        1 => "general failure",
        2 => "connection not allowed by its rules",
        3 => "network unreachable",
        4 => "host unreachable",
        5 => "connection refused",
        6 => "TTL expired",
        7 => "command not supported",
        8 => "address type not supported",
        _ => "unknown error",
    }
}

/// The CONNECT request for `host:port`: IP literals as addresses, names as names.
pub fn connect_request(host: &str, port: u16) -> Result<Vec<u8>, FetchError> {
    let mut request = vec![5, 1, 0];
    match host.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => {
            request.push(1);
            request.extend_from_slice(&v4.octets());
        }
        Ok(IpAddr::V6(v6)) => {
            request.push(4);
            request.extend_from_slice(&v6.octets());
        }
        Err(_) => {
            let name = host.as_bytes();
            let len = u8::try_from(name.len())
                .map_err(|_| FetchError::Proxy("the host name is too long for SOCKS5".into()))?;
            request.push(3);
            request.push(len);
            request.extend_from_slice(name);
        }
    }
    request.extend_from_slice(&port.to_be_bytes());
    Ok(request)
}

async fn negotiate(stream: &mut TcpStream, host: &str, port: u16) -> Result<(), FetchError> {
    let io = |what: &str, e: std::io::Error| {
        FetchError::Proxy(format!("{what}: {}", super::describe_io_error(&e)))
    };
    stream
        .write_all(&[5, 1, 0])
        .await
        .map_err(|e| io("sending the greeting", e))?;
    let mut choice = [0u8; 2];
    stream
        .read_exact(&mut choice)
        .await
        .map_err(|e| io("reading the proxy's greeting", e))?;
    match choice {
        [5, 0] => {}
        [5, 0xff] => {
            return Err(FetchError::Proxy(
                "the proxy requires authentication, which Burrow does not support".into(),
            ));
        }
        _ => return Err(FetchError::Proxy("the proxy does not speak SOCKS5".into())),
    }
    stream
        .write_all(&connect_request(host, port)?)
        .await
        .map_err(|e| io("sending the request", e))?;
    let mut head = [0u8; 4];
    stream
        .read_exact(&mut head)
        .await
        .map_err(|e| io("reading the proxy's reply", e))?;
    if head[0] != 5 {
        return Err(FetchError::Proxy("the proxy does not speak SOCKS5".into()));
    }
    if head[1] != 0 {
        return Err(FetchError::Proxy(format!(
            "the proxy could not reach {host}:{port}: {}",
            reply_meaning(head[1])
        )));
    }
    let address_len = match head[3] {
        1 => 4,
        4 => 16,
        3 => {
            let mut len = [0u8; 1];
            stream
                .read_exact(&mut len)
                .await
                .map_err(|e| io("reading the proxy's reply", e))?;
            usize::from(len[0])
        }
        _ => return Err(FetchError::Proxy("the proxy sent a malformed reply".into())),
    };
    let mut bound = vec![0u8; address_len + 2];
    stream
        .read_exact(&mut bound)
        .await
        .map_err(|e| io("reading the proxy's reply", e))?;
    Ok(())
}

/// Opens a connection to `host:port` through the proxy.
pub async fn connect_via(
    proxy: &ProxyAddr,
    host: &str,
    port: u16,
    connect_timeout: Duration,
) -> Result<(TcpStream, SocketAddr), FetchError> {
    let (mut stream, proxy_peer) = super::connect_host(&proxy.host, proxy.port, connect_timeout)
        .await
        .map_err(|e| FetchError::Proxy(format!("could not reach the proxy {proxy}: {e}")))?;
    match timeout(connect_timeout, negotiate(&mut stream, host, port)).await {
        Ok(Ok(())) => Ok((stream, proxy_peer)),
        Ok(Err(error)) => Err(error),
        Err(_) => Err(FetchError::Proxy(format!(
            "the proxy {proxy} did not connect to {host}:{port} within {} s",
            connect_timeout.as_secs()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_addresses_parse() {
        assert_eq!(
            ProxyAddr::parse("socks5://127.0.0.1:9050"),
            Ok(ProxyAddr {
                host: "127.0.0.1".into(),
                port: 9050
            })
        );
        assert_eq!(
            ProxyAddr::parse("socks5h://[::1]:1080/").map(|p| p.to_string()),
            Ok("socks5://[::1]:1080".into())
        );
        for bad in [
            "127.0.0.1:9050",
            "socks5://host",
            "socks5://:1",
            "socks5://h:0",
            "http://h:1",
        ] {
            assert!(ProxyAddr::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_go_to_the_proxy_as_names_and_literals_as_addresses() {
        assert_eq!(
            connect_request("gopher.test", 70).expect("request"),
            [&[5, 1, 0, 3, 11][..], b"gopher.test", &[0, 70]].concat()
        );
        assert_eq!(
            connect_request("127.0.0.1", 7070).expect("request"),
            vec![5, 1, 0, 1, 127, 0, 0, 1, 0x1b, 0x9e]
        );
        assert_eq!(connect_request("::1", 70).expect("request")[3], 4);
        assert!(connect_request(&"a".repeat(300), 70).is_err());
    }
}
