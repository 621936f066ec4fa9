//! Narrow windows and long messages: the title bar keeps the address and drops its labels
//! first; addresses are cut in their middle, keeping the host and the file name; a notice too
//! long for the status bar says so and names the key of the messages page, which lists every
//! notice of the session in full, newest first; start-up warnings stay until Esc or that
//! page. Update and screen (TestBackend) level.

use crate::harness::driver::{app, keys, notice, screen_rows, show};
use burrow::app::input::Key;
use burrow::app::{App, AppConfig, Location, Msg};

const ELLIPSIS: char = '\u{2026}';

#[test]
fn a_narrow_title_bar_drops_its_labels_before_it_cuts_the_address() {
    let mut app = app();
    show(
        &mut app,
        "gopher://gopher.example/0/text/notes.txt",
        b"hello\r\n",
    );
    let title = |app: &App| screen_rows(app)[0].clone();
    assert!(title(&app).starts_with(" Burrow  gopher://gopher.example/0/text/notes.txt"));
    assert!(title(&app).ends_with("[not encrypted]"), "{}", title(&app));
    app.update(Msg::Resize(57, 24));
    assert_eq!(
        title(&app),
        " gopher://gopher.example/0/text/notes.txt [not encrypted]"
    );
    app.update(Msg::Resize(41, 24));
    assert_eq!(title(&app), " gopher://gopher.example/0/text/notes.txt");
    app.update(Msg::Resize(30, 24));
    let cut = title(&app);
    assert!(cut.starts_with(" gopher://"), "{cut}");
    assert!(cut.ends_with("/notes.txt"), "the file name stays: {cut}");
    assert!(cut.contains(ELLIPSIS), "{cut}");
    assert!(cut.chars().count() <= 30, "{cut}");
}

#[test]
fn the_status_bar_cuts_a_long_link_address_in_its_middle_and_keeps_the_position() {
    let mut app = app();
    let menu = "0Notes\t/archive/2026/december/very/deep/notes-of-the-week.txt\tgopher.example.org\t70\r\n";
    show(&mut app, "gopher://gopher.example.org/", menu.as_bytes());
    app.update(Msg::Resize(70, 24));
    let status = screen_rows(&app)[23].clone();
    assert_eq!(
        status,
        format!("gopher://gopher.example.org/{ELLIPSIS}/deep/notes-of-the-week.txt   item 1 of 1")
    );
    assert!(status.ends_with("item 1 of 1"), "{status}");
}

#[test]
fn a_notice_too_long_for_the_status_bar_says_so_and_m_shows_it_whole() {
    let mut app = app();
    app.update(Msg::Resize(40, 24));
    let long = "Not saved: the disk is full, so /home/me/Downloads/big.iso stays where it was";
    app.update(Msg::Problem(long.into()));
    let status = screen_rows(&app)[23].clone();
    assert!(
        status.ends_with(&format!("{ELLIPSIS} M reads it all")),
        "{status}"
    );
    assert!(status.starts_with("Not saved: the disk"), "{status}");
    keys(&mut app, &[Key::Char('M')]);
    assert_eq!(app.tab.page.location, Location::Messages);
    let page = screen_rows(&app)[1..23].join("");
    assert!(page.contains("error"), "{page}");
    assert!(
        page.replace(' ', "").contains(&long.replace(' ', "")),
        "the whole message, wrapped: {page}"
    );
}

#[test]
fn the_messages_page_lists_the_sessions_notices_newest_first_with_errors_marked() {
    let mut app = app();
    app.update(Msg::ProgramEnded("telnet ended".into()));
    keys(&mut app, &[Key::Left]);
    app.update(Msg::Problem("Could not start xdg-open".into()));
    keys(&mut app, &[Key::Char('M')]);
    let doc = app.tab.page.text_doc().expect("a text page").clone();
    let lines: Vec<&str> = doc.lines().collect();
    assert!(
        lines[0].starts_with("Messages of this session, newest first (3;"),
        "{lines:?}"
    );
    assert_eq!(lines[2], "   3  error  Could not start xdg-open");
    assert!(
        lines[3].starts_with("   2         This is the first page"),
        "{lines:?}"
    );
    assert_eq!(lines[4], "   1         telnet ended");
    // r shows the page again with what came since.
    app.update(Msg::Problem("Not saved: disk full".into()));
    keys(&mut app, &[Key::Char('r')]);
    let doc = app.tab.page.text_doc().expect("a text page").clone();
    assert_eq!(doc.line(2), "   4  error  Not saved: disk full");
}

#[test]
fn the_log_keeps_the_last_500_notices() {
    let mut app = app();
    for n in 1..=510 {
        app.update(Msg::ProgramEnded(format!("program {n} ended")));
    }
    keys(&mut app, &[Key::Char('M')]);
    let doc = app.tab.page.text_doc().expect("a text page");
    assert_eq!(
        doc.line(0),
        "Messages of this session, newest first: the last 500 of 510."
    );
    assert_eq!(doc.line(2), " 510         program 510 ended");
    assert_eq!(doc.line_count(), 502);
    assert_eq!(doc.line(501), "  11         program 11 ended");
}

fn app_with_warnings(warnings: &[&str]) -> App {
    let config = AppConfig {
        warnings: warnings.iter().map(|w| (*w).to_owned()).collect(),
        ..AppConfig::default()
    };
    App::new(config, (80, 24))
}

#[test]
fn start_up_warnings_stay_while_other_keys_work_until_esc() {
    let mut app = app_with_warnings(&["config file is invalid, line 3: unknown colour"]);
    assert_eq!(
        screen_rows(&app)[23],
        "(Esc dismisses) config file is invalid, line 3: unknown colour"
    );
    keys(&mut app, &[Key::Down, Key::Down, Key::Char('j')]);
    assert!(notice(&app).starts_with("config file is invalid"));
    assert_ne!(
        app.tab.page.cursor, 0,
        "the keys moved the cursor meanwhile"
    );
    let cursor = app.tab.page.cursor;
    keys(&mut app, &[Key::Esc]);
    assert_eq!(notice(&app), "");
    assert_eq!(app.tab.page.cursor, cursor, "Esc only dismissed it");
}

#[test]
fn opening_the_messages_page_dismisses_the_start_up_warnings_it_lists() {
    let mut app = app_with_warnings(&["config file is invalid", "known_hosts is malformed"]);
    assert!(screen_rows(&app)[23].starts_with("(1 more: Esc) config file is invalid"));
    keys(&mut app, &[Key::Char('M')]);
    assert_eq!(notice(&app), "");
    let doc = app.tab.page.text_doc().expect("a text page");
    assert_eq!(doc.line(2), "   2  error  known_hosts is malformed");
    assert_eq!(doc.line(3), "   1  error  config file is invalid");
}
