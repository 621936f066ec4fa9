//! State-machine tests: sequences of messages into `App::update`, asserting the state and the
//! commands that come out. No terminal, no network.

use crate::harness::driver::{app, fetched, keys, reply, type_text, url};
use burrow::app::Location;
use burrow::app::input::Key;
use burrow::app::page::Content;
use burrow::app::{App, Command, Msg, PromptPurpose};
use burrow::gopher::transfer::{FetchError, FetchEvent, FetchUpdate, Fingerprint, RequestId};

const MENU: &[u8] = b"iWelcome\tfake\t(NULL)\t0\r\n\
1Docs\t/docs\texample.org\t70\r\n\
0Read me\t/readme\texample.org\t70\r\n\
7Search\t/find\texample.org\t70\r\n\
9Binary\t/file.bin\texample.org\t70\r\n\
.\r\n";

/// An app showing MENU from gopher://example.org/.
fn app_on_menu() -> App {
    let mut app = app();
    let commands = app.update(Msg::Open(Location::Gopher(url("gopher://example.org/"))));
    let (id, _) = fetched(&commands);
    reply(&mut app, id, MENU);
    app
}

fn selected_url(app: &App) -> String {
    app.selected_item()
        .and_then(|i| i.url().ok())
        .map(|u| u.to_string())
        .unwrap_or_default()
}

#[test]
fn opening_a_url_fetches_it_and_shows_the_menu_when_done() {
    let mut app = app();
    let commands = app.update(Msg::Open(Location::Gopher(url("gopher://example.org/"))));
    let (id, fetched_url) = fetched(&commands);
    assert_eq!(fetched_url, url("gopher://example.org/"));
    assert!(app.is_loading());
    assert_eq!(
        app.tab.page.location,
        Location::Start,
        "the old page stays while loading"
    );
    reply(&mut app, id, MENU);
    assert!(!app.is_loading());
    assert!(matches!(app.tab.page.content, Content::Menu(_)));
    assert_eq!(selected_url(&app), "gopher://example.org/1/docs");
    assert_eq!(app.tab.history.back_len(), 1);
}

#[test]
fn a_late_reply_to_a_superseded_request_is_dropped() {
    let mut app = app();
    let (first, _) =
        fetched(&app.update(Msg::Open(Location::Gopher(url("gopher://one.example/")))));
    let commands = app.update(Msg::Open(Location::Gopher(url("gopher://two.example/"))));
    assert!(commands.contains(&Command::Cancel(first)));
    let (second, _) = fetched(&commands);
    reply(&mut app, first, b"iSTALE\tfake\t(NULL)\t0\r\n");
    assert!(
        app.is_loading(),
        "the stale reply must not finish the new load"
    );
    assert_eq!(app.tab.page.location, Location::Start);
    reply(&mut app, second, b"iFRESH\tfake\t(NULL)\t0\r\n");
    assert_eq!(
        app.tab.page.location,
        Location::Gopher(url("gopher://two.example/"))
    );
    let Content::Menu(menu) = &app.tab.page.content else {
        panic!("menu expected")
    };
    assert_eq!(menu.item(0).map(|i| i.display), Some("FRESH"));
}

#[test]
fn escape_cancels_loading_and_leaves_the_page_usable() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Down]);
    let (id, _) = fetched(&keys(&mut app, &[Key::Enter]));
    let commands = keys(&mut app, &[Key::Esc]);
    assert_eq!(commands[0], Command::Cancel(id));
    assert!(
        commands[1..]
            .iter()
            .all(|c| matches!(c, Command::EditLinks { .. })),
        "only the visit is recorded besides: {commands:?}"
    );
    assert!(!app.is_loading());
    assert!(
        app.notice
            .as_ref()
            .is_some_and(|n| n.text.starts_with("Cancelled"))
    );
    reply(&mut app, id, b"too late\r\n");
    assert!(
        matches!(app.tab.page.content, Content::Menu(_)),
        "late reply ignored"
    );
    keys(&mut app, &[Key::Up]);
    assert_eq!(selected_url(&app), "gopher://example.org/1/docs");
}

