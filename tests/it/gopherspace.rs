//! Faithful to real gopherspace (issue 9): gophermap source served unprocessed, links that
//! cannot be followed, `+` mirror items, gophernicus's TITLE line, and server errors and empty
//! replies, as a user meets them. State-machine and screen (TestBackend) level.

use crate::harness::driver::{app, draw, fetched, keys, notice, screen_rows, show, url};
use burrow::app::input::Key;
use burrow::app::page::Content;
use burrow::app::{App, Command, Msg};
use burrow::gopher::transfer::{FetchEvent, FetchUpdate};
use burrow::store::LinkEdit;
use burrow::ui::Theme;
use ratatui::style::Modifier;

/// The title recorded for the visit among `commands`, if one was recorded.
fn visit_title(commands: &[Command]) -> Option<String> {
    commands.iter().find_map(|c| match c {
        Command::EditLinks {
            edit: LinkEdit::RecordVisit { link, .. },
            ..
        } => Some(link.title.clone()),
        _ => None,
    })
}

/// Opens `address`, answers with `bytes`, and returns the commands the end of the reply gave.
fn open_and_answer(app: &mut App, address: &str, bytes: &[u8]) -> Vec<Command> {
    let commands = app.update(Msg::Open(burrow::app::Location::Gopher(url(address))));
    let (id, _) = fetched(&commands);
    [FetchEvent::Chunk(bytes.to_vec()), FetchEvent::Done]
        .into_iter()
        .flat_map(|event| app.update(Msg::Fetch(FetchUpdate { id, event })))
        .collect()
}

const RAW_GOPHERMAP: &[u8] = b"i  __   \t/\r\n\
i  null.host  \tnull.host\t1\r\n\
Welcome to a raw gophermap\r\n\
1About\t/about\r\n\
0Missing port\t/about.txt\t127.0.0.1\r\n\
1Plus host\t/x\t+\t70\r\n\
1Good\t/good\texample.org\t70\r\n";

#[test]
fn raw_gophermap_lines_show_their_display_text_and_broken_links_stay_links() {
    let mut app = app();
    show(&mut app, "gopher://example.org/1/raw", RAW_GOPHERMAP);
    let rows = screen_rows(&app);
    assert_eq!(rows[1], "         __");
    assert_eq!(rows[2], "         null.host");
    assert_eq!(rows[3], "       Welcome to a raw gophermap");
    assert_eq!(rows[4], "   DIR About");
    assert_eq!(rows[5], "   TXT Missing port");
    assert_eq!(rows[6], "   DIR Plus host");
    assert_eq!(rows[7], "   DIR Good");
    assert!(
        rows[1..8].iter().all(|r| !r.contains("/about")),
        "{rows:#?}"
    );
    // The cursor stops on the broken links and the status bar says why.
    assert_eq!(app.tab.page.cursor, 3);
    let status = rows.last().cloned().unwrap_or_default();
    assert!(
        status.contains("Broken link") && status.contains("no host"),
        "{status}"
    );
    keys(&mut app, &[Key::Down]);
    let status = screen_rows(&app).last().cloned().unwrap_or_default();
    assert!(status.contains("names no port"), "{status}");
    keys(&mut app, &[Key::Down]);
    let status = screen_rows(&app).last().cloned().unwrap_or_default();
    assert!(status.contains("bad host \"+\""), "{status}");
    let commands = keys(&mut app, &[Key::Enter]);
    assert!(commands.is_empty(), "{commands:?}");
    assert!(
        notice(&app).contains("cannot be followed"),
        "{}",
        notice(&app)
    );
}

#[test]
fn a_broken_link_has_its_label_dimmed_and_a_good_one_does_not() {
    let mut app = app();
    show(&mut app, "gopher://example.org/1/raw", RAW_GOPHERMAP);
    let buffer = draw(&app);
    let dimmed = |row: u16| {
        buffer
            .cell((4, row))
            .is_some_and(|c| c.modifier.contains(Modifier::DIM))
    };
    assert!(dimmed(5), "the broken link's label is dimmed");
    assert!(!dimmed(7), "the good link's label is not");
    let text_fg = |row: u16| buffer.cell((8, row)).map(|c| c.fg);
    assert_eq!(text_fg(5), text_fg(7), "both texts look like links");
    assert_eq!(text_fg(7), Theme::colour().link.fg);
}

#[test]
fn a_mirror_item_opens_like_the_item_above_it_not_as_a_download() {
    let mut app = app();
    show(
        &mut app,
        "gopher://example.org/1/",
        b"1Docs\t/docs\tmain.example\t70\r\n+Docs\t/docs\tmirror.example\t7070\r\n",
    );
    let commands = keys(&mut app, &[Key::Down, Key::Enter]);
    let (_, opened) = fetched(&commands);
    assert_eq!(opened.to_string(), "gopher://mirror.example:7070/1/docs");
    assert!(
        !commands
            .iter()
            .any(|c| matches!(c, Command::Download { .. })),
        "{commands:?}"
    );
}

const TITLED_MENU: &[u8] = b"i[Rig test gopherhole]\tTITLE\tnull.host\t1\r\n\
i\t\tnull.host\t1\r\n\
0readme.txt\t/readme.txt\t127.0.0.1\t70\r\n\
.\r\n";

