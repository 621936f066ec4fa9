//! Links to pages in the history drawn in the theme's `visited` style: after a visit in this
//! session, from the history file at start-up (and the real binary after a restart), under
//! other spellings of the same address, forgotten with `X`, and never with history off.

use crate::harness::driver::*;
use crate::harness::pty::*;
use crate::harness::{Reply, TestServer, link};
use burrow::app::input::Key;
use burrow::app::{App, AppConfig, Command, HistorySettings, Msg, SavedList};
use burrow::startup::{LimitFlags, settings_in, start_app};
use burrow::store::link_file::SavedLink;
use burrow::store::{LinkEdit, update_link_file};
use burrow::ui::Theme;
use ratatui::style::Style;

const MENU: &str = "gopher://127.0.0.1/1/";
const MENU_BYTES: &[u8] = b"iWelcome\tfake\t(NULL)\t0\r\n\
    0Notes\t/notes.txt\t127.0.0.1\t70\r\n\
    0Other page\t/other.txt\t127.0.0.1\t70\r\n\
    1Same place, other spelling\t/\tLOCALHOST.\t70\r\n.\r\n";

/// The style of the first cell of `text` on screen.
fn style_of(app: &App, text: &str) -> Style {
    let buffer = draw(app);
    let rows = rows(&buffer);
    let (y, row) = rows
        .iter()
        .enumerate()
        .find(|(_, row)| row.contains(text))
        .unwrap_or_else(|| panic!("{text:?} on screen:\n{}", rows.join("\n")));
    let x = row[..row.find(text).expect("found")].chars().count();
    buffer.cell((x as u16, y as u16)).expect("a cell").style()
}

fn is_visited(app: &App, text: &str) -> bool {
    let style = style_of(app, text);
    let colour = Theme::colour();
    assert!(
        [colour.visited.fg, colour.link.fg].contains(&style.fg),
        "{text:?} is a link: {style:?}"
    );
    style.fg == colour.visited.fg
}

/// The menu shown, then its first link followed and Back: the visit recorded as pages open.
fn menu_after_visiting_notes(app: &mut App) -> Vec<Command> {
    show(app, MENU, MENU_BYTES);
    let commands = keys(app, &[Key::Enter]);
    let (id, url) = fetched(&commands);
    assert_eq!(url.to_string(), "gopher://127.0.0.1/0/notes.txt");
    reply(app, id, b"Monday.\r\n.\r\n");
    keys(app, &[Key::Left]);
    assert_eq!(app.tab.page.location.to_string(), MENU);
    commands
}

fn history_answer(app: &mut App, addresses: &[&str]) {
    let links = addresses
        .iter()
        .map(|a| SavedLink::new("visited", url(a)))
        .collect();
    app.update(Msg::LinksSaved {
        list: SavedList::History,
        result: Ok(links),
    });
}

#[test]
fn a_link_to_a_page_visited_in_this_session_is_drawn_in_the_visited_style() {
    let mut app = app();
    show(&mut app, MENU, MENU_BYTES);
    assert!(!is_visited(&app, "Notes"), "nothing visited yet");
    menu_after_visiting_notes(&mut app);
    assert!(is_visited(&app, "Notes"), "marked before the file answers");
    assert!(!is_visited(&app, "Other page"));
    // The file's answer (the visits it holds now) keeps the mark.
    history_answer(&mut app, &["gopher://127.0.0.1/0/notes.txt", MENU]);
    assert!(is_visited(&app, "Notes"));
    assert!(!is_visited(&app, "Other page"));
}

#[test]
fn another_spelling_of_a_visited_address_is_visited_too() {
    let mut app = app();
    show(&mut app, MENU, MENU_BYTES);
    history_answer(
        &mut app,
        &["gopher://localhost:70", "127.0.0.1/1/other.txt#top"],
    );
    assert!(is_visited(&app, "Other page"), "type and fragment differ");
    assert!(
        is_visited(&app, "Same place, other spelling"),
        "case, trailing dot, default port, `/` for the root"
    );
    assert!(!is_visited(&app, "Notes"));
}

#[test]
fn forgetting_every_visit_with_x_removes_the_marks_at_once() {
    let mut app = app();
    menu_after_visiting_notes(&mut app);
    assert!(is_visited(&app, "Notes"));
    let commands = keys(&mut app, &[Key::Char('X'), Key::Char('y')]);
    assert!(commands.contains(&Command::EditLinks {
        list: SavedList::History,
        edit: LinkEdit::Clear,
    }));
    assert!(
        !is_visited(&app, "Notes"),
        "cleared before the file answers"
    );
    history_answer(&mut app, &[]);
    assert!(!is_visited(&app, "Notes"));
    // Forgetting one visit on the history page: the file's answer decides.
    history_answer(&mut app, &["gopher://127.0.0.1/0/notes.txt", MENU]);
    assert!(is_visited(&app, "Notes"));
    history_answer(&mut app, &[MENU]);
    assert!(!is_visited(&app, "Notes"));
}

