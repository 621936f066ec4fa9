//! The text view: wraps only the lines on screen, starting from the page's top position (or,
//! with wrapping off, cuts each to the sideways window: `text_rows.rs`); on a filtered page,
//! only its kept lines, from the narrowed view's top.
//! Error pages use it too, with their first line styled as a headline.

use super::highlight::{current_match_style, emphasise_current, marked_spans};
use super::text_rows::{mark_continuation, shown_rows, text_area};
use super::theme::Theme;
use crate::app::App;
use crate::app::find_text::matches_in;
use crate::gopher::TextDoc;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

pub fn render_text(
    app: &App,
    doc: &TextDoc,
    headline_style: Option<Style>,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    if doc.line_count() == 0 && !super::menu_view::page_is_growing(app) {
        return super::menu_view::render_empty_note("(empty)", theme, frame, area);
    }
    if super::menu_view::render_nothing_kept(app, theme, frame, area) {
        return;
    }
    let page = &app.tab.page;
    let query = app
        .tab
        .find
        .as_ref()
        .map(|f| f.query.as_str())
        .filter(|q| !q.is_empty());
    // The reading column: `wrap_width` at most, centred by a margin when `center`.
    let column = app.text_column_in(usize::from(area.width));
    let links = super::text_links_view::TextLinkMarks::new(app, theme);
    let area = Rect {
        x: area.x + column.margin as u16,
        width: column.width.min(usize::from(area.width)) as u16,
        ..area
    };
    let width = usize::from(area.width);
    let rows = usize::from(area.height);
    let mut drawn = 0;
    // A filtered page shows only its kept lines, from the narrowed view's own top; each line
    // takes at least a row, so a screen needs at most `rows` of them.
    let (lines, mut skip_rows): (Vec<usize>, usize) = match app.tab.narrowed() {
        Some(narrowed) => (narrowed.lines_shown(rows).collect(), narrowed.top.row),
        None => (
            (page.top.line..doc.line_count()).take(rows).collect(),
            page.top.row,
        ),
    };
    for line_index in lines {
        if drawn >= rows || line_index >= doc.line_count() {
            break;
        }
        let text = doc.line(line_index);
        let style = match headline_style {
            Some(style) if line_index == 0 => style,
            _ => Style::new(),
        };
        let found = query.map(|q| matches_in(text, q)).unwrap_or_default();
        let current = app
            .tab
            .find
            .as_ref()
            .and_then(|f| f.current.as_ref())
            .filter(|m| m.line == line_index)
            .map(|m| m.range.clone());
        for shown in shown_rows(text, width, page.sideways)
            .into_iter()
            .skip(skip_rows)
        {
            if drawn == rows {
                break;
            }
            let row = Rect {
                y: area.y + drawn as u16,
                height: 1,
                ..area
            };
            let range = shown.range.clone();
            let start = range.start;
            let spans = marked_spans(
                &text[range.clone()],
                start,
                &found,
                style,
                theme.search_match,
            );
            let spans = emphasise_current(
                spans,
                start,
                current.as_ref(),
                theme.search_match,
                current_match_style(theme.search_match),
            );
            let spans = links.style_row(doc, line_index, spans, start, style);
            // With wrapping off a line is one row: its number shows wherever the window is.
            let numbered = match page.sideways {
                Some(_) => 0..text.len(),
                None => range.clone(),
            };
            if let Some(gutter) = links.gutter_span(doc, line_index, &numbered) {
                let at = Rect {
                    x: row.x - links.gutter as u16,
                    width: links.gutter as u16,
                    ..row
                };
                frame.render_widget(Line::from(gutter), at);
            }
            frame.render_widget(Line::from(spans), text_area(row, &shown));
            mark_continuation(&shown, theme, frame, row);
            drawn += 1;
        }
        skip_rows = 0;
    }
}
