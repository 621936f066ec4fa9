//! The status bar: the question or prompt while one is open, else loading progress, else a
//! notice (cut ones say which key shows them whole), else the address of the selected item
//! (cut in its middle) or the position in the text. The title bar is `title_bar.rs`.

use super::shorten::shorten_middle;
use super::theme::Theme;
use crate::app::filter::{kind_names, unknown_kind};
use crate::app::find_text::grouped;
use crate::app::input::Action;
use crate::app::navigation::Viewport;
use crate::app::page::Position as PagePosition;
use crate::app::wrap::{fit_width, wrap_rows};
use crate::app::{App, Layer, Notice};
use crate::gopher::transfer::format_bytes;
use crate::gopher::{TextDoc, sanitize};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

/// The loading spinner's frames (also on loading tabs in the tab bar).
pub const SPINNER: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];

/// What the status bar says when nothing else needs it: where the selected link goes, or
/// where in the text the view is.
pub fn idle_status(app: &App) -> String {
    if let Layer::LinkEntry(entry) = app.layer() {
        let count = app.narrowed_link_count().unwrap_or(app.link_count());
        let number: usize = entry.digits.parse().unwrap_or(0);
        return if crate::app::link_numbers::is_unambiguous(number, count) {
            format!(
                "Link {}: opening (Enter opens now, Esc stops)",
                entry.digits
            )
        } else {
            format!("Link {}_: type more digits, or Enter to open", entry.digits)
        };
    }
    if let Some(find) = &app.tab.find {
        return find_status(find);
    }
    if let Some(link) = app.selected_text_link() {
        let url = app.text_link_url(link).unwrap_or_default();
        return crate::app::text_links::link_target_text(url);
    }
    if let Some(item) = app.selected_item().filter(|i| i.is_selectable()) {
        if let Some(web) = item.web_link() {
            return format!("Web link: {}", sanitize(&String::from_utf8_lossy(web)));
        }
        if let Some(builtin) = app.builtin_link(&item) {
            return builtin.to_string();
        }
        return match app.link_url(app.tab.page.cursor, &item) {
            Ok(url) => url.to_string(),
            Err(error) => format!(
                "Broken link to selector {}: {error}",
                crate::gopher::escape_bytes(item.selector)
            ),
        };
    }
    if let Some(filtered) = app.filter_status() {
        let esc = app
            .keymap
            .keys_for(Action::Cancel)
            .first()
            .map(|key| format!("   {} shows all", key.name()))
            .unwrap_or_default();
        return format!("Filter: {filtered}{esc}");
    }
    if let Some(doc) = app
        .tab
        .page
        .text_doc()
        .filter(|_| app.tab.page.unloaded.is_none())
    {
        let position = text_position(app, doc);
        let position = match app.sideways_status() {
            Some(columns) => format!("{position}, {columns}"),
            None => position,
        };
        if app.tab.page.location.is_source() {
            let back = app
                .keymap
                .keys_for(Action::ViewSource)
                .first()
                .map(|key| format!("   {} returns", key.name()))
                .unwrap_or_default();
            return format!("{}  {position}{back}", app.tab.page.location);
        }
        return format!("{position}   {}", key_hints(app));
    }
    key_hints(app)
}

/// `Row 23 of 400 (11%)`: the screen row at the top of the view, the rows of the whole page
/// at this width, and how far through them the last row shown is (100% only when the page's
/// last row is on screen). While the rows are still being counted (a new width, or a page
/// just back from history), `of 1,200+` says so and the percentage is that of the text's
/// bytes, which is exact at the top and at the end.
pub fn text_position(app: &App, doc: &TextDoc) -> String {
    let view = app.viewport();
    let top = app.tab.page.top;
    let rows = &app.tab.page.rows;
    let counted = rows.width() == view.width.max(1);
    let first = counted
        .then(|| rows.rows_before(doc, top.line))
        .flatten()
        .map(|before| before + top.row + 1);
    if counted && rows.is_complete(doc) {
        let total = rows.counted_rows();
        if total == 0 {
            return "Empty text".to_owned();
        }
        let first = first.unwrap_or(1);
        let last_shown = (first - 1 + view.height.max(1)).min(total);
        let percent = match last_shown >= total {
            true => 100,
            false => (last_shown * 100).checked_div(total).unwrap_or(100),
        };
        return format!("Row {} of {} ({percent}%)", grouped(first), grouped(total));
    }
    let percent = percent_shown(doc, top, view);
    let counted = grouped(if counted { rows.counted_rows() } else { 0 });
    match first {
        Some(first) => format!("Row {} of {counted}+ ({percent}%)", grouped(first)),
        None => format!("Row ? of {counted}+ ({percent}%)"),
    }
}

