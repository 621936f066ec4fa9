//! The URLs of a text page as the text view draws them: each in the link style (a gopher one
//! to a page in the history in the visited style, one set lookup per link drawn), the selected
//! one (`]`, `[`) in the selected style, and, while `#` numbers links, a gutter left of the
//! reading column giving on each row the number of the first link that starts there (`+`
//! when more start on the same row: they carry on from it). The gutter is outside the
//! reading column, so numbers never change how the text wraps. Find matches keep their
//! style inside a link; only the selection is drawn over them.

use super::theme::Theme;
use crate::app::App;
use crate::app::visited::VisitedPages;
use crate::gopher::text_links::TextLink;
use crate::gopher::{GopherUrl, TextDoc};
use ratatui::style::Style;
use ratatui::text::Span;
use std::borrow::Cow;
use std::ops::Range;

/// What the text view needs for the links of one frame.
pub struct TextLinkMarks<'a> {
    selected: Option<usize>,
    visited_pages: &'a VisitedPages,
    link: Style,
    visited: Style,
    chosen: Style,
    number: Style,
    /// The gutter's width in columns (0: numbers hidden).
    pub gutter: usize,
}

impl<'a> TextLinkMarks<'a> {
    pub fn new(app: &'a App, theme: &Theme) -> TextLinkMarks<'a> {
        TextLinkMarks {
            selected: app.tab.page.selected_link,
            visited_pages: &app.visited,
            link: theme.link,
            visited: theme.visited,
            chosen: theme.selected,
            number: theme.link_number,
            gutter: app.link_gutter(),
        }
    }

    /// `spans` (the row of `line` that starts at byte `offset`, in `base` style where
    /// nothing else marks it) with the links on it styled.
    pub fn style_row<'s>(
        &self,
        doc: &TextDoc,
        line: usize,
        spans: Vec<Span<'s>>,
        offset: usize,
        base: Style,
    ) -> Vec<Span<'s>> {
        let links = doc.links_on(line);
        if links.is_empty() {
            return spans;
        }
        let first = first_index(doc, line);
        let styled: Vec<(Range<usize>, Style, bool)> = links
            .iter()
            .enumerate()
            .map(|(k, link)| {
                let selected = self.selected == Some(first + k);
                let style = if selected {
                    self.chosen
                } else if self.is_visited(doc.link_text(link)) {
                    self.visited
                } else {
                    self.link
                };
                (link.range(), style, selected)
            })
            .collect();
        style_links(spans, offset, &styled, |style, link, selected| {
            if selected {
                style.patch(link)
            } else if style == base {
                base.patch(link)
            } else {
                style
            }
        })
    }

    /// Whether `url` is a gopher URL of a page in the history.
    fn is_visited(&self, url: &str) -> bool {
        !self.visited_pages.is_empty()
            && url.starts_with(['g', 'G', 'f', 'F'])
            && GopherUrl::parse(url).is_ok_and(|url| self.visited_pages.contains(&url))
    }

    /// The gutter of the row `row` (byte range) of `line`, while numbers show.
    pub fn gutter_span(
        &self,
        doc: &TextDoc,
        line: usize,
        row: &Range<usize>,
    ) -> Option<Span<'static>> {
        if self.gutter == 0 {
            return None;
        }
        Some(Span::styled(
            gutter_label(doc.links_on(line), first_index(doc, line), row, self.gutter),
            self.number,
        ))
    }
}

/// The index in `doc.links()` of the first link on `line`.
fn first_index(doc: &TextDoc, line: usize) -> usize {
    doc.links().partition_point(|l| (l.line as usize) < line)
}

/// `  3+ `: the number of the first of `links` (the links of a line, the first being link
/// `first + 1`) that starts in `row`, `+` when another starts there too, in `gutter` columns.
pub fn gutter_label(links: &[TextLink], first: usize, row: &Range<usize>, gutter: usize) -> String {
    let mut starting = links
        .iter()
        .enumerate()
        .filter(|(_, link)| row.contains(&usize::from(link.start)));
    let width = gutter.saturating_sub(2);
    match starting.next() {
        None => " ".repeat(gutter),
        Some((k, _)) => {
            let more = if starting.next().is_some() { "+" } else { " " };
            format!("{:>width$}{more} ", first + k + 1)
        }
    }
}

/// Splits `spans` (starting at byte `offset` of their line) where the `links` (byte ranges
/// of the line, each with its style and whether it is selected) start and end, and restyles
/// the parts inside a link with `restyle` (given the part's style, the link's and whether it
/// is selected). A range that does not fall on character boundaries is left as it is.
fn style_links<'a>(
    spans: Vec<Span<'a>>,
    offset: usize,
    links: &[(Range<usize>, Style, bool)],
    restyle: impl Fn(Style, Style, bool) -> Style,
) -> Vec<Span<'a>> {
    let mut out = Vec::with_capacity(spans.len() + 2);
    let mut at = offset;
    for span in spans {
        let (start, end) = (at, at + span.content.len());
        at = end;
        let mut cut = start;
        for (range, link_style, selected) in links {
            let (from, to) = (range.start.max(cut), range.end.min(end));
            if from >= to
                || !span.content.is_char_boundary(from - start)
                || !span.content.is_char_boundary(to - start)
            {
                continue;
            }
            if from > cut {
                out.push(Span::styled(
                    piece(&span.content, cut - start..from - start),
                    span.style,
                ));
            }
            out.push(Span::styled(
                piece(&span.content, from - start..to - start),
                restyle(span.style, *link_style, *selected),
            ));
            cut = to;
        }
        if cut == start {
            out.push(span);
        } else if cut < end {
            out.push(Span::styled(
                piece(&span.content, cut - start..end - start),
                span.style,
            ));
        }
    }
    out
}

fn piece<'a>(content: &Cow<'a, str>, range: Range<usize>) -> Cow<'a, str> {
    match content {
        Cow::Borrowed(text) => Cow::Borrowed(&text[range]),
        Cow::Owned(text) => Cow::Owned(text[range].to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn a_link_across_spans_is_restyled_piece_by_piece_and_the_rest_keeps_its_style() {
        let marked = Style::new().add_modifier(Modifier::BOLD);
        // "see gopher://x/ now" from byte 10: the find match `her` is its own span.
        let spans = vec![
            Span::raw("see gop"),
            Span::styled("her", marked),
            Span::raw("://x/ now"),
        ];
        let link = Style::new().add_modifier(Modifier::UNDERLINED);
        let out = style_links(spans, 10, &[(14..25, link, false)], |style, link, _| {
            if style == Style::new() { link } else { style }
        });
        let parts: Vec<(&str, Style)> = out.iter().map(|s| (s.content.as_ref(), s.style)).collect();
        assert_eq!(
            parts,
            [
                ("see ", Style::new()),
                ("gop", link),
                ("her", marked),
                ("://x/", link),
                (" now", Style::new()),
            ]
        );
    }

    #[test]
    fn the_gutter_names_the_first_link_starting_on_a_row_and_marks_more() {
        let doc = TextDoc::from_lines(["gopher://a/ gopher://b/", "x https://c/"]);
        let links = doc.links_on(0);
        assert_eq!(gutter_label(links, 0, &(0..24), 4), " 1+ ");
        assert_eq!(gutter_label(links, 0, &(12..24), 4), " 2  ");
        assert_eq!(gutter_label(doc.links_on(1), 2, &(0..12), 4), " 3  ");
        assert_eq!(gutter_label(doc.links_on(1), 2, &(5..12), 4), "    ");
    }
}
