//! Hostile bytes, proven at the screen: every control and escape form, placed in every spot
//! where server text can appear, rendered through the real view into a `TestBackend`. Nothing
//! may reach the terminal buffer, and the printable neighbours ("A" before, "Z" after) still
//! show.

use burrow::app::Location;
use burrow::app::input::Key;
use burrow::app::{App, Command, Msg};
use burrow::gopher::GopherUrl;
use burrow::gopher::transfer::{
    DownloadEvent, DownloadUpdate, FetchError, FetchEvent, FetchUpdate,
};
use burrow::ui::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Every form of terminal control a server might send.
const FORMS: &[(&str, &[u8])] = &[
    (
        "C0 controls",
        b"\x01\x02\x03\x04\x05\x06\x0e\x0f\x10\x1a\x1c\x1f",
    ),
    ("NUL", b"\x00"),
    ("DEL", b"\x7f"),
    ("C1 as a raw byte (CSI)", b"\x9b2J"),
    ("C1 as UTF-8 (CSI)", "\u{9b}2J".as_bytes()),
    ("C1 as UTF-8 (NEL, OSC)", "\u{85}\u{9d}0;t\u{9c}".as_bytes()),
    ("CSI erase and colour", b"\x1b[2J\x1b[1;31m"),
    ("CSI cursor moves", b"\x1b[H\x1b[10;10H\x1b[5A"),
    ("OSC 52 clipboard", b"\x1b]52;c;aGVsbG8=\x07"),
    ("OSC 8 hyperlink", b"\x1b]8;;http://evil.example/\x1b\\"),
    ("OSC title set", b"\x1b]0;pwned\x07"),
    ("OSC title set, ST", b"\x1b]2;pwned\x1b\\"),
    ("DCS", b"\x1bP1$qm\x1b\\"),
    ("title report", b"\x1b[21t"),
    ("device status report", b"\x1b[6n"),
    ("SOS/PM/APC", b"\x1bXsos\x1b\\\x1b^pm\x1b\\\x1b_apc\x1b\\"),
    ("BEL", b"\x07"),
    ("backspaces", b"\x08\x08\x08"),
    ("bare CR", b"\r"),
    (
        "bidi overrides",
        "\u{202e}\u{202d}\u{2066}\u{2067}\u{2068}\u{2069}".as_bytes(),
    ),
    ("charset switch", b"\x1b(0\x1b)0"),
    ("reset", b"\x1bc"),
];

fn with_neighbours(form: &[u8]) -> Vec<u8> {
    [b"A", form, b"Z"].concat()
}

fn loaded(url: &str, reply: &[u8]) -> App {
    let mut app = App::new(burrow::app::AppConfig::default(), (100, 12));
    let commands = app.update(Msg::Open(Location::Gopher(
        GopherUrl::parse(url).expect("url"),
    )));
    let Some(Command::Fetch { id, .. }) = commands.first() else {
        panic!("fetch expected")
    };
    for event in [FetchEvent::Chunk(reply.to_vec()), FetchEvent::Done] {
        app.update(Msg::Fetch(FetchUpdate { id: *id, event }));
    }
    app
}

fn failed(message: String) -> App {
    let mut app = App::new(burrow::app::AppConfig::default(), (100, 12));
    let commands = app.update(Msg::Open(Location::Gopher(
        GopherUrl::parse("example.org/").expect("url"),
    )));
    let Some(Command::Fetch { id, .. }) = commands.first() else {
        panic!("fetch expected")
    };
    app.update(Msg::Fetch(FetchUpdate {
        id: *id,
        event: FetchEvent::Failed(FetchError::Transfer(message)),
    }));
    app
}

