//! Back and forward: the pages one view has left, kept so that going back shows them with the
//! cursor and scroll they had. `History` owns the lists, the cap on their length and the one
//! step that moves a page between them and the screen.
//!
//! The bodies kept are bounded by one byte budget, [`PageMemory`], shared by every history
//! (tabs will have one each): past it, the bodies of the pages shown least recently are
//! dropped, leaving the address and the place the user was at. Going back to such a page shows
//! a loading screen and fetches it again, landing at that place.

use super::location::Location;
use super::page::{Content, Page, Place};
use super::{App, Command, LoadPurpose};
use crate::gopher::TextDoc;

/// How many pages the back list keeps; the oldest falls off first.
pub const HISTORY_LIMIT: usize = 100;

/// The default budget for page bodies kept in history: 256 MiB, the size of the largest page
/// Burrow accepts, so at least the last big page stays.
pub const DEFAULT_PAGE_MEMORY: u64 = 256 * 1024 * 1024;

/// Which way to step through history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Back,
    Forward,
}

/// A page in history, and when it left the screen (a [`PageMemory`] tick).
#[derive(Debug)]
struct Kept {
    page: Page,
    left_at: u64,
}

/// The pages before and after the one on screen.
#[derive(Debug, Default)]
pub struct History {
    /// Oldest first: the page Back shows is last.
    back: Vec<Kept>,
    /// Furthest first: the page Forward shows is last.
    forward: Vec<Kept>,
}

impl History {
    /// A history of pages brought back from a saved session: `back` oldest first, `forward`
    /// nearest first.
    pub fn restored(back: Vec<Page>, forward: Vec<Page>) -> History {
        let kept = |page| Kept { page, left_at: 0 };
        History {
            back: back.into_iter().map(kept).collect(),
            forward: forward.into_iter().rev().map(kept).collect(),
        }
    }

    /// The pages Back reaches, oldest first.
    pub fn back_pages(&self) -> impl Iterator<Item = &Page> {
        self.back.iter().map(|k| &k.page)
    }

    /// The pages Forward reaches, nearest first.
    pub fn forward_pages(&self) -> impl Iterator<Item = &Page> {
        self.forward.iter().rev().map(|k| &k.page)
    }

