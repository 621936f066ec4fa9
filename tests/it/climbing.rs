//! `u` (the parent menu by the server's caps.txt rules), `U` (the root menu) and `~` (the
//! start page) through `App::update`: the caps request asked for once per server, its rules
//! used, defaults when it fails, "already at the root", and a parent that is no menu shown
//! as text.

use crate::harness::driver::{app, fetched, keys, notice, reply, show};
use burrow::app::input::Key;
use burrow::app::page::Content;
use burrow::app::{App, Location, Msg};
use burrow::gopher::transfer::{FetchError, FetchEvent, FetchUpdate};
use burrow::gopher::{GopherUrl, ItemType};

const GOPHERNICUS_CAPS: &[u8] = b"CAPS\r\n\r\nCapsVersion=1\r\nExpireCapsAfter=1800\r\n\r\n\
PathDelimeter=/\r\nPathIdentity=.\r\nPathParent=..\r\nPathParentDouble=FALSE\r\n\
PathKeepPreDelimeter=FALSE\r\nServerSoftware=Gophernicus\r\n";

const MENU: &[u8] = b"iA menu\tfake\t(NULL)\t0\r\n0A text\t/a/t.txt\th.example\t70\r\n.\r\n";

fn at(address: &str) -> App {
    let mut app = app();
    show(&mut app, address, MENU);
    app
}

fn address(app: &App) -> String {
    app.tab.page.location.to_string()
}

#[test]
fn the_first_u_on_a_server_asks_for_caps_txt_then_opens_the_parent_menu() {
    let mut app = at("gopher://h.example/1/~user/dir/sub/");
    let (caps_id, caps_url) = fetched(&keys(&mut app, &[Key::Char('u')]));
    assert_eq!(caps_url.to_string(), "gopher://h.example/0caps.txt");
    assert!(notice(&app).contains("caps.txt"), "{}", notice(&app));
    assert_eq!(
        address(&app),
        "gopher://h.example/1/~user/dir/sub/",
        "the page stays"
    );
    let mut commands = app.update(Msg::Fetch(FetchUpdate {
        id: caps_id,
        event: FetchEvent::Chunk(GOPHERNICUS_CAPS.to_vec()),
    }));
    assert!(commands.is_empty(), "{commands:?}");
    commands = app.update(Msg::Fetch(FetchUpdate {
        id: caps_id,
        event: FetchEvent::Done,
    }));
    let (id, parent) = fetched(&commands);
    assert_eq!(parent.to_string(), "gopher://h.example/1/~user/dir/");
    reply(&mut app, id, MENU);
    assert_eq!(address(&app), "gopher://h.example/1/~user/dir/");
    // The rules are kept for the session: the next `u` goes straight up.
    let (id, parent) = fetched(&keys(&mut app, &[Key::Char('u')]));
    assert_eq!(parent.to_string(), "gopher://h.example/1/~user/");
    reply(&mut app, id, MENU);
    let (_, parent) = fetched(&keys(&mut app, &[Key::Char('u')]));
    assert_eq!(parent.to_string(), "gopher://h.example/");
}

#[test]
fn a_server_without_caps_txt_gets_the_posix_rules_and_is_not_asked_again() {
    let mut app = at("gopher://p.example:7070/0/docs/readme.txt");
    let (caps_id, _) = fetched(&keys(&mut app, &[Key::Char('u')]));
    let error = b"3'/caps.txt' does not exist (no handler found)\t\terror.host\t1\r\n";
    app.update(Msg::Fetch(FetchUpdate {
        id: caps_id,
        event: FetchEvent::Chunk(error.to_vec()),
    }));
    let (id, parent) = fetched(&app.update(Msg::Fetch(FetchUpdate {
        id: caps_id,
        event: FetchEvent::Failed(FetchError::Transfer("reset".into())),
    })));
    assert_eq!(parent.to_string(), "gopher://p.example:7070/1/docs");
    reply(&mut app, id, MENU);
    let (_, parent) = fetched(&keys(&mut app, &[Key::Char('u')]));
    assert_eq!(
        parent.to_string(),
        "gopher://p.example:7070/",
        "no second caps request"
    );
}

