//! Finger (RFC 1288) against an in-process server on 127.0.0.1: the request line a
//! `finger://` address sends, the reply streamed as a text page through the same fetch (and
//! SOCKS5 proxy) as Gopher, sanitised on screen, and the address kept as `finger://` in the
//! title bar and bookmarks.

use crate::harness::driver::{app, fetched, reply, screen_rows};
use crate::harness::fetching::{body_of, fetch_to_end, quick_options};
use crate::harness::socks_proxy::{SocksProxy, Target};
use crate::harness::{Reply, TestServer};
use burrow::app::{Command, Location};
use burrow::fetch::{FetchOptions, socks::ProxyAddr};
use burrow::gopher::GopherUrl;
use burrow::gopher::transfer::FetchEvent;

const PLAN: &[u8] = b"Login: alice\r\nPlan:\r\n  Write a gopher client.\x1b[2J\x07\r\n";

async fn fetch_body(address: &str, options: FetchOptions) -> (Vec<FetchEvent>, Vec<u8>) {
    let events = fetch_to_end(address, options).await;
    let body = body_of(&events);
    (events, body)
}

fn finger_server() -> TestServer {
    TestServer::start(|_| {
        vec![
            ("alice", Reply::Bytes(PLAN.to_vec())),
            (
                "/W alice",
                Reply::Bytes(b"Long form for alice\r\n".to_vec()),
            ),
            ("", Reply::Bytes(b"alice  Alice  tty1\r\n".to_vec())),
        ]
    })
}

#[tokio::test]
async fn a_finger_address_sends_the_user_and_crlf_and_streams_the_reply_byte_exact() {
    let server = finger_server();
    let port = server.port();
    let (events, body) =
        fetch_body(&format!("finger://127.0.0.1:{port}/alice"), quick_options()).await;
    assert_eq!(events.last(), Some(&FetchEvent::Done), "{events:?}");
    assert_eq!(body, PLAN);
    let (_, long) = fetch_body(
        &format!("finger://127.0.0.1:{port}/w/alice"),
        quick_options(),
    )
    .await;
    assert_eq!(long, b"Long form for alice\r\n");
    let (_, list) = fetch_body(&format!("finger://127.0.0.1:{port}/"), quick_options()).await;
    assert_eq!(list, b"alice  Alice  tty1\r\n");
    assert_eq!(
        server.requests(),
        [b"alice".to_vec(), b"/W alice".to_vec(), Vec::new()]
    );
}

#[tokio::test]
async fn a_finger_request_goes_through_the_configured_proxy() {
    let server = finger_server();
    let proxy = SocksProxy::start(false);
    let mut via_proxy = quick_options();
    via_proxy.proxy = Some(ProxyAddr::parse(&proxy.url()).expect("proxy"));
    let address = format!("finger://finger-host.test:{}/alice", server.port());
    let (events, body) = fetch_body(&address, via_proxy).await;
    assert_eq!(events.last(), Some(&FetchEvent::Done), "{events:?}");
    assert_eq!(body, PLAN);
    assert_eq!(
        proxy.targets(),
        vec![Target::Name("finger-host.test".into(), server.port())]
    );
}

#[test]
fn a_finger_page_is_a_sanitised_text_page_under_its_finger_address() {
    let mut app = app();
    let url = GopherUrl::parse("finger://127.0.0.1:7979/alice").expect("parses");
    let commands = app.update(burrow::app::Msg::Open(Location::Gopher(url.clone())));
    let (id, sent) = fetched(&commands);
    assert_eq!(sent.request_line(), b"alice\r\n");
    assert!(commands.iter().any(|c| matches!(c, Command::Fetch { .. })));
    reply(&mut app, id, PLAN);
    let rows = screen_rows(&app);
    assert!(
        rows[0].contains("finger://127.0.0.1:7979/alice"),
        "{rows:#?}"
    );
    assert_eq!(rows[1].trim_end(), "Login: alice");
    assert_eq!(rows[3].trim_end(), "  Write a gopher client.");
    assert!(
        rows.iter()
            .all(|r| !r.contains('\u{1b}') && !r.contains('\u{7}'))
    );
}

#[test]
fn the_help_page_the_man_page_and_the_readme_list_the_finger_address_form() {
    let help = burrow::app::builtin_pages::help_text(&burrow::app::input::Keymap::default());
    assert!(help.contains("finger://host[:port]/user"), "{help}");
    let man = include_str!("../../assets/burrow.1");
    assert!(man.contains("finger://host[:port]/user"), "{man}");
    assert!(include_str!("../../README.md").contains("`finger://host[:port]/user`"));
}

#[test]
fn a_failed_finger_page_names_the_request_not_a_selector() {
    use burrow::gopher::transfer::{FetchError, FetchUpdate};
    let mut app = app();
    let url = GopherUrl::parse("finger://127.0.0.1/root").expect("parses");
    let (id, _) = fetched(&app.update(burrow::app::Msg::Open(Location::Gopher(url))));
    app.update(burrow::app::Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Failed(FetchError::Transfer("refused".into())),
    }));
    let rows = screen_rows(&app);
    assert!(
        rows.iter().any(|r| r.trim_end() == "  Request:   root"),
        "{rows:#?}"
    );
    assert!(!rows.iter().any(|r| r.contains("Selector:")), "{rows:#?}");
}
