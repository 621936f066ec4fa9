//! The title bar: `Burrow`, the page's own title and address, and labels at the right
//! (`[incomplete]`, the encoding chosen, how the page arrived). When the window is narrow the
//! address is what stays: first `Burrow` goes, then the labels (the encoding, then the
//! security label, then `[incomplete]`), then the page's own title, and only then is the
//! address cut, in its middle, keeping the host and the last path segment.

use super::shorten::shorten_middle;
use super::theme::Theme;
use crate::app::App;
use crate::app::page::Content;
use crate::gopher::transfer::TlsTrust;
use crate::gopher::{Encoding, sanitize};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

/// The labels at the right of the title bar, in the order shown: whether the page is
/// incomplete, the encoding chosen for it, and how it arrived; each with its rank (the
/// highest goes first when the window is narrow).
pub fn title_labels(app: &App) -> Vec<(u8, String)> {
    [
        (
            0,
            app.tab
                .page
                .incomplete
                .as_ref()
                .map(|_| "[incomplete]".to_owned()),
        ),
        (2, encoding_label(app)),
        (1, Some(security_label(app).to_owned())),
    ]
    .into_iter()
    .filter_map(|(rank, label)| Some((rank, label?)))
    .filter(|(_, label)| !label.is_empty())
    .collect()
}

/// The encoding the page was decoded in, when it is not the automatic choice.
pub fn encoding_label(app: &App) -> Option<String> {
    match (&app.tab.page.content, app.tab.page.encoding) {
        (Content::Error { .. }, _) | (_, Encoding::Auto) => None,
        (_, encoding) => Some(format!("[{}]", encoding.name())),
    }
}

/// How the current page arrived: over TLS (and why it was trusted) or in plain text.
pub fn security_label(app: &App) -> &'static str {
    if matches!(app.tab.page.content, Content::Error { .. }) {
        return "";
    }
    match (app.tab.page.location.gopher_url(), app.tab.page.security) {
        (None, _) => "",
        (Some(_), Some(TlsTrust::CaVerified)) => "[TLS: CA-verified]",
        (Some(_), Some(TlsTrust::Pinned)) => "[TLS: pinned certificate]",
        (Some(url), None) if url.tls => "[TLS: not established]",
        (Some(_), None) => "[not encrypted]",
    }
}

/// The title bar's text for a width of `width` columns (at most that wide).
pub fn title_text(app: &App, width: usize) -> String {
    let address = sanitize(&app.tab.page.location.to_string());
    let title = app.tab.page.server_title().map(sanitize);
    let mut labels = title_labels(app);
    let mut brand = true;
    let mut with_title = title.is_some();
    loop {
        let left = match (&title, with_title) {
            (Some(title), true) => format!("{title} \u{b7} {address}"),
            _ => address.clone(),
        };
        let left = if brand {
            format!(" Burrow  {left}")
        } else {
            format!(" {left}")
        };
        let right = labels
            .iter()
            .map(|(_, label)| label.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let needed = left.width() + right.width() + usize::from(!right.is_empty());
        if needed <= width {
            let gap = width - left.width() - right.width();
            return format!("{left}{}{right}", " ".repeat(gap));
        }
        if brand {
            brand = false;
        } else if let Some(drop) = (0..labels.len()).max_by_key(|&i| labels[i].0) {
            labels.remove(drop);
        } else if with_title {
            with_title = false;
        } else if width == 0 {
            return String::new();
        } else {
            return format!(" {}", shorten_middle(&address, width - 1));
        }
    }
}

pub fn render_title(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let text = title_text(app, usize::from(area.width));
    frame.buffer_mut().set_style(area, theme.title_bar);
    frame.render_widget(Line::styled(text, theme.title_bar), area);
}
