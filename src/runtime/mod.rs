//! The runtime: sets up and always restores the terminal (see `terminal`; on quit, error,
//! panic, signals and hangup), turns terminal input, fetch progress, signals and ticks into
//! `Msg`s, applies every queued message, draws when `frames` says so, and carries out the
//! `Command`s that `update` returns (see `commands`; the session is saved by `session_writer`).
//! Quitting waits a moment for the session, saves and downloads to finish, then ends regardless
//! of any stuck blocking task.

mod commands;
mod frames;
pub mod session_writer;
mod signals;
mod terminal;

use crate::app::Location;
use crate::app::input::Key;
use crate::app::page::Content;
use crate::app::{App, Command, Msg};
use crate::gopher::transfer::{DownloadUpdate, FetchEvent, FetchUpdate};
use crate::startup::{Settings, start_app};
use crate::ui::render;
use anyhow::Context;
use commands::{Workers, run_in_terminal};
use crossterm::event::{
    Event, EventStream, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use frames::{Change, DrawSchedule};
use futures_util::StreamExt;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signals::{JobControl, spawn_signals};
use std::time::{Duration, Instant};
use terminal::{Modes, TtyWriter};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// Rows the mouse wheel scrolls per notch.
const WHEEL_ROWS: isize = 3;
/// The spinner's pace while something loads.
const TICK: Duration = Duration::from_millis(100);
/// Fetch events that may wait for the UI at once (each chunk is up to 64 KiB).
const FETCH_QUEUE: usize = 4;
/// How long quitting waits for cancelled downloads to clean up before leaving them.
const EXIT_GRACE: Duration = Duration::from_millis(800);

type Screen = Terminal<CrosstermBackend<TtyWriter>>;

/// A ratatui terminal with an empty back buffer, so its first frame paints everything.
/// (`Terminal::clear` would ask the terminal for the cursor position, and a terminal or
/// emulator that does not answer in time would end the session.)
fn new_screen() -> anyhow::Result<Screen> {
    Terminal::new(CrosstermBackend::new(TtyWriter)).context("setting up the terminal")
}

/// Translates a terminal key event; `None` for keys Burrow does not use.
pub fn translate_key(event: KeyEvent) -> Option<Key> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    Some(match event.code {
        KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
        KeyCode::Char(c) if alt => Key::Alt(c),
        // Terminals differ in which modifier they send with the arrows for word motion.
        KeyCode::Left if ctrl || alt => Key::CtrlLeft,
        KeyCode::Right if ctrl || alt => Key::CtrlRight,
        KeyCode::Backspace if alt => Key::AltBackspace,
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
        KeyCode::BackTab => Key::BackTab,
        _ => return None,
    })
}

fn translate_event(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) => translate_key(key).map(Msg::Key),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Msg::Scroll(WHEEL_ROWS)),
            MouseEventKind::ScrollUp => Some(Msg::Scroll(-WHEEL_ROWS)),
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            _ => None,
        },
        Event::Resize(columns, rows) => Some(Msg::Resize(columns, rows)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        _ => None,
    }
}