#[test]
fn back_restores_cursor_and_scroll_and_forward_returns() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Down]);
    assert_eq!(selected_url(&app), "gopher://example.org/0/readme");
    let (id, target) = fetched(&keys(&mut app, &[Key::Right]));
    assert_eq!(target, url("gopher://example.org/0/readme"));
    reply(&mut app, id, b"line one\r\nline two\r\n.\r\n");
    assert!(matches!(app.tab.page.content, Content::Text(_)));
    keys(&mut app, &[Key::Left]);
    assert_eq!(selected_url(&app), "gopher://example.org/0/readme");
    assert_eq!(app.tab.history.forward_len(), 1);
    let commands = keys(&mut app, &[Key::Char('f')]);
    assert!(
        commands.is_empty(),
        "forward uses the kept page, no refetch"
    );
    assert_eq!(app.tab.page.location, Location::Gopher(target));
    keys(&mut app, &[Key::Backspace]);
    assert_eq!(selected_url(&app), "gopher://example.org/0/readme");
}

#[test]
fn following_a_new_link_clears_forward_history() {
    let mut app = app_on_menu();
    let (id, _) = fetched(&keys(&mut app, &[Key::Enter]));
    reply(&mut app, id, b"iinside\r\n");
    keys(&mut app, &[Key::Left]);
    assert_eq!(app.tab.history.forward_len(), 1);
    let (id, _) = fetched(&keys(&mut app, &[Key::Down, Key::Enter]));
    reply(&mut app, id, b"text\r\n");
    assert_eq!(app.tab.history.forward_len(), 0);
}

#[test]
fn a_search_item_asks_for_a_query_and_sends_it() {
    let mut app = app_on_menu();
    let commands = keys(&mut app, &[Key::Down, Key::Down, Key::Enter]);
    assert!(commands.is_empty(), "no fetch before the query is typed");
    let prompt = app.prompt().expect("search prompt open");
    assert_eq!(
        prompt.purpose,
        PromptPurpose::Search(url("gopher://example.org/7/find"))
    );
    type_text(&mut app, "gopher clients");
    let (_, searched) = fetched(&keys(&mut app, &[Key::Enter]));
    assert_eq!(searched.request_line(), b"/find\tgopher clients\r\n");
    assert!(app.prompt().is_none());
}

#[test]
fn the_go_to_prompt_opens_what_is_typed_and_rejects_bad_addresses() {
    let mut app = app();
    keys(&mut app, &[Key::Char('g')]);
    type_text(&mut app, "example.org:7070/0/a%0Ab");
    assert!(keys(&mut app, &[Key::Enter]).is_empty());
    let notice = app.notice.clone().expect("an error is shown");
    assert!(notice.is_error);
    assert!(notice.text.contains("LF"), "{}", notice.text);
    assert!(
        app.prompt().is_some(),
        "the prompt stays open to fix the address"
    );
    keys(&mut app, &[Key::Ctrl('u')]);
    type_text(&mut app, "[::1]:7070/1/path");
    let (_, target) = fetched(&keys(&mut app, &[Key::Enter]));
    assert_eq!(target.host, "::1");
    assert_eq!(target.port, 7070);
    assert_eq!(target.selector, b"/path");
}

#[test]
fn shift_g_opens_the_prompt_filled_with_the_current_address() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Char('G')]);
    let prompt = app.prompt().expect("prompt open");
    assert_eq!(prompt.editor.text(), "gopher://example.org/");
    keys(&mut app, &[Key::Esc]);
    assert!(app.prompt().is_none());
}

#[test]
fn a_failed_fetch_becomes_an_error_page_the_user_can_leave() {
    let mut app = app_on_menu();
    let (id, _) = fetched(&keys(&mut app, &[Key::Enter]));
    let error = FetchError::Connect(vec![(
        "192.0.2.1:70".into(),
        "refused the connection".into(),
    )]);
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Failed(error),
    }));
    let Content::Error { headline, details } = &app.tab.page.content else {
        panic!("error page expected")
    };
    assert_eq!(headline, "Could not load gopher://example.org/1/docs");
    let body: Vec<&str> = details.lines().collect();
    assert!(
        body.iter()
            .any(|l| l.contains("192.0.2.1:70 refused the connection"))
    );
    keys(&mut app, &[Key::Left]);
    assert!(matches!(app.tab.page.content, Content::Menu(_)));
}

#[test]
fn reload_replaces_the_page_and_keeps_the_cursor_and_history() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Down]);
    let back_before = app.tab.history.back_len();
    let (id, target) = fetched(&keys(&mut app, &[Key::Char('r')]));
    assert_eq!(target, url("gopher://example.org/"));
    reply(&mut app, id, MENU);
    assert_eq!(app.tab.history.back_len(), back_before);
    assert_eq!(selected_url(&app), "gopher://example.org/0/readme");
}

