//! Reaching links by number: every link of a menu, and every URL in a text, has a number
//! (shown when the user turns numbers on with `#`); typing digits selects that link, Enter
//! opens it, and when no longer number starts with the digits typed, a short pause opens it
//! too. Esc (or erasing every digit) puts the cursor (or the text's selected link) and the
//! view back where they were before the first digit. On a filtered menu the numbers count
//! the links the narrowed view shows (a filtered text's links wait for the whole page).

use super::input::Key;
use super::page::Position;
use super::{App, Command};

/// How long Burrow waits after the last digit before opening an unambiguous link number.
pub const LINK_NUMBER_PAUSE_MS: u64 = 700;

/// Digits typed so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkNumberEntry {
    pub digits: String,
    /// Identifies the pause timer started for these digits (a later digit starts another).
    pub wake: u64,
    /// The cursor line and the top of the view before the first digit, for Esc.
    pub return_to: (usize, Position),
    /// The text link selected before the first digit, for Esc.
    pub return_link: Option<usize>,
}

/// Whether no link number longer than `number` can start with its digits.
pub fn is_unambiguous(number: usize, link_count: usize) -> bool {
    number.saturating_mul(10) > link_count
}

impl App {
    /// A key while digits are being typed (or a first digit). Returns `None` when the key is
    /// not part of a link number and should be handled as usual.
    pub(super) fn link_number_key(&mut self, key: Key) -> Option<Vec<Command>> {
        let digit = match key {
            Key::Char(c) if c.is_ascii_digit() => Some(c),
            _ => None,
        };
        if self.tab.link_entry.is_none() {
            return digit.map(|d| self.add_link_digit(d));
        }
        match key {
            _ if digit.is_some() => digit.map(|d| self.add_link_digit(d)),
            Key::Enter => Some(self.open_link_entry()),
            Key::Backspace => {
                if let Some(entry) = self.tab.link_entry.as_mut() {
                    entry.digits.pop();
                    if entry.digits.is_empty() {
                        self.leave_link_entry();
                    }
                }
                Some(self.select_link_entry())
            }
            Key::Esc => {
                self.leave_link_entry();
                Some(Vec::new())
            }
            _ => {
                self.tab.link_entry = None;
                None
            }
        }
    }

    /// Ends the entry without opening anything: the cursor goes back to where it was.
    fn leave_link_entry(&mut self) {
        if let Some(entry) = self.tab.link_entry.take() {
            let (cursor, top) = entry.return_to;
            self.tab.page.cursor = cursor;
            self.tab.page.selected_link = entry.return_link;
            let view = self.viewport();
            match self.tab.filter.as_mut().filter(|n| n.is_active()) {
                Some(narrowed) => narrowed.top = top,
                None => {
                    self.tab.page.top = top;
                    self.tab.page.clamp(view);
                }
            }
        }
    }

    /// How many links are numbered: the narrowed view's when the page is filtered.
    fn shown_link_count(&self) -> usize {
        self.narrowed_link_count()
            .unwrap_or_else(|| self.link_count())
    }

    /// The menu line of link `number` as numbered on screen (in the narrowed view when
    /// filtered); `None` on a text.
    fn shown_menu_link_line(&self, number: usize) -> Option<Option<usize>> {
        let menu = self.tab.page.menu()?;
        Some(match self.tab.narrowed() {
            Some(narrowed) => narrowed.link_line(number),
            None => menu.link_line(number),
        })
    }

    fn add_link_digit(&mut self, digit: char) -> Vec<Command> {
        if self.tab.narrowed().is_some() && self.tab.page.menu().is_none() {
            let esc = self.first_key_name(super::input::Action::Cancel);
            self.notify(
                format!("A text's links are numbered on the whole page: {esc} ends the filter"),
                false,
            );
            return Vec::new();
        }
        let count = self.shown_link_count();
        if count == 0 {
            self.notify("This page has no links to number", false);
            return Vec::new();
        }
        let (mut digits, return_to, return_link) = match self.tab.link_entry.take() {
            Some(entry) => (entry.digits, entry.return_to, entry.return_link),
            None => (
                String::new(),
                (
                    self.tab.page.cursor,
                    self.tab.narrowed().map_or(self.tab.page.top, |n| n.top),
                ),
                self.tab.page.selected_link,
            ),
        };
        digits.push(digit);
        let number: usize = digits.parse().unwrap_or(usize::MAX);
        self.next_wake += 1;
        let valid = number != 0 && number <= count;
        if !valid {
            // The entry stays, so Enter opens nothing rather than the link selected so far;
            // Backspace or Esc corrects it.
            self.notify(
                format!("No link {digits}: this page has {count} (Backspace corrects, Esc ends)"),
                true,
            );
        }
        self.tab.link_entry = Some(LinkNumberEntry {
            digits,
            wake: self.next_wake,
            return_to,
            return_link,
        });
        if valid {
            self.select_link_entry()
        } else {
            Vec::new()
        }
    }

    /// Selects the link typed so far and, when it is unambiguous, starts the pause timer.
    fn select_link_entry(&mut self) -> Vec<Command> {
        let Some(entry) = &self.tab.link_entry else {
            return Vec::new();
        };
        let number: usize = entry.digits.parse().unwrap_or(0);
        let wake = entry.wake;
        let count = self.shown_link_count();
        match self.shown_menu_link_line(number) {
            Some(Some(line)) => {
                let view = self.viewport();
                self.tab.page.follow_end = false;
                match self.tab.filter.as_mut().filter(|n| n.is_active()) {
                    Some(narrowed) => {
                        narrowed.reveal_menu_line(&mut self.tab.page.cursor, line, view)
                    }
                    None => self.tab.page.reveal(line, 0, view),
                }
            }
            Some(None) => return Vec::new(),
            None if !self.select_text_link_number(number) => return Vec::new(),
            None => {}
        }
        if is_unambiguous(number, count) {
            vec![Command::WakeAfter {
                token: wake,
                after_ms: LINK_NUMBER_PAUSE_MS,
            }]
        } else {
            Vec::new()
        }
    }

    fn open_link_entry(&mut self) -> Vec<Command> {
        let Some(entry) = self.tab.link_entry.take() else {
            return Vec::new();
        };
        let number: usize = entry.digits.parse().unwrap_or(0);
        if self.tab.page.menu().is_none() {
            return match number.checked_sub(1) {
                Some(index) if self.tab.page.selected_link == Some(index) => {
                    self.follow_text_link(index)
                }
                _ => Vec::new(),
            };
        }
        match self.shown_menu_link_line(number).flatten() {
            Some(line) if line == self.tab.page.cursor => self.follow_selected(),
            _ => Vec::new(),
        }
    }

    /// The pause after an unambiguous link number ended: open it, unless more was typed.
    pub(super) fn on_wake(&mut self, token: u64) -> Vec<Command> {
        if self.tab.find.as_ref().is_some_and(|f| f.wake == token) {
            return self.count_matches();
        }
        match &self.tab.link_entry {
            Some(entry) if entry.wake == token => self.open_link_entry(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_unambiguous_when_no_longer_number_starts_with_it() {
        assert!(is_unambiguous(3, 9));
        assert!(!is_unambiguous(1, 15), "10 to 15 start with 1");
        assert!(is_unambiguous(2, 15));
        assert!(is_unambiguous(12, 15));
        assert!(!is_unambiguous(1, 10));
        assert!(is_unambiguous(10, 10));
    }
}
