//! Encodings (`e` cycles auto, UTF-8, Windows-1252, CP437 and Latin-1 for the page it is pressed
//! on, kept with it in history) and view source (`\`),
//! driven through `App::update` with canned replies, and checked on a rendered screen.

use crate::harness::driver::{
    app, assert_no_control_characters, draw, fetched, keys, notice, reply, screen_rows, show, url,
};
use burrow::app::Location;
use burrow::app::input::Key;
use burrow::app::{App, Command};
use burrow::gopher::Encoding;

const ART_URL: &str = "gopher://art.example/0/logo.ans";
/// ANSI art in CP437: a box, a shaded block, colour escapes and a bell.
const ART: &[u8] =
    b"\x1b[1;34m\xc9\xcd\xcd\xbb\x1b[0m\r\n\xba\xb0\xdb\xba\x07\r\n\xc8\xcd\xcd\xbc\r\n";

const MENU_URL: &str = "gopher://example.org/1/";
const MENU: &[u8] = b"iCaf\xe9 du coin\tfake\t(NULL)\t0\r\n\
1Docs\t/docs\texample.org\t70\r\n\
0Read me\t/readme\texample.org\t70\r\n\
0Notes\t/notes\texample.org\t70\r\n\
.\r\n";

fn screen_text(app: &App) -> String {
    screen_rows(app).join("\n")
}

/// Presses `key` and answers the one fetch it starts with `bytes`.
fn press_and_reply(app: &mut App, key: Key, bytes: &[u8]) -> burrow::gopher::GopherUrl {
    let commands = keys(app, &[key]);
    let (id, fetched_url) = fetched(&commands);
    reply(app, id, bytes);
    fetched_url
}

#[test]
fn an_8_bit_menu_shows_its_accents_in_auto_without_a_label() {
    let mut app = app();
    show(&mut app, MENU_URL, MENU);
    let rows = screen_rows(&app);
    assert!(
        rows.iter().any(|r| r.contains("Caf\u{e9} du coin")),
        "{rows:?}"
    );
    for label in [
        "[auto]",
        "[UTF-8]",
        "[Windows-1252]",
        "[Latin-1]",
        "[CP437]",
    ] {
        assert!(!rows[0].contains(label), "title: {}", rows[0]);
    }
    assert_eq!(app.tab.page.encoding, Encoding::Auto);
}

#[test]
fn e_fetches_the_page_again_and_shows_cp437_art_as_boxes() {
    let mut app = app();
    show(&mut app, ART_URL, ART);
    // Auto fell back to Windows-1252: the box shows as accented letters.
    assert!(screen_text(&app).contains("\u{c9}\u{cd}\u{cd}\u{bb}"));
    let history = app.tab.history.back_len();

    // From what auto showed (Windows-1252) the key moves on to CP437.
    let fetched_url = press_and_reply(&mut app, Key::Char('e'), ART);
    assert_eq!(fetched_url, url(ART_URL));
    let rows = screen_rows(&app);
    assert!(
        rows[1].contains("\u{2554}\u{2550}\u{2550}\u{2557}"),
        "{rows:?}"
    );
    assert!(
        rows[2].contains("\u{2551}\u{2591}\u{2588}\u{2551}"),
        "{rows:?}"
    );
    assert!(rows[0].contains("[CP437]"), "title: {}", rows[0]);
    assert_eq!(notice(&app), "Showing this page as CP437 (e cycles)");
    assert_eq!(app.tab.page.encoding, Encoding::Cp437);
    assert_eq!(
        app.tab.history.back_len(),
        history,
        "re-decoding is not a new history entry"
    );
    assert_eq!(app.tab.history.forward_len(), 0);
}

#[test]
fn the_key_cycles_through_every_encoding_and_back_to_auto() {
    let mut app = app();
    let cafe = "caf\u{e9} \u{201c}q\u{201d}\r\n".as_bytes();
    show(&mut app, "gopher://example.org/0/cafe", cafe);
    let mut seen = Vec::new();
    for _ in 0..6 {
        press_and_reply(&mut app, Key::Char('e'), cafe);
        seen.push((
            app.tab.page.encoding,
            screen_rows(&app)[1].clone(),
            notice(&app),
        ));
    }
    let expected = [
        // Every line was UTF-8, so auto showed UTF-8: the key moves on to Windows-1252.
        (
            Encoding::Windows1252,
            "caf\u{c3}\u{a9} \u{e2}\u{20ac}\u{153}q\u{e2}\u{20ac}\u{fffd}",
        ),
        (
            Encoding::Cp437,
            "caf\u{251c}\u{2310} \u{393}\u{c7}\u{a3}q\u{393}\u{c7}\u{a5}",
        ),
        (Encoding::Latin1, "caf\u{c3}\u{a9} \u{e2}q\u{e2}"),
        (Encoding::Auto, "caf\u{e9} \u{201c}q\u{201d}"),
        (
            Encoding::Windows1252,
            "caf\u{c3}\u{a9} \u{e2}\u{20ac}\u{153}q\u{e2}\u{20ac}\u{fffd}",
        ),
        (
            Encoding::Cp437,
            "caf\u{251c}\u{2310} \u{393}\u{c7}\u{a3}q\u{393}\u{c7}\u{a5}",
        ),
    ];
    for ((encoding, row, said), (want_encoding, want_row)) in seen.iter().zip(expected) {
        assert_eq!(*encoding, want_encoding);
        assert_eq!(row, want_row, "{encoding}");
        assert!(said.contains(want_encoding.name()), "{said}");
    }
    assert_eq!(
        seen[3].2,
        "Showing this page as auto: UTF-8, else Windows-1252 (e cycles)"
    );
}

