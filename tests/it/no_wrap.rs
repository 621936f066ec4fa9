//! Wrapping off for ASCII art and tables (`W`), with sideways scrolling (`>`, `<`, the
//! horizontal wheel): one row per line, the row position, End and find agreeing with that, the
//! columns shown in the status bar, a table drawn intact, and the choice kept with its page.

use crate::harness::driver::*;
use burrow::app::input::Key;
use burrow::app::sideways::NO_WRAP;
use burrow::app::{App, AppConfig, Msg};

const TEXT: &str = "gopher://h.example/0/table.txt";

/// An ASCII table 120 columns wide, with a long prose line after it.
fn table() -> Vec<u8> {
    let border = format!("+{}+", "-".repeat(118));
    let header = format!("| {:<20}| {:<50}| {:<43}|", "host", "selector", "notes");
    let mut out = format!("{border}\r\n{header}\r\n{border}\r\n");
    for i in 0..5 {
        let row = format!(
            "| {:<20}| {:<50}| {:<43}|",
            format!("host{i}.example"),
            format!("/1/archive/{i}"),
            format!("row {i} ends here")
        );
        out.push_str(&row);
        out.push_str("\r\n");
    }
    out.push_str(&border);
    out.push_str("\r\n");
    out.push_str(&"prose that goes on ".repeat(20));
    out.push_str("\r\n.\r\n");
    out.into_bytes()
}

fn table_app() -> App {
    let mut app = app();
    show(&mut app, TEXT, &table());
    app
}

/// What the status bar says when no notice covers it: the row position and the columns.
fn status(app: &App) -> String {
    burrow::ui::status::idle_status(app)
}

#[test]
fn w_turns_wrapping_off_so_every_line_is_one_row_and_on_again() {
    let mut app = table_app();
    assert!(
        status(&app).contains("Row 1 of 23 (95%)"),
        "{}",
        status(&app)
    );
    keys(&mut app, &[Key::Char('W')]);
    assert_eq!(app.tab.page.sideways, Some(0));
    assert_eq!(app.viewport().width, NO_WRAP);
    assert!(notice(&app).starts_with("Wrapping off: < and > scroll sideways"));
    let status_line = status(&app);
    assert!(
        status_line.contains("Row 1 of 10 (100%), cols 1\u{2013}80"),
        "{status_line}"
    );
    keys(&mut app, &[Key::Char('W')]);
    assert_eq!(app.tab.page.sideways, None);
    assert_eq!(notice(&app), "Wrapping on");
    assert!(status(&app).contains("Row 1 of 23 (95%)"));
}

#[test]
fn an_ascii_table_keeps_one_row_per_line_with_a_mark_where_it_goes_on() {
    let mut app = table_app();
    // Wrapped, the table's rows break across the screen.
    let wrapped = screen_rows(&app);
    assert!(wrapped[3].starts_with("| host"), "{wrapped:?}");
    assert!(wrapped[4].starts_with("notes"));
    keys(&mut app, &[Key::Char('W')]);
    let rows = screen_rows(&app);
    let border = format!("+{}>", "-".repeat(78));
    assert_eq!(rows[1], border);
    assert_eq!(
        rows[2],
        format!("| {:<20}| {:<50}| {:<3}>", "host", "selector", "not")
    );
    for i in 0..5 {
        assert!(
            rows[4 + i].starts_with(&format!(
                "| {:<20}| /1/archive/{i} ",
                format!("host{i}.example")
            )),
            "{}",
            rows[4 + i]
        );
        assert!(rows[4 + i].ends_with('>'));
        assert_eq!(rows[4 + i].chars().count(), 80);
    }
    assert_eq!(rows[9], border);
    // Sideways: half the width at a time, until the widest line's end is in the window.
    keys(&mut app, &[Key::Char('>')]);
    assert!(
        status(&app).contains("cols 41\u{2013}120"),
        "{}",
        status(&app)
    );
    let rows = screen_rows(&app);
    assert!(rows[4].ends_with(&format!("| {:<43}|", "row 0 ends here")));
    assert!(rows[4].starts_with(&" ".repeat(20)), "{}", rows[4]);
    keys(&mut app, &[Key::Char('<')]);
    assert!(status(&app).contains("cols 1\u{2013}80"));
    keys(&mut app, &[Key::Char('<')]);
    assert_eq!(notice(&app), "Already at the left edge of the lines shown");
}

#[test]
fn scrolling_right_stops_once_the_widest_line_on_screen_ends_in_the_window() {
    let mut app = table_app();
    keys(&mut app, &[Key::Char('W')]);
    // The prose line (380 columns) is on screen: it sets how far right the window goes.
    for _ in 0..20 {
        keys(&mut app, &[Key::Char('>')]);
    }
    assert_eq!(app.tab.page.sideways, Some(380 - 80));
    assert_eq!(notice(&app), "Already at the right edge of the lines shown");
    let rows = screen_rows(&app);
    let prose = "prose that goes on ".repeat(20);
    assert_eq!(rows[10], prose[300..].trim_end());
}

