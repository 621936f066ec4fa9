//! Finding and reaching things on a page: find as you type with highlights and n/N, link
//! numbers (digits then Enter, or a pause when unambiguous), item info and copying URLs.
//! State-machine and screen (TestBackend) level.

use crate::harness::driver::{app, draw, fetched, keys, notice, screen_rows, show, type_text};
use burrow::app::input::Key;
use burrow::app::{Command, Msg};
use burrow::ui::Theme;

fn menu_of_links(count: usize) -> Vec<u8> {
    let mut menu = b"iLinks below\t\tx\t0\r\n".to_vec();
    for n in 1..=count {
        menu.extend(format!("0Item {n}\t/item/{n}\tgopher.example\t70\r\n").as_bytes());
    }
    menu.extend(b".\r\n");
    menu
}

fn text_page(lines: usize) -> Vec<u8> {
    let mut text = Vec::new();
    for n in 1..=lines {
        let line = if n == 150 {
            "line 150 has the Gopher word".to_owned()
        } else if n == 40 {
            "line 40: a gopher lives here, gopher!".to_owned()
        } else {
            format!("line {n}")
        };
        text.extend(line.as_bytes());
        text.extend(b"\r\n");
    }
    text
}

#[test]
fn find_moves_to_the_first_match_as_you_type_and_highlights_it() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/0/text", &text_page(200));
    keys(&mut app, &[Key::Char('/')]);
    type_text(&mut app, "gop");
    let find = app.tab.find.clone().expect("a find is active");
    assert_eq!(
        find.current.map(|m| m.line),
        Some(39),
        "line 40 is index 39"
    );
    assert!(app.tab.page.top.line <= 39 && 39 < app.tab.page.top.line + 22);
    let buffer = draw(&app);
    let screen = screen_rows(&app);
    let y = screen
        .iter()
        .position(|r| r.starts_with("line 40:"))
        .expect("the match is on screen") as u16;
    let highlighted: String = (0..80)
        .filter_map(|x| buffer.cell((x, y)))
        .filter(|c| c.style().bg == Theme::colour().search_match.bg)
        .map(|c| c.symbol().to_owned())
        .collect();
    assert_eq!(highlighted, "gopgop", "both matches on the line are marked");
}

#[test]
fn n_and_shift_n_step_through_matches_and_wrap() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/0/text", &text_page(200));
    keys(&mut app, &[Key::Char('/')]);
    type_text(&mut app, "gopher");
    keys(&mut app, &[Key::Enter]);
    assert!(
        app.prompt().is_none(),
        "Enter closes the prompt, the find stays"
    );
    let at = |app: &burrow::app::App| {
        let m = app
            .tab
            .find
            .as_ref()
            .and_then(|f| f.current.clone())
            .expect("a match");
        (m.line, m.range.start)
    };
    assert_eq!(at(&app), (39, 11));
    keys(&mut app, &[Key::Char('n')]);
    assert_eq!(at(&app), (39, 30));
    keys(&mut app, &[Key::Char('n')]);
    assert_eq!(
        at(&app),
        (149, 17),
        "case-insensitive: Gopher matches gopher"
    );
    keys(&mut app, &[Key::Char('n')]);
    assert_eq!(at(&app), (39, 11));
    assert!(notice(&app).contains("wrapped"));
    keys(&mut app, &[Key::Char('N')]);
    assert_eq!(at(&app), (149, 17));
    keys(&mut app, &[Key::Esc]);
    assert!(app.tab.find.is_none(), "Esc ends the search");
}

#[test]
fn a_capital_letter_makes_the_search_case_sensitive_and_misses_are_reported() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/0/text", &text_page(200));
    keys(&mut app, &[Key::Char('/')]);
    type_text(&mut app, "Gopher");
    assert_eq!(
        app.tab
            .find
            .as_ref()
            .and_then(|f| f.current.clone())
            .map(|m| m.line),
        Some(149)
    );
    type_text(&mut app, "zzz");
    assert!(screen_rows(&app)[23].starts_with("Find (not found): Gopherzzz"));
    keys(&mut app, &[Key::Enter]);
    assert!(notice(&app).contains("Not found: Gopherzzz"));
}

#[test]
fn escape_in_the_find_prompt_ends_the_search() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/0/text", &text_page(200));
    keys(&mut app, &[Key::Char('/')]);
    type_text(&mut app, "line 1");
    keys(&mut app, &[Key::Esc]);
    assert!(app.prompt().is_none() && app.tab.find.is_none());
}

