//! Downloads in the background: following a file item (or pressing `s` to save the page's raw
//! bytes) starts one, asking first when that address is already downloading; the user keeps
//! browsing while a line above the status bar shows the newest running download, and `w` opens
//! a list of all of them where `x` cancels the one under the cursor, Enter opens a finished one
//! (asking first) and `X` clears the rows that are no longer running. Finished downloads show
//! the name they were saved under; images open in the configured viewer.

use super::Modal;
use super::input::Key;
use super::{App, Command, Confirm, ConfirmAction};
use crate::gopher::download_name::safe_file_name;
use crate::gopher::transfer::{DownloadEvent, DownloadUpdate, FetchLimits, RequestId};
use crate::gopher::{GopherUrl, ItemType};
use std::path::PathBuf;
use std::time::Duration;

/// Downloads stop at this size unless the config says otherwise (a server that never stops
/// sending must not fill the disk).
pub const DEFAULT_DOWNLOAD_CAP: u64 = 4 * 1024 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DownloadState {
    Running { bytes: u64, elapsed_ms: u64 },
    Finished { path: PathBuf, bytes: u64 },
    Failed(String),
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub id: RequestId,
    pub url: GopherUrl,
    /// The file name asked for (the final one may carry a number if it was taken).
    pub name: String,
    pub state: DownloadState,
    /// Open the file in the image viewer when it is complete.
    pub view_when_done: bool,
}

impl Download {
    pub fn is_running(&self) -> bool {
        matches!(self.state, DownloadState::Running { .. })
    }

    /// Bytes per second so far, for a running download.
    pub fn rate(&self) -> Option<u64> {
        match self.state {
            DownloadState::Running { bytes, elapsed_ms } if elapsed_ms > 0 => {
                Some(bytes.saturating_mul(1000) / elapsed_ms)
            }
            _ => None,
        }
    }
}

/// Whether an item of this type is an image (opened in the image viewer once downloaded).
pub fn is_image(item_type: ItemType) -> bool {
    matches!(item_type.0, b'g' | b'I' | b'p')
}

impl App {
    /// The limits for a download: the page timeouts, no total time limit, the download cap.
    fn download_limits(&self) -> FetchLimits {
        FetchLimits {
            total_timeout: Duration::MAX,
            max_bytes: self.download_cap,
            ..self.limits
        }
    }

    /// Starts downloading `url` in the background, or asks first if it is downloading already.
    pub(super) fn start_download(&mut self, url: GopherUrl) -> Vec<Command> {
        if let Some(running) = self
            .downloads
            .iter()
            .find(|d| d.is_running() && d.url == url)
        {
            self.ask(Confirm {
                question: format!(
                    "(y/n) {} is already downloading: download a second copy?",
                    running.name
                ),
                action: ConfirmAction::DownloadAgain(url),
            });
            return Vec::new();
        }
        self.download_copy(url)
    }

    /// Starts downloading `url` in the background, even if it is downloading already.
    pub(super) fn download_copy(&mut self, url: GopherUrl) -> Vec<Command> {
        let id = self.next_id;
        self.next_id += 1;
        let name = safe_file_name(&url.selector, &url.host);
        let pinned = if url.tls {
            self.known_hosts.get(&url.host_port())
        } else {
            None
        };
        let view_when_done = is_image(url.item_type) && !self.programs.image_viewer.is_empty();
        self.notify(
            format!("Downloading {name} to the download folder (w lists downloads)"),
            false,
        );
        self.downloads.push(Download {
            id,
            url: url.clone(),
            name: name.clone(),
            state: DownloadState::Running {
                bytes: 0,
                elapsed_ms: 0,
            },
            view_when_done,
        });
        self.settle_after_download_line();
        vec![Command::Download {
            id,
            url,
            limits: self.download_limits(),
            pinned,
            name,
        }]
    }

    /// `s`: saves the current page's raw bytes (fetched again, as sent) to the download folder.
    pub(super) fn save_page(&mut self) -> Vec<Command> {
        match self.tab.page.location.gopher_url() {
            Some(url) => {
                let url = url.clone();
                self.start_download(url)
            }
            None => {
                self.notify(
                    "This page is built into Burrow: there is nothing to save",
                    false,
                );
                Vec::new()
            }
        }
    }

    /// Keeps the menu cursor on screen after the download line came or went.
    fn settle_after_download_line(&mut self) {
        let view = self.viewport();
        self.tab.page.clamp(view);
        if self.tab.page.menu().is_some() {
            let cursor = self.tab.page.cursor;
            self.tab.page.reveal(cursor, 0, view);
        }
    }

    pub(super) fn on_download(&mut self, update: DownloadUpdate) -> Vec<Command> {
        let commands = self.apply_download_update(update);
        if self.running_downloads() == 0 {
            self.settle_after_download_line();
        }
        commands
    }

