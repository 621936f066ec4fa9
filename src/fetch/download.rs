//! Downloading one Gopher item to a file, reported as plain-data `DownloadUpdate`s.
//!
//! The transfer is the ordinary [`fetch`]; its chunks go to a `.part` file created with
//! `O_EXCL` (never following or clobbering anything already there) and mode 0644 (never
//! executable). When the server closes, the part file takes its final name without ever
//! overwriting: each numbered alternative is claimed atomically with a hard link (or, where
//! hard links are unsupported, by creating the name exclusively and renaming onto that
//! reservation). A failed or cancelled (aborted) download leaves nothing behind: a drop guard
//! removes the part file. A reply that is, in full, one server error line (`3…`, as pygopherd
//! answers for a missing file) is not saved: the download fails quoting the server.

use super::{FetchOptions, fetch};
use crate::gopher::GopherUrl;
use crate::gopher::download_name::numbered_name;
use crate::gopher::error_reply::ErrorReplyWatch;
use crate::gopher::transfer::{DownloadEvent, DownloadUpdate, FetchEvent, RequestId};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::Instant;

/// Progress is reported at most this often (plus once at the end).
pub const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);
/// How many numbered names (`name (1).ext`, ...) are tried before giving up.
pub const MAX_NAME_ATTEMPTS: u32 = 10_000;
/// Read and write for the owner, read for others (less the umask); never executable.
const FILE_MODE: u32 = 0o644;

/// Downloads `url` into the folder `dir` (created if missing) under `name`, or the first
/// numbered alternative not already taken. Sends `Progress` events, then exactly one
/// `Finished` (with the full path) or `Failed`. Cancel by aborting the task: no file remains.
/// `options.limits` bound the transfer exactly as they bound a page fetch.
pub async fn download(
    id: RequestId,
    url: GopherUrl,
    options: FetchOptions,
    dir: PathBuf,
    name: String,
    tx: mpsc::UnboundedSender<DownloadUpdate>,
) {
    let started = Instant::now();
    let report = |event| {
        // Nobody listening (the app is quitting) is no reason to stop writing the file.
        let _ = tx.send(DownloadUpdate { id, event });
    };
    match download_to_file(id, url, options, &dir, &name, started, &report).await {
        Ok((path, bytes)) => {
            log::debug!(
                "download {id}: saved {bytes} bytes as {} in {} ms",
                path.display(),
                elapsed_ms(started)
            );
            report(DownloadEvent::Progress {
                bytes,
                elapsed_ms: elapsed_ms(started),
            });
            report(DownloadEvent::Finished { path, bytes });
        }
        Err(why) => {
            log::warn!("download {id}: failed: {why}");
            report(DownloadEvent::Failed(why));
        }
    }
}

