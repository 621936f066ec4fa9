//! Sessions: the open tabs and their histories saved as the user goes (a snapshot at most
//! every half second and one just before quitting, never page contents) and brought back at
//! the next start, where only the tab shown fetches its page; then the real binary: two tabs,
//! quit, restart, both back with their addresses and cursors; and a kill -9 after a save.

use crate::harness::driver::{app, fetched, keys, reply, url};
use crate::harness::pty::*;
use crate::harness::{Reply, TestServer, info, link};
use burrow::app::input::Key;
use burrow::app::{App, AppConfig, Command, Location, Msg};
use burrow::store::session::{Session, SessionEntry, SessionTab};

const MENU: &[u8] = b"1Docs\t/docs\texample.org\t70\r\n\
0Read me\t/readme\texample.org\t70\r\n\
.\r\n";

fn saving_app() -> App {
    App::new(
        AppConfig {
            save_session: true,
            ..AppConfig::default()
        },
        (80, 24),
    )
}

fn wake_token(commands: &[Command]) -> Option<u64> {
    commands.iter().find_map(|c| match c {
        Command::WakeAfter { token, .. } => Some(*token),
        _ => None,
    })
}

fn saved(commands: &[Command]) -> Option<Session> {
    commands.iter().find_map(|c| match c {
        Command::SaveSession(session) => Some(session.clone()),
        _ => None,
    })
}

fn entry(address: &str, cursor: usize) -> SessionEntry {
    SessionEntry {
        address: address.to_owned(),
        cursor,
        top_line: 0,
        top_row: 0,
    }
}

#[test]
fn changes_are_saved_at_most_every_half_second_with_every_tab_and_its_history() {
    let mut app = saving_app();
    let commands = app.update(Msg::Open(Location::Gopher(url("gopher://example.org/"))));
    let token = wake_token(&commands).expect("a snapshot is asked for");
    reply(&mut app, fetched(&commands).0, MENU);
    let burst = keys(&mut app, &[Key::Down, Key::Char('T')]);
    assert_eq!(wake_token(&burst), None, "one timer for the whole burst");
    assert!(saved(&burst).is_none(), "nothing is built per key");
    let session = saved(&app.update(Msg::Wake(token))).expect("the snapshot");
    assert_eq!(session.tabs.len(), 2);
    assert_eq!(session.current, 0);
    let first = &session.tabs[0];
    assert_eq!(first.entries[first.at], entry("gopher://example.org/", 1));
    assert_eq!(
        first.entries[0].address, "about:start",
        "Back's pages come first"
    );
    assert_eq!(
        session.tabs[1].entries[0].address,
        "gopher://example.org/0/readme"
    );
    assert!(
        saved(&app.update(Msg::Wake(token))).is_none(),
        "a stale timer saves nothing"
    );
}

#[test]
fn quitting_saves_the_session_just_before_it_quits() {
    let mut app = saving_app();
    let commands = keys(&mut app, &[Key::Char('q')]);
    let quit = commands
        .iter()
        .position(|c| *c == Command::Quit)
        .expect("quits");
    assert!(
        matches!(commands[quit - 1], Command::SaveSession(_)),
        "{commands:?}"
    );
}

#[test]
fn with_sessions_off_nothing_is_saved() {
    let mut app = app();
    let commands = keys(&mut app, &[Key::Ctrl('t'), Key::Char('q')]);
    assert!(saved(&commands).is_none());
    assert_eq!(wake_token(&commands), None);
}

#[test]
fn a_restored_session_fetches_only_the_tab_shown_and_lands_where_the_user_was() {
    let mut app = saving_app();
    let tabs = (0..30)
        .map(|n| SessionTab {
            entries: vec![
                entry("about:start", 0),
                entry(&format!("gopher://host{n}.example/"), 1),
            ],
            at: 1,
        })
        .collect();
    let commands = app.update(Msg::RestoreSession(Session { tabs, current: 4 }));
    let (id, fetching) = fetched(&commands);
    assert_eq!(fetching.to_string(), "gopher://host4.example/");
    assert_eq!(app.tabs.count(), 30);
    reply(&mut app, id, MENU);
    assert_eq!(app.tab.page.cursor, 1, "the cursor came back");
    keys(&mut app, &[Key::Left]);
    assert_eq!(
        app.tab.page.location,
        Location::Start,
        "Back builds the start page again"
    );
    let (_, next) = fetched(&keys(&mut app, &[Key::Tab]));
    assert_eq!(
        next.to_string(),
        "gopher://host5.example/",
        "a tab fetches when first shown"
    );
}

