//! Burrow, a terminal Gopher browser.
pub mod gopher;
