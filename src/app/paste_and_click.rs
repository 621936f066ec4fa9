//! Pasted text and mouse clicks. A paste is text, never keys: in a prompt it is inserted in
//! one piece without its line breaks (so it never submits), while browsing it opens Go to
//! holding it, and at a yes/no question it is ignored. A left click on a menu link selects it;
//! a click on the selected link follows it.

use super::{App, Command};

/// A paste with its line breaks (and any other control characters) left out.
fn pasted_line(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

impl App {
    pub(super) fn on_paste(&mut self, text: &str) -> Vec<Command> {
        self.notice = None;
        if self.confirm.is_some() {
            // A pasted "y" must never answer a question.
            return Vec::new();
        }
        let line = pasted_line(text);
        if self.prompt.is_some() {
            return self.paste_into_prompt(&line);
        }
        if line.trim().is_empty() {
            return Vec::new();
        }
        self.overlay = None;
        self.link_entry = None;
        let mut commands = self.open_prompt("");
        commands.extend(self.paste_into_prompt(line.trim()));
        commands
    }

    /// A left click at `row` of the screen (row 0 is the title bar).
    pub(super) fn on_click(&mut self, _column: u16, row: u16) -> Vec<Command> {
        if self.overlay.take().is_some() {
            return Vec::new();
        }
        if self.prompt.is_some() || self.confirm.is_some() || self.downloads_list.is_some() {
            return Vec::new();
        }
        let Some(content_row) = usize::from(row).checked_sub(1) else {
            return Vec::new();
        };
        let view = self.viewport();
        let Some(line) = self.page.menu_line_at(content_row, view) else {
            return Vec::new();
        };
        let selectable = self
            .page
            .menu()
            .is_some_and(|menu| menu.is_selectable(line));
        if !selectable {
            return Vec::new();
        }
        self.notice = None;
        self.link_entry = None;
        if line == self.page.cursor {
            return self.follow_selected();
        }
        self.page.cursor = line;
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::pasted_line;

    #[test]
    fn a_paste_loses_its_line_breaks_and_control_characters() {
        assert_eq!(pasted_line("quux.org\r\n"), "quux.org");
        assert_eq!(pasted_line("a\nb\tc\x1b[31m"), "abc[31m");
    }
}
