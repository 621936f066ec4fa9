//! How text replies end and what a page says when it lost something (issue 9.1, 9.2, 10.3,
//! 10.7): update tests (messages in, state and commands out), a screen test, and `--print`
//! against the in-process server.

use crate::harness::driver::{app, fetched, screen_rows, url};
use crate::harness::{BURROW, Reply, TestServer};
use burrow::app::Location;
use burrow::app::{App, Command, Msg};
use burrow::gopher::menu::MAX_MENU_ITEMS;
use burrow::gopher::text::MAX_TEXT_LINES;
use burrow::gopher::text_parser::TERMINATOR_GRACE;
use burrow::gopher::transfer::{FetchError, FetchEvent, FetchUpdate, RequestId};
use std::time::Duration;

fn open(app: &mut App, address: &str) -> RequestId {
    fetched(&app.update(Msg::Open(Location::Gopher(url(address))))).0
}

fn send(app: &mut App, id: RequestId, event: FetchEvent) -> Vec<Command> {
    app.update(Msg::Fetch(FetchUpdate { id, event }))
}

fn chunk(app: &mut App, id: RequestId, bytes: &[u8]) -> Vec<Command> {
    send(app, id, FetchEvent::Chunk(bytes.to_vec()))
}

fn lines(app: &App) -> Vec<String> {
    app.tab
        .page
        .text_doc()
        .map(|doc| doc.lines().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The token of the one wake among `commands`, checking it waits the grace period.
fn wake_token(commands: &[Command]) -> u64 {
    let wakes: Vec<u64> = commands
        .iter()
        .filter_map(|c| match c {
            Command::WakeAfter { token, after_ms } => {
                assert_eq!(*after_ms, TERMINATOR_GRACE.as_millis() as u64);
                Some(*token)
            }
            _ => None,
        })
        .collect();
    assert_eq!(wakes.len(), 1, "expected one wake in {commands:?}");
    wakes[0]
}

#[test]
fn a_dot_line_then_silence_ends_the_text_after_the_grace_period() {
    let mut app = app();
    let id = open(&mut app, "gopher://example.org/0/t");
    let token = wake_token(&chunk(&mut app, id, b"one\r\n..two\r\n.\r\n"));
    assert!(app.is_loading(), "the server may still send more");
    assert_eq!(lines(&app), ["one", "..two"], "the dot line is held back");
    let commands = app.update(Msg::Wake(token));
    assert!(commands.contains(&Command::Cancel(id)), "{commands:?}");
    assert!(!app.is_loading());
    assert_eq!(
        lines(&app),
        ["one", ".two"],
        "dot-stuffing undone at the terminator"
    );
    assert_eq!(app.tab.page.incomplete, None);
}

#[test]
fn a_dot_line_with_more_after_it_is_content_shown_where_it_stands() {
    let mut app = app();
    let id = open(&mut app, "gopher://example.org/0/t");
    let token = wake_token(&chunk(&mut app, id, b"one\r\n.\r\n"));
    assert!(chunk(&mut app, id, b"two\r\n..three\r\n").is_empty());
    assert_eq!(lines(&app), ["one", ".", "two", "..three"]);
    assert!(app.update(Msg::Wake(token)).is_empty(), "no longer waiting");
    assert!(app.is_loading());
    send(&mut app, id, FetchEvent::Done);
    assert_eq!(lines(&app), ["one", ".", "two", "..three"]);
    assert_eq!(app.tab.page.incomplete, None);
}

#[test]
fn empty_lines_after_a_dot_line_wait_again_and_are_dropped_at_the_end() {
    let mut app = app();
    let id = open(&mut app, "gopher://example.org/0/t");
    let first = wake_token(&chunk(&mut app, id, b"one\r\n.\r\n"));
    assert!(
        chunk(&mut app, id, b"\r\n").is_empty(),
        "one wake at a time"
    );
    let second = wake_token(&app.update(Msg::Wake(first)));
    assert!(app.is_loading(), "something arrived during the first wait");
    let commands = app.update(Msg::Wake(second));
    assert!(commands.contains(&Command::Cancel(id)), "{commands:?}");
    assert_eq!(lines(&app), ["one"]);
}

#[test]
fn a_server_closing_after_a_dot_line_ends_the_text_at_once() {
    let mut app = app();
    let id = open(&mut app, "gopher://example.org/0/t");
    let token = wake_token(&chunk(&mut app, id, b"..a\r\n.\r\n\r\n"));
    send(&mut app, id, FetchEvent::Done);
    assert!(!app.is_loading());
    assert_eq!(lines(&app), [".a"]);
    assert!(
        app.update(Msg::Wake(token)).is_empty(),
        "a late wake does nothing"
    );
}

#[test]
fn a_reload_waits_for_the_end_the_same_way() {
    let mut app = app();
    let id = open(&mut app, "gopher://example.org/0/t");
    chunk(&mut app, id, b"old\r\n");
    send(&mut app, id, FetchEvent::Done);
    let id = fetched(&app.update(Msg::Key(burrow::app::input::Key::Char('r')))).0;
    let token = wake_token(&chunk(&mut app, id, b"new\r\n.\r\n"));
    assert_eq!(lines(&app), ["old"]);
    app.update(Msg::Wake(token));
    assert_eq!(lines(&app), ["new"]);
}

#[test]
fn a_text_over_the_line_cap_is_marked_incomplete_on_the_page() {
    let mut app = app();
    let id = open(&mut app, "gopher://example.org/0/flood");
    let commands = chunk(&mut app, id, &vec![b'\n'; MAX_TEXT_LINES + 10]);
    assert!(commands.contains(&Command::Cancel(id)), "stops reading");
    assert!(!app.is_loading());
    let why = app.tab.page.incomplete.clone().expect("marked incomplete");
    assert!(why.contains("8 million lines"), "{why}");
    let doc = app.tab.page.text_doc().expect("text");
    assert_eq!(
        doc.line(doc.line_count() - 1),
        format!("[incomplete] {why}")
    );
}

#[test]
fn a_menu_over_the_line_cap_is_marked_incomplete_like_a_text() {
    let mut app = app();
    let id = open(&mut app, "gopher://example.org/1/flood");
    chunk(&mut app, id, &b"iline\r\n".repeat(MAX_MENU_ITEMS + 10));
    assert!(!app.is_loading());
    let why = app.tab.page.incomplete.clone().expect("marked incomplete");
    assert!(why.contains("1 million menu lines"), "{why}");
    let menu = app.tab.page.menu().expect("menu");
    assert_eq!(
        menu.item(menu.len() - 1).map(|i| i.display.to_owned()),
        Some(format!("[incomplete] {why}"))
    );
}

#[test]
fn a_reply_over_the_byte_cap_shows_what_arrived_and_says_why_it_stops() {
    let mut app = app();
    let id = open(&mut app, "gopher://example.org/0/big");
    chunk(&mut app, id, b"first\r\nno line feed yet");
    send(&mut app, id, FetchEvent::Failed(FetchError::TooLarge(1024)));
    let rows = screen_rows(&app);
    assert!(rows[0].contains("[incomplete]"), "{rows:?}");
    assert_eq!(
        &rows[1..5],
        [
            "first",
            "no line feed yet",
            "",
            "[incomplete] the reply is larger than the 1 KiB cap"
        ]
    );
}

fn burrow_print(address: &str) -> (String, String, bool) {
    let output = std::process::Command::new(BURROW)
        .args(["--print", address])
        .env("XDG_CONFIG_HOME", "/nonexistent/burrow-test")
        .output()
        .expect("run burrow");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.success(),
    )
}

#[test]
fn print_keeps_a_dot_line_followed_by_more_and_ends_at_one_the_server_stops_after() {
    let server = TestServer::start(|_| {
        vec![
            (
                "/open",
                Reply::Linger(b"..one\r\n.\r\ntwo\r\n.\r\n\r\n".to_vec()),
            ),
            (
                "/paused",
                // Eight bytes, a pause shorter than the grace period, then the rest.
                Reply::Drip(
                    b"one\r\n.\r\ntwo\r\n".to_vec(),
                    8,
                    Duration::from_millis(300),
                ),
            ),
        ]
    });
    // The server keeps the connection open: success means the grace period ended the page
    // (the idle timeout would fail it).
    let (printed, stderr, ok) = burrow_print(&server.url('0', "/open"));
    assert!(ok, "{stderr}");
    assert_eq!(printed, ".one\n.\ntwo\n");
    let (printed, stderr, ok) = burrow_print(&server.url('0', "/paused"));
    assert!(ok, "{stderr}");
    assert_eq!(printed, "one\n.\ntwo\n");
}

#[test]
fn a_menu_line_too_long_to_keep_is_cut_and_the_menu_says_so() {
    let mut app = app();
    let id = open(&mut app, "gopher://example.org/1/long");
    chunk(&mut app, id, b"iBefore\tfake\t(NULL)\t0\r\ni");
    for _ in 0..100 {
        chunk(&mut app, id, &[b'x'; 65536]);
    }
    chunk(
        &mut app,
        id,
        b"\r\n1After\t/after\texample.org\t70\r\n.\r\n",
    );
    assert!(!app.is_loading());
    let menu = app.tab.page.menu().expect("menu");
    let kept = menu.item(1).map_or(0, |i| i.display.len());
    assert!((64 * 1024 - 1..=64 * 1024).contains(&kept), "{kept}");
    assert_eq!(menu.item(2).map(|i| i.display), Some("After"));
    assert_eq!(
        app.tab.page.incomplete.as_deref(),
        Some("1 menu line(s) longer than 64 KiB were cut")
    );
}
