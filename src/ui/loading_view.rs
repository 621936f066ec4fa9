//! The screen of a page whose body is not in memory: the first page while it comes, or a page
//! from history whose body was dropped and is being fetched again. It names the address and
//! says what happens, instead of an empty page (progress is in the status bar).

use super::theme::Theme;
use crate::app::App;
use crate::app::input::Action;
use crate::app::wrap::fit_width;
use crate::gopher::sanitize;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// The lines of the loading screen.
pub fn loading_lines(app: &App) -> Vec<String> {
    let address = sanitize(&app.tab.page.location.to_string());
    if app.is_loading() || app.tab.awaiting_list.is_some() {
        return vec![format!("Loading {address}")];
    }
    let key = |action: Action| {
        app.keymap
            .keys_for(action)
            .first()
            .map(|key| key.name())
            .unwrap_or_else(|| "(no key)".to_owned())
    };
    vec![
        format!("Not loaded: {address}"),
        String::new(),
        format!(
            "{} loads it, {} opens another address.",
            key(Action::Reload),
            key(Action::GoTo)
        ),
    ]
}

/// Draws the loading screen a third of the way down `area`.
pub fn render_loading(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width.saturating_sub(2));
    let first_row = area.height / 3;
    for (i, text) in loading_lines(app).iter().enumerate() {
        let Some(y) = u16::try_from(i)
            .ok()
            .and_then(|i| first_row.checked_add(i))
            .filter(|&y| y < area.height)
        else {
            break;
        };
        let row = Rect::new(area.x + 1, area.y + y, area.width.saturating_sub(1), 1);
        let style = if i == 0 { theme.headline } else { theme.info };
        frame.render_widget(Line::styled(fit_width(text, width).to_owned(), style), row);
    }
}