#[test]
fn find_in_a_menu_selects_the_matching_link() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/", &menu_of_links(60));
    keys(&mut app, &[Key::Char('/')]);
    type_text(&mut app, "item 42");
    keys(&mut app, &[Key::Enter]);
    assert_eq!(app.tab.page.cursor, 42, "line 0 is the info line");
    let screen = screen_rows(&app);
    assert!(screen.iter().any(|r| r.contains("Item 42")));
}

#[test]
fn typing_a_link_number_selects_it_and_enter_opens_it() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/", &menu_of_links(30));
    assert!(
        type_text(&mut app, "1").is_empty(),
        "1 is ambiguous with 30 links"
    );
    assert_eq!(app.tab.page.cursor, 1);
    assert!(
        type_text(&mut app, "2")
            .iter()
            .any(|c| matches!(c, Command::WakeAfter { .. }))
    );
    assert_eq!(app.tab.page.cursor, 12);
    let (_, url) = fetched(&keys(&mut app, &[Key::Enter]));
    assert_eq!(url.to_string(), "gopher://gopher.example/0/item/12");
}

#[test]
fn an_unambiguous_number_opens_after_the_pause_unless_more_is_typed() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/", &menu_of_links(30));
    let commands = type_text(&mut app, "7");
    let Some(Command::WakeAfter { token, after_ms }) = commands.first().cloned() else {
        panic!("7 of 30 is unambiguous: a pause timer starts, got {commands:?}");
    };
    assert!(after_ms > 0 && after_ms < 2000);
    let (_, url) = fetched(&app.update(Msg::Wake(token)));
    assert_eq!(url.to_string(), "gopher://gopher.example/0/item/7");

    let mut app = crate::harness::driver::app();
    show(&mut app, "gopher://gopher.example/", &menu_of_links(30));
    let Some(Command::WakeAfter { token, .. }) = type_text(&mut app, "4").first().cloned() else {
        panic!("4 of 30 is unambiguous");
    };
    keys(&mut app, &[Key::Backspace]);
    assert!(
        app.update(Msg::Wake(token)).is_empty(),
        "a stale timer opens nothing"
    );
}

#[test]
fn a_number_beyond_the_links_is_refused_and_other_keys_cancel_the_entry() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/", &menu_of_links(5));
    assert!(type_text(&mut app, "9").is_empty());
    assert!(notice(&app).contains("No link 9: this page has 5"));
    // Enter after a wrong number opens nothing (not the link selected before).
    assert_eq!(keys(&mut app, &[Key::Enter]), Vec::new());
    // A valid first digit then a wrong second one: Enter still opens nothing.
    type_text(&mut app, "3");
    assert_eq!(app.tab.page.cursor, 3);
    type_text(&mut app, "7");
    assert!(notice(&app).contains("No link 37"), "{}", notice(&app));
    assert_eq!(keys(&mut app, &[Key::Enter]), Vec::new());
    // Zero is no link either.
    type_text(&mut app, "0");
    assert_eq!(keys(&mut app, &[Key::Enter]), Vec::new());
    // Backspace corrects the entry back to a valid number.
    type_text(&mut app, "37");
    keys(&mut app, &[Key::Backspace]);
    let (_, url) = fetched(&keys(&mut app, &[Key::Enter]));
    assert_eq!(url.to_string(), "gopher://gopher.example/0/item/3");
    show(&mut app, "gopher://gopher.example/", &menu_of_links(5));
    type_text(&mut app, "2");
    keys(&mut app, &[Key::Esc]);
    assert!(app.tab.link_entry.is_none());
    assert!(
        keys(&mut app, &[Key::Enter]).len() == 1,
        "Enter follows the selected link"
    );
}

#[test]
fn link_numbers_show_in_their_own_column_when_turned_on() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/", &menu_of_links(12));
    assert!(!screen_rows(&app)[2].starts_with(" 1"));
    keys(&mut app, &[Key::Char('#')]);
    let screen = screen_rows(&app);
    assert_eq!(screen[1], "          Links below");
    assert_eq!(screen[2], " 1    TXT Item 1");
    assert_eq!(screen[13], "12    TXT Item 12");
}

