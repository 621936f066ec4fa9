//! Tabs, as a user drives them: `T` opens the selected link in a tab loading in the
//! background, Tab and Shift-Tab switch, Ctrl-w closes (cancelling the tab's request), Ctrl-u
//! reopens with history, Alt-N jumps; each tab keeps its own page, cursor and load; a question
//! raised by a background tab waits until it is shown; the bar shows while two tabs are open
//! and a click on it switches.

use crate::harness::driver::{app, draw, fetched, keys, notice, question, reply, rows, url};
use burrow::app::input::Key;
use burrow::app::page::Content;
use burrow::app::{App, Command, Location, Msg};
use burrow::gopher::transfer::{FetchError, FetchEvent, FetchUpdate, RequestId};

const MENU: &[u8] = b"iWelcome\tfake\t(NULL)\t0\r\n\
1Docs\t/docs\texample.org\t70\r\n\
0Read me\t/readme\texample.org\t70\r\n\
7Search\t/find\texample.org\t70\r\n\
9Binary\t/file.bin\texample.org\t70\r\n\
.\r\n";

fn app_on_menu() -> App {
    let mut app = app();
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url("gopher://example.org/")))));
    reply(&mut app, id, MENU);
    app
}

fn address(app: &App) -> String {
    app.tab.page.location.to_string()
}

fn cancels(commands: &[Command]) -> Vec<RequestId> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Cancel(id) => Some(*id),
            _ => None,
        })
        .collect()
}

#[test]
fn t_opens_the_selected_link_in_a_background_tab_and_this_tab_stays_as_it_is() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Down]); // Read me
    let cursor = app.tab.page.cursor;
    let commands = keys(&mut app, &[Key::Char('T')]);
    let (id, fetching) = fetched(&commands);
    assert_eq!(fetching.to_string(), "gopher://example.org/0/readme");
    assert_eq!(app.tabs.count(), 2);
    assert_eq!(
        address(&app),
        "gopher://example.org/",
        "this tab did not move"
    );
    assert_eq!(app.tab.page.cursor, cursor);
    assert!(app.tab.loading.is_none(), "this tab does not load");
    assert!(notice(&app).contains("tab 2"), "{}", notice(&app));
    // The reply lands in the background tab while this one is read.
    reply(&mut app, id, b"The readme text\r\n");
    assert_eq!(address(&app), "gopher://example.org/");
    keys(&mut app, &[Key::Tab]);
    assert_eq!(address(&app), "gopher://example.org/0/readme");
    assert_eq!(
        app.tab.page.text_doc().map(|d| d.line(0)),
        Some("The readme text")
    );
    assert_eq!(
        app.tab.history.back_len(),
        0,
        "no start page under the new tab"
    );
    keys(&mut app, &[Key::BackTab]);
    assert_eq!(address(&app), "gopher://example.org/");
    assert_eq!(app.tab.page.cursor, cursor, "the cursor was kept");
}

#[test]
fn t_on_a_search_item_asks_for_the_query_then_opens_the_results_in_a_new_tab() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Down, Key::Down]); // Search
    assert!(keys(&mut app, &[Key::Char('T')]).is_empty());
    assert!(app.prompt().is_some_and(|p| p.label().contains("Search")));
    for c in "gopher".chars() {
        app.update(Msg::Key(Key::Char(c)));
    }
    let (_, fetching) = fetched(&keys(&mut app, &[Key::Enter]));
    assert_eq!(fetching.query.as_deref(), Some(&b"gopher"[..]));
    assert_eq!(app.tabs.count(), 2);
    assert_eq!(address(&app), "gopher://example.org/");
}

#[test]
fn t_on_a_file_link_downloads_as_enter_would_and_opens_no_tab() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Down, Key::Down, Key::Down]); // Binary
    let commands = keys(&mut app, &[Key::Char('T')]);
    assert!(
        commands
            .iter()
            .any(|c| matches!(c, Command::Download { .. }))
    );
    assert_eq!(app.tabs.count(), 1);
}

