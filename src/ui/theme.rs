//! Colours and text styles for every part of the screen, with a monochrome variant used when
//! `NO_COLOR` is set (https://no-color.org), and the config's `[theme]` applied on top.

use crate::store::config::ThemeConfig;
use crate::store::style::{Colour, StyleSpec};
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
    /// A link to a page in the history.
    pub visited: Style,
    pub error_line: Style,
    pub selected: Style,
    pub headline: Style,
    /// Text matching the find query.
    pub search_match: Style,
    /// Link numbers (shown with `#`).
    pub link_number: Style,
    /// The item-info box.
    pub overlay: Style,
    /// The tab bar and the tabs not shown.
    pub tabs: Style,
    /// The tab shown, in the tab bar.
    pub current_tab: Style,
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
            visited: Style::new().fg(Color::Magenta),
            error_line: Style::new().fg(Color::Red),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            headline: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            search_match: Style::new().fg(Color::Black).bg(Color::Yellow),
            link_number: Style::new().fg(Color::DarkGray),
            overlay: Style::new().fg(Color::White).bg(Color::Blue),
            tabs: Style::new().fg(Color::White).bg(Color::DarkGray),
            current_tab: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
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
            // Still a link (underlined), but faded.
            visited: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::DIM),
            error_line: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            headline: Style::new().add_modifier(Modifier::BOLD),
            search_match: Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
            link_number: Style::new(),
            overlay: Style::new().add_modifier(Modifier::REVERSED),
            tabs: Style::new(),
            current_tab: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        }
    }

    /// Monochrome when `NO_COLOR` is set to anything non-empty, colour otherwise.
    pub fn from_env() -> Theme {
        Theme::configured(&ThemeConfig::default(), no_color_from_env())
    }

    /// The colour theme (monochrome with `no_color`) with the config's styles on top. Each
    /// configured style replaces the part's whole style; with `no_color` only its modifiers
    /// count, and a style that has none leaves the monochrome default in place, so no part
    /// loses all emphasis.
    pub fn configured(overrides: &ThemeConfig, no_color: bool) -> Theme {
        let mut theme = if no_color {
            Theme::monochrome()
        } else {
            Theme::colour()
        };
        let o = overrides;
        for (part, spec) in [
            (&mut theme.title_bar, o.title_bar),
            (&mut theme.status_bar, o.status_bar),
            (&mut theme.status_error, o.status_error),
            (&mut theme.label_link, o.label_link),
            (&mut theme.label_error, o.label_error),
            (&mut theme.info, o.info),
            (&mut theme.link, o.link),
            (&mut theme.visited, o.visited),
            (&mut theme.error_line, o.error_line),
            (&mut theme.selected, o.selected),
            (&mut theme.headline, o.headline),
            (&mut theme.search_match, o.search_match),
            (&mut theme.link_number, o.link_number),
            (&mut theme.overlay, o.overlay),
            (&mut theme.tabs, o.tabs),
            (&mut theme.current_tab, o.current_tab),
        ] {
            let Some(spec) = spec else { continue };
            if !no_color {
                *part = style_of(spec);
            } else if !spec.modifiers.is_empty() {
                *part = Style::new().add_modifier(modifiers_of(spec));
            }
        }
        theme
    }
}

/// Whether `NO_COLOR` is set to anything non-empty (https://no-color.org).
pub fn no_color_from_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty())
}

/// The terminal style for a config style string's parsed form.
pub fn style_of(spec: StyleSpec) -> Style {
    let mut style = Style::new().add_modifier(modifiers_of(spec));
    if let Some(fg) = spec.fg {
        style = style.fg(color_of(fg));
    }
    if let Some(bg) = spec.bg {
        style = style.bg(color_of(bg));
    }
    style
}

