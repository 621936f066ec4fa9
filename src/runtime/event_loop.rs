//! The event loop, generic over the terminal it runs in ([`Host`]: a ratatui backend, a stream
//! of input events, and the terminal's hand-offs), so the real terminal and ratatui's
//! `TestBackend` run the same code. Each round carries out the commands `update` returned,
//! waits for the next message, takes every other message already queued as one batch,
//! applies it, and draws when `frames` says so: at once for anything the user does, at most
//! once a frame for a page that is only growing. Handing the terminal to a program stops
//! reading input first and takes the terminal back after.

use super::commands::Workers;
use super::frames::{Change, DrawSchedule};
use super::input::spawn_input;
use super::signals::JobControl;
use crate::app::page::Content;
use crate::app::{App, Command, Msg};
use crate::gopher::transfer::{DownloadUpdate, FetchEvent, FetchUpdate};
use crate::startup::Settings;
use crate::ui::render;
use anyhow::Context;
use crossterm::event::Event;
use futures_util::Stream;
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::future::Future;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// The spinner's pace while something loads.
const TICK: Duration = Duration::from_millis(100);
/// Fetch events that may wait for the UI at once (each chunk is up to 64 KiB).
const FETCH_QUEUE: usize = 4;
/// How long quitting waits for cancelled downloads to clean up before leaving them.
const EXIT_GRACE: Duration = Duration::from_millis(800);

/// What drawing on a host's screen fails with.
type BackendError<H> = <<H as Host>::Backend as Backend>::Error;

/// The terminal the loop runs in: where it draws, where input comes from, and what handing
/// the terminal over means. The real one is the tty through crossterm; tests use ratatui's
/// `TestBackend` and a stream of events they send.
pub trait Host {
    type Backend: Backend;
    type Input: Stream<Item = std::io::Result<Event>> + Send + Unpin + 'static;

    /// Called once before the loop starts, with where signals and job control are sent.
    fn start(
        &mut self,
        messages: &mpsc::UnboundedSender<Msg>,
        jobs: &mpsc::UnboundedSender<JobControl>,
    ) -> anyhow::Result<()>;

    /// The screen to draw on.
    fn screen(&mut self) -> &mut Terminal<Self::Backend>;

    /// Starts reading input: at the start, and again after a program had the terminal.
    fn input(&mut self) -> Self::Input;

    /// Gives the terminal to the shell and returns once continued (Ctrl-Z, SIGTSTP).
    fn suspend(&mut self);

    /// Takes the terminal back (after the shell or a program, or for Ctrl-L) so that the next
    /// frame paints it whole.
    fn take_back(&mut self) -> anyhow::Result<()>;

    /// Gives the terminal up before a program runs in it (input is no longer read by then).
    fn release(&mut self);

    /// Runs a program in the terminal and says how it ended.
    fn run_program(&mut self, argv: Vec<String>) -> impl Future<Output = String>;
}

/// Runs `app` in `host` until it quits, starting by carrying out `commands`.
pub async fn event_loop<H: Host>(
    host: &mut H,
    mut app: App,
    mut commands: Vec<Command>,
    settings: &Settings,
) -> anyhow::Result<()>
where
    BackendError<H>: Send + Sync + 'static,
{
    let theme = &settings.theme;
    let (msg_tx, mut msg_rx) = mpsc::unbounded_channel();
    // A few 64 KiB chunks in flight are enough to keep the transfer busy; more only use memory.
    let (fetch_tx, mut fetch_rx) = mpsc::channel::<FetchUpdate>(FETCH_QUEUE);
    let (download_tx, mut download_rx) = mpsc::unbounded_channel::<DownloadUpdate>();
    let (job_tx, mut job_rx) = mpsc::unbounded_channel::<JobControl>();
    let mut input = spawn_input(host.input(), msg_tx.clone());
    host.start(&msg_tx, &job_tx)?;
    let mut workers = Workers::new(settings, fetch_tx, download_tx, msg_tx.clone());
    let mut ticker = tokio::time::interval(TICK);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut schedule = DrawSchedule::new();

    loop {
        let due = std::mem::take(&mut commands);
        let after = workers.run(due);
        if after.quit {
            input.abort();
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
            host.suspend();
        }
        if after.suspend || after.repaint {
            commands.extend(take_back(host, &mut app, &mut schedule)?);
        }
        if let Some(argv) = after.in_terminal {
            input.abort();
            let _ = (&mut input).await;
            host.release();
            let ended = host.run_program(argv).await;
            commands.extend(take_back(host, &mut app, &mut schedule)?);
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
            input = spawn_input(host.input(), msg_tx.clone());
            continue;
        }
        if schedule.is_due(Instant::now()) {
            host.screen()
                .draw(|frame| render(&app, theme, frame))
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
                    host.suspend();
                }
                commands.extend(take_back(host, &mut app, &mut schedule)?);
                continue;
            }
            _ = ticker.tick(), if app.any_tab_loading() => Msg::Tick,
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
            commands.extend(app.update(crate::ui::tab_bar::resolve_click(&app, msg)));
        }
        let now_shown = app.tab.loading.as_ref().map(|l| l.shown);
        schedule.changed(
            batch_change(only_chunks, was_growing, now_shown),
            Instant::now(),
        );
    }
}

/// Takes the terminal back (after the shell, a program, or for Ctrl-L), repaints it whole
/// and tells the app its size, which may have changed meanwhile.
fn take_back<H: Host>(
    host: &mut H,
    app: &mut App,
    schedule: &mut DrawSchedule,
) -> anyhow::Result<Vec<Command>>
where
    BackendError<H>: Send + Sync + 'static,
{
    host.take_back()?;
    let size = host.screen().size().context("reading the terminal size")?;
    schedule.changed(Change::Now, Instant::now());
    Ok(app.update(Msg::Resize(size.width, size.height)))
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
}
