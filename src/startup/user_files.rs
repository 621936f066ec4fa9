//! The start-up steps that find and read the user's files: the typed addresses, the visit
//! history (moved once to the state folder), the pinned certificates, the download folder and
//! the session file. A file that cannot be used is reported and left as it is; Burrow starts
//! without what it held.

use super::checked::Checked;
use crate::store::address_history::read_address_history;
use crate::store::history_move::{HistoryMove, move_history};
use crate::store::known_hosts::{KnownHosts, read_known_hosts as read_pins};
use crate::store::{Paths, StoreError};
use std::path::{Path, PathBuf};

/// The addresses typed into Go to in earlier runs, newest first (none without a file).
pub(super) fn read_typed_addresses(path: Option<&Path>) -> Checked<Vec<String>> {
    match path.map(read_address_history) {
        None => Checked::clean(Vec::new()),
        Some(Ok(addresses)) => Checked::clean(addresses),
        Some(Err(why)) => Checked::warned(Vec::new(), why.to_string()),
    }
}

/// The history file to use: moved from where earlier Burrows kept it when only the old one
/// exists; when that move fails, the old file, with the reason.
pub(super) fn history_in_place(paths: &Paths) -> Checked<PathBuf> {
    let Some(old) = &paths.old_history else {
        return Checked::clean(paths.history.clone());
    };
    match move_history(old, &paths.history) {
        (used, HistoryMove::Failed(why)) => Checked::warned(used, why),
        (used, _) => Checked::clean(used),
    }
}

/// The pinned certificates, and why the file is not used (while set it is never written).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct KnownHostsRead {
    pub known_hosts: KnownHosts,
    pub problem: Option<StoreError>,
}

/// Reads the known-hosts file (missing: no pins). One that cannot be read or parsed gives no
/// pins and the problem, so that it is never overwritten.
pub(super) fn read_known_hosts(file: &Path) -> Checked<KnownHostsRead> {
    match read_pins(file) {
        Ok(known_hosts) => Checked::clean(KnownHostsRead {
            known_hosts,
            problem: None,
        }),
        Err(problem) => Checked::warned(
            KnownHostsRead {
                known_hosts: KnownHosts::default(),
                problem: Some(problem.clone()),
            },
            problem.to_string(),
        ),
    }
}

/// Where downloads go: the configured folder (`~` is the home directory), or the usual one
/// when none is configured or the configured one cannot be used (with the reason).
pub(super) fn download_dir(
    configured: Option<&Path>,
    home: Option<&Path>,
    default: Option<&Path>,
) -> Checked<Option<PathBuf>> {
    let default = default.map(Path::to_path_buf);
    match configured.map(|dir| expand_home(dir, home)) {
        None => Checked::clean(default),
        Some(Ok(dir)) => Checked::clean(Some(dir)),
        Some(Err(why)) => Checked::warned(default, why),
    }
}

/// `~` or a leading `~/` stands for the home directory.
pub fn expand_home(path: &Path, home: Option<&Path>) -> Result<PathBuf, String> {
    if path.as_os_str().is_empty() {
        return Err("download_dir is empty; using the default download folder".to_owned());
    }
    let Ok(rest) = path.strip_prefix("~") else {
        // A relative folder is taken from where Burrow started, and reported in full.
        return std::path::absolute(path)
            .map_err(|e| format!("download_dir {} cannot be used: {e}", path.display()));
    };
    match home {
        Some(home) => Ok(home.join(rest)),
        None => Err(format!(
            "download_dir {} names the home directory, but there is none",
            path.display()
        )),
    }
}