#[test]
fn item_info_shows_type_host_port_escaped_selector_and_url() {
    let mut app = app();
    show(
        &mut app,
        "gopher://gopher.example/",
        b"9Tool \x1b[31mred\tsel\x1b]0;x\x07ector\tfiles.example\t7070\r\n",
    );
    keys(&mut app, &[Key::Char('i')]);
    let screen = screen_rows(&app).join("\n");
    for expected in [
        "Selected item",
        "Type:      9 (BIN)",
        "Host:      files.example",
        "Port:      7070",
        "Selector:  sel\\x1B]0;x\\x07ector",
        "URL:       gopher://files.example:7070/9sel%1B%5D0;x%07ector",
    ] {
        assert!(
            screen.contains(expected),
            "{expected:?} missing from\n{screen}"
        );
    }
    keys(&mut app, &[Key::Char('j')]);
    assert!(app.overlay().is_none(), "any key closes the box");
}

#[test]
fn copying_sends_the_selected_links_url_or_the_pages() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/", &menu_of_links(3));
    keys(&mut app, &[Key::Down]);
    assert_eq!(
        keys(&mut app, &[Key::Char('y')]),
        vec![Command::CopyToClipboard(
            "gopher://gopher.example/0/item/2".into()
        )]
    );
    assert!(notice(&app).contains("Sent gopher://gopher.example/0/item/2 to the terminal's"));
    assert_eq!(
        keys(&mut app, &[Key::Char('Y')]),
        vec![Command::CopyToClipboard("gopher://gopher.example/".into())]
    );
}

#[test]
fn in_text_the_match_being_shown_stands_out_from_the_others_and_its_ordinal_is_given() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/0/text", &text_page(200));
    keys(&mut app, &[Key::Char('/')]);
    type_text(&mut app, "gopher");
    keys(&mut app, &[Key::Enter]);
    let rows = screen_rows(&app);
    let status = rows.last().cloned().unwrap_or_default();
    // "gopher" ignores case: line 40 has two matches and line 150 one.
    assert!(status.contains("match 1 of 3 "), "{status}");
    let (y, row) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.contains("a gopher lives here"))
        .expect("line 40 on screen");
    let first = row.find("gopher").expect("first match") as u16;
    let second = row.rfind("gopher").expect("second match") as u16;
    let buffer = draw(&app);
    let style_at = |x: u16| buffer.cell((x, y as u16)).map(|c| c.style()).expect("cell");
    let bold = ratatui::style::Modifier::BOLD;
    assert!(
        style_at(first).add_modifier.contains(bold),
        "the current match"
    );
    assert!(
        !style_at(second).add_modifier.contains(bold),
        "another match"
    );
    assert_eq!(style_at(second).bg, Theme::colour().search_match.bg);
    // n moves the emphasis to the next match.
    keys(&mut app, &[Key::Char('n')]);
    let buffer = draw(&app);
    let style_at = |x: u16| buffer.cell((x, y as u16)).map(|c| c.style()).expect("cell");
    assert!(style_at(second).add_modifier.contains(bold));
    assert!(!style_at(first).add_modifier.contains(bold));
    let status = screen_rows(&app).last().cloned().unwrap_or_default();
    assert!(status.contains("match 2 of 3 "), "{status}");
    keys(&mut app, &[Key::Char('n'), Key::Char('n')]);
    assert_eq!(notice(&app), "Search wrapped to the top: match 1 of 3");
    keys(&mut app, &[Key::Char('N')]);
    assert_eq!(notice(&app), "Search wrapped to the bottom: match 3 of 3");
}

/// The token of the last zero-delay wake in `commands` (the one that continues counting).
fn count_wake(commands: &[Command]) -> Option<u64> {
    commands.iter().rev().find_map(|c| match c {
        Command::WakeAfter { token, after_ms: 0 } => Some(*token),
        _ => None,
    })
}

