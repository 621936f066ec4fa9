//! Finding text in the current page: the find prompt, `n` and `N`, and the match shown. A search
//! walks from a position to the first match and stops (see `find_text`), so typing into the
//! find prompt costs only as much as the distance to the next match; the whole count comes in
//! slices from `find_scan`; highlighting looks only at the lines on screen.

use super::Command;
use super::find_scan::MatchCount;
use super::find_text::{
    Match, case_sensitive, first_match_between, grouped, last_match_before, line_count, line_text,
};
use super::page::Page;
use super::{App, Prompt, PromptPurpose};

/// The find state while a query is active (typed into the prompt, or accepted with Enter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    pub query: String,
    /// The match shown, if the query was found.
    pub current: Option<Match>,
    /// Where the search started (line), so editing the query searches from there again.
    pub origin: usize,
    /// The ordinal (from 0) of `current` among the page's matches, when known.
    pub ordinal: Option<usize>,
    /// How far counting the matches has got.
    pub count: MatchCount,
    /// The wake token of the counting step asked for.
    pub wake: u64,
}

impl Find {
    /// `match 3 of 1,024` (`1,024+` while counting goes on), or how many were counted when
    /// the shown match's ordinal is not known.
    pub fn position(&self) -> String {
        let more = if self.count.done { "" } else { "+" };
        let total = grouped(self.count.total);
        match self.ordinal {
            Some(k) => format!("match {} of {total}{more}", grouped(k + 1)),
            None => format!("{total}{more} matches"),
        }
    }
}

/// The next match after `after` (or from the top of line `start` when `after` is `None`),
/// wrapping around the end of the page. Blocks that `index` knows to hold no match are
/// stepped over without reading them.
pub fn search_forward(
    page: &Page,
    query: &str,
    start: usize,
    after: Option<&Match>,
    index: Option<&MatchCount>,
) -> Option<Match> {
    let lines = line_count(page);
    if query.is_empty() || lines == 0 {
        return None;
    }
    let sensitive = case_sensitive(query);
    let (mut line, mut from) = match after {
        Some(m) => (m.line, m.range.start + 1),
        None => (start.min(lines - 1), 0),
    };
    // Lines read or stepped over; one more than the page so the first line is read again
    // from its start after wrapping.
    let mut visited = 0;
    while visited <= lines {
        if let Some(next) = index.and_then(|i| i.skip_forward(line)) {
            let next = next.min(lines);
            visited += next - line;
            (line, from) = (next % lines, 0);
            continue;
        }
        let hay = line_text(page, line)?;
        if let Some(range) = first_match_between(hay, query, from, hay.len(), sensitive) {
            return Some(Match { line, range });
        }
        visited += 1;
        (line, from) = ((line + 1) % lines, 0);
    }
    None
}

/// The match before `before`, wrapping around the top of the page, stepping over blocks that
/// `index` knows to hold no match.
pub fn search_backward(
    page: &Page,
    query: &str,
    before: &Match,
    index: Option<&MatchCount>,
) -> Option<Match> {
    let lines = line_count(page);
    if query.is_empty() || lines == 0 {
        return None;
    }
    let mut line = before.line.min(lines - 1);
    let mut limit = Some(before.range.start);
    let mut visited = 0;
    while visited <= lines {
        if limit.is_none()
            && let Some(first) = index.and_then(|i| i.skip_backward(line))
        {
            visited += line - first + 1;
            line = first.checked_sub(1).unwrap_or(lines - 1);
            continue;
        }
        let hay = line_text(page, line)?;
        if let Some(range) = last_match_before(hay, query, limit.unwrap_or(hay.len())) {
            return Some(Match { line, range });
        }
        visited += 1;
        line = line.checked_sub(1).unwrap_or(lines - 1);
        limit = None;
    }
    None
}

impl App {
    /// `/`: opens the find prompt; the page's find starts from the top of the screen.
    pub(super) fn start_find(&mut self) {
        let origin = match self.tab.page.menu() {
            Some(_) => self.tab.page.cursor.min(self.tab.page.top.line),
            None => self.tab.page.top.line,
        };
        self.tab.find = Some(Find {
            query: String::new(),
            current: None,
            origin,
            ordinal: None,
            count: MatchCount::default(),
            wake: 0,
        });
        self.open_prompt_with(Prompt::new(PromptPurpose::Find, ""));
    }

    /// The query was edited: count its matches again from the top of the page, showing the
    /// first at or after where the find started as soon as the count reaches it.
    pub(super) fn find_as_typed(&mut self, query: &str) -> Vec<Command> {
        self.next_wake += 1;
        let wake = self.next_wake;
        let Some(find) = self.tab.find.as_mut() else {
            return Vec::new();
        };
        find.query = query.to_owned();
        find.current = None;
        find.ordinal = None;
        find.count = MatchCount::default();
        find.wake = wake;
        if query.is_empty() {
            return Vec::new();
        }
        self.count_matches()
    }