/// How far through the text the screen's last row is, as a percentage of the text (each
/// line weighs its bytes plus one): the estimate while rows are being counted. Rows, not whole
/// lines, so a page of a few very long lines reads 0% at its top; 100% only when the last
/// row of the page is on screen. Wraps only the lines on screen, as drawing does.
pub fn percent_shown(doc: &TextDoc, top: PagePosition, view: Viewport) -> usize {
    let lines = doc.line_count();
    let weight = |line: usize, byte: usize| doc.text_before(line) + line + byte;
    let total = weight(lines, 0);
    let mut rows_left = view.height.max(1);
    let (mut line, mut row) = (top.line, top.row);
    while line < lines {
        let rows = wrap_rows(doc.line(line), view.width);
        let available = rows.len().saturating_sub(row);
        if available >= rows_left {
            let last = row + rows_left - 1;
            if line + 1 == lines && last + 1 == rows.len() {
                return 100;
            }
            return (weight(line, rows[last].end) * 100)
                .checked_div(total)
                .unwrap_or(100);
        }
        rows_left -= available;
        (line, row) = (line + 1, 0);
    }
    100
}

/// A notice as the status bar shows it in `width` columns: how many more wait and which key
/// shows the next (Esc for start-up warnings, which stay until then); a notice too long to fit
/// is cut and says which key shows it whole (the messages page).
pub fn notice_line(app: &App, notice: &Notice, width: usize) -> String {
    let next = if notice.sticky { "Esc" } else { "any key" };
    let prefix = match app.waiting_notices.len() {
        0 if notice.sticky => "(Esc dismisses) ".to_owned(),
        0 => String::new(),
        more => format!("({more} more: {next}) "),
    };
    let full = format!("{prefix}{}", notice.text);
    if full.width() <= width {
        return full;
    }
    let marker = match app.keymap.keys_for(Action::ShowMessages).first() {
        Some(key) => format!("\u{2026} {} reads it all", key.name()),
        None => "\u{2026} about:messages has it all".to_owned(),
    };
    let room = width.saturating_sub(marker.width());
    format!("{}{marker}", fit_width(&full, room))
}

/// Where the find stands: `match k of N` (with `+` while the count goes on), still
/// searching, or not found.
pub fn find_status(find: &crate::app::find::Find) -> String {
    let query = sanitize(&find.query);
    let counted = grouped(find.count.total);
    match (&find.current, find.position()) {
        (Some(_), position) => {
            format!("Find \"{query}\": {position}   n next, N previous, Esc ends")
        }
        (None, _) if !find.count.done => {
            format!("Find \"{query}\": searching ({counted} matches so far; Esc ends)")
        }
        (None, _) => format!("Find \"{query}\": not found (Esc ends)"),
    }
}

/// The filter prompt's label: the count kept while a query narrows the page, else what can
/// be typed.
fn filter_label(app: &App) -> String {
    if app.tab.page.unloaded.is_some() {
        return "Filter (as the page arrives): ".into();
    }
    let nothing_kept = app.tab.narrowed().is_some_and(|n| {
        n.rows() == 0 && n.is_done(&app.tab.page) && app.tab.page.menu().is_some()
    });
    let unknown = app
        .tab
        .filter
        .as_ref()
        .and_then(|n| unknown_kind(&n.typed))
        .filter(|_| nothing_kept);
    match (app.filter_count(), unknown) {
        // `:foo` found nowhere: say it is no kind, and which there are.
        (Some(count), Some(name)) => format!(
            "Filter ({count}; unknown kind {}, kinds are {}): ",
            sanitize(name),
            kind_names()
        ),
        (Some(count), None) => format!("Filter ({count}): "),
        (None, _) if app.tab.page.menu().is_some() => {
            format!("Filter (words, {}): ", kind_names())
        }
        (None, _) => "Filter (words): ".into(),
    }
}

