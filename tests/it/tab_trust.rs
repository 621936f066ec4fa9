//! A certificate trusted in one tab is trusted in every tab: another tab waiting to ask about
//! the same host and port drops its question and loads again with the pin, and a load still
//! under way when the pin was made is tried again with it instead of asking.

use crate::harness::driver::{app, keys, question};
use burrow::app::input::Key;
use burrow::app::page::Content;
use burrow::app::{App, Command, Location, Msg};
use burrow::gopher::GopherUrl;
use burrow::gopher::transfer::{FetchError, FetchEvent, FetchUpdate, Fingerprint, RequestId};

const PRINT: Fingerprint = Fingerprint([7; 32]);

fn fetches(commands: &[Command]) -> Vec<(RequestId, String, Option<Fingerprint>)> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Fetch {
                id, url, pinned, ..
            } => Some((*id, url.to_string(), *pinned)),
            _ => None,
        })
        .collect()
}

fn open(app: &mut App, address: &str) -> RequestId {
    let url = GopherUrl::parse(address).expect("a test address");
    fetches(&app.update(Msg::Open(Location::Gopher(url))))[0].0
}

fn untrusted(app: &mut App, id: RequestId) -> Vec<Command> {
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Failed(FetchError::UntrustedCertificate {
            host_port: "127.0.0.1:47443".into(),
            fingerprint: PRINT,
            reason: "self-signed".into(),
        }),
    }))
}

#[test]
fn trusting_a_certificate_reloads_another_tab_waiting_to_ask_about_the_same_host() {
    let mut app = app();
    let first = open(&mut app, "gophers://127.0.0.1:47443/1/a");
    keys(&mut app, &[Key::Ctrl('t')]);
    let second = open(&mut app, "gophers://127.0.0.1:47443/1/b");
    untrusted(&mut app, first); // In the background: its question waits.
    untrusted(&mut app, second);
    assert!(question(&app).contains("Trust"), "{}", question(&app));
    let commands = keys(&mut app, &[Key::Char('y')]);
    let fetched = fetches(&commands);
    assert!(
        fetched.contains(&(
            fetched[0].0,
            "gophers://127.0.0.1:47443/1/b".into(),
            Some(PRINT)
        )),
        "{fetched:?}"
    );
    let other = fetched
        .iter()
        .find(|(_, url, _)| url.ends_with("/1/a"))
        .expect("the other tab loads again at once");
    assert_eq!(other.2, Some(PRINT), "with the pin");
    keys(&mut app, &[Key::Tab]);
    assert_eq!(
        question(&app),
        "",
        "no second question about a pinned certificate"
    );
    assert!(app.tab.loading.as_ref().is_some_and(|l| l.id == other.0));
}

#[test]
fn a_load_under_way_when_the_pin_is_made_is_tried_again_with_it_instead_of_asking() {
    let mut app = app();
    let first = open(&mut app, "gophers://127.0.0.1:47443/1/a");
    keys(&mut app, &[Key::Ctrl('t')]);
    let second = open(&mut app, "gophers://127.0.0.1:47443/1/b");
    untrusted(&mut app, second);
    keys(&mut app, &[Key::Char('y')]);
    // The first tab's request had gone out before the pin: its answer says untrusted.
    let retried = fetches(&untrusted(&mut app, first));
    assert_eq!(retried.len(), 1, "{retried:?}");
    assert_eq!(retried[0].1, "gophers://127.0.0.1:47443/1/a");
    assert_eq!(retried[0].2, Some(PRINT));
    keys(&mut app, &[Key::BackTab]);
    assert_eq!(question(&app), "");
    assert!(!matches!(app.tab.page.content, Content::Error { .. }));
}
