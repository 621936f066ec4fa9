//! The one-line editor under every prompt (go to, search, find, bookmark titles).
//!
//! The cursor is a byte offset that always sits on a grapheme boundary, so it never stops
//! inside `e` + U+0301 or a flag. Every key looks only at the text next to the cursor: a move
//! or a deletion costs the size of what it passes over, an insertion one copy of the text after
//! the cursor, and a paste ([`LineEditor::insert_str`]) is one insertion. The text never holds
//! more than [`MAX_PROMPT_BYTES`] bytes (longer addresses are refused anyway), and never a
//! control character: what is typed or pasted is cleaned on the way in, so drawing it needs no
//! further work.

use super::key::Key;
use crate::gopher::sanitize;
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// The most a prompt holds, in bytes of UTF-8.
pub const MAX_PROMPT_BYTES: usize = 64 * 1024;

/// Editable text with a cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    /// Byte offset into `text`, on a grapheme boundary.
    cursor: usize,
}

/// What a key did to the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditOutcome {
    /// The text changed.
    Edited,
    /// Only the cursor moved (or nothing changed).
    Moved,
    /// Something was typed that did not fit: the prompt is full.
    Full,
    Submit,
    Abandon,
    Ignored,
}

/// Whether a grapheme is part of a word for Alt-b, Alt-f, Alt-d and Alt-Backspace.
fn is_word(grapheme: &str) -> bool {
    grapheme.chars().next().is_some_and(char::is_alphanumeric)
}

/// Whether a grapheme separates the segments Ctrl-w deletes (path segments, words).
fn is_segment_separator(grapheme: &str) -> bool {
    matches!(grapheme, "/" | " ")
}

/// Whether `key` is one of the editor's Alt keys (word motion and deletion).
pub fn is_alt_editing_key(key: Key) -> bool {
    matches!(key, Key::Alt('b' | 'f' | 'd'))
}

