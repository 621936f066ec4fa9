//! One measured run of the real `burrow`: a one-shot (`--print`, `--raw`) with its output
//! drained and checked, or the browser in an 80x24 pseudo-terminal (testkit's pty session)
//! driven until the page is shown; either way the peak RSS, read with `wait4`'s `ru_maxrss`.

use crate::TIME_LIMIT;
use crate::served::{FNV_START, fnv1a};
use std::io::{BufReader, Read};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};
use testkit::pty::{Launch, PtySession};

/// What a child wrote to stdout.
#[derive(Debug, Default, Clone, Copy)]
pub struct Output {
    pub bytes: u64,
    pub newlines: u64,
    pub hash: u64,
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

/// Runs `burrow args...` with stdout drained and counted; returns its peak RSS.
pub fn one_shot(
    args: &[&str],
    expect: &dyn Fn(&Output) -> Result<(), String>,
) -> Result<u64, String> {
    let home = tempfile::tempdir().map_err(|e| format!("temporary HOME: {e}"))?;
    let mut command = Command::new(env!("CARGO_BIN_EXE_burrow"));
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command.envs(testkit::home_env(home.path()));
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
    session: PtySession,
    pid: u32,
    _home: tempfile::TempDir,
}

impl Browser {
    /// Starts `burrow url`, with `config` as its config file when given.
    fn start(url: &str, config: Option<&str>) -> Result<Browser, String> {
        let home = tempfile::tempdir().map_err(|e| format!("temporary HOME: {e}"))?;
        let mut launch = Launch::new(env!("CARGO_BIN_EXE_burrow")).home(home.path());
        if let Some(config) = config {
            let file = home.path().join("bench-config.toml");
            std::fs::write(&file, config).map_err(|e| format!("writing the config: {e}"))?;
            launch = launch.args([std::ffi::OsStr::new("--config"), file.as_os_str()]);
        }
        let session = PtySession::start(launch.args([url]))?;
        let pid = session
            .child
            .process_id()
            .ok_or("the child has no process id")?;
        Ok(Browser {
            session,
            pid,
            _home: home,
        })
    }

    fn contents(&self) -> String {
        self.session.with_screen(vt100::Screen::contents)
    }

    fn send(&mut self, keys: &str) {
        // The browser may be gone already; `finish` says so.
        let _ = self.session.try_send(keys);
    }

    /// Polls the screen every 100 ms until `round` says yes (or the time limit passes); each
    /// round may press keys.
    fn wait(
        &mut self,
        deadline: Instant,
        what: &str,
        mut round: impl FnMut(&mut Browser, &str) -> bool,
    ) -> Result<(), String> {
        while Instant::now() < deadline && !self.session.output_ended() {
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
            self.send("q");
        } else {
            // Killed by pid, not through the session, so that `wait4` below reaps it.
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
pub fn interactive(url: &str, last_text: &str) -> Result<u64, String> {
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
                browser.send("\x1b[F");
            }
            false
        },
    );
    browser.finish(outcome)
}

/// Opens `{base}-1` to `{base}-{visits}` one after another with `g`, each once it has loaded,
/// with `config` as the config file; returns the peak RSS. Every visit is a new page, so the
/// ones before pile up in history.
pub fn interactive_visits(base: &str, visits: usize, config: Option<&str>) -> Result<u64, String> {
    let mut browser = Browser::start(&format!("{base}-1"), config)?;
    let deadline = Instant::now() + TIME_LIMIT * visits as u32;
    let mut outcome = Ok(());
    for visit in 1..=visits {
        if visit > 1 {
            browser.send(&format!("g{base}-{visit}\r"));
        }
        let title = format!("txt-{visit} ");
        outcome = browser.wait(deadline, &format!("visit {visit}"), |_, shown| {
            shown.contains(&title) && !shown.contains("Esc cancels") && shown.contains("Row 1 of")
        });
        if outcome.is_err() {
            break;
        }
    }
    browser.finish(outcome)
}

/// Runs the browser on `url`, opens `tabs - 1` more tabs on the start page with Ctrl-t (one
/// at a time, each once the start page shows), then quits; returns the peak RSS.
pub fn interactive_tabs(url: &str, tabs: usize) -> Result<u64, String> {
    let mut browser = Browser::start(url, None)?;
    let deadline = Instant::now() + TIME_LIMIT;
    let mut outcome = browser.wait(deadline, "the first page", |_, shown| {
        !shown.contains("Esc cancels") && shown.contains("Row 1 of")
    });
    for _ in 1..tabs {
        if outcome.is_err() {
            break;
        }
        browser.send("\x14");
        outcome = browser.wait(deadline, "a new tab on the start page", |_, shown| {
            shown.contains("about:start")
        });
    }
    if outcome.is_ok() && tabs > 10 {
        // Fifty cells cannot fit in 80 columns: the bar scrolled, with its `<` mark.
        outcome = browser.wait(
            deadline,
            "the tab bar scrolled to the last tab",
            |_, shown| shown.lines().any(|row| row.starts_with('<')),
        );
    }
    browser.finish(outcome)
}
