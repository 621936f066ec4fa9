//! Bookmarks and history as the user sees them: the keys, prompts and pages, with the app's
//! file edits carried out by the real store code on a temporary folder (never the real home).

use crate::harness::driver::{
    app, fetched, keys, notice, question, reply, screen_rows, show, type_text, url,
};
use burrow::app::Location;
use burrow::app::input::Key;
use burrow::app::page::Content;
use burrow::app::{App, Command, Msg, SavedList};
use burrow::gopher::transfer::{FetchEvent, FetchUpdate, RequestId};
use burrow::store::update_link_file;
use std::fs;
use std::path::{Path, PathBuf};

const MENU: &[u8] = b"iWelcome\tfake\t(NULL)\t0\r\n\
1Phlog archive\t/phlog\texample.org\t70\r\n\
0About me\t/about.txt\texample.org\t70\r\n\
hWeb site\tURL:https://example.org/\texample.org\t70\r\n\
.\r\n";

struct Files {
    _dir: tempfile::TempDir,
    bookmarks: PathBuf,
    history: PathBuf,
}

fn files() -> Files {
    let dir = tempfile::tempdir().expect("temp dir");
    Files {
        bookmarks: dir.path().join("config/burrow/bookmarks.gophermap"),
        history: dir.path().join("data/burrow/history.gophermap"),
        _dir: dir,
    }
}

impl Files {
    fn path(&self, list: SavedList) -> &Path {
        match list {
            SavedList::Bookmarks => &self.bookmarks,
            SavedList::History => &self.history,
        }
    }

    /// Does what the runtime does with `EditLinks` (one at a time, in order) and feeds the
    /// answers back; returns the other commands.
    fn run(&self, app: &mut App, commands: Vec<Command>) -> Vec<Command> {
        let mut others = Vec::new();
        for command in commands {
            match command {
                Command::EditLinks { list, edit } => {
                    let result = update_link_file(self.path(list), edit).map_err(|e| e.to_string());
                    let next = app.update(Msg::LinksSaved { list, result });
                    others.extend(self.run(app, next));
                }
                other => others.push(other),
            }
        }
        others
    }

    fn press(&self, app: &mut App, pressed: &[Key]) -> Vec<Command> {
        let commands = keys(app, pressed);
        self.run(app, commands)
    }

    fn type_in(&self, app: &mut App, text: &str) -> Vec<Command> {
        let commands = type_text(app, text);
        self.run(app, commands)
    }

    /// Answers fetch `id` with `bytes`, carrying out the file edits that follow.
    fn answer(&self, app: &mut App, id: RequestId, bytes: &[u8]) {
        for event in [FetchEvent::Chunk(bytes.to_vec()), FetchEvent::Done] {
            let commands = app.update(Msg::Fetch(FetchUpdate { id, event }));
            self.run(app, commands);
        }
    }

    fn text(&self, list: SavedList) -> String {
        fs::read_to_string(self.path(list)).unwrap_or_default()
    }
}

fn app_on_menu() -> App {
    let mut app = app();
    show(&mut app, "gopher://example.org/", MENU);
    app
}

fn prompt_text(app: &App) -> String {
    app.prompt()
        .map(|p| format!("{}{}", p.label(), p.editor.text()))
        .unwrap_or_default()
}

fn screen(app: &App) -> String {
    screen_rows(app).join("\n")
}

/// Clears the prompt's text with Ctrl-U.
const CLEAR: Key = Key::Ctrl('u');

#[test]
fn a_bookmarks_the_page_with_an_editable_title_and_b_shows_it() {
    let files = files();
    let mut app = app_on_menu();
    // Follow a link: its text becomes the page's title.
    let (id, _) = fetched(&keys(&mut app, &[Key::Enter]));
    files.answer(&mut app, id, b"0Post\t/p\texample.org\t70\r\n.\r\n");
    assert_eq!(app.tab.page.title.as_deref(), Some("Phlog archive"));
    files.press(&mut app, &[Key::Char('a')]);
    assert_eq!(prompt_text(&app), "Bookmark as: Phlog archive");
    files.press(&mut app, &[CLEAR]);
    files.type_in(&mut app, "My phlog");
    files.press(&mut app, &[Key::Enter]);
    assert!(
        notice(&app).contains("Bookmarked My phlog"),
        "{}",
        notice(&app)
    );
    assert_eq!(
        files.text(SavedList::Bookmarks),
        "1My phlog\t/phlog\texample.org\t70\r\n"
    );
    files.press(&mut app, &[Key::Char('B')]);
    assert_eq!(app.tab.page.location, Location::Bookmarks);
    assert!(screen(&app).contains("My phlog"), "{}", screen(&app));
    // Enter follows the bookmark; Back returns to the bookmarks page.
    let (_, target) = fetched(&files.press(&mut app, &[Key::Enter]));
    assert_eq!(target, url("gopher://example.org/1/phlog"));
}

