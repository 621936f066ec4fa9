//! The one-line editor used by the go-to and search prompts.

use super::keymap::Key;

/// Editable text with a cursor (counted in chars).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    cursor: usize,
}

/// What a key did to the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditOutcome {
    Edited,
    Submit,
    Abandon,
    Ignored,
}

impl LineEditor {
    pub fn with_text(text: &str) -> Self {
        LineEditor {
            text: text.to_owned(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor position in chars from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Inserts `text` at the cursor in one piece (a paste), leaving out control characters.
    /// Returns whether anything was inserted.
    pub fn insert_str(&mut self, text: &str) -> bool {
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
        !clean.is_empty()
    }

    pub fn handle(&mut self, key: Key) -> EditOutcome {
        let len = self.text.chars().count();
        match key {
            Key::Enter => return EditOutcome::Submit,
            Key::Esc | Key::Ctrl('c') | Key::Ctrl('g') => return EditOutcome::Abandon,
            Key::Char(c) if !c.is_control() => {
                let at = self.byte_at(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            Key::Backspace if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
            }
            Key::Delete | Key::Ctrl('d') if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            Key::Left | Key::Ctrl('b') => self.cursor = self.cursor.saturating_sub(1),
            Key::Right | Key::Ctrl('f') => self.cursor = (self.cursor + 1).min(len),
            Key::Home | Key::Ctrl('a') => self.cursor = 0,
            Key::End | Key::Ctrl('e') => self.cursor = len,
            Key::Ctrl('u') => {
                let at = self.byte_at(self.cursor);
                self.text.replace_range(..at, "");
                self.cursor = 0;
            }
            Key::Ctrl('k') => {
                let at = self.byte_at(self.cursor);
                self.text.truncate(at);
            }
            Key::Ctrl('w') => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && chars[start - 1] != ' ' {
                    start -= 1;
                }
                let (from, to) = (self.byte_at(start), self.byte_at(self.cursor));
                self.text.replace_range(from..to, "");
                self.cursor = start;
            }
            _ => return EditOutcome::Ignored,
        }
        EditOutcome::Edited
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn type_keys(editor: &mut LineEditor, keys: &[Key]) {
        for &key in keys {
            editor.handle(key);
        }
    }

    #[test]
    fn typing_inserts_at_the_cursor_and_editing_keys_work() {
        let mut e = LineEditor::default();
        type_keys(
            &mut e,
            &[Key::Char('a'), Key::Char('c'), Key::Left, Key::Char('b')],
        );
        assert_eq!((e.text(), e.cursor()), ("abc", 2));
        type_keys(&mut e, &[Key::Backspace, Key::Delete]);
        assert_eq!((e.text(), e.cursor()), ("a", 1));
        type_keys(
            &mut e,
            &[Key::Home, Key::Char('\u{4e2d}'), Key::End, Key::Char('z')],
        );
        assert_eq!(e.text(), "\u{4e2d}az");
    }

    #[test]
    fn word_and_line_deletion() {
        let mut e = LineEditor::with_text("gopher://host/1/path more");
        e.handle(Key::Ctrl('w'));
        assert_eq!(e.text(), "gopher://host/1/path ");
        e.handle(Key::Ctrl('u'));
        assert_eq!((e.text(), e.cursor()), ("", 0));
    }

    #[test]
    fn enter_submits_and_escape_abandons() {
        let mut e = LineEditor::with_text("x");
        assert_eq!(e.handle(Key::Enter), EditOutcome::Submit);
        assert_eq!(e.handle(Key::Esc), EditOutcome::Abandon);
        assert_eq!(e.handle(Key::PageUp), EditOutcome::Ignored);
    }
}