#[test]
fn the_horizontal_wheel_scrolls_a_few_columns_and_says_nothing_at_an_edge() {
    let mut app = table_app();
    app.update(Msg::ScrollSideways(8));
    assert_eq!(app.tab.page.sideways, None, "the text wraps");
    assert_eq!(notice(&app), "");
    keys(&mut app, &[Key::Char('W'), Key::Esc]);
    app.update(Msg::ScrollSideways(8));
    assert_eq!(app.tab.page.sideways, Some(8));
    app.update(Msg::ScrollSideways(-16));
    assert_eq!(app.tab.page.sideways, Some(0));
    app.update(Msg::ScrollSideways(-8));
    assert_eq!(app.tab.page.sideways, Some(0));
    assert!(!notice(&app).contains("edge"), "{}", notice(&app));
}

#[test]
fn end_and_the_row_position_count_one_row_per_line_with_wrapping_off() {
    let mut app = App::new(AppConfig::default(), (40, 8));
    let long: String = (0..200)
        .map(|i| format!("{i:03} {}\r\n", "word ".repeat(20)))
        .collect();
    show(&mut app, TEXT, format!("{long}.\r\n").as_bytes());
    keys(&mut app, &[Key::Char('W'), Key::End]);
    // 200 lines, 6 rows on screen: the last six lines, one row each.
    assert_eq!(app.tab.page.top.line, 194);
    assert_eq!(app.tab.page.top.row, 0);
    let rows = screen_rows(&app);
    assert!(rows[1].starts_with("194 word"), "{rows:?}");
    assert!(rows[6].starts_with("199 word"));
    assert!(
        status(&app).contains("Row 195 of 200 (100%)"),
        "{}",
        status(&app)
    );
    keys(&mut app, &[Key::Home, Key::PageDown]);
    assert_eq!(app.tab.page.top.line, 6);
    // Wrapping on again: the top line stays the top line.
    keys(&mut app, &[Key::Char('W')]);
    assert_eq!((app.tab.page.top.line, app.tab.page.top.row), (6, 0));
}

#[test]
fn find_scrolls_sideways_to_show_a_match_beyond_the_window() {
    let mut app = table_app();
    keys(&mut app, &[Key::Char('W')]);
    keys(&mut app, &[Key::Char('/')]);
    type_text(&mut app, "row 3 ends");
    let offset = app.tab.page.sideways.expect("wrapping is off");
    // The match (columns 76-85 of line 6) is inside the window, which starts left of it.
    assert!(offset <= 75 && 85 <= offset + 79, "offset {offset}");
    let rows = screen_rows(&app);
    assert!(rows[7].contains("row 3 ends"), "{rows:?}");
    // Back to a match near the left edge: the window comes back.
    keys(&mut app, &[Key::Enter, Key::Char('/')]);
    type_text(&mut app, "host1");
    assert_eq!(app.tab.page.sideways, Some(0));
    assert!(screen_rows(&app)[5].starts_with("| host1.example"));
}

#[test]
fn wrapping_off_stays_with_its_page_in_back_and_forward_and_a_new_page_wraps() {
    let mut app = table_app();
    keys(&mut app, &[Key::Char('W'), Key::Char('>')]);
    show(
        &mut app,
        "gopher://h.example/0/other.txt",
        b"Another page.\r\n.\r\n",
    );
    assert_eq!(app.tab.page.sideways, None, "a new page wraps");
    keys(&mut app, &[Key::Left]);
    assert_eq!(app.tab.page.location.to_string(), TEXT);
    assert_eq!(app.tab.page.sideways, Some(40), "kept with its page");
    // A reload keeps it too.
    let commands = keys(&mut app, &[Key::Char('r')]);
    let (id, _) = fetched(&commands);
    reply(&mut app, id, &table());
    assert_eq!(app.tab.page.sideways, Some(40));
}

#[test]
fn w_and_the_sideways_keys_say_what_they_are_for_on_a_menu() {
    let mut app = app();
    show(
        &mut app,
        "gopher://h.example/1/",
        b"0Notes\t/notes\th.example\t70\r\n.\r\n",
    );
    keys(&mut app, &[Key::Char('W')]);
    assert_eq!(notice(&app), "W turns wrapping off on text pages");
    keys(&mut app, &[Key::Char('>')]);
    assert_eq!(
        notice(&app),
        "Sideways scrolling is for text pages with wrapping off"
    );
    let mut text = table_app();
    keys(&mut text, &[Key::Char('>')]);
    assert_eq!(
        notice(&text),
        "The text wraps: W turns wrapping off to scroll sideways"
    );
}

#[test]
fn a_wide_character_cut_by_the_left_edge_is_drawn_blank() {
    let mut app = App::new(AppConfig::default(), (20, 6));
    // `a`, then twenty CJK characters of two columns each: the fifth, `五`, takes columns
    // 9 and 10, the sixth, `六`, 11 and 12.
    let cjk = "\u{4e00}\u{4e8c}\u{4e09}\u{56db}\u{4e94}\u{516d}\u{4e03}\u{516b}\u{4e5d}\u{5341}";
    let line = format!("a{cjk}{cjk}\r\n.\r\n");
    show(&mut app, TEXT, line.as_bytes());
    keys(&mut app, &[Key::Char('W'), Key::Char('>')]);
    assert_eq!(app.tab.page.sideways, Some(10));
    let rows = screen_rows(&app);
    // The window starts inside `五`: its visible half is blank, then `六` whole.
    // (A test buffer reads a wide character's second cell as a space.)
    assert!(rows[1].starts_with(" \u{516d} \u{4e03}"), "{:?}", rows[1]);
    assert_no_control_characters(&draw(&app), "sideways");
}

