//! Pasted text and mouse clicks. A paste is text, never keys: in a prompt it is inserted in
//! one piece without its line breaks (so it never submits), while browsing it opens Go to
//! holding it, and at a yes/no question it is ignored. A left click on a menu link selects it;
//! a click on the selected link follows it. In a text, a click on a URL follows it at once
//! (`text_links.rs`).

use super::{App, Command, Layer};

/// A paste with its line breaks (and any other control characters) left out.
fn pasted_line(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

impl App {
    pub(super) fn on_paste(&mut self, text: &str) -> Vec<Command> {
        self.notice = None;
        let line = pasted_line(text);
        match self.layer() {
            // A pasted "y" must never answer a question.
            Layer::Question(_) => return Vec::new(),
            Layer::Prompt(_) => return self.paste_into_prompt(&line),
            Layer::Overlay(_) | Layer::Downloads(_) | Layer::LinkEntry(_) | Layer::Page => {}
        }
        if line.trim().is_empty() {
            return Vec::new();
        }
        self.close_overlay();
        self.tab.link_entry = None;
        let mut commands = self.open_prompt("");
        commands.extend(self.paste_into_prompt(line.trim()));
        commands
    }

    /// A left click at `row` of the screen (row 0 is the title bar, or the tab bar above it
    /// while that shows: the runtime turns clicks there into `Msg::ClickTab`).
    pub(super) fn on_click(&mut self, column: u16, row: u16) -> Vec<Command> {
        match self.layer() {
            Layer::Overlay(_) => {
                self.close_overlay();
                return Vec::new();
            }
            Layer::Question(_) | Layer::Prompt(_) | Layer::Downloads(_) => return Vec::new(),
            Layer::LinkEntry(_) | Layer::Page => {}
        }
        let bars = 1 + usize::from(self.tabs.bar_shown());
        let Some(content_row) = usize::from(row).checked_sub(bars) else {
            return Vec::new();
        };
        // A filtered text's links wait for the whole page (as `]`, `[` and numbers do).
        if self.tab.narrowed().is_none()
            && let Some(commands) = self.click_text(column, content_row)
        {
            return commands;
        }
        let view = self.viewport();
        let line = match self.tab.narrowed() {
            Some(narrowed) => narrowed.menu_line_on_screen(content_row, view),
            None => self.tab.page.menu_line_at(content_row, view),
        };
        let Some(line) = line else {
            return Vec::new();
        };
        let selectable = self
            .tab
            .page
            .menu()
            .is_some_and(|menu| menu.is_selectable(line));
        if !selectable {
            return Vec::new();
        }
        self.notice = None;
        self.tab.link_entry = None;
        if line == self.tab.page.cursor {
            return self.follow_selected();
        }
        self.tab.page.cursor = line;
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
