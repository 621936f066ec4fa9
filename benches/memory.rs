//! Bounded memory: the peak resident memory (RSS) of the real `burrow` binary loading
//! generated pages from a Gopher server on 127.0.0.1 (issue 5).
//!
//! A Gopher server (this bench binary re-run as a separate process, a thread per connection)
//! serves a 50 MB text (`/big.txt`), a 100,000-link menu of about 6.7 MB (`/menu`) and a 50 MB
//! binary (`/blob.bin`). It is a separate process because `ru_maxrss` of a child counts the
//! memory of the parent it was forked from: pages held by the bench itself would inflate every
//! figure. Each case runs the binary three times with an empty temporary HOME and reports the
//! median peak RSS, read with `wait4`'s `ru_maxrss`:
//! - `--print` of the text and of the menu (loads the page exactly as the browser does, then
//!   writes it): goals 1.3x the text's size, 15 MB for the menu;
//! - `--raw` of the binary (streams): goal 8 MB;
//! - the interactive browser in an 80x24 pseudo-terminal opening the text and the menu and
//!   pressing End (the same goals).
//!
//! - the browser opening the text 10 times (each a new page, so the ones left pile up in
//!   history): goal 1.5x the page memory budget plus one page, with the default budget and
//!   with 64 MiB; and with no budget reached, for comparison.
//!
//! A 1 KB page is measured too, as the binary's baseline. The output is checked (byte counts,
//! line counts, a hash for `--raw`), and the bench exits non-zero if any goal is missed or any
//! run fails. MB here is 1,000,000 bytes.
//!
//! Run: `cargo bench --bench memory` (optionally `-- text menu raw tui` to pick cases by name).

mod pages;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const MB: f64 = 1_000_000.0;
const TEXT_SIZE: usize = 50_000_000;
const MENU_LINKS: usize = 100_000;
const BLOB_SIZE: usize = 50_000_000;
const RUNS: usize = 3;
const MIB: u64 = 1024 * 1024;
/// How many times the history cases open the big text.
const HISTORY_VISITS: usize = 10;
/// A run taking longer than this is killed and counts as a failure.
const TIME_LIMIT: Duration = Duration::from_secs(120);
const TEXT_END_MARKER: &str = "End of the generated text (marker 7f3a).";

/// About `size` bytes of prose in lines of roughly 70 characters, ending with a marker line
/// and the `.` terminator. Returns the reply and its number of lines.
fn text_page(size: usize) -> (Vec<u8>, usize) {
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

fn fnv1a(hash: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *hash ^= u64::from(b);
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

type Pages = HashMap<&'static str, Arc<Vec<u8>>>;

/// Reads the request line, writes the page (or a Gopher error), closes.
fn answer(stream: TcpStream, pages: &Pages) {
    let mut reader = BufReader::new(&stream).take(4096);
    let mut request = Vec::new();
    if reader.read_until(b'\n', &mut request).is_err() {
        return;
    }
    let selector = String::from_utf8_lossy(&request);
    let selector = selector.trim_end_matches(['\r', '\n']);
    let mut writer = &stream;
    // Errors are expected: the client hangs up once the `.` terminator arrives.
    // `/big.txt-N` is the same text under another address (for visits that pile up).
    let selector = selector
        .split_once("txt-")
        .map_or(selector, |(stem, _)| match stem {
            "/big." => "/big.txt",
            _ => selector,
        });
    let _ = match pages.get(selector) {
        Some(page) => writer.write_all(page),
        None => writer.write_all(b"3Not found\t\terror.host\t1\r\n.\r\n"),
    };
    let _ = stream.shutdown(std::net::Shutdown::Write);
}

fn start_server(pages: Pages) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a port on 127.0.0.1");
    let port = listener
        .local_addr()
        .expect("the listener's address")
        .port();
    let pages = Arc::new(pages);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let pages = pages.clone();
            thread::spawn(move || answer(stream, &pages));
        }
    });
    port
}

/// What a child wrote to stdout.
#[derive(Debug, Default, Clone, Copy)]
struct Output {
    bytes: u64,
    newlines: u64,
    hash: u64,
}

fn drain(mut source: impl Read) -> Output {
    let mut out = Output {
        hash: FNV_START,
        ..Output::default()
    };
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        match source.read(&mut buffer) {
            Ok(0) | Err(_) => return out,
            Ok(n) => {
                let chunk = &buffer[..n];
                out.bytes += n as u64;
                out.newlines += chunk.iter().filter(|&&b| b == b'\n').count() as u64;
                fnv1a(&mut out.hash, chunk);
            }
        }
    }
}

