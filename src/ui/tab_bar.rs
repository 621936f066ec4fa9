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
//! one tab at a time. A click on `<` or `>` goes to the nearest hidden tab on that side.

use super::status::SPINNER;
use super::theme::Theme;
use crate::app::tab_names::{TabName, tab_name};
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
        false => format!("{}…", fit_width(title, room - 1).trim_end()),
    };
    match mark {
        Some(mark) => format!(" {mark} {shown} "),
        None => format!(" {shown} "),
    }
}

/// The tabs' cell texts, made only when the layout asks for one: a bar shows a few tabs, so
/// a frame with fifty tabs open builds a handful of labels, not fifty.
struct LazyCells<'a> {
    label_at: &'a dyn Fn(usize) -> TabLabel,
    spinner_frame: usize,
    made: Vec<Option<(TabLabel, String, usize)>>,
}

impl LazyCells<'_> {
    fn get(&mut self, index: usize) -> &(TabLabel, String, usize) {
        let (label_at, spinner_frame) = (self.label_at, self.spinner_frame);
        self.made[index].get_or_insert_with(|| {
            let label = label_at(index);
            let text = cell_text(&label, spinner_frame, usize::MAX);
            let width = text.width();
            (label, text, width)
        })
    }

    fn width(&mut self, index: usize) -> usize {
        self.get(index).2
    }
}

/// Where each of `count` tabs goes in `width` columns; `label_at` gives the tab at a bar
/// position and is asked only for tabs the layout needs to measure.
fn layout(
    count: usize,
    label_at: &dyn Fn(usize) -> TabLabel,
    current: usize,
    width: usize,
    spinner_frame: usize,
) -> Layout {
    if count == 0 || width == 0 {
        return Layout::default();
    }
    let current = current.min(count - 1);
    let mut cells = LazyCells {
        label_at,
        spinner_frame,
        made: vec![None; count],
    };
    let (first, last) = match all_fit(&mut cells, count, width) {
        true => (0, count - 1),
        false => visible_run(&mut |index| cells.width(index), count, current, width),
    };
    let hidden_left = first > 0;
    let hidden_right = last + 1 < count;
    let mut room = width - usize::from(hidden_left) - usize::from(hidden_right);
    let mut column = usize::from(hidden_left);
    let mut placed = Vec::new();
    for index in first..=last {
        let (label, text, text_width) = cells.get(index);
        let text = match *text_width <= room {
            true => text.clone(),
            // Only the current tab is ever cut to fit (the bar is narrower than it).
            false => cell_text(label, spinner_frame, room),
        };
        let used = text.width();
        placed.push(Cell {
            index,
            start: column,
            text,
        });
        column += used;
        room -= used.min(room);
    }
    Layout {
        cells: placed,
        hidden_left,
        hidden_right,
    }
}

/// Whether every tab fits in `width` columns; it stops measuring once they cannot (a cell is
/// at least three columns wide, so at most a third of the width in tabs is measured).
fn all_fit(cells: &mut LazyCells, count: usize, width: usize) -> bool {
    let mut used = 0;
    for index in 0..count {
        used += cells.width(index);
        if used > width {
            return false;
        }
    }
    true
}