/// The session file while sessions are on (`None`: off, or no home directory). It is read
/// later, and only by the browser ([`super::Settings::open_session`]).
pub(super) fn session_path(paths: Option<&Paths>, restore_session: bool) -> Option<PathBuf> {
    paths.filter(|_| restore_session).map(Paths::session)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gopher::transfer::Fingerprint;
    use std::fs;

    fn paths_in(dir: &Path) -> Paths {
        Paths {
            config_file: dir.join("config/config.toml"),
            known_hosts: dir.join("data/known_hosts"),
            bookmarks: dir.join("config/bookmarks.gophermap"),
            history: dir.join("state/history.gophermap"),
            old_history: Some(dir.join("data/history.gophermap")),
        }
    }

    #[test]
    fn typed_addresses_are_read_newest_first_and_a_malformed_file_is_a_warning_and_none() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("typed_addresses");
        assert_eq!(read_typed_addresses(None), Checked::clean(vec![]));
        assert_eq!(read_typed_addresses(Some(&path)), Checked::clean(vec![]));
        fs::write(&path, "b.example\na.example\n").expect("write");
        assert_eq!(
            read_typed_addresses(Some(&path)).value,
            ["b.example", "a.example"]
        );
        fs::write(&path, "ok\n\x1b[2J\n").expect("write");
        let broken = read_typed_addresses(Some(&path));
        assert!(broken.value.is_empty());
        assert!(
            broken.warnings.len() == 1 && broken.warnings[0].contains("line 2"),
            "{:?}",
            broken.warnings
        );
    }

    #[test]
    fn the_history_is_used_where_it_is_when_there_is_nothing_to_move_and_moved_otherwise() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut paths = paths_in(dir.path());
        assert_eq!(
            history_in_place(&paths),
            Checked::clean(paths.history.clone())
        );
        let old = paths.old_history.clone().expect("old");
        fs::create_dir_all(old.parent().expect("folder")).expect("mkdir");
        fs::write(&old, "1Old\t/\th.org\t70\r\n").expect("write");
        assert_eq!(
            history_in_place(&paths),
            Checked::clean(paths.history.clone())
        );
        assert!(!old.exists() && paths.history.exists());
        paths.old_history = None;
        assert_eq!(
            history_in_place(&paths),
            Checked::clean(paths.history.clone())
        );
    }

    #[test]
    fn a_failed_history_move_keeps_the_old_file_in_use_with_a_warning() {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = paths_in(dir.path());
        let old = paths.old_history.clone().expect("old");
        fs::create_dir_all(old.parent().expect("folder")).expect("mkdir");
        fs::write(&old, "1Old\t/\th.org\t70\r\n").expect("write");
        fs::write(
            dir.path().join("state"),
            "a file where the folder should be",
        )
        .expect("block");
        let moved = history_in_place(&paths);
        assert_eq!(moved.value, old);
        assert!(
            moved.warnings.len() == 1 && moved.warnings[0].contains("stays where it is"),
            "{:?}",
            moved.warnings
        );
    }

    #[test]
    fn pins_are_read_and_a_malformed_known_hosts_file_is_a_problem_that_keeps_it_unwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("known_hosts");
        assert_eq!(
            read_known_hosts(&path),
            Checked::clean(KnownHostsRead::default())
        );
        let mut pins = KnownHosts::default();
        pins.pin("h.example:70", Fingerprint([4; 32]));
        fs::write(&path, pins.to_file_text()).expect("write");
        assert_eq!(read_known_hosts(&path).value.known_hosts, pins);
        fs::write(&path, "not a pin\n").expect("write");
        let broken = read_known_hosts(&path);
        assert!(broken.value.known_hosts.is_empty());
        let problem = broken.value.problem.clone().expect("a problem");
        assert!(
            matches!(problem, StoreError::Malformed { line: 1, .. })
                && problem.leaves_the_file_alone(),
            "{problem:?}"
        );
        assert_eq!(broken.warnings, [problem.to_string()]);
        assert!(broken.warnings[0].contains("known_hosts is malformed (line 1: "));
    }

    #[test]
    fn a_download_dir_that_cannot_be_used_falls_back_to_the_usual_folder_with_the_reason() {
        let home = Path::new("/home/u");
        let usual = Path::new("/home/u/Downloads");
        assert_eq!(
            download_dir(None, Some(home), Some(usual)),
            Checked::clean(Some(usual.to_path_buf()))
        );
        assert_eq!(
            download_dir(Some(Path::new("~/gopher")), Some(home), Some(usual)),
            Checked::clean(Some(home.join("gopher")))
        );
        let homeless = download_dir(Some(Path::new("~/gopher")), None, None);
        assert_eq!(homeless.value, None);
        assert_eq!(
            homeless.warnings,
            ["download_dir ~/gopher names the home directory, but there is none"]
        );
        let empty = download_dir(Some(Path::new("")), Some(home), Some(usual));
        assert_eq!(empty.value, Some(usual.to_path_buf()));
        assert_eq!(
            empty.warnings,
            ["download_dir is empty; using the default download folder"]
        );
    }

    #[test]
    fn the_session_file_sits_beside_the_history_only_while_sessions_are_on() {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = paths_in(dir.path());
        assert_eq!(
            session_path(Some(&paths), true),
            Some(dir.path().join("state/session"))
        );
        assert_eq!(session_path(Some(&paths), false), None);
        assert_eq!(session_path(None, true), None);
    }
}
