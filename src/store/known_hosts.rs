//! The known-hosts file: the certificate fingerprint the user accepted for each `host:port`
//! (trust on first use). Plain data with a line format readable by people:
//! `host:port sha256-hex`, `#` comments.

use super::error::{LineError, StoreError};
use crate::gopher::transfer::Fingerprint;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownHosts {
    pins: BTreeMap<String, Fingerprint>,
}

impl KnownHosts {
    pub fn get(&self, host_port: &str) -> Option<Fingerprint> {
        self.pins.get(host_port).copied()
    }

    pub fn pin(&mut self, host_port: &str, fingerprint: Fingerprint) {
        self.pins.insert(host_port.to_owned(), fingerprint);
    }

    pub fn len(&self) -> usize {
        self.pins.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pins.is_empty()
    }

    /// Parses the file; an error names the line and what is wrong with it.
    pub fn parse(text: &str) -> Result<KnownHosts, LineError> {
        let mut known = KnownHosts::default();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let number = index + 1;
            let mut fields = line.split_whitespace();
            let (Some(host_port), Some(hex), None) = (fields.next(), fields.next(), fields.next())
            else {
                return Err(LineError::new(number, "expected \"host:port fingerprint\""));
            };
            if !host_port.contains(':') {
                return Err(LineError::new(
                    number,
                    format!("\"{host_port}\" has no port"),
                ));
            }
            let fingerprint = Fingerprint::from_hex(hex).ok_or_else(|| {
                LineError::new(number, "the fingerprint is not 64 hexadecimal digits")
            })?;
            known.pins.insert(host_port.to_owned(), fingerprint);
        }
        Ok(known)
    }

    pub fn to_file_text(&self) -> String {
        let mut text = String::from(
            "# Burrow known hosts: TLS certificates trusted on first use.\n\
             # host:port SHA-256 fingerprint of the certificate\n",
        );
        for (host_port, fingerprint) in &self.pins {
            text.push_str(&format!("{host_port} {}\n", fingerprint.to_hex()));
        }
        text
    }
}

/// Reads the known-hosts file (missing: no pins) without its lock: it is only ever replaced
/// whole. A file that cannot be read or parsed is an error, and must then be left alone.
pub fn read_known_hosts(path: &Path) -> Result<KnownHosts, StoreError> {
    match super::read_text(path)? {
        None => Ok(KnownHosts::default()),
        Some(text) => KnownHosts::parse(&text).map_err(|e| StoreError::malformed(path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_round_trip_through_the_file_format() {
        let mut known = KnownHosts::default();
        known.pin("example.org:70", Fingerprint([1; 32]));
        known.pin("[::1]:7443", Fingerprint([2; 32]));
        let parsed = KnownHosts::parse(&known.to_file_text()).expect("parses");
        assert_eq!(parsed, known);
        assert_eq!(parsed.get("[::1]:7443"), Some(Fingerprint([2; 32])));
        assert_eq!(parsed.get("other:70"), None);
    }

    #[test]
    fn malformed_lines_are_reported_with_their_number() {
        let good = Fingerprint([3; 32]).to_hex();
        assert_eq!(
            KnownHosts::parse(&format!("# c\n\nh:70 {good}\nbroken\n")),
            Err(LineError::new(4, "expected \"host:port fingerprint\""))
        );
        assert_eq!(
            KnownHosts::parse("h:70 abc\n"),
            Err(LineError::new(
                1,
                "the fingerprint is not 64 hexadecimal digits"
            ))
        );
        assert_eq!(
            KnownHosts::parse(&format!("h {good}\n")),
            Err(LineError::new(1, "\"h\" has no port"))
        );
    }
}
