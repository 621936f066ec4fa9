//! The fetch layer: one Gopher request over tokio, streamed back as plain-data events.
//!
//! Connects directly (every resolved address raced Happy-Eyeballs style, `eyeballs`) or through
//! a SOCKS5 proxy (`socks`), wraps the connection in TLS for `gophers://` (`tls`), sends the
//! request line, then forwards each chunk as it arrives. Every read is bounded by the idle
//! timeout and the whole reply by a byte cap. Cancelling is dropping (aborting) the task: the
//! receiver identifies replies by request id and ignores ids it no longer waits for.
//! `download` runs the same fetch into a file instead of a page.

pub mod download;
pub mod eyeballs;
pub mod socks;
pub mod tls;

use crate::gopher::GopherUrl;
use crate::gopher::transfer::{
    FetchError, FetchEvent, FetchLimits, FetchUpdate, Fingerprint, RequestId, format_bytes,
};
use rustls::RootCertStore;
use socks::ProxyAddr;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio::time::timeout;

/// Everything a fetch needs besides the URL.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub limits: FetchLimits,
    /// The certificate fingerprint pinned for this URL's host and port, if any.
    pub pinned: Option<Fingerprint>,
    /// Connect through this SOCKS5 proxy.
    pub proxy: Option<ProxyAddr>,
    /// Roots for CA verification of gophers:// servers.
    pub roots: Arc<RootCertStore>,
    /// When set, no connection is made and the fetch fails with this reason (a configured
    /// proxy that cannot be used must not turn into a direct connection).
    pub blocked: Option<String>,
}

impl FetchOptions {
    pub fn new(limits: FetchLimits) -> FetchOptions {
        FetchOptions {
            limits,
            pinned: None,
            proxy: None,
            roots: tls::default_roots(),
            blocked: None,
        }
    }
}

pub(crate) fn describe_io_error(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::ConnectionRefused => "refused the connection".into(),
        io::ErrorKind::ConnectionReset => "reset the connection".into(),
        io::ErrorKind::ConnectionAborted => "aborted the connection".into(),
        io::ErrorKind::TimedOut => "timed out".into(),
        io::ErrorKind::BrokenPipe => "closed the connection".into(),
        io::ErrorKind::UnexpectedEof => "closed the connection early".into(),
        _ => crate::gopher::sanitize(&error.to_string()),
    }
}

/// Fetches `url`, sending `Connected`, `Secured` (TLS only), `Chunk`s, then `Done` or `Failed`
/// to `events`. Returns early, quietly, if the receiver has gone.
pub async fn fetch(
    id: RequestId,
    url: GopherUrl,
    options: FetchOptions,
    events: mpsc::Sender<FetchUpdate>,
) {
    let timing = Timing::start(id, &url, &options);
    let send = |event| {
        let events = events.clone();
        timing.saw(&event);
        async move { events.send(FetchUpdate { id, event }).await.is_ok() }
    };
    let end = match fetch_into(&url, &options, &send).await {
        Ok(()) => FetchEvent::Done,
        Err(FetchAbort::ReceiverGone) => return,
        Err(FetchAbort::Failed(error)) => FetchEvent::Failed(error),
    };
    send(end).await;
}

/// What the debug log says about one request: when it connected, how it was secured, when the
/// first byte came and how it ended, with sizes and times but never the bytes themselves.
struct Timing {
    id: RequestId,
    started: std::time::Instant,
    bytes: std::sync::atomic::AtomicU64,
    /// Whether the end (done or failed) was logged; if not, dropping says where it stopped.
    ended: std::sync::atomic::AtomicBool,
}

impl Timing {
    fn start(id: RequestId, url: &GopherUrl, options: &FetchOptions) -> Timing {
        let limits = options.limits;
        log::debug!(
            "request {id}: {url} ({}; limits: connect {} s, idle {} s, total {} s, {} bytes)",
            options
                .proxy
                .as_ref()
                .map_or_else(|| "direct".to_owned(), |p| format!("via {p}")),
            limits.connect_timeout.as_secs(),
            limits.idle_timeout.as_secs(),
            limits.total_timeout.as_secs(),
            limits.max_bytes,
        );
        Timing {
            id,
            started: std::time::Instant::now(),
            bytes: std::sync::atomic::AtomicU64::new(0),
            ended: std::sync::atomic::AtomicBool::new(false),
        }
    }

    fn saw(&self, event: &FetchEvent) {
        use std::sync::atomic::Ordering::Relaxed;
        if !log::log_enabled!(log::Level::Debug) {
            return;
        }
        let (id, ms) = (self.id, self.started.elapsed().as_millis());
        match event {
            FetchEvent::Connected(peer) => {
                log::debug!("request {id}: connected to {peer} in {ms} ms")
            }
            FetchEvent::Secured(trust) => log::debug!("request {id}: TLS {trust:?} after {ms} ms"),
            FetchEvent::Chunk(chunk) => {
                if self.bytes.fetch_add(chunk.len() as u64, Relaxed) == 0 {
                    log::debug!("request {id}: first bytes after {ms} ms");
                }
            }
            FetchEvent::Done | FetchEvent::Failed(_) => {
                self.ended.store(true, Relaxed);
                self.log_end(event);
            }
        }
    }

