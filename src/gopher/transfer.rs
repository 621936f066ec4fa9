//! What a transfer reports, as plain data: request ids, limits, progress events and errors.
//! The fetch layer produces these (for pages and for downloads to a file); the app consumes them.
//! No IO here.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

pub type RequestId = u64;

/// How long and how much a fetch may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchLimits {
    pub connect_timeout: Duration,
    pub idle_timeout: Duration,
    /// The whole transfer must end within this (a server dripping bytes forever still stops).
    pub total_timeout: Duration,
    pub max_bytes: u64,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            connect_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            total_timeout: Duration::from_secs(300),
            max_bytes: 256 * 1024 * 1024,
        }
    }
}

/// Why a fetch failed. Plain data: messages are kept as text for the error page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The host name did not resolve.
    Resolve(String),
    /// Every address refused, reset or timed out; one entry per address tried.
    Connect(Vec<(String, String)>),
    /// The server went quiet for longer than the idle timeout.
    IdleTimeout(Duration),
    /// The whole transfer took longer than the total time limit.
    TotalTimeout(Duration),
    /// The reply grew past the byte cap.
    TooLarge(u64),
    /// Sending the request or reading the reply failed.
    Transfer(String),
    /// A gophers:// server's certificate is neither CA-verified nor pinned.
    UntrustedCertificate {
        host_port: String,
        fingerprint: Fingerprint,
        reason: String,
    },
    /// A gophers:// server presented a certificate other than the one pinned for it.
    CertificateChanged {
        host_port: String,
        pinned: Fingerprint,
        presented: Fingerprint,
    },
    /// The TLS handshake failed for another reason (a plaintext server, say).
    Tls(String),
    /// The SOCKS5 proxy could not be used or could not reach the server.
    Proxy(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Resolve(why) => write!(f, "could not resolve the host name: {why}"),
            FetchError::Connect(tries) => {
                f.write_str("could not connect")?;
                for (i, (addr, why)) in tries.iter().enumerate() {
                    let sep = if i == 0 { ": " } else { "; " };
                    write!(f, "{sep}{addr} {why}")?;
                }
                Ok(())
            }
            FetchError::IdleTimeout(d) => {
                write!(
                    f,
                    "the server sent nothing for {} s (idle timeout)",
                    d.as_secs()
                )
            }
            FetchError::TotalTimeout(d) => {
                write!(
                    f,
                    "the transfer took longer than {} s (total time limit)",
                    d.as_secs()
                )
            }
            FetchError::TooLarge(cap) => {
                write!(f, "the reply is larger than the {} cap", format_bytes(*cap))
            }
            FetchError::Transfer(why) => write!(f, "{why}"),
            FetchError::UntrustedCertificate {
                host_port,
                fingerprint,
                reason,
            } => write!(
                f,
                "the TLS certificate of {host_port} is not trusted ({reason}); fingerprint {fingerprint}"
            ),
            FetchError::CertificateChanged {
                host_port,
                pinned,
                presented,
            } => write!(
                f,
                "the TLS certificate of {host_port} has CHANGED: pinned {pinned}, presented {presented}"
            ),
            FetchError::Tls(why) => write!(f, "the TLS connection failed: {why}"),
            FetchError::Proxy(why) => write!(f, "proxy: {why}"),
        }
    }
}

impl std::error::Error for FetchError {}

/// A certificate's SHA-256 fingerprint (of its DER encoding).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(pub [u8; 32]);

impl Fingerprint {
    /// Lowercase hex without separators, as stored in the known-hosts file.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn from_hex(text: &str) -> Option<Fingerprint> {
        let text = text.trim();
        if text.len() != 64 || !text.is_ascii() {
            return None;
        }
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(Fingerprint(bytes))
    }
}

impl Fingerprint {
    /// The fingerprint as two lines of 16 bytes, easier to compare by eye than one long line.
    pub fn as_two_lines(&self) -> [String; 2] {
        let half = |bytes: &[u8]| {
            bytes
                .iter()
                .map(|b| format!("{b:02X}"))
                .collect::<Vec<_>>()
                .join(":")
        };
        [
            format!("SHA256:{}", half(&self.0[..16])),
            format!("       {}", half(&self.0[16..])),
        ]
    }
}

impl fmt::Display for Fingerprint {
    /// `SHA256:AB:CD:...`, the form certificate tools print.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SHA256")?;
        for b in self.0 {
            write!(f, ":{b:02X}")?;
        }
        Ok(())
    }
}

/// Why a TLS connection was trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsTrust {
    /// The certificate chains to a known root and matches the host name.
    CaVerified,
    /// The certificate matches the fingerprint the user accepted for this host and port.
    Pinned,
}

/// One step of a fetch, tagged with its request id by `FetchUpdate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchEvent {
    /// Connected to this address; the request is on its way.
    Connected(String),
    /// The TLS handshake succeeded (gophers:// only), and why the server was trusted.
    Secured(TlsTrust),
    Chunk(Vec<u8>),
    /// The server closed the connection: the reply is complete.
    Done,
    Failed(FetchError),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchUpdate {
    pub id: RequestId,
    pub event: FetchEvent,
}

/// One step of a download to a file, tagged with its request id by `DownloadUpdate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DownloadEvent {
    /// Bytes written so far and milliseconds since the download started; sent at most about
    /// every 100 ms, and once more at the end.
    Progress { bytes: u64, elapsed_ms: u64 },
    /// The file is complete under this full path (never an existing file's name).
    Finished { path: PathBuf, bytes: u64 },
    /// The download failed and left no file behind; the reason, for the status line.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadUpdate {
    pub id: RequestId,
    pub event: DownloadEvent,
}

/// "1.5 MiB", "312 B": a human size for status lines and messages.
pub fn format_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value >= 100.0 || value.fract() < 0.05 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_print_like_certificate_tools_and_round_trip_as_hex() {
        let fp = Fingerprint([0xab; 32]);
        assert!(fp.to_string().starts_with("SHA256:AB:AB:"));
        assert_eq!(fp.to_string().len(), 6 + 32 * 3);
        assert_eq!(Fingerprint::from_hex(&fp.to_hex()), Some(fp));
        assert_eq!(Fingerprint::from_hex("zz"), None);
        assert_eq!(Fingerprint::from_hex(&"g".repeat(64)), None);
    }

    #[test]
    fn byte_sizes_read_naturally() {
        assert_eq!(format_bytes(0), "0 B");
        assert_eq!(format_bytes(1023), "1023 B");
        assert_eq!(format_bytes(1024), "1 KiB");
        assert_eq!(format_bytes(1536), "1.5 KiB");
        assert_eq!(format_bytes(256 * 1024 * 1024), "256 MiB");
    }

    #[test]
    fn connect_errors_list_every_address_tried() {
        let error = FetchError::Connect(vec![
            ("[::1]:70".into(), "refused the connection".into()),
            ("127.0.0.1:70".into(), "timed out after 10 s".into()),
        ]);
        assert_eq!(
            error.to_string(),
            "could not connect: [::1]:70 refused the connection; 127.0.0.1:70 timed out after 10 s"
        );
    }
}