/// The first and last tab shown when not all fit: the leftmost start that still reaches the
/// current tab (room kept for the `<` and `>` marks), then as many after it as fit.
fn visible_run(
    width_of: &mut dyn FnMut(usize) -> usize,
    count: usize,
    current: usize,
    width: usize,
) -> (usize, usize) {
    let marks = |first: usize, last: usize| usize::from(first > 0) + usize::from(last + 1 < count);
    let mut first = current;
    let mut used = width_of(current);
    while first > 0 && used + width_of(first - 1) + marks(first - 1, current) <= width {
        first -= 1;
        used += width_of(first);
    }
    let mut last = current;
    while last + 1 < count && used + width_of(last + 1) + marks(first, last + 1) <= width {
        last += 1;
        used += width_of(last);
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
    let label_at = |index: usize| tabs[index].clone();
    bar_line(tabs.len(), &label_at, current, width, spinner_frame, theme)
}

/// [`tab_bar_line`] for `count` tabs given one at a time by `label_at`.
fn bar_line(
    count: usize,
    label_at: &dyn Fn(usize) -> TabLabel,
    current: usize,
    width: usize,
    spinner_frame: usize,
    theme: &Theme,
) -> Line<'static> {
    let placed = layout(count, label_at, current, width, spinner_frame);
    let mut spans = Vec::new();
    if placed.hidden_left {
        spans.push(Span::styled("<", theme.tabs));
    }
    let mut used = usize::from(placed.hidden_left);
    for cell in placed.cells {
        used += cell.text.width();
        let style = match cell.index == current.min(count.saturating_sub(1)) {
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

/// The tab a click at `column` of a bar `width` wide goes to: the tab drawn there, or for the
/// `<` and `>` marks the nearest hidden tab on that side (`None`: empty space).
pub fn tab_at_column(
    tabs: &[TabLabel],
    current: usize,
    width: usize,
    spinner_frame: usize,
    column: u16,
) -> Option<usize> {
    let label_at = |index: usize| tabs[index].clone();
    cell_at_column(tabs.len(), &label_at, current, width, spinner_frame, column)
}

/// [`tab_at_column`] for `count` tabs given one at a time by `label_at`.
fn cell_at_column(
    count: usize,
    label_at: &dyn Fn(usize) -> TabLabel,
    current: usize,
    width: usize,
    spinner_frame: usize,
    column: u16,
) -> Option<usize> {
    let column = usize::from(column);
    let placed = layout(count, label_at, current, width, spinner_frame);
    let (first, last) = (placed.cells.first()?.index, placed.cells.last()?.index);
    if placed.hidden_left && column == 0 {
        return Some(first - 1);
    }
    if placed.hidden_right && column + 1 == width {
        return Some(last + 1);
    }
    placed
        .cells
        .into_iter()
        .find(|cell| (cell.start..cell.start + cell.text.width()).contains(&column))
        .map(|cell| cell.index)
}

/// A tab's title as the bar shows it: a plain gopher address loses its scheme, which every
/// tab would repeat (`gophers://`, `finger://` and titles stay as they are).
fn bar_title(title: &str) -> &str {
    title
        .strip_prefix("gopher://")
        .filter(|rest| !rest.is_empty())
        .unwrap_or(title)
}

/// The label of the app's tab at bar position `index`.
fn label_of(app: &App, index: usize) -> TabLabel {
    let tab = app
        .tab_in_order(index)
        .expect("the layout asks only for tabs that exist");
    TabLabel {
        // A title is cut at its end (by `cell_text`); an address goes without its
        // `gopher://` and is cut in its middle, so the host and the file name both show.
        title: match tab_name(tab) {
            TabName::Title(title) => title,
            TabName::Address(address) => {
                super::shorten::shorten_middle(bar_title(&address), MAX_TITLE_WIDTH).into_owned()
            }
        },
        loading: tab.loading.is_some(),
        failed: tab.loading.is_none()
            && matches!(tab.page.content, crate::app::page::Content::Error { .. }),
    }
}

/// Draws the app's tab bar in `area` (one row).
pub fn render_tab_bar(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let line = bar_line(
        app.tabs.count(),
        &|index| label_of(app, index),
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
        Msg::Click { column, row: 0 } if app.tabs.bar_shown() => Msg::ClickTab(cell_at_column(
            app.tabs.count(),
            &|index| label_of(app, index),
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
    fn an_address_title_goes_without_gopher_scheme_so_the_host_shows() {
        assert_eq!(
            bar_title("gopher://127.0.0.1:7070/0/a.txt"),
            "127.0.0.1:7070/0/a.txt"
        );
        assert_eq!(bar_title("gophers://x.org/"), "gophers://x.org/");
        assert_eq!(bar_title("A hole's title"), "A hole's title");
        assert_eq!(bar_title("gopher://"), "gopher://");
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
        let run = |widths: &[usize], current, width| {
            visible_run(&mut |i| widths[i], widths.len(), current, width)
        };
        let widths = [5; 10];
        assert_eq!(run(&widths, 0, 21), (0, 3));
        assert_eq!(run(&widths, 9, 21), (6, 9));
        assert_eq!(run(&widths, 5, 22), (2, 5));
        // Wider than the bar: it is shown alone.
        assert_eq!(run(&[5, 40, 5], 1, 20), (1, 1));
    }

    #[test]
    fn a_frame_with_many_tabs_builds_only_the_labels_it_measures() {
        let asked = std::cell::Cell::new(0);
        let label_at = |_: usize| {
            asked.set(asked.get() + 1);
            label("a tab title of twenty")
        };
        let placed = layout(50, &label_at, 25, 80, 0);
        assert!(placed.hidden_left && placed.hidden_right);
        assert!(placed.cells.iter().any(|cell| cell.index == 25));
        assert!(asked.get() <= 10, "{} labels built", asked.get());
    }
}
