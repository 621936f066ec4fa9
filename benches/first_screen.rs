//! First screen at the network's pace (issue 11.12): the time from exec to the first screen
//! of a page drawn in an 80x24 pseudo-terminal, for `burrow` and, side by side on
//! gophernicus, phetch and lynx where they are installed.
//!
//! Two pages are served from 127.0.0.1: a 100,000-link menu and a 50 MB text, by the
//! in-process server the tests use (`testkit`, answering at once) and by gophernicus (under
//! socat, as `.ci/gopher-servers.sh` runs it) when installed. The floor for each is the time
//! from connecting to the first byte of the reply, measured with a plain socket. A client's
//! first screen is the moment its output puts line 15 of the page on the emulated screen
//! (vt100), from just before the process is spawned. Every figure is the median of `RUNS`
//! interleaved runs (min and max beside it), each client with an empty temporary HOME.
//!
//! lynx is measured on the text only: it converts a whole menu into HTML before showing any
//! of it (more than 8 s for this one), which says nothing about a first screen.
//!
//! Goals, checked for burrow on gophernicus (the bench exits non-zero if one is missed): the
//! first screen within 10 ms of the floor (so start-up, parsing and drawing together cost at
//! most 10 ms), at most half of phetch's time on the menu, and no slower than lynx on the text.
//!
//! Run: `cargo bench --bench first_screen` (`-- --runs N` for another number of runs).

mod pages;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};
use testkit::pty::{Launch, PtySession};
use testkit::server::{Reply, TestServer};

const MENU_LINKS: usize = 100_000;
const TEXT_SIZE: usize = 50_000_000;
const DEFAULT_RUNS: usize = 7;
/// A client that shows nothing within this long counts as a failure.
const TIME_LIMIT: Duration = Duration::from_secs(60);
const PHETCH: &str = "/opt/phetch/bin/phetch";
const LYNX: &str = "/usr/bin/lynx";
const GOPHERNICUS: &str = "/usr/sbin/gophernicus";

/// A page and the text whose appearance on screen means its first screen is drawn.
#[derive(Clone, Copy)]
struct Page {
    name: &'static str,
    selector: &'static str,
    item_type: char,
    marker: &'static str,
}

const MENU: Page = Page {
    name: "100,000-link menu",
    selector: "/menu",
    item_type: '1',
    marker: "Entry 000015",
};
const TEXT: Page = Page {
    name: "50 MB text",
    selector: "/text.txt",
    item_type: '0',
    marker: "Line 0000015:",
};

/// The menu's lines (gophermap syntax with tabs; `port` for the links' host).
fn menu_lines(port: u16) -> Vec<u8> {
    let mut out = Vec::with_capacity(MENU_LINKS * 48);
    for i in 1..=MENU_LINKS {
        out.extend_from_slice(
            format!("0Entry {i:06}\t/docs/{i:06}.txt\t127.0.0.1\t{port}\r\n").as_bytes(),
        );
    }
    out
}