/// A place server text reaches the screen, and how to build an app that shows `text` there.
type Place = (&'static str, Box<dyn Fn(&[u8]) -> App>);

/// The places server text reaches the screen.
fn places() -> Vec<Place> {
    vec![
        (
            "menu display text",
            Box::new(|t: &[u8]| {
                loaded(
                    "example.org/",
                    &[b"0", t, b"\t/sel\texample.org\t70\r\n"].concat(),
                )
            }),
        ),
        (
            "info line",
            Box::new(|t: &[u8]| {
                loaded(
                    "example.org/",
                    &[b"i", t, b"\tfake\t(NULL)\t0\r\n"].concat(),
                )
            }),
        ),
        (
            "menu host",
            Box::new(|t: &[u8]| loaded("example.org/", &[b"0Item\t/s\t", t, b"\t70\r\n"].concat())),
        ),
        (
            "menu selector",
            Box::new(|t: &[u8]| {
                loaded(
                    "example.org/",
                    &[b"0Item\t/", t, b"\texample.org\t70\r\n"].concat(),
                )
            }),
        ),
        (
            "web link target",
            Box::new(|t: &[u8]| {
                loaded(
                    "example.org/",
                    &[b"hWeb\tURL:http://", t, b"\th\t70\r\n"].concat(),
                )
            }),
        ),
        (
            "text document",
            Box::new(|t: &[u8]| loaded("example.org/0/doc", &[t, b"\r\n"].concat())),
        ),
        (
            "server error line",
            Box::new(|t: &[u8]| {
                loaded(
                    "example.org/1/x",
                    &[b"3", t, b"\t\terror.host\t1\r\n"].concat(),
                )
            }),
        ),
        (
            "error message",
            Box::new(|t: &[u8]| failed(String::from_utf8_lossy(t).into_owned())),
        ),
        (
            "prompt",
            Box::new(|t: &[u8]| {
                let mut app = App::new(burrow::app::AppConfig::default(), (100, 12));
                app.update(Msg::Key(Key::Char('g')));
                for c in String::from_utf8_lossy(t).chars() {
                    app.update(Msg::Key(Key::Char(c)));
                }
                app
            }),
        ),
        (
            "download name on the download line",
            Box::new(|t: &[u8]| {
                let mut app = loaded(
                    "example.org/",
                    &[b"9File\t/", t, b"\texample.org\t70\r\n"].concat(),
                );
                app.update(Msg::Key(Key::Enter));
                app
            }),
        ),
        (
            "download name in the downloads list",
            Box::new(|t: &[u8]| {
                let mut app = loaded(
                    "example.org/",
                    &[b"9File\t/", t, b"\texample.org\t70\r\n"].concat(),
                );
                app.update(Msg::Key(Key::Enter));
                app.update(Msg::Key(Key::Char('w')));
                app
            }),
        ),
        (
            "download failure reason in the downloads list",
            Box::new(|t: &[u8]| {
                let mut app = loaded("example.org/", b"9File\t/f.bin\texample.org\t70\r\n");
                let commands = app.update(Msg::Key(Key::Enter));
                let Some(Command::Download { id, .. }) = commands.first() else {
                    panic!("download expected")
                };
                app.update(Msg::Download(DownloadUpdate {
                    id: *id,
                    event: DownloadEvent::Failed(String::from_utf8_lossy(t).into_owned()),
                }));
                app.update(Msg::Key(Key::Char('w')));
                app
            }),
        ),
        (
            "notice after following a link with a hostile host",
            Box::new(|t: &[u8]| {
                let mut app = loaded("example.org/", &[b"0Item\t/s\t", t, b"\t70\r\n"].concat());
                app.update(Msg::Key(Key::Enter));
                app
            }),
        ),
    ]
}

fn screen_text(app: &App) -> (String, bool) {
    let mut terminal = Terminal::new(TestBackend::new(100, 12)).expect("terminal");
    terminal
        .draw(|frame| render(app, &Theme::colour(), frame))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    let mut clean = true;
    for cell in buffer.content() {
        let symbol = cell.symbol();
        if symbol.chars().any(|c| {
            c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
        }) {
            clean = false;
        }
        text.push_str(symbol);
    }
    (text, clean)
}

/// A backslash splits a download's name (only the last segment is kept), and a selector with
/// NUL or CR cannot be sent at all (the link is refused with a notice): in those cases a
/// neighbour is rightly gone.
fn cuts_a_file_name(place: &str, form: &[u8]) -> bool {
    place.starts_with("download name") && form.iter().any(|b| matches!(b, b'\\' | 0 | b'\r'))
}

#[test]
fn no_control_or_escape_form_reaches_the_screen_from_any_place() {
    let mut failures = Vec::new();
    for (place, build) in places() {
        for (form, bytes) in FORMS {
            let app = build(&with_neighbours(bytes));
            let (text, clean) = screen_text(&app);
            if !clean {
                failures.push(format!(
                    "{form} in {place}: a control character reached the screen"
                ));
            }
            let neighbours_shown = text.contains('A') && text.contains('Z');
            if !neighbours_shown && !cuts_a_file_name(place, bytes) {
                failures.push(format!(
                    "{form} in {place}: the neighbours A and Z are not shown"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn in_display_text_the_neighbours_stay_adjacent_once_the_control_is_removed() {
    for (form, bytes) in FORMS {
        let app = loaded(
            "example.org/",
            &[
                b"0",
                &with_neighbours(bytes)[..],
                b"\t/s\texample.org\t70\r\n",
            ]
            .concat(),
        );
        let (text, _) = screen_text(&app);
        // A raw 0x9B in a line that is not UTF-8 is Windows-1252's `›`, not a CSI: it stays,
        // and so does the text after it.
        // A lone C1 control in UTF-8 (NEL here) is a re-encoded Windows-1252 byte: `…`.
        let expected = match *bytes {
            b"\x9b2J" => "A\u{203a}2JZ",
            b"\xc2\x85\xc2\x9d0;t\xc2\x9c" => "A\u{2026}Z",
            _ => "AZ",
        };
        assert!(text.contains(expected), "{form}: {text:?}");
    }
}

#[test]
fn wide_combining_and_joined_characters_and_huge_lines_keep_the_layout() {
    let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}\u{200d}\u{1f466}";
    let line = format!("\u{4e2d}\u{6587} e\u{301}\u{302} {family} \u{1f1eb}\u{1f1f7} end");
    let huge = "\u{4e2d}".repeat(100_000);
    let reply = format!("{line}\r\n{huge}\r\nlast line\r\n");
    let app = loaded("example.org/0/wide", reply.as_bytes());
    let mut terminal = Terminal::new(TestBackend::new(100, 12)).expect("terminal");
    terminal
        .draw(|frame| render(&app, &Theme::colour(), frame))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    // Every row is exactly the width: nothing spills or shifts the status bar.
    let row = |y: u16| -> String {
        (0..100)
            .map(|x| buffer.cell((x, y)).map_or(" ", |c| c.symbol()))
            .collect()
    };
    assert!(row(1).starts_with("\u{4e2d}"));
    // Terminals disagree on a joined sequence's width (tmux draws two columns, xterm eight),
    // so the joiners go and each person takes its own two columns.
    let people = "\u{1f468} \u{1f469} \u{1f467} \u{1f466} ";
    assert!(
        row(1).contains(people),
        "the joined emoji shows its parts: {}",
        row(1)
    );
    assert!(
        row(1).contains("e\u{301}\u{302}"),
        "combining marks stay on their letter"
    );
    for y in 2..11 {
        assert!(
            row(y).starts_with('\u{4e2d}'),
            "row {y} is the wrapped huge line"
        );
    }
    assert!(
        row(11).starts_with("Row 1 of "),
        "the status bar is in place: {}",
        row(11)
    );
}
