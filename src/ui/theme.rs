//! Colours and text styles for every part of the screen, with a monochrome variant used when
//! `NO_COLOR` is set (https://no-color.org).

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub title_bar: Style,
    pub status_bar: Style,
    pub status_error: Style,
    pub label_link: Style,
    pub label_error: Style,
    pub info: Style,
    pub link: Style,
    pub error_line: Style,
    pub selected: Style,
    pub headline: Style,
    /// Text matching the find query.
    pub search_match: Style,
    /// Link numbers (shown with `#`).
    pub link_number: Style,
    /// The item-info box.
    pub overlay: Style,
}

impl Theme {
    pub fn colour() -> Theme {
        Theme {
            title_bar: Style::new().fg(Color::Black).bg(Color::Cyan),
            status_bar: Style::new().add_modifier(Modifier::REVERSED),
            status_error: Style::new().fg(Color::White).bg(Color::Red),
            label_link: Style::new().fg(Color::Cyan),
            label_error: Style::new().fg(Color::Red),
            info: Style::new(),
            link: Style::new().fg(Color::LightBlue),
            error_line: Style::new().fg(Color::Red),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            headline: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            search_match: Style::new().fg(Color::Black).bg(Color::Yellow),
            link_number: Style::new().fg(Color::DarkGray),
            overlay: Style::new().fg(Color::White).bg(Color::Blue),
        }
    }

    pub fn monochrome() -> Theme {
        Theme {
            title_bar: Style::new().add_modifier(Modifier::REVERSED),
            status_bar: Style::new().add_modifier(Modifier::REVERSED),
            status_error: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            label_link: Style::new().add_modifier(Modifier::BOLD),
            label_error: Style::new().add_modifier(Modifier::BOLD),
            info: Style::new(),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            error_line: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            headline: Style::new().add_modifier(Modifier::BOLD),
            search_match: Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
            link_number: Style::new(),
            overlay: Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// Monochrome when `NO_COLOR` is set to anything non-empty, colour otherwise.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Theme::monochrome(),
            _ => Theme::colour(),
        }
    }
}
