//! Carrying out the `Command`s that `App::update` returns: fetch and download tasks (tracked so
//! they can be cancelled), saving bookmarks, history and pins (in order, off the UI task),
//! handing session snapshots to the session writer, starting programs without a shell, the
//! OSC 52 clipboard or the clipboard program, and one-shot timers. Handing the terminal to a
//! program is left to the loop.

use super::session_writer::{DEBOUNCE, FLUSH_GRACE, SessionTarget, SessionWriter};
use crate::app::{Command, Msg, SavedList};
use crate::clipboard::osc52_sequence;
use crate::fetch::download::download;
use crate::fetch::fetch;
use crate::gopher::transfer::{DownloadEvent, DownloadUpdate, FetchUpdate, Fingerprint, RequestId};
use crate::startup::Settings;
use crate::store::address_history::{AddressEdit, update_address_history};
use crate::store::session::Overwrite;
use crate::store::{LinkEdit, StoreError, add_pin, update_link_file};
use std::collections::HashMap;
use std::io::{Write, stdout};
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// How long quitting waits for cancelled downloads to remove their partial files.
const DOWNLOAD_CLEANUP: Duration = Duration::from_secs(2);

/// A task that carries out saves one after another (file work on the blocking pool, each under
/// its file's lock) and reports what the bookmarks and history files hold afterwards, or why a
/// pin could not be saved.
fn spawn_saver(
    msg_tx: mpsc::UnboundedSender<Msg>,
) -> (mpsc::UnboundedSender<SaveJob>, JoinHandle<()>) {
    let (tx, mut rx) = mpsc::unbounded_channel::<SaveJob>();
    let task = tokio::spawn(async move {
        while let Some(job) = rx.recv().await {
            let msg = match job {
                SaveJob::Links { list, path, edit } => {
                    let result = match path {
                        Some(path) => blocking_save(move || update_link_file(&path, edit)).await,
                        None => Err(StoreError::NoHome.to_string()),
                    };
                    Some(Msg::LinksSaved { list, result })
                }
                SaveJob::Pin {
                    path,
                    host_port,
                    fingerprint,
                } => {
                    let outcome =
                        blocking_save(move || add_pin(&path, &host_port, fingerprint)).await;
                    outcome
                        .err()
                        .map(|why| Msg::Problem(format!("Not saved: {why}")))
                }
                SaveJob::Addresses { path, edit } => {
                    let result = blocking_save(move || update_address_history(&path, &edit)).await;
                    Some(Msg::AddressHistory(result))
                }
            };
            // After quitting nobody listens; the remaining saves are still made.
            if let Some(msg) = msg {
                let _ = msg_tx.send(msg);
            }
        }
    });
    (tx, task)
}

/// Runs one file change on the blocking pool. What it says goes to the app as text (the app
/// only shows it; the refusal to write a malformed file was made in `store`).
async fn blocking_save<T: Send + 'static>(
    save: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, String> {
    tokio::task::spawn_blocking(save)
        .await
        .map_err(|e| format!("saving failed: {e}"))?
        .map_err(|e| e.to_string())
}

/// One queued save.
enum SaveJob {
    /// An edit of the bookmarks or history file (`path` is `None` without a home directory).
    Links {
        list: SavedList,
        path: Option<PathBuf>,
        edit: LinkEdit,
    },
    /// A read or change of the addresses typed into Go to.
    Addresses { path: PathBuf, edit: AddressEdit },
    /// A certificate the user trusted, merged into the known-hosts file.
    Pin {
        path: PathBuf,
        host_port: String,
        fingerprint: Fingerprint,
    },
}

/// How long quitting waits for bookmark, history, typed-address and pin saves still queued
/// (they normally take milliseconds; an fsync under heavy disk load can take seconds).
const SAVING_GRACE: Duration = Duration::from_secs(10);

/// What the loop must do after a batch of commands.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct AfterCommands {
    pub quit: bool,
    /// A program to hand the terminal to.
    pub in_terminal: Option<Vec<String>>,
    /// Suspend to the shell (Ctrl-Z).
    pub suspend: bool,
    /// Paint the whole screen again (Ctrl-L).
    pub repaint: bool,
}

