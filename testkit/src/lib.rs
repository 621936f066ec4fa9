//! Fixtures shared by Burrow's integration tests (`tests/it/`) and benches (`benches/`), none
//! of which knows Burrow's library: [`pty`] runs a program in a pseudo-terminal and reads its
//! screen, [`server`] is an in-process Gopher server on 127.0.0.1 that can misbehave. The
//! fixtures that do use the library (the message driver, certificates with their
//! fingerprints, the SOCKS5 proxy) live in `tests/it/harness/`, beside the tests.

pub mod pty;
pub mod server;

use std::path::{Path, PathBuf};

/// The environment that gives a program `home` as its HOME, with its XDG config, data, state
/// and cache folders inside it, so a test or bench never touches the real ones:
/// `command.envs(testkit::home_env(home))`.
pub fn home_env(home: &Path) -> [(&'static str, PathBuf); 5] {
    [
        ("HOME", home.to_owned()),
        ("XDG_CONFIG_HOME", home.join("config")),
        ("XDG_DATA_HOME", home.join("data")),
        ("XDG_STATE_HOME", home.join("state")),
        ("XDG_CACHE_HOME", home.join("cache")),
    ]
}
