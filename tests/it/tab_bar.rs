//! The tab bar drawn into ratatui's `TestBackend`: narrow windows, wide titles, 50 tabs with
//! the current one at the end, loading and failed marks, hostile titles, `NO_COLOR`, and a
//! click on any column finding the tab drawn there (on `<` or `>`, the nearest hidden one).

use burrow::ui::Theme;
use burrow::ui::tab_bar::{TabLabel, tab_at_column, tab_bar_line};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

fn label(title: &str) -> TabLabel {
    TabLabel {
        title: title.to_owned(),
        loading: false,
        failed: false,
    }
}

fn labels(titles: &[&str]) -> Vec<TabLabel> {
    titles.iter().map(|t| label(t)).collect()
}

fn draw(tabs: &[TabLabel], current: usize, width: u16, theme: &Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, 1)).expect("terminal");
    terminal
        .draw(|frame| {
            let line = tab_bar_line(tabs, current, usize::from(width), 0, theme);
            frame.render_widget(Paragraph::new(line), frame.area());
        })
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The row as a terminal shows it: a wide character's second cell is not drawn on its own.
fn row(buffer: &Buffer) -> String {
    let mut text = String::new();
    let mut x = 0;
    while x < buffer.area.width {
        let symbol = buffer.cell((x, 0)).map_or(" ", |c| c.symbol());
        text.push_str(symbol);
        x += u16::try_from(symbol.width().max(1)).expect("narrow");
    }
    text
}

/// The columns drawn in the current tab's style.
fn current_columns(buffer: &Buffer, theme: &Theme) -> Vec<u16> {
    (0..buffer.area.width)
        .filter(|&x| {
            buffer.cell((x, 0)).is_some_and(|c| {
                c.style().add_modifier == theme.current_tab.add_modifier
                    && c.bg == theme.current_tab.bg.unwrap_or(Color::Reset)
            })
        })
        .collect()
}

#[test]
fn in_twenty_columns_the_tabs_fit_cut_and_the_current_one_stands_out() {
    let theme = Theme::colour();
    let tabs = labels(&["Floodgap", "A very long phlog title indeed", "SDF"]);
    let buffer = draw(&tabs, 1, 20, &theme);
    assert_eq!(row(&buffer), "< A very long phl… >");
    assert_eq!(
        current_columns(&buffer, &theme),
        (1..19).collect::<Vec<_>>()
    );
    let buffer = draw(&tabs, 0, 20, &theme);
    assert_eq!(row(&buffer), format!(" Floodgap {}>", " ".repeat(9)));
    assert_eq!(
        current_columns(&buffer, &theme),
        (0..10).collect::<Vec<_>>()
    );
}

#[test]
fn in_forty_columns_wide_titles_are_counted_right_and_never_split() {
    let theme = Theme::colour();
    let tabs = labels(&["日本語のゴーファー穴の題名", "🦀 crabs", "mixed 中文 text"]);
    let buffer = draw(&tabs, 0, 40, &theme);
    let text = row(&buffer);
    // 26 columns of title cut to 23: eleven whole characters and the mark.
    assert!(text.starts_with(" 日本語のゴーファー穴の… "), "{text}");
    assert!(text.contains(" 🦀 crabs "), "{text}");
    assert!(text.ends_with('>'), "the third tab is hidden: {text}");
    assert_eq!(text.width(), 40, "{text}");
    let buffer = draw(&tabs, 2, 40, &theme);
    let text = row(&buffer);
    assert!(text.contains(" mixed 中文 text "), "{text}");
    assert!(text.starts_with('<'), "{text}");
}

