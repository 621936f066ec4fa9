//! Burrow, a terminal Gopher browser.
pub mod app;
pub mod fetch;
pub mod gopher;
pub mod oneshot;
pub mod runtime;
pub mod ui;