#[test]
fn on_a_page_larger_than_a_slice_a_key_reads_one_slice_and_wakes_count_the_rest() {
    // About 4 MiB of text with "needle" only on the last line.
    let mut text = Vec::new();
    for n in 0..80_000 {
        text.extend(
            format!("line {n:06} of filler text that does not match anything\r\n").as_bytes(),
        );
    }
    text.extend(b"the needle is here\r\n");
    let mut app = app();
    show(&mut app, "gopher://gopher.example/0/big", &text);
    keys(&mut app, &[Key::Char('/')]);
    let commands = type_text(&mut app, "needle");
    let mut wake = count_wake(&commands).expect("counting goes on after the key");
    let find = app.tab.find.clone().expect("find");
    assert_eq!(find.current, None, "not reached yet");
    let status = screen_rows(&app).last().cloned().unwrap_or_default();
    assert!(status.starts_with("Find (searching): needle"), "{status}");
    let mut steps = 0;
    loop {
        steps += 1;
        assert!(steps < 100, "the count ends");
        match count_wake(&app.update(Msg::Wake(wake))) {
            Some(next) => wake = next,
            None => break,
        }
    }
    assert!(steps >= 3, "{steps} slices");
    let find = app.tab.find.clone().expect("find");
    assert_eq!(find.current.map(|m| m.line), Some(80_000));
    keys(&mut app, &[Key::Enter]);
    let status = screen_rows(&app).last().cloned().unwrap_or_default();
    assert!(status.contains("match 1 of 1 "), "{status}");

    // A query that is nowhere: "not found" only once the whole page was read.
    keys(&mut app, &[Key::Char('/')]);
    let mut wake = count_wake(&type_text(&mut app, "absent")).expect("counting");
    assert!(screen_rows(&app)[23].starts_with("Find (searching): absent"));
    while let Some(next) = count_wake(&app.update(Msg::Wake(wake))) {
        wake = next;
    }
    assert!(screen_rows(&app)[23].starts_with("Find (not found): absent"));
}

#[test]
fn an_old_wake_after_the_query_changed_does_not_count_for_the_new_one() {
    let mut text = Vec::new();
    for n in 0..40_000 {
        text.extend(
            format!("line {n:06} of filler text, quite long, for two slices\r\n").as_bytes(),
        );
    }
    let mut app = app();
    show(&mut app, "gopher://gopher.example/0/big", &text);
    keys(&mut app, &[Key::Char('/')]);
    let old = count_wake(&type_text(&mut app, "f")).expect("counting");
    let new = count_wake(&type_text(&mut app, "i")).expect("counting again");
    assert_ne!(old, new);
    assert!(app.update(Msg::Wake(old)).is_empty());
    assert_eq!(count_wake(&app.update(Msg::Wake(new))), Some(new));
}

#[test]
fn a_menu_shows_the_selected_items_position_at_the_right_of_the_status_bar() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/", &menu_of_links(1500));
    let status = screen_rows(&app)[23].clone();
    assert!(
        status.starts_with("gopher://gopher.example/0/item/1 "),
        "{status}"
    );
    assert!(status.ends_with("item 1 of 1,500"), "{status}");
    assert_eq!(status.chars().count(), 80);
    keys(&mut app, &[Key::End]);
    assert!(screen_rows(&app)[23].ends_with("item 1,500 of 1,500"));
}

#[test]
fn in_a_menu_the_match_being_shown_stands_out_from_the_others() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/", &menu_of_links(20));
    keys(&mut app, &[Key::Char('/')]);
    type_text(&mut app, "item 1");
    let rows = screen_rows(&app);
    let y_of = |text: &str| rows.iter().position(|r| r.ends_with(text)).expect("row") as u16;
    let (current, other) = (y_of("Item 1"), y_of("Item 12"));
    let x = rows[usize::from(current)].find("Item").expect("text") as u16;
    let buffer = draw(&app);
    let bold = |y: u16| {
        buffer.cell((x, y)).is_some_and(|c| {
            c.style()
                .add_modifier
                .contains(ratatui::style::Modifier::BOLD)
        })
    };
    assert!(bold(current), "the match shown");
    assert!(!bold(other), "another match");
    assert!(screen_rows(&app)[23].starts_with("Find: item 1"));
    keys(&mut app, &[Key::Enter]);
    assert!(screen_rows(&app)[23].contains("match 1 of 11 "));
}

#[test]
fn the_text_position_counts_screen_rows_so_long_lines_do_not_read_100_percent_at_the_top() {
    // Eight lines of 4,000 characters: 50 rows each at 80 columns.
    let line = "word ".repeat(800);
    let text: String = (0..8).map(|_| format!("{line}\r\n")).collect();
    let mut app = app();
    show(&mut app, "gopher://gopher.example/0/long", text.as_bytes());
    let status = screen_rows(&app)[23].clone();
    // 400 rows, 22 on screen.
    assert!(status.starts_with("Row 1 of 400 (5%)"), "{status}");
    keys(&mut app, &[Key::PageDown]);
    let status = screen_rows(&app)[23].clone();
    assert!(status.starts_with("Row 23 of 400 (11%)"), "{status}");
    keys(&mut app, &[Key::End]);
    let status = screen_rows(&app)[23].clone();
    assert!(status.starts_with("Row 379 of 400 (100%)"), "{status}");
}
