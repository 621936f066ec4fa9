//! Splitting a piece of text into styled spans so that find matches stand out.

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use std::ops::Range;

/// `text` (which starts at byte `offset` of its line) as spans: `base` everywhere except the
/// parts inside `matches` (byte ranges of the whole line), which get `marked`.
pub fn marked_spans<'a>(
    text: &'a str,
    offset: usize,
    matches: &[Range<usize>],
    base: Style,
    marked: Style,
) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for found in matches {
        let start = found.start.saturating_sub(offset).min(text.len());
        let end = found.end.saturating_sub(offset).min(text.len());
        if end <= at || start >= end {
            continue;
        }
        let start = start.max(at);
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if start > at {
            spans.push(Span::styled(&text[at..start], base));
        }
        spans.push(Span::styled(&text[start..end], marked));
        at = end;
    }
    if at < text.len() || spans.is_empty() {
        spans.push(Span::styled(&text[at..], base));
    }
    spans
}

/// How the match being shown looks: the match style, bold and underlined, so it stands out
/// from the other matches in every theme (without colour too).
pub fn current_match_style(marked: Style) -> Style {
    marked.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// Gives the spans of `spans` (which start at byte `offset` of their line) that lie inside
/// `current` the `style` of the match being shown, so it stands out from the others.
pub fn emphasise_current<'a>(
    spans: Vec<Span<'a>>,
    offset: usize,
    current: Option<&Range<usize>>,
    marked: Style,
    style: Style,
) -> Vec<Span<'a>> {
    let Some(current) = current else {
        return spans;
    };
    let mut at = offset;
    spans
        .into_iter()
        .map(|span| {
            let range = at..at + span.content.len();
            at = range.end;
            if span.style == marked && current.start <= range.start && range.end <= current.end {
                Span::styled(span.content, style)
            } else {
                span
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_get_their_own_spans_and_the_rest_keeps_the_base_style() {
        let base = Style::new();
        let marked = Style::new().add_modifier(Modifier::REVERSED);
        let spans = marked_spans("say gopher twice gopher", 0, &[4..10, 17..23], base, marked);
        let parts: Vec<(&str, bool)> = spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == marked))
            .collect();
        assert_eq!(
            parts,
            vec![
                ("say ", false),
                ("gopher", true),
                (" twice ", false),
                ("gopher", true)
            ]
        );
    }

    #[test]
    fn a_row_that_starts_inside_a_match_marks_only_its_part() {
        let marked = Style::new().add_modifier(Modifier::BOLD);
        let one_match = [Range { start: 8, end: 14 }];
        let spans = marked_spans("pher end", 10, &one_match, Style::new(), marked);
        assert_eq!(spans[0].content, "pher");
        assert_eq!(spans[0].style, marked);
        assert_eq!(spans[1].content, " end");
    }

    #[test]
    fn the_current_match_gets_its_own_style() {
        let marked = Style::new().add_modifier(Modifier::REVERSED);
        let current = Style::new().add_modifier(Modifier::BOLD);
        let spans = marked_spans(
            "say gopher twice gopher",
            0,
            &[4..10, 17..23],
            Style::new(),
            marked,
        );
        let spans = emphasise_current(spans, 0, Some(&(17..23)), marked, current);
        let styles: Vec<Style> = spans.iter().map(|s| s.style).collect();
        assert_eq!(styles, [Style::new(), marked, Style::new(), current]);
    }
}
