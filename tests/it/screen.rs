//! Screen tests: render the real view into ratatui's `TestBackend` and assert on the cells.

use crate::harness::driver::{assert_no_control_characters, draw, rows};
use burrow::app::Location;
use burrow::app::builtin_pages::help_text;
use burrow::app::input::{Key, Keymap};
use burrow::app::{App, Command, Msg};
use burrow::gopher::GopherUrl;
use burrow::gopher::transfer::{FetchError, FetchEvent, FetchUpdate, Fingerprint, TlsTrust};
use burrow::ui::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

const WIDTH: u16 = 60;
const HEIGHT: u16 = 12;

/// A status row `width` columns wide: `left`, then `right` (the menu position) at the end.
fn status_line(width: usize, left: &str, right: &str) -> String {
    format!(
        "{left}{}{right}",
        " ".repeat(width - left.len() - right.len())
    )
}

fn app_with(url: &str, reply: &[u8]) -> App {
    let mut app = App::new(burrow::app::AppConfig::default(), (WIDTH, HEIGHT));
    let url = GopherUrl::parse(url).expect("url");
    let commands = app.update(Msg::Open(Location::Gopher(url)));
    let Some(Command::Fetch { id, .. }) = commands.first() else {
        panic!("fetch expected")
    };
    for event in [FetchEvent::Chunk(reply.to_vec()), FetchEvent::Done] {
        app.update(Msg::Fetch(FetchUpdate { id: *id, event }));
    }
    app
}

#[test]
fn a_menu_shows_labels_info_lines_the_cursor_and_the_selected_url() {
    let app = app_with(
        "gopher://example.org/",
        b"iWelcome to the hole\tfake\t(NULL)\t0\r\n\
          1Documents\t/docs\texample.org\t70\r\n\
          0About this server\t/about.txt\tother.example\t7070\r\n\
          7Search\t/s\texample.org\t70\r\n",
    );
    let buffer = draw(&app);
    let screen = rows(&buffer);
    assert!(screen[0].starts_with(" Burrow  gopher://example.org/ "));
    assert!(screen[0].ends_with("[not encrypted]"), "{}", screen[0]);
    assert_eq!(screen[1], "       Welcome to the hole");
    assert_eq!(screen[2], "   DIR Documents");
    assert_eq!(screen[3], "   TXT About this server");
    assert_eq!(screen[4], "SEARCH Search");
    assert_eq!(
        screen[11],
        status_line(60, "gopher://example.org/1/docs", "item 1 of 3")
    );
    let cursor_cell = buffer.cell((10, 2)).expect("cell");
    assert!(
        cursor_cell.modifier.contains(Modifier::REVERSED),
        "cursor row is highlighted"
    );
    let other_cell = buffer.cell((10, 3)).expect("cell");
    assert!(!other_cell.modifier.contains(Modifier::REVERSED));
}

#[test]
fn the_status_bar_shows_the_real_target_not_the_display_text() {
    let mut app = app_with(
        "gopher://example.org/",
        b"0gopher://trusted.example/ (honest!)\t/x\tevil.example\t7000\r\n",
    );
    let screen = rows(&draw(&app));
    let status = status_line(60, "gopher://evil.example:7000/0/x", "item 1 of 1");
    assert_eq!(screen[11], status);
    app.update(Msg::Key(Key::Down));
    assert_eq!(rows(&draw(&app))[11], status);
}

#[test]
fn a_web_link_shows_its_target_url_in_the_status_bar() {
    let app = app_with(
        "gopher://example.org/",
        b"hProject site\tURL:https://example.org/project\texample.org\t70\r\n",
    );
    assert_eq!(
        rows(&draw(&app))[11],
        status_line(60, "Web link: https://example.org/project", "item 1 of 1")
    );
}

#[test]
fn text_wraps_wide_characters_by_display_width_without_splitting_them() {
    // 35 CJK characters are 70 columns: at 60 columns the 31st character starts row two.
    let line: String = std::iter::repeat_n('\u{4e2d}', 35).collect();
    let app = app_with(
        "gopher://example.org/0/cjk",
        format!("{line}\r\nnext\r\n").as_bytes(),
    );
    let screen = rows(&draw(&app));
    let first: String = std::iter::repeat_n('\u{4e2d}', 30).collect();
    let second: String = std::iter::repeat_n('\u{4e2d}', 5).collect();
    // TestBackend shows a wide character's second cell as a space-less continuation.
    assert_eq!(screen[1].replace(' ', ""), first);
    assert_eq!(screen[2].replace(' ', ""), second);
    assert_eq!(screen[3], "next");
    assert!(
        screen[11].starts_with("Row 1 of 3 (100%)"),
        "{}",
        screen[11]
    );
}