    /// One slice of counting (see `find_scan`); asks to be woken for the next one.
    pub(super) fn count_matches(&mut self) -> Vec<Command> {
        let Some(find) = self.tab.find.as_mut() else {
            return Vec::new();
        };
        if find.count.done {
            return Vec::new();
        }
        let shown = find.count.step(&self.tab.page, &find.query, find.origin);
        let next = (!find.count.done).then_some(Command::WakeAfter {
            token: find.wake,
            after_ms: 0,
        });
        if let Some(shown) = shown {
            find.ordinal = shown.as_ref().map(|(_, ordinal)| *ordinal);
            find.current = shown.map(|(found, _)| found);
            self.show_current_match();
        }
        next.into_iter().collect()
    }

    /// Enter in the find prompt: keep the query and its highlights for n and N.
    pub(super) fn accept_find(&mut self) {
        match self.tab.find.as_ref() {
            Some(find) if find.query.is_empty() => self.tab.find = None,
            Some(find) if find.current.is_none() && find.count.done => {
                let query = find.query.clone();
                self.notify(format!("Not found: {query}"), true);
            }
            _ => {}
        }
    }

    /// Esc: the search ends and its highlights go.
    pub(super) fn end_find(&mut self) {
        self.tab.find = None;
    }

    /// n (forward) or N (backward): the next match, wrapping around the page.
    pub(super) fn find_again(&mut self, forward: bool) {
        let Some(find) = self.tab.find.as_ref() else {
            self.notify("No search: press / to find text in this page", false);
            return;
        };
        let Some(current) = find.current.clone() else {
            let query = find.query.clone();
            match find.count.done {
                true => self.notify(format!("Not found: {query}"), true),
                false => self.notify(format!("Still looking for {query}"), false),
            }
            return;
        };
        let index = Some(&find.count);
        let next = match forward {
            true => search_forward(&self.tab.page, &find.query, 0, Some(&current), index),
            false => search_backward(&self.tab.page, &find.query, &current, index),
        };
        let Some(next) = next else {
            let query = find.query.clone();
            self.notify(format!("Not found: {query}"), true);
            return;
        };
        let (at, was) = (
            (next.line, next.range.start),
            (current.line, current.range.start),
        );
        let wrapped = if forward { at <= was } else { at >= was };
        let ordinal = match (find.ordinal, forward, wrapped) {
            (_, true, true) => Some(0),
            (_, false, true) => find.count.done.then(|| find.count.total.saturating_sub(1)),
            (Some(k), true, false) => Some(k + 1),
            (Some(k), false, false) => k.checked_sub(1),
            (None, _, false) => None,
        };
        let mut position = String::new();
        if let Some(find) = self.tab.find.as_mut() {
            find.current = Some(next);
            find.ordinal = ordinal;
            position = find.position();
        }
        if wrapped {
            let end = if forward { "top" } else { "bottom" };
            self.notify(format!("Search wrapped to the {end}: {position}"), false);
        }
        self.show_current_match();
    }

    fn show_current_match(&mut self) {
        let Some(current) = self.tab.find.as_ref().and_then(|f| f.current.clone()) else {
            return;
        };
        let view = self.viewport();
        let row = line_text(&self.tab.page, current.line)
            .map(|text| {
                super::wrap::wrap_rows(text, view.width)
                    .iter()
                    .position(|r| r.contains(&current.range.start))
                    .unwrap_or(0)
            })
            .unwrap_or(0);
        let row = if self.tab.page.menu().is_some() {
            0
        } else {
            row
        };
        self.tab.page.follow_end = false;
        self.tab.page.reveal(current.line, row, view);
        self.reveal_columns(current.line, current.range);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Location;
    use crate::app::page::{Content, Page};
    use crate::gopher::TextDoc;

    fn text_page(lines: &[&str]) -> Page {
        Page::new(
            Location::Start,
            Content::Text(TextDoc::from_lines(lines.iter().copied())),
        )
    }

    #[test]
    fn searching_forward_finds_the_next_match_and_wraps() {
        let page = text_page(&["alpha", "beta gopher", "gamma", "gopher hole"]);
        let first = search_forward(&page, "gopher", 0, None, None).expect("found");
        assert_eq!(
            first,
            Match {
                line: 1,
                range: 5..11
            }
        );
        let second = search_forward(&page, "gopher", 0, Some(&first), None).expect("found");
        assert_eq!(
            second,
            Match {
                line: 3,
                range: 0..6
            }
        );
        let wrapped = search_forward(&page, "gopher", 0, Some(&second), None).expect("found");
        assert_eq!(wrapped, first);
        assert_eq!(search_forward(&page, "missing", 0, None, None), None);
    }

    #[test]
    fn searching_backward_finds_the_previous_match_and_wraps() {
        let page = text_page(&["gopher one", "two", "gopher three gopher"]);
        let last = Match {
            line: 2,
            range: 13..19,
        };
        let previous = search_backward(&page, "gopher", &last, None).expect("found");
        assert_eq!(
            previous,
            Match {
                line: 2,
                range: 0..6
            }
        );
        let first = search_backward(&page, "gopher", &previous, None).expect("found");
        assert_eq!(
            first,
            Match {
                line: 0,
                range: 0..6
            }
        );
        let wrapped = search_backward(&page, "gopher", &first, None).expect("found");
        assert_eq!(wrapped, last);
    }

    #[test]
    fn a_search_starts_at_the_line_asked_for() {
        let page = text_page(&["gopher", "x", "gopher"]);
        let found = search_forward(&page, "gopher", 1, None, None).expect("found");
        assert_eq!(found.line, 2);
    }
}
