//! Read-modify-write of a user file under an advisory lock, so two Burrow windows saving at the
//! same moment never undo each other. The lock is `flock` on `.NAME.lock` beside the file (the
//! file itself is replaced by a rename on every write, so it cannot carry the lock). The lock
//! file stays: deleting it would let a third process lock a different inode.
//!
//! [`update_locked`] is the one way Burrow changes a user file it shares with other windows
//! (bookmarks, history, known hosts, and any later file such as a session or address history):
//! take the lock (waiting at most [`LOCK_TIMEOUT`]), read, let the caller decide, write
//! atomically, release. Under the lock, temp files a killed Burrow left behind are removed.

use super::error::StoreError;
use super::write_atomic;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a save waits for another Burrow to finish with the same file. Each hold is one
/// read and one write (milliseconds); the wait is long because `flock` hands the lock to no one
/// in particular, so on a loaded machine a window saving repeatedly can win it many times in a
/// row, and only a holder that is really stuck (a hung network home) should cause a refusal.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// What a change decided: the file's new contents (`None`: leave it as it is) and the value
/// handed back to the caller.
pub struct Decision<T> {
    pub write: Option<Vec<u8>>,
    pub value: T,
}

impl<T> Decision<T> {
    /// Leave the file as it is.
    pub fn keep(value: T) -> Decision<T> {
        Decision { write: None, value }
    }

    /// Replace the file with `bytes`.
    pub fn write(bytes: impl Into<Vec<u8>>, value: T) -> Decision<T> {
        Decision {
            write: Some(bytes.into()),
            value,
        }
    }
}

/// Holds the lock on one user file until dropped.
#[derive(Debug)]
pub struct FileLock {
    _file: Option<File>,
}

/// The lock file for `path`: `.NAME.lock` in the same folder.
pub fn lock_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    folder_of(path).join(format!(".{name}.lock"))
}

fn folder_of(path: &Path) -> PathBuf {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// A symbolic link is followed, so two names for one file share one lock.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path),
        _ => Ok(path.to_path_buf()),
    }
}

/// Opens (creating, 0600) a lock file; `None` where none can be made (a read-only folder or
/// file system), where nobody can write either.
fn open_lock_file(lock_file: &Path) -> io::Result<Option<File>> {
    let opened = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(lock_file);
    match opened {
        Ok(file) => Ok(Some(file)),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Takes the lock on `path` (whose folder must exist), waiting at most `timeout`. In a folder
/// where no lock file can be created (read-only), nobody can write either, so the lock is
/// granted empty and any write fails on its own.
pub fn lock(path: &Path, timeout: Duration) -> Result<FileLock, StoreError> {
    let lock_file = lock_path(path);
    let file = match open_lock_file(&lock_file) {
        Ok(Some(file)) => file,
        Ok(None) => return Ok(FileLock { _file: None }),
        Err(e) => {
            return Err(StoreError::unwritable(
                path,
                format!("cannot open its lock {}: {e}", lock_file.display()),
            ));
        }
    };
    match file.try_lock() {
        Ok(()) => return Ok(FileLock { _file: Some(file) }),
        Err(TryLockError::WouldBlock) => {}
        Err(TryLockError::Error(e)) => return Err(cannot_lock(path, &lock_file, e)),
    }
    // Held elsewhere: wait in the kernel's queue (woken the moment it is free, unlike polling,
    // which a busy window could starve) on a helper thread, for at most `timeout`.
    let waiter = file
        .try_clone()
        .map_err(|e| cannot_lock(path, &lock_file, e))?;
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    std::thread::spawn(move || {
        let locked = waiter.lock();
        let granted = locked.is_ok();
        // Nobody waits any more: let the lock go at once (both handles share it).
        if tx.send(locked).is_err() && granted {
            let _ = waiter.unlock();
        }
    });
    match rx.recv_timeout(timeout) {
        Ok(Ok(())) => Ok(FileLock { _file: Some(file) }),
        Ok(Err(e)) => Err(cannot_lock(path, &lock_file, e)),
        Err(_) => Err(StoreError::Busy {
            path: path.to_path_buf(),
            lock_file,
            waited: timeout,
        }),
    }
}

/// Takes `lock_file` only if nobody holds it, for as long as the returned lock lives (`None`:
/// another process holds it). A folder where no lock file can be made grants it empty.
pub fn try_hold(lock_file: &Path) -> io::Result<Option<FileLock>> {
    if let Some(folder) = lock_file.parent().filter(|f| !f.as_os_str().is_empty()) {
        create_private_dir(folder)?;
    }
    let Some(file) = open_lock_file(lock_file)? else {
        return Ok(Some(FileLock { _file: None }));
    };
    match file.try_lock() {
        Ok(()) => Ok(Some(FileLock { _file: Some(file) })),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(e)) => Err(e),
    }
}

fn cannot_lock(path: &Path, lock_file: &Path, e: io::Error) -> StoreError {
    StoreError::unwritable(path, format!("cannot lock {}: {e}", lock_file.display()))
}

/// Reads `path` under its lock (a missing file is `None`), hands the bytes to `decide`, writes
/// what it decided atomically (new files are created 0600), and releases the lock. Nothing is
/// written when `decide` fails or keeps the file. A missing folder is only created when
/// something is written, so reading creates nothing.
///
/// `decide` may be called twice: once without the lock when the folder does not exist yet,
/// and again under the lock once it does.
pub fn update_locked<T>(
    path: &Path,
    mut decide: impl FnMut(Option<Vec<u8>>) -> Result<Decision<T>, StoreError>,
) -> Result<T, StoreError> {
    update_locked_within(path, LOCK_TIMEOUT, &mut decide)
}

/// [`update_locked`] with a chosen wait for the lock.
pub fn update_locked_within<T>(
    path: &Path,
    timeout: Duration,
    decide: &mut dyn FnMut(Option<Vec<u8>>) -> Result<Decision<T>, StoreError>,
) -> Result<T, StoreError> {
    let path = resolve(path)
        .map_err(|e| StoreError::unreadable(path, format!("cannot follow the link: {e}")))?;
    let folder = folder_of(&path);
    if !folder.is_dir() {
        let decision = decide(None)?;
        if decision.write.is_none() {
            return Ok(decision.value);
        }
        create_private_dir(&folder).map_err(|e| {
            StoreError::unwritable(&path, format!("cannot create {}: {e}", folder.display()))
        })?;
    }
    let _lock = lock(&path, timeout)?;
    remove_stale_temp_files(&path);
    let bytes = match fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(StoreError::unreadable(&path, e)),
    };
    let decision = decide(bytes)?;
    if let Some(bytes) = decision.write {
        write_atomic(&path, &bytes).map_err(|e| StoreError::unwritable(&path, e))?;
    }
    Ok(decision.value)
}

