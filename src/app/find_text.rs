//! Matching a find query in a page's lines: case-insensitive unless the query has a capital
//! letter ("smart case"), over menu display texts and text lines; the first match from a
//! position forward or backward (wrapping), and every match in one line for highlighting.
//! Pure functions over a page, shared by find, the match counter and the highlighter.

use super::page::{Content, Page};
use std::ops::Range;

/// A match: the line and the byte range within that line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub line: usize,
    pub range: Range<usize>,
}

/// `n` with commas between groups of three digits: `100,000`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
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

pub(super) fn case_sensitive(query: &str) -> bool {
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
    while let Some(range) = first_match_between(hay, query, at, hay.len(), sensitive) {
        at = range.end.max(range.start + 1);
        found.push(range);
    }
    found
}

/// The first match of `query` in `hay` starting at a byte in `from..to` (it may end after
/// `to`). Work is proportional to `to - from`, so a slice of a huge line costs only its size.
pub(super) fn first_match_between(
    hay: &str,
    query: &str,
    from: usize,
    to: usize,
    sensitive: bool,
) -> Option<Range<usize>> {
    let to = to.min(hay.len());
    if query.is_empty() || from >= to {
        return None;
    }
    let bytes = hay.as_bytes();
    if sensitive || query.is_ascii() {
        // Every match starts at the query's first byte (ASCII when folding case), so only
        // those bytes are tried: a fast loop over the slice.
        let needle = query.as_bytes();
        let first = needle[0];
        let (lower, upper) = if sensitive {
            (first, first)
        } else {
            (first.to_ascii_lowercase(), first.to_ascii_uppercase())
        };
        let mut at = from;
        while at < to {
            let offset = bytes[at..to]
                .iter()
                .position(|&b| b == lower || b == upper)?;
            at += offset;
            let candidate = bytes.get(at..at + needle.len());
            let hit = match candidate {
                Some(c) if sensitive => c == needle,
                Some(c) => c.eq_ignore_ascii_case(needle),
                None => return None,
            };
            if hit && hay.is_char_boundary(at) {
                return Some(at..at + needle.len());
            }
            at += 1;
        }
        return None;
    }
    (from..to)
        .filter(|&at| hay.is_char_boundary(at))
        .find_map(|at| match_len_at(hay, at, query, sensitive).map(|len| at..at + len))
}

/// The last match starting before byte `before` of `hay`.
/// (The same non-overlapping matches, left to right, that `matches_in` and the count see.)
pub fn last_match_before(hay: &str, query: &str, before: usize) -> Option<Range<usize>> {
    let sensitive = case_sensitive(query);
    let mut last = None;
    let mut at = 0;
    while let Some(range) = first_match_between(hay, query, at, before, sensitive) {
        at = range.end.max(range.start + 1);
        last = Some(range);
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
