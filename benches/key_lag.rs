//! Key lag while a reply with very long lines streams in (issue 10.3). The real `burrow`
//! binary runs in an 80x24 pseudo-terminal and loads a page from a server on 127.0.0.1 while
//! a key is pressed over and over: `g` opens the "Go to:" prompt, Esc closes it, and each lag
//! is the time from writing the key to the screen showing its effect. Reported per case: the
//! median and the worst lag while the page loads (the worst is the longest freeze), and how
//! long the load took, each the median of three runs.
//!
//! Cases: a 100 MB reply that is one line with no line feed at all, and 50 MB in 10 MB lines.
//!
//! Tabs (issue 13.9): on a menu of ten links, the same keys for 3 s with no other tab, and
//! with ten background tabs (opened with `T`) each loading a 100,000-link menu dripped at
//! about 1.6 MB/s (about 4 s each), so all ten load throughout the measured keys.
//!
//! Run: `cargo bench --bench key_lag`. `BURROW_BIN=/path/to/burrow` measures another build
//! (an older one, for a before/after figure).

use std::process::ExitCode;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};
use testkit::pty::{Launch, PtySession};
use testkit::server::{Reply, TestServer};

const RUNS: usize = 3;
/// The longest any one wait may take before the run counts as failed.
const WAIT_LIMIT: Duration = Duration::from_secs(60);

/// `size` bytes of words and spaces without a line feed.
fn words(size: usize) -> Vec<u8> {
    let pattern = b"gopher burrow long line of plain words ";
    pattern.iter().copied().cycle().take(size).collect()
}

/// What one run saw.
struct Run {
    lags: Vec<Duration>,
    load: Duration,
}

/// Polls the status bar until `condition` holds; returns how long that took.
fn wait_for(
    burrow: &PtySession,
    what: &str,
    condition: impl Fn(&str) -> bool,
) -> Result<Duration, String> {
    let start = Instant::now();
    loop {
        let status = burrow.status_bar();
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
    let mut burrow = PtySession::start(Launch::new(binary).args([url]))?;
    let started = Instant::now();
    let send = |burrow: &mut PtySession, keys: &str| {
        burrow
            .try_send(keys)
            .map_err(|e| format!("writing keys: {e}"))
    };
    wait_for(&burrow, "loading to start", |s| s.contains("Esc cancels"))?;
    let mut lags = Vec::new();
    loop {
        lags.extend(go_to_and_back(&mut burrow)?);
        wait_for(&burrow, "the status bar", |s| !s.trim().is_empty())?;
        if !burrow.status_bar().contains("Esc cancels") {
            break;
        }
    }
    let load = started.elapsed();
    send(&mut burrow, "q")?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while burrow.child.try_wait().ok().flatten().is_none() {
        if Instant::now() > deadline {
            return Err("burrow did not quit".into());
        }
        thread::sleep(Duration::from_millis(20));
    }
    Ok(Run { lags, load })
}

/// How long the tab cases press keys.
const TAB_KEYS_FOR: Duration = Duration::from_secs(3);
const BACKGROUND_TABS: usize = 10;

/// A menu of `links` text links.
fn menu(links: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(links * 60);
    for i in 0..links {
        out.extend(format!("0Document {i:06}\t/doc/{i}\t127.0.0.1\t70\r\n").into_bytes());
    }
    out.extend_from_slice(b".\r\n");
    out
}

/// Opens `background` links of the menu at `url` in background tabs, then presses `g`/Esc
/// for `TAB_KEYS_FOR`; the lags of those keys.
fn tabs_run(binary: &str, url: &str, background: usize) -> Result<Vec<Duration>, String> {
    let mut burrow = PtySession::start(Launch::new(binary).args([url]))?;
    let send = |burrow: &mut PtySession, keys: &str| {
        burrow
            .try_send(keys)
            .map_err(|e| format!("writing keys: {e}"))
    };
    wait_for(&burrow, "the menu", |_| {
        burrow.screen_contains("Big menu 9")
    })?;
    for _ in 0..background {
        send(&mut burrow, "T\x1b[B")?;
    }
    let started = Instant::now();
    let mut lags = Vec::new();
    while started.elapsed() < TAB_KEYS_FOR {
        lags.extend(go_to_and_back(&mut burrow)?);
    }
    if background > 0 {
        // The next tab holds the first big menu (still loading or loaded).
        send(&mut burrow, "\t")?;
        wait_for(&burrow, "the next tab's menu", |_| {
            burrow.screen_contains("Document 000000")
        })?;
    }
    send(&mut burrow, "q")?;
    Ok(lags)
}

/// The tab cases: key lag with no other tab and with ten loading in the background.
fn tab_cases(binary: &str) -> bool {
    let big = menu(100_000);
    let server = TestServer::start(|port| {
        let mut index = Vec::new();
        for n in 1..=BACKGROUND_TABS {
            index.extend(format!("1Big menu {n}\t/menu-{n}\t127.0.0.1\t{port}\r\n").into_bytes());
        }
        index.extend_from_slice(b".\r\n");
        let mut routes = vec![("/tabs".to_owned(), Reply::Bytes(index))];
        for n in 1..=BACKGROUND_TABS {
            let drip = Reply::Drip(big.clone(), 16 * 1024, Duration::from_millis(10));
            routes.push((format!("/menu-{n}"), drip));
        }
        routes
    });
    let url = format!("gopher://127.0.0.1:{}/1/tabs", server.port());
    let mut failed = false;
    for background in [0, BACKGROUND_TABS] {
        let mut medians = Vec::new();
        let mut worsts = Vec::new();
        for _ in 0..RUNS {
            match tabs_run(binary, &url, background) {
                Ok(lags) => {
                    worsts.push(lags.iter().copied().max().unwrap_or_default());
                    medians.push(median(lags));
                }
                Err(why) => {
                    println!("{background} background tabs: run failed: {why}");
                    failed = true;
                }
            }
        }
        if !medians.is_empty() {
            println!(
                "{background} background tabs loading 100,000-link menus: key lag median {}, \
                 worst {} (medians of {} runs)",
                ms(median(medians)),
                ms(median(worsts.clone())),
                worsts.len()
            );
        }
    }
    failed
}

/// `g` then Esc: how long the Go to prompt took to show, then to close.
fn go_to_and_back(burrow: &mut PtySession) -> Result<[Duration; 2], String> {
    let writing = |e: std::io::Error| format!("writing keys: {e}");
    burrow.try_send("g").map_err(writing)?;
    let opened = wait_for(burrow, "the Go to prompt", |s| s.contains("Go to:"))?;
    burrow.try_send("\x1b").map_err(writing)?;
    let closed = wait_for(burrow, "the prompt to close", |s| !s.contains("Go to:"))?;
    Ok([opened, closed])
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
    let server = TestServer::start(|_| {
        cases
            .iter()
            .map(|(selector, _, body)| (*selector, Reply::Shared(Arc::from(body.as_slice()))))
            .collect()
    });
    let port = server.port();
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
    failed |= tab_cases(&binary);
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
