//! The runtime: sets up and always restores the terminal (on quit, error, panic and signals),
//! turns terminal input, fetch progress and ticks into `Msg`s, applies every queued message,
//! draws once, and carries out the `Command`s that `update` returns (see `commands`).

mod commands;

use commands::{Workers, run_in_terminal};

use crate::app::Msg;
use crate::app::keymap::Key;
use crate::app::page::Location;
use crate::gopher::transfer::{DownloadUpdate, FetchEvent, FetchUpdate};
use crate::startup::{Settings, start_app};
use crate::ui::render;
use anyhow::Context;
use crossterm::event::{
    DisableMouseCapture, EnableMouseCapture, Event, EventStream, KeyCode, KeyEvent, KeyEventKind,
    KeyModifiers, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use futures_util::StreamExt;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{Stdout, stdout};
use std::time::{Duration, Instant};
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// Rows the mouse wheel scrolls per notch.
const WHEEL_ROWS: isize = 3;
const TICK: Duration = Duration::from_millis(100);
/// Fetch events that may wait for the UI at once (each chunk is up to 64 KiB).
const FETCH_QUEUE: usize = 4;

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Restores the terminal when dropped, so every way out of the loop restores it.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// Translates a terminal key event; `None` for keys Burrow does not use.
pub fn translate_key(event: KeyEvent) -> Option<Key> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Tab => Key::Tab,
        _ => return None,
    })
}

fn translate_event(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) => translate_key(key).map(Msg::Key),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Msg::Scroll(WHEEL_ROWS)),
            MouseEventKind::ScrollUp => Some(Msg::Scroll(-WHEEL_ROWS)),
            _ => None,
        },
        Event::Resize(columns, rows) => Some(Msg::Resize(columns, rows)),
        _ => None,
    }
}

/// Forwards terminal input as messages. Aborting the task drops the event stream, which stops
/// reading the terminal (needed while another program has it).
fn spawn_input(tx: mpsc::UnboundedSender<Msg>) -> JoinHandle<()> {
    let mut events = EventStream::new();
    tokio::spawn(async move {
        while let Some(event) = events.next().await {
            let Ok(event) = event else { break };
            if let Some(msg) = translate_event(event)
                && tx.send(msg).is_err()
            {
                break;
            }
        }
    })
}

/// Forwards termination signals as messages.
fn spawn_signals(tx: &mpsc::UnboundedSender<Msg>) -> anyhow::Result<()> {
    for (kind, msg) in [
        (SignalKind::terminate(), Msg::Quit),
        (SignalKind::hangup(), Msg::Quit),
        (SignalKind::interrupt(), Msg::Interrupt),
    ] {
        let mut stream = signal(kind).context("installing a signal handler")?;
        let tx = tx.clone();
        tokio::spawn(async move {
            while stream.recv().await.is_some() {
                if tx.send(msg.clone()).is_err() {
                    break;
                }
            }
        });
    }
    Ok(())
}

/// Takes the terminal back after another program had it.
fn resume_terminal() -> anyhow::Result<()> {
    enable_raw_mode().context("switching the terminal to raw mode")?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture).context("setting up the terminal")
}

/// Runs the interactive browser until the user quits.
pub fn run_tui(initial: Option<Location>, settings: Settings) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let result = runtime.block_on(browse(initial, settings));
    // Do not wait for blocking work still running (a slow DNS lookup, say).
    runtime.shutdown_background();
    result
}

