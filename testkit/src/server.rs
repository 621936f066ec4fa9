//! An in-process Gopher server on 127.0.0.1:0 (or [::1]:0, optionally over TLS) that serves
//! canned replies and can misbehave (hang, drip, close early, reset, flood, linger), recording
//! every request line and TLS server name it was sent.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How the server answers one selector.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Send these bytes, then close.
    Bytes(Vec<u8>),
    /// Send these shared bytes, then close: one large page served under several selectors, or
    /// to many clients, without a copy each.
    Shared(Arc<[u8]>),
    /// Accept, read the request, never answer (until the test ends).
    Hang,
    /// Send these bytes one chunk at a time with a pause between, then close.
    Drip(Vec<u8>, usize, Duration),
    /// Send these bytes, then reset the connection (RST) instead of closing.
    Reset(Vec<u8>),
    /// Send these bytes forever.
    Endless(Vec<u8>),
    /// Send these bytes, then keep the connection open without sending more.
    Linger(Vec<u8>),
}

pub struct TestServer {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<Vec<u8>>>>,
    /// The TLS server names (SNI) clients asked for.
    server_names: Arc<Mutex<Vec<String>>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// A menu line pointing back at this test server.
pub fn link(item_type: char, display: &str, selector: &str, port: u16) -> String {
    format!("{item_type}{display}\t{selector}\t127.0.0.1\t{port}\r\n")
}

pub fn info(text: &str) -> String {
    format!("i{text}\tfake\t(NULL)\t0\r\n")
}

impl TestServer {
    /// Starts a plain server on 127.0.0.1; `routes` gets the port (for menus that link back)
    /// and returns the replies by request line (selector, or `selector\tquery`).
    pub fn start<S: AsRef<[u8]>>(routes: impl FnOnce(u16) -> Vec<(S, Reply)>) -> TestServer {
        TestServer::start_with("127.0.0.1:0", None, routes)
    }

    /// Starts a server on `bind` (e.g. "[::1]:0"), speaking TLS with `tls` when given.
    pub fn start_with<S: AsRef<[u8]>>(
        bind: &str,
        tls: Option<tokio_rustls::TlsAcceptor>,
        routes: impl FnOnce(u16) -> Vec<(S, Reply)>,
    ) -> TestServer {
        let std_listener = std::net::TcpListener::bind(bind).expect("bind a loopback port");
        std_listener
            .set_nonblocking(true)
            .expect("nonblocking listener");
        let addr = std_listener.local_addr().expect("local address");
        let routes: HashMap<Vec<u8>, Reply> = routes(addr.port())
            .into_iter()
            .map(|(selector, reply)| (selector.as_ref().to_vec(), reply))
            .collect();
        let routes = Arc::new(routes);
        let requests = Arc::new(Mutex::new(Vec::new()));
        let server_names = Arc::new(Mutex::new(Vec::new()));
        let (shutdown, mut stop) = tokio::sync::oneshot::channel();
        let seen = requests.clone();
        let names = server_names.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("test server runtime");
            runtime.block_on(async move {
                let listener = TcpListener::from_std(std_listener).expect("tokio listener");
                loop {
                    tokio::select! {
                        _ = &mut stop => break,
                        accepted = listener.accept() => {
                            let Ok((stream, _)) = accepted else { continue };
                            let (routes, seen, names) = (routes.clone(), seen.clone(), names.clone());
                            match tls.clone() {
                                None => { tokio::spawn(serve(stream, routes, seen)); }
                                Some(acceptor) => {
                                    tokio::spawn(async move {
                                        let Ok(tls_stream) = acceptor.accept(stream).await else {
                                            return;
                                        };
                                        if let (Some(name), Ok(mut names)) =
                                            (tls_stream.get_ref().1.server_name(), names.lock())
                                        {
                                            names.push(name.to_owned());
                                        }
                                        serve(tls_stream, routes, seen).await;
                                    });
                                }
                            }
                        }
                    }
                }
            });
        });
        TestServer {
            addr,
            requests,
            server_names,
            shutdown: Some(shutdown),
            thread: Some(thread),
        }
    }

    /// The SNI names TLS clients sent, in order.
    pub fn server_names(&self) -> Vec<String> {
        self.server_names
            .lock()
            .map(|n| n.clone())
            .unwrap_or_default()
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `gopher://127.0.0.1:PORT/` + type + selector.
    pub fn url(&self, item_type: char, selector: &str) -> String {
        format!("gopher://127.0.0.1:{}/{item_type}{selector}", self.port())
    }

    /// Every request line received so far, without CRLF.
    pub fn requests(&self) -> Vec<Vec<u8>> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.shutdown.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Ends a connection with a reset (RST) instead of a close.
pub trait Reset {
    fn reset(self);
}

impl Reset for TcpStream {
    fn reset(self) {
        if let Ok(std_stream) = self.into_std() {
            let socket = socket2::Socket::from(std_stream);
            let _ = socket.set_linger(Some(Duration::ZERO));
        }
    }
}

impl Reset for tokio_rustls::server::TlsStream<TcpStream> {
    fn reset(self) {
        self.into_inner().0.reset();
    }
}

async fn read_request_line<S: AsyncRead + Unpin>(stream: &mut S) -> Option<Vec<u8>> {
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while !line.ends_with(b"\r\n") {
        if line.len() > 4096 || stream.read(&mut byte).await.ok()? == 0 {
            return None;
        }
        line.push(byte[0]);
    }
    line.truncate(line.len() - 2);
    Some(line)
}

async fn serve<S: AsyncRead + AsyncWrite + Unpin + Reset>(
    mut stream: S,
    routes: Arc<HashMap<Vec<u8>, Reply>>,
    requests: Arc<Mutex<Vec<Vec<u8>>>>,
) {
    let Some(request) = read_request_line(&mut stream).await else {
        return;
    };
    if let Ok(mut seen) = requests.lock() {
        seen.push(request.clone());
    }
    let Some(reply) = routes.get(&request) else {
        let _ = stream
            .write_all(b"3Not found here\t\terror.host\t1\r\n.\r\n")
            .await;
        let _ = stream.shutdown().await;
        return;
    };
    match reply {
        Reply::Bytes(bytes) => {
            let _ = stream.write_all(bytes).await;
        }
        Reply::Shared(bytes) => {
            let _ = stream.write_all(bytes).await;
        }
        Reply::Hang => {
            tokio::time::sleep(Duration::from_secs(600)).await;
        }
        Reply::Linger(bytes) => {
            let _ = stream.write_all(bytes).await;
            tokio::time::sleep(Duration::from_secs(600)).await;
        }
        Reply::Drip(bytes, chunk, pause) => {
            for piece in bytes.chunks((*chunk).max(1)) {
                if stream.write_all(piece).await.is_err() {
                    return;
                }
                tokio::time::sleep(*pause).await;
            }
        }
        Reply::Reset(bytes) => {
            let _ = stream.write_all(bytes).await;
            let _ = stream.flush().await;
            tokio::time::sleep(Duration::from_millis(50)).await;
            stream.reset();
            return;
        }
        Reply::Endless(bytes) => loop {
            if stream.write_all(bytes).await.is_err() {
                return;
            }
        },
    }
    let _ = stream.shutdown().await;
}