#[test]
fn with_fifty_tabs_and_the_last_one_current_the_bar_scrolls_to_show_it() {
    let theme = Theme::colour();
    let titles: Vec<String> = (1..=50).map(|n| format!("tab {n}")).collect();
    let tabs: Vec<TabLabel> = titles.iter().map(|t| label(t)).collect();
    let buffer = draw(&tabs, 49, 40, &theme);
    let text = row(&buffer);
    assert!(
        text.starts_with('<') && text.trim_end().ends_with(" tab 50"),
        "{text}"
    );
    assert!(!text.contains('>'), "nothing after the last: {text}");
    let highlighted = current_columns(&buffer, &theme);
    let start = text.find(" tab 50").expect("shown") as u16;
    assert_eq!(highlighted.first(), Some(&start));
    assert_eq!(tab_at_column(&tabs, 49, 40, 0, start + 2), Some(49));
    let first_shown = (0..49)
        .find(|n| text.contains(&format!(" tab {} ", n + 1)))
        .expect("a tab before the last is shown");
    assert_eq!(
        tab_at_column(&tabs, 49, 40, 0, 0),
        Some(first_shown - 1),
        "the < mark goes to the nearest hidden tab on the left"
    );
    // One tab to the left: the run ends at it, with marks on both sides.
    let buffer = draw(&tabs, 48, 40, &theme);
    let text = row(&buffer);
    assert!(text.starts_with('<') && text.ends_with('>'), "{text}");
    let start = text.find(" tab 49 ").expect("shown") as u16;
    assert_eq!(current_columns(&buffer, &theme).first(), Some(&start));
    assert_eq!(
        tab_at_column(&tabs, 48, 40, 0, 39),
        Some(49),
        "the > mark goes to the hidden tab on the right"
    );
}

#[test]
fn loading_tabs_spin_failed_ones_are_marked_and_hostile_titles_show_no_control() {
    let theme = Theme::colour();
    let tabs = vec![
        TabLabel {
            title: "loads".into(),
            loading: true,
            failed: false,
        },
        TabLabel {
            title: "broke".into(),
            loading: false,
            failed: true,
        },
        label("\u{1b}]0;owned\u{7}evil\u{1b}[2Jtitle\r\n"),
    ];
    let text = row(&draw(&tabs, 2, 40, &theme));
    assert!(text.starts_with(" ⠋ loads  ! broke  "), "{text}");
    assert!(text.contains("eviltitle"), "{text}");
    assert!(!text.chars().any(char::is_control), "{text:?}");
    let next_frame = tab_bar_line(&tabs, 2, 40, 1, &theme).to_string();
    assert!(next_frame.starts_with(" ⠙ loads"), "{next_frame}");
}

#[test]
fn under_no_color_the_bar_has_no_colour_and_the_current_tab_is_reversed() {
    let theme = Theme::monochrome();
    let tabs = labels(&["one", "two", "three"]);
    let buffer = draw(&tabs, 1, 30, &theme);
    assert_eq!(row(&buffer), " one  two  three              ");
    for x in 0..30 {
        let cell = buffer.cell((x, 0)).expect("cell");
        assert_eq!(
            (cell.fg, cell.bg),
            (Color::Reset, Color::Reset),
            "column {x}"
        );
        let reversed = cell.modifier.contains(Modifier::REVERSED);
        assert_eq!(reversed, (5..10).contains(&x), "column {x}");
    }
}

#[test]
fn a_click_on_any_column_finds_the_tab_drawn_there_and_a_scroll_mark_the_nearest_hidden_one() {
    let theme = Theme::colour();
    let titles: Vec<String> = (0..12).map(|n| format!("page {n}")).collect();
    let tabs: Vec<TabLabel> = titles.iter().map(|t| label(t)).collect();
    for (current, width) in [(0, 20), (6, 40), (11, 33), (3, 200)] {
        let text = row(&draw(&tabs, current, width, &theme));
        for column in 0..width {
            let at = usize::from(column);
            let drawn = |n: usize| text.contains(&format!(" page {n} "));
            let first = (0..tabs.len()).find(|&n| drawn(n)).expect("one is drawn");
            let last = (0..tabs.len())
                .rev()
                .find(|&n| drawn(n))
                .expect("one is drawn");
            let expected = match text.as_bytes()[at] {
                b'<' if at == 0 => Some(first - 1),
                b'>' if at + 1 == text.len() => Some(last + 1),
                _ => (0..tabs.len()).find(|&n| {
                    let cell = format!(" page {n} ");
                    text.match_indices(&cell)
                        .any(|(start, _)| (start..start + cell.len()).contains(&at))
                }),
            };
            assert_eq!(
                tab_at_column(&tabs, current, usize::from(width), 0, column),
                expected,
                "column {column} of {text:?}"
            );
        }
    }
}
