//! The menu view: one row per menu line, a type label column, the cursor row highlighted. Only
//! the visible window is built each frame.

use super::theme::Theme;
use crate::app::page::Page;
use crate::app::wrap::fit_width;
use crate::gopher::{ItemKind, Menu, MenuItem};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Width of the label column, including the space after it.
pub const LABEL_WIDTH: usize = 7;

/// A menu line as plain text: the label right-aligned in its column, then the display text.
/// Used on screen and by `--print`.
pub fn menu_line_text(item: &MenuItem<'_>) -> String {
    format!("{:>6} {}", item.item_type.label(), item.display)
}

pub fn render_menu(menu: &Menu, page: &Page, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    let rows = usize::from(area.height);
    for (offset, index) in (page.top.line..menu.len()).take(rows).enumerate() {
        let Some(item) = menu.item(index) else { break };
        let (label_style, text_style) = match item.item_type.kind() {
            ItemKind::Info => (theme.info, theme.info),
            ItemKind::Error => (theme.label_error, theme.error_line),
            _ => (theme.label_link, theme.link),
        };
        let label = format!("{:>6} ", item.item_type.label());
        let text_width = width.saturating_sub(LABEL_WIDTH);
        let line = Line::from(vec![
            Span::styled(label, label_style),
            Span::styled(fit_width(item.display, text_width), text_style),
        ]);
        let row = Rect {
            y: area.y + offset as u16,
            height: 1,
            ..area
        };
        if index == page.cursor && item.is_selectable() {
            frame.buffer_mut().set_style(row, theme.selected);
        }
        frame.render_widget(line, row);
    }
}
