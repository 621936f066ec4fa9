//! A program (the real `burrow`, or a peer such as phetch or lynx) in a pseudo-terminal: a
//! reader thread feeds a vt100 emulator that keeps its screen and records every window title
//! the output tries to set; tests and benches press keys, wait (bounded) for text, and check
//! the terminal was restored.

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const ROWS: u16 = 24;
pub const COLS: u16 = 80;
/// The longest any single wait may take before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(10);
pub const POLL: Duration = Duration::from_millis(20);

pub const DOWN: &str = "\x1b[B";
pub const UP: &str = "\x1b[A";
pub const LEFT: &str = "\x1b[D";
pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";

/// Remembers every window and icon title the output tries to set (a page must never manage
/// to).
#[derive(Default)]
pub struct Titles(Vec<Vec<u8>>);

impl vt100::Callbacks for Titles {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.0.push(title.to_vec());
    }

    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.0.push(name.to_vec());
    }
}

/// Called by the reader thread with the screen after each piece of output is applied.
pub type OnOutput = Box<dyn FnMut(&vt100::Screen) + Send>;

/// What to start: a program, its arguments, its home and extra environment.
pub struct Launch {
    program: OsString,
    args: Vec<OsString>,
    home: Option<PathBuf>,
    env: Vec<(OsString, OsString)>,
    on_output: Option<OnOutput>,
}

impl Launch {
    pub fn new(program: impl AsRef<OsStr>) -> Launch {
        Launch {
            program: program.as_ref().to_owned(),
            args: Vec::new(),
            home: None,
            env: Vec::new(),
            on_output: None,
        }
    }