#[test]
fn shift_a_bookmarks_the_selected_link_and_refuses_web_links() {
    let files = files();
    let mut app = app_on_menu();
    files.press(&mut app, &[Key::Down, Key::Char('A')]);
    assert_eq!(prompt_text(&app), "Bookmark as: About me");
    let rows = screen_rows(&app);
    assert_eq!(
        rows.last().map(String::as_str),
        Some("Bookmark as: About me")
    );
    files.press(&mut app, &[Key::Enter]);
    assert!(
        files
            .text(SavedList::Bookmarks)
            .contains("0About me\t/about.txt\texample.org\t70")
    );
    files.press(&mut app, &[Key::Down, Key::Char('A')]);
    assert!(app.prompt().is_none());
    assert!(
        notice(&app).contains("Only Gopher addresses"),
        "{}",
        notice(&app)
    );
}

#[test]
fn esc_in_the_title_prompt_saves_nothing() {
    let files = files();
    let mut app = app_on_menu();
    let commands = files.press(&mut app, &[Key::Char('a'), Key::Esc]);
    assert!(commands.is_empty());
    assert!(!files.bookmarks.exists());
}

#[test]
fn built_in_pages_cannot_be_bookmarked() {
    let mut app = app();
    keys(&mut app, &[Key::Char('a')]);
    assert!(app.prompt().is_none());
    assert!(
        notice(&app).contains("built into Burrow"),
        "{}",
        notice(&app)
    );
}

#[test]
fn a_tls_bookmark_opens_over_tls_again() {
    let files = files();
    let mut app = app();
    show(&mut app, "gophers://secure.example/1/", MENU);
    files.press(&mut app, &[Key::Char('a'), Key::Enter]);
    files.press(&mut app, &[Key::Char('B')]);
    let (_, target) = fetched(&files.press(&mut app, &[Key::Enter]));
    assert_eq!(target, url("gophers://secure.example/1/"));
}

#[test]
fn r_renames_and_x_deletes_after_a_yes_on_the_bookmarks_page() {
    let files = files();
    fs::create_dir_all(files.bookmarks.parent().expect("parent")).expect("mkdir");
    fs::write(
        &files.bookmarks,
        "iMy list\t\tnull\t0\r\n1One\t/1\ta.org\t70\r\n1Two\t/2\tb.org\t70\r\n",
    )
    .expect("write");
    let mut app = app();
    files.press(&mut app, &[Key::Char('B')]);
    // The info line is the user's own and stays; the cursor starts on the first bookmark.
    files.press(&mut app, &[Key::Down, Key::Char('R')]);
    assert_eq!(prompt_text(&app), "Rename to: Two");
    let rows = screen_rows(&app);
    assert_eq!(rows.last().map(String::as_str), Some("Rename to: Two"));
    files.press(&mut app, &[CLEAR]);
    files.type_in(&mut app, "Second");
    files.press(&mut app, &[Key::Enter]);
    assert!(screen(&app).contains("Second"), "{}", screen(&app));
    assert_eq!(
        app.selected_item().map(|i| i.display.to_owned()),
        Some("Second".into())
    );
    files.press(&mut app, &[Key::Char('x')]);
    assert_eq!(question(&app), "(y/n) Delete the bookmark Second?");
    files.press(&mut app, &[Key::Char('n')]);
    assert!(files.text(SavedList::Bookmarks).contains("Second"));
    files.press(&mut app, &[Key::Char('x'), Key::Char('y')]);
    assert_eq!(
        files.text(SavedList::Bookmarks),
        "iMy list\t\tnull\t0\r\n1One\t/1\ta.org\t70\r\n"
    );
    let rows = screen_rows(&app);
    let page = &rows[..rows.len() - 1];
    assert!(!page.iter().any(|r| r.contains("Second")), "{rows:#?}");
    assert_eq!(notice(&app), "Deleted the bookmark Second");
}

#[test]
fn a_malformed_bookmarks_file_is_shown_as_a_problem_and_never_replaced() {
    let files = files();
    fs::create_dir_all(files.bookmarks.parent().expect("parent")).expect("mkdir");
    let original = "1Fine\t/\ta.org\t70\r\n1Broken\t/\ta.org\tseventy\r\n";
    fs::write(&files.bookmarks, original).expect("write");
    let mut app = app_on_menu();
    files.press(&mut app, &[Key::Char('B')]);
    assert!(matches!(app.tab.page.content, Content::Error { .. }));
    let text = screen(&app);
    assert!(
        text.contains("line 2") && text.contains("left as it is"),
        "{text}"
    );
    files.press(&mut app, &[Key::Left]);
    // Every attempt says it was not saved; none claims success.
    for _ in 0..3 {
        files.press(&mut app, &[Key::Char('a'), Key::Enter]);
        let said = notice(&app);
        assert!(
            said.starts_with("Not saved:") && said.contains("malformed"),
            "{said}"
        );
    }
    assert_eq!(
        fs::read_to_string(&files.bookmarks).expect("read"),
        original
    );
}

