//! Searching Gopherspace from anywhere: `S` asks for words and sends them to the configured
//! search engine (Veronica-2 by default), `g ?words` does it from the Go to prompt, and the
//! `search_engine` config key is checked and reaches the app.

use crate::harness::driver::{app, fetched, keys, type_text};
use burrow::app::App;
use burrow::app::config::AppConfig;
use burrow::app::input::Key;
use burrow::gopher::GopherUrl;
use burrow::store::config::parse_config;

#[test]
fn s_asks_for_words_and_sends_them_to_veronica_by_default() {
    let mut app = app();
    keys(&mut app, &[Key::Char('S')]);
    type_text(&mut app, "gopher clients");
    let (_, url) = fetched(&keys(&mut app, &[Key::Enter]));
    assert_eq!(url.host, "gopher.floodgap.com");
    assert_eq!(url.request_line(), b"/v2/vs\tgopher clients\r\n");
}

#[test]
fn go_to_with_a_question_mark_searches_and_a_bare_one_asks_for_the_words() {
    let mut app = app();
    keys(&mut app, &[Key::Char('g')]);
    type_text(&mut app, "?phlog rust");
    let (_, url) = fetched(&keys(&mut app, &[Key::Enter]));
    assert_eq!(url.request_line(), b"/v2/vs\tphlog rust\r\n");
    keys(&mut app, &[Key::Char('g')]);
    type_text(&mut app, "?");
    assert!(keys(&mut app, &[Key::Enter]).is_empty());
    type_text(&mut app, "tilde");
    let (_, url) = fetched(&keys(&mut app, &[Key::Enter]));
    assert_eq!(url.request_line(), b"/v2/vs\ttilde\r\n");
}

#[test]
fn a_configured_engine_is_used_and_one_that_is_no_search_is_refused() {
    let engine = GopherUrl::parse("gopher://127.0.0.1:7070/7/search").expect("url");
    let mut app = App::new(
        AppConfig {
            search_engine: engine,
            ..AppConfig::default()
        },
        (80, 24),
    );
    keys(&mut app, &[Key::Char('g')]);
    type_text(&mut app, "?words");
    let (_, url) = fetched(&keys(&mut app, &[Key::Enter]));
    assert_eq!(url.to_string(), "gopher://127.0.0.1:7070/7/search%09words");
    let refused = parse_config("search_engine = \"gopher://example.org/1/menu\"\n")
        .expect_err("a menu is no search engine");
    assert!(refused.to_string().contains("not a search"), "{refused}");
    assert!(parse_config("search_engine = \"gopher://example.org/7/s\"\n").is_ok());
}