    pub fn args<S: AsRef<OsStr>>(mut self, args: impl IntoIterator<Item = S>) -> Launch {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// `home` as HOME and its `config`, `data`, `state` and `cache` folders as the XDG homes;
    /// without it the session makes an empty temporary home and removes it at the end.
    pub fn home(mut self, home: &Path) -> Launch {
        self.home = Some(home.to_owned());
        self
    }

    pub fn env(mut self, name: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Launch {
        self.env
            .push((name.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    /// Watches the screen from the reader thread, as each piece of output lands (for timing
    /// the first screen without polling).
    pub fn on_output(mut self, watch: OnOutput) -> Launch {
        self.on_output = Some(watch);
        self
    }
}

/// A running program in a pseudo-terminal, with an emulated screen fed by a reader thread.
pub struct PtySession {
    /// The terminal's side; `None` once [`PtySession::hang_up`] closed it.
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    /// Tells the reader thread to stop and close its copy of the terminal's side.
    stop_reading: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
    pub child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser<Titles>>>,
    /// Set once the terminal output has ended (the child and every copy of the slave closed).
    output_ended: Arc<AtomicBool>,
    pub exit: Option<ExitStatus>,
    /// Just before the program was started.
    pub spawned_at: Instant,
    /// The temporary home made when the launch named none, removed when the session ends.
    _home: Option<tempfile::TempDir>,
}

impl PtySession {
    /// Starts `program` with these arguments in an 80x24 pseudo-terminal, with its own empty
    /// config and data folders (never the real home).
    pub fn spawn(program: &str, args: &[&str]) -> PtySession {
        PtySession::expect_started(Launch::new(program).args(args))
    }

    /// Starts `program` with `home` as its home and XDG config, data and state home.
    pub fn spawn_in(program: &str, args: &[&str], home: &Path) -> PtySession {
        PtySession::expect_started(Launch::new(program).args(args).home(home))
    }

    /// Starts `program` with `home` as its home and these extra environment variables.
    pub fn spawn_with_env(
        program: &str,
        args: &[&str],
        home: &Path,
        env: &[(&str, OsString)],
    ) -> PtySession {
        let launch = env.iter().fold(
            Launch::new(program).args(args).home(home),
            |launch, (name, value)| launch.env(name, value),
        );
        PtySession::expect_started(launch)
    }

    fn expect_started(launch: Launch) -> PtySession {
        PtySession::start(launch).unwrap_or_else(|why| panic!("{why}"))
    }

    /// Starts what `launch` says in an 80x24 pseudo-terminal, or says why it could not.
    pub fn start(launch: Launch) -> Result<PtySession, String> {
        let made_home = match launch.home {
            Some(_) => None,
            None => Some(tempfile::tempdir().map_err(|e| format!("a temporary home: {e}"))?),
        };
        let home = launch
            .home
            .as_deref()
            .or(made_home.as_ref().map(|h| h.path()))
            .ok_or("no home")?
            .to_owned();
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("opening a pseudo-terminal: {e}"))?;
        let mut command = CommandBuilder::new(&launch.program);
        command.args(&launch.args);
        command.env("TERM", "xterm-256color");
        for (name, value) in crate::home_env(&home) {
            command.env(name, value);
        }
        command.env_remove("NO_COLOR");
        for (name, value) in &launch.env {
            command.env(name, value);
        }
        let mut reader = pair
            .master
            .try_clone_reader()
            .map_err(|e| format!("cloning the pseudo-terminal reader: {e}"))?;
        let spawned_at = Instant::now();
        let child = pair.slave.spawn_command(command).map_err(|e| {
            format!(
                "starting {} in a pseudo-terminal: {e}",
                launch.program.display()
            )
        })?;
        // Only the child may hold the slave, so the output ends when the child exits.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            ROWS,
            COLS,
            0,
            Titles::default(),
        )));
        let output_ended = Arc::new(AtomicBool::new(false));
        let screen = parser.clone();
        let ended = output_ended.clone();
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = stop_reading.clone();
        let master_fd = pair
            .master
            .as_raw_fd()
            .ok_or("the pseudo-terminal has no descriptor")?;
        let mut on_output = launch.on_output;
        let reader_thread = std::thread::spawn(move || {
            let mut buffer = [0u8; 16384];
            while !stop.load(Ordering::SeqCst) {
                // Wait (briefly) for output first, so a request to stop is seen in time.
                let mut poll = libc::pollfd {
                    fd: master_fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd; the descriptor stays open while this thread runs.
                if unsafe { libc::poll(&mut poll, 1, 20) } == 0 {
                    continue;
                }
                match reader.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let Ok(mut parser) = screen.lock() else { break };
                        parser.process(&buffer[..n]);
                        if let Some(watch) = on_output.as_mut() {
                            watch(parser.screen());
                        }
                    }
                }
            }
            ended.store(true, Ordering::SeqCst);
        });
        let writer = pair
            .master
            .take_writer()
            .map_err(|e| format!("taking the pseudo-terminal writer: {e}"))?;
        Ok(PtySession {
            master: Some(pair.master),
            writer: Some(writer),
            stop_reading,
            reader: Some(reader_thread),
            child,
            parser,
            output_ended,
            exit: None,
            spawned_at,
            _home: made_home,
        })
    }

    /// Every window or icon title the output tried to set, in order.
    pub fn titles(&self) -> Vec<Vec<u8>> {
        self.parser
            .lock()
            .map(|p| p.callbacks().0.clone())
            .unwrap_or_default()
    }

    /// Whether the terminal output has ended (the program and every copy of its terminal
    /// closed).
    pub fn output_ended(&self) -> bool {
        self.output_ended.load(Ordering::SeqCst)
    }

