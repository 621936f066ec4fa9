//! The addresses typed into Go to, kept for Up/Down and completion: a text file in
//! `$XDG_STATE_HOME/burrow/` with one address per line, newest first, at most a limit.
//!
//! Every change is a locked read-modify-write ([`update_locked`]), so addresses typed in
//! another Burrow window meanwhile are kept; the file is written atomically and created 0600.
//! A file that is not UTF-8 or holds control characters is reported and left as it is.

use super::error::{LineError, StoreError, utf8_text};
use super::locked::{Decision, update_locked};
use std::path::Path;

/// A change to the address history file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressEdit {
    /// Only read it.
    Read,
    /// Put `address` first (once), keeping at most `limit` addresses.
    Add { address: String, limit: usize },
}

/// The addresses a file holds, newest first; blank lines are skipped.
pub fn parse(bytes: &[u8]) -> Result<Vec<String>, LineError> {
    let text = utf8_text(bytes)?;
    let mut addresses = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.chars().any(char::is_control) {
            return Err(LineError::new(n + 1, "holds a control character"));
        }
        let line = line.trim();
        if !line.is_empty() {
            addresses.push(line.to_owned());
        }
    }
    Ok(addresses)
}

pub fn to_file_text(addresses: &[String]) -> String {
    let mut text = String::new();
    for address in addresses {
        text.push_str(address);
        text.push('\n');
    }
    text
}

/// Reads the file without its lock (it is only ever replaced whole); missing means empty.
pub fn read_address_history(path: &Path) -> Result<Vec<String>, StoreError> {
    match std::fs::read(path) {
        Ok(bytes) => parse(&bytes).map_err(|e| StoreError::malformed(path, e)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(StoreError::unreadable(path, e)),
    }
}

/// Applies `edit` to the file at `path` under its lock and returns the addresses it holds
/// afterwards. Reading a missing file creates nothing.
pub fn update_address_history(path: &Path, edit: &AddressEdit) -> Result<Vec<String>, StoreError> {
    update_locked(path, |bytes| {
        let mut addresses = match bytes {
            None => Vec::new(),
            Some(bytes) => parse(&bytes).map_err(|e| StoreError::malformed(path, e))?,
        };
        match edit {
            AddressEdit::Read => Ok(Decision::keep(addresses)),
            AddressEdit::Add { address, limit } => {
                let address = address.trim();
                if address.is_empty() || address.chars().any(char::is_control) {
                    return Ok(Decision::keep(addresses));
                }
                addresses.retain(|a| a != address);
                addresses.insert(0, address.to_owned());
                addresses.truncate(*limit);
                Ok(Decision::write(to_file_text(&addresses), addresses))
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::os::unix::fs::PermissionsExt;

    fn add(path: &Path, address: &str, limit: usize) -> Vec<String> {
        let edit = AddressEdit::Add {
            address: address.into(),
            limit,
        };
        update_address_history(path, &edit).expect("saved")
    }

    #[test]
    fn typed_addresses_are_kept_newest_first_once_each_up_to_the_limit_in_a_private_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("state/burrow/typed_addresses");
        assert_eq!(
            update_address_history(&path, &AddressEdit::Read),
            Ok(vec![])
        );
        assert!(!path.exists(), "reading creates nothing");
        add(&path, "quux.org", 3);
        add(&path, "gopher://sdf.org/", 3);
        add(&path, "quux.org", 3);
        assert_eq!(
            add(&path, "c.example", 3),
            ["c.example", "quux.org", "gopher://sdf.org/"]
        );
        assert_eq!(
            add(&path, "d.example", 3),
            ["d.example", "c.example", "quux.org"]
        );
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            "d.example\nc.example\nquux.org\n"
        );
        let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn an_address_another_window_saved_meanwhile_is_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("typed_addresses");
        add(&path, "mine.example", 10);
        let mut text = fs::read_to_string(&path).expect("read");
        text.insert_str(0, "theirs.example\n");
        fs::write(&path, text).expect("write");
        assert_eq!(
            add(&path, "again.example", 10),
            ["again.example", "theirs.example", "mine.example"]
        );
    }

    #[test]
    fn a_malformed_file_is_reported_and_left_byte_for_byte() {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, bytes, why) in [
            ("binary", &b"ok.example\n\xff\xfe\n"[..], "not UTF-8 text"),
            (
                "escape",
                b"ok.example\nbad\x1b[2J\n",
                "holds a control character",
            ),
        ] {
            let path = dir.path().join(name);
            fs::write(&path, bytes).expect("write");
            for edit in [
                AddressEdit::Read,
                AddressEdit::Add {
                    address: "new.example".into(),
                    limit: 10,
                },
            ] {
                let malformed = StoreError::malformed(&path, LineError::new(2, why));
                assert_eq!(update_address_history(&path, &edit), Err(malformed.clone()));
                assert_eq!(read_address_history(&path), Err(malformed.clone()));
                assert!(malformed.to_string().contains("left as it is"));
                assert_eq!(fs::read(&path).expect("read"), bytes);
            }
        }
    }
}
