//! Links inside text documents: `]` and `[` select the URLs of a text page and scroll to them,
//! Follow opens a gopher one inside Burrow and asks before a web one leaves, `#` numbers
//! them in a gutter and a typed number follows one, a click on a URL's cells follows it
//! (through wrapping and the reading column), and the status bar names the selected one.
//! Update and screen tests here; the pty test clicks in the real binary.

use crate::harness::driver::{app, draw, fetched, keys, notice, question, rows, show, type_text};
use crate::harness::pty::*;
use crate::harness::{Reply, TestServer};
use burrow::app::input::Key;
use burrow::app::page::Position;
use burrow::app::{App, Command, Msg};
use burrow::ui::Theme;

/// A text of 60 lines with four URLs: a gopher one on line 2, a web one on line 3, a finger
/// one on line 40 (below the first screen) and a mailto one on line 41.
fn notes() -> Vec<u8> {
    let mut text = String::from("Notes from the burrow\r\n\r\n");
    text += "The menu is at gopher://other.example/1/menu for now.\r\n";
    text += "Or on the web (https://example.org/page), if you must.\r\n";
    for i in 4..40 {
        text += &format!("filler line {i}\r\n");
    }
    text += "Who is in: finger://plan.example/alice\r\n";
    text += "Write to mailto:alice@plan.example, please.\r\n";
    for i in 42..60 {
        text += &format!("more filler {i}\r\n");
    }
    text.into_bytes()
}

fn on_notes() -> App {
    let mut app = app();
    show(&mut app, "gopher://example.org/0/notes.txt", &notes());
    app
}

fn status(app: &App) -> String {
    rows(&draw(app))[usize::from(app.screen.1) - 1].clone()
}

#[test]
fn next_link_selects_the_first_url_on_screen_and_the_status_bar_names_it() {
    let mut app = on_notes();
    assert_eq!(app.tab.page.selected_link, None);
    keys(&mut app, &[Key::Char(']')]);
    assert_eq!(app.tab.page.selected_link, Some(0));
    let bar = status(&app);
    assert!(bar.starts_with("gopher://other.example/1/menu"), "{bar}");
    assert!(bar.ends_with("link 1 of 4"), "{bar}");
    keys(&mut app, &[Key::Char(']')]);
    assert!(
        status(&app).starts_with("Web link: https://example.org/page"),
        "the parenthesis is not part of it: {}",
        status(&app)
    );
}

#[test]
fn next_link_scrolls_to_a_link_below_the_screen_and_previous_link_goes_back_up() {
    let mut app = on_notes();
    keys(&mut app, &[Key::Char(']'), Key::Char(']')]);
    assert_eq!(
        app.tab.page.top,
        Position::default(),
        "both on the first screen"
    );
    keys(&mut app, &[Key::Char(']')]);
    assert_eq!(app.tab.page.selected_link, Some(2));
    let top = app.tab.page.top.line;
    assert!((20..=40).contains(&top), "line 40 shown, top {top}");
    assert!(status(&app).starts_with("finger://plan.example/alice"));
    keys(&mut app, &[Key::Char(']')]);
    keys(&mut app, &[Key::Char(']')]);
    assert_eq!(
        app.tab.page.selected_link,
        Some(3),
        "the last link stays selected"
    );
    assert_eq!(notice(&app), "No more links below");
    keys(&mut app, &[Key::Char('['), Key::Char('['), Key::Char('[')]);
    assert_eq!(app.tab.page.selected_link, Some(0));
    assert_eq!(app.tab.page.top.line, 0, "scrolled back up to show it");
}

#[test]
fn after_scrolling_away_next_link_starts_from_the_screen_and_esc_clears_the_selection() {
    let mut app = on_notes();
    keys(&mut app, &[Key::Char(']')]);
    keys(&mut app, &[Key::End]);
    keys(&mut app, &[Key::Char('[')]);
    assert_eq!(
        app.tab.page.selected_link,
        Some(3),
        "the last link above the bottom of the screen"
    );
    keys(&mut app, &[Key::Esc]);
    assert_eq!(app.tab.page.selected_link, None);
    assert!(status(&app).starts_with("Row "), "{}", status(&app));
}

#[test]
fn follow_opens_a_selected_gopher_link_inside_burrow() {
    let mut app = on_notes();
    keys(&mut app, &[Key::Char(']')]);
    let (_, url) = fetched(&keys(&mut app, &[Key::Enter]));
    assert_eq!(url.to_string(), "gopher://other.example/1/menu");
}