#[test]
fn u_and_capital_u_at_the_root_say_so_and_send_nothing() {
    let mut app = at("gopher://h.example/");
    let (caps_id, _) = fetched(&keys(&mut app, &[Key::Char('u')]));
    let commands = app.update(Msg::Fetch(FetchUpdate {
        id: caps_id,
        event: FetchEvent::Done,
    }));
    assert!(commands.is_empty(), "{commands:?}");
    assert_eq!(notice(&app), "Already at the root of h.example:70");
    assert!(keys(&mut app, &[Key::Char('U')]).is_empty());
    assert_eq!(notice(&app), "Already at the root of h.example:70");
}

#[test]
fn capital_u_opens_the_root_menu_without_asking_for_caps() {
    let mut app = at("gophers://h.example:7443/1/a/b/c");
    let (_, root) = fetched(&keys(&mut app, &[Key::Char('U')]));
    assert_eq!(root.to_string(), "gophers://h.example:7443/");
    assert_eq!(root.item_type, ItemType::MENU);
}

#[test]
fn a_parent_that_is_no_menu_is_shown_as_text_under_a_text_address() {
    let mut app = at("gopher://h.example/1/notes/today");
    let (caps_id, _) = fetched(&keys(&mut app, &[Key::Char('u')]));
    let (id, _) = fetched(&app.update(Msg::Fetch(FetchUpdate {
        id: caps_id,
        event: FetchEvent::Failed(FetchError::Transfer("refused".into())),
    })));
    reply(&mut app, id, b"Just a file, my notes:\r\nline two\r\n");
    let Content::Text(doc) = &app.tab.page.content else {
        panic!("a text page: {:?}", app.tab.page.content);
    };
    assert_eq!(
        doc.lines().collect::<Vec<_>>(),
        ["Just a file, my notes:", "line two"]
    );
    assert_eq!(address(&app), "gopher://h.example/0/notes");
}

#[test]
fn u_on_a_built_in_page_has_no_parent_and_tilde_opens_the_start_page() {
    let mut app = app();
    assert!(keys(&mut app, &[Key::Char('u')]).is_empty());
    assert!(
        notice(&app).contains("not on a Gopher server"),
        "{}",
        notice(&app)
    );
    show(&mut app, "gopher://h.example/1/x", MENU);
    keys(&mut app, &[Key::Char('~')]);
    assert_eq!(app.tab.page.location, Location::Start);
    app.home = Location::Gopher(GopherUrl::parse("gopher://home.example/1/phlog").expect("url"));
    let (_, home) = fetched(&keys(&mut app, &[Key::Char('~')]));
    assert_eq!(home.to_string(), "gopher://home.example/1/phlog");
}

#[test]
fn u_opens_the_parent_with_the_cursor_on_the_link_back_to_the_page_climbed_from() {
    let mut app = at("gopher://h.example/1/notes/2026/");
    let (caps_id, _) = fetched(&keys(&mut app, &[Key::Char('u')]));
    let (id, parent) = fetched(&app.update(Msg::Fetch(FetchUpdate {
        id: caps_id,
        event: FetchEvent::Failed(FetchError::Transfer("refused".into())),
    })));
    assert_eq!(parent.to_string(), "gopher://h.example/1/notes/");
    let listing = b"iNotes by year\tfake\t(NULL)\t0\r\n\
1 2024\t/notes/2024/\th.example\t70\r\n\
1 2025\t/notes/2025/\th.example\t70\r\n\
1 2026\t/notes/2026/\th.example\t70\r\n\
0 2026 on another host\t/notes/2026/\tother.example\t70\r\n\
.\r\n";
    reply(&mut app, id, listing);
    assert_eq!(app.tab.page.cursor, 3, "on ` 2026`, the link back");
    // Once more up, from a page not linked there: the first link as usual.
    let (id, _) = fetched(&keys(&mut app, &[Key::Char('u')]));
    reply(&mut app, id, b"1Elsewhere\t/x/\th.example\t70\r\n.\r\n");
    assert_eq!(app.tab.page.cursor, 0);
}
