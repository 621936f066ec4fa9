//! What a tab is called in the bar: the page's best title (the server's, else the text of the
//! link that led there), cut at its end; a search keeps its name and the words searched; the
//! address, cut in its middle, only for a page with no title.

use crate::harness::driver::{app, draw, fetched, keys, reply, rows, type_text, url};
use burrow::app::input::Key;
use burrow::app::{App, Location, Msg};

const MENU: &[u8] = "0wide-中文字.txt\t/wide-%E4%B8%AD%E6%96%87%E5%AD%97.txt\texample.org\t70\r\n\
1Every post from the whole of 2020 and more\t/2020\texample.org\t70\r\n\
7Search the slow server\t/search\texample.org\t70\r\n\
.\r\n"
    .as_bytes();

fn app_on_menu() -> App {
    let mut app = app();
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url("gopher://example.org/")))));
    reply(&mut app, id, MENU);
    app
}

fn bar(app: &App) -> String {
    rows(&draw(app))[0].clone()
}

#[test]
fn a_text_tab_is_titled_by_the_link_that_led_there_not_its_escaped_address() {
    let mut app = app_on_menu();
    let (id, _) = fetched(&keys(&mut app, &[Key::Char('T')]));
    reply(&mut app, id, b"some text\r\n");
    assert!(bar(&app).contains(" wide-"), "{}", bar(&app));
    assert!(!bar(&app).contains('%'), "{}", bar(&app));
    keys(&mut app, &[Key::Tab]);
    assert_eq!(
        burrow::app::tab_names::tab_title(&app.tab),
        "wide-中文字.txt"
    );
}

#[test]
fn a_long_title_keeps_its_start_and_is_cut_at_its_end() {
    let mut app = app_on_menu();
    let (id, _) = fetched(&keys(&mut app, &[Key::Down, Key::Char('T')]));
    reply(&mut app, id, b"iA post\tfake\t(NULL)\t0\r\n.\r\n");
    let bar = bar(&app);
    assert!(bar.contains(" Every post from the who…"), "{bar}");
    assert!(!bar.contains("2020"), "{bar}");
}

#[test]
fn a_search_tab_keeps_its_name_and_words_once_loaded() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Down, Key::Down, Key::Char('T')]);
    type_text(&mut app, "hello");
    let (id, _) = fetched(&keys(&mut app, &[Key::Enter]));
    assert!(bar(&app).contains("Search the slow"), "{}", bar(&app));
    reply(&mut app, id, b"iNo results\tfake\t(NULL)\t0\r\n.\r\n");
    let bar = bar(&app);
    assert!(bar.contains("Search the slow"), "{bar}");
    assert!(!bar.contains("%09"), "{bar}");
    keys(&mut app, &[Key::Tab]);
    assert_eq!(
        burrow::app::tab_names::tab_title(&app.tab),
        "Search the slow server: hello"
    );
}

#[test]
fn a_page_without_a_title_is_named_by_its_address_cut_in_the_middle() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Ctrl('t')]);
    let address = "gopher://example.org/0/a/very/long/path/to/the/file-at-the-end.txt";
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url(address)))));
    reply(&mut app, id, b"text\r\n");
    let bar = bar(&app);
    assert!(bar.contains("…/file-at-the-end.txt"), "{bar}");
}

#[test]
fn a_title_from_a_directory_listing_keeps_one_space_between_its_columns() {
    let mut app = app();
    let listing = b"0file24.txt                            2026-Dec-02 07:43     0.0 KB\t/file24.txt\texample.org\t70\r\n.\r\n";
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url("gopher://example.org/")))));
    reply(&mut app, id, listing);
    let (id, _) = fetched(&keys(&mut app, &[Key::Char('T')]));
    reply(&mut app, id, b"text\r\n");
    assert!(
        bar(&app).contains(" file24.txt 2026-Dec-02…"),
        "{}",
        bar(&app)
    );
}

#[test]
fn a_search_followed_with_enter_titles_its_results_with_its_name_and_words() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Down, Key::Down, Key::Enter]);
    type_text(&mut app, "hello");
    let (id, _) = fetched(&keys(&mut app, &[Key::Enter]));
    reply(&mut app, id, b"iNo results\tfake\t(NULL)\t0\r\n.\r\n");
    assert_eq!(
        burrow::app::tab_names::tab_title(&app.tab),
        "Search the slow server: hello"
    );
}