fn elapsed_ms(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Runs the transfer into a part file and gives it its final name; returns that path and the
/// byte count. The part file is removed on every early return and when the future is dropped.
async fn download_to_file(
    id: RequestId,
    url: GopherUrl,
    options: FetchOptions,
    dir: &Path,
    name: &str,
    started: Instant,
    report: &impl Fn(DownloadEvent),
) -> Result<(PathBuf, u64), String> {
    check_name(name)?;
    fs::create_dir_all(dir)
        .map_err(|e| format!("could not create the folder {}: {e}", dir.display()))?;
    let (file, mut part) = PartFile::create(dir, name)?;
    let file = Arc::new(file);

    let (fetch_tx, mut fetch_rx) = mpsc::channel(8);
    let transfer = fetch(id, url, options, fetch_tx);
    tokio::pin!(transfer);
    let mut transfer_running = true;
    let mut bytes: u64 = 0;
    let mut last_progress: Option<Instant> = None;
    let mut error_watch = ErrorReplyWatch::default();
    loop {
        let update = tokio::select! {
            () = &mut transfer, if transfer_running => {
                transfer_running = false;
                continue;
            }
            update = fetch_rx.recv() => update,
        };
        match update.map(|update| update.event) {
            Some(FetchEvent::Chunk(chunk)) => {
                bytes += chunk.len() as u64;
                error_watch.push(&chunk);
                write_chunk(&file, chunk)
                    .await
                    .map_err(|e| format!("could not write {}: {e}", part.path.display()))?;
                if last_progress.is_none_or(|at| at.elapsed() >= PROGRESS_INTERVAL) {
                    report(DownloadEvent::Progress {
                        bytes,
                        elapsed_ms: elapsed_ms(started),
                    });
                    last_progress = Some(Instant::now());
                }
            }
            Some(FetchEvent::Connected(_) | FetchEvent::Secured(_)) => {}
            Some(FetchEvent::Done) => break,
            Some(FetchEvent::Failed(error)) => return Err(error.to_string()),
            None => return Err("the transfer ended without completing".into()),
        }
    }
    drop(file);
    if let Some(message) = error_watch.error_message() {
        return Err(format!(
            "the server answered with an error instead of the file: \"{message}\""
        ));
    }
    // No await from here on: once a final name is claimed, the guard's work is settled.
    let (path, claimed) = claim_final_name(&part.path, dir, name, MAX_NAME_ATTEMPTS)?;
    if claimed == Claimed::Renamed {
        part.renamed = true;
    }
    Ok((path, bytes))
}

/// Refuses names that would leave the folder or cannot be a file name at all.
fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\0']) {
        let shown = crate::gopher::sanitize(name);
        return Err(format!("\"{shown}\" is not a usable file name"));
    }
    Ok(())
}

/// Writes one chunk on the blocking pool, so a slow disk never stalls the runtime.
async fn write_chunk(file: &Arc<File>, chunk: Vec<u8>) -> io::Result<()> {
    let file = Arc::clone(file);
    tokio::task::spawn_blocking(move || (&*file).write_all(&chunk))
        .await
        .map_err(io::Error::other)?
}

/// The `.part` file being written; removed when dropped unless it was renamed to its final
/// name. (After a hard link to the final name, removing it is exactly what is wanted.)
struct PartFile {
    path: PathBuf,
    renamed: bool,
}