#[test]
fn the_title_bar_names_the_encoding_chosen_and_auto_has_no_label() {
    let mut app = app();
    show(&mut app, ART_URL, ART);
    press_and_reply(&mut app, Key::Char('e'), ART);
    assert!(screen_rows(&app)[0].contains("[CP437]"));
    press_and_reply(&mut app, Key::Char('e'), ART);
    assert!(screen_rows(&app)[0].contains("[Latin-1]"));
    press_and_reply(&mut app, Key::Char('e'), ART);
    assert_eq!(app.tab.page.encoding, Encoding::Auto);
    let title = screen_rows(&app)[0].clone();
    for label in ["[auto]", "[CP437]", "[Latin-1]", "[Windows-1252]"] {
        assert!(!title.contains(label), "{title}");
    }
}

#[test]
fn pressing_e_again_before_the_reply_moves_on_from_the_pending_choice() {
    let mut app = app();
    show(&mut app, ART_URL, b"plain\r\n");
    keys(&mut app, &[Key::Char('e')]);
    let commands = keys(&mut app, &[Key::Char('e')]);
    assert!(commands.iter().any(|c| matches!(c, Command::Cancel(_))));
    let (id, _) = fetched(&commands);
    reply(&mut app, id, ART);
    assert_eq!(app.tab.page.encoding, Encoding::Cp437);
}

#[test]
fn re_decoding_a_menu_keeps_the_cursor_and_scroll() {
    let mut app = app();
    show(&mut app, MENU_URL, MENU);
    keys(&mut app, &[Key::Down, Key::Down]);
    assert_eq!(app.tab.page.cursor, 3);
    press_and_reply(&mut app, Key::Char('e'), MENU);
    assert_eq!(app.tab.page.cursor, 3);
    assert_eq!(app.tab.page.encoding, Encoding::Cp437);
    // 0xE9 in CP437 is a Greek capital theta.
    assert!(screen_text(&app).contains("Caf\u{398} du coin"));
}

#[test]
fn the_choice_belongs_to_the_page_it_was_made_on_and_stays_with_it_in_history() {
    let mut app = app();
    show(&mut app, ART_URL, ART);
    press_and_reply(&mut app, Key::Char('e'), ART);
    assert_eq!(app.tab.page.encoding, Encoding::Cp437);

    // Another page on the same server opens in the default, not in the choice.
    show(&mut app, "gopher://art.example/0/other.ans", ART);
    assert_eq!(app.tab.page.encoding, Encoding::Auto);
    assert!(screen_text(&app).contains("\u{c9}\u{cd}\u{cd}\u{bb}"));
    assert!(!screen_rows(&app)[0].contains("[CP437]"));

    // Back shows the page as it was decoded, and reloading it keeps its encoding.
    keys(&mut app, &[Key::Left]);
    assert_eq!(app.tab.page.encoding, Encoding::Cp437);
    assert!(screen_text(&app).contains("\u{2554}\u{2550}\u{2550}\u{2557}"));
    press_and_reply(&mut app, Key::Char('r'), ART);
    assert_eq!(app.tab.page.encoding, Encoding::Cp437);
    assert!(screen_text(&app).contains("\u{2554}\u{2550}\u{2550}\u{2557}"));

    // Its source is decoded the same way.
    press_and_reply(&mut app, Key::Char('\\'), ART);
    assert!(app.tab.page.location.is_source());
    assert_eq!(app.tab.page.encoding, Encoding::Cp437);
}

#[test]
fn the_default_encoding_applies_to_hosts_without_a_choice() {
    let mut app = app();
    app.default_encoding = Encoding::Cp437;
    show(&mut app, ART_URL, ART);
    assert_eq!(app.tab.page.encoding, Encoding::Cp437);
    assert!(screen_text(&app).contains("\u{2554}"));
    show(&mut app, MENU_URL, MENU);
    assert_eq!(app.tab.page.encoding, Encoding::Cp437);
}

#[test]
fn built_in_and_error_pages_have_nothing_to_re_decode() {
    let mut app = app();
    assert!(keys(&mut app, &[Key::Char('e')]).is_empty());
    assert!(
        notice(&app).contains("nothing to re-decode"),
        "{}",
        notice(&app)
    );

    let commands = app.update(burrow::app::Msg::Open(Location::Gopher(url(MENU_URL))));
    let (id, _) = fetched(&commands);
    reply(&mut app, id, b"3Gone\t\terror.host\t1\r\n");
    assert!(keys(&mut app, &[Key::Char('e')]).is_empty());
    assert!(notice(&app).contains("error page"), "{}", notice(&app));
}

