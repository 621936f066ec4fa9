//! What a key does in a prompt (go to, search, find, bookmark titles; the prompt itself is
//! `input::prompt`). Editing is
//! the [`LineEditor`]'s; here are Enter and Esc, a paste, and the Go to prompt's extras: Up and
//! Down through the addresses typed before, Tab and Shift-Tab through completions from those,
//! the bookmarks and the history, and a refused address that keeps the prompt open with the
//! reason shown above it (the drawing is `ui::prompt_view`).

use super::completion::{ADDRESS_HISTORY_LIMIT, Completion};
use super::external::{OUTSIDE_SCHEMES, WebTarget, classify_web_link};
use super::input::line_editor::{EditOutcome, MAX_PROMPT_BYTES};
use super::input::{Key, Prompt, PromptPurpose, Recall};
use super::location::Location;
use super::{App, Command, LoadPurpose, Modal, SavedList};
use crate::store::LinkEdit;
use crate::store::address_history::AddressEdit;

/// The scheme of a web address typed into Go to (`http`, `https`, `gemini`, `mailto`).
fn outside_scheme(text: &str) -> Option<String> {
    let (scheme, _) = text.split_once(':')?;
    let scheme = scheme.to_ascii_lowercase();
    OUTSIDE_SCHEMES.contains(&scheme.as_str()).then_some(scheme)
}

impl App {
    /// `g` and `G`: the Go to prompt holding `text`. Asks for the lists it recalls and
    /// completes from (the typed addresses were also read at start-up).
    pub(super) fn open_prompt(&mut self, text: &str) -> Vec<Command> {
        self.open_prompt_with(Prompt::new(PromptPurpose::GoTo, text));
        let mut commands = self.edit_bookmarks(LinkEdit::Read, None);
        if self.history.enabled {
            commands.push(Command::EditLinks {
                list: SavedList::History,
                edit: LinkEdit::Read,
            });
        }
        // Read again each time: another window may have added some.
        commands.push(Command::EditAddressHistory(AddressEdit::Read));
        commands
    }

    /// A key while a prompt is open.
    pub(super) fn prompt_key(&mut self, key: Key) -> Vec<Command> {
        let Some(Modal::Prompt(prompt)) = self.modal.as_mut() else {
            return Vec::new();
        };
        if prompt.purpose == PromptPurpose::GoTo {
            match key {
                Key::Up | Key::Down => {
                    self.recall_address(key == Key::Up);
                    return Vec::new();
                }
                Key::Tab | Key::BackTab => {
                    self.complete(key == Key::Tab);
                    return Vec::new();
                }
                _ => {}
            }
        }
        match prompt.editor.handle(key) {
            EditOutcome::Submit => self.submit_prompt(),
            EditOutcome::Abandon => {
                match self.close_prompt().map(|p| p.purpose) {
                    Some(PromptPurpose::Find) => self.end_find(),
                    Some(PromptPurpose::Filter) => self.end_filter(),
                    _ => {}
                }
                Vec::new()
            }
            EditOutcome::Edited => self.after_prompt_edit(),
            EditOutcome::Full => {
                self.say_prompt_is_full();
                Vec::new()
            }
            EditOutcome::Moved | EditOutcome::Ignored => Vec::new(),
        }
    }

    /// Pasted text: inserted into the open prompt as one edit (line breaks dropped).
    pub fn paste_into_prompt(&mut self, text: &str) -> Vec<Command> {
        let Some(Modal::Prompt(prompt)) = self.modal.as_mut() else {
            return Vec::new();
        };
        let fitted = prompt.editor.insert_str(text);
        let commands = self.after_prompt_edit();
        if !fitted {
            self.say_prompt_is_full();
        }
        commands
    }

    fn say_prompt_is_full(&mut self) {
        self.notify(
            format!(
                "The prompt is full: it holds at most {} KiB",
                MAX_PROMPT_BYTES / 1024
            ),
            true,
        );
    }

    /// The text changed: a recalled address becomes the user's own, completions and the find
    /// follow the new text.
    fn after_prompt_edit(&mut self) -> Vec<Command> {
        let Some(Modal::Prompt(prompt)) = self.modal.as_mut() else {
            return Vec::new();
        };
        prompt.recall = None;
        match prompt.purpose {
            PromptPurpose::GoTo => {
                prompt.completion = Completion {
                    matches: self.addresses.completions(prompt.editor.text()),
                    chosen: None,
                };
            }
            PromptPurpose::Find => {
                let query = prompt.editor.text().to_owned();
                // Counting goes on by wakes on a big page.
                return self.find_as_typed(&query);
            }
            PromptPurpose::Filter => {
                let typed = prompt.editor.text().to_owned();
                // Deciding goes on by wakes on a big page.
                return self.filter_as_typed(&typed);
            }
            _ => {}
        }
        Vec::new()
    }

