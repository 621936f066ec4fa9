//! Copying with `y`/`Y`: to the terminal with OSC 52 unless `[commands] clipboard` names a
//! program, which then gets the text on its standard input; the status bar says truthfully
//! which way the text went, and whether the program took it. Update level, and the real
//! binary in a pseudo-terminal with a real program as the clipboard.

use crate::harness::driver::{app, keys, notice, show};
use crate::harness::pty::*;
use crate::harness::{Reply, TestServer, link};
use burrow::app::input::Key;
use burrow::app::{Command, Msg};

const MENU: &[u8] = b"0Notes\t/notes.txt\tgopher.example\t70\r\n.\r\n";

#[test]
fn without_a_clipboard_program_the_text_goes_to_the_terminal_and_the_notice_says_so() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/", MENU);
    assert_eq!(
        keys(&mut app, &[Key::Char('y')]),
        vec![Command::CopyToClipboard(
            "gopher://gopher.example/0/notes.txt".into()
        )]
    );
    assert_eq!(
        notice(&app),
        "Sent gopher://gopher.example/0/notes.txt to the terminal's clipboard (OSC 52)"
    );
}

#[test]
fn with_a_clipboard_program_it_gets_the_text_and_the_notice_waits_for_its_answer() {
    let mut app = app();
    app.programs.clipboard = vec!["xclip".into(), "-selection".into(), "clipboard".into()];
    show(&mut app, "gopher://gopher.example/", MENU);
    assert_eq!(
        keys(&mut app, &[Key::Char('Y')]),
        vec![Command::CopyWithProgram {
            argv: vec!["xclip".into(), "-selection".into(), "clipboard".into()],
            text: "gopher://gopher.example/".into(),
        }]
    );
    assert_eq!(
        notice(&app),
        "Copying gopher://gopher.example/ (with xclip)"
    );
    app.update(Msg::Problem(
        "Not copied: xclip failed (exit status: 1): Error: Can't open display".into(),
    ));
    assert_eq!(
        notice(&app),
        "Not copied: xclip failed (exit status: 1): Error: Can't open display"
    );
}

#[test]
fn a_configured_clipboard_program_receives_the_copied_address_in_the_real_binary() {
    let server = TestServer::start(|port| {
        let menu = link('0', "Notes", "/notes.txt", port) + ".\r\n";
        vec![("", Reply::Bytes(menu.into_bytes()))]
    });
    let home = tempfile::tempdir().expect("temporary home");
    let copied = home.path().join("copied text");
    let config_dir = home.path().join("config/burrow");
    std::fs::create_dir_all(&config_dir).expect("config folder");
    // Given as argv: sh runs the one-line script, and the file name is its argument.
    std::fs::write(
        config_dir.join("config.toml"),
        format!(
            "[commands]\nclipboard = [\"sh\", \"-c\", \"cat > \\\"$0\\\"\", {:?}]\n",
            copied.display().to_string()
        ),
    )
    .expect("config");
    let start = format!("gopher://127.0.0.1:{}/", server.port());
    let mut burrow = PtySession::spawn_in(BURROW, &[&start], home.path());
    burrow.wait_for_text("Notes");
    burrow.send("y");
    let expected = format!("gopher://127.0.0.1:{}/0/notes.txt", server.port());
    burrow.wait_for_status(&format!("Copied {expected} (with sh)"));
    assert_eq!(
        std::fs::read_to_string(&copied).expect("the program wrote the file"),
        expected
    );
    burrow.send("q");
    assert!(burrow.wait_for_exit().success());
}
