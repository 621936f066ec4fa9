//! Storage: where Burrow keeps the user's files (XDG directories via `directories`), and
//! writing them atomically (temp file in the same folder, fsync, rename) so a crash never
//! leaves a half-written file. Every change to a file another Burrow window may be changing
//! too goes through [`locked::update_locked`]. A file that cannot be parsed is reported, never
//! replaced: every reader returns a [`StoreError`], whose kind decides that.

pub mod address_history;
pub mod config;
pub mod error;
pub mod history_move;
pub mod known_hosts;
pub mod link_file;
pub mod locked;
pub mod session;
pub mod style;

pub use error::StoreError;

use crate::gopher::GopherUrl;
use crate::gopher::transfer::Fingerprint;
use known_hosts::KnownHosts;
use link_file::{LinkFile, SavedLink};
use locked::{Decision, create_private_dir, update_locked};
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// The files Burrow reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_file: PathBuf,
    pub known_hosts: PathBuf,
    pub bookmarks: PathBuf,
    pub history: PathBuf,
    /// Where earlier Burrows kept the history; moved to `history` once (see `history_move`).
    pub old_history: Option<PathBuf>,
}

impl Paths {
    /// `$XDG_CONFIG_HOME/burrow/config.toml` and `bookmarks.gophermap`,
    /// `$XDG_DATA_HOME/burrow/known_hosts` and `$XDG_STATE_HOME/burrow/history.gophermap`
    /// (with the usual fallbacks under the home directory; where a system has no state folder
    /// the history stays in the data folder); `None` without a home directory.
    pub fn standard() -> Option<Paths> {
        let dirs = directories::ProjectDirs::from("", "", "burrow")?;
        let old_history = dirs.data_dir().join("history.gophermap");
        let history = match dirs.state_dir() {
            Some(state) => state.join("history.gophermap"),
            None => old_history.clone(),
        };
        Some(Paths {
            config_file: dirs.config_dir().join("config.toml"),
            known_hosts: dirs.data_dir().join("known_hosts"),
            bookmarks: dirs.config_dir().join("bookmarks.gophermap"),
            old_history: Some(old_history).filter(|old| *old != history),
            history,
        })
    }

    /// The session file: `session` beside the history, in the state folder.
    pub fn session(&self) -> PathBuf {
        self.history.with_file_name("session")
    }
}

/// Replaces `path` with `bytes` atomically, creating its folder (0700) if needed. A symbolic
/// link is followed (its target is replaced), an existing file keeps its permissions and a new
/// one is 0600, and the folder is synced after the rename so the new file survives a crash.
/// A file other Burrow windows may change is written through [`locked::update_locked`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let path = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    create_private_dir(&folder)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let temp = folder.join(format!(".{name}.tmp-{}", std::process::id()));
    let permissions = fs::metadata(&path).ok().map(|m| m.permissions());
    let written = (|| {
        let _ = fs::remove_file(&temp);
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temp)?;
        file.write_all(bytes)?;
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)?;
        }
        file.sync_all()?;
        fs::rename(&temp, &path)?;
        fs::File::open(&folder)?.sync_all()
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// Adds one pin to the known-hosts file under its lock: re-reads it (keeping pins another
/// Burrow added meanwhile), sets the pin, writes it atomically. A file that no longer parses is
/// not written.
pub fn add_pin(path: &Path, host_port: &str, fingerprint: Fingerprint) -> Result<(), StoreError> {
    update_locked(path, |bytes| {
        let mut known = match bytes {
            None => KnownHosts::default(),
            Some(bytes) => error::utf8_text(&bytes)
                .and_then(KnownHosts::parse)
                .map_err(|e| StoreError::malformed(path, e))?,
        };
        known.pin(host_port, fingerprint);
        Ok(Decision::write(known.to_file_text(), ()))
    })
}

/// A change to a bookmarks or history file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkEdit {
    /// Only read the file.
    Read,
    Add(SavedLink),
    Rename {
        url: GopherUrl,
        title: String,
    },
    Remove(GopherUrl),
    /// Put a visit at the top, keeping at most `limit` links.
    RecordVisit {
        link: SavedLink,
        limit: usize,
    },
    Clear,
}

/// Reads a bookmarks or history file (missing means empty), applies `edit` and writes it back
/// atomically, all under the file's lock, returning the links now saved. Re-reading under the
/// lock keeps what another Burrow saved meanwhile. A file that cannot be read or parsed is left
/// untouched and the error says why.
pub fn update_link_file(path: &Path, edit: LinkEdit) -> Result<Vec<SavedLink>, StoreError> {
    update_locked(path, |bytes| {
        let mut file = parse_link_file(path, bytes)?;
        let changed = apply_link_edit(&mut file, edit.clone());
        let links = file.links().cloned().collect();
        Ok(match changed {
            true => Decision::write(file.to_file_text(), links),
            false => Decision::keep(links),
        })
    })
}

/// The links in a file's bytes (none when there is no file), or why they cannot be used.
fn parse_link_file(path: &Path, bytes: Option<Vec<u8>>) -> Result<LinkFile, StoreError> {
    match bytes {
        None => Ok(LinkFile::default()),
        Some(bytes) => error::utf8_text(&bytes)
            .and_then(LinkFile::parse)
            .map_err(|e| StoreError::malformed(path, e)),
    }
}

/// Applies one edit; whether the file changed.
fn apply_link_edit(file: &mut LinkFile, edit: LinkEdit) -> bool {
    match edit {
        LinkEdit::Read => false,
        LinkEdit::Add(link) => file.add(link),
        LinkEdit::Rename { url, title } => file.rename(&url, &title),
        LinkEdit::Remove(url) => file.remove(&url),
        LinkEdit::RecordVisit { link, limit } => {
            file.record_visit(link, limit);
            true
        }
        LinkEdit::Clear => {
            file.clear_links();
            true
        }
    }
}