#[test]
fn binary_items_are_downloaded_not_fetched_as_pages() {
    let mut app = app_on_menu();
    let commands = keys(&mut app, &[Key::End, Key::Enter]);
    assert!(
        matches!(commands.as_slice(), [Command::Download { url, name, .. }]
            if url.selector == b"/file.bin" && name == "file.bin"),
        "{commands:?}"
    );
    assert_eq!(
        app.tab.page.location,
        Location::Gopher(url("gopher://example.org/"))
    );
}

#[test]
fn help_opens_and_the_same_key_closes_it() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Char('?')]);
    assert_eq!(app.tab.page.location, Location::Help);
    keys(&mut app, &[Key::Char('?')]);
    assert_eq!(
        app.tab.page.location,
        Location::Gopher(url("gopher://example.org/"))
    );
}

#[test]
fn q_esc_and_the_help_key_close_help_returning_to_the_same_place() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Down]);
    let cursor = app.tab.page.cursor;
    for close in [Key::Char('q'), Key::Esc, Key::Char('?')] {
        keys(&mut app, &[Key::Char('?')]);
        assert_eq!(app.tab.page.location, Location::Help);
        let commands = keys(&mut app, &[close]);
        assert!(!commands.contains(&Command::Quit), "{close:?} closed help");
        assert_eq!(
            app.tab.page.location,
            Location::Gopher(url("gopher://example.org/"))
        );
        assert_eq!(
            app.tab.page.cursor, cursor,
            "{close:?} returned to the same item"
        );
    }
    keys(&mut app, &[Key::Char('?')]);
    assert_eq!(
        keys(&mut app, &[Key::Ctrl('c')]),
        vec![Command::Quit],
        "Ctrl-C quits"
    );
}

#[test]
fn q_on_a_help_page_with_nothing_before_it_quits() {
    let mut app = app();
    app.update(Msg::Open(Location::Help));
    app.tab.history = Default::default();
    keys(&mut app, &[Key::Char('?'), Key::Esc]);
    assert_eq!(
        app.tab.page.location,
        Location::Help,
        "nowhere to return to"
    );
    assert_eq!(keys(&mut app, &[Key::Char('q')]), vec![Command::Quit]);
}

#[test]
fn quit_key_and_signal_both_quit() {
    let mut app = app();
    assert_eq!(keys(&mut app, &[Key::Char('q')]), vec![Command::Quit]);
    assert_eq!(app.update(Msg::Quit), vec![Command::Quit]);
    assert_eq!(keys(&mut app, &[Key::Ctrl('c')]), vec![Command::Quit]);
}

#[test]
fn ticks_animate_only_while_loading() {
    let mut app = app();
    app.update(Msg::Tick);
    assert_eq!(app.spinner_frame, 0);
    app.update(Msg::Open(Location::Gopher(url("gopher://example.org/"))));
    app.update(Msg::Tick);
    app.update(Msg::Tick);
    assert_eq!(app.spinner_frame, 2);
}

#[test]
fn progress_counts_bytes_and_records_the_peer() {
    let mut app = app();
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url("gopher://example.org/")))));
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Connected("127.0.0.1:70".into()),
    }));
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Chunk(vec![b'i'; 1500]),
    }));
    let loading = app.tab.loading.as_ref().expect("still loading");
    assert_eq!(loading.bytes, 1500);
    assert_eq!(loading.peer.as_deref(), Some("127.0.0.1:70"));
}

#[test]
fn resizing_keeps_the_scroll_inside_the_page() {
    let mut app = app();
    keys(&mut app, &[Key::Char('?')]);
    keys(&mut app, &[Key::End]);
    let bottom_small = app.tab.page.top;
    app.update(Msg::Resize(80, 200));
    assert!(
        app.tab.page.top < bottom_small,
        "a taller screen shows more, so the top moves up"
    );
    assert_eq!(app.tab.page.top.line, 0);
}

#[test]
fn the_mouse_wheel_scrolls_text() {
    let mut app = app();
    keys(&mut app, &[Key::Char('?')]);
    app.update(Msg::Scroll(3));
    assert_eq!(app.tab.page.top.line, 3);
    app.update(Msg::Scroll(-3));
    assert_eq!(app.tab.page.top.line, 0);
}