impl PartFile {
    /// Creates `name.part` in `dir`, or the first numbered alternative not already taken.
    fn create(dir: &Path, name: &str) -> Result<(File, PartFile), String> {
        let part_name = format!("{name}.part");
        for n in 0..MAX_NAME_ATTEMPTS {
            let path = dir.join(numbered_name(&part_name, n));
            match create_exclusive(&path) {
                Ok(file) => {
                    let guard = PartFile {
                        path,
                        renamed: false,
                    };
                    return Ok((file, guard));
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(format!("could not create {}: {e}", path.display())),
            }
        }
        Err(too_many_names(dir, &part_name))
    }
}

impl Drop for PartFile {
    fn drop(&mut self) {
        if !self.renamed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Creates a new file, failing if anything (a file, a directory, a symlink, even a dangling
/// one) already has that name.
fn create_exclusive(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .open(path)
}

fn too_many_names(dir: &Path, name: &str) -> String {
    format!(
        "no free name for {name} in {} after {MAX_NAME_ATTEMPTS} tries",
        dir.display()
    )
}

/// How the final name was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Claimed {
    /// Hard-linked: the part file still exists under its own name too.
    Linked,
    /// Renamed onto a reservation: the part file's name is gone.
    Renamed,
}

/// Gives the complete part file the first of `name`, `name (1)`, ... that is free, never
/// replacing anything; tries `attempts` names.
fn claim_final_name(
    part: &Path,
    dir: &Path,
    name: &str,
    attempts: u32,
) -> Result<(PathBuf, Claimed), String> {
    for n in 0..attempts {
        let candidate = dir.join(numbered_name(name, n));
        match fs::hard_link(part, &candidate) {
            Ok(()) => return Ok((candidate, Claimed::Linked)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) if hard_links_unsupported(&e) => {
                return claim_by_reservation(part, dir, name, n..attempts);
            }
            Err(e) => return Err(format!("could not save as {}: {e}", candidate.display())),
        }
    }
    Err(too_many_names(dir, name))
}

/// File systems without hard links (FAT, some network shares) refuse with one of these.
fn hard_links_unsupported(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::Unsupported | io::ErrorKind::PermissionDenied
    )
}

/// The fallback without hard links: create the name exclusively (so it is ours), then rename
/// the part file onto it.
fn claim_by_reservation(
    part: &Path,
    dir: &Path,
    name: &str,
    numbers: std::ops::Range<u32>,
) -> Result<(PathBuf, Claimed), String> {
    for n in numbers {
        let candidate = dir.join(numbered_name(name, n));
        match create_exclusive(&candidate) {
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(format!("could not save as {}: {e}", candidate.display())),
        }
        return match fs::rename(part, &candidate) {
            Ok(()) => Ok((candidate, Claimed::Renamed)),
            Err(e) => {
                let _ = fs::remove_file(&candidate);
                Err(format!("could not save as {}: {e}", candidate.display()))
            }
        };
    }
    Err(too_many_names(dir, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        tempfile::tempdir().expect("a temporary folder")
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("list the folder")
            .map(|entry| {
                let entry = entry.expect("a folder entry");
                entry.file_name().to_string_lossy().into_owned()
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn claiming_skips_taken_names_and_keeps_their_content() {
        let dir = folder();
        let part = dir.path().join("a.txt.part");
        fs::write(&part, b"new").expect("write the part file");
        fs::write(dir.path().join("a.txt"), b"old").expect("write the existing file");
        let (path, claimed) =
            claim_final_name(&part, dir.path(), "a.txt", 5).expect("a free name exists");
        assert_eq!(path, dir.path().join("a (1).txt"));
        assert_eq!(claimed, Claimed::Linked);
        assert_eq!(fs::read(&path).expect("read the new file"), b"new");
        assert_eq!(
            fs::read(dir.path().join("a.txt")).expect("read old"),
            b"old"
        );
    }

    #[test]
    fn claiming_gives_up_when_every_number_is_taken() {
        let dir = folder();
        let part = dir.path().join("a.part");
        fs::write(&part, b"new").expect("write the part file");
        for taken in ["a", "a (1)", "a (2)"] {
            fs::write(dir.path().join(taken), taken).expect("write a taken name");
        }
        let error = claim_final_name(&part, dir.path(), "a", 3).expect_err("no name is free");
        assert!(error.contains("no free name for a"), "{error}");
        assert_eq!(names_in(dir.path()), ["a", "a (1)", "a (2)", "a.part"]);
    }

    #[test]
    fn the_reservation_fallback_renames_onto_a_name_it_created_itself() {
        let dir = folder();
        let part = dir.path().join("b.bin.part");
        fs::write(&part, b"data").expect("write the part file");
        fs::write(dir.path().join("b.bin"), b"old").expect("write the existing file");
        let (path, claimed) =
            claim_by_reservation(&part, dir.path(), "b.bin", 0..4).expect("a free name exists");
        assert_eq!(claimed, Claimed::Renamed);
        assert_eq!(path, dir.path().join("b (1).bin"));
        assert_eq!(fs::read(&path).expect("read the new file"), b"data");
        assert_eq!(names_in(dir.path()), ["b (1).bin", "b.bin"]);
    }

    #[test]
    fn dropping_the_guard_removes_the_part_file_unless_renamed() {
        let dir = folder();
        let (_file, guard) = PartFile::create(dir.path(), "c").expect("create the part");
        assert_eq!(names_in(dir.path()), ["c.part"]);
        let (_file2, second) = PartFile::create(dir.path(), "c").expect("create another part");
        assert_eq!(names_in(dir.path()), ["c (1).part", "c.part"]);
        drop(guard);
        assert_eq!(names_in(dir.path()), ["c (1).part"]);
        let mut second = second;
        second.renamed = true;
        drop(second);
        assert_eq!(names_in(dir.path()), ["c (1).part"]);
    }

    #[test]
    fn names_that_leave_the_folder_are_refused() {
        for name in ["", ".", "..", "../x", "a/b", "nul\0"] {
            assert!(check_name(name).is_err(), "{name:?} must be refused");
        }
        assert!(check_name("report (1).txt").is_ok());
    }
}
