//! Start-up (update and screen level): `burrow URL` shows a loading screen while the first
//! page comes and keeps no start page under it; the start page links help, bookmarks and
//! history and says how to open an address.

use crate::harness::driver::{app, fetched, keys, reply, screen_rows, url};
use burrow::app::Location;
use burrow::app::input::Key;
use burrow::app::page::Content;
use burrow::app::{Command, Msg};
use burrow::gopher::transfer::{FetchError, FetchEvent, FetchUpdate};

const MENU: &[u8] = b"iHello\tfake\t(NULL)\t0\r\n0Read me\t/readme\texample.org\t70\r\n.\r\n";

#[test]
fn the_first_page_shows_a_loading_screen_then_arrives_with_nothing_under_it() {
    let mut app = app();
    let commands = app.update(Msg::StartWith(Location::Gopher(url(
        "gopher://example.org/",
    ))));
    let (id, _) = fetched(&commands);
    let screen = screen_rows(&app).join("\n");
    assert!(screen.contains("Loading gopher://example.org/"), "{screen}");
    assert!(!screen.contains("Floodgap"), "no start page: {screen}");
    // Keys pressed meanwhile touch no start page.
    keys(&mut app, &[Key::End, Key::Down]);
    reply(&mut app, id, MENU);
    assert!(matches!(app.tab.page.content, Content::Menu(_)));
    assert_eq!(app.tab.page.unloaded, None);
    assert_eq!(app.tab.history.back_len(), 0, "no start page under it");
    assert!(keys(&mut app, &[Key::Left]).is_empty());
    assert_eq!(
        app.tab.page.location,
        Location::Gopher(url("gopher://example.org/"))
    );
}

#[test]
fn a_first_page_that_fails_is_an_error_page_with_nothing_under_it() {
    let mut app = app();
    let (id, _) = fetched(&app.update(Msg::StartWith(Location::Gopher(url(
        "gopher://example.org/",
    )))));
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Failed(FetchError::Resolve("no such host".into())),
    }));
    assert!(matches!(app.tab.page.content, Content::Error { .. }));
    assert_eq!(app.tab.history.back_len(), 0);
}

#[test]
fn cancelling_the_first_page_says_it_is_not_loaded_and_r_loads_it() {
    let mut app = app();
    app.update(Msg::StartWith(Location::Gopher(url(
        "gopher://example.org/",
    ))));
    let commands = keys(&mut app, &[Key::Esc]);
    assert!(commands.iter().any(|c| matches!(c, Command::Cancel(_))));
    let screen = screen_rows(&app).join("\n");
    assert!(
        screen.contains("Not loaded: gopher://example.org/"),
        "{screen}"
    );
    let (id, _) = fetched(&keys(&mut app, &[Key::Char('r')]));
    reply(&mut app, id, MENU);
    assert!(matches!(app.tab.page.content, Content::Menu(_)));
    assert_eq!(app.tab.history.back_len(), 0);
}

#[test]
fn a_first_address_that_opens_no_page_leaves_the_start_page() {
    let mut app = app();
    let commands = app.update(Msg::StartWith(Location::Gopher(url(
        "gopher://example.org/9/file.zip",
    ))));
    assert!(
        commands
            .iter()
            .any(|c| matches!(c, Command::Download { .. })),
        "{commands:?}"
    );
    assert_eq!(app.tab.page.location, Location::Start);
    assert_eq!(app.tab.page.unloaded, None);
}

#[test]
fn a_built_in_first_page_has_nothing_under_it_so_q_quits_from_help() {
    let mut app = app();
    app.update(Msg::StartWith(Location::Help));
    assert_eq!(app.tab.page.location, Location::Help);
    assert_eq!(app.tab.history.back_len(), 0);
    assert_eq!(keys(&mut app, &[Key::Char('q')]), vec![Command::Quit]);
}

#[test]
fn the_start_page_links_help_bookmarks_and_history_and_says_press_g() {
    let mut app = app();
    let screen = screen_rows(&app).join("\n");
    assert!(screen.contains("Press g to open an address"), "{screen}");
    for (presses, shows) in [
        (0, Location::Help),
        (1, Location::Bookmarks),
        (2, Location::History),
    ] {
        keys(&mut app, &[Key::Home]);
        keys(&mut app, &vec![Key::Down; presses]);
        let status = screen_rows(&app).last().cloned().unwrap_or_default();
        // The address, then the menu position at the right end.
        let target = status
            .split("   item ")
            .next()
            .unwrap_or_default()
            .trim_end();
        assert_eq!(target, shows.to_string(), "the status bar names it");
        let commands = keys(&mut app, &[Key::Enter]);
        assert!(
            !commands.iter().any(|c| matches!(c, Command::Fetch { .. })),
            "{commands:?}"
        );
        if shows == Location::Help {
            assert_eq!(app.tab.page.location, Location::Help);
        } else {
            // The saved list is read from its file first.
            assert!(
                commands
                    .iter()
                    .any(|c| matches!(c, Command::EditLinks { .. })),
                "{commands:?}"
            );
        }
        keys(&mut app, &[Key::Esc, Key::Left]);
        app.tab.page = burrow::app::builtin_pages::builtin_page(&Location::Start, &app.keymap)
            .expect("the start page");
    }
}