#[test]
fn the_terminator_completes_a_page_and_closes_the_connection() {
    let mut app = app();
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url("gopher://example.org/")))));
    let commands = app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Chunk(b"1Docs\t/docs\texample.org\t70\r\n.\r\n".to_vec()),
    }));
    assert_eq!(commands[0], Command::Cancel(id));
    assert!(
        commands[1..]
            .iter()
            .all(|c| matches!(c, Command::EditLinks { .. })),
        "only the visit is recorded besides: {commands:?}"
    );
    assert!(!app.is_loading());
    assert_eq!(selected_url(&app), "gopher://example.org/1/docs");
}

#[test]
fn a_failed_reload_keeps_the_page_and_says_why() {
    let mut app = app_on_menu();
    keys(&mut app, &[Key::Down]);
    let back_before = app.tab.history.back_len();
    let (id, _) = fetched(&keys(&mut app, &[Key::Char('r')]));
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Failed(FetchError::IdleTimeout(std::time::Duration::from_secs(30))),
    }));
    assert!(matches!(app.tab.page.content, Content::Menu(_)));
    assert_eq!(selected_url(&app), "gopher://example.org/0/readme");
    assert_eq!(app.tab.history.back_len(), back_before);
    let notice = app.notice.clone().expect("notice");
    assert!(
        notice.is_error && notice.text.starts_with("Could not reload"),
        "{}",
        notice.text
    );
}

#[test]
fn enter_does_not_follow_a_link_scrolled_off_screen() {
    let mut app = app();
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url("gopher://example.org/")))));
    let mut menu = b"1Only link\t/secret\texample.org\t70\r\n".to_vec();
    for i in 0..50 {
        menu.extend_from_slice(format!("iinfo {i}\tfake\t(NULL)\t0\r\n").as_bytes());
    }
    reply(&mut app, id, &menu);
    for _ in 0..5 {
        app.update(Msg::Scroll(3));
    }
    assert!(app.tab.page.top.line > 0);
    assert!(keys(&mut app, &[Key::Enter]).is_empty());
    assert!(app.notice.is_some());
    keys(&mut app, &[Key::Home]);
    assert_eq!(
        fetched(&keys(&mut app, &[Key::Enter])).1,
        url("gopher://example.org/1/secret")
    );
}

fn untrusted(host_port: &str, fingerprint: Fingerprint) -> FetchEvent {
    FetchEvent::Failed(FetchError::UntrustedCertificate {
        host_port: host_port.into(),
        fingerprint,
        reason: "self-signed".into(),
    })
}

#[test]
fn first_contact_asks_and_yes_pins_saves_and_loads_again() {
    let mut app = app();
    let target = url("gophers://tofu.example/");
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(target.clone()))));
    let fingerprint = Fingerprint([7; 32]);
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: untrusted("tofu.example:70", fingerprint),
    }));
    assert!(app.question().is_some(), "the user is asked at once");
    let commands = keys(&mut app, &[Key::Char('y')]);
    assert_eq!(app.known_hosts.get("tofu.example:70"), Some(fingerprint));
    assert!(commands.contains(&Command::PinCertificate {
        host_port: "tofu.example:70".into(),
        fingerprint,
    }));
    let retry = commands.iter().find_map(|c| match c {
        Command::Fetch { url, pinned, .. } => Some((url.clone(), *pinned)),
        _ => None,
    });
    assert_eq!(retry, Some((target, Some(fingerprint))));
}

#[test]
fn declining_leaves_the_warning_page_and_t_asks_again() {
    let mut app = app();
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url("gophers://tofu.example/")))));
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: untrusted("tofu.example:70", Fingerprint([7; 32])),
    }));
    assert!(keys(&mut app, &[Key::Char('n')]).is_empty());
    assert!(app.known_hosts.is_empty());
    assert!(app.tab.page.trust_offer.is_some());
    keys(&mut app, &[Key::Char('t')]);
    assert!(app.question().is_some());
    keys(&mut app, &[Key::Esc]);
    assert!(app.question().is_none() && app.known_hosts.is_empty());
}

