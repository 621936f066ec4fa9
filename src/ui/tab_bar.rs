//! The tab bar: one row naming the open tabs, as a pure function of plain data (the labels,
//! the current tab, the width, the spinner frame, the theme), and the reverse step from a
//! clicked column to the tab under it. Both use one layout, so a click always lands on the
//! tab drawn there.
//!
//! Each tab shows its title sanitised (no control character or escape reaches the terminal)
//! and cut to [`MAX_TITLE_WIDTH`] columns by display width (a wide character counts two and is
//! never split; `…` marks a cut), after a spinner while it loads or `!` when its load failed.
//! The current tab is highlighted. When the tabs do not fit, the bar shows a run of them that
//! holds the current one, with `<` and `>` at the edges where more are hidden: the run starts
//! as far left as it can while still reaching the current tab, so moving right scrolls the bar
//! one tab at a time.

use super::status::SPINNER;
use super::theme::Theme;
use crate::app::tabs::tab_title;
use crate::app::wrap::fit_width;
use crate::app::{App, Msg};
use crate::gopher::sanitize;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// The most columns a tab's title takes.
pub const MAX_TITLE_WIDTH: usize = 24;
/// The mark on a tab whose load failed.
const FAILED_MARK: &str = "!";
/// Shown for a tab without a title.
const UNTITLED: &str = "(untitled)";

/// What the bar needs to know of one tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabLabel {
    pub title: String,
    pub loading: bool,
    pub failed: bool,
}

/// One tab as drawn: which it is, the column it starts at and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cell {
    index: usize,
    start: usize,
    text: String,
}

/// The tabs that fit, and whether some are hidden on either side.
#[derive(Debug, Default)]
struct Layout {
    cells: Vec<Cell>,
    hidden_left: bool,
    hidden_right: bool,
}

/// A tab's text: ` <mark> <title> `, the title cut so the whole takes at most `room` columns.
fn cell_text(label: &TabLabel, spinner_frame: usize, room: usize) -> String {
    let mark = if label.loading {
        Some(SPINNER[spinner_frame % SPINNER.len()])
    } else if label.failed {
        Some(FAILED_MARK)
    } else {
        None
    };
    let clean = sanitize(&label.title);
    let clean = clean.trim();
    let title = if clean.is_empty() { UNTITLED } else { clean };
    let frame = 2 + mark.map_or(0, |m| m.width() + 1);
    let room = room.saturating_sub(frame).min(MAX_TITLE_WIDTH);
    let shown = match title.width() <= room {
        true => title.to_owned(),
        false if room == 0 => String::new(),
        false => format!("{}…", fit_width(title, room - 1)),
    };
    match mark {
        Some(mark) => format!(" {mark} {shown} "),
        None => format!(" {shown} "),
    }
}

/// Where each tab goes in `width` columns.
fn layout(tabs: &[TabLabel], current: usize, width: usize, spinner_frame: usize) -> Layout {
    if tabs.is_empty() || width == 0 {
        return Layout::default();
    }
    let current = current.min(tabs.len() - 1);
    let texts: Vec<String> = tabs
        .iter()
        .map(|tab| cell_text(tab, spinner_frame, usize::MAX))
        .collect();
    let widths: Vec<usize> = texts.iter().map(|t| t.width()).collect();
    let (first, last) = if widths.iter().sum::<usize>() <= width {
        (0, tabs.len() - 1)
    } else {
        visible_run(&widths, current, width)
    };
    let hidden_left = first > 0;
    let hidden_right = last + 1 < tabs.len();
    let mut room = width - usize::from(hidden_left) - usize::from(hidden_right);
    let mut column = usize::from(hidden_left);
    let mut cells = Vec::new();
    for index in first..=last {
        let text = match widths[index] <= room {
            true => texts[index].clone(),
            // Only the current tab is ever cut to fit (the bar is narrower than it).
            false => cell_text(&tabs[index], spinner_frame, room),
        };
        let used = text.width();
        cells.push(Cell {
            index,
            start: column,
            text,
        });
        column += used;
        room -= used.min(room);
    }
    Layout {
        cells,
        hidden_left,
        hidden_right,
    }
}

/// The first and last tab shown when not all fit: the leftmost start that still reaches the
/// current tab (room kept for the `<` and `>` marks), then as many after it as fit.
fn visible_run(widths: &[usize], current: usize, width: usize) -> (usize, usize) {
    let marks =
        |first: usize, last: usize| usize::from(first > 0) + usize::from(last + 1 < widths.len());
    let mut first = current;
    let mut used = widths[current];
    while first > 0 && used + widths[first - 1] + marks(first - 1, current) <= width {
        first -= 1;
        used += widths[first];
    }
    let mut last = current;
    while last + 1 < widths.len() && used + widths[last + 1] + marks(first, last + 1) <= width {
        last += 1;
        used += widths[last];
    }
    (first, last)
}

