//! Burrow, a terminal Gopher browser.
//!
//! The flow: terminal input, fetch and download progress, saved files and ticks become
//! [`app::Msg`]s; [`app::App::update`] is the only place state changes and returns
//! [`app::Command`]s (start or cancel a fetch or download, edit the bookmarks or history file,
//! run a program, copy to the clipboard, save the session, wake later, quit) for the runtime
//! to carry out; after each batch of messages the runtime draws once with the pure
//! [`ui::render`].
//!
//! Layers, each using only those listed before it:
//! - [`gopher`]: the protocol core (URLs, finger addresses, item types, menu and text
//!   parsing, the URLs inside texts, sanitising, servers' `caps.txt` path rules, transfer
//!   events). Pure: no tokio, ratatui or crossterm.
//! - [`fetch`]: one request over tokio TCP, streamed back as events.
//! - [`store`]: the user's files (config, known hosts, bookmarks, history, typed addresses,
//!   the session of open tabs):
//!   XDG paths, parsing, atomic writes, and the locked read-modify-write (`store::locked`) that keeps several
//!   Burrow windows from undoing each other; every reader's error is a typed
//!   `store::StoreError` (no home, unreadable, malformed at line N, …) whose kind decides that
//!   a malformed file is never written over. Uses only the core.
//! - [`app`]: state, history, prompts, keymap and `update`.
//! - [`ui`]: rendering with ratatui.
//! - [`startup`]: settings from the command line and the config file, in small steps that
//!   each return a value and its warnings, and the app built from them.
//! - [`runtime`] and [`oneshot`]: the terminal loop (generic over its host: the tty, or a
//!   `TestBackend` in tests; with the debounced session writer), and the `--raw`/`--print`
//!   modes.
//! - [`cli`]: the command-line definition (the man page and completions are generated from
//!   it) and the help around it; [`debug_log`]: the `--log FILE` debug log.

pub mod app;
pub mod cli;
pub mod clipboard;
pub mod debug_log;
pub mod fetch;
pub mod gopher;
pub mod oneshot;
pub mod runtime;
pub mod startup;
pub mod store;
pub mod ui;