    /// Enter. A refused address or query keeps the prompt, and its text, open with the reason.
    fn submit_prompt(&mut self) -> Vec<Command> {
        let Some(prompt) = self.prompt() else {
            return Vec::new();
        };
        let text = prompt.editor.text().to_owned();
        match prompt.purpose.clone() {
            PromptPurpose::GoTo => self.submit_address(text.trim()),
            PromptPurpose::Search(url) => match url.with_query(text.as_bytes()) {
                Ok(url) => {
                    // The search's name titles its results (tab bar, history).
                    let subject = self.close_prompt().and_then(|p| p.subject);
                    let commands = self.start_fetch(url, LoadPurpose::Open);
                    if let Some(loading) = self.tab.loading.as_mut() {
                        loading.title = subject;
                    }
                    commands
                }
                Err(error) => {
                    self.notify(format!("Cannot search for that: {error}"), true);
                    Vec::new()
                }
            },
            PromptPurpose::SearchInNewTab(url) => match url.with_query(text.as_bytes()) {
                Ok(url) => {
                    let title = self.close_prompt().and_then(|p| p.subject);
                    self.open_in_new_tab(Location::Gopher(url), title)
                }
                Err(error) => {
                    self.notify(format!("Cannot search for that: {error}"), true);
                    Vec::new()
                }
            },
            PromptPurpose::Find => {
                self.close_prompt();
                self.accept_find();
                Vec::new()
            }
            PromptPurpose::Filter => {
                self.close_prompt();
                self.accept_filter();
                Vec::new()
            }
            PromptPurpose::BookmarkTitle(url) => {
                self.close_prompt();
                self.add_bookmark(url, &text)
            }
            PromptPurpose::RenameBookmark(url) => {
                self.close_prompt();
                self.rename_bookmark(url, text)
            }
        }
    }

    fn submit_address(&mut self, text: &str) -> Vec<Command> {
        if text.is_empty() {
            self.close_prompt();
            return Vec::new();
        }
        if let Some(words) = text.strip_prefix('?') {
            return self.search_for(text, words.trim());
        }
        if outside_scheme(text).is_some() {
            // A web address goes to the opener with the same question as a `URL:` link.
            return match classify_web_link(text.as_bytes()) {
                Ok(WebTarget::Outside(_)) => {
                    self.close_prompt();
                    let mut commands = self.remember_address(text);
                    commands.extend(self.follow_web_link(text.as_bytes()));
                    commands
                }
                Ok(WebTarget::Inside(_)) => Vec::new(),
                Err(why) => {
                    self.notify(why, true);
                    Vec::new()
                }
            };
        }
        match Location::parse(text) {
            Ok(location) => {
                self.close_prompt();
                let mut commands = self.remember_address(text);
                commands.extend(self.open(location));
                commands
            }
            Err(error) => {
                self.notify(format!("Cannot open that address: {error}"), true);
                Vec::new()
            }
        }
    }

    /// `g ?words`: the words sent to the configured search engine (`?` alone asks for them).
    fn search_for(&mut self, typed: &str, words: &str) -> Vec<Command> {
        let engine = self.search_engine.clone();
        if words.is_empty() {
            self.close_prompt();
            self.open_prompt_with(Prompt::new(PromptPurpose::Search(engine), ""));
            return Vec::new();
        }
        match engine.with_query(words.as_bytes()) {
            Ok(url) => {
                self.close_prompt();
                let mut commands = self.remember_address(typed);
                commands.extend(self.start_fetch(url, LoadPurpose::Open));
                commands
            }
            Err(error) => {
                self.notify(format!("Cannot search for that: {error}"), true);
                Vec::new()
            }
        }
    }

    /// Keeps an address typed into Go to for Up and completion; saved in the address history
    /// file unless history is turned off (then it lasts for the session).
    fn remember_address(&mut self, address: &str) -> Vec<Command> {
        self.addresses.remember_typed(address);
        if !self.history.enabled {
            return Vec::new();
        }
        vec![Command::EditAddressHistory(AddressEdit::Add {
            address: address.to_owned(),
            limit: ADDRESS_HISTORY_LIMIT,
        })]
    }

    /// Up (older) or Down (newer) through the typed addresses that start with the draft.
    fn recall_address(&mut self, older: bool) {
        let Some(Modal::Prompt(prompt)) = self.modal.as_mut() else {
            return;
        };
        let draft = match &prompt.recall {
            Some(recall) => recall.draft.clone(),
            None => prompt.editor.text().to_owned(),
        };
        let next = match (prompt.recall.as_ref().map(|r| r.index), older) {
            (None, true) => 0,
            (Some(i), true) => i + 1,
            (None, false) => return,
            (Some(0), false) => {
                prompt.editor.set_text(&draft);
                prompt.recall = None;
                prompt.completion = Completion::default();
                return;
            }
            (Some(i), false) => i - 1,
        };
        let recalled = self.addresses.recall(&draft).nth(next).map(str::to_owned);
        match recalled {
            Some(address) => {
                prompt.editor.set_text(&address);
                prompt.recall = Some(Recall { draft, index: next });
                prompt.completion = Completion::default();
            }
            None if next == 0 && draft.is_empty() => self.notify("No address typed yet", false),
            None if next == 0 => self.notify("No address typed before starts like this", false),
            None => self.notify("That is the oldest address typed", false),
        }
    }

    /// Tab (next) or Shift-Tab (previous) completion into the prompt.
    fn complete(&mut self, forward: bool) {
        let Some(Modal::Prompt(prompt)) = self.modal.as_mut() else {
            return;
        };
        match prompt.completion.step(forward).map(|c| c.address.clone()) {
            Some(address) => {
                prompt.editor.set_text(&address);
                prompt.recall = None;
            }
            None => self.notify(
                "Nothing to complete: no bookmark, visited page or typed address matches",
                false,
            ),
        }
    }

    /// The address history file's contents after `Command::EditAddressHistory`.
    pub(super) fn on_address_history(&mut self, result: Result<Vec<String>, String>) {
        match result {
            Ok(addresses) => self.addresses.set_typed(addresses),
            // Reported once: the file is written on every address typed.
            Err(why) if self.addresses.file_problem.as_ref() != Some(&why) => {
                self.notify(why.clone(), true);
                self.addresses.file_problem = Some(why);
            }
            Err(_) => {}
        }
    }
}
