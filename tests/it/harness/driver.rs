//! Driving `App::update` without a terminal or network: build an app, answer its fetches with
//! canned replies, press keys, read the commands that come out and the screen drawn into a
//! `TestBackend`; and the start-up environment for a temporary home.

use burrow::app::Location;
use burrow::app::input::Key;
use burrow::app::{App, Command, Msg};
use burrow::gopher::GopherUrl;
use burrow::gopher::transfer::{FetchEvent, FetchUpdate, RequestId};
use burrow::startup::Environment;
use burrow::store::Paths;
use std::path::Path;

/// An app on an 80x24 screen, showing the start page.
pub fn app() -> App {
    App::new(burrow::app::AppConfig::default(), (80, 24))
}

pub fn url(text: &str) -> GopherUrl {
    GopherUrl::parse(text).expect("valid test URL")
}

/// The id and URL of the single fetch among `commands`.
pub fn fetched(commands: &[Command]) -> (RequestId, GopherUrl) {
    let fetches: Vec<_> = commands
        .iter()
        .filter_map(|c| match c {
            Command::Fetch { id, url, .. } => Some((*id, url.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(fetches.len(), 1, "expected one fetch in {commands:?}");
    fetches[0].clone()
}

/// Answers request `id` with `bytes` and closes.
pub fn reply(app: &mut App, id: RequestId, bytes: &[u8]) {
    for event in [FetchEvent::Chunk(bytes.to_vec()), FetchEvent::Done] {
        app.update(Msg::Fetch(FetchUpdate { id, event }));
    }
}

/// Opens `address` and answers it with `bytes`.
pub fn show(app: &mut App, address: &str, bytes: &[u8]) {
    let commands = app.update(Msg::Open(Location::Gopher(url(address))));
    let (id, _) = fetched(&commands);
    reply(app, id, bytes);
}

pub fn keys(app: &mut App, keys: &[Key]) -> Vec<Command> {
    keys.iter().flat_map(|&k| app.update(Msg::Key(k))).collect()
}

pub fn type_text(app: &mut App, text: &str) -> Vec<Command> {
    text.chars()
        .flat_map(|c| app.update(Msg::Key(Key::Char(c))))
        .collect()
}

/// The status-bar notice, or "".
pub fn notice(app: &App) -> String {
    app.notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

/// The open yes/no question, or "".
pub fn question(app: &App) -> String {
    app.question()
        .map(|c| c.question.clone())
        .unwrap_or_default()
}

/// Draws the app into a test backend of its screen size.
pub fn draw(app: &App) -> ratatui::buffer::Buffer {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(
        app.screen.0,
        app.screen.1,
    ))
    .expect("terminal");
    terminal
        .draw(|frame| burrow::ui::render(app, &burrow::ui::Theme::colour(), frame))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The screen as text, one String per row, trailing spaces trimmed.
pub fn screen_rows(app: &App) -> Vec<String> {
    rows(&draw(app))
}

/// A drawn buffer as text, one String per row, trailing spaces trimmed.
pub fn rows(buffer: &ratatui::buffer::Buffer) -> Vec<String> {
    (0..buffer.area.height)
        .map(|y| {
            let row: String = (0..buffer.area.width)
                .map(|x| buffer.cell((x, y)).map_or(" ", |c| c.symbol()))
                .collect();
            row.trim_end().to_owned()
        })
        .collect()
}

/// Fails, naming `context` and the cell, if any cell of `buffer` holds a control character or
/// a bidi override (nothing a server sends may drive the terminal).
pub fn assert_no_control_characters(buffer: &ratatui::buffer::Buffer, context: &str) {
    for cell in buffer.content() {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{context}: control character {:?} on screen",
            cell.symbol()
        );
    }
}

/// An environment inside `home` (never the real one).
pub fn environment(home: &Path, no_color: bool) -> Environment {
    Environment {
        paths: Some(Paths {
            config_file: home.join("config/burrow/config.toml"),
            known_hosts: home.join("data/burrow/known_hosts"),
            bookmarks: home.join("config/burrow/bookmarks.gophermap"),
            history: home.join("state/burrow/history.gophermap"),
            old_history: Some(home.join("data/burrow/history.gophermap")),
        }),
        home: Some(home.to_path_buf()),
        default_download_dir: Some(home.join("Downloads")),
        no_color,
    }
}