/// About 50 MB of numbered prose lines of about 70 characters (no wrapping at 80 columns).
fn text_body() -> Vec<u8> {
    let mut out = Vec::with_capacity(TEXT_SIZE + 128);
    let mut prose = pages::Prose::default();
    let mut number = 0usize;
    while out.len() < TEXT_SIZE {
        number += 1;
        let start = out.len();
        out.extend_from_slice(format!("Line {number:07}: ").as_bytes());
        prose.line(&mut out, start, 66, TEXT_SIZE);
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// The in-process server: the page for its selector and the `.` line, then close.
fn serve_in_process(menu: &[u8], text: &[u8]) -> TestServer {
    let with_end = |page: &[u8]| Reply::Shared([page, b".\r\n"].concat().into());
    TestServer::start(|_| {
        vec![
            (MENU.selector, with_end(menu)),
            (TEXT.selector, with_end(text)),
        ]
    })
}

/// A free port on 127.0.0.1 (bound, then released for the server to take).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// gophernicus under socat serving `root`, once it answers; `None` when not installed.
fn start_gophernicus(root: &Path, port: u16) -> Option<Child> {
    if !Path::new(GOPHERNICUS).exists() || Command::new("socat").arg("-V").output().is_err() {
        return None;
    }
    // gophernicus refuses to run as root; socat then runs it as nobody.
    let su = if unsafe_is_root() { ",su=nobody" } else { "" };
    let exec = format!(
        "EXEC:{GOPHERNICUS} -h 127.0.0.1 -p {port} -r {} -ns -nm{su}",
        root.display()
    );
    let child = Command::new("socat")
        .arg(format!("TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork"))
        .arg(exec)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if time_to_first_byte(port, MENU.selector).is_ok() {
            return Some(child);
        }
        thread::sleep(Duration::from_millis(100));
    }
    None
}

fn unsafe_is_root() -> bool {
    // SAFETY: getuid has no preconditions.
    unsafe { libc::getuid() == 0 }
}

/// The content gophernicus serves: the menu as a gophermap and the text as a file.
fn write_gophernicus_root(root: &Path, port: u16, text: &[u8]) {
    let menu_dir = root.join("menu");
    std::fs::create_dir_all(&menu_dir).expect("menu folder");
    let map: Vec<u8> = menu_lines(port)
        .split(|&b| b == b'\n')
        .flat_map(|line| {
            line.strip_suffix(b"\r")
                .unwrap_or(line)
                .iter()
                .copied()
                .chain([b'\n'])
        })
        .collect();
    std::fs::write(menu_dir.join("gophermap"), map.trim_ascii_end()).expect("gophermap");
    std::fs::write(root.join("text.txt"), text).expect("text file");
    for path in [root, &menu_dir] {
        let _ = std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o755));
    }
}