/// Waits for the child `pid` (killing it past `TIME_LIMIT`); returns whether it exited with
/// status 0 and its peak RSS in bytes.
fn wait_with_peak(pid: u32) -> Result<(bool, u64), String> {
    let pid = libc::pid_t::try_from(pid).map_err(|e| format!("pid {pid}: {e}"))?;
    let deadline = Instant::now() + TIME_LIMIT;
    let mut killed = false;
    loop {
        let mut status: libc::c_int = 0;
        // SAFETY: `rusage` is a plain C struct for which all-zero bytes are a valid value.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let options = if killed { 0 } else { libc::WNOHANG };
        // SAFETY: `pid` is our own unreaped child (nothing else waits for it) and both
        // pointers refer to live, writable locals.
        let reaped = unsafe { libc::wait4(pid, &mut status, options, &mut usage) };
        if reaped == pid {
            let ok = !killed && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
            let peak = u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024;
            return Ok((ok, peak));
        }
        if reaped == -1 {
            let error = std::io::Error::last_os_error();
            if error.kind() != std::io::ErrorKind::Interrupted {
                return Err(format!("wait4 failed: {error}"));
            }
        }
        if !killed && Instant::now() > deadline {
            // SAFETY: the child has not been reaped yet, so `pid` still names it.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            killed = true;
            continue;
        }
        thread::sleep(Duration::from_millis(5));
    }
}

fn isolate(command: &mut Command, home: &Path) {
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"));
}

/// Runs `burrow args...` with stdout drained and counted; returns its peak RSS.
fn one_shot(args: &[&str], expect: &dyn Fn(&Output) -> Result<(), String>) -> Result<u64, String> {
    let home = tempfile::tempdir().map_err(|e| format!("temporary HOME: {e}"))?;
    let mut command = Command::new(env!("CARGO_BIN_EXE_burrow"));
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    isolate(&mut command, home.path());
    let mut child = command
        .spawn()
        .map_err(|e| format!("starting burrow: {e}"))?;
    let stdout = child.stdout.take().ok_or("no stdout pipe")?;
    let stderr = child.stderr.take().ok_or("no stderr pipe")?;
    let out = thread::spawn(move || drain(stdout));
    let err = thread::spawn(move || {
        let mut text = String::new();
        let _ = BufReader::new(stderr).read_to_string(&mut text);
        text
    });
    let (ok, peak) = wait_with_peak(child.id())?;
    let out = out.join().map_err(|_| "the stdout reader panicked")?;
    let err = err.join().map_err(|_| "the stderr reader panicked")?;
    if !ok {
        return Err(format!("burrow {} failed: {}", args.join(" "), err.trim()));
    }
    expect(&out).map_err(|why| format!("burrow {}: {why}", args.join(" ")))?;
    Ok(peak)
}

/// The browser running in an 80x24 pseudo-terminal with an empty temporary HOME, and what it
/// shows.
struct Browser {
    _home: tempfile::TempDir,
    pid: u32,
    screen: Arc<Mutex<vt100::Parser>>,
    ended: Arc<AtomicBool>,
    writer: Box<dyn Write + Send>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Browser {
    /// Starts `burrow url`, with `config` as its config file when given.
    fn start(url: &str, config: Option<&str>) -> Result<Browser, String> {
        let home = tempfile::tempdir().map_err(|e| format!("temporary HOME: {e}"))?;
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("opening a pseudo-terminal: {e}"))?;
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_burrow"));
        if let Some(config) = config {
            let file = home.path().join("bench-config.toml");
            std::fs::write(&file, config).map_err(|e| format!("writing the config: {e}"))?;
            command.arg("--config");
            command.arg(file);
        }
        command.arg(url);
        command.env("TERM", "xterm-256color");
        for (name, dir) in [
            ("HOME", ""),
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_DATA_HOME", "data"),
            ("XDG_CACHE_HOME", "cache"),
            ("XDG_STATE_HOME", "state"),
        ] {
            command.env(name, home.path().join(dir));
        }
        let child = pair
            .slave
            .spawn_command(command)
            .map_err(|e| format!("starting burrow in a pseudo-terminal: {e}"))?;
        drop(pair.slave);
        let pid = child.process_id().ok_or("the child has no process id")?;
        let screen = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let ended = Arc::new(AtomicBool::new(false));
        let mut reader = pair
            .master
            .try_clone_reader()
            .map_err(|e| format!("pty reader: {e}"))?;
        let writer = pair
            .master
            .take_writer()
            .map_err(|e| format!("pty writer: {e}"))?;
        {
            let screen = screen.clone();
            let ended = ended.clone();
            thread::spawn(move || {
                let mut buffer = [0u8; 8192];
                while let Ok(n @ 1..) = reader.read(&mut buffer) {
                    screen.lock().expect("screen lock").process(&buffer[..n]);
                }
                ended.store(true, Ordering::SeqCst);
            });
        }
        Ok(Browser {
            _home: home,
            pid,
            screen,
            ended,
            writer,
            _master: pair.master,
        })
    }

