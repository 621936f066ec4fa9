//! Back and forward: the pages one view has left, kept whole so going back shows them at once
//! with the cursor and scroll they had. `History` owns the lists, the cap on their length and
//! the one step that moves a page between them and the screen; `App` only cancels what loads
//! and fits the page to the screen around it.

use super::page::Page;
use super::{App, Command};

/// How many pages the back list keeps; the oldest falls off first.
pub const HISTORY_LIMIT: usize = 100;

/// Which way to step through history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Back,
    Forward,
}

/// The pages before and after the one on screen.
#[derive(Debug, Default)]
pub struct History {
    /// Oldest first: the page Back shows is last.
    back: Vec<Page>,
    /// Furthest first: the page Forward shows is last.
    forward: Vec<Page>,
}

impl History {
    /// Keeps `left`, the page a new one replaces, for Back (dropping the oldest past the cap)
    /// and forgets the forward list, which led away from `left`.
    pub fn push(&mut self, left: Page) {
        self.back.push(left);
        if self.back.len() > HISTORY_LIMIT {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// Swaps `current` with the page one step in `direction`; `current` goes on the other
    /// list. Returns false, leaving `current` alone, when there is no page that way.
    pub fn step(&mut self, direction: Direction, current: &mut Page) -> bool {
        let (from, to) = match direction {
            Direction::Back => (&mut self.back, &mut self.forward),
            Direction::Forward => (&mut self.forward, &mut self.back),
        };
        let Some(next) = from.pop() else {
            return false;
        };
        to.push(std::mem::replace(current, next));
        true
    }

    /// How many pages Back can reach.
    pub fn back_len(&self) -> usize {
        self.back.len()
    }

    /// How many pages Forward can reach.
    pub fn forward_len(&self) -> usize {
        self.forward.len()
    }
}

impl App {
    pub(super) fn go_back(&mut self) -> Vec<Command> {
        self.travel(Direction::Back)
    }

    pub(super) fn go_forward(&mut self) -> Vec<Command> {
        self.travel(Direction::Forward)
    }

    /// Back or Forward: stops what loads, then shows the kept page fitted to the screen.
    fn travel(&mut self, direction: Direction) -> Vec<Command> {
        let commands = self.cancel_loading();
        self.find = None;
        if self.page_history.step(direction, &mut self.page) {
            let view = self.viewport();
            self.page.clamp(view);
        }
        commands
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::page::{Content, Location};
    use crate::gopher::{GopherUrl, TextDoc};

    fn page(n: usize) -> Page {
        let url = GopherUrl::parse(&format!("gopher://example.org/0/{n}")).expect("a valid URL");
        Page::new(Location::Gopher(url), Content::Text(TextDoc::default()))
    }

    fn number(page: &Page) -> String {
        page.location
            .to_string()
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_owned()
    }

    #[test]
    fn back_and_forward_swap_the_current_page_through_both_lists() {
        let mut history = History::default();
        let mut current = page(0);
        for n in 1..=2 {
            history.push(std::mem::replace(&mut current, page(n)));
        }
        assert!(history.step(Direction::Back, &mut current));
        assert_eq!(number(&current), "1");
        assert!(history.step(Direction::Back, &mut current));
        assert_eq!(number(&current), "0");
        assert!(
            !history.step(Direction::Back, &mut current),
            "nothing before 0"
        );
        assert_eq!(number(&current), "0");
        assert_eq!((history.back_len(), history.forward_len()), (0, 2));
        assert!(history.step(Direction::Forward, &mut current));
        assert_eq!(number(&current), "1");
        assert!(history.step(Direction::Forward, &mut current));
        assert!(
            !history.step(Direction::Forward, &mut current),
            "nothing after 2"
        );
        assert_eq!(number(&current), "2");
    }

    #[test]
    fn a_new_page_clears_forward_and_the_back_list_keeps_only_the_newest_hundred() {
        let mut history = History::default();
        let mut current = page(0);
        history.push(std::mem::replace(&mut current, page(1)));
        history.step(Direction::Back, &mut current);
        assert_eq!(history.forward_len(), 1);
        for n in 2..=HISTORY_LIMIT + 5 {
            history.push(std::mem::replace(&mut current, page(n)));
        }
        assert_eq!(history.forward_len(), 0);
        assert_eq!(history.back_len(), HISTORY_LIMIT);
        while history.step(Direction::Back, &mut current) {}
        assert_eq!(number(&current), "5", "the five oldest fell off");
    }
}
