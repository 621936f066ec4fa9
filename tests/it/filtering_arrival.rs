//! The filter and the page that replaces its own: `&` on a page still to arrive opens the
//! prompt and the typed words narrow the page as it comes; a filter being typed goes on to
//! the new page of a load, and a reload keeps the prompt or the filter in force. Typed letters
//! never become page commands. State-machine and screen (TestBackend) level.

use crate::harness::driver::{app, fetched, keys, notice, screen_rows, show, type_text, url};
use burrow::app::input::Key;
use burrow::app::{App, Command, Location, Msg, PromptPurpose};
use burrow::gopher::transfer::{FetchEvent, FetchUpdate, RequestId};

const MENU: &[u8] = b"0Pasta recipe\t/1\th.example\t70\r\n0Weather\t/2\th.example\t70\r\n\
0Soup recipe\t/3\th.example\t70\r\n1Photos\t/4\th.example\t70\r\n";

/// Delivers `bytes` to request `id`, then runs the 0 ms wakes asked for.
fn chunk(app: &mut App, id: RequestId, bytes: &[u8]) {
    let mut commands = app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Chunk(bytes.to_vec()),
    }));
    run_wakes(app, &mut commands);
}

fn done(app: &mut App, id: RequestId) {
    let mut commands = app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Done,
    }));
    run_wakes(app, &mut commands);
}

fn run_wakes(app: &mut App, commands: &mut Vec<Command>) {
    while let Some(token) = commands.iter().find_map(|c| match c {
        Command::WakeAfter { token, after_ms: 0 } => Some(*token),
        _ => None,
    }) {
        *commands = app.update(Msg::Wake(token));
    }
}

fn status(app: &App) -> String {
    screen_rows(app).last().cloned().unwrap_or_default()
}

fn prompt_text(app: &App) -> Option<String> {
    app.prompt()
        .filter(|p| p.purpose == PromptPurpose::Filter)
        .map(|p| p.editor.text().to_owned())
}

/// The content rows that are not empty (between the title bar and the status bar).
fn content(app: &App) -> Vec<String> {
    let rows = screen_rows(app);
    rows[1..rows.len() - 1]
        .iter()
        .filter(|r| !r.is_empty())
        .cloned()
        .collect()
}

#[test]
fn ampersand_on_the_loading_screen_opens_the_prompt_and_the_filter_applies_as_the_page_comes() {
    let mut app = app();
    let commands = app.update(Msg::StartWith(Location::Gopher(url(
        "gopher://h.example/1/",
    ))));
    let (id, _) = fetched(&commands);
    keys(&mut app, &[Key::Char('&')]);
    let commands = type_text(&mut app, "recipe");
    assert!(
        !commands.iter().any(|c| matches!(c, Command::Fetch { .. })),
        "no letter ran as a command: {commands:?}"
    );
    assert_eq!(
        prompt_text(&app).as_deref(),
        Some("recipe"),
        "{}",
        notice(&app)
    );
    assert_eq!(status(&app), "Filter (as the page arrives): recipe");
    chunk(&mut app, id, MENU);
    assert_eq!(
        prompt_text(&app).as_deref(),
        Some("recipe"),
        "the prompt stays open"
    );
    let shown = content(&app);
    assert_eq!(shown.len(), 2, "{shown:#?}");
    assert!(shown[0].contains("Pasta recipe") && shown[1].contains("Soup recipe"));
    chunk(&mut app, id, b"0Cake recipe\t/5\th.example\t70\r\n");
    done(&mut app, id);
    assert_eq!(content(&app).len(), 3, "{:#?}", content(&app));
    keys(&mut app, &[Key::Enter]);
    assert_eq!(app.tab.page.location.to_string(), "gopher://h.example/1/");
    assert_eq!(app.selected_item().map(|i| i.display), Some("Pasta recipe"));
}

#[test]
fn a_filter_being_typed_while_a_new_page_loads_goes_on_to_that_page_with_its_prompt() {
    let mut app = app();
    show(
        &mut app,
        "gopher://h.example/1/old",
        b"0Old recipe\t/o\th.example\t70\r\n",
    );
    keys(&mut app, &[Key::Char('g')]);
    type_text(&mut app, "gopher://h.example/1/");
    let (id, _) = fetched(&keys(&mut app, &[Key::Enter]));
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "rec");
    chunk(&mut app, id, MENU);
    type_text(&mut app, "ipe");
    assert_eq!(prompt_text(&app).as_deref(), Some("recipe"));
    assert_eq!(app.tab.page.location.to_string(), "gopher://h.example/1/");
    assert_eq!(content(&app).len(), 2, "{:#?}", content(&app));
    // The page left went into history whole.
    keys(&mut app, &[Key::Esc, Key::Left]);
    assert_eq!(
        app.tab.page.location.to_string(),
        "gopher://h.example/1/old"
    );
    assert!(app.tab.filter.is_none());
}

#[test]
fn a_reload_keeps_the_filter_prompt_open_and_the_filter_in_force_on_the_new_reply() {
    let mut app = app();
    show(&mut app, "gopher://h.example/1/", MENU);
    let (id, _) = fetched(&keys(&mut app, &[Key::Char('r')]));
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "recipe");
    assert_eq!(content(&app).len(), 2);
    chunk(&mut app, id, MENU);
    chunk(&mut app, id, b"0Cake recipe\t/5\th.example\t70\r\n");
    done(&mut app, id);
    assert_eq!(
        prompt_text(&app).as_deref(),
        Some("recipe"),
        "the prompt stays open"
    );
    assert_eq!(content(&app).len(), 3, "{:#?}", content(&app));
    // Entered, the filter stays in force over the next reload.
    keys(&mut app, &[Key::Enter]);
    let (id, _) = fetched(&keys(&mut app, &[Key::Char('r')]));
    chunk(&mut app, id, MENU);
    done(&mut app, id);
    assert!(app.prompt().is_none());
    assert_eq!(content(&app).len(), 2, "{:#?}", content(&app));
    assert!(
        status(&app).contains("filtered: 2 of 4 lines"),
        "{}",
        status(&app)
    );
    // Esc shows the reloaded page whole.
    keys(&mut app, &[Key::Esc]);
    assert_eq!(content(&app).len(), 4);
}