#[test]
fn follow_with_no_link_selected_does_nothing_as_before() {
    let mut app = on_notes();
    assert!(keys(&mut app, &[Key::Enter]).is_empty());
    assert!(app.question().is_none());
}

#[test]
fn a_finger_link_opens_inside_burrow() {
    let mut app = on_notes();
    keys(&mut app, &[Key::Char(']'), Key::Char(']'), Key::Char(']')]);
    let (_, url) = fetched(&keys(&mut app, &[Key::Enter]));
    assert_eq!(url.to_string(), "finger://plan.example/alice");
}

#[test]
fn a_web_link_asks_first_and_declining_runs_nothing() {
    let mut app = on_notes();
    keys(&mut app, &[Key::Char(']'), Key::Char(']')]);
    assert!(keys(&mut app, &[Key::Enter]).is_empty(), "nothing runs yet");
    assert_eq!(
        question(&app),
        "(y/n) Open https://example.org/page with xdg-open?"
    );
    assert!(keys(&mut app, &[Key::Char('n')]).is_empty());
    assert!(app.question().is_none());
    keys(&mut app, &[Key::Enter]);
    assert_eq!(
        keys(&mut app, &[Key::Char('y')]),
        vec![Command::RunDetached(vec![
            "xdg-open".into(),
            "https://example.org/page".into()
        ])]
    );
}

#[test]
fn a_mailto_link_asks_before_going_to_the_opener() {
    let mut app = on_notes();
    keys(&mut app, &[Key::End, Key::Char('[')]);
    keys(&mut app, &[Key::Enter]);
    assert_eq!(
        question(&app),
        "(y/n) Open mailto:alice@plan.example with xdg-open?"
    );
}

#[test]
fn link_numbers_then_a_number_follow_that_link_of_the_text() {
    let mut app = on_notes();
    keys(&mut app, &[Key::Char('#')]);
    // Four links: "1" is unambiguous, so the pause would open it; Enter opens it now.
    let commands = type_text(&mut app, "1");
    assert!(
        matches!(commands.as_slice(), [Command::WakeAfter { .. }]),
        "{commands:?}"
    );
    assert_eq!(app.tab.page.selected_link, Some(0));
    let (_, url) = fetched(&keys(&mut app, &[Key::Enter]));
    assert_eq!(url.to_string(), "gopher://other.example/1/menu");
}

#[test]
fn a_typed_link_number_scrolls_to_its_link_and_esc_puts_the_view_back() {
    let mut app = on_notes();
    keys(&mut app, &[Key::Char('#')]);
    type_text(&mut app, "3");
    assert_eq!(app.tab.page.selected_link, Some(2));
    assert!(app.tab.page.top.line > 0, "scrolled to line 40");
    keys(&mut app, &[Key::Esc]);
    assert_eq!(app.tab.page.selected_link, None);
    assert_eq!(app.tab.page.top, Position::default());
    type_text(&mut app, "9");
    assert!(
        notice(&app).contains("No link 9: this page has 4"),
        "{}",
        notice(&app)
    );
}

#[test]
fn a_click_on_a_url_follows_it() {
    let mut app = on_notes();
    // Row 0 is the title bar; line 2 is on row 3; the URL starts at column 15.
    assert!(
        app.update(Msg::Click { column: 14, row: 3 }).is_empty(),
        "`at `"
    );
    let (_, url) = fetched(&app.update(Msg::Click { column: 20, row: 3 }));
    assert_eq!(url.to_string(), "gopher://other.example/1/menu");
}

#[test]
fn a_click_maps_through_wrapping_and_the_centred_reading_column() {
    let mut app = on_notes();
    app.wrap_width = 20;
    app.center = true;
    // The column is 20 wide at margin 30. The title wraps into rows 1 and 2, the empty line
    // is row 3, and line 2 wraps as "The menu is at " / "gopher://other.examp" /
    // "le/1/menu for now.": rows 4, 5 and 6 of the screen.
    assert!(
        app.update(Msg::Click { column: 29, row: 6 }).is_empty(),
        "the margin"
    );
    assert!(
        app.update(Msg::Click { column: 41, row: 6 }).is_empty(),
        "`for`"
    );
    assert!(
        app.update(Msg::Click { column: 31, row: 4 }).is_empty(),
        "`menu`"
    );
    let (_, url) = fetched(&app.update(Msg::Click { column: 31, row: 6 }));
    assert_eq!(url.to_string(), "gopher://other.example/1/menu");
}

