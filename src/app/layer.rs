//! One order of focus: what has the keyboard and what is drawn on top, decided in one place.
//! At most one [`Modal`] is open over the page (an info box, a yes/no question, a prompt, or
//! the downloads list): the enum makes two at once impossible to build. Under it, the tab's
//! link-number entry, then the page. Key routing, drawing and the status bar all ask
//! [`App::layer`].

use super::info::Overlay;
use super::input::Prompt;
use super::link_numbers::LinkNumberEntry;
use super::{App, Confirm};

/// What is open over the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modal {
    /// A box over the page (item info); any key closes it.
    Overlay(Overlay),
    /// A yes/no question in the status bar. Asked from the downloads list, it remembers the
    /// list's cursor and the list comes back once it is answered.
    Question {
        confirm: Confirm,
        from_downloads: Option<usize>,
    },
    Prompt(Prompt),
    /// The list of downloads, with its cursor.
    Downloads(usize),
}

/// What has the keyboard, from the top: the one used by keys, drawing and the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer<'a> {
    Overlay(&'a Overlay),
    Question(&'a Confirm),
    Prompt(&'a Prompt),
    Downloads(usize),
    LinkEntry(&'a LinkNumberEntry),
    Page,
}

impl App {
    /// What has the keyboard and is drawn on top.
    pub fn layer(&self) -> Layer<'_> {
        match &self.modal {
            Some(Modal::Overlay(overlay)) => Layer::Overlay(overlay),
            Some(Modal::Question { confirm, .. }) => Layer::Question(confirm),
            Some(Modal::Prompt(prompt)) => Layer::Prompt(prompt),
            Some(Modal::Downloads(cursor)) => Layer::Downloads(*cursor),
            None => match &self.tab.link_entry {
                Some(entry) => Layer::LinkEntry(entry),
                None => Layer::Page,
            },
        }
    }

    /// The open prompt, if the top layer is one.
    pub fn prompt(&self) -> Option<&Prompt> {
        match &self.modal {
            Some(Modal::Prompt(prompt)) => Some(prompt),
            _ => None,
        }
    }

    pub(super) fn prompt_mut(&mut self) -> Option<&mut Prompt> {
        match &mut self.modal {
            Some(Modal::Prompt(prompt)) => Some(prompt),
            _ => None,
        }
    }

    /// Opens `prompt` over the page (closing an info box, the downloads list or link-number
    /// entry). Never over a question: its answer must not be typed into a prompt.
    pub(super) fn open_prompt_with(&mut self, prompt: Prompt) {
        if matches!(self.modal, Some(Modal::Question { .. })) {
            return;
        }
        self.tab.link_entry = None;
        self.modal = Some(Modal::Prompt(prompt));
    }

    /// Closes the prompt and gives back what it held.
    pub(super) fn close_prompt(&mut self) -> Option<Prompt> {
        match self.modal.take() {
            Some(Modal::Prompt(prompt)) => Some(prompt),
            other => {
                self.modal = other;
                None
            }
        }
    }

    /// The question asked, if the top layer is one.
    pub fn question(&self) -> Option<&Confirm> {
        match &self.modal {
            Some(Modal::Question { confirm, .. }) => Some(confirm),
            _ => None,
        }
    }

    /// Asks `confirm`. Never while a prompt is open (its typing must not answer); from the
    /// downloads list, the list comes back once it is answered; from a tab in the background,
    /// when that tab is shown.
    pub(super) fn ask(&mut self, confirm: Confirm) {
        if self.tabs.in_background() {
            // A background tab's question waits until that tab is shown.
            self.tab.waiting_question = Some(confirm);
            return;
        }
        let from_downloads = match &self.modal {
            Some(Modal::Prompt(_)) => return,
            Some(Modal::Downloads(cursor)) => Some(*cursor),
            Some(Modal::Question {
                from_downloads: under,
                ..
            }) => *under,
            _ => None,
        };
        self.modal = Some(Modal::Question {
            confirm,
            from_downloads,
        });
    }

    /// Takes the question to answer it; the downloads list it was asked from comes back.
    pub(super) fn take_question(&mut self) -> Option<Confirm> {
        match self.modal.take() {
            Some(Modal::Question {
                confirm,
                from_downloads,
            }) => {
                self.modal = from_downloads.map(Modal::Downloads);
                Some(confirm)
            }
            other => {
                self.modal = other;
                None
            }
        }
    }

    /// The info box shown over the page, if any.
    pub fn overlay(&self) -> Option<&Overlay> {
        match &self.modal {
            Some(Modal::Overlay(overlay)) => Some(overlay),
            _ => None,
        }
    }

    /// Closes the info box; whether one was open.
    pub(super) fn close_overlay(&mut self) -> bool {
        if matches!(self.modal, Some(Modal::Overlay(_))) {
            self.modal = None;
            return true;
        }
        false
    }

    /// The downloads list's cursor, while the list is open (also under a question it asked,
    /// where it is drawn but does not have the keyboard).
    pub fn downloads_list(&self) -> Option<usize> {
        match self.modal {
            Some(Modal::Downloads(cursor))
            | Some(Modal::Question {
                from_downloads: Some(cursor),
                ..
            }) => Some(cursor),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::input::PromptPurpose;
    use crate::app::{ConfirmAction, Msg};

    fn app() -> App {
        App::new(crate::app::AppConfig::default(), (80, 24))
    }

    fn quit_question() -> Confirm {
        Confirm {
            question: "(y/n) quit?".into(),
            action: ConfirmAction::Quit,
        }
    }

    #[test]
    fn the_page_has_the_keyboard_when_nothing_is_open() {
        assert_eq!(app().layer(), Layer::Page);
    }

    #[test]
    fn a_question_is_never_asked_over_a_prompt_and_a_prompt_never_opens_over_a_question() {
        let mut app = app();
        app.open_prompt_with(Prompt::new(PromptPurpose::GoTo, "x"));
        app.ask(quit_question());
        assert!(matches!(app.layer(), Layer::Prompt(_)));
        app.close_prompt();
        app.ask(quit_question());
        app.open_prompt_with(Prompt::new(PromptPurpose::GoTo, "y"));
        assert!(matches!(app.layer(), Layer::Question(_)));
    }

    #[test]
    fn a_question_asked_from_the_downloads_list_returns_to_the_list_at_its_cursor() {
        let mut app = app();
        app.modal = Some(Modal::Downloads(3));
        app.ask(quit_question());
        assert!(matches!(app.layer(), Layer::Question(_)));
        assert_eq!(
            app.downloads_list(),
            Some(3),
            "the list stays drawn under the question"
        );
        app.update(Msg::Key(crate::app::input::Key::Char('n')));
        assert_eq!(app.layer(), Layer::Downloads(3));
    }
}
