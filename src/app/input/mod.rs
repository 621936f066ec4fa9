//! Input as plain data, at the bottom of the app: keys and their names (`key`), the one table
//! of browsing actions (`actions`), the keymap built from it and the config (`keymap`), and the
//! prompt being edited (`prompt`). Dependencies point one way: key ← actions ← keymap; nothing
//! here knows `App` or the terminal.

pub mod actions;
pub mod key;
pub mod keymap;
pub mod prompt;

pub use actions::{ACTIONS, Action, Section};
pub use key::Key;
pub use keymap::Keymap;
pub use prompt::{Prompt, PromptPurpose, Recall};