#[test]
fn a_text_link_beyond_the_window_is_scrolled_to_by_its_key_and_followed_by_a_click() {
    let mut app = app();
    let line = format!(
        "{} gopher://h.example/0/far.txt end\r\n.\r\n",
        "x".repeat(100)
    );
    show(&mut app, TEXT, line.as_bytes());
    keys(&mut app, &[Key::Char('W'), Key::Char(']')]);
    assert_eq!(app.tab.page.selected_link, Some(0));
    let offset = app.tab.page.sideways.expect("wrapping is off");
    // The URL (columns 101-129) is inside the window now.
    assert!(offset <= 101 && 129 <= offset + 79, "offset {offset}");
    let rows = screen_rows(&app);
    assert!(rows[1].contains("gopher://h.example/0/far.txt"), "{rows:?}");
    // A click on the URL where it is drawn (row 1 is the first row of text) follows it.
    let column = (101 - offset + 3) as u16;
    let (_, url) = fetched(&app.update(Msg::Click { column, row: 1 }));
    assert_eq!(url.to_string(), "gopher://h.example/0/far.txt");
    // A click left of it, on the x's, follows nothing.
    keys(&mut app, &[Key::Esc]);
    let commands = app.update(Msg::Click {
        column: (101 - offset - 3) as u16,
        row: 1,
    });
    assert!(
        !commands
            .iter()
            .any(|c| matches!(c, burrow::app::Command::Fetch { .. })),
        "{commands:?}"
    );
}

#[test]
fn with_wrapping_off_a_table_uses_the_whole_window_even_with_a_reading_width() {
    let config = AppConfig {
        wrap_width: 60,
        center: true,
        ..AppConfig::default()
    };
    let mut app = App::new(config, (100, 24));
    show(&mut app, TEXT, &table());
    keys(&mut app, &[Key::Char('W')]);
    let rows = screen_rows(&app);
    // Row 1 is the first border: it starts at the left edge and fills all 100 columns.
    assert!(rows[1].starts_with("+---"), "{:?}", rows[1]);
    assert_eq!(rows[1].chars().count(), 100, "{:?}", rows[1]);
    assert!(
        status(&app).contains("cols 1\u{2013}100"),
        "{}",
        status(&app)
    );
    keys(&mut app, &[Key::Char('W')]);
    assert!(
        screen_rows(&app)[1].starts_with(&" ".repeat(20)),
        "wrapped again in the centred 60-column reading column"
    );
}

#[test]
fn widening_the_window_brings_hidden_columns_back_instead_of_showing_blank_ones() {
    let mut app = table_app();
    keys(&mut app, &[Key::Char('W')]);
    for _ in 0..20 {
        keys(&mut app, &[Key::Char('>')]);
    }
    assert_eq!(app.tab.page.sideways, Some(380 - 80));
    app.update(Msg::Resize(200, 24));
    assert_eq!(app.tab.page.sideways, Some(380 - 200));
    app.update(Msg::Resize(400, 24));
    assert_eq!(
        app.tab.page.sideways,
        Some(0),
        "everything fits: nothing hidden"
    );
}

#[test]
fn on_a_narrowed_text_the_sideways_keys_measure_the_lines_the_view_shows() {
    let mut app = app();
    let mut text: String = (0..40).map(|n| format!("short {n}\r\n")).collect();
    text.push_str(&format!("wide {}\r\n", "x".repeat(300)));
    show(&mut app, TEXT, text.as_bytes());
    keys(&mut app, &[Key::Char('W'), Key::Char('&')]);
    type_text(&mut app, "wide");
    keys(&mut app, &[Key::Enter, Key::Char('>')]);
    assert_eq!(
        app.tab.page.sideways,
        Some(40),
        "half of 80 columns to the right"
    );
}

#[test]
fn a_click_on_the_continuation_mark_scrolls_there_instead_of_following_what_it_covers() {
    let mut app = app();
    let line = format!(
        "{} gopher://h.example/1/HIDDEN{}\r\n.\r\n",
        "b".repeat(117),
        "c".repeat(40)
    );
    show(&mut app, TEXT, line.as_bytes());
    keys(&mut app, &[Key::Char('W'), Key::Char('>')]);
    assert_eq!(app.tab.page.sideways, Some(40));
    assert!(screen_rows(&app)[1].ends_with('>'), "the mark is drawn");
    let commands = app.update(Msg::Click { column: 79, row: 1 });
    assert!(
        !commands
            .iter()
            .any(|c| matches!(c, burrow::app::Command::Fetch { .. })),
        "{commands:?}"
    );
    assert_eq!(
        app.tab.page.sideways,
        Some(80),
        "scrolled on by half the window"
    );
}