    fn apply_download_update(&mut self, update: DownloadUpdate) -> Vec<Command> {
        let Some(download) = self.downloads.iter_mut().find(|d| d.id == update.id) else {
            return Vec::new();
        };
        if !download.is_running() {
            return Vec::new(); // Cancelled meanwhile.
        }
        match update.event {
            DownloadEvent::Progress { bytes, elapsed_ms } => {
                download.state = DownloadState::Running { bytes, elapsed_ms };
                Vec::new()
            }
            DownloadEvent::Finished { path, bytes } => {
                download.state = DownloadState::Finished {
                    path: path.clone(),
                    bytes,
                };
                let view = download.view_when_done;
                self.notify(format!("Saved {}", path.display()), false);
                if view {
                    let mut argv = self.programs.image_viewer.clone();
                    argv.push(path.to_string_lossy().into_owned());
                    return vec![Command::RunDetached(argv)];
                }
                Vec::new()
            }
            DownloadEvent::Failed(why) => {
                let name = download.name.clone();
                download.state = DownloadState::Failed(why.clone());
                self.notify(format!("Download of {name} failed: {why}"), true);
                Vec::new()
            }
        }
    }

    pub fn running_downloads(&self) -> usize {
        self.downloads.iter().filter(|d| d.is_running()).count()
    }

    /// `w`: opens (or closes) the list of downloads, the newest selected.
    pub(super) fn toggle_downloads_list(&mut self) {
        self.modal = match self.modal {
            Some(Modal::Downloads(_)) => None,
            _ => Some(Modal::Downloads(self.downloads.len().saturating_sub(1))),
        };
        if self.downloads.is_empty() && self.downloads_list().is_some() {
            self.notify(
                "No downloads yet: follow a file link, or press s to save this page",
                false,
            );
        }
    }

    /// Keys while the downloads list is open: move, cancel, close.
    pub(super) fn downloads_list_key(&mut self, key: Key) -> Option<Vec<Command>> {
        let cursor = self.downloads_list()?;
        let last = self.downloads.len().saturating_sub(1);
        let action = self.keymap_action(key);
        use super::input::Action;
        match (key, action) {
            (_, Some(Action::Up)) => self.modal = Some(Modal::Downloads(cursor.saturating_sub(1))),
            (_, Some(Action::Down)) => self.modal = Some(Modal::Downloads((cursor + 1).min(last))),
            (_, Some(Action::RemoveSelected)) => return Some(self.cancel_download(cursor)),
            (_, Some(Action::Follow)) => self.ask_to_open_download(cursor),
            (_, Some(Action::ClearHistory)) => self.clear_finished_downloads(),
            (Key::Esc, _) | (_, Some(Action::ShowDownloads | Action::Back)) => {
                self.modal = None;
            }
            (_, Some(Action::Quit)) => {
                self.modal = None;
                return None;
            }
            _ => {}
        }
        Some(Vec::new())
    }

    /// Enter in the list: open a finished download (the image viewer for images, else the
    /// system opener), after a yes.
    fn ask_to_open_download(&mut self, index: usize) {
        let Some(download) = self.downloads.get(index) else {
            return;
        };
        let path = match &download.state {
            DownloadState::Finished { path, .. } => path.clone(),
            DownloadState::Running { .. } => {
                self.notify(
                    "Still downloading: Enter opens it once it is complete",
                    false,
                );
                return;
            }
            DownloadState::Failed(_) | DownloadState::Cancelled => {
                self.notify("Nothing was saved: there is no file to open", false);
                return;
            }
        };
        let program = if is_image(download.url.item_type) && !self.programs.image_viewer.is_empty()
        {
            &self.programs.image_viewer
        } else {
            &self.programs.opener
        };
        let Some(name) = program.first().cloned() else {
            self.notify("No opener is configured ([commands] opener)", false);
            return;
        };
        let mut argv = program.clone();
        argv.push(path.to_string_lossy().into_owned());
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        self.ask(Confirm {
            question: format!("(y/n) Open {file} with {name}?"),
            action: ConfirmAction::RunDetached(argv),
        });
    }

    /// `X` in the list: forget the downloads that are no longer running (files stay).
    fn clear_finished_downloads(&mut self) {
        let before = self.downloads.len();
        self.downloads.retain(Download::is_running);
        let cleared = before - self.downloads.len();
        self.modal = Some(Modal::Downloads(self.downloads.len().saturating_sub(1)));
        self.notify(
            match cleared {
                0 => "Every download is still running: nothing to clear".to_owned(),
                1 => "Cleared 1 row (files stay in the download folder)".to_owned(),
                n => format!("Cleared {n} rows (files stay in the download folder)"),
            },
            false,
        );
    }

    fn cancel_download(&mut self, index: usize) -> Vec<Command> {
        let Some(download) = self.downloads.get_mut(index) else {
            return Vec::new();
        };
        if !download.is_running() {
            self.notify("That download is not running", false);
            return Vec::new();
        }
        download.state = DownloadState::Cancelled;
        let (id, name) = (download.id, download.name.clone());
        self.settle_after_download_line();
        self.notify(
            format!("Cancelled the download of {name}: nothing was kept"),
            false,
        );
        vec![Command::CancelDownload(id)]
    }

    /// Quit, asking first while downloads are running (quitting cancels them).
    pub(super) fn quit(&mut self) -> Vec<Command> {
        let running = self.running_downloads();
        if running == 0 {
            return vec![Command::Quit];
        }
        let what = if running == 1 {
            "1 download is".to_owned()
        } else {
            format!("{running} downloads are")
        };
        self.ask(Confirm {
            question: format!("(y/n) {what} still running: quit and cancel?"),
            action: ConfirmAction::Quit,
        });
        Vec::new()
    }
}