#[test]
fn loading_shows_the_url_a_spinner_the_bytes_and_how_to_cancel() {
    let mut app = App::new(burrow::app::AppConfig::default(), (WIDTH + 20, HEIGHT));
    let commands = app.update(Msg::Open(Location::Gopher(
        GopherUrl::parse("example.org/0/big").expect("url"),
    )));
    let Some(Command::Fetch { id, .. }) = commands.first() else {
        panic!("fetch expected")
    };
    app.update(Msg::Fetch(FetchUpdate {
        id: *id,
        event: FetchEvent::Connected("192.0.2.7:70".into()),
    }));
    app.update(Msg::Fetch(FetchUpdate {
        id: *id,
        event: FetchEvent::Chunk(vec![b'a'; 2048]),
    }));
    let status = rows(&draw(&app))[11].clone();
    assert_eq!(
        status,
        "\u{280b} Loading gopher://example.org/0/big  2 KiB  (Esc cancels)"
    );
    app.update(Msg::Tick);
    let status = rows(&draw(&app))[11].clone();
    assert!(
        status.starts_with('\u{2819}'),
        "the spinner moves on a tick: {status}"
    );
}

#[test]
fn an_error_page_says_what_was_tried_and_why() {
    let mut app = App::new(burrow::app::AppConfig::default(), (WIDTH + 20, 16));
    let url = GopherUrl::parse("gopher://example.org:7070/0/missing").expect("url");
    let commands = app.update(Msg::Open(Location::Gopher(url)));
    let Some(Command::Fetch { id, .. }) = commands.first() else {
        panic!("fetch expected")
    };
    app.update(Msg::Fetch(FetchUpdate {
        id: *id,
        event: FetchEvent::Failed(FetchError::IdleTimeout(std::time::Duration::from_secs(30))),
    }));
    let screen = rows(&draw(&app));
    assert_eq!(
        screen[1],
        "Could not load gopher://example.org:7070/0/missing"
    );
    let body = screen.join("\n");
    assert!(body.contains("Host:      example.org"));
    assert!(body.contains("Port:      7070"));
    assert!(body.contains("Selector:  /missing"));
    assert!(body.contains("Why: the server sent nothing for 30 s (idle timeout)"));
}

#[test]
fn the_go_to_prompt_is_drawn_in_the_status_bar_with_the_cursor() {
    let mut app = App::new(burrow::app::AppConfig::default(), (WIDTH, HEIGHT));
    for c in "gexample.org".chars() {
        app.update(Msg::Key(Key::Char(c)));
    }
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
    terminal
        .draw(|frame| render(&app, &Theme::colour(), frame))
        .expect("draw");
    let screen = rows(terminal.backend().buffer());
    assert_eq!(screen[11], "Go to: example.org");
    let cursor = terminal.get_cursor_position().expect("cursor");
    assert_eq!((cursor.x, cursor.y), (18, 11));
}

#[test]
fn hostile_bytes_in_a_menu_never_reach_the_screen_and_neighbours_still_show() {
    let app = app_with(
        "gopher://example.org/",
        b"0A\x1b[2JB\x1b]0;title\x07C\xc2\x9b1mD\x07\x08E\xe2\x80\xaeF\t/x\x1b[H\texample.org\t70\r\n\
          i\x1bP+q\x1b\\plain \x7f\xe9\x9b31m!\tfake\t(NULL)\t0\r\n",
    );
    let buffer = draw(&app);
    assert_no_control_characters(&buffer, "a hostile menu");
    let screen = rows(&buffer);
    // A valid UTF-8 line: C1 as UTF-8 and a bidi override are removed.
    assert_eq!(screen[1], "   TXT ABCDEF");
    // Not UTF-8, so decoded as Windows-1252: the raw 0x9B byte is the quote `›`, not a CSI,
    // and the text after it stays.
    assert_eq!(screen[2], "       plain \u{e9}\u{203a}31m!");
    // The selector's escape is shown percent-encoded in the status bar.
    assert_eq!(
        screen[11],
        status_line(60, "gopher://example.org/0/x%1B%5BH", "item 1 of 1")
    );
}

#[test]
fn a_tiny_terminal_does_not_panic() {
    for (w, h) in [(1, 1), (2, 3), (5, 2), (0, 0)] {
        let mut app = app_with(
            "gopher://example.org/",
            b"1Docs\t/docs\texample.org\t70\r\n",
        );
        app.update(Msg::Resize(w, h));
        app.update(Msg::Key(Key::Down));
        let _ = draw(&app);
    }
}

#[test]
fn no_color_theme_uses_no_colours() {
    let theme = Theme::monochrome();
    for style in [
        theme.title_bar,
        theme.link,
        theme.label_link,
        theme.error_line,
        theme.headline,
    ] {
        assert_eq!(style.fg, None);
        assert_eq!(style.bg, None);
    }
}

#[test]
fn the_help_page_lists_every_key() {
    // The help page's key column: the text before the first run of two spaces on each
    // indented line, split on commas.
    let keymap = Keymap::default();
    let text = help_text(&keymap);
    let listed: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .filter_map(|l| l.split("  ").next())
        .flat_map(|keys| keys.split(", ").map(|k| k.trim().to_owned()))
        .collect();
    for (key, action) in keymap.bindings() {
        assert!(
            listed.contains(&key.name()),
            "help does not list {} ({action:?})",
            key.name()
        );
    }
}

