//! Drawing an open prompt: its row in the status bar, and above it the message about the last
//! key (why an address was refused, that the prompt is full) and the completions offered.
//!
//! Only the graphemes that fit are looked at, so a prompt holding 64 KiB draws as fast as one
//! holding a word. When the text is wider than the row, the part around the cursor is shown
//! and `…` marks each side where text is scrolled out of sight.

use super::theme::Theme;
use crate::app::wrap::{fit_width, wrap_rows};
use crate::app::{App, Prompt};
use crate::gopher::sanitize;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The most rows a message above the prompt takes.
const MAX_MESSAGE_ROWS: usize = 4;

/// Marks a side of the prompt where text is out of sight.
pub const SCROLL_MARK: &str = "…";

/// What of the prompt's text fits in `room` columns: the shown text, whether text is hidden
/// on the left and on the right, and the cursor's column within the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptWindow<'a> {
    pub hidden_before: bool,
    pub shown: &'a str,
    pub hidden_after: bool,
    pub cursor_column: usize,
}

/// Where the text before `cursor` starts so that it takes at most `room` columns, and its width.
fn start_within(text: &str, cursor: usize, room: usize) -> (usize, usize) {
    let mut start = cursor;
    let mut width = 0;
    for (at, grapheme) in text[..cursor].grapheme_indices(true).rev() {
        let w = grapheme.width();
        if width + w > room {
            break;
        }
        width += w;
        start = at;
    }
    (start, width)
}

/// The part of `text` around `cursor` (a byte offset on a grapheme boundary) that fits in
/// `room` columns: the grapheme under the cursor (or a free cell at the end) always shows, and
/// each side where text is hidden takes a column for its mark.
pub fn prompt_window(text: &str, cursor: usize, room: usize) -> PromptWindow<'_> {
    let mut after = text[cursor..].graphemes(true);
    let under_cursor = after.next().map_or(1, |g| g.width().max(1));
    let more_after = after.next().is_some();
    let right = under_cursor + usize::from(more_after);
    let (mut start, mut before_width) = start_within(text, cursor, room.saturating_sub(right));
    let hidden_before = start > 0;
    if hidden_before {
        (start, before_width) = start_within(text, cursor, room.saturating_sub(right + 1));
    }
    let mark = usize::from(hidden_before);
    let left = room.saturating_sub(mark + before_width);
    let after = &text[cursor..];
    let mut end = cursor;
    let mut used = 0;
    let mut hidden_after = false;
    for (at, grapheme) in after.grapheme_indices(true) {
        let w = grapheme.width();
        // Keep a column for the right mark unless this grapheme is the last.
        let last = at + grapheme.len() == after.len();
        let limit = if last { left } else { left.saturating_sub(1) };
        if used + w > limit {
            hidden_after = true;
            break;
        }
        used += w;
        end = cursor + at + grapheme.len();
    }
    PromptWindow {
        hidden_before,
        shown: &text[start..end],
        hidden_after,
        cursor_column: mark + before_width,
    }
}

/// The fewest columns a long label leaves to the text (when the text needs them): a third of
/// the row, and never fewer than this.
const MIN_TEXT_COLUMNS: usize = 12;

/// `label` (such as `Search gopher.floodgap.com/v2/vs: `) fitted to a row `width` columns
/// wide beside a text `text_width` wide: whole when both fit; else cut with `…` (keeping its
/// closing `:`) so the text keeps at least a third of the row (or [`MIN_TEXT_COLUMNS`]),
/// though the label never shrinks below half the row. It always ends with a space.
pub fn fit_label(label: &str, text_width: usize, width: usize) -> String {
    let core = label.trim_end();
    // The text's cells, and one for the cursor after it.
    let text_min = (text_width + 1).min(MIN_TEXT_COLUMNS.max(width / 3));
    let room = width.saturating_sub(text_min).max(width / 2);
    if core.width() < room {
        return format!("{core} ");
    }
    // Room for the cut label, its `…` (and `:`) and the space.
    let (body, colon) = match core.strip_suffix(':') {
        Some(body) => (body, ":"),
        None => (core, ""),
    };
    let marks = SCROLL_MARK.width() + colon.len() + 1;
    if room <= marks {
        return fit_width(core, room.saturating_sub(1)).to_owned() + " ";
    }
    let kept = fit_width(body, room - marks).trim_end();
    format!("{kept}{SCROLL_MARK}{colon} ")
}

/// The prompt's row: label, the visible text with its marks, and the terminal cursor.
pub fn render_prompt(prompt: &Prompt, label: &str, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    let text = prompt.editor.text();
    // Only the width matters, and only up to the row's: a 64 KiB text is not measured whole.
    let text_width = fit_width(text, width).width();
    let label = fit_label(label, text_width, width);
    let room = width.saturating_sub(label.width());
    let window = prompt_window(text, prompt.editor.cursor(), room);
    let mark = |hidden: bool| if hidden { SCROLL_MARK } else { "" };
    let x = label.width() + window.cursor_column;
    let line = Line::from(vec![
        Span::raw(label),
        Span::styled(mark(window.hidden_before), theme.label_link),
        Span::raw(window.shown),
        Span::styled(mark(window.hidden_after), theme.label_link),
    ])
    .style(theme.status_bar);
    frame.buffer_mut().set_style(area, theme.status_bar);
    frame.render_widget(line, area);
    frame.set_cursor_position(Position::new(
        area.x + x.min(width.saturating_sub(1)) as u16,
        area.y,
    ));
}

