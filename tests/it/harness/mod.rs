//! The one harness every integration test uses: the message driver for `App::update`
//! ([`driver`]), the event loop on a `TestBackend` ([`host`]), test certificates ([`certs`]), running one fetch to its end ([`fetching`]), a SOCKS5 proxy ([`socks_proxy`]), and, from the
//! `testkit` crate that the benches share, the pty session ([`pty`]), the in-process Gopher
//! server and the isolated home for the binary under test.

pub mod certs;
pub mod driver;
pub mod fetching;
pub mod host;
pub mod socks_proxy;

/// The pty session, with the binary under test beside it.
pub mod pty {
    pub use super::BURROW;
    pub use testkit::pty::*;
}

pub use testkit::home_env;
pub use testkit::server::{Reply, TestServer, info, link};

/// The `burrow` binary cargo built for these tests.
pub const BURROW: &str = env!("CARGO_BIN_EXE_burrow");
