//! The memory bench's Gopher server: the generated pages (a big text, a big menu, a binary
//! blob, a tiny text) served by testkit's in-process server in a process of their own (this
//! bench binary re-run), because a child's `ru_maxrss` counts the memory of the parent it was
//! forked from: pages held by the bench itself would inflate every figure.

use crate::{BLOB_SIZE, HISTORY_VISITS, MENU_LINKS, TEXT_END_MARKER, TEXT_SIZE, pages};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use testkit::server::{Reply, TestServer};

pub fn text_page(size: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::with_capacity(size + 256);
    let mut prose = pages::Prose::default();
    let mut lines = 0usize;
    let body = size.saturating_sub(TEXT_END_MARKER.len() + 5);
    while out.len() < body {
        let start = out.len();
        prose.line(&mut out, start, 68, body);
        out.extend_from_slice(b"\r\n");
        lines += 1;
    }
    out.extend_from_slice(TEXT_END_MARKER.as_bytes());
    out.extend_from_slice(b"\r\n.\r\n");
    (out, lines + 1)
}

/// A menu of `links` text links, 67 bytes a line.
fn menu_page(links: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(links * 67 + 3);
    for i in 0..links {
        out.extend_from_slice(
            format!("0Document {i:06} (archive)\t/docs/{i:06}.txt\tgopher.example.org\t70\r\n")
                .as_bytes(),
        );
    }
    out.extend_from_slice(b".\r\n");
    out
}

/// `size` pseudo-random bytes.
fn blob(size: usize) -> Vec<u8> {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut out = Vec::with_capacity(size + 8);
    while out.len() < size {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        out.extend_from_slice(&seed.to_le_bytes());
    }
    out.truncate(size);
    out
}

/// Adds `bytes` to an FNV-1a hash (to check `--raw` output without keeping it).
pub fn fnv1a(hash: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *hash ^= u64::from(b);
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
}

pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

pub const SERVER_ENV: &str = "BURROW_MEMORY_BENCH_SERVER";

/// What the server process reports once it listens.
pub struct Served {
    pub port: u16,
    pub text_len: usize,
    pub text_lines: usize,
    pub menu_len: usize,
    pub blob_len: usize,
    pub blob_hash: u64,
    pub tiny_len: usize,
    pub tiny_lines: usize,
}

/// The server process: builds the pages, listens, prints one `READY ...` line, and serves
/// until its stdin closes (when the bench exits).
pub fn server_main() -> ExitCode {
    let (text, text_lines) = text_page(TEXT_SIZE);
    let menu = menu_page(MENU_LINKS);
    let blob = blob(BLOB_SIZE);
    let (tiny, tiny_lines) = text_page(1_000);
    let mut blob_hash = FNV_START;
    fnv1a(&mut blob_hash, &blob);
    let ready = format!(
        "READY {} {text_lines} {} {} {blob_hash} {} {tiny_lines}",
        text.len(),
        menu.len(),
        blob.len(),
        tiny.len()
    );
    // `/big.txt-N` is the same text under another address (for visits that pile up).
    let text: Arc<[u8]> = text.into();
    let visits = (1..=HISTORY_VISITS).map(|visit| format!("/big.txt-{visit}"));
    let mut routes: Vec<(String, Reply)> = ["/big.txt".to_owned()]
        .into_iter()
        .chain(visits)
        .map(|selector| (selector, Reply::Shared(text.clone())))
        .collect();
    routes.push(("/menu".to_owned(), Reply::Shared(menu.into())));
    routes.push(("/blob.bin".to_owned(), Reply::Shared(blob.into())));
    routes.push(("/tiny.txt".to_owned(), Reply::Shared(tiny.into())));
    let server = TestServer::start(|_| routes);
    let port = server.port();
    println!("{port} {ready}");
    let _ = std::io::stdout().flush();
    let _ = std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
    ExitCode::SUCCESS
}

/// Starts the server process. It runs apart from this one because a child's `ru_maxrss`
/// counts the memory of the parent it was forked from: pages held here would inflate every
/// figure.
pub fn start_server_process() -> Result<(std::process::Child, Served), String> {
    let exe = std::env::current_exe().map_err(|e| format!("locating the bench binary: {e}"))?;
    let mut server = Command::new(exe)
        .env(SERVER_ENV, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("starting the server process: {e}"))?;
    let stdout = server.stdout.take().ok_or("no server stdout")?;
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| format!("reading the server's port: {e}"))?;
    let fields: Vec<&str> = line.split_whitespace().collect();
    let number = |i: usize| -> Result<u64, String> {
        fields
            .get(i)
            .and_then(|f| f.parse().ok())
            .ok_or_else(|| format!("the server said {line:?}"))
    };
    if fields.get(1) != Some(&"READY") {
        return Err(format!("the server said {line:?}"));
    }
    let served = Served {
        port: u16::try_from(number(0)?).map_err(|e| e.to_string())?,
        text_len: number(2)? as usize,
        text_lines: number(3)? as usize,
        menu_len: number(4)? as usize,
        blob_len: number(5)? as usize,
        blob_hash: number(6)?,
        tiny_len: number(7)? as usize,
        tiny_lines: number(8)? as usize,
    };
    Ok((server, served))
}
