//! What the filter (`&`) says: kind prefixes in any case, an unknown `:kind` named when it
//! finds nothing, the count once on a menu that keeps nothing, and an Enter notice that never
//! goes stale on a page still arriving. State-machine and screen (TestBackend) level.

use crate::harness::driver::{app, fetched, keys, notice, screen_rows, show, type_text, url};
use burrow::app::input::Key;
use burrow::app::{App, Command, Location, Msg};
use burrow::gopher::transfer::{FetchEvent, FetchUpdate, RequestId};

const MENU: &[u8] = b"iWelcome\tfake\t(NULL)\t0\r\n1Phlogs\t/p\th.example\t70\r\n\
0About\t/a\th.example\t70\r\n1Old clients\t/o\th.example\t70\r\n";

fn status(app: &App) -> String {
    screen_rows(app).last().cloned().unwrap_or_default()
}

fn run_wakes(app: &mut App, mut commands: Vec<Command>) {
    while let Some(token) = commands.iter().find_map(|c| match c {
        Command::WakeAfter { token, after_ms: 0 } => Some(*token),
        _ => None,
    }) {
        commands = app.update(Msg::Wake(token));
    }
}

fn chunk(app: &mut App, id: RequestId, bytes: &[u8]) {
    let commands = app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Chunk(bytes.to_vec()),
    }));
    run_wakes(app, commands);
}

#[test]
fn a_kind_prefix_in_capitals_keeps_that_kind() {
    let mut app = app();
    show(&mut app, "gopher://h.example/1/", MENU);
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, ":DIR");
    assert_eq!(status(&app), "Filter (2 of 4 lines): :DIR");
}

#[test]
fn an_unknown_kind_that_finds_nothing_is_named_with_the_kinds_there_are() {
    let mut app = App::new(burrow::app::AppConfig::default(), (100, 24));
    show(&mut app, "gopher://h.example/1/", MENU);
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, ":foo");
    assert_eq!(
        status(&app),
        "Filter (0 of 4 lines; unknown kind :foo, kinds are :dir :txt :file :search): :foo"
    );
    // While a kind's name may still be coming, nothing is said.
    keys(&mut app, &[Key::Ctrl('u')]);
    type_text(&mut app, ":fi");
    assert_eq!(status(&app), "Filter (words, :dir :txt :file :search): :fi");
}

#[test]
fn a_narrowed_menu_that_keeps_nothing_gives_its_count_once() {
    let mut app = app();
    show(&mut app, "gopher://h.example/1/", MENU);
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, ":search");
    keys(&mut app, &[Key::Enter, Key::Char('j')]);
    let status = status(&app);
    assert_eq!(status.matches("0 of 4 lines").count(), 1, "{status}");
    assert!(
        status.starts_with("Filter: 0 of 4 lines (\":search\")"),
        "{status}"
    );
    // With a link selected, the left is its address and the count is at the right end.
    keys(&mut app, &[Key::Esc, Key::Char('&')]);
    type_text(&mut app, "old");
    keys(&mut app, &[Key::Enter, Key::Char('j')]);
    let status = self::status(&app);
    assert!(status.ends_with("filtered: 1 of 4 lines"), "{status}");
}

#[test]
fn enter_on_a_page_still_arriving_gives_no_count_that_would_go_stale() {
    let mut app = app();
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url("gopher://h.example/1/")))));
    chunk(
        &mut app,
        id,
        b"0item 1\t/1\th\t70\r\n0item 2\t/2\th\t70\r\n",
    );
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "item 1");
    keys(&mut app, &[Key::Enter]);
    assert_eq!(
        notice(&app),
        "Showing the lines with \"item 1\" as the page comes: Esc shows the whole page"
    );
    chunk(
        &mut app,
        id,
        b"0item 10\t/10\th\t70\r\n0item 11\t/11\th\t70\r\n.\r\n",
    );
    keys(&mut app, &[Key::Char('j')]);
    assert!(
        status(&app).ends_with("filtered: 3 of 4 lines"),
        "{}",
        status(&app)
    );
}
