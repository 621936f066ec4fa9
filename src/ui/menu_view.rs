//! The menu view: one row per menu line, a type label column (dimmed for a link that cannot be
//! followed), the cursor row highlighted. Only the visible window is built each frame; on a
//! filtered page, the window of its kept lines.

use super::highlight::{current_match_style, emphasise_current, marked_spans};
use super::theme::Theme;
use crate::app::App;
use crate::app::find_text::matches_in;
use crate::app::wrap::fit_width;
use crate::gopher::{ItemKind, Menu, MenuItem};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

/// Width of the label column, including the space after it.
pub const LABEL_WIDTH: usize = 7;

/// A menu line as plain text: the label right-aligned in its column, then the display text.
/// Used on screen and by `--print`.
pub fn menu_line_text(item: &MenuItem<'_>) -> String {
    format!("{:>6} {}", item.item_type.label(), item.display)
}

/// The width of the link-number column for a menu with `links` links (0 when hidden); on
/// a filtered page, for the links the narrowed view shows.
pub fn number_width(app: &App, menu: &Menu) -> usize {
    if app.show_link_numbers {
        let links = app.narrowed_link_count().unwrap_or(menu.link_count());
        links.max(1).to_string().len() + 1
    } else {
        0
    }
}

/// Whether the page on screen is still arriving (so an empty one is not known to be empty).
pub fn page_is_growing(app: &App) -> bool {
    app.tab.loading.as_ref().is_some_and(|l| l.shown)
}

/// Says so on the first row when a finished page is empty: the server sent nothing, which is
/// a page, not an error.
pub fn render_empty_note(note: &str, theme: &Theme, frame: &mut Frame, area: Rect) {
    let row = Rect { height: 1, ..area };
    let note = fit_width(note, usize::from(area.width));
    frame.render_widget(
        Line::styled(note, theme.info.add_modifier(Modifier::DIM)),
        row,
    );
}

/// On a filtered page whose lines are all decided and none kept: says so, and the way out.
pub fn render_nothing_kept(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) -> bool {
    let nothing = app
        .tab
        .narrowed()
        .is_some_and(|n| n.rows() == 0 && n.is_done(&app.tab.page));
    if nothing {
        render_empty_note(
            "No line matches the filter (Esc shows the whole page)",
            theme,
            frame,
            area,
        );
    }
    nothing
}

pub fn render_menu(app: &App, menu: &Menu, theme: &Theme, frame: &mut Frame, area: Rect) {
    if menu.is_empty() && !page_is_growing(app) {
        return render_empty_note("This menu is empty", theme, frame, area);
    }
    if render_nothing_kept(app, theme, frame, area) {
        return;
    }
    let page = &app.tab.page;
    let width = usize::from(area.width);
    let rows = usize::from(area.height);
    let numbers = number_width(app, menu);
    let query = app.tab.find.as_ref().map(|f| f.query.as_str());
    let narrowed = app.tab.narrowed();
    // A filtered page shows only its kept lines, from the narrowed view's own top.
    let shown: Vec<usize> = match narrowed {
        Some(narrowed) => narrowed.lines_shown(rows).collect(),
        None => (page.top.line..menu.len()).take(rows).collect(),
    };
    for (offset, index) in shown.into_iter().enumerate() {
        let Some(item) = menu.item(index) else { break };
        let (label_style, text_style) = match item.item_type.kind() {
            ItemKind::Info => (theme.info, theme.info),
            ItemKind::Error => (theme.label_error, theme.error_line),
            // A link that cannot be followed: its label dimmed (the status bar says why).
            _ if !item.can_follow() => (theme.info.add_modifier(Modifier::DIM), theme.link),
            _ if app.links_to_visited(index, &item) => (theme.label_link, theme.visited),
            _ => (theme.label_link, theme.link),
        };
        let label = format!("{:>6} ", item.item_type.label());
        let text_width = width.saturating_sub(LABEL_WIDTH + numbers);
        let mut spans = Vec::new();
        if numbers > 0 {
            let number = match narrowed {
                Some(narrowed) => narrowed.link_number(index),
                None => menu.link_number(index),
            };
            let number = number.map(|n| n.to_string()).unwrap_or_default();
            let number = format!("{number:>0$} ", numbers - 1);
            spans.push(Span::styled(number, theme.link_number));
        }
        spans.push(Span::styled(label, label_style));
        let shown = fit_width(item.display, text_width);
        match query {
            Some(query) if !query.is_empty() => {
                let found = matches_in(item.display, query);
                let current = app
                    .tab
                    .find
                    .as_ref()
                    .and_then(|f| f.current.as_ref())
                    .filter(|m| m.line == index)
                    .map(|m| m.range.clone());
                let marked = marked_spans(shown, 0, &found, text_style, theme.search_match);
                spans.extend(emphasise_current(
                    marked,
                    0,
                    current.as_ref(),
                    theme.search_match,
                    current_match_style(theme.search_match),
                ));
            }
            _ => spans.push(Span::styled(shown, text_style)),
        }
        let line = Line::from(spans);
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
