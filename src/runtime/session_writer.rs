//! Saving the session off the UI task. The app hands over a snapshot of its tabs on every
//! change (`Command::SaveSession`); the writer keeps only the latest, waits [`DEBOUNCE`] after
//! the first of a burst so a run of changes costs one write, and writes it on the blocking pool
//! through [`write_session`] (locked, atomic, 0600). A snapshot never waits longer than that
//! for its write, however long the burst lasts, and nothing queues up behind a slow disk: the
//! slot holds one snapshot. On quit, [`SessionWriter::finish`] writes the latest at once and
//! waits for it, for a bounded time.
//!
//! A file that could not be read at start-up is left alone until the user removes it
//! ([`Overwrite::OnlyIfMissing`]); a problem writing is reported once (as `Msg::Problem`) until
//! a write succeeds or the reason changes.

use crate::app::Msg;
use crate::store::session::{Overwrite, Session, write_session};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::{Notify, mpsc};
use tokio::task::JoinHandle;

/// How long the writer gathers changes after the first before writing the latest.
pub const DEBOUNCE: Duration = Duration::from_millis(400);
/// How long quitting waits for the last session to be written.
pub const FLUSH_GRACE: Duration = Duration::from_secs(2);

/// The snapshot waiting to be written, and whether the app is quitting.
#[derive(Default)]
struct Slot {
    latest: Option<Session>,
    closed: bool,
}

/// What the app's side and the writing task share.
#[derive(Default)]
struct Shared {
    slot: Mutex<Slot>,
    wake: Notify,
    writes: AtomicUsize,
}

impl Shared {
    fn slot(&self) -> MutexGuard<'_, Slot> {
        // The slot holds plain data; a panic elsewhere cannot leave it half changed.
        self.slot
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether a snapshot waits or the app is quitting.
    fn has_work(&self) -> bool {
        let slot = self.slot();
        slot.latest.is_some() || slot.closed
    }

    fn has_snapshot(&self) -> bool {
        self.slot().latest.is_some()
    }

    fn is_closed(&self) -> bool {
        self.slot().closed
    }
}

/// Where the session goes and how it is written.
#[derive(Debug, Clone)]
pub struct SessionTarget {
    pub path: PathBuf,
    /// [`Overwrite::OnlyIfMissing`] when the file could not be read at start-up.
    pub overwrite: Overwrite,
    pub debounce: Duration,
}

/// The handle the runtime keeps: hand snapshots in, finish on quit.
pub struct SessionWriter {
    shared: Arc<Shared>,
    task: Option<JoinHandle<()>>,
}

impl SessionWriter {
    /// Starts the writing task on the current tokio runtime. Problems are sent to `problems`.
    pub fn spawn(target: SessionTarget, problems: mpsc::UnboundedSender<Msg>) -> SessionWriter {
        let shared = Arc::new(Shared::default());
        let task = tokio::spawn(write_loop(Arc::clone(&shared), target, problems));
        SessionWriter {
            shared,
            task: Some(task),
        }
    }

    /// Hands over the latest snapshot; an earlier one not yet written is dropped.
    pub fn save(&self, session: Session) {
        self.shared.slot().latest = Some(session);
        self.shared.wake.notify_one();
    }

    /// How many times the file has been written.
    pub fn writes(&self) -> usize {
        self.shared.writes.load(Ordering::SeqCst)
    }

    /// Writes the latest snapshot now (without waiting out the debounce) and ends the task,
    /// waiting at most `grace`; a write stuck on a hung file system is left behind.
    pub async fn finish(&mut self, grace: Duration) {
        self.shared.slot().closed = true;
        self.shared.wake.notify_one();
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(grace, task).await;
        }
    }
}

async fn write_loop(
    shared: Arc<Shared>,
    target: SessionTarget,
    problems: mpsc::UnboundedSender<Msg>,
) {
    let mut overwrite = target.overwrite;
    let mut reported: Option<String> = None;
    loop {
        // Wait for a snapshot (or the close). A wake sent before this waits is kept by Notify.
        while !shared.has_work() {
            shared.wake.notified().await;
        }
        // Gather the burst, unless quitting.
        let deadline = tokio::time::Instant::now() + target.debounce;
        while !shared.is_closed() {
            tokio::select! {
                _ = tokio::time::sleep_until(deadline) => break,
                _ = shared.wake.notified() => {}
            }
        }
        let (latest, closed) = {
            let mut slot = shared.slot();
            (slot.latest.take(), slot.closed)
        };
        if let Some(session) = latest {
            let path = target.path.clone();
            let outcome =
                tokio::task::spawn_blocking(move || write_session(&path, &session, overwrite))
                    .await
                    .map_err(|e| format!("saving failed: {e}"))
                    .and_then(|written| written.map_err(|e| e.to_string()));
            match outcome {
                Ok(true) => {
                    shared.writes.fetch_add(1, Ordering::SeqCst);
                    overwrite = Overwrite::IfReadable;
                    reported = None;
                }
                // Left alone on purpose; start-up said why.
                Ok(false) => {}
                Err(why) if reported.as_ref() != Some(&why) => {
                    log::warn!("session not saved: {why}");
                    let _ =
                        problems.send(Msg::Problem(format!("The session was not saved: {why}")));
                    reported = Some(why);
                }
                Err(_) => {}
            }
        }
        if closed && !shared.has_snapshot() {
            return;
        }
    }
}