#[test]
fn visits_are_remembered_newest_first_once_each_and_h_shows_them() {
    let files = files();
    let mut app = app();
    for address in ["gopher://a.org/", "gopher://b.org/", "gopher://a.org/"] {
        let commands = app.update(Msg::Open(Location::Gopher(url(address))));
        let (id, _) = fetched(&commands);
        files.answer(&mut app, id, MENU);
    }
    assert_eq!(
        files.text(SavedList::History),
        "1gopher://a.org/\t\ta.org\t70\r\n1gopher://b.org/\t\tb.org\t70\r\n"
    );
    files.press(&mut app, &[Key::Char('H')]);
    assert_eq!(app.tab.page.location, Location::History);
    let rows = screen_rows(&app);
    let a = rows
        .iter()
        .position(|r| r.contains("gopher://a.org/"))
        .expect("a shown");
    let b = rows
        .iter()
        .position(|r| r.contains("gopher://b.org/"))
        .expect("b shown");
    assert!(a < b, "{rows:#?}");
    // x forgets one visit at once; X forgets all after a yes.
    files.press(&mut app, &[Key::Char('x')]);
    assert_eq!(
        files.text(SavedList::History),
        "1gopher://b.org/\t\tb.org\t70\r\n"
    );
    files.press(&mut app, &[Key::Char('X')]);
    assert_eq!(question(&app), "(y/n) Forget every visited page?");
    files.press(&mut app, &[Key::Char('y')]);
    assert_eq!(files.text(SavedList::History), "");
    assert!(
        screen(&app).contains("No visited pages"),
        "{}",
        screen(&app)
    );
}

#[test]
fn reloading_records_no_visit_and_turned_off_history_records_none() {
    let files = files();
    let mut app = app_on_menu();
    let (id, _) = fetched(&keys(&mut app, &[Key::Char('r')]));
    reply(&mut app, id, MENU);
    assert!(!files.history.exists());
    app.history.enabled = false;
    let commands = app.update(Msg::Open(Location::Gopher(url("gopher://c.org/"))));
    let (id, _) = fetched(&commands);
    let done = app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Done,
    }));
    assert!(done.is_empty(), "{done:?}");
}

#[test]
fn the_empty_bookmarks_page_says_how_to_add_one() {
    let files = files();
    let mut app = app();
    files.press(&mut app, &[Key::Char('B')]);
    assert!(
        screen(&app).contains("No bookmarks yet: press a"),
        "{}",
        screen(&app)
    );
    // Following the hint line does nothing.
    assert!(files.press(&mut app, &[Key::Enter]).is_empty());
}

#[test]
fn x_and_r_elsewhere_say_where_they_work() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Char('x')]);
    assert!(notice(&app).contains("bookmarks (B)"), "{}", notice(&app));
    keys(&mut app, &[Key::Char('R')]);
    assert!(notice(&app).contains("bookmarks page"), "{}", notice(&app));
}

#[test]
fn bookmarking_a_saved_address_again_keeps_the_title_the_user_gave_it() {
    let files = files();
    let mut app = app_on_menu();
    files.press(&mut app, &[Key::Down, Key::Char('A'), CLEAR]);
    files.type_in(&mut app, "My own name");
    files.press(&mut app, &[Key::Enter]);
    files.press(&mut app, &[Key::Char('A'), Key::Enter]);
    assert_eq!(
        notice(&app),
        "Already bookmarked as My own name: kept as it was (R on the bookmarks page renames)"
    );
    assert_eq!(
        files.text(SavedList::Bookmarks),
        "0My own name\t/about.txt\texample.org\t70\r\n"
    );
}

#[test]
fn renaming_says_what_it_did_once_saved() {
    let files = files();
    let mut app = app_on_menu();
    files.press(&mut app, &[Key::Char('A'), Key::Enter, Key::Char('B')]);
    files.press(&mut app, &[Key::Char('R'), CLEAR]);
    files.type_in(&mut app, "Phlog");
    files.press(&mut app, &[Key::Enter]);
    assert_eq!(notice(&app), "Renamed to Phlog");
    assert!(files.text(SavedList::Bookmarks).starts_with("1Phlog\t"));
}

#[test]
fn a_bookmarks_page_asked_for_and_then_left_does_not_appear_later() {
    let files = files();
    let mut app = app_on_menu();
    // B asks for the file; before it is read the user follows a link instead.
    let read = keys(&mut app, &[Key::Char('B')]);
    let fetch = keys(&mut app, &[Key::Down, Key::Enter]);
    let (id, _) = fetched(&fetch);
    files.run(&mut app, read);
    assert_eq!(
        app.tab.page.location,
        Location::Gopher(url("gopher://example.org/"))
    );
    files.answer(&mut app, id, b"text\r\n.\r\n");
    assert_eq!(
        app.tab.page.location,
        Location::Gopher(url("gopher://example.org/0/about.txt"))
    );
}