    fn contents(&self) -> String {
        self.screen.lock().expect("screen lock").screen().contents()
    }

    fn send(&mut self, bytes: &[u8]) {
        let _ = self
            .writer
            .write_all(bytes)
            .and_then(|()| self.writer.flush());
    }

    /// Polls the screen every 100 ms until `done` says yes (or the time limit passes), first
    /// calling `meanwhile` each round.
    fn wait(
        &mut self,
        deadline: Instant,
        what: &str,
        mut round: impl FnMut(&mut Browser, &str) -> bool,
    ) -> Result<(), String> {
        while Instant::now() < deadline && !self.ended.load(Ordering::SeqCst) {
            thread::sleep(Duration::from_millis(100));
            let shown = self.contents();
            if round(self, &shown) {
                return Ok(());
            }
        }
        Err(format!("{what} never showed"))
    }

    /// Quits with q if `outcome` is fine (else kills), and returns the peak RSS.
    fn finish(mut self, outcome: Result<(), String>) -> Result<u64, String> {
        if outcome.is_ok() {
            self.send(b"q");
        } else {
            // SAFETY: the child has not been reaped yet, so `pid` still names it.
            unsafe { libc::kill(self.pid as libc::pid_t, libc::SIGKILL) };
        }
        let (ok, peak) = wait_with_peak(self.pid)?;
        let shown = self.contents();
        outcome.map_err(|why| format!("{why}; screen:\n{shown}"))?;
        if !ok {
            return Err(format!(
                "the browser did not exit cleanly; screen:\n{shown}"
            ));
        }
        Ok(peak)
    }
}

/// Runs the browser on `url`, waits for the page to load, presses End until `last_text`
/// shows, then quits; returns its peak RSS.
fn interactive(url: &str, last_text: &str) -> Result<u64, String> {
    let mut browser = Browser::start(url, None)?;
    let outcome = browser.wait(
        Instant::now() + TIME_LIMIT,
        &format!("{last_text:?}"),
        |browser, shown| {
            if shown.contains(last_text) {
                return true;
            }
            if !shown.contains("Esc cancels") {
                // Loaded (or not started): End shows the last line. An End while the page
                // grows would only reach the part loaded so far, so it is repeated.
                browser.send(b"\x1b[F");
            }
            false
        },
    );
    browser.finish(outcome)
}

/// Opens `{base}-1` to `{base}-{visits}` one after another with `g`, each once it has loaded,
/// with `config` as the config file; returns the peak RSS. Every visit is a new page, so the
/// ones before pile up in history.
fn interactive_visits(base: &str, visits: usize, config: Option<&str>) -> Result<u64, String> {
    let mut browser = Browser::start(&format!("{base}-1"), config)?;
    let deadline = Instant::now() + TIME_LIMIT * visits as u32;
    let mut outcome = Ok(());
    for visit in 1..=visits {
        if visit > 1 {
            browser.send(format!("g{base}-{visit}\r").as_bytes());
        }
        let title = format!("txt-{visit} ");
        outcome = browser.wait(deadline, &format!("visit {visit}"), |_, shown| {
            shown.contains(&title) && !shown.contains("Esc cancels") && shown.contains("Line 1 of")
        });
        if outcome.is_err() {
            break;
        }
    }
    browser.finish(outcome)
}

enum Goal {
    /// Peak RSS at most this many times the page's size.
    Ratio(f64),
    /// Peak RSS at most this many bytes.
    Bytes(f64),
}

struct Case {
    name: &'static str,
    what: String,
    page_bytes: usize,
    goal: Option<Goal>,
    run: Box<dyn Fn() -> Result<u64, String>>,
}