/// The background work the runtime started, and where it reports.
pub struct Workers {
    settings: Settings,
    fetches: HashMap<RequestId, JoinHandle<()>>,
    downloads: HashMap<RequestId, JoinHandle<()>>,
    fetch_tx: mpsc::Sender<FetchUpdate>,
    download_tx: mpsc::UnboundedSender<DownloadUpdate>,
    msg_tx: mpsc::UnboundedSender<Msg>,
    saves: Option<mpsc::UnboundedSender<SaveJob>>,
    saver: Option<JoinHandle<()>>,
    /// Saves the session (`None`: sessions are off or there is no home directory).
    session: Option<SessionWriter>,
}

impl Workers {
    pub fn new(
        settings: &Settings,
        fetch_tx: mpsc::Sender<FetchUpdate>,
        download_tx: mpsc::UnboundedSender<DownloadUpdate>,
        msg_tx: mpsc::UnboundedSender<Msg>,
    ) -> Workers {
        let (saves, saver) = spawn_saver(msg_tx.clone());
        let session = settings.session_path.clone().map(|path| {
            let target = SessionTarget {
                path,
                overwrite: Overwrite::after_reading(settings.session_problem.as_ref()),
                debounce: DEBOUNCE,
            };
            SessionWriter::spawn(target, msg_tx.clone())
        });
        Workers {
            saves: Some(saves),
            saver: Some(saver),
            session,
            settings: settings.clone(),
            fetches: HashMap::new(),
            downloads: HashMap::new(),
            fetch_tx,
            download_tx,
            msg_tx,
        }
    }

    /// A fetch reported its end: forget its task.
    pub fn fetch_ended(&mut self, id: RequestId) {
        self.fetches.remove(&id);
    }

    /// Cancels every download and waits (briefly) until their partial files are gone.
    pub async fn stop_downloads(&mut self) {
        let tasks: Vec<_> = self.downloads.drain().map(|(_, task)| task).collect();
        for task in &tasks {
            task.abort();
        }
        let _ = tokio::time::timeout(DOWNLOAD_CLEANUP, futures_util::future::join_all(tasks)).await;
    }

    /// Queues a save; saves run one at a time, in order, off the UI task.
    fn save(&self, job: SaveJob) {
        if let Some(queue) = &self.saves {
            let _ = queue.send(job);
        }
    }

    /// Queues an edit of the bookmarks or history file.
    fn edit_links(&self, list: SavedList, edit: LinkEdit) {
        let path = match list {
            SavedList::Bookmarks => self.settings.bookmarks_path.clone(),
            SavedList::History => self.settings.history_path.clone(),
        };
        self.save(SaveJob::Links { list, path, edit });
    }

    /// Waits (briefly) until every queued bookmark, history and pin save is made.
    pub async fn finish_saving(&mut self) {
        self.saves = None; // The saver ends once its queue is empty.
        if let Some(saver) = self.saver.take() {
            let _ = tokio::time::timeout(SAVING_GRACE, saver).await;
        }
    }

    /// Writes the latest session snapshot now and waits (briefly) until it is written.
    pub async fn finish_session(&mut self) {
        if let Some(writer) = &mut self.session {
            writer.finish(FLUSH_GRACE).await;
        }
    }

    fn report(&self, problem: String) {
        log::warn!("{problem}");
        let _ = self.msg_tx.send(Msg::Problem(problem));
    }

