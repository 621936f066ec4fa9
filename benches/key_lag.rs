//! Key lag while a reply with very long lines streams in (issue 10.3). The real `burrow`
//! binary runs in an 80x24 pseudo-terminal and loads a page from a server on 127.0.0.1 while
//! a key is pressed over and over: `g` opens the "Go to:" prompt, Esc closes it, and each lag
//! is the time from writing the key to the screen showing its effect. Reported per case: the
//! median and the worst lag while the page loads (the worst is the longest freeze), and how
//! long the load took, each the median of three runs.
//!
//! Cases: a 100 MB reply that is one line with no line feed at all, and 50 MB in 10 MB lines.
//!
//! Run: `cargo bench --bench key_lag`. `BURROW_BIN=/path/to/burrow` measures another build
//! (an older one, for a before/after figure).

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const RUNS: usize = 3;
/// The longest any one wait may take before the run counts as failed.
const WAIT_LIMIT: Duration = Duration::from_secs(60);
const ROWS: u16 = 24;

/// `size` bytes of words and spaces without a line feed.
fn words(size: usize) -> Vec<u8> {
    let pattern = b"gopher burrow long line of plain words ";
    pattern.iter().copied().cycle().take(size).collect()
}

type Pages = HashMap<&'static str, Arc<Vec<u8>>>;

fn answer(stream: TcpStream, pages: &Pages) {
    let mut reader = BufReader::new(&stream).take(4096);
    let mut request = Vec::new();
    if reader.read_until(b'\n', &mut request).is_err() {
        return;
    }
    let selector = String::from_utf8_lossy(&request);
    let selector = selector.trim_end_matches(['\r', '\n']);
    let mut writer = &stream;
    // Errors are expected: the client may hang up first.
    let _ = match pages.get(selector) {
        Some(page) => writer.write_all(page),
        None => writer.write_all(b"3Not found\t\terror.host\t1\r\n.\r\n"),
    };
    let _ = stream.shutdown(std::net::Shutdown::Write);
}

fn start_server(pages: Pages) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a port on 127.0.0.1");
    let port = listener.local_addr().expect("the address").port();
    let pages = Arc::new(pages);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let pages = pages.clone();
            thread::spawn(move || answer(stream, &pages));
        }
    });
    port
}

/// What one run saw.
struct Run {
    lags: Vec<Duration>,
    load: Duration,
}

fn wait_for(
    screen: &Mutex<vt100::Parser>,
    what: &str,
    condition: impl Fn(&str) -> bool,
) -> Result<Duration, String> {
    let start = Instant::now();
    loop {
        let status = {
            let parser = screen.lock().map_err(|_| "screen lock poisoned")?;
            parser.screen().rows(0, 80).nth(usize::from(ROWS - 1))
        }
        .unwrap_or_default();
        if condition(&status) {
            return Ok(start.elapsed());
        }
        if start.elapsed() > WAIT_LIMIT {
            return Err(format!("timed out waiting for {what}; status: {status:?}"));
        }
        thread::sleep(Duration::from_micros(500));
    }
}

fn one_run(binary: &str, url: &str) -> Result<Run, String> {
    let home = tempfile::tempdir().map_err(|e| format!("temporary home: {e}"))?;
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .map_err(|e| format!("opening a pseudo-terminal: {e}"))?;
    let mut command = CommandBuilder::new(binary);
    command.arg(url);
    command.env("TERM", "xterm-256color");
    for (name, dir) in [
        ("HOME", ""),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
    ] {
        command.env(name, home.path().join(dir));
    }
    let mut child = pair
        .slave
        .spawn_command(command)
        .map_err(|e| format!("starting burrow: {e}"))?;
    drop(pair.slave);
    let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, 80, 0)));
    let mut reader = pair
        .master
        .try_clone_reader()
        .map_err(|e| format!("pty reader: {e}"))?;
    let mut writer = pair
        .master
        .take_writer()
        .map_err(|e| format!("pty writer: {e}"))?;
    {
        let screen = screen.clone();
        thread::spawn(move || {
            let mut buffer = [0u8; 65536];
            while let Ok(n @ 1..) = reader.read(&mut buffer) {
                if let Ok(mut parser) = screen.lock() {
                    parser.process(&buffer[..n]);
                }
            }
        });
    }
    let started = Instant::now();
    let mut send = |keys: &[u8]| {
        writer
            .write_all(keys)
            .and_then(|()| writer.flush())
            .map_err(|e| format!("writing keys: {e}"))
    };
    wait_for(&screen, "loading to start", |s| s.contains("Esc cancels"))?;
    let mut lags = Vec::new();
    loop {
        send(b"g")?;
        lags.push(wait_for(&screen, "the Go to prompt", |s| {
            s.contains("Go to:")
        })?);
        send(b"\x1b")?;
        lags.push(wait_for(&screen, "the prompt to close", |s| {
            !s.contains("Go to:")
        })?);
        let loading = wait_for(&screen, "the status bar", |s| !s.trim().is_empty()).map(|_| {
            screen.lock().is_ok_and(|p| {
                p.screen()
                    .rows(0, 80)
                    .nth(usize::from(ROWS - 1))
                    .is_some_and(|s| s.contains("Esc cancels"))
            })
        })?;
        if !loading {
            break;
        }
    }
    let load = started.elapsed();
    send(b"q")?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().ok().flatten().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            return Err("burrow did not quit".into());
        }
        thread::sleep(Duration::from_millis(20));
    }
    Ok(Run { lags, load })
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> ExitCode {
    let binary =
        std::env::var("BURROW_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_burrow").to_owned());
    let mut ten_mb_lines = Vec::new();
    for _ in 0..5 {
        ten_mb_lines.extend(words(10_000_000));
        ten_mb_lines.extend_from_slice(b"\r\n");
    }
    let cases: [(&'static str, &str, Vec<u8>); 2] = [
        (
            "/one-line",
            "100 MB, one line, no line feed",
            words(100_000_000),
        ),
        ("/ten-mb-lines", "50 MB in 10 MB lines", ten_mb_lines),
    ];
    let pages: Pages = cases
        .iter()
        .map(|(selector, _, body)| (*selector, Arc::new(body.clone())))
        .collect();
    let port = start_server(pages);
    println!("binary: {binary}");
    let mut failed = false;
    for (selector, name, _) in &cases {
        let url = format!("gopher://127.0.0.1:{port}/0{selector}");
        let mut medians = Vec::new();
        let mut worsts = Vec::new();
        let mut loads = Vec::new();
        for _ in 0..RUNS {
            match one_run(&binary, &url) {
                Ok(run) => {
                    worsts.push(run.lags.iter().copied().max().unwrap_or_default());
                    medians.push(median(run.lags));
                    loads.push(run.load);
                }
                Err(why) => {
                    println!("{name}: run failed: {why}");
                    failed = true;
                }
            }
        }
        if !medians.is_empty() {
            println!(
                "{name}: key lag median {}, worst {} (medians of {} runs); load {}",
                ms(median(medians)),
                ms(median(worsts)),
                loads.len(),
                ms(median(loads))
            );
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