    /// Runs `f` on the current screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().expect("screen lock").screen())
    }

    /// Every row of the screen as text.
    pub fn rows(&self) -> Vec<String> {
        self.with_screen(|screen| screen.rows(0, COLS).collect())
    }

    /// One row of the screen as text.
    pub fn row(&self, row: u16) -> String {
        self.rows()
            .get(usize::from(row))
            .cloned()
            .expect("a row inside the screen")
    }

    /// The title bar without the security label at its right end, trimmed at the end.
    pub fn title_bar(&self) -> String {
        let row = self.row(0);
        let row = row.trim_end();
        match row.rfind("  [") {
            Some(label) if row.ends_with(']') => row[..label].trim_end().to_owned(),
            _ => row.to_owned(),
        }
    }

    /// The security label at the right end of the title bar, e.g. "[not encrypted]".
    pub fn security_label(&self) -> String {
        let row = self.row(0);
        let row = row.trim_end();
        match row.rfind("  [") {
            Some(label) if row.ends_with(']') => row[label + 2..].to_owned(),
            _ => String::new(),
        }
    }

    pub fn status_bar(&self) -> String {
        self.row(ROWS - 1)
    }

    /// The status bar without the menu position at its right end (`item 2 of 9`), trimmed:
    /// on a menu, where the selected link leads.
    pub fn status_target(&self) -> String {
        strip_menu_position(&self.status_bar())
    }

    pub fn screen_contains(&self, text: &str) -> bool {
        self.rows().iter().any(|row| row.contains(text))
    }

    /// The screen with row numbers, for failure messages.
    pub fn dump(&self) -> String {
        let (alternate, hidden) =
            self.with_screen(|screen| (screen.alternate_screen(), screen.hide_cursor()));
        let mut out = format!(
            "--- screen (alternate screen: {alternate}, cursor hidden: {hidden}, \
             output ended: {}) ---\n",
            self.output_ended()
        );
        for (number, row) in self.rows().iter().enumerate() {
            out.push_str(&format!("{number:2}|{row}\n"));
        }
        out.push_str("--- end of screen ---");
        out
    }

    /// Polls until `condition` holds for the session; panics with the screen after the deadline.
    pub fn wait_until(&self, what: &str, condition: impl Fn(&PtySession) -> bool) {
        let start = Instant::now();
        loop {
            if condition(self) {
                return;
            }
            if start.elapsed() > DEADLINE {
                panic!(
                    "timed out after {DEADLINE:?} waiting for {what}\n{}",
                    self.dump()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    pub fn wait_for_text(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |s| s.screen_contains(text));
    }

    /// Waits until the title bar shows exactly this location.
    pub fn wait_for_title(&self, location: &str) {
        let title = format!(" Burrow  {location}");
        self.wait_until(&format!("the title bar {title:?}"), |s| {
            s.title_bar() == title
        });
    }

    pub fn wait_for_status(&self, text: &str) {
        self.wait_until(&format!("{text:?} in the status bar"), |s| {
            s.status_bar().contains(text)
        });
    }

    /// Waits until the title bar shows this location, alone or after the menu's own title
    /// (a gophernicus `TITLE` line): ` Burrow  Title · location`.
    pub fn wait_for_location(&self, location: &str) {
        let alone = format!(" Burrow  {location}");
        let after_own_title = format!(" \u{b7} {location}");
        self.wait_until(&format!("the title bar {alone:?}"), |s| {
            let bar = s.title_bar();
            bar == alone || (bar.starts_with(" Burrow  ") && bar.ends_with(&after_own_title))
        });
    }

    /// Types these bytes into the terminal.
    pub fn send(&mut self, keys: &str) {
        self.try_send(keys)
            .expect("write keys to the pseudo-terminal");
    }

    /// Types these bytes into the terminal, or says why it could not (the program may have
    /// closed it).
    pub fn try_send(&mut self, keys: &str) -> std::io::Result<()> {
        let writer = self.writer.as_mut().ok_or(std::io::ErrorKind::BrokenPipe)?;
        writer.write_all(keys.as_bytes())?;
        writer.flush()
    }

    /// Moves the cursor from link to link until the status bar shows `url`; `links` are the
    /// menu's link addresses in order.
    pub fn select(&mut self, links: &[String], url: &str) {
        let position = |wanted: &str| {
            links
                .iter()
                .position(|link| link == wanted)
                .unwrap_or_else(|| panic!("{wanted} is not one of the menu's links {links:?}"))
        };
        // Right after a page draws, the status bar may still show the load's progress.
        self.wait_until("the cursor on one of the menu's links", |s| {
            links.contains(&s.status_target())
        });
        let (from, to) = (position(&self.status_target()), position(url));
        let key = if to > from { DOWN } else { UP };
        for _ in 0..from.abs_diff(to) {
            let status = self.status_target();
            self.send(key);
            self.wait_until(&format!("the cursor to move on from {status}"), |s| {
                s.status_target() != status
            });
        }
        self.wait_until(&format!("the cursor on {url}"), |s| {
            s.status_target() == url
        });
    }

    /// Presses q and waits (bounded) for a successful exit.
    pub fn quit(&mut self) {
        self.send("q");
        let status = self.wait_for_exit();
        assert!(status.success(), "exited with {status:?}\n{}", self.dump());
    }

    fn master(&self) -> &dyn MasterPty {
        self.master.as_deref().expect("the terminal is still open")
    }

    /// Closes the terminal's side, as when a terminal window is closed or an ssh connection
    /// drops: the kernel hangs up the terminal and sends SIGHUP. The screen keeps what was
    /// shown last.
    pub fn hang_up(&mut self) {
        self.stop_reading.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread ends");
        }
        self.writer = None;
        self.master = None;
    }

    /// Waits (bounded) for the child to exit and returns its status.
    pub fn wait_for_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                self.exit = Some(status.clone());
                return status;
            }
            if start.elapsed() > DEADLINE {
                let screen = self.dump();
                let _ = self.child.kill();
                panic!("burrow did not exit within {DEADLINE:?}\n{screen}");
            }
            std::thread::sleep(POLL);
        }
    }

    /// Resizes the pseudo-terminal (which sends SIGWINCH) and the emulator reading it.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.parser
            .lock()
            .expect("screen lock")
            .screen_mut()
            .set_size(rows, cols);
        self.master()
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pseudo-terminal");
    }

    /// Waits for the exited program's output to end, then checks the terminal is back to
    /// normal: main screen, no raw mode, no mouse capture, cursor visible.
    pub fn assert_terminal_restored(&self, after: &str) {
        self.wait_until("burrow to leave the alternate screen", |s| {
            s.with_screen(|screen| !screen.alternate_screen())
        });
        self.wait_until("the output to end", PtySession::output_ended);
        assert!(
            !self.raw_mode(),
            "raw mode is still on after {after}\n{}",
            self.dump()
        );
        self.with_screen(|screen| {
            assert_eq!(
                screen.mouse_protocol_mode(),
                vt100::MouseProtocolMode::None,
                "mouse capture is still on after {after}"
            );
            assert!(
                !screen.hide_cursor(),
                "the cursor is still hidden after {after}"
            );
        });
    }

    /// Whether the terminal is in raw mode: no line editing and no echo.
    pub fn raw_mode(&self) -> bool {
        let termios = self
            .master()
            .get_termios()
            .expect("read the pseudo-terminal's settings");
        // The flags' type lives in portable-pty's `nix`, so read their names from Debug,
        // e.g. `LocalFlags(ECHOKE | ECHOE | ECHOK | ECHO | ISIG | ICANON | IEXTEN)`.
        let flags = format!("{:?}", termios.local_flags);
        let names: Vec<&str> = flags
            .trim_start_matches("LocalFlags(")
            .trim_end_matches(')')
            .split(" | ")
            .collect();
        let cooked = names.contains(&"ICANON") && names.contains(&"ECHO");
        let raw = !names.contains(&"ICANON") && !names.contains(&"ECHO");
        assert!(
            cooked || raw,
            "the terminal is neither raw nor cooked: {flags}"
        );
        raw
    }
}

impl Drop for PtySession {
    fn drop(&mut self) {
        if self.exit.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `status` without a trailing `item K of N` and the spaces before it.
pub fn strip_menu_position(status: &str) -> String {
    let status = status.trim_end();
    let is_count = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == ',');
    if let Some(at) = status.rfind("   item ") {
        let words: Vec<&str> = status[at + 3..].split(' ').collect();
        if let ["item", k, "of", n] = words.as_slice()
            && is_count(k)
            && is_count(n)
        {
            return status[..at].trim_end().to_owned();
        }
    }
    status.to_owned()
}