#[test]
fn a_gophernicus_title_line_titles_the_page_in_the_title_bar_history_and_bookmarks() {
    let mut app = app();
    let commands = open_and_answer(&mut app, "gopher://127.0.0.1/1/", TITLED_MENU);
    assert_eq!(
        visit_title(&commands).as_deref(),
        Some("[Rig test gopherhole]")
    );
    let rows = screen_rows(&app);
    assert!(
        rows[0].contains("[Rig test gopherhole] \u{b7} gopher://127.0.0.1/"),
        "{}",
        rows[0]
    );
    keys(&mut app, &[Key::Char('a')]);
    let prompt = app.prompt().map(|p| p.editor.text().to_owned());
    assert_eq!(prompt.as_deref(), Some("[Rig test gopherhole]"));
}

#[test]
fn a_menu_without_a_title_line_keeps_the_link_text_or_the_address_as_its_title() {
    let mut app = app();
    let commands = open_and_answer(
        &mut app,
        "gopher://127.0.0.1/1/plain",
        b"0readme\t/r\t127.0.0.1\t70\r\n",
    );
    assert_eq!(
        visit_title(&commands).as_deref(),
        Some("gopher://127.0.0.1/1/plain")
    );
    let Content::Menu(_) = &app.tab.page.content else {
        panic!("a menu");
    };
    let commands = keys(&mut app, &[Key::Enter]);
    let (id, _) = fetched(&commands);
    let done: Vec<Command> = [FetchEvent::Chunk(b"hello\r\n".to_vec()), FetchEvent::Done]
        .into_iter()
        .flat_map(|event| app.update(Msg::Fetch(FetchUpdate { id, event })))
        .collect();
    assert_eq!(visit_title(&done).as_deref(), Some("readme"));
}

#[test]
fn an_empty_text_is_an_empty_page_and_an_empty_menu_says_so() {
    let mut app = app();
    let commands = open_and_answer(&mut app, "gopher://example.org/0/empty.txt", b"");
    assert!(matches!(&app.tab.page.content, Content::Text(d) if d.line_count() == 0));
    assert_eq!(screen_rows(&app)[1], "(empty)");
    assert_eq!(
        visit_title(&commands).as_deref(),
        Some("gopher://example.org/0/empty.txt"),
        "an empty page is a visit like any other"
    );
    for reply in [&b""[..], b".\r\n"] {
        show(&mut app, "gopher://example.org/1/empty", reply);
        assert!(matches!(&app.tab.page.content, Content::Menu(m) if m.is_empty()));
        let rows = screen_rows(&app);
        assert_eq!(rows[1], "This menu is empty", "{rows:#?}");
        assert!(rows.iter().all(|r| !r.contains("Empty reply")));
    }
}

#[test]
fn a_page_still_arriving_is_not_called_empty() {
    let mut app = app();
    let commands = app.update(Msg::Open(burrow::app::Location::Gopher(url(
        "gopher://example.org/1/slow",
    ))));
    let (id, _) = fetched(&commands);
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Chunk(b"1Half a li".to_vec()),
    }));
    let rows = screen_rows(&app);
    assert!(
        rows.iter().all(|r| !r.contains("This menu is empty")),
        "{rows:#?}"
    );
}

#[test]
fn a_text_request_answered_by_one_error_line_shows_the_error_page() {
    let mut app = app();
    show(
        &mut app,
        "gopher://127.0.0.1:7071/0/text/does-not-exist.txt",
        b"3'/text/does-not-exist.txt' does not exist (no handler found)\t\terror.host\t1\r\n",
    );
    let rows = screen_rows(&app);
    // The headline wraps at the space before the address (text wraps at spaces).
    assert_eq!(
        rows[1].trim_end(),
        "The server reported an error for",
        "{rows:#?}"
    );
    assert!(
        rows[2].starts_with("gopher://127.0.0.1:7071/0/text/does-not-exist.txt"),
        "{rows:#?}"
    );
    let Content::Error { details, .. } = &app.tab.page.content else {
        panic!("an error page: {:?}", app.tab.page.content);
    };
    assert!(
        details.lines().any(|l| l
            == "Why: the server said \"'/text/does-not-exist.txt' does not exist (no handler found)\""),
        "{rows:#?}"
    );
    assert!(rows.iter().all(|r| !r.contains("error.host")), "{rows:#?}");
}

#[test]
fn error_lines_inside_a_menu_carry_the_err_label_even_with_fields_missing() {
    let mut app = app();
    show(
        &mut app,
        "gopher://example.org/1/",
        b"3Error: File or directory not found!\r\n3Half an error\t\r\n1Home\t/\texample.org\t70\r\n",
    );
    let rows = screen_rows(&app);
    assert_eq!(
        rows[1], "       3Error: File or directory not found!",
        "a line without a tab is text"
    );
    assert_eq!(rows[2], "   ERR Half an error");
    assert_eq!(rows[3], "   DIR Home");
}

#[test]
fn addresses_the_url_rules_refuse_send_nothing_and_say_why() {
    let table = [
        ("gopher://example.org/é", "one printable ASCII character"),
        ("gopher://user@example.org/", "user name or password"),
        ("gopher://2130706433/", "four numbers from 0 to 255"),
        ("gopher://0x7f.1/", "four numbers from 0 to 255"),
        ("gopher://[fe80::1%25eth0]/", "zone identifiers"),
    ];
    for (address, reason) in table {
        let mut app = app();
        keys(&mut app, &[Key::Char('g')]);
        crate::harness::driver::type_text(&mut app, address);
        let commands = keys(&mut app, &[Key::Enter]);
        assert!(
            !commands.iter().any(|c| matches!(c, Command::Fetch { .. })),
            "{address}: {commands:?}"
        );
        assert!(notice(&app).contains(reason), "{address}: {}", notice(&app));
    }
}
