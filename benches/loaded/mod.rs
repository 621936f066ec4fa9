//! An app with a page loaded the way a real fetch delivers it (64 KiB chunks, then the end),
//! shared by the benches that measure work on a loaded page.

use burrow::app::{App, AppConfig, Command, Location, Msg};
use burrow::gopher::GopherUrl;
use burrow::gopher::transfer::{FetchEvent, FetchUpdate};

const CHUNK: usize = 64 * 1024;

/// An app of `screen` size showing `body` as the page at `url`.
pub fn loaded_app(screen: (u16, u16), url: &str, body: &[u8]) -> App {
    let mut app = App::new(AppConfig::default(), screen);
    let url = GopherUrl::parse(url).expect("a valid bench URL");
    let commands = app.update(Msg::Open(Location::Gopher(url)));
    let id = commands
        .iter()
        .find_map(|c| match c {
            Command::Fetch { id, .. } => Some(*id),
            _ => None,
        })
        .expect("opening a gopher URL starts a fetch");
    for chunk in body.chunks(CHUNK) {
        app.update(Msg::Fetch(FetchUpdate {
            id,
            event: FetchEvent::Chunk(chunk.to_vec()),
        }));
    }
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Done,
    }));
    app
}
