//! The session file: the tabs open when Burrow last ran, each with its back and forward pages
//! (addresses with the cursor and scroll, never page contents), and which tab was shown. It
//! lives in `$XDG_STATE_HOME/burrow/session` (beside the history; see [`super::Paths::session`]).
//!
//! The format is text, one line per page, easy to read and to diff:
//!
//! ```text
//! burrow session 1
//! tab
//! back 3 0 0 gopher://example.org/
//! here 12 10 0 gopher://example.org/0/notes.txt
//! tab current
//! here 0 0 0 about:start
//! ```
//!
//! The first line names the format's version. `tab` (`tab current` for the tab shown) starts a
//! tab; its pages follow oldest first: `back` pages, the one page shown (`here`), then the
//! `forward` pages. Each page line holds the cursor, the first line on screen and the wrapped
//! row within it, then the address exactly as written (the rest of the line, spaces and all).
//! `#` lines and blank lines are comments.
//!
//! Parsing is strict and every refusal names the line and the reason ([`SessionError`]), so a
//! file that cannot be read is reported and left as it is. Writing goes through
//! [`update_locked`] (lock, temp file, fsync, rename, 0600), and refuses to replace a file that
//! does not parse: see [`write_session`].

mod bounds;
mod format;

pub use format::{SessionError, SessionProblem};

use super::error::{LineError, StoreError};
use super::locked::{Decision, update_locked};
use std::io::Read;
use std::path::Path;

/// The first line of a session file this Burrow writes and reads.
pub const HEADER: &str = "burrow session 1";
/// The most tabs a session keeps.
pub const MAX_TABS: usize = 100;
/// The most pages one tab's history keeps in the file (the app keeps 100 back, one shown and
/// what Forward can reach).
pub const MAX_PAGES_PER_TAB: usize = 256;
/// The largest session file read (and written: [`Session::bounded`] keeps under it).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// One page of a tab's history: where it is and where the user left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionEntry {
    /// The page's address as the app writes it (a Gopher URL, `about:…`, `source of …`).
    pub address: String,
    /// The selected menu line.
    pub cursor: usize,
    /// The first line on screen.
    pub top_line: usize,
    /// The wrapped row of that line at the top of the screen.
    pub top_row: usize,
}

/// One tab: its history, oldest first, and which of it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionTab {
    pub entries: Vec<SessionEntry>,
    /// The entry shown; those before it are Back's, those after Forward's.
    pub at: usize,
}

/// The open tabs and the one shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Session {
    pub tabs: Vec<SessionTab>,
    pub current: usize,
}

/// The session file's owner: the one Burrow window that restores and saves it. Held for the
/// window's life on `.NAME.owner` beside the file (not the lock each write takes), and let go
/// by the kernel however the window ends, even by `kill -9`.
#[derive(Debug)]
pub struct SessionOwner {
    _lock: super::locked::FileLock,
}

/// Claims the session at `path` for this window: `Ok(None)` when another window holds it.
pub fn claim_session(path: &Path) -> Result<Option<SessionOwner>, StoreError> {
    let name = path
        .file_name()
        .map_or_else(|| "session".into(), |n| n.to_string_lossy().into_owned());
    let owner_file = path.with_file_name(format!(".{name}.owner"));
    super::locked::try_hold(&owner_file)
        .map(|held| held.map(|lock| SessionOwner { _lock: lock }))
        .map_err(|e| {
            StoreError::unwritable(path, format!("cannot take {}: {e}", owner_file.display()))
        })
}

/// Reads the session file (missing: `Ok(None)`), at most [`MAX_FILE_BYTES`]. Read without
/// the lock: the file is only ever replaced whole. The error names the file (and the line and
/// the reason for a malformed one); such a file is then left alone
/// ([`StoreError::leaves_the_file_alone`]).
pub fn read_session(
    path: &Path,
    check_address: &dyn Fn(&str) -> Result<(), String>,
) -> Result<Option<Session>, StoreError> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::unreadable(path, e)),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StoreError::unreadable(path, e))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(path));
    }
    Session::parse(&bytes, check_address)
        .map(Some)
        .map_err(|why| malformed(path, why))
}

fn malformed(path: &Path, why: SessionError) -> StoreError {
    StoreError::malformed(path, LineError::new(why.line, why.problem.to_string()))
}

fn too_large(path: &Path) -> StoreError {
    StoreError::TooLarge {
        path: path.to_path_buf(),
        limit: MAX_FILE_BYTES,
    }
}

/// When [`write_session`] may replace the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// When it is missing or parses as a session (another Burrow's, or this one's).
    IfReadable,
    /// Only when it is missing: it could not be read at start-up, so it is kept until the
    /// user removes it (or fixes it and restarts Burrow to have it back).
    OnlyIfMissing,
}

impl Overwrite {
    /// How to write after reading the file at start-up found `problem`: a file that is there
    /// but could not be read or understood is kept until the user removes it; a problem that
    /// says nothing against the file (none can arise from reading today) changes nothing.
    pub fn after_reading(problem: Option<&StoreError>) -> Overwrite {
        match problem {
            Some(problem) if problem.leaves_the_file_alone() => Overwrite::OnlyIfMissing,
            Some(_) | None => Overwrite::IfReadable,
        }
    }
}

/// Replaces the session file with `session` (bounded, see [`Session::bounded`]) under the
/// file's lock, atomically, 0600 for a new file; whether it was written. With
/// [`Overwrite::OnlyIfMissing`] a file there is left as it is (`Ok(false)`); a file that does
/// not parse as a session is never replaced, and the error says why.
pub fn write_session(
    path: &Path,
    session: &Session,
    overwrite: Overwrite,
) -> Result<bool, StoreError> {
    let text = session.to_file_text();
    update_locked(path, |bytes| match bytes {
        None => Ok(Decision::write(text.clone(), true)),
        Some(_) if overwrite == Overwrite::OnlyIfMissing => Ok(Decision::keep(false)),
        Some(bytes) if bytes.len() > MAX_FILE_BYTES => Err(too_large(path)),
        Some(bytes) => match Session::parse(&bytes, &|_| Ok(())) {
            Ok(_) => Ok(Decision::write(text.clone(), true)),
            Err(why) => Err(malformed(path, why)),
        },
    })
}

#[cfg(test)]
mod tests;
