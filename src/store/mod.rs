//! Storage: where Burrow keeps the user's files (XDG directories via `directories`), and
//! writing them atomically (temp file in the same folder, fsync, rename) so a crash never
//! leaves a half-written file. A file that cannot be parsed is reported, never replaced.

pub mod config;
pub mod known_hosts;

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The files Burrow reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_file: PathBuf,
    pub known_hosts: PathBuf,
}

impl Paths {
    /// `$XDG_CONFIG_HOME/burrow/config.toml` and `$XDG_DATA_HOME/burrow/known_hosts` (with
    /// the usual fallbacks under the home directory); `None` without a home directory.
    pub fn standard() -> Option<Paths> {
        let dirs = directories::ProjectDirs::from("", "", "burrow")?;
        Some(Paths {
            config_file: dirs.config_dir().join("config.toml"),
            known_hosts: dirs.data_dir().join("known_hosts"),
        })
    }
}

/// Replaces `path` with `bytes` atomically, creating its folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(folder)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let temp = folder.join(format!(".{name}.tmp-{}", std::process::id()));
    let written = (|| {
        let _ = fs::remove_file(&temp);
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// Reads a file; a missing file is `Ok(None)`.
pub fn read_optional(path: &Path) -> io::Result<Option<String>> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
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
            read_optional(&dir.path().join("missing"))
                .expect("read")
                .is_none()
        );
    }
}
