//! The Gopher protocol core: URLs (RFC 4266), item types, menu and text parsing (RFC 1436),
//! character encodings, request lines, and the one sanitising step for everything a server sends.
//!
//! Pure by design: std plus small pure crates only. Nothing here knows about tokio, ratatui or
//! crossterm, so all of it can be tested with plain table tests and fed arbitrary bytes.

pub mod caps;
pub mod download_name;
pub mod encoding;
pub mod error_reply;
pub mod finger;
pub mod item_type;
pub mod line_splitter;
pub mod menu;
mod menu_line;
pub mod sanitize;
pub mod source;
pub mod text;
pub mod text_links;
pub mod text_parser;
pub mod transfer;
pub mod url;
mod url_error;
mod url_escape;
mod url_host;

pub use encoding::Encoding;
pub use item_type::{ItemKind, ItemType};
pub use menu::{Menu, MenuItem, MenuParser};
pub use sanitize::{decode_line, escape_bytes, sanitize};
pub use text::TextDoc;
pub use text_parser::TextParser;
pub use url::{GopherUrl, UrlError};
