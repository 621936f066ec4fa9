//! A prompt as plain data: what it asks for (go to, search, find, filter, bookmark titles), the text
//! being edited, the recalled address and the completions offered. What a key does in a prompt
//! is `app::prompt_keys`; the drawing is `ui::prompt_view`.

use crate::app::completion::Completion;
use crate::app::input::line_editor::LineEditor;
use crate::gopher::{GopherUrl, sanitize};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptPurpose {
    GoTo,
    Search(GopherUrl),
    /// A search whose results open in a new tab (`T` on a search item).
    SearchInNewTab(GopherUrl),
    /// Find in the page: searched as the user types.
    Find,
    /// Filter the page (`&`): narrowed as the user types.
    Filter,
    /// The title of a new bookmark to this address.
    BookmarkTitle(GopherUrl),
    /// A new title for the bookmark to this address.
    RenameBookmark(GopherUrl),
}

/// Up and Down in Go to: which typed address is shown, among those starting with the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recall {
    /// The text as it was before the first Up; Down past the newest brings it back.
    pub draft: String,
    pub index: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub purpose: PromptPurpose,
    pub editor: LineEditor,
    /// What a search prompt searches (the item's name), shown in its label.
    pub subject: Option<String>,
    pub recall: Option<Recall>,
    /// The completions offered for the text typed (Go to only).
    pub completion: Completion,
}

impl Prompt {
    pub fn new(purpose: PromptPurpose, text: &str) -> Prompt {
        Prompt {
            purpose,
            editor: LineEditor::with_text(text),
            subject: None,
            recall: None,
            completion: Completion::default(),
        }
    }

    /// The words before the text, e.g. `Go to: ` or `Search Veronica-2: `.
    pub fn label(&self) -> String {
        match &self.purpose {
            PromptPurpose::GoTo => "Go to: ".into(),
            PromptPurpose::Search(url) | PromptPurpose::SearchInNewTab(url) => {
                let subject = match &self.subject {
                    Some(title) => sanitize(title),
                    None => format!(
                        "{}{}",
                        url.host,
                        sanitize(&String::from_utf8_lossy(&url.selector))
                    ),
                };
                format!("Search {subject}: ")
            }
            PromptPurpose::Find => "Find: ".into(),
            PromptPurpose::Filter => "Filter: ".into(),
            PromptPurpose::BookmarkTitle(_) => "Bookmark as: ".into(),
            PromptPurpose::RenameBookmark(_) => "Rename to: ".into(),
        }
    }
}