/// Forwards terminal input as messages. Aborting the task drops the event stream, which stops
/// reading the terminal (needed while another program has it). When the input ends by itself
/// the terminal has gone away, and Burrow quits.
fn spawn_input(tx: mpsc::UnboundedSender<Msg>) -> JoinHandle<()> {
    let mut events = EventStream::new();
    tokio::spawn(async move {
        loop {
            let Some(Ok(event)) = events.next().await else {
                terminal::check_gone();
                signals::arm_exit_watchdog();
                let _ = tx.send(Msg::Quit);
                return;
            };
            if let Some(msg) = translate_event(event)
                && tx.send(msg).is_err()
            {
                return;
            }
        }
    })
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

/// Takes the terminal back (after the shell, a program, or for Ctrl-L), repaints it whole
/// and tells the app its size, which may have changed meanwhile.
fn take_back_terminal(
    modes: Modes,
    screen: &mut Screen,
    app: &mut App,
    schedule: &mut DrawSchedule,
) -> anyhow::Result<Vec<Command>> {
    terminal::take_back(modes).context("setting up the terminal")?;
    *screen = new_screen()?;
    let size = screen.size().context("reading the terminal size")?;
    schedule.changed(Change::Now, Instant::now());
    Ok(app.update(Msg::Resize(size.width, size.height)))
}

async fn browse(initial: Option<Location>, settings: Settings) -> anyhow::Result<()> {
    terminal::install_panic_hook();
    let _guard = terminal::Guard;
    let modes = Modes {
        mouse: settings.mouse,
    };
    terminal::enter(modes).context("setting up the terminal")?;
    let mut screen = new_screen()?;
    let theme = settings.theme;
    let size = screen.size().context("reading the terminal size")?;

    let (msg_tx, mut msg_rx) = mpsc::unbounded_channel();
    // A few 64 KiB chunks in flight are enough to keep the transfer busy; more only use memory.
    let (fetch_tx, mut fetch_rx) = mpsc::channel::<FetchUpdate>(FETCH_QUEUE);
    let (download_tx, mut download_rx) = mpsc::unbounded_channel::<DownloadUpdate>();
    let (job_tx, mut job_rx) = mpsc::unbounded_channel::<JobControl>();
    let mut input = spawn_input(msg_tx.clone());
    spawn_signals(&msg_tx, &job_tx)?;
    let mut workers = Workers::new(&settings, fetch_tx, download_tx, msg_tx.clone());
    let mut ticker = tokio::time::interval(TICK);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut schedule = DrawSchedule::new();

    let (mut app, mut commands) = start_app(&settings, (size.width, size.height), initial);
    loop {
        let due = std::mem::take(&mut commands);
        let after = workers.run(due);
        if after.quit {
            // Partial downloads are only cleaned up for a moment; the user's own files
            // (session, bookmarks, history, typed addresses, pins) get their saves' own, longer
            // graces, since an fsync under heavy disk load can take seconds. A save stuck on a
            // hung file system is still abandoned in the end.
            let _ = tokio::time::timeout(EXIT_GRACE, workers.stop_downloads()).await;
            workers.finish_session().await;
            workers.finish_saving().await;
            return Ok(());
        }
        if after.suspend {
            terminal::suspend();
        }
        if after.suspend || after.repaint {
            commands.extend(take_back_terminal(
                modes,
                &mut screen,
                &mut app,
                &mut schedule,
            )?);
        }
        if let Some(argv) = after.in_terminal {
            input.abort();
            let _ = (&mut input).await;
            terminal::restore();
            let ended = tokio::task::spawn_blocking(move || run_in_terminal(&argv))
                .await
                .unwrap_or_else(|e| format!("The program could not be run: {e}"));
            commands.extend(take_back_terminal(
                modes,
                &mut screen,
                &mut app,
                &mut schedule,
            )?);
            // Ctrl-C and Ctrl-Z pressed in the program were the program's; keep the rest.
            while job_rx.try_recv().is_ok() {}
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
            continue;
        }
        if schedule.is_due(Instant::now()) {
            screen
                .draw(|frame| render(&app, &theme, frame))
                .context("drawing the screen")?;
            schedule.drawn(Instant::now());
        }
        let draw_at = schedule.deadline();
        let wake_to_draw = tokio::time::Instant::from_std(draw_at.unwrap_or_else(Instant::now));
        let first = tokio::select! {
            Some(msg) = msg_rx.recv() => msg,
            Some(update) = fetch_rx.recv() => Msg::Fetch(update),
            Some(update) = download_rx.recv() => Msg::Download(update),
            Some(job) = job_rx.recv() => {
                if job == JobControl::Suspend {
                    terminal::suspend();
                }
                commands.extend(take_back_terminal(modes, &mut screen, &mut app, &mut schedule)?);
                continue;
            }
            _ = ticker.tick(), if app.is_loading() => Msg::Tick,
            // A growing page's frame is due: loop round to draw it.
            _ = tokio::time::sleep_until(wake_to_draw), if draw_at.is_some() => continue,
            else => return Ok(()),
        };
        // Until a new page fills the screen, each of its chunks is still its first screen.
        let was_growing =
            app.tab.loading.as_ref().is_some_and(|l| l.shown) && page_fills_screen(&app);
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
        let now_shown = app.tab.loading.as_ref().map(|l| l.shown);
        schedule.changed(
            batch_change(only_chunks, was_growing, now_shown),
            Instant::now(),
        );
    }
}

/// Whether the page has at least a screenful of lines.
fn page_fills_screen(app: &App) -> bool {
    let rows = app.viewport().height;
    match &app.tab.page.content {
        Content::Menu(menu) => menu.len() >= rows,
        Content::Text(doc) => doc.line_count() >= rows,
        Content::Error { .. } => true,
    }
}

/// What a batch of messages asks of the screen. Only chunks of a page that is still loading
/// and already filled the screen (`was_growing`), or that is collected aside as a reload is,
/// may wait for the next frame; the chunks that first put a page on screen, the one that
/// completes it, and anything else are drawn at once. `now_shown` is `None` once nothing
/// loads.
fn batch_change(only_chunks: bool, was_growing: bool, now_shown: Option<bool>) -> Change {
    match now_shown {
        Some(shown) if only_chunks && (was_growing || !shown) => Change::Growth,
        _ => Change::Now,
    }
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
    fn chunks_are_drawn_at_once_until_a_new_page_fills_the_screen_then_at_most_once_a_frame() {
        assert_eq!(
            batch_change(true, false, Some(true)),
            Change::Now,
            "first screen"
        );
        assert_eq!(
            batch_change(true, true, Some(true)),
            Change::Growth,
            "growth"
        );
        assert_eq!(
            batch_change(true, false, Some(false)),
            Change::Growth,
            "a reload aside"
        );
        assert_eq!(
            batch_change(true, true, None),
            Change::Now,
            "the page completed"
        );
        assert_eq!(
            batch_change(false, true, Some(true)),
            Change::Now,
            "a key while loading"
        );
    }

    #[test]
    fn key_releases_are_ignored_so_a_press_counts_once() {
        let mut release = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(translate_key(release), None);
    }

    #[test]
    fn alt_and_ctrl_arrow_keys_arrive_as_the_prompt_word_keys() {
        let key = |code, modifiers| translate_key(KeyEvent::new(code, modifiers));
        assert_eq!(
            key(KeyCode::Char('b'), KeyModifiers::ALT),
            Some(Key::Alt('b'))
        );
        assert_eq!(
            key(KeyCode::Left, KeyModifiers::CONTROL),
            Some(Key::CtrlLeft)
        );
        assert_eq!(key(KeyCode::Right, KeyModifiers::ALT), Some(Key::CtrlRight));
        assert_eq!(
            key(KeyCode::Backspace, KeyModifiers::ALT),
            Some(Key::AltBackspace)
        );
        assert_eq!(
            key(KeyCode::BackTab, KeyModifiers::SHIFT),
            Some(Key::BackTab)
        );
        assert_eq!(key(KeyCode::Left, KeyModifiers::NONE), Some(Key::Left));
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

    #[test]
    fn a_left_click_and_a_paste_become_messages_and_other_buttons_do_not() {
        let mouse = |kind| {
            Event::Mouse(MouseEvent {
                kind,
                column: 12,
                row: 5,
                modifiers: KeyModifiers::NONE,
            })
        };
        assert_eq!(
            translate_event(mouse(MouseEventKind::Down(MouseButton::Left))),
            Some(Msg::Click { column: 12, row: 5 })
        );
        assert_eq!(
            translate_event(mouse(MouseEventKind::Down(MouseButton::Right))),
            None
        );
        assert_eq!(
            translate_event(mouse(MouseEventKind::Up(MouseButton::Left))),
            None
        );
        assert_eq!(
            translate_event(Event::Paste("q\n".to_owned())),
            Some(Msg::Paste("q\n".to_owned()))
        );
    }
}
