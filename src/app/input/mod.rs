//! Input as plain data, at the bottom of the app: keys and their names (`key`), the one table
//! of browsing actions (`actions`), the keymap built from it and the config (`keymap`), the
//! prompt being edited (`prompt`) and its line editor (`line_editor`). Dependencies point one
//! way (key ← actions ← keymap, key ← line_editor ← prompt); nothing here knows `App` or the
//! terminal.

pub mod actions;
pub mod key;
pub mod keymap;
pub mod line_editor;
pub mod prompt;

pub use actions::{ACTIONS, Action, Section};
pub use key::Key;
pub use keymap::Keymap;
pub use prompt::{Prompt, PromptPurpose, Recall};