async fn browse(initial: Option<Location>, settings: Settings) -> anyhow::Result<()> {
    install_panic_hook();
    enable_raw_mode().context("switching the terminal to raw mode")?;
    let _guard = TerminalGuard;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)
        .context("setting up the terminal")?;
    let mut terminal: Terminal<CrosstermBackend<Stdout>> =
        Terminal::new(CrosstermBackend::new(stdout())).context("setting up the terminal")?;
    let theme = settings.theme;
    let size = terminal.size().context("reading the terminal size")?;

    let (msg_tx, mut msg_rx) = mpsc::unbounded_channel();
    // A few 64 KiB chunks in flight are enough to keep the transfer busy; more only use memory.
    let (fetch_tx, mut fetch_rx) = mpsc::channel::<FetchUpdate>(FETCH_QUEUE);
    let (download_tx, mut download_rx) = mpsc::unbounded_channel::<DownloadUpdate>();
    let mut input = spawn_input(msg_tx.clone());
    spawn_signals(&msg_tx)?;
    let mut workers = Workers::new(&settings, fetch_tx, download_tx, msg_tx.clone());
    let mut ticker = tokio::time::interval(TICK);
    let mut last_draw = Instant::now();
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);

    let (mut app, mut commands) = start_app(&settings, (size.width, size.height), initial);
    let mut needs_draw = true;
    loop {
        let due = std::mem::take(&mut commands);
        let after = workers.run(due);
        if after.quit {
            workers.stop_downloads().await;
            workers.finish_saving().await;
            return Ok(());
        }
        if let Some(argv) = after.in_terminal {
            input.abort();
            let _ = (&mut input).await;
            restore_terminal();
            let ended = tokio::task::spawn_blocking(move || run_in_terminal(&argv))
                .await
                .unwrap_or_else(|e| format!("The program could not be run: {e}"));
            resume_terminal()?;
            // A new Terminal has an empty back buffer, so the next draw repaints everything.
            // (`Terminal::clear` would ask the terminal for the cursor position, and a terminal
            // or emulator that does not answer in time would end the session.)
            execute!(stdout(), Clear(ClearType::All)).context("redrawing the screen")?;
            terminal = Terminal::new(CrosstermBackend::new(stdout()))
                .context("setting up the terminal")?;
            // Ctrl-C pressed in the program was the program's; keep the rest.
            let mut kept = Vec::new();
            while let Ok(msg) = msg_rx.try_recv() {
                if msg != Msg::Interrupt {
                    kept.push(msg);
                }
            }
            kept.push(Msg::ProgramEnded(ended));
            for msg in kept {
                commands.extend(app.update(msg));
            }
            input = spawn_input(msg_tx.clone());
            needs_draw = true;
            continue;
        }
        if needs_draw {
            terminal
                .draw(|frame| render(&app, &theme, frame))
                .context("drawing the screen")?;
            last_draw = Instant::now();
        }
        let first = tokio::select! {
            Some(msg) = msg_rx.recv() => msg,
            Some(update) = fetch_rx.recv() => Msg::Fetch(update),
            Some(update) = download_rx.recv() => Msg::Download(update),
            _ = ticker.tick(), if app.is_loading() => Msg::Tick,
            else => return Ok(()),
        };
        let mut batch = vec![first];
        while let Ok(msg) = msg_rx.try_recv() {
            batch.push(msg);
        }
        while let Ok(update) = download_rx.try_recv() {
            batch.push(Msg::Download(update));
        }
        // Take at most what the queue holds, so the fetch task cannot refill it while this
        // batch still holds the previous chunks.
        for _ in 0..FETCH_QUEUE {
            let Ok(update) = fetch_rx.try_recv() else {
                break;
            };
            batch.push(Msg::Fetch(update));
        }
        let only_chunks = batch.iter().all(|m| {
            matches!(
                m,
                Msg::Fetch(FetchUpdate {
                    event: FetchEvent::Chunk(_),
                    ..
                })
            )
        });
        for msg in batch {
            if let Msg::Fetch(FetchUpdate {
                id,
                event: FetchEvent::Done | FetchEvent::Failed(_),
            }) = &msg
            {
                workers.fetch_ended(*id);
            }
            commands.extend(app.update(msg));
        }
        needs_draw = should_draw(only_chunks, app.is_loading(), last_draw.elapsed());
    }
}

/// Whether to redraw after a batch of messages. A batch of nothing but chunks of a reply that
/// is still loading may wait for the next tick (which is sure to come while loading); anything
/// else, including the chunk that completes a page, is drawn at once.
fn should_draw(only_chunks: bool, still_loading: bool, since_last_draw: Duration) -> bool {
    !(only_chunks && still_loading && since_last_draw < TICK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{MouseEvent, MouseEventKind};

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn keys_translate_to_plain_keys_and_ctrl_letters_are_recognised() {
        assert_eq!(
            translate_event(key(KeyCode::Down, KeyModifiers::NONE)),
            Some(Msg::Key(Key::Down))
        );
        assert_eq!(
            translate_event(key(KeyCode::Char('C'), KeyModifiers::CONTROL)),
            Some(Msg::Key(Key::Ctrl('c')))
        );
        assert_eq!(
            translate_event(key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Msg::Key(Key::Char('G')))
        );
        assert_eq!(
            translate_event(key(KeyCode::F(5), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn streaming_chunks_wait_for_the_tick_but_a_completed_page_is_drawn_at_once() {
        let soon = Duration::from_millis(10);
        assert!(!should_draw(true, true, soon), "mid-stream chunks wait");
        assert!(
            should_draw(true, true, TICK),
            "a tick's worth of chunks is drawn"
        );
        assert!(
            should_draw(true, false, soon),
            "the chunk that completes a page is drawn"
        );
        assert!(should_draw(false, true, soon), "keys are drawn at once");
    }

    #[test]
    fn key_releases_are_ignored_so_a_press_counts_once() {
        let mut release = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(translate_key(release), None);
    }

    #[test]
    fn the_mouse_wheel_scrolls_and_resizes_pass_through() {
        let wheel = |kind| {
            Event::Mouse(MouseEvent {
                kind,
                column: 0,
                row: 0,
                modifiers: KeyModifiers::NONE,
            })
        };
        assert_eq!(
            translate_event(wheel(MouseEventKind::ScrollDown)),
            Some(Msg::Scroll(WHEEL_ROWS))
        );
        assert_eq!(
            translate_event(wheel(MouseEventKind::ScrollUp)),
            Some(Msg::Scroll(-WHEEL_ROWS))
        );
        assert_eq!(
            translate_event(Event::Resize(100, 40)),
            Some(Msg::Resize(100, 40))
        );
    }
}
