//! What App does with a key: the layer on top (`App::layer`: an info box, a yes/no question, a
//! prompt, the downloads list, link-number entry) gets it first; otherwise the keymap turns it
//! into an `Action`.

use super::input::{Action, Key};
use super::location::Location;
use super::saved::BookmarkChange;
use super::{App, Command, ConfirmAction, Layer, SavedList};
use crate::store::LinkEdit;

impl App {
    pub(super) fn on_key(&mut self, key: Key) -> Vec<Command> {
        if let Key::Alt(c) = key
            && !self.uses_alt_key(key)
        {
            if matches!(self.layer(), Layer::Prompt(_)) {
                // Never Esc then a page command: that would throw away what was typed.
                self.say_alt_key_does_nothing_in_prompt(key);
                return Vec::new();
            }
            // Terminals send Alt-x as Esc then x, so Esc and a key pressed quickly arrive as
            // one Alt key: where Alt-x means nothing, it is the two keys it came from.
            let mut commands = self.on_key(Key::Esc);
            commands.extend(self.on_key(Key::Char(c)));
            return commands;
        }
        if self.dismiss_notice(key) {
            return Vec::new();
        }
        match self.layer() {
            Layer::Overlay(_) => {
                self.close_overlay();
                Vec::new()
            }
            Layer::Question(_) => self.answer_question(key),
            Layer::Prompt(_) => match self.prompt_tab_action(key) {
                Some(action) => self.on_action(action),
                None => self.prompt_key(key),
            },
            Layer::Downloads(_) => match self.downloads_list_key(key) {
                Some(commands) => commands,
                None => self.page_key(key),
            },
            Layer::LinkEntry(_) | Layer::Page => self.page_key(key),
        }
    }

    /// A key for the page (or the link number being typed on it).
    fn page_key(&mut self, key: Key) -> Vec<Command> {
        let action = self.keymap_action(key);
        if (action.is_none() || self.tab.link_entry.is_some())
            && let Some(commands) = self.link_number_key(key)
        {
            return commands;
        }
        let Some(action) = action else {
            self.say_key_is_unbound(key);
            return Vec::new();
        };
        if self.closes_help(key, action) {
            return self.go_back();
        }
        self.on_action(action)
    }

    /// y or Y answers yes to the question asked; any other key answers no.
    fn answer_question(&mut self, key: Key) -> Vec<Command> {
        let Some(confirm) = self.take_question() else {
            return Vec::new();
        };
        let yes = matches!(key, Key::Char('y' | 'Y'));
        match (confirm.action, yes) {
            (ConfirmAction::Trust(offer), true) => self.trust(offer),
            (ConfirmAction::Trust(_), false) => {
                self.notify("The certificate was not trusted", false);
                Vec::new()
            }
            (ConfirmAction::RunDetached(argv), true) => vec![Command::RunDetached(argv)],
            (ConfirmAction::RunInTerminal(argv), true) => vec![Command::RunInTerminal(argv)],
            (ConfirmAction::Quit, true) => vec![Command::Quit],
            (ConfirmAction::RemoveBookmark(link), true) => self.edit_bookmarks(
                LinkEdit::Remove(link.url),
                Some(BookmarkChange::Remove { title: link.title }),
            ),
            (ConfirmAction::ClearHistory, true) => {
                self.notify("Forgot every visited page", false);
                self.visited.clear();
                vec![Command::EditLinks {
                    list: SavedList::History,
                    edit: LinkEdit::Clear,
                }]
            }
            (ConfirmAction::DownloadAgain(url), true) => self.download_copy(url),
            (_, false) => Vec::new(),
        }
    }

