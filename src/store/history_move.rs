//! The one-time move of the visit history from where Burrow used to keep it
//! (`$XDG_DATA_HOME/burrow/history.gophermap`) to where state belongs
//! (`$XDG_STATE_HOME/burrow/history.gophermap`). The move never loses the file: it happens
//! under both files' locks, by rename where it can and otherwise by an atomic copy that is
//! checked before the old file is removed; a history already at the new place is never
//! overwritten; and when the move fails Burrow keeps using the old file.

use super::locked::{LOCK_TIMEOUT, create_private_dir, lock};
use super::write_atomic;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What became of the old history file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryMove {
    /// Nothing to move: there is no old file, or it is the same file as the new one.
    NothingToMove,
    /// The old file now lives at the new place.
    Moved,
    /// Both exist: the new one is used and the old one is left as it is.
    BothKept,
    /// The move failed (the reason); the old file is still in place and should be used.
    Failed(String),
}

/// Moves the history at `old` to `new` if only `old` exists. Returns the path to use and what
/// happened.
pub fn move_history(old: &Path, new: &Path) -> (PathBuf, HistoryMove) {
    if old == new || fs::symlink_metadata(old).is_err() {
        return (new.to_path_buf(), HistoryMove::NothingToMove);
    }
    match move_under_locks(old, new) {
        Ok(outcome) => (new.to_path_buf(), outcome),
        Err(why) => (
            old.to_path_buf(),
            HistoryMove::Failed(format!(
                "could not move the history {} to {} ({why}); it stays where it is",
                old.display(),
                new.display()
            )),
        ),
    }
}