#[test]
fn esc_cancels_only_this_tabs_load_and_closing_a_tab_cancels_its_request() {
    let mut app = app_on_menu();
    let (background, _) = fetched(&keys(&mut app, &[Key::Char('T')]));
    let (here, _) = fetched(&keys(&mut app, &[Key::Char('r')]));
    let commands = keys(&mut app, &[Key::Esc]);
    assert_eq!(cancels(&commands), vec![here]);
    keys(&mut app, &[Key::Tab]);
    assert!(app.tab.loading.as_ref().is_some_and(|l| l.id == background));
    let commands = keys(&mut app, &[Key::Ctrl('w')]);
    assert_eq!(cancels(&commands), vec![background]);
    assert_eq!(app.tabs.count(), 1);
    assert_eq!(address(&app), "gopher://example.org/");
}

#[test]
fn a_closed_tab_reopens_with_its_history_and_closing_the_last_leaves_the_start_page() {
    let mut app = app_on_menu();
    let (id, _) = fetched(&keys(&mut app, &[Key::Down, Key::Enter])); // Read me, here
    reply(&mut app, id, b"text\r\n");
    assert_eq!(app.tab.history.back_len(), 2, "the start page and the menu");
    keys(&mut app, &[Key::Ctrl('w')]);
    assert_eq!(app.tab.page.location, Location::Start);
    assert_eq!(app.tabs.count(), 1);
    let (again, _) = fetched(&keys(&mut app, &[Key::Ctrl('u')]));
    assert_eq!(app.tabs.count(), 2);
    assert_eq!(address(&app), "gopher://example.org/0/readme");
    assert!(
        app.tab.page.unloaded.is_some(),
        "a closed tab keeps no page body: it is fetched again"
    );
    reply(&mut app, again, b"text\r\n");
    assert_eq!(
        app.tab.history.back_len(),
        2,
        "its history came back with it"
    );
    let (menu, _) = fetched(&keys(&mut app, &[Key::Left]));
    assert_eq!(address(&app), "gopher://example.org/");
    reply(&mut app, menu, MENU);
    keys(&mut app, &[Key::Ctrl('u')]);
    assert!(notice(&app).contains("No closed tab"), "{}", notice(&app));
}

#[test]
fn ctrl_t_opens_a_start_page_tab_and_alt_numbers_jump_between_tabs() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Ctrl('t')]);
    assert_eq!(app.tabs.count(), 2);
    assert_eq!(app.tab.page.location, Location::Start);
    assert_eq!(app.tabs.shown_at, 1);
    keys(&mut app, &[Key::Alt('1')]);
    assert_eq!(address(&app), "gopher://example.org/");
    keys(&mut app, &[Key::Alt('2')]);
    assert_eq!(app.tab.page.location, Location::Start);
    keys(&mut app, &[Key::Alt('7')]);
    assert!(notice(&app).contains("no tab 7"), "{}", notice(&app));
    keys(&mut app, &[Key::Tab]);
    assert_eq!(
        address(&app),
        "gopher://example.org/",
        "Tab goes round the end"
    );
}

#[test]
fn a_failed_background_load_marks_its_tab_and_leaves_this_one_alone() {
    let mut app = app_on_menu();
    let (id, _) = fetched(&keys(&mut app, &[Key::Char('T')]));
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Failed(FetchError::Transfer("connection reset".into())),
    }));
    assert_eq!(address(&app), "gopher://example.org/");
    assert!(app.tab.page.menu().is_some());
    let bar = rows(&draw(&app))[0].clone();
    assert!(bar.contains('!'), "{bar}");
    keys(&mut app, &[Key::Tab]);
    assert!(matches!(app.tab.page.content, Content::Error { .. }));
}