#[test]
fn two_tabs_come_back_after_a_restart_and_after_a_kill_9() {
    let server = TestServer::start(|port| {
        let menu = [
            info("Session test hole"),
            link('0', "First text", "/one.txt", port),
            link('0', "Second text", "/two.txt", port),
            ".\r\n".to_owned(),
        ]
        .concat();
        vec![
            ("", Reply::Bytes(menu.into_bytes())),
            ("/two.txt", Reply::Bytes(b"The second text\r\n".to_vec())),
        ]
    });
    let home = tempfile::tempdir().expect("temporary home");
    let menu_url = server.url('1', "");
    let mut first = PtySession::spawn_in(BURROW, &[&menu_url], home.path());
    first.wait_for_text("Session test hole");
    first.send(DOWN); // the second link
    first.send("T");
    first.wait_for_status("Opened in tab 2");
    first.send("q");
    assert!(first.wait_for_exit().success());

    let mut second = PtySession::spawn_in(BURROW, &[], home.path());
    second.wait_for_text("Session test hole");
    second.wait_until("the tab bar naming both tabs", |s| {
        s.row(0).contains(" 127.0.0.1:") && s.row(0).contains("…/two.txt")
    });
    second.wait_for_status(&server.url('0', "/two.txt"));
    second.send("\t");
    second.wait_for_text("The second text");
    // Saved on the change (half a second, then the writer's debounce), then killed.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    second.child.kill().expect("SIGKILL");
    let _ = second.wait_for_exit();

    let third = PtySession::spawn_in(BURROW, &[], home.path());
    third.wait_for_text("The second text");
    third.wait_until("both tabs still there", |s| {
        s.row(0).contains(" 127.0.0.1:") && s.row(0).contains("…/two.txt")
    });
}

#[test]
fn a_second_window_leaves_the_first_windows_session_alone_and_says_so() {
    let server = TestServer::start(|port| {
        let menu = [
            info("Owner hole"),
            link('0', "Kept text", "/kept.txt", port),
            ".\r\n".to_owned(),
        ]
        .concat();
        vec![
            ("", Reply::Bytes(menu.into_bytes())),
            ("/kept.txt", Reply::Bytes(b"The kept text\r\n".to_vec())),
        ]
    });
    let home = tempfile::tempdir().expect("temporary home");
    let mut first = PtySession::spawn_in(BURROW, &[&server.url('1', "")], home.path());
    first.wait_for_text("Owner hole");
    first.send("T");
    first.wait_for_status("Opened in tab 2");

    // While the first window runs, a second one starts fresh, says why, and saves nothing.
    let mut second = PtySession::spawn_in(BURROW, &[], home.path());
    second.wait_for_text("Another Burrow window keeps the session");
    second.send("\x14\x14");
    second.wait_until("three tabs in the second window", |s| {
        s.row(0).matches("about:start").count() >= 3
    });
    std::thread::sleep(std::time::Duration::from_millis(1000));
    second.send("q");
    assert!(second.wait_for_exit().success());

    first.send("q");
    assert!(first.wait_for_exit().success());
    let saved = std::fs::read_to_string(home.path().join("state/burrow/session"))
        .expect("the first window saved its session");
    assert_eq!(saved.matches("\ntab").count(), 2, "{saved}");
    assert!(
        saved.contains("/kept.txt") && !saved.contains("about:start"),
        "{saved}"
    );

    // Once the first has gone, the next window keeps the session again.
    let mut third = PtySession::spawn_in(BURROW, &[], home.path());
    third.wait_for_text("Owner hole");
    assert!(!third.screen_contains("Another Burrow window"));
    third.send("q");
    assert!(third.wait_for_exit().success());
}

fn bound_notices(app: &App) -> usize {
    app.notice_log
        .newest_first()
        .filter(|n| n.text.contains("the session keeps"))
        .map(|n| n.times)
        .sum()
}

#[test]
fn opening_more_tabs_than_a_session_keeps_says_so_once_naming_the_bound() {
    let mut app = saving_app();
    for _ in 1..burrow::store::session::MAX_TABS {
        keys(&mut app, &[Key::Ctrl('t')]);
    }
    assert_eq!(app.tabs.count(), 100);
    assert_eq!(bound_notices(&app), 0, "100 tabs fit");
    keys(&mut app, &[Key::Ctrl('t')]);
    assert_eq!(bound_notices(&app), 1, "the 101st tab is named");
    let said = app
        .notice_log
        .newest_first()
        .find(|n| n.text.contains("the session keeps"))
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert!(said.contains("101 tabs") && said.contains("100"), "{said}");
    keys(&mut app, &[Key::Ctrl('t'), Key::Down, Key::Ctrl('t')]);
    assert_eq!(bound_notices(&app), 1, "said once");
    // Back within the bound, then over it again: said again.
    keys(&mut app, &[Key::Ctrl('w'), Key::Ctrl('w'), Key::Ctrl('w')]);
    keys(&mut app, &[Key::Ctrl('t')]);
    assert_eq!(bound_notices(&app), 2);
}

#[test]
fn without_session_saving_many_tabs_say_nothing_of_the_session() {
    let mut app = app();
    for _ in 0..burrow::store::session::MAX_TABS {
        keys(&mut app, &[Key::Ctrl('t')]);
    }
    assert_eq!(bound_notices(&app), 0);
}