fn median(mut values: Vec<u64>) -> u64 {
    values.sort_unstable();
    values[values.len() / 2]
}

/// Set in the environment of the server process the bench starts (itself, re-run).
const SERVER_ENV: &str = "BURROW_MEMORY_BENCH_SERVER";

/// What the server process reports once it listens.
struct Served {
    port: u16,
    text_len: usize,
    text_lines: usize,
    menu_len: usize,
    blob_len: usize,
    blob_hash: u64,
    tiny_len: usize,
    tiny_lines: usize,
}

/// The server process: builds the pages, listens, prints one `READY ...` line, and serves
/// until its stdin closes (when the bench exits).
fn server_main() -> ExitCode {
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
    let mut pages = Pages::new();
    pages.insert("/big.txt", Arc::new(text));
    pages.insert("/menu", Arc::new(menu));
    pages.insert("/blob.bin", Arc::new(blob));
    pages.insert("/tiny.txt", Arc::new(tiny));
    let port = start_server(pages);
    println!("{port} {ready}");
    let _ = std::io::stdout().flush();
    let _ = std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
    ExitCode::SUCCESS
}

/// Starts the server process. It runs apart from this one because a child's `ru_maxrss`
/// counts the memory of the parent it was forked from: pages held here would inflate every
/// figure.
fn start_server_process() -> Result<(std::process::Child, Served), String> {
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

/// This process's resident memory now, in bytes: a floor under every child's figure.
fn own_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn main() -> ExitCode {
    if std::env::var_os(SERVER_ENV).is_some() {
        return server_main();
    }
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();

    let started = Instant::now();
    let (mut server, served) = match start_server_process() {
        Ok(started) => started,
        Err(why) => {
            println!("could not start the test server: {why}");
            return ExitCode::FAILURE;
        }
    };
    let Served {
        port,
        text_len,
        text_lines,
        menu_len,
        blob_len,
        blob_hash,
        tiny_len,
        tiny_lines,
    } = served;
    eprintln!(
        "serving on 127.0.0.1:{port}: text {text_len} B ({text_lines} lines), menu {menu_len} B \
         ({MENU_LINKS} links), blob {blob_len} B, tiny {tiny_len} B (built in {:.1?}); this \
         process's RSS {:.1} MB",
        started.elapsed(),
        own_rss().unwrap_or(0) as f64 / MB
    );
    let base = format!("gopher://127.0.0.1:{port}");

    let text_lines = text_lines as u64;
    let tiny_lines = tiny_lines as u64;
    let blob_bytes = blob_len as u64;
    let lines_check = move |want: u64| {
        move |out: &Output| {
            if out.newlines == want {
                Ok(())
            } else {
                Err(format!("printed {} lines, expected {want}", out.newlines))
            }
        }
    };
    let cases = vec![
        Case {
            name: "baseline",
            what: format!("baseline --print {tiny_len} B text"),
            page_bytes: tiny_len,
            goal: None,
            run: Box::new({
                let url = format!("{base}/0/tiny.txt");
                move || one_shot(&["--print", &url], &lines_check(tiny_lines))
            }),
        },
        Case {
            name: "text",
            what: format!("text --print {:.1} MB", text_len as f64 / MB),
            page_bytes: text_len,
            goal: Some(Goal::Ratio(1.3)),
            run: Box::new({
                let url = format!("{base}/0/big.txt");
                move || one_shot(&["--print", &url], &lines_check(text_lines))
            }),
        },
        Case {
            name: "menu",
            what: format!(
                "menu --print {:.1} MB ({MENU_LINKS} links)",
                menu_len as f64 / MB
            ),
            page_bytes: menu_len,
            goal: Some(Goal::Bytes(15.0 * MB)),
            run: Box::new({
                let url = format!("{base}/1/menu");
                move || one_shot(&["--print", &url], &lines_check(MENU_LINKS as u64))
            }),
        },
        Case {
            name: "raw",
            what: format!("raw --raw {:.1} MB binary", blob_len as f64 / MB),
            page_bytes: blob_len,
            goal: Some(Goal::Bytes(8.0 * MB)),
            run: Box::new({
                let url = format!("{base}/9/blob.bin");
                move || {
                    one_shot(&["--raw", &url], &|out: &Output| {
                        if out.bytes == blob_bytes && out.hash == blob_hash {
                            Ok(())
                        } else {
                            Err(format!(
                                "wrote {} bytes (hash {:x}), expected {blob_bytes} (hash \
                                 {blob_hash:x})",
                                out.bytes, out.hash
                            ))
                        }
                    })
                }
            }),
        },
        Case {
            name: "tui-baseline",
            what: format!("baseline browser {tiny_len} B text"),
            page_bytes: tiny_len,
            goal: None,
            run: Box::new({
                let url = format!("{base}/0/tiny.txt");
                move || interactive(&url, TEXT_END_MARKER)
            }),
        },
        Case {
            name: "tui-text",
            what: format!("text browser {:.1} MB", text_len as f64 / MB),
            page_bytes: text_len,
            goal: Some(Goal::Ratio(1.3)),
            run: Box::new({
                let url = format!("{base}/0/big.txt");
                move || interactive(&url, TEXT_END_MARKER)
            }),
        },
        Case {
            name: "tui-menu",
            what: format!(
                "menu browser {:.1} MB ({MENU_LINKS} links)",
                menu_len as f64 / MB
            ),
            page_bytes: menu_len,
            goal: Some(Goal::Bytes(15.0 * MB)),
            run: Box::new({
                let url = format!("{base}/1/menu");
                let last = format!("Document {:06} (archive)", MENU_LINKS - 1);
                move || interactive(&url, &last)
            }),
        },
    ];
    // Ten visits of the 50 MB text: the pages left pile up in history until the page memory
    // budget drops the oldest bodies. Goal: 1.5x the budget plus one page. The unbounded case
    // (a budget no history reaches) is how Burrow behaved before the budget.
    let mut cases = cases;
    for (name, budget, goal) in [
        ("tui-history-default", 256 * MIB, true),
        ("tui-history-64mib", 64 * MIB, true),
        ("tui-history-unbounded", 1 << 40, false),
    ] {
        let budget_mb = budget as f64 / MB;
        cases.push(Case {
            name,
            what: if goal {
                format!(
                    "{HISTORY_VISITS} visits of the {:.0} MB text, page_memory {budget_mb:.1} MB",
                    text_len as f64 / MB
                )
            } else {
                format!(
                    "{HISTORY_VISITS} visits of the {:.0} MB text, page_memory unbounded (as \
                     before the budget)",
                    text_len as f64 / MB
                )
            },
            page_bytes: text_len,
            goal: goal.then_some(Goal::Bytes(1.5 * budget as f64 + text_len as f64)),
            run: Box::new({
                let url = format!("{base}/0/big.txt");
                let config = format!("[history]\npage_memory = {budget}\n");
                move || interactive_visits(&url, HISTORY_VISITS, Some(&config))
            }),
        });
    }

    let mut failures = 0;
    for case in &cases {
        if !filters.is_empty() && !filters.iter().any(|f| case.name.contains(f.as_str())) {
            continue;
        }
        let mut peaks = Vec::new();
        let mut error = None;
        for _ in 0..RUNS {
            match (case.run)() {
                Ok(peak) => peaks.push(peak),
                Err(why) => {
                    error = Some(why);
                    break;
                }
            }
        }
        if let Some(why) = error {
            println!("{}: FAILED to measure: {why}", case.what);
            failures += 1;
            continue;
        }
        let runs: Vec<String> = peaks
            .iter()
            .map(|&p| format!("{:.1}", p as f64 / MB))
            .collect();
        let peak = median(peaks) as f64;
        let ratio = peak / case.page_bytes as f64;
        let (goal, met) = match case.goal {
            None if case.name.starts_with("tui-history") => ("(no goal)".to_owned(), true),
            None => ("(the binary's own footprint, no goal)".to_owned(), true),
            Some(Goal::Ratio(max)) => (format!("= {ratio:.2}x (goal <= {max:.2}x)"), ratio <= max),
            Some(Goal::Bytes(max)) => (
                format!("= {ratio:.2}x (goal <= {:.1} MB)", max / MB),
                peak <= max,
            ),
        };
        let verdict = match (&case.goal, met) {
            (None, _) => "",
            (Some(_), true) => " OK",
            (Some(_), false) => " MISSED",
        };
        println!(
            "{}: peak RSS {:.1} MB {goal}{verdict}   [runs: {} MB]",
            case.what,
            peak / MB,
            runs.join(", ")
        );
        if !met {
            failures += 1;
        }
    }
    let _ = server.kill();
    let _ = server.wait();
    if failures > 0 {
        println!("{failures} case(s) missed their goal or failed");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
