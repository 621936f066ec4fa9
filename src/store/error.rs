//! Why a user file could not be used ([`StoreError`]), returned by every reader and
//! read-modify-write in `store`, with a `Display` written for the user. Whether a file must be
//! left as it is (never written over until the user sees to it) is decided by its kind
//! ([`StoreError::leaves_the_file_alone`]), never by reading the message. Parsers report a
//! [`LineError`]: the line and the reason, to which the reader adds the file.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Why a user file could not be read, understood or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// There is no home directory, so the file has no place.
    NoHome,
    /// The file is there but could not be read (the system's reason).
    Unreadable { path: PathBuf, reason: String },
    /// The file does not parse: the line (from 1) and why.
    Malformed {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    /// The file is larger than Burrow ever writes (the limit in bytes).
    TooLarge { path: PathBuf, limit: usize },
    /// Another Burrow held the file's lock for longer than a save waits.
    Busy {
        path: PathBuf,
        lock_file: PathBuf,
        waited: Duration,
    },
    /// The file, its folder or its lock could not be written (the reason).
    Unwritable { path: PathBuf, reason: String },
}

impl StoreError {
    /// The file at `path` is malformed as `error` says.
    pub fn malformed(path: &Path, error: LineError) -> StoreError {
        StoreError::Malformed {
            path: path.to_path_buf(),
            line: error.line,
            reason: error.reason,
        }
    }

    pub fn unreadable(path: &Path, reason: impl fmt::Display) -> StoreError {
        StoreError::Unreadable {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        }
    }

    pub fn unwritable(path: &Path, reason: impl fmt::Display) -> StoreError {
        StoreError::Unwritable {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        }
    }

    /// Whether the file is there but could not be read or understood, so that writing it would
    /// lose what the user had: it is left as it is until the user removes or fixes it. The
    /// other kinds say nothing against the file itself (no home, a busy lock, a full disk).
    pub fn leaves_the_file_alone(&self) -> bool {
        match self {
            StoreError::Unreadable { .. }
            | StoreError::Malformed { .. }
            | StoreError::TooLarge { .. } => true,
            StoreError::NoHome | StoreError::Busy { .. } | StoreError::Unwritable { .. } => false,
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::NoHome => {
                f.write_str("there is no home directory, so nothing can be saved")
            }
            StoreError::Unreadable { path, reason } => {
                write!(f, "cannot read {}: {reason}", path.display())
            }
            StoreError::Malformed { path, line, reason } => write!(
                f,
                "{} is malformed (line {line}: {reason}); it is left as it is",
                path.display()
            ),
            StoreError::TooLarge { path, limit } => write!(
                f,
                "{} is larger than {} MiB, more than Burrow ever writes; it is left as it is",
                path.display(),
                limit / (1024 * 1024)
            ),
            StoreError::Busy {
                path,
                lock_file,
                waited,
            } => write!(
                f,
                "another Burrow has held the lock on {} for over {} s (its lock file is {}); \
                 nothing was changed, try again",
                path.display(),
                waited.as_secs_f32(),
                lock_file.display()
            ),
            StoreError::Unwritable { path, reason } => {
                write!(f, "could not save {}: {reason}", path.display())
            }
        }
    }
}

impl std::error::Error for StoreError {}

/// Why a file's text does not parse: the line (from 1) and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub reason: String,
}

impl LineError {
    pub fn new(line: usize, reason: impl Into<String>) -> LineError {
        LineError {
            line,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// The bytes as text, or the line where they stop being UTF-8.
pub fn utf8_text(bytes: &[u8]) -> Result<&str, LineError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        LineError::new(line, "not UTF-8 text")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_reads_as_a_sentence_naming_the_file_and_what_becomes_of_it() {
        let path = Path::new("/home/u/.config/burrow/bookmarks.gophermap");
        let malformed = StoreError::malformed(path, LineError::new(2, "the port is bad"));
        assert_eq!(
            malformed.to_string(),
            "/home/u/.config/burrow/bookmarks.gophermap is malformed (line 2: the port is bad); \
             it is left as it is"
        );
        assert_eq!(
            StoreError::unreadable(path, "Permission denied").to_string(),
            "cannot read /home/u/.config/burrow/bookmarks.gophermap: Permission denied"
        );
        assert_eq!(
            StoreError::NoHome.to_string(),
            "there is no home directory, so nothing can be saved"
        );
        let large = StoreError::TooLarge {
            path: path.into(),
            limit: 16 * 1024 * 1024,
        };
        assert!(large.to_string().contains("is larger than 16 MiB"));
        let busy = StoreError::Busy {
            path: path.into(),
            lock_file: path.with_file_name(".bookmarks.gophermap.lock"),
            waited: Duration::from_secs(10),
        };
        assert!(busy.to_string().contains("for over 10 s"), "{busy}");
        assert_eq!(
            StoreError::unwritable(path, "No space left").to_string(),
            "could not save /home/u/.config/burrow/bookmarks.gophermap: No space left"
        );
    }

    #[test]
    fn only_a_file_that_is_there_but_unusable_is_left_alone() {
        let path = Path::new("f");
        let alone = [
            StoreError::unreadable(path, "denied"),
            StoreError::malformed(path, LineError::new(1, "x")),
            StoreError::TooLarge {
                path: path.into(),
                limit: 1,
            },
        ];
        assert!(alone.iter().all(StoreError::leaves_the_file_alone));
        let passing = [
            StoreError::NoHome,
            StoreError::unwritable(path, "full"),
            StoreError::Busy {
                path: path.into(),
                lock_file: path.into(),
                waited: Duration::ZERO,
            },
        ];
        assert!(!passing.iter().any(StoreError::leaves_the_file_alone));
        // So a session file read with such a problem is only written once it is removed.
        use crate::store::session::Overwrite;
        for problem in &alone {
            assert_eq!(
                Overwrite::after_reading(Some(problem)),
                Overwrite::OnlyIfMissing
            );
        }
        for problem in passing.iter().map(Some).chain([None]) {
            assert_eq!(Overwrite::after_reading(problem), Overwrite::IfReadable);
        }
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_naming_the_first_bad_line() {
        assert_eq!(utf8_text(b"a\nb\n"), Ok("a\nb\n"));
        assert_eq!(
            utf8_text(b"ok\nok\n\xff\n"),
            Err(LineError::new(3, "not UTF-8 text"))
        );
    }
}