#[test]
fn with_history_turned_off_no_link_is_marked_visited() {
    let config = AppConfig {
        history: HistorySettings {
            enabled: false,
            size: 1000,
        },
        ..AppConfig::default()
    };
    let mut app = App::new(config, (80, 24));
    menu_after_visiting_notes(&mut app);
    assert!(!is_visited(&app, "Notes"));
    // The history page still reads the file; its answer marks nothing either.
    history_answer(&mut app, &["gopher://127.0.0.1/0/notes.txt"]);
    assert!(!is_visited(&app, "Notes"));
    assert!(app.read_visited().is_empty(), "no read at start-up");
}

#[test]
fn no_color_draws_a_visited_link_faded_but_still_underlined() {
    let mono = Theme::monochrome();
    assert_ne!(mono.visited, mono.link);
    assert!(mono.visited.add_modifier.contains(mono.link.add_modifier));
    assert_eq!((mono.visited.fg, mono.visited.bg), (None, None));
}

#[test]
fn the_history_file_read_at_start_up_marks_the_links_of_the_first_menu() {
    let home = tempfile::tempdir().expect("home");
    let env = environment(home.path(), false);
    let history = env.paths.as_ref().expect("paths").history.clone();
    update_link_file(
        &history,
        LinkEdit::RecordVisit {
            link: SavedLink::new("Notes", url("gopher://127.0.0.1/0/notes.txt")),
            limit: 10,
        },
    )
    .expect("history written");
    let settings = settings_in(&env, LimitFlags::default(), None, None).expect("settings");
    let (mut app, commands) = start_app(&settings, (80, 24), None);
    let read = Command::EditLinks {
        list: SavedList::History,
        edit: LinkEdit::Read,
    };
    assert!(commands.contains(&read), "{commands:?}");
    // What the runtime does with that command, and the answer it sends.
    let result = update_link_file(&history, LinkEdit::Read).map_err(|e| e.to_string());
    app.update(Msg::LinksSaved {
        list: SavedList::History,
        result,
    });
    show(&mut app, MENU, MENU_BYTES);
    assert!(is_visited(&app, "Notes"));
    assert!(!is_visited(&app, "Other page"));
}

/// Whether the cell where `text` starts is drawn in the terminal's magenta (the default
/// `visited` colour) rather than light blue (`link`).
fn magenta_in_pty(session: &PtySession, text: &str) -> bool {
    session.with_screen(|screen| {
        let rows: Vec<String> = screen.rows(0, screen.size().1).collect();
        let (y, row) = rows
            .iter()
            .enumerate()
            .find(|(_, r)| r.contains(text))
            .unwrap_or_else(|| panic!("{text:?} on screen"));
        let x = row[..row.find(text).expect("found")].chars().count();
        let cell = screen.cell(y as u16, x as u16).expect("a cell");
        cell.fgcolor() == vt100::Color::Idx(5)
    })
}

#[test]
fn a_page_visited_in_one_run_is_marked_visited_in_the_next() {
    let server = TestServer::start(|port| {
        let menu = link('1', "Weekly notes", "/notes", port)
            + &link('1', "Never opened", "/never", port)
            + ".\r\n";
        let notes = link('0', "Monday", "/notes/monday", port) + ".\r\n";
        vec![
            ("", Reply::Bytes(menu.into_bytes())),
            ("/notes", Reply::Bytes(notes.into_bytes())),
        ]
    });
    let home = tempfile::tempdir().expect("temporary home");
    let start = format!("gopher://127.0.0.1:{}/", server.port());
    let args = ["--no-session", start.as_str()];
    let mut first = PtySession::spawn_in(BURROW, &args, home.path());
    first.wait_for_text("Weekly notes");
    assert!(!magenta_in_pty(&first, "Weekly notes"), "{}", first.dump());
    first.send(ENTER);
    first.wait_for_text("Monday");
    first.send("q");
    assert!(first.wait_for_exit().success());

    let mut second = PtySession::spawn_in(BURROW, &args, home.path());
    second.wait_for_text("Weekly notes");
    second.wait_until("the visited link in magenta", |s| {
        magenta_in_pty(s, "Weekly notes")
    });
    assert!(
        !magenta_in_pty(&second, "Never opened"),
        "{}",
        second.dump()
    );
    second.send("q");
    assert!(second.wait_for_exit().success());
}