#[test]
fn a_changed_certificate_needs_t_then_yes_and_replaces_the_pin() {
    let mut app = app();
    let (old, new) = (Fingerprint([1; 32]), Fingerprint([2; 32]));
    app.known_hosts.pin("tofu.example:70", old);
    let commands = app.update(Msg::Open(Location::Gopher(url("gophers://tofu.example/"))));
    let pinned = commands.iter().find_map(|c| match c {
        Command::Fetch { id, pinned, .. } => Some((*id, *pinned)),
        _ => None,
    });
    let (id, pinned) = pinned.expect("a fetch");
    assert_eq!(pinned, Some(old), "the pin goes with the request");
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Failed(FetchError::CertificateChanged {
            host_port: "tofu.example:70".into(),
            pinned: old,
            presented: new,
        }),
    }));
    assert!(
        app.question().is_none(),
        "a changed certificate is never offered unasked"
    );
    assert!(
        matches!(&app.tab.page.content, Content::Error { headline, .. } if headline.starts_with("WARNING"))
    );
    keys(&mut app, &[Key::Char('t')]);
    let question = app
        .question()
        .map(|c| c.question.clone())
        .unwrap_or_default();
    assert!(question.starts_with("(y/n) REPLACE"), "{question}");
    keys(&mut app, &[Key::Char('y')]);
    assert_eq!(app.known_hosts.get("tofu.example:70"), Some(new));
}

#[test]
fn a_malformed_known_hosts_file_is_never_overwritten() {
    let mut app = app();
    app.known_hosts_problem = Some("line 3: bad".into());
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url("gophers://tofu.example/")))));
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: untrusted("tofu.example:70", Fingerprint([7; 32])),
    }));
    let commands = keys(&mut app, &[Key::Char('y')]);
    assert!(
        !commands
            .iter()
            .any(|c| matches!(c, Command::PinCertificate { .. }))
    );
    assert!(
        app.notice
            .as_ref()
            .is_some_and(|n| n.text.contains("this session only"))
    );
    assert_eq!(
        app.known_hosts.get("tofu.example:70"),
        Some(Fingerprint([7; 32]))
    );
}

#[test]
fn t_does_nothing_on_ordinary_pages() {
    let mut app = app_on_menu();
    assert!(keys(&mut app, &[Key::Char('t')]).is_empty());
    assert!(app.question().is_none());
}

#[test]
fn a_certificate_question_never_takes_keys_typed_into_an_open_prompt() {
    let mut app = app();
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url("gophers://tofu.example/")))));
    keys(&mut app, &[Key::Char('g')]);
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: untrusted("tofu.example:70", Fingerprint([7; 32])),
    }));
    assert!(
        app.question().is_none(),
        "no question while the user types an address"
    );
    keys(&mut app, &[Key::Char('y')]);
    assert!(app.known_hosts.is_empty());
    assert_eq!(
        app.prompt().map(|p| p.editor.text().to_owned()),
        Some("y".into())
    );
}

#[test]
fn same_host_links_stay_on_tls_whatever_the_case_of_the_host_name() {
    let mut app = app();
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url("gophers://example.org/")))));
    reply(&mut app, id, b"1Next\t/next\tEXAMPLE.org.\t70\r\n");
    let item = app.selected_item().expect("item");
    let link = app.link_url(app.tab.page.cursor, &item).expect("link");
    assert!(link.tls);
    assert_eq!(link.to_string(), "gophers://example.org/1/next");
}

fn chunk(app: &mut App, id: RequestId, bytes: &[u8]) -> Vec<Command> {
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Chunk(bytes.to_vec()),
    }))
}

fn links(from: usize, to: usize) -> Vec<u8> {
    (from..to)
        .flat_map(|i| format!("0Item {i}\t/{i}\texample.org\t70\r\n").into_bytes())
        .collect()
}

#[test]
fn a_page_shows_its_first_lines_before_the_transfer_ends_and_can_be_browsed() {
    let mut app = app();
    let target = url("gopher://example.org/");
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(target.clone()))));
    chunk(&mut app, id, &links(0, 3));
    assert!(app.is_loading(), "still loading");
    assert_eq!(app.tab.page.location, Location::Gopher(target));
    assert_eq!(app.tab.page.menu().map(|m| m.len()), Some(3));
    assert_eq!(selected_url(&app), "gopher://example.org/0/0");
    keys(&mut app, &[Key::Down]);
    assert_eq!(selected_url(&app), "gopher://example.org/0/1");
    chunk(&mut app, id, &links(3, 50));
    assert_eq!(app.tab.page.menu().map(|m| m.len()), Some(50));
    assert_eq!(
        selected_url(&app),
        "gopher://example.org/0/1",
        "the cursor stays put"
    );
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Done,
    }));
    assert!(!app.is_loading());
    assert!(app.tab.page.incomplete.is_none());
    assert_eq!(
        app.tab.history.back_len(),
        1,
        "the streamed page went into history once"
    );
}