    pub(super) fn on_action(&mut self, action: Action) -> Vec<Command> {
        if let Some(commands) = self.narrowed_action(action) {
            return commands;
        }
        let view = self.viewport();
        match action {
            Action::OpenInNewTab => return self.follow_in_new_tab(),
            Action::NewTab => return self.new_start_tab(),
            Action::NextTab => return self.cycle_tab(true),
            Action::PreviousTab => return self.cycle_tab(false),
            Action::CloseTab => return self.close_tab(),
            Action::ReopenTab => return self.reopen_tab(),
            Action::GoToTab(number) => return self.go_to_tab(usize::from(number)),
            Action::Up => {
                self.tab.page.follow_end = false;
                self.tab.page.move_up(view);
            }
            Action::Down => self.tab.page.move_down(view),
            Action::PageUp => {
                self.tab.page.follow_end = false;
                self.tab.page.page_up(view);
            }
            Action::PageDown => self.tab.page.page_down(view),
            Action::Top => {
                self.tab.page.follow_end = false;
                self.tab.page.go_top();
            }
            Action::ToggleWrap => return self.toggle_wrap(),
            Action::ScrollRight => return self.scroll_sideways(self.sideways_step(), true),
            Action::ScrollLeft => return self.scroll_sideways(-self.sideways_step(), true),
            Action::Bottom => {
                // While the page still grows, End keeps following its end.
                self.tab.page.follow_end = self.tab.loading.as_ref().is_some_and(|l| l.shown);
                self.tab.page.go_bottom(view);
            }
            Action::NextLink => self.step_text_link(true),
            Action::PreviousLink => self.step_text_link(false),
            Action::Follow => {
                return match self.selected_text_link() {
                    Some(link) => self.follow_text_link(link),
                    None => self.follow_selected(),
                };
            }
            Action::Back => return self.go_back(),
            Action::Forward => return self.go_forward(),
            Action::Reload => return self.reload(),
            Action::Parent => return self.climb(false),
            Action::Root => return self.climb(true),
            Action::Home => return self.open(self.home.clone()),
            Action::SearchEngine => {
                let engine = self.search_engine.clone();
                self.open_prompt_with(super::Prompt::new(super::PromptPurpose::Search(engine), ""));
            }
            Action::GoTo => return self.open_prompt(""),
            Action::GoToEditCurrent => {
                let current = self.tab.page.location.to_string();
                return self.open_prompt(&current);
            }
            Action::Help if self.tab.page.location == Location::Help => {}
            Action::Help => return self.open(Location::Help),
            Action::Cancel => {
                // A filter on the page still arriving goes first, as its status says ("Esc
                // shows all"); a second Esc stops the load. A load of another page is
                // cancelled first, keeping the filtered page to read.
                let arriving = self.tab.loading.as_ref().is_some_and(|l| l.shown);
                if arriving && self.tab.filter.is_some() {
                    self.end_filter();
                    return Vec::new();
                }
                if let Some(loading) = &self.tab.loading {
                    let url = loading.url.to_string();
                    self.notify(format!("Cancelled loading {url}"), false);
                    return self.cancel_loading();
                }
                if self.tab.filter.is_some() {
                    self.end_filter();
                    return Vec::new();
                }
                if self.tab.find.is_none() {
                    self.tab.page.selected_link = None;
                }
                self.end_find();
            }
            Action::TrustCertificate => self.ask_to_trust(),
            Action::Find => self.start_find(),
            Action::FindNext => self.find_again(true),
            Action::FindPrevious => self.find_again(false),
            Action::Filter => self.start_filter(),
            Action::ToggleInfoLines => return self.toggle_info_lines(),
            Action::ToggleLinkNumbers => {
                self.show_link_numbers = !self.show_link_numbers;
                // On a text with links the number gutter narrows the reading column.
                let view = self.viewport();
                self.tab.page.keep_place(view);
            }
            Action::ItemInfo => self.show_item_info(),
            Action::SavePage => return self.save_page(),
            Action::ShowDownloads => self.toggle_downloads_list(),
            Action::CopyLinkUrl => return self.copy_url(true),
            Action::CopyPageUrl => return self.copy_url(false),
            Action::BookmarkPage => self.ask_bookmark_title(false),
            Action::BookmarkLink => self.ask_bookmark_title(true),
            Action::ShowBookmarks => return self.open(Location::Bookmarks),
            Action::ShowHistory => return self.open(Location::History),
            Action::ShowMessages => return self.open(Location::Messages),
            Action::ClearHistory => self.ask_clear_history(),
            Action::RemoveSelected => return self.remove_selected_link(),
            Action::RenameSelected => self.ask_rename(),
            Action::ViewSource => return self.view_source(),
            Action::CycleEncoding => return self.cycle_encoding(),
            Action::Suspend => return vec![Command::Suspend],
            Action::Redraw => return vec![Command::Redraw],
            Action::Quit => return self.quit(),
        }
        Vec::new()
    }

    /// Whether `key` (doing `action`) closes the help page, returning to the page before it:
    /// help, quit and cancel do (like q in a pager), unless nothing is before it (q then
    /// quits) or a load is running (Esc then stops it). Ctrl-C always quits.
    fn closes_help(&self, key: Key, action: Action) -> bool {
        self.tab.page.location == Location::Help
            && self.tab.history.back_len() > 0
            && key != Key::Ctrl('c')
            && match action {
                Action::Help | Action::Quit => true,
                Action::Cancel => self.tab.loading.is_none(),
                _ => false,
            }
    }

    /// Whether an Alt key means something here: in a prompt a word key or a tab jump, else
    /// a key the keymap binds (and nothing on top takes the key first).
    fn uses_alt_key(&self, key: Key) -> bool {
        match self.layer() {
            Layer::Prompt(_) => {
                super::input::line_editor::is_alt_editing_key(key)
                    || self.prompt_tab_action(key).is_some()
            }
            Layer::Overlay(_) | Layer::Question(_) => false,
            Layer::Downloads(_) | Layer::LinkEntry(_) | Layer::Page => {
                self.keymap_action(key).is_some()
            }
        }
    }

    /// The one page command an Alt key runs from inside a prompt: jumping to a tab (Alt-1 …
    /// Alt-9 by default). A find or filter prompt ends as Esc would (it belongs to its page);
    /// Go to and the other prompts stay open over the tab shown.
    fn prompt_tab_action(&self, key: Key) -> Option<Action> {
        let Key::Alt(_) = key else { return None };
        self.keymap_action(key)
            .filter(|action| matches!(action, Action::GoToTab(_)))
    }

    fn say_alt_key_does_nothing_in_prompt(&mut self, key: Key) {
        // The prompt's own keys are the line editor's, not the keymap's: Esc closes it.
        self.notify(
            format!("{} does nothing in a prompt (Esc closes it)", key.name()),
            false,
        );
    }

    fn say_key_is_unbound(&mut self, key: Key) {
        let help = self
            .keymap
            .keys_for(Action::Help)
            .first()
            .map(|k| format!(" ({} lists the keys)", k.name()))
            .unwrap_or_default();
        self.notify(format!("{} does nothing here{help}", key.name()), false);
    }

    /// The action the active keymap binds to `key`.
    pub(super) fn keymap_action(&self, key: Key) -> Option<Action> {
        self.keymap.action_for(key)
    }
}