/// Connect, send the selector, read the first byte: the floor for any client.
fn time_to_first_byte(port: u16, selector: &str) -> Result<Duration, String> {
    let start = Instant::now();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| e.to_string())?;
    stream
        .write_all(format!("{selector}\r\n").as_bytes())
        .map_err(|e| e.to_string())?;
    let mut byte = [0u8; 1];
    match stream.read(&mut byte) {
        Ok(1) => Ok(start.elapsed()),
        Ok(_) => Err("closed before the first byte".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// Spawns `argv` in a fresh 80x24 pseudo-terminal with an empty HOME and returns how long
/// after the spawn `marker` appeared on its screen (seen by the thread reading the terminal,
/// as each piece of output lands).
fn first_screen(argv: &[String], marker: &str) -> Result<Duration, String> {
    let (seen_tx, seen_rx) = mpsc::channel();
    let marker = marker.to_owned();
    let mut seen = false;
    let watch = Box::new(move |screen: &vt100::Screen| {
        if !seen && screen.contents().contains(&marker) {
            seen = true;
            let _ = seen_tx.send(Instant::now());
        }
    });
    // Dropping the session at the end kills the client.
    let client = PtySession::start(Launch::new(&argv[0]).args(&argv[1..]).on_output(watch))?;
    seen_rx
        .recv_timeout(TIME_LIMIT)
        .map(|at| at.saturating_duration_since(client.spawned_at))
        .map_err(|_| format!("{} showed no first screen within {TIME_LIMIT:?}", argv[0]))
}

/// One measured case: a client on a page from a server.
struct Case {
    server: &'static str,
    page: Page,
    client: &'static str,
    argv: Vec<String>,
    times: Vec<Duration>,
    failures: Vec<String>,
}

fn median(values: &[Duration]) -> Duration {
    let mut sorted = values.to_vec();
    sorted.sort();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_RUNS);
    let burrow = env!("CARGO_BIN_EXE_burrow").to_owned();

    let text = text_body();
    // The links are never followed, so where they point does not matter.
    let own_server = serve_in_process(&menu_lines(70), &text);
    let own_port = own_server.port();

    let root = tempfile::Builder::new()
        .prefix("burrow-first-screen")
        .tempdir()
        .expect("temporary folder");
    let gophernicus_port = free_port();
    write_gophernicus_root(root.path(), gophernicus_port, &text);
    let gophernicus = start_gophernicus(root.path(), gophernicus_port);
    if gophernicus.is_none() {
        eprintln!("gophernicus or socat is not installed: measuring the in-process server only");
    }

    let url = |port: u16, page: Page| {
        format!(
            "gopher://127.0.0.1:{port}/{}{}",
            page.item_type, page.selector
        )
    };
    let mut servers: Vec<(&'static str, u16)> = vec![("in-process", own_port)];
    if gophernicus.is_some() {
        servers.push(("gophernicus", gophernicus_port));
    }
    let mut cases = Vec::new();
    for &(server, port) in &servers {
        for page in [MENU, TEXT] {
            let mut clients: Vec<(&'static str, Vec<String>)> =
                vec![("burrow", vec![burrow.clone(), url(port, page)])];
            if server == "gophernicus" {
                if Path::new(PHETCH).exists() {
                    clients.push(("phetch", vec![PHETCH.to_owned(), url(port, page)]));
                }
                if Path::new(LYNX).exists() && page.item_type == '0' {
                    clients.push(("lynx", vec![LYNX.to_owned(), url(port, page)]));
                }
            }
            for (client, argv) in clients {
                cases.push(Case {
                    server,
                    page,
                    client,
                    argv,
                    times: Vec::new(),
                    failures: Vec::new(),
                });
            }
        }
    }

    let mut floors: Vec<(&'static str, u16, Page, Vec<Duration>)> = Vec::new();
    for &(server, port) in &servers {
        for page in [MENU, TEXT] {
            floors.push((server, port, page, Vec::new()));
        }
    }
    for run in 0..runs {
        eprintln!("run {} of {runs}", run + 1);
        for (_, port, page, times) in &mut floors {
            if let Ok(t) = time_to_first_byte(*port, page.selector) {
                times.push(t);
            }
        }
        for case in &mut cases {
            match first_screen(&case.argv, case.page.marker) {
                Ok(t) => case.times.push(t),
                Err(why) => case.failures.push(why),
            }
        }
    }

    println!("exec to first screen, 80x24 pty, medians of {runs} runs (min-max)");
    let mut missed = Vec::new();
    for &(server, _) in &servers {
        for page in [MENU, TEXT] {
            let floor = floors
                .iter()
                .find(|(s, _, p, _)| *s == server && p.selector == page.selector)
                .map(|(_, _, _, t)| median(t))
                .unwrap_or_default();
            println!("\n{server}, {}: first byte after {}", page.name, ms(floor));
            let mut by_client = std::collections::HashMap::new();
            for case in cases
                .iter()
                .filter(|c| c.server == server && c.page.selector == page.selector)
            {
                let mid = median(&case.times);
                let (lo, hi) = (
                    case.times.iter().min().copied().unwrap_or_default(),
                    case.times.iter().max().copied().unwrap_or_default(),
                );
                println!(
                    "  {:8} {:>10}  ({} - {}){}",
                    case.client,
                    ms(mid),
                    ms(lo),
                    ms(hi),
                    if case.failures.is_empty() {
                        String::new()
                    } else {
                        format!("  {} failed: {}", case.failures.len(), case.failures[0])
                    }
                );
                if !case.failures.is_empty() {
                    missed.push(format!(
                        "{} on {server} {}: failures",
                        case.client, page.name
                    ));
                }
                by_client.insert(case.client, mid);
            }
            let Some(&ours) = by_client.get("burrow") else {
                continue;
            };
            let above = ours.saturating_sub(floor);
            println!("  burrow - first byte: {} (goal: at most 10 ms)", ms(above));
            if server != "gophernicus" {
                continue;
            }
            if above > Duration::from_millis(10) {
                missed.push(format!("{}: {} above the floor", page.name, ms(above)));
            }
            if let Some(&phetch) = by_client.get("phetch")
                && page.item_type == '1'
            {
                let ratio = ours.as_secs_f64() / phetch.as_secs_f64();
                println!("  burrow / phetch: {ratio:.2} (goal: at most 0.5)");
                if ratio > 0.5 {
                    missed.push(format!("{}: {ratio:.2} of phetch's time", page.name));
                }
            }
            if let Some(&lynx) = by_client.get("lynx") {
                let ratio = ours.as_secs_f64() / lynx.as_secs_f64();
                println!("  burrow / lynx: {ratio:.2} (goal: at most 1.0)");
                if ratio > 1.0 {
                    missed.push(format!("{}: {ratio:.2} of lynx's time", page.name));
                }
            }
        }
    }
    if let Some(mut child) = gophernicus {
        let _ = child.kill();
        let _ = child.wait();
    }
    if missed.is_empty() {
        ExitCode::SUCCESS
    } else {
        println!("\ngoals missed: {}", missed.join("; "));
        ExitCode::FAILURE
    }
}
