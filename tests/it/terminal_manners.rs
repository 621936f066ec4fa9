//! Update tests for what arrives from the terminal besides keys: pasted text, clicks and
//! resizes, and the keys that ask the runtime for the terminal (Ctrl-Z, Ctrl-L).

use crate::harness::driver::*;
use burrow::app::input::Key;
use burrow::app::{Command, ConfirmAction, Msg, PromptPurpose};

/// Ten links, "Entry 0" to "Entry 9", behind an info line.
fn ten_links() -> Vec<u8> {
    let mut menu = b"iTen entries\tfake\t(NULL)\t0\r\n".to_vec();
    for i in 0..10 {
        menu.extend_from_slice(format!("0Entry {i}\t/{i}\texample.org\t70\r\n").as_bytes());
    }
    menu.extend_from_slice(b".\r\n");
    menu
}

fn prompt_text(app: &burrow::app::App) -> Option<String> {
    app.prompt().map(|p| p.editor.text().to_owned())
}

fn selected(app: &burrow::app::App) -> String {
    app.selected_item()
        .map(|item| item.display.to_owned())
        .unwrap_or_default()
}

#[test]
fn a_paste_while_browsing_opens_go_to_holding_it_and_a_pasted_q_never_quits() {
    let mut app = app();
    show(&mut app, "gopher://example.org/", &ten_links());
    let commands = app.update(Msg::Paste("quux.org".to_owned()));
    assert!(!commands.contains(&Command::Quit), "{commands:?}");
    let prompt = app.prompt().expect("Go to opened");
    assert_eq!(prompt.purpose, PromptPurpose::GoTo);
    assert_eq!(prompt.editor.text(), "quux.org");

    let mut fresh = self::app();
    let commands = fresh.update(Msg::Paste("q".to_owned()));
    assert!(!commands.contains(&Command::Quit), "{commands:?}");
    assert_eq!(prompt_text(&fresh).as_deref(), Some("q"));
}

#[test]
fn a_paste_into_a_prompt_is_one_piece_without_line_breaks_and_never_submits() {
    let mut app = app();
    keys(&mut app, &[Key::Char('g')]);
    type_text(&mut app, "gopher://");
    let commands = app.update(Msg::Paste("example.org/1/docs\r\n".to_owned()));
    assert!(
        commands.is_empty(),
        "the line break submitted: {commands:?}"
    );
    assert_eq!(
        prompt_text(&app).as_deref(),
        Some("gopher://example.org/1/docs")
    );
    // The cursor is after the pasted text: typing goes on from there.
    type_text(&mut app, "/more");
    assert_eq!(
        prompt_text(&app).as_deref(),
        Some("gopher://example.org/1/docs/more")
    );
    let (_, url) = fetched(&keys(&mut app, &[Key::Enter]));
    assert_eq!(url.to_string(), "gopher://example.org/1/docs/more");
}

#[test]
fn a_paste_into_find_searches_as_typing_would() {
    let mut app = app();
    show(&mut app, "gopher://example.org/", &ten_links());
    keys(&mut app, &[Key::Char('/')]);
    app.update(Msg::Paste("Entry 7\n".to_owned()));
    assert_eq!(prompt_text(&app).as_deref(), Some("Entry 7"));
    assert_eq!(selected(&app), "Entry 7");
}

#[test]
fn a_paste_never_answers_a_yes_no_question() {
    let mut app = app();
    keys(&mut app, &[Key::Char('X')]);
    assert!(matches!(
        app.question().map(|c| &c.action),
        Some(ConfirmAction::ClearHistory)
    ));
    let commands = app.update(Msg::Paste("y".to_owned()));
    assert!(commands.is_empty(), "{commands:?}");
    assert!(app.question().is_some(), "the question is still open");
    assert!(app.prompt().is_none());
}

#[test]
fn a_click_selects_a_link_and_a_click_on_the_selected_link_follows_it() {
    let mut app = app();
    show(&mut app, "gopher://example.org/", &ten_links());
    assert_eq!(selected(&app), "Entry 0");
    // Row 0 is the title bar; row 1 shows the info line, row 2 Entry 0, row 5 Entry 3.
    let commands = app.update(Msg::Click { column: 10, row: 5 });
    assert!(commands.is_empty(), "{commands:?}");
    assert_eq!(selected(&app), "Entry 3");
    // A click on the info line or below the menu changes nothing.
    app.update(Msg::Click { column: 10, row: 1 });
    app.update(Msg::Click {
        column: 10,
        row: 20,
    });
    app.update(Msg::Click { column: 10, row: 0 });
    assert_eq!(selected(&app), "Entry 3");
    let (_, url) = fetched(&app.update(Msg::Click { column: 3, row: 5 }));
    assert_eq!(url.to_string(), "gopher://example.org/0/3");
}

#[test]
fn a_click_while_a_prompt_is_open_does_nothing() {
    let mut app = app();
    show(&mut app, "gopher://example.org/", &ten_links());
    keys(&mut app, &[Key::Char('g')]);
    let commands = app.update(Msg::Click { column: 10, row: 5 });
    assert!(commands.is_empty());
    assert_eq!(selected(&app), "Entry 0");
    assert!(app.prompt().is_some());
}

#[test]
fn after_a_resize_the_selected_link_is_on_screen_and_down_moves_from_it() {
    let mut app = app();
    let mut menu = Vec::new();
    for i in 0..100 {
        menu.extend_from_slice(format!("0Entry {i}\t/{i}\texample.org\t70\r\n").as_bytes());
    }
    show(&mut app, "gopher://example.org/", &menu);
    for _ in 0..27 {
        keys(&mut app, &[Key::Down]);
    }
    assert_eq!(selected(&app), "Entry 27");
    app.update(Msg::Resize(60, 8));
    let rows = screen_rows(&app);
    assert!(
        rows.iter().any(|row| row.contains("Entry 27")),
        "the selection is off screen: {rows:#?}"
    );
    keys(&mut app, &[Key::Down]);
    assert_eq!(selected(&app), "Entry 28");
    let rows = screen_rows(&app);
    assert!(rows.iter().any(|row| row.contains("Entry 28")), "{rows:#?}");
}

#[test]
fn ctrl_z_asks_to_suspend_and_ctrl_l_to_repaint() {
    let mut app = app();
    assert_eq!(keys(&mut app, &[Key::Ctrl('z')]), vec![Command::Suspend]);
    assert_eq!(keys(&mut app, &[Key::Ctrl('l')]), vec![Command::Redraw]);
}
