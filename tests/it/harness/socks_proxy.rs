//! A minimal SOCKS5 proxy (no authentication, CONNECT only) on 127.0.0.1 that records what it
//! was asked to connect to. Every host name leads to 127.0.0.1, so the tests can use names that
//! no local resolver knows.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What a client asked the proxy for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Name(String, u16),
    Address(SocketAddr),
}

pub struct SocksProxy {
    pub addr: SocketAddr,
    targets: Arc<Mutex<Vec<Target>>>,
    _thread: std::thread::JoinHandle<()>,
}

impl SocksProxy {
    /// Starts a proxy; with `refuse`, every CONNECT is answered with "connection refused".
    pub fn start(refuse: bool) -> SocksProxy {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("address");
        let targets = Arc::new(Mutex::new(Vec::new()));
        let seen = targets.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let listener = TcpListener::from_std(listener).expect("listener");
                while let Ok((client, _)) = listener.accept().await {
                    tokio::spawn(relay(client, seen.clone(), refuse));
                }
            });
        });
        SocksProxy {
            addr,
            targets,
            _thread: thread,
        }
    }

    pub fn url(&self) -> String {
        format!("socks5://{}", self.addr)
    }

    pub fn targets(&self) -> Vec<Target> {
        self.targets.lock().map(|t| t.clone()).unwrap_or_default()
    }
}

async fn relay(mut client: TcpStream, targets: Arc<Mutex<Vec<Target>>>, refuse: bool) {
    let mut greeting = [0u8; 2];
    if client.read_exact(&mut greeting).await.is_err() || greeting[0] != 5 {
        return;
    }
    let mut methods = vec![0u8; usize::from(greeting[1])];
    if client.read_exact(&mut methods).await.is_err() || !methods.contains(&0) {
        let _ = client.write_all(&[5, 0xff]).await;
        return;
    }
    if client.write_all(&[5, 0]).await.is_err() {
        return;
    }
    let mut head = [0u8; 4];
    if client.read_exact(&mut head).await.is_err() {
        return;
    }
    let target = match head[3] {
        1 => {
            let mut raw = [0u8; 6];
            if client.read_exact(&mut raw).await.is_err() {
                return;
            }
            let ip = std::net::Ipv4Addr::new(raw[0], raw[1], raw[2], raw[3]);
            Target::Address(SocketAddr::from((ip, u16::from_be_bytes([raw[4], raw[5]]))))
        }
        3 => {
            let mut len = [0u8; 1];
            if client.read_exact(&mut len).await.is_err() {
                return;
            }
            let mut raw = vec![0u8; usize::from(len[0]) + 2];
            if client.read_exact(&mut raw).await.is_err() {
                return;
            }
            let port = u16::from_be_bytes([raw[raw.len() - 2], raw[raw.len() - 1]]);
            raw.truncate(raw.len() - 2);
            Target::Name(String::from_utf8_lossy(&raw).into_owned(), port)
        }
        _ => return,
    };
    if let Ok(mut seen) = targets.lock() {
        seen.push(target.clone());
    }
    let reply_ok = [5, 0, 0, 1, 127, 0, 0, 1, 0, 0];
    if refuse {
        let _ = client.write_all(&[5, 5, 0, 1, 0, 0, 0, 0, 0, 0]).await;
        return;
    }
    let destination = match target {
        Target::Name(_, port) => SocketAddr::from(([127, 0, 0, 1], port)),
        Target::Address(address) => address,
    };
    let Ok(mut upstream) = TcpStream::connect(destination).await else {
        let _ = client.write_all(&[5, 5, 0, 1, 0, 0, 0, 0, 0, 0]).await;
        return;
    };
    if client.write_all(&reply_ok).await.is_err() {
        return;
    }
    let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
}