    /// Keeps `left`, the page a new one replaces, for Back (dropping the oldest past the cap)
    /// and forgets the forward list, which led away from `left`. `now` is a [`PageMemory`]
    /// tick.
    pub fn push(&mut self, left: Page, now: u64) {
        self.back.push(Kept {
            page: left,
            left_at: now,
        });
        if self.back.len() > HISTORY_LIMIT {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// Swaps `current` with the page one step in `direction`; `current` goes on the other
    /// list. Returns false, leaving `current` alone, when there is no page that way.
    pub fn step(&mut self, direction: Direction, current: &mut Page, now: u64) -> bool {
        let (from, to) = match direction {
            Direction::Back => (&mut self.back, &mut self.forward),
            Direction::Forward => (&mut self.forward, &mut self.back),
        };
        let Some(next) = from.pop() else {
            return false;
        };
        to.push(Kept {
            page: std::mem::replace(current, next.page),
            left_at: now,
        });
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

    /// The bytes of the page bodies kept.
    pub fn body_bytes(&self) -> u64 {
        self.kept().map(|k| body_bytes(&k.page)).sum()
    }

    /// How many kept pages have had their body dropped.
    pub fn unloaded_count(&self) -> usize {
        self.kept().filter(|k| k.page.unloaded.is_some()).count()
    }

    fn kept(&self) -> impl Iterator<Item = &Kept> {
        self.back.iter().chain(&self.forward)
    }

    /// Drops every page body that can be fetched again (a closed tab kept for reopening
    /// holds only addresses and places, outside the page-memory budget).
    pub fn unload_all(&mut self) {
        for kept in self.kept_mut() {
            if can_unload(&kept.page) {
                unload(&mut kept.page);
            }
        }
    }

    fn kept_mut(&mut self) -> impl Iterator<Item = &mut Kept> {
        self.back.iter_mut().chain(&mut self.forward)
    }
}

/// The bytes a page's body holds.
fn body_bytes(page: &Page) -> u64 {
    let bytes = match &page.content {
        Content::Menu(menu) => menu.heap_bytes(),
        Content::Text(doc) | Content::Error { details: doc, .. } => doc.heap_bytes(),
    };
    bytes as u64
}

/// Whether a page's body can be dropped: it is there, and can be fetched again (built-in
/// pages and the bookmarks and history pages are small and stay).
pub(super) fn can_unload(page: &Page) -> bool {
    page.unloaded.is_none() && page.location.gopher_url().is_some()
}

/// Drops a page's body, remembering where the user was; returns the bytes freed.
pub(super) fn unload(page: &mut Page) -> u64 {
    let freed = body_bytes(page);
    page.unloaded = Some(Place {
        cursor: page.cursor,
        top: page.top,
    });
    page.content = Content::Text(TextDoc::default());
    page.incomplete = None;
    page.follow_end = false;
    freed
}

/// One byte budget for the page bodies kept in every history, and the clock that says which
/// page was shown least recently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageMemory {
    limit: u64,
    clock: u64,
}

impl PageMemory {
    pub fn new(limit: u64) -> PageMemory {
        PageMemory { limit, clock: 0 }
    }

    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// The time now, in ticks that only go up: when a page left the screen.
    pub fn tick(&mut self) -> u64 {
        self.clock += 1;
        self.clock
    }

    /// Drops the bodies of the pages that left the screen longest ago, across all
    /// `histories`, until what they keep fits the budget.
    pub fn enforce(&self, histories: &mut [&mut History]) {
        let mut total: u64 = histories.iter().map(|h| h.body_bytes()).sum();
        if total <= self.limit {
            return;
        }
        let mut oldest: Vec<(u64, usize, usize)> = Vec::new();
        for (h, history) in histories.iter().enumerate() {
            for (i, kept) in history.kept().enumerate() {
                if can_unload(&kept.page) {
                    oldest.push((kept.left_at, h, i));
                }
            }
        }
        oldest.sort_unstable();
        for (_, h, i) in oldest {
            if total <= self.limit {
                break;
            }
            if let Some(kept) = histories[h].kept_mut().nth(i) {
                total -= unload(&mut kept.page);
            }
        }
    }
}

impl Default for PageMemory {
    fn default() -> PageMemory {
        PageMemory::new(DEFAULT_PAGE_MEMORY)
    }
}

impl App {
    /// Keeps `left`, the page a new one replaces, for Back. A placeholder for the very page
    /// arriving (the first page at start-up) is not kept under it.
    pub(super) fn remember_left_page(&mut self, left: Page) {
        if left.unloaded.is_some() && left.location == self.tab.page.location {
            return;
        }
        let now = self.page_memory.tick();
        self.tab.history.push(left, now);
        self.enforce_page_memory();
    }

    /// Opens the first page (the address given at start-up). While it comes, a loading
    /// screen stands in for it, and nothing (no start page) is kept under it for Back. When
    /// the address opens no page (a download, a question, a search prompt), the start page
    /// stays.
    pub(super) fn open_first(&mut self, location: Location) -> Vec<Command> {
        let mut placeholder = Page::new(location.clone(), Content::Text(TextDoc::default()));
        placeholder.unloaded = Some(Place::default());
        let start = std::mem::replace(&mut self.tab.page, placeholder);
        let commands = self.open(location);
        let waiting = self.tab.loading.is_some() || self.tab.awaiting_list.is_some();
        if self.tab.page.unloaded.is_some() && !waiting {
            self.tab.page = start;
        }
        commands
    }

    /// Keeps the page bodies of every tab's history within the one budget.
    fn enforce_page_memory(&mut self) {
        let mut histories: Vec<&mut History> = std::iter::once(&mut self.tab.history)
            .chain(self.tabs.others.iter_mut().map(|tab| &mut tab.history))
            .collect();
        self.page_memory.enforce(&mut histories);
    }

    pub(super) fn go_back(&mut self) -> Vec<Command> {
        self.travel(Direction::Back)
    }

    pub(super) fn go_forward(&mut self) -> Vec<Command> {
        self.travel(Direction::Forward)
    }

    /// Back or Forward: stops what loads, then shows the kept page fitted to the screen, or
    /// fetches it again if its body was dropped.
    fn travel(&mut self, direction: Direction) -> Vec<Command> {
        let mut commands = self.cancel_loading();
        self.end_filter();
        self.tab.find = None;
        let now = self.page_memory.tick();
        if !self.tab.history.step(direction, &mut self.tab.page, now) {
            if commands.is_empty() {
                self.notify(
                    match direction {
                        Direction::Back => "This is the first page: there is nothing to go back to",
                        Direction::Forward => {
                            "This is the last page: there is nothing to go forward to"
                        }
                    },
                    false,
                );
            }
            return commands;
        }
        self.enforce_page_memory();
        let view = self.viewport();
        self.tab.page.clamp(view);
        commands.extend(self.fetch_unloaded());
        commands
    }

    /// Fetches the body of the page on screen if it is not in memory, in the encoding it was
    /// shown in; it lands where the user was.
    pub(super) fn fetch_unloaded(&mut self) -> Vec<Command> {
        if self.tab.page.unloaded.is_none() {
            return Vec::new();
        }
        let Some(url) = self.tab.page.location.gopher_url().cloned() else {
            // A built-in page or a saved list brought back from the session: built again.
            return self.reload();
        };
        let (source, encoding) = (self.tab.page.location.is_source(), self.tab.page.encoding);
        self.start_fetch_as(url, LoadPurpose::Reload, source, encoding)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Location;
    use crate::gopher::GopherUrl;

    /// A text page of `bytes` bytes at gopher://example.org/0/`n`.
    fn page(n: usize, bytes: usize) -> Page {
        let url = GopherUrl::parse(&format!("gopher://example.org/0/{n}")).expect("a valid URL");
        let line = "x".repeat(bytes);
        let doc = TextDoc::from_lines([line.as_str()]);
        Page::new(Location::Gopher(url), Content::Text(doc))
    }

    fn number(page: &Page) -> String {
        let address = page.location.to_string();
        address.rsplit('/').next().unwrap_or("").to_owned()
    }

    /// Opens pages 1..=last after page 0, each of `bytes` bytes, keeping within `memory`.
    fn visit(last: usize, bytes: usize, memory: &mut PageMemory) -> (History, Page) {
        let mut history = History::default();
        let mut current = page(0, bytes);
        for n in 1..=last {
            history.push(
                std::mem::replace(&mut current, page(n, bytes)),
                memory.tick(),
            );
            memory.enforce(&mut [&mut history]);
        }
        (history, current)
    }

    #[test]
    fn back_and_forward_swap_the_current_page_through_both_lists() {
        let mut memory = PageMemory::default();
        let (mut history, mut current) = visit(2, 10, &mut memory);
        assert!(history.step(Direction::Back, &mut current, memory.tick()));
        assert_eq!(number(&current), "1");
        assert!(history.step(Direction::Back, &mut current, memory.tick()));
        assert_eq!(number(&current), "0");
        assert!(!history.step(Direction::Back, &mut current, memory.tick()));
        assert_eq!(number(&current), "0", "nothing before 0");
        assert_eq!((history.back_len(), history.forward_len()), (0, 2));
        assert!(history.step(Direction::Forward, &mut current, memory.tick()));
        assert_eq!(number(&current), "1");
        assert!(history.step(Direction::Forward, &mut current, memory.tick()));
        assert!(!history.step(Direction::Forward, &mut current, memory.tick()));
        assert_eq!(number(&current), "2", "nothing after 2");
    }

    #[test]
    fn a_new_page_clears_forward_and_the_back_list_keeps_only_the_newest_hundred() {
        let mut memory = PageMemory::default();
        let (mut history, mut current) = visit(1, 10, &mut memory);
        history.step(Direction::Back, &mut current, memory.tick());
        assert_eq!(history.forward_len(), 1);
        for n in 2..=HISTORY_LIMIT + 5 {
            history.push(std::mem::replace(&mut current, page(n, 10)), memory.tick());
        }
        assert_eq!(history.forward_len(), 0);
        assert_eq!(history.back_len(), HISTORY_LIMIT);
        while history.step(Direction::Back, &mut current, memory.tick()) {}
        assert_eq!(number(&current), "5", "the five oldest fell off");
    }

    #[test]
    fn past_the_budget_the_bodies_of_the_pages_left_longest_ago_are_dropped() {
        let one = page(0, 1000);
        let size = body_bytes(&one);
        // Room for three bodies and a half.
        let mut memory = PageMemory::new(size * 7 / 2);
        let (mut history, mut current) = visit(6, 1000, &mut memory);
        assert!(history.body_bytes() <= memory.limit());
        assert_eq!(history.unloaded_count(), 3, "pages 0, 1 and 2 were dropped");
        // Going back shows 5 and 4 with their bodies, then 3, then an unloaded 2.
        for expected in ["5", "4", "3", "2"] {
            history.step(Direction::Back, &mut current, memory.tick());
            memory.enforce(&mut [&mut history]);
            assert_eq!(number(&current), expected);
        }
        assert!(current.unloaded.is_some(), "page 2 has no body");
        assert!(history.body_bytes() <= memory.limit());
    }

    #[test]
    fn a_dropped_body_keeps_the_address_title_and_place() {
        let mut kept = page(7, 500);
        kept.title = Some("Seven".into());
        kept.top = crate::app::page::Position { line: 3, row: 1 };
        kept.cursor = 4;
        let freed = unload(&mut kept);
        assert!(freed >= 500);
        assert_eq!(body_bytes(&kept), 0);
        assert_eq!(number(&kept), "7");
        assert_eq!(kept.title.as_deref(), Some("Seven"));
        assert_eq!(
            kept.unloaded,
            Some(Place {
                cursor: 4,
                top: crate::app::page::Position { line: 3, row: 1 }
            })
        );
        assert!(!can_unload(&kept), "nothing is left to drop");
    }

    #[test]
    fn pages_that_cannot_be_fetched_again_are_never_dropped() {
        let help = Page::new(
            Location::Help,
            Content::Text(TextDoc::from_lines(["x".repeat(1000)])),
        );
        let mut history = History::default();
        let mut memory = PageMemory::new(1);
        history.push(help, memory.tick());
        memory.enforce(&mut [&mut history]);
        assert_eq!(history.unloaded_count(), 0);
    }
}
