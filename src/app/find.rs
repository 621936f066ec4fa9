//! Finding text in the current page: case-insensitive unless the query has a capital letter
//! ("smart case"), over menu display texts and text lines. A search walks from a position to
//! the first match and stops, so typing into the find prompt costs only as much as the
//! distance to the next match; highlighting looks only at the lines on screen.

use super::page::{Content, Page};
use super::{App, Prompt, PromptPurpose};
use std::ops::Range;

/// A match: the line and the byte range within that line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub line: usize,
    pub range: Range<usize>,
}

/// The find state while a query is active (typed into the prompt, or accepted with Enter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    pub query: String,
    /// The match shown, if the query was found.
    pub current: Option<Match>,
    /// Where the search started (line), so editing the query searches from there again.
    pub origin: usize,
}

/// The searchable text of a line of the page: a menu item's display text or a text line.
pub fn line_text(page: &Page, line: usize) -> Option<&str> {
    match &page.content {
        Content::Menu(menu) => menu.item(line).map(|item| item.display),
        Content::Text(doc) | Content::Error { details: doc, .. } => {
            (line < doc.line_count()).then(|| doc.line(line))
        }
    }
}

pub fn line_count(page: &Page) -> usize {
    match &page.content {
        Content::Menu(menu) => menu.len(),
        Content::Text(doc) | Content::Error { details: doc, .. } => doc.line_count(),
    }
}

