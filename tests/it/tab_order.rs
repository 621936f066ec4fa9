//! Where tabs go: links opened one after another with `T` from one tab line up after it in
//! the order they were opened (until the user switches tabs or leaves the page), Ctrl-u puts
//! a closed tab back where it was, and Ctrl-w on a lone start page has nothing to close.

use crate::harness::driver::{app, fetched, keys, notice, reply, url};
use burrow::app::input::Key;
use burrow::app::{App, Location, Msg};

const MENU: &[u8] = b"1One\t/1\texample.org\t70\r\n\
1Two\t/2\texample.org\t70\r\n\
1Three\t/3\texample.org\t70\r\n\
.\r\n";

fn app_on_menu() -> App {
    let mut app = app();
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url("gopher://example.org/")))));
    reply(&mut app, id, MENU);
    app
}

/// Each tab's address in bar order.
fn bar(app: &App) -> Vec<String> {
    app.tabs_in_order()
        .map(|tab| match tab.loading.as_ref() {
            Some(loading) => loading.url.to_string(),
            None => tab.page.location.to_string(),
        })
        .collect()
}

#[test]
fn links_opened_one_after_another_with_t_line_up_after_this_tab_in_the_order_opened() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Char('T')]);
    assert!(notice(&app).contains("tab 2"), "{}", notice(&app));
    keys(&mut app, &[Key::Down, Key::Char('T')]);
    assert!(notice(&app).contains("tab 3"), "{}", notice(&app));
    keys(&mut app, &[Key::Down, Key::Char('T')]);
    assert!(notice(&app).contains("tab 4"), "{}", notice(&app));
    assert_eq!(
        bar(&app),
        [
            "gopher://example.org/",
            "gopher://example.org/1/1",
            "gopher://example.org/1/2",
            "gopher://example.org/1/3"
        ]
    );
    assert_eq!(app.tabs.shown_at, 0, "this tab stays shown");
}

#[test]
fn after_switching_tabs_the_next_t_goes_right_after_this_tab_again() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Char('T'), Key::Tab, Key::BackTab]);
    keys(&mut app, &[Key::Down, Key::Char('T')]);
    assert_eq!(
        bar(&app),
        [
            "gopher://example.org/",
            "gopher://example.org/1/2",
            "gopher://example.org/1/1"
        ]
    );
}

#[test]
fn ctrl_u_reopens_a_closed_tab_where_it_was() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Char('T'), Key::Down, Key::Char('T')]);
    keys(&mut app, &[Key::Tab]); // The first link's tab, second in the bar.
    let closed = app.tab.loading.as_ref().map(|l| l.url.to_string());
    keys(&mut app, &[Key::Ctrl('w')]);
    assert_eq!(app.tabs.count(), 2);
    keys(&mut app, &[Key::Ctrl('u')]);
    assert_eq!(app.tabs.shown_at, 1, "back in its place");
    assert_eq!(bar(&app)[1], closed.expect("it was loading"));
    assert_eq!(bar(&app).len(), 3);
}

#[test]
fn closing_tabs_and_reopening_them_all_brings_the_bar_back_as_it_was() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Char('T'), Key::Down, Key::Char('T')]);
    keys(&mut app, &[Key::Down, Key::Char('T')]);
    let before = bar(&app);
    keys(
        &mut app,
        &[Key::Alt('3'), Key::Ctrl('w'), Key::Alt('1'), Key::Ctrl('w')],
    );
    keys(&mut app, &[Key::Ctrl('w')]);
    assert_eq!(app.tabs.count(), 1);
    keys(&mut app, &[Key::Ctrl('u'), Key::Ctrl('u'), Key::Ctrl('u')]);
    assert_eq!(bar(&app), before);
    assert_eq!(app.tabs.shown_at, 2, "the last reopened is shown");
}

#[test]
fn ctrl_w_on_a_lone_start_page_closes_nothing_and_records_nothing() {
    let mut app = app();
    keys(&mut app, &[Key::Ctrl('w')]);
    assert!(
        notice(&app).contains("nothing to close"),
        "{}",
        notice(&app)
    );
    keys(&mut app, &[Key::Ctrl('w'), Key::Ctrl('w'), Key::Ctrl('u')]);
    assert!(notice(&app).contains("No closed tab"), "{}", notice(&app));
    assert_eq!(app.tabs.count(), 1);
}

#[test]
fn ctrl_w_on_a_lone_tab_with_a_page_still_closes_it_to_the_start_page() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Ctrl('w')]);
    assert!(notice(&app).contains("Closed"), "{}", notice(&app));
    assert_eq!(app.tab.page.location, Location::Start);
    keys(&mut app, &[Key::Ctrl('w')]);
    assert!(
        notice(&app).contains("nothing to close"),
        "{}",
        notice(&app)
    );
    keys(&mut app, &[Key::Ctrl('u')]);
    assert_eq!(bar(&app)[0], "gopher://example.org/");
}