    fn log_end(&self, event: &FetchEvent) {
        use std::sync::atomic::Ordering::Relaxed;
        let (id, ms) = (self.id, self.started.elapsed().as_millis());
        match event {
            FetchEvent::Done => log::debug!(
                "request {id}: done, {} bytes in {ms} ms",
                self.bytes.load(Relaxed)
            ),
            FetchEvent::Failed(error) => log::warn!(
                "request {id}: failed after {ms} ms and {} bytes: {error}",
                self.bytes.load(Relaxed)
            ),
            _ => {}
        }
    }
}

impl Drop for Timing {
    /// A request stopped from outside (cancelled, or its reader had the page it wanted) ends
    /// here, without a `Done`.
    fn drop(&mut self) {
        use std::sync::atomic::Ordering::Relaxed;
        if !self.ended.load(Relaxed) {
            log::debug!(
                "request {}: stopped after {} ms and {} bytes",
                self.id,
                self.started.elapsed().as_millis(),
                self.bytes.load(Relaxed)
            );
        }
    }
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
    options: &FetchOptions,
    emit: &F,
) -> Result<(), FetchAbort>
where
    F: Fn(FetchEvent) -> Fut,
    Fut: Future<Output = bool>,
{
    if let Some(why) = &options.blocked {
        return Err(FetchError::Proxy(why.clone()).into());
    }
    let connect_timeout = options.limits.connect_timeout;
    let (tcp, peer) = match &options.proxy {
        Some(proxy) => {
            let (stream, proxy_peer) =
                socks::connect_via(proxy, &url.host, url.port, connect_timeout).await?;
            (
                stream,
                format!("{} via {proxy} ({proxy_peer})", url.host_port()),
            )
        }
        None => {
            let (stream, peer) = connect_host(&url.host, url.port, connect_timeout).await?;
            (stream, peer.to_string())
        }
    };
    if !emit(FetchEvent::Connected(peer)).await {
        return Err(FetchAbort::ReceiverGone);
    }
    if !url.tls {
        return exchange(tcp, url, options.limits, emit).await;
    }
    let (stream, trust) = tls::handshake(
        tcp,
        &url.host,
        url.port,
        options.pinned,
        options.roots.clone(),
        connect_timeout,
    )
    .await?;
    if !emit(FetchEvent::Secured(trust)).await {
        return Err(FetchAbort::ReceiverGone);
    }
    exchange(stream, url, options.limits, emit).await
}

/// Sends the request line and streams the reply until the server closes.
async fn exchange<S, F, Fut>(
    mut stream: S,
    url: &GopherUrl,
    limits: FetchLimits,
    emit: &F,
) -> Result<(), FetchAbort>
where
    S: AsyncRead + AsyncWrite + Unpin,
    F: Fn(FetchEvent) -> Fut,
    Fut: Future<Output = bool>,
{
    let request = url.request_line();
    let sent = async {
        stream.write_all(&request).await?;
        stream.flush().await
    };
    match timeout(limits.idle_timeout, sent).await {
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
    let started = tokio::time::Instant::now();
    // No limit at all (--raw) is "in a very long time"; a plain sum could overflow.
    let give_up = started
        .checked_add(limits.total_timeout)
        .unwrap_or_else(|| started + Duration::from_secs(100 * 365 * 24 * 3600));
    loop {
        let left = give_up.saturating_duration_since(tokio::time::Instant::now());
        let wait = limits.idle_timeout.min(left);
        let n = match timeout(wait, stream.read(&mut buffer)).await {
            Err(_) if wait < limits.idle_timeout => {
                return Err(FetchError::TotalTimeout(limits.total_timeout).into());
            }
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

/// Resolves `host` locally and races its addresses; returns the stream and the address used.
pub async fn connect_host(
    host: &str,
    port: u16,
    connect_timeout: Duration,
) -> Result<(TcpStream, SocketAddr), FetchError> {
    let lookup = tokio::net::lookup_host((host, port));
    let addresses: Vec<_> = match timeout(connect_timeout, lookup).await {
        Err(_) => return Err(FetchError::Resolve("the name lookup timed out".into())),
        Ok(Err(e)) => return Err(FetchError::Resolve(crate::gopher::sanitize(&e.to_string()))),
        Ok(Ok(addresses)) => addresses.collect(),
    };
    let mut unique = Vec::with_capacity(addresses.len());
    for address in addresses {
        if !unique.contains(&address) {
            unique.push(address);
        }
    }
    let addresses = unique;
    if addresses.is_empty() {
        return Err(FetchError::Resolve("the name has no addresses".into()));
    }
    connect_any(&eyeballs::interleave_families(&addresses), connect_timeout).await
}

/// Races connections to `addresses` (RFC 8305 stagger); the first to connect wins.
pub async fn connect_any(
    addresses: &[SocketAddr],
    connect_timeout: Duration,
) -> Result<(TcpStream, SocketAddr), FetchError> {
    let connect = |address| async move {
        TcpStream::connect(address)
            .await
            .map(|stream| (stream, address))
    };
    eyeballs::race(addresses, eyeballs::STAGGER, connect_timeout, connect)
        .await
        .map_err(|failures| {
            FetchError::Connect(
                failures
                    .into_iter()
                    .map(|(address, why)| (address.to_string(), why))
                    .collect(),
            )
        })
}