fn case_sensitive(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Whether `needle` matches `hay` at byte `at`; the byte length matched in `hay`.
fn match_len_at(hay: &str, at: usize, needle: &str, sensitive: bool) -> Option<usize> {
    let rest = &hay[at..];
    if sensitive {
        return rest.starts_with(needle).then_some(needle.len());
    }
    if needle.is_ascii() {
        let n = needle.len();
        let candidate = rest.as_bytes().get(..n)?;
        return candidate
            .eq_ignore_ascii_case(needle.as_bytes())
            .then_some(n);
    }
    let mut hay_chars = rest.char_indices();
    for wanted in needle.chars() {
        let (_, found) = hay_chars.next()?;
        if fold(found) != fold(wanted) {
            return None;
        }
    }
    Some(hay_chars.next().map_or(rest.len(), |(end, _)| end))
}

/// Every match of `query` in `hay`, left to right, not overlapping.
pub fn matches_in(hay: &str, query: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    if query.is_empty() {
        return found;
    }
    let sensitive = case_sensitive(query);
    let mut at = 0;
    while at < hay.len() {
        if hay.is_char_boundary(at)
            && let Some(len) = match_len_at(hay, at, query, sensitive)
        {
            found.push(at..at + len);
            at += len.max(1);
        } else {
            at += 1;
        }
    }
    found
}

/// The first match at or after byte `from` of `hay`.
fn first_match_from(hay: &str, query: &str, from: usize) -> Option<Range<usize>> {
    let sensitive = case_sensitive(query);
    (from..hay.len())
        .filter(|&at| hay.is_char_boundary(at))
        .find_map(|at| match_len_at(hay, at, query, sensitive).map(|len| at..at + len))
}

/// The last match starting before byte `before` of `hay`.
fn last_match_before(hay: &str, query: &str, before: usize) -> Option<Range<usize>> {
    let sensitive = case_sensitive(query);
    (0..before.min(hay.len()))
        .rev()
        .filter(|&at| hay.is_char_boundary(at))
        .find_map(|at| match_len_at(hay, at, query, sensitive).map(|len| at..at + len))
}

/// The next match after `after` (or from the top of line `start` when `after` is `None`),
/// wrapping around the end of the page.
pub fn search_forward(
    page: &Page,
    query: &str,
    start: usize,
    after: Option<&Match>,
) -> Option<Match> {
    let lines = line_count(page);
    if query.is_empty() || lines == 0 {
        return None;
    }
    let (first_line, first_from) = match after {
        Some(m) => (m.line, m.range.start + 1),
        None => (start.min(lines - 1), 0),
    };
    for step in 0..=lines {
        let line = (first_line + step) % lines;
        let from = if step == 0 { first_from } else { 0 };
        let hay = line_text(page, line)?;
        if let Some(range) = first_match_from(hay, query, from) {
            return Some(Match { line, range });
        }
    }
    None
}

/// The match before `before`, wrapping around the top of the page.
pub fn search_backward(page: &Page, query: &str, before: &Match) -> Option<Match> {
    let lines = line_count(page);
    if query.is_empty() || lines == 0 {
        return None;
    }
    for step in 0..=lines {
        let line = (before.line + lines - step % lines) % lines;
        let hay = line_text(page, line)?;
        let limit = if step == 0 {
            before.range.start
        } else {
            hay.len()
        };
        if let Some(range) = last_match_before(hay, query, limit) {
            return Some(Match { line, range });
        }
    }
    None
}

impl App {
    /// `/`: opens the find prompt; the page's find starts from the top of the screen.
    pub(super) fn start_find(&mut self) {
        let origin = match self.page.menu() {
            Some(_) => self.page.cursor.min(self.page.top.line),
            None => self.page.top.line,
        };
        self.find = Some(Find {
            query: String::new(),
            current: None,
            origin,
        });
        self.prompt = Some(Prompt::new(PromptPurpose::Find, ""));
    }

    /// The query was edited: search again from where the find started.
    pub(super) fn find_as_typed(&mut self, query: &str) {
        let Some(find) = self.find.as_mut() else {
            return;
        };
        find.query = query.to_owned();
        find.current = search_forward(&self.page, query, find.origin, None);
        self.show_current_match();
    }

    /// Enter in the find prompt: keep the query and its highlights for n and N.
    pub(super) fn accept_find(&mut self) {
        match self.find.as_ref() {
            Some(find) if find.query.is_empty() => self.find = None,
            Some(find) if find.current.is_none() => {
                let query = find.query.clone();
                self.notify(format!("Not found: {query}"), true);
            }
            _ => {}
        }
    }

    /// Esc: the search ends and its highlights go.
    pub(super) fn end_find(&mut self) {
        self.find = None;
    }

    /// n (forward) or N (backward): the next match, wrapping around the page.
    pub(super) fn find_again(&mut self, forward: bool) {
        let Some(find) = self.find.as_ref() else {
            self.notify("No search: press / to find text in this page", false);
            return;
        };
        let next = match (&find.current, forward) {
            (Some(current), true) => search_forward(&self.page, &find.query, 0, Some(current)),
            (Some(current), false) => search_backward(&self.page, &find.query, current),
            (None, _) => search_forward(&self.page, &find.query, 0, None),
        };
        let wrapped = match (&find.current, &next) {
            (Some(current), Some(next)) => {
                (next.line, next.range.start) <= (current.line, current.range.start) && forward
                    || (next.line, next.range.start) >= (current.line, current.range.start)
                        && !forward
            }
            _ => false,
        };
        let query = find.query.clone();
        if let Some(find) = self.find.as_mut() {
            find.current = next.clone();
        }
        match next {
            None => self.notify(format!("Not found: {query}"), true),
            Some(_) if wrapped => {
                let end = if forward { "top" } else { "bottom" };
                self.notify(format!("Search wrapped to the {end}"), false);
            }
            Some(_) => {}
        }
        self.show_current_match();
    }

    fn show_current_match(&mut self) {
        let Some(current) = self.find.as_ref().and_then(|f| f.current.clone()) else {
            return;
        };
        let view = self.viewport();
        let row = line_text(&self.page, current.line)
            .map(|text| {
                super::wrap::wrap_rows(text, view.width)
                    .iter()
                    .position(|r| r.contains(&current.range.start))
                    .unwrap_or(0)
            })
            .unwrap_or(0);
        let row = if self.page.menu().is_some() { 0 } else { row };
        self.page.follow_end = false;
        self.page.reveal(current.line, row, view);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::page::Location;
    use crate::gopher::TextDoc;

    fn text_page(lines: &[&str]) -> Page {
        Page::new(
            Location::Start,
            Content::Text(TextDoc::from_lines(lines.iter().copied())),
        )
    }

    #[test]
    fn lower_case_queries_ignore_case_and_capitals_do_not() {
        assert_eq!(matches_in("Gopher gopher GOPHER", "gopher").len(), 3);
        assert_eq!(
            matches_in("Gopher gopher GOPHER", "Gopher"),
            vec![Range { start: 0, end: 6 }]
        );
        assert_eq!(
            matches_in("Straße STRASSE", "straße"),
            vec![Range { start: 0, end: 7 }]
        );
        assert_eq!(matches_in("ÉCOLE école", "école"), vec![0..6, 7..13]);
        assert!(matches_in("anything", "").is_empty());
    }

    #[test]
    fn searching_forward_finds_the_next_match_and_wraps() {
        let page = text_page(&["alpha", "beta gopher", "gamma", "gopher hole"]);
        let first = search_forward(&page, "gopher", 0, None).expect("found");
        assert_eq!(
            first,
            Match {
                line: 1,
                range: 5..11
            }
        );
        let second = search_forward(&page, "gopher", 0, Some(&first)).expect("found");
        assert_eq!(
            second,
            Match {
                line: 3,
                range: 0..6
            }
        );
        let wrapped = search_forward(&page, "gopher", 0, Some(&second)).expect("found");
        assert_eq!(wrapped, first);
        assert_eq!(search_forward(&page, "missing", 0, None), None);
    }

    #[test]
    fn searching_backward_finds_the_previous_match_and_wraps() {
        let page = text_page(&["gopher one", "two", "gopher three gopher"]);
        let last = Match {
            line: 2,
            range: 13..19,
        };
        let previous = search_backward(&page, "gopher", &last).expect("found");
        assert_eq!(
            previous,
            Match {
                line: 2,
                range: 0..6
            }
        );
        let first = search_backward(&page, "gopher", &previous).expect("found");
        assert_eq!(
            first,
            Match {
                line: 0,
                range: 0..6
            }
        );
        let wrapped = search_backward(&page, "gopher", &first).expect("found");
        assert_eq!(wrapped, last);
    }

    #[test]
    fn a_search_starts_at_the_line_asked_for() {
        let page = text_page(&["gopher", "x", "gopher"]);
        let found = search_forward(&page, "gopher", 1, None).expect("found");
        assert_eq!(found.line, 2);
    }
}