/// Reads a text file; a missing file is `Ok(None)`, one that is not UTF-8 is unreadable.
pub fn read_text(path: &Path) -> Result<Option<String>, StoreError> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::unreadable(path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_replace_the_whole_file_and_leave_no_temp_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("nested/folder/file.txt");
        write_atomic(&path, b"first version, longer").expect("write");
        write_atomic(&path, b"second").expect("write");
        assert_eq!(fs::read_to_string(&path).expect("read"), "second");
        let leftovers: Vec<_> = fs::read_dir(path.parent().expect("parent"))
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn atomic_writes_keep_permissions_and_write_through_symlinks() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("real");
        write_atomic(&real, b"one").expect("write");
        fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).expect("chmod");
        let link = dir.path().join("link");
        symlink(&real, &link).expect("symlink");
        write_atomic(&link, b"two").expect("write");
        assert_eq!(fs::read_to_string(&real).expect("read"), "two");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        let mode = fs::metadata(&real).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn pins_merge_with_what_another_window_saved_and_malformed_files_are_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("known_hosts");
        add_pin(&path, "a.example:70", Fingerprint([1; 32])).expect("pin a");
        add_pin(&path, "b.example:70", Fingerprint([2; 32])).expect("pin b");
        let known = KnownHosts::parse(&fs::read_to_string(&path).expect("read")).expect("parses");
        assert_eq!(known.len(), 2);
        fs::write(&path, "garbage line\n").expect("corrupt");
        let refused = add_pin(&path, "c.example:70", Fingerprint([3; 32]));
        assert!(
            matches!(&refused, Err(StoreError::Malformed { line: 1, .. })),
            "{refused:?}"
        );
        assert_eq!(fs::read_to_string(&path).expect("read"), "garbage line\n");
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_untouched() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("file.txt");
        write_atomic(&path, b"keep me").expect("write");
        // Renaming a file over a non-empty directory fails.
        let blocked = dir.path().join("blocked");
        fs::create_dir_all(blocked.join("inside")).expect("mkdir");
        assert!(write_atomic(&blocked, b"x").is_err());
        assert_eq!(fs::read_to_string(&path).expect("read"), "keep me");
        assert!(
            read_text(&dir.path().join("missing"))
                .expect("read")
                .is_none()
        );
    }

    fn link(title: &str, address: &str) -> SavedLink {
        SavedLink::new(title, GopherUrl::parse(address).expect("url"))
    }

    #[test]
    fn bookmarks_are_created_when_missing_and_merged_with_what_another_window_saved() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("config/burrow/bookmarks.gophermap");
        let saved =
            update_link_file(&path, LinkEdit::Add(link("A", "gopher://a.org/"))).expect("add");
        assert_eq!(saved.len(), 1);
        // Another window appends by hand; our next edit keeps its line.
        let mut text = fs::read_to_string(&path).expect("read");
        text.push_str("0Other\t/o\to.org\t70\r\n");
        fs::write(&path, text).expect("write");
        let saved =
            update_link_file(&path, LinkEdit::Add(link("B", "gopher://b.org/"))).expect("add");
        let titles: Vec<_> = saved.iter().map(|l| l.title.as_str()).collect();
        assert_eq!(titles, ["A", "Other", "B"]);
        let saved = update_link_file(
            &path,
            LinkEdit::Rename {
                url: GopherUrl::parse("gopher://a.org/").expect("url"),
                title: "Renamed".into(),
            },
        )
        .expect("rename");
        assert_eq!(saved[0].title, "Renamed");
        let saved = update_link_file(
            &path,
            LinkEdit::Remove(GopherUrl::parse("gopher://o.org/0/o").expect("url")),
        )
        .expect("remove");
        assert_eq!(saved.len(), 2);
    }

    #[test]
    fn a_malformed_link_file_is_reported_and_left_byte_for_byte() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bookmarks.gophermap");
        let original = b"1Good\t/\tg.org\t70\r\n1Bad\t/\tg.org\tnope\r\n";
        fs::write(&path, original).expect("write");
        for edit in [
            LinkEdit::Read,
            LinkEdit::Add(link("New", "gopher://n.org/")),
            LinkEdit::Clear,
        ] {
            let why = update_link_file(&path, edit).expect_err("malformed");
            assert!(
                matches!(&why, StoreError::Malformed { line: 2, .. }),
                "{why:?}"
            );
            assert!(why.to_string().contains("left as it is"), "{why}");
            assert_eq!(fs::read(&path).expect("read"), original);
        }
        let not_utf8 = dir.path().join("binary.gophermap");
        fs::write(&not_utf8, b"1Fine\t/\th\t70\r\n1\xff\xfe\t/\th\t70\r\n").expect("write");
        let why = update_link_file(&not_utf8, LinkEdit::Add(link("x", "gopher://x.org/")))
            .expect_err("not text");
        assert_eq!(
            why,
            StoreError::malformed(&not_utf8, error::LineError::new(2, "not UTF-8 text"))
        );
        assert!(why.to_string().contains("left as it is"), "{why}");
        assert_eq!(
            fs::read(&not_utf8).expect("read"),
            b"1Fine\t/\th\t70\r\n1\xff\xfe\t/\th\t70\r\n"
        );
    }

    #[test]
    fn reading_a_missing_file_creates_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.gophermap");
        assert_eq!(update_link_file(&path, LinkEdit::Read), Ok(Vec::new()));
        assert!(!path.exists());
    }
}
