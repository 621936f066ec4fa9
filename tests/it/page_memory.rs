//! The byte budget on page bodies kept in history (update and screen level): past it, the
//! pages shown least recently lose their bodies, and going back to one fetches it again and
//! lands where the user was.

use crate::harness::driver::{app, fetched, keys, reply, screen_rows, show, url};
use burrow::app::Location;
use burrow::app::history::PageMemory;
use burrow::app::input::Key;
use burrow::app::page::{Content, Position};
use burrow::app::{App, Command};
use burrow::gopher::transfer::FetchError;

/// A menu of 200 text links.
fn menu() -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..200 {
        out.extend_from_slice(format!("0Entry {i:03}\t/e/{i}\texample.org\t70\r\n").as_bytes());
    }
    out.extend_from_slice(b".\r\n");
    out
}

/// A text of 2000 numbered lines (about 40 KB).
fn text(name: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..2000 {
        out.extend_from_slice(format!("{name} line {i:04} of the generated text\r\n").as_bytes());
    }
    out.extend_from_slice(b".\r\n");
    out
}

fn fetches(commands: &[Command]) -> usize {
    commands
        .iter()
        .filter(|c| matches!(c, Command::Fetch { .. }))
        .count()
}

/// An app with room for about two texts: on a menu (cursor moved), then on text 1 (scrolled),
/// then texts 2 to 5.
fn app_that_dropped_the_oldest() -> (App, usize, Position) {
    let mut app = app();
    app.page_memory = PageMemory::new(200_000);
    show(&mut app, "gopher://example.org/1/menu", &menu());
    keys(&mut app, &[Key::Down; 40]);
    let cursor = app.tab.page.cursor;
    show(&mut app, "gopher://example.org/0/1", &text("one"));
    keys(&mut app, &[Key::PageDown; 3]);
    let top = app.tab.page.top;
    for n in 2..=5 {
        show(&mut app, &format!("gopher://example.org/0/{n}"), &text("t"));
    }
    (app, cursor, top)
}

#[test]
fn past_the_budget_the_oldest_pages_lose_their_bodies_and_back_fetches_them_to_the_same_place() {
    let (mut app, cursor, top) = app_that_dropped_the_oldest();
    assert!(cursor >= 40 && top.line > 0, "the user had moved");
    assert!(app.tab.history.body_bytes() <= 200_000);
    assert!(app.tab.history.unloaded_count() >= 2, "the menu and text 1");

    // Texts 4, 3 and 2 were shown most recently: Back shows them at once.
    for n in [4, 3] {
        assert_eq!(fetches(&keys(&mut app, &[Key::Left])), 0, "text {n} kept");
        assert!(app.tab.page.unloaded.is_none());
    }
    keys(&mut app, &[Key::Left]);
    let commands = keys(&mut app, &[Key::Left]);
    let (id, again) = fetched(&commands);
    assert_eq!(
        again,
        url("gopher://example.org/0/1"),
        "text 1 is fetched again"
    );
    assert!(
        app.tab.page.unloaded.is_some(),
        "a placeholder until it arrives"
    );
    reply(&mut app, id, &text("one"));
    assert!(app.tab.page.unloaded.is_none());
    assert_eq!(app.tab.page.top, top, "the same scroll");
    assert_eq!(
        app.tab.page.text_doc().map(|d| d.line(0)),
        Some("one line 0000 of the generated text")
    );

    let (id, again) = fetched(&keys(&mut app, &[Key::Left]));
    assert_eq!(again, url("gopher://example.org/1/menu"));
    reply(&mut app, id, &menu());
    assert!(matches!(app.tab.page.content, Content::Menu(_)));
    assert_eq!(app.tab.page.cursor, cursor, "the same cursor");
    assert_eq!(
        app.tab.history.back_len(),
        1,
        "the start page, under the menu"
    );
    assert!(app.tab.history.body_bytes() <= 200_000);
}

#[test]
fn a_page_fetched_again_shows_a_loading_screen_and_an_error_page_if_it_fails() {
    let (mut app, _, _) = app_that_dropped_the_oldest();
    keys(&mut app, &[Key::Left; 3]);
    let (id, _) = fetched(&keys(&mut app, &[Key::Left]));
    let screen = screen_rows(&app).join("\n");
    assert!(
        screen.contains("Loading gopher://example.org/0/1"),
        "{screen}"
    );
    app.update(burrow::app::Msg::Fetch(
        burrow::gopher::transfer::FetchUpdate {
            id,
            event: burrow::gopher::transfer::FetchEvent::Failed(FetchError::Transfer(
                "connection reset".into(),
            )),
        },
    ));
    assert!(matches!(app.tab.page.content, Content::Error { .. }));
    assert!(app.tab.page.unloaded.is_none());
    // The pages after it are still there.
    assert_eq!(app.tab.history.forward_len(), 4);
}

#[test]
fn cancelling_a_fetch_again_leaves_a_page_that_says_it_is_not_loaded_and_reloads_with_r() {
    let (mut app, _, top) = app_that_dropped_the_oldest();
    keys(&mut app, &[Key::Left; 4]);
    assert!(app.is_loading());
    keys(&mut app, &[Key::Esc]);
    let screen = screen_rows(&app).join("\n");
    assert!(
        screen.contains("Not loaded: gopher://example.org/0/1"),
        "{screen}"
    );
    assert!(screen.contains("r loads it"), "{screen}");
    // Keys on the placeholder do not lose the place the user had.
    keys(&mut app, &[Key::Home, Key::PageDown]);
    let (id, _) = fetched(&keys(&mut app, &[Key::Char('r')]));
    reply(&mut app, id, &text("one"));
    assert_eq!(app.tab.page.top, top);
    assert_eq!(
        app.tab.page.location,
        Location::Gopher(url("gopher://example.org/0/1"))
    );
}
