//! Boxes drawn over the page: item info (a bordered, titled block in the middle of the content
//! area, sized to its lines), and the whole of a yes/no question too long for the status bar.
//! Long lines wrap rather than being cut, so a long URL or host is always shown in full before
//! the user answers; a wrapped `Label:  value` line continues under its value.

use super::theme::Theme;
use crate::app::info::Overlay;
use crate::app::wrap::wrap_rows;
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
    render_box(
        &sanitize(&overlay.title),
        &lines,
        theme,
        frame,
        area,
        Place::Middle,
    );
}

/// The whole question, above the status bar, when it is wider than the screen.
pub fn render_long_question(question: &str, theme: &Theme, frame: &mut Frame, area: Rect) {
    let question = sanitize(question);
    if question.width() <= usize::from(area.width) {
        return;
    }
    let lines = [question, String::new(), "Answer y or n.".to_owned()];
    render_box("Confirm", &lines, theme, frame, area, Place::Bottom);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Middle,
    Bottom,
}

/// Draws `lines` in a bordered box inside `area`, wrapping each to the box's width.
fn render_box(
    title: &str,
    lines: &[String],
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    place: Place,
) {
    let widest = lines.iter().map(|l| l.width()).max().unwrap_or(0);
    let width = (widest + 4).min(usize::from(area.width)) as u16;
    let inner = usize::from(width.saturating_sub(4)).max(1);
    let shown: Vec<Line> = lines
        .iter()
        .flat_map(|l| wrap_with_hanging_indent(l, inner))
        .map(Line::raw)
        .collect();
    let height = (shown.len() + 2).min(usize::from(area.height)) as u16;
    let y = match place {
        Place::Middle => area.y + (area.height - height) / 2,
        Place::Bottom => area.y + area.height - height,
    };
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y,
        width,
        height,
    };
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

/// `line` in rows of at most `width` columns. A `Label:   value` line continues under the
/// value's first column (when that leaves room), so long values stay readable.
pub fn wrap_with_hanging_indent(line: &str, width: usize) -> Vec<String> {
    if line.width() <= width {
        return vec![line.to_owned()];
    }
    let indent = line
        .find(":  ")
        .filter(|&colon| colon < 16)
        .map(|colon| colon + 1 + line[colon + 1..].len() - line[colon + 1..].trim_start().len())
        .filter(|&indent| indent * 2 < width)
        .unwrap_or(0);
    let first_rows = wrap_rows(line, width);
    let first = first_rows.first().cloned().unwrap_or(0..line.len());
    let mut rows = vec![line[first.clone()].to_owned()];
    let rest = &line[first.end..];
    let pad = " ".repeat(indent);
    for range in wrap_rows(rest, width - indent) {
        rows.push(format!("{pad}{}", &rest[range]));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_wrap_under_their_first_column_and_nothing_is_lost() {
        let url = format!(
            "https://www.bank.example.com{}@evil.example/steal",
            ".".repeat(90)
        );
        let line = format!("URL:       {url}");
        let rows = wrap_with_hanging_indent(&line, 40);
        assert!(rows.iter().all(|r| r.width() <= 40), "{rows:#?}");
        assert!(rows[1..].iter().all(|r| r.starts_with("           ")));
        let joined: String = std::iter::once(rows[0].as_str())
            .chain(rows[1..].iter().map(|r| r.trim_start()))
            .collect();
        assert_eq!(joined, line);
        assert!(
            rows.last()
                .is_some_and(|r| r.ends_with("@evil.example/steal"))
        );
    }

    #[test]
    fn a_line_without_a_label_wraps_from_the_left_and_short_lines_stay_whole() {
        assert_eq!(wrap_with_hanging_indent("short", 10), ["short"]);
        assert_eq!(
            wrap_with_hanging_indent("abcdefghij", 4),
            ["abcd", "efgh", "ij"]
        );
    }
}
