//! The view: `render(&App, &Theme, &mut Frame)` draws the whole screen as a pure function of
//! state. Title bar on top, the page in the middle, status bar (or prompt) at the bottom.

pub mod downloads_view;
pub mod highlight;
pub mod loading_view;
pub mod menu_view;
pub mod overlay;
pub mod prompt_view;
pub mod shorten;
pub mod status;
pub mod tab_bar;
pub mod text_links_view;
pub mod text_rows;
pub mod text_view;
pub mod theme;
pub mod title_bar;

use crate::app::page::Content;
use crate::app::{App, Layer};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
pub use theme::Theme;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    let download_rows = u16::from(app.running_downloads() > 0);
    let bar_rows = u16::from(app.tabs.bar_shown());
    let [bar, title, body, downloads, status] = Layout::vertical([
        Constraint::Length(bar_rows),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(download_rows),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    if bar_rows > 0 {
        tab_bar::render_tab_bar(app, theme, frame, bar);
    }
    title_bar::render_title(app, theme, frame, title);
    match &app.tab.page.content {
        _ if app.tab.page.unloaded.is_some() => {
            loading_view::render_loading(app, theme, frame, body)
        }
        Content::Menu(menu) => menu_view::render_menu(app, menu, theme, frame, body),
        Content::Text(doc) => text_view::render_text(app, doc, None, theme, frame, body),
        Content::Error { details, .. } => {
            text_view::render_text(app, details, Some(theme.headline), theme, frame, body)
        }
    }
    downloads_view::render_download_line(app, theme, frame, downloads);
    downloads_view::render_downloads_list(app, theme, frame, body);
    match app.layer() {
        Layer::Overlay(overlay) => overlay::render_overlay(overlay, theme, frame, body),
        Layer::Question(confirm) => {
            overlay::render_long_question(&confirm.question, theme, frame, body)
        }
        Layer::Prompt(prompt) => prompt_view::render_prompt_extras(app, prompt, theme, frame, body),
        Layer::Downloads(_) | Layer::LinkEntry(_) | Layer::Page => {}
    }
    status::render_status(app, theme, frame, status);
}
