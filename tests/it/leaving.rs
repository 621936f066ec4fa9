//! Leaving gopherspace safely (state-machine level): web links, telnet and tn3270 items. What
//! goes out is shown and asked about first, goes out as an argument vector (never a shell),
//! and gopher URLs stay inside Burrow.

use crate::harness::driver::{app, fetched, keys, notice, question, show};
use burrow::app::Command;
use burrow::app::input::Key;

const LINKS: &[u8] = b"hWeb page\tURL:https://example.org/page\tgopher.example\t70\r\n\
hGopher via URL\tURL:gopher://other.example/0/readme\tgopher.example\t70\r\n\
hSneaky option\tURL:--no-sandbox\tgopher.example\t70\r\n\
hLocal file\tURL:file:///etc/passwd\tgopher.example\t70\r\n\
8Club BBS\tguest\tbbs.example\t2323\r\n\
TMainframe\t\tibm.example\t23\r\n\
.\r\n";

fn on_links() -> burrow::app::App {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/", LINKS);
    app
}

#[test]
fn a_web_link_shows_its_real_target_and_opens_only_after_yes() {
    let mut app = on_links();
    assert!(keys(&mut app, &[Key::Enter]).is_empty(), "nothing runs yet");
    assert_eq!(
        question(&app),
        "(y/n) Open https://example.org/page with xdg-open?"
    );
    let commands = keys(&mut app, &[Key::Char('y')]);
    assert_eq!(
        commands,
        vec![Command::RunDetached(vec![
            "xdg-open".into(),
            "https://example.org/page".into()
        ])]
    );
}

#[test]
fn declining_a_web_link_runs_nothing() {
    let mut app = on_links();
    keys(&mut app, &[Key::Enter]);
    assert!(keys(&mut app, &[Key::Char('n')]).is_empty());
    assert!(app.question().is_none());
}

#[test]
fn a_gopher_url_behind_a_web_link_opens_inside_burrow() {
    let mut app = on_links();
    let commands = keys(&mut app, &[Key::Down, Key::Enter]);
    let (_, url) = fetched(&commands);
    assert_eq!(url.to_string(), "gopher://other.example/0/readme");
    assert!(app.question().is_none());
}

#[test]
fn option_like_and_unknown_scheme_links_are_refused_with_a_reason() {
    let mut app = on_links();
    assert!(keys(&mut app, &[Key::Down, Key::Down, Key::Enter]).is_empty());
    assert!(app.question().is_none());
    assert!(notice(&app).contains("starts with '-'"), "{}", notice(&app));
    assert!(keys(&mut app, &[Key::Down, Key::Enter]).is_empty());
    assert!(
        notice(&app).contains("only http, https"),
        "{}",
        notice(&app)
    );
}

#[test]
fn telnet_items_show_host_port_and_login_then_hand_over_the_terminal() {
    let mut app = on_links();
    keys(&mut app, &[Key::Down, Key::Down, Key::Down, Key::Down]);
    assert!(keys(&mut app, &[Key::Enter]).is_empty());
    assert_eq!(
        question(&app),
        "(y/n) Start a telnet session to bbs.example port 2323? Log in as: guest."
    );
    assert_eq!(
        keys(&mut app, &[Key::Char('y')]),
        vec![Command::RunInTerminal(vec![
            "telnet".into(),
            "bbs.example".into(),
            "2323".into()
        ])]
    );
}

#[test]
fn tn3270_items_use_the_tn3270_program() {
    let mut app = on_links();
    app.programs.tn3270 = vec!["c3270".into(), "-model".into(), "2".into()];
    keys(&mut app, &[Key::End, Key::Enter]);
    assert!(question(&app).starts_with("(y/n) Start a tn3270 session to ibm.example port 23?"));
    assert_eq!(
        keys(&mut app, &[Key::Char('y')]),
        vec![Command::RunInTerminal(vec![
            "c3270".into(),
            "-model".into(),
            "2".into(),
            "ibm.example".into(),
            "23".into()
        ])]
    );
}

#[test]
fn without_a_configured_opener_the_target_is_only_shown() {
    let mut app = on_links();
    app.programs.opener.clear();
    assert!(keys(&mut app, &[Key::Enter]).is_empty());
    assert!(app.question().is_none());
    assert!(notice(&app).contains("https://example.org/page"));
}

/// The screen's rows joined without their frame characters and spaces, so text wrapped across
/// rows of a box reads as one string.
fn screen_letters(app: &burrow::app::App) -> String {
    crate::harness::driver::screen_rows(app)
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace() && !"│┌┐└┘─".contains(*c))
        .collect()
}

#[test]
fn a_question_too_long_for_the_status_bar_is_shown_whole_before_the_answer() {
    let target = format!(
        "https://www.bank.example.com{}@evil.example/steal",
        ".".repeat(90)
    );
    let host = format!("{}.example", "very-long-host-name".repeat(3));
    let menu = format!(
        "hLong web\tURL:{target}\tgopher.example\t70\r\n8Long chat\tguest-login\t{host}\t2323\r\n.\r\n"
    );
    for (key_presses, must_show) in [
        (vec![Key::Enter], vec![target.clone()]),
        (
            vec![Key::Down, Key::Enter],
            vec![host.clone(), "guest-login".to_owned()],
        ),
    ] {
        for width in [100u16, 40] {
            let mut app = app();
            app.update(burrow::app::Msg::Resize(width, 24));
            show(&mut app, "gopher://gopher.example/", menu.as_bytes());
            keys(&mut app, &key_presses);
            assert!(!question(&app).is_empty());
            let letters = screen_letters(&app);
            for text in &must_show {
                assert!(
                    letters.contains(text.as_str()),
                    "{text} is not shown whole at width {width}:\n{:#?}",
                    crate::harness::driver::screen_rows(&app)
                );
            }
        }
    }
}

#[test]
fn item_info_wraps_a_long_selector_and_url_instead_of_cutting_them() {
    let selector = format!("/{}/end-of-selector", "deep/".repeat(30));
    let menu = format!("0Deep file\t{selector}\tgopher.example\t70\r\n.\r\n");
    let mut app = app();
    show(&mut app, "gopher://gopher.example/", menu.as_bytes());
    keys(&mut app, &[Key::Char('i')]);
    let letters = screen_letters(&app);
    assert!(letters.contains(&selector), "{letters}");
    assert!(letters.contains(&format!("gopher://gopher.example/0{selector}")));
}

#[test]
fn a_web_link_written_with_a_leading_slash_asks_like_any_web_link() {
    // From a real gophermap: `hWho Killed Gopher?<TAB>/URL:https://…` (phetch reads it so).
    let mut app = app();
    let map = b"hWho Killed Gopher?\t/URL:https://www.ics.uci.edu/~rohit/IEEE-L7-http-gopher.html\tgopher.example\t70\r\n";
    show(&mut app, "gopher://gopher.example/", map);
    let commands = keys(&mut app, &[Key::Enter]);
    assert!(
        fetched_none(&commands),
        "not fetched as Gopher: {commands:?}"
    );
    assert_eq!(
        question(&app),
        "(y/n) Open https://www.ics.uci.edu/~rohit/IEEE-L7-http-gopher.html with xdg-open?"
    );
}

fn fetched_none(commands: &[Command]) -> bool {
    !commands.iter().any(|c| matches!(c, Command::Fetch { .. }))
}
