//! A box drawn over the page (item info): a bordered, titled block in the middle of the
//! content area, sized to its lines, each line cut to fit.

use super::theme::Theme;
use crate::app::info::Overlay;
use crate::app::wrap::fit_width;
use crate::gopher::sanitize;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn render_overlay(overlay: &Overlay, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lines: Vec<String> = overlay
        .lines
        .iter()
        .map(|l| sanitize(l))
        .chain(std::iter::once(String::new()))
        .chain(std::iter::once("Press any key to close.".to_owned()))
        .collect();
    let widest = lines.iter().map(|l| l.width()).max().unwrap_or(0);
    let width = (widest + 4).min(usize::from(area.width)) as u16;
    let height = (lines.len() + 2).min(usize::from(area.height)) as u16;
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let inner = usize::from(width.saturating_sub(4));
    let shown: Vec<Line> = lines
        .iter()
        .map(|l| Line::raw(fit_width(l, inner).to_owned()))
        .collect();
    let title = sanitize(&overlay.title);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .padding(Padding::horizontal(1))
        .style(theme.overlay);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(shown).block(block).style(theme.overlay),
        rect,
    );
}