/// Above the prompt's row, over the bottom of the page: the message about the last key, and
/// the completions offered (the one Tab chose highlighted).
pub fn render_prompt_extras(
    app: &App,
    prompt: &Prompt,
    theme: &Theme,
    frame: &mut Frame,
    body: Rect,
) {
    let width = usize::from(body.width);
    let mut rows: Vec<(String, ratatui::style::Style)> = Vec::new();
    for (i, candidate) in prompt.completion.matches.iter().enumerate() {
        let address = sanitize(&candidate.address);
        let title = sanitize(&candidate.title);
        // History titles default to the address itself: say it once.
        let text = if title.is_empty() || title == address {
            format!(" {address}")
        } else {
            format!(" {address}  {title}")
        };
        let style = if prompt.completion.chosen == Some(i) {
            theme.selected
        } else {
            theme.overlay
        };
        rows.push((text, style));
    }
    if !rows.is_empty() {
        rows.push((
            " Tab, Shift-Tab: choose a completion".to_owned(),
            theme.overlay,
        ));
    }
    if let Some(notice) = &app.notice {
        let style = if notice.is_error {
            theme.status_error
        } else {
            theme.status_bar
        };
        // The whole message, on as many rows as it needs (at most a few).
        for range in wrap_rows(&notice.text, width)
            .into_iter()
            .take(MAX_MESSAGE_ROWS)
        {
            rows.push((notice.text[range].to_owned(), style));
        }
    }
    let shown = rows.len().min(usize::from(body.height));
    for (offset, (text, style)) in rows[rows.len() - shown..].iter().enumerate() {
        let y = body.y + body.height - shown as u16 + offset as u16;
        let area = Rect::new(body.x, y, body.width, 1);
        frame.render_widget(Clear, area);
        frame.buffer_mut().set_style(area, *style);
        frame.render_widget(
            Line::styled(fit_width(text, width).to_owned(), *style),
            area,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(text: &str, cursor: usize, room: usize) -> String {
        let w = prompt_window(text, cursor, room);
        format!(
            "{}{}{}",
            if w.hidden_before { "<" } else { "" },
            w.shown,
            if w.hidden_after { ">" } else { "" }
        )
    }

    #[test]
    fn text_that_fits_is_shown_whole_with_no_marks() {
        assert_eq!(view("gopher://a/", 11, 20), "gopher://a/");
        assert_eq!(prompt_window("abc", 3, 20).cursor_column, 3);
    }

    #[test]
    fn text_scrolled_out_is_marked_on_the_side_where_it_is_hidden() {
        let text = "0123456789abcdefghij";
        // Cursor at the end: the end shows, the start is hidden.
        let end = prompt_window(text, text.len(), 10);
        assert_eq!(view(text, text.len(), 10), "<cdefghij");
        assert_eq!(end.cursor_column, 9, "the cursor sits after the text");
        // Cursor at the start: the start shows, the end is hidden.
        assert_eq!(view(text, 0, 10), "012345678>");
        // In the middle: both marks, and the character under the cursor shows.
        let middle = prompt_window(text, 15, 10);
        assert_eq!(view(text, 15, 10), "<89abcdef>");
        assert_eq!(&middle.shown[middle.cursor_column - 1..][..1], "f");
    }

    #[test]
    fn wide_characters_and_accents_are_never_cut() {
        let text = "\u{4e2d}\u{6587}e\u{301}\u{4e2d}\u{6587}";
        for cursor in [0, 3, 6, 9, text.len()] {
            if !text.is_char_boundary(cursor) {
                continue;
            }
            let w = prompt_window(text, cursor, 6);
            assert!(w.shown.width() + usize::from(w.hidden_before) <= 6);
            assert!(!w.shown.starts_with('\u{301}'));
        }
    }

    #[test]
    fn a_label_takes_what_it_needs_and_is_cut_with_a_mark_only_when_the_text_needs_room() {
        let label = "Filter (303 of 3,040 lines): ";
        assert_eq!(fit_label(label, 7, 40), label, "37 columns in 40: whole");
        assert_eq!(fit_label(label, 7, 50), label);
        let search = "Search gopher.floodgap.com/v2/vs: ";
        let cut = fit_label(search, "some words".len(), 40);
        assert_eq!(cut, "Search gopher.floodgap.com\u{2026}: ");
        assert_eq!(
            cut.width() + "some words".len() + 1,
            40,
            "the text and cursor fit"
        );
        // A long text keeps a third of the row; the label is cut, never run into the text.
        let long = fit_label(search, 500, 40);
        assert_eq!(long, "Search gopher.floodgap.c\u{2026}: ");
        assert_eq!(long.width(), 27);
        // On a narrow row the label keeps half of it.
        assert_eq!(fit_label(search, 500, 20), "Search\u{2026}: ");
        // The separating space is never lost, even when the label is cut to nothing much.
        for width in 0..45 {
            for text in [0, 5, 30, 500] {
                let fitted = fit_label(search, text, width);
                assert!(fitted.ends_with(' '), "{width} {text}: {fitted:?}");
                assert!(fitted.width() <= width.max(1), "{width} {text}: {fitted:?}");
            }
        }
        assert_eq!(fit_label("Go to: ", 80, 20), "Go to: ");
    }

    #[test]
    fn a_huge_text_draws_only_what_fits() {
        let text = "x".repeat(64 * 1024);
        let w = prompt_window(&text, text.len() / 2, 80);
        assert_eq!(w.shown.len(), 78, "80 columns less two marks");
        assert!(w.hidden_before && w.hidden_after);
    }
}