fn move_under_locks(old: &Path, new: &Path) -> Result<HistoryMove, String> {
    let folder = new.parent().unwrap_or(Path::new("."));
    create_private_dir(folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    // A Burrow still running from before the move writes the old file under the old lock.
    let _old_lock = lock(old, LOCK_TIMEOUT).map_err(|e| e.to_string())?;
    let _new_lock = lock(new, LOCK_TIMEOUT).map_err(|e| e.to_string())?;
    if fs::symlink_metadata(new).is_ok() {
        return Ok(HistoryMove::BothKept);
    }
    if fs::symlink_metadata(old).is_err() {
        // Another Burrow moved it while this one waited for the locks.
        return Ok(HistoryMove::NothingToMove);
    }
    if fs::symlink_metadata(old).is_ok_and(|m| m.file_type().is_symlink()) {
        return move_link(old, new);
    }
    match fs::rename(old, new) {
        Ok(()) => {
            if let Ok(folder) = fs::File::open(folder) {
                let _ = folder.sync_all();
            }
            Ok(HistoryMove::Moved)
        }
        Err(e) if e.kind() == io::ErrorKind::CrossesDevices => copy_then_remove(old, new),
        Err(e) => Err(e.to_string()),
    }
}

/// A history kept elsewhere through a symbolic link: the new name links to the same file (a
/// relative link would point elsewhere if moved as it is), then the old link goes.
fn move_link(old: &Path, new: &Path) -> Result<HistoryMove, String> {
    let target = fs::canonicalize(old).map_err(|e| format!("cannot follow the link: {e}"))?;
    std::os::unix::fs::symlink(&target, new).map_err(|e| format!("cannot link: {e}"))?;
    fs::remove_file(old).map_err(|e| format!("the new link is made but the old one stays: {e}"))?;
    Ok(HistoryMove::Moved)
}

/// Across file systems: write the copy atomically, read it back, and only then remove the old.
fn copy_then_remove(old: &Path, new: &Path) -> Result<HistoryMove, String> {
    let bytes = fs::read(old).map_err(|e| format!("cannot read it: {e}"))?;
    write_atomic(new, &bytes).map_err(|e| format!("cannot write the copy: {e}"))?;
    if fs::read(new).ok().as_deref() != Some(bytes.as_slice()) {
        return Err("the copy does not match; the old file was kept".to_owned());
    }
    fs::remove_file(old).map_err(|e| format!("the copy is made but the old file stays: {e}"))?;
    Ok(HistoryMove::Moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HISTORY: &[u8] = b"1Visited\t/\th.org\t70\r\n# kept by hand\r\n";

    fn places(dir: &Path) -> (PathBuf, PathBuf) {
        (
            dir.join("data/burrow/history.gophermap"),
            dir.join("state/burrow/history.gophermap"),
        )
    }

    #[test]
    fn an_old_history_moves_to_the_state_folder_byte_for_byte_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (old, new) = places(dir.path());
        fs::create_dir_all(old.parent().expect("parent")).expect("mkdir");
        fs::write(&old, HISTORY).expect("write");
        assert_eq!(move_history(&old, &new), (new.clone(), HistoryMove::Moved));
        assert_eq!(fs::read(&new).expect("read"), HISTORY);
        assert!(!old.exists());
        assert_eq!(
            move_history(&old, &new),
            (new.clone(), HistoryMove::NothingToMove)
        );
        assert_eq!(fs::read(&new).expect("read"), HISTORY);
    }

    #[test]
    fn a_history_already_in_the_state_folder_is_never_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (old, new) = places(dir.path());
        for path in [&old, &new] {
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        }
        fs::write(&old, HISTORY).expect("write");
        fs::write(&new, b"1Newer\t/\tn.org\t70\r\n").expect("write");
        assert_eq!(
            move_history(&old, &new),
            (new.clone(), HistoryMove::BothKept)
        );
        assert_eq!(fs::read(&old).expect("read"), HISTORY);
        assert_eq!(
            fs::read(&new).expect("read"),
            b"1Newer\t/\tn.org\t70\r\n".to_vec()
        );
    }

    #[test]
    fn when_the_move_fails_the_old_history_stays_and_is_used() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (old, _) = places(dir.path());
        fs::create_dir_all(old.parent().expect("parent")).expect("mkdir");
        fs::write(&old, HISTORY).expect("write");
        // The state folder cannot be created: a file is in the way.
        fs::write(dir.path().join("state"), b"not a folder").expect("write");
        let new = dir.path().join("state/burrow/history.gophermap");
        let (used, outcome) = move_history(&old, &new);
        assert_eq!(used, old);
        assert!(
            matches!(&outcome, HistoryMove::Failed(why) if why.contains("stays where it is")),
            "{outcome:?}"
        );
        assert_eq!(fs::read(&old).expect("read"), HISTORY);
    }

    #[test]
    fn the_copy_across_file_systems_is_checked_before_the_old_file_goes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (old, new) = places(dir.path());
        fs::create_dir_all(old.parent().expect("parent")).expect("mkdir");
        fs::write(&old, HISTORY).expect("write");
        assert_eq!(copy_then_remove(&old, &new), Ok(HistoryMove::Moved));
        assert_eq!(fs::read(&new).expect("read"), HISTORY);
        assert!(!old.exists());
    }

    #[test]
    fn a_history_behind_a_relative_link_still_reaches_the_same_file_after_the_move() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (old, new) = places(dir.path());
        fs::create_dir_all(old.parent().expect("parent")).expect("mkdir");
        fs::write(dir.path().join("data/dotfiles-history"), HISTORY).expect("write");
        std::os::unix::fs::symlink("../dotfiles-history", &old).expect("link");
        assert_eq!(move_history(&old, &new), (new.clone(), HistoryMove::Moved));
        assert_eq!(fs::read(&new).expect("read"), HISTORY);
        assert!(fs::symlink_metadata(&old).is_err());
    }

    #[test]
    fn without_an_old_history_nothing_is_created() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (old, new) = places(dir.path());
        assert_eq!(
            move_history(&old, &new),
            (new.clone(), HistoryMove::NothingToMove)
        );
        assert!(!dir.path().join("state").exists());
    }
}