#[test]
fn end_follows_a_growing_page_until_the_user_moves_up() {
    let mut app = app();
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url(
        "gopher://example.org/1/big",
    )))));
    chunk(&mut app, id, &links(0, 100));
    keys(&mut app, &[Key::End]);
    assert_eq!(app.tab.page.cursor, 99);
    chunk(&mut app, id, &links(100, 200));
    assert_eq!(app.tab.page.cursor, 199, "End follows the end as it grows");
    assert_eq!(app.tab.page.top.line, 200 - 22);
    keys(&mut app, &[Key::Up]);
    chunk(&mut app, id, &links(200, 300));
    assert_eq!(app.tab.page.cursor, 198, "after moving up the view stays");
}

#[test]
fn a_reply_cut_off_part_way_keeps_what_arrived_marked_incomplete() {
    let mut app = app();
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url(
        "gopher://example.org/0/long",
    )))));
    chunk(&mut app, id, b"first line\r\nsecond line\r\n");
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Failed(FetchError::Transfer(
            "the server reset the connection after 24 B".into(),
        )),
    }));
    let doc = app.tab.page.text_doc().expect("a text page");
    let lines: Vec<&str> = doc.lines().collect();
    assert_eq!(
        lines,
        [
            "first line",
            "second line",
            "",
            "[incomplete] the server reset the connection after 24 B"
        ],
        "the page says it is incomplete and why"
    );
    assert_eq!(
        app.tab.page.incomplete.as_deref(),
        Some("the server reset the connection after 24 B")
    );
    assert!(
        app.notice
            .as_ref()
            .is_some_and(|n| n.is_error && n.text.starts_with("Incomplete"))
    );
}

#[test]
fn escape_after_the_first_lines_keeps_them_marked_incomplete() {
    let mut app = app();
    let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url("gopher://example.org/")))));
    chunk(&mut app, id, &links(0, 5));
    assert_eq!(keys(&mut app, &[Key::Esc]), vec![Command::Cancel(id)]);
    let menu = app.tab.page.menu().expect("a menu");
    assert_eq!(menu.len(), 6);
    assert_eq!(
        menu.item(5).map(|i| i.display),
        Some("[incomplete] loading was cancelled")
    );
    assert_eq!(
        app.tab.page.incomplete.as_deref(),
        Some("loading was cancelled")
    );
    keys(&mut app, &[Key::Left]);
    assert_eq!(app.tab.page.location, Location::Start);
}

#[test]
fn a_reload_keeps_the_old_page_until_the_new_one_is_complete() {
    let mut app = app_on_menu();
    let before = app.tab.page.clone();
    let (id, _) = fetched(&keys(&mut app, &[Key::Char('r')]));
    chunk(&mut app, id, b"iNew\tfake\t(NULL)\t0\r\n");
    assert_eq!(app.tab.page, before, "nothing changes mid-reload");
    app.update(Msg::Fetch(FetchUpdate {
        id,
        event: FetchEvent::Done,
    }));
    assert_eq!(app.tab.page.menu().map(|m| m.len()), Some(1));
}

#[test]
fn junk_replies_never_panic_and_still_make_a_page() {
    let mut junk: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    junk.extend(std::iter::repeat_n(0u8, 10_000));
    let one_long_line = vec![b'x'; 1024 * 1024];
    for (path, body) in [
        ("/1/junk", &junk),
        ("/0/junk", &junk),
        ("/1/line", &one_long_line),
    ] {
        let mut app = app();
        let (id, _) = fetched(&app.update(Msg::Open(Location::Gopher(url(&format!(
            "example.org{path}"
        ))))));
        for piece in body.chunks(4096) {
            chunk(&mut app, id, piece);
        }
        app.update(Msg::Fetch(FetchUpdate {
            id,
            event: FetchEvent::Done,
        }));
        keys(&mut app, &[Key::End, Key::PageUp, Key::Down, Key::Home]);
        assert!(!app.is_loading());
        assert_eq!(
            app.tab.page.location,
            Location::Gopher(url(&format!("example.org{path}")))
        );
    }
}