impl LineEditor {
    /// An editor holding `text` (cleaned and cut like a paste), with the cursor at its end.
    pub fn with_text(text: &str) -> Self {
        let mut editor = LineEditor::default();
        editor.insert_str(text);
        editor
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor as a byte offset into [`LineEditor::text`] (always a grapheme boundary).
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Whether the text has reached [`MAX_PROMPT_BYTES`].
    pub fn is_full(&self) -> bool {
        self.text.len() >= MAX_PROMPT_BYTES
    }

    /// Replaces the whole text (e.g. with a recalled address), cursor at the end.
    pub fn set_text(&mut self, text: &str) {
        self.text.clear();
        self.cursor = 0;
        self.insert_str(text);
    }

    /// Inserts typed or pasted text at the cursor, as one edit. Control characters are dropped
    /// (a pasted line break never submits), tabs become spaces, and what would take the text
    /// past [`MAX_PROMPT_BYTES`] is left out. Returns whether all of it fitted.
    pub fn insert_str(&mut self, text: &str) -> bool {
        let clean = sanitize(text);
        let room = MAX_PROMPT_BYTES.saturating_sub(self.text.len());
        let mut end = clean.len().min(room);
        while !clean.is_char_boundary(end) {
            end -= 1;
        }
        self.text.insert_str(self.cursor, &clean[..end]);
        self.cursor += end;
        // Text that joins the grapheme after it (a combining mark typed before a letter's
        // accent) must not leave the cursor inside that grapheme.
        if !self.is_boundary(self.cursor) {
            self.cursor = self.next_boundary(self.cursor);
        }
        end == clean.len()
    }

    fn is_boundary(&self, at: usize) -> bool {
        GraphemeCursor::new(at, self.text.len(), true)
            .is_boundary(&self.text, 0)
            .unwrap_or(true)
    }

    fn next_boundary(&self, at: usize) -> usize {
        GraphemeCursor::new(at, self.text.len(), true)
            .next_boundary(&self.text, 0)
            .ok()
            .flatten()
            .unwrap_or(self.text.len())
    }

    fn previous_boundary(&self, at: usize) -> usize {
        GraphemeCursor::new(at, self.text.len(), true)
            .prev_boundary(&self.text, 0)
            .ok()
            .flatten()
            .unwrap_or(0)
    }

    /// Where the word before the cursor starts (Alt-b): back over non-word graphemes, then
    /// over word graphemes.
    fn word_start_before(&self, at: usize) -> usize {
        let mut graphemes = self.text[..at].grapheme_indices(true).rev().peekable();
        let mut start = at;
        while let Some((i, _)) = graphemes.next_if(|(_, g)| !is_word(g)) {
            start = i;
        }
        while let Some((i, _)) = graphemes.next_if(|(_, g)| is_word(g)) {
            start = i;
        }
        start
    }

    /// Where the word after the cursor ends (Alt-f).
    fn word_end_after(&self, at: usize) -> usize {
        let mut graphemes = self.text[at..].grapheme_indices(true).peekable();
        let mut end = at;
        while let Some((i, g)) = graphemes.next_if(|(_, g)| !is_word(g)) {
            end = at + i + g.len();
        }
        while let Some((i, g)) = graphemes.next_if(|(_, g)| is_word(g)) {
            end = at + i + g.len();
        }
        end
    }

    /// Where the URL segment before the cursor starts (Ctrl-w): back over separators (`/`,
    /// space), then up to the previous one, so `gopher://host/1/dir/` loses `dir/`.
    fn segment_start_before(&self, at: usize) -> usize {
        let mut graphemes = self.text[..at].grapheme_indices(true).rev().peekable();
        let mut start = at;
        while let Some((i, _)) = graphemes.next_if(|(_, g)| is_segment_separator(g)) {
            start = i;
        }
        while let Some((i, _)) = graphemes.next_if(|(_, g)| !is_segment_separator(g)) {
            start = i;
        }
        start
    }

    /// Deletes `from..to` and puts the cursor at `from`.
    fn delete(&mut self, from: usize, to: usize) -> EditOutcome {
        if from == to {
            return EditOutcome::Moved;
        }
        self.text.replace_range(from..to, "");
        self.cursor = from;
        EditOutcome::Edited
    }

    fn move_to(&mut self, at: usize) -> EditOutcome {
        self.cursor = at;
        EditOutcome::Moved
    }

    pub fn handle(&mut self, key: Key) -> EditOutcome {
        let (cursor, len) = (self.cursor, self.text.len());
        match key {
            Key::Enter => EditOutcome::Submit,
            Key::Esc | Key::Ctrl('c') | Key::Ctrl('g') => EditOutcome::Abandon,
            Key::Char(c) if c.is_control() => EditOutcome::Ignored,
            Key::Char(c) => {
                if self.insert_str(c.encode_utf8(&mut [0; 4])) {
                    EditOutcome::Edited
                } else {
                    EditOutcome::Full
                }
            }
            Key::Backspace | Key::Ctrl('h') => self.delete(self.previous_boundary(cursor), cursor),
            Key::Delete | Key::Ctrl('d') => self.delete(cursor, self.next_boundary(cursor)),
            Key::Left | Key::Ctrl('b') => self.move_to(self.previous_boundary(cursor)),
            Key::Right | Key::Ctrl('f') => self.move_to(self.next_boundary(cursor)),
            Key::Home | Key::Ctrl('a') => self.move_to(0),
            Key::End | Key::Ctrl('e') => self.move_to(len),
            Key::Alt('b') | Key::CtrlLeft => self.move_to(self.word_start_before(cursor)),
            Key::Alt('f') | Key::CtrlRight => self.move_to(self.word_end_after(cursor)),
            Key::Alt('d') => self.delete(cursor, self.word_end_after(cursor)),
            Key::AltBackspace => self.delete(self.word_start_before(cursor), cursor),
            Key::Ctrl('w') => self.delete(self.segment_start_before(cursor), cursor),
            Key::Ctrl('u') => self.delete(0, cursor),
            Key::Ctrl('k') => self.delete(cursor, len),
            _ => EditOutcome::Ignored,
        }
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

    /// The text with `|` at the cursor.
    fn shown(editor: &LineEditor) -> String {
        let (before, after) = editor.text().split_at(editor.cursor());
        format!("{before}|{after}")
    }

    #[test]
    fn typing_inserts_at_the_cursor_and_editing_keys_work() {
        let mut e = LineEditor::default();
        type_keys(
            &mut e,
            &[Key::Char('a'), Key::Char('c'), Key::Left, Key::Char('b')],
        );
        assert_eq!(shown(&e), "ab|c");
        type_keys(&mut e, &[Key::Backspace, Key::Delete]);
        assert_eq!(shown(&e), "a|");
        type_keys(
            &mut e,
            &[Key::Home, Key::Char('\u{4e2d}'), Key::End, Key::Char('z')],
        );
        assert_eq!(shown(&e), "\u{4e2d}az|");
    }

    #[test]
    fn the_cursor_never_stops_inside_a_letter_and_its_combining_accent() {
        let mut e = LineEditor::with_text("ce\u{301}z");
        e.handle(Key::Left);
        assert_eq!(shown(&e), "ce\u{301}|z");
        e.handle(Key::Left);
        assert_eq!(shown(&e), "c|e\u{301}z");
        e.handle(Key::Right);
        assert_eq!(shown(&e), "ce\u{301}|z");
        e.handle(Key::Backspace);
        assert_eq!(
            shown(&e),
            "c|z",
            "Backspace removes the letter with its accent"
        );
        // A letter typed before a lone accent joins it; the cursor goes past the pair.
        let mut e = LineEditor::with_text("\u{301}");
        e.handle(Key::Home);
        e.handle(Key::Char('e'));
        assert_eq!(shown(&e), "e\u{301}|");
        let flag = LineEditor::with_text("\u{1F1EB}\u{1F1F7}");
        let mut e = flag.clone();
        e.handle(Key::Left);
        assert_eq!(e.cursor(), 0, "a flag is one step");
    }

    #[test]
    fn ctrl_w_deletes_one_url_segment_at_a_time() {
        let mut e = LineEditor::with_text("gopher://host/1/dir/file");
        let mut seen = Vec::new();
        while !e.text().is_empty() {
            e.handle(Key::Ctrl('w'));
            seen.push(e.text().to_owned());
        }
        assert_eq!(
            seen,
            [
                "gopher://host/1/dir/",
                "gopher://host/1/",
                "gopher://host/",
                "gopher://",
                ""
            ]
        );
        let mut e = LineEditor::with_text("two words");
        e.handle(Key::Ctrl('w'));
        assert_eq!(e.text(), "two ");
    }

    #[test]
    fn alt_b_and_alt_f_move_by_word_and_ctrl_arrows_do_the_same() {
        let mut e = LineEditor::with_text("gopher://quux.org/1/caf\u{e9}s");
        e.handle(Key::Alt('b'));
        assert_eq!(shown(&e), "gopher://quux.org/1/|caf\u{e9}s");
        e.handle(Key::CtrlLeft);
        assert_eq!(shown(&e), "gopher://quux.org/|1/caf\u{e9}s");
        e.handle(Key::Alt('b'));
        e.handle(Key::Alt('b'));
        assert_eq!(shown(&e), "gopher://|quux.org/1/caf\u{e9}s");
        e.handle(Key::Alt('f'));
        assert_eq!(shown(&e), "gopher://quux|.org/1/caf\u{e9}s");
        e.handle(Key::CtrlRight);
        assert_eq!(shown(&e), "gopher://quux.org|/1/caf\u{e9}s");
        e.handle(Key::Alt('d'));
        assert_eq!(shown(&e), "gopher://quux.org|/caf\u{e9}s");
        e.handle(Key::AltBackspace);
        assert_eq!(shown(&e), "gopher://quux.|/caf\u{e9}s");
        // Accented words written with a combining mark are one word.
        let mut e = LineEditor::with_text("cafe\u{301} bar");
        type_keys(&mut e, &[Key::Alt('b'), Key::Alt('b'), Key::Alt('f')]);
        assert_eq!(shown(&e), "cafe\u{301}| bar");
    }

    #[test]
    fn line_deletion_keys_cut_before_or_after_the_cursor() {
        let mut e = LineEditor::with_text("gopher://host/1/path");
        type_keys(&mut e, &[Key::Alt('b'), Key::Ctrl('k')]);
        assert_eq!(shown(&e), "gopher://host/1/|");
        e.handle(Key::Ctrl('u'));
        assert_eq!(shown(&e), "|");
    }

    #[test]
    fn a_paste_is_cleaned_of_line_breaks_and_controls_and_inserted_at_the_cursor() {
        let mut e = LineEditor::with_text("<>");
        e.handle(Key::Left);
        assert!(e.insert_str("gopher://a\r\n/b\u{1b}[2J\u{202e}c"));
        assert_eq!(shown(&e), "<gopher://a/bc|>");
        assert_eq!(e.handle(Key::Char('\n')), EditOutcome::Ignored);
    }

    #[test]
    fn the_prompt_stops_at_its_maximum_and_says_it_is_full() {
        let mut e = LineEditor::default();
        let big = "\u{e9}".repeat(MAX_PROMPT_BYTES);
        assert!(
            !e.insert_str(&big),
            "a paste longer than the maximum does not fit"
        );
        assert_eq!(e.text().len(), MAX_PROMPT_BYTES);
        assert!(e.is_full());
        assert_eq!(e.handle(Key::Char('x')), EditOutcome::Full);
        assert_eq!(e.text().len(), MAX_PROMPT_BYTES);
        e.handle(Key::Backspace);
        assert_eq!(
            e.handle(Key::Char('\u{4e2d}')),
            EditOutcome::Full,
            "3 bytes, room for 2"
        );
        assert_eq!(e.handle(Key::Char('x')), EditOutcome::Edited);
        assert_eq!(e.handle(Key::Char('y')), EditOutcome::Edited);
        assert_eq!(e.handle(Key::Char('z')), EditOutcome::Full);
    }

    #[test]
    fn enter_submits_escape_abandons_and_moves_are_not_edits() {
        let mut e = LineEditor::with_text("x");
        assert_eq!(e.handle(Key::Enter), EditOutcome::Submit);
        assert_eq!(e.handle(Key::Esc), EditOutcome::Abandon);
        assert_eq!(e.handle(Key::PageUp), EditOutcome::Ignored);
        assert_eq!(e.handle(Key::Left), EditOutcome::Moved);
        assert_eq!(e.handle(Key::Backspace), EditOutcome::Moved);
        assert_eq!(e.handle(Key::Delete), EditOutcome::Edited);
    }
}
