//! The debug log behind `--log FILE`: requests, timings, TLS decisions and errors, written
//! through the `log` facade to that file and nowhere else (never the terminal). Without
//! `--log` no logger is installed and the facade's level stays `Off`, so nothing is formatted
//! or written. Page contents are never logged: the fetch layer logs sizes, not bytes.
//!
//! Burrow's own records are kept from `Debug` up; other crates' (rustls) only from `Warn`, so
//! the file says what Burrow decided rather than every step of a handshake. Each line is
//! sanitised (a URL or a server's error text cannot put escape sequences into a file someone
//! will `cat`) and written at once, so the log is complete up to the moment of a crash.

use log::{Level, LevelFilter, Log, Metadata, Record};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

/// Writes log records to one file, each line stamped with the seconds since start-up.
pub struct FileLog {
    file: Mutex<File>,
    started: Instant,
}

impl FileLog {
    /// Opens `path` for appending (created 0600 if missing; an existing log is added to,
    /// never truncated).
    pub fn open(path: &Path) -> std::io::Result<FileLog> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(path)?;
        Ok(FileLog {
            file: Mutex::new(file),
            started: Instant::now(),
        })
    }

    /// The line written for one record.
    fn line(&self, level: Level, target: &str, message: &str) -> String {
        let seconds = self.started.elapsed().as_secs_f64();
        let message = crate::gopher::sanitize(message);
        format!("{seconds:10.3} {level:<5} {target}: {message}\n")
    }
}

/// Whether a record from `target` at `level` goes into the log.
fn wanted(target: &str, level: Level) -> bool {
    let ours = target == "burrow" || target.starts_with("burrow::");
    level <= if ours { Level::Debug } else { Level::Warn }
}

impl Log for FileLog {
    fn enabled(&self, metadata: &Metadata) -> bool {
        wanted(metadata.target(), metadata.level())
    }

    fn log(&self, record: &Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let line = self.line(record.level(), record.target(), &record.args().to_string());
        if let Ok(mut file) = self.file.lock() {
            // A log that cannot be written must not stop the browser.
            let _ = file.write_all(line.as_bytes());
        }
    }

    fn flush(&self) {
        if let Ok(mut file) = self.file.lock() {
            let _ = file.flush();
        }
    }
}

/// Starts logging to `path` for the rest of the process. An error names the file.
pub fn start(path: &Path) -> anyhow::Result<()> {
    let log = FileLog::open(path)
        .map_err(|e| anyhow::anyhow!("cannot open the log file {}: {e}", path.display()))?;
    log::set_boxed_logger(Box::new(log))
        .map_err(|_| anyhow::anyhow!("a logger is already installed"))?;
    log::set_max_level(LevelFilter::Debug);
    log::info!(
        "burrow {} started, pid {}",
        env!("CARGO_PKG_VERSION"),
        std::process::id()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burrows_records_are_kept_from_debug_and_other_crates_only_from_warn() {
        assert!(wanted("burrow::fetch", Level::Debug));
        assert!(wanted("burrow", Level::Info));
        assert!(!wanted("burrow::fetch", Level::Trace));
        assert!(!wanted("rustls::client", Level::Debug));
        assert!(wanted("rustls::client", Level::Warn));
        assert!(
            !wanted("burrowing", Level::Debug),
            "only Burrow's own modules"
        );
    }

    #[test]
    fn a_line_is_stamped_and_carries_no_control_characters() {
        let dir = tempfile::tempdir().expect("temp dir");
        let log = FileLog::open(&dir.path().join("log")).expect("open");
        let line = log.line(
            Level::Debug,
            "burrow::fetch",
            "bad \x1b]0;title\x07 reply\r",
        );
        assert!(
            line.ends_with("DEBUG burrow::fetch: bad  reply\n"),
            "{line:?}"
        );
        assert!(!line[..line.len() - 1].chars().any(char::is_control));
    }

    #[test]
    fn the_log_file_is_private_and_appended_to() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("log");
        std::fs::write(&path, "earlier\n").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        let log = FileLog::open(&path).expect("open");
        log.log(
            &Record::builder()
                .target("burrow::test")
                .level(Level::Info)
                .args(format_args!("later"))
                .build(),
        );
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.starts_with("earlier\n") && text.contains("burrow::test: later"));
        let fresh = dir.path().join("new");
        FileLog::open(&fresh).expect("create");
        let mode = std::fs::metadata(&fresh)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