#[test]
fn view_source_shows_menu_lines_as_sent_and_back_returns_with_the_cursor() {
    let mut app = app();
    show(&mut app, MENU_URL, MENU);
    keys(&mut app, &[Key::Down]);
    assert_eq!(app.tab.page.cursor, 2);
    let history = app.tab.history.back_len();

    let fetched_url = press_and_reply(&mut app, Key::Char('\\'), MENU);
    assert_eq!(fetched_url, url(MENU_URL));
    assert_eq!(
        app.tab.page.location,
        Location::source_of(Location::Gopher(url(MENU_URL)))
    );
    assert_eq!(
        app.tab.history.back_len(),
        history + 1,
        "the source is a new page"
    );
    let rows = screen_rows(&app);
    assert!(
        rows[0].contains("source of gopher://example.org/1/"),
        "{rows:?}"
    );
    assert_eq!(
        rows[2],
        "1Docs\u{2192}  /docs\u{2192}  example.org\u{2192}    70"
    );
    assert!(rows[1].starts_with("iCaf\u{e9} du coin\u{2192}"));
    assert_eq!(rows[5], ".");
    assert!(
        rows[23].starts_with("source of gopher://example.org/1/"),
        "{}",
        rows[23]
    );

    keys(&mut app, &[Key::Left]);
    assert_eq!(app.tab.page.location, Location::Gopher(url(MENU_URL)));
    assert_eq!(app.tab.page.cursor, 2);

    // \ again also returns.
    press_and_reply(&mut app, Key::Char('\\'), MENU);
    assert!(app.tab.page.location.is_source());
    assert!(keys(&mut app, &[Key::Char('\\')]).is_empty());
    assert_eq!(app.tab.page.location, Location::Gopher(url(MENU_URL)));
    assert_eq!(app.tab.page.cursor, 2);
}

#[test]
fn view_source_keeps_dot_stuffing_and_decides_a_dot_line_as_the_page_does() {
    let mut app = app();
    show(
        &mut app,
        "gopher://example.org/0/t",
        b"..stuffed\r\nplain\r\n.\r\n",
    );
    assert_eq!(
        screen_rows(&app)[1],
        ".stuffed",
        "a reply ended by the terminator was dot-stuffed"
    );
    press_and_reply(&mut app, Key::Char('\\'), b"..stuffed\r\nplain\r\n.\r\n");
    let rows = screen_rows(&app);
    assert_eq!(&rows[1..5], ["..stuffed", "plain", ".", ""]);
    keys(&mut app, &[Key::Char('\\')]);
    press_and_reply(
        &mut app,
        Key::Char('\\'),
        b"..stuffed\r\nplain\r\n.\r\nafter the dot\r\n",
    );
    let rows = screen_rows(&app);
    assert_eq!(
        &rows[1..6],
        ["..stuffed", "plain", ".", "after the dot", ""],
        "a dot line with more after it is content"
    );
}

#[test]
fn source_of_hostile_bytes_never_puts_control_characters_on_screen() {
    let hostile: &[u8] = b"0\x1b]0;owned\x07Title\x1b[2J\t/sel\x1b[31m\x9b1m\th\t70\r\n\
i\x1bP1$q\x1b\\evil\xe2\x80\xae\x08\x7f\x00\tfake\t(NULL)\t0\r\n\
\x90dcs\x9c\x9d8;;osc\x07\r\n";
    for encoding in burrow::gopher::encoding::ALL_ENCODINGS {
        let mut app = app();
        app.default_encoding = encoding;
        show(&mut app, MENU_URL, hostile);
        press_and_reply(&mut app, Key::Char('\\'), hostile);
        assert!(app.tab.page.location.is_source());
        assert_no_control_characters(&draw(&app), &format!("{encoding:?}"));
        assert!(screen_text(&app).contains("Title"));
    }
}

#[test]
fn built_in_pages_show_their_compiled_in_source() {
    let mut app = app();
    assert!(keys(&mut app, &[Key::Char('\\')]).is_empty());
    assert_eq!(app.tab.page.location, Location::source_of(Location::Start));
    assert!(screen_text(&app).contains('\u{2192}'));
    keys(&mut app, &[Key::Char('\\')]);
    assert_eq!(app.tab.page.location, Location::Start);
}

#[test]
fn e_on_a_source_page_re_decodes_the_source() {
    let mut app = app();
    show(&mut app, ART_URL, ART);
    press_and_reply(&mut app, Key::Char('\\'), ART);
    press_and_reply(&mut app, Key::Char('e'), ART);
    assert!(app.tab.page.location.is_source());
    assert_eq!(app.tab.page.encoding, Encoding::Cp437);
    assert!(screen_text(&app).contains("\u{2554}\u{2550}\u{2550}\u{2557}"));
}