#[test]
fn a_click_on_a_numbered_text_skips_the_gutter() {
    let mut app = on_notes();
    keys(&mut app, &[Key::Char('#')]);
    // Gutter of three columns ("1+ " wide): the URL now starts at column 18.
    assert_eq!(app.link_gutter(), 3);
    assert!(app.update(Msg::Click { column: 17, row: 3 }).is_empty());
    let (_, url) = fetched(&app.update(Msg::Click { column: 18, row: 3 }));
    assert_eq!(url.to_string(), "gopher://other.example/1/menu");
}

#[test]
fn a_url_the_url_layer_rejects_is_refused_with_the_reason_and_escapes_never_reach_the_screen() {
    let mut app = app();
    show(
        &mut app,
        "gopher://example.org/0/hostile.txt",
        b"see gopher://user@evil.example/1/ and gopher://\x1b[2Jx/\r\n",
    );
    keys(&mut app, &[Key::Char(']')]);
    assert!(keys(&mut app, &[Key::Enter]).is_empty());
    assert!(
        notice(&app).starts_with("Cannot open gopher://user@evil.example/1/"),
        "{}",
        notice(&app)
    );
    // The escape sequence was taken out as the text was parsed: what is followed is the
    // URL shown.
    keys(&mut app, &[Key::Char(']')]);
    let (_, url) = fetched(&keys(&mut app, &[Key::Enter]));
    assert_eq!(url.to_string(), "gopher://x/");
    crate::harness::driver::assert_no_control_characters(&draw(&app), "hostile text links");
}

#[test]
fn t_opens_a_selected_text_link_in_a_background_tab() {
    let mut app = on_notes();
    keys(&mut app, &[Key::Char(']')]);
    let (_, url) = fetched(&keys(&mut app, &[Key::Char('T')]));
    assert_eq!(url.to_string(), "gopher://other.example/1/menu");
    assert_eq!(
        app.tab.page.location.to_string(),
        "gopher://example.org/0/notes.txt",
        "this tab stays"
    );
    assert_eq!(app.tabs.others.len(), 1);
}

