//! The runtime: sets up and always restores the terminal (see `terminal`; on quit, error,
//! panic, signals and hangup) and runs the event loop (`event_loop`, generic over the
//! terminal: here the tty through crossterm, in tests ratatui's `TestBackend`), which turns
//! terminal input (`input`), fetch progress, signals and ticks into `Msg`s, applies every
//! queued message, draws when `frames` says so, and carries out the `Command`s that `update`
//! returns (see `commands`; the session is saved by `session_writer`). Quitting waits a
//! moment for the session, saves and downloads to finish, then ends regardless of any stuck
//! blocking task.

pub mod clipboard_command;
mod commands;
mod event_loop;
mod frames;
mod input;
pub mod session_writer;
mod signals;
mod terminal;

pub use event_loop::{Host, event_loop};
pub use frames::FRAME;
pub use input::translate_key;
pub use signals::JobControl;

use crate::app::Location;
use crate::app::Msg;
use crate::startup::{Settings, start_app};
use anyhow::Context;
use crossterm::event::{Event, EventStream};
use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use terminal::{Modes, TtyWriter};
use tokio::sync::mpsc;

type Screen = Terminal<CrosstermBackend<TtyWriter>>;

/// A ratatui terminal with an empty back buffer, so its first frame paints everything.
/// (`Terminal::clear` would ask the terminal for the cursor position, and a terminal or
/// emulator that does not answer in time would end the session.)
fn new_screen() -> anyhow::Result<Screen> {
    Terminal::new(CrosstermBackend::new(TtyWriter)).context("setting up the terminal")
}

/// Runs the interactive browser until the user quits.
pub fn run_tui(initial: Option<Location>, settings: Settings) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        runtime.block_on(browse(initial, settings))
    }));
    // Never wait for blocking work still running (a save stuck on a hung file system, a slow
    // DNS lookup): dropping the runtime would wait for it.
    runtime.shutdown_background();
    match outcome {
        // Nothing is reported to a terminal that has gone away.
        Ok(_) if terminal::is_gone() => Ok(()),
        Ok(result) => result,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

async fn browse(initial: Option<Location>, settings: Settings) -> anyhow::Result<()> {
    terminal::install_panic_hook();
    let _guard = terminal::Guard;
    let modes = Modes {
        mouse: settings.mouse,
    };
    terminal::enter(modes).context("setting up the terminal")?;
    let mut tty = Tty {
        modes,
        screen: new_screen()?,
    };
    let size = tty.screen.size().context("reading the terminal size")?;
    let (app, commands) = start_app(&settings, (size.width, size.height), initial);
    event_loop(&mut tty, app, commands, &settings).await
}

/// The real terminal: drawn through crossterm on standard output, read with crossterm's event
/// stream, handed to the shell with SIGSTOP and to programs by leaving its modes.
struct Tty {
    modes: Modes,
    screen: Screen,
}

impl Host for Tty {
    type Backend = CrosstermBackend<TtyWriter>;
    type Input = BoxStream<'static, std::io::Result<Event>>;

    fn start(
        &mut self,
        messages: &mpsc::UnboundedSender<Msg>,
        jobs: &mpsc::UnboundedSender<JobControl>,
    ) -> anyhow::Result<()> {
        signals::spawn_signals(messages, jobs)
    }

    fn screen(&mut self) -> &mut Screen {
        &mut self.screen
    }

    /// Crossterm's events; when they end (or fail) the terminal may have gone away: that is
    /// checked, and the exit watchdog armed, before the loop is told to quit.
    fn input(&mut self) -> Self::Input {
        futures_util::stream::unfold(EventStream::new(), |mut events| async move {
            match events.next().await {
                Some(Ok(event)) => Some((Ok(event), events)),
                _ => {
                    terminal::check_gone();
                    signals::arm_exit_watchdog();
                    None
                }
            }
        })
        .boxed()
    }

    fn suspend(&mut self) {
        terminal::suspend();
    }

    fn take_back(&mut self) -> anyhow::Result<()> {
        terminal::take_back(self.modes).context("setting up the terminal")?;
        self.screen = new_screen()?;
        Ok(())
    }

    fn release(&mut self) {
        terminal::restore();
    }

    async fn run_program(&mut self, argv: Vec<String>) -> String {
        tokio::task::spawn_blocking(move || commands::run_in_terminal(&argv))
            .await
            .unwrap_or_else(|e| format!("The program could not be run: {e}"))
    }
}