/// `item 28 of 100,000`: the selected link's number among the menu's links; on a filtered
/// menu, `12 of 100,000 lines`.
pub fn menu_position(app: &App) -> Option<String> {
    if app.tab.find.is_some() || app.tab.link_entry.is_some() {
        return None;
    }
    if app.tab.narrowed().is_some() {
        // A filtered text says it on the left already, and so does a menu with no link
        // selected (nothing kept, or only info lines).
        let menu = app.tab.page.menu()?;
        app.selected_item().filter(|item| item.is_selectable())?;
        return app
            .filter_count()
            .filter(|_| !menu.is_empty())
            .map(|count| format!("filtered: {count}"));
    }
    if let Some(link) = app.selected_text_link() {
        let count = grouped(app.link_count());
        return Some(format!("link {} of {count}", grouped(link + 1)));
    }
    let menu = app.tab.page.menu()?;
    let number = menu.link_number(app.tab.page.cursor)?;
    Some(format!(
        "item {} of {}",
        grouped(number),
        grouped(menu.link_count())
    ))
}

/// "? help  q quit", with the first key the keymap gives each (an action without keys is
/// left out).
fn key_hints(app: &App) -> String {
    let on_help =
        app.tab.page.location == crate::app::Location::Help && app.tab.history.back_len() > 0;
    if on_help {
        let keys: Vec<String> = [Action::Quit, Action::Cancel, Action::Help]
            .into_iter()
            .filter_map(|action| Some(app.keymap.keys_for(action).first()?.name()))
            .collect();
        return format!("{} close help", keys.join("/"));
    }
    [(Action::Help, "help"), (Action::Quit, "quit")]
        .into_iter()
        .filter_map(|(action, word)| {
            let key = app.keymap.keys_for(action).into_iter().next()?;
            Some(format!("{} {word}", key.name()))
        })
        .collect::<Vec<_>>()
        .join("  ")
}

pub fn render_status(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    if let Layer::Question(confirm) = app.layer() {
        frame.buffer_mut().set_style(area, theme.status_error);
        let question = sanitize(&confirm.question);
        frame.render_widget(
            Line::styled(fit_width(&question, width).to_owned(), theme.status_error),
            area,
        );
        return;
    }
    if let Layer::Prompt(prompt) = app.layer() {
        let finding = (prompt.purpose == crate::app::PromptPurpose::Find)
            .then_some(app.tab.find.as_ref())
            .flatten()
            .filter(|f| !f.query.is_empty() && f.current.is_none());
        let filtering = prompt.purpose == crate::app::PromptPurpose::Filter;
        let label = match finding {
            Some(find) if find.count.done => "Find (not found): ".to_owned(),
            Some(_) => "Find (searching): ".to_owned(),
            None if filtering => filter_label(app),
            None => prompt.label(),
        };
        super::prompt_view::render_prompt(prompt, &label, theme, frame, area);
        return;
    }
    let (text, style) = if let Some(loading) = &app.tab.loading {
        let spinner = SPINNER[app.spinner_frame % SPINNER.len()];
        let stage = if loading.peer.is_some() {
            "Loading"
        } else {
            "Connecting to"
        };
        let after = format!("  {}  (Esc cancels)", format_bytes(loading.bytes));
        let before = format!("{spinner} {stage} ");
        let address = loading.url.to_string();
        let room = width.saturating_sub(before.width() + after.width());
        (
            format!("{before}{}{after}", shorten_middle(&address, room)),
            theme.status_bar,
        )
    } else if let Some(notice) = &app.notice {
        let style = if notice.is_error {
            theme.status_error
        } else {
            theme.status_bar
        };
        (notice_line(app, notice, width), style)
    } else {
        // The menu position stays at the right end; the link's address gives way first, cut
        // in its middle so the host and the file name stay.
        let status = idle_status(app);
        let on_link = app.tab.find.is_none()
            && app.tab.link_entry.is_none()
            && (app.selected_text_link().is_some()
                || app.selected_item().is_some_and(|item| {
                    item.is_selectable()
                        && (item.web_link().is_some()
                            || app.link_url(app.tab.page.cursor, &item).is_ok())
                }));
        let fit = |text: &str, room: usize| match on_link {
            true => shorten_middle(text, room).into_owned(),
            false => fit_width(text, room).to_owned(),
        };
        match menu_position(app).filter(|p| p.width() + 3 < width) {
            Some(position) => {
                let left = fit(&status, width - position.width() - 3);
                let gap = width - left.width() - position.width();
                (
                    format!("{left}{}{position}", " ".repeat(gap)),
                    theme.status_bar,
                )
            }
            None => (fit(&status, width), theme.status_bar),
        }
    };
    frame.buffer_mut().set_style(area, style);
    frame.render_widget(
        Line::styled(fit_width(&text, width).to_owned(), style),
        area,
    );
}