/// The tab bar as one line of exactly `width` columns.
pub fn tab_bar_line(
    tabs: &[TabLabel],
    current: usize,
    width: usize,
    spinner_frame: usize,
    theme: &Theme,
) -> Line<'static> {
    let placed = layout(tabs, current, width, spinner_frame);
    let mut spans = Vec::new();
    if placed.hidden_left {
        spans.push(Span::styled("<", theme.tabs));
    }
    let mut used = usize::from(placed.hidden_left);
    for cell in placed.cells {
        used += cell.text.width();
        let style = match cell.index == current.min(tabs.len().saturating_sub(1)) {
            true => theme.current_tab,
            false => theme.tabs,
        };
        spans.push(Span::styled(cell.text, style));
    }
    let fill = width.saturating_sub(used + usize::from(placed.hidden_right));
    spans.push(Span::styled(" ".repeat(fill), theme.tabs));
    if placed.hidden_right {
        spans.push(Span::styled(">", theme.tabs));
    }
    Line::from(spans)
}

/// The tab drawn at `column` of a bar `width` wide (`None`: a scroll mark or empty space).
pub fn tab_at_column(
    tabs: &[TabLabel],
    current: usize,
    width: usize,
    spinner_frame: usize,
    column: u16,
) -> Option<usize> {
    let column = usize::from(column);
    layout(tabs, current, width, spinner_frame)
        .cells
        .into_iter()
        .find(|cell| (cell.start..cell.start + cell.text.width()).contains(&column))
        .map(|cell| cell.index)
}

/// The labels of the app's tabs, in bar order.
pub fn labels_of(app: &App) -> Vec<TabLabel> {
    app.tabs_in_order()
        .map(|tab| TabLabel {
            // An address is cut in its middle, so the host and the file name both show.
            title: super::shorten::shorten_middle(&tab_title(tab), MAX_TITLE_WIDTH).into_owned(),
            loading: tab.loading.is_some(),
            failed: tab.loading.is_none()
                && matches!(tab.page.content, crate::app::page::Content::Error { .. }),
        })
        .collect()
}

/// Draws the app's tab bar in `area` (one row).
pub fn render_tab_bar(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let line = tab_bar_line(
        &labels_of(app),
        app.tabs.shown_at,
        usize::from(area.width),
        app.spinner_frame,
        theme,
    );
    frame.render_widget(line, area);
}

/// A click on the tab bar's row becomes `Msg::ClickTab` with the tab drawn under it (only the
/// drawing knows where each tab sits, so the runtime asks here before `update`); any other
/// message is returned as it is.
pub fn resolve_click(app: &App, msg: Msg) -> Msg {
    match msg {
        Msg::Click { column, row: 0 } if app.tabs.bar_shown() => Msg::ClickTab(tab_at_column(
            &labels_of(app),
            app.tabs.shown_at,
            usize::from(app.screen.0),
            app.spinner_frame,
            column,
        )),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(title: &str) -> TabLabel {
        TabLabel {
            title: title.to_owned(),
            loading: false,
            failed: false,
        }
    }

    #[test]
    fn a_long_title_is_cut_by_display_width_with_a_mark_and_wide_characters_are_never_split() {
        let long = label(&"a".repeat(60));
        assert_eq!(
            cell_text(&long, 0, usize::MAX),
            format!(" {}… ", "a".repeat(23))
        );
        // Six wide characters (12 columns) in 9: three fit before the mark, never half of one.
        let wide = label("日本語の題名");
        assert_eq!(cell_text(&wide, 0, 9), " 日本語… ");
        assert_eq!(cell_text(&wide, 0, 10), " 日本語… ");
        assert_eq!(cell_text(&label(""), 0, usize::MAX), " (untitled) ");
    }

    #[test]
    fn the_run_shown_reaches_the_current_tab_and_fills_the_room_after_it() {
        let widths = [5; 10];
        assert_eq!(visible_run(&widths, 0, 21), (0, 3));
        assert_eq!(visible_run(&widths, 9, 21), (6, 9));
        assert_eq!(visible_run(&widths, 5, 22), (2, 5));
        // Wider than the bar: it is shown alone.
        assert_eq!(visible_run(&[5, 40, 5], 1, 20), (1, 1));
    }
}
