//! The text view: wraps only the lines on screen, starting from the page's top position.
//! Error pages use it too, with their first line styled as a headline.

use crate::app::page::Page;
use crate::app::wrap::wrap_rows;
use crate::gopher::TextDoc;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

pub fn render_text(
    doc: &TextDoc,
    page: &Page,
    headline_style: Option<Style>,
    frame: &mut Frame,
    area: Rect,
) {
    let width = usize::from(area.width);
    let rows = usize::from(area.height);
    let mut drawn = 0;
    let mut line_index = page.top.line;
    let mut skip_rows = page.top.row;
    while drawn < rows && line_index < doc.line_count() {
        let text = doc.line(line_index);
        let style = match headline_style {
            Some(style) if line_index == 0 => style,
            _ => Style::new(),
        };
        for range in wrap_rows(text, width).into_iter().skip(skip_rows) {
            if drawn == rows {
                break;
            }
            let row = Rect {
                y: area.y + drawn as u16,
                height: 1,
                ..area
            };
            frame.render_widget(Line::styled(&text[range], style), row);
            drawn += 1;
        }
        skip_rows = 0;
        line_index += 1;
    }
}
