//! What a transfer reports, as plain data: request ids, limits, progress events and errors.
//! The fetch layer produces these; the app consumes them. No IO here.

use std::fmt;
use std::time::Duration;

pub type RequestId = u64;

/// How long and how much a fetch may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchLimits {
    pub connect_timeout: Duration,
    pub idle_timeout: Duration,
    pub max_bytes: u64,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            connect_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
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
    /// The reply grew past the byte cap.
    TooLarge(u64),
    /// Sending the request or reading the reply failed.
    Transfer(String),
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
            FetchError::TooLarge(cap) => {
                write!(f, "the reply is larger than the {} cap", format_bytes(*cap))
            }
            FetchError::Transfer(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for FetchError {}

/// One step of a fetch, tagged with its request id by `FetchUpdate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchEvent {
    /// Connected to this address; the request is on its way.
    Connected(String),
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
