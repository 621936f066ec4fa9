//! The fetch layer: one Gopher request over tokio TCP, streamed back as plain-data events.
//!
//! Resolves the host, tries every address in turn (each within the connect timeout), sends the
//! request line, then forwards each chunk as it arrives. Every read is bounded by the idle
//! timeout and the whole reply by a byte cap. Cancelling is dropping (aborting) the task: the
//! receiver identifies replies by request id and ignores ids it no longer waits for.

use crate::gopher::GopherUrl;
use crate::gopher::transfer::{
    FetchError, FetchEvent, FetchLimits, FetchUpdate, RequestId, format_bytes,
};
use std::io;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio::time::timeout;

fn describe_io_error(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::ConnectionRefused => "refused the connection".into(),
        io::ErrorKind::ConnectionReset => "reset the connection".into(),
        io::ErrorKind::ConnectionAborted => "aborted the connection".into(),
        io::ErrorKind::TimedOut => "timed out".into(),
        io::ErrorKind::BrokenPipe => "closed the connection".into(),
        _ => crate::gopher::sanitize(&error.to_string()),
    }
}

/// Fetches `url`, sending `Connected`, `Chunk`s, then `Done` or `Failed` to `events`.
/// Returns early, quietly, if the receiver has gone.
pub async fn fetch(
    id: RequestId,
    url: GopherUrl,
    limits: FetchLimits,
    events: mpsc::Sender<FetchUpdate>,
) {
    let send = |event| {
        let events = events.clone();
        async move { events.send(FetchUpdate { id, event }).await.is_ok() }
    };
    let end = match fetch_into(&url, limits, &send).await {
        Ok(()) => FetchEvent::Done,
        Err(FetchAbort::ReceiverGone) => return,
        Err(FetchAbort::Failed(error)) => FetchEvent::Failed(error),
    };
    send(end).await;
}

enum FetchAbort {
    Failed(FetchError),
    ReceiverGone,
}

impl From<FetchError> for FetchAbort {
    fn from(error: FetchError) -> Self {
        FetchAbort::Failed(error)
    }
}

async fn fetch_into<F, Fut>(
    url: &GopherUrl,
    limits: FetchLimits,
    mut emit: F,
) -> Result<(), FetchAbort>
where
    F: FnMut(FetchEvent) -> Fut,
    Fut: Future<Output = bool>,
{
    let mut stream = connect(url, limits.connect_timeout).await?;
    let peer = stream
        .peer_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| url.host_port());
    if !emit(FetchEvent::Connected(peer)).await {
        return Err(FetchAbort::ReceiverGone);
    }
    let request = url.request_line();
    match timeout(limits.idle_timeout, stream.write_all(&request)).await {
        Err(_) => return Err(FetchError::IdleTimeout(limits.idle_timeout).into()),
        Ok(Err(e)) => {
            let why = format!(
                "sending the request failed: the server {}",
                describe_io_error(&e)
            );
            return Err(FetchError::Transfer(why).into());
        }
        Ok(Ok(())) => {}
    }
    let mut total: u64 = 0;
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = match timeout(limits.idle_timeout, stream.read(&mut buffer)).await {
            Err(_) => return Err(FetchError::IdleTimeout(limits.idle_timeout).into()),
            Ok(Err(e)) => {
                let why = format!(
                    "the server {} after {}",
                    describe_io_error(&e),
                    format_bytes(total)
                );
                return Err(FetchError::Transfer(why).into());
            }
            Ok(Ok(0)) => return Ok(()),
            Ok(Ok(n)) => n,
        };
        let room = limits.max_bytes.saturating_sub(total);
        let take = n.min(usize::try_from(room).unwrap_or(usize::MAX));
        if take > 0 && !emit(FetchEvent::Chunk(buffer[..take].to_vec())).await {
            return Err(FetchAbort::ReceiverGone);
        }
        total += take as u64;
        if take < n {
            return Err(FetchError::TooLarge(limits.max_bytes).into());
        }
    }
}

/// Resolves the host and tries each address in turn.
async fn connect(url: &GopherUrl, connect_timeout: Duration) -> Result<TcpStream, FetchError> {
    let lookup = tokio::net::lookup_host((url.host.as_str(), url.port));
    let addresses: Vec<_> = match timeout(connect_timeout, lookup).await {
        Err(_) => return Err(FetchError::Resolve("the name lookup timed out".into())),
        Ok(Err(e)) => return Err(FetchError::Resolve(crate::gopher::sanitize(&e.to_string()))),
        Ok(Ok(addresses)) => addresses.collect(),
    };
    if addresses.is_empty() {
        return Err(FetchError::Resolve("the name has no addresses".into()));
    }
    connect_any(&addresses, connect_timeout).await
}

/// Tries each address in turn, each within `connect_timeout`; the first to connect wins.
pub async fn connect_any(
    addresses: &[SocketAddr],
    connect_timeout: Duration,
) -> Result<TcpStream, FetchError> {
    let mut tries = Vec::new();
    for &address in addresses {
        match timeout(connect_timeout, TcpStream::connect(address)).await {
            Ok(Ok(stream)) => return Ok(stream),
            Ok(Err(e)) => tries.push((address.to_string(), describe_io_error(&e))),
            Err(_) => tries.push((
                address.to_string(),
                format!("timed out after {} s", connect_timeout.as_secs()),
            )),
        }
    }
    Err(FetchError::Connect(tries))
}