#[test]
fn the_screen_shows_the_selected_link_highlighted_and_numbers_in_the_gutter() {
    let theme = Theme::colour();
    let mut app = on_notes();
    let link_cell = |buffer: &ratatui::buffer::Buffer, x: u16| buffer[(x, 3)].style();
    let plain = draw(&app);
    assert_eq!(
        link_cell(&plain, 20).fg,
        theme.link.fg,
        "a URL in the link style"
    );
    assert_ne!(
        link_cell(&plain, 3).fg,
        theme.link.fg,
        "the words around it plain"
    );
    keys(&mut app, &[Key::Char(']')]);
    let selected = draw(&app);
    assert!(
        link_cell(&selected, 20)
            .add_modifier
            .contains(ratatui::style::Modifier::REVERSED),
        "the selected URL is drawn in the selected style"
    );
    assert!(
        !link_cell(&selected, 12)
            .add_modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
    keys(&mut app, &[Key::Char('#')]);
    let numbered = rows(&draw(&app));
    assert_eq!(
        numbered[3],
        "1  The menu is at gopher://other.example/1/menu for now."
    );
    assert_eq!(
        numbered[4],
        "2  Or on the web (https://example.org/page), if you must."
    );
    assert_eq!(numbered[5], "   filler line 4");
}

#[test]
fn a_click_on_a_url_in_the_real_binary_opens_the_page_it_names() {
    let server = TestServer::start(|port| {
        let text = format!(
            "A phlog entry\r\nThe follow-up is at gopher://127.0.0.1:{port}/0/next.txt today.\r\n"
        );
        vec![
            ("/notes.txt", Reply::Bytes(text.into_bytes())),
            (
                "/next.txt",
                Reply::Bytes(b"You followed the link.\r\n".to_vec()),
            ),
        ]
    });
    let start = server.url('0', "/notes.txt");
    let mut burrow = PtySession::spawn(BURROW, &[&start]);
    burrow.wait_for_text("The follow-up is at");
    // SGR reports count from 1: row 3 is screen row 2 (the text's second line), column 30
    // is inside the URL that starts at column 21.
    burrow.send("\x1b[<0;30;3M\x1b[<0;30;3m");
    burrow.wait_for_text("You followed the link.");
    burrow.wait_for_title(&server.url('0', "/next.txt"));
    burrow.send("q");
    assert!(burrow.wait_for_exit().success());
}

#[test]
fn y_copies_the_selected_text_link() {
    let mut app = on_notes();
    keys(&mut app, &[Key::Char(']')]);
    assert_eq!(
        keys(&mut app, &[Key::Char('y')]),
        vec![Command::CopyToClipboard(
            "gopher://other.example/1/menu".into()
        )]
    );
}

#[test]
fn i_on_a_selected_text_link_shows_its_number_and_where_it_leads() {
    let mut app = on_notes();
    keys(&mut app, &[Key::Char(']'), Key::Char('i')]);
    let overlay = app.overlay().expect("an info box");
    assert_eq!(overlay.title, "Selected link");
    assert_eq!(overlay.lines[0], "Link:      1 of 4 in this text");
    assert!(
        overlay
            .lines
            .contains(&"Host:      other.example".to_owned()),
        "{:?}",
        overlay.lines
    );
    keys(&mut app, &[Key::Esc, Key::Char(']'), Key::Char('i')]);
    let overlay = app.overlay().expect("an info box");
    assert_eq!(overlay.lines[1], "Web link:  https://example.org/page");
}

#[test]
fn shift_a_bookmarks_a_selected_gopher_link_of_a_text_but_not_a_web_one() {
    let mut app = on_notes();
    keys(&mut app, &[Key::Char(']'), Key::Char('A')]);
    let prompt = app.prompt().expect("the title prompt");
    assert_eq!(prompt.editor.text(), "gopher://other.example/1/menu");
    assert!(
        matches!(&prompt.purpose, burrow::app::PromptPurpose::BookmarkTitle(url) if url.host == "other.example")
    );
    keys(&mut app, &[Key::Esc, Key::Char(']'), Key::Char('A')]);
    assert!(app.prompt().is_none());
    assert_eq!(notice(&app), "Only Gopher addresses can be bookmarked");
}

#[test]
fn after_home_pgdn_or_back_the_keys_start_from_the_screen_not_from_an_unseen_selection() {
    let mut app = on_notes();
    keys(&mut app, &[Key::Char(']'), Key::Char(']'), Key::Char(']')]);
    assert_eq!(app.tab.page.selected_link, Some(2), "line 40, scrolled to");
    keys(&mut app, &[Key::Home, Key::Char(']')]);
    assert_eq!(
        app.tab.page.selected_link,
        Some(0),
        "the first link on screen"
    );
    keys(&mut app, &[Key::PageDown, Key::Char('[')]);
    assert_eq!(
        app.tab.page.selected_link,
        Some(3),
        "lines 22 to 43 shown: the last link above the bottom"
    );
    keys(&mut app, &[Key::Home, Key::Char('[')]);
    assert_eq!(
        app.tab.page.selected_link,
        Some(1),
        "the last link on the first screen"
    );
    // Away and Back: the page comes back with its selection; Home and ] start from the top.
    keys(&mut app, &[Key::Char(']'), Key::Char(']'), Key::Char(']')]);
    assert_eq!(app.tab.page.selected_link, Some(3));
    show(&mut app, "gopher://other.example/0/x", b"elsewhere\r\n");
    keys(&mut app, &[Key::Left, Key::Home, Key::Char(']')]);
    assert_eq!(app.tab.page.selected_link, Some(0));
}

#[test]
fn a_gopher_url_to_a_visited_page_is_drawn_in_the_visited_style() {
    let theme = Theme::colour();
    let mut app = on_notes();
    keys(&mut app, &[Key::Char(']')]);
    let (id, _) = fetched(&keys(&mut app, &[Key::Enter]));
    crate::harness::driver::reply(&mut app, id, b"iA menu\tfake\t(NULL)\t0\r\n.\r\n");
    keys(&mut app, &[Key::Left, Key::Esc]);
    assert_eq!(app.tab.page.selected_link, None);
    let buffer = draw(&app);
    assert_eq!(
        buffer[(20, 3)].style().fg,
        theme.visited.fg,
        "the visited gopher URL"
    );
    assert_eq!(buffer[(25, 4)].style().fg, theme.link.fg, "the web URL");
}