/// Creates `folder` and any missing parents, readable only by the user (as XDG asks).
pub fn create_private_dir(folder: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)
}

/// Removes `.NAME.tmp-PID` files beside `path` left by a Burrow killed mid-write. Called with
/// the lock held: every writer of a shared file holds it, so no live write owns such a file.
fn remove_stale_temp_files(path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefix = format!(".{name}.tmp-");
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let is_temp = file_name
            .strip_prefix(&prefix)
            .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
        if is_temp && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::error::LineError;
    use std::os::unix::fs::PermissionsExt;
    use std::time::Instant;

    fn add_one(path: &Path) -> Result<u64, StoreError> {
        // A long wait: this test is about losing nothing, and two threads saving in a tight
        // loop on a loaded machine can keep each other waiting for seconds.
        update_locked_within(path, Duration::from_secs(120), &mut |bytes| {
            let count = bytes
                .map(|b| String::from_utf8_lossy(&b).trim().parse::<u64>())
                .transpose()
                .map_err(|e| StoreError::malformed(path, LineError::new(1, e.to_string())))?
                .unwrap_or(0);
            Ok(Decision::write((count + 1).to_string(), count + 1))
        })
    }

    #[test]
    fn threads_with_their_own_file_handles_never_lose_an_increment() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("counter");
        let threads: Vec<_> = (0..2)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for _ in 0..200 {
                        add_one(&path).expect("increment");
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().expect("thread");
        }
        assert_eq!(fs::read_to_string(&path).expect("read"), "400");
    }

    #[test]
    fn a_held_lock_makes_a_save_wait_then_fail_saying_why_and_change_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bookmarks.gophermap");
        fs::write(&path, "5").expect("write");
        let held = lock(&path, LOCK_TIMEOUT).expect("first lock");
        let started = Instant::now();
        let refused = update_locked_within(&path, Duration::from_millis(200), &mut |_| {
            Ok(Decision::write("6", ()))
        })
        .expect_err("locked");
        assert!(started.elapsed() >= Duration::from_millis(200));
        assert!(matches!(refused, StoreError::Busy { .. }), "{refused:?}");
        let said = refused.to_string();
        assert!(
            said.contains("another Burrow has held the lock")
                && said.contains("nothing was changed"),
            "{said}"
        );
        assert_eq!(fs::read_to_string(&path).expect("read"), "5");
        drop(held);
        assert_eq!(add_one(&path), Ok(6));
    }

    #[test]
    fn new_files_and_lock_files_are_private_and_existing_modes_are_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("new/folder/history.gophermap");
        add_one(&path).expect("create");
        let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&lock_path(&path)), 0o600);
        assert_eq!(mode(&dir.path().join("new/folder")), 0o700);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        add_one(&path).expect("update");
        assert_eq!(mode(&path), 0o640);
    }

    #[test]
    fn temp_files_left_by_a_killed_burrow_are_removed_on_the_next_write() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bookmarks.gophermap");
        let stale = dir.path().join(".bookmarks.gophermap.tmp-999999");
        let unrelated = dir.path().join(".other.tmp-999999");
        let not_a_pid = dir.path().join(".bookmarks.gophermap.tmp-notes");
        for file in [&stale, &unrelated, &not_a_pid] {
            fs::write(file, "half written").expect("write");
        }
        add_one(&path).expect("write");
        assert!(!stale.exists());
        assert!(unrelated.exists() && not_a_pid.exists());
    }

    #[test]
    fn reading_where_the_folder_is_missing_creates_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("missing/history.gophermap");
        let calls = std::cell::Cell::new(0);
        let value = update_locked(&path, |bytes| {
            calls.set(calls.get() + 1);
            Ok(Decision::keep(bytes.is_none()))
        });
        assert_eq!(value, Ok(true));
        assert_eq!(calls.get(), 1);
        assert!(!dir.path().join("missing").exists());
    }

    #[test]
    fn a_failed_decision_writes_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("known_hosts");
        fs::write(&path, "garbage").expect("write");
        let malformed = StoreError::malformed(&path, LineError::new(1, "garbage"));
        let refused: Result<(), StoreError> = update_locked(&path, |_| Err(malformed.clone()));
        assert_eq!(refused, Err(malformed));
        assert_eq!(fs::read_to_string(&path).expect("read"), "garbage");
    }
}