    /// Carries out commands, except handing over the terminal, which the loop does.
    pub fn run(&mut self, commands: Vec<Command>) -> AfterCommands {
        let mut after = AfterCommands::default();
        self.downloads.retain(|_, task| !task.is_finished());
        for command in commands {
            match command {
                Command::Fetch {
                    id,
                    url,
                    limits,
                    pinned,
                } => {
                    let mut options = self.settings.fetch_options(&url);
                    options.limits = limits;
                    options.pinned = pinned;
                    let task = tokio::spawn(fetch(id, url, options, self.fetch_tx.clone()));
                    self.fetches.insert(id, task);
                }
                Command::Cancel(id) => {
                    if let Some(task) = self.fetches.remove(&id) {
                        log::debug!("request {id}: cancelled");
                        task.abort();
                    }
                }
                Command::Download {
                    id,
                    url,
                    limits,
                    pinned,
                    name,
                } => {
                    let Some(dir) = self.settings.download_dir.clone() else {
                        let _ = self.download_tx.send(DownloadUpdate {
                            id,
                            event: DownloadEvent::Failed(
                                "there is no download folder (no home directory); set \
                                 download_dir in the config"
                                    .to_owned(),
                            ),
                        });
                        continue;
                    };
                    let mut options = self.settings.fetch_options(&url);
                    options.limits = limits;
                    options.pinned = pinned;
                    let tx = self.download_tx.clone();
                    log::debug!("download {id}: {url} into {}", dir.display());
                    let task = tokio::spawn(download(id, url, options, dir, name, tx));
                    self.downloads.insert(id, task);
                }
                Command::CancelDownload(id) => {
                    if let Some(task) = self.downloads.remove(&id) {
                        log::debug!("download {id}: cancelled");
                        task.abort();
                    }
                }
                Command::EditLinks { list, edit } => self.edit_links(list, edit),
                Command::EditAddressHistory(edit) => {
                    // Without a home directory the addresses last for the session.
                    if let Some(path) = self.settings.address_history_path.clone() {
                        self.save(SaveJob::Addresses { path, edit });
                    }
                }
                Command::PinCertificate {
                    host_port,
                    fingerprint,
                } => match &self.settings.known_hosts_path {
                    Some(path) => self.save(SaveJob::Pin {
                        path: path.clone(),
                        host_port,
                        fingerprint,
                    }),
                    None => self.report(
                        "Not saved: no home directory: the certificate is trusted for this \
                         session only"
                            .to_owned(),
                    ),
                },
                Command::RunDetached(argv) => {
                    log::debug!("running {argv:?} detached");
                    if let Err(why) = run_detached(&argv) {
                        self.report(why);
                    }
                }
                Command::RunInTerminal(argv) => {
                    log::debug!("running {argv:?} in the terminal");
                    after.in_terminal = Some(argv);
                }
                Command::CopyToClipboard(text) => {
                    let mut out = stdout();
                    let written = out
                        .write_all(osc52_sequence(&text).as_bytes())
                        .and_then(|()| out.flush());
                    if let Err(e) = written {
                        self.report(format!("Could not copy: {e}"));
                    }
                }
                Command::CopyWithProgram { argv, text } => {
                    log::debug!("copying with {argv:?}");
                    super::clipboard_command::spawn_copy(argv, text, self.msg_tx.clone());
                }
                Command::WakeAfter { token, after_ms } => {
                    let tx = self.msg_tx.clone();
                    tokio::spawn(async move {
                        tokio::time::sleep(Duration::from_millis(after_ms)).await;
                        let _ = tx.send(Msg::Wake(token));
                    });
                }
                Command::SaveSession(session) => {
                    if let Some(writer) = &self.session {
                        writer.save(session);
                    }
                }
                Command::Suspend => after.suspend = true,
                Command::Redraw => after.repaint = true,
                Command::Quit => after.quit = true,
            }
        }
        after
    }
}

/// Starts a program that needs no terminal (an opener, an image viewer): no shell, no input,
/// output discarded so it cannot draw over the screen. Reaped in the background.
pub fn run_detached(argv: &[String]) -> Result<(), String> {
    let Some((program, args)) = argv.split_first() else {
        return Err("no program is configured".to_owned());
    };
    let mut child = std::process::Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("Could not start {program}: {e}"))?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// Runs a program in the terminal (telnet, tn3270) and says how it ended.
pub fn run_in_terminal(argv: &[String]) -> String {
    let Some((program, args)) = argv.split_first() else {
        return "Nothing to run".to_owned();
    };
    match std::process::Command::new(program).args(args).status() {
        Ok(status) if status.success() => format!("{program} ended"),
        Ok(status) => format!("{program} ended ({status})"),
        Err(e) => format!("Could not start {program}: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detached_programs_start_without_a_shell_and_missing_ones_are_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let marker = dir.path().join("ran; rm -rf nothing");
        run_detached(&["touch".to_owned(), marker.to_string_lossy().into_owned()])
            .expect("touch starts");
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while !marker.exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(
            marker.exists(),
            "the argument arrived whole, not through a shell"
        );
        let why = run_detached(&["/no/such/program".to_owned()]).expect_err("missing");
        assert!(why.contains("Could not start /no/such/program"), "{why}");
    }

    #[test]
    fn a_terminal_program_reports_how_it_ended() {
        assert_eq!(run_in_terminal(&["true".to_owned()]), "true ended");
        assert!(run_in_terminal(&["false".to_owned()]).starts_with("false ended (exit status: 1"));
    }
}