fn modifiers_of(spec: StyleSpec) -> Modifier {
    let m = spec.modifiers;
    [
        (m.bold, Modifier::BOLD),
        (m.dim, Modifier::DIM),
        (m.italic, Modifier::ITALIC),
        (m.underlined, Modifier::UNDERLINED),
        (m.reversed, Modifier::REVERSED),
    ]
    .into_iter()
    .filter(|&(on, _)| on)
    .fold(Modifier::empty(), |all, (_, one)| all | one)
}

/// In the order of `store::style::COLOUR_NAMES`.
const NAMED_COLOURS: [Color; 17] = [
    Color::Reset,
    Color::Black,
    Color::Red,
    Color::Green,
    Color::Yellow,
    Color::Blue,
    Color::Magenta,
    Color::Cyan,
    Color::Gray,
    Color::DarkGray,
    Color::LightRed,
    Color::LightGreen,
    Color::LightYellow,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightCyan,
    Color::White,
];

fn color_of(colour: Colour) -> Color {
    match colour {
        Colour::Named(index) => NAMED_COLOURS.get(index).copied().unwrap_or(Color::Reset),
        Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::config::parse_config;
    use crate::store::style::COLOUR_NAMES;

    fn theme_config(text: &str) -> ThemeConfig {
        parse_config(text).expect("valid").theme
    }

    #[test]
    fn every_colour_name_has_its_terminal_colour() {
        assert_eq!(NAMED_COLOURS.len(), COLOUR_NAMES.len());
        for (index, name) in COLOUR_NAMES.iter().enumerate() {
            let expected = if *name == "default" {
                "Reset".to_owned()
            } else {
                name.replace("gray", "Gray")
            };
            let got = format!("{:?}", color_of(Colour::Named(index)));
            assert!(got.eq_ignore_ascii_case(&expected), "{name} gave {got}");
        }
    }

    #[test]
    fn configured_styles_replace_the_defaults_they_name() {
        let overrides = theme_config(
            "[theme]\nlink = \"cyan bold\"\nselected = \"black on #ffd700 underlined\"\n\
             visited = \"green italic\"\n",
        );
        let theme = Theme::configured(&overrides, false);
        assert_eq!(
            theme.visited,
            Style::new().fg(Color::Green).add_modifier(Modifier::ITALIC)
        );
        assert_eq!(
            theme.link,
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        );
        assert_eq!(
            theme.selected,
            Style::new()
                .fg(Color::Black)
                .bg(Color::Rgb(0xff, 0xd7, 0x00))
                .add_modifier(Modifier::UNDERLINED)
        );
        let colour = Theme::colour();
        assert_eq!(theme.title_bar, colour.title_bar);
        assert_eq!(theme.headline, colour.headline);
        assert_eq!(Theme::configured(&ThemeConfig::default(), false), colour);
    }

    #[test]
    fn no_color_keeps_modifiers_and_drops_every_colour() {
        let overrides = theme_config(
            "[theme]\nlink = \"cyan italic\"\ntitle_bar = \"white on red\"\n\
             overlay = \"#102030 on #405060 bold dim\"\n",
        );
        let theme = Theme::configured(&overrides, true);
        assert_eq!(theme.link, Style::new().add_modifier(Modifier::ITALIC));
        assert_eq!(
            theme.overlay,
            Style::new().add_modifier(Modifier::BOLD | Modifier::DIM)
        );
        // A colour-only style keeps the monochrome emphasis.
        assert_eq!(theme.title_bar, Theme::monochrome().title_bar);
        assert_eq!(
            Theme::configured(&ThemeConfig::default(), true),
            Theme::monochrome()
        );
        for style in [
            theme.title_bar,
            theme.status_bar,
            theme.status_error,
            theme.label_link,
            theme.label_error,
            theme.info,
            theme.link,
            theme.visited,
            theme.error_line,
            theme.selected,
            theme.headline,
            theme.search_match,
            theme.link_number,
            theme.overlay,
            theme.tabs,
            theme.current_tab,
        ] {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
    }
}