#[test]
fn a_certificate_question_from_a_background_tab_waits_until_that_tab_is_shown() {
    let mut app = app();
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url("gophers://example.org/")))));
    reply(&mut app, id, b"1Docs\t/docs\texample.org\t70\r\n.\r\n");
    let (id, fetching) = fetched(&keys(&mut app, &[Key::Char('T')]));
    assert!(fetching.tls, "the link keeps TLS from its page");
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Failed(FetchError::UntrustedCertificate {
            host_port: "example.org:70".into(),
            fingerprint: burrow::gopher::transfer::Fingerprint([7; 32]),
            reason: "self-signed".into(),
        }),
    }));
    assert_eq!(question(&app), "", "no question over the tab being read");
    keys(&mut app, &[Key::Tab]);
    assert!(question(&app).contains("Trust"), "{}", question(&app));
}

#[test]
fn the_bar_shows_while_two_tabs_are_open_and_a_click_on_a_tab_switches_to_it() {
    let mut app = app_on_menu();
    let before = rows(&draw(&app));
    assert!(
        before[0].contains("Burrow"),
        "one tab: no bar, {:?}",
        before[0]
    );
    keys(&mut app, &[Key::Ctrl('t')]);
    let after = rows(&draw(&app));
    assert!(
        !after[0].contains("Burrow"),
        "the bar is above the title: {:?}",
        after[0]
    );
    assert!(after[1].contains("Burrow"));
    assert!(after[0].contains("example.org"), "{:?}", after[0]);
    let column = after[0].find("example.org").expect("the first tab's title") as u16;
    let msg = burrow::ui::tab_bar::resolve_click(&app, Msg::Click { column, row: 0 });
    assert_eq!(msg, Msg::ClickTab(Some(0)));
    app.update(msg);
    assert_eq!(address(&app), "gopher://example.org/");
}

/// A menu of `count` links, longer than the screen.
fn long_menu(count: usize) -> Vec<u8> {
    let mut menu = Vec::new();
    for n in 0..count {
        menu.extend_from_slice(format!("1Link {n}\t/{n}\texample.org\t70\r\n").as_bytes());
    }
    menu.extend_from_slice(b".\r\n");
    menu
}

fn selection_on_screen(app: &App) -> bool {
    let top = app.tab.page.top.line;
    (top..top + app.viewport().height).contains(&app.tab.page.cursor)
}

/// The selection on the last row of a long menu, with one tab open.
fn app_on_bottom_row() -> App {
    let mut app = app();
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url("gopher://example.org/")))));
    reply(&mut app, id, &long_menu(60));
    let height = app.viewport().height;
    for _ in 0..height - 1 {
        keys(&mut app, &[Key::Char('j')]);
    }
    assert_eq!(app.tab.page.cursor, height - 1, "on the last row");
    app
}

#[test]
fn the_tab_bar_appearing_under_t_keeps_the_selected_row_on_screen() {
    let mut app = app_on_bottom_row();
    keys(&mut app, &[Key::Char('T')]);
    assert!(app.tabs.bar_shown());
    assert!(selection_on_screen(&app), "top {}", app.tab.page.top.line);
    let screen = rows(&draw(&app));
    assert!(
        screen.iter().any(|row| row.contains("Link 21")),
        "{screen:#?}"
    );
}

#[test]
fn the_tab_bar_appearing_beside_a_restored_session_keeps_the_selected_row_on_screen() {
    let mut app = app_on_bottom_row();
    app.update(Msg::OpenTab(Location::Gopher(url(
        "gopher://example.org/1/7",
    ))));
    keys(&mut app, &[Key::BackTab]);
    assert_eq!(address(&app), "gopher://example.org/");
    assert!(selection_on_screen(&app), "top {}", app.tab.page.top.line);
}

#[test]
fn the_tab_bar_going_away_keeps_the_selected_row_on_screen() {
    let mut app = app_on_bottom_row();
    keys(&mut app, &[Key::Ctrl('t'), Key::BackTab]);
    // With the bar shown, the selection goes to the last row again.
    while app.tab.page.cursor < 40 {
        keys(&mut app, &[Key::Char('j')]);
    }
    keys(&mut app, &[Key::Tab, Key::Ctrl('w')]);
    assert!(!app.tabs.bar_shown());
    assert_eq!(app.tab.page.cursor, 40);
    assert!(selection_on_screen(&app), "top {}", app.tab.page.top.line);
}