#[test]
fn the_help_page_on_screen_shows_remapped_keys() {
    let mut app = App::new(burrow::app::AppConfig::default(), (70, 100));
    app.keymap
        .remap("help", &["F".to_owned(), "C-h".to_owned()])
        .expect("valid");
    app.keymap.remap("up", &["K".to_owned()]).expect("valid");
    app.update(Msg::Key(Key::Char('?')));
    assert_eq!(
        app.tab.page.location,
        Location::Start,
        "? no longer opens help"
    );
    app.update(Msg::Key(Key::Char('F')));
    assert_eq!(app.tab.page.location, Location::Help);
    let screen = rows(&draw(&app)).join("\n");
    assert!(
        screen.contains("  K                    previous link"),
        "{screen}"
    );
    assert!(!screen.contains("Up, k"), "{screen}");
    assert!(
        screen.contains("  F, Ctrl-H            show this help"),
        "{screen}"
    );
    assert!(!screen.contains("  ?  "), "{screen}");
    assert!(screen.ends_with("q/Esc/F close help"), "{screen}");
    app.update(Msg::Key(Key::Char('q')));
    assert_eq!(app.tab.page.location, Location::Start, "q closed help");
}

fn loaded_over_tls(trust: TlsTrust) -> App {
    let mut app = App::new(burrow::app::AppConfig::default(), (WIDTH + 20, HEIGHT));
    let url = GopherUrl::parse("gophers://secure.example/").expect("url");
    let commands = app.update(Msg::Open(Location::Gopher(url)));
    let Some(Command::Fetch { id, .. }) = commands.first() else {
        panic!("fetch expected")
    };
    for event in [
        FetchEvent::Connected("192.0.2.9:70".into()),
        FetchEvent::Secured(trust),
        FetchEvent::Chunk(
            b"1Same host\t/in\tsecure.example\t70\r\n1Other\t/\tother.example\t70\r\n".to_vec(),
        ),
        FetchEvent::Done,
    ] {
        app.update(Msg::Fetch(FetchUpdate { id: *id, event }));
    }
    app
}

#[test]
fn the_title_bar_shows_how_the_page_was_secured() {
    let ca = rows(&draw(&loaded_over_tls(TlsTrust::CaVerified)));
    assert!(ca[0].starts_with(" Burrow  gophers://secure.example/"));
    assert!(ca[0].ends_with("[TLS: CA-verified]"), "{}", ca[0]);
    let pinned = rows(&draw(&loaded_over_tls(TlsTrust::Pinned)));
    assert!(
        pinned[0].ends_with("[TLS: pinned certificate]"),
        "{}",
        pinned[0]
    );
    let start = rows(&draw(&App::new(
        burrow::app::AppConfig::default(),
        (WIDTH, HEIGHT),
    )));
    assert_eq!(
        start[0], " Burrow  about:start",
        "built-in pages carry no label"
    );
}

#[test]
fn links_to_the_same_host_stay_on_tls_and_others_do_not() {
    let mut app = loaded_over_tls(TlsTrust::Pinned);
    assert_eq!(
        rows(&draw(&app))[11],
        status_line(80, "gophers://secure.example/1/in", "item 1 of 2")
    );
    app.update(Msg::Key(Key::Down));
    assert_eq!(
        rows(&draw(&app))[11],
        status_line(80, "gopher://other.example/1/", "item 2 of 2")
    );
}

#[test]
fn an_unverified_certificate_page_shows_the_fingerprint_and_asks() {
    let mut app = App::new(burrow::app::AppConfig::default(), (120, 24));
    let url = GopherUrl::parse("gophers://self.example:7443/").expect("url");
    let commands = app.update(Msg::Open(Location::Gopher(url)));
    let Some(Command::Fetch { id, .. }) = commands.first() else {
        panic!("fetch expected")
    };
    let fingerprint = Fingerprint([0xab; 32]);
    app.update(Msg::Fetch(FetchUpdate {
        id: *id,
        event: FetchEvent::Failed(FetchError::UntrustedCertificate {
            host_port: "self.example:7443".into(),
            fingerprint,
            reason: "it is not signed by a known authority (self-signed?)".into(),
        }),
    }));
    let screen = rows(&draw(&app));
    assert_eq!(screen[1], "Unverified certificate for self.example:7443");
    let [first, second] = fingerprint.as_two_lines();
    assert!(screen.iter().any(|l| l.trim() == first.trim()));
    assert!(screen.iter().any(|l| l.trim() == second.trim()));
    assert_eq!(
        screen[23],
        "(y/n) Trust the certificate shown for self.example:7443?"
    );
    assert!(
        screen[23].len() <= 80,
        "the question fits an 80-column terminal"
    );
}

#[test]
fn ipv6_hosts_in_menus_show_bracketed_in_the_status_bar() {
    let app = app_with("gopher://[::1]:7070/", b"0On v6\t/v6.txt\t::1\t7070\r\n");
    let screen = rows(&draw(&app));
    assert!(screen[0].starts_with(" Burrow  gopher://[::1]:7070/ "));
    assert_eq!(
        screen[11],
        status_line(60, "gopher://[::1]:7070/0/v6.txt", "item 1 of 1")
    );
}
